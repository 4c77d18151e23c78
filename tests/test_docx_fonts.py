"""Fonts inside the DOCX (ECMA-376 font embedding) and the characters that keep Thai units whole."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B, ROOT
from fontTools.ttLib import TTFont
from lxml import etree

from mou.cli.main import main
from mou.core.errors import RenderError
from mou.docx.fonts import WRITING, font_key, obfuscate
from mou.docx.render import html_to_docx
from mou.language.breaks import (
    NARROW_NO_BREAK_SPACE,
    NO_BREAK_SPACE,
    WORD_JOINER,
    ZWSP,
    hold_together,
    office_breaks,
)

FONTS = ROOT / "templates" / "fonts"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
HTML = (
    '<html lang="th"><head><title>t</title></head><body>'
    '<p class="lead">ข้อความ <strong>ตัวหนา</strong> และ <em>ตัวเอียง</em></p></body></html>'
)


def parts(data: bytes) -> dict[str, bytes]:
    """Return a DOCX's members by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def embedded(data: bytes) -> dict[str, tuple[str, bytes]]:
    """Return the font table's embed elements of Sarabun: tag → (key, de-obfuscated font bytes)."""
    members = parts(data)
    table = etree.fromstring(members["word/fontTable.xml"])
    rels = etree.fromstring(members["word/_rels/fontTable.xml.rels"])
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    (font,) = [f for f in table.iter(f"{W}font") if f.get(f"{W}name") == "Sarabun"]
    found = {}
    for child in font:
        if child.tag.startswith(f"{W}embed"):
            key = child.get(f"{W}fontKey")
            found[child.tag[len(W) :]] = (key, obfuscate(members["word/" + targets[child.get(f"{R}id")]], key))
    return found


def test_the_faces_used_are_embedded_and_read_back_as_sarabun():
    faces = embedded(html_to_docx(HTML, fonts=FONTS))
    assert sorted(faces) == ["embedBold", "embedItalic", "embedRegular"]  # no bold italic in the text
    for _, data in faces.values():
        font = TTFont(io.BytesIO(data))
        assert font["name"].getDebugName(1) == "Sarabun"
        assert set(font.getBestCmap()) == {
            c for c in WRITING if c in TTFont(FONTS / "Sarabun-Regular.ttf").getBestCmap()
        }
        assert font["GSUB"] and font["GPOS"]  # Thai marks are placed by these


# Names beyond a keyboard's letters (tests/corpus/agreements/sister-city-kofu.yaml): macrons, Vietnamese.
BEYOND_WRITING = (
    '<html lang="en"><head><title>t</title></head><body><p class="lead">Kōfu City, by Yūichi Satō, '
    "and <strong>Nguyễn Thị Minh Khai</strong>, in the watermark's font too</p>"
    '<div class="watermark">Ōtsu</div></body></html>'
)


def test_a_document_with_macrons_and_vietnamese_letters_embeds_the_same_faces_as_any_other():
    # LibreOffice keeps the first embedded face of a name it opens for its session: a face cut
    # to each document's letters left Kōfu's ō to a fallback font after a Thai-only document
    faces = embedded(html_to_docx(BEYOND_WRITING, fonts=FONTS))
    plain = embedded(html_to_docx(HTML, fonts=FONTS))
    assert faces["embedRegular"][1] == plain["embedRegular"][1]
    for _, data in faces.values():
        assert set(map(ord, "ōūễịŌ")) <= set(TTFont(io.BytesIO(data)).getBestCmap())


def test_each_face_also_carries_the_documents_letters_beyond_the_writing_ones():
    whole = set(TTFont(FONTS / "Sarabun-Regular.ttf").getBestCmap())
    beyond = sorted(whole - WRITING - {0, 0x0D})
    assert beyond, "Sarabun has a character beyond the writing ones (U+F8FF, a private one)"
    page = BEYOND_WRITING.replace("Ōtsu", "Ōtsu " + "".join(map(chr, beyond)))
    for _, data in embedded(html_to_docx(page, fonts=FONTS)).values():
        # every face: a clerk may make any word bold, and the watermark's text is in no run
        assert set(TTFont(io.BytesIO(data)).getBestCmap()) == (WRITING & whole) | set(beyond)


