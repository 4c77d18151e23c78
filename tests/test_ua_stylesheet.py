"""mou's user-agent stylesheet (mou/ua_stylesheet.py) is WeasyPrint's, rewritten only where its matcher could not index it.

The rewrite is for speed; these tests check it changes nothing a reader could see: the same
rules in the same order, and the same boxes at the same places, with WeasyPrint's own
stylesheet and with mou's, on a page using exactly the rules rewritten, on one with list
markers, footnotes and notes (the pseudo-element rules mou's cascade applies on request),
and on a sample.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from xml.etree import ElementTree

import cssselect2
import pytest
import tinycss2
import weasyprint
import weasyprint.html
from conftest import ROOT
from weasyprint.text.fonts import FontConfiguration

from mou.pdf import ua_stylesheet
from mou.pdf.ua_stylesheet import (
    IndexedHTML,
    _every_elements_pseudo,
    _last_compound_start,
    _split_commas,
    derived_sheets,
    every_elements_pseudo_styles,
    spelled_out,
)

TEMPLATES = ROOT / "templates" / "standard"


@pytest.fixture(autouse=True)
def mous_hooks() -> None:
    """Render both ways with mou's WeasyPrint hooks, as a build does (mou's stylesheet needs its cascade hook)."""
    from mou.pdf.render import install_patches

    install_patches()


# Every rule the rewrite touches: nested lists, lists under dir attributes, hidden table
# parts, and tables with rules and frame attributes.
EXERCISE = """<html lang="en"><head><link rel="stylesheet" href="style.css"></head><body>
<ul><li>one<ol><li>nested <menu><li>deeper</li></menu></li></ol><ul><li>circle<ul><li>square</li></ul></li></ul></li></ul>
<div dir="rtl"><ul><li>right to left</li></ul><div dir="ltr"><ol><li>left again</li></ol>
<div dir="rtl"><menu><li>three deep</li></menu></div></div></div>
<ul dir="ltr" class="x"><li>own dir</li></ul>
<table rules="all" frame="box"><tbody><tr><td>a</td><th>b</th></tr><tr hidden><td>c</td></tr></tbody></table>
<table rules="rows"><tr><td>d</td></tr></table>
</body></html>"""
# Every pseudo-element WeasyPrint's stylesheet styles on every element, with author rules
# for some of them that outweigh its declarations (text-transform, font-variant-numeric)
# or do not (a class whose rule sets nothing they set).
PSEUDO = """<html lang="en"><head><link rel="stylesheet" href="style.css"><style>
li.red::marker { color: rgb(200, 0, 0); font-size: 20pt }
ol.roman { list-style-type: lower-roman }
.loud::marker { text-transform: uppercase; font-variant-numeric: normal }
p.item { display: list-item; list-style-position: inside }
.fn { float: footnote }
.note { position: note(right) }
</style></head><body>
<ol class="roman"><li>first</li><li class="red">second</li><li class="red loud">third</li></ol>
<ul><li>bullet</li><li class="loud">loud bullet</li></ul>
<p class="item">a paragraph as a list item</p>
<p>Text with a footnote<span class="fn">The footnote itself.</span> and more.</p>
<p>Text with a note<span class="note">The note itself.</span> and more.</p>
</body></html>"""


def rules(css: str) -> list[tuple[str, str]]:
    """Return a stylesheet's rules as (selector list, declarations), comments and spacing dropped."""
    parsed = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return [
        (
            tinycss2.serialize(rule.prelude).strip() if rule.type == "qualified-rule" else rule.serialize(),
            tinycss2.serialize(getattr(rule, "content", None) or []).strip(),
        )
        for rule in parsed
    ]


@pytest.mark.slow
def test_the_rules_left_out_are_the_bare_pseudo_element_ones_and_nothing_else_styles_those_pseudo_elements():
    kept, left_out = _every_elements_pseudo(weasyprint.html.UA)
    assert [selector for selector, _ in rules(left_out)] == [
        "::marker",
        "::footnote-call",
        "::footnote-marker",
        "::note-call",
        "::note-marker",
        "::note-callback",
    ]
    # Split, not changed: the rules of both, in order, are the stylesheet's.
    original = rules(weasyprint.html.UA)
    assert sorted(rules(kept) + rules(left_out)) == sorted(original)
    assert [rule for rule in original if rule in rules(kept)] == rules(kept)
    # No kept rule styles these pseudo-elements, so merging the left-out declarations in
    # later never meets a tie the cascade would have settled by order.
    for selector_list, _ in rules(kept):
        assert not any(f"::{pseudo}" in selector_list for pseudo in every_elements_pseudo_styles()), selector_list
    assert set(every_elements_pseudo_styles()) == {
        "marker",
        "footnote-call",
        "footnote-marker",
        "note-call",
        "note-marker",
        "note-callback",
    }


