"""Reading an archive someone else made: bounded before anything is unpacked, hashed as a stream.

A release archive is small and plain: a few dozen members of a few MB each, in one zip
without zip64. Anything else (a zip bomb, a device, a pipe, a manifest nested without
end) is refused with a message before it can take the machine's memory or time. The
limits and why they are what they are: docs/releases.md, "Hostile archives".
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from mou.core.messages import Message, say

MAX_MEMBERS = 1000
MAX_MEMBER_SIZE = 64 * 1024 * 1024  # unpacked bytes of one member
MAX_TOTAL_SIZE = 128 * 1024 * 1024  # unpacked bytes of all members together
MAX_DIRECTORY_SIZE = 1024 * 1024  # the zip's central directory: its list of members
CHUNK = 1024 * 1024
# What reading a damaged zip or member raises: a flipped byte in a deflate stream is zlib.error.
UNREADABLE = (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError)
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_LONGEST_COMMENT = 0xFFFF


class Refused(Exception):
    """The file is not something verify may unpack; the message says why."""

    def __init__(self, message: Message):
        super().__init__(message.en)
        self.message = message


@dataclass(frozen=True)
class Member:
    """One member of an archive: its SHA-256 and size, and its bytes when they are needed."""

    sha256: str
    size: int
    data: bytes | None = None


@dataclass
class Unpacked:
    """An archive's members by name, and what went wrong member by member."""

    members: dict[str, Member]
    duplicates: list[str]
    damaged: list[str]


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading; refuse a device, a pipe or a folder without waiting on it."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opens at once instead of blocking
    except OSError as exc:
        raise Refused(say("archive_cannot_open", detail=exc.strerror or exc)) from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise Refused(say("archive_not_regular", kind=_kind(mode)))
    return os.fdopen(descriptor, "rb")


def _kind(mode: int) -> Message:
    """Name the kind of a file that is not a regular one."""
    for test, key in ((stat.S_ISDIR, "kind_folder"), (stat.S_ISFIFO, "kind_pipe"), (stat.S_ISSOCK, "kind_socket")):
        if test(mode):
            return say(key)
    return say("kind_device")


def check_directory(handle: BinaryIO) -> None:
    """Refuse a zip whose list of members is too long, before zipfile reads that list.

    The end record, within the file's last 64 KiB, gives the member count and the list's
    size; zip64 (for archives far larger than a release) is refused rather than followed.
    """
    size = handle.seek(0, os.SEEK_END)
    handle.seek(max(0, size - _END_RECORD_SIZE - _LONGEST_COMMENT))
    tail = handle.read()
    handle.seek(0)
    at = tail.rfind(_END_RECORD)
    if at < 0 or len(tail) - at < _END_RECORD_SIZE:
        return  # not a zip: zipfile says so
    count, directory_size = struct.unpack("<HI", tail[at + 10 : at + 16])
    if count == 0xFFFF or directory_size == 0xFFFFFFFF:
        raise Refused(say("archive_zip64"))
    if count > MAX_MEMBERS or directory_size > MAX_DIRECTORY_SIZE:
        raise Refused(say("archive_too_many_members", n=count, limit=MAX_MEMBERS))


def check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse members whose declared sizes are beyond a release's, before unpacking any."""
    if len(infos) > MAX_MEMBERS:
        raise Refused(say("archive_too_many_members", n=len(infos), limit=MAX_MEMBERS))
    for info in infos:
        if info.file_size > MAX_MEMBER_SIZE:
            raise Refused(
                say("archive_member_too_large", name=info.filename, size=info.file_size, limit=MAX_MEMBER_SIZE)
            )
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_SIZE:
        raise Refused(say("archive_too_large", size=total, limit=MAX_TOTAL_SIZE))


def unpack(path: Path, keep: Callable[[str], bool]) -> Unpacked:
    """Hash every member as a stream, keeping the bytes of those `keep` names; raise Refused or zipfile's errors.

    zipfile stops each member at its declared size (and fails its CRC if it would run
    on), so the sizes checked first bound what is unpacked.
    """
    with open_regular(path) as handle:
        check_directory(handle)
        with zipfile.ZipFile(handle) as archive:
            infos = archive.infolist()
            check_sizes(infos)
            found = Unpacked({}, [], [])
            for info in infos:
                if info.filename in found.members:
                    found.duplicates.append(info.filename)
                    continue
                try:
                    found.members[info.filename] = _read_member(archive, info, keep(info.filename))
                except UNREADABLE:
                    found.damaged.append(info.filename)
            return found


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, keep: bool) -> Member:
    """Read one member in chunks: its digest and size, and its bytes when kept."""
    digest, size, chunks = hashlib.sha256(), 0, []
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if keep:
                chunks.append(chunk)
    return Member(digest.hexdigest(), size, b"".join(chunks) if keep else None)


def load_json(data: bytes) -> Any:
    """Parse JSON from an archive; nesting too deep to parse is a ValueError like any other bad JSON."""
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def read_json_member(path: Path, name: str) -> Any:
    """Return one JSON member of an archive (its manifest), refusing what unpack() refuses."""
    found = unpack(path, lambda member: member == name)
    member = found.members.get(name)
    if member is None or member.data is None:
        raise KeyError(name)
    return load_json(member.data)
