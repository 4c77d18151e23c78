"""WeasyPrint's C libraries found through the dynamic linker's cache alone, sparing a compiler run per miss.

WeasyPrint opens each library by trying its names for every platform in turn
('libgobject-2.0-0', 'gobject-2.0-0', 'gobject-2.0', 'libgobject-2.0.so.0', …), and cffi
asks `ctypes.util.find_library` for each. On Linux, ctypes first looks the name up in the
linker's cache (`ldconfig -p`); a name the cache does not know, such as a Windows one, then
costs a run of gcc and one of ld, most of the CPU time of importing WeasyPrint. While
WeasyPrint loads, mou answers from the cache alone, read once, with ctypes' own pattern.
The same library is loaded: what gcc or ld would find is a bare file name that the dynamic
loader must still resolve, as it resolves the 'libgobject-2.0.so.0' spelling WeasyPrint
tries on its own. Off Linux, without ldconfig, or with `MOU_ACCELERATE=0`, nothing changes.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator

from mou.pdf.accelerate import wanted

# The cache entries' ABI for this machine, as ctypes.util names them (CPython 3.11–3.13).
ABI_TYPES = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}
LDCONFIG = "/sbin/ldconfig"


def linker_cache() -> bytes | None:
    """Return the listing of the linker's cache (`ldconfig -p`, C locale), or None where there is none or it is not wanted."""
    if not sys.platform.startswith("linux") or not wanted():
        return None
    if not os.path.exists(LDCONFIG) and shutil.which("ldconfig") is None:
        return None
    try:
        done = subprocess.run(
            [LDCONFIG if os.path.exists(LDCONFIG) else "ldconfig", "-p"],
            capture_output=True,
            env={"LC_ALL": "C", "LANG": "C"},
            check=False,
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 and done.stdout else None


def in_cache(listing: bytes, name: str) -> str | None:
    """Return the file name the cache lists for a library name, by ctypes' own pattern, or None."""
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    pattern = rb"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(os.fsencode(name)), ABI_TYPES.get(machine, "libc6").encode())
    found = re.search(pattern, listing)
    return os.fsdecode(found.group(1)) if found else None


@contextlib.contextmanager
def found_in_linker_cache() -> Iterator[None]:
    """While inside, find libraries by the linker's cache only; ctypes' own search is put back after."""
    listing = linker_cache()
    if listing is None:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: in_cache(listing, name)
    try:
        yield
    finally:
        ctypes.util.find_library = original
