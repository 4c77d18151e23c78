"""Tests for mou.docx.render: the HTML vocabulary → DOCX, with Thai-safe run properties."""

from __future__ import annotations

import datetime
import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import lxml.html
import pytest
from conftest import ROOT, libreoffice_to_pdf
from docx.document import Document as DocxDocument
from docx.shared import Cm, Pt
from docx.table import Table
from lxml import etree

from mou.core.errors import RenderError
from mou.docx.render import html_to_docx
from mou.language.breaks import NARROW_NO_BREAK_SPACE, NO_BREAK_SPACE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

SIGNATURES_TH = """
<table class="signatures">
<tr>
<td class="signature">
<p class="sign-line">(ลงชื่อ) .......................................</p>
<p class="sign-name">(<span class="name">นางสุภาวดี ศรีสุขวัฒน์</span>)</p>
<p class="sign-position">นายอำเภอชุมแพ</p>
</td>
<td class="signature">
<p class="sign-line">(ลงชื่อ) .......................................</p>
<p class="sign-name">(<span class="name">นายชัยวัฒน์ ปั้นทอง</span>)</p>
<p class="sign-position">นายกเทศมนตรีเมืองชุมแพ</p>
</td>
</tr>
<tr>
<td class="signature">
<p class="sign-line">(ลงชื่อ) ....................................... พยาน</p>
<p class="sign-name">(<span class="name">นางสาวน้ำฝน ใจดี</span>)</p>
<p class="sign-position">ปลัดอำเภอ</p>
</td>
<td class="signature empty"></td>
</tr>
</table>
<p class="signature-group">ประธานในพิธีลงนาม</p>
<table class="signatures">
<tr>
<td class="signature">
<p class="sign-line">(ลงชื่อ) ....................................... ประธาน</p>
<p class="sign-name">(<span class="name">นายสมศักดิ์ จังตระกุล</span>)</p>
<p class="sign-position">ผู้ว่าราชการจังหวัดขอนแก่น</p>
</td>
</tr>
</table>
"""

TH_HTML = (
    """<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<title>บันทึกข้อตกลงความร่วมมือ เรื่อง การบริหารจัดการน้ำ</title>
<link rel="stylesheet" href="style.css">
<style>@page { @top-center { content: "- " counter(page, thai) " -"; } }</style>
</head>
<body>
<header class="title-block">
<p class="title">บันทึกข้อตกลงความร่วมมือ</p>
<p class="title-line">ระหว่าง</p>
<p class="title-line"><span class="nowrap">ที่ว่าการอำเภอชุมแพ</span></p>
<p class="title-line">กับ</p>
<p class="title-line"><span class="nowrap">เทศบาลเมืองชุมแพ</span></p>
<p class="title-line">เรื่อง การบริหารจัดการน้ำ</p>
</header>
<p class="lead">บันทึกข้อตกลงความร่วมมือฉบับนี้ทำขึ้น ณ ห้องประชุมเทศบาลเมืองชุมแพ
    เมื่อวันที่ ๑ กันยายน พ.ศ. ๒๕๖๓   ระหว่าง</p>
<p class="party"><span class="nowrap">ที่ว่าการอำเภอชุมแพ</span> โดย <span class="name">นางสุภาวดี ศรีสุขวัฒน์</span>
ตำแหน่ง <span class="nowrap">นายอำเภอชุมแพ</span>
ซึ่งต่อไปในบันทึกข้อตกลงนี้เรียกว่า “<span class="nowrap">อำเภอ</span>” ฝ่ายหนึ่ง</p>
<p class="party-joiner">กับ</p>
<p class="party"><span class="nowrap">เทศบาลเมืองชุมแพ</span> โดย <span class="name">นายชัยวัฒน์ ปั้นทอง</span>
ตำแหน่ง <span class="nowrap">นายกเทศมนตรีเมืองชุมแพ</span>
ซึ่งต่อไปในบันทึกข้อตกลงนี้เรียกว่า “<span class="nowrap">เทศบาล</span>” อีกฝ่ายหนึ่ง</p>
<p class="agree">ทั้งสองฝ่ายได้ตกลงร่วมกันจัดทำบันทึกข้อตกลงความร่วมมือ โดยมีรายละเอียดดังต่อไปนี้</p>
<section class="clause" id="clause-water">
<h2><span class="clause-number">ข้อ ๑</span> การบริหารจัดการน้ำ</h2>
<p>คู่ภาคีตกลงร่วมกันดำเนินงาน ดังนี้</p>
<ol class="items">
<li><span class="item-number">๑.๑</span> สำรวจแหล่งน้ำต่าง ๆ ในเขต<strong>อำเภอชุมแพ</strong></li>
<li><span class="item-number">๑.๒</span> จัดทำโครงการฯ และกิจกรรมอื่น ๆ ฯลฯ ภายในปี พ.ศ. ๒๕๖๔</li>
</ol>
</section>
<p class="closing">บันทึกข้อตกลงความร่วมมือฉบับนี้ทำขึ้นเป็นสองฉบับ มีข้อความถูกต้องตรงกัน</p>
"""
    + SIGNATURES_TH
    + """</body>
</html>
"""
)

