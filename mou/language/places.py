"""Thailand's place names, kept whole where they stand as whole words of segmented Thai text.

The names of the provinces, districts and subdistricts come from a list bundled with the
package (data/thai_places.txt: its header names the public sources and their licence). A
name is held only where it starts and ends at word boundaries of the segmented text, so
holding it never joins a piece of a longer word to its neighbour: a subdistrict called
กลาง holds nothing inside กลางวัน, and one called บ้านใหม่ holds บ้าน|ใหม่ wherever the text
has them side by side (a break lost, never a wrong one).
"""

from __future__ import annotations

import functools
from collections import Counter
from importlib import resources

WORD_JOINER = "\u2060"


@functools.cache
def thai_places() -> frozenset[str]:
    """Return the bundled Thai place names (provinces, districts, subdistricts), read once per process."""
    text = resources.files(__package__).joinpath("data", "thai_places.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@functools.cache
def _longest_place() -> int:
    """Return the length of the longest bundled name, in characters."""
    return max(map(len, thai_places()))


def hold_places(words: list[str]) -> list[str]:
    """Return segmented words with each run of whole words that spells a place name made one, joined by WORD JOINER.

    The longest name wins at each word; a name that is one word already is left as it is.
    """
    places, longest = thai_places(), _longest_place()
    held: list[str] = []
    start = 0
    while start < len(words):
        end, spelled, found = start, "", start + 1
        while end < len(words) and len(spelled) + len(words[end]) <= longest:
            spelled += words[end]
            end += 1
            if end - start > 1 and spelled in places:
                found = end
        held.append(WORD_JOINER.join(words[start:found]))
        start = found
    return held


def whole_places(segmented: list[list[str]]) -> frozenset[str]:
    """Return the place names of several words in segmented texts, each only if it never stands inside other words there.

    For an office suite, which holds a unit wherever its letters stand: a name also found
    across a word's edge would be held there too, and leave a break inside that word.
    """
    held = Counter(
        word.replace(WORD_JOINER, "") for words in segmented for word in hold_places(words) if WORD_JOINER in word
    )
    runs = ["".join(words) for words in segmented]
    return frozenset(name for name, count in held.items() if sum(run.count(name) for run in runs) == count)
