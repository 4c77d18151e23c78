"""Redlines between versions: `python build.py diff mou 1.0 1.1` on a pair of versions with an
added clause, a removed party, a changed budget and a reworded Thai sentence.

Version 1.0 is released with the real release code (so it comes from the archive), 1.1 from
the git history. The redline's DOCX is read back as XML (w:ins / w:del), then opened in
LibreOffice, where accepting every change must give 1.1's own DOCX text and rejecting every
change 1.0's. The redline PDF is read with pypdfium2: its text, and the colour of its text.
"""

from __future__ import annotations

import ctypes
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx as python_docx
import lxml.etree
import lxml.html
import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from conftest import ROOT, bundled_fonts_conf, libreoffice_to_pdf, require_tool
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import _Cell as Cell
from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.tokenize import word_tokenize
from readback import as_read, docx_paragraphs, pdf_lines, pdf_pages, squash
from redline_fixture import NEW_THAI, OLD_THAI, REMOVED_PARTY, git, make_project
from test_office_fonts import running_lines, split_units

from mou.cli.main import main
from mou.core.errors import InputError, MachineError, UsageError
from mou.core.messages import Message
from mou.html.templating import text_width
from mou.pipeline.build import load
from mou.pipeline.layout import Layout
from mou.pipeline.render import RUNNING_LINE_PT, fits_line, office_units
from mou.redline.redline import (
    Block,
    Redline,
    Token,
    Tokenizer,
    diff_blocks,
    diff_tokens,
    make_redline,
    tokens_html,
    write_redline,
)
from mou.release.archive import release
from mou.release.versions import (
    VersionRecords,
    _working_records,
    find_version,
    materialize,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DEL_RGB, INS_RGB = (0xC6, 0x28, 0x28), (0x1F, 0x4F, 0xBF)  # mou/redline/redline.py REDLINE_CSS
FOLDER = Path("output/mou/diff-1.0-1.1")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test project: 1.0 committed, built and released; 1.1 committed and built; then the diff."""
    root = tmp_path_factory.mktemp("redline") / "project"

    def after_commit(version: str) -> None:
        assert main(["--root", str(root), "--format", "docx", "-q"]) == 0
        if version == "1.0":
            release(Layout(root, root / "output"), "mou")

    make_project(root, after_commit)
    out, err = io.StringIO(), io.StringIO()
    assert main(["diff", "mou", "1.0", "1.1", "--root", str(root)], out, err) == 0, err.getvalue()
    (root / "diff-stdout.txt").write_text(out.getvalue() + err.getvalue(), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def redline(project: Path):
    """The comparison behind the files (HTML and summaries), made again without writing."""
    return make_redline(Layout(project, project / "output"), "mou", "1.0", "1.1", ())


def html_changes(html: str) -> tuple[list[str], list[str]]:
    """Return the texts of the <del> and <ins> elements of the HTML the PDF was rendered from."""
    body = lxml.html.document_fromstring(html).find("body")
    return (
        [el.text_content().strip() for el in body.iter("del")],
        [el.text_content().strip() for el in body.iter("ins")],
    )


def changes(docx: Path) -> tuple[list[str], list[str]]:
    """Return the deleted and inserted texts of a DOCX as a reader reads them: neighbouring changes in a paragraph joined."""
    with zipfile.ZipFile(docx) as archive:
        body = lxml.etree.fromstring(archive.read("word/document.xml"))
    found: dict[str, list[str]] = {"del": [], "ins": []}
    for para in body.iter(f"{W}p"):
        last = None
        for child in para:
            kind = child.tag[len(W) :]
            if kind in found:
                text = "".join(t.text or "" for t in child.iter(f"{W}t", f"{W}delText"))
                if kind == last:
                    found[kind][-1] += text
                else:
                    found[kind].append(text)
            last = kind if kind in found else None
    return [as_read(t).strip() for t in found["del"]], [as_read(t).strip() for t in found["ins"]]


def old_party(project: Path, language: str) -> tuple[str, list[str]]:
    """Return the removed party's paragraph and its signature block's lines, from 1.0's DOCX."""
    paragraphs = docx_paragraphs(project / "output/mou/1.0" / f"mou.{language}.docx")
    party = next(p for p in paragraphs if p.startswith("(4)" if language == "en" else "(๔)"))
    name_at = max(i for i, p in enumerate(paragraphs) if p.startswith("("))  # the last signatory's name
    return party, paragraphs[name_at - 1 : name_at + 2]


@pytest.mark.slow
def test_versions_come_from_the_release_archive_and_git(project):
    output = project / "output"
    old = find_version(project, output, "mou", "1.0")
    new = find_version(project, output, "mou", "1.1")
    head1 = find_version(project, output, "mou", "git:HEAD~1")
    assert old.source.en == "release archive mou-1.0.zip"
    assert new.source.en.startswith("git commit ")
    assert head1.records == old.records  # the archive holds the records byte for byte
    assert sorted(old.records) == ["agreements/mou.yaml"] + sorted(
        f"parties/{p}.yaml"
        for p in ("chumphae-municipality", "khon-kaen-university", "chumphae-district", REMOVED_PARTY)
    )
    assert f"parties/{REMOVED_PARTY}.yaml" not in new.records
    assert "release archive mou-1.0.zip" in (project / "diff-stdout.txt").read_text()
    with pytest.raises(UsageError) as info:
        find_version(project, output, "mou", "2.0")
    assert "versions found: 1.0, 1.1" in info.value.problems[0].render("en")


def test_working_tree_version_without_git(tmp_path):
    root = make_project(tmp_path / "p")
    (root / ".git").rename(root / "not-git")
    found = find_version(root, root / "output", "mou", "1.1")
    assert found.source.en == "working tree" and found.records["agreements/mou.yaml"].startswith(b'version: "1.1"')


def test_unknown_version_is_a_message_in_both_languages(project):
    for lang, expected in (("en", "no version '3.0' of mou found"), ("th", "ไม่พบรุ่น '3.0' ของ mou")):
        out, err = io.StringIO(), io.StringIO()
        status = main(["diff", "mou", "3.0", "1.1", "--root", str(project), "--lang", lang], out, err)
        assert status == 2
        assert expected in err.getvalue() and "1.0, 1.1" in err.getvalue()
        assert "Traceback" not in err.getvalue()
        assert "release mou" in err.getvalue()  # what to do to compare a version later
    out, err = io.StringIO(), io.StringIO()
    assert main(["diff", "mou", "git:no-such-rev", "1.1", "--root", str(project)], out, err) == 2
    assert "git has no revision 'no-such-rev'" in err.getvalue()


def test_a_version_built_but_not_kept_is_named_with_what_to_do(tmp_path):
    # output/<id>/<version>/ holds a build's files, not its records: a clerk saw it there and was told it was not found
    root = make_project(tmp_path / "p")
    (root / ".git").rename(root / "not-git")
    (root / "output" / "mou" / "1.0").mkdir(parents=True)
    with pytest.raises(UsageError) as info:
        find_version(root, root / "output", "mou", "1.0")
    said = info.value.problems[0].render("en")
    assert "output/mou/1.0/ holds its files but not its records" in said
    assert "release it (python build.py release mou) or keep the records in git" in said


@pytest.mark.slow
def test_files_written_and_earlier_output_kept_on_failure(project):
    folder = project / FOLDER
    names = sorted(p.name for p in folder.iterdir() if p.name != ".mou-diff.json")  # the index page's stamp aside
    assert names == ["mou.en.redline.docx", "mou.en.redline.pdf", "mou.th.redline.docx", "mou.th.redline.pdf"]
    before = {name: (folder / name).read_bytes() for name in names}
    (project / "agreements/broken.yaml").write_text("version: [\n", encoding="utf-8")  # not this agreement
    err = io.StringIO()
    assert main(["diff", "mou", "1.0", "9.9", "--root", str(project)], io.StringIO(), err) == 2
    (project / "agreements/broken.yaml").unlink()
    assert {name: (folder / name).read_bytes() for name in names} == before
    # The same versions give the same bytes (the DOCX dates are the build time).
    assert main(["diff", "mou", "1.0", "1.1", "--root", str(project)], io.StringIO(), io.StringIO()) == 0
    assert {name: (folder / name).read_bytes() for name in names} == before


def expected_changes(project: Path, language: str) -> tuple[list[str], list[str]]:
    """Return what the redline must show deleted and inserted, in document order.

    Besides the four changes, the clauses after the added one (duration, budget, languages)
    are renumbered; in English the party before the removed one now ends the list with ',' (not '; and');
    the closing now gives each party at least one of the originals, one fewer party sharing them.
    """
    party, signature = old_party(project, language)
    if language == "th":
        deleted = [
            "กับ",
            "องค์การบริหารส่วนตำบลชุมแพ",
            party,
            "พัฒนา",
            "ปฏิบัติงาน",
            "ข้อ ๓",
            "ข้อ ๔",
            "๑๕๐,๐๐๐ บาท",
            "หนึ่ง",
            "ห้าหมื่น",
            "ข้อ ๕",
            *signature,
        ]
        inserted = [
            "เสริมสร้าง",
            "ให้บริการประชาชน",
            "ข้อ ๓ การประเมินผล",
            "มหาวิทยาลัยจะประเมินผลการฝึกอบรมทุกรุ่น",
            "ข้อ ๔",
            "ข้อ ๕",
            "๒๐๐,๐๐๐ บาท",
            "สอง",
            "ข้อ ๖",
            "อย่างน้อย",  # four originals were one each for four parties, now for three
        ]
    else:
        deleted = [
            "and",
            "Chum Phae Subdistrict Administrative Organization",
            "; and",
            party,
            "Clause 3",
            "Clause 4",
            "THB 150,000",
            "one",
            "and fifty",
            "Clause 5",
            *signature,
        ]
        inserted = [
            "and",
            ",",
            "Clause 3 Evaluation",
            "The University shall evaluate every cohort.",
            "Clause 4",
            "Clause 5",
            "THB 200,000",
            "two",
            "Clause 6",
            "at least",  # four originals were one each for four parties, now for three
        ]
    return deleted, inserted


@pytest.mark.parametrize("language", ["th", "en"])
def test_docx_tracked_changes_are_exactly_the_changes(project, language):
    docx = project / FOLDER / f"mou.{language}.redline.docx"
    assert changes(docx) == expected_changes(project, language)
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml").decode()
    marks = re.findall(r"<w:(ins|del) ([^>]*)>", xml)
    assert marks and all('w:author="mou"' in attrs and 'w:date="2020-11-16T00:00:00Z"' in attrs for _, attrs in marks)
    ids = [re.search(r'w:id="(\d+)"', attrs).group(1) for _, attrs in marks]
    assert len(ids) == len(set(ids))
    # Thai runs keep the complex-script font properties of every other run.
    assert language == "en" or re.search(
        r'<w:del [^>]*><w:r><w:rPr><w:rFonts [^>]*w:cs="Sarabun"[^>]*w:hint="cs"/></w:rPr>'
        r"<w:delText>พัฒนา</w:delText>",
        xml,
    )


@pytest.mark.slow
def test_thai_sentence_changes_by_whole_words(project):
    docx = project / FOLDER / "mou.th.redline.docx"
    with zipfile.ZipFile(docx) as archive:
        body = lxml.etree.fromstring(archive.read("word/document.xml"))
    para = next(p for p in body.iter(f"{W}p") if "วัตถุประสงค์เพื่อ" in "".join(p.itertext()))
    old, new, spans = "", "", []
    for child in para:
        kind = child.tag[len(W) :]
        text = as_read("".join(t.text or "" for t in child.iter(f"{W}t", f"{W}delText")))
        if kind == "del":
            spans.append(("del", len(old), len(old) + len(text)))
            old += text
        elif kind == "ins":
            spans.append(("ins", len(new), len(new) + len(text)))
            new += text
        elif kind == "r":
            old, new = old + text, new + text
    assert (old, new) == (OLD_THAI, NEW_THAI)
    for kind, start, end in spans:
        text = old if kind == "del" else new
        words = word_tokenize(text, engine="newmm")  # PyThaiNLP's own dictionary, not mou's
        bounds = {sum(len(w) for w in words[:i]) for i in range(len(words) + 1)}
        assert start in bounds and end in bounds, (kind, text[start:end])
    assert [s[0] for s in spans] == ["del", "ins", "del", "ins"]


def summary_paragraphs(html: str) -> int:
    """Return how many paragraphs the summary box holds (its heading and lines)."""
    aside = re.search(r'<aside class="redline-summary">(.*?)</aside>', html, re.S).group(1)
    return len(re.findall(r"<(?:h2|p)>", aside))


@pytest.fixture(scope="module")
def office(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Accept all and reject all changes of both redline DOCX in LibreOffice (python3-uno)."""
    require_tool("soffice")
    python = "/usr/bin/python3"
    if subprocess.run([python, "-c", "import uno"], capture_output=True).returncode != 0:
        if os.environ.get("CI"):
            pytest.fail("python3-uno is required in CI (.ci/run installs it)")
        pytest.skip("python3-uno is not installed")
    folder = tmp_path_factory.mktemp("office-redline")
    conf = bundled_fonts_conf(folder)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    for language in ("th", "en"):
        done = subprocess.run(
            [
                python,
                str(Path(__file__).parent / "lo_tracked.py"),
                str(folder / "profile"),
                str(folder),
                str(project / FOLDER / f"mou.{language}.redline.docx"),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            env={**env, "FONTCONFIG_FILE": str(conf)},
        )
        assert done.returncode == 0, done.stderr
        (folder / f"{language}.json").write_text(done.stdout.strip().splitlines()[-1])
    return folder


@pytest.mark.parametrize("language", ["th", "en"])
def test_accepting_all_in_libreoffice_gives_the_new_version(project, redline, office, language):
    report = json.loads((office / f"{language}.json").read_text())
    assert report["redlines"] > 0 and report["accepted_redlines"] == report["rejected_redlines"] == 0
    skip = summary_paragraphs(redline.html[language])
    accepted = docx_paragraphs(office / f"mou.{language}.redline.accepted.docx")
    rejected = docx_paragraphs(office / f"mou.{language}.redline.rejected.docx")
    assert accepted[skip:] == docx_paragraphs(project / "output/mou/1.1" / f"mou.{language}.docx")
    assert rejected[skip:] == docx_paragraphs(project / "output/mou/1.0" / f"mou.{language}.docx")
    # The removed party's signature block went with its table row: no empty cell is left.
    assert table_cells(office / f"mou.{language}.redline.accepted.docx") == table_cells(
        project / "output/mou/1.1" / f"mou.{language}.docx"
    )
    assert table_cells(office / f"mou.{language}.redline.rejected.docx") == table_cells(
        project / "output/mou/1.0" / f"mou.{language}.docx"
    )


def table_cells(docx: Path) -> list[str]:
    """Return the text of every table cell of a DOCX as a reader sees it, empty cells included.

    Each cell as written (w:tc), once: python-docx's row.cells repeats a cell that spans two
    grid columns, as the one block left of a pair does once the other is accepted away.
    """
    return [
        as_read("\n".join(p.text for p in Cell(tc, table).paragraphs)).strip()
        for table in python_docx.Document(str(docx)).tables
        for row in table.rows
        for tc in row._tr.tc_lst
    ]


def colored_text(pdf: Path) -> dict[tuple[int, int, int], str]:
    """Return the text pdfium reads in each fill colour (English: no ActualText spans hide colours)."""
    document = pypdfium2.PdfDocument(pdf)
    found: dict[tuple[int, int, int], str] = {}
    rgba = [ctypes.c_uint() for _ in range(4)]
    for page in document:
        textpage = page.get_textpage()
        for index in range(textpage.count_chars()):
            if pdfium.FPDFText_GetFillColor(textpage, index, *(ctypes.byref(c) for c in rgba)):
                key = tuple(c.value for c in rgba[:3])
                found[key] = found.get(key, "") + chr(pdfium.FPDFText_GetUnicode(textpage, index))
    document.close()
    return found


def colored_widths(pdf: Path) -> dict[tuple[int, int, int], float]:
    """Return the total width in points of the text objects drawn in each fill colour."""
    document = pypdfium2.PdfDocument(pdf)
    widths: dict[tuple[int, int, int], float] = {}
    rgba = [ctypes.c_uint() for _ in range(4)]
    for page in document:
        for obj in page.get_objects():
            if obj.type == pdfium.FPDF_PAGEOBJ_TEXT:
                pdfium.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(c) for c in rgba))
                left, _, right, _ = obj.get_bounds()
                key = tuple(c.value for c in rgba[:3])
                widths[key] = widths.get(key, 0.0) + right - left
    document.close()
    return widths


def docx_text_with_deletions(docx: Path) -> str:
    """Return all text of a DOCX body as a reader reads it, deleted text included, in order."""
    with zipfile.ZipFile(docx) as archive:
        body = lxml.etree.fromstring(archive.read("word/document.xml"))
    return as_read("".join(t.text or "" for t in body.iter(f"{W}t", f"{W}delText")))


@pytest.mark.parametrize("language", ["th", "en"])
def test_pdf_shows_deleted_and_inserted_text_in_place(project, redline, language):
    pdf = project / FOLDER / f"mou.{language}.redline.pdf"
    text = squash("".join(pdf_lines(pdf)))
    assert text == squash(docx_text_with_deletions(project / FOLDER / f"mou.{language}.redline.docx"))
    deleted, inserted = expected_changes(project, language)
    assert html_changes(redline.html[language]) == (deleted, inserted)
    if language == "en":
        colors = colored_text(pdf)
        assert squash(colors[DEL_RGB]) == squash("".join(deleted))
        assert squash(colors[INS_RGB]) == squash("".join(inserted))
    else:  # Thai lines carry ActualText, which hides per-character colour: measure the coloured runs
        font = ROOT / "templates/fonts/Sarabun-Regular.ttf"
        widths = colored_widths(pdf)
        for rgb, texts in ((DEL_RGB, deleted), (INS_RGB, inserted)):
            expected = sum(text_width(t, font) for t in texts)
            assert 0.95 * expected < widths[rgb] < 1.08 * expected, (rgb, widths[rgb], expected)  # justified: +3 %


def test_summary_counts_and_values(project, redline):
    th, en = redline.summaries["th"], redline.summaries["en"]
    assert (th.clauses_added, th.clauses_removed, th.clauses_changed) == (
        ["ข้อ ๓ การประเมินผล"],
        [],
        ["ข้อ ๑ วัตถุประสงค์", "ข้อ ๕ งบประมาณ"],
    )
    assert (en.clauses_added, en.clauses_removed, en.clauses_changed) == (
        ["Clause 3 Evaluation"],
        [],
        ["Clause 5 Budget"],
    )
    assert th.parties_removed == ["องค์การบริหารส่วนตำบลชุมแพ"] and th.parties_added == []
    assert en.parties_removed == ["Chum Phae Subdistrict Administrative Organization"]
    assert th.values == [("งบประมาณ", "๑๕๐,๐๐๐ บาท (หนึ่งแสนห้าหมื่นบาทถ้วน)", "๒๐๐,๐๐๐ บาท (สองแสนบาทถ้วน)")]
    assert en.values == [
        ("Budget", "THB 150,000 (one hundred and fifty thousand baht)", "THB 200,000 (two hundred thousand baht)")
    ]
    # The box at the top of page 1 of the PDF says the same, in the document's language.
    first = pdf_lines(project / FOLDER / "mou.th.redline.pdf")[:8]
    assert first[0] == "สรุปการเปลี่ยนแปลงจากรุ่น 1.0 เป็นรุ่น 1.1"
    assert first[1] == "ข้อ: เพิ่ม ๑ ข้อ ตัดออก ๐ ข้อ แก้ไข ๒ ข้อ"
    en_first = " ".join(pdf_lines(project / FOLDER / "mou.en.redline.pdf")[:10])
    assert "Clauses: 1 added, 0 removed, 1 changed." in en_first
    assert "Parties removed: Chum Phae Subdistrict Administrative Organization." in en_first


@pytest.mark.slow
def test_changed_dates_are_summarized(tmp_path):
    root = make_project(tmp_path / "p")
    record = root / "agreements/mou.yaml"
    record.write_text(record.read_text().replace("1.1", "1.2").replace("end: 2021-11-15", "end: 2022-03-31"))
    git(root, "commit", "-qam", "1.2")
    redline = make_redline(Layout(root, root / "output"), "mou", "1.1", "1.2", ())
    assert redline.summaries["en"].values == [("In force until", "15 November 2021", "31 March 2022")]
    assert redline.summaries["en"].clauses_changed == ["Clause 4 Duration"]


def test_an_old_record_that_no_longer_validates_is_located(tmp_path):
    root = make_project(tmp_path / "p")
    record = root / "agreements/mou.yaml"
    record.write_text(record.read_text().replace('"1.1"', '"1.2"').replace("originals: 4", "originals: four"))
    err = io.StringIO()
    assert main(["diff", "mou", "1.1", "1.2", "--root", str(root)], io.StringIO(), err) == 1
    assert re.search(r"error: \[1\.2\] agreements/mou\.yaml:\d+:\d+: originals: must be a whole number", err.getvalue())
    assert not (root / "output").exists() or not any((root / "output").rglob("*.pdf"))
    err = io.StringIO()
    assert main(["diff", "Bad/Id", "1.1", "1.2", "--root", str(root)], io.StringIO(), err) == 2
    assert "'Bad/Id' is not a valid id" in err.getvalue()


def test_an_inserted_item_and_a_renamed_clause_id_read_as_such(tmp_path):
    root = make_project(tmp_path / "p")
    record = root / "agreements/mou.yaml"
    text = record.read_text().replace('"1.1"', '"1.2"').replace("id: objectives", "id: purpose")
    text = text.replace(
        "      - {th: ติดตามผล", "      - {th: จัดทำสื่อออนไลน์, en: Producing online materials;}\n      - {th: ติดตามผล"
    )
    record.write_text(text)
    redline = make_redline(Layout(root, root / "output"), "mou", "1.1", "1.2", ())
    summary = redline.summaries["en"]
    assert (summary.clauses_added, summary.clauses_removed, summary.clauses_changed) == (
        [],
        [],
        ["Clause 2 Scope of Cooperation"],
    )
    html = redline.html["en"]
    assert '<li><ins><span class="item-number">2.2</span> Producing online materials;</ins></li>' in html
    assert (
        '<li><del><span class="item-number">2.2</span></del><ins><span class="item-number">2.3</span></ins>'
        " Following up"
    ) in html
    assert 'id="clause-purpose"' in html and "<del>" not in html.split('id="clause-purpose"')[1].split("</section>")[0]


@pytest.mark.slow
def test_a_draft_with_a_language_mismatch_is_refused_unless_allowed(tmp_path):
    root = make_project(tmp_path / "p")
    record = root / "agreements/mou.yaml"
    record.write_text(record.read_text().replace('"1.1"', '"1.2"').replace("จำนวน ๔ รุ่น", "จำนวน ๕ รุ่น"))
    err = io.StringIO()
    assert main(["diff", "mou", "1.1", "1.2", "--root", str(root), "--format", "docx"], io.StringIO(), err) == 1
    assert re.search(
        r"error: \[1\.2\] agreements/mou\.yaml:\d+:\d+: clauses\[2\] \(scope\)\.items\[1\]: "
        r"the Thai text has ๕ where the English text has 4",
        err.getvalue(),
    )
    assert not (root / "output").exists() or not any((root / "output").rglob("*.docx"))
    err = io.StringIO()
    assert (
        main(
            ["diff", "mou", "1.1", "1.2", "--root", str(root), "--format", "docx", "--allow-mismatch"],
            io.StringIO(),
            err,
        )
        == 0
    )
    assert err.getvalue().count("warning: ") == 1
    assert re.search(
        r"warning: \[1\.2\] agreements/mou\.yaml:\d+:\d+: clauses\[2\] \(scope\)\.items\[1\]: "
        r"the Thai text has ๕ where the English text has 4",
        err.getvalue(),
    )  # which version, where
    _, inserted = changes(root / "output/mou/diff-1.1-1.2/mou.th.redline.docx")
    assert "๕" in "".join(inserted)
    # A mismatch both versions have is said once, at the newer one.
    git(root, "commit", "-qam", "1.2")
    record.write_text(record.read_text().replace('"1.2"', '"1.3"'))
    err = io.StringIO()
    assert (
        main(
            ["diff", "mou", "1.2", "1.3", "--root", str(root), "--format", "docx", "--allow-mismatch"],
            io.StringIO(),
            err,
        )
        == 0
    )
    assert err.getvalue().count("warning: ") == 1 and "warning: [1.3] agreements/mou.yaml" in err.getvalue()


# --- found in review ---------------------------------------------------------------------------


def test_a_tampered_or_damaged_release_archive_is_refused(project, tmp_path):
    releases = tmp_path / "output/releases"
    releases.mkdir(parents=True)
    good = (project / "output/releases/mou-1.0.zip").read_bytes()
    tampered = releases / "mou-1.0.zip"
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(tampered, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            out.writestr(
                info,
                data.replace(b"amount: 150000", b"amount: 1500")
                if info.filename.endswith("agreements/mou.yaml")
                else data,
            )
    with pytest.raises(InputError) as info:
        find_version(project, tmp_path / "output", "mou", "1.0")
    problem = info.value.problems[0]
    assert problem.path.endswith("mou-1.0.zip")
    assert "does not verify (inputs/agreements/mou.yaml: CHANGED" in problem.render("en")
    assert "python build.py verify" in problem.render("en") and "ตรวจสอบไม่ผ่าน" in problem.render("th")
    tampered.write_bytes(good[:2000])  # cut short
    err = io.StringIO()
    assert (
        main(
            ["diff", "mou", "1.0", "1.1", "--root", str(project), "--output", str(tmp_path / "output")],
            io.StringIO(),
            err,
        )
        == 1
    )
    assert "is not a readable zip archive" in err.getvalue() and "Traceback" not in err.getvalue()
    assert not (tmp_path / "output/mou").exists()


def test_an_unknown_agreement_and_the_same_version_twice_are_usage_errors(project):
    for argv, expected in (
        (["diff", "mo", "1.0", "1.1"], "no agreement 'mo'; did you mean 'mou'?"),
        (["diff", "mou", "1.1", "1.1"], "'1.1' is given as both the old and the new version"),
    ):
        err = io.StringIO()
        assert main(argv + ["--root", str(project)], io.StringIO(), err) == 2
        assert expected in err.getvalue()


def commit(root: Path, text: str, message: str) -> None:
    """Write the test agreement's record and commit it."""
    (root / "agreements/mou.yaml").write_text(text, encoding="utf-8")
    git(root, "commit", "-qam", message)


def test_uncommitted_edits_of_a_version_are_its_newest_text(tmp_path):
    root = make_project(tmp_path / "p")
    committed = find_version(root, root / "output", "mou", "1.1")
    assert committed.source.en.startswith("git commit ")
    record = root / "agreements/mou.yaml"
    record.write_text(record.read_text().replace("originals: 4", "originals: 5"))
    edited = find_version(root, root / "output", "mou", "1.1")
    assert edited.source.en == "working tree" and b"originals: 5" in edited.records["agreements/mou.yaml"]
    head = find_version(root, root / "output", "mou", "git:HEAD")
    assert re.fullmatch(r"git commit [0-9a-f]{12}", head.source.en) and head.records == committed.records


def test_a_committed_record_that_does_not_parse_is_found_by_its_version_line(tmp_path):
    root = make_project(tmp_path / "p")
    commit(root, 'version: "1.2"\nstatus: [\n', "broken")
    err = io.StringIO()
    assert main(["diff", "mou", "1.1", "1.2", "--root", str(root)], io.StringIO(), err) == 1
    assert "error: [1.2] agreements/mou.yaml:3:1: YAML syntax error" in err.getvalue()


WITNESSES = """\
presiding:
  prefix: {th: นาย, en: Mr.}
  name: {th: สมศักดิ์ จังตระกุล, en: Somsak Jangtrakul}
  position: {th: ผู้ว่าราชการจังหวัดขอนแก่น, en: Provincial Governor of Khon Kaen}
witnesses:
  - prefix: {th: ว่าที่ร้อยตรี, en: Acting Sub-Lt.}
    name: {th: ธีรวัฒน์ พลเยี่ยม, en: Teerawat Ponyiam}
    position: {th: ปลัดอำเภอ (หัวหน้าฝ่ายบริหารงานปกครอง) อำเภอชุมแพ, en: Deputy District Chief Officer}
  - prefix: {th: นางสาว, en: Ms.}
    name: {th: กนกวรรณ ชื่นชม, en: Kanokwan Chuenchom}
    position: {th: ท้องถิ่นอำเภอชุมแพ, en: Local Administration Officer of Chum Phae District}
"""


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Versions 1.2 (clause 1 moved to the end, a draft with a side-by-side edition, a presiding
    official and two witnesses, the parties reordered), 1.3 (a signatory renamed,
    the second witness and the presiding official replaced), 1.4 (Thai only), 1.5 (English only)."""
    root = make_project(tmp_path_factory.mktemp("people") / "p")
    text = (root / "agreements/mou.yaml").read_text()
    objectives, scope = text.index("  - id: objectives"), text.index("  - id: scope")
    end = text.index("duration:")
    text = text[:objectives] + text[scope:end] + text[objectives:scope] + text[end:]
    text = (
        text.replace('"1.1"', '"1.2"')
        .replace("status: final", "status: draft\nbilingual_edition: true")
        .replace("clauses:", WITNESSES + "clauses:")
    )
    # The two short-named signatories first: their blocks share a row, each in half a line.
    text = text.replace(
        "chumphae-municipality, khon-kaen-university, chumphae-district",
        "chumphae-municipality, chumphae-district, khon-kaen-university",
    )
    commit(root, text, "1.2")
    text = (
        text.replace('"1.2"', '"1.3"')
        .replace("กนกวรรณ ชื่นชม", "วีระพงษ์ ศรีสุข")
        .replace("Kanokwan Chuenchom", "Weerapong Srisuk")
        .replace("{th: นางสาว, en: Ms.}", "{th: นาย, en: Mr.}")
    )
    text = text.replace("ท้องถิ่นอำเภอชุมแพ", "พัฒนาการอำเภอชุมแพ").replace("สมศักดิ์ จังตระกุล", "คมสันติ์ สุทธิสวัสดิ์")
    text = text.replace("Somsak Jangtrakul", "Khomsan Suttisawat")
    district = root / "parties/chumphae-district.yaml"  # a signatory in a half-width cell, renamed
    district.write_text(
        district.read_text()
        .replace("สุภาวดี ศรีสุขวัฒน์", "กนกวรรณ ชื่นชมยินดี")
        .replace("Supawadee Srisukwat", "Kanokwan Chuenchomyindee")
    )
    commit(root, text, "1.3")
    text = text.replace("bilingual_edition: true", "bilingual_edition: false")  # one language: none
    commit(root, text.replace('"1.3"', '"1.4"').replace("status: draft", "status: draft\nlanguages: [th]"), "1.4")
    commit(
        root,
        text.replace('"1.3"', '"1.5"').replace(
            "status: draft", "status: draft\nlanguages: [en]\nprevailing_language: en"
        ),
        "1.5",
    )
    return root


@pytest.mark.slow
def test_summary_names_moved_clauses_status_presiding_and_witnesses(people):
    layout = Layout(people, people / "output")
    en, th = (make_redline(layout, "mou", "1.1", "1.2", ()).summaries[lang] for lang in ("en", "th"))
    assert (en.clauses_added, en.clauses_removed, en.clauses_moved) == ([], [], ["Clause 3 Objectives (was Clause 1)"])
    assert th.clauses_moved == ["ข้อ ๓ วัตถุประสงค์ (เดิมข้อ ๑)"]
    assert en.witnesses_added == ["Acting Sub-Lt. Teerawat Ponyiam", "Ms. Kanokwan Chuenchom"]
    assert en.values == [
        ("Status", "final", "draft"),
        ("Presiding", "none", "Mr. Somsak Jangtrakul, Provincial Governor of Khon Kaen"),
        ("Side-by-side edition", "no", "yes"),
    ]
    assert th.values[0] == ("สถานะ", "ฉบับสมบูรณ์", "ร่าง")
    later = make_redline(layout, "mou", "1.2", "1.3", ()).summaries["en"]
    assert (later.witnesses_added, later.witnesses_removed) == (["Mr. Weerapong Srisuk"], ["Ms. Kanokwan Chuenchom"])
    assert later.values == [
        (
            "Presiding",
            "Mr. Somsak Jangtrakul, Provincial Governor of Khon Kaen",
            "Mr. Khomsan Suttisawat, Provincial Governor of Khon Kaen",
        ),
        (  # the district's record renamed its signatory: who signs for it changed
            "Signing for Chum Phae District Office",
            "Mrs. Supawadee Srisukwat, District Chief Officer of Chum Phae",
            "Mrs. Kanokwan Chuenchomyindee, District Chief Officer of Chum Phae",
        ),
    ]


@pytest.mark.slow
def test_a_language_left_out_is_said(people):
    out, err = io.StringIO(), io.StringIO()
    assert main(["diff", "mou", "1.3", "1.4", "--root", str(people), "--format", "docx"], out, err) == 0
    assert "note: no English redline: version 1.4 is not made in English" in err.getvalue()
    assert sorted(p.name for p in (people / "output/mou/diff-1.3-1.4").iterdir() if ".redline." in p.name) == [
        "mou.th.redline.docx"
    ]
    summary = make_redline(Layout(people, people / "output"), "mou", "1.3", "1.4", ()).summaries["th"]
    assert summary.values == [("ภาษา", "ไทยและอังกฤษ", "ไทย"), ("ฉบับสองภาษาคู่กัน", "มี", "ไม่มี")]
    assert summary.clauses_removed == ["ข้อ ๖ ภาษา"]
    err = io.StringIO()
    assert main(["diff", "mou", "1.4", "1.5", "--root", str(people)], io.StringIO(), err) == 2
    assert "versions 1.4 and 1.5 are not made in any language in common" in err.getvalue()


@pytest.mark.slow
def test_a_replaced_name_in_a_signature_cell_stays_inside_the_page(people):
    """Old and new names, each kept whole, were one unbreakable run that ran off the page."""
    redline = make_redline(Layout(people, people / "output"), "mou", "1.2", "1.3", ("pdf",))
    cell = next(
        td
        for td in lxml.html.document_fromstring(redline.html["th"]).iter("td")
        if "กนกวรรณ ชื่นชมยินดี" in td.text_content()
    )
    assert len(cell.getparent()) == 2 and "นางสุภาวดี ศรีสุขวัฒน์" in cell.text_content()  # half a line
    document = pypdfium2.PdfDocument(redline.files["mou.th.redline.pdf"])
    width = document[0].get_width()
    right = max(
        obj.get_bounds()[2] for page in document for obj in page.get_objects() if obj.type == pdfium.FPDF_PAGEOBJ_TEXT
    )
    document.close()
    assert right <= width - 2 / 2.54 * 72 + 1  # the 2 cm right margin


def test_a_record_name_never_leads_outside_the_scratch_project(tmp_path):
    """A party id or an archive member like ../../x is neither read nor written."""
    root = make_project(tmp_path / "p")
    (tmp_path / "outside.yaml").write_text("secret: 1\n")
    record = root / "agreements/mou.yaml"
    record.write_text(record.read_text().replace("parties: [", "parties: [../../outside, "))
    assert set(_working_records(root, "mou")) == {"agreements/mou.yaml"} | {
        f"parties/{p}.yaml" for p in ("chumphae-municipality", "khon-kaen-university", "chumphae-district")
    }
    scratch = tmp_path / "scratch" / "deep"
    scratch.mkdir(parents=True)
    version = VersionRecords(
        "x", "x", Message("", ""), {"agreements/mou.yaml": b"a: 1\n", "parties/../../../evil.yaml": b"evil: 1\n"}
    )
    made = materialize(version, root / "templates", scratch)
    assert (made / "agreements/mou.yaml").is_file() and not list(tmp_path.rglob("evil.yaml"))


def accepted_and_rejected(old: str, new: str) -> tuple[str, str]:
    """Compare two texts word by word; return the text with every change accepted, and rejected."""
    tokenizer = Tokenizer()
    ops = diff_tokens(*([Token(w) for w in tokenizer.words(text)] for text in (old, new)))
    return ("".join(t.text for op, t in ops if op != "del"), "".join(t.text for op, t in ops if op != "ins"))


@pytest.mark.parametrize(
    "old, new, shown",
    [
        ("the follow-up, and meet", "the follow-up and meet", "<del>,</del>"),  # "up ~~, ~~and" before review
        ("ทั้งนี้ การยกเลิก", "ทั้งนี้การยกเลิก", "<del> </del>"),  # a Thai space removed was not shown
        ("x y", "x, y", "<ins>,</ins>"),
        ("a  b", "a b", ""),  # several spaces show as one: no change
    ],
)
def test_spaces_and_punctuation_reject_to_the_old_text(old, new, shown):
    assert accepted_and_rejected(old, new) == (new, old if shown else new)
    tokenizer = Tokenizer()
    ops = diff_tokens(*([Token(w) for w in tokenizer.words(text)] for text in (old, new)))
    html = tokens_html(ops)
    assert (shown in html) if shown else ("<del>" not in html and "<ins>" not in html)


WORDS = ["the", "Parties", ",", ";", " ", "  ", "shall", "จัด", "อบรม", "ทุก", "รุ่น", " ๆ", "๓๐", "วัน", "."]


@given(st.lists(st.sampled_from(WORDS), max_size=12), st.lists(st.sampled_from(WORDS), max_size=12))
@settings(max_examples=150, deadline=None)
def test_accepting_gives_the_new_text_and_rejecting_the_old(old, new):
    def shown(text: str) -> str:  # as HTML shows it: runs of spaces are one space
        return re.sub(r"\s+", " ", text)

    accepted, rejected = accepted_and_rejected("".join(old), "".join(new))
    assert (shown(accepted), shown(rejected)) == (shown("".join(new)), shown("".join(old)))


def test_what_was_struck_out_comes_before_what_replaces_it():
    def block(text: str) -> Block:
        return Block("p", "sign-position", "", [Token(text)])

    old, new = [block("(signed)"), block("ท้องถิ่นอำเภอชุมแพ")], [block("(signed)"), block("พัฒนาการอำเภอชุมแพ")]
    ops = [(b.tokens[0].text, [op for op, _ in o]) for b, o in diff_blocks(old, new)]
    assert ops == [("(signed)", [""]), ("ท้องถิ่นอำเภอชุมแพ", ["del"]), ("พัฒนาการอำเภอชุมแพ", ["ins"])]


def test_a_witness_removed_before_another_is_removed_not_renamed(people, tmp_path):
    root = tmp_path / "p"
    shutil.copytree(people, root)
    text = subprocess.run(
        ["git", "-C", str(root), "show", "HEAD~2:agreements/mou.yaml"], capture_output=True, text=True, check=True
    ).stdout  # 1.3
    first = text.index("  - prefix: {th: ว่าที่ร้อยตรี")
    second = text.index("  - prefix: {th: นาย, en: Mr.}", first)
    (root / "agreements/mou.yaml").write_text((text[:first] + text[second:]).replace('"1.3"', '"1.6"'))
    redline = make_redline(Layout(root, root / "output"), "mou", "1.3", "1.6", ())
    witnesses = [
        (td.find(".//p[@class='sign-name']").text_content().strip("()"), td.get("data-change", ""))
        for td in lxml.html.document_fromstring(redline.html["en"]).iter("td")
        if "Witness" in td.text_content()
    ]
    assert witnesses == [("Acting Sub-Lt. Teerawat Ponyiam", "removed"), ("Mr. Weerapong Srisuk", "")]
    assert redline.summaries["en"].witnesses_removed == ["Acting Sub-Lt. Teerawat Ponyiam"]


def test_a_clause_moved_and_edited_is_said_to_be_both(tmp_path):
    root = make_project(tmp_path / "p")
    record = root / "agreements/mou.yaml"
    text = (
        record.read_text().replace('"1.1"', '"1.2"').replace("develop the digital skills", "build the digital skills")
    )
    objectives, scope, end = text.index("  - id: objectives"), text.index("  - id: scope"), text.index("duration:")
    record.write_text(text[:objectives] + text[scope:end] + text[objectives:scope] + text[end:])
    summary = make_redline(Layout(root, root / "output"), "mou", "1.1", "1.2", ()).summaries["en"]
    assert summary.clauses_moved == ["Clause 3 Objectives (was Clause 1; its text changed too)"]
    assert (summary.clauses_added, summary.clauses_removed, summary.clauses_changed) == ([], [], [])


def test_the_docx_summary_is_flush_left_like_the_pdf_box(project, redline):
    for language in ("th", "en"):
        paragraphs = python_docx.Document(str(project / FOLDER / f"mou.{language}.redline.docx")).paragraphs
        box = paragraphs[1 : summary_paragraphs(redline.html[language])]  # after its heading
        assert box and {p.style.name for p in box} == {"MOU Summary"}
        assert all(p.style.paragraph_format.first_line_indent in (None, 0) for p in box)
        assert all(p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT for p in box)


@pytest.mark.parametrize(
    "language, footer", [("en", "mou · redline 1.0 → 1.1"), ("th", "mou · ฉบับเปรียบเทียบ รุ่น 1.0 → 1.1")]
)
def test_every_page_says_which_redline_it_belongs_to(project, language, footer):
    pages = pdf_pages(project / FOLDER / f"mou.{language}.redline.pdf")
    assert len(pages) > 1 and all(page.splitlines()[-1].strip() == footer for page in pages)
    assert "fingerprint" not in "".join(pages) and "รหัสตรวจสอบ" not in "".join(pages)
    section = python_docx.Document(str(project / FOLDER / f"mou.{language}.redline.docx")).sections[0]
    assert section.footer.paragraphs[-1].text.strip() == footer


@pytest.mark.slow
def test_index_page_lists_the_redline_after_diff_and_after_a_build(project):
    for when in ("after diff", "after a build"):
        if when == "after a build":
            assert main(["--root", str(project), "--format", "docx", "-q", "--force"]) == 0
        index = (project / "output/index.html").read_text(encoding="utf-8")
        redline_part = index.split("<h2>Redlines", 1)[1]
        links = re.findall(r'href="([^"]+)"', redline_part)
        assert sorted(links) == [
            f"mou/diff-1.0-1.1/mou.{lang}.redline.{fmt}" for lang in ("en", "th") for fmt in ("docx", "pdf")
        ], when
        assert all((project / "output" / link).is_file() for link in links)
        assert "1.0 → 1.1" in redline_part
        assert "mou/1.1/mou.th.docx" in index.split("<h2>Redlines", 1)[0]  # the build's own table is kept


@pytest.mark.slow
def test_libreoffice_splits_no_unchanged_unit_of_the_thai_redline(project, tmp_path):
    # LibreOffice draws the tracked changes (deleted text struck through, inserted underlined);
    # the units no change touches stay whole as in the agreement's own DOCX.
    docx = project / FOLDER / "mou.th.redline.docx"
    libreoffice_to_pdf([docx], tmp_path)
    lines = running_lines(tmp_path / "mou.th.redline.pdf")
    new = load(Layout(project, project / "output"))
    font = ROOT / "templates" / "fonts" / "Sarabun-Regular.ttf"
    read = squash("".join(lines))
    units = sorted(
        (u for u in office_units(new, "mou") if fits_line(u, font, RUNNING_LINE_PT) and squash(u) in read),
        key=len,
        reverse=True,
    )
    assert len(units) > 10 and len(lines) > 30
    split = split_units(lines, units)
    assert split == [], split
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "เท\u2060ศ\u2060บา\u2060ล\u2060เมื\u2060อ\u2060ง\u2060ชุ\u2060ม\u2060แพ" in xml  # held as in mou.th.docx


def test_an_index_page_that_cannot_be_written_after_a_redline_says_its_files_are_in(tmp_path):
    # The writer's own words ("earlier output is unchanged") would be false: the redline is written.
    layout = Layout.at(tmp_path)
    (layout.output / "index.html").mkdir(parents=True)
    made = Redline("kku/diff-1.0-2.0", {"kku.th.pdf": b"%PDF"}, {}, {}, {}, labels=("1.0", "2.0"))
    with pytest.raises(MachineError) as caught:
        write_redline(layout, made)
    said = caught.value.problems[0].render("en")
    assert "the new files of kku/diff-1.0-2.0 are in place" in said and "unchanged" not in said, said
    assert (layout.output / "kku/diff-1.0-2.0/kku.th.pdf").read_bytes() == b"%PDF"
