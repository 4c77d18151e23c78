"""Read built files back as a reader would: PDF text with pypdfium2, DOCX with python-docx."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pypdfium2

PAGE_NUMBER = re.compile(r"^- [0-9๐-๙]+ -$")
# Every page's footer (agreement · version · fingerprint) and a draft's watermark: not body text.
# (The side-by-side edition says both: รุ่น / version …, ร่าง · DRAFT.)
# A redline's footer names both versions instead (mou/redline.py).
FOOTER = re.compile(
    r"[a-z0-9-]+ · (?:(?:version|รุ่น|รุ่น / version) \S+ · "
    r"(?:fingerprint|รหัสตรวจสอบ|รหัสตรวจสอบ / fingerprint) [0-9a-f]{12}"
    r"|(?:redline|ฉบับเปรียบเทียบ รุ่น) \S+ → \S+)"
)
WATERMARK = re.compile(r"^(?:ร่าง|DRAFT|ร่าง · DRAFT)$")


def pdf_pages(path: Path) -> list[str]:
    """Return the text of every page of a PDF, as pdfium extracts it."""
    document = pypdfium2.PdfDocument(path)
    try:
        # pdfium reports a hyphen ending a line as U+FFFE (it may be a soft hyphen); the
        # PDF holds a real hyphen there, so read it as one.
        # The page number "- ๒ -" ends its line with a hyphen too, just before the footer.
        return [
            re.sub("\ufffe(?=" + FOOTER.pattern + ")", "-\n", page.get_textpage().get_text_range()).replace(
                "\ufffe", "-"
            )
            for page in document
        ]
    finally:
        document.close()


def pdf_lines(path: Path) -> list[str]:
    """Return the PDF's text lines without page-number headers, footers and watermarks."""
    lines = [line.strip() for page in pdf_pages(path) for line in page.splitlines()]
    return [
        line
        for line in lines
        if line and not PAGE_NUMBER.match(line) and not FOOTER.fullmatch(line) and not WATERMARK.match(line)
    ]


def docx_paragraphs(path: Path) -> list[str]:
    """Return the text of every body paragraph and table cell paragraph, in document order."""
    document = docx.Document(str(path))
    texts = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            texts.append("".join(t.text or "" for t in block.iter(docx.oxml.ns.qn("w:t"))))
        elif tag == "tbl":
            for paragraph in block.iter(docx.oxml.ns.qn("w:p")):
                texts.append("".join(t.text or "" for t in paragraph.iter(docx.oxml.ns.qn("w:t"))))
    return [t.strip() for t in texts if t.strip()]


def squash(text: str) -> str:
    """Drop all whitespace: Thai lines break without spaces, so compare text this way."""
    return re.sub(r"\s+", "", text)
