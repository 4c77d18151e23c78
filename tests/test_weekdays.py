"""A day of the week named with a date must be the day that date falls on."""

from __future__ import annotations

import io

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B

from mou.cli.main import main
from mou.records.crosscheck import text_findings


@pytest.mark.parametrize(
    "text, language",
    [
        ("ประชุมในวันจันทร์ที่ ๖ มกราคม ๒๕๖๘", "th"),
        ("ประชุมในวันพฤหัสบดีที่ ๙ ม.ค. ๖๘", "th"),
        ("ประชุมในวันพฤหัสที่ ๙ มกราคม พ.ศ. ๒๕๖๘", "th"),
        ("ส่งภายใน ๖ มกราคม ๒๕๖๘ (วันจันทร์)", "th"),
        ("ประชุมทุกวันจันทร์ จำนวน ๑๒ ครั้ง", "th"),
        ("on Monday, 6 January 2025", "en"),
        ("on Monday 6 January 2025", "en"),
        ("on Monday, January 6, 2025", "en"),
        ("by 6 January 2025 (Monday)", "en"),
        ("every Monday, 12 times", "en"),
        ("on Saturday, 29 February 2020", "en"),
    ],
)
def test_a_weekday_that_matches_its_date_passes(text, language):
    assert text_findings(text, language) == []


@pytest.mark.parametrize(
    "text, language, words",
    [
        ("ประชุมในวันจันทร์ที่ ๗ มกราคม ๒๕๖๘", "th", "'๗ มกราคม ๒๕๖๘' is a Tuesday, not a Monday"),
        ("ส่งภายใน ๗ ม.ค. ๖๘ (วันจันทร์)", "th", "'๗ ม.ค. ๖๘' is a Tuesday, not a Monday"),
        ("on Monday, 7 January 2025", "en", "'7 January 2025' is a Tuesday, not a Monday"),
        ("on Friday, January 7, 2025", "en", "'January 7, 2025' is a Tuesday, not a Friday"),
        ("by 7 January 2025 (Sunday)", "en", "'7 January 2025' is a Tuesday, not a Sunday"),
    ],
)
def test_a_weekday_that_contradicts_its_date_is_refused(text, language, words):
    (found,) = text_findings(text, language)
    assert words in found.message.en
    assert "ตรงกับวันอังคาร" in found.message.th


def test_a_wrong_weekday_is_reported_at_it_in_the_record(tree):
    agreement = AGREEMENT.replace(
        "text: {th: เพื่อพัฒนาทักษะดิจิทัลของบุคลากร, en: To develop the digital skills of staff.}",
        'text: {th: "ประชุมในวันจันทร์ที่ ๘ ธันวาคม ๒๕๖๓", en: "The Parties meet on Monday, 8 December 2020."}',
    )
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": agreement})
    err = io.StringIO()
    assert main(["check", "--root", str(root)], out=io.StringIO(), err=err) == 1
    assert err.getvalue().splitlines()[:2] == [
        "error: agreements/test.yaml:11:25: clauses[1] (objectives).text: '๘ ธันวาคม ๒๕๖๓' is a Tuesday, not a"
        " Monday; fix the day of the week or the date, so that the text names one day",
        "error: agreements/test.yaml:11:80: clauses[1] (objectives).text: '8 December 2020' is a Tuesday, not a"
        " Monday; fix the day of the week or the date, so that the text names one day",
    ]
