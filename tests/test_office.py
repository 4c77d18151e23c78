"""The DOCX checked in a real office suite: LibreOffice headless converts each sample.

What a reader of the DOCX sees: only the project's Sarabun, the same text as the PDF that
WeasyPrint made, clause headings in bold in Thai too, and about the same number of pages.
"""

from __future__ import annotations

import ctypes
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import lxml.etree
import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from conftest import SAMPLES, libreoffice_to_pdf, require_tool, sample_file
from readback import pdf_lines, squash

CASES = [(agreement_id, language) for agreement_id in SAMPLES for language in ("th", "en")]


@pytest.fixture(scope="session")
def office_pdfs(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Convert every sample DOCX to PDF with LibreOffice, in one call, seeing the bundled fonts."""
    folder = tmp_path_factory.mktemp("office")
    libreoffice_to_pdf([sample_file(built, a, lang, "docx") for a, lang in CASES], folder)
    return folder


def office_pdf(folder: Path, agreement_id: str, language: str) -> Path:
    """Return LibreOffice's PDF of one sample DOCX."""
    return folder / f"{agreement_id}.{language}.pdf"


def page_count(path: Path) -> int:
    """Return a PDF's number of pages."""
    document = pypdfium2.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


@pytest.mark.parametrize("agreement_id, language", CASES)
def test_only_the_bundled_font_is_used(office_pdfs, agreement_id, language):
    require_tool("pdffonts")
    listing = subprocess.run(
        ["pdffonts", str(office_pdf(office_pdfs, agreement_id, language))], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    families = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in listing}
    assert families == {"Sarabun-Regular", "Sarabun-Bold"}


@pytest.mark.parametrize("agreement_id, language", CASES)
def test_office_text_equals_the_pdf_text(built, office_pdfs, agreement_id, language):
    office = squash("".join(pdf_lines(office_pdf(office_pdfs, agreement_id, language))))
    weasy = squash("".join(pdf_lines(sample_file(built, agreement_id, language, "pdf"))))
    assert office == weasy


@pytest.mark.parametrize("agreement_id, language", CASES)
def test_page_count_is_within_one_of_the_pdf(built, office_pdfs, agreement_id, language):
    office = page_count(office_pdf(office_pdfs, agreement_id, language))
    weasy = page_count(sample_file(built, agreement_id, language, "pdf"))
    assert abs(office - weasy) <= 1, (office, weasy)


@pytest.mark.parametrize("agreement_id", SAMPLES)
def test_thai_clause_headings_are_bold(office_pdfs, agreement_id):
    document = pypdfium2.PdfDocument(office_pdf(office_pdfs, agreement_id, "th"))
    fonts = {}
    buffer, flags = ctypes.create_string_buffer(256), ctypes.c_int()
    for page in document:
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        # A heading starts its line. Its number is held to ข้อ by a narrow no-break space, which
        # LibreOffice's PDF draws as a gap that pdfium does not read as a character (docs/office.md).
        for match in re.finditer(r"(?m)^ข้อ ?[๐-๙]+ \S+", text):
            pdfium.FPDFText_GetFontInfo(textpage, match.start(), buffer, 256, ctypes.byref(flags))
            fonts[match.group()] = buffer.value.decode()
    document.close()
    assert len(fonts) >= 6
    assert all(font.endswith("Bold") for font in fonts.values()), fonts


THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
HEADER_CM = 2.1  # the header band: 1.25 cm from the top, one line tall (the body starts at 2.5 cm)


def header_texts(path: Path) -> list[str]:
    """Return the text LibreOffice drew above the top margin of each page, spaces squeezed."""
    document = pypdfium2.PdfDocument(path)
    try:
        texts = []
        for page in document:
            height = page.get_height()
            found = page.get_textpage().get_text_bounded(0, height - HEADER_CM * 72 / 2.54, page.get_width(), height)
            texts.append(" ".join(found.split()))
        return texts
    finally:
        document.close()


@pytest.mark.parametrize("agreement_id, language", CASES)
def test_page_numbers_stand_between_hyphens_at_the_top_from_page_two(office_pdfs, agreement_id, language):
    headers = header_texts(office_pdf(office_pdfs, agreement_id, language))
    assert len(headers) >= 2
    assert headers[0] == ""
    # In whatever digits LibreOffice shows them (see the next test for the Thai edition).
    assert [h.translate(THAI_DIGITS) for h in headers[1:]] == [f"- {n} -" for n in range(2, len(headers) + 1)]


# LibreOffice 7.4 maps no DOCX construction to Thai digits: its DOCX import turns
# w:pgNumType w:fmt="thaiNumbers" (and thaiCounting, hindiNumbers) into Arabic digits and
# the PAGE field's \* ThaiArabic and \* ThaiLetter switches into Thai letters (ก, ข).
# Word shows ๒ by the format mou writes (ECMA-376 17.18.59). Strict: when a LibreOffice
# release shows ๒, this test fails, and the mark goes.
@pytest.mark.xfail(strict=True, reason="LibreOffice 7.4 shows Arabic digits for thaiNumbers")
@pytest.mark.parametrize("agreement_id", SAMPLES)
def test_thai_page_numbers_are_thai_digits_in_libreoffice(office_pdfs, agreement_id):
    headers = header_texts(office_pdf(office_pdfs, agreement_id, "th"))
    expected = [f"- {n} -".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")) for n in range(2, len(headers) + 1)]
    assert headers[1:] == expected


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XHTML = "{http://www.w3.org/1999/xhtml}"
RIGHT_MARGIN_PT = (21.0 - 2.0) / 2.54 * 72  # A4, 2 cm right margin
JUSTIFIED = frozenset({"both", "thaiDistribute", "distribute"})


def comparable(text: str) -> str:
    """Return text as two readers agree on it: no spaces, joiners or marks (readers order marks differently)."""
    text = unicodedata.normalize("NFKD", text).replace("\u0e33", "\u0e32")  # sara am as nikhahit + sara aa
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) not in ("Mn", "Cf"))


