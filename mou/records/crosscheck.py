"""Cross-language checks: the Thai and English texts of an agreement say the same things.

Validation runs these for every agreement made in both Thai and English, before anything
is rendered. They check what a machine can tell without understanding the words:

- every number, year, date and time written in a bilingual text (a clause's heading, text
  and sub-items, the title, subject, place, budget source, a party's name and address, a
  person's position …) appears in the other language's text of the same field: Thai
  digits, thousands separators and decimals (๑๕๐,๐๐๐ = 150,000 = 150000), Buddhist-era
  years (พ.ศ. ๒๕๖๔ = 2021 = B.E. 2564), Thai and English month names, and English number
  words as a translation of digits (๔ รุ่น = four cohorts);
- a web or e-mail address written in one language is written the same in the other (the
  digits inside one are no numbers), and a word in Latin letters kept in the Thai text is
  not spelt otherwise in the English (Nguyễn / Nguyen, Müller / Mueller);
- a person's name has a given name and a surname in both languages if it has them in one;
- sub-items labelled (ก) (ข) (ค) in the Thai text are (a) (b) (c) in the English.

Each finding is a Problem at the value it is about (the Thai text's line, or the English
text's when the English alone has it); validation makes them errors, or warnings with
--allow-mismatch. Cheap: regular expressions over the records, nothing rendered.
"""

from __future__ import annotations

import calendar
import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel

from mou.core.errors import Problem
from mou.core.messages import Message, printable, say
from mou.language.thai import (
    _EN_ONES,
    _EN_SCALES,
    _EN_TENS,
    EN_MONTHS,
    PHONE_NUMBER,
    THAI_MONTH_ABBREVIATIONS,
    THAI_MONTHS,
    arabic_digits,
    buddhist_year,
    thai_digits,
)
from mou.records.loading import KeyPath, Record, dotted_path
from mou.records.model import AMOUNT_REFERENCE, Bilingual, Person, replaced_fields
from mou.records.project import Project

BE_OFFSET = 543  # Buddhist era = common era + 543
CE_YEARS = range(1800, 2201)  # a bare number in these ranges may be a year…
BE_YEARS = range(2400, 2701)  # …in the common or the Buddhist era

# --- what the texts say: numbers, years, dates, times ----------------------------------------

EN_MONTH_ABBREVIATIONS = tuple(name[:3] for name in EN_MONTHS)


def _month_table(names: tuple[str, ...], *more: tuple[str, ...]) -> dict[str, int]:
    """Map every spelling of a month to its number 1-12."""
    table = {}
    for spellings in (names, *more):
        for number, name in enumerate(spellings, start=1):
            table[name] = number
    return table


TH_MONTH_NUMBERS = _month_table(THAI_MONTHS, THAI_MONTH_ABBREVIATIONS)
_EN_SPELLINGS = _month_table(EN_MONTHS, EN_MONTH_ABBREVIATIONS, tuple(f"{a}." for a in EN_MONTH_ABBREVIATIONS)) | {
    "Sept": 9,
    "Sept.": 9,
}
# A heading or a title may write a month in capitals (1 SEPTEMBER 2020, 1 SEPT. 2020); in lower
# case, "may" and "mar" are words, so only the capitalised and the upper-case forms are months.
EN_MONTH_NUMBERS = _EN_SPELLINGS | {name.upper(): number for name, number in _EN_SPELLINGS.items()}