TH_PARAGRAPHS = [
    "บันทึกข้อตกลงความร่วมมือ",
    "ระหว่าง",
    "ที่ว่าการอำเภอชุมแพ",
    "กับ",
    "เทศบาลเมืองชุมแพ",
    "เรื่อง การบริหารจัดการน้ำ",
    "บันทึกข้อตกลงความร่วมมือฉบับนี้ทำขึ้น ณ ห้องประชุมเทศบาลเมืองชุมแพ เมื่อวันที่ ๑ กันยายน พ.ศ. ๒๕๖๓ ระหว่าง",
    "ที่ว่าการอำเภอชุมแพ โดย นางสุภาวดี ศรีสุขวัฒน์ ตำแหน่ง นายอำเภอชุมแพ ซึ่งต่อไปในบันทึกข้อตกลงนี้เรียกว่า “อำเภอ” ฝ่ายหนึ่ง",
    "กับ",
    "เทศบาลเมืองชุมแพ โดย นายชัยวัฒน์ ปั้นทอง ตำแหน่ง นายกเทศมนตรีเมืองชุมแพ ซึ่งต่อไปในบันทึกข้อตกลงนี้เรียกว่า “เทศบาล” อีกฝ่ายหนึ่ง",
    "ทั้งสองฝ่ายได้ตกลงร่วมกันจัดทำบันทึกข้อตกลงความร่วมมือ โดยมีรายละเอียดดังต่อไปนี้",
    "ข้อ ๑ การบริหารจัดการน้ำ",
    "คู่ภาคีตกลงร่วมกันดำเนินงาน ดังนี้",
    "๑.๑ สำรวจแหล่งน้ำต่าง ๆ ในเขตอำเภอชุมแพ",
    "๑.๒ จัดทำโครงการฯ และกิจกรรมอื่น ๆ ฯลฯ ภายในปี พ.ศ. ๒๕๖๔",
    "บันทึกข้อตกลงความร่วมมือฉบับนี้ทำขึ้นเป็นสองฉบับ มีข้อความถูกต้องตรงกัน",
]

TH_CELLS = [
    [
        ["(ลงชื่อ) .......................................", "(นางสุภาวดี ศรีสุขวัฒน์)", "นายอำเภอชุมแพ"],
        ["(ลงชื่อ) .......................................", "(นายชัยวัฒน์ ปั้นทอง)", "นายกเทศมนตรีเมืองชุมแพ"],
    ],
    [["(ลงชื่อ) ....................................... พยาน", "(นางสาวน้ำฝน ใจดี)", "ปลัดอำเภอ"], [""]],
]

