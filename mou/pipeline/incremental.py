"""Skip work that is already done: a fingerprint of everything an agreement's output depends on.

The fingerprint covers the agreement's record, the records of its parties, its template
folder and the fonts (the inputs provenance.py fingerprints for the footers), the formats
asked for, SOURCE_DATE_EPOCH, the source of mou itself and the versions of the libraries
that shape the bytes. It is stored
beside the output in a stamp file written in the same swap as the files, so a stamp never
describes files that are not there. Content, never file times.

This module must stay cheap to import: a build with nothing to do decides so from here,
without loading WeasyPrint, pydantic, Jinja or a YAML parser (planning.py reads records).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from mou import __version__
from mou.core.ids import is_id, is_version
from mou.pipeline.layout import Layout
from mou.pipeline.provenance import FolderHashes, fingerprint_from_files
from mou.pipeline.results import AgreementResult, skipped_result
from mou.pipeline.selection import agreement_ids, shard

BUILD_FILE = ".mou-build.json"
# Output files already hashed, remembered by their stat (see HashMemo).
HASH_MEMO = ".mou-hashes.json"
# A file is remembered only once its last change is this old: a change made within the
# clock's granularity of the hashing would otherwise leave the same stat (git's "racy" files).
SETTLED_NS = 2_000_000_000
MEMO_LIMIT = 50_000  # entries kept; past it, only those of the latest check
# The libraries whose versions change output bytes.
READ_SIZE = 1 << 20  # bytes read at a time when hashing output files
SHAPING_LIBRARIES = ("weasyprint", "pydyf", "python-docx", "pythainlp", "jinja2", "fonttools", "tinycss2", "tinyhtml5")


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
    versions = installed_versions(SHAPING_LIBRARIES)
    for name in SHAPING_LIBRARIES:
        digest.update(f"{name}={versions.get(name, 'none')}".encode())
    return digest.hexdigest()


def installed_versions(names: tuple[str, ...]) -> dict[str, str]:
    """Return the installed version of each distribution named, from its metadata folder's name.

    The first folder on sys.path wins, as importlib.metadata finds it; a wheel's
    `name-version.dist-info` and an egg's `name-version[-pyX.Y].egg-info` carry the version
    in their names, so nothing is parsed (importing importlib.metadata alone costs a build
    with nothing to do more than all its own work).
    """
    wanted = {_normalized(name): name for name in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in listing:
            stem, _, suffix = folder.rpartition(".")
            if suffix == "dist-info":
                name, _, version = stem.rpartition("-")
            elif suffix == "egg-info":
                name, _, rest = stem.partition("-")
                version = rest.split("-")[0]
            else:
                continue
            key = wanted.get(_normalized(name))
            if key is not None and version and key not in found:
                found[key] = version
    return found


def _normalized(name: str) -> str:
    """Return a distribution name as packaging compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def plan_named(
    root: Path,
    agreement_id: str,
    named: tuple[str, list[str], str],
    formats: tuple[str, ...],
    hashed: dict[Any, FolderHashes] | None = None,
) -> Planned | None:
    """Fingerprint one agreement from its files and what its record names; None when a file is missing.

    `named` is the record's version, party ids and template. The fingerprint extends the one
    printed in the footers (provenance.py: the records, the template folder, the fonts) with
    what else shapes the bytes: mou's source, the libraries' versions, the formats and
    SOURCE_DATE_EPOCH. `hashed` keeps template and font hashes from one agreement to the next.
    """
    version, parties, template = named
    inputs = fingerprint_from_files(root, agreement_id, parties, template, {} if hashed is None else hashed)
    if inputs is None:  # a record is missing: validation will say so
        return None
    digest = hashlib.sha256()
    for part in (inputs, code_digest(), ",".join(formats), os.environ.get("SOURCE_DATE_EPOCH", "")):
        digest.update(part.encode() + b"\0")
    return Planned(agreement_id, version, digest.hexdigest())


def stamped_names(stamp: dict[str, Any]) -> tuple[str, list[str], str] | None:
    """Return the version, party ids and template a stamp was built from, if they are plain ids."""
    version, parties, template = stamp.get("version"), stamp.get("parties"), stamp.get("template")
    # Nothing from a file becomes a path before it is known to be a plain id or version.
    if not is_version(version) or not isinstance(parties, list) or not all(is_id(p) for p in parties):
        return None
    if not is_id(template):
        return None
    return str(version), list(parties), str(template)


def read_build_file(folder: Path | str) -> dict[str, Any] | None:
    """Return the stamp of an output folder, or None."""
    try:
        with open(os.path.join(folder, BUILD_FILE), encoding="utf-8") as file:
            stamp = json.loads(file.read())
    except (OSError, ValueError, RecursionError):  # a stamp nested absurdly deep counts as none
        return None
    return stamp if isinstance(stamp, dict) else None


def is_up_to_date(output: Path, planned: Planned) -> bool:
    """Return True when the output folder holds the very files built from this fingerprint."""
    folder = output / planned.agreement_id / planned.version
    stamp = read_build_file(folder)
    return stamp is not None and stamp.get("fingerprint") == planned.fingerprint and files_intact(folder, stamp)


