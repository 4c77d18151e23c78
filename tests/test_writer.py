"""Output is replaced whole or not at all; a killed build loses nothing; one build at a time."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from mou.core.errors import MachineError
from mou.pipeline.build import write_index_after
from mou.pipeline.writer import BusyError, output_lock, recover, write_atomically, write_files

ROOT = Path(__file__).resolve().parent.parent


def digests(folder: Path) -> dict[str, str]:
    """Return the SHA-256 of every file under folder, by relative path, skipping the lock."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".mou.lock"
    }


def test_write_replaces_files_and_keeps_a_clerks_own_files(tmp_path):
    write_files(tmp_path, Path("a/1.0"), {"a.th.pdf": b"old th", "a.en.pdf": b"old en"})
    (tmp_path / "a/1.0/notes.txt").write_text("mine")
    written = write_files(tmp_path, Path("a/1.0"), {"a.th.pdf": b"new th", "a.en.pdf": b"new en"})
    assert written.kept == [] and sorted(p.name for p in written.files) == ["a.en.pdf", "a.th.pdf"]
    assert digests(tmp_path) == digests_of(
        {"a/1.0/a.th.pdf": b"new th", "a/1.0/a.en.pdf": b"new en", "a/1.0/notes.txt": b"mine"}
    )
    assert oct((tmp_path / "a/1.0").stat().st_mode & 0o777) == oct(0o777 & ~current_umask())


