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

import inspect
import re
from typing import Any

import pydyf
import weasyprint
import weasyprint.draw as weasy_draw
from weasyprint.formatting_structure import boxes
from weasyprint.text import line_break
from weasyprint.text.ffi import ffi, pango

from .errors import RenderError
from .thai_breaks import INVISIBLE, no_break_ranges

SUPPORTED_WEASYPRINT = ("70.0",)
THAI = re.compile("[\u0e00-\u0e7f]")
EXPECTED = {
    "draw_inline_level": ["stream", "page", "box", "offset_x", "text_overflow", "block_ellipsis"],
    "set_text": ["self", "text", "justify"],
}
_original_draw_inline_level = weasy_draw.draw_inline_level
_original_set_text = line_break.Layout.set_text
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
    offsets = _byte_offsets(current)
    # Reset the whole text first: a layout is reused, and old ranges must not linger.
    _change(attributes, True, 0, offsets[-1])
    for start, end in no_break_ranges(current):
        _change(attributes, False, offsets[start], offsets[end])
    pango.pango_layout_set_attributes(self.layout, attributes)


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
             "set_text": list(inspect.signature(_original_set_text).parameters)}
    if weasyprint.__version__ not in SUPPORTED_WEASYPRINT or found != EXPECTED:
        raise RenderError(f"WeasyPrint {weasyprint.__version__} is not supported (Thai text would "
                          f"not copy or break correctly); install weasyprint=="
                          f"{SUPPORTED_WEASYPRINT[-1]} as pyproject.toml pins it")
    ffi.cdef("PangoAttribute * pango_attr_allow_breaks_new (gboolean allow_breaks);")
    weasy_draw.draw_inline_level = draw_inline_level
    line_break.Layout.set_text = set_text
    _installed = True
