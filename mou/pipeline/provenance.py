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

import datetime
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mou import __version__
from mou.core.errors import InputError, Problem
from mou.core.messages import say
from mou.core.paths import RECORD_SUFFIXES, record_path
from mou.core.reproducible import UTC, sha256

if TYPE_CHECKING:
    from mou.records.model import Agreement

SHORT = 12  # hex digits of the fingerprint printed in footers


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
    canonical = json.dumps(
        {"agreement": agreement_id, "mou": mou_version, "inputs": hashes},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return sha256(canonical.encode())


def collect_inputs(root: Path, templates_dir: Path, agreement_id: str, agreement: Agreement) -> Inputs:
    """Read the agreement's records, and hash its template files and the fonts."""
    return read_inputs(root, templates_dir, agreement_id, agreement.parties, agreement.template)


# A folder's files by their names under templates/, with their SHA-256.
FolderHashes = dict[str, str]


def read_inputs(
    root: Path,
    templates_dir: Path,
    agreement_id: str,
    parties: list[str],
    template: str,
    hashed: dict[Any, FolderHashes] | None = None,
) -> Inputs:
    """Read the records of an agreement and its parties, and hash its template folder and the fonts.

    Cheap to import and to call before validation: the fast path of an incremental build
    fingerprints agreements with it from ids it has checked. `hashed` keeps each template
    and font folder's hashes for the next agreement of the same build (they are the same files).
    """
    records: dict[str, bytes] = {}
    for kind, record_id in [("agreements", agreement_id)] + [("parties", p) for p in parties]:
        path = record_path(root, kind, record_id)
        if path is None:
            raise InputError(Problem(f"{kind}/{record_id}.yaml", say("record_gone")))
        records[f"{kind}/{path.name}"] = path.read_bytes()
    return Inputs(agreement_id, dict(sorted(records.items())), asset_hashes(templates_dir, template, hashed))


def asset_hashes(templates_dir: Path, template: str, hashed: dict[Any, FolderHashes] | None = None) -> dict[str, str]:
    """Return the SHA-256 of the template folder's and the fonts' files, each folder hashed once per `hashed`."""
    hashed = {} if hashed is None else hashed
    assets: dict[str, str] = {}
    for folder in (templates_dir / template, templates_dir / "fonts"):
        if folder not in hashed:
            hashed[folder] = folder_hashes(folder, templates_dir)
        assets.update(hashed[folder])
    return assets


def fingerprint_from_files(
    root: Path, agreement_id: str, parties: list[str], template: str, hashed: dict[Any, FolderHashes]
) -> str | None:
    """Return the fingerprint read_inputs(...).fingerprint gives, or None when a record is missing.

    For planning many agreements at once: each record file is read and hashed once per
    `hashed` (parties are shared by many agreements), no bytes are kept, and paths are
    plain strings (pathlib's joins were most of a build with nothing to do).
    """
    hashes: dict[str, str] = {}
    base = str(root)
    for kind, record_id in [("agreements", agreement_id)] + [("parties", p) for p in parties]:
        key = (base, kind, record_id)
        if key not in hashed:
            found = next((s for s in RECORD_SUFFIXES if os.path.isfile(f"{base}/{kind}/{record_id}{s}")), None)
            if found is None:
                return None
            with open(f"{base}/{kind}/{record_id}{found}", "rb") as record:
                hashed[key] = {f"{kind}/{record_id}{found}": sha256(record.read())}
        hashes.update(hashed[key])
    assets_key = (base, "templates", template)
    if assets_key not in hashed:
        hashed[assets_key] = asset_hashes(root / "templates", template, hashed)
    hashes.update(hashed[assets_key])
    return fingerprint_of(agreement_id, __version__, dict(sorted(hashes.items())))


def folder_hashes(folder: Path, templates_dir: Path) -> FolderHashes:
    """Return the SHA-256 of every file of a template or font folder, by its name under templates/."""
    return {
        f"templates/{path.relative_to(templates_dir).as_posix()}": sha256(path.read_bytes())
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not _ignored(p))
    }


def _ignored(path: Path) -> bool:
    """Leave out editor and cache droppings, which do not shape the output."""
    return any(part.startswith(".") or part == "__pycache__" for part in path.parts[-2:]) or path.name.endswith("~")


@dataclass(frozen=True)
class BuildTime:
    """The one time written into every output, and where it came from."""

    when: datetime.datetime
    source: str  # "SOURCE_DATE_EPOCH" or "agreement date"

    @property
    def iso(self) -> str:
        """Return the time as 2020-11-16T00:00:00Z."""
        return self.when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_time(date: datetime.date, environ: Mapping[str, str] | None = None) -> BuildTime:
    """Return SOURCE_DATE_EPOCH when set, else the agreement's date at 00:00 UTC."""
    variables = os.environ if environ is None else environ
    value = variables.get("SOURCE_DATE_EPOCH", "").strip()
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
class FooterFacts:
    """What the templates print in every footer (and whether the edition is a draft)."""

    agreement: str
    version: str
    status: str
    fingerprint: str
    full_fingerprint: str = field(repr=False, default="")

    def for_template(self) -> dict[str, str]:
        """Return the values a template sees as `stamp`."""
        return {
            "agreement": self.agreement,
            "version": self.version,
            "status": self.status,
            "fingerprint": self.fingerprint,
        }