def _alternatives(words: list[str] | dict[str, int]) -> str:
    """A regex alternation of words, longest first (so มีนาคม is not read as มี…)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_D = "[0-9]"
_NUMBER = rf"(?<![0-9])(?:{_D}{{1,3}}(?:,{_D}{{3}})+(?![0-9])|{_D}+)(?:\.{_D}+)?(?![0-9])"
TH_ERA = r"พ\.\s?ศ\.|ค\.\s?ศ\.|พุทธศักราช|คริสต์ศักราช"
EN_ERA = r"B\.\s?E\.|A\.\s?D\.|C\.\s?E\.|\bBE\b|\bAD\b|\bCE\b|Buddhist Era"
_TH_MONTH = _alternatives(TH_MONTH_NUMBERS)
_EN_MONTH = rf"(?:{_alternatives(EN_MONTH_NUMBERS)})(?![A-Za-z])"
_EN_DAY = rf"(?<![0-9.,])(?P<day>{_D}{{1,2}})(?:st|nd|rd|th)?(?![0-9])"
# After an abbreviated month's period a space may be left out: Sept.1, 2020; 1 Sept.2020.
_AFTER_MONTH = r"(?:\s+|(?<=\.))"
_EN_YEAR = rf"(?:(?:,?\s+|(?<=\.)\s*)(?:(?P<era>{EN_ERA})\s*)?(?P<year>{_D}{{4}})(?![0-9]))"
# 01-Sep-2020, 1-Sept-2020: day, month and year joined by hyphens, as forms and spreadsheets write them.
_EN_HYPHENED = rf"(?<![0-9.,-])(?P<day>{_D}{{1,2}})-(?P<month>{_EN_MONTH})-(?P<year>{_D}{{4}})(?![0-9])"
DATES = {
    "th": [
        re.compile(
            rf"(?:(?<![0-9.,])(?P<day>{_D}{{1,2}})\s*)?(?:เดือน\s*)?(?P<month>{_TH_MONTH})"
            # two digits followed by a month are the next date's day (๓๑ มีนาคม ๓๐ มิถุนายน), not a year
            rf"(?:\s*(?:(?P<era>{TH_ERA})\s*)?(?P<year>{_D}{{4}}|{_D}{{2}}(?!\s*(?:เดือน\s*)?(?:{_TH_MONTH})))(?![0-9]))?"
        )
    ],
    "en": [
        re.compile(rf"(?P<era>){_EN_HYPHENED}"),  # an era never written: empty, as every date pattern has one
        re.compile(rf"{_EN_DAY}\s+(?:(?:day\s+)?of\s+)?(?P<month>{_EN_MONTH}){_EN_YEAR}?"),
        re.compile(
            rf"(?P<month>{_EN_MONTH}){_AFTER_MONTH}(?P<day>{_D}{{1,2}})(?:st|nd|rd|th)?(?![0-9]|\.[0-9]){_EN_YEAR}?"
        ),
        re.compile(rf"(?P<month>{_EN_MONTH}){_EN_YEAR}"),
    ],
}
# 1/9/2563 or 01/09/2020: day first, as Thai and British usage write it; and 2020-09-01.
NUMERIC_DATES = [
    re.compile(rf"(?<![0-9/.,])(?P<day>{_D}{{1,2}})/(?P<month>{_D}{{1,2}})/(?P<year>{_D}{{4}})(?![0-9/])"),
    re.compile(rf"(?<![0-9.,-])(?P<year>{_D}{{4}})-(?P<month>{_D}{{2}})-(?P<day>{_D}{{2}})(?![0-9-])"),
]
YEARS = {
    "th": re.compile(rf"(?P<era>{TH_ERA}|ปีงบประมาณ|ปี)\s*(?P<year>{_D}{{4}})(?![0-9])"),
    "en": re.compile(
        rf"(?P<era>{EN_ERA})\s*(?P<year>{_D}{{4}})(?![0-9])"
        rf"|(?<![0-9.,])(?P<year2>{_D}{{4}})\s*(?P<era2>{EN_ERA})"
    ),
}
_HALF = r"a\.m\.|p\.m\.|am\b|pm\b"
TIMES = {  # 14.30 น., ๑๔ นาฬิกา; 14:30, 2:30 p.m., 14.30 hrs, 2 pm
    "th": re.compile(
        rf"(?<![0-9.,])(?P<hour>{_D}{{1,2}})(?:[.:](?P<minute>{_D}{{2}})\s*(?:น\.|นาฬิกา)"
        # the first time of a range that writes น. once: 08:30–16:30 น., ๘.๓๐ ถึง ๑๖.๓๐ น.
        rf"|[.:](?P<minute2>{_D}{{2}})(?=\s*(?:[-–—]|ถึง)\s*{_D}{{1,2}}[.:]{_D}{{2}}\s*(?:น\.|นาฬิกา))"
        rf"|\s*นาฬิกา)"
    ),
    "en": re.compile(
        rf"(?<![0-9.,:])(?P<hour>{_D}{{1,2}})(?::(?P<minute>{_D}{{2}})(?![0-9])"
        rf"(?:\s*(?P<half>{_HALF}))?"
        rf"|\.(?P<minute2>{_D}{{2}})\s*(?P<half2>{_HALF}|hrs\b)|\s*(?P<half3>{_HALF}))"
    ),
}
NUMBERS = re.compile(_NUMBER)
# Two numbers parted by a colon or ต่อ: in Thai, where a time is written with น. (๑๓.๒๐ น.), a
# ratio or a score (อัตราส่วน ๑:๒๐, ๑ ต่อ ๒๐), which English writes 1:20, not a time.
RATIO = re.compile(r"(?<![0-9.,:])(?P<first>[0-9]{1,4})\s*(?::|ต่อ)\s*(?P<second>[0-9]{1,4})(?![0-9.:])")
# A fraction sign right after a whole number: 2½ percent is ร้อยละ ๒.๕.
VULGAR_FRACTIONS = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}
# A number followed by a scale word: ๑.๕ ล้าน may be translated 1,500,000, and 1.5 million.
SCALES = {
    "th": {"พัน": 10**3, "หมื่น": 10**4, "แสน": 10**5, "ล้าน": 10**6},
    "en": {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12},
}
SCALE_AFTER = {lang: re.compile(rf"\s*({_alternatives(words)})") for lang, words in SCALES.items()}

# English number words, cardinal and ordinal: only ever a translation of Thai digits, never
# a number the Thai must also have ("one of the Parties" is not a number in the Thai text).
_ORDINALS = (
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)
WORD_VALUES: dict[str, int] = (
    {w: n for n, w in enumerate(_EN_ONES)}
    | {w: 10 * n for n, w in enumerate(_EN_TENS) if w}
    | {w: n for n, w in enumerate(_ORDINALS)}
    | {f"{w}th": n for n, w in enumerate(_EN_ONES) if n > 12}
    | {f"{w[:-1]}ieth": 10 * n for n, w in enumerate(_EN_TENS) if w}
    | {"once": 1, "twice": 2, "thrice": 3}
)
WORD_SCALES = {"hundred": 100, "hundredth": 100, "thousandth": 10**3} | {
    w: 1000**power for power, w in enumerate(_EN_SCALES) if w
}  # every scale thai.english_number_words says
_WORD = _alternatives(list(WORD_VALUES) + list(WORD_SCALES))
# A fraction said after a number: "two and a half years" is ๒.๕ ปี, "one and three quarters" ๑.๗๕.
FRACTION_WORDS = {"a half": Decimal("0.5"), "a quarter": Decimal("0.25"), "three quarters": Decimal("0.75")}
_FRACTION = r"(?:a|one)[\s-]+half|(?:a|one)[\s-]+quarter|three[\s-]+quarters"
_AND = rf"\s+and\s+(?!(?:{_FRACTION})\b)"
_FRACTION_AT_END = re.compile(rf" and ({_FRACTION})$")  # in words parted by single spaces
# ASCII: under Unicode rules "ſecond" (long s) would match "second" and find no value.
# "threefold" and "ten-fold" say their number too (๓ เท่า).
NUMBER_WORDS = re.compile(
    rf"\b(?:{_WORD})(?:(?:{_AND}|[\s-]+)(?:{_WORD}))*(?:fold)?(?:\s+and\s+(?:{_FRACTION}))?\b",
    re.IGNORECASE | re.ASCII,
)

# English words that translate Thai digits without being digits or number words: "within a
# year" (ภายใน ๑ ปี), "quarterly" (ทุก ๓ เดือน, or ปีละ ๔ ครั้ง), "in duplicate" (๒ ฉบับ), "at noon"
# (๑๒.๐๐ น.). Like number words they only ever give, never require.
_UNITS = r"year|month|week|day|hour|minute|time|term|period|cohort|session|meeting|round"
IMPLIED_NUMBERS: list[tuple[re.Pattern[str], frozenset[tuple[Any, ...]]]] = [
    (re.compile(rf"\ban?\s+(?:single\s+)?(?:{_UNITS})\b", re.I | re.A), frozenset({("n", Decimal(1))})),
    (re.compile(r"\b(?:annual(?:ly)?|yearly|monthly|weekly|daily)\b", re.I | re.A), frozenset({("n", Decimal(1))})),
    (re.compile(r"\bquarterly\b", re.I | re.A), frozenset({("n", Decimal(3)), ("n", Decimal(4))})),
    (
        re.compile(r"\b(?:semi-?annual(?:ly)?|bi-?annual(?:ly)?|half-?yearly|twice-yearly)\b", re.I | re.A),
        frozenset({("n", Decimal(2)), ("n", Decimal(6))}),
    ),
    (re.compile(r"\bfortnight(?:ly)?\b", re.I | re.A), frozenset({("n", Decimal(2)), ("n", Decimal(14))})),
    (re.compile(r"\bduplicate\b", re.I | re.A), frozenset({("n", Decimal(2))})),
    (re.compile(r"\btriplicate\b", re.I | re.A), frozenset({("n", Decimal(3))})),
    (re.compile(r"\bquadruplicate\b", re.I | re.A), frozenset({("n", Decimal(4))})),
    (re.compile(r"\bdozens?\b", re.I | re.A), frozenset({("n", Decimal(12))})),
    (re.compile(r"\b(?:double|doubled)\b", re.I | re.A), frozenset({("n", Decimal(2))})),
    (re.compile(r"\b(?:triple|tripled)\b", re.I | re.A), frozenset({("n", Decimal(3))})),
    (re.compile(r"\b(?:quadruple|quadrupled)\b", re.I | re.A), frozenset({("n", Decimal(4))})),
    (
        re.compile(r"\b(?:half|halves)\b", re.I | re.A),
        frozenset({("n", Decimal("0.5")), ("n", Decimal(50)), ("n", Decimal(1)), ("n", Decimal(2))}),
    ),
    # a fraction in words says its denominator: two-thirds is ๒ ใน ๓ (its numerator is a number
    # word); half is one of two, ๑ ใน ๒
    *(
        (re.compile(rf"\b{word}\b", re.I | re.A), frozenset({("n", Decimal(n))}))
        for word, n in (("thirds", 3), ("quarters?", 4), ("fourths", 4), ("fifths", 5), ("sixths", 6), ("tenths", 10))
    ),
    (re.compile(r"\b(?:noon|midday)\b", re.I | re.A), frozenset({("t", 12, 0), ("n", Decimal(12))})),
    (
        re.compile(r"\bmidnight\b", re.I | re.A),
        frozenset({("t", 0, 0), ("t", 24, 0), ("n", Decimal(24)), ("n", Decimal(0))}),
    ),
]

# Roman numerals, a translation of Thai digits like number words (ระยะที่ ๒ = Phase II): two letters
# or more in capitals, or one after a word that numbers a part (Phase I, Annex V). Up to 399 (no D
# or M), so that abbreviations (MD, DC) are not read as numbers.
_NUMBERED_PARTS = r"phase|part|stage|step|round|volume|chapter|book|annex|appendix|schedule|title|level|grade|class"
ROMAN_NUMERALS = re.compile(
    rf"(?<![A-Za-z])(?:(?P<numeral>[CLXVI]{{2,}})|(?i:{_NUMBERED_PARTS})\s+(?P<single>[IVX]))(?![A-Za-z])"
)
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_CANONICAL = (("C", 100), ("XC", 90), ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def roman_value(numeral: str) -> int | None:
    """Return the value of a Roman numeral written the usual way (XIV), or None (IIII, VX, IL)."""
    total = 0
    for index, letter in enumerate(numeral):
        value = _ROMAN_DIGITS[letter]
        later = _ROMAN_DIGITS[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < later else value
    written, rest = "", total
    for letters, value in _ROMAN_CANONICAL:
        count, rest = divmod(rest, value)
        written += letters * count
    return total if written == numeral else None


Key = tuple[Any, ...]


@dataclass(frozen=True)
class Fact:
    """One number, year, date or time found in a text, and what in the other text matches it."""

    kind: str  # number, year, date or time: names it in messages
    shown: str  # as written
    counterpart: str  # how the other language would write it
    provides: frozenset[Key]  # what it gives the other text to match
    wants: frozenset[Key]  # one of these must be in the other text; none: it only gives
    date: tuple[int | None, int, int | None] | None = None  # (day, month, year) of a date


# Full-width digits (１０) are refused where they stand (coverage.py); read as the number they say,
# they are not a mismatch besides.
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _digits(text: str) -> str:
    """The text with Thai and full-width digits written as Arabic ones, one character for one."""
    return arabic_digits(text).translate(FULL_WIDTH_DIGITS)


def _decimal(digits: str) -> Decimal | None:
    """Return the value of '150,000.50' as a Decimal (None if it cannot be one)."""
    try:
        return Decimal(digits.replace(",", "")).normalize()
    except InvalidOperation:
        return None


def _year(written: int, era: str | None, language: str, two_digits: bool = False) -> int:
    """Return the common-era year of a year as written, with or without its era."""
    era = (era or "").replace(" ", "")
    if two_digits:  # ๖๓ after a Thai month is 2563; 20 after an English one is 2020
        return written + 2500 - BE_OFFSET if language == "th" else written + 2000
    if era in ("พ.ศ.", "พุทธศักราช", "B.E.", "BE", "BuddhistEra"):
        return written - BE_OFFSET
    if era in ("ค.ศ.", "คริสต์ศักราช", "A.D.", "AD", "C.E.", "CE"):
        return written
    return written - BE_OFFSET if written in BE_YEARS else written


def _be_year(year: int) -> str:
    """Write a common-era year as the Thai text would: พ.ศ. ๒๕๖๓."""
    return f"พ.ศ. {thai_digits(buddhist_year(year))}"


def _date_text(day: int | None, month: int, year: int | None, language: str) -> str:
    """Write a date the way the other language would: 1 September 2020 / ๑ กันยายน พ.ศ. ๒๕๖๓."""
    if language == "en":
        return " ".join(str(p) for p in (day, EN_MONTHS[month - 1], year) if p is not None)
    parts = [thai_digits(day) if day else None, THAI_MONTHS[month - 1], _be_year(year) if year is not None else None]
    return " ".join(p for p in parts if p)


def _date_fact(
    shown: str, day: int | None, month: int, year: int | None, written_year: str | None, language: str
) -> Fact:
    """A date: it matches the same day, month and year; it gives its year to the other text too."""
    provides: set[Key] = {("d", day, month, year), ("d", day, month, None), ("m", month, year)}
    if year is not None:
        provides |= {("y", year)}
    if written_year:
        provides.add(("n", Decimal(written_year)))
    other = "en" if language == "th" else "th"
    return Fact(
        "date",
        shown,
        _date_text(day, month, year, other),
        frozenset(provides),
        frozenset({("d", day, month, year) if day else ("m", month, year)}),
        (day, month, year),
    )


def _year_fact(shown: str, year: int, written: str, language: str) -> Fact:
    """A year with its era: matches the same common-era year, however written."""
    counterpart = str(year) if language == "th" else _be_year(year)
    return Fact("year", shown, counterpart, frozenset({("y", year), ("n", Decimal(written))}), frozenset({("y", year)}))


def _number_fact(shown: str, value: Decimal, scaled: Decimal | None, language: str) -> Fact:
    """A number; a bare one that may be a year also matches that year, in either era."""
    keys: set[Key] = {("n", value)} | ({("n", scaled)} if scaled is not None else set())
    counterpart = (arabic_digits if language == "th" else thai_digits)(shown)
    kind = "number"
    whole = int(value) if value == value.to_integral_value() and abs(value) < 10**5 else None
    if "," not in shown and whole is not None and (whole in CE_YEARS or whole in BE_YEARS):
        kind = "year"
        year = _year(whole, None, language)
        keys.add(("y", year))
        counterpart = str(year) if language == "th" else _be_year(year)
    return Fact(kind, shown, counterpart, frozenset(keys), frozenset(keys))


def _time_fact(shown: str, hour: int, minute: int, half: str | None, language: str) -> Fact:
    """A time of day: 14.30 น. = 14:30 = 2:30 p.m. (= 14.30 written as a plain number)."""
    half = (half or "").replace(".", "").lower()
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    keys = frozenset({("t", hour, minute), ("n", Decimal(f"{hour}.{minute:02d}").normalize())})
    counterpart = f"{hour}:{minute:02d}" if language == "th" else thai_digits(f"{hour}.{minute:02d} น.")
    return Fact("time", shown, counterpart, keys, keys)


def _or_ratio(fact: Fact, first: int, second: int) -> Fact:
    """An English 1:20 without a.m. or p.m., which may be a ratio: matched by the Thai ๑:๒๐ and its two numbers."""
    numbers = {("n", Decimal(first)), ("n", Decimal(second))}
    ratio = ("r", first, second)
    return replace(fact, provides=fact.provides | numbers | {ratio}, wants=fact.wants | {ratio})


def _phone_fact(shown: str, language: str) -> Fact:
    """A telephone number: the same digits, the country code +66 read as the leading 0."""
    digits = re.sub(r"[^0-9]", "", arabic_digits(shown))
    national = "0" + digits[2:].removeprefix("0") if shown.lstrip().startswith("+") else digits
    counterpart = national if language == "th" else thai_digits(national)
    keys = frozenset({("p", national)})
    return Fact("phone", shown, counterpart, keys, keys)


def _word_numbers(run: str) -> list[Decimal]:
    """Return the numbers a run of English number words says: 'one hundred and fifty thousand', 'two and a half'."""
    words = re.sub(r"[\s-]+", " ", run.lower())
    fraction = _FRACTION_AT_END.search(words)
    if fraction:
        words = words[: fraction.start()]
    values = [Decimal(value) for value in _whole_numbers(words.removesuffix("fold"))]
    if fraction and values:
        values[-1] += FRACTION_WORDS[fraction[1].replace("one ", "a ")]
    return values


def _whole_numbers(run: str) -> list[int]:
    """Return the whole numbers a run of English number words says, separated by single spaces."""
    values: list[int] = []
    total = current = 0
    started = False
    for token in run.split(" "):
        if token == "and":
            continue
        if token in WORD_SCALES:
            scale = WORD_SCALES[token]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total, current = total + (current or 1) * scale, 0
            started = True
            continue
        value = WORD_VALUES[token]
        low = current % 100
        fits = low == 0 or (value < 10 and low >= 20 and low % 10 == 0)
        if started and not fits:
            values.append(total + current)  # "four five": two numbers
            total = current = 0
        current += value
        started = True
    if started:
        values.append(total + current)
    return values


def facts(text: str, language: str) -> list[Fact]:
    """Return the numbers, years, dates and times a text in one language writes, in order."""
    plain = _digits(text)  # one character for one: positions stay the same
    taken = bytearray(len(plain))
    found: list[tuple[int, Fact]] = []

    def claim(start: int, end: int, fact: Fact) -> None:
        taken[start:end] = b"\1" * (end - start)
        found.append((start, fact))

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    for pattern in DATES[language]:
        for match in pattern.finditer(plain):
            day = int(match["day"]) if match.groupdict().get("day") else None
            if (day is None and not match["year"]) or (day is not None and not 1 <= day <= 31):
                continue
            if day is None and match["month"] in THAI_MONTH_ABBREVIATIONS:
                continue  # "ก.พ. ๒๕๕๑" is more likely the Civil Service Commission than February
            if not free(*match.span()):
                continue
            month = (TH_MONTH_NUMBERS if language == "th" else EN_MONTH_NUMBERS)[match["month"]]
            end, year, written = match.end(), None, None
            if match["year"]:
                two = len(match["year"]) == 2
                if two and match["month"] not in THAI_MONTH_ABBREVIATIONS:
                    end = match.end("month")  # ๑ กันยายน ๓๐ คน: the ๓๐ is not a year
                    if day is None:
                        continue
                else:
                    written = match["year"]
                    year = _year(int(written), match["era"], language, two)
            start = match.start() if day else match.start("month")  # not "เดือน"
            claim(match.start(), end, _date_fact(text[start:end], day, month, year, written, language))
    for match in (m for pattern in NUMERIC_DATES for m in pattern.finditer(plain)):
        day, month, written = int(match["day"]), int(match["month"]), match["year"]
        if 1 <= day <= 31 and 1 <= month <= 12 and free(*match.span()):
            claim(
                *match.span(),
                _date_fact(
                    text[match.start() : match.end()],
                    day,
                    month,
                    _year(int(written), None, language),
                    written,
                    language,
                ),
            )
    for match in YEARS[language].finditer(plain):
        if free(*match.span()):
            written, era = match["year"] or match["year2"], match["era"] or match["era2"]
            era = None if era in ("ปี", "ปีงบประมาณ") else era
            # "ปีงบประมาณ ๒๕๖๔" is shown as ๒๕๖๔; "พ.ศ. ๒๕๖๔" and "B.E. 2564" whole.
            shown = text[match.start("year") : match.end()] if era is None else text[match.start() : match.end()]
            claim(*match.span(), _year_fact(shown, _year(int(written), era, language), written, language))
    for match in PHONE_NUMBER.finditer(plain):
        if free(*match.span()):
            claim(*match.span(), _phone_fact(text[match.start() : match.end()], language))
    for match in TIMES[language].finditer(plain):
        if free(*match.span()):
            groups = match.groupdict()
            hour, minute = int(groups["hour"]), int(groups["minute"] or groups.get("minute2") or 0)
            half = groups.get("half") or groups.get("half2") or groups.get("half3")
            if hour <= 24 and minute < 60:
                fact = _time_fact(text[match.start() : match.end()], hour, minute, half, language)
                if language == "en" and groups["minute"] and not half:
                    fact = _or_ratio(fact, hour, minute)
                claim(*match.span(), fact)
    if language == "th":  # ๑:๒๐ without น. is a ratio: it gives what an English 1:20 wants
        for match in RATIO.finditer(plain):
            ratio: frozenset[Key] = frozenset({("r", int(match["first"]), int(match["second"]))})
            found.append((match.start(), Fact("number", match[0], "", ratio, frozenset())))
    for match in NUMBERS.finditer(plain):
        value = _decimal(match[0])
        if value is None or not free(*match.span()):
            continue
        end = match.end()
        if plain[end : end + 1] in VULGAR_FRACTIONS and "." not in match[0]:  # 2½ is 2.5
            value, end = (value + VULGAR_FRACTIONS[plain[end]]).normalize(), end + 1
        scale = SCALE_AFTER[language].match(plain, end)
        scaled = (value * SCALES[language][scale[1]]).normalize() if scale else None
        claim(match.start(), end, _number_fact(text[match.start() : end], value, scaled, language))
    if language == "en":
        for match in NUMBER_WORDS.finditer(plain):
            keys = frozenset(("n", n) for n in _word_numbers(match[0]))
            found.append((match.start(), Fact("number", match[0], "", keys, frozenset())))
        for pattern, keys in IMPLIED_NUMBERS:
            found += [(m.start(), Fact("number", m[0], "", keys, frozenset())) for m in pattern.finditer(plain)]
        for match in ROMAN_NUMERALS.finditer(plain):
            numeral = match["numeral"] or match["single"]
            said = roman_value(numeral)
            if said is not None:
                numbered: frozenset[Key] = frozenset({("n", Decimal(said))})
                found.append((match.start(), Fact("number", numeral, "", numbered, frozenset())))
    return [fact for _, fact in sorted(found, key=lambda pair: pair[0])]


# --- comparing the two texts of one field ----------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One thing the two texts of a field do not say alike; reported at `language`'s text."""

    language: str
    message: Message
    at: tuple[str, int] | None = None  # (text, occurrence) inside the field it is about, if known


