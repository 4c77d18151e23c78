"""A content-addressed file cache for work whose result depends only on its inputs' bytes.

An entry is named by the SHA-256 of everything its result depends on, and holds the
SHA-256 of its payload before the payload: a torn or damaged entry is not used but made
again. Every failure to read or write falls back to doing the work, so the cache can save
time and never change a result.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from mou.core.paths import cache_folder

DIGEST_BYTES = 32


def cache_key(*parts: bytes | str) -> str:
    """Return the SHA-256 naming an entry made from parts (each one's length is hashed too, so parts cannot run together)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def read_entry(path: Path) -> bytes | None:
    """Return an entry's payload, or None when it is missing, unreadable or damaged."""
    try:
        stored = path.read_bytes()
    except OSError:
        return None
    payload = stored[DIGEST_BYTES:]
    if len(stored) < DIGEST_BYTES or hashlib.sha256(payload).digest() != stored[:DIGEST_BYTES]:
        return None
    return payload


def write_entry(path: Path, payload: bytes) -> None:
    """Write an entry whole or not at all (a temporary file renamed over it); a failure leaves no entry."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(hashlib.sha256(payload).digest() + payload)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def cached_entry(kind: str, key: str) -> bytes | None:
    """Return the payload stored under <cache folder>/<kind>/<key>, or None."""
    return read_entry(cache_folder() / kind / key)


def store_entry(kind: str, key: str, payload: bytes) -> None:
    """Store a payload under <cache folder>/<kind>/<key> (or nothing, if it cannot be written)."""
    write_entry(cache_folder() / kind / key, payload)


def cached(kind: str, key: str, make: Callable[[], bytes]) -> bytes:
    """Return the cached result of make() under <cache folder>/<kind>/<key>, making and storing it when absent."""
    found = cached_entry(kind, key)
    if found is not None:
        return found
    made = make()
    store_entry(kind, key, made)
    return made


@functools.cache
def file_digest(path: str) -> str:
    """Return the SHA-256 of a file's bytes, read once per process (mou's own sources, in cache keys)."""
    with open(path, "rb") as source:
        return hashlib.sha256(source.read()).hexdigest()