EN_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Memorandum of Understanding on Water Management</title>
</head>
<body>
<header class="title-block">
<p class="title">Memorandum of Understanding</p>
<p class="title-line">between</p>
<p class="title-line"><span class="nowrap">Chum Phae District Office</span></p>
<p class="title-line">and</p>
<p class="title-line"><span class="nowrap">Chum Phae Town Municipality</span></p>
<p class="title-line">on Water Management</p>
</header>
<p class="lead">This Memorandum of Understanding is made at Chum Phae
   on 1 September 2020 between:</p>
<p class="party"><span class="nowrap">Chum Phae District Office</span>,
represented by <span class="name">Mrs. Supawadee Srisukwat</span>, District Chief Officer,
hereinafter referred to as “<span class="nowrap">the District</span>”,</p>
<p class="party-joiner">and</p>
<p class="party"><span class="nowrap">Chum Phae Town Municipality</span>,
represented by <span class="name">Mr. Chaiwat Panthong</span>, Mayor,
hereinafter referred to as “<span class="nowrap">the Municipality</span>”.</p>
<p class="agree">The Parties have agreed as follows:</p>
<section class="clause" id="clause-water">
<h2><span class="clause-number">Clause 1</span> Water Management</h2>
<ol class="items">
<li><span class="item-number">1.1</span> survey the <em>water sources</em> of the district;</li>
<li><span class="item-number">1.2</span> report <b>every year</b>.<br> Reports are public.</li>
</ol>
</section>
<p class="closing">IN WITNESS WHEREOF, the undersigned have signed this Memorandum of Understanding.</p>
<table class="signatures">
<tr>
<td class="signature"><p class="sign-line">(Signed) .......................................</p>
<p class="sign-name">(<span class="name">Mrs. Supawadee Srisukwat</span>)</p>
<p class="sign-position">District Chief Officer</p></td>
<td class="signature"><p class="sign-line">(Signed) .......................................</p>
<p class="sign-name">(<span class="name">Mr. Chaiwat Panthong</span>)</p>
<p class="sign-position">Mayor</p></td>
</tr>
<tr>
<td class="signature"><p class="sign-line">(Signed) ....................................... Witness</p>
<p class="sign-name">(<span class="name">Miss Namfon Jaidee</span>)</p>
<p class="sign-position">Assistant District Officer</p></td>
<td class="signature empty"></td>
</tr>
</table>
</body>
</html>
"""

EN_PARAGRAPHS = [
    "Memorandum of Understanding",
    "between",
    "Chum Phae District Office",
    "and",
    "Chum Phae Town Municipality",
    "on Water Management",
    "This Memorandum of Understanding is made at Chum Phae on 1 September 2020 between:",
    "Chum Phae District Office, represented by Mrs. Supawadee Srisukwat, District Chief Officer, "
    "hereinafter referred to as “the District”,",
    "and",
    "Chum Phae Town Municipality, represented by Mr. Chaiwat Panthong, Mayor, "
    "hereinafter referred to as “the Municipality”.",
    "The Parties have agreed as follows:",
    "Clause 1 Water Management",
    "1.1 survey the water sources of the district;",
    "1.2 report every year.\nReports are public.",
    "IN WITNESS WHEREOF, the undersigned have signed this Memorandum of Understanding.",
]


def page(body: str, lang: str = "th") -> str:
    """Wrap body markup in a minimal document of the vocabulary."""
    return f'<!DOCTYPE html><html lang="{lang}"><head><title>t</title></head><body>{body}</body></html>'


def open_docx(data: bytes) -> DocxDocument:
    """Reopen DOCX bytes with python-docx."""
    return docx.Document(io.BytesIO(data))


def part_xml(data: bytes, name: str) -> etree._Element:
    """Parse one part of the DOCX package."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def xml_parts(data: bytes) -> dict[str, str]:
    """Return every XML part of the package as text."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {n: package.read(n).decode() for n in package.namelist() if n.endswith((".xml", ".rels"))}


def style_element(data: bytes, style_id: str) -> etree._Element:
    """Return one w:style element from styles.xml."""
    found = part_xml(data, "word/styles.xml").find(f"{W}style[@{W}styleId='{style_id}']")
    assert found is not None, style_id
    return found


def as_shown(text: str) -> str:
    """Return a paragraph's text as a browser shows the HTML's: a no-break space as a space (see keep_spaces)."""
    return text.replace(NO_BREAK_SPACE, " ").replace(NARROW_NO_BREAK_SPACE, " ")


def cell_texts(table: Table) -> list[list[list[str]]]:
    """Return a table's paragraph texts, row by row and cell by cell."""
    return [[[as_shown(p.text) for p in cell.paragraphs] for cell in row.cells] for row in table.rows]


