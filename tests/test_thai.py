"""Tests for mou.language.thai: digits, dates, amounts in words and names."""

from __future__ import annotations

import datetime
import io
import random
import re
import zipfile
from decimal import Decimal

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B
from pythainlp.util import arabic_digit_to_thai_digit, bahttext, num_to_thaiword, thai_digit_to_arabic_digit
from pythainlp.util.date import thai_full_months
from readback import as_read

from mou.docx.render import html_to_docx
from mou.html.templating import make_environment, render_html
from mou.language.thai import (
    EN_MONTHS,
    THAI_DIGITS,
    THAI_MONTHS,
    arabic_digits,
    baht_text,
    buddhist_year,
    english_amount,
    english_date,
    english_number_words,
    english_person,
    format_amount,
    thai_amount,
    thai_clause_number,
    thai_date,
    thai_day_month_year,
    thai_digits,
    thai_number_words,
    thai_person,
)
from mou.records.validation import load_project

D = Decimal


def test_thai_digits_constant() -> None:
    assert "".join(chr(0x0E50 + i) for i in range(10)) == THAI_DIGITS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.1", "๒.๑"),
        ("", ""),
        ("no digits", "no digits"),
        ("0123456789", "๐๑๒๓๔๕๖๗๘๙"),
        ("ข้อ 3 วรรค 2", "ข้อ ๓ วรรค ๒"),
        ("๑๒ already", "๑๒ already"),
        ("150,000.50 บาท", "๑๕๐,๐๐๐.๕๐ บาท"),
        (0, "๐"),
        (2563, "๒๕๖๓"),
        (D("1234.50"), "๑๒๓๔.๕๐"),
        (D("1E+3"), "๑๐๐๐"),
    ],
)
def test_thai_digits(value: str | int | Decimal, expected: str) -> None:
    assert thai_digits(value) == expected


@pytest.mark.parametrize("value", [1.5, None, True])
def test_thai_digits_rejects_other_types(value: object) -> None:
    with pytest.raises(TypeError):
        thai_digits(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("๒.๑", "2.1"),
        ("", ""),
        ("๐๑๒๓๔๕๖๗๘๙", "0123456789"),
        ("ข้อ ๓ วรรค 2", "ข้อ 3 วรรค 2"),
        ("ไม่มีตัวเลข", "ไม่มีตัวเลข"),
    ],
)
def test_arabic_digits(value: str, expected: str) -> None:
    assert arabic_digits(value) == expected


@pytest.mark.parametrize("text", ["", "2.1", "ปี 2563 ข้อ 10.2", "0123456789"])
def test_digits_round_trip(text: str) -> None:
    assert arabic_digits(thai_digits(text)) == text


def test_digits_convert_as_pythainlp_converts_them() -> None:
    text = "".join(map(chr, range(0x20, 0x0E80)))  # Latin, Thai and what lies between
    assert thai_digits(text) == arabic_digit_to_thai_digit(text)
    assert arabic_digits(text) == thai_digit_to_arabic_digit(text)
    with pytest.raises(TypeError):
        arabic_digits(2)  # type: ignore[arg-type]


def test_months() -> None:
    assert len(THAI_MONTHS) == len(EN_MONTHS) == 12
    assert THAI_MONTHS[0] == "มกราคม" and THAI_MONTHS[-1] == "ธันวาคม"
    assert EN_MONTHS[0] == "January" and EN_MONTHS[-1] == "December"
    assert list(THAI_MONTHS) == list(thai_full_months)


@pytest.mark.parametrize(("year", "expected"), [(2020, 2563), (1957, 2500), (2025, 2568)])
def test_buddhist_year(year: int, expected: int) -> None:
    assert buddhist_year(year) == expected


