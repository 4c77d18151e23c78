"""Copy, paste and search: every edition's text reads back exactly in four PDF readers.

The readers are the text engines of the common viewers (tests/readback.py): pdfium (Chrome,
Edge), poppler's `pdftotext -raw` (Evince, Okular), pdf.js (Firefox) and pdfminer.six. Each
line a reader extracts must be an exact stretch of the source text, and together the lines
must hold all of it (`misread`); pdfium's character boxes must lie on the glyphs drawn.
The corpus's editions are checked in tests/test_corpus.py with the same helpers.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pypdfium2.raw as pdfium_c
import pytest
import weasyprint
from conftest import AGREEMENT, ROOT, SAMPLES, require_tool, sample_file, write_small_project
from readback import (
    COLUMN_READERS,
    READERS,
    Columns,
    WordSpace,
    body_lines,
    misread,
    pdfium_box_errors,
    pdfium_columns,
    pdfjs_missing,
    word_spaces,
)
from test_bilingual import BOTTOM, MIDDLE, TOP
from test_typesetting import _sample_thai_texts, render_paragraphs, sample_blocks, source_blocks

from mou.cli.main import main
from mou.pdf import glyph_codes, thai_patches
from mou.pdf.render import install_patches

EDITIONS = ("th", "en", "th-en")


def reader(name: str):
    """Return a reader's function; skip (fail in CI) where its tool is missing."""
    if name == "poppler":
        require_tool("pdftotext")
    if name == "pdf.js" and pdfjs_missing():
        if os.environ.get("CI"):
            pytest.fail(f"pdf.js is required in CI (.ci/run installs it): {pdfjs_missing()}")
        pytest.skip(str(pdfjs_missing()))
    return READERS[name]


# The side-by-side edition's columns: pdfium and poppler copy each on its own, as a reader selects it.
SIDE_BY_SIDE = Columns(MIDDLE, TOP, BOTTOM)


def edition_lines(name: str, pdf: Path) -> tuple[list[str], bool]:
    """Return the lines a reader gets from an edition, and whether a line may join the two columns.

    The side-by-side edition is read one column at a time where the reader can be told a
    rectangle (pdfium, poppler), so each line must be a stretch of one column's text; pdf.js
    and pdfminer read the page whole, and may join a Thai line with the English one beside it.
    """
    read = reader(name)
    if pdf.name.endswith(".th-en.pdf") and name in COLUMN_READERS:
        return body_lines(COLUMN_READERS[name](pdf, SIDE_BY_SIDE)), False
    return body_lines(read(pdf)), True


def misread_editions(name: str, files: list[tuple[Path, list[str]]]) -> dict[str, list[str]]:
    """Return, per PDF, the first lines a reader gets wrong (none: every line exact)."""
    wrong = {}
    for pdf, blocks in files:
        lines, across = edition_lines(name, pdf)
        bad = misread(lines, blocks, across)
        if bad:
            wrong[pdf.name] = bad[:5]
    return wrong


@pytest.mark.parametrize("name", READERS)
def test_every_sample_edition_reads_back_exactly(built, name):
    files = [
        (sample_file(built, a, e, "pdf"), [b.text for b in sample_blocks(a, e)]) for a in SAMPLES for e in EDITIONS
    ]
    assert misread_editions(name, files) == {}


def test_pdfium_boxes_every_character_on_its_glyphs(built):
    errors = {}
    for agreement_id in SAMPLES:
        for edition in EDITIONS:
            pdf = sample_file(built, agreement_id, edition, "pdf")
            found = pdfium_box_errors(pdf)
            if found:
                errors[pdf.name] = found[:5]
    assert errors == {}


# pdfium reads a space WeasyPrint draws no glyph for only from the gap it leaves, when that gap
# is over about 0.2 em (measured); an English line closing up keeps such a gap at 0.22 em and more.
UNDRAWN_SPACE_EM = 0.22
THAI_LETTER = re.compile("[\u0e01-\u0e5b]")


