"""Speed-ups of WeasyPrint that leave every output byte as it is; each switches itself off when it may not fit.

| speed-up | what it spares |
|---|---|
| stylesheets parsed once (cached_css) | parsing and validating style.css for every document of a batch |
| layout set-up once per style (setup, strut) | a Pango context, font description and strut per text layout |
| lines fitted once (split_first_line) | fitting the same text into the same width again in one document |
| tinyhtml5's expressions made once (chars_until) | compiling the same regular expression on every call (its cache never hits) |
| an indexable user-agent stylesheet (ua_stylesheet.py) | matching eleven `:is()` rules and six pseudo-element rules on every element |
| computed styles remembered across a batch (style_memo.py, computed_missing) | computing the same style's properties again in the next document |
| font subsets kept in mou's cache folder (subset) | HarfBuzz cutting the same glyphs out of the same font again, in every process |
| percentages resolved in one function (resolve_percentages) | seventeen calls of two helper functions for every box laid out, mostly for lengths that are no percentage |

They fail open: install() compares the source of every WeasyPrint, tinyhtml5 and cssselect2
function they replace or re-derive with the source they were tested with; if any differs,
none is installed, one note says so, and documents are rendered at WeasyPrint's own speed,
with the same bytes. `MOU_ACCELERATE=0` leaves them out as well (a test builds the samples
both ways and compares the bytes).
"""

from __future__ import annotations

import copy
import hashlib
import logging
import re
import sys
from dataclasses import dataclass
from math import inf
from typing import Any
from xml.etree import ElementTree

import tinyhtml5.inputstream
import weasyprint
import weasyprint.css as weasy_css
import weasyprint.css.computed_values as weasy_computed_values
import weasyprint.css.units as weasy_units
import weasyprint.html
import weasyprint.layout.absolute
import weasyprint.layout.block
import weasyprint.layout.column
import weasyprint.layout.float
import weasyprint.layout.grid
import weasyprint.layout.page
import weasyprint.layout.table
from weasyprint.css.functions import check_math
from weasyprint.formatting_structure import boxes as weasy_boxes
from weasyprint.layout import inline as weasy_inline
from weasyprint.layout import percent as weasy_percent
from weasyprint.pdf import fonts as weasy_fonts
from weasyprint.text import line_break
from weasyprint.text.ffi import ffi, gobject, harfbuzz, pango
from weasyprint.urls import fetch

from mou.core.cache import cache_key, cached_entry, file_digest, store_entry
from mou.pdf import glyph_codes, style_memo, thai_patches, ua_stylesheet
from mou.pdf.accelerate import wanted
from mou.pdf.declarations import declare
from mou.pdf.warnings import collected_warnings

