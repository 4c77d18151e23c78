"""Read built files back as a reader would: PDF text in four readers, DOCX with python-docx.

The four PDF readers are the common viewers' text engines: pdfium (Chrome, Edge; pypdfium2),
poppler (Evince, Okular; `pdftotext -raw`), pdf.js (Firefox; the pdfjs-dist package from npm,
run by Node: tests/pdfjs/) and pdfminer.six. pdf.js and pdfminer ignore /ActualText: they
read each glyph's ToUnicode text, and take a wide gap between glyphs for a space.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfminer.high_level import extract_text

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
# number or the footer, or the page ends (the word goes on on the next page): then the hyphen alone.
HYPHENATION = re.compile("\u2010\r?\n(?!" + PAGE_NUMBER.pattern.strip("^$") + "|" + FOOTER.pattern + ")")
PAGE_END_HYPHENATION = re.compile("\u2010(?=\r?\n|\\Z)")


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
    return body_lines(pdf_pages(path))


def body_lines(pages: list[str]) -> list[str]:
    """Return the text lines of a reader's pages without page-number headers, footers and watermarks."""
    lines = [line.strip() for page in pages for line in page.splitlines()]
    return [
        line
        for line in lines
        if line and not PAGE_NUMBER.match(line) and not FOOTER.fullmatch(line) and not WATERMARK.match(line)
    ]


PDFJS = Path(__file__).resolve().parent / "pdfjs"


