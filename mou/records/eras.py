"""Calendar eras: YYYY-MM-DD is common era, a date written the Thai way is Buddhist era (B.E. = C.E. + 543).

A YYYY-MM-DD year that looks Buddhist-era is refused, naming the common-era date meant. A
date written the Thai way, `๒๙ กุมภาพันธ์ ๒๕๖๗` or `29 ก.พ. พ.ศ. 2567`, is read as B.E.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import re

from pydantic_core import PydanticCustomError

from mou.core.messages import Message, say
from mou.language.thai import EN_MONTHS, THAI_MONTH_ABBREVIATIONS, THAI_MONTHS, arabic_digits

BE_OFFSET = 543
# B.E. 2400–2700 is C.E. 1857–2157: no agreement of this century is dated in those C.E. years.
BUDDHIST_YEARS = range(2400, 2701)
# Until B.E. 2483 the Thai year began on 1 April, so B.E. − 543 is the C.E. year only from
# B.E. 2484 (1941), when it began on 1 January: a Thai-written date is read from then on.
THAI_WRITTEN_YEARS = range(2484, 2701)
# The first day B.E. = C.E. + 543 for the whole year (before it the Thai year began on 1 April).
FIRST_CONVERTIBLE = datetime.date(THAI_WRITTEN_YEARS[0] - BE_OFFSET, 1, 1)
# The last day a Thai-written date may say (B.E. 2700): a later common-era date is a year mistyped.
LAST_CONVERTIBLE = datetime.date(THAI_WRITTEN_YEARS[-1] - BE_OFFSET, 12, 31)
_YMD = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
# YYYY-MM-DD as YAML reads text, not a date: quoted, a one-digit month or day, slashes or dots
# for hyphens, Thai digits. Said in full with what to write.
_YMD_AS_TEXT = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")

THAI_MONTH_NUMBERS = {
    name: number for names in (THAI_MONTHS, THAI_MONTH_ABBREVIATIONS) for number, name in enumerate(names, 1)
}
_DIGITS = "0-9๐-๙"
_ERA = r"พ\.\s?ศ\.|พุทธศักราช"
# Day, month, optional era, year: `๒๙ กุมภาพันธ์ ๒๕๖๗`, `วันที่ 29 ก.พ. พ.ศ. 2567`. The month is
# any word here, so that a wrong one is named in the message rather than the whole text.
# The common era named in a Thai-written date (ค.ศ. 2023) is read to say what to write instead.
_CE_ERA = r"ค\.\s?ศ\.|คริสต์ศักราช"
THAI_WRITTEN = re.compile(
    rf"(?:วันที่\s*)?(?P<day>[{_DIGITS}]+)\s*(?P<month>[^\s{_DIGITS}]+?)\s*"
    rf"(?:(?P<era>{_ERA})\s*|(?P<ce_era>{_CE_ERA})\s*)?(?P<year>[{_DIGITS}]+)"
)
THAI_LETTERS = re.compile("[\u0e00-\u0e7f]")
# 29/02/2567, 29.2.2024, 29-02-2024: a date in digits alone, as offices often write one. Neither
# the order nor the era can be told from it, so it is refused, naming both forms for the date meant.
DIGITS_ONLY = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})")
# A two-digit year in digits alone: 43-99 as B.E. 2543-2599 (29/02/67), below as C.E. 2000-2042.
SHORT_BE_FROM = 43
# วันพฤหัสบดีที่ ๒๙ กุมภาพันธ์ ๒๕๖๗, ๒๙ กุมภาพันธ์ ๒๕๖๗ (วันพฤหัสบดี): the day of the week, which
# the document does not print (it writes วันที่ … itself), around a date.
THAI_WEEKDAY = r"วัน(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์)"
WEEKDAY_AROUND = re.compile(
    rf"(?:{THAI_WEEKDAY}\s*(?:ที่)?\s*(?P<after>.+)|(?P<before>.+?)\s*\(?\s*{THAI_WEEKDAY}\s*\)?)"
)
# Feb 29, 2024 / February 29 2024: an English date, month first.
ENGLISH_MONTH_FIRST = re.compile(r"([A-Za-z]+)\.?\s+([0-9]{1,2}),?\s+([0-9]{4})")


def _alternatives(words: list[str]) -> str:
    """A regex alternation of words, longest first, without named groups (JSON Schema patterns are ECMA)."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# What an editor accepts as a Thai-written date (schemas/): only real month names, four-digit years.