def test_a_document_with_more_letters_still_gives_the_same_bytes():
    assert html_to_docx(BEYOND_WRITING, fonts=FONTS) == html_to_docx(BEYOND_WRITING, fonts=FONTS)


@pytest.mark.parametrize("char", ["東", "\u2603"])
def test_a_letter_the_font_does_not_have_is_refused_as_the_pdf_refuses_it(char):
    held = f"ชื่อ{WORD_JOINER}{NO_BREAK_SPACE}{char}ไทย {char}"  # as office_breaks holds a unit
    page = f'<html lang="th"><head><title>t</title></head><body><p class="lead">{held}</p></body></html>'
    with pytest.raises(RenderError) as refused:
        html_to_docx(page, fonts=FONTS)
    (problem,) = refused.value.problems  # each character once
    assert f"'ชื่อ {char}ไทย {char}' contains U+{ord(char):04X}" in problem.render("en")
    assert "at character 6, which the bundled font Sarabun cannot draw" in problem.render("en")
    assert "แบบอักษร Sarabun" in problem.render("th")
    html_to_docx(page)  # a font asked for by name is the reader's: nothing to check
    long = page.replace(held, "ก" * 100 + held)
    with pytest.raises(RenderError, match=f"DOCX: '…ก+ชื่อ {char}ไทย {char}' contains .* at character 106,"):
        html_to_docx(long, fonts=FONTS)  # the message quotes the paragraph around the character


def test_joiners_and_narrow_spaces_need_no_glyph():
    held = f"วันที่{NARROW_NO_BREAK_SPACE}๑{WORD_JOINER}๖ ณ\u200bที่"
    page = f'<html lang="th"><head><title>t</title></head><body><p class="lead">{held}</p></body></html>'
    (regular,) = [data for tag, (_, data) in embedded(html_to_docx(page, fonts=FONTS)).items() if tag == "embedRegular"]
    assert ord(WORD_JOINER) not in TTFont(io.BytesIO(regular)).getBestCmap()


def test_obfuscation_is_the_specs_xor_of_the_first_32_bytes():
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    data = bytes(range(40))
    hidden = obfuscate(data, key)
    secret = bytes.fromhex("FFEEDDCCBBAA99887766554433221100")  # the GUID's bytes, last pair first
    assert hidden[:16] == bytes(a ^ b for a, b in zip(data[:16], secret))
    assert hidden[16:32] == bytes(a ^ b for a, b in zip(data[16:32], secret))
    assert hidden[32:] == data[32:]
    assert obfuscate(hidden, key) == data


def test_an_embedded_part_is_not_a_plain_font():
    members = parts(html_to_docx(HTML, fonts=FONTS))
    stored = [data for name, data in members.items() if name.endswith(".odttf")]
    assert stored and all(data[:4] != b"\x00\x01\x00\x00" for data in stored)
    types = etree.fromstring(members["[Content_Types].xml"])
    fonts = [el.get("ContentType") for el in types if "odttf" in (el.get("Extension") or el.get("PartName") or "")]
    assert fonts and set(fonts) == {"application/vnd.openxmlformats-officedocument.obfuscatedFont"}


def test_settings_say_the_fonts_are_inside_and_not_to_be_cut_down():
    settings = etree.fromstring(parts(html_to_docx(HTML, fonts=FONTS))["word/settings.xml"])
    names = [child.tag[len(W) :] for child in settings if child.tag.startswith(W)]
    assert "embedTrueTypeFonts" in names and "saveSubsetFonts" not in names
    assert names.index("zoom") < names.index("embedTrueTypeFonts") < names.index("proofState")


