"""What the text calls the document: the record's `instrument`, and a title that names another document."""

from __future__ import annotations

import io
import re
from pathlib import Path

import lxml.html
import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B

from mou.cli.main import main
from mou.pipeline.build import load
from mou.pipeline.layout import Layout
from mou.pipeline.render import render_documents

TITLE = "title: {th: บันทึกข้อตกลงความร่วมมือทดสอบ, en: Memorandum of Understanding on a Test agreement}"
UNDERSTANDING = (
    "title: {th: บันทึกความเข้าใจว่าด้วยความร่วมมือทางวิชาการ, en: Academic Collaboration Agreement}\n"
    "instrument: {th: บันทึกความเข้าใจ, en: Academic Collaboration Agreement}"
)
DEFAULT_NAMES = ("บันทึกข้อตกลงความร่วมมือ", "บันทึกข้อตกลงนี้", "Memorandum of Understanding")


def project(tree, title: str, extra: str = "") -> Path:
    """The small project with the agreement's title line replaced (and more lines added)."""
    assert TITLE in AGREEMENT
    text = AGREEMENT.replace(TITLE, title) + extra
    return tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": text})


def bodies(root: Path) -> dict[str, str]:
    """Return each edition's text below its title block, by edition."""
    layout = Layout(root, root / "output")
    texts = {}
    for document in render_documents(layout, load(layout), "test"):
        tree = lxml.html.document_fromstring(document.html)
        for title in tree.find_class("title-block"):
            title.drop_tree()
        texts[document.language] = re.sub(r"\s+", " ", tree.body.text_content())
    return texts


def checked(root: Path, language: str = "en") -> tuple[int, list[str]]:
    """Run the check command in a clerk's language; return status and the warnings it printed."""
    out, err = io.StringIO(), io.StringIO()
    status = main(["check", "--root", str(root), "--lang", language], out, err)
    said = (out.getvalue() + err.getvalue()).splitlines()
    return status, [line for line in said if line.startswith(("warning:", "คำเตือน:"))]


def test_the_text_names_the_document_as_its_instrument(tree):
    texts = bodies(project(tree, UNDERSTANDING, "bilingual_edition: true\n"))
    assert set(texts) == {"th", "en", "th-en"}
    for edition, text in texts.items():
        assert not [name for name in DEFAULT_NAMES if name in text], edition
    assert "บันทึกความเข้าใจฉบับนี้ทำขึ้น ณ" in texts["th"]
    assert "ซึ่งต่อไปในบันทึกความเข้าใจนี้เรียกว่า" in texts["th"]
    assert "ได้ตกลงร่วมกันจัดทำบันทึกความเข้าใจ โดยมี" in texts["th"]
    assert "This Academic Collaboration Agreement is made at" in texts["en"]
    assert "have signed this Academic Collaboration Agreement" in texts["en"]
    assert "บันทึกความเข้าใจฉบับนี้ทำขึ้นเป็น" in texts["th-en"] and "This Academic Collaboration" in texts["th-en"]


def test_without_an_instrument_the_text_says_what_it_always_said(tree):
    texts = bodies(project(tree, TITLE))
    assert "บันทึกข้อตกลงความร่วมมือฉบับนี้ทำขึ้น ณ" in texts["th"]
    assert "ซึ่งต่อไปในบันทึกข้อตกลงนี้เรียกว่า" in texts["th"]
    assert "This Memorandum of Understanding is made at" in texts["en"]


@pytest.mark.parametrize(
    ("title", "fields"),
    [
        (TITLE, []),
        (UNDERSTANDING, []),
        ("title: {th: MEMO, en: memorandum of understanding on tests}", ["title.th"]),  # English in any case
        ("title: {th: สัญญาความร่วมมือทางวิชาการ, en: Academic Collaboration Agreement}", ["title.th", "title.en"]),
        (
            "title: {th: บันทึกความเข้าใจว่าด้วยเมืองพี่เมืองน้อง, en: Memorandum of Understanding on Sister Cities}\n"
            "instrument: {th: บันทึกความเข้าใจ, en: Memorandum of Agreement}",
            ["title.en"],
        ),
    ],
)
def test_a_title_that_names_another_document_is_warned_of_at_the_title(tree, title, fields):
    root = project(tree, title)
    status, warnings = checked(root)
    assert status == 0
    assert [re.search(r"agreements/test\.yaml:3:\d+: (\S+):", w)[1] for w in warnings] == fields, warnings
    assert all("instrument:" in w for w in warnings)
    status, thai_warnings = checked(root, "th")
    assert len(thai_warnings) == len(fields) and all("ให้ขึ้นต้นชื่อเรื่องด้วย" in w for w in thai_warnings)
