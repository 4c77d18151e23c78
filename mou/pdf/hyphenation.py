"""Hyphenation dictionaries kept in mou's cache folder as Pyphen parsed them, not parsed again in every process.

The English editions hyphenate (`hyphens: auto`): WeasyPrint asks Pyphen for the language's
dictionary, and Pyphen parses its thousands of patterns the first time in each process, a
good part of rendering an English PDF. Pyphen keeps what it parsed in a dictionary of its
own, by file (pyphen.hdcache); mou puts in its place one that, asked for a file it does not
hold, reads the parsed patterns back from mou's cache folder, named by the file's bytes,
Pyphen's version and this file, and that stores what Pyphen parses when they are not there.
Pyphen's own code runs as it is and finds the same patterns. `MOU_ACCELERATE=0` leaves this
out.

English without a region (`lang="en"`) hyphenates with the American patterns, as the records
are spelt (Organization, center): Pyphen would take the first English dictionary in the
alphabet, the British one, whose patterns break `res-ults` and `Memor-andum`.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

import pyphen

from mou.core.cache import cache_key, cached_entry, file_digest, store_entry
from mou.pdf.accelerate import wanted

KIND = "hyphenation"
# What a parsed dictionary depends on besides its file's bytes.
PARSED_WITH = f"pyphen {pyphen.__version__}; {file_digest(__file__)}"
# A parsed dictionary's attributes, as Pyphen sets them; another Pyphen's are not kept.
ATTRIBUTES = frozenset({"patterns", "cache", "maxlen"})


class _Unpickler(pickle.Unpickler):
    """Reads back patterns: strings, numbers, tuples and Pyphen's DataInt, nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("pyphen", "DataInt"):
            return pyphen.DataInt
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a hyphenation dictionary")


def key_of(path: Any) -> str | None:
    """Return the cache key of a dictionary file, or None if it cannot be read."""
    try:
        return cache_key("hyphenation dictionary", PARSED_WITH, path.read_bytes())
    except (OSError, AttributeError):
        return None


def read_back(key: str) -> Any | None:
    """Return the parsed dictionary stored under key, or None when there is none or it is unusable."""
    payload = cached_entry(KIND, key)
    if payload is None:
        return None
    try:
        patterns, maxlen = _Unpickler(io.BytesIO(payload)).load()
    except Exception:  # a damaged or foreign entry: Pyphen parses the file
        return None
    if not isinstance(patterns, dict) or not isinstance(maxlen, int):
        return None
    dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
    dictionary.patterns, dictionary.cache, dictionary.maxlen = patterns, {}, maxlen
    return dictionary


class KeptDictionaries(dict):
    """Pyphen's parsed dictionaries by file, read back from mou's cache folder and stored there."""

    def __contains__(self, path: object) -> bool:
        if not super().__contains__(path):
            key = key_of(path)
            found = read_back(key) if key is not None else None
            if found is not None:
                super().__setitem__(path, found)
        return super().__contains__(path)

    def __setitem__(self, path: Any, dictionary: Any) -> None:
        super().__setitem__(path, dictionary)
        key = key_of(path)
        if key is not None and set(vars(dictionary)) == ATTRIBUTES and not dictionary.cache:
            payload = pickle.dumps((dictionary.patterns, dictionary.maxlen), protocol=pickle.HIGHEST_PROTOCOL)
            store_entry(KIND, key, payload)


def keep_dictionaries() -> bool:
    """Put mou's kept dictionaries in the place of Pyphen's own (once, when wanted); return whether they are in place."""
    if isinstance(pyphen.hdcache, KeptDictionaries):
        return True
    if not wanted() or type(pyphen.hdcache) is not dict:
        return False
    pyphen.hdcache = KeptDictionaries(pyphen.hdcache)
    return True


# The dictionary English without a region hyphenates with (a name in Pyphen's LANGUAGES).
ENGLISH_PATTERNS = "en_US"


def american_english() -> None:
    """Make `lang="en"` hyphenate as American English; `en-GB` and other regions keep their own."""
    pyphen.LANGUAGES["en"] = pyphen.LANGUAGES[ENGLISH_PATTERNS]