@pytest.mark.parametrize(
    ("day", "digits", "expected"),
    [
        (datetime.date(2020, 9, 1), True, "๑ กันยายน พ.ศ. ๒๕๖๓"),
        (datetime.date(2020, 9, 1), False, "1 กันยายน พ.ศ. 2563"),
        (datetime.date(2024, 2, 29), True, "๒๙ กุมภาพันธ์ พ.ศ. ๒๕๖๗"),
        (datetime.date(2025, 1, 15), False, "15 มกราคม พ.ศ. 2568"),
        (datetime.date(1999, 12, 31), True, "๓๑ ธันวาคม พ.ศ. ๒๕๔๒"),
    ],
)
def test_thai_day_month_year_and_date(day: datetime.date, digits: bool, expected: str) -> None:
    assert thai_day_month_year(day, digits=digits) == expected
    assert thai_date(day, digits=digits) == "วันที่ " + expected


def test_thai_date_default_uses_thai_digits() -> None:
    assert thai_date(datetime.date(2020, 9, 1)) == "วันที่ ๑ กันยายน พ.ศ. ๒๕๖๓"
    assert thai_date(datetime.date(2020, 9, 1), digits=False) == "วันที่ 1 กันยายน พ.ศ. 2563"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2020, 9, 1), "1 September 2020"),
        (datetime.date(2024, 2, 29), "29 February 2024"),
        (datetime.date(2025, 12, 31), "31 December 2025"),
        (datetime.date(2023, 5, 9), "9 May 2023"),
    ],
)
def test_english_date(day: datetime.date, expected: str) -> None:
    assert english_date(day) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (D("150000"), "150,000"),
        (D("1234.5"), "1,234.50"),
        (D("150000.00"), "150,000"),
        (D("0"), "0"),
        (D("0.5"), "0.50"),
        (D("0.01"), "0.01"),
        (D("999"), "999"),
        (D("1000"), "1,000"),
        (D("1000000.01"), "1,000,000.01"),
        (D("1E+3"), "1,000"),
        (D("1.230"), "1.23"),
        (D("-0"), "0"),
        (5, "5"),
    ],
)
def test_format_amount(amount: Decimal, expected: str) -> None:
    assert format_amount(amount) == expected


BAHT_TEXT_CASES = [
    ("0", "ศูนย์บาทถ้วน"),
    ("0.00", "ศูนย์บาทถ้วน"),
    ("1", "หนึ่งบาทถ้วน"),
    ("2", "สองบาทถ้วน"),
    ("10", "สิบบาทถ้วน"),
    ("11", "สิบเอ็ดบาทถ้วน"),
    ("12", "สิบสองบาทถ้วน"),
    ("20", "ยี่สิบบาทถ้วน"),
    ("21", "ยี่สิบเอ็ดบาทถ้วน"),
    ("22", "ยี่สิบสองบาทถ้วน"),
    ("31", "สามสิบเอ็ดบาทถ้วน"),
    ("100", "หนึ่งร้อยบาทถ้วน"),
    ("101", "หนึ่งร้อยเอ็ดบาทถ้วน"),
    ("110", "หนึ่งร้อยสิบบาทถ้วน"),
    ("111", "หนึ่งร้อยสิบเอ็ดบาทถ้วน"),
    ("120", "หนึ่งร้อยยี่สิบบาทถ้วน"),
    ("200", "สองร้อยบาทถ้วน"),
    ("1000", "หนึ่งพันบาทถ้วน"),
    ("1001", "หนึ่งพันเอ็ดบาทถ้วน"),
    ("1010", "หนึ่งพันสิบบาทถ้วน"),
    ("10000", "หนึ่งหมื่นบาทถ้วน"),
    ("12345", "หนึ่งหมื่นสองพันสามร้อยสี่สิบห้าบาทถ้วน"),
    ("150000", "หนึ่งแสนห้าหมื่นบาทถ้วน"),
    ("100001", "หนึ่งแสนเอ็ดบาทถ้วน"),
    ("999999", "เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทถ้วน"),
    ("1000000", "หนึ่งล้านบาทถ้วน"),
    ("1000001", "หนึ่งล้านเอ็ดบาทถ้วน"),
    ("2000021", "สองล้านยี่สิบเอ็ดบาทถ้วน"),
    ("10000000", "สิบล้านบาทถ้วน"),
    ("11000000", "สิบเอ็ดล้านบาทถ้วน"),
    ("21000000", "ยี่สิบเอ็ดล้านบาทถ้วน"),
    ("101000000", "หนึ่งร้อยเอ็ดล้านบาทถ้วน"),
    ("1001000000", "หนึ่งพันเอ็ดล้านบาทถ้วน"),
    ("1000000000000", "หนึ่งล้านล้านบาทถ้วน"),
    ("1000000000001", "หนึ่งล้านล้านเอ็ดบาทถ้วน"),
    ("1000001000000", "หนึ่งล้านเอ็ดล้านบาทถ้วน"),
    ("2000005000000", "สองล้านห้าล้านบาทถ้วน"),
    ("0.01", "หนึ่งสตางค์"),
    ("0.10", "สิบสตางค์"),
    ("0.11", "สิบเอ็ดสตางค์"),
    ("0.21", "ยี่สิบเอ็ดสตางค์"),
    ("0.5", "ห้าสิบสตางค์"),
    ("0.50", "ห้าสิบสตางค์"),
    ("0.99", "เก้าสิบเก้าสตางค์"),
    ("1.01", "หนึ่งบาทหนึ่งสตางค์"),
    ("1.50", "หนึ่งบาทห้าสิบสตางค์"),
    ("11.25", "สิบเอ็ดบาทยี่สิบห้าสตางค์"),
    ("21.21", "ยี่สิบเอ็ดบาทยี่สิบเอ็ดสตางค์"),
    ("101.11", "หนึ่งร้อยเอ็ดบาทสิบเอ็ดสตางค์"),
    ("1234.50", "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์"),
    ("100.00", "หนึ่งร้อยบาทถ้วน"),
    ("1.230", "หนึ่งบาทยี่สิบสามสตางค์"),
    ("1E+3", "หนึ่งพันบาทถ้วน"),
]


