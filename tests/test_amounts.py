"""Several amounts: `amounts: {key: n}`, {amount:key} in clause text, and amounts written out by hand."""

from __future__ import annotations

import io
import json
import re
import subprocess
import textwrap
import zipfile
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B, require_tool
from hypothesis import example, given
from hypothesis import strategies as st
from redline_fixture import git, make_project

from mou.cli.main import main
from mou.core.errors import InputError
from mou.docx.render import html_to_docx
from mou.html.templating import make_environment, render_html, with_amounts
from mou.language.amount_words import (
    read_baht_text,
    read_english_amount_words,
    read_english_number_words,
    read_thai_number_words,
)
from mou.language.thai import baht_text, english_number_words, thai_number_words
from mou.pipeline.layout import Layout
from mou.records.amounts import expected_words
from mou.records.validation import load_project
from mou.redline.redline import make_redline

D = Decimal
ROOT = Path(__file__).resolve().parent.parent
# Whole baht up to ten million million (ล้านล้าน twice over), and satang 0-99.
BAHT = st.integers(min_value=0, max_value=10**16)
SATANG = st.integers(min_value=0, max_value=99)


def english_words(amount: Decimal) -> str:
    """The words of english_amount, without "THB 1,000 (" and ")"."""
    return expected_words(amount, "en")


# --- reading words back: property tests against the generators -------------------------------


@given(BAHT, SATANG)
@example(21_000_001, 0)
@example(1_000_001_000_000, 0)
@example(0, 1)
@example(0, 0)
@example(11, 21)
def test_thai_baht_text_reads_back_to_its_amount(baht, satang):
    amount = D(baht) + D(satang) / 100
    assert read_baht_text(baht_text(amount)) == amount


@given(BAHT, SATANG)
@example(21_000_001, 0)
@example(1001, 0)
@example(0, 50)
def test_english_amount_words_read_back_to_their_amount(baht, satang):
    amount = D(baht) + D(satang) / 100
    assert read_english_amount_words(english_words(amount)) == amount


@given(st.integers(min_value=0, max_value=10**30))
def test_thai_number_words_read_back(n):
    assert read_thai_number_words(thai_number_words(n)) == n


@given(st.integers(min_value=0, max_value=10**21 - 1))
def test_english_number_words_read_back(n):
    assert read_english_number_words(english_number_words(n)) == n


@pytest.mark.parametrize(
    ("words", "amount"),
    [
        ("ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน", "21000001"),
        ("สิบเอ็ดบาทถ้วน", "11"),
        ("หนึ่งร้อยเอ็ดบาทถ้วน", "101"),
        ("หนึ่งร้อยหนึ่งบาท", "101"),  # หนึ่ง for เอ็ด, and no ถ้วน: the same amount
        ("ยี่สิบบาทถ้วน", "20"),
        ("ยี่สิบเอ็ดบาทถ้วน", "21"),
        ("หนึ่งล้านล้านบาทถ้วน", "1000000000000"),
        ("หนึ่งล้านเอ็ดล้านบาทถ้วน", "1000001000000"),
        ("ล้านบาท", "1000000"),
        ("หนึ่งพันห้าร้อยบาทห้าสิบสตางค์", "1500.50"),
        ("ห้าสิบสตางค์", "0.50"),
        ("หนึ่งสตางค์", "0.01"),
        ("ศูนย์บาทถ้วน", "0"),
        ("ยี่สิบเอ็ด ล้าน เอ็ด บาท ถ้วน", "21000001"),
    ],
)
def test_thai_words_edge_cases(words, amount):
    assert read_baht_text(words) == D(amount)


@pytest.mark.parametrize(
    "words",
    [
        "เอ็ดบาท",  # เอ็ด only after other words
        "สองสิบบาท",  # ยี่สิบ
        "ยี่ร้อยบาท",
        "สิบสิบบาท",
        "ร้อยพันบาท",  # places go down
        "ห้าหกบาท",
        "หนึ่งบาทร้อยสตางค์",  # satang below one hundred
        "ศูนย์สตางค์",
        "บาทถ้วน",
        "หนึ่งแสนห้าหมืนบาทถ้วน",  # misspelt
        "ถ้วน",
    ],
)
def test_thai_words_that_are_not_an_amount(words):
    assert read_baht_text(words) is None