def test_the_same_rules_in_the_same_order_with_only_leading_is_of_names_spelled_out():
    original, indexed = rules(_every_elements_pseudo(weasyprint.html.UA)[0]), rules(indexed_css())
    assert len(original) == len(indexed) > 100
    changed = [(old, new) for old, new in zip(original, indexed) if old != new]
    assert all(old[1] == new[1] for old, new in changed)  # declarations untouched
    assert len(changed) == 11
    for (old, _), (new, _) in changed:
        assert ":is(" in old and count_selectors(new) > count_selectors(old)
    # What the rewrite is for: no selector left that ends in a leading :is() of plain names.
    for selector_list, _ in indexed:
        for selector in _split_commas(tinycss2.parse_component_value_list(selector_list)):
            compound = tinycss2.serialize(selector[_last_compound_start(selector) :]).strip()
            assert not (
                compound.startswith(":is(")
                and all(part.strip().isalpha() for part in compound[4 : compound.index(")")].split(","))
            ), selector_list


def count_selectors(selector_list: str) -> int:
    """Count the selectors of a selector list (its top-level commas, not those inside :is())."""
    return len(_split_commas(tinycss2.parse_component_value_list(selector_list)))


def placed_boxes(document: weasyprint.document.Document) -> list[tuple]:
    """Return every box of every page: its kind, place, size, text and the colours and decorations it is drawn with."""
    found = []
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants(placeholders=True):  # with absolute boxes (outside list markers)
            style = box.style
            found.append(
                (
                    number,
                    type(box).__name__,
                    round(box.position_x, 3),
                    round(box.position_y, 3),
                    round(box.width or 0, 3),
                    round(box.height or 0, 3),
                    getattr(box, "text", None),
                    style["color"],
                    style["text_decoration_line"],
                    style["list_style_type"],
                    style["direction"],
                    style["visibility"],
                    style["border_top_style"],
                    style["font_size"],
                    style["white_space"],
                    style["vertical_align"],
                    style["font_variant_numeric"],
                )
            )
    return found


def indexed_css() -> str:
    """Return the text mou's user-agent stylesheet is made from."""
    return spelled_out(_every_elements_pseudo(weasyprint.html.UA)[0])


@pytest.mark.parametrize("source", ["exercise", "pseudo", "sample"])
@pytest.mark.slow
def test_weasyprints_stylesheet_and_mous_place_the_same_boxes(source):
    html = {"exercise": EXERCISE, "pseudo": PSEUDO}.get(source) or sample_html()
    fonts = FontConfiguration()
    theirs = weasyprint.HTML(string=html, base_url=str(TEMPLATES) + "/").render(font_config=fonts)
    ours = IndexedHTML(string=html, base_url=str(TEMPLATES) + "/").render(font_config=fonts)
    assert len(theirs.pages) == len(ours.pages)
    assert placed_boxes(theirs) == placed_boxes(ours)
    if source == "exercise":  # the page shows what the rewritten rules style
        found = placed_boxes(ours)
        assert {"TableCellBox", "LineBox", "TextBox"} <= {entry[1] for entry in found}
        assert {"rtl", "ltr"} <= {entry[10] for entry in found}
        assert {"circle", "square"} & {entry[9] for entry in found}
    if source == "pseudo":  # markers styled by both rules, and the footnote's call and marker
        texts = [entry[6] for entry in placed_boxes(ours) if entry[6] and entry[6].strip()]
        assert {"i. ", "ii. ", "III. ", "1", "1. "} <= set(texts), texts
        red = [entry for entry in placed_boxes(ours) if entry[6] == "ii. "][0]
        assert red[13] == pytest.approx(20 * 4 / 3) and "0.78" in str(red[7])


