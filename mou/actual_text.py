"""Exact copy-and-paste of Thai: wrap each drawn Thai line in an /ActualText span.

HarfBuzz draws sara am (ำ) as two glyphs, and WeasyPrint's ToUnicode map leaves one of
them empty, so `อำเภอ` would be extracted as `อาเภอ`. A marked-content span carrying the
line's real text (PDF 32000-1 §14.9.4) makes every extractor that honours ActualText
(pdfium, poppler, Acrobat) return the text exactly as written. The hook replaces one
private WeasyPrint function, so WeasyPrint is pinned and the hook checks what it wraps.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

import pydyf
import weasyprint
import weasyprint.draw.text as weasy_text

from .errors import RenderError

SUPPORTED_WEASYPRINT = ("70.0",)
EXPECTED_PARAMETERS = ["stream", "textbox", "text_overflow", "block_ellipsis", "matrix"]
THAI = re.compile("[\u0e00-\u0e7f]")
_original = weasy_text.draw_first_line


def actual_text_span(text: str) -> pydyf.Dictionary:
    """Return the property list of a /Span whose ActualText is text."""
    return pydyf.Dictionary({"ActualText": pydyf.String(text)})


def draw_first_line_with_actual_text(stream: Any, textbox: Any, text_overflow: str,
                                     block_ellipsis: str, matrix: Any) -> Any:
    """Draw a line as WeasyPrint does, inside an ActualText span when it holds Thai."""
    text = textbox.text
    if not THAI.search(text) or text_overflow == "ellipsis" or block_ellipsis != "none":
        return _original(stream, textbox, text_overflow, block_ellipsis, matrix)
    stream.begin_marked_content("Span", actual_text_span(text))
    try:
        return _original(stream, textbox, text_overflow, block_ellipsis, matrix)
    finally:
        stream.end_marked_content()


def install() -> None:
    """Install the hook once, refusing a WeasyPrint whose internals may differ."""
    if weasy_text.draw_first_line is draw_first_line_with_actual_text:
        return
    parameters = list(inspect.signature(_original).parameters)
    if weasyprint.__version__ not in SUPPORTED_WEASYPRINT or parameters != EXPECTED_PARAMETERS:
        raise RenderError(f"WeasyPrint {weasyprint.__version__} is not supported (Thai text would "
                          f"not copy exactly); install weasyprint=={SUPPORTED_WEASYPRINT[-1]} "
                          "as pyproject.toml pins it")
    weasy_text.draw_first_line = draw_first_line_with_actual_text