@pytest.mark.parametrize(
    ("words", "amount"),
    [
        ("twenty-one million and one baht", "21000001"),
        ("Twenty-One Million And One Baht", "21000001"),
        ("one hundred fifty thousand Thai baht only", "150000"),
        ("one thousand and one baht", "1001"),
        ("one baht and five satang", "1.05"),
        ("fifty satang", "0.50"),
        ("zero baht", "0"),
        ("Baht Twenty-One Million and One Only", "21000001"),
        ("Baht One Thousand and Fifty Satang Only", "1000.50"),
        ("Baht One Thousand", None),
        ("one million million baht", None),  # scales go down
        ("twenty twenty baht", None),
        ("one one baht", None),
        ("hundred baht", None),
        ("and one baht", None),
        ("one thousand and baht", None),
        ("one baht and one hundred satang", None),
        ("fifty-one", None),
    ],
)
def test_english_words_edge_cases(words, amount):
    assert read_english_amount_words(words) == (D(amount) if amount else None)


# --- records ----------------------------------------------------------------------------------

GRANT = """
amounts:
  grant: 21000001
  fee: 1500.50
"""
MONEY_CLAUSE = """
  - id: money
    heading: {th: ค่าใช้จ่าย, en: Costs}
    text:
      th: มหาวิทยาลัยได้รับเงินอุดหนุนจำนวน {amount:grant} และค่าธรรมเนียม {amount:fee}
      en: "The University receives a grant of {amount:grant} and a fee of {amount:fee}."
"""


def agreement(clause: str = MONEY_CLAUSE, amounts: str = GRANT) -> str:
    """The test agreement with amounts and one more clause."""
    text = AGREEMENT.replace("duration:", clause.strip("\n") + "\nduration:")
    return text + amounts.strip("\n") + "\n"