THAI_WRITTEN_PATTERN = (
    rf"^(วันที่\s*)?[{_DIGITS}]{{1,2}}\s*({_alternatives(list(THAI_MONTH_NUMBERS))})\s*(({_ERA})\s*)?[{_DIGITS}]{{4}}$"
)


def buddhist_context(year: int, month: int, day: int) -> tuple[str, dict[str, str]]:
    """Name the message for a Buddhist-era date and the common-era date it likely means."""
    values = {"value": f"{year:04d}-{month:02d}-{day:02d}", "ce": f"{year - BE_OFFSET:04d}-{month:02d}-{day:02d}"}
    try:
        datetime.date(year - BE_OFFSET, month, day)
    except ValueError:
        return "buddhist_year_no_date", values
    return "buddhist_year", values


def buddhist_date(text: str) -> Message | None:
    """Explain a YYYY-MM-DD text with a Buddhist-era year (real in C.E. or not, e.g. 2567-02-29), else None."""
    match = _YMD.fullmatch(text.strip())
    if not match:
        return None
    year, month, day = map(int, match.groups())
    if year not in BUDDHIST_YEARS or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    key, values = buddhist_context(year, month, day)
    return say(key, **values)


def thai_written_date(value: object) -> object:
    """Read a date written the Thai way as B.E. (pydantic before-validator); other values pass unchanged.

    A text with Thai letters or digits that is not a Thai date, an unknown month, a year
    outside B.E. or a day the month does not have is refused, saying what to write.
    """
    if isinstance(value, datetime.datetime):  # 2024-02-29T09:00:00: YAML read a time of day as well
        values = {"value": value.isoformat(sep=" "), "iso": value.date().isoformat()}
        raise PydanticCustomError("date_with_time", "a date with a time", values)
    if not isinstance(value, str):
        return value
    text = " ".join(value.split())
    weekday = WEEKDAY_AROUND.fullmatch(text)
    if weekday:
        date = (weekday["after"] or weekday["before"]).strip()
        raise PydanticCustomError("date_with_weekday", "a day of the week", {"value": text, "date": date})
    plain = arabic_digits(text)
    ymd = _YMD_AS_TEXT.fullmatch(plain)
    if ymd:
        raise _ymd_as_text(text, int(ymd[1]), int(ymd[3]), int(ymd[4]))
    digits_only = DIGITS_ONLY.fullmatch(plain)
    if digits_only:
        raise _digits_only(text, *map(int, digits_only.groups()))
    english = ENGLISH_MONTH_FIRST.fullmatch(plain)
    if english and any(name.lower().startswith(english[1].lower()) for name in EN_MONTHS) and len(english[1]) >= 3:
        raise _unknown_month(text, english[1], int(english[2]), int(english[3]))
    match = THAI_WRITTEN.fullmatch(text)
    if match is None:
        if THAI_LETTERS.search(text):
            raise PydanticCustomError("thai_date_form", "not a Thai-written date", {"value": text})
        return value
    day, year = int(arabic_digits(match["day"])), int(arabic_digits(match["year"]))
    month = THAI_MONTH_NUMBERS.get(match["month"])
    if month is None:
        raise _unknown_month(text, match["month"], day, year)
    if match["ce_era"]:
        if year + BE_OFFSET in THAI_WRITTEN_YEARS and 1 <= day <= calendar.monthrange(year, month)[1]:
            be = f"{day} {THAI_MONTHS[month - 1]} {year + BE_OFFSET}"
            values = {"value": text, "be": be, "iso": f"{year:04d}-{month:02d}-{day:02d}"}
            raise PydanticCustomError("thai_date_ce_era", "the common era named", values)
        raise PydanticCustomError("thai_date_form", "not a Thai-written date", {"value": text})
    if year not in THAI_WRITTEN_YEARS:
        raise _not_buddhist_year(text, day, month, year)
    days = calendar.monthrange(year - BE_OFFSET, month)[1]
    if not 1 <= day <= days:
        raise PydanticCustomError(
            "thai_date_no_day",
            "no such day",
            {"value": text, "month": THAI_MONTHS[month - 1], "year": year, "days": days},
        )
    return datetime.date(year - BE_OFFSET, month, day)


def date_detail(text: str) -> Message:
    """Say why a YYYY-MM-DD date does not exist, in the clerk's words: the days of its month, or the months."""
    found = re.search(r"([0-9]+)-([0-9]+)-([0-9]+)", text)
    year, month = (int(found[1]), int(found[2])) if found else (0, 0)
    if not 1 <= month <= 12:
        return say("date_month_range", month=month)
    days = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    return say("date_day_range", month=Message(EN_MONTHS[month - 1], THAI_MONTHS[month - 1]), year=year, days=days)


