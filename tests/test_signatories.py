"""Who signs, per agreement: one party record, a different signer in each agreement that says so."""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path
from typing import Any

import lxml.html
import pypdfium2
import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B, write_small_project
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer
from pyhanko.pdf_utils.reader import PdfFileReader
from readback import body_lines, docx_paragraphs, pdf_lines, pdf_pages, squash
from redline_fixture import git
from test_archival import signature_pages

from mou.cli.main import main
from mou.core.errors import InputError
from mou.pipeline.layout import Layout
from mou.pipeline.planning import plan
from mou.pipeline.render import people_of, proper_names, render_documents
from mou.records.signers import english_name_key, thai_name_key
from mou.records.validation import load_project
from mou.redline.redline import make_redline

# Khon Kaen University: one record, whose usual signatory is the President.
KKU = """
name: {th: มหาวิทยาลัยขอนแก่น, en: Khon Kaen University}
kind: university
short_name: {th: มหาวิทยาลัย, en: the University}
address: {th: อำเภอเมืองขอนแก่น จังหวัดขอนแก่น ๔๐๐๐๒, en: "Mueang Khon Kaen, Khon Kaen 40002"}
signatory:
  prefix: {th: ศาสตราจารย์ ดร., en: Prof. Dr.}
  name: {th: ประเสริฐ มั่นคง, en: Prasert Mankong}
  position: {th: อธิการบดีมหาวิทยาลัยขอนแก่น, en: President of Khon Kaen University}
"""
# The other agreement is signed by a Vice-President acting for the President.
VICE = """
signatories:
  kku:
    prefix: {th: รองศาสตราจารย์ ดร., en: Assoc. Prof. Dr.}
    name: {th: วิภาวดี ศรีสุข, en: Wipawadee Srisuk}
    position: {th: รองอธิการบดีฝ่ายวิจัย, en: Vice-President for Research}
    acting_for: {th: ปฏิบัติการแทนอธิการบดีมหาวิทยาลัยขอนแก่น, en: for the President of Khon Kaen University}
"""
PRESIDENT_TH, PRESIDENT_EN = "ศาสตราจารย์ ดร.ประเสริฐ มั่นคง", "Prof. Dr. Prasert Mankong"
VICE_TH, VICE_EN = "รองศาสตราจารย์ ดร.วิภาวดี ศรีสุข", "Assoc. Prof. Dr. Wipawadee Srisuk"
ACTING_TH, ACTING_EN = "ปฏิบัติการแทนอธิการบดีมหาวิทยาลัยขอนแก่น", "for the President of Khon Kaen University"
# Each agreement: who signs for the University, in Thai and English, and who must not appear.
SIGNERS = {
    "by-president": ((PRESIDENT_TH, "อธิการบดีมหาวิทยาลัยขอนแก่น"), (PRESIDENT_EN, "President of Khon Kaen University")),
    "by-vice": ((VICE_TH, "รองอธิการบดีฝ่ายวิจัย", ACTING_TH), (VICE_EN, "Vice-President for Research", ACTING_EN)),
}
ABSENT = {"by-president": (VICE_TH, VICE_EN), "by-vice": (PRESIDENT_TH, PRESIDENT_EN)}


@pytest.fixture
def kku_project(tree) -> Path:
    """One parties/kku record; by-president uses its usual signatory, by-vice names another."""
    return tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": KKU,
            "agreements/by-president.yaml": AGREEMENT,
            "agreements/by-vice.yaml": AGREEMENT + "bilingual_edition: true\n" + VICE,
        }
    )


def check(root: Path, language: str = "en") -> tuple[int, str]:
    """Build a project with a mistake in a clerk's language; return status and the errors said."""
    err = io.StringIO()
    status = main(["--root", str(root), "--lang", language], io.StringIO(), err)
    return status, err.getvalue()


def signature_cells(html: str) -> list[str]:
    """Return the text of every signature block of a rendered document."""
    return [td.text_content() for td in lxml.html.document_fromstring(html).find_class("signature")]