# The modules that imported strut by name, to be given mou's.
_STRUT_MODULES = (line_break, weasy_inline, weasy_units, weasy_computed_values)
# The modules that call resolve_percentages: by the name they imported, or through the percent module (flex).
_PERCENT_MODULES = (
    weasy_percent,
    weasy_inline,
    weasyprint.layout.absolute,
    weasyprint.layout.block,
    weasyprint.layout.column,
    weasyprint.layout.float,
    weasyprint.layout.grid,
    weasyprint.layout.page,
    weasyprint.layout.table,
)
# SHA-256 of the source of everything the speed-ups replace, wrap or re-derive, as tested
# (WeasyPrint 70.0, tinyhtml5 2.1.0); "UA" is WeasyPrint's user-agent stylesheet itself.
TESTED_SOURCES: dict[str, set[str]] = {
    "CSS": {"c9b29e561ebe07eaaa96422fae35ca622fa483ce127f2e32ee9187e16b22bc2d"},
    "find_stylesheets": {"ac92dbb80c3fd936f05ccb33501b54a438e03126b2ae756adcaa1d3a6958b0ca"},
    "setup": {"fb227a55094f41d42fbd57f180d8b7a9a1e741969ec8ddb3fd5cd80920257442"},
    "strut": {"b57885b70dd08efe92f72a746709e08c576f47b90edb36f02925fefa15bb761a"},
    "get_font_description": {"85734b8947b9bf64ef27ff11d8f5355db76a2ae8efc9a6fed925dc9e2a1056ce"},
    "split_first_line": {"39ad1016863ca34de0bea4c9fcffb46da7e27813c87dd82b7011bfa19fe5504f"},
    "chars_until": {"dfe353323dff1fdc908f4b24439adf34dc7049a990f6aed3ddf6937afb993c58"},
    "__missing__": {"b318d8efc8ac79d716f05cb81cc3abd65a32bd79601e363b218a32559bb3a5fb"},
    "set_computed_styles": {"b5b15856b8beff3f49e20ac0309d7b45fb2a5192d826dd65e05b3009b8285c46"},
    "__call__": {"96b91915ae7c344a8a4ea9ed112ffa1d7bde9087decb7e9ce723940b849c3936"},
    "_ua_stylesheets": {"4fadfde9d15075b22dcfa409ec8a03af0aa1097d695be59b680017cf1bf94fe2"},
    "subset": {"61ed6bc2e9a7e43a7ad4c50e4bd61a0c5b6db06069754e66c6e328f4a97a6311"},
    "_harfbuzz_subset": {"f80805663ede8080a3e1ffff831e20c74bd25fa3b8e4410334ba807158dc685f"},
    "resolve_percentages": {"71673078096fcf8764e6412933288cc79ba956eae0d939deda27beaeac45acad"},
    "percentage": {"ebe404ccd9da50bfc1cd147b8378c34ae1ca6b4ce38a97c0acca923116fcf0d9"},
    "resolve_one_percentage": {"4cfaa9ad134e4f7bd8b61c7a6eba56678898545eb8c02f663f29c12a3aa16d54"},
    "UA": {"04dd53f16888e5325d8bb8feb02462d99d03c8329da713b167b333a2ea4b91bc"},
}
# What a font subset depends on besides the font, the glyphs, hinting and HarfBuzz's version:
# WeasyPrint, and the Thai patch that keeps alias codes out of the glyphs (thai_patches.subset).
_SUBSET_WITH = (
    f"{weasyprint.__version__}\0{file_digest(thai_patches.__file__)}\0{file_digest(glyph_codes.__file__)}"
    f"\0{file_digest(__file__)}"
)
ORIGINAL: dict[str, Any] = {}  # the functions replaced, taken by install()
state: dict[str, Any] = {"installed": False, "note": "", "harfbuzz": ""}


def _places() -> dict[str, tuple[Any, str]]:
    """Return where each replaced or re-derived function lives: (module or class, attribute)."""
    return {
        "CSS": (weasy_css, "CSS"),
        "find_stylesheets": (weasy_css, "find_stylesheets"),
        "setup": (line_break.Layout, "setup"),
        "strut": (line_break, "strut"),
        "get_font_description": (line_break, "get_font_description"),
        "split_first_line": (weasy_inline, "split_first_line"),
        "chars_until": (tinyhtml5.inputstream.HTMLUnicodeInputStream, "chars_until"),
        "__missing__": (weasy_css.ComputedStyle, "__missing__"),
        "set_computed_styles": (weasy_css.StyleFor, "set_computed_styles"),
        "__call__": (weasy_css.StyleFor, "__call__"),
        "_ua_stylesheets": (weasyprint.HTML, "_ua_stylesheets"),
        "subset": (weasy_fonts.Font, "subset"),
        "_harfbuzz_subset": (weasy_fonts.Font, "_harfbuzz_subset"),
        "resolve_percentages": (weasy_percent, "resolve_percentages"),
        "percentage": (weasy_percent, "percentage"),  # re-derived in used_length
        "resolve_one_percentage": (weasy_percent, "resolve_one_percentage"),  # re-derived in resolve_percentages
    }


def source_digests() -> dict[str, str]:
    """Return the SHA-256 of the source of each function the speed-ups touch, and of the user-agent stylesheet."""
    found = {}
    for name, (owner, attribute) in _places().items():
        # WeasyPrint's own function, not a Thai patch that replaced it (thai_patches.py wraps split_first_line).
        function: Any = thai_patches.ORIGINAL.get(name) or ORIGINAL.get(name) or getattr(owner, attribute, None)
        try:
            found[name] = thai_patches.source_digest(function)
        except (TypeError, OSError):
            found[name] = "missing"
    found["UA"] = hashlib.sha256(weasyprint.html.UA.encode()).hexdigest()
    return found


def differing() -> list[str]:
    """Return the names whose source differs from the tested one."""
    return [name for name, digest in source_digests().items() if digest not in TESTED_SOURCES.get(name, ())]


