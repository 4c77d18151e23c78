"""Skip work that is already done: a fingerprint of everything an agreement's output depends on.

The fingerprint covers the agreement's record, the records of its parties, its template
folder and the fonts (the inputs provenance.py fingerprints for the footers), the formats
asked for, SOURCE_DATE_EPOCH, the source of mou itself and the versions of the libraries
that shape the bytes. It is stored
beside the output in a stamp file written in the same swap as the files, so a stamp never
describes files that are not there. Content, never file times.

This module must stay cheap to import: a build with nothing to do decides so from here,
without loading WeasyPrint, pydantic or Jinja.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from mou import __version__
from mou.core.errors import InputError
from mou.core.ids import is_id, is_version
from mou.core.paths import record_path
from mou.pipeline.layout import Layout
from mou.pipeline.provenance import read_inputs
from mou.pipeline.results import AgreementResult, skipped_result
from mou.pipeline.selection import agreement_ids, shard

BUILD_FILE = ".mou-build.json"
# The libraries whose versions change output bytes.
SHAPING_LIBRARIES = ("weasyprint", "pydyf", "python-docx", "pythainlp", "jinja2", "fonttools", "tinycss2", "tinyhtml5")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Planned:
    """What the fast path knows about one agreement before any validation."""

    agreement_id: str
    version: str
    fingerprint: str


def source_files() -> dict[str, Path]:
    """Return every source file of the mou package, by its path inside the package, in a fixed order."""
    package = Path(__file__).resolve().parent.parent
    return {path.relative_to(package).as_posix(): path for path in sorted(package.rglob("*.py"))}


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Return a digest of mou's own source and the shaping libraries' versions."""
    digest = hashlib.sha256(__version__.encode())
    for name, path in source_files().items():
        digest.update(name.encode() + b"\0" + path.read_bytes())
    for name in SHAPING_LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def quick_read(path: Path) -> dict[str, Any] | None:
    """Parse a record just enough to plan (C loader, no positions); None if unreadable."""
    try:
        data = yaml.load(path.read_bytes(), Loader=_Loader)
    except (OSError, yaml.YAMLError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def plan(root: Path, agreement_id: str, formats: tuple[str, ...]) -> Planned | None:
    """Fingerprint one agreement from its files; None when the fast path cannot tell.

    The fingerprint extends the one printed in the footers (provenance.py: the records,
    the template folder, the fonts) with what else shapes the bytes: mou's source, the
    libraries' versions, the formats and SOURCE_DATE_EPOCH.
    """
    agreement_path = record_path(root, "agreements", agreement_id)
    record = quick_read(agreement_path) if agreement_path else None
    # Nothing from a record becomes a path before it is known to be a plain id or version.
    if record is None or not is_version(record.get("version")):
        return None
    parties, template = record.get("parties"), record.get("template", "standard")
    if not isinstance(parties, list) or not all(is_id(p) for p in parties) or not is_id(template):
        return None
    try:
        inputs = read_inputs(root, root / "templates", agreement_id, parties, template)
    except InputError:  # a record is missing: validation will say so
        return None
    digest = hashlib.sha256()
    for part in (inputs.fingerprint, code_digest(), ",".join(formats), os.environ.get("SOURCE_DATE_EPOCH", "")):
        digest.update(part.encode() + b"\0")
    return Planned(agreement_id, record["version"], digest.hexdigest())


def read_build_file(folder: Path) -> dict[str, Any] | None:
    """Return the stamp of an output folder, or None."""
    try:
        stamp = json.loads((folder / BUILD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def is_up_to_date(output: Path, planned: Planned) -> bool:
    """Return True when the output folder holds the very files built from this fingerprint."""
    folder = output / planned.agreement_id / planned.version
    stamp = read_build_file(folder)
    if stamp is None or stamp.get("fingerprint") != planned.fingerprint:
        return False
    files = stamp.get("files")
    if not isinstance(files, dict) or not files:
        return False
    # Content, never sizes or times: a damaged file of the same size is not built. Hashing
    # every output file is cheap beside reading the records (SHA-256 runs at gigabytes a second).
    for name, info in files.items():
        try:
            data = (folder / name).read_bytes()
        except OSError:
            return False
        if hashlib.sha256(data).hexdigest() != info.get("sha256"):
            return False
    return True


def build_file_bytes(planned_fingerprint: str, files: dict[str, bytes], about: dict[str, Any]) -> bytes:
    """Return the stamp to write beside the files: fingerprint, file digests, and facts for the index."""
    stamp = dict(about)
    stamp["mou"] = __version__
    stamp["fingerprint"] = planned_fingerprint
    stamp["files"] = {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for name, data in sorted(files.items())
    }
    return (json.dumps(stamp, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def edited_by_hand(folder: Path) -> list[str]:
    """Return the names of files mou wrote that someone has changed since (a DOCX edited in place)."""
    stamp = read_build_file(folder)
    if stamp is None or not isinstance(stamp.get("files"), dict):
        return []
    changed = []
    for name, info in stamp["files"].items():
        path = folder / name
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() != info.get("sha256"):
            changed.append(name)
    return changed


def up_to_date_results(
    layout: Layout, wanted: list[str], formats: tuple[str, ...], shard_spec: tuple[int, int] | None
) -> list[AgreementResult] | None:
    """Return 'skipped' results when every chosen agreement is already built, else None.

    Decided from file contents alone, before records are validated or WeasyPrint is
    loaded: a build with nothing to do costs a few file reads.
    """
    known = agreement_ids(layout.root)
    if not known or not set(wanted) <= set(known):
        return None
    results = []
    for agreement_id in shard(list(dict.fromkeys(wanted)) or known, shard_spec):
        planned = plan(layout.root, agreement_id, formats)
        if planned is None or not is_up_to_date(layout.output, planned):
            return None
        folder = layout.output / agreement_id / planned.version
        stamp = read_build_file(folder) or {}
        if stamp.get("mismatches"):  # built with mismatches allowed: validate to report them again
            return None
        results.append(skipped_result(agreement_id, folder, stamp))
    return results
