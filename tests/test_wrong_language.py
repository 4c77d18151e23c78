"""A text written in the other language's script prints in the wrong edition: it is refused."""

from __future__ import annotations

import io

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B

from mou.cli.main import main
from mou.records.crosscheck import text_findings, wrong_language_findings


def test_thai_digits_in_an_english_text_are_refused_once_each():
    (found,) = text_findings("a fee of THB ๑๕๐,๐๐๐, THB ๑๕๐,๐๐๐ again", "en")
    assert found.message.en == (
        "writes ๑๕๐,๐๐๐ in Thai digits, which the English edition's readers do not read; write 150,000"
    )
    assert found.at == ("๑๕๐,๐๐๐", 0)


def test_thai_digits_in_a_thai_text_pass():
    assert text_findings("ค่าธรรมเนียม ๑๕๐,๐๐๐ บาท", "th") == []


def test_an_english_text_in_thai_letters_is_found():
    assert [f.language for f in wrong_language_findings("ทั้งสองฝ่ายตกลง", "ทั้งสองฝ่ายตกลง")] == ["en"]
    assert [f.language for f in wrong_language_findings("สมชาย ใจดี", "สมชาย ใจดี")] == ["en"]


@pytest.mark.parametrize(
    "th, en",
    [
        ("John Smith", "John Smith"),  # a name kept in Latin letters in the Thai text
        ("มาตรฐาน ISO/IEC 27001:2022", "the ISO/IEC 27001:2022 standard"),
        ("<b>markup</b>", "<b>markup</b>"),  # the Thai side is not checked: markup, codes, names
        ("ทั้งสองฝ่ายตกลง", "Both Parties agree on the term ‘สารบรรณ’ (saraban correspondence)"),
    ],
)
def test_a_text_in_its_own_language_passes(th, en):
    assert wrong_language_findings(th, en) == []


def test_a_thai_text_pasted_into_english_is_reported_at_it(tree):
    agreement = AGREEMENT.replace("en: To develop the digital skills of staff.}", "en: เพื่อพัฒนาทักษะดิจิทัลของบุคลากร}")
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": agreement})
    err = io.StringIO()
    assert main(["check", "--root", str(root)], out=io.StringIO(), err=err) == 1
    assert err.getvalue().splitlines()[0] == (
        "error: agreements/test.yaml:11:54: clauses[1] (objectives).text: the English text is written in Thai"
        " letters, so the English edition would print Thai; write the English text"
    )