def narrow_thai_word_spaces(spaces: list[WordSpace], floor: float = UNDRAWN_SPACE_EM) -> list[WordSpace]:
    """Return the spaces between Thai words drawn as no glyph whose gap is under the floor (ems), or that pdfium does not read."""
    return [
        space
        for space in spaces
        if space.width_em is not None
        and THAI_LETTER.match(space.before[-1:])
        and THAI_LETTER.match(space.after[:1])
        and (space.width_em < floor or not space.read)
    ]


@pytest.mark.parametrize("agreement_id", SAMPLES)
def test_every_thai_word_space_drawn_as_no_glyph_is_wide_enough_for_pdfium(built, agreement_id):
    for edition in ("th", "th-en"):
        pdf = sample_file(built, agreement_id, edition, "pdf")
        spaces = word_spaces(pdf, [block.text for block in sample_blocks(agreement_id, edition)])
        assert len(spaces) > 50  # the lines are found in the source
        assert narrow_thai_word_spaces(spaces) == [], pdf.name


# A date held whole in two spans (`วันที่ ๑ กุมภาพันธ์</span> <span>พ.ศ. ๒๕๖๘`), the space between
# them a box of its own, drawn as no glyph, in paragraphs whose lines the rebreak closes up.
DATE_IN_SPANS = '<span class="nowrap">วันที่ ๑ กุมภาพันธ์</span> <span class="nowrap">พ.ศ. ๒๕๖๘</span>'


def space_em() -> float:
    """Return the advance of a space in the templates' Thai font, in ems."""
    from fontTools.ttLib import TTFont

    font = TTFont(ROOT / "templates" / "fonts" / "Sarabun-Regular.ttf")
    return font["hmtx"][font.getBestCmap()[ord(" ")]][0] / font["head"].unitsPerEm


@pytest.mark.slow
def test_a_closed_up_thai_line_keeps_the_gap_of_a_space_drawn_as_no_glyph(tmp_path):
    # The gap after such a space closed up as a letter's does, by up to MAX_CLUSTER_SHRINK_EM:
    # 0.220 em was left where the word before ends in a mark (กุมภาพันธ์). It gives up nothing
    # now; the letter before it may close up, as on an English line.
    paragraphs = []
    for text in _sample_thai_texts()[:4]:
        words = text.split(" ")
        paragraphs += [f"{' '.join(words[:k])}ตั้งแต่{DATE_IN_SPANS}จนถึง{' '.join(words[k:])}" for k in (1, 3)]
    data, html = render_paragraphs(paragraphs, tuple(x / 2 for x in range(12, 33)))
    pdf = tmp_path / "dates.pdf"
    pdf.write_bytes(data)
    spaces = word_spaces(pdf, [block.text for block in source_blocks(html)])
    undrawn = [space for space in spaces if space.width_em is not None and space.before.endswith("กุมภาพันธ์")]
    assert len(undrawn) >= len(paragraphs) * 10  # every date's space is measured
    floor = max(UNDRAWN_SPACE_EM, space_em() - thai_patches.MAX_CLUSTER_SHRINK_EM)
    assert [(round(s.width_em or 0, 3), s.before, s.after) for s in narrow_thai_word_spaces(spaces, floor)] == []


HARD = "อาจ อำเภอ น้ำ ที่ว่าการ ปั้นน้ำ รุ่น ซึ่งต่อไป คำนำ"
MARK_GAP = "โดย ดร.ธนพล วิเศษศักดิ์ ตำแหน่ง ผู้ใหญ่บ้าน ซึ่งต่อไปในบันทึกข้อตกลงนี้เรียกว่า"
RAISED = "โนนอุดม ซึ่งต่อไปในบันทึกข้อตกลง"