WHAT = {"number": "xc_number", "year": "xc_year", "date": "xc_date", "time": "xc_time", "phone": "xc_phone"}


def _unmatched(mine: list[Fact], theirs: list[Fact]) -> list[Fact]:
    """Return the facts of one text that the other text does not match, each once."""
    given = frozenset().union(*(fact.provides for fact in theirs))
    missing: dict[tuple[str, frozenset[Key]], Fact] = {}
    for fact in mine:
        if fact.wants and not fact.wants & given:
            missing.setdefault((fact.kind, fact.wants), fact)
    return list(missing.values())


def _date_parts(th: Fact, en: Fact) -> Message:
    """Name the parts of two dates that differ: 'day', 'month and year' …"""
    assert th.date is not None and en.date is not None
    parts = [say(key) for key, a, b in zip(("xc_day", "xc_month", "xc_year"), th.date, en.date) if a != b]
    if not parts:
        return say("xc_date")
    message = parts[0]
    for part in parts[1:]:
        message = message + say("xc_and") + part
    return message


def _references(text: str) -> dict[str, tuple[str, int]]:
    """The {amount:<key>} references of a text: key -> (what to find, which occurrence), first of each."""
    found: dict[str, tuple[str, int]] = {}
    for match in AMOUNT_REFERENCE.finditer(text):
        needle = match[0].split()[0]
        found.setdefault(match["key"].strip(), (needle, text[: match.start()].count(needle)))
    return found