def install() -> bool:
    """Install the speed-ups once if asked for and WeasyPrint is the tested one; return whether they are on."""
    if state["installed"] or ORIGINAL or not wanted():
        return bool(state["installed"])
    changed = differing()
    if changed or not ua_stylesheet.every_elements_pseudo_styles():
        if not state["note"]:
            state["note"] = (
                f"mou: WeasyPrint {weasyprint.__version__} differs from the tested release "
                f"({', '.join(changed) or 'user-agent stylesheet'}); its speed-ups are off and "
                "documents are rendered at WeasyPrint's own speed, with the same result"
            )
            print(state["note"], file=sys.stderr)
        return False
    for name, (owner, attribute) in _places().items():
        ORIGINAL[name] = getattr(owner, attribute)
    weasy_css.CSS = cached_css
    line_break.Layout.setup = setup
    for module in _STRUT_MODULES:
        module.strut = strut
    weasy_inline.split_first_line = split_first_line
    tinyhtml5.inputstream.HTMLUnicodeInputStream.chars_until = chars_until
    weasy_css.ComputedStyle.__missing__ = computed_missing
    weasy_css.StyleFor.set_computed_styles = set_computed_styles
    weasy_css.StyleFor.__call__ = style_for
    # HarfBuzz's version names the subsets it made (declared here: WeasyPrint does not ask for it).
    declare(ffi, "const char * hb_version_string (void);", override=True)
    state["harfbuzz"] = ffi.string(harfbuzz.hb_version_string()).decode()
    weasy_fonts.Font.subset = subset
    for module in _PERCENT_MODULES:
        if hasattr(module, "resolve_percentages"):
            module.resolve_percentages = resolve_percentages
    state["installed"] = True
    return True


def html_class() -> type[weasyprint.HTML]:
    """Return the HTML class to render with: one with the indexed user-agent stylesheet when the speed-ups are on."""
    return ua_stylesheet.IndexedHTML if state["installed"] else weasyprint.HTML


# The style values WeasyPrint's get_font_description reads: a layout's font description is
# the same for the same values.
_FONT_DESCRIPTION_PROPERTIES = (
    "font_family",
    "font_style",
    "font_stretch",
    "font_weight",
    "font_size",
    "font_variant_caps",
    "font_variation_settings",
)


def _kept_with_style(style: Any, name: str, work_out: Any) -> Any:
    """Return work_out(style), worked out once and kept with the style (a plain dict: every time).

    WeasyPrint never changes a style's font values once its boxes are laid out (it changes
    copies, for ::first-line and ::first-letter), so what they give stays true.
    """
    kept = getattr(style, "__dict__", None)
    if kept is None:
        return work_out(style)
    if name not in kept:
        kept[name] = work_out(style)
    return kept[name]


def setup(self: Any, style: Any) -> None:
    """Set a layout up like WeasyPrint, from what was derived from its style for the style's first layout."""
    derived = _kept_with_style(style, "mou_layout_setup", _derive_setup)
    self.style = style
    self.first_line_direction = 0
    self.language = derived.language
    self.layout = ffi.gc(pango.pango_layout_new(derived.context), gobject.g_object_unref)
    pango.pango_layout_set_auto_dir(self.layout, False)
    pango.pango_layout_set_font_description(self.layout, derived.font_description)  # Pango copies it
    if derived.metrics is None:
        self.ascent = self.underline_position = self.strikethrough_position = None
    else:
        (
            self.ascent,
            self.underline_position,
            self.strikethrough_position,
            self.underline_thickness,
            self.strikethrough_thickness,
        ) = derived.metrics
    if derived.features:
        # As WeasyPrint: a list of the layout's own (set_text adds to it), with the configuration's attribute.
        attribute = style.font_config.font_features.setdefault(
            derived.features, pango.pango_attr_font_features_new(derived.features)
        )
        attributes = pango.pango_attr_list_new()
        pango.pango_attr_list_insert(attributes, attribute)
        pango.pango_layout_set_attributes(self.layout, attributes)


@dataclass(frozen=True)
class _DerivedSetup:
    """What WeasyPrint's Layout.setup derives from a style, the same for every layout of the style."""

    context: Any
    language: Any
    font_description: Any
    # ascent, underline and strikethrough positions, underline and strikethrough thicknesses
    # (px), for a style with text decorations
    metrics: tuple[float, float, float, float, float] | None
    features: bytes


