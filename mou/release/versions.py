"""Where an earlier version of an agreement comes from: a release archive, git, or the working tree.

A version named on the command line (`python build.py diff <agreement> <old> <new>`) is
looked up, in this order:

1. `git:<rev>`: the records as committed in that git revision;
2. the release archive `output/releases/<agreement>-<version>.zip` (its `inputs/`, the
   records byte for byte), once it verifies;
3. the git history of the records: the newest commit in which `agreements/<agreement>.yaml`
   says `version: <version>`, with the party records of that same commit, unless the
   working tree has that version with uncommitted changes;
4. the working tree, when its record has that version.

Each source gives the records only (agreement and parties); the documents are rendered
again with the current templates, so a redline shows what the records changed.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from mou.core.errors import InputError, MouError, Problem, UsageError
from mou.core.ids import ID_PATTERN
from mou.core.messages import Message, say
from mou.core.paths import RECORD_SUFFIXES, record_files, record_path
from mou.release.archive import INPUTS, NAME, RELEASES, archive_name, verify

GIT_PREFIX = "git:"
# The only files a version's records may be: anything else (../, a folder) is never read or written.
RECORD_NAME = re.compile(rf"(?:agreements|parties)/{ID_PATTERN.pattern.strip('^$')}\.ya?ml")


@dataclass(frozen=True)
class VersionRecords:
    """One version's records, as relative path → bytes, and where they were found."""

    label: str  # what the clerk named: "1.0", "git:HEAD~1"
    version: str  # the agreement's own version field
    source: Message  # "release archive …", "git commit …", "working tree"
    records: dict[str, bytes]


# A record that does not parse still says its version on a line of its own: found by that
# line, its errors are then reported with the version's label instead of "no version found".
VERSION_LINE = re.compile(rb"""^version:[ \t]*(["']?)([^"'#\s]+)\1[ \t]*(?:#.*)?$""", re.M)


def _yaml_field(data: bytes, name: str) -> Any:
    """Read one top-level field of a record without validating it (None if unreadable)."""
    try:
        loaded = yaml.safe_load(data)
    except (yaml.YAMLError, ValueError):
        line = VERSION_LINE.search(data) if name == "version" else None
        return line[2].decode("utf-8", "replace") if line else None
    return loaded.get(name) if isinstance(loaded, dict) else None


def _party_ids(agreement: bytes) -> list[str]:
    """Return the party ids an agreement record lists that can be ids (validation reports the others)."""
    parties = _yaml_field(agreement, "parties")
    return [p for p in parties if isinstance(p, str) and ID_PATTERN.match(p)] if isinstance(parties, list) else []


def _git(root: Path, *args: str) -> bytes | None:
    """Run git in the records' folder; None when git or the repository is missing."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run([git, "-C", str(root), *args], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _records(read: Callable[[str, str], tuple[str, bytes] | None], agreement_id: str) -> dict[str, bytes] | None:
    """Return the agreement's and its parties' records, each read as (relative path, bytes); None: no agreement."""
    agreement = read("agreements", agreement_id)
    if agreement is None:
        return None
    records = dict([agreement])
    for party in _party_ids(agreement[1]):
        found = read("parties", party)
        if found is not None:  # a party missing there is validation's to report
            records[found[0]] = found[1]
    return records


def _git_records(root: Path, agreement_id: str, rev: str) -> dict[str, bytes] | None:
    """Return the agreement's and its parties' records as committed in rev (None: not there)."""
    return _records(lambda kind, record_id: _git_record(root, rev, kind, record_id), agreement_id)


def _git_record(root: Path, rev: str, kind: str, record_id: str) -> tuple[str, bytes] | None:
    """Return (relative path, bytes) of one record as committed in rev (.yaml or .yml)."""
    for suffix in RECORD_SUFFIXES:
        data = _git(root, "show", f"{rev}:./{kind}/{record_id}{suffix}")
        if data is not None:
            return f"{kind}/{record_id}{suffix}", data
    return None


def _git_history(root: Path, agreement_id: str) -> list[tuple[str, str]]:
    """Return (commit, version) for every commit touching the agreement's record, newest first."""
    paths = [f"agreements/{agreement_id}{suffix}" for suffix in RECORD_SUFFIXES]
    listing = _git(root, "log", "--format=%H", "--", *paths)
    found = []
    for commit in (listing or b"").decode().split():
        for path in paths:
            data = _git(root, "show", f"{commit}:./{path}")
            if data is not None:
                version = _yaml_field(data, "version")
                found.append((commit, str(version) if version is not None else ""))
                break
    return found


def _archive_records(path: Path) -> dict[str, bytes]:
    """Return the records a release archive holds under inputs/, once the archive verifies.

    A damaged or altered archive would show an old version that was never released: it is
    refused, with the first failures `verify` finds (a missing signature is no failure).
    """
    failed = [f for f in verify(path).findings if not f.ok]
    if failed:
        detail = Message(f"{failed[0].member}: ", f"{failed[0].member}: ") + failed[0].message
        raise InputError(Problem(str(path), say("diff_archive_fails", detail=detail, n=len(failed))))
    try:
        with zipfile.ZipFile(path) as archive:
            return {
                info.filename[len(INPUTS) :]: archive.read(info)
                for info in archive.infolist()
                if info.filename.startswith(INPUTS) and RECORD_NAME.fullmatch(info.filename[len(INPUTS) :])
            }
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(Problem(str(path), say("diff_bad_archive", detail=exc))) from None


