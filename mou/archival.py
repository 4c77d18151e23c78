"""What makes an agreement's output reproducible and traceable: its inputs, fingerprint and time.

The fingerprint is computed from the inputs before anything is rendered, so it can be printed
in the documents' footers. It covers, as SHA-256 hashes of their exact bytes:

- the agreement's record (`agreements/<id>.yaml`) and the record of each of its parties;
- every file of the agreement's template folder (`templates/<template>/`);
- every file of the bundled fonts folder (`templates/fonts/`);
- the version of mou.

It does not cover the versions of the libraries that draw the files (WeasyPrint, HarfBuzz,
python-docx…): those are listed in a release's manifest instead. The same inputs give the same
fingerprint on every machine; a changed comma in a record, a template or a font changes it.

The build time written into the files (PDF and DOCX dates, the attachments' dates, the PDF
signature's signing time, the archive's entry dates) is never the clock: it is
`SOURCE_DATE_EPOCH` when that is set, else the agreement's own date at 00:00 UTC.
"""

from __future__ import annotations

import contextvars
import datetime
import hashlib
import io
import json
import os
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import InputError, Problem
from .files import record_path
from .messages import say

if TYPE_CHECKING:
    from .model import Agreement

SHORT = 12  # hex digits of the fingerprint printed in footers
UTC = datetime.timezone.utc


@dataclass(frozen=True)
class Inputs:
    """Everything an agreement's output is made from, as relative path → bytes or hash."""

    agreement_id: str
    records: dict[str, bytes]  # agreements/<id>.yaml and parties/<id>.yaml → exact bytes
    assets: dict[str, str]  # templates/<template>/…, templates/fonts/… → SHA-256
    mou_version: str = __version__

    def hashes(self) -> dict[str, str]:
        """Return the SHA-256 of every input, records and template files alike, by path."""
        found = {path: sha256(data) for path, data in self.records.items()}
        return dict(sorted((found | self.assets).items()))

    @property
    def fingerprint(self) -> str:
        """Return the full fingerprint: SHA-256 of the canonical list of inputs."""
        return fingerprint_of(self.agreement_id, self.mou_version, self.hashes())

    @property
    def short(self) -> str:
        """Return the fingerprint as printed in the footers."""
        return self.fingerprint[:SHORT]