def docx_texts(doc: DocxDocument) -> list[str]:
    """Return the non-empty paragraph texts in document order, table cells included."""
    texts = []
    for item in doc.iter_inner_content():
        if isinstance(item, Table):
            texts += [p.text for row in item.rows for cell in row.cells for p in cell.paragraphs]
        else:
            texts.append(item.text)
    return [as_shown(t) for t in texts if t]


def html_texts(html: str) -> list[str]:
    """Return the text a browser shows for each paragraph-like element of the HTML."""
    body = lxml.html.document_fromstring(html).find("body")
    texts = [re.sub(r"[ \t\n\f\r]+", " ", el.text_content()).strip() for el in body.iter("p", "h2", "li")]
    return [t for t in texts if t]


@pytest.fixture(scope="module")
def th() -> bytes:
    return html_to_docx(TH_HTML)


@pytest.fixture(scope="module")
def en() -> bytes:
    return html_to_docx(EN_HTML)


def test_thai_paragraph_texts_are_exact(th: bytes) -> None:
    doc = open_docx(th)
    assert [as_shown(p.text) for p in doc.paragraphs] == TH_PARAGRAPHS
    assert [cell_texts(t) for t in doc.tables[:1]] == [TH_CELLS]
    assert cell_texts(doc.tables[1]) == [
        [["ประธานในพิธีลงนาม"]],  # the group's heading, the first row of the table it heads
        [["(ลงชื่อ) ....................................... ประธาน", "(นายสมศักดิ์ จังตระกุล)", "ผู้ว่าราชการจังหวัดขอนแก่น"]],
    ]
    text = "\n".join(docx_texts(doc))
    for exact in ("อำเภอ", "น้ำ", "ปั้น", "ต่าง ๆ", "โครงการฯ", "ฯลฯ", "๒๕๖๓", "๑.๒"):
        assert exact in text


def test_english_paragraph_texts_are_exact(en: bytes) -> None:
    doc = open_docx(en)
    assert [as_shown(p.text) for p in doc.paragraphs] == EN_PARAGRAPHS
    assert cell_texts(doc.tables[0])[1][0][2] == "Assistant District Officer"


def test_names_stay_in_one_run(th: bytes) -> None:
    runs = [r.text for p in open_docx(th).paragraphs for r in p.runs]
    assert "นางสุภาวดี ศรีสุขวัฒน์" in runs
    assert "นายชัยวัฒน์ ปั้นทอง" in runs


def test_the_spaces_the_pdf_never_breaks_at_are_no_break_spaces() -> None:
    paragraph = (
        '<p class="lead">ทำขึ้น ณ <strong>ที่ว่าการ</strong>อำเภอ เรื่องต่าง ๆ ของคุณ ที่นี่ ณ ๑๖ นาฬิกา'
        " ( ก ) on 1 September 2020, or September 1, 2020, or 30 June, or Jan. 15</p>"
    )
    (para,) = open_docx(html_to_docx(page(paragraph))).paragraphs
    nb, narrow = NO_BREAK_SPACE, NARROW_NO_BREAK_SPACE
    assert [(run.text, bool(run.bold)) for run in para.runs] == [
        (f"ทำขึ้น ณ{nb}", False),  # the run keeps its length; the space after ณ is its last character
        ("ที่ว่าการ", True),
        (
            f"อำเภอ เรื่องต่าง{nb}ๆ ของคุณ ที่นี่ ณ{narrow}๑๖ นาฬิกา ({nb}ก{nb}) on 1{nb}September 2020,"
            f" or September{nb}1, 2020, or 30{nb}June, or Jan.{nb}15",
            False,
        ),
    ]


