"""Hooks into WeasyPrint's private drawing and layout code, for Thai that can be trusted.

1. Exact copy-and-paste. HarfBuzz draws sara am (ำ) as two glyphs and WeasyPrint's
   ToUnicode map leaves one of them empty, so `อำเภอ` would be extracted as `อาเภอ`. Each
   drawn line holding Thai is wrapped in a marked-content span whose /ActualText is the
   line's real text (PDF 32000-1 §14.9.4), which pdfium, poppler and Acrobat return
   instead of guessing from glyphs. One span per line, not per text box: extractors put
   spaces between neighbouring spans. (draw_inline_level)
2. Line breaking. Pango would break Thai wherever libthai's dictionary says; the hook on
   text layout tells Pango, with Pango's allow-breaks attribute, that Thai may only break
   where mou marked a word boundary (see thai_breaks.py). (set_text)
3. Thai distributed justification: the slack of a full line spread between its character
   clusters, counted when the line is justified and added to the glyph advances when it is
   drawn. (justify_line, reactivate)
4. Fewer loose lines: a justified Thai paragraph whose line cannot be filled is broken
   again a line or two earlier. (iter_line_boxes, with avoid_collisions to narrow a line)
5. A text that overflows only by its trailing spaces fits its line. (_fitted_first_line)
6. Compression. pydyf deflates every stream at zlib's level 9, which costs twice the time
   of zlib's default level 6 for 0.5% smaller PDFs (measured on the benchmark's agreements:
   9.4 against 5.1 ms a PDF, 86.4 against 86.8 kB); mou's streams use level 6. (_Deflate)
7. Stylesheets parsed once. A batch renders every agreement with the same style.css;
   WeasyPrint parses and validates it for each document. A stylesheet is kept with the
   font configuration it was parsed for, keyed by its URL and content, and reused with the
   page rules it added. Only a sheet whose parsing warned of nothing and changed nothing
   but page rules and font faces is kept. (cached_css)
8. Layout set-up once per style. For each of the 900 text layouts of an agreement
   WeasyPrint makes a Pango context and a font description, and reads font features and
   the strut (line height) from the style, though all depend only on the style's font
   values, which never change once a box is laid out. A style keeps what its first layout
   derived, and a font configuration keeps one context and description per set of values;
   each layout still gets its own Pango layout. (setup, strut)
9. Lines fitted once. WeasyPrint fits a quarter of an agreement's texts into a line more
   than once with the same style and width (lines laid again on the next page, rebreak
   trials, table cells measured and then laid out); a document keeps each result. (split_first_line)
10. HTML parsing. tinyhtml5, WeasyPrint's parser, keeps the regular expressions its input
   stream scans with in a dictionary, but files each under the expression instead of the
   characters asked for, so it never finds one and makes it again on every call (330 to
   760 times a document of the KKU sample). mou files them under the characters first. (chars_until)
11. Computed styles. A style computes each property on first use (11,000 times an
   agreement); most have no declaration and only take the initial or the parent's value,
   which WeasyPrint finds after a dozen checks that do not apply to them. mou takes the
   value at once and leaves every other property to WeasyPrint; and it remembers what a
   style computed for the next style of the same cascade, in this document or the next
   (style_memo.py). (computed_missing)
12. The cascade. mou's user-agent stylesheet leaves out the six rules that style a
   pseudo-element of every element (ua_stylesheet.py); their declarations are merged in
   when a style of such a pseudo-element is made, and a style one of them alone gives is
   made when WeasyPrint asks for it. A new element or page style starts with what its
   signature's styles computed before (style_memo.py). (set_computed_styles, style_for)

All replace private WeasyPrint (and tinyhtml5) functions, so both are pinned and install()
checks the version and the signatures it wraps before touching anything.
"""

from __future__ import annotations

import copy
import functools
import inspect
import itertools
import logging
import re
import unicodedata
import zlib
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

import pydyf
import tinyhtml5.inputstream
import weasyprint
import weasyprint.css as weasy_css
import weasyprint.css.computed_values as weasy_computed_values
import weasyprint.css.units as weasy_units
import weasyprint.draw as weasy_draw
from weasyprint.formatting_structure import boxes
from weasyprint.layout import block as weasy_block
from weasyprint.layout import inline as weasy_inline
from weasyprint.layout.percent import resolve_one_percentage, resolve_percentages
from weasyprint.text import line_break
from weasyprint.text.ffi import ffi, gobject, pango
from weasyprint.urls import fetch

from . import style_memo, ua_stylesheet
from .errors import RenderError
from .thai_breaks import INVISIBLE, no_break_ranges