@pytest.mark.parametrize(("amount", "expected"), BAHT_TEXT_CASES)
def test_baht_text(amount: str, expected: str) -> None:
    assert baht_text(D(amount)) == expected


BAD_AMOUNTS = [D("-1"), D("-0.01"), D("1.001"), D("0.005"), D("NaN"), D("Infinity")]


@pytest.mark.parametrize("amount", BAD_AMOUNTS)
@pytest.mark.parametrize("function", [baht_text, format_amount, thai_amount, english_amount])
def test_amount_functions_reject_bad_amounts(function, amount: Decimal) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        function(amount)


@pytest.mark.parametrize("amount", [1.5, "150", True, None])
@pytest.mark.parametrize("function", [baht_text, format_amount, thai_amount, english_amount])
def test_amount_functions_reject_non_decimal(function, amount: object) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError):
        function(amount)


def _random_integers(rng: random.Random, count: int) -> list[int]:
    """Return integers >= 1 spread over every magnitude up to 10**12."""
    return [rng.randrange(1, 10 ** rng.randint(1, 12)) for _ in range(count)]


def test_baht_text_agrees_with_pythainlp_on_integers() -> None:
    # pythainlp formats through float and reads 1,000,001,000,000 differently,
    # so the comparison stays below 10**12 where both conventions agree.
    rng = random.Random(20200901)
    amounts = _random_integers(rng, 400) + [1, 11, 21, 101, 1001, 10**6 + 1, 10**12 - 1]
    mismatches = [(n, baht_text(D(n)), bahttext(n)) for n in amounts if baht_text(D(n)) != bahttext(n)]
    assert mismatches == []


def test_baht_text_agrees_with_pythainlp_with_satang() -> None:
    # Baht >= 1 only: pythainlp says "ศูนย์บาท..." below one baht.
    rng = random.Random(11)
    amounts = [D(rng.randrange(100, 10**11)) / 100 for _ in range(300)]
    mismatches = [(a, baht_text(a), bahttext(float(a))) for a in amounts if baht_text(a) != bahttext(float(a))]
    assert mismatches == []


