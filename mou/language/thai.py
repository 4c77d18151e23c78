"""Thai and English language helpers: digits, dates, amounts in words, names."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

THAI_DIGITS: str = "๐๑๒๓๔๕๖๗๘๙"

THAI_MONTHS: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)

# The abbreviations official letters use: ๑ ก.พ. ๒๕๖๗.
THAI_MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

EN_MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_TH_UNITS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
_TH_PLACES = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")
_MILLION = 10**6

_EN_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_SCALES = ("", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion")
# The first whole number English words are not given for (a sextillion).
EN_WORDS_LIMIT = 1000 ** len(_EN_SCALES)


# Thai digits for ASCII ones and back, as str.translate tables (PyThaiNLP's digit conversion is the same).
TO_THAI_DIGITS = str.maketrans("0123456789", THAI_DIGITS)
TO_ASCII_DIGITS = str.maketrans(THAI_DIGITS, "0123456789")


def thai_digits(text: str | int | Decimal) -> str:
    """Return text with ASCII digits 0-9 replaced by Thai digits."""
    if isinstance(text, Decimal):
        text = format(text, "f")  # str() may give exponent form such as 1E+3
    elif isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    elif not isinstance(text, str):
        raise TypeError(f"expected str, int or Decimal, not {type(text).__name__}")
    return text.translate(TO_THAI_DIGITS)


# A Thai telephone number in Thai or Arabic digits, grouped as anyone likes: ๐ ๔๓๓๑ ๑๒๓๔ =
# 043-311234 = +66 43 311 234 = +66 (0)81 234 5678. The cross-check compares two by their digits;
# the PDF and the DOCX keep one on a line (language/breaks.py).
PHONE_NUMBER = re.compile(
    r"(?<![๐-๙0-9.,/+])(?:\+[๖6][๖6][\s-]?(?:\([๐0]\)\s?)?|[๐0])(?:[\s-]?[๐-๙0-9]){8,9}(?![๐-๙0-9])"
)


def arabic_digits(text: str) -> str:
    """Return text with Thai digits replaced by ASCII digits 0-9."""
    if not isinstance(text, str):
        raise TypeError(f"expected str, not {type(text).__name__}")
    return text.translate(TO_ASCII_DIGITS)


def buddhist_year(year: int) -> int:
    """Return the Buddhist Era year for a Gregorian year."""
    return year + 543


def thai_day_month_year(d: datetime.date, digits: bool = True) -> str:
    """Return a Thai date such as "๑ กันยายน พ.ศ. ๒๕๖๓"."""
    text = f"{d.day} {THAI_MONTHS[d.month - 1]} พ.ศ. {buddhist_year(d.year)}"
    return thai_digits(text) if digits else text


def thai_date(d: datetime.date, digits: bool = True) -> str:
    """Return a Thai date such as "วันที่ ๑ กันยายน พ.ศ. ๒๕๖๓"."""
    return "วันที่ " + thai_day_month_year(d, digits)


def english_date(d: datetime.date) -> str:
    """Return an English date such as "1 September 2020"."""
    return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"


def _split_amount(amount: Decimal) -> tuple[int, int]:
    """Return (baht, satang) of a non-negative amount with at most two decimals."""
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int)):
        raise TypeError(f"amount must be Decimal, not {type(amount).__name__}")
    amount = Decimal(amount)
    if not amount.is_finite():
        raise ValueError(f"amount must be finite: {amount}")
    if amount < 0:
        raise ValueError(f"amount must not be negative: {amount}")
    # Work on the exact text so no context precision or rounding is involved.
    whole, _, fraction = format(amount, "f").lstrip("-").partition(".")
    fraction = fraction.rstrip("0")
    if len(fraction) > 2:
        raise ValueError(f"amount has more than 2 decimal places: {amount}")
    return int(whole), int(fraction.ljust(2, "0"))


def format_amount(amount: Decimal) -> str:
    """Return an amount in figures such as "150,000" or "1,234.50"."""
    baht, satang = _split_amount(amount)
    return f"{baht:,}.{satang:02d}" if satang else f"{baht:,}"


def _thai_group(n: int, preceded: bool) -> str:
    """Return Thai words for 1 <= n < 1,000,000, knowing if words come before it."""
    words = []
    for place in range(len(_TH_PLACES) - 1, -1, -1):
        digit = n // 10**place % 10
        if digit == 0:
            continue
        if place == 1:
            words.append({1: "สิบ", 2: "ยี่สิบ"}.get(digit, _TH_UNITS[digit] + "สิบ"))
        elif place == 0 and digit == 1 and (preceded or n > 9):
            words.append("เอ็ด")
        else:
            words.append(_TH_UNITS[digit] + _TH_PLACES[place])
    return "".join(words)


def _thai_words(n: int, preceded: bool = False) -> str:
    """Return Thai words for n >= 1, composing ล้าน for each six digits."""
    millions, rest = divmod(n, _MILLION)
    words = _thai_words(millions, preceded) + "ล้าน" if millions else ""
    if rest:
        words += _thai_group(rest, preceded or bool(millions))
    return words


def _check_count(n: int) -> None:
    """Raise unless n is a non-negative int."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected int, not {type(n).__name__}")
    if n < 0:
        raise ValueError(f"number must not be negative: {n}")


