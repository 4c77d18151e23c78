"""English words that organization names and addresses share with ordinary text, and Thailand's place names in English."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources

# A capitalized word, with the hyphens of a romanized name (Sa-at); an apostrophe ends it (Mai's).
CAPITALIZED_WORD = re.compile("[A-Z][a-z]+(?:-[a-z]+)*")
# The typesetter hyphenates no word shorter than this (the style sheet's hyphenate-limit-chars).
SHORTEST_HYPHENATED = 6


@functools.cache
def english_ordinary_words() -> frozenset[str]:
    """Return the bundled ordinary words of organization names and addresses (Subdistrict, Committee), read once."""
    text = resources.files(__package__).joinpath("data", "english_ordinary_words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@functools.cache
def english_place_words() -> frozenset[str]:
    """Return the words of the bundled English names of Thailand's places (Chiang, Mai, Nakhon, Sa-at), read once.

    Made of romanized Thai syllables only, they are the Thai words an English text may hold
    (data/README.md names the source).
    """
    text = resources.files(__package__).joinpath("data", "english_places.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if line and not line.startswith("#") for word in line.split())


def place_name_words(texts: Iterable[str]) -> frozenset[str]:
    """Return the capitalized words of records' addresses and places that are not ordinary words (Mittraphap, Luesi)."""
    ordinary = english_ordinary_words()
    return frozenset(w for text in texts for w in CAPITALIZED_WORD.findall(text) if w not in ordinary)


def place_runs(text: str, names: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Return where text holds runs of place words (Chiang Mai, Wang Hin Lat) that the typesetter could hyphenate.

    A place word is a word of the bundled names or one of `names`; runs are parted by
    anything but one space, and a run of words too short to be hyphenated is left out.
    """
    words = english_place_words() | names
    runs: list[tuple[int, int, bool]] = []  # start, end, and whether a word could be hyphenated
    for match in CAPITALIZED_WORD.finditer(text):
        inside_a_word = (
            text[match.end() : match.end() + 1].isalnum() or text[match.start() - 1 : match.start()].isalpha()
        )
        if match.group() not in words or inside_a_word:
            continue
        long = len(match.group()) >= SHORTEST_HYPHENATED
        if runs and text[runs[-1][1] : match.start()] == " ":
            runs[-1] = (runs[-1][0], match.end(), runs[-1][2] or long)
        else:
            runs.append((match.start(), match.end(), long))
    return [(start, end) for start, end, long in runs if long]