def digests_of(files: dict[str, bytes]) -> dict[str, str]:
    """Return digests of in-memory files, sorted like digests()."""
    return {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


KILLABLE = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    import mou.pipeline.writer as writer
    point = sys.argv[2]
    real_rename, real_write = os.rename, writer._write_synced
    def paused_write(path, data):
        real_write(path, data)
        if point == "writing":
            print("PAUSED", flush=True); time.sleep(60)
    def paused_rename(src, dst):
        real_rename(src, dst)
        if point == "swap" and Path(dst).name == "old":
            print("PAUSED", flush=True); time.sleep(60)
    writer._write_synced = paused_write
    writer.os.rename = paused_rename
    from mou.cli.main import main
    sys.exit(main(["--root", sys.argv[1], "--format", "pdf"]))
""")


@pytest.mark.parametrize("point", ["writing", "swap"])
@pytest.mark.slow
def test_a_build_killed_halfway_loses_nothing(small_project, point):
    from mou.cli.main import main

    assert main(["--root", str(small_project), "--format", "pdf"]) == 0
    before = digests(small_project / "output")
    assert sorted(before) == [".mou-build.json", "index.html", "test.en.pdf", "test.th.pdf"] or sorted(
        Path(name).name for name in before
    ) == [".mou-build.json", "index.html", "test.en.pdf", "test.th.pdf"]
    record = small_project / "agreements/test.yaml"
    record.write_text(
        record.read_text(encoding="utf-8")
        .replace("ปีละ ๒ ครั้ง", "ปีละ ๓ ครั้ง")
        .replace("twice a year", "three times a year"),
        encoding="utf-8",
    )
    child = subprocess.Popen(
        [sys.executable, "-c", KILLABLE, str(small_project), point], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline().strip() == "PAUSED"
    child.send_signal(signal.SIGKILL)
    child.wait()
    finished = {
        name: value
        for name, value in digests(small_project / "output").items()
        if not name.startswith((".staging-", ".replaced-"))
    }
    assert set(finished.items()) <= set(before.items())  # old files whole, or moved aside
    recover(small_project / "output")  # what the next build does first
    assert digests(small_project / "output") == before
    assert main(["--root", str(small_project), "--format", "pdf"]) == 0
    after = digests(small_project / "output")
    assert after.keys() == before.keys()
    changed = {name for name in after if after[name] != before[name]}
    assert {"test/1.0/test.th.pdf", "test/1.0/.mou-build.json"} <= changed  # the Thai text changed


def test_a_second_build_at_once_is_refused_clearly(tmp_path):
    with output_lock(tmp_path), pytest.raises(BusyError) as info, output_lock(tmp_path):
        pass
    assert "another build (pid " in str(info.value) and "wait for it to finish" in str(info.value)
    with output_lock(tmp_path):  # released: a later build goes ahead
        pass


def test_an_output_folder_that_cannot_be_written_is_a_message_not_a_traceback(tree, tmp_path):
    import io

    from conftest import AGREEMENT, PARTY_A, PARTY_B

    from mou.cli.main import main
    from mou.core.errors import MouError

    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")
    with pytest.raises(MouError) as info, output_lock(in_the_way):
        pass
    # A file in the way is said as such, not as a matter of permissions.
    assert "a-file: a file stands where this folder should be" in info.value.problems[0].render("en")
    assert "permissions" not in info.value.problems[0].render("en")
    assert "มีไฟล์อยู่ในตำแหน่งที่ควรเป็นโฟลเดอร์นี้" in info.value.problems[0].render("th")
    with pytest.raises(MouError) as info, output_lock(in_the_way / "below"):
        pass
    assert "below: a file stands where this folder should be" in info.value.problems[0].render("en")
    (tmp_path / "out").mkdir()
    (tmp_path / "out/x").write_text("a file where the agreement's folder goes")
    with pytest.raises(MouError, match="x: this is a file, where mou makes the folder x/1.0; move or rename it"):
        write_files(tmp_path / "out", Path("x/1.0"), {"x.th.pdf": b"pdf"})
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    err = io.StringIO()
    assert main(["--root", str(root), "--output", str(in_the_way), "--format", "docx"], io.StringIO(), err) == 1
    assert "a file stands where this folder should be" in err.getvalue() and "--output" in err.getvalue()
    assert "internal error" not in err.getvalue() and in_the_way.read_text() == "not a folder"


def test_a_file_where_the_version_folder_goes_is_refused_and_never_moved(tmp_path):
    write_files(tmp_path, Path("a/1.0"), {"a.th.pdf": b"old"})
    (tmp_path / "a/1.0/a.th.pdf").unlink()
    (tmp_path / "a/1.0").rmdir()
    (tmp_path / "a/1.0").write_text("note")
    with pytest.raises(MachineError) as info:
        write_files(tmp_path, Path("a/1.0"), {"a.th.pdf": b"new"})
    problem = info.value.problems[0]
    assert problem.path == str(tmp_path / "a/1.0") and "move or rename" in problem.render("en")
    assert "ย้ายหรือเปลี่ยนชื่อ" in problem.render("th")
    assert (tmp_path / "a/1.0").read_text() == "note" and not list(tmp_path.glob(".replaced-*"))
    (tmp_path / "b").write_text("b is mine")  # a file where the agreement's folder goes
    with pytest.raises(MachineError, match="move or rename"):
        write_files(tmp_path, Path("b/1.0"), {"b.th.pdf": b"new"})
    assert (tmp_path / "b").read_text() == "b is mine"


def test_a_folder_where_a_file_goes_is_refused_and_left_alone(tmp_path):
    (tmp_path / "index.html").mkdir()
    (tmp_path / "index.html/mine.txt").write_text("mine")
    with pytest.raises(MachineError, match="move or rename"):
        write_atomically(tmp_path / "index.html", b"<html>")
    assert (tmp_path / "index.html/mine.txt").read_text() == "mine"


def test_a_clerks_file_an_earlier_version_moved_aside_comes_back(tmp_path):
    # What an earlier mou left: the clerk's file moved into .replaced-*/old, a new folder in its place.
    write_files(tmp_path, Path("a/1.0"), {"a.th.pdf": b"new"})
    trash = tmp_path / ".replaced-left"
    trash.mkdir()
    (trash / "swap.json").write_text('{"target": "a/1.0", "written": ["a.th.pdf"]}')
    (trash / "old").write_text("note")
    (tmp_path / ".replaced-a-file").write_text("not mou's")  # not a folder mou made: left alone
    recover(tmp_path)
    assert (tmp_path / "a/1.0").read_text() == "note" and not trash.exists()
    assert (tmp_path / ".replaced-a-file").read_text() == "not mou's"
    with output_lock(tmp_path):  # later builds go ahead
        pass


def test_a_file_put_where_a_killed_build_moved_a_folder_aside_is_not_moved(tmp_path):
    write_files(tmp_path, Path("a/1.0"), {"a.th.pdf": b"old"})
    trash = tmp_path / ".replaced-killed"
    trash.mkdir()
    (trash / "swap.json").write_text('{"target": "a/1.0", "written": ["a.th.pdf"]}')
    os.rename(tmp_path / "a/1.0", trash / "old")  # killed here; then a clerk puts a file where the folder was
    (tmp_path / "a/1.0").write_text("note")
    with pytest.raises(MachineError, match="move or rename"):
        recover(tmp_path)
    assert (tmp_path / "a/1.0").read_text() == "note" and (trash / "old/a.th.pdf").read_bytes() == b"old"
    os.rename(tmp_path / "a/1.0", tmp_path / "note.txt")
    recover(tmp_path)
    assert (tmp_path / "a/1.0/a.th.pdf").read_bytes() == b"old" and not trash.exists()


@pytest.mark.parametrize(
    "note",
    ['{"target": "a/1', "", '{"target": "../../elsewhere", "written": []}', '{"target": "/tmp", "written": []}', "[]"],
)
def test_a_damaged_swap_note_is_a_message_and_the_earlier_files_stay(tmp_path, note):
    """A note cut short (a power cut) or edited was a JSONDecodeError, "a bug in mou"; one naming a
    folder outside output/ would have moved the earlier files there."""
    trash = tmp_path / ".replaced-x"
    (trash / "old").mkdir(parents=True)
    (trash / "old/a.th.pdf").write_bytes(b"earlier")
    (trash / "swap.json").write_text(note, encoding="utf-8")
    with pytest.raises(MachineError) as raised:
        recover(tmp_path)
    assert "its note (swap.json) cannot be read; the earlier files are in" in str(raised.value)
    assert (trash / "old/a.th.pdf").read_bytes() == b"earlier"
    assert not (tmp_path.parent / "elsewhere").exists()


def test_a_swap_note_without_the_old_folder_is_cleared(tmp_path):
    trash = tmp_path / ".replaced-x"
    trash.mkdir()
    (trash / "swap.json").write_text('{"target": "a/1', encoding="utf-8")  # cut short before anything moved
    recover(tmp_path)
    assert not trash.exists()


def test_the_swap_note_is_on_disk_whole_before_the_old_folder_moves(tmp_path, monkeypatch):
    """Written and flushed (fsync) before the rename: after a power cut recover() finds it whole, or finds no old folder."""
    write_files(tmp_path, Path("a/1.0"), {"a.th.pdf": b"old"})
    synced: list[str] = []
    seen: list[tuple[str, list[str]]] = []
    rename, fsync = os.rename, os.fsync

    def spy_fsync(descriptor):
        synced.append(Path(os.readlink(f"/proc/self/fd/{descriptor}")).name)
        fsync(descriptor)

    def spy_rename(source, destination):
        if Path(destination).name == "old":
            seen.append(((Path(destination).parent / "swap.json").read_text(encoding="utf-8"), list(synced)))
        rename(source, destination)

    monkeypatch.setattr(os, "fsync", spy_fsync)
    monkeypatch.setattr(os, "rename", spy_rename)
    write_files(tmp_path, Path("a/1.0"), {"a.th.pdf": b"new"})
    assert len(seen) == 1
    note, synced_before = seen[0]
    assert note == '{"target": "a/1.0", "written": ["a.th.pdf"]}'
    assert any(name.startswith("swap.json") for name in synced_before), synced_before


def test_a_folder_named_as_the_lock_is_named_in_the_message(tmp_path):
    (tmp_path / ".mou.lock").mkdir()
    with pytest.raises(MachineError) as raised, output_lock(tmp_path):
        pass
    assert str(raised.value).startswith(f"{tmp_path / '.mou.lock'}: this is a folder, where mou writes a file")


def test_an_index_that_cannot_be_written_after_the_swaps_says_the_new_files_are_in(tmp_path, monkeypatch):
    """A full disk at index.html, after the agreements' folders were replaced, said 'earlier output is unchanged'."""
    real_mkstemp = tempfile.mkstemp

    def full_disk_at_the_index(*args, **kwargs):
        if kwargs.get("prefix") == ".partial-":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", full_disk_at_the_index)
    with pytest.raises(MachineError) as caught:
        write_index_after(tmp_path, ["test 1.0"])
    (problem,) = caught.value.problems
    said = problem.render("en")
    assert said.startswith(f"{tmp_path / 'index.html'}: could not be rewritten (No space left on device)"), said
    assert "the new files of test 1.0 are in place" in said and "unchanged" not in said
    assert "ไฟล์ใหม่ของ test 1.0 อยู่ใน output/ แล้ว" in problem.render("th")
    (tmp_path / "index.html").mkdir()  # a folder in the way: said as such, still with what is in place
    monkeypatch.setattr(tempfile, "mkstemp", real_mkstemp)
    with pytest.raises(MachineError) as caught:
        write_index_after(tmp_path, ["test 1.0"])
    assert "this is a folder, where mou writes a file" in caught.value.problems[0].render("en")