def problems(tree, text: str, party: str = PARTY_A) -> list[str]:
    """Load a project with one agreement and return its problems as 'path:line:col: …' lines."""
    root = tree({"parties/town.yaml": party, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": text})
    try:
        load_project(root)
    except InputError as exc:
        return [str(p) for p in exc.problems]
    return []


def line_of(text: str, needle: str) -> tuple[int, int]:
    """The 1-based line and column of the first needle in the record as the tree writes it."""
    written = textwrap.dedent(text).lstrip("\n")
    index = written.index(needle)
    return written.count("\n", 0, index) + 1, index - (written.rfind("\n", 0, index) + 1) + 1


def test_amounts_and_references_load(tree):
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": agreement()})
    found = load_project(root).agreements["test"]
    assert found.amounts == {"grant": D(21000001), "fee": D("1500.50")}


def test_an_unknown_key_is_located_at_the_reference(tree):
    text = agreement(MONEY_CLAUSE.replace("{amount:fee}", "{amount:fees}"))
    line, column = line_of(text, "{amount:fees}")
    found = problems(tree, text)
    assert any(
        p.startswith(f"agreements/test.yaml:{line}:{column}: clauses[2] (money).text: no amount 'fees' in amounts")
        and "use one of fee, grant" in p
        for p in found
    ), found


MISWRITTEN = [
    ("{Amount:fee}", "{amount:fee}"),
    ("{AMOUNT:FEE}", "{amount:fee}"),
    ("{ amount:fee }", "{amount:fee}"),
    ("{amount :fee}", "{amount:fee}"),
    ("{amonut:fee}", "{amount:fee}"),
    ("{amounts:fee}", "{amount:fee}"),
    ("{amount fee}", "{amount:fee}"),
    ("{{amount:fee}}", "{amount:fee}"),
    ("{amount:fee} and {amount:fe", "{amount:fee}"),
    ("{Amount:fees}", "{amount:fee}"),
]


@pytest.mark.parametrize(("written", "meant"), MISWRITTEN)
def test_a_miswritten_reference_is_refused_at_its_place_not_printed_as_it_stands(tree, written, meant):
    text = agreement(MONEY_CLAUSE.replace("fee of {amount:fee}", f"fee of {written}"))
    shown = written.rsplit(" and ", 1)[-1]
    line, column = line_of(text, f"fee of {written}")
    column += len("fee of ") + written.rindex(shown)
    found = problems(tree, text)
    expected = (
        f"agreements/test.yaml:{line}:{column}: clauses[2] (money).text: '{shown}' is not an amount reference, "
        f"so it would be printed as it stands; write {meant}"
    )
    assert expected in found, found


def test_braces_around_other_words_are_left_alone(tree):
    text = agreement(MONEY_CLAUSE.replace("fee of {amount:fee}.", "fee of {amount:fee} {see: annex} {a}."))
    assert problems(tree, text) == []


def test_a_key_that_is_no_id_is_said_once_as_unknown(tree):
    text = agreement(MONEY_CLAUSE.replace("{amount:fee}", "{amount:ค่าจ้าง}"))
    found = problems(tree, text)
    assert len(found) == 2 and all("no amount 'ค่าจ้าง' in amounts" in p for p in found), found


def test_an_unknown_key_in_english_is_located_and_said_in_thai_too(tree):
    text = agreement(MONEY_CLAUSE.replace("fee of {amount:fee}", "fee of {amount:fe}"))
    line, column = line_of(text, "{amount:fe}")
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": text})
    with pytest.raises(InputError) as caught:
        load_project(root)
    said = [p for p in caught.value.problems if "'fe'" in str(p)]
    assert said and (said[0].line, said[0].column) == (line, column)
    assert "ไม่มีจำนวนเงิน 'fe' ในช่อง amounts" in said[0].render("th")


def test_a_reference_without_amounts_says_to_add_them(tree):
    text = agreement(amounts="")
    found = problems(tree, text)
    assert any("no amount 'grant': the agreement names no amounts; add amounts: {grant: <number>}" in p for p in found)


def test_a_reference_in_a_block_scalar_is_located_on_its_line(tree):
    clause = """
  - id: money
    heading: {th: ค่าใช้จ่าย, en: Costs}
    text:
      th: |
        มหาวิทยาลัยได้รับเงินอุดหนุน
        จำนวน {amount:grnt}
      en: >
        The University receives a grant of
        {amount:grnt}.
"""
    text = agreement(clause)
    found = problems(tree, text)
    th_line, th_column = line_of(text, "จำนวน {amount:grnt}")
    en_line, _ = line_of(text, "        {amount:grnt}.")
    assert any(p.startswith(f"agreements/test.yaml:{th_line}:{th_column + 6}: ") and "'grnt'" in p for p in found)
    assert any(p.startswith(f"agreements/test.yaml:{en_line}:9: ") and "'grnt'" in p for p in found)


def test_a_reference_outside_clause_text_is_refused(tree):
    text = agreement().replace("heading: {th: ค่าใช้จ่าย,", "heading: {th: 'ค่าใช้จ่าย {amount:grant}',")
    found = problems(tree, text)
    assert any("clauses[2] (money).heading: {amount:grant} is printed only in a clause's text" in p for p in found)


def test_a_key_in_one_language_only_is_a_located_mismatch(tree):
    text = agreement(MONEY_CLAUSE.replace(" and a fee of {amount:fee}", " and a fee"))
    line, column = line_of(text, "{amount:fee}")
    found = problems(tree, text)
    assert (
        f"agreements/test.yaml:{line}:{column}: clauses[2] (money).text: the Thai text has {{amount:fee}} "
        "but the English text does not; refer to the same amounts in both"
    ) in found


def test_the_same_keys_in_both_languages_are_no_mismatch_and_keys_are_not_numbers(tree):
    # A key with digits is not a number the other language must have.
    text = agreement(MONEY_CLAUSE.replace("grant}", "grant-2025}"), GRANT.replace("grant:", "grant-2025:"))
    assert problems(tree, text) == []


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("0150000", "leading zero"),
        ("0x10", "hexadecimal"),
        ("1:30", "colon"),
        (".inf", "not a finite number"),
        ("21,000,001", "thousands separators"),
        ("yes", "yes/no word"),
    ],
)
def test_amounts_are_read_as_written(tree, written, reason):
    text = agreement(amounts=GRANT.replace("21000001", written))
    line, column = line_of(text, "grant: " + written)
    found = problems(tree, text)
    assert any(p.startswith(f"agreements/test.yaml:{line}:{column}: amounts.grant: write the amount") for p in found)
    assert any(reason in p for p in found), found


