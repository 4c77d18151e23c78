"""What mou's hooks work out once, WeasyPrint each time (mou/pdf/speedups.py: setup, strut, split_first_line), never shows.

WeasyPrint makes a Pango context and a font description for every text layout, and works
out its strut each time; mou does so once per style, and shares contexts and descriptions
within a font configuration. WeasyPrint fits a text into a line again for the same text,
style and width; mou once per document. These tests render a page whose text varies
every value either depends on, with WeasyPrint's own setup and with mou's, and compare what
a reader would see; and they check each layout's context has its text's language and direction.
"""

from __future__ import annotations

import pytest
import weasyprint
from conftest import ROOT
from readback import pdf_pages
from test_ua_stylesheet import placed_boxes, sample_html
from weasyprint.layout import inline as weasy_inline
from weasyprint.text import line_break
from weasyprint.text.ffi import ffi, pango
from weasyprint.text.fonts import FontConfiguration

import mou.pdf.speedups as hooks
import mou.pdf.thai_patches as thai_patches
from mou.pdf.render import install_patches
from mou.pdf.ua_stylesheet import IndexedHTML

TEMPLATES = ROOT / "templates" / "standard"
# Languages (none, Thai, English, one from font-language-override), both directions,
# decorations (which read font metrics through the context), sizes, weights, styles,
# small caps, font features, a ::first-line (a copy of its paragraph's style, with other
# font values), line heights (the strut) and logical margins, paddings, borders and sizes.
VARIED = """<html><head><link rel="stylesheet" href="style.css"></head><body>
<p lang="th">บันทึกข้อตกลงความร่วมมือ อำเภอชุมแพ <u>ขีดเส้นใต้</u> <b>ตัวหนา</b> <i>ตัวเอียง</i></p>
<p lang="en">Memorandum of understanding, <s>struck</s> and <span style="font-size: 20pt">large</span>
<span style="font-variant: small-caps">small caps</span> <span style="font-feature-settings: 'liga' 0">office</span></p>
<p>No language at all, <span style="font-weight: 300">light</span> and <span style="font-stretch: condensed">condensed</span></p>
<p style="font-language-override: 'THA'">override ภาษาไทย</p>
<p lang="en" dir="rtl" style="margin-inline-start: 2cm; border-inline-end: 2pt solid">right to left, <span style="text-decoration: overline">over</span></p>
<p style="margin-inline-start: 1cm; padding-block-start: 4pt; max-inline-size: 12cm">logical sides</p>
<style>.first::first-line { font-size: 18pt; font-weight: bold } .tall { line-height: 2 } .tall span { padding: 0.5lh }</style>
<p class="first tall" lang="th" style="width: 8cm">บรรทัดแรกตัวใหญ่กว่า <span>บรรทัดอื่น</span> ของย่อหน้าเดียวกัน ซึ่งยาวพอที่จะขึ้นบรรทัดใหม่</p>
</body></html>"""

ffi.cdef(
    "PangoContext * pango_layout_get_context (PangoLayout *layout);\n"
    "PangoLanguage * pango_context_get_language (PangoContext *context);\n"
    "const char * pango_language_to_string (PangoLanguage *language);\n"
    "PangoDirection pango_context_get_base_dir (PangoContext *context);"
)
install_patches()  # the tests compare the speed-ups with WeasyPrint's own functions, kept in hooks.ORIGINAL


def render(setup, strut=hooks.strut) -> weasyprint.document.Document:
    """Render the varied page with the given Layout.setup and strut, in a font configuration of its own."""
    install_patches()
    modules = hooks._STRUT_MODULES
    original = line_break.Layout.setup, [module.strut for module in modules]
    line_break.Layout.setup = setup
    for module in modules:
        module.strut = strut
    try:
        return weasyprint.HTML(string=VARIED, base_url=str(TEMPLATES) + "/").render(font_config=FontConfiguration())
    finally:
        line_break.Layout.setup = original[0]
        for module, function in zip(modules, original[1]):
            module.strut = function


@pytest.mark.slow
def test_setup_and_strut_once_per_style_place_the_same_boxes_and_draw_the_same_text(tmp_path):
    theirs, ours = render(hooks.ORIGINAL["setup"], hooks.ORIGINAL["strut"]), render(hooks.setup)
    assert placed_boxes(theirs) == placed_boxes(ours)
    texts = []
    for name, document in (("theirs", theirs), ("ours", ours)):
        document.write_pdf(tmp_path / f"{name}.pdf")
        texts.append(pdf_pages(tmp_path / f"{name}.pdf"))
    assert texts[0] == texts[1]
    assert "อำเภอชุมแพ" in texts[0][0] and "large" in texts[0][0]


def contexts_seen(setup) -> list[tuple]:
    """Render the varied page with a setup; return per layout its style's language and direction, and its context's."""
    seen = []

    def watched(self, style):
        setup(self, style)
        context = pango.pango_layout_get_context(self.layout)
        seen.append(
            (
                style["lang"],
                style["font_language_override"],
                style["direction"],
                language_name(pango.pango_context_get_language(context)),
                pango.pango_context_get_base_dir(context),
                context,
                style.font_config,
            )
        )

    assert render(watched).pages
    return seen