@pytest.mark.slow
def test_the_hard_cases_read_back_in_every_reader(tmp_path):
    # Sara am after plain aa (one glyph for both), sara am under a tone mark, stacked marks,
    # a tone mark moved clear of a tall consonant; justified wide, so gaps open between letters.
    install_patches()
    font = (ROOT / "templates" / "fonts" / "Sarabun-Regular.ttf").as_uri()
    text = " ".join([HARD] * 3)
    # pdfium read the last two as `วิ เศษศักดิ์` (a gap after sara i, before sara e, it takes for
    # a space) and `ซึงต่อไป…` with the raised tone mark last (drawn right of where the next letter starts).
    html = (
        f"<style>@font-face {{ font-family: S; src: url({font}) }} body {{ font: 16pt S }}"
        "p { width: 9cm; text-align: justify }</style>"
        f"<html lang='th'><p>{text} <span style='white-space: nowrap'>{HARD}</span></p>"
        f"<p style='width: 6.2cm'>{MARK_GAP} {MARK_GAP}</p><p style='letter-spacing: -0.02em'>{RAISED}</p></html>"
    )
    pdf = tmp_path / "hard.pdf"
    weasyprint.HTML(string=html).write_pdf(pdf)
    for name in READERS:
        lines = body_lines(reader(name)(pdf))
        assert misread(lines, [f"{text} {HARD}", f"{MARK_GAP} {MARK_GAP}", RAISED]) == [], name
        assert "อำเภอ" in "".join(lines) and "น้ำ" in "".join(lines), name


THAI_CELL = "บันทึกข้อตกลงความร่วมมือฉบับนี้ทำขึ้นเพื่อพัฒนาทักษะดิจิทัลของบุคลากร"
ENGLISH_CELL = "The parties shall share its forty-five datasets to develop the digital skills of staff in the district."


def side_by_side_pdf(folder: Path, thai: str) -> Path:
    """Lay a Thai and an English cell side by side, as the side-by-side edition does, on an A4 page with 2 cm margins; return the PDF."""
    install_patches()
    font = (ROOT / "templates" / "fonts" / "Sarabun-Regular.ttf").as_uri()
    html = (
        f"<style>@font-face {{ font-family: S; src: url({font}) }} @page {{ size: A4; margin: 2cm }}"
        "body { font: 16pt S } table { width: 100%; table-layout: fixed; border-collapse: collapse }"
        "td { vertical-align: top; padding: 0 0.3cm } p { text-align: justify }</style>"
        f"<table><tr><td lang='th'><p>{thai}</p></td><td lang='en'><p>{ENGLISH_CELL}</p></td></tr></table>"
    )
    pdf = folder / "side-by-side.pdf"
    weasyprint.HTML(string=html).write_pdf(pdf)
    return pdf


PAGE_COLUMNS = Columns(595.276 / 2, 2 / 2.54 * 72, 2 / 2.54 * 72)  # side_by_side_pdf's page


@pytest.mark.slow
@pytest.mark.parametrize("name", COLUMN_READERS)
def test_a_column_reader_finds_text_drawn_across_into_the_other_column(tmp_path, name):
    # A Latin code kept whole in the Thai column runs across the English one (the defect
    # test_corpus.py's column test was written for). Read whole, every line is a stretch of
    # the source: pdftotext -raw reads in content order, the code on a line of its own. Read a
    # column at a time, the letters drawn across the boundary are read in both.
    code = "KKUNECTECINTEROPERABILITYFRAMEWORK"
    thai = f"{THAI_CELL} <span style='white-space: nowrap'>{code}</span> {THAI_CELL}"
    pdf = side_by_side_pdf(tmp_path, thai)
    blocks = [f"{THAI_CELL} {code} {THAI_CELL}", ENGLISH_CELL]
    assert misread(body_lines(reader(name)(pdf)), blocks) == []  # the whole page: not seen
    assert misread(body_lines(COLUMN_READERS[name](pdf, PAGE_COLUMNS)), blocks, across=False) != []
    clean = side_by_side_pdf(tmp_path, THAI_CELL)
    assert misread(body_lines(COLUMN_READERS[name](clean, PAGE_COLUMNS)), [THAI_CELL, ENGLISH_CELL], across=False) == []


