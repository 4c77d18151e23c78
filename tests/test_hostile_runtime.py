"""Killed builds, full disks and wrong turns: the build says what happened and loses nothing.

Rendering is replaced by a stand-in that returns small files at once (the pipeline around
it is real): these cases are about what is written, locked and said, not about PDFs.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B, ROOT

import mou.pipeline.batch as batch
import mou.pipeline.writer as writer
from mou.cli.console import Console, guarded
from mou.cli.main import main
from mou.pipeline.batch import worker_count
from mou.pipeline.writer import BusyError, output_lock, write_atomically


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the command line in-process; return status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def quick(monkeypatch):
    """Render every agreement as small files naming what they were made from; return the calls."""
    calls: list[str] = []

    def render(layout, project, agreement_id, formats):
        calls.append(agreement_id)
        record = (layout.root / "agreements" / f"{agreement_id}.yaml").read_bytes()
        made_from = hashlib.sha256(record).hexdigest()[:12]
        files = {
            f"{agreement_id}.{lang}.{fmt}": f"{fmt} {lang} from {made_from}".encode()
            for lang in ("th", "en")
            for fmt in formats
        }
        return files, ({"th": 2, "en": 2} if "pdf" in formats else {})

    monkeypatch.setattr(batch, "render_agreement", render)
    return calls


def edit(root: Path, old: str, new: str, name: str = "test") -> None:
    """Change one agreement record's text."""
    record = root / "agreements" / f"{name}.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def folder_files(root: Path) -> dict[str, str]:
    """Return the files of the test agreement's version folder and their contents."""
    folder = root / "output/test/1.0"
    return {p.name: p.read_text(errors="replace") for p in sorted(folder.iterdir()) if p.name != ".mou-build.json"}


# --- point 4: one consistent folder -------------------------------------------------------------


def test_a_version_folder_holds_files_of_one_set_of_inputs(small_project, quick):
    root = str(small_project)
    assert run(["--root", root])[0] == 0
    first = folder_files(small_project)
    assert sorted(first) == ["test.en.docx", "test.en.pdf", "test.th.docx", "test.th.pdf"]

    # Same inputs, DOCX only: the PDFs are the same agreement and stay; the stamp lists them.
    status, out, err = run(["--root", root, "--format", "docx"])
    assert status == 0 and "removed" not in err
    assert folder_files(small_project) == first
    assert run(["--root", root, "--format", "docx"])[1] == "up to date: test 1.0\n"

    # Other inputs, DOCX only: PDFs of the old text must not stay beside DOCX of the new.
    edit(small_project, "Hold training", "Hold trainings")
    status, out, err = run(["--root", root, "--format", "docx"])
    assert status == 0, err
    now = folder_files(small_project)
    assert sorted(now) == ["test.en.docx", "test.th.docx"]
    assert len({text.split(" from ")[1] for text in now.values()}) == 1
    for name in ("test.th.pdf", "test.en.pdf"):
        assert f"removed {name}: it was made from earlier inputs than the docx files just written" in err

    # A stale file someone edited by hand is kept under another name, never lost.
    assert run(["--root", root])[0] == 0
    (small_project / "output/test/1.0/test.th.pdf").write_text("signed by hand")
    (small_project / "output/test/1.0/notes.txt").write_text("the clerk's own")
    edit(small_project, "Hold trainings", "Hold training sessions")
    status, out, err = run(["--root", root, "--format", "docx"])
    assert status == 0
    now = folder_files(small_project)
    assert sorted(now) == ["notes.txt", "test.en.docx", "test.th.docx", "test.th.edited.pdf"]
    assert now["test.th.edited.pdf"] == "signed by hand" and now["notes.txt"] == "the clerk's own"
    assert "test.th.pdf was edited after mou wrote it: your copy is kept as test.th.edited.pdf" in err
    assert "removed test.en.pdf" in err


# --- point 6: workers die with the build, and do not hold its lock -------------------------------

ORPHANING = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    import mou.pipeline.batch as batch
    from mou.pipeline.writer import output_lock

    output = Path(sys.argv[1])

    def stuck(layout, project, agreement_id, formats):
        (output / f"worker-{os.getpid()}").write_text("")
        time.sleep(300)
        return {}, {}

    batch.render_agreement = stuck
    tasks = [batch.Task(output, output, f"a{n}", None, {}, ("docx",)) for n in range(2)]
    with output_lock(output):
        for _ in batch.run(tasks, 2):
            pass