def test_without_a_fonts_folder_nothing_is_embedded_and_the_font_asked_for_is_named():
    data = html_to_docx(HTML, "TH Sarabun New")
    members = parts(data)
    assert not [name for name in members if name.endswith(".odttf")]
    assert b"embedTrueTypeFonts" not in members["word/settings.xml"]
    assert b'w:cs="TH Sarabun New"' in members["word/document.xml"]


def test_the_same_document_gives_the_same_bytes_and_keys():
    first, second = html_to_docx(HTML, fonts=FONTS), html_to_docx(HTML, fonts=FONTS)
    assert first == second
    regular = embedded(first)["embedRegular"]
    assert regular[0] == font_key(regular[1])


def test_embedding_adds_the_measured_cost():
    """docs/office.md reports the cost: about 78 KB for a regular and a bold face."""
    plain = html_to_docx(HTML.replace("<em>ตัวเอียง</em>", "ตัวเอียง"))
    with_fonts = html_to_docx(HTML.replace("<em>ตัวเอียง</em>", "ตัวเอียง"), fonts=FONTS)
    assert 70_000 < len(with_fonts) - len(plain) < 90_000


# ---------------------------------------------------------------- units kept whole


@pytest.mark.parametrize(
    "unit, held",
    [
        ("นางสุภาวดี ศรีสุขวัฒน์", f"นา{WORD_JOINER}ง{WORD_JOINER}สุ"),
        ("พ.ศ. ๒๕๖๓", f"ศ{WORD_JOINER}.{NARROW_NO_BREAK_SPACE}๒{WORD_JOINER}๕"),
        ("น้ำฝน", f"น้ำ{WORD_JOINER}ฝ"),
    ],
)
def test_a_unit_has_nowhere_to_break(unit, held):
    result = hold_together(unit)
    assert held in result
    assert " " not in result
    assert result.replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " ").replace(NARROW_NO_BREAK_SPACE, " ") == unit


def test_no_joiner_parts_a_mark_from_its_consonant():
    marks = {chr(c) for c in [0x0E31, *range(0x0E33, 0x0E3B), *range(0x0E47, 0x0E4F)]}
    held = hold_together("ผู้ว่าราชการจังหวัดขอนแก่น น้ำฝน ก้ำกึ่ง")
    assert not [i for i, char in enumerate(held) if char == WORD_JOINER and held[i + 1] in marks]


def test_office_breaks_hold_names_numbers_and_terms_but_not_long_ones():
    html = (
        '<html><head><title>วันที่ ๑</title></head><body><p>โดย <span class="name">นายสมชาย ใจดี</span> '
        'เมื่อวันที่ <span class="nowrap">๑ กันยายน</span> ข้อ ๒ คู่ภาคี จำนวน ๑๕๐,๐๐๐ บาท</p>'
        '<table class="signatures"><tr><td class="signature"><p>นายอำเภอชุมแพ</p></td></tr></table></body></html>'
    )
    out = office_breaks(html, ["คู่ภาคี"], ["นายอำเภอชุมแพ"], lambda u: len(u) < 20, lambda u: len(u) < 5)
    assert "<title>วันที่ ๑</title>" in out  # the head is left alone
    assert hold_together("นายสมชาย ใจดี") in out
    assert f"{hold_together('วันที่')}{NARROW_NO_BREAK_SPACE}<span" in out
    assert hold_together("ข้อ ๒") in out and hold_together("คู่ภาคี") in out
    assert hold_together("๑๕๐,๐๐๐") in out
    assert "<p>นายอำเภอชุมแพ</p>" in out  # a position in a signature block may break there


# LibreOffice's dictionary split words the PDF never breaks (ระยะ|เวลา 50 times in the corpus,
# ซึ่งต่อ|ไปในบันทึก|ข้อตกลง, ข้อความโดย|ละเอียด); in a side-by-side column the PDF may break
# บันทึก|ข้อตกลง, and so may the DOCX.
def test_office_breaks_hold_the_words_libreoffice_splits_as_the_pdf_does():
    html = "<html><head></head><body><p>ซึ่งต่อไปในบันทึกข้อตกลงนี้ ระยะเวลา ๒ วัน ได้อ่านโดยละเอียดแล้ว</p></body></html>"
    out = office_breaks(html, [], [], lambda u: True, lambda u: True)
    for word in ("ต่อไป", "บันทึกข้อตกลง", "ระยะเวลา", "โดยละเอียด"):
        assert hold_together(word) in out, word
    column = office_breaks(html, [], [], lambda u: True, lambda u: True, narrow=True)
    assert f"บันทึก{ZWSP}{hold_together('ข้อตกลง')}" in column and hold_together("ระยะเวลา") in column


