"""Thai line breaking: break only between dictionary words, never inside names, never before ๆ.

Pango breaks Thai with libthai's dictionary, which splits words and names that PyThaiNLP's
dictionary (plus the project's own names) keeps whole. mou marks the word boundaries it
wants with ZERO WIDTH SPACE in the HTML that goes to the PDF, and a hook on WeasyPrint's
text layout tells Pango that no break is allowed anywhere else inside Thai text. The
ZERO WIDTH SPACEs never reach a reader: the ActualText spans leave them out.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

ZWSP = "\u200b"
THAI_RUN = re.compile("[\u0e01-\u0e5b]+")
# A line must not start with these (repetition and abbreviation marks, closing punctuation).
NO_BREAK_BEFORE = "ๆฯ”’)]}»"
_NO_BREAK_BEFORE = re.compile(f"[ {ZWSP}]*[{re.escape(NO_BREAK_BEFORE)}]")


class WordSet:
    """The dictionary newmm segments with: a set of words, answering prefix queries.

    PyThaiNLP's Trie takes ~0.7 s to build from its 62,000 words; a set takes ~10 ms and
    answers newmm's only question (which dictionary words start here?) as fast.
    """

    def __init__(self, words: Iterable[str]):
        self.words = {w.strip() for w in words if w.strip()}
        self.lengths = sorted({len(w) for w in self.words})

    def add(self, word: str) -> None:
        """Add one word."""
        word = word.strip()
        if word and word not in self.words:
            self.words.add(word)
            if len(word) not in self.lengths:
                self.lengths = sorted(set(self.lengths) | {len(word)})

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """Return the dictionary words that text[start:] begins with, shortest first."""
        end = len(text)
        return [text[start:start + n] for n in self.lengths
                if start + n <= end and text[start:start + n] in self.words]


@functools.lru_cache(maxsize=1)
def _dictionary() -> WordSet:
    """Return PyThaiNLP's word dictionary, loaded once per process."""
    from pythainlp.corpus.common import thai_words

    return WordSet(thai_words())


# Longer runs in names are compounds ("นายกองค์การบริหารส่วนตำบลชุมแพ") that must still
# break between their words; given names, surnames and place names are shorter.
MAX_NAME_WORD = 14


def thai_words_of(texts: Iterable[str]) -> frozenset[str]:
    """Return the Thai words of names (people, places) for the dictionary to keep whole."""
    return frozenset(w for text in texts for w in THAI_RUN.findall(text)
                     if 1 < len(w) <= MAX_NAME_WORD)


def mark_breaks(text: str, extra_words: frozenset[str] = frozenset()) -> str:
    """Insert a ZERO WIDTH SPACE at every word boundary inside each run of Thai letters."""
    from pythainlp.tokenize.newmm import segment as newmm_segment

    if not THAI_RUN.search(text):
        return text
    dictionary = _dictionary()
    for word in extra_words:  # names only add to the dictionary: sharing it is harmless
        dictionary.add(word)

    def segment(match: re.Match[str]) -> str:
        words = newmm_segment(match.group(), custom_dict=dictionary)
        out = words[0]
        for word in words[1:]:
            out += word if word[0] in NO_BREAK_BEFORE else ZWSP + word
        return out

    return THAI_RUN.sub(segment, text)


def no_break_ranges(text: str, longest: int | None = None) -> list[tuple[int, int]]:
    """Return character ranges inside which Pango must not break a line.

    Every run of Thai letters between two marked boundaries is one range (unless it has
    more than `longest` letters: a word wider than the line may break), and so is any
    space before ๆ, ฯ or closing punctuation together with the character before it.
    """
    ranges = [run.span() for run in THAI_RUN.finditer(text)  # runs end at each ZWSP
              if longest is None or _spacing_letters(run.group()) <= longest]
    for match in _NO_BREAK_BEFORE.finditer(text):
        ranges.append((max(match.start() - 1, 0), match.end()))
    return ranges


def _spacing_letters(word: str) -> int:
    """Count the letters that take horizontal space (not marks above or below)."""
    return sum(1 for char in word if unicodedata.category(char) != "Mn")