def thai_number_words(n: int) -> str:
    """Return Thai words for a non-negative integer, e.g. 21 -> "ยี่สิบเอ็ด"."""
    _check_count(n)
    return _thai_words(n) if n else _TH_UNITS[0]


def baht_text(amount: Decimal) -> str:
    """Return an amount in Thai words, e.g. "หนึ่งแสนห้าหมื่นบาทถ้วน"."""
    baht, satang = _split_amount(amount)
    if not satang:
        return thai_number_words(baht) + "บาทถ้วน"
    # Below one baht Thai says only the satang, never "ศูนย์บาท...".
    baht_part = thai_number_words(baht) + "บาท" if baht else ""
    return baht_part + thai_number_words(satang) + "สตางค์"


def thai_amount(amount: Decimal) -> str:
    """Return "๑๕๐,๐๐๐ บาท (หนึ่งแสนห้าหมื่นบาทถ้วน)" for an amount."""
    return f"{thai_digits(format_amount(amount))} บาท ({baht_text(amount)})"


def _english_below_1000(n: int) -> str:
    """Return English words for 1 <= n < 1000 in British style."""
    hundreds, rest = divmod(n, 100)
    words = [f"{_EN_ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        if hundreds:
            words.append("and")
        if rest < 20:
            words.append(_EN_ONES[rest])
        else:
            tens, ones = divmod(rest, 10)
            words.append(_EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else ""))
    return " ".join(words)


def english_number_words(n: int) -> str:
    """Return British English words for n, e.g. "one hundred and fifty thousand"."""
    _check_count(n)
    if n >= EN_WORDS_LIMIT:
        raise ValueError(f"number too large for English words: {n}")
    if n == 0:
        return _EN_ONES[0]
    words = []
    for power in range(len(_EN_SCALES) - 1, -1, -1):
        group = n // 1000**power % 1000
        if group:
            scale = _EN_SCALES[power]
            words.append(_english_below_1000(group) + (f" {scale}" if scale else ""))
    # British usage: "one thousand and one", "two million and twenty-one".
    if n >= 1000 and 0 < n % 1000 < 100:
        words.insert(-1, "and")
    return " ".join(words)


def english_amount(amount: Decimal) -> str:
    """Return "THB 150,000 (one hundred and fifty thousand baht)" for an amount."""
    baht, satang = _split_amount(amount)
    parts = []
    if baht or not satang:
        parts.append(f"{english_number_words(baht)} baht")
    if satang:
        parts.append(f"{english_number_words(satang)} satang")
    return f"THB {format_amount(amount)} ({' and '.join(parts)})"


def thai_person(prefix: str, name: str) -> str:
    """Return a Thai name with its prefix attached, e.g. "นายสมชาย ใจดี"."""
    prefix, name = prefix.strip(), name.strip()
    if not prefix:
        return name
    # The prefix joins a Thai given name (นายสมชาย); a name kept in Latin letters would run
    # into it unreadably (มิสเตอร์John), so a space sets it off, as it does after a courtesy
    # title that Thai usage writes apart (ฯพณฯ ตีอา เสยหา).
    if _is_thai(name[:1]) and not _written_apart(prefix):
        return prefix + name
    return f"{prefix} {name}"


# Courtesy titles written apart from the name that follows, unlike นาย, นาง, ดร. or a rank:
# ฯพณฯ (His/Her Excellency) and ท่าน (for a foreign dignitary).
PREFIXES_WRITTEN_APART = ("ฯพณฯ", "ท่าน")


def _written_apart(prefix: str) -> bool:
    """Tell whether a prefix ends in a courtesy title that a space sets off from the name."""
    return prefix.endswith(PREFIXES_WRITTEN_APART)


def _is_thai(character: str) -> bool:
    """Tell whether a character is of the Thai block (letters, vowels, marks, digits)."""
    return "\u0e00" <= character <= "\u0e7f"


def english_person(prefix: str, name: str) -> str:
    """Return an English name with its prefix, e.g. "Mr. Somchai Jaidee"."""
    prefix, name = prefix.strip(), name.strip()
    return f"{prefix} {name}" if prefix else name


def thai_clause_number(*parts: int) -> str:
    """Return a clause number in Thai digits, e.g. (2, 1) -> "๒.๑"."""
    if not parts:
        raise ValueError("a clause number needs at least one part")
    for part in parts:
        _check_count(part)
    return thai_digits(".".join(str(part) for part in parts))