def _without_references(text: str) -> str:
    """The text with each {amount:<key>} blanked out, positions kept: a key's digits are no number."""
    return AMOUNT_REFERENCE.sub(lambda match: " " * len(match[0]), text)


# A web address (https://…, www.…) or an e-mail address: written alike in both languages. Thai
# letters end one, so an address run into the Thai word after it is still read whole.
_ADDRESS_CHAR = '[^\\s<>"“”‘’()\\[\\]\u0e00-\u0e7f]'
ADDRESSES = re.compile(
    rf"(?:https?://|www\.){_ADDRESS_CHAR}+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}}",
    re.IGNORECASE,
)
_ADDRESS_END = ".,;:!?'"


def addresses(text: str) -> list[tuple[int, str]]:
    """The web and e-mail addresses of a text, (offset, address), the sentence's punctuation after one left out."""
    return [(match.start(), match[0].rstrip(_ADDRESS_END)) for match in ADDRESSES.finditer(text)]


def _without_addresses(text: str) -> str:
    """The text with each address blanked out, positions kept: the digits in an address are no number."""
    for start, address in addresses(text):
        text = text[:start] + " " * len(address) + text[start + len(address) :]
    return text


def _address_key(address: str) -> str:
    """An address as compared: an e-mail address in any case; a web address without its scheme or a last /, its host in any case."""
    if "@" in address and "/" not in address:
        return address.casefold()
    host, slash, path = re.sub(r"^https?://", "", address, flags=re.IGNORECASE).partition("/")
    return host.casefold() + (slash + path).rstrip("/")