def _derive_setup(style: Any) -> _DerivedSetup:
    """Derive a style's Pango context, font description, decoration metrics and font features as WeasyPrint's setup does."""
    context, language = _shared_context(style)
    font_description = _shared_font_description(style)
    metrics = None
    if style["text_decoration_line"] != "none":
        found = ffi.gc(
            pango.pango_context_get_metrics(context, font_description, language), pango.pango_font_metrics_unref
        )
        metrics = tuple(
            line_break.FROM_UNITS * read(found)
            for read in (
                pango.pango_font_metrics_get_ascent,
                pango.pango_font_metrics_get_underline_position,
                pango.pango_font_metrics_get_strikethrough_position,
                pango.pango_font_metrics_get_underline_thickness,
                pango.pango_font_metrics_get_strikethrough_thickness,
            )
        )
    features = line_break.font_features(
        style["font_kerning"],
        style["font_variant_ligatures"],
        style["font_variant_position"],
        style["font_variant_caps"],
        style["font_variant_numeric"],
        style["font_variant_alternates"],
        style["font_variant_east_asian"],
        style["font_feature_settings"],
    )
    return _DerivedSetup(
        context,
        language,
        font_description,
        metrics,
        ",".join(f"{key} {value}" for key, value in features.items()).encode(),
    )


def strut(style: Any) -> tuple[float, float]:
    """Return WeasyPrint's strut of a style (used line height and baseline), worked out once per style."""
    return _kept_with_style(style, "mou_strut", ORIGINAL["strut"])


def _shared_context(style: Any) -> tuple[Any, Any]:
    """Return the Pango context and language of a style's direction and language, made once per font configuration."""
    override = style["font_language_override"]
    if override != "normal":
        language = line_break.LST_TO_ISO.get(override.lower(), override)
    else:
        language = style["lang"] or None
    contexts = style.font_config.__dict__.setdefault("mou_contexts", {})
    key = style["direction"], language
    if key not in contexts:
        context = ffi.gc(pango.pango_font_map_create_context(style.font_config.font_map), gobject.g_object_unref)
        pango.pango_context_set_round_glyph_positions(context, False)
        pango.pango_context_set_base_dir(context, line_break.PANGO_DIRECTION[style["direction"]])
        if language:
            language_p, _ = line_break.unicode_to_char_p(language)
            pango_language = pango.pango_language_from_string(language_p)
            pango.pango_context_set_language(context, pango_language)
        else:
            pango_language = pango.pango_language_get_default()
        contexts[key] = context, pango_language
    return contexts[key]


def _shared_font_description(style: Any) -> Any:
    """Return WeasyPrint's font description of a style, made once per font configuration and set of font values."""
    descriptions = style.font_config.__dict__.setdefault("mou_font_descriptions", {})
    key = tuple([style[name] for name in _FONT_DESCRIPTION_PROPERTIES])
    if key not in descriptions:
        descriptions[key] = line_break.get_font_description(style)
    return descriptions[key]


def split_first_line(
    text: str,
    style: Any,
    context: Any,
    max_width: float | None,
    justification_spacing: float,
    is_line_start: bool = True,
    minimum: bool = False,
) -> tuple:
    """Fit text into a line as before, once per document for the same text, style and width.

    Many texts are fitted again with the same style and width (a paragraph's
    lines laid again on the next page, words of a rebreak trial, table cells measured then
    laid out); the result depends on nothing else, and its layout is only ever replaced on
    a box, never changed (drawing reactivates it, justification copies it).
    """
    if not hasattr(context, "__dict__"):
        return ORIGINAL["split_first_line"](
            text, style, context, max_width, justification_spacing, is_line_start, minimum
        )
    fitted = context.__dict__.setdefault("mou_first_lines", {})
    key = text, id(style), max_width, justification_spacing, is_line_start, minimum
    found = fitted.get(key)
    if found is None or found[0] is not style:  # the style itself is kept, so its id is not another's
        found = fitted[key] = (
            style,
            ORIGINAL["split_first_line"](
                text, style, context, max_width, justification_spacing, is_line_start, minimum
            ),
        )
    return found[1]


def used_length(value: Any, style: Any, refer_to: Any) -> Any:
    """Return a computed length's used value as WeasyPrint's percentage() does, a calc() through it."""
    if value is None or value == "auto":
        return value
    unit = getattr(value, "unit", None)
    if unit == "%":
        return refer_to * value.value / 100
    if unit is None:  # a calc(): WeasyPrint's own resolves it
        return ORIGINAL["percentage"](value, style, refer_to)
    return value.value