def pdfjs_missing() -> str | None:
    """Say why pdf.js cannot run here (no Node, or its package not installed), or None."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (PDFJS / "node_modules" / "pdfjs-dist").is_dir():
        return "pdfjs-dist is not installed (cd tests/pdfjs && npm ci)"
    return None


def pdfjs_pages(path: Path) -> list[str]:
    """Return the text of every page of a PDF as pdf.js (Firefox's viewer) extracts it."""
    done = subprocess.run(
        ["node", str(PDFJS / "extract.mjs"), str(path)],
        check=True,
        capture_output=True,
        env={**os.environ, "NODE_NO_WARNINGS": "1"},
    )
    pages = json.loads(done.stdout.decode("utf-8").splitlines()[-1])["pages"]
    return [without_hyphenation(page) for page in pages]


def pdfminer_pages(path: Path) -> list[str]:
    """Return the text of every page of a PDF as pdfminer.six extracts it (its default layout analysis)."""
    return [without_hyphenation(page) for page in extract_text(path).split("\f")]


def poppler_pages(path: Path) -> list[str]:
    """Return the text of every page of a PDF as poppler's `pdftotext -raw` extracts it (content-stream order)."""
    command = ["pdftotext", "-enc", "UTF-8", "-raw", str(path), "-"]
    text = subprocess.run(command, check=True, capture_output=True).stdout.decode("utf-8")
    return [without_hyphenation(page) for page in text.split("\f")]


@dataclass(frozen=True)
class Columns:
    """Where the side-by-side edition's text is on its pages (pt): the boundary between the columns, the text area's top and bottom margins."""

    middle: float
    top: float
    bottom: float


# The side-by-side edition's signing line: its blocks start there, and run across the columns.
SIDE_BY_SIDE_SIGNING = "(ลงชื่อ / Signed)"
# A side-by-side draft's watermark, drawn across both columns: each column's rectangle holds a piece.
SIDE_BY_SIDE_WATERMARK = "ร่าง · DRAFT"
# pdfium reads a hyphen-minus ending a line, before a letter, as U+0002 (get_text_bounded) or
# U+FFFE (get_text_range) and joins the two lines (it may be a soft hyphen): the PDF holds a
# hyphen-minus there, and pdfium says so (FPDFText_IsHyphen).
PDFIUM_HYPHEN = re.compile("[\x02\ufffe]")


def pdfium_hyphens(text: str, textpage: pypdfium2.PdfTextPage) -> str:
    """Return text pdfium read from a page with its line-end hyphens as the hyphen-minus the PDF holds.

    Only if every U+0002 and U+FFFE of the page is one (FPDFText_IsHyphen): anything else
    reading so is not text of the source, and is left for the comparison to find.
    """
    for index in range(textpage.count_chars()):
        unicode = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
        if unicode in (0x2, 0xFFFE) and not pdfium_c.FPDFText_IsHyphen(textpage.raw, index):
            return text
    return PDFIUM_HYPHEN.sub("-", text)


def column_rectangles(path: Path, columns: Columns) -> list[list[tuple[float, float, float, float]]]:
    """Return, per page, the rectangles (left, bottom, right, top) a reader selects to copy the side-by-side text.

    Each column on its own, as a reader selects one, down to where the signature blocks
    start; from there the text area whole, since a block may stand across the columns.
    """
    pages = []
    document = pypdfium2.PdfDocument(path)
    try:
        signing: float | None = None  # the top of the first signing line, once found
        for page in document:
            width, height = page.get_width(), page.get_height()
            top, bottom = height - columns.top, columns.bottom
            if signing is not None:
                pages.append([(0.0, bottom, width, top)])
                continue
            textpage = page.get_textpage()
            found = textpage.search(SIDE_BY_SIDE_SIGNING).get_next()
            if found:
                signing = max(textpage.get_charbox(i)[3] for i in range(found[0], found[0] + found[1]))
            textpage.close()
            above = signing + 1 if signing is not None else bottom
            rectangles = [(0.0, above, columns.middle, top), (columns.middle, above, width, top)]
            pages.append(rectangles + ([(0.0, bottom, width, above)] if signing is not None else []))
    finally:
        document.close()
    return pages


def pdfium_columns(path: Path, columns: Columns) -> list[str]:
    """Return the side-by-side text as pdfium copies it from each column's rectangle (get_text_bounded), page by page."""
    rectangles = column_rectangles(path, columns)
    document = pypdfium2.PdfDocument(path)
    try:
        pages = []
        for page, chosen in zip(document, rectangles):
            textpage = page.get_textpage()
            texts = [textpage.get_text_bounded(left=x0, bottom=y0, right=x1, top=y1) for x0, y0, x1, y1 in chosen]
            text = pdfium_hyphens("\n".join(texts), textpage)
            textpage.close()
            pages.append(without_hyphenation(_without_watermark_pieces(text)))
        return pages
    finally:
        document.close()


def poppler_columns(path: Path, columns: Columns) -> list[str]:
    """Return the side-by-side text as poppler's `pdftotext -raw` copies it from each column's rectangle (-x -y -W -H)."""
    document = pypdfium2.PdfDocument(path)
    try:
        heights = [page.get_height() for page in document]
    finally:
        document.close()
    pages = []
    for number, (chosen, height) in enumerate(zip(column_rectangles(path, columns), heights), start=1):
        texts = []
        for left, bottom, right, top in chosen:
            box = [str(round(v)) for v in (left, height - top, right - left, top - bottom)]
            command = ["pdftotext", "-enc", "UTF-8", "-raw", "-f", str(number), "-l", str(number)]
            command += ["-x", box[0], "-y", box[1], "-W", box[2], "-H", box[3], str(path), "-"]
            texts.append(subprocess.run(command, check=True, capture_output=True).stdout.decode("utf-8"))
        text = "\n".join(text.replace("\f", "") for text in texts)
        pages.append(without_hyphenation(_without_watermark_pieces(text)))
    return pages


def _without_watermark_pieces(text: str) -> str:
    """Return a column's text without the pieces of a draft's watermark, which runs across both columns."""
    return "\n".join(
        line for line in text.splitlines() if not (line.strip() and line.strip() in SIDE_BY_SIDE_WATERMARK)
    )


COLUMN_READERS: dict[str, Callable[[Path, Columns], list[str]]] = {"pdfium": pdfium_columns, "poppler": poppler_columns}


def _exact(line: str, blocks: list[str], across: bool = True) -> bool:
    """Say whether a line is a stretch of one block, or (across) two, Thai and English, read side by side."""
    if any(line in block for block in blocks):
        return True
    if not across:
        return False
    for at in (i for i, char in enumerate(line) if char == " "):
        left, right = line[:at], line[at + 1 :]
        if bool(THAI.search(left)) != bool(THAI.search(right)) and all(
            any(part in block for block in blocks) for part in (left, right)
        ):
            return True
    return False


THAI = re.compile("[\u0e00-\u0e7f]")


READERS: dict[str, Callable[[Path], list[str]]] = {
    "pdfium": pdf_pages,
    "poppler": poppler_pages,
    "pdf.js": pdfjs_pages,
    "pdfminer": pdfminer_pages,
}


def pdfium_box_errors(path: Path, tolerance: float = 1.0) -> list[str]:
    """Return where pdfium's character boxes (what a search highlights) stray from the glyphs drawn.

    pdfium gives each character the text object (a run of glyphs) it came from. Every
    character's box must lie within its object's glyphs, within tolerance (pt), and every
    object that draws text must have characters: characters packed into another object, or
    an object left without any (its text given to another), is where a highlight lands wrong.
    """
    errors = []
    document = pypdfium2.PdfDocument(path)
    try:
        for number, page in enumerate(document, start=1):
            textpage = page.get_textpage()
            objects = {
                ctypes.cast(obj.raw, ctypes.c_void_p).value: obj
                for obj in page.get_objects()
                if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT
            }
            owned = set()
            for index in range(textpage.count_chars()):
                if pdfium_c.FPDFText_IsGenerated(textpage.raw, index):
                    continue
                char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))
                handle = ctypes.cast(pdfium_c.FPDFText_GetTextObject(textpage.raw, index), ctypes.c_void_p).value
                owned.add(handle)
                if char.isspace() or handle not in objects:
                    continue
                left, _, right, _ = textpage.get_charbox(index)
                low, bottom, high, _ = objects[handle].get_bounds()
                if left < low - tolerance or right > high + tolerance:
                    errors.append(
                        f"page {number}: {char!r} boxed at {left:.1f}–{right:.1f} pt, "
                        f"its glyphs drawn over {low:.1f}–{high:.1f} at {bottom:.0f}"
                    )
            drawn = _glyph_texts(path, number - 1)
            for position, (handle, obj) in enumerate(objects.items()):
                if handle not in owned and drawn[position].strip():
                    left, bottom, right, _ = obj.get_bounds()
                    errors.append(
                        f"page {number}: glyphs over {left:.1f}–{right:.1f} pt at {bottom:.0f} have no characters"
                    )
            textpage.close()
    finally:
        document.close()
    return errors


