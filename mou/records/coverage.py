"""Which characters the bundled fonts can draw, and the record texts that hold one they cannot."""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path

import fontTools
from fontTools.ttLib import TTFont
from pydantic import BaseModel

from mou.core.cache import cache_key, cached, file_digest
from mou.core.errors import Problem
from mou.core.messages import say
from mou.language.characters import char_values
from mou.records.loading import KeyPath, Record, dotted_path

FontState = tuple[tuple[str, int, int], ...]
# Line breaks and tabs are layout, not glyphs: the renderers turn them into breaks and spaces.
LAYOUT = frozenset("\n\t")
# What the family and characters read from a set of fonts depend on besides the files' names and
# bytes: fontTools, which reads them, and this file, which says how.
COVERAGE_RECIPE = f"fontTools {fontTools.version}; {file_digest(__file__)}"


def font_state(fonts: Path) -> FontState:
    """Return what tells one set of font files from another: each file's path, size and change time."""
    if not fonts.is_dir():
        return ()
    return tuple(
        (str(path), found.st_size, found.st_mtime_ns) for path in sorted(fonts.glob("*.ttf")) for found in [path.stat()]
    )


@functools.lru_cache(maxsize=4)
def drawable(state: FontState) -> tuple[str, frozenset[int]] | None:
    """Return the family name and the characters every one of the fonts can draw (any text may be bold).

    Kept in mou's cache folder by the fonts' names and bytes: reading the fonts' name and
    character tables again was most of checking a record's characters in every process.
    """
    if not state:
        return None
    fonts = {Path(path).name: Path(path).read_bytes() for path, _size, _time in state}
    key = cache_key("font coverage", COVERAGE_RECIPE, *(part for name, data in fonts.items() for part in (name, data)))
    family, codes = json.loads(cached("font-coverage", key, lambda: _read_drawable(fonts)))
    return family, frozenset(codes)


def _read_drawable(fonts: dict[str, bytes]) -> bytes:
    """Read the family name of fonts (by file name) and the characters all of them draw, as JSON."""
    family, common = "", None
    for name, data in fonts.items():
        with TTFont(io.BytesIO(data), lazy=True) as face:
            family = family or str(face["name"].getDebugName(1) or Path(name).stem)
            codes = frozenset(face.getBestCmap())
        common = codes if common is None else common & codes
    return json.dumps([family, sorted(common or ())]).encode()


def font_problems(record: Record, value: object, fonts: Path) -> list[Problem]:
    """Report each text of a record holding a character the bundled fonts cannot draw, at that character."""
    found = drawable(font_state(fonts))
    if found is None:
        return []  # no fonts: the renderers say the font file is missing
    family, codes = found
    return [
        _problem(record, key_path, text, index, family)
        for key_path, text in _texts(value, ())
        for index in _first_undrawable(text, codes)
    ]


# The full-width forms of ASCII (U+FF01–U+FF5E), each 0xFEE0 above the character it stands for.
FULL_WIDTH = range(0xFF01, 0xFF5F)
FULL_WIDTH_OFFSET = 0xFEE0


def _first_undrawable(text: str, codes: frozenset[int]) -> list[int]:
    """Return the index of the first character of text the fonts cannot draw, if any."""
    for index, char in enumerate(text):
        if ord(char) not in codes and char not in LAYOUT:
            return [index]
    return []


def _problem(record: Record, key_path: KeyPath, text: str, index: int, family: str) -> Problem:
    """A Problem at one undrawable character."""
    raw = _raw_text(record.data, key_path)
    # The model strips a text's ends; the file holds the text as written.
    at = index + (len(raw) - len(raw.lstrip())) if isinstance(raw, str) else index
    line, column = record.char_location(key_path, raw if isinstance(raw, str) else text, at) or (None, None)
    char = text[index]
    if FULL_WIDTH.start <= ord(char) < FULL_WIDTH.stop:  # ０ for 0, typed with an East Asian input method
        plain = chr(ord(char) - FULL_WIDTH_OFFSET)
        message = say("font_cannot_draw_full_width", index=at + 1, font=family, plain=plain, **char_values(char))
    else:
        message = say("font_cannot_draw", index=at + 1, font=family, **char_values(char))
    return Problem(record.shown_path, message, line, column, dotted_path(key_path) or None)


def _raw_text(data: object, key_path: KeyPath) -> object:
    """Return the value at key_path in the record's data, or None."""
    for part in key_path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _texts(value: object, key_path: KeyPath) -> list[tuple[KeyPath, str]]:
    """Every text of a validated record, with its key path."""
    if isinstance(value, str):
        return [(key_path, value)]
    if isinstance(value, BaseModel):
        return [t for name in type(value).model_fields for t in _texts(getattr(value, name), key_path + (name,))]
    if isinstance(value, list):
        return [t for index, item in enumerate(value) for t in _texts(item, key_path + (index,))]
    if isinstance(value, dict):  # signatories: a person per party id
        return [t for key, item in value.items() for t in _texts(item, key_path + (key,))]
    return []
