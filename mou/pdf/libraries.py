"""WeasyPrint's C libraries found through the dynamic linker's cache alone, sparing a compiler run per miss.

WeasyPrint opens each library by trying its names for every platform in turn
('libgobject-2.0-0', 'gobject-2.0-0', 'gobject-2.0', 'libgobject-2.0.so.0', …), and cffi
asks `ctypes.util.find_library` for each. On Linux, ctypes first reads the linker's cache
(`ldconfig -p`); a name it does not know, such as a Windows one, then costs a run of gcc and
one of ld, most of the CPU time of importing WeasyPrint. While WeasyPrint loads them, mou
answers with the cache's result only. The same library is loaded: what gcc or ld find is a
bare file name that the dynamic loader must still resolve, as it resolves the
'libgobject-2.0.so.0' spelling WeasyPrint tries on its own. Where ctypes has no such cache
reader (not Linux), or `MOU_ACCELERATE=0` is set, nothing is changed.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import os
import sys
from collections.abc import Callable, Iterator

SWITCH = "MOU_ACCELERATE"  # "0" leaves this out, with the speed-ups of speedups.py


def cache_reader() -> Callable[[str], str | None] | None:
    """Return ctypes' reader of the linker's cache, or None where it has none or it is not wanted."""
    if not sys.platform.startswith("linux"):
        return None
    if os.environ.get(SWITCH, "1").strip() in ("0", "no", "off", "false"):
        return None
    reader = getattr(ctypes.util, "_findSoname_ldconfig", None)
    return reader if callable(reader) else None


@contextlib.contextmanager
def found_in_linker_cache() -> Iterator[None]:
    """While inside, find libraries by the linker's cache only; ctypes' own search is put back after."""
    reader = cache_reader()
    if reader is None:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = reader
    try:
        yield
    finally:
        ctypes.util.find_library = original
