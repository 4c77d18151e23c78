"""Two hooks into WeasyPrint's private drawing and layout code, for Thai that can be trusted.

1. Exact copy-and-paste. HarfBuzz draws sara am (ำ) as two glyphs and WeasyPrint's
   ToUnicode map leaves one of them empty, so `อำเภอ` would be extracted as `อาเภอ`. Each
   drawn line holding Thai is wrapped in a marked-content span whose /ActualText is the
   line's real text (PDF 32000-1 §14.9.4), which pdfium, poppler and Acrobat return
   instead of guessing from glyphs. One span per line, not per text box: extractors put
   spaces between neighbouring spans.
2. Line breaking. Pango would break Thai wherever libthai's dictionary says; the hook on
   text layout tells Pango, with Pango's allow-breaks attribute, that Thai may only break
   where mou marked a word boundary (see thai_breaks.py).

Both replace private WeasyPrint functions, so WeasyPrint is pinned and install() checks
the version and the signatures it wraps before touching anything.
"""

from __future__ import annotations

import functools
import inspect
import re
from typing import Any

import pydyf
import weasyprint
import weasyprint.draw as weasy_draw
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline as weasy_inline
from weasyprint.text import line_break
from weasyprint.text.ffi import ffi, pango

from .errors import RenderError
from .thai_breaks import INVISIBLE, no_break_ranges

SUPPORTED_WEASYPRINT = ("70.0",)
# Largest letter spacing Thai justification adds between clusters: about 1.4 pt at 16 pt,
# so no gap grows past twice a space (a Sarabun space is 0.24 em).
MAX_CLUSTER_SPACING_EM = 0.09
THAI = re.compile("[\u0e00-\u0e7f]")
EXPECTED = {
    "draw_inline_level": ["stream", "page", "box", "offset_x", "text_overflow", "block_ellipsis"],
    "set_text": ["self", "text", "justify"],
    "justify_line": ["context", "line", "extra_width"],
}
_original_draw_inline_level = weasy_draw.draw_inline_level
_original_set_text = line_break.Layout.set_text
_original_justify_line = weasy_inline.justify_line
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
        attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    length, ranges = _pango_no_break_ranges(current)
    # Reset the whole text first: a layout is reused, and old ranges must not linger.
    _change(attributes, True, 0, length)
    for start, end in ranges:
        _change(attributes, False, start, end)
    spacing = getattr(self, "mou_cluster_spacing", 0)
    if spacing:  # Thai distributed justification: the slack spread between clusters
        attribute = pango.pango_attr_letter_spacing_new(int(spacing * line_break.TO_UNITS))
        attribute.start_index, attribute.end_index = 0, length
        pango.pango_attr_list_change(attributes, attribute)
    pango.pango_layout_set_attributes(self.layout, attributes)


def justify_line(context: Any, line: Any, extra_width: float) -> None:
    """Justify a line as Word's Thai Distributed does when it holds Thai, else as WeasyPrint does.

    WeasyPrint stretches only spaces, which leaves spaceless Thai lines ragged and gives
    lines with one or two spaces huge gaps. For a line with Thai, the slack is spread as
    equal letter spacing between all grapheme clusters of its text boxes (marks stay on
    their consonants: Pango spaces clusters, not code points). Each box's share is
    measured, not counted, so the line ends flush with the margin.
    """
    texts = list(_text_boxes(line))
    if not any(THAI.search(box.text) for box in texts) or extra_width <= 0:
        _original_justify_line(context, line, extra_width)
        return
    growth = {id(box): _width(context, box, 1.0) - _width(context, box, 0.0) for box in texts}
    total = sum(growth.values())
    if total <= 0:
        _original_justify_line(context, line, extra_width)
        return
    # A very loose line (a long name pushed to the next line) would space its letters out
    # so far that words fall apart; past a cap it stays short of the margin instead.
    cap = MAX_CLUSTER_SPACING_EM * line.style["font_size"]
    _spread(context, line, min(extra_width / total, cap), growth, 0.0)


def _text_boxes(box: Any) -> Any:
    """Yield the text boxes of a line, in order, skipping atomic inline boxes."""
    if isinstance(box, boxes.TextBox):
        yield box
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from _text_boxes(child)


def _spaced_layout(context: Any, box: Any, spacing: float) -> Any:
    """Return a Pango layout of a text box's text with letter spacing between its clusters."""
    layout = line_break.create_layout(box.text, box.style, context, None, 0)
    layout.mou_cluster_spacing = spacing
    layout.set_text(box.text)  # again: the spacing applies from set_text on
    return layout


def _width(context: Any, box: Any, spacing: float) -> float:
    """Measure a text box's width with a given letter spacing between its clusters."""
    layout = _spaced_layout(context, box, spacing)
    first_line, _ = layout.get_first_line()
    width, _ = line_break.line_size(first_line, box.style)
    layout.deactivate()
    return width


def _spread(context: Any, box: Any, spacing: float, growth: dict[int, float], x_advance: float) -> float:
    """Give every text box of a line the letter spacing, moving what follows; return the advance."""
    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        extra = spacing * growth.get(id(box), 0.0)
        layout = _spaced_layout(context, box, spacing)
        layout.deactivate()
        box.pango_layout = layout
        box.width += extra
        return x_advance + extra
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _spread(context, child, spacing, growth, x_advance)
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


def install() -> None:
    """Install both hooks once, refusing a WeasyPrint whose internals may differ."""
    global _installed
    if _installed:
        return
    found = {"draw_inline_level": list(inspect.signature(_original_draw_inline_level).parameters),
             "set_text": list(inspect.signature(_original_set_text).parameters),
             "justify_line": list(inspect.signature(_original_justify_line).parameters)}
    if weasyprint.__version__ not in SUPPORTED_WEASYPRINT or found != EXPECTED:
        raise RenderError(f"WeasyPrint {weasyprint.__version__} is not supported (Thai text would "
                          f"not copy or break correctly); install weasyprint=="
                          f"{SUPPORTED_WEASYPRINT[-1]} as pyproject.toml pins it")
    ffi.cdef("PangoAttribute * pango_attr_allow_breaks_new (gboolean allow_breaks);")
    weasy_draw.draw_inline_level = draw_inline_level
    line_break.Layout.set_text = set_text
    weasy_inline.justify_line = justify_line
    _installed = True