def _written_bare(address: str, other: str) -> bool:
    """Whether the other text holds a web address without its scheme or www. (www.kku.ac.th/x as kku.ac.th/x)."""
    bare = re.sub(r"^(?:www\.)", "", _address_key(address))
    return "@" not in address and bool(re.search(rf"(?<![\w.]){re.escape(bare)}(?![\w/])", other, re.IGNORECASE))


def address_findings(th: str, en: str) -> list[Finding]:
    """An address written in one language of a field must be written the same in the other."""
    th_found, en_found = addresses(th), addresses(en)
    th_keys, en_keys = {_address_key(a) for _, a in th_found}, {_address_key(a) for _, a in en_found}
    # An address one text writes bare (kku.ac.th, not read as one) is still there: no finding.
    th_only = [a for _, a in th_found if _address_key(a) not in en_keys and not _written_bare(a, en)]
    en_only = [a for _, a in en_found if _address_key(a) not in th_keys and not _written_bare(a, th)]
    findings = []
    for address in dict.fromkeys(th_only):
        kind = "@" in address
        other = next((a for a in en_only if ("@" in a) == kind), None)
        if other is None:
            findings.append(Finding("th", say("xc_address_only_th", th=address), (address, 0)))
            continue
        en_only.remove(other)
        findings.append(Finding("th", say("xc_address_differs", th=address, en=other), (address, 0)))
    findings += [Finding("en", say("xc_address_only_en", en=a), (a, 0)) for a in dict.fromkeys(en_only)]
    return findings