SUPPORTED_WEASYPRINT = ("70.0",)
# Largest spacing Thai justification adds between clusters: 0.2 em, five sixths of a
# Sarabun space (0.24 em, 3.8 pt at 16 pt), so even the gap at a space, which gets the
# same share, stays under twice a space.
MAX_CLUSTER_SPACING_EM = 0.2
THAI = re.compile("[\u0e00-\u0e7f]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# Characters that never start a cluster of their own: a space (its gap grows once, after
# it), sara am (ำ, which HarfBuzz and Pango treat as a cluster: spacing would part it from
# its consonant); marks and invisible format characters (ZWSP, WORD JOINER) neither.
_NOT_STARTS = frozenset(" \u00a0\u0e33")
# A justified line ending closer than this to the margin (px) counts as flush.
FLUSH_TOLERANCE = 1.0
EXPECTED = {
    "draw_inline_level": ["stream", "page", "box", "offset_x", "text_overflow", "block_ellipsis"],
    "set_text": ["self", "text", "justify"],
    "justify_line": ["context", "line", "extra_width"],
    "reactivate": ["self", "style"],
    "setup": ["self", "style"],
    "strut": ["style"],
    "chars_until": ["self", "characters", "opposite"],
    "__missing__": ["self", "key"],
    "set_computed_styles": ["self", "element", "parent", "root", "pseudo_type", "base_url", "target_collector"],
    "__call__": ["self", "element", "pseudo_type"],
    "iter_line_boxes": ["context", "box", "position_y", "bottom_space", "skip_stack", "containing_block",
                        "absolute_boxes", "fixed_boxes", "first_letter_style", "first_line_style"],
    "get_next_linebox": ["context", "linebox", "position_y", "bottom_space", "skip_stack", "containing_block",
                         "absolute_boxes", "fixed_boxes", "first_letter_style", "first_line_style"],
    "avoid_collisions": ["context", "box", "containing_block", "outer"],
    "split_first_line": ["text", "style", "context", "max_width", "justification_spacing", "is_line_start",
                         "minimum"],
}
_original_draw_inline_level = weasy_draw.draw_inline_level
_original_set_text = line_break.Layout.set_text
_original_justify_line = weasy_inline.justify_line
_original_reactivate = line_break.Layout.reactivate
_original_setup = line_break.Layout.setup
_original_strut = line_break.strut
_original_chars_until = tinyhtml5.inputstream.HTMLUnicodeInputStream.chars_until
_original_computed_missing = weasy_css.ComputedStyle.__missing__
_original_set_computed_styles = weasy_css.StyleFor.set_computed_styles
_original_style_for = weasy_css.StyleFor.__call__
# Properties WeasyPrint's ComputedStyle.__missing__ treats apart even without a declaration,
# with specified values kept or a value of their own; computed_missing also leaves it
# propagated text decorations, custom properties ("__…") and physical properties whose
# logical one is declared.
_COMPUTED_APART = frozenset({"position", "float", "display", "page"})
# The modules that imported strut by name, to be given mou's.
_STRUT_MODULES = (line_break, weasy_inline, weasy_units, weasy_computed_values)
_original_iter_line_boxes = weasy_block.iter_line_boxes
_original_avoid_collisions = weasy_inline.avoid_collisions
_original_split_first_line = weasy_inline.split_first_line
_original_css = weasy_css.CSS
_narrower = 0.0  # how much narrower the next line is broken (while rebreaking a paragraph)
_installed = False
_DROP_INVISIBLE = {ord(char): None for char in INVISIBLE}


def line_text(box: Any) -> str:
    """Return the text a line box shows, as a reader would copy it."""
    if isinstance(box, boxes.TextBox):
        return box.text
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return "".join(line_text(child) for child in box.children)
    return ""


def draw_inline_level(stream: Any, page: Any, box: Any, offset_x: float = 0,
                      text_overflow: str = "clip", block_ellipsis: str = "none") -> None:
    """Draw like WeasyPrint, wrapping each line that holds Thai in an ActualText span."""
    text = line_text(box).translate(_DROP_INVISIBLE) if isinstance(box, boxes.LineBox) else ""
    if not THAI.search(text):
        _original_draw_inline_level(stream, page, box, offset_x, text_overflow, block_ellipsis)
        return
    stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(text.rstrip(" "))}))
    try:
        _original_draw_inline_level(stream, page, box, offset_x, text_overflow, block_ellipsis)
    finally:
        stream.end_marked_content()