@pytest.mark.slow
def test_pdfium_reads_a_hyphen_minus_ending_a_line_only_where_it_says_it_is_one(tmp_path, monkeypatch):
    # `forty-` ends a line of the English column: pdfium reads it as U+0002 and joins the lines.
    pdf = side_by_side_pdf(tmp_path, THAI_CELL)
    text = "".join(pdfium_columns(pdf, PAGE_COLUMNS))
    assert "forty-five" in text and "\x02" not in text
    # A U+0002 pdfium does not take for a line-end hyphen is no text of the source: it stays,
    # and the comparison finds it (it was read as a hyphen wherever it stood).
    monkeypatch.setattr(pdfium_c, "FPDFText_IsHyphen", lambda textpage, index: 0)
    lines = body_lines(pdfium_columns(pdf, PAGE_COLUMNS))
    assert any("forty\x02five" in line for line in lines)
    assert misread(lines, [THAI_CELL, ENGLISH_CELL], across=False) != []


# ---------------------------------------------------------------- the parts


def test_misread_finds_a_false_space_and_lost_text():
    blocks = ["บันทึกข้อตกลงนี้ทำขึ้น ณ ที่ว่าการอำเภอชุมแพ", "Memorandum of Understanding"]
    assert misread(["บันทึกข้อตกลงนี้ทำขึ้น ณ", "ที่ว่าการอำเภอชุมแพ", "Memorandum of Understanding"], blocks) == []
    side_by_side = ["บันทึกข้อตกลงนี้ทำขึ้น ณ Memorandum of", "Understanding ที่ว่าการอำเภอชุมแพ"]
    assert misread(side_by_side, blocks) == []  # two columns read across, either way round
    assert misread(["บันทึกข้อ ตกลง"], blocks) == ["บันทึกข้อ ตกลง"]  # a space between Thai letters
    assert misread(["อ˸าเภอ"], blocks) == ["อ˸าเภอ"]
    assert misread(["Memorandum of Understanding"], blocks)[-1].endswith("never read)")


def test_a_tj_array_parses_and_writes_back():
    text = "<01cc>0<>10.25<02f2>-10<0003>-154<01ce>"
    lead, glyphs = glyph_codes.parse_tj("3" + text)
    assert lead == 3 and [(g.glyph, g.move) for g in glyphs] == [(0x1CC, 10.25), (0x2F2, -10), (3, -154), (0x1CE, 0)]
    assert glyph_codes.format_tj(lead, [(g.glyph, g.move) for g in glyphs]) == "3<01cc>10.25<02f2>-10<0003>-154<01ce>"
    assert glyph_codes.parse_tj("(Hello) 20 <01cc>") is None  # not WeasyPrint's glyph codes


def test_a_glyph_gets_an_alias_for_other_text_and_an_invisible_code_for_none():
    codes = glyph_codes.Codes()
    aa, nikhahit = 0x1E8, 0x2F8
    assert glyph_codes.alias(codes, aa, "า", 500, "า", 500) == aa  # as WeasyPrint mapped it
    am = glyph_codes.alias(codes, aa, "ำ", 500, "า", 500)
    assert am >= glyph_codes.FIRST_ALIAS and codes.glyphs[am] == aa
    assert glyph_codes.alias(codes, aa, "ำ", 500, "า", 500) == am  # once per (glyph, text, advance)
    empty = glyph_codes.alias(codes, nikhahit, "", 0, "", 0)
    assert unicodedata.category(chr(empty)) == "Cf"  # pdf.js drops it where ToUnicode gives nothing
    wider = glyph_codes.alias(codes, aa, "า", 580, "า", 500)
    assert wider not in (aa, am) and codes.glyphs[wider] == aa


