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
    """Return segmented words with each run of whole words that spells a place name made one, joined by WORD JOINER."""
    return list(_held(tuple(words)))


# The runs of a batch's agreements repeat (the templates' text, the parties' names): each is held once.
@functools.lru_cache(maxsize=50_000)
def _held(words: tuple[str, ...]) -> tuple[str, ...]:
    """Return segmented words with the place names among them held (see hold_places).

    Names that overlap are held as one (เมือง|ชุม|แพ holds เมืองชุม and ชุมแพ, both places):
    which one the text means is not known, and neither may break; unless together they are
    longer than the longest name. A name that is one word already is left as it is.
    """
    places, longest = thai_places(), _longest_place()
    joined = [False] * len(words)  # joined[i]: words[i] and words[i + 1] stay together
    for start in range(len(words) - 1):
        spelled, end = words[start], start + 1
        while end < len(words) and len(spelled) + len(words[end]) <= longest:
            spelled += words[end]
            end += 1
            if spelled in places:
                joined[start : end - 1] = [True] * (end - 1 - start)
    held: list[str] = []
    piece = list(words[:1])
    for word, glue in zip([*words[1:], ""], joined):
        if glue:
            piece.append(word)
            continue
        # names chained by their overlaps, longer than any one name, could outgrow a narrow column
        held += [WORD_JOINER.join(piece)] if sum(map(len, piece)) <= longest else piece
        piece = [word]
    return tuple(held)


def whole_places(segmented: list[list[str]]) -> frozenset[str]:
    """Return the place names of several words in segmented texts, each only if it never stands inside other words there.

    For an office suite, which holds a unit wherever its letters stand: a name also found
    across a word's edge would be held there too, and leave a break inside that word.
    """
    held = Counter(
        word.replace(WORD_JOINER, "") for words in segmented for word in hold_places(words) if WORD_JOINER in word
    )
    text = "\n".join("".join(words) for words in segmented)
    return frozenset(name for name, count in held.items() if text.count(name) == count)