@pytest.mark.slow
def test_pseudo_element_styles_are_made_only_for_the_pseudo_elements_asked_for(monkeypatch):
    # What leaving those rules out is for: WeasyPrint made six such styles for every element.
    cascades = []
    original = weasyprint.css.StyleFor.__init__
    monkeypatch.setattr(
        weasyprint.css.StyleFor,
        "__init__",
        lambda self, *args, **kwargs: cascades.append(self) or original(self, *args, **kwargs),
    )
    counts = []
    for html_class in (weasyprint.HTML, IndexedHTML):
        html_class(string=sample_html(), base_url=str(TEMPLATES) + "/").render(font_config=FontConfiguration())
        counts.append(sum(1 for _, pseudo in cascades[-1]._computed_styles if pseudo in every_elements_pseudo_styles()))
    theirs, ours = counts
    assert theirs >= 6 * 90  # six for each of the sample's 95 elements
    assert ours < theirs / 10, counts


def sample_html(language: str = "th") -> str:
    """Return the HTML of one edition of the KKU sample, rendered from its record."""
    from mou.html.templating import render_html, shared_environment
    from mou.pipeline.layout import Layout
    from mou.records.validation import load_project

    layout = Layout(ROOT, ROOT / "output")
    project = load_project(ROOT)
    agreement = project.agreements["chumphae-kku-digital-skills"]
    env = shared_environment(layout.templates, "test")
    return render_html(
        env,
        layout.templates,
        "chumphae-kku-digital-skills",
        agreement,
        [project.parties[p] for p in agreement.parties],
        language,
    ).html


def test_a_rendered_pdf_uses_mous_stylesheet(monkeypatch):
    # The PDF stage renders with IndexedHTML while the speed-ups are on: the other tests
    # would not notice if it stopped.
    from mou.pdf import render as pdf_render
    from mou.pdf import ua_stylesheet

    made = []
    monkeypatch.setattr(ua_stylesheet, "IndexedHTML", lambda **options: made.append(options) or IndexedHTML(**options))
    html = "<html><head><link rel='stylesheet' href='style.css'></head><body><p>x</p></body></html>"
    pdf_render.render_pdf(html, TEMPLATES, [TEMPLATES.parent], "test")
    assert len(made) == 1
    assert Path(made[0]["base_url"].rstrip("/")) == TEMPLATES


def test_the_derived_stylesheets_read_back_from_the_cache_are_the_ones_made_now(tmp_path, monkeypatch):
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path))
    made = (spelled_out(_every_elements_pseudo(weasyprint.html.UA)[0]), _every_elements_pseudo(weasyprint.html.UA)[1])
    assert derived_sheets.__wrapped__(weasyprint.html.UA) == made  # made, and stored
    assert len(list((tmp_path / "ua-stylesheet").iterdir())) == 1
    monkeypatch.setattr(ua_stylesheet, "_derive", lambda css: pytest.fail("derived again"))
    assert derived_sheets.__wrapped__(weasyprint.html.UA) == made  # read back


def described(sheet: weasyprint.CSS) -> list:
    """Return all a parsed sheet holds, comparable: each selector's test as its code, and the rules' values pickled."""
    matcher = sheet.matcher
    indexed = [matcher.id_selectors, matcher.class_selectors, matcher.lower_local_name_selectors]
    indexed.append(matcher.namespace_selectors)
    entries = [(key, entry) for index in indexed for key, found in index.items() for entry in found]
    entries += [(None, entry) for entry in matcher.lang_attr_selectors + matcher.other_selectors]
    out: list = [matcher.order, pickle.dumps(sheet.page_rules), pickle.dumps(sheet.layers), sheet.base_url]
    for key, (test, specificity, order, pseudo, payload) in entries:
        out.append((key, test.__code__, specificity, order, pseudo, pickle.dumps(payload)))
    return out


def parsed_now(css: str) -> weasyprint.CSS:
    """Return a sheet as WeasyPrint parses it."""
    return weasyprint.CSS(string=css, counter_style={})


def test_the_parsed_stylesheet_read_back_from_the_cache_is_the_one_parsed_now(tmp_path, monkeypatch):
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path))
    css = derived_sheets(weasyprint.html.UA)[0]
    expected = described(parsed_now(css))
    assert len(expected) > 300  # the selectors are there to compare
    assert described(ua_stylesheet.parsed_sheet(css)) == expected  # parsed, and kept
    assert len(list((tmp_path / ua_stylesheet.PARSED_KIND).iterdir())) == 1
    monkeypatch.setattr(ua_stylesheet, "parse", lambda css: pytest.fail("parsed again"))
    read_back = ua_stylesheet.parsed_sheet(css)
    assert described(read_back) == expected