def _ymd_as_text(text: str, year: int, month: int, day: int) -> PydanticCustomError:
    """Refuse YYYY-MM-DD that YAML read as text: quoted, or a month or day of one digit; say what to write."""
    if year in BUDDHIST_YEARS and 1 <= month <= 12 and 1 <= day <= 31:
        key, values = buddhist_context(year, month, day)
        return PydanticCustomError(key, "looks like a Buddhist-era year", values)
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        datetime.date(year, month, day)
    except ValueError:
        return PydanticCustomError("bad_date", "no such date", {"value": text, "detail": date_detail(iso)})
    if text == iso:
        return PydanticCustomError("iso_date_quoted", "a date in quotes", {"value": text, "iso": iso})
    return PydanticCustomError("iso_date_digits", "one-digit month or day", {"value": text, "iso": iso})


def _digits_only(text: str, first: int, second: int, year: int) -> PydanticCustomError:
    """Refuse a date in digits alone (29/02/2567), naming the Thai-written and the YYYY-MM-DD form of the date meant."""
    day, month = (second, first) if second > 12 >= first else (first, second)  # 02/29/2024 is month first
    if year < 100:
        year += 2500 if year >= SHORT_BE_FROM else 2000
    ce_year = year - BE_OFFSET if year in THAI_WRITTEN_YEARS else year
    if not 1 <= month <= 12 or ce_year + BE_OFFSET not in THAI_WRITTEN_YEARS:
        return PydanticCustomError("thai_date_form", "not a Thai-written date", {"value": text})
    days = calendar.monthrange(ce_year, month)[1]
    if not 1 <= day <= days:
        values = {"value": text, "month": THAI_MONTHS[month - 1], "year": ce_year + BE_OFFSET, "days": days}
        return PydanticCustomError("thai_date_no_day", "no such day", values)
    values = {
        "value": text,
        "thai": f"{day} {THAI_MONTHS[month - 1]} {ce_year + BE_OFFSET}",
        "iso": f"{ce_year:04d}-{month:02d}-{day:02d}",
    }
    return PydanticCustomError("digits_only_date", "a date in digits alone", values)


def _unknown_month(text: str, month: str, day: int, year: int) -> PydanticCustomError:
    """Refuse an unknown month name: an English one with the YYYY-MM-DD meant, else the closest Thai one."""
    english = [name for name in EN_MONTHS if len(month) >= 3 and name.lower().startswith(month.lower().rstrip("."))]
    ce_year = year if year + BE_OFFSET in THAI_WRITTEN_YEARS else year - BE_OFFSET
    if english and ce_year + BE_OFFSET in THAI_WRITTEN_YEARS and 1 <= day <= 31:
        number = EN_MONTHS.index(english[0]) + 1
        values = {
            "value": text,
            "iso": f"{ce_year:04d}-{number:02d}-{day:02d}",
            "thai": f"{day} {THAI_MONTHS[number - 1]} {ce_year + BE_OFFSET}",
        }
        return PydanticCustomError("thai_date_english_month", "English month name", values)
    guess = difflib.get_close_matches(month, list(THAI_MONTH_NUMBERS), n=1, cutoff=0.5)
    if guess:
        return PydanticCustomError("thai_date_month_guess", "unknown month", {"month": month, "guess": guess[0]})
    return PydanticCustomError("thai_date_month", "unknown month", {"month": month, "months": ", ".join(THAI_MONTHS)})


def _not_buddhist_year(text: str, day: int, month: int, year: int) -> PydanticCustomError:
    """Refuse a Thai-written year outside B.E., naming the B.E. year or the YYYY-MM-DD probably meant."""
    if year + BE_OFFSET in THAI_WRITTEN_YEARS:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:  # say the day first: an ISO date that does not exist helps no one
            values = {"value": text, "month": THAI_MONTHS[month - 1], "year": year + BE_OFFSET, "days": days}
            return PydanticCustomError("thai_date_no_day", "no such day", values)
        values = {"value": text, "year": year, "be": year + BE_OFFSET, "iso": f"{year:04d}-{month:02d}-{day:02d}"}
        return PydanticCustomError("thai_date_ce_year", "a common-era year", values)
    if year < 100 and 2500 + year in THAI_WRITTEN_YEARS:
        return PydanticCustomError("thai_date_short_year", "a short year", {"value": text, "be": 2500 + year})
    values = {"value": text, "year": year, "first": THAI_WRITTEN_YEARS[0], "last": THAI_WRITTEN_YEARS[-1]}
    return PydanticCustomError("thai_date_year", "not a B.E. year", values)