def test_thai_number_words_agrees_with_pythainlp() -> None:
    rng = random.Random(7)
    numbers = _random_integers(rng, 300) + [0, 1, 10, 11, 21]
    mismatches = [
        (n, thai_number_words(n), num_to_thaiword(n)) for n in numbers if thai_number_words(n) != num_to_thaiword(n)
    ]
    assert mismatches == []


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (D("150000"), "๑๕๐,๐๐๐ บาท (หนึ่งแสนห้าหมื่นบาทถ้วน)"),
        (D("1234.5"), "๑,๒๓๔.๕๐ บาท (หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์)"),
        (D("0.50"), "๐.๕๐ บาท (ห้าสิบสตางค์)"),
        (D("1"), "๑ บาท (หนึ่งบาทถ้วน)"),
        (D("0"), "๐ บาท (ศูนย์บาทถ้วน)"),
        (D("2000021"), "๒,๐๐๐,๐๒๑ บาท (สองล้านยี่สิบเอ็ดบาทถ้วน)"),
    ],
)
def test_thai_amount(amount: Decimal, expected: str) -> None:
    assert thai_amount(amount) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "ศูนย์"),
        (1, "หนึ่ง"),
        (2, "สอง"),
        (10, "สิบ"),
        (11, "สิบเอ็ด"),
        (15, "สิบห้า"),
        (20, "ยี่สิบ"),
        (21, "ยี่สิบเอ็ด"),
        (101, "หนึ่งร้อยเอ็ด"),
        (1000000, "หนึ่งล้าน"),
    ],
)
def test_thai_number_words(number: int, expected: str) -> None:
    assert thai_number_words(number) == expected


@pytest.mark.parametrize("function", [thai_number_words, english_number_words])
@pytest.mark.parametrize(("number", "error"), [(-1, ValueError), (1.0, TypeError), (True, TypeError)])
def test_number_words_reject_bad_input(function, number: object, error: type) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error):
        function(number)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "zero"),
        (1, "one"),
        (13, "thirteen"),
        (15, "fifteen"),
        (20, "twenty"),
        (21, "twenty-one"),
        (99, "ninety-nine"),
        (100, "one hundred"),
        (101, "one hundred and one"),
        (110, "one hundred and ten"),
        (999, "nine hundred and ninety-nine"),
        (1000, "one thousand"),
        (1001, "one thousand and one"),
        (1010, "one thousand and ten"),
        (1100, "one thousand one hundred"),
        (1234, "one thousand two hundred and thirty-four"),
        (150000, "one hundred and fifty thousand"),
        (150021, "one hundred and fifty thousand and twenty-one"),
        (1000000, "one million"),
        (1000100, "one million one hundred"),
        (2000021, "two million and twenty-one"),
        (10**9, "one billion"),
        (10**12, "one trillion"),
        (10**15, "one quadrillion"),
        (10**15 + 1, "one quadrillion and one"),
    ],
)
def test_english_number_words(number: int, expected: str) -> None:
    assert english_number_words(number) == expected


def test_english_number_words_upper_limit() -> None:
    assert english_number_words(10**21 - 1).startswith("nine hundred and ninety-nine quintillion")
    with pytest.raises(ValueError):
        english_number_words(10**21)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (D("150000"), "THB 150,000 (one hundred and fifty thousand baht)"),
        (
            D("1234.5"),
            "THB 1,234.50 (one thousand two hundred and thirty-four baht and fifty satang)",
        ),
        (D("1"), "THB 1 (one baht)"),
        (D("0.50"), "THB 0.50 (fifty satang)"),
        (D("0.01"), "THB 0.01 (one satang)"),
        (D("0"), "THB 0 (zero baht)"),
        (D("21.01"), "THB 21.01 (twenty-one baht and one satang)"),
        (D("1000000"), "THB 1,000,000 (one million baht)"),
    ],
)
def test_english_amount(amount: Decimal, expected: str) -> None:
    assert english_amount(amount) == expected