def test_a_read_back_sheet_matches_as_the_parsed_one(tmp_path, monkeypatch):
    # Its tests run: the same styles for the same elements, through WeasyPrint's cascade.
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path))
    css = derived_sheets(weasyprint.html.UA)[0]
    ua_stylesheet.parsed_sheet(css)
    read_back, parsed = ua_stylesheet.parsed_sheet(css), parsed_now(css)
    assert read_back is not parsed and isinstance(read_back, weasyprint.CSS)
    root = weasyprint.HTML(string=EXERCISE + PSEUDO, base_url=str(TEMPLATES)).etree_element
    elements = list(cssselect2.ElementWrapper.from_html_root(root).iter_subtree())
    assert len(elements) > 20

    def matched(sheet: weasyprint.CSS) -> list:
        return [[(s, o, p, pickle.dumps(d)) for s, o, p, d in sheet.matcher.match(e)] for e in elements]

    assert matched(read_back) == matched(parsed)
    assert any(matched(parsed))


@pytest.mark.parametrize("damage", ["truncated", "foreign", "unwritable"])
def test_a_damaged_entry_or_an_unwritable_cache_folder_parses_the_sheet(tmp_path, monkeypatch, damage):
    css = derived_sheets(weasyprint.html.UA)[1]
    expected = described(parsed_now(css))
    folder = tmp_path / "cache"
    monkeypatch.setenv("MOU_CACHE_DIR", str(folder))
    if damage == "unwritable":
        folder.write_text("a file where the folder should be", encoding="utf-8")
    else:
        ua_stylesheet.parsed_sheet(css)
        (entry,) = (folder / ua_stylesheet.PARSED_KIND).iterdir()
        payload = pickle.dumps(os.system) if damage == "foreign" else entry.read_bytes()[32:100]
        entry.write_bytes(hashlib.sha256(payload).digest() + payload)  # a sound entry holding the wrong thing
    assert described(ua_stylesheet.parsed_sheet(css)) == expected


def test_the_parsed_sheet_is_named_by_its_text(tmp_path, monkeypatch):
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path))
    first, second = "p { color: red }", "p { color: blue }"
    assert described(ua_stylesheet.parsed_sheet(first)) == described(parsed_now(first))
    assert described(ua_stylesheet.parsed_sheet(second)) == described(parsed_now(second))
    assert described(ua_stylesheet.parsed_sheet(first)) != described(ua_stylesheet.parsed_sheet(second))
    assert len(list((tmp_path / ua_stylesheet.PARSED_KIND).iterdir())) == 2


@pytest.mark.parametrize("why", ["switched off", "other files"])
def test_switched_off_or_with_other_weasyprint_files_the_sheet_is_parsed_and_not_kept(tmp_path, monkeypatch, why):
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path))
    if why == "switched off":
        monkeypatch.setenv("MOU_ACCELERATE", "0")
    else:
        monkeypatch.setitem(ua_stylesheet.PARSED_TESTED_FILES, "css/__init__.py", "0" * 64)
    css = "p { color: red }"
    assert described(ua_stylesheet.parsed_sheet(css)) == described(parsed_now(css))
    assert not (tmp_path / ua_stylesheet.PARSED_KIND).exists()


def test_a_sheet_whose_parse_warns_is_not_kept(tmp_path, monkeypatch):
    # Read back, it would not warn again: each parse says what the parse says.
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path))
    css = "p { colour: red } div { color: blue }"
    assert described(ua_stylesheet.parsed_sheet(css)) == described(parsed_now(css))
    assert not (tmp_path / ua_stylesheet.PARSED_KIND).exists()


def test_a_sheet_holding_a_function_other_than_a_selector_test_is_not_kept():
    sheet = parsed_now("p { color: red }")
    sheet.layers.append(ElementTree.fromstring)  # a function with other names than a selector test's
    assert ua_stylesheet.kept_sheet(sheet) is None
    assert ua_stylesheet.kept_sheet(parsed_now("p { color: red }")) is not None