def test_each_layout_has_the_context_weasyprint_gives_it_and_they_are_shared():
    theirs, ours = contexts_seen(hooks.ORIGINAL["setup"]), contexts_seen(hooks.setup)
    assert [entry[:5] for entry in theirs] == [entry[:5] for entry in ours]
    languages = {(lang, override): language for lang, override, _, language, _, _, _ in ours}
    assert len(languages) == 4 and languages[("th", "normal")] == "th" and languages[("en", "normal")] == "en"
    assert {direction for _, _, direction, _, _, _, _ in ours} == {"ltr", "rtl"}
    # Shared: one context per language and direction, not one per layout.
    addresses = {}
    for lang, override, direction, _, _, context, _ in ours:
        addresses.setdefault((lang, override, direction), set()).add(int(ffi.cast("uintptr_t", context)))
    assert all(len(found) == 1 for found in addresses.values())
    assert len(set.union(*addresses.values())) == len(addresses) == len(ours[0][6].mou_contexts)
    assert len(ours) > 2 * len(addresses)


def language_name(language) -> str | None:
    """Return a Pango language's name, None for none."""
    return None if language == ffi.NULL else ffi.string(pango.pango_language_to_string(language)).decode()


@pytest.mark.parametrize("changed", ["font_weight", "font_size", "font_style", "font_variant_caps"])
def test_a_font_description_is_shared_only_by_the_same_font_values(changed):
    document = render(hooks.setup)
    config = document.pages[0]._page_box.style.font_config
    descriptions = config.mou_font_descriptions
    index = hooks._FONT_DESCRIPTION_PROPERTIES.index(changed)
    # The page varies each of these, so some descriptions differ only in that value.
    rest = [key[:index] + key[index + 1 :] for key in descriptions]
    assert len(set(rest)) < len(rest)
    assert len({id(description) for description in descriptions.values()}) == len(descriptions)


@pytest.mark.parametrize("language", ["th", "th-en"])
@pytest.mark.slow
def test_fitting_a_text_once_per_document_places_the_same_boxes(language, monkeypatch):
    # The sample's Thai edition (rebreaks) and its side-by-side one (table cells measured,
    # then laid out) fit many texts more than once.
    html = sample_html(language)
    calls = []
    fitted = thai_patches.fitted_first_line

    def counted(*args, **kwargs):  # the Thai patch's fitting, counted
        calls.append(args[:4])
        return fitted(*args, **kwargs)

    monkeypatch.setitem(hooks.ORIGINAL, "split_first_line", counted)
    documents = []
    for function in (counted, hooks.split_first_line):
        monkeypatch.setattr(weasy_inline, "split_first_line", function)
        calls.clear()
        documents.append(
            weasyprint.HTML(string=html, base_url=str(TEMPLATES) + "/").render(font_config=FontConfiguration())
        )
        documents[-1].calls = len(calls)
    theirs, ours = documents
    assert placed_boxes(theirs) == placed_boxes(ours)
    assert ours.calls < theirs.calls  # some texts fitted once instead of twice or more


def test_a_fitted_line_is_reused_only_for_the_very_same_style(monkeypatch):
    fitted = []
    monkeypatch.setitem(
        hooks.ORIGINAL, "split_first_line", lambda text, style, *rest: fitted.append(style) or (text, style)
    )

    class Context:
        pass

    class Style(dict):
        pass

    context, style, other = Context(), Style(), Style()
    assert hooks.split_first_line("ข้อความ", style, context, 100.0, 0) == ("ข้อความ", style)
    assert hooks.split_first_line("ข้อความ", style, context, 100.0, 0) == ("ข้อความ", style)
    assert fitted == [style]
    hooks.split_first_line("ข้อความ", style, context, 90.0, 0)
    assert len(fitted) == 2
    # A style that took a dead one's id (as Python reuses them) gets its own fitting.
    key = next(iter(context.mou_first_lines))
    context.mou_first_lines[(key[0], id(other), *key[2:])] = context.mou_first_lines.pop(key)
    assert hooks.split_first_line("ข้อความ", other, context, 100.0, 0) == ("ข้อความ", other)
    assert fitted[-1] is other