def test_a_move_after_a_letter_is_taken_into_its_advance_and_a_mark_takes_little():
    assert glyph_codes.advance_for(500, 0, None, True) == 500
    assert glyph_codes.advance_for(500, -150, None, True) == 620  # 30 left, under the step
    assert glyph_codes.advance_for(0, -150, None, False) == 150  # over MARK_GAP: all of it
    assert glyph_codes.advance_for(0, -40, None, False) == 0  # pdfium measures a mark of no advance by its ink
    assert glyph_codes.advance_for(0, 0, 38, False) == 38 + glyph_codes.MARK_REACH
    assert glyph_codes.advance_for(0, -50, 38, False) == 50  # a mark with an advance takes the gap after it too


def test_a_mark_keeps_no_gap_that_pdfium_reads_as_a_space():
    # pdfium reads a gap inside a TJ as a space from a share of the next glyph's advance.
    assert glyph_codes.pdfium_space_gap(250) == 125 and glyph_codes.pdfium_space_gap(350) == 87.5
    assert glyph_codes.pdfium_space_gap(600) == 120 and glyph_codes.pdfium_space_gap(900) == 150
    assert glyph_codes.widest_mark_gap(None) == glyph_codes.widest_mark_gap(0) == glyph_codes.MARK_GAP
    before_sara_e = glyph_codes.widest_mark_gap(350)
    assert before_sara_e == 87.5 - glyph_codes.PDFIUM_GAP_MARGIN
    # วิเศษ: the gap of 88 after sara i, before sara e, goes into the mark's advance.
    assert glyph_codes.advance_for(0, -88, None, False, before_sara_e) == 88
    assert glyph_codes.advance_for(0, -88, None, False, glyph_codes.widest_mark_gap(512)) == 0  # under a fifth of 512


def font_of(widths: dict[int, int]) -> SimpleNamespace:
    """Return a stand-in for a WeasyPrint font: its glyphs' advances."""
    return SimpleNamespace(widths=widths)


def test_a_raised_mark_is_drawn_no_further_right_than_the_next_letter_starts():
    # ซึ่ง closed up by 8: the tone mark, raised in a TJ of its own, is drawn 8 right of where ง
    # starts. It moves left to RAISED_LEAD short of that; the letters and sara ue stay where they were.
    so_so, sara_ue, mai_ek, ngo_ngu = 1, 2, 3, 4
    font = font_of({so_so: 600, sara_ue: 0, mai_ek: 0, ngo_ngu: 450})
    glyph = glyph_codes.Glyph
    before = thai_patches._Run(font, 16.0, 0.0, [glyph(so_so), glyph(sara_ue, 9)])
    raised = thai_patches._Run(font, 16.0, 0.0, [glyph(mai_ek, 8)])
    after = thai_patches._Run(font, 16.0, 0.0, [glyph(ngo_ngu)])
    shown = [before, b"-0.109 Ts", raised, b"0 Ts", after]
    thai_patches._raised_in_order(shown)
    shift = 8 + thai_patches.RAISED_LEAD
    assert before.glyphs[-1].move == 9 + shift  # the mark moves left by the shift
    assert raised.glyphs[-1].move == 8 - shift  # and ง stays: the two moves add up as before
    assert -sum(g.move for g in raised.glyphs) == thai_patches.RAISED_LEAD  # the next TJ starts right of the mark
    level = [before, b"0 Ts", thai_patches._Run(font, 16.0, 0.0, [glyph(mai_ek, 8)]), after]
    thai_patches._raised_in_order(level)
    assert before.glyphs[-1].move == 9 + shift and level[2].glyphs[-1].move == 8  # not raised: left alone


def test_the_cid_to_gid_map_sends_aliases_to_their_glyphs():
    table = glyph_codes.cid_to_gid_map({0x2070: 0x1E8}, {3, 0x1E8})
    assert len(table) == 2 * 0x2071
    assert table[2 * 3 : 2 * 3 + 2] == b"\x00\x03" and table[2 * 0x1E8 : 2 * 0x1E8 + 2] == b"\x01\xe8"
    assert table[2 * 0x2070 :] == b"\x01\xe8" and table[2 * 4 : 2 * 4 + 2] == b"\x00\x00"