def justified_paragraphs(docx_path: Path) -> list[tuple[str, bool]]:
    """Return the text of each paragraph outside tables and whether LibreOffice justifies it.

    LibreOffice reads w:jc (the paragraph's, else its style's) and, inside mc:AlternateContent,
    the Fallback's: it takes no Choice that requires w15.
    """
    with zipfile.ZipFile(docx_path) as package:
        body = lxml.etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
        styles = lxml.etree.fromstring(package.read("word/styles.xml"))

    def jc_of(ppr) -> str | None:
        jc = None if ppr is None else ppr.find(f"{W}jc")
        if jc is None and ppr is not None:
            jc = ppr.find("{*}AlternateContent/{*}Fallback/" + f"{W}jc")
        return None if jc is None else jc.get(f"{W}val")

    style_jc = {style.get(f"{W}styleId"): jc_of(style.find(f"{W}pPr")) for style in styles.iter(f"{W}style")}
    found = []
    for paragraph in body.findall(f"{W}p"):
        ppr = paragraph.find(f"{W}pPr")
        style = ppr.find(f"{W}pStyle") if ppr is not None else None
        jc = jc_of(ppr) or (style_jc.get(style.get(f"{W}val")) if style is not None else None)
        text = comparable("".join(t.text or "" for t in paragraph.iter(f"{W}t")))
        if text:
            found.append((text, jc in JUSTIFIED))
    return found


def pdf_text_lines(pdf: Path) -> list[tuple[float, str]]:
    """Return each line poppler finds on the pages (right end, text), one per baseline, header and footer left out."""
    require_tool("pdftotext")
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    lines: list[tuple[float, float, str]] = []
    for page in lxml.etree.fromstring(xml).iter(f"{XHTML}page"):
        height = float(page.get("height"))
        found = []
        for line in page.iter(f"{XHTML}line"):
            top, bottom = float(line.get("yMin")), float(line.get("yMax"))
            if HEADER_CM * 72 / 2.54 < bottom < height - 2.0 * 72 / 2.54:
                text = "".join(word.text or "" for word in line.iter(f"{XHTML}word"))
                found.append((top, float(line.get("xMax")), comparable(text)))
        found.sort()
        for top, right, text in found:  # poppler may cut a letter-spaced line in two
            if lines and abs(lines[-1][0] - top) < 2 and lines[-1][0] >= 0:
                lines[-1] = (top, max(lines[-1][1], right), lines[-1][2] + text)
            else:
                lines.append((top, right, text))
        lines.append((-1.0, 0.0, ""))  # a page ends: no line joins across it
    return [(right, text) for _, right, text in lines if text]


def short_full_lines(docx_path: Path, pdf: Path) -> tuple[int, list[tuple[float, str]]]:
    """Return the number of full lines of justified paragraphs, and those that end more than 1 pt before the margin.

    A full line is one of a paragraph's lines but its last. The PDF's lines are given to the
    DOCX's paragraphs in order, by their text; a paragraph whose lines are not found is passed.
    """
    lines = pdf_text_lines(pdf)
    full, short, at = 0, [], 0
    for text, justified in justified_paragraphs(docx_path):
        got, mine, start = "", [], at
        while at < len(lines) and len(got) < len(text) and text.startswith(got + lines[at][1]):
            got += lines[at][1]
            mine.append(lines[at])
            at += 1
        if got != text:
            at = start  # a table's paragraph, or text the reader orders otherwise: not counted
            continue
        if justified:
            full += len(mine) - 1
            short += [
                (round(RIGHT_MARGIN_PT - right, 1), line) for right, line in mine[:-1] if right < RIGHT_MARGIN_PT - 1
            ]
    return full, short


# LibreOffice 7.4 reads Word's thaiDistribute as left (ragged right): 506 of 592 full Thai
# lines of the samples stopped short. mou writes `both` for it (docs/office.md), which it
# justifies by spreading a Thai line between its clusters. Not every line: where a line ends
# on a character cluster with marks it puts that cluster's gap past the line, and a line
# cut after a no-break space keeps the space's width (docs/office.md).
@pytest.mark.parametrize("agreement_id", SAMPLES)
def test_libreoffice_justifies_thai_paragraphs(built, office_pdfs, agreement_id):
    docx_path = sample_file(built, agreement_id, "th", "docx")
    full, short = short_full_lines(docx_path, office_pdf(office_pdfs, agreement_id, "th"))
    assert full > 40
    assert len(short) <= full // 10, (full, short)
