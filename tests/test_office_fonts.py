"""The DOCX on a computer with no Thai font: the embedded Sarabun, whole names, and a second reader.

LibreOffice converts every sample DOCX under a fontconfig that holds DejaVu alone (no Thai
at all): the PDF must use only Sarabun (from inside the DOCX), its text must be mou's own,
and no name, number with its word or defined term may be split across two lines. A DOCX
made without embedding must fall back to another font there, or the check proves nothing.
pandoc, a reader that is not an office suite, must read the same text.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, libreoffice_to_pdf, require_tool, sample_file
from readback import FOOTER, PAGE_NUMBER, WATERMARK, as_read, docx_paragraphs, pdf_lines, squash

from mou.docx.render import html_to_docx
from mou.html.templating import COLUMN_PT, person_in, text_width
from mou.language.breaks import AMOUNT_IN_WORDS, COUNTED, THAI_RUN, WORD_JOINER, amount_parts, office_breaks
from mou.pipeline.build import load
from mou.pipeline.layout import Layout
from mou.pipeline.render import RUNNING_LINE_PT, people_of, render_documents
from mou.records.project import Project

EDITIONS = [(a, lang) for a in SAMPLES for lang in ("th", "en", "th-en")]
PROJECT = load(Layout(ROOT, ROOT / "output"))
BARE = "bare"  # the Thai sample converted without fonts inside
LAID_OUT_PAGE_NUMBER = re.compile(r"^-\s*[0-9๐-๙]+\s*-$")  # pdftotext -layout squeezes "- 2 -"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def no_thai_fonts_conf(folder: Path) -> Path:
    """Write a fontconfig that sees DejaVu alone (or no font at all), none of the system's others."""
    conf = folder / "no-thai.conf"
    fonts = f"<dir>{DEJAVU}</dir>" if DEJAVU.is_dir() else ""
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"{fonts}<cachedir>{folder / 'fontcache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return conf