def set_text(self: Any, text: str, justify: bool = False) -> None:
    """Set a layout's text like WeasyPrint, then forbid Thai breaks mou did not mark."""
    _original_set_text(self, text, justify)
    current = self.text
    if not THAI.search(current):
        return
    attributes = pango.pango_layout_get_attributes(self.layout)
    if attributes == ffi.NULL:
        # A layout without attributes (most are new): a copy of the text's finished list, the
        # same as building it here, in one call.
        attributes = ffi.gc(pango.pango_attr_list_copy(_break_attributes(current)), pango.pango_attr_list_unref)
    else:
        _mark_breaks(attributes, current)
    pango.pango_layout_set_attributes(self.layout, attributes)


@functools.lru_cache(maxsize=2048)
def _break_attributes(text: str) -> Any:
    """Return a list of the text's allow-breaks attributes, only ever copied (never set on a layout)."""
    attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    _mark_breaks(attributes, text)
    return attributes


def _mark_breaks(attributes: Any, text: str) -> None:
    """Allow Pango to break the text only at mou's marks (thai_breaks.py), in an attribute list."""
    length, ranges = _pango_no_break_ranges(text)
    # Reset the whole text first: a layout is reused, and old ranges must not linger.
    _change(attributes, True, 0, length)
    for start, end in ranges:
        _change(attributes, False, start, end)


def justify_line(context: Any, line: Any, extra_width: float) -> None:
    """Justify a line as Word's Thai Distributed does when it holds Thai, else as WeasyPrint does.

    WeasyPrint stretches only spaces, which leaves spaceless Thai lines ragged and gives
    lines with one or two spaces huge gaps. For a line with Thai, the slack is spread as
    equal spacing between all character clusters of its text boxes, a space counting as
    one (marks and sara am stay on their consonants). The clusters are counted, not
    measured: the drawing hook (reactivate) adds exactly that spacing after each one.
    """
    line.mou_slack = extra_width  # rebreaking narrows a line by a little more, so its last word goes down
    texts = list(_text_boxes(line))
    if (extra_width <= 0 or not any(THAI.search(box.text) for box in texts)
            or any(_RTL.search(box.text) for box in texts)):
        _original_justify_line(context, line, extra_width)
        return
    # Per text box: the gaps inside its text, and whether one more follows (the next box starts a cluster).
    gaps = {}
    for box, following in zip(texts, texts[1:] + [None]):
        after = bool(box.text and following and following.text and _starts_cluster(following.text[0]))
        gaps[id(box)] = cluster_gaps(box.text), after
    total = sum(inside + after for inside, after in gaps.values())
    if total <= 0:
        _original_justify_line(context, line, extra_width)
        return
    # A very loose line (a long name pushed to the next line) would space its letters out
    # so far that words fall apart; past a cap it stays short of the margin instead (the
    # line breaking hook avoids such lines where the paragraph can break otherwise).
    cap = MAX_CLUSTER_SPACING_EM * line.style["font_size"]
    units = int(min(extra_width / total, cap) * line_break.TO_UNITS)
    line.mou_short = extra_width - units * total / line_break.TO_UNITS
    if units > 0:
        _spread(line, units, gaps, 0.0)


@functools.lru_cache(maxsize=8192)
def cluster_gaps(text: str) -> int:
    """Count the gaps between character clusters in text (cached: rebreaking justifies the same texts again)."""
    return sum(1 for char in text[1:] if _starts_cluster(char))


@functools.lru_cache(maxsize=1024)
def _starts_cluster(char: str) -> bool:
    """Say whether a character starts a cluster that justification spaces from the one before."""
    return char not in _NOT_STARTS and unicodedata.category(char) not in ("Mn", "Mc", "Me", "Cf")


def _text_boxes(box: Any) -> Any:
    """Yield the text boxes of a line, in order, skipping atomic inline boxes."""
    if isinstance(box, boxes.TextBox):
        yield box
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from _text_boxes(child)


def _spread(box: Any, units: int, gaps: dict[int, tuple[int, bool]], x_advance: float) -> float:
    """Give every text box of a line its cluster spacing, moving what follows; return the advance."""
    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        inside, after = gaps.get(id(box), (0, False))
        count = inside + after
        if count:
            # A copy of the box's (inactive) layout, so no other box shares the spacing;
            # reactivate() spaces the glyphs when the box is drawn.
            layout = copy.copy(box.pango_layout)
            layout.mou_cluster_spacing = units
            layout.mou_text_length = len(box.text)
            layout.mou_trailing = after
            box.pango_layout = layout
            extra = units * count / line_break.TO_UNITS
            box.width += extra
            x_advance += extra
        return x_advance
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _spread(child, units, gaps, x_advance)
        box.width += x_advance - before
        return x_advance
    box.translate(x_advance, 0)  # an atomic inline box moves with the text
    return x_advance


