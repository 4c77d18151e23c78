"""Read built files back as a reader would: PDF text with pypdfium2, DOCX with python-docx."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pypdfium2

PAGE_NUMBER = re.compile(r"^- [0-9๐-๙]+ -$")
# Every page's footer (agreement · version · fingerprint) and a draft's watermark: not body text.
# (The side-by-side edition says both: รุ่น / version …, ร่าง · DRAFT.)
# A redline's footer names both versions instead (mou/redline/redline.py).
FOOTER = re.compile(
    r"[a-z0-9-]+ · (?:(?:version|รุ่น|รุ่น / version) \S+ · "
    r"(?:fingerprint|รหัสตรวจสอบ|รหัสตรวจสอบ / fingerprint) [0-9a-f]{12}"
    r"|(?:redline|ฉบับเปรียบเทียบ รุ่น) \S+ → \S+)"
)
WATERMARK = re.compile(r"^(?:ร่าง|DRAFT|ร่าง · DRAFT)$")
# The hyphen the typesetter adds at a line's end to break an English word (U+2010, style.css):
# taken out with the line break, so the word reads whole, unless the next line is the page
# number or the footer (the word goes on on the next page): then the hyphen alone.
HYPHENATION = re.compile("\u2010\r?\n(?!" + PAGE_NUMBER.pattern.strip("^$") + "|" + FOOTER.pattern + ")")
PAGE_END_HYPHENATION = re.compile("\u2010(?=\r?\n)")


def without_hyphenation(text: str) -> str:
    """Return extracted text with the typesetter's hyphens taken out (HYPHENATION)."""
    return PAGE_END_HYPHENATION.sub("", HYPHENATION.sub("", text))


def pdf_pages(path: Path) -> list[str]:
    """Return the text of every page of a PDF, as pdfium extracts it."""
    document = pypdfium2.PdfDocument(path)
    try:
        # pdfium reports a hyphen ending a line as U+FFFE (it may be a soft hyphen); the
        # PDF holds a real hyphen there, so read it as one.
        # The page number "- ๒ -" ends its line with a hyphen too, just before the footer.
        # A hyphen the typesetter added to break an English word (U+2010, style.css) is not
        # in the text: the word reads whole once lines are joined (squash, the aligner).
        return [
            without_hyphenation(
                re.sub("\ufffe(?=" + FOOTER.pattern + ")", "-\n", page.get_textpage().get_text_range()).replace(
                    "\ufffe", "-"
                ),
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
    return [as_read(t).strip() for t in texts if t.strip()]


def as_read(text: str) -> str:
    """Return DOCX text as a reader sees it: the joiners, zero-width and no-break spaces that keep units whole are layout, not text."""
    return text.replace("\u2060", "").replace("\u200b", "").replace("\u00a0", " ").replace("\u202f", " ")


def squash(text: str) -> str:
    """Drop all whitespace: Thai lines break without spaces, so compare text this way."""
    return re.sub(r"\s+", "", text)


def pdf_difference(first: bytes, second: bytes) -> str:
    """Say where two PDFs differ: the first object that does, and for an embedded font, which tables.

    Two builds that should be the same bytes and are not get a message that names the cause
    (a subset font's head.modified, its glyph set, a content stream…), not just a byte offset.
    """
    import io
    import zlib

    from fontTools.ttLib import TTFont

    if first == second:
        return "the same bytes"
    pattern = re.compile(rb"\n(\d+) 0 obj\n(.*?)\nendobj", re.S)
    theirs = {m.group(1): m.group(2) for m in pattern.finditer(second)}
    for match in pattern.finditer(first):
        number, body = match.group(1), match.group(2)
        other = theirs.get(number)
        if other == body:
            continue
        where = f"object {number.decode()} (first at byte {match.start()})"
        if other is None or b"/Length1" not in body:
            return f"{where}: {body[:120]!r} against {(other or b'')[:120]!r}"
        fonts = []
        for data in (body, other):
            stream = data[data.index(b"stream\n") + 7 :]
            fonts.append(TTFont(io.BytesIO(zlib.decompressobj().decompress(stream))))
        tags = set(fonts[0].reader.keys()) | set(fonts[1].reader.keys())
        tables = sorted(
            tag
            for tag in tags
            if tag not in fonts[0].reader or tag not in fonts[1].reader or fonts[0].reader[tag] != fonts[1].reader[tag]
        )
        head = [font["head"].modified for font in fonts]
        return (
            f"{where}: an embedded font; tables that differ: {', '.join(tables)}; head.modified {head[0]} / {head[1]}"
        )
    return "the same objects in another order or with another trailer"
