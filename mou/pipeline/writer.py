"""The one place that writes output: an agreement's files appear together or not at all."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from mou.core.errors import MachineError, MouError, Problem
from mou.core.messages import say
from mou.pipeline.incremental import edited_by_hand, read_build_file

LOCK_NAME = ".mou.lock"
TRASH_PREFIX = ".replaced-"
# The lock files this process holds open. A forked worker gets a copy of each descriptor,
# and flock belongs to the open file, so a worker that outlived a killed build would hold
# the lock: each forked child lets go of them at once (see _let_go_in_child).
_held_locks: set[int] = set()
# What to tell the clerk for each kind of write failure; others get cannot_write_output.
WRITE_FAILURES = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EROFS: "read_only_disk",
    errno.EPERM: "cannot_write_output",
    errno.EACCES: "cannot_write_output",
    errno.EEXIST: "output_is_a_file",
    errno.ENOTDIR: "output_is_a_file",
    errno.EFBIG: "file_size_limit",
}


class BusyError(MouError):
    """Another build holds the output folder."""


@contextmanager
def output_lock(output_dir: Path, wait: bool = False) -> Iterator[None]:
    """Hold an exclusive lock on output_dir for one build; refuse a second build at once, or wait for it."""
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        handle = open(output_dir / LOCK_NAME, "a+")  # noqa: SIM115 - closed by the with below
    except IsADirectoryError:  # a folder of the lock's name: someone's, left alone
        raise MachineError(Problem(str(output_dir / LOCK_NAME), say("folder_in_the_way"))) from None
    except OSError as exc:  # a file in the way, a read-only disk, no permission
        raise unwritable(output_dir, exc) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            owner = handle.read().strip() or "another process"
            raise BusyError(Problem(str(output_dir), say("busy", owner=owner))) from None
        _held_locks.add(handle.fileno())
        try:
            handle.truncate(0)
            handle.write(f"pid {os.getpid()}")
            handle.flush()
            recover(output_dir)
            yield
        finally:
            _held_locks.discard(handle.fileno())
            with suppress(OSError):  # a full disk may refuse even this; the lock goes with the file anyway
                handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _let_go_in_child() -> None:
    """In a freshly forked child, stop holding the parent's lock files open.

    Each descriptor is pointed at /dev/null rather than closed, so the child's copies of
    the file objects stay valid; the lock then ends with the build that took it.
    """
    if not _held_locks:
        return
    null = os.open(os.devnull, os.O_RDWR)
    for descriptor in _held_locks:
        os.dup2(null, descriptor, inheritable=False)
    os.close(null)
    _held_locks.clear()


os.register_at_fork(after_in_child=_let_go_in_child)


def unwritable(folder: Path, exc: OSError) -> MachineError:
    """Say that a folder cannot be written, why, and what to do, as a message instead of a traceback."""
    key = WRITE_FAILURES.get(exc.errno or 0, "cannot_write_output")
    return MachineError(Problem(str(folder), say(key, detail=exc.strerror or exc)))


def recover(output_dir: Path) -> None:
    """Finish or undo a swap that a killed build left halfway; drop stale staging folders."""
    for trash in output_dir.glob(f"{TRASH_PREFIX}*"):
        if trash.is_symlink() or not trash.is_dir():
            continue  # mou makes these as folders: anything else is someone's own, left alone
        try:
            _finish_swap(output_dir, trash)
        except OSError as exc:  # say which entry is stuck rather than stop every build with a traceback
            raise unwritable(trash, exc) from None
        shutil.rmtree(trash, ignore_errors=True)
    for staging in output_dir.glob(".staging-*"):
        shutil.rmtree(staging, ignore_errors=True)


def _finish_swap(output_dir: Path, trash: Path) -> None:
    """Put back what one swap moved aside: files mou did not write, or all of it if the new folder never arrived."""
    marker, old = trash / "swap.json", trash / "old"
    if not marker.is_file() or not os.path.lexists(old):
        return
    try:
        swap = json.loads(marker.read_text(encoding="utf-8"))
        folder, made = Path(swap["target"]), {str(name) for name in swap["written"]}
    except (ValueError, KeyError, TypeError):
        folder, made = Path("/"), set()
    if folder.is_absolute() or ".." in folder.parts or not folder.parts:
        # A note cut short (a power cut) or changed by hand: the earlier files stay where they are.
        raise MachineError(Problem(str(trash), say("swap_note_damaged", old=old)))
    target = output_dir / folder
    _refuse_a_file_in_the_way(target)  # a file put there since is not mou's to move: the clerk moves it
    if old.is_dir() and target.is_dir():
        _keep_extras(old, target, made)
        return
    if target.is_dir():  # a file was moved aside (as an earlier mou did): it goes back, new output gives way
        os.rename(target, trash / "new")
    target.parent.mkdir(parents=True, exist_ok=True)
    os.rename(old, target)


@dataclass
class Written:
    """What one swap did: the files written, edited copies kept, and earlier files removed."""

    files: list[Path] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)  # (mou's name, the edited copy's name)
    removed: list[str] = field(default_factory=list)  # files of an earlier build not made again


def write_files(output_dir: Path, folder: Path, files: dict[str, bytes]) -> Written:
    """Replace output_dir/folder with the given files in one swap; say what was written, kept and removed.

    Everything is complete on disk before the old folder is moved aside, and a build killed
    between the two renames is repaired by recover() on the next run: earlier output is
    never lost and never half old, half new. Files mou did not write stay; a file mou wrote
    that someone edited since (a DOCX, say) is kept beside the new one as
    <name>.edited<suffix>, and reported as (old name, kept name). A file an earlier build
    wrote that this one does not (a PDF, when only DOCX is built now) goes: a folder holds
    the files of one build, made from one set of inputs (the caller passes again those it
    knows to be from the same inputs).
    """
    target = output_dir / folder
    _refuse_a_file_in_the_way(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise unwritable(target.parent, exc) from None
    try:
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=output_dir))
    except OSError as exc:
        raise unwritable(output_dir, exc) from None
    written = Written([target / name for name in files])
    try:
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private; output is for everyone
        for name, data in files.items():
            _write_synced(staging / name, data)
        if not target.exists():
            os.rename(staging, target)
        else:
            earlier = set((read_build_file(target) or {}).get("files") or {})
            for name in edited_by_hand(target):
                written.kept.append((name, _free_name(target, staging, name)))
                os.link(target / name, staging / written.kept[-1][1])
            edited = {name for name, _ in written.kept}
            written.removed = sorted(n for n in earlier - set(files) - edited if (target / n).is_file())
            trash = Path(tempfile.mkdtemp(prefix=TRASH_PREFIX, dir=output_dir))
            made = set(files) | earlier
            swap = {"target": str(folder), "written": sorted(made)}
            # Whole and on disk before the old folder moves: recover() must be able to read it.
            _write_synced(trash / "swap.json.partial", json.dumps(swap).encode())
            os.rename(trash / "swap.json.partial", trash / "swap.json")
            os.rename(target, trash / "old")
            os.rename(staging, target)
            _keep_extras(trash / "old", target, made)
            shutil.rmtree(trash, ignore_errors=True)
    except OSError as exc:  # a full disk, a read-only or immutable folder
        _put_back(output_dir)
        raise unwritable(target, exc) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def _refuse_a_file_in_the_way(folder: Path) -> None:
    """Refuse to make folder where a file (a clerk's, say) stands at it or above it: that file is never moved."""
    existing = folder
    while not os.path.lexists(existing) and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise MachineError(Problem(str(existing), say("file_in_the_way", folder=folder.relative_to(existing.parent))))


def _put_back(output_dir: Path) -> None:
    """After a failed swap, put the earlier folder back now if the disk allows (else the next build does)."""
    with suppress(OSError):
        recover(output_dir)


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
    """Write a file so that it appears whole or not at all; a failure to write is a message."""
    if path.is_dir():
        raise MachineError(Problem(str(path), say("folder_in_the_way")))
    _refuse_a_file_in_the_way(path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".partial-", dir=path.parent)
    except OSError as exc:
        raise unwritable(path.parent, exc) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        raise unwritable(path, exc) from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