def test_a_bad_amount_key_is_refused(tree):
    text = agreement(amounts="amounts: {Grant: 5, grant: 5, fee: 1}")
    line, column = line_of(text, "Grant: 5")
    found = problems(tree, text)
    assert found == [
        f"agreements/test.yaml:{line}:{column}: amounts.Grant: 'Grant' is not a valid id; use lower-case letters "
        "a-z, digits and hyphens, starting and ending with a letter or digit (e.g. chumphae-district)"
    ]


@pytest.mark.parametrize(
    ("amounts", "valid"),
    [
        ({"grant": 21000001, "fee": 1500.5}, True),
        ({"Grant": 5}, False),
        ({"grant": "5"}, False),
        ({"grant": -1}, False),
    ],
)
def test_the_schema_checks_amounts_as_the_editor_reads_them(amounts, valid):
    schema = json.loads((ROOT / "schemas/agreement.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors({"amounts": amounts}))
    about_amounts = [e for e in errors if e.path and e.path[0] == "amounts"]
    assert (not about_amounts) == valid


# --- amounts written out by hand ---------------------------------------------------------------

HAND = """
  - id: money
    heading: {th: ค่าใช้จ่าย, en: Costs}
    text:
      th: ค่าเดินทาง THAI
      en: "travel costs of ENGLISH"
"""


def hand(thai: str, english: str) -> str:
    """An agreement whose money clause writes the amount by hand."""
    return agreement(HAND.replace("THAI", thai).replace("ENGLISH", english), amounts="")


RIGHT_TH = "๒๑,๐๐๐,๐๐๑ บาท (ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน)"
RIGHT_EN = "THB 21,000,001 (twenty-one million and one baht)"


@pytest.mark.parametrize(
    ("thai", "english"),
    [
        (RIGHT_TH, RIGHT_EN),
        ("21,000,001 บาท (ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน)", "21,000,001 baht (twenty-one million and one baht)"),
        ("๑,๕๐๐.๕๐ บาท (หนึ่งพันห้าร้อยบาทห้าสิบสตางค์)", "THB 1,500.50 (one thousand five hundred baht and fifty satang)"),
        ("๒.๕ ล้านบาท (สองล้านห้าแสนบาทถ้วน)", "2.5 million baht (two million five hundred thousand baht)"),
        (RIGHT_TH, "THB 21,000,001 (Baht Twenty-One Million and One Only)"),
        ("๑๐๐ บาท (ต่อคน)", "100 baht (per person)"),  # not amounts in words
    ],
)
def test_right_hand_written_amounts_pass(tree, thai, english):
    assert problems(tree, hand(thai, english)) == []


def test_a_wrong_thai_amount_in_words_is_located_and_says_the_words(tree):
    text = hand("๒๑,๐๐๐,๐๐๑ บาท (ยี่สิบเอ็ดล้านบาทถ้วน)", RIGHT_EN)
    line, column = line_of(text, "ยี่สิบเอ็ดล้านบาทถ้วน")
    assert problems(tree, text) == [
        f"agreements/test.yaml:{line}:{column}: clauses[2] (money).text: the words (ยี่สิบเอ็ดล้านบาทถ้วน) say "
        "21,000,000 but the digits say 21,000,001; write (ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน)"
    ]


def test_a_wrong_english_amount_in_words_is_located_and_says_the_words(tree):
    text = hand(RIGHT_TH, "21,000,001 baht (twenty million and one baht)")
    line, column = line_of(text, "(twenty million")
    assert problems(tree, text) == [
        f"agreements/test.yaml:{line}:{column + 1}: clauses[2] (money).text: the words (twenty million and one "
        "baht) say 20,000,001 but the digits say 21,000,001; write (twenty-one million and one baht)"
    ]


def test_wrong_words_in_the_baht_only_form_are_found(tree):
    found = problems(tree, hand(RIGHT_TH, "THB 21,000,001 (Baht Twenty-One Million Only)"))
    assert len(found) == 1 and found[0].endswith("write (twenty-one million and one baht)")


def test_unreadable_words_are_refused_with_the_words_to_write(tree):
    found = problems(tree, hand("๒๑,๐๐๐,๐๐๑ บาท (ยี่สิบเอ็ดล้านเอ็ดบาทถ่วน)", RIGHT_EN))
    assert len(found) == 1 and "cannot be read as an amount in words" in found[0]
    assert found[0].endswith("for 21,000,001 write (ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน)")


def test_hand_written_digits_too_many_for_words_are_a_located_problem_not_a_crash(tree):
    """Adversarial inputs: digits past what English words name (a sextillion) once ended the build."""
    huge = "999,999,999,999,999,999,999,999"
    text = hand(f"{huge} บาท (หนึ่งบาทถ้วน)", f"THB {huge} (one baht)")
    found = problems(tree, text)
    line, column = line_of(text, "(one baht)")
    assert f"agreements/test.yaml:{line}:{column + 1}: clauses[2] (money).text: " in found[-1], found
    assert found[-1].endswith(f"the digits {huge} are more than an amount in words can say; check the amount")
    assert any("(หนึ่งบาทถ้วน) say 1 but the digits say" in f for f in found), found


def test_a_wrong_amount_in_a_thai_only_agreement_and_in_a_party_is_found(tree):
    thai_only = hand("๕๐๐ บาท (ห้าสิบบาทถ้วน)", "x").replace("status: final", "status: final\nlanguages: [th]")
    party = PARTY_A.replace("อำเภอชุมแพ", "ค่าบำรุง ๒๐ บาท (สิบบาทถ้วน) อำเภอชุมแพ")
    found = problems(tree, thai_only, party)
    assert any(p.startswith("agreements/test.yaml:") and "write (ห้าร้อยบาทถ้วน)" in p for p in found), found
    assert any(p.startswith("parties/town.yaml:4:") and "write (ยี่สิบบาทถ้วน)" in p for p in found), found


def test_a_wrong_hand_written_amount_fails_the_build(tree):
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": hand("๒๑,๐๐๐,๐๐๑ บาท (ยี่สิบเอ็ดล้านบาทถ้วน)", RIGHT_EN),
        }
    )
    err = io.StringIO()
    assert main(["--root", str(root), "--lang", "th"], out=io.StringIO(), err=err) == 1
    assert re.search(
        r"agreements/test\.yaml:\d+:\d+: clauses\[2\] \(money\)\.text: ตัวอักษร \(ยี่สิบเอ็ดล้านบาทถ้วน\) อ่านได้ "
        r"21,000,000 แต่ตัวเลขเขียนว่า 21,000,001 ให้เขียนเป็น \(ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน\)",
        err.getvalue(),
    ), err.getvalue()
    assert not (root / "output").exists()