def _glyph_texts(path: Path, page_index: int) -> list[str]:
    """Return the text of each text object of a page as its glyphs read, marked-content spans (ActualText) taken out."""
    document = pypdfium2.PdfDocument(path)
    try:
        page = document[page_index]
        objects = [obj for obj in page.get_objects() if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT]
        for obj in objects:
            while pdfium_c.FPDFPageObj_CountMarks(obj.raw):
                pdfium_c.FPDFPageObj_RemoveMark(obj.raw, pdfium_c.FPDFPageObj_GetMark(obj.raw, 0))
        textpage = page.get_textpage()
        texts = []
        for obj in objects:
            size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
            buffer = ctypes.create_string_buffer(size)
            pdfium_c.FPDFTextObj_GetText(
                obj.raw, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size
            )
            texts.append(buffer.raw[: max(size - 2, 0)].decode("utf-16-le", errors="replace"))
        textpage.close()
        return texts
    finally:
        document.close()


@dataclass(frozen=True)
class WordSpace:
    """A space of the source between two words on one line of a PDF, as drawn and as pdfium reads it."""

    page: int
    width_em: float | None  # the gap left for it, in ems of the text after it; None: drawn as a space glyph
    read: bool  # pdfium reads a space there
    before: str  # the text before it on its line (up to ten letters)
    after: str  # and after it


def word_spaces(path: Path, blocks: list[str]) -> list[WordSpace]:
    """Return every space of the source that falls inside a line of the PDF, with its gap where no glyph draws it.

    WeasyPrint draws no glyph for a text box of spaces only (between two inline boxes, as in
    `</span> <span>`): pdfium reads such a space only from the gap it leaves, measured here
    from the furthest advance of the word before (pdfium's loose boxes: each glyph's origin
    and advance) to the start of the word after. A line is found in the source by its letters
    (whitespace aside); a line of the side-by-side edition that reads the two columns as one
    is cut where they meet, and a line found nowhere is left out (the readback tests find it).
    """
    sources = [_letters_and_spaces(block.replace("\u00a0", " ")) for block in blocks]
    found = []
    for page, letters in _pdfium_letters(path):
        for part in _source_parts(letters, sources):
            text = "".join(letter.char for letter in part)
            at, spaced = next(((s.find(text), gaps) for s, gaps in sources if text in s), (-1, frozenset()))
            if at < 0 or len(text) < 2:
                continue
            reach = part[0].right
            for k, letter in enumerate(part[1:], start=1):
                if at + k in spaced:
                    width = None if letter.drawn_space else (letter.left - reach) / letter.em
                    found.append(WordSpace(page, width, letter.spaced, text[max(0, k - 10) : k], text[k : k + 10]))
                    reach = letter.right
                reach = max(reach, letter.right)
    return found