def test_html_is_parsed_the_same_with_its_scanning_expressions_made_once(monkeypatch):
    # tinyhtml5 files the expressions it scans with under themselves, so it never finds one;
    # mou files them under the characters asked for (mou/pdf/speedups.py: chars_until).
    import re
    from xml.etree import ElementTree

    import tinyhtml5
    import tinyhtml5.inputstream

    html = sample_html("th-en")
    stream = tinyhtml5.inputstream.HTMLUnicodeInputStream
    monkeypatch.setattr(tinyhtml5.inputstream, "characters_until_regex", {})  # as in a new process
    monkeypatch.setattr(stream, "chars_until", hooks.ORIGINAL["chars_until"])
    theirs = ElementTree.tostring(tinyhtml5.parse(html))
    monkeypatch.setattr(stream, "chars_until", hooks.chars_until)
    made = []
    compile_ = re.compile
    monkeypatch.setattr(re, "compile", lambda *args: made.append(args) or compile_(*args))
    ours = ElementTree.tostring(tinyhtml5.parse(html))
    made.clear()
    assert ElementTree.tostring(tinyhtml5.parse(html)) == ours == theirs
    assert made == []  # the second document made none
    # And each expression is one tinyhtml5 made itself in the first parse (filed under itself).
    regexes = tinyhtml5.inputstream.characters_until_regex
    theirs_made = {key[0].pattern for key in regexes if isinstance(key[0], re.Pattern)}
    ours_made = {regex.pattern for key, regex in regexes.items() if not isinstance(key[0], re.Pattern)}
    assert ours_made and ours_made <= theirs_made


@pytest.mark.parametrize("source", ["varied", "sample"])
@pytest.mark.slow
def test_styles_computed_at_once_have_every_value_weasyprint_computes(source, monkeypatch):
    # mou/pdf/speedups.py: computed_missing takes an undeclared property's initial or
    # inherited value at once. Every property of every style of a page, computed both ways.
    from weasyprint.css import ComputedStyle
    from weasyprint.css.properties import INITIAL_VALUES

    html = VARIED if source == "varied" else sample_html("th-en")
    made = []
    original_init = ComputedStyle.__init__
    monkeypatch.setattr(ComputedStyle, "__init__", lambda self, *args: made.append(self) or original_init(self, *args))
    computed = {}
    for name, missing in (("theirs", hooks.ORIGINAL["__missing__"]), ("ours", hooks.computed_missing)):
        monkeypatch.setattr(ComputedStyle, "__missing__", missing)
        made.clear()
        weasyprint.HTML(string=html, base_url=str(TEMPLATES) + "/").render(font_config=FontConfiguration())
        computed[name] = [[repr(style[key]) for key in sorted(INITIAL_VALUES)] for style in made]
    assert len(computed["ours"]) == len(computed["theirs"]) > 20
    assert computed["ours"] == computed["theirs"]


def styles_of(html: str, fonts: FontConfiguration, monkeypatch) -> tuple[list, int]:
    """Render html with a font configuration; return every element and page style's values, and how many it computed."""
    from weasyprint.css import ComputedStyle
    from weasyprint.css.properties import INITIAL_VALUES

    made, computed = [], [0]
    original_init, missing = ComputedStyle.__init__, ComputedStyle.__missing__
    monkeypatch.setattr(ComputedStyle, "__init__", lambda self, *args: made.append(self) or original_init(self, *args))
    monkeypatch.setattr(
        ComputedStyle, "__missing__", lambda self, key: computed.__setitem__(0, computed[0] + 1) or missing(self, key)
    )
    document = IndexedHTML(string=html, base_url=str(TEMPLATES) + "/").render(font_config=fonts)
    calls = computed[0]
    values = [[repr(style[key]) for key in sorted(INITIAL_VALUES)] for style in made]
    monkeypatch.undo()
    return [placed_boxes(document), values], calls


@pytest.mark.slow
def test_a_later_document_starts_with_the_styles_an_earlier_one_computed_and_gets_the_same(monkeypatch):
    # mou/style_memo.py: the Thai and the side-by-side edition of the sample rendered after
    # the other sample with the same font configuration (as a batch's worker does), and in
    # a font configuration of their own: the same boxes and the same value of every property
    # of every style, with far fewer properties computed the second time.
    install_patches()
    for language in ("th", "th-en"):
        html = sample_html(language)
        fresh, fresh_calls = styles_of(html, FontConfiguration(), monkeypatch)
        warm_fonts = FontConfiguration()
        styles_of(html.replace("มหาวิทยาลัยขอนแก่น", "มหาวิทยาลัยขอนแก่น (ฉบับก่อน)"), warm_fonts, monkeypatch)
        warm, warm_calls = styles_of(html, warm_fonts, monkeypatch)
        assert warm == fresh
        assert warm_calls < fresh_calls / 3, (warm_calls, fresh_calls)


def test_styles_with_lengths_relative_to_the_page_are_never_remembered():
    # vw and friends are resolved against each document's first page.
    from mou.pdf.ua_stylesheet import IndexedHTML as Indexed

    html = """<html><body><div class="half" style="width: 50vw"><p>in half</p></div>
    <div style="margin-left: calc(2vw + 1px)">calc</div><p class="plain">plain</p></body></html>"""
    install_patches()
    document = Indexed(string=html).render(font_config=FontConfiguration())
    signed = {
        "".join(box.element.itertext()).strip(): "mou_signature" in box.style.__dict__
        for box in document.pages[0]._page_box.descendants()
        if type(box).__name__ == "BlockBox" and box.element.tag in ("div", "p")
    }
    assert signed == {"in half": False, "calc": False, "plain": True}
