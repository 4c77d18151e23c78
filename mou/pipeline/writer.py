"""The one place that writes output: an agreement's files appear together or not at all."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mou.core.errors import MouError, Problem
from mou.core.messages import say
from mou.pipeline.incremental import edited_by_hand

LOCK_NAME = ".mou.lock"
TRASH_PREFIX = ".replaced-"


class BusyError(MouError):
    """Another build holds the output folder."""


@contextmanager
def output_lock(output_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on output_dir for one build; refuse a second build at once."""
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        handle = open(output_dir / LOCK_NAME, "a+")  # noqa: SIM115 - closed by the with below
    except OSError as exc:  # a file in the way, a read-only disk, no permission
        raise unwritable(output_dir, exc) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            owner = handle.read().strip() or "another process"
            raise BusyError(Problem(str(output_dir), say("busy", owner=owner))) from None
        handle.truncate(0)
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        recover(output_dir)
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def unwritable(folder: Path, exc: OSError) -> MouError:
    """Say that a folder cannot be written, and why, as a message instead of a traceback."""
    return MouError(Problem(str(folder), say("cannot_write_output", detail=exc.strerror or exc)))


def recover(output_dir: Path) -> None:
    """Finish or undo a swap that a killed build left halfway; drop stale staging folders."""
    for trash in output_dir.glob(f"{TRASH_PREFIX}*"):
        marker = trash / "swap.json"
        if marker.exists() and (trash / "old").exists():
            swap = json.loads(marker.read_text(encoding="utf-8"))
            target = output_dir / swap["target"]
            if not target.exists():
                os.rename(trash / "old", target)  # the new files never arrived: put the old back
            else:
                _keep_extras(trash / "old", target, set(swap["written"]))
        shutil.rmtree(trash, ignore_errors=True)
    for staging in output_dir.glob(".staging-*"):
        shutil.rmtree(staging, ignore_errors=True)


def write_files(output_dir: Path, folder: Path, files: dict[str, bytes]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Replace output_dir/folder with the given files in one swap; return them and kept copies.

    Everything is complete on disk before the old folder is moved aside, and a build killed
    between the two renames is repaired by recover() on the next run: earlier output is
    never lost and never half old, half new. Files mou did not write stay; a file mou wrote
    that someone edited since (a DOCX, say) is kept beside the new one as
    <name>.edited<suffix>, and reported as (old name, kept name).
    """
    target = output_dir / folder
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=output_dir))
    except OSError as exc:
        raise unwritable(target.parent, exc) from None
    os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private; output is for everyone
    kept: list[tuple[str, str]] = []
    try:
        for name, data in files.items():
            _write_synced(staging / name, data)
        if not target.exists():
            os.rename(staging, target)
        else:
            for name in edited_by_hand(target):
                kept.append((name, _free_name(target, staging, name)))
                os.link(target / name, staging / kept[-1][1])
            trash = Path(tempfile.mkdtemp(prefix=TRASH_PREFIX, dir=output_dir))
            swap = {"target": str(folder), "written": sorted(files)}
            (trash / "swap.json").write_text(json.dumps(swap), encoding="utf-8")
            os.rename(target, trash / "old")
            os.rename(staging, target)
            _keep_extras(trash / "old", target, set(files))
            shutil.rmtree(trash, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [target / name for name in files], kept


def _free_name(target: Path, staging: Path, name: str) -> str:
    """Return a name for keeping an edited copy that clashes with nothing."""
    stem, dot, suffix = name.rpartition(".")
    for number in range(1, 1000):
        candidate = f"{stem}.edited{'' if number == 1 else f'-{number}'}{dot}{suffix}"
        if not (target / candidate).exists() and not (staging / candidate).exists():
            return candidate
    raise FileExistsError(name)


def _keep_extras(old: Path, target: Path, written: set[str]) -> None:
    """Move files that mou did not write (a clerk's notes, say) from the old folder back."""
    for entry in old.iterdir():
        if entry.name not in written and not (target / entry.name).exists():
            os.rename(entry, target / entry.name)


def _write_synced(path: Path, data: bytes) -> None:
    """Write bytes and flush them to disk."""
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _umask() -> int:
    """Return the process umask (reading it means setting it, so set it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that it appears whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".partial-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