@pytest.mark.parametrize(
    ("prefix", "name", "expected"),
    [
        ("นาย", "สมชาย ใจดี", "นายสมชาย ใจดี"),
        ("นางสาว", "สมหญิง รักไทย", "นางสาวสมหญิง รักไทย"),
        ("ดร.", "สมศักดิ์ มั่นคง", "ดร.สมศักดิ์ มั่นคง"),
        ("", "สมชาย ใจดี", "สมชาย ใจดี"),
        ("นาย ", "สมชาย ใจดี", "นายสมชาย ใจดี"),
        # A name kept in Latin letters in the Thai text is set off from the Thai prefix.
        ("มิสเตอร์", "John O'Neil-Smith", "มิสเตอร์ John O'Neil-Smith"),
        ("ดร.", "Martin Horn", "ดร. Martin Horn"),
        # ฯพณฯ and ท่าน are written apart from the name, alone or after another prefix.
        ("ฯพณฯ", "ตีอา เสยหา", "ฯพณฯ ตีอา เสยหา"),
        ("ฯพณฯ ", "ตีอา เสยหา", "ฯพณฯ ตีอา เสยหา"),
        ("ท่าน", "ตีอา เสยหา", "ท่าน ตีอา เสยหา"),
        ("พลเอก ฯพณฯ", "ตีอา เสยหา", "พลเอก ฯพณฯ ตีอา เสยหา"),
        ("ฯพณฯ ดร.", "ตีอา เสยหา", "ฯพณฯ ดร.ตีอา เสยหา"),
    ],
)
def test_thai_person(prefix: str, name: str, expected: str) -> None:
    assert thai_person(prefix, name) == expected


@pytest.mark.parametrize(
    ("prefix", "name", "expected"),
    [
        ("Mr.", "Somchai Jaidee", "Mr. Somchai Jaidee"),
        ("Dr.", "Somsak Mankhong", "Dr. Somsak Mankhong"),
        ("", "Somchai Jaidee", "Somchai Jaidee"),
        (" Ms. ", "Somying Rakthai", "Ms. Somying Rakthai"),
    ],
)
def test_english_person(prefix: str, name: str, expected: str) -> None:
    assert english_person(prefix, name) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [((2, 1), "๒.๑"), ((1,), "๑"), ((10, 2, 3), "๑๐.๒.๓")],
)
def test_thai_clause_number(parts: tuple[int, ...], expected: str) -> None:
    assert thai_clause_number(*parts) == expected


@pytest.mark.parametrize("parts", [(), (-1,), (1, -2)])
def test_thai_clause_number_rejects_bad_parts(parts: tuple[int, ...]) -> None:
    with pytest.raises(ValueError):
        thai_clause_number(*parts)


@pytest.mark.parametrize(
    ("address", "printed"),
    [
        ("ที่ว่าการอำเภอชุมแพ ถนนมะลิวัลย์ ๔๐๑๓๐", "ตั้งอยู่ ณ ที่ว่าการอำเภอชุมแพ ถนนมะลิวัลย์ ๔๐๑๓๐ โดย"),
        ("ที่ทำการองค์การบริหารส่วนตำบลโนนหัน ๔๐๑๓๐", "ตั้งอยู่ ณ ที่ทำการองค์การบริหารส่วนตำบลโนนหัน ๔๐๑๓๐ โดย"),
        ("อำเภอชุมแพ จังหวัดขอนแก่น ๔๐๑๓๐", "ตั้งอยู่ที่ อำเภอชุมแพ จังหวัดขอนแก่น ๔๐๑๓๐ โดย"),
    ],
)
def test_an_address_that_begins_with_thi_is_not_introduced_by_another_thi(tree, address, printed):
    """An address written ที่ว่าการ… printed ตั้งอยู่ที่ ที่ว่าการ…, in the Thai editions and the DOCX."""
    party = PARTY_A.replace("address: {th: อำเภอชุมแพ จังหวัดขอนแก่น ๔๐๑๓๐,", f"address: {{th: {address},")
    root = tree({"parties/town.yaml": party, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    project = load_project(root, {"standard"})
    agreement = project.agreements["test"]
    parties = [project.parties[p] for p in agreement.parties]
    env = make_environment(root / "templates")
    for language in ("th", "th-en"):
        html = render_html(env, root / "templates", "test", agreement, parties, language).html
        text = re.sub(r"<[^>]+>", "", html)
        assert printed in text and "ที่ ที่" not in text, language
        with zipfile.ZipFile(io.BytesIO(html_to_docx(html))) as docx:
            body = docx.read("word/document.xml").decode("utf-8")
        # as a reader sees it: the no-break space that holds ณ to its word is a space
        assert printed in as_read("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body))), language