def small_pdfs(folder: Path, agreement: str) -> list[Path]:
    """Build the small project with this agreement, PDF only; return its Thai and English PDFs."""
    root = write_small_project(folder, agreement)
    assert main(["--root", str(root), "--format", "pdf", "--quiet"], io.StringIO(), io.StringIO()) == 0
    return [root / "output" / "test" / "1.0" / f"test.{language}.pdf" for language in ("th", "en")]


@pytest.fixture(scope="module")
def february(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a Thai edition dated in February (signed, in force and ending then); return its PDF."""
    agreement = AGREEMENT.replace("2020-11-16", "2025-02-28").replace("2021-11-15", "2026-02-27")
    return small_pdfs(tmp_path_factory.mktemp("february"), agreement)[0]


@pytest.mark.slow
@pytest.mark.parametrize("name", READERS)
def test_a_february_date_reads_back_with_its_space(february, name):
    # The one Thai month name that ends in a mark (กุมภาพันธ์), before a space WeasyPrint does not
    # draw (it stands between two inline boxes): pdfium read no space there.
    text = "".join(reader(name)(february))
    assert text.count("กุมภาพันธ์ พ.ศ.") == 3 and "กุมภาพันธ์พ.ศ." not in text, text


# A justified line the rebreak laid wider, closed up to hold a short word and the hyphenated
# first part of a long one (found by tests/test_layout_fuzz.py).
CLOSED_UP = "The dgavwsuzsvyboqtdawbduwmnrhhapazmqaasbgzbhwxhcj tmvpiotgkhlogxbqvmlceyoztlpkpvsamjuxpycbionbmbblycmhue."


@pytest.fixture(scope="module")
def closed_up(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the English edition of an agreement whose item closes up a line around a space; return its PDF."""
    agreement = AGREEMENT.replace(
        "{th: จัดอบรมปีละ ๒ ครั้ง, en: Hold training twice a year.}", f"{{th: จัดอบรม, en: {CLOSED_UP}}}"
    )
    return small_pdfs(tmp_path_factory.mktemp("closed"), agreement)[1]


@pytest.mark.slow
@pytest.mark.parametrize("name", READERS)
def test_a_closed_up_english_line_keeps_its_word_gap_in_every_reader(closed_up, name):
    # The space stands in a box of its own, which WeasyPrint does not draw: pdfium reads it only
    # from the gap, and closed up by a quarter of a space the gap was under its threshold.
    text = "".join(reader(name)(closed_up))
    assert "bgzbhwxhcj tmvpiotg" in text and "bgzbhwxhcjtmvpiotg" not in text, text


@pytest.fixture(scope="module")
def no_break_spaces(tmp_path_factory) -> list[Path]:
    """Build the Thai and English editions of an agreement whose record holds no-break spaces; return the PDFs."""
    agreement = AGREEMENT.replace(
        "en: To develop the digital skills of staff.", "en: To train 20\u00a0staff at Chum\u00a0Phae District."
    ).replace("th: เพื่อพัฒนาทักษะดิจิทัลของบุคลากร", "th: เพื่อพัฒนาทักษะดิจิทัลของบุคลากร\u00a0๒๐ คน")
    return small_pdfs(tmp_path_factory.mktemp("nbsp"), agreement)


@pytest.mark.slow
@pytest.mark.parametrize("name", READERS)
def test_a_no_break_space_reads_back_as_a_space_in_every_reader(no_break_spaces, name):
    # poppler and pdf.js read U+00A0 as a space whatever the font's map says, pdfium and
    # pdfminer read the map: it says a space, so all four read the same (and a search finds it).
    thai, english = ("".join(reader(name)(pdf)) for pdf in no_break_spaces)
    assert "บุคลากร ๒๐ คน" in thai, thai
    assert "train 20 staff at Chum Phae District." in english, english
    assert "\u00a0" not in thai + english