def _working_records(root: Path, agreement_id: str) -> dict[str, bytes] | None:
    """Return the working tree's records of the agreement and its parties."""

    def read(kind: str, record_id: str) -> tuple[str, bytes] | None:
        path = record_path(root, kind, record_id)
        return None if path is None else (f"{kind}/{path.name}", path.read_bytes())

    return _records(read, agreement_id)


def known_versions(root: Path, output: Path, agreement_id: str, history: list[tuple[str, str]]) -> list[str]:
    """Return every version of the agreement that can be found (history: _git_history's), for a helpful message."""
    found = [
        m.group("version")
        for p in sorted((output / RELEASES).glob(f"{agreement_id}-*.zip"))
        if (m := NAME.match(p.name)) and m.group("agreement") == agreement_id
    ]
    found += [version for _, version in history if version]
    working = _working_records(root, agreement_id)
    if working:
        version = _yaml_field(next(iter(working.values())), "version")
        if version is not None:
            found.append(str(version))
    return sorted(set(found), key=_version_order)


def _version_order(version: str) -> list[tuple[int, int | str]]:
    """Order versions as people do: 1.2 before 1.10, numbers before words."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[._+-]", version)]


def _commit_of(root: Path, rev: str) -> str:
    """Return the commit a revision names (12 hex digits), or the revision itself."""
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    return commit.decode().strip()[:12] if commit else rev


def find_version(root: Path, output: Path, agreement_id: str, label: str) -> VersionRecords:
    """Find one version's records (see the module's docstring for the order); refuse unknown ones."""
    if label.startswith(GIT_PREFIX):
        rev = label[len(GIT_PREFIX) :]
        records = _git_records(root, agreement_id, rev) if rev and not rev.startswith("-") else None
        if records is None:
            said = say("diff_no_git_revision", rev=rev, id=agreement_id)
            raise UsageError(Problem("command line", said + _without_git()))
        version = _yaml_field(records[next(iter(records))], "version")
        return VersionRecords(label, str(version or rev), say("diff_from_git", commit=_commit_of(root, rev)), records)
    archive = output / RELEASES / archive_name(agreement_id, label)
    if "/" not in label and archive.is_file():
        return VersionRecords(label, label, say("diff_from_release", path=archive.name), _archive_records(archive))
    working = _working_records(root, agreement_id)
    if working and str(_yaml_field(next(iter(working.values())), "version")) != label:
        working = None
    history = _git_history(root, agreement_id)
    for commit, version in history:
        if version == label:
            records = _git_records(root, agreement_id, commit)
            # The working tree's edits of this version, not yet committed, are its newest text.
            if records is not None and (working is None or working == records):
                return VersionRecords(label, label, say("diff_from_git", commit=commit[:12]), records)
            break
    if working:
        return VersionRecords(label, label, say("diff_from_working_tree"), working)
    known = known_versions(root, output, agreement_id, history)
    if not known:
        raise UsageError(Problem("command line", _unknown_agreement(root, agreement_id)))
    said = say("diff_unknown_version", version=label, id=agreement_id, known=", ".join(known))
    built = output / agreement_id / label
    if "/" not in label and built.is_dir():
        said += say("diff_built_not_kept", folder=f"{agreement_id}/{label}")
    said += say("diff_keep_versions", id=agreement_id)
    raise UsageError(Problem("command line", said + _without_git()))


def _without_git() -> Message:
    """Say that git's history was not searched when git is not installed (else nothing)."""
    if shutil.which("git") is not None:
        return Message("", "")
    return Message("; ", " ") + say("diff_git_missing")


def _unknown_agreement(root: Path, agreement_id: str) -> Message:
    """Say that no version of an agreement exists anywhere, with the nearest known id."""
    known = sorted(path.stem for path in record_files(root / "agreements"))
    guess = difflib.get_close_matches(agreement_id, known, n=1)
    return (
        say("unknown_agreement_guess", id=agreement_id, guess=guess[0])
        if guess
        else say("unknown_agreement", id=agreement_id, known=", ".join(known) or "–")
    )


def materialize(records: VersionRecords, templates: Path, into: Path) -> Path:
    """Write a version's records into a fresh project folder sharing the current templates."""
    root = Path(tempfile.mkdtemp(prefix="version-", dir=into))
    for name, data in records.records.items():
        if not RECORD_NAME.fullmatch(name):  # never a path outside the scratch project
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "parties").mkdir(exist_ok=True)
    for name, folder in (("templates", templates), ("assets", templates.parent / "assets")):
        if folder.is_dir():  # the current templates render both versions
            (root / name).symlink_to(folder.resolve(), target_is_directory=True)
    return root


def relabel(exc: MouError, records: VersionRecords) -> MouError:
    """Say which version a record problem belongs to: '[1.0] agreements/x.yaml:3:1: …'."""
    problems = [replace(p, path=f"[{records.label}] {p.path}") if p.path != "mou" else p for p in exc.problems]
    return type(exc)(problems)