def test_two_held_units_that_meet_keep_a_break_between_them():
    # the mark each puts at its edge made two side by side, and both were dropped as strays
    html = "<html><head></head><body><p>ซึ่งต่อไปในบันทึกข้อตกลงนี้</p></body></html>"
    out = office_breaks(html, ["ซึ่งต่อไปใน", "บันทึกข้อตกลงนี้"], [], lambda u: True, lambda u: True)
    assert f"{hold_together('ซึ่งต่อไปใน')}{ZWSP}{hold_together('บันทึกข้อตกลงนี้')}" in out


def test_an_amount_in_words_is_held_the_same_when_a_unit_stands_inside_it():
    # the word marks around a unit inside the amount hid it: LibreOffice broke the amount after its
    # bracket ("… บาท (" | "สิบสองล้าน…") and before its สตางค์ (health-service-amounts, side by side)
    html = (
        "<html><head></head><body><p>จำนวน ๑๒,๓๔๕,๖๗๘.๙๐ บาท "
        "(สิบสองล้านสามแสนสี่หมื่นห้าพันหกร้อยเจ็ดสิบแปดบาทเก้าสิบสตางค์) และ</p></body></html>"
    )
    narrow = lambda unit: len(unit) < 25  # noqa: E731
    alone = office_breaks(html, [], [], narrow, narrow)
    assert office_breaks(html, ["สี่หมื่น"], [], narrow, narrow) == alone
    assert f"(สิ{WORD_JOINER}บ" in alone and f"บ{WORD_JOINER}ส{WORD_JOINER}ตางค์)" in alone


# ---------------------------------------------------------------- the agreement's choice


def test_an_agreement_naming_an_installed_font_gets_a_docx_without_fonts(tree):
    project = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT + "docx_font: TH Sarabun New\n",
            "agreements/embedded.yaml": AGREEMENT,
        }
    )
    assert main(["--root", str(project), "--format", "docx", "-q"]) == 0
    named = parts((project / "output/test/1.0/test.th.docx").read_bytes())
    assert not [name for name in named if name.endswith(".odttf")]
    assert b'w:cs="TH Sarabun New"' in named["word/document.xml"] and b'Sarabun"' not in named["word/styles.xml"]
    carried = parts((project / "output/embedded/1.0/embedded.th.docx").read_bytes())
    assert [name for name in carried if name.endswith(".odttf")]
    # The names are held whole in the DOCX the pipeline writes.
    assert hold_together("นายสมชาย ใจดี").encode() in carried["word/document.xml"]


def test_a_docx_font_that_is_not_text_is_refused(tree):
    project = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT + "docx_font: 12\n",
        }
    )
    errors = io.StringIO()
    assert main(["--root", str(project), "--format", "docx"], io.StringIO(), errors) != 0
    assert "agreements/test.yaml:" in errors.getvalue() and "docx_font" in errors.getvalue()


def test_office_breaks_hold_overlapping_units_the_same_in_every_process():
    # Units of one length that overlap (the village numbers ๑๑ and ๑๒ in "(๑๑๒)") were held
    # in the order a set gave them, which Python's string hashing changes from process to process.
    script = (
        "from mou.language.breaks import office_breaks\n"
        "html = '<html><head></head><body><p>(๑๑๒) หมู่ที่ ๑๒ และ ๑๑</p></body></html>'\n"
        "print(ascii(office_breaks(html, ['๑๑', '๑๒'], [], lambda u: True, lambda u: True)))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(outputs) == 1, outputs