# A word in Latin letters (with their accents), as a name kept in the Thai text is written.
LATIN_WORDS = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+(?:['’-][A-Za-z\u00c0-\u024f\u1e00-\u1eff]+)*")
# How German writes its umlauts without them: Müller is Mueller.
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _spellings(word: str) -> set[str]:
    """A word's letters without their accents, as English texts often write a name: Nguyễn → nguyen, Müller → muller, mueller."""
    lower = word.casefold()
    plain = "".join(c for c in unicodedata.normalize("NFD", lower) if not unicodedata.combining(c))
    return {plain.replace("đ", "d").replace("ø", "o").replace("ł", "l"), lower.translate(_UMLAUTS)}


def spelling_findings(th: str, en: str) -> list[Finding]:
    """A word in Latin letters in the Thai text that the English spells with other accents, or none."""
    en_words = {word.casefold(): word for word in LATIN_WORDS.findall(en)}
    findings, said = [], set()
    for word in LATIN_WORDS.findall(th):
        if len(word) < 2 or word.casefold() in en_words or word in said:
            continue
        other = next((e for key, e in en_words.items() if _spellings(word) & _spellings(e)), None)
        if other is not None:
            said.add(word)
            findings.append(Finding("th", say("xc_spelling", th=word, en=other), (word, 0)))
    return findings


def reference_findings(th: str, en: str) -> list[Finding]:
    """An amount referred to in one language of a field must be referred to in the other too."""
    th_keys, en_keys = _references(th), _references(en)
    return [
        Finding(language, say(f"xc_amount_only_{language}", reference=f"{{amount:{key}}}"), where)
        for language, mine, theirs in (("th", th_keys, en_keys), ("en", en_keys, th_keys))
        for key, where in mine.items()
        if key not in theirs
    ]


# The year of a date, or after "year" / ปี, written with no era: English 2400-2700 is a
# Buddhist-era year printed where readers take the common era, Thai 1800-2200 the reverse.
_BARE_YEAR_BEFORE = {"th": r"(?:ปีงบประมาณ|ปี)\s*", "en": r"\b(?:[Yy]ear|FY)\s+"}
_OTHER_ERA_YEARS = {"th": CE_YEARS, "en": BE_YEARS}


def era_findings(text: str, language: str) -> list[Finding]:
    """A year of a date, or after ปี / year, written in the other language's era and without naming it."""
    plain = _digits(text)
    bare = re.compile(_BARE_YEAR_BEFORE[language] + rf"(?P<year>{_D}{{4}})(?![0-9])")
    years = [m for pattern in DATES[language] for m in pattern.finditer(plain) if m["year"] and not m["era"]]
    years += list(bare.finditer(plain))
    findings, said = [], set()
    for match in sorted(years, key=lambda m: m.start("year")):
        written = match["year"]
        if len(written) != 4 or int(written) not in _OTHER_ERA_YEARS[language] or written in said:
            continue
        said.add(written)
        shown = text[match.start("year") : match.end("year")]
        at = (shown, text[: match.start("year")].count(shown))
        if language == "en":
            message = say("xc_year_era_en", year=written, ce=int(written) - BE_OFFSET)
        else:
            message = say("xc_year_era_th", year=shown, be=thai_digits(buddhist_year(int(written))))
        findings.append(Finding(language, message, at))
    return findings


def text_findings(text: str, language: str) -> list[Finding]:
    """What one text says wrong whatever the other says: a year in the other era, a date that does not exist."""
    return _one_text_findings(_without_addresses(_without_references(text)), language)


def _one_text_findings(text: str, language: str) -> list[Finding]:
    """The findings of text_findings, on a text whose references and addresses are blanked out."""
    found = era_findings(text, language) + missing_date_findings(text, language) + weekday_findings(text, language)
    return found + (thai_digit_findings(text) if language == "en" else [])


# A number in Thai digits, with its commas and points: the English edition's readers do not read ๑๕๐.
THAI_DIGIT_NUMBER = re.compile(r"[๐-๙](?:[๐-๙,.]*[๐-๙])?")


def thai_digit_findings(text: str) -> list[Finding]:
    """A number written in Thai digits in an English text (THB ๑๕๐,๐๐๐), once each, at it."""
    findings, said = [], set()
    for match in THAI_DIGIT_NUMBER.finditer(text):
        if match[0] not in said:
            said.add(match[0])
            message = say("xc_thai_digits_in_english", number=match[0], arabic=arabic_digits(match[0]))
            findings.append(Finding("en", message, (match[0], 0)))
    return findings


def _letters(text: str) -> tuple[int, int]:
    """How many Thai letters and how many Latin letters a text has."""
    thai = sum(1 for char in text if "\u0e01" <= char <= "\u0e4e")
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    return thai, latin


def wrong_language_findings(th: str, en: str) -> list[Finding]:
    """An English text written in Thai letters: the Thai text pasted into `en`, which the English edition prints as it is.

    (The other way round is not refused: a Thai text may be Latin letters only, a name kept as
    its owner writes it, a code, or markup a test feeds in to see it escaped.)
    """
    thai, latin = _letters(en)
    return [Finding("en", say("xc_english_in_thai_letters"))] if thai > latin else []


# The days of the week, Monday first (datetime.weekday()), and how a text names one: before its
# date (วันจันทร์ที่ ๖ มกราคม ๒๕๖๘, Monday, 6 January 2025) or after it in brackets (… (วันจันทร์)).
THAI_WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_NUMBERS = {name: n for n, name in enumerate(THAI_WEEKDAYS)} | {"พฤหัส": 3}
_WEEKDAY_NUMBERS |= {name.lower(): n for n, name in enumerate(EN_WEEKDAYS)}
_WEEKDAY_NAME = {
    "th": r"วัน(?P<day>พฤหัสบดี|พฤหัส|จันทร์|อังคาร|พุธ|ศุกร์|เสาร์|อาทิตย์)",
    "en": r"(?<![A-Za-z])(?i:(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday))(?![A-Za-z])",
}
WEEKDAY_BEFORE = {
    "th": re.compile(_WEEKDAY_NAME["th"] + r"\s*(?:ที่\s*)?"),
    "en": re.compile(_WEEKDAY_NAME["en"] + r",?\s+(?:the\s+)?"),
}
WEEKDAY_AFTER = {language: re.compile(rf"\s*\(\s*{name}\s*\)") for language, name in _WEEKDAY_NAME.items()}


def weekday_findings(text: str, language: str) -> list[Finding]:
    """A day of the week named with a date that falls on another day: วันจันทร์ที่ ๗ มกราคม ๒๕๖๘ (a Tuesday)."""
    findings = []
    for match in WEEKDAY_BEFORE[language].finditer(text):
        dated = facts(text[match.end() :], language)
        date = next((f for f in dated if f.date is not None), None)
        if date is not None and text[match.end() :].startswith(date.shown):
            findings += _weekday_finding(text, match, date, language)
    for match in WEEKDAY_AFTER[language].finditer(text):
        before = text[: match.start()]
        dated = [f for f in facts(before, language) if f.date is not None]
        if dated and before.endswith(dated[-1].shown):
            findings += _weekday_finding(text, match, dated[-1], language)
    return findings


def _weekday_finding(text: str, match: re.Match[str], date: Fact, language: str) -> list[Finding]:
    """The finding for a weekday named with a date, if the date falls on another day of the week."""
    assert date.date is not None
    day, month, year = date.date
    if day is None or year is None or day > calendar.monthrange(year, month)[1]:
        return []  # no whole date, or one that does not exist (said by missing_date_findings)
    actual = calendar.weekday(year, month, day)
    written = _WEEKDAY_NUMBERS[match["day"].lower() if language == "en" else match["day"]]
    if actual == written:
        return []
    shown = match["day"] if language == "en" else "วัน" + match["day"]
    message = say(
        "xc_weekday",
        value=date.shown,
        actual=Message(EN_WEEKDAYS[actual], THAI_WEEKDAYS[actual]),
        written=Message(EN_WEEKDAYS[written], THAI_WEEKDAYS[written]),
    )
    return [Finding(language, message, (shown, text[: match.start("day")].count(shown)))]


def missing_date_findings(text: str, language: str) -> list[Finding]:
    """A date written in a text that is not in the calendar: ๓๐ กุมภาพันธ์ ๒๕๖๙, 29 February 2026."""
    findings = []
    seen: dict[str, int] = {}
    for fact in facts(text, language):
        occurrence = seen.get(fact.shown, 0)
        seen[fact.shown] = occurrence + 1
        if fact.date is None:
            continue
        day, month, year = fact.date
        if day is None:
            continue
        days = calendar.monthrange(year if year is not None else 2024, month)[1]  # no year: 29 February may be
        if day <= days:
            continue
        # The Thai message names the month in Thai; the English one as the text writes it.
        month_name = Message(_month_name(month, language), THAI_MONTHS[month - 1])
        if year is None:
            message = say("date_no_day_any", value=fact.shown, month=month_name, days=days)
        elif language == "th":
            message = say("thai_date_no_day", value=fact.shown, month=month_name, year=year + BE_OFFSET, days=days)
        else:
            message = say("date_no_day_ce", value=fact.shown, month=month_name, year=year, days=days)
        findings.append(Finding(language, message, (fact.shown, occurrence)))
    return findings


def _month_name(month: int, language: str) -> str:
    """The name of a month in one language."""
    return (THAI_MONTHS if language == "th" else EN_MONTHS)[month - 1]


# Sub-item labels in a text: (ก) (ข) (ค) … in Thai, (a) (b) (c) … in English. Thai drafting
# labels in alphabetical order, skipping ฃ and ฅ, which are no longer written; the first 26
# Thai labels (ก … ฝ) are the English a … z.
THAI_LABELS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
OBSOLETE_LABELS = "ฃฅ"
ENGLISH_LABELS = "abcdefghijklmnopqrstuvwxyz"
TH_LABEL = re.compile(r"\(([\u0e01-\u0e2e])\)")
# A letter in brackets after a letter is a plural or a suffix (party(s)), not a label.
EN_LABEL = re.compile(r"(?<![A-Za-z])\(([A-Za-z])\)")
# (ii), (iv), (x) …: the text numbers its sub-items in Roman numerals, so (i), (v), (x) are numbers too.
ROMAN_LABEL = re.compile(r"(?<![A-Za-z])\((?:ii|iii|iv|vi|vii|viii|ix|xi|xii)\)", re.IGNORECASE)
ROMAN_LETTERS = "ivxIVX"


@dataclass(frozen=True)
class Label:
    """A sub-item label as written, where it is, and its place in its language's order."""

    shown: str  # (ค), (c)
    at: tuple[str, int]  # (text, occurrence) in the field, as Finding.at
    index: int


def _seen(text: str, start: int, shown: str) -> tuple[str, int]:
    """Where a label stands, as Finding.at: the label and how many times it was written before."""
    return shown, text[:start].count(shown)


def thai_labels(text: str) -> tuple[list[Label], list[Finding]]:
    """The Thai sub-item labels of a text in order, and a finding for each written with ฃ or ฅ."""
    labels: list[Label] = []
    findings = []
    for match in TH_LABEL.finditer(text):
        letter = match[1]
        if letter in OBSOLETE_LABELS:
            # Compared as the label meant there, the one after the label before it.
            index = labels[-1].index + 1 if labels else 0
            fix = f"({THAI_LABELS[index]})" if index < len(THAI_LABELS) else None
            if fix:
                at = _seen(text, match.start(), match[0])
                findings.append(Finding("th", say("xc_label_obsolete", label=match[0], fix=fix), at))
        elif letter in THAI_LABELS:
            index = THAI_LABELS.index(letter)
        else:
            continue
        labels.append(Label(match[0], _seen(text, match.start(), match[0]), index))
    return labels, findings


def english_labels(text: str, thai_labelled: bool) -> list[Label]:
    """The English sub-item labels of a text in order; (i), (v), (x) are Roman numerals where the text has others, or the Thai no letters."""
    roman = bool(ROMAN_LABEL.search(text))
    labels = [
        Label(match[0], _seen(text, match.start(), match[0]), ENGLISH_LABELS.index(match[1].lower()))
        for match in EN_LABEL.finditer(text)
    ]
    if roman or (not thai_labelled and all(label.shown[1] in ROMAN_LETTERS for label in labels)):
        labels = [label for label in labels if label.shown[1] not in ROMAN_LETTERS]
    return labels


def _in_order(labels: list[Label]) -> bool:
    """Whether labels run one after the other from the first (ก ข ค, b c d)."""
    return all(later.index == earlier.index + 1 for earlier, later in zip(labels, labels[1:]))


def _english_label(index: int, upper: bool) -> str | None:
    """The English label at a place in the order, in the case the text writes: (c), (C)."""
    if index >= len(ENGLISH_LABELS):
        return None
    letter = ENGLISH_LABELS[index]
    return f"({letter.upper() if upper else letter})"


def _thai_label(index: int) -> str | None:
    """The Thai label at a place in the order: (ค)."""
    return f"({THAI_LABELS[index]})" if index < len(THAI_LABELS) else None


def label_findings(th: str, en: str) -> list[Finding]:
    """The sub-item labels of the two texts must match: (ก) (ข) (ค) is (a) (b) (c)."""
    th_labels, findings = thai_labels(th)
    en_labels = english_labels(en, bool(th_labels))
    upper = any(label.shown[1].isupper() for label in en_labels)
    # The text whose labels run in order is taken as meant; else the Thai, which usually prevails.
    thai_meant = not (_in_order(en_labels) and not _in_order(th_labels))
    matcher = difflib.SequenceMatcher(None, [x.index for x in th_labels], [x.index for x in en_labels], autojunk=False)
    for tag, th_at, _, en_at, _ in matcher.get_opcodes():  # each run that differs, said at its first label
        thai = th_labels[th_at] if tag in ("delete", "replace") else None
        english = en_labels[en_at] if tag in ("insert", "replace") else None
        finding = _label_finding(thai, english, upper, thai_meant)
        if finding is not None:
            findings.append(finding)
    return findings


def _label_finding(thai: Label | None, english: Label | None, upper: bool, thai_meant: bool) -> Finding | None:
    """Say what to fix where a Thai label has no English one, or the other way round, or they differ."""
    if thai is not None and english is None:
        counterpart = _english_label(thai.index, upper)
        message = say("xc_label_missing_in_en", th=thai.shown, en=counterpart) if counterpart else None
        return Finding("th", message, thai.at) if message else None
    if english is not None and thai is None:
        counterpart = _thai_label(english.index)
        message = say("xc_label_missing_in_th", en=english.shown, th=counterpart) if counterpart else None
        return Finding("en", message, english.at) if message else None
    if thai is None or english is None:
        return None
    if thai_meant:
        fix = _english_label(thai.index, upper)
        message = say("xc_label_differs_fix_en", th=thai.shown, en=english.shown, fix=fix) if fix else None
        return Finding("en", message, english.at) if message else None
    fix = _thai_label(english.index)
    message = say("xc_label_differs_fix_th", th=thai.shown, en=english.shown, fix=fix) if fix else None
    return Finding("th", message, thai.at) if message else None


def compare(th: str, en: str) -> list[Finding]:
    """Return what the Thai and the English text of one field do not say alike."""
    findings = reference_findings(th, en) + address_findings(th, en) + label_findings(th, en)
    th, en = _without_addresses(_without_references(th)), _without_addresses(_without_references(en))
    findings += spelling_findings(th, en)
    findings += _one_text_findings(th, "th") + _one_text_findings(en, "en")
    th_facts, en_facts = facts(th, "th"), facts(en, "en")
    th_missing, en_missing = _unmatched(th_facts, en_facts), _unmatched(en_facts, th_facts)
    said_th: set[Key] = set()  # what was reported already, so one value is reported once
    said_en: set[Key] = set()
    for fact in th_missing:
        if fact.wants & said_th:
            continue
        said_th |= fact.provides
        # One value changed in translation shows as one fact missing on each side: say it once.
        other = next((f for f in en_missing if f.kind == fact.kind), None)
        if other is None:
            findings.append(
                Finding("th", say("xc_missing_in_en", th=fact.shown, en=fact.counterpart, what=say(WHAT[fact.kind])))
            )
            continue
        en_missing.remove(other)
        said_en |= other.provides
        if fact.kind == "date":
            findings.append(
                Finding("th", say("xc_date_differs", th=fact.shown, en=other.shown, parts=_date_parts(fact, other)))
            )
        else:
            findings.append(Finding("th", say("xc_differs", th=fact.shown, en=other.shown, what=say(WHAT[fact.kind]))))
    for fact in en_missing:
        if fact.wants & said_en:
            continue
        said_en |= fact.provides
        findings.append(
            Finding("en", say("xc_missing_in_th", en=fact.shown, th=fact.counterpart, what=say(WHAT[fact.kind])))
        )
    return findings


# A monk's title and name (พระครูสุวรรณธรรมาภิรม, หลวงพ่อคูณ) is one Thai word, with no
# surname, that English writes in several: not a surname left out.
MONASTIC_TITLES = ("พระ", "สมเด็จ", "หลวงพ่อ", "หลวงปู่", "หลวงตา")


def name_findings(person: Person) -> list[Finding]:
    """A name with a given name and a surname in one language must have both in the other."""
    th, en = person.name.th, person.name.en
    if th is None or en is None:
        return []
    if len(th.split()) == 1 and any(th.startswith(t) and len(th) > len(t) for t in MONASTIC_TITLES):
        return []
    th_parts, en_parts = len(th.split()), len(en.split())
    if th_parts >= 2 and en_parts == 1:
        return [Finding("en", say("xc_en_name_short", n=th_parts))]
    if en_parts >= 2 and th_parts == 1:
        return [Finding("th", say("xc_th_name_short", n=en_parts))]
    return []


# --- where: the records ---------------------------------------------------------------------


def field_name(data: Any, key_path: KeyPath) -> str:
    """Return the dotted path of a field, each clause named by its id too: clauses[2] (budget-use).text."""
    shown = dotted_path(key_path)
    if len(key_path) >= 2 and key_path[0] == "clauses" and isinstance(key_path[1], int):
        clauses = data.get("clauses") if isinstance(data, dict) else None
        clause = clauses[key_path[1]] if isinstance(clauses, list) and key_path[1] < len(clauses) else None
        clause_id = clause.get("id") if isinstance(clause, dict) else None
        if isinstance(clause_id, str):
            head = dotted_path(key_path[:2])
            shown = f"{head} ({printable(clause_id)})" + shown[len(head) :]
    return shown


def sub_item(key_path: KeyPath) -> Message | None:
    """Name the sub-item a key path points at, as the documents number it: 2.3 / ๒.๓."""
    if (
        len(key_path) == 4
        and key_path[0] == "clauses"
        and key_path[2] == "items"
        and isinstance(key_path[1], int)
        and isinstance(key_path[3], int)
    ):
        number = f"{key_path[1] + 1}.{key_path[3] + 1}"
        return say("sub_item", number=Message(number, thai_digits(number)))
    return None


def field_problem(
    source: Record,
    key_path: KeyPath,
    message: Message,
    language: str | None = None,
    name_sub_item: bool = False,
    at: tuple[str, int] | None = None,
) -> Problem:
    """A Problem at a bilingual field (at its text in one language, if given, and at a place in it), its clause named."""
    where = key_path + (language,) if language else key_path
    inside = source.position_in(where, *at) if at else None
    line, column = inside or source.value_positions.get(where) or source.locate(where) or (None, None)
    label = sub_item(key_path) if name_sub_item else None
    return Problem(
        source.shown_path,
        label + message if label else message,
        line,
        column,
        field_name(source.data, key_path) or None,
    )


def _fields(value: Any, key_path: KeyPath) -> Iterator[tuple[KeyPath, Bilingual | Person]]:
    """Every bilingual text and every person in a record, with its key path."""
    if isinstance(value, Person):
        yield key_path, value
    if isinstance(value, Bilingual):
        yield key_path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _fields(getattr(value, name), key_path + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _fields(item, key_path + (index,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _fields(item, key_path + (key,))


def record_findings(value: BaseModel, languages: tuple[str, ...] = ("th", "en")) -> list[tuple[KeyPath, Finding]]:
    """Cross-check every bilingual field of one record (an agreement or a party), in the languages printed.

    With one language, each text is still checked alone (a year in the other era, a date that
    does not exist): that is a check of one text, not of a pair.
    """
    found: list[tuple[KeyPath, Finding]] = []
    both = {"th", "en"} <= set(languages)
    for key_path, field in _fields(value, ()):
        if isinstance(field, Person):
            if both:
                found += [(key_path + ("name",), f) for f in name_findings(field)]
        elif both and field.th is not None and field.en is not None:  # a missing language is validation's
            found += [(key_path, f) for f in compare(field.th, field.en)]
            found += [(key_path, f) for f in wrong_language_findings(field.th, field.en)]
        else:
            for language in languages:
                text = getattr(field, language)
                found += [(key_path, f) for f in text_findings(text, language)] if text is not None else []
    return found


def _placed(source: Record, findings: list[tuple[KeyPath, Finding]], why: Message | str = "") -> list[Problem]:
    """Return the findings of one record as Problems, each at its value."""
    return [field_problem(source, key_path, f.message + why, f.language, at=f.at) for key_path, f in findings]


def check_record(source: Record, value: BaseModel) -> list[Problem]:
    """Return the cross-language problems of one record, each at its value."""
    return _placed(source, record_findings(value))


def cross_check(project: Project) -> dict[str, list[Problem]]:
    """Cross-check every agreement and its parties in the languages it is made in: agreement id → problems."""
    # A party shared by many agreements is read once per set of languages.
    party_findings: dict[tuple[str, tuple[str, ...]], list[tuple[KeyPath, Finding]]] = {}
    problems: dict[str, list[Problem]] = {}
    for agreement_id, agreement in project.agreements.items():
        languages = tuple(sorted(set(agreement.languages)))
        found = _placed(project.agreement_source(agreement_id), record_findings(agreement, languages))
        problems[agreement_id] = found
        for party_id in dict.fromkeys(agreement.parties):
            party = project.parties.get(party_id)
            if party is None:
                continue
            if (party_id, languages) not in party_findings:
                party_findings[party_id, languages] = record_findings(party, languages)
            # A signatory the agreement replaces is not printed in it: its findings are not this agreement's.
            replaced = replaced_fields(agreement, party_id)
            found += _placed(
                project.party_source(party_id),
                [(key_path, f) for key_path, f in party_findings[party_id, languages] if key_path[0] not in replaced],
                say("needed_by", id=agreement_id),
            )
    return problems