def test_one_party_record_signs_through_two_people(kku_project):
    project = load_project(kku_project)
    assert set(project.parties) == {"kku", "town"}
    layout = Layout(kku_project, kku_project / "output")
    for agreement_id, (thai, english) in SIGNERS.items():
        documents = render_documents(layout, project, agreement_id)
        assert [d.language for d in documents] == (["th", "en", "th-en"] if "vice" in agreement_id else ["th", "en"])
        for document in documents:
            html = document.html
            wanted = {"th": thai, "en": english, "th-en": thai + english}[document.language]
            university = signature_cells(html)[1]  # the second party's block
            assert all(text in university for text in wanted), (agreement_id, document.language, university)
            preamble = " ".join(
                p.text_content() for p in lxml.html.document_fromstring(html).xpath("//p[@class='party']")
            )
            assert wanted[0] in preamble
            assert not any(name in html for name in ABSENT[agreement_id]), (agreement_id, document.language)
    # The party record itself is untouched: it still names its usual signatory.
    assert project.parties["kku"].signatory.name.en == "Prasert Mankong"


def test_names_kept_whole_are_the_agreements_own_signers(kku_project):
    project = load_project(kku_project)
    for agreement_id, ((name, position, *_), (english, *_)) in SIGNERS.items():
        _, glued, titles = proper_names(project, agreement_id)
        assert name in glued and position in titles
        assert ABSENT[agreement_id][0] not in glued
        assert english.endswith(people_of(project, agreement_id)[1].name.en)
    assert ACTING_TH in proper_names(project, "by-vice")[2]


@pytest.mark.parametrize(
    ("key", "english", "thai"),
    [
        (
            "kkv",
            "'kkv' is not one of this agreement's parties; did you mean 'kku'?",
            "'kkv' ไม่ใช่คู่ภาคีของบันทึกข้อตกลงนี้ หมายถึง 'kku' หรือไม่",
        ),
        (
            "college",
            "'college' is not one of this agreement's parties (town, kku); use an id listed under parties:, or remove it",
            "'college' ไม่ใช่คู่ภาคีของบันทึกข้อตกลงนี้ (town, kku) ให้ใช้รหัสคู่ภาคีที่ระบุไว้ใน parties: หรือลบออก",
        ),
    ],
)
def test_a_signatory_for_a_party_not_in_the_agreement_is_located(kku_project, key, english, thai):
    record = kku_project / "agreements/by-vice.yaml"
    text = record.read_text(encoding="utf-8").replace("  kku:\n", f"  {key}:\n")
    record.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"  {key}:") + 1
    for language, said in (("en", english), ("th", thai)):
        status, err = check(kku_project, language)
        assert status == 1
        assert f"agreements/by-vice.yaml:{line}:3: signatories.{key}: {said}" in err, err