@functools.lru_cache(maxsize=8192)
def _pango_no_break_ranges(text: str) -> tuple[int, tuple[tuple[int, int], ...]]:
    """Return a text's UTF-8 length and the byte ranges Pango must not break inside.

    Cached: WeasyPrint sets the same text on a layout many times while it fits lines
    (six times each, on average, for an agreement's Thai text).
    """
    offsets = _byte_offsets(text)
    return offsets[-1], tuple((offsets[start], offsets[end]) for start, end in no_break_ranges(text))


def reactivate(self: Any, style: Any) -> None:
    """Reactivate a layout for drawing like WeasyPrint, then add its Thai cluster spacing."""
    _original_reactivate(self, style)
    units = getattr(self, "mou_cluster_spacing", 0)
    if not units:
        return
    # Drawing sets this too; set first, it would otherwise lay the text out anew.
    pango.pango_layout_set_single_paragraph_mode(self.layout, True)
    starts = _cluster_starts(self.text[:self.mou_text_length])
    end = len(starts) - 1  # the byte offset just past the text
    run = pango.pango_layout_get_line_readonly(self.layout, 0).runs
    previous, previous_byte = None, 0
    # A glyph gets the gaps of the clusters that start after its own cluster's first character
    # and up to the next glyph's: ligatures and reordered marks (sara am) get none, and the
    # sum is what justify_line counted.
    while run != ffi.NULL:
        item, string = run.data.item, run.data.glyphs
        for i in range(string.num_glyphs):
            byte = min(item.offset + string.log_clusters[i], end)
            if previous is not None:
                previous.geometry.width += (starts[byte] - starts[previous_byte]) * units
            previous, previous_byte = string.glyphs[i], byte
        run = run.next
    if previous is not None:
        previous.geometry.width += (starts[end] - starts[previous_byte] + self.mou_trailing) * units


# The style values WeasyPrint's get_font_description reads: a layout's font description is
# the same for the same values.
_FONT_DESCRIPTION_PROPERTIES = ("font_family", "font_style", "font_stretch", "font_weight", "font_size",
                                "font_variant_caps", "font_variation_settings")


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
        (self.ascent, self.underline_position, self.strikethrough_position, self.underline_thickness,
         self.strikethrough_thickness) = derived.metrics
    if derived.features:
        # As WeasyPrint: a list of the layout's own (set_text adds to it), with the configuration's attribute.
        attribute = style.font_config.font_features.setdefault(
            derived.features, pango.pango_attr_font_features_new(derived.features))
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
        found = ffi.gc(pango.pango_context_get_metrics(context, font_description, language),
                       pango.pango_font_metrics_unref)
        metrics = tuple(line_break.FROM_UNITS * read(found) for read in (
            pango.pango_font_metrics_get_ascent, pango.pango_font_metrics_get_underline_position,
            pango.pango_font_metrics_get_strikethrough_position, pango.pango_font_metrics_get_underline_thickness,
            pango.pango_font_metrics_get_strikethrough_thickness))
    features = line_break.font_features(
        style["font_kerning"], style["font_variant_ligatures"], style["font_variant_position"],
        style["font_variant_caps"], style["font_variant_numeric"], style["font_variant_alternates"],
        style["font_variant_east_asian"], style["font_feature_settings"])
    return _DerivedSetup(context, language, font_description, metrics,
                         ",".join(f"{key} {value}" for key, value in features.items()).encode())


def strut(style: Any) -> tuple[float, float]:
    """Return WeasyPrint's strut of a style (used line height and baseline), worked out once per style."""
    return _kept_with_style(style, "mou_strut", _original_strut)


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


def _cluster_starts(text: str) -> list[int]:
    """Return, per UTF-8 byte offset b of text, how many clusters start after byte 0 and at or before b."""
    starts, count = [0], 0
    for index, char in enumerate(text):
        count += index > 0 and _starts_cluster(char)
        starts[-1] = count
        starts.extend([count] * len(char.encode()))
    return starts