@dataclass
class HashMemo:
    """The SHA-256 of output files already hashed, kept with the stat they had then.

    The decision is always by content: a file's remembered digest is used only while its
    size, inode, modification and change times are those it had when it was read, and any
    write to a file (even one that restores its size and modification time) sets its change
    time, which no program can set back. The same rule lets git skip unchanged files.
    """

    path: Path
    entries: dict[str, list[Any]]
    seen: set[str] = field(default_factory=set)
    changed: bool = False

    @classmethod
    def load(cls, output: Path) -> HashMemo:
        """Read the memo of an output folder; an unreadable one is an empty memo."""
        try:
            entries = json.loads((output / HASH_MEMO).read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            entries = {}
        return cls(output / HASH_MEMO, entries if isinstance(entries, dict) else {})

    def digest(self, path: str, buffer: bytearray) -> str | None:
        """Return the file's SHA-256 (remembered while its stat is unchanged), or None if it cannot be read."""
        self.seen.add(path)
        entry = self.entries.get(path)
        if isinstance(entry, list) and len(entry) == 5:
            try:
                now = os.stat(path)  # a remembered file is not even opened while its stat is the same
            except OSError:
                return None
            if entry[:4] == [now.st_size, now.st_ino, now.st_mtime_ns, now.st_ctime_ns]:
                return str(entry[4])
        try:
            with open(path, "rb", buffering=0) as file:
                before = os.fstat(file.fileno())
                key = [before.st_size, before.st_ino, before.st_mtime_ns, before.st_ctime_ns]
                digest = hash_open_file(file, buffer)
                after = os.fstat(file.fileno())
        except OSError:
            return None
        settled = time.time_ns() - before.st_ctime_ns > SETTLED_NS
        if settled and after.st_ctime_ns == before.st_ctime_ns and after.st_size == before.st_size:
            self.entries[path] = [*key, digest]
            self.changed = True
        return digest

    def save(self) -> None:
        """Write the memo beside the output, in one rename; a memo that cannot be written is simply not kept."""
        if not self.changed or not self.path.parent.is_dir():
            return
        entries = self.entries if len(self.entries) <= MEMO_LIMIT else {k: self.entries[k] for k in self.seen}
        try:
            with tempfile.NamedTemporaryFile("w", dir=self.path.parent, prefix=HASH_MEMO, delete=False) as handle:
                json.dump(entries, handle, separators=(",", ":"))
            os.replace(handle.name, self.path)
        except OSError:
            return


def hash_open_file(file: Any, buffer: bytearray) -> str:
    """Return the SHA-256 of an open file, read through one reused buffer."""
    digest, view = hashlib.sha256(), memoryview(buffer)
    while read := file.readinto(buffer):
        digest.update(view[:read])
    return digest.hexdigest()


def files_intact(
    folder: Path, stamp: dict[str, Any], buffer: bytearray | None = None, memo: HashMemo | None = None
) -> bool:
    """Return True when every file a stamp lists is there with the bytes it hashed.

    Content, never sizes or times alone: a damaged file of the same size is not built. A
    build with nothing to do checks every output file, so the files are read into one reused
    `buffer` through plain path strings, and a `memo` skips those unchanged since last hashed.
    """
    files = stamp.get("files")
    if not isinstance(files, dict) or not files:
        return False
    buffer = bytearray(READ_SIZE) if buffer is None else buffer
    base = str(folder)
    for name, info in files.items():
        path = os.path.join(base, name)
        if memo is not None:
            digest = memo.digest(path, buffer)
        else:
            try:
                with open(path, "rb", buffering=0) as file:
                    digest = hash_open_file(file, buffer)
            except OSError:
                digest = None
        if digest is None or not isinstance(info, dict) or digest != info.get("sha256"):
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

    Decided before any record is parsed or WeasyPrint is loaded: a version folder is up to
    date when the fingerprint of today's files, with the version, parties and template its
    stamp names, is the stamp's own (the fingerprint covers the agreement's record, so a
    changed record never matches) and its files are the ones the stamp hashes.
    """
    known = agreement_ids(layout.root)
    if not known or not set(wanted) <= set(known):
        return None
    hashed: dict[Any, FolderHashes] = {}
    current: dict[str, tuple[Path, dict[str, Any]]] = {}
    for agreement_id in shard(list(dict.fromkeys(wanted)) or known, shard_spec):
        found = _current_folder(layout, agreement_id, formats, hashed)
        if found is None or found[1].get("mismatches"):  # mismatches allowed: validate to report them again
            return None
        current[agreement_id] = found
    buffer, memo = bytearray(READ_SIZE), HashMemo.load(layout.output)
    intact = all(files_intact(folder, stamp, buffer, memo) for folder, stamp in current.values())
    memo.save()
    if not intact:
        return None
    return [skipped_result(agreement_id, *found) for agreement_id, found in current.items()]


def _current_folder(
    layout: Layout, agreement_id: str, formats: tuple[str, ...], hashed: dict[Any, FolderHashes]
) -> tuple[Path, dict[str, Any]] | None:
    """Return the version folder built from today's inputs, with its stamp (its files not yet checked)."""
    folders = os.path.join(layout.output, agreement_id)
    try:
        names = sorted(os.listdir(folders))
    except OSError:  # not built yet, or not a folder
        return None
    for name in names:
        stamp = read_build_file(os.path.join(folders, name))
        named = stamped_names(stamp) if stamp else None
        if stamp is None or named is None or named[0] != name:
            continue
        planned = plan_named(layout.root, agreement_id, named, formats, hashed)
        if planned is not None and planned.fingerprint == stamp.get("fingerprint"):
            return layout.output / agreement_id / name, stamp
    return None
