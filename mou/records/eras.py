"""Calendar eras: a year that looks Buddhist-era (B.E. = C.E. + 543) is refused, naming the C.E. date."""

from __future__ import annotations

import datetime
import re

from mou.core.messages import Message, say

BE_OFFSET = 543
# B.E. 2400–2700 is C.E. 1857–2157: no agreement of this century is dated in those C.E. years.
BUDDHIST_YEARS = range(2400, 2701)
_YMD = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


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