def iter_line_boxes(context: Any, box: Any, position_y: float, bottom_space: float, skip_stack: Any,
                    containing_block: Any, absolute_boxes: list, fixed_boxes: list,
                    first_letter_style: Any, first_line_style: Any) -> Any:
    """Lay out a paragraph's lines like WeasyPrint; in justified Thai, rebreak around loose lines.

    WeasyPrint fills each line greedily. Before a name that must not break and does not fit,
    a Thai line can be left so short that no allowed spacing fills it; then up to two lines
    before it are broken earlier, moving words down into it, when that leaves every line of
    the stretch fuller. A few lines are held back to allow this; what follows is unchanged.
    """
    if box.style["text_align_all"] != "justify" or not _plain_paragraph(box) or not THAI.search(line_text(box)):
        yield from _original_iter_line_boxes(context, box, position_y, bottom_space, skip_stack, containing_block,
                                             absolute_boxes, fixed_boxes, first_letter_style, first_line_style)
        return
    resolve_percentages(box, containing_block)
    if skip_stack is None:
        resolve_one_percentage(box, "text_indent", containing_block.width)
    else:
        box.text_indent = 0
    args = (context, box, bottom_space, containing_block, absolute_boxes, fixed_boxes)
    held: list[_Line] = []
    # Every line laid while rebreaking this paragraph, by where it starts and how narrow: a
    # later rebreak tries many of the lines an earlier one did.
    laid: dict[tuple, _Line | None] = {}
    start = _Start(skip_stack, position_y, box.text_indent, first_letter_style, first_line_style)
    while True:
        placed = _lay_line(args, start)
        if placed is None:
            break
        laid[_lay_key(start, 0.0)] = placed  # a rebreak's trials start with lines like this one
        held.append(placed)
        if placed.short > FLUSH_TOLERANCE and placed.resume_at is not None and len(held) > 1:
            held[-3:] = _rebalanced(args, held[-3:], laid)
        while len(held) > 3:
            yield held.pop(0).result
        if held[-1].resume_at is None:
            break
        start = _Start(held[-1].resume_at, held[-1].bottom, 0, None, None)
    for placed in held:
        yield placed.result


@dataclass
class _Start:
    """Where a line starts: WeasyPrint's skip stack, its top, and what only a first line has."""

    skip_stack: Any
    position_y: float
    text_indent: float
    first_letter_style: Any
    first_line_style: Any


@dataclass
class _Line:
    """A laid-out line with where it started and how far it stays short of the margin."""

    start: _Start
    line: Any
    resume_at: Any

    @property
    def result(self) -> tuple[Any, Any]:
        return self.line, self.resume_at

    @property
    def short(self) -> float:
        return getattr(self.line, "mou_short", 0.0) if self.resume_at is not None else 0.0

    @property
    def bottom(self) -> float:
        return self.line.position_y + self.line.height


def _lay_line(args: tuple, start: _Start, narrower: float = 0.0) -> _Line | None:
    """Lay out one line from start, its breaking width reduced by narrower (it is justified to the full width)."""
    global _narrower
    context, box, bottom_space, containing_block, absolute_boxes, fixed_boxes = args
    box.text_indent = start.text_indent
    _narrower = narrower
    try:
        line, resume_at = weasy_inline.get_next_linebox(
            context, box, start.position_y, bottom_space, start.skip_stack, containing_block,
            absolute_boxes, fixed_boxes, start.first_letter_style, start.first_line_style)
    finally:
        _narrower = 0.0
    if line is None:
        return None
    weasy_inline.handle_leader(context, line, containing_block)
    return _Line(start, line, resume_at)


def _rebalanced(args: tuple, lines: list[_Line], laid: dict[tuple, _Line | None]) -> list[_Line]:
    """Return the held lines rebroken so fewer of them stay short (or, as many, less short), or as they were.

    A rebreak never leaves its worst line shorter than the worst line was: else, in a narrow
    column, a line handed down earlier could hand down more and more, until one word stood
    alone (บันทึก | ข้อตกลงความร่วมมือ…) to spare two lines a smaller shortfall each.
    """
    best, best_score = lines, _score(lines)
    worst = best_score[1]
    target = lines[-1].resume_at
    for back in range(1, len(lines)):
        for drops in _drop_plans(back):
            kept = lines[:-1 - back]
            trial = _relaid(args, lines[-1 - back].start, drops, target, best_score[0] - _score(kept)[0], laid)
            if trial is not None and _score(kept + trial) < best_score and _score(kept + trial)[1] <= worst:
                best, best_score = kept + trial, _score(kept + trial)
                if best_score[0] == 0:
                    return best  # every line flush: no trial can beat it, so stop laying lines
    return best


def _score(lines: list[_Line]) -> tuple[int, float]:
    """Rank a stretch of lines: how many stay short of the margin, then by how much at most (px, rounded)."""
    short = [placed.short for placed in lines if placed.short > FLUSH_TOLERANCE]
    return len(short), round(max(short, default=0.0) + 0.5)


def _drop_plans(back: int) -> list[tuple[int, ...]]:
    """Return how many words each of `back` lines may give to the next (the first at least one), fewest first.

    Each plan ends with a 0 for the line that takes them.
    """
    return sorted((plan + (0,) for plan in itertools.product((0, 1, 2), repeat=back) if plan[0]), key=sum)