""")


def alive(pid: int) -> bool:
    """Say whether a process exists (and is not a zombie awaiting its parent)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_kill_9_of_a_parallel_build_frees_the_output_folder_within_5_s(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    build = subprocess.Popen([sys.executable, "-c", ORPHANING, str(output)], cwd=ROOT, env={**os.environ})
    try:
        deadline = time.monotonic() + 120
        while len(list(output.glob("worker-*"))) < 2:
            assert time.monotonic() < deadline and build.poll() is None, "the workers never started"
            time.sleep(0.1)
        with pytest.raises(BusyError), output_lock(output):  # while the build runs, its lock holds
            pass
        workers = [int(p.name.split("-")[1]) for p in output.glob("worker-*")]
        build.send_signal(signal.SIGKILL)
        build.wait()
        killed = time.monotonic()
        while True:
            try:
                with output_lock(output):
                    break
            except BusyError:
                assert time.monotonic() - killed < 5, "the next build was still refused 5 s after kill -9"
                time.sleep(0.1)
        while any(alive(pid) for pid in workers):
            assert time.monotonic() - killed < 5, "a worker outlived the build by 5 s"
            time.sleep(0.1)
    finally:
        build.kill()
        for pid in [int(p.name.split("-")[1]) for p in output.glob("worker-*")]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


FORKING = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from mou.pipeline.writer import output_lock

    output = Path(sys.argv[1])
    with output_lock(output):
        child = os.fork()
        if child == 0:  # a child that outlives its parent: only the lock is at stake here
            time.sleep(60)
            os._exit(0)
        (output / f"child-{child}").write_text("")
        time.sleep(60)
""")


def test_a_forked_child_does_not_hold_the_lock_of_a_killed_build(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    build = subprocess.Popen([sys.executable, "-c", FORKING, str(output)], cwd=ROOT)
    child = 0
    try:
        deadline = time.monotonic() + 60
        while not list(output.glob("child-*")):
            assert time.monotonic() < deadline and build.poll() is None
            time.sleep(0.05)
        child = int(next(output.glob("child-*")).name.split("-")[1])
        build.send_signal(signal.SIGKILL)
        build.wait()
        assert alive(child)
        with output_lock(output):  # free at once, though the child lives on
            pass
    finally:
        build.kill()
        if child and alive(child):
            os.kill(child, signal.SIGKILL)


# --- point 10: --jobs capped --------------------------------------------------------------------


@pytest.mark.parametrize(
    "requested, tasks, cores, expected, noted",
    [
        (None, 32, 2, 2, False),  # the default: one per core, nothing to say
        (None, 1, 8, 1, False),
        (1, 32, 2, 1, False),
        (2, 32, 2, 2, False),
        (10000, 32, 2, 2, True),  # the case of the report: no more than the cores
        (4, 3, 8, 3, True),  # no more than the agreements
        (4, 0, 8, 1, True),
    ],
)
def test_jobs_are_capped_at_the_cores_and_the_agreements(requested, tasks, cores, expected, noted):
    workers, note = worker_count(requested, tasks, cores)
    assert workers == expected
    assert (note is not None) == noted
    if note is not None:
        assert f"rendering with {expected} process(es), not {requested}" in note.en and "โพรเซส" in note.th


def test_a_capped_jobs_value_is_said(small_project, quick):
    status, out, err = run(["--root", str(small_project), "--jobs", "10000", "--format", "docx"])
    assert status == 0, err
    assert "rendering with 1 process(es), not 10000" in err


# --- point 11: the machine's failures are exit 1, with the path and what to do ------------------


@pytest.mark.parametrize(
    "raised, shown, status",
    [
        (OSError(errno.ENOSPC, "No space left on device", "/srv/out/test"), "/srv/out/test: the disk is full", 1),
        (OSError(errno.EDQUOT, "Disk quota exceeded", "/srv/out"), "/srv/out: the disk is full", 1),
        (OSError(errno.EROFS, "Read-only file system", "/mnt/ro"), "/mnt/ro: this folder is on a read-only disk", 1),
        (PermissionError(errno.EPERM, "Operation not permitted", "/srv/out/index.html"), "cannot write here", 1),
        (OSError(errno.EIO, "Input/output error", "/dev/sdb"), "/dev/sdb: the system refused", 1),
        # a file size limit (ulimit -f) hit inside WeasyPrint's font cache was "a bug in mou"
        (OSError(errno.EFBIG, "File too large"), "mou: a file grew past the size this process may write", 1),
        (MemoryError(), "the computer ran out of memory", 1),
        (BrokenProcessPool("gone"), "a rendering process ended without a word", 1),
        (OSError(errno.EBADF, "Bad file descriptor"), "This is a bug in mou", 3),
        (ValueError("a real bug"), "This is a bug in mou", 3),
    ],
)
def test_environment_failures_are_exit_1_and_bugs_exit_3(raised, shown, status):
    out, err = io.StringIO(), io.StringIO()

    def failing() -> int:
        raise raised

    assert guarded(failing, Console("en", out, err), debug=False) == status
    assert shown in err.getvalue()
    if status == 1:
        assert "bug in mou" not in err.getvalue() and "Traceback" not in err.getvalue()


def test_a_bug_in_mou_is_said_in_the_clerks_language():
    err = io.StringIO()

    def failing() -> int:
        raise ValueError("a real bug")

    assert guarded(failing, Console("th", io.StringIO(), err), debug=False) == 3
    said = err.getvalue()
    assert "ข้อผิดพลาดภายใน (internal error): ValueError: a real bug" in said and "--debug" in said, said
    assert "This is a bug" not in said


@pytest.mark.parametrize(
    "number, reason, said, advice, not_said",
    [
        (
            errno.ENOSPC,
            "No space left on device",
            "the disk is full (No space left on device)",
            "--output",
            "bug in mou",
        ),
        (errno.EFBIG, "File too large", "a file grew past the size this process may write", "ulimit -f", "chattr"),
    ],
    ids=["disk-full", "file-size-limit"],
)
def test_a_write_the_machine_refuses_is_a_message_and_earlier_output_stays(
    small_project, quick, monkeypatch, number, reason, said, advice, not_said
):
    assert run(["--root", str(small_project)])[0] == 0
    before = folder_files(small_project)
    edit(small_project, "Hold training", "Hold trainings")

    def refused(path, data):
        raise OSError(number, reason)

    monkeypatch.setattr(writer, "_write_synced", refused)
    status, out, err = run(["--root", str(small_project)])
    assert status == 1
    assert f"{small_project / 'output/test/1.0'}: {said}" in err
    assert advice in err and not_said not in err and "bug in mou" not in err
    assert folder_files(small_project) == before
    assert not list((small_project / "output").glob(".staging-*"))


def test_an_immutable_file_in_the_output_folder_is_a_message(tmp_path, monkeypatch):
    """As root, chmod stops nothing: the refusal an immutable file gives (EPERM) is made here."""

    def immutable(source, target):
        raise PermissionError(errno.EPERM, "Operation not permitted", str(target))

    monkeypatch.setattr(writer.os, "replace", immutable)
    with pytest.raises(writer.MouError) as info:
        write_atomically(tmp_path / "index.html", b"<html>")
    assert f"{tmp_path / 'index.html'}: cannot write here (Operation not permitted)" in str(info.value)
    assert not list(tmp_path.glob(".partial-*"))


# --- point 12: messages ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["build", "release", "diff test 1.0 1.1", "--format docx"])
def test_a_missing_project_folder_is_said(tmp_path, command):
    status, out, err = run([*command.split(), "--root", str(tmp_path / "nonexistent")])
    assert status == 2
    assert f"the project folder '{tmp_path / 'nonexistent'}' does not exist" in err
    (tmp_path / "a-file").write_text("")
    status, out, err = run([*command.split(), "--root", str(tmp_path / "a-file")])
    assert status == 2 and "is a file, not a project folder" in err


def test_new_may_start_a_project_folder_that_does_not_exist_yet(tmp_path):
    status, out, err = run(["new", "party", "kku", "--root", str(tmp_path / "fresh")])
    assert status == 0, err
    assert (tmp_path / "fresh/parties/kku.yaml").is_file()
    (tmp_path / "a-file").write_text("")
    status, out, err = run(["new", "party", "kku", "--root", str(tmp_path / "a-file")])
    assert status == 2 and "is a file, not a project folder" in err


def test_an_empty_shard_says_so(small_project, quick):
    status, out, err = run(["--root", str(small_project), "--shard", "2/3"])
    assert status == 0 and quick == []
    assert "share 2/3 holds no agreement (1 agreement(s) in all" in err
    status, out, err = run(["test", "--root", str(small_project), "--shard", "3/3"])
    assert status == 0 and "share 3/3 holds no agreement" in err
    assert run(["--root", str(small_project), "--shard", "1/3"])[0] == 0 and quick == ["test"]


def test_an_interrupted_build_says_which_agreements_it_replaced(tree, quick, monkeypatch):
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/first.yaml": AGREEMENT,
            "agreements/second.yaml": AGREEMENT,
        }
    )
    render = batch.render_agreement

    def interrupted_at_second(layout, project, agreement_id, formats):
        if agreement_id == "second":
            raise KeyboardInterrupt
        return render(layout, project, agreement_id, formats)

    monkeypatch.setattr(batch, "render_agreement", interrupted_at_second)
    status, out, err = run(["--root", str(root), "--jobs", "1"])
    assert status == 130
    assert err.splitlines()[-1] == (
        "interrupted; already replaced in this run: first 1.0; the other agreements' earlier output is unchanged."
    )
    monkeypatch.setattr(batch, "render_agreement", lambda *args: (_ for _ in ()).throw(KeyboardInterrupt))
    status, out, err = run(["--root", str(root), "--jobs", "1", "--force"])
    assert status == 130 and err.splitlines()[-1] == "interrupted; earlier output is unchanged."


# A build whose second agreement is ended by SIGTERM while it renders: in a process of its
# own, since on the old code the signal ended the process (here: the test run) at once.
TERMINATED_BUILD = """
import os, signal, sys, time
import mou.pipeline.batch as batch
from mou.cli.main import main

def render(layout, project, agreement_id, formats):
    if agreement_id == "second":
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)
    return {f"{agreement_id}.th.{fmt}": b"made" for fmt in formats}, {}

