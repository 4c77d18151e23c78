"""Bytes that depend only on their inputs: content hashes and zip archives."""

from __future__ import annotations

import datetime
import hashlib
import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from mou.core.cache import cache_key, cached_entry, store_entry

UTC = datetime.UTC


def sha256(data: bytes) -> str:
    """Return the hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def deterministic_zip(members: list[tuple[str, bytes]], when: datetime.datetime) -> bytes:
    """Zip members in the given order, each dated `when` (UTC), with fixed permissions."""
    stamp = max(when.astimezone(datetime.UTC), datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC))
    date_time = stamp.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive, _deflated_once():
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return out.getvalue()


# Members of these sizes are deflated once per process and content, and kept in mou's cache
# folder: every Thai DOCX holds the same large styles part and the same embedded fonts, and
# deflating them was a good part of a DOCX's time.
_REUSED_MIN_SIZE, _REUSED_MAX_SIZE = 8192, 1 << 20
_deflated: dict[tuple[int, bytes], bytes] = {}


class _OnceDeflater:
    """Stands in for the compressor zipfile makes per member: the same bytes, remembered.

    zipfile's writestr() hands a member's data to compress() in one call and then calls
    flush(); the output is the concatenation, so returning all of it from flush() is the same.
    """

    def __init__(self, level: int):
        self.level, self.data = level, b""

    def compress(self, data: bytes) -> bytes:
        self.data += bytes(data)
        return b""

    def flush(self) -> bytes:
        key = (self.level, self.data)
        if key in _deflated:
            return _deflated[key]
        reused = _REUSED_MIN_SIZE <= len(self.data) <= _REUSED_MAX_SIZE
        # zlib's output may differ from one zlib release to the next: its version names the entry too.
        stored = cache_key("deflate", zlib.ZLIB_RUNTIME_VERSION, str(self.level), self.data) if reused else ""
        packed = cached_entry("deflated", stored) if reused else None
        if packed is None:
            packer = zlib.compressobj(self.level, zlib.DEFLATED, -15)  # as zipfile._get_compressor
            packed = packer.compress(self.data) + packer.flush()
            if reused:
                store_entry("deflated", stored, packed)
        if reused:
            if len(_deflated) >= 16:
                _deflated.pop(next(iter(_deflated)))
            _deflated[key] = packed
        return packed


@contextmanager
def _deflated_once() -> Iterator[None]:
    """Let zipfile deflate through _OnceDeflater while an archive is written."""
    original = getattr(zipfile, "_get_compressor", None)
    if original is None:  # another Python's zipfile: it compresses as it always did
        yield
        return

    def get_compressor(compress_type: int, compresslevel: int | None = None) -> object:
        if compress_type == zipfile.ZIP_DEFLATED and compresslevel is not None:
            return _OnceDeflater(compresslevel)
        return original(compress_type, compresslevel)

    setattr(zipfile, "_get_compressor", get_compressor)  # noqa: B010 - a private name, set for this archive only
    try:
        yield
    finally:
        setattr(zipfile, "_get_compressor", original)  # noqa: B010