# --- printing ----------------------------------------------------------------------------------


def test_with_amounts_prints_digits_and_words_and_escapes_the_rest():
    amounts = {"grant": D(21000001), "fee": D("1500.50")}
    th = with_amounts("<b>เงิน {amount:grant} และ { amount:fee}", amounts, "th")
    assert th == ('&lt;b&gt;เงิน <span class="nowrap">๒๑,๐๐๐,๐๐๑ บาท</span> (ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน) และ { amount:fee}')
    en = with_amounts("a grant of {amount:grant} and {amount: fee }.", amounts, "en")
    assert en == (
        'a grant of <span class="nowrap">THB 21,000,001</span> (twenty-one million and one baht) and '
        '<span class="nowrap">THB 1,500.50</span> (one thousand five hundred baht and fifty satang).'
    )


@pytest.fixture
def rendered(tree) -> dict[str, str]:
    """The HTML of every edition of an agreement whose clause text and sub-item refer to amounts."""
    clause = MONEY_CLAUSE + "    items:\n      - {th: 'ส่วนที่เหลือ {amount:fee}', en: 'the rest, {amount:fee}'}\n"
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": agreement(clause)})
    project = load_project(root)
    agreement_ = project.agreements["test"]
    parties = [project.parties[p] for p in agreement_.parties]
    env = make_environment(root / "templates")
    return {
        language: render_html(env, root / "templates", "test", agreement_, parties, language).html
        for language in ("th", "en", "th-en")
    }