def test_a_telephone_number_and_a_label_with_its_number_are_held_as_in_the_pdf() -> None:
    paragraph = "<p>โทรศัพท์ ๐ ๔๓๒๑ ๒๓๔๐ Tel. +66 43 311 234, Moo 12, Area Office 5, THB 1,000</p>"
    (para,) = open_docx(html_to_docx(page(paragraph))).paragraphs
    nb, narrow = NO_BREAK_SPACE, NARROW_NO_BREAK_SPACE
    assert para.text == (
        f"โทรศัพท์ ๐{narrow}๔๓๒๑{narrow}๒๓๔๐ Tel. +66{nb}43{nb}311{nb}234, Moo{nb}12, Area Office{nb}5, THB{nb}1,000"
    )


def test_whitespace_collapses_like_a_browser() -> None:
    doc = open_docx(
        html_to_docx(
            page(
                '<p class="lead">  a \n\t <b> b </b>  c <br>  d <!-- x -->'
                ' <span class="name"> นาย  ก </span> ข  </p><p>  </p>'
            )
        )
    )
    assert [p.text for p in doc.paragraphs] == ["a b c\nd นาย ก ข"]
    assert [(r.text, r.bold) for r in doc.paragraphs[0].runs] == [
        ("a ", None),
        ("b ", True),
        ("c", None),
        ("\n", None),
        ("d ", None),
        ("นาย ก ", None),
        ("ข", None),
    ]