def resolve_percentages(box: Any, containing_block: Any) -> None:
    """Set a box's used margins, paddings, sizes and borders as WeasyPrint's resolve_percentages does, in one call.

    WeasyPrint calls it for every box each time the box is laid out, and it resolves each
    of seventeen properties through two helper calls; the same arithmetic written out
    here gives the same values (same operations in the same order).
    """
    if isinstance(containing_block, weasy_boxes.Box):
        cb_width, cb_height = containing_block.width, containing_block.height
    else:
        cb_width, cb_height = containing_block
    maybe_height = cb_height if isinstance(box, weasy_boxes.PageBox) else cb_width
    style = box.style
    box.margin_left = used_length(style["margin_left"], style, cb_width)
    box.margin_right = used_length(style["margin_right"], style, cb_width)
    box.margin_top = used_length(style["margin_top"], style, maybe_height)
    box.margin_bottom = used_length(style["margin_bottom"], style, maybe_height)
    box.padding_left = used_length(style["padding_left"], style, cb_width)
    box.padding_right = used_length(style["padding_right"], style, cb_width)
    box.padding_top = used_length(style["padding_top"], style, maybe_height)
    box.padding_bottom = used_length(style["padding_bottom"], style, maybe_height)
    box.width = used_length(style["width"], style, cb_width)
    min_width = used_length(style["min_width"], style, cb_width)
    box.min_width = 0 if min_width == "auto" else min_width
    box.max_width = used_length(style["max_width"], style, cb_width)
    if cb_height == "auto":
        # The containing block's height depends on its content.
        height = style["height"]
        if height == "auto" or check_math(height) or height.unit == "%":
            box.height = "auto"
        else:
            assert height.unit.lower() == "px"
            box.height = height.value
        min_height = used_length(style["min_height"], style, 0)
        box.min_height = 0 if min_height == "auto" else min_height
        box.max_height = used_length(style["max_height"], style, inf)
    else:
        box.height = used_length(style["height"], style, cb_height)
        min_height = used_length(style["min_height"], style, cb_height)
        box.min_height = 0 if min_height == "auto" else min_height
        box.max_height = used_length(style["max_height"], style, cb_height)
    collapse = style["border_collapse"] == "collapse"
    for name in _BORDER_WIDTHS:
        # a collapsed border's width was resolved with the table's borders
        if not (collapse and hasattr(box, name)):
            setattr(box, name, style[name])
    weasy_percent.adjust_box_sizing(box, "width")
    weasy_percent.adjust_box_sizing(box, "height")


_BORDER_WIDTHS = ("border_top_width", "border_right_width", "border_bottom_width", "border_left_width")


def computed_missing(self: Any, key: str) -> Any:
    """Compute a style's property as WeasyPrint does, and remember it for the next style of the same signature (style_memo.py)."""
    value = ORIGINAL["__missing__"](self, key)
    style_memo.record(self, key, value)
    return value


def set_computed_styles(
    self: Any,
    element: Any,
    parent: Any,
    root: Any = None,
    pseudo_type: str | None = None,
    base_url: str | None = None,
    target_collector: Any = None,
) -> None:
    """Compute a style like StyleFor, with the left-out rules' declarations for such a pseudo-element, from the memo."""
    if parent is None and pseudo_type is None:
        self.mou_root = root, base_url, target_collector  # for the styles made later, on request
    if pseudo_type in ua_stylesheet.every_elements_pseudo_styles():
        # Another rule styles this pseudo-element here (else WeasyPrint would not make it now).
        ua_stylesheet.add_left_out_declarations(
            self.get_cascaded_styles().setdefault((element, pseudo_type), {}), pseudo_type
        )
    ORIGINAL["set_computed_styles"](self, element, parent, root, pseudo_type, base_url, target_collector)
    style_memo.prefill(self, element, pseudo_type)


def style_for(self: Any, element: Any, pseudo_type: str | None = None) -> Any:
    """Return a computed style like StyleFor, first making an element's pseudo-element style the left-out rules give it."""
    computed = self.get_computed_styles()
    if (
        pseudo_type in ua_stylesheet.every_elements_pseudo_styles()
        and (element, pseudo_type) not in computed
        and isinstance(element, ElementTree.Element)
        and (element, None) in computed
        and hasattr(self, "mou_root")
    ):
        root, base_url, target_collector = self.mou_root
        cascaded = self.get_cascaded_styles()
        cascaded[element, pseudo_type] = dict(ua_stylesheet.every_elements_pseudo_styles()[pseudo_type])
        try:
            ORIGINAL["set_computed_styles"](self, element, element, root, pseudo_type, base_url, target_collector)
            style_memo.prefill(self, element, pseudo_type)
        finally:
            del cascaded[element, pseudo_type]  # as WeasyPrint leaves it: cleared of elements
    return ORIGINAL["__call__"](self, element, pseudo_type)