def test_a_signatory_field_is_checked_like_a_party_s(kku_project):
    record = kku_project / "agreements/by-vice.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("    position: {th: รองอธิการบดีฝ่ายวิจัย", "    positoin: {th: รองอธิการบดีฝ่ายวิจัย"))
    status, err = check(kku_project)
    assert status == 1
    assert re.search(
        r"by-vice\.yaml:\d+:5: signatories\.kku\.positoin: unknown field 'positoin'; did you mean 'position'", err
    )
    assert re.search(r"by-vice\.yaml:\d+:3: signatories\.kku\.position: is required; add it, e\.g\. \{th: …", err), err
    record.write_text(
        text.replace("en: Wipawadee Srisuk}", "en: Wipawadee}").replace(
            "en: Vice-President for Research}", "en: Vice-President 2}"
        )
    )
    status, err = check(kku_project)
    assert status == 1
    lines = err.splitlines()
    assert any(
        re.search(r"by-vice\.yaml:\d+:\d+: signatories\.kku\.name: the English name is one word", x) for x in lines
    ), err
    assert any(re.search(r"by-vice\.yaml:\d+:\d+: signatories\.kku\.position: .*2", x) for x in lines), err


def test_a_character_the_font_cannot_draw_in_a_signatory_is_located(kku_project):
    record = kku_project / "agreements/by-vice.yaml"
    text = record.read_text(encoding="utf-8").replace("en: Wipawadee Srisuk}", "en: Wipawadee 漢Srisuk}")
    record.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "漢" in row)
    column = text.splitlines()[line - 1].index("漢") + 1
    status, err = check(kku_project)
    assert status == 1
    assert f"agreements/by-vice.yaml:{line}:{column}: signatories.kku.name.en: contains U+6F22" in err, err


def test_a_replaced_usual_signatory_is_not_needed_by_the_agreement(tree):
    """The usual signatory lacks English: an agreement that names its own signer does not print it."""
    kku = KKU.replace(", en: Prasert Mankong}", "}")
    agreement = AGREEMENT + VICE
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": kku, "agreements/by-vice.yaml": agreement})
    assert load_project(root).agreements["by-vice"].signatories["kku"].name.en == "Wipawadee Srisuk"
    (root / "agreements/by-vice.yaml").write_text(AGREEMENT, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_project(root)
    assert [(p.path, p.field) for p in raised.value.problems] == [("parties/kku.yaml", "signatory.name")]
    assert "needed by agreements/by-vice" in raised.value.problems[0].message.en


def test_editing_an_agreement_s_signatory_changes_only_its_fingerprint(kku_project):
    before = {i: plan(kku_project, i, ("pdf",)) for i in SIGNERS}
    record = kku_project / "agreements/by-vice.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("วิภาวดี", "วิภาวรรณ"), encoding="utf-8")
    after = {i: plan(kku_project, i, ("pdf",)) for i in SIGNERS}
    assert before["by-president"] == after["by-president"]
    assert before["by-vice"] != after["by-vice"]


def test_a_new_signer_shows_in_the_redline(kku_project):
    git(kku_project, "init", "-q", "-b", "main")
    git(kku_project, "add", "-A")
    git(kku_project, "commit", "-q", "-m", "1.0")
    record = kku_project / "agreements/by-president.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.1"') + VICE, encoding="utf-8"
    )
    git(kku_project, "commit", "-qam", "1.1")
    redline = make_redline(Layout(kku_project, kku_project / "output"), "by-president", "1.0", "1.1", ())
    assert redline.summaries["en"].values == [
        (
            "Signing for Khon Kaen University",
            f"{PRESIDENT_EN}, President of Khon Kaen University",
            f"{VICE_EN}, Vice-President for Research, {ACTING_EN}",
        )
    ]
    assert redline.summaries["th"].values[0][0] == "ผู้ลงนามฝ่ายมหาวิทยาลัยขอนแก่น"
    cell = signature_cells(redline.html["th"])[1]
    block = lxml.html.document_fromstring(redline.html["th"]).find_class("signature")[1]
    assert PRESIDENT_TH in "".join(d.text_content() for d in block.iter("del"))
    assert VICE_TH in "".join(i.text_content() for i in block.iter("ins"))
    assert ACTING_TH in cell


def build(root: Path) -> tuple[int, str]:
    """Build a project in one process; return status and the log."""
    out = io.StringIO()
    status = main(["--root", str(root), "--jobs", "1"], out=out, err=io.StringIO())
    return status, out.getvalue()


def text_under_field(path: Path, name: str) -> str:
    """Return the text of the line under a signature field: the name of who signs there.

    The name is centred under the dots and may be wider than them: the box reaches out either side.
    """
    pdf = PdfFileReader(io.BytesIO(path.read_bytes()), strict=False)
    pages = []

    def walk(node_ref: Any) -> None:
        node = node_ref.get_object()
        for kid in node.raw_get("/Kids") if node["/Type"] == "/Pages" else []:
            walk(kid)
        if node["/Type"] == "/Page":
            pages.append(node_ref.idnum)

    walk(pdf.root.raw_get("/Pages"))
    widget = next(ref.get_object() for ref in pdf.root["/AcroForm"]["/Fields"] if str(ref.get_object()["/T"]) == name)
    x1, y1, x2, _ = (float(v) for v in widget["/Rect"])
    document = pypdfium2.PdfDocument(path)
    try:
        page = document[pages.index(widget.raw_get("/P").idnum)]
        # Up to just over the dots' baseline: a tone mark raised over an upper vowel (มั่น)
        # reaches 1.5 pt above it, and the dots' own boxes start 4 pt above it.
        return page.get_textpage().get_text_bounded(x1 - 100, y1 - 24, x2 + 100, y1 + 2)
    finally:
        document.close()


@pytest.mark.slow
def test_both_agreements_print_their_own_signer_and_only_the_edited_one_rebuilds(kku_project):
    status, log = build(kku_project)
    assert status == 0, log
    for agreement_id, (thai, english) in SIGNERS.items():
        folder = kku_project / "output" / agreement_id / "1.0"
        for language, wanted in (("th", thai), ("en", english)):
            pdf = squash("".join(pdf_lines(folder / f"{agreement_id}.{language}.pdf")))
            docx = squash("".join(docx_paragraphs(folder / f"{agreement_id}.{language}.docx")))
            for text in wanted:
                # In the preamble and in the signature block: twice, in the PDF and in the DOCX.
                assert pdf.count(squash(text)) >= (2 if text == wanted[0] else 1), (agreement_id, language, text)
                assert docx.count(squash(text)) >= (2 if text == wanted[0] else 1), (agreement_id, language, text)
            absent = squash(ABSENT[agreement_id][0 if language == "th" else 1])
            assert absent not in pdf and absent not in docx
            # The University's signature field is over the line of whoever signs this agreement.
            under = squash(text_under_field(folder / f"{agreement_id}.{language}.pdf", "sig-kku"))
            assert squash(wanted[0]) in under and absent not in under, (agreement_id, language, under)
    by_vice = kku_project / "output/by-vice/1.0/by-vice.th.pdf"
    president_pdf = kku_project / "output/by-president/1.0/by-president.th.pdf"
    untouched = president_pdf.stat().st_mtime_ns, president_pdf.read_bytes()
    record = kku_project / "agreements/by-vice.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("วิภาวดี ศรีสุข", "วิภาวรรณ ศรีสุข"), encoding="utf-8")
    status, log = build(kku_project)
    assert status == 0, log
    assert set(re.findall(r"wrote \S+/output/([^/]+)/", log)) == {"by-vice"}
    assert "up to date: by-president" in log or log.count("up to date") == 1
    assert (president_pdf.stat().st_mtime_ns, president_pdf.read_bytes()) == untouched
    assert squash("รองศาสตราจารย์ ดร.วิภาวรรณ ศรีสุข") in squash("".join(pdf_lines(by_vice)))


def witnesses(*people: tuple[str, str]) -> str:
    """The witnesses: lines of an agreement, one witness per (Thai name, English name)."""
    entries = "".join(
        f"  - name: {{th: {th}, en: {en}}}\n    position: {{th: ปลัดอำเภอ, en: Deputy District Chief}}\n"
        for th, en in people
    )
    return "witnesses:\n" + entries


def checked(root: Path, language: str = "en") -> tuple[int, str]:
    """Run the check command in a clerk's language; return status and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    status = main(["check", "--root", str(root), "--lang", language], out, err)
    return status, out.getvalue() + err.getvalue()


PRESIDING = """
presiding:
  prefix: {th: นาย, en: Mr.}
  name: {th: สมศักดิ์ จังตระกุล, en: Somsak Jangtrakul}
  position: {th: ผู้ว่าราชการจังหวัดขอนแก่น, en: Governor of Khon Kaen}
"""


@pytest.mark.parametrize(
    ("agreement", "witness", "shown", "role_en", "role_th"),
    [
        # the town's usual signatory, นาย joined to the name and two spaces typed
        (
            "by-president",
            ("นายสมชาย  ใจดี", "Someone Else"),
            "นายสมชาย  ใจดี",
            "for 'town' (the signatory of parties/town)",
            "'town'",
        ),
        # the University's signatory in this agreement, the same English name in capitals with a prefix
        (
            "by-vice",
            ("ผู้อื่น ทั้งหมด", "Dr.  WIPAWADEE Srisuk"),
            "Dr.  WIPAWADEE Srisuk",
            "for 'kku' (under signatories)",
            "signatories",
        ),
        # the presiding official
        (
            "by-president",
            ("สมศักดิ์ จังตระกุล", "Somsak Jangtrakul"),
            "สมศักดิ์ จังตระกุล",
            "as the presiding official (presiding)",
            "ประธาน",
        ),
    ],
)
def test_a_witness_who_also_signs_is_warned_of_at_the_witness(kku_project, agreement, witness, shown, role_en, role_th):
    record = kku_project / f"agreements/{agreement}.yaml"
    text = record.read_text(encoding="utf-8") + PRESIDING + witnesses(("ธีรวัฒน์ พลเยี่ยม", "Teerawat Ponyiam"), witness)
    record.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"  - name: {{th: {witness[0]}, en: {witness[1]}}}") + 1
    status, said = checked(kku_project)
    assert status == 0, said
    warnings = [w for w in said.splitlines() if w.startswith("warning:")]
    assert len(warnings) == 1, said  # the other witness signs nothing else
    assert warnings[0].startswith(f"warning: agreements/{agreement}.yaml:{line}:5: witnesses[2]: "), said
    assert f": {shown} is a witness but also signs this agreement {role_en};" in warnings[0], said
    assert "a witness attests the others' signatures" in warnings[0], said
    status, said = checked(kku_project, "th")
    assert f"agreements/{agreement}.yaml:{line}:5: witnesses[2]: " in said and role_th in said, said
    assert "พยานมีไว้รับรองการลงนามของผู้อื่น" in said
    # A build warns too, and goes on.
    err = io.StringIO()
    assert main(["--root", str(kku_project), "--only", agreement, "--format", "docx"], io.StringIO(), err) == 0
    assert f"agreements/{agreement}.yaml:{line}:5: witnesses[2]: " in err.getvalue(), err.getvalue()


def test_witnesses_who_sign_nothing_else_are_not_warned_of(kku_project):
    record = kku_project / "agreements/by-vice.yaml"
    # the usual signatory this agreement replaces is free to witness it; a namesake in one language only is someone else
    text = record.read_text(encoding="utf-8") + witnesses(
        ("ประเสริฐ มั่นคง", "Prasert Mankong"), ("สมชาย ใจเย็น", "Somchai Jaiyen")
    )
    record.write_text(text, encoding="utf-8")
    status, said = checked(kku_project)
    assert status == 0 and "warning:" not in said, said


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("พ.ต.อ.สมชาย ใจดี", "สมชาย  ใจดี", True),
        ("ว่าที่ร้อยตรีธีรวัฒน์ พลเยี่ยม", "ว่าที่ ร.ต. ธีรวัฒน์ พลเยี่ยม", True),
        ("รองศาสตราจารย์ ดร.วิภาวดี ศรีสุข", "วิภาวดี ศรีสุข", True),
        ("นางสาวกนกวรรณ ชื่นชม", "กนกวรรณ ชื่นชม", True),
        ("สมชาย ใจดี", "สมชาย ใจเย็น", False),
        ("นายสมชาย ใจดี", "นางสมใจ ใจดี", False),
    ],
)
def test_thai_names_are_compared_without_prefixes_and_spacing(one, other, same):
    assert (thai_name_key(one) == thai_name_key(other)) is same


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Acting Sub-Lt. Teerawat Ponyiam", "Teerawat Ponyiam", True),
        ("Pol.Col. Somchai Jaidee", "somchai  JAIDEE", True),
        ("Assoc. Prof. Dr. Wipawadee Srisuk", "Ms Wipawadee Srisuk", True),
        ("Somchai Jaidee", "Somchai Jaiyen", False),
    ],
)
def test_english_names_are_compared_without_prefixes_case_and_spacing(one, other, same):
    assert (english_name_key(one) == english_name_key(other)) is same


# --- a page of signatures carries text of the agreement ---------------------------------------

# A signing line opens every signature block, in each edition.
SIGN_LINE = re.compile(r"^\((?:ลงชื่อ|Signed|ลงชื่อ / Signed)\)")
# A signature group's heading (Presiding) belongs to the signatures, not to the text.
SIGNATURE_GROUP = re.compile(r"^(?:ประธานในพิธีลงนาม|Presiding|ประธานในพิธีลงนาม / Presiding)$")


def bare_signature_pages(pages: list[str]) -> list[int]:
    """Return the pages (from 1) whose signature blocks stand without text of the agreement where they need not.

    A page of bare signatures could be attached to another text: the page where signing
    starts carries text above its first block (the closing formula's last lines at least).
    Signatures that run on to a page of their own take more than one block there: the last
    row keeps with the row before it.
    """
    bare = []
    signed_before = False  # whether the page before holds signature blocks
    for number, page in enumerate(pages, start=1):
        lines = body_lines([page])
        starts = [i for i, line in enumerate(lines) if SIGN_LINE.match(line)]
        if starts:
            text = [line for line in lines[: starts[0]] if not SIGNATURE_GROUP.match(line)]
            if not text and (not signed_before or len(starts) < 2):
                bare.append(number)
        signed_before = bool(starts)
    return bare


def test_a_page_of_text_and_one_of_bare_signatures_are_told_apart():
    text = "- ๓ -\nข้อ ๓ ข้อความ\nบันทึกข้อตกลงความร่วมมือฉบับนี้ทำขึ้นเป็นสองฉบับ\n(ลงชื่อ) ........\n(นายสมชาย ใจดี)\n"
    plain = "- ๓ -\nข้อ ๓ ข้อความ\n"
    one = "- ๔ -\nร่าง\n(ลงชื่อ) ........\n(นายสมชาย ใจดี)\nนายกเทศมนตรี\n"
    two = one + "(ลงชื่อ) ........\n(นายสมหมาย ใจดี)\nปลัดอำเภอ\n"
    presiding = "- 4 -\nPresiding\n(Signed) ........ Presiding\n(Mr. Somchai Jaidee)\n"
    # signatures that start a page after a page of text alone, even under their heading
    assert bare_signature_pages([plain, two]) == [2]
    assert bare_signature_pages([plain, presiding]) == [2]
    # one block alone after the others, and the signatures running on, two blocks or more
    assert bare_signature_pages([text, one]) == [2]
    assert bare_signature_pages([text, two, two]) == []
    assert bare_signature_pages([text, two, presiding]) == [3]


# A clause of this many lines (one sentence a line, in either language) ends the text at every
# height of page 2 where the closing formula fits and a row of signatures does not: the signatures
# moved whole to page 3 without a line of the text (the Thai and English editions of 25 lines did).
FILLER_LINES = range(19, 31)
FILLER = {
    "th": "ทั้งสองฝ่ายจะร่วมกันพัฒนาระบบบริการสาธารณสุขในชุมชน",
    "en": "Both Parties will develop community public health services together,",
}


def filled(lines: int) -> str:
    """Return the small agreement with its one clause `lines` sentences long, in both languages, side by side too."""
    text = {language: " ".join([sentence] * lines) for language, sentence in FILLER.items()}
    return (
        AGREEMENT.replace(
            "text: {th: เพื่อพัฒนาทักษะดิจิทัลของบุคลากร, en: To develop the digital skills of staff.}",
            f'text: {{th: {text["th"]}, en: "{text["en"]}"}}',
        )
        .replace("    items:\n      - {th: จัดอบรมปีละ ๒ ครั้ง, en: Hold training twice a year.}\n", "")
        .replace("budget: {amount: 150000}\n", "")
        + "bilingual_edition: true\n"
    )


def build_filled(root: Path) -> Path:
    """Build one agreement per clause length in FILLER_LINES into root, every edition, PDF and DOCX; return root."""
    write_small_project(root)
    (root / "agreements/test.yaml").unlink()
    for lines in FILLER_LINES:
        (root / f"agreements/filled-{lines}.yaml").write_text(textwrap.dedent(filled(lines)), encoding="utf-8")
    assert main(["--root", str(root), "--quiet"], out=io.StringIO(), err=io.StringIO()) == 0
    return root


@pytest.fixture(scope="module")
def filled_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The filled agreements, built."""
    return build_filled(tmp_path_factory.mktemp("filled"))


def filled_files(root: Path, fmt: str) -> list[Path]:
    """Return every built file of one format of the filled project."""
    return sorted((root / "output").glob(f"filled-*/1.0/*.{fmt}"))


def test_signatures_never_start_a_page_without_the_closing_formula(filled_project):
    pdfs = filled_files(filled_project, "pdf")
    assert len(pdfs) == 3 * len(FILLER_LINES)
    bare = {pdf.name: pages for pdf in pdfs if (pages := bare_signature_pages(pdf_pages(pdf)))}
    assert bare == {}
    # the page where signing starts is not always the last page of text: some signatures did move
    assert any(signature_pages(pdf)[0] > 2 for pdf in pdfs)


# The text area of an A4 page (3 cm left, 2 cm right) and the top of its footer, in points.
TEXT_LEFT, TEXT_RIGHT, FOOTER_TOP = 3 / 2.54 * 72, 595.28 - 2 / 2.54 * 72, 60


def pdf_chars(path: Path, page: int) -> list[LTChar]:
    """Return the characters pdfminer.six reads on one page (-1: the last), with their boxes."""
    pages = list(extract_pages(str(path)))
    found: list[LTChar] = []

    def walk(item: object) -> None:
        if isinstance(item, LTChar):
            found.append(item)
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child)

    walk(pages[page])
    return found


def gaps_across_the_middle(path: Path) -> list[tuple[str, float]]:
    """Return, for each line of the last page's signature blocks with text both sides of the text area's middle, its text and the gap there."""
    chars = [c for c in pdf_chars(path, -1) if c.get_text().strip()]
    middle = (TEXT_LEFT + TEXT_RIGHT) / 2
    lines: dict[int, list[Any]] = {}
    for char in chars:
        lines.setdefault(round(char.y0 / 4), []).append(char)
    rows = [sorted(line, key=lambda c: c.x0) for _, line in sorted(lines.items(), reverse=True)]
    first = next(i for i, row in enumerate(rows) if re.search(r"\.{8}", "".join(c.get_text() for c in row)))
    found = []
    for row in rows[first:]:
        left = [c for c in row if c.x1 <= middle]
        right = [c for c in row if c.x0 >= middle]
        if left and right and len(left) + len(right) == len(row) and min(c.y0 for c in row) > FOOTER_TOP:
            found.append(("".join(c.get_text() for c in row), right[0].x0 - left[-1].x1))
    return found


# Two positions that fill their blocks' lines (an agreement of seven parties, found in review).
LONG_POSITIONS = {
    "town": ("ผู้อำนวยการมูลนิธิเพื่อการพัฒนาเด็กและเยาวชนภาคตะวันออกเฉียงเหนือในพระราชูปถัมภ์",
             "Director of Foundation for Northeastern Child and Youth Development under Royal Patronage"),
    "kku": ("ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต ๕",
            "Director of Khon Kaen Primary Educational Service Area Office 5"),
}  # fmt: skip


def test_two_blocks_side_by_side_keep_their_lines_apart(tree):
    # With no room between cells, two full lines of positions met 13.6 pt apart in the side-by-side
    # edition, and a reader (and pdftotext -layout) read `…ภาคตะวันออกเฉียง การศึกษาประถม…` as one line.
    records = {"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B}
    for party_id, (thai, english) in LONG_POSITIONS.items():
        key = f"parties/{party_id}.yaml"
        records[key] = re.sub(
            r"position: \{th: [^,]+, en: [^}]+\}", f"position: {{th: {thai}, en: {english}}}", records[key]
        )
        records[key] = re.sub(r"  acting_for: .*\n", "", records[key])
    # a name short enough to share a row in every edition
    records["parties/kku.yaml"] = records["parties/kku.yaml"].replace(
        "{th: รองศาสตราจารย์, en: Assoc. Prof.}", "{th: นาง, en: Mrs.}"
    )
    root = tree(records | {"agreements/test.yaml": AGREEMENT + "bilingual_edition: true\n"})
    status, log = build(root)
    assert status == 0, log
    for pdf in sorted((root / "output").rglob("*.pdf")):
        gaps = gaps_across_the_middle(pdf)
        assert len(gaps) >= 4, (pdf.name, gaps)  # the two blocks share a row, line by line
        # an em apart at least: a word gap of a justified line is at most twice a space
        assert [(text, round(gap, 1)) for text, gap in gaps if gap < 15.9] == [], pdf.name