def test_doc_defaults_carry_the_thai_font() -> None:
    data = html_to_docx(TH_HTML, font_family="TH Sarabun New")
    styles = part_xml(data, "word/styles.xml")
    rpr = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    fonts = rpr.find(f"{W}rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(f"{W}{slot}") == "TH Sarabun New"
    assert fonts.get(f"{W}hint") == "cs"
    assert rpr.find(f"{W}sz").get(f"{W}val") == rpr.find(f"{W}szCs").get(f"{W}val") == "32"
    assert rpr.find(f"{W}lang").get(f"{W}bidi") == "th-TH"
    all_fonts = [
        f
        for name in ("word/styles.xml", "word/document.xml", "word/header2.xml")
        for f in part_xml(data, name).iter(f"{W}rFonts")
    ]
    assert all_fonts and all(f.get(f"{W}cs") == f.get(f"{W}ascii") == "TH Sarabun New" for f in all_fonts)


@pytest.mark.parametrize("fixture", ["th", "en"])
def test_no_theme_fonts_anywhere(fixture: str, request: pytest.FixtureRequest) -> None:
    for name, text in xml_parts(request.getfixturevalue(fixture)).items():
        assert not re.search(r"w:(asciiTheme|hAnsiTheme|eastAsiaTheme|cstheme)=", text), name


def test_every_run_names_the_font_for_all_scripts(th: bytes) -> None:
    for name in ("word/document.xml", "word/header2.xml"):
        runs = list(part_xml(th, name).iter(f"{W}r"))
        assert runs
        for run in runs:
            fonts = run.find(f"{W}rPr/{W}rFonts")
            assert fonts is not None and fonts.get(f"{W}cs") == fonts.get(f"{W}ascii") == "Sarabun"


def test_bold_is_complex_script_bold_too(th: bytes) -> None:
    for style_id in ("MOUClauseHeading", "MOUTitle", "MOUTitleLine", "MOUSignatureGroup"):
        rpr = style_element(th, style_id).find(f"{W}rPr")
        assert rpr.find(f"{W}b") is not None and rpr.find(f"{W}bCs") is not None, style_id
    strong = [
        r
        for r in part_xml(th, "word/document.xml").iter(f"{W}r")
        if "".join(r.itertext()) == "อำเภอชุมแพ" and r.find(f"{W}rPr/{W}b") is not None
    ]
    assert strong and strong[0].find(f"{W}rPr/{W}bCs") is not None


def test_sizes(th: bytes) -> None:
    def size(style_id: str) -> tuple[str, str]:
        rpr = style_element(th, style_id).find(f"{W}rPr")
        return rpr.find(f"{W}sz").get(f"{W}val"), rpr.find(f"{W}szCs").get(f"{W}val")

    assert size("MOUTitle") == ("36", "36")
    assert size("MOUBody") == size("MOUClauseHeading") == ("32", "32")


def test_styles_and_alignment(th: bytes, en: bytes) -> None:
    doc = open_docx(th)
    names = {s.name for s in doc.styles}
    assert {"MOU Title", "MOU Title Line", "MOU Body", "MOU Clause Heading", "MOU Item", "MOU Signature"} <= names
    assert [p.style.name for p in doc.paragraphs[:8]] == ["MOU Title"] + ["MOU Title Line"] * 5 + ["MOU Body"] * 2
    assert doc.paragraphs[8].style.name == "MOU Joiner"
    heading = doc.styles["MOU Clause Heading"].paragraph_format
    assert heading.keep_with_next is True
    assert doc.styles["MOU Signature Group"].paragraph_format.keep_with_next is True
    for style_id in ("MOUBody", "MOUItem"):
        assert style_element(th, style_id).find(f"{W}pPr/{W}jc").get(f"{W}val") == "thaiDistribute"
        assert style_element(en, style_id).find(f"{W}pPr/{W}jc").get(f"{W}val") == "both"
        ind = style_element(th, style_id).find(f"{W}pPr/{W}ind")
        assert int(ind.get(f"{W}firstLine")) == round(Cm(2.5).twips)
    for style_id in ("MOUTitle", "MOUTitleLine", "MOUJoiner", "MOUSignature", "MOUSignatureGroup"):
        assert style_element(th, style_id).find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"


def test_page_is_a4_with_official_margins(th: bytes) -> None:
    section = open_docx(th).sections[0]
    measured = [
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    ]
    assert [round(m.cm, 2) for m in measured] == [21.0, 29.7, 2.5, 2.0, 3.0, 2.0]


def test_page_numbers_from_page_two(th: bytes, en: bytes) -> None:
    section = open_docx(th).sections[0]
    assert section.different_first_page_header_footer  # w:titlePg
    assert not section.first_page_header.is_linked_to_previous
    assert [p.text for p in section.first_page_header.paragraphs] == [""]
    header = section.header.paragraphs
    assert [p.text for p in header] == ["- ๒ -"]
    assert header[0].alignment == 1  # centred
    xml = part_xml(th, "word/header2.xml")
    assert [f.get(f"{W}fldCharType") for f in xml.iter(f"{W}fldChar")] == ["begin", "separate", "end"]
    assert [i.text.strip() for i in xml.iter(f"{W}instrText")] == ["PAGE"]
    for data, fmt in ((th, "thaiNumbers"), (en, "decimal")):
        number = part_xml(data, "word/document.xml").find(f"{W}body/{W}sectPr/{W}pgNumType")
        assert number.get(f"{W}fmt") == fmt


def test_signature_tables(th: bytes) -> None:
    doc = open_docx(th)
    body = part_xml(th, "word/document.xml").find(f"{W}body")
    tables = body.findall(f"{W}tbl")
    assert len(tables) == 2
    for tbl in tables:
        borders = tbl.find(f"{W}tblPr/{W}tblBorders")
        assert sorted(b.tag.removeprefix(W) for b in borders) == sorted(
            ["top", "left", "bottom", "right", "insideH", "insideV"]
        )
        assert {b.get(f"{W}val") for b in borders} == {"none"}
        rows = tbl.findall(f"{W}tr")
        assert rows and all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        assert tbl.find(f"{W}tblPr/{W}jc").get(f"{W}val") == "center"
    grid = [int(c.get(f"{W}w")) for c in tables[0].iter(f"{W}gridCol")]
    assert len(grid) == 2 and grid[0] == grid[1] and abs(sum(grid) - Cm(16).twips) <= 2
    assert len(list(tables[1].iter(f"{W}gridCol"))) == 1
    heading = doc.tables[1].rows[0].cells[0].paragraphs
    headings = [p._p for p in heading]
    for table in doc.tables:
        for cell in table._cells:
            styles = [p.style.name for p in cell.paragraphs if p._p not in headings]
            assert set(styles) <= {"MOU Signature", "MOU Signature Position"}, styles
    positions = [p for p in doc.paragraphs + [q for t in doc.tables for c in t._cells for q in c.paragraphs]]
    position_style = doc.styles["MOU Signature Position"].paragraph_format
    # two positions side by side keep apart, as the PDF's do (style.css .signatures p.sign-position)
    assert position_style.left_indent == position_style.right_indent == Pt(8)
    assert any(p.style.name == "MOU Signature Position" for p in positions)
    # The Presiding heading is the first row of the table it heads, kept with the block under it:
    # LibreOffice keeps a table with the next table, not with a paragraph between them.
    assert [(p.style.name, p.paragraph_format.keep_with_next) for p in heading] == [("MOU Signature Group", True)]
    assert not [p for p in body.findall(f"{W}p") if "".join(p.itertext()) == "ประธานในพิธีลงนาม"]


def test_core_properties(th: bytes) -> None:
    props = open_docx(th).core_properties
    assert props.title == "บันทึกข้อตกลงความร่วมมือ เรื่อง การบริหารจัดการน้ำ"
    assert props.language == "th-TH"
    assert props.author == props.last_modified_by == "mou"
    assert props.revision == 1
    assert props.created == props.modified == datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    assert props.last_printed is None


def test_long_title_is_clipped_for_core_properties_only() -> None:
    title = "บันทึกข้อตกลงความร่วมมือ " + "ปั้นน้ำ" * 60
    props = open_docx(html_to_docx(page("<p>x</p>").replace("<title>t</title>", f"<title>{title}</title>")))
    clipped = props.core_properties.title
    assert 200 < len(clipped) <= 255 and title.startswith(clipped) and clipped.endswith("น")


def test_bytes_are_deterministic(th: bytes) -> None:
    assert html_to_docx(TH_HTML) == th
    with zipfile.ZipFile(io.BytesIO(th)) as package:
        infos = package.infolist()
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o644}
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    later = datetime.datetime(2024, 5, 1, 9, 30, tzinfo=datetime.UTC)
    other = html_to_docx(TH_HTML, timestamp=later)
    assert other != th and open_docx(other).core_properties.created == later