def _relaid(args: tuple, start: _Start, drops: tuple[int, ...], target: Any, most_short: int,
            laid: dict[tuple, _Line | None]) -> list[_Line] | None:
    """Lay out len(drops) lines again from start, each giving that many words to the next.

    Return None if they would not end where they did, or as soon as more than `most_short`
    of them stay short of the margin (such a trial cannot beat the best so far).
    """
    out: list[_Line] = []
    for drop in drops:
        placed = _lay_cached(args, start, 0.0, laid)
        for _ in range(drop):
            if placed is None or placed.resume_at is None:
                return None
            placed = _lay_cached(args, start, getattr(placed.line, "mou_slack", 0.0) + 0.5, laid)
        if placed is None:
            return None
        out.append(placed)
        if _score(out)[0] > most_short:
            return None
        if placed.resume_at is None:
            break
        start = _Start(placed.resume_at, placed.bottom, 0, None, None)
    if len(out) != len(drops) or out[-1].resume_at != target:
        return None
    return out


def _lay_cached(args: tuple, start: _Start, narrower: float, laid: dict[tuple, _Line | None]) -> _Line | None:
    """Lay out one line like _lay_line, once per start and width."""
    key = _lay_key(start, narrower)
    if key not in laid:
        laid[key] = _lay_line(args, start, narrower)
    return laid[key]


def _lay_key(start: _Start, narrower: float) -> tuple:
    """Return what a line laid from start, narrowed by narrower, depends on (within one paragraph)."""
    return repr(start.skip_stack), start.position_y, start.text_indent, round(narrower, 3)


def _plain_paragraph(box: Any) -> bool:
    """Say whether a line box holds only text and inline boxes (nothing laid out on the side)."""
    if isinstance(box, boxes.TextBox):
        return True
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return all(_plain_paragraph(child) for child in box.children)
    return False


def avoid_collisions(context: Any, box: Any, containing_block: Any, outer: bool = True) -> tuple:
    """Place a box like WeasyPrint; while a line is rebroken, narrow its breaking width once."""
    global _narrower
    position_x, position_y, available_width = _original_avoid_collisions(context, box, containing_block, outer)
    if _narrower:
        available_width, _narrower = available_width - _narrower, 0.0
    return position_x, position_y, available_width


def split_first_line(text: str, style: Any, context: Any, max_width: float | None, justification_spacing: float,
                     is_line_start: bool = True, minimum: bool = False) -> tuple:
    """Fit text into a line as _fitted_first_line does, once per document for the same text, style and width.

    A quarter of the texts are fitted again with the same style and width (a paragraph's
    lines laid again on the next page, words of a rebreak trial, table cells measured then
    laid out); the result depends on nothing else, and its layout is only ever replaced on
    a box, never changed (drawing reactivates it, justification copies it).
    """
    if not hasattr(context, "__dict__"):
        return _fitted_first_line(text, style, context, max_width, justification_spacing, is_line_start, minimum)
    fitted = context.__dict__.setdefault("mou_first_lines", {})
    key = text, id(style), max_width, justification_spacing, is_line_start, minimum
    found = fitted.get(key)
    if found is None or found[0] is not style:  # the style itself is kept, so its id is not another's
        found = fitted[key] = style, _fitted_first_line(text, style, context, max_width, justification_spacing,
                                                        is_line_start, minimum)
    return found[1]


def _fitted_first_line(text: str, style: Any, context: Any, max_width: float | None, justification_spacing: float,
                       is_line_start: bool = True, minimum: bool = False) -> tuple:
    """Fit text into a line like WeasyPrint, except that trailing spaces never make it overflow.

    WeasyPrint 70 measures a text with its trailing spaces; when the text fits only without
    them (it ends just before a nowrap name), it takes the text for unbreakable and keeps its
    first word alone, so a line held "Mayor" and nothing else. Such a text fits: the spaces
    hang past the margin, as CSS wants, and are removed at the end of the line.
    """
    result = _original_split_first_line(text, style, context, max_width, justification_spacing,
                                        is_line_start, minimum)
    if (result[2] is None or max_width is None or style["white_space"] != "normal"
            or not text.endswith(" ") or "\n" in text or not text.strip(" ")):
        return result
    # When that happens WeasyPrint's first line is the text's first word; a first line that
    # reaches past the first space (a break always follows a space) means the text needed a
    # break anyway, so the second measure (one in eight of the Thai ones) is spared.
    if result[1] > len(text[:text.index(" ") + 1].encode()):
        return result
    stripped = _original_split_first_line(text.rstrip(" "), style, context, max_width, justification_spacing,
                                          is_line_start, minimum)
    if stripped[2] is not None:
        return result  # the text needs a break anyway
    return _original_split_first_line(text, style, context, None, justification_spacing, is_line_start, minimum)


