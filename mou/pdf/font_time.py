"""Subset fonts stamped with the build time, not the clock."""

from __future__ import annotations

import contextvars
import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from fontTools.misc import timeTools
from fontTools.ttLib.tables import _h_e_a_d

# fontTools (WeasyPrint's subsetter when libharfbuzz-subset0 is missing) stamps each subset
# font's head.modified with the clock unless SOURCE_DATE_EPOCH is set. The time is taken from
# this context variable instead while mou renders, so it is the build time either way,
# and per thread, so parallel renders of agreements with different dates cannot mix.
_font_time: contextvars.ContextVar[int | None] = contextvars.ContextVar("mou_font_time", default=None)
_patched = False


@contextmanager
def fixed_font_time(when: datetime.datetime) -> Iterator[None]:
    """Make fontTools stamp fonts with `when` instead of the clock, for this context."""
    _patch_fonttools()
    token = _font_time.set(int(when.timestamp()))
    try:
        yield
    finally:
        _font_time.reset(token)


def _patch_fonttools() -> None:
    """Route fontTools' head-table clock through the context variable (once)."""
    global _patched
    if _patched:
        return
    original = _h_e_a_d.timestampNow

    def timestamp_now() -> int:
        seconds = _font_time.get()
        # A head table cannot hold a time before 1904, its epoch: such a build time is stamped as 1904.
        return original() if seconds is None else max(0, timeTools.timestampSinceEpoch(seconds))

    _h_e_a_d.timestampNow = timestamp_now
    _patched = True