@pytest.mark.parametrize(
    "body, named",
    [
        ('<div class="note">x</div>', '<div class="note">'),
        ('<p class="remark">x</p>', 'unsupported class on <p class="remark">'),
        ("<p>a <span>b</span></p>", "<span>"),
        ('<p>a <img src="x.png"></p>', "<img>"),
        ("<h2>heading outside a clause</h2>", "<h2>"),
        ('<section class="clause"><ul><li>x</li></ul></section>', "<ul>"),
        ('<table class="layout"><tr><td>x</td></tr></table>', '<table class="layout">'),
        ('<table class="signatures"><tr><td class="signature wide"></td></tr></table>', '<td class="signature wide">'),
        ('<p><span class="name"><b>x</b></span></p>', "<b>"),
        ("stray text", "stray text"),
    ],
)
def test_unknown_markup_is_refused(body: str, named: str) -> None:
    with pytest.raises(RenderError) as caught:
        html_to_docx(page(body))
    assert named in str(caught.value)


def test_implied_tbody_is_transparent() -> None:
    table = (
        '<table class="signatures"><tbody><tr><td class="signature"><p class="sign-name">ก</p></td>'
        "</tr></tbody></table>"
    )
    assert cell_texts(open_docx(html_to_docx(page(table))).tables[0]) == [[["ก"]]]