def computed_missing(self: Any, key: str) -> Any:
    """Compute a style's property as WeasyPrint does, at once when it only takes the initial or the parent's value."""
    value = _computed(self, key)
    style_memo.record(self, key, value)  # for the next style of the same signature (style_memo.py)
    return value


def _computed(self: Any, key: str) -> Any:
    """Compute a style's property: the initial or the parent's value at once, anything else as WeasyPrint does."""
    cascaded = self.cascaded
    if (key not in cascaded and key not in _COMPUTED_APART and key[:2] != "__" and key[:16] != "text_decoration_"
            and (key not in weasy_computed_values.PHYSICAL_FUNCTIONS
                 or _logical_property(key, self["direction"]) not in cascaded)):
        parent = self.parent_style
        if key in weasy_css.INHERITED and parent is not None:
            value = parent[key]
            if not weasy_css.check_math(value):  # else WeasyPrint resolves the math function again
                self[key] = value
                return value
        elif key not in weasy_css.INITIAL_NOT_COMPUTED:
            # Not inherited, or on the root: the initial value, which is its own computed value.
            value = self[key] = weasy_css.INITIAL_VALUES[key]
            return value
    return _original_computed_missing(self, key)


@functools.lru_cache(maxsize=512)
def _logical_property(physical: str, direction: str) -> str:
    """Return the logical property WeasyPrint maps to a physical one, in horizontal writing of a direction."""
    return weasy_computed_values.PHYSICAL_FUNCTIONS[physical](block="ttb", inline=direction)


def set_computed_styles(self: Any, element: Any, parent: Any, root: Any = None, pseudo_type: str | None = None,
                        base_url: str | None = None, target_collector: Any = None) -> None:
    """Compute a style like StyleFor, with the left-out rules' declarations for such a pseudo-element, from the memo."""
    if parent is None and pseudo_type is None:
        self.mou_root = root, base_url, target_collector  # for the styles made later, on request
    if pseudo_type in ua_stylesheet.every_elements_pseudo_styles():
        # Another rule styles this pseudo-element here (else WeasyPrint would not make it now).
        ua_stylesheet.add_left_out_declarations(self.get_cascaded_styles().setdefault((element, pseudo_type), {}),
                                                pseudo_type)
    _original_set_computed_styles(self, element, parent, root, pseudo_type, base_url, target_collector)
    style_memo.prefill(self, element, pseudo_type)


def style_for(self: Any, element: Any, pseudo_type: str | None = None) -> Any:
    """Return a computed style like StyleFor, first making an element's pseudo-element style the left-out rules give it."""
    computed = self.get_computed_styles()
    if (pseudo_type in ua_stylesheet.every_elements_pseudo_styles() and (element, pseudo_type) not in computed
            and isinstance(element, ElementTree.Element) and (element, None) in computed
            and hasattr(self, "mou_root")):
        root, base_url, target_collector = self.mou_root
        cascaded = self.get_cascaded_styles()
        cascaded[element, pseudo_type] = dict(ua_stylesheet.every_elements_pseudo_styles()[pseudo_type])
        try:
            _original_set_computed_styles(self, element, element, root, pseudo_type, base_url, target_collector)
            style_memo.prefill(self, element, pseudo_type)
        finally:
            del cascaded[element, pseudo_type]  # as WeasyPrint leaves it: cleared of elements
    return _original_style_for(self, element, pseudo_type)


def chars_until(self: Any, characters: Any, opposite: bool = False) -> str:
    """Read characters from tinyhtml5's stream as it does, with the expression it looks up made under the right key."""
    regexes = tinyhtml5.inputstream.characters_until_regex
    if (characters, opposite) not in regexes:
        # As tinyhtml5 makes it: a class of the characters, or of all others.
        listed = "".join(f"\\x{ord(character):02x}" for character in characters)
        regexes[characters, opposite] = re.compile(f"[{'' if opposite else '^'}{listed}]+")
    return _original_chars_until(self, characters, opposite)


def _byte_offsets(text: str) -> list[int]:
    """Return the UTF-8 byte offset of every character index, and of the end."""
    offsets, position = [0], 0
    for char in text:
        position += len(char.encode())
        offsets.append(position)
    return offsets


def _change(attributes: Any, allow: bool, start: int, end: int) -> None:
    """Set Pango's allow-breaks attribute on a byte range."""
    attribute = pango.pango_attr_allow_breaks_new(allow)
    attribute.start_index, attribute.end_index = start, end
    pango.pango_attr_list_change(attributes, attribute)


class _Deflate:
    """pydyf's view of zlib: the same functions, with streams deflated at zlib's default level."""

    LEVEL = 6

    compress = staticmethod(zlib.compress)

    @staticmethod
    def compressobj(level: int = LEVEL, *args: Any, **kwargs: Any) -> Any:
        """Return a compressor at level 6, whatever level pydyf asks for (it asks for 9)."""
        return zlib.compressobj(_Deflate.LEVEL, *args, **kwargs)