def fingerprint_of(agreement_id: str, mou_version: str, hashes: dict[str, str]) -> str:
    """Return SHA-256 over a canonical JSON of the agreement id, mou version and input hashes."""
    canonical = json.dumps({"agreement": agreement_id, "mou": mou_version, "inputs": hashes},
                           sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return sha256(canonical.encode())


def sha256(data: bytes) -> str:
    """Return the hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def collect_inputs(root: Path, templates_dir: Path, agreement_id: str, agreement: Agreement) -> Inputs:
    """Read the agreement's records, and hash its template files and the fonts."""
    return read_inputs(root, templates_dir, agreement_id, agreement.parties, agreement.template)


def read_inputs(root: Path, templates_dir: Path, agreement_id: str, parties: list[str],
                template: str) -> Inputs:
    """Read the records of an agreement and its parties, and hash its template folder and the fonts.

    Cheap to import and to call before validation: the fast path of an incremental build
    fingerprints agreements with it from ids it has checked.
    """
    records: dict[str, bytes] = {}
    for kind, record_id in [("agreements", agreement_id)] + [("parties", p) for p in parties]:
        path = record_path(root, kind, record_id)
        if path is None:
            raise InputError(Problem(f"{kind}/{record_id}.yaml", say("record_gone")))
        records[f"{kind}/{path.name}"] = path.read_bytes()
    assets: dict[str, str] = {}
    for folder in (templates_dir / template, templates_dir / "fonts"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not _ignored(p)):
            assets[f"templates/{path.relative_to(templates_dir).as_posix()}"] = sha256(path.read_bytes())
    return Inputs(agreement_id, dict(sorted(records.items())), assets)


def _ignored(path: Path) -> bool:
    """Leave out editor and cache droppings, which do not shape the output."""
    return any(part.startswith(".") or part == "__pycache__" for part in path.parts[-2:]) or \
        path.name.endswith("~")


@dataclass(frozen=True)
class BuildTime:
    """The one time written into every output, and where it came from."""

    when: datetime.datetime
    source: str  # "SOURCE_DATE_EPOCH" or "agreement date"

    @property
    def iso(self) -> str:
        """Return the time as 2020-11-16T00:00:00Z."""
        return self.when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_time(date: datetime.date, environ: dict[str, str] | None = None) -> BuildTime:
    """Return SOURCE_DATE_EPOCH when set, else the agreement's date at 00:00 UTC."""
    environ = os.environ if environ is None else environ
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        try:
            seconds = int(value)
            when = datetime.datetime.fromtimestamp(seconds, UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError(Problem("SOURCE_DATE_EPOCH", say("bad_source_date_epoch", value=value[:40]))) from None
        if when.year < 1980:  # zip entries cannot hold earlier dates
            raise InputError(Problem("SOURCE_DATE_EPOCH", say("bad_source_date_epoch", value=value[:40])))
        return BuildTime(when, "SOURCE_DATE_EPOCH")
    return BuildTime(datetime.datetime(date.year, date.month, date.day, tzinfo=UTC), "agreement date")


@dataclass(frozen=True)
class Stamp:
    """What the templates print in every footer (and whether the edition is a draft)."""

    agreement: str
    version: str
    status: str
    fingerprint: str
    full_fingerprint: str = field(repr=False, default="")

    def for_template(self) -> dict[str, str]:
        """Return the values a template sees as `stamp`."""
        return {"agreement": self.agreement, "version": self.version, "status": self.status,
                "fingerprint": self.fingerprint}


# fontTools (WeasyPrint's subsetter when libharfbuzz-subset0 is missing) stamps each subset
# font's head.modified with the clock unless SOURCE_DATE_EPOCH is set. The time is taken from
# this context variable instead while mou renders, so it is the build time either way,
# and per thread, so parallel renders of agreements with different dates cannot mix.
_font_time: contextvars.ContextVar[int | None] = contextvars.ContextVar("mou_font_time", default=None)
_patched = False


@contextmanager
def fixed_font_time(when: datetime.datetime) -> Iterator[None]:
    """Make fontTools stamp fonts with `when` instead of the clock, for this context."""
    _patch_fonttools()
    token = _font_time.set(int(when.timestamp()))
    try:
        yield
    finally:
        _font_time.reset(token)


def _patch_fonttools() -> None:
    """Route fontTools' head-table clock through the context variable (once)."""
    global _patched
    if _patched:
        return
    from fontTools.misc import timeTools
    from fontTools.ttLib.tables import _h_e_a_d

    original = _h_e_a_d.timestampNow

    def timestamp_now() -> int:
        seconds = _font_time.get()
        return original() if seconds is None else timeTools.timestampSinceEpoch(seconds)

    _h_e_a_d.timestampNow = timestamp_now
    _patched = True


def deterministic_zip(members: list[tuple[str, bytes]], when: datetime.datetime) -> bytes:
    """Zip members in the given order, each dated `when` (UTC), with fixed permissions."""
    stamp = max(when.astimezone(datetime.timezone.utc), datetime.datetime(1980, 1, 1, tzinfo=datetime.timezone.utc))
    date_time = stamp.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive, _deflated_once():
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return out.getvalue()


# Members of these sizes are deflated once per process and content: every Thai DOCX
# holds the same 352 kB styles part, whose deflating was a sixth of a DOCX's time.
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
        packer = zlib.compressobj(self.level, zlib.DEFLATED, -15)  # as zipfile._get_compressor
        packed = packer.compress(self.data) + packer.flush()
        if _REUSED_MIN_SIZE <= len(self.data) <= _REUSED_MAX_SIZE:
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

    zipfile._get_compressor = get_compressor
    try:
        yield
    finally:
        zipfile._get_compressor = original