def test_missing_language_is_refused() -> None:
    with pytest.raises(RenderError, match="lang"):
        html_to_docx("<html><body><p>x</p></body></html>")


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "golden").glob("*.html")), ids=lambda p: p.name)
def test_golden_html_converts_with_the_text_a_browser_shows(path: Path) -> None:
    html = path.read_text(encoding="utf-8")
    assert docx_texts(open_docx(html_to_docx(html))) == html_texts(html)


def squeeze(text: str) -> str:
    """Drop all whitespace: PDF extraction re-spaces Thai around stacked marks and line ends."""
    return re.sub(r"\s+", "", text)


@pytest.mark.slow
def test_libreoffice_renders_thai_in_sarabun(tmp_path: Path) -> None:
    thai_digits = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    items = "".join(
        f'<li><span class="item-number">๑.{str(n).translate(thai_digits)}</span> '
        "ดูแลแหล่งน้ำและลำน้ำสาธารณะร่วมกับชุมชนในพื้นที่ ปั้นดินกั้นน้ำ "
        "และรายงานผลต่อคู่ภาคีทุกไตรมาส</li>"
        for n in range(3, 40)
    )
    html = TH_HTML.replace("</ol>", items + "</ol>")
    source = tmp_path / "mou.th.docx"
    source.write_bytes(html_to_docx(html))
    libreoffice_to_pdf([source], tmp_path)
    pdf = tmp_path / "mou.th.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names and all(re.fullmatch(r"[A-Z]{6}\+Sarabun-(Regular|Bold)", n) for n in names), fonts
    pages = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    assert len([p for p in pages if p.strip()]) >= 2
    assert not re.search(r"^- *[0-9๐-๙]+ *-$", pages[0], re.M)  # no number on page 1
    # Word shows ๒ (pgNumType thaiNumbers); LibreOffice 7.4 ignores that format and shows 2.
    assert re.match(r"\s*- *[2๒] *-\n", pages[1])
    text = squeeze(re.sub(r"^- *[0-9๐-๙]+ *-$", "", "".join(pages), flags=re.M))
    for expected in docx_texts(open_docx(source.read_bytes())):
        assert squeeze(expected) in text


@pytest.mark.parametrize(
    "text", ["ข้อตกลง", " leading", "trailing ", "\u00a0nbsp\u00a0", "tab\there", "two\nlines", "back\r", "ตำบล ไชยสอ"]
)
@pytest.mark.parametrize("bold, italic, change", [(False, False, ""), (True, False, "ins"), (True, True, "del")])
def test_runs_are_written_as_python_docx_writes_them(text, bold, italic, change):
    # mou/docx/render.py writes runs from a copied template run, not through python-docx's
    # add_run/rPr/text; the XML must be exactly python-docx's.
    from mou.docx.render import Segment, fill_rpr, track, write_runs

    ours, theirs = docx.Document(), docx.Document()
    segments = [
        Segment(text, bold=bold, italic=italic, change=change),
        Segment("", br=True),
        Segment("after", bold=not bold),
    ]
    write_runs(ours.add_paragraph(), segments, "Sarabun")
    para = theirs.add_paragraph()
    for seg in segments:  # python-docx's own way
        run = para.add_run()
        fill_rpr(run._r.get_or_add_rPr(), "Sarabun", bold=seg.bold, italic=seg.italic)
        if seg.br:
            run.add_break()
        else:
            run.text = seg.text
        if seg.change:
            track(run._r, seg.change)
    assert etree.tostring(ours.paragraphs[-1]._p) == etree.tostring(theirs.paragraphs[-1]._p)


def test_the_extended_properties_name_mou_not_the_templates_word(th: bytes) -> None:
    """python-docx's template claimed "Microsoft Macintosh Word", one page and no words in File → Properties."""
    with zipfile.ZipFile(io.BytesIO(th)) as archive:
        app = archive.read("docProps/app.xml").decode("utf-8")
    assert "<Application>mou</Application>" in app
    assert "Microsoft" not in app and "<Pages>" not in app and "Normal.dotm" not in app