def cached_css(**options: Any) -> Any:
    """Return a document's stylesheet like WeasyPrint's CSS(), parsed once per font configuration.

    The key is the sheet's URL and content (read through the document's fetcher, so the
    same files are allowed), so an edited file is parsed anew. A reused sheet is a copy
    given this document's page rules and layers, as WeasyPrint's own would be.
    """
    font_config, page_rules = options.get("font_config"), options.get("page_rules")
    if (font_config is None or page_rules is None or options.get("matcher") is not None
            or options.get("layer") is not None or not ({"string", "url"} & options.keys())):
        return _original_css(**options)  # an @import or a caller mou does not know
    content = options.get("string")
    if content is None:
        logger = logging.getLogger("weasyprint")
        was_disabled, logger.disabled = logger.disabled, True  # a refusal is logged once, by WeasyPrint's call below
        try:
            with fetch(options["url_fetcher"], options["url"]) as resource:
                content = resource.read()
        except Exception:  # noqa: BLE001 -- WeasyPrint's own call reports it as it always did
            content = None
        finally:
            logger.disabled = was_disabled
        if content is None:
            return _original_css(**options)
    key = (options.get("url"), options.get("base_url"), options.get("media_type"), content)
    cache = font_config.__dict__.setdefault("mou_stylesheets", {})
    if key in cache:
        sheet, added = cache[key]
        reused = copy.copy(sheet)
        layers = options.get("layers")
        reused.page_rules, reused.layers = page_rules, [] if layers is None else layers  # as CSS() does
        page_rules.extend(added)
        return reused
    from .pdf_render import collected_warnings  # here: pdf_render imports this module

    def other_effects() -> tuple:
        return (len(options.get("layers") or ()), dict(options.get("counter_style") or {}),
                dict(options.get("color_profiles") or {}))

    first_rule, before = len(page_rules), other_effects()
    with collected_warnings() as warnings:
        sheet = _original_css(**options)
    imports = (b"@import" if isinstance(content, bytes) else "@import") in content
    if not warnings.messages and other_effects() == before and not imports:
        cache[key] = sheet, page_rules[first_rule:]
    return sheet


def install() -> None:
    """Install the hooks once, refusing a WeasyPrint whose internals may differ."""
    global _installed
    if _installed:
        return
    wrapped = {"draw_inline_level": _original_draw_inline_level, "set_text": _original_set_text,
               "justify_line": _original_justify_line, "reactivate": _original_reactivate,
               "setup": _original_setup, "strut": _original_strut, "chars_until": _original_chars_until,
               "__missing__": _original_computed_missing, "set_computed_styles": _original_set_computed_styles,
               "__call__": _original_style_for,
               "iter_line_boxes": _original_iter_line_boxes, "get_next_linebox": weasy_inline.get_next_linebox,
               "avoid_collisions": _original_avoid_collisions, "split_first_line": _original_split_first_line}
    found = {name: list(inspect.signature(function).parameters) for name, function in wrapped.items()}
    if (weasyprint.__version__ not in SUPPORTED_WEASYPRINT or found != EXPECTED
            or not ua_stylesheet.every_elements_pseudo_styles()):
        raise RenderError(f"WeasyPrint {weasyprint.__version__} is not supported (Thai text would "
                          f"not copy or break correctly); install weasyprint=="
                          f"{SUPPORTED_WEASYPRINT[-1]} as pyproject.toml pins it")
    ffi.cdef("PangoAttribute * pango_attr_allow_breaks_new (gboolean allow_breaks);\n"
             "PangoAttrList * pango_attr_list_copy (PangoAttrList *list);")
    weasy_draw.draw_inline_level = draw_inline_level
    line_break.Layout.set_text = set_text
    weasy_inline.justify_line = justify_line
    line_break.Layout.reactivate = reactivate
    line_break.Layout.setup = setup
    for module in _STRUT_MODULES:
        module.strut = strut
    tinyhtml5.inputstream.HTMLUnicodeInputStream.chars_until = chars_until
    weasy_css.ComputedStyle.__missing__ = computed_missing
    weasy_css.StyleFor.set_computed_styles = set_computed_styles
    weasy_css.StyleFor.__call__ = style_for
    weasy_block.iter_line_boxes = iter_line_boxes
    weasy_inline.avoid_collisions = avoid_collisions
    weasy_inline.split_first_line = split_first_line
    pydyf.zlib = _Deflate
    weasy_css.CSS = cached_css
    _installed = True