@dataclass(frozen=True)
class _Letter:
    char: str
    left: float  # pt: where its origin is
    right: float  # and where its advance ends
    em: float  # pt
    spaced: bool  # pdfium reads a space before it
    drawn_space: bool  # a space glyph is drawn before it


def _pdfium_letters(path: Path) -> list[tuple[int, list[_Letter]]]:
    """Return each line pdfium reads, as its letters (not spaces) with their loose boxes."""
    lines = []
    document = pypdfium2.PdfDocument(path)
    try:
        for number, page in enumerate(document, start=1):
            textpage = page.get_textpage()
            line: list[_Letter] = []
            spaced = drawn = False
            matrix = pdfium_c.FS_MATRIX()
            for index in range(textpage.count_chars()):
                char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))
                generated = bool(pdfium_c.FPDFText_IsGenerated(textpage.raw, index))
                if char in "\r\n":
                    if line:
                        lines.append((number, line))
                    line, spaced, drawn = [], False, False
                elif char.isspace():
                    spaced, drawn = True, drawn or not generated
                elif not generated:
                    left, _, right, _ = textpage.get_charbox(index, loose=True)
                    pdfium_c.FPDFText_GetMatrix(textpage.raw, index, ctypes.byref(matrix))
                    em = pdfium_c.FPDFText_GetFontSize(textpage.raw, index) * abs(matrix.a)
                    line.append(_Letter(char, left, right, em, spaced, drawn))
                    spaced = drawn = False
            if line:
                lines.append((number, line))
            textpage.close()
    finally:
        document.close()
    return lines


def _letters_and_spaces(text: str) -> tuple[str, frozenset[int]]:
    """Return a text's letters (whitespace taken out) and where a space stood before one of them."""
    letters, spaced = [], set()
    for char in text:
        if char.isspace():
            spaced.add(len(letters))
        else:
            letters.append(char)
    return "".join(letters), frozenset(spaced)


def _source_parts(letters: list[_Letter], sources: list[tuple[str, frozenset[int]]]) -> list[list[_Letter]]:
    """Return a line's letters as stretches of the source: whole, or cut where a Thai column meets an English one."""
    while letters and letters[-1].char in "\u2010-":  # the typesetter's hyphen, or a line-end hyphen
        letters = letters[:-1]
    text = "".join(letter.char for letter in letters)
    if any(text in source for source, _ in sources):
        return [letters]
    for k in range(1, len(letters)):
        if letters[k].spaced and bool(THAI.match(letters[k - 1].char)) != bool(THAI.match(letters[k].char)):
            return [letters[:k], letters[k:]]
    return [letters]


def misread(lines: list[str], blocks: list[str], across: bool = True) -> list[str]:
    """Return the lines that are not an exact stretch of one source block, and text the reader lost.

    Readers order a page's lines their own way, so each line is looked up on its own. In the
    side-by-side edition pdfium, poppler and pdf.js join a Thai line and the English line
    beside it into one, with a space: such a line counts as exact when it is a Thai stretch
    and an English one (no Thai letter) of the source, in either order. Every line found, the
    source's letters (spaces aside) must all have been read: a reader that drops text says
    so as the last entry. A reader that copies each column on its own (COLUMN_READERS) is
    held to single stretches, and to reading no letter twice: across=False.
    """
    blocks = [block.replace("\u00a0", " ") for block in blocks]  # the PDF's text reads a no-break space as one
    wrong = [line for line in lines if not _exact(line, blocks, across)]
    read, source = len(squash("".join(lines))), len(squash("".join(blocks)))
    if not wrong and read < source:
        wrong.append(f"({source - read} of the source's {source} letters never read)")
    if not wrong and read > source and not across:
        # one column at a time, a letter read twice was drawn across the boundary (in both rectangles)
        wrong.append(f"({read - source} letters more than the source's {source} read)")
    return wrong


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