def chars_until(self: Any, characters: Any, opposite: bool = False) -> str:
    """Read characters from tinyhtml5's stream as it does, with the expression it looks up made under the right key."""
    regexes = tinyhtml5.inputstream.characters_until_regex
    if (characters, opposite) not in regexes:
        # As tinyhtml5 makes it: a class of the characters, or of all others.
        listed = "".join(f"\\x{ord(character):02x}" for character in characters)
        regexes[characters, opposite] = re.compile(f"[{'' if opposite else '^'}{listed}]+")
    return ORIGINAL["chars_until"](self, characters, opposite)


def cached_css(**options: Any) -> Any:
    """Return a document's stylesheet like WeasyPrint's CSS(), parsed once per font configuration.

    The key is the sheet's URL and content (read through the document's fetcher, so the
    same files are allowed), so an edited file is parsed anew. A reused sheet is a copy
    given this document's page rules and layers, as WeasyPrint's own would be.
    """
    font_config, page_rules = options.get("font_config"), options.get("page_rules")
    if (
        font_config is None
        or page_rules is None
        or options.get("matcher") is not None
        or options.get("layer") is not None
        or not ({"string", "url"} & options.keys())
    ):
        return ORIGINAL["CSS"](**options)  # an @import or a caller mou does not know
    content = options.get("string")
    if content is None:
        logger = logging.getLogger("weasyprint")
        was_disabled, logger.disabled = logger.disabled, True  # a refusal is logged once, by WeasyPrint's call below
        try:
            with fetch(options["url_fetcher"], options["url"]) as resource:
                content = resource.read()
        except Exception:
            content = None
        finally:
            logger.disabled = was_disabled
        if content is None:
            return ORIGINAL["CSS"](**options)
    key = (options.get("url"), options.get("base_url"), options.get("media_type"), content)
    cache = font_config.__dict__.setdefault("mou_stylesheets", {})
    if key in cache:
        sheet, added = cache[key]
        reused = copy.copy(sheet)
        layers = options.get("layers")
        reused.page_rules, reused.layers = page_rules, [] if layers is None else layers  # as CSS() does
        page_rules.extend(added)
        return reused

    def other_effects() -> tuple:
        return (
            len(options.get("layers") or ()),
            dict(options.get("counter_style") or {}),
            dict(options.get("color_profiles") or {}),
        )

    first_rule, before = len(page_rules), other_effects()
    with collected_warnings() as warnings:
        sheet = ORIGINAL["CSS"](**options)
    imports = (b"@import" if isinstance(content, bytes) else "@import") in content
    if not warnings.messages and other_effects() == before and not imports:
        cache[key] = sheet, page_rules[first_rule:]
    return sheet


def subset(self: Any, to_unicode: dict, hinting: bool) -> None:
    """Subset a font as before (the Thai patch, then HarfBuzz), or take the subset made before from mou's cache.

    HarfBuzz's subset depends only on the font's bytes, the glyphs kept, hinting and whether
    glyphs are missing; a clerk's next build of an agreement mostly uses the same glyphs.
    WeasyPrint's fontTools subsetter (no HarfBuzz subsetter installed) is left as it is.
    """
    if not to_unicode or not weasy_fonts.harfbuzz_subset or not harfbuzz.hb_version_atleast(4, 1, 0):
        ORIGINAL["subset"](self, to_unicode, hinting)
        return
    key = cache_key(
        "pdf font subset",
        _SUBSET_WITH,
        state["harfbuzz"],
        hashlib.sha256(self.file_content).digest(),
        str(self.index),
        ",".join(str(glyph) for glyph in sorted(to_unicode)),
        str(bool(hinting)),
        str(bool(self.missing)),
    )
    found = cached_entry("pdf-fonts", key)
    if found is not None:
        self.file_content = found
        return
    whole = self.file_content
    ORIGINAL["subset"](self, to_unicode, hinting)
    if self.file_content is not whole:  # cut (HarfBuzz could not: the whole font stays, and a warning says so)
        store_entry("pdf-fonts", key, bytes(self.file_content))