batch.render_agreement = render
sys.exit(main(sys.argv[1:], whole_process=True))
"""


def test_a_build_ended_by_sigterm_says_what_it_replaced_as_ctrl_c_does(tree):
    """`kill` (SIGTERM) ended a build silently with 143, saying nothing of the agreements already replaced."""
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/first.yaml": AGREEMENT,
            "agreements/second.yaml": AGREEMENT,
        }
    )
    command = [sys.executable, "-c", TERMINATED_BUILD, "--root", str(root), "--jobs", "1", "--lang", "en"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 143, done.stderr
    assert done.stderr.splitlines()[-1] == (
        "interrupted; already replaced in this run: first 1.0; the other agreements' earlier output is unchanged."
    )
    assert (root / "output" / "first" / "1.0" / "first.th.pdf").read_bytes() == b"made"
    assert not (root / "output" / "second").exists()
    assert not [p for p in (root / "output").iterdir() if p.name.startswith((".staging-", ".replaced-"))]


def test_a_party_file_that_fails_to_load_is_not_called_missing(tree):
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B.replace("kind: university", "kind: [university"),
            "agreements/test.yaml": AGREEMENT,
        }
    )
    status, out, err = run(["--root", str(root)])
    assert status == 1
    assert "parties/kku.yaml:" in err and "YAML syntax error" in err
    assert "create parties/kku.yaml" not in err and "no party 'kku'" not in err
    (root / "parties/kku.yaml").unlink()
    status, out, err = run(["--root", str(root)])
    assert status == 1 and "no party 'kku' in parties/; create parties/kku.yaml" in err


@pytest.mark.parametrize("value", ["abc", "0", "-1", "1.5", "", "๐"])
def test_a_wrong_jobs_value_names_the_option_not_an_internal_name(value):
    status, out, err = run(["--jobs", value])
    assert status == 2
    assert f"argument --jobs/-j: takes a whole number of processes, 1 or more, not '{value}'" in err
    assert "_jobs" not in err and "invalid" not in err