def test_every_edition_prints_the_amounts(rendered):
    thai_grant = '<span class="nowrap">๒๑,๐๐๐,๐๐๑ บาท</span> (ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน)'
    english_grant = '<span class="nowrap">THB 21,000,001</span> (twenty-one million and one baht)'
    english_fee = "THB 1,500.50</span> (one thousand five hundred baht and fifty satang)"
    assert thai_grant in rendered["th"] and "ห้าร้อยบาทห้าสิบสตางค์" in rendered["th"].split("ส่วนที่เหลือ")[1]
    assert english_grant in rendered["en"] and english_fee in rendered["en"].split("the rest")[1]
    assert thai_grant in rendered["th-en"] and english_grant in rendered["th-en"]
    assert "{amount:" not in "".join(rendered.values())


def test_the_docx_prints_the_amounts(rendered):
    with zipfile.ZipFile(io.BytesIO(html_to_docx(rendered["th"]))) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body))
    assert "๒๑,๐๐๐,๐๐๑ บาท (ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน)" in text


@pytest.mark.slow
def test_the_pdf_prints_the_amounts(tree, tmp_path):
    pdftotext = require_tool("pdftotext")
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": agreement()})
    assert main(["--root", str(root), "--format", "pdf"], out=io.StringIO(), err=io.StringIO()) == 0
    for language, expected in (
        ("th", "๒๑,๐๐๐,๐๐๑ บาท (ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน)"),
        ("en", "THB 21,000,001 (twenty-one million and one baht)"),
    ):
        pdf = next((root / "output").rglob(f"test.{language}.pdf"))
        text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert expected.replace(" ", "") in re.sub(r"\s+", "", text)


# --- redlines ----------------------------------------------------------------------------------


def test_a_redline_shows_a_changed_amount(tmp_path):
    root = make_project(tmp_path / "p")
    record = root / "agreements/mou.yaml"
    base = record.read_text(encoding="utf-8").replace("duration:", MONEY_CLAUSE.strip("\n") + "\nduration:")
    for version, grant in (("1.2", "21000001"), ("1.3", "21000002")):
        text = base.replace('"1.1"', f'"{version}"') + GRANT.replace("21000001", grant)
        record.write_text(text, encoding="utf-8")
        git(root, "commit", "-qam", version)
    redline = make_redline(Layout(root, root / "output"), "mou", "1.2", "1.3", ())
    assert redline.summaries["en"].values == [
        (
            "Amount grant",
            "THB 21,000,001 (twenty-one million and one baht)",
            "THB 21,000,002 (twenty-one million and two baht)",
        )
    ]
    assert redline.summaries["th"].values[0][0] == "จำนวนเงิน grant"
    assert redline.summaries["en"].clauses_changed == ["Clause 4 Costs"]
    html = redline.html["en"]
    assert '<del><span class="nowrap">THB 21,000,001</span>' in html or "<del>" in html.split('id="clause-money"')[1]
    money = html.split('id="clause-money"')[1].split("</section>")[0]
    assert "<del>" in money and "<ins>" in money and "two" in money.split("<ins>", 1)[1]
