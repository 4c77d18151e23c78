"""Record mistakes an adversarial review found accepted, or told in words a clerk cannot use."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B

from mou.cli.main import main


def check(root: Path, *options: str) -> tuple[int, str]:
    """Run check on root and return its exit status and error output."""
    err = io.StringIO()
    status = main(["check", "--root", str(root), *options], out=io.StringIO(), err=err)
    return status, err.getvalue()


def project(tree, agreement: str) -> Path:
    """The small project with this agreement."""
    return tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": agreement})


def with_end(end: str) -> str:
    """The test agreement ending on another date."""
    assert "end: 2021-11-15" in AGREEMENT
    return AGREEMENT.replace("end: 2021-11-15", f"end: {end}")


@pytest.mark.parametrize("end", ["9999-12-31", "2204-11-15", "2158-01-01"])
def test_a_common_era_date_past_the_last_thai_year_is_refused(tree, end):
    status, err = check(project(tree, with_end(end)))
    assert status == 1
    assert (
        f"agreements/test.yaml:14:36: duration.end: {end} is after 31 December 2157 (B.E. 2700), the last date mou"
        " reads, as for a date written the Thai way; check the year"
    ) in err


def test_the_last_thai_year_itself_is_read(tree):
    status, err = check(project(tree, with_end("2157-12-31")))
    assert status == 0, err


def test_a_language_listed_twice_is_refused(tree):
    agreement = AGREEMENT.replace("status: final\n", "status: final\nlanguages: [th, th]\n")
    status, err = check(project(tree, agreement))
    assert status == 1
    assert "agreements/test.yaml:3:17: languages[2]: 'th' is listed twice, so only one edition is built" in err


def test_a_project_without_templates_is_told_where_to_get_them(tree):
    root = project(tree, AGREEMENT)
    shutil.rmtree(root / "templates")
    status, err = check(root)
    assert status == 1
    line = next(line for line in err.splitlines() if "template:" in line)
    assert "the project has no templates in templates/; copy the templates/ folder" in line
    assert not line.rstrip().endswith("use one of")
    status, err = check(root, "--lang", "th")
    assert "โครงการนี้ไม่มีแม่แบบในโฟลเดอร์ templates/" in err


@pytest.mark.parametrize(
    "date, english, thai",
    [
        ("2021-02-29", "(February 2021 has 28 days)", "(เดือนกุมภาพันธ์ ค.ศ. 2021 มี 28 วัน)"),
        ("2020-11-31", "(November 2020 has 30 days)", "(เดือนพฤศจิกายน ค.ศ. 2020 มี 30 วัน)"),
        ("2020-13-01", "(there is no month 13; a month is 01 to 12)", "(ไม่มีเดือนที่ 13 เดือนต้องเป็น 01 ถึง 12)"),
    ],
)
def test_why_a_date_does_not_exist_is_said_in_the_clerks_language(tree, date, english, thai):
    root = project(tree, AGREEMENT.replace("date: 2020-11-16", f"date: {date}"))
    assert english in check(root)[1]
    status, err = check(root, "--lang", "th")
    assert thai in err and "out of range" not in err and "must be in" not in err


def test_a_named_amount_no_clause_refers_to_is_warned_of(tree):
    agreement = AGREEMENT + "amounts: {grant: 5000, fee: 200}\n"
    agreement = agreement.replace(
        "- {th: จัดอบรมปีละ ๒ ครั้ง, en: Hold training twice a year.}",
        '- {th: "จัดอบรมปีละ ๒ ครั้ง ค่าธรรมเนียม {amount:fee}", en: "Hold training twice a year, for a fee of {amount:fee}."}',
    )
    status, err = check(project(tree, agreement))
    assert status == 0, err
    assert err.splitlines()[0] == (
        "warning: agreements/test.yaml:17:11: amounts.grant: is not referred to in any clause, so the document does"
        " not print it; write {amount:grant} in the clause that pays it (in both languages), or remove it from amounts"
    )
    assert "amounts.fee" not in err


def with_third_party(tree, party_id: str, record: str) -> Path:
    """Return the small project with a third party, signed in three originals."""
    agreement = AGREEMENT.replace("parties: [town, kku]", f"parties: [town, kku, {party_id}]")
    return tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            f"parties/{party_id}.yaml": record,
            "agreements/test.yaml": agreement.replace("originals: 2", "originals: 3"),
        }
    )


def test_one_organization_under_two_ids_is_refused(tree):
    twin = PARTY_A.replace("short_name: {th: เทศบาล, en: the Municipality}", "short_name: {th: ทม., en: the Town}")
    status, err = check(with_third_party(tree, "town-2", twin))
    assert status == 1
    assert err.splitlines()[0] == (
        "error: agreements/test.yaml:7:22: parties[3]: 'town-2' is named “เทศบาลเมืองชุมแพ”, as 'town' already is:"
        " one organization would be printed as two parties, each signing; list it once (delete one of the two ids),"
        " or correct the name in parties/town-2.yaml"
    )


def test_a_presiding_official_who_signs_for_a_party_is_warned_of(tree):
    presiding = (
        "presiding:\n"
        "  prefix: {th: นาย, en: Mr.}\n"
        "  name: {th: สมชาย ใจดี, en: Somchai Jaidee}\n"
        "  position: {th: นายอำเภอชุมแพ, en: Chum Phae District Chief Officer}\n"
    )
    status, err = check(project(tree, AGREEMENT + presiding))
    assert status == 0, err
    assert err.splitlines()[0] == (
        "warning: agreements/test.yaml:17:1: presiding: นายสมชาย ใจดี signs this agreement as the presiding official"
        " (presiding), but also for 'town' (the signatory of parties/town); one person would sign in two blocks:"
        " name who really signs, or remove one of them"
    )


def test_one_person_signing_for_two_parties_is_warned_of(tree):
    foundation = PARTY_A.replace(
        "name: {th: เทศบาลเมืองชุมแพ, en: Chum Phae Town Municipality}",
        "name: {th: มูลนิธิชุมแพ, en: Chum Phae Foundation}",
    ).replace("short_name: {th: เทศบาล, en: the Municipality}", "short_name: {th: มูลนิธิ, en: the Foundation}")
    status, err = check(with_third_party(tree, "fund", foundation))
    assert status == 0, err
    assert err.splitlines()[0].startswith(
        "warning: agreements/test.yaml:7:22: parties[3]: นายสมชาย ใจดี signs this agreement for 'fund'"
        " (the signatory of parties/fund), but also for 'town' (the signatory of parties/town)"
    )


@pytest.mark.parametrize(
    "old, new, where",
    [
        ("parties: [town, kku]", "parties: [town, kku", "agreements/test.yaml:7:10:"),
        (
            "place: {th: มหาวิทยาลัยขอนแก่น, en: Khon Kaen University}",
            'place: {th: มหาวิทยาลัยขอนแก่น, en: "Khon Kaen University}',
            "agreements/test.yaml:5:37:",
        ),
    ],
)
def test_an_unclosed_bracket_or_quote_is_reported_where_it_opens(tree, old, new, where):
    status, err = check(project(tree, AGREEMENT.replace(old, new)))
    assert status == 1
    line = err.splitlines()[0]
    assert line.startswith(f"error: {where} YAML syntax error: "), line
    assert "the quote or bracket opened here is not closed, so YAML read on to line" in line
