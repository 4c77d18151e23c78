"""The source digests that guard the patches and speed-ups, remembered by the bytes of the file they are read from.

inspect.getsource() finds where a function ends by tokenizing it, which for the few dozen
functions the guards check cost each process more than the rest of installing the patches.
What it returns depends only on the file's text, the function's place in it and Python's
inspect, so a digest is kept in mou's cache folder under a key made of these: the file's
SHA-256, the function's name and first line, and Python's version. A changed file is a
new key, and its digests are worked out again.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from typing import Any

from mou.core.cache import cache_key, cached, file_digest


def remembered_digest(function: Any, digest_now: Callable[[], str]) -> str:
    """Return digest_now()'s digest of a function's source, from the cache when its file is unchanged."""
    target = inspect.unwrap(function)
    try:
        path = inspect.getsourcefile(target)
    except TypeError:  # built in: no source, and digest_now() says so
        path = None
    if not path:
        return digest_now()
    try:
        digest_of_file = file_digest(path)
    except OSError:
        return digest_now()
    code = getattr(target, "__code__", None)
    place = f"{getattr(target, '__module__', '')}\0{getattr(target, '__qualname__', '')}\0"
    place += str(code.co_firstlineno) if code is not None else type(target).__name__
    key = cache_key("source digest", sys.version, path, digest_of_file, place)
    return cached("source-digests", key, lambda: digest_now().encode()).decode()