@pytest.fixture(scope="module")
def no_thai(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Convert every sample DOCX, and one made without embedded fonts, where no Thai font is installed."""
    folder = tmp_path_factory.mktemp("no-thai")
    sources = [sample_file(built, a, lang, "docx") for a, lang in EDITIONS]
    document = next(
        d for d in render_documents(Layout(ROOT, ROOT / "output"), PROJECT, SAMPLES[0]) if d.language == "th"
    )
    bare = folder / f"{BARE}.docx"
    bare.write_bytes(html_to_docx(document.html))
    conf = no_thai_fonts_conf(folder)
    listed = subprocess.run(
        ["fc-list", ":lang=th"], capture_output=True, text=True, env={**os.environ, "FONTCONFIG_FILE": str(conf)}
    )
    assert listed.stdout.strip() == "", "the fontconfig of this test must hold no Thai font"
    # The DOCX without fonts goes first, in a LibreOffice of its own: fonts embedded in one
    # document stay registered for the rest of the process (measured), and would hide the fallback.
    for batch in ([bare], sources):
        libreoffice_to_pdf(batch, folder, conf)
    return folder


def font_families(pdf: Path) -> set[str]:
    """Return the font names pdffonts lists, without subset prefixes."""
    require_tool("pdffonts")
    listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    return {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in listing}


def pdftotext_lines(pdf: Path, layout: bool = False) -> list[str]:
    """Return poppler's text lines of a PDF without page numbers, footers and watermarks."""
    require_tool("pdftotext")
    text = subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines = [line.strip() for line in text.replace("\f", "\n").splitlines()]
    return [
        line
        for line in lines
        if line
        and not PAGE_NUMBER.match(line)
        and not LAID_OUT_PAGE_NUMBER.match(line)
        and not FOOTER.fullmatch(line)
        and not WATERMARK.match(line)
    ]


@pytest.mark.parametrize("agreement_id, language", EDITIONS)
def test_only_the_embedded_sarabun_shows_where_no_thai_font_is_installed(no_thai, agreement_id, language):
    families = font_families(no_thai / f"{agreement_id}.{language}.pdf")
    assert families and all(f.startswith("Sarabun-") for f in families), families


def test_without_embedding_another_font_shows(no_thai):
    families = font_families(no_thai / f"{BARE}.pdf")
    assert any(not f.startswith("Sarabun-") for f in families), families


@pytest.mark.parametrize("agreement_id, language", EDITIONS)
def test_the_text_read_back_is_mous_own(built, no_thai, agreement_id, language):
    office = no_thai / f"{agreement_id}.{language}.pdf"
    copied = "".join(pdftotext_lines(office))  # as poppler reads it: no joiner reaches the reader
    assert not {WORD_JOINER, "\u200b", "\u00a0", "\u202f"} & set(copied)
    assert "\ufffd" not in copied
    assert language == "en" or re.search("[\u0e01-\u0e4e]", copied)
    if language != "th-en":  # the side-by-side columns are read across by one reader, down by the other
        own = squash("".join(pdf_lines(sample_file(built, agreement_id, language, "pdf"))))
        assert squash("".join(pdf_lines(office))) == own  # as pdfium reads it (a browser's viewer)


def units_of(agreement_id: str, project: Project = PROJECT, room: float = RUNNING_LINE_PT) -> list[str]:
    """Return the Thai units no line may split: people, parties, short names, positions, the collective term, place words, numbers with their words, amounts in words (each part).

    An amount in words is held (in parts) only where the whole of it fits in room, a line or a column.
    """
    agreement = project.agreements[agreement_id]
    parties = [project.parties[p] for p in agreement.parties]
    # an organization's name may break between its words (นครโคฟุ | จังหวัดยามานาชิ), as in the PDF;
    # its short name, a defined term, may not
    texts = [word for p in parties for word in (p.name.th or "").split()] + [p.short_name.th for p in parties]
    texts += [agreement.collective_name.th if agreement.collective_name else "คู่ภาคี"]
    texts += [w for p in parties for w in THAI_RUN.findall(p.address.th or "") if len(w) > 1]
    for person in people_of(project, agreement_id):
        texts += [person_in(person, "th"), person.position.th]
    document = next(
        d for d in render_documents(Layout(ROOT, ROOT / "output"), project, agreement_id) if d.language == "th"
    )
    text = re.sub("<[^>]+>", "", document.html)
    texts += [m.group() for m in COUNTED.finditer(text)]
    font = ROOT / "templates" / "fonts" / "Sarabun-Regular.ttf"
    # LibreOffice broke an amount held whole inside a word where it met the margin (…เจ็ดสิบห้าส|ตางค์);
    # one wider than a line is not held (its parts neither), as in the PDF
    amounts = [m.group() for m in AMOUNT_IN_WORDS.finditer(text)]
    texts += [part for words in amounts if text_width(words, font) * 1.2 <= room for part in amount_parts(words)]
    return sorted({t for t in texts if t and text_width(t, font) * 1.2 <= RUNNING_LINE_PT}, key=len, reverse=True)


def split_units(lines: list[str], units: list[str]) -> list[str]:
    """Return the units found split across two consecutive lines, shown with the break as |."""
    found = []
    squashed = [squash(unit) for unit in units]
    for first, second in zip(lines, lines[1:]):
        head, joined = squash(first), squash(first + second)
        for unit in squashed:
            if unit not in joined:  # most units stand on few lines: look closer only where one does
                continue
            for match in re.finditer(re.escape(unit), joined):
                if match.start() < len(head) < match.end():
                    found.append(f"{joined[match.start() : len(head)]}|{joined[len(head) : match.end()]}")
    return found


@pytest.mark.parametrize("agreement_id", SAMPLES)
def test_libreoffice_splits_no_name_number_or_term(no_thai, agreement_id):
    lines = running_lines(no_thai / f"{agreement_id}.th.pdf")
    units = units_of(agreement_id)
    assert len(units) > 20 and len(lines) > 40
    split = split_units(lines, units)
    assert split == [], split


# The side-by-side edition's narrow columns: LibreOffice 7.4 broke inside quoted short names there
# (“อบต.โน|นสะอาด”, 8 in the two samples) until the word before, the quotes and the name were held as one.
def thai_column_lines(pdf: Path) -> list[str]:
    """Return poppler's lines of the Thai column of a side-by-side PDF, up to the signature blocks."""
    left = int((3 + 8) / 2.54 * 72)  # the page's left margin and the Thai column, in points at 72 dpi
    text = subprocess.run(
        ["pdftotext", "-layout", "-r", "72", "-x", "0", "-y", "0", "-W", str(left), "-H", "900", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    lines = [line.strip() for line in text.replace("\f", "\n").splitlines() if line.strip()]
    lines = [line for line in lines if not FOOTER.search(line) and not LAID_OUT_PAGE_NUMBER.match(line)]
    return lines[: next((i for i, line in enumerate(lines) if line.startswith("(ลงชื่อ)")), len(lines))]


def column_units(units: list[str]) -> list[str]:
    """Return the units narrow enough to be held in a side-by-side column."""
    font = ROOT / "templates" / "fonts" / "Sarabun-Regular.ttf"
    return [u for u in units if text_width(u, font) * 1.2 <= COLUMN_PT]


def running_lines(pdf: Path) -> list[str]:
    """Return poppler's laid-out lines of a Thai edition up to the signature blocks.

    Laid out side by side there, two blocks share a line, and a position may break in a block as in the PDF.
    """
    lines = pdftotext_lines(pdf, layout=True)
    return lines[: next((i for i, line in enumerate(lines) if line.startswith("(ลงชื่อ)")), len(lines))]


@pytest.mark.parametrize("agreement_id", SAMPLES)
def test_libreoffice_splits_no_name_in_the_side_by_side_columns(no_thai, agreement_id):
    lines = thai_column_lines(no_thai / f"{agreement_id}.th-en.pdf")
    assert len(lines) > 40
    assert split_units(lines, column_units(units_of(agreement_id, room=COLUMN_PT))) == []


def test_a_quoted_name_is_held_with_its_quotes_and_the_word_before():
    page = '<html lang="th"><body><p>ซึ่งต่อไปในบันทึกนี้เรียกว่า “อบต.โนนสะอาด” ฝ่ายหนึ่ง</p></body></html>'
    held = office_breaks(page, ["อบต.โนนสะอาด"], [], lambda unit: True, lambda unit: True)
    assert f"ว่า\u00a0“{WORD_JOINER}อ{WORD_JOINER}บ" in held and f"ด{WORD_JOINER}” ฝ่าย" in held
    # one that could not fit on a line is left to break
    narrow = office_breaks(page, ["อบต.โนนสะอาด"], [], lambda unit: "“" not in unit, lambda unit: True)
    assert "ว่า “อ" in narrow


def test_the_break_check_finds_a_split_name():
    assert split_units(["โดย นางสุภาวดี ศรีสุข", "วัฒน์ ตำแหน่ง"], ["นางสุภาวดี ศรีสุขวัฒน์"]) == ["นางสุภาวดีศรีสุข|วัฒน์"]
    assert split_units(["เมื่อวันที่ ๑ กันยายน พ.ศ.", "๒๕๖๓ ระหว่าง"], ["พ.ศ. ๒๕๖๓"]) == ["พ.ศ.|๒๕๖๓"]


# ---------------------------------------------------------------- pandoc, a second reader


def pandoc_text(path: Path, *options: str) -> str:
    """Return what pandoc writes of a DOCX, in the format the options ask for."""
    pandoc = require_tool("pandoc")
    return subprocess.run(
        [pandoc, "-f", "docx", "--wrap=none", *options, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.mark.parametrize("agreement_id, language", EDITIONS)
def test_pandoc_reads_mous_own_text(built, agreement_id, language):
    path = sample_file(built, agreement_id, language, "docx")
    # HTML, not pandoc's plain text: that draws tables with rules of - and +.
    read = html.unescape(re.sub("<[^>]+>", "", pandoc_text(path, "-t", "html")))
    # pandoc keeps the word joiners and no-break spaces that hold names together (docs/office.md).
    assert squash(as_read(read)) == squash("".join(docx_paragraphs(path)))
    if language != "th-en":  # the PDF reader reads the side-by-side columns across, pandoc down
        assert squash(as_read(read)) == squash("".join(pdf_lines(sample_file(built, agreement_id, language, "pdf"))))


def test_pandoc_reads_tracked_changes_as_inserted_and_deleted(tmp_path):
    source = (
        '<html lang="th"><head><title>t</title></head><body><p class="lead">ข้อ ๑ '
        "<del>ภายใน ๓๐ วัน</del><ins>ภายใน ๖๐ วัน</ins> นับแต่วันที่ลงนาม</p></body></html>"
    )
    path = tmp_path / "redline.docx"
    path.write_bytes(html_to_docx(source, fonts=ROOT / "templates" / "fonts"))
    tracked = pandoc_text(path, "--track-changes=all", "-t", "html")
    inserted = re.findall(r'<span class="insertion"[^>]*>(.*?)</span>', tracked)
    deleted = re.findall(r'<span class="deletion"[^>]*>(.*?)</span>', tracked)
    assert [as_read(t) for t in inserted] == ["ภายใน ๖๐ วัน"]
    assert [as_read(t) for t in deleted] == ["ภายใน ๓๐ วัน"]
    assert "๓๐" not in pandoc_text(path, "--track-changes=accept", "-t", "plain")
