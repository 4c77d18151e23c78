"""The bundled font files are fonts: a damaged one is named before anything reads or renders it.

A font file cut short by a failed copy, emptied, or overwritten with something else made
the character check, the DOCX's embedding and WeasyPrint fail deep inside fontTools or
HarfBuzz, as "a bug in mou" or a message naming no file. Each file is checked once per
version of it (path, size, change time), so a watcher pays for it once; a file found whole is
remembered in mou's cache folder by its bytes, so that a build reads it but does not parse it
again (parsing the four faces was as much as the character check's cache saved).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

import fontTools
from fontTools.ttLib import TTFont

from mou.core.cache import cache_key, cached_entry, file_digest, store_entry
from mou.core.errors import InputError, Problem, display_path
from mou.core.messages import Message, say

# The tables every face needs: the characters it draws, its names, its metrics.
NEEDED_TABLES = ("cmap", "head", "hhea", "hmtx", "maxp", "name")
# What a font's verdict depends on besides its bytes: fontTools, which reads it, and this file.
CHECK_RECIPE = f"fontTools {fontTools.version}; {file_digest(__file__)}"
KIND = "font-check"


def check_font_files(fonts: Path, root: Path) -> None:
    """Raise InputError naming every font file of the folder that is not a whole, readable font."""
    problems = []
    for path in sorted(fonts.glob("*.[ot]tf")) if fonts.is_dir() else []:
        try:
            found = path.stat()
        except OSError as exc:
            problems.append(Problem(display_path(path, root), say("font_file_unreadable", detail=exc.strerror or exc)))
            continue
        fault = _font_fault(str(path), found.st_size, found.st_mtime_ns)
        if fault is not None:
            problems.append(Problem(display_path(path, root), fault))
    if problems:
        raise InputError(problems)


@functools.lru_cache(maxsize=32)
def _font_fault(path: str, size: int, changed: int) -> Message | None:
    """Say what is wrong with one font file (None: it is whole); size and change time key the cache."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return say("font_file_unreadable", detail=exc.strerror or exc)
    key = cache_key("font file check", CHECK_RECIPE, data)
    if cached_entry(KIND, key) is not None:
        return None
    fault = _fault_in(data)
    if fault is None:
        store_entry(KIND, key, b"whole")
    return fault


def _fault_in(data: bytes) -> Message | None:
    """Say what is wrong with a font file's bytes (None: a whole font)."""
    try:
        with TTFont(io.BytesIO(data), lazy=True) as face:
            for tag, entry in face.reader.tables.items():
                if entry.offset + entry.length > len(data):
                    return say("font_file_cut_short", table=tag, size=len(data))
            missing = [tag for tag in NEEDED_TABLES if tag not in face]
            if missing:
                return say("font_file_not_font", detail="no " + ", ".join(missing) + " table")
            face["cmap"].getBestCmap()
            face["name"].getDebugName(1)
    except Exception as exc:  # fontTools raises many kinds on a damaged file; each means "not a font"
        return say("font_file_not_font", detail=str(exc) or type(exc).__name__)
    return None
