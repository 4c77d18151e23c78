"""Watch mode: what a save touches, a broken record that keeps the last good files, the served page that reloads."""

from __future__ import annotations

import fcntl
import io
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, require_tool

from mou.cli.console import Console
from mou.cli.main import main
from mou.cli.serve import EVENTS_PATH, LiveServer
from mou.cli.watch_command import rebuild
from mou.core.errors import InputError, MachineError, Problem, UsageError
from mou.pipeline.batch import Rendered
from mou.pipeline.build import write_rendered
from mou.pipeline.incremental import BUILD_FILE, edited_by_hand, is_up_to_date, read_build_file
from mou.pipeline.index_page import Watching, render_index
from mou.pipeline.layout import Layout
from mou.pipeline.planning import plan
from mou.pipeline.results import AgreementResult
from mou.pipeline.watch import Watcher, is_input, touched
from mou.pipeline.writer import LOCK_NAME
from mou.records.validation import load_project

SMALL = "chumphae-kku-digital-skills"  # the 2-party sample
LARGE = "smart-chum-phae-2563"
SMALL_PARTIES = ("chumphae-municipality", "khon-kaen-university")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return a copy of the sample project's inputs."""
    for folder in ("parties", "agreements", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a record, as an editor's save does."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- what a save touches -------------------------------------------------------------------


def test_a_saved_agreement_touches_itself_first(project):
    changed = [project / "agreements" / f"{SMALL}.yaml"]
    assert touched(project, changed) == [SMALL]


def test_a_saved_party_touches_the_agreements_naming_it(project):
    assert touched(project, [project / "parties" / "khon-kaen-university.yaml"]) == [SMALL]
    assert touched(project, [project / "parties" / "chumphae-municipality.yaml"]) == sorted([SMALL, LARGE])
    assert touched(project, [project / "parties" / "nonhan-sao.yaml"]) == [LARGE]


def test_the_edited_agreement_comes_before_those_its_party_touches(project):
    changed = [project / "parties" / "chumphae-municipality.yaml", project / "agreements" / f"{LARGE}.yaml"]
    assert touched(project, changed) == [LARGE, SMALL]


def test_templates_touch_the_agreements_using_them_and_fonts_touch_all(project):
    assert touched(project, [project / "templates" / "standard" / "th.html"]) == sorted([SMALL, LARGE])
    assert touched(project, [project / "templates" / "other" / "th.html"]) == []
    assert touched(project, [project / "templates" / "fonts" / "Sarabun-Regular.ttf"]) == sorted([SMALL, LARGE])


def test_named_agreements_are_the_only_ones_watched(project):
    changed = [project / "parties" / "chumphae-municipality.yaml", project / "agreements" / f"{LARGE}.yaml"]
    assert touched(project, changed, [SMALL]) == [SMALL]


def test_a_removed_agreement_is_still_reported(project):
    (project / "agreements" / f"{SMALL}.yaml").unlink()
    assert touched(project, [project / "agreements" / f"{SMALL}.yaml"]) == [SMALL]


def test_editor_droppings_are_not_inputs(project):
    assert is_input(project / "agreements" / "a.yaml")
    assert is_input(project / "templates" / "standard" / "style.css")
    for name in (".a.yaml.swp", "a.yaml~", "#a.yaml#", "notes.txt", "4913"):
        assert not is_input(project / "agreements" / name), name


# --- reading one agreement and its parties ----------------------------------------------------


def test_only_the_agreement_and_its_parties_are_read(project):
    (project / "agreements" / f"{LARGE}.yaml").write_text("version: [\n", encoding="utf-8")
    (project / "parties" / "nonhan-sao.yaml").write_text("name: {\n", encoding="utf-8")
    loaded = load_project(project, only={SMALL})
    assert list(loaded.agreements) == [SMALL]
    assert sorted(loaded.parties) == sorted(SMALL_PARTIES)
    with pytest.raises(InputError):
        load_project(project)


def test_reading_one_agreement_finds_its_problems_as_the_whole_project_does(project):
    edit(project / "agreements" / f"{SMALL}.yaml", "  - khon-kaen-university", "  - khon-kaen-univrsity")
    with pytest.raises(InputError) as whole:
        load_project(project)
    with pytest.raises(InputError) as one:
        load_project(project, only={SMALL})
    assert [str(p) for p in one.value.problems] == [str(p) for p in whole.value.problems]
    assert "did you mean 'khon-kaen-university'" in str(one.value.problems[0])


# --- the index page ---------------------------------------------------------------------------


def test_the_index_page_shows_located_problems_and_the_pdf_being_edited(tmp_path):
    pdf = tmp_path / "a" / "1.0" / "a.th.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.7 first")
    problem = Problem("agreements/a.yaml", "<b>bad</b>", 3, 5, "title.th")
    page = render_index(tmp_path, Watching([problem], pdf, "10:00:00 #2"))
    assert "agreements/a.yaml:3:5: title.th: &lt;b&gt;bad&lt;/b&gt;" in page
    assert "10:00:00 #2" in page
    first = re.search(r'<iframe id="preview" src="([^"]+)"', page)
    assert first and first.group(1).startswith("a/1.0/a.th.pdf?v=")
    pdf.write_bytes(b"%PDF-1.7 second")
    second = re.search(r'<iframe id="preview" src="([^"]+)"', render_index(tmp_path, Watching([], pdf, "")))
    assert second and second.group(1) != first.group(1)  # a new PDF, a new address: no stale copy
    assert 'id="problems"' not in render_index(tmp_path, Watching([], pdf, ""))
    assert 'id="rebuilt"' not in render_index(tmp_path)  # a plain build's page is as before


# --- the Thai PDF written ahead of the rest ---------------------------------------------------


def test_a_partial_write_keeps_the_other_files_and_their_stamp(project, tmp_path):
    layout = Layout.at(project)
    loaded = load_project(project, only={SMALL})
    folder = layout.output / SMALL / "1.0"
    files = {f"{SMALL}.th.pdf": b"old th", f"{SMALL}.en.pdf": b"old en"}
    write_rendered(layout, loaded, Rendered(SMALL, files, {"th": 4, "en": 4}), plan(project, SMALL, ("pdf",)), ("pdf",))
    assert is_up_to_date(layout.output, plan(project, SMALL, ("pdf",)))
    write_rendered(
        layout, loaded, Rendered(SMALL, {f"{SMALL}.th.pdf": b"new th"}, {"th": 5}), None, ("pdf",), partial=True
    )
    assert (folder / f"{SMALL}.th.pdf").read_bytes() == b"new th"
    assert (folder / f"{SMALL}.en.pdf").read_bytes() == b"old en"
    stamp = read_build_file(folder)
    assert stamp and sorted(stamp["files"]) == sorted(files) and stamp["pages"] == {"th": 5, "en": 4}
    assert edited_by_hand(folder) == []  # the stamp describes what is there
    assert not is_up_to_date(layout.output, plan(project, SMALL, ("pdf",)))  # the rest is still to come


# --- the command line ------------------------------------------------------------------------


def test_watch_refuses_an_unknown_agreement_and_a_bad_port():
    err = io.StringIO()
    assert main(["watch", "--root", str(ROOT), "no-such-agreement", "--lang", "en"], io.StringIO(), err) == 2
    assert "no agreement 'no-such-agreement'" in err.getvalue()
    assert main(["watch", "--root", str(ROOT), "--port", "70000", "--lang", "en"], io.StringIO(), err) == 2
    assert "takes a port number" in err.getvalue()


# --- the server -------------------------------------------------------------------------------


def test_the_server_adds_the_reload_script_streams_reloads_and_hides_mou_files(tmp_path):
    (tmp_path / "index.html").write_text("<html><body><p>hi</p></body></html>", encoding="utf-8")
    (tmp_path / LOCK_NAME).write_text("pid 1", encoding="utf-8")
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    server = LiveServer(tmp_path, 0)
    url = server.start()
    try:
        assert url.startswith("http://127.0.0.1:")
        page = urllib.request.urlopen(url, timeout=10).read().decode()
        assert page.index(EVENTS_PATH) < page.index("</body>")
        assert urllib.request.urlopen(url + "a.pdf", timeout=10).read() == b"%PDF"
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(url + LOCK_NAME, timeout=10)
        events = urllib.request.urlopen(url + EVENTS_PATH.lstrip("/"), timeout=10)
        deadline = time.monotonic() + 10
        while not server.clients and time.monotonic() < deadline:
            time.sleep(0.02)
        server.reload("10:00:00 #7")
        lines = [events.readline().decode().strip() for _ in range(6)]
        # the stream opens with the rebuild the server knows (none yet), then each new one
        assert [line for line in lines if line] == ["event: reload", "data:", "event: reload", "data: 10:00:00 #7"]
        # a page served now knows its rebuild, so an event it already shows does not reload it
        assert 'const shown = "10:00:00 #7"' in urllib.request.urlopen(url, timeout=10).read().decode()
        late = urllib.request.urlopen(url + EVENTS_PATH.lstrip("/"), timeout=10)
        assert [late.readline().decode().strip() for _ in range(2)] == ["event: reload", "data: 10:00:00 #7"]
    finally:
        server.stop()
    assert server.thread is not None and not server.thread.is_alive()


def test_a_port_in_use_is_a_usage_error(tmp_path):
    first = LiveServer(tmp_path, 0)
    url = first.start()
    try:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        with pytest.raises(UsageError) as refused:
            LiveServer(tmp_path, port).start()
        assert "choose another port with --port" in str(refused.value)
    finally:
        first.stop()


# --- in-process rebuilds (slow: they render) ---------------------------------------------------


class Events:
    """A reporter that keeps what the watcher said, in order."""

    def __init__(self) -> None:
        self.said: list[tuple[str, object]] = []

    def first(self, path: Path, seconds: float) -> None:
        self.said.append(("first", path.name))

    def result(self, result: AgreementResult) -> None:
        self.said.append(("result", [p.name for p in result.files]))

    def failed(self, agreement_id: str, problems: list[Problem]) -> None:
        self.said.append(("failed", [str(p) for p in problems]))

    def gone(self, agreement_id: str) -> None:
        self.said.append(("gone", agreement_id))

    def fixed(self, agreement_id: str) -> None:
        self.said.append(("fixed", agreement_id))

    def refreshed(self, stamp: str) -> None:
        self.said.append(("refreshed", stamp))


@pytest.mark.slow
def test_a_save_writes_the_thai_pdf_first_and_a_broken_save_keeps_the_last_good_files(project):
    layout = Layout.at(project)
    events = Events()
    watcher = Watcher(layout, events, [SMALL])
    watcher.start()
    folder = layout.output / SMALL / "1.0"
    assert [e for e in events.said if e[0] == "first"] == [("first", f"{SMALL}.th.pdf")]
    good = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert is_up_to_date(layout.output, plan(project, SMALL, ("pdf", "docx")))

    record = project / "agreements" / f"{SMALL}.yaml"
    events.said.clear()
    edit(record, "  en: Memorandum of Understanding", "  en: Memorandum of Understanding on Skills")
    watcher.rebuild(touched(project, [record]))
    kinds = [kind for kind, _ in events.said]
    assert kinds == ["first", "refreshed", "result", "refreshed"]
    assert events.said[0] == ("first", f"{SMALL}.th.pdf")
    assert is_up_to_date(layout.output, plan(project, SMALL, ("pdf", "docx")))
    rebuilt = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert rebuilt[f"{SMALL}.en.pdf"] != good[f"{SMALL}.en.pdf"]

    events.said.clear()
    edit(record, "  en: Memorandum of Understanding on Skills", "  en: [Memorandum of")
    watcher.rebuild(touched(project, [record]))
    assert [kind for kind, _ in events.said] == ["failed", "refreshed"]
    problem = events.said[0][1][0]  # type: ignore[index]
    assert re.match(rf"agreements/{SMALL}\.yaml:\d+:\d+: ", problem)
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == rebuilt
    index = (layout.output / "index.html").read_text(encoding="utf-8")
    assert 'id="problems"' in index and f"agreements/{SMALL}.yaml:" in index
    assert f"{SMALL}.th.pdf?v=" in index  # the last good PDF is still shown

    events.said.clear()
    edit(record, "  en: [Memorandum of", "  en: Memorandum of Understanding on Skills")
    watcher.rebuild(touched(project, [record]))
    # fixed back to what was built: nothing to render, and the clerk is told it is fixed
    assert events.said == [("refreshed", events.said[0][1]), ("fixed", SMALL)]
    assert 'id="problems"' not in (layout.output / "index.html").read_text(encoding="utf-8")


def test_a_record_that_does_not_load_at_the_start_is_reported_once(project):
    (project / "parties" / f"{SMALL_PARTIES[1]}.yaml").unlink()
    events = Events()
    Watcher(Layout.at(project), events, [SMALL]).start()
    failed = [said for kind, said in events.said if kind == "failed"]
    assert len(failed) == 1, events.said
    assert f"no party '{SMALL_PARTIES[1]}' in parties/" in failed[0][0]  # type: ignore[index]


def test_an_index_page_that_cannot_be_written_says_the_new_files_are_in_and_the_watch_goes_on(project):
    # A folder where index.html goes is the machine's side (a clerk's mistake), not a bug in mou.
    layout = Layout.at(project)
    (layout.output / "index.html").mkdir(parents=True)
    watcher = Watcher(layout, Events(), [SMALL])
    watcher.written = [SMALL]
    with pytest.raises(MachineError) as caught:
        watcher.refresh()
    said = caught.value.problems[0].render("en")
    assert f"the new files of {SMALL} are in place" in said and "this is a folder" in said, said
    assert watcher.written == []  # said once: the next refresh does not claim them again

    class Failing:
        layout, names = watcher.layout, watcher.names

        def rebuild(self, agreement_ids: list[str]) -> int:
            watcher.written = [SMALL]
            watcher.refresh()
            return 1

    err = io.StringIO()
    console = Console("en", io.StringIO(), err)
    rebuild(Failing(), [project / "agreements" / f"{SMALL}.yaml"], console, debug=False)  # type: ignore[arg-type]
    assert "in place" in err.getvalue() and "bug" not in err.getvalue(), err.getvalue()


# --- the real command: a browser sees the page reload, memory stays flat, Ctrl-C -----------------


class WatchProcess:
    """`python -m mou watch` on a project, its output read line by line."""

    def __init__(self, root: Path, *args: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mou", "watch", "--root", str(root), "--lang", "en", "-v", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # faulthandler: a process that hangs is made to print every thread's stack (interrupt)
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONFAULTHANDLER": "1"},
            cwd=root,
            # A test run started in the background (CI without a terminal) inherits SIGINT
            # ignored, and Python keeps it so; at a terminal, Ctrl-C reaches the watcher.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.errors: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_errors, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        while line := self.process.stdout.readline():
            self.lines.put(line)

    def _read_errors(self) -> None:
        assert self.process.stderr is not None
        while line := self.process.stderr.readline():
            self.errors.append(line)

    def wait_for(self, pattern: str, seconds: float = 120) -> re.Match[str]:
        """Return the first new line matching pattern."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, "".join(self.errors)
                continue
            found = re.search(pattern, line)
            if found:
                return found
        raise AssertionError(f"no line matching {pattern!r}; stderr: {''.join(self.errors)}")

    def rss_kib(self) -> int:
        """Return the process's resident memory."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        assert found
        return int(found.group(1))

    def interrupt(self, signum: int = signal.SIGINT) -> int:
        """Press Ctrl-C (or send another signal) and return the exit status."""
        self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.send_signal(signal.SIGABRT)  # faulthandler prints where each thread stands
            self.process.wait(timeout=30)
            time.sleep(1)  # the reading thread takes the last lines
            raise AssertionError(f"did not stop on signal {signum}; stderr:\n" + "".join(self.errors)) from None


@pytest.fixture
def watching(project: Path) -> Iterator[list[WatchProcess]]:
    """Keep the processes a test starts, and end any still running."""
    started: list[WatchProcess] = []
    yield started
    for watch in started:
        if watch.process.poll() is None:
            watch.process.kill()
            watch.process.wait()


def lock_is_free(output: Path, seconds: float = 10) -> bool:
    """Say whether the output lock is free, or becomes free within seconds (a rebuild's last steps)."""
    deadline = time.monotonic() + seconds
    with open(output / LOCK_NAME, "a+") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.05)
                continue
            fcntl.flock(handle, fcntl.LOCK_UN)
            return True


def words(number: int) -> str:
    """Spell a number with letters (a digit in the English title alone would be a cross-language mismatch)."""
    return "draft " + "".join(chr(ord("a") + int(digit)) for digit in str(number))


@pytest.mark.slow
def test_memory_stays_flat_over_rebuilds(project, watching):
    watch = WatchProcess(project, SMALL, "--format", "pdf")
    watching.append(watch)
    watch.wait_for("watching ")
    record = project / "agreements" / f"{SMALL}.yaml"
    sizes = {}
    for number in range(1, 21):
        text = record.read_text(encoding="utf-8")
        text = re.sub(
            r"  en: Memorandum of Understanding.*", f"  en: Memorandum of Understanding {words(number)}", text
        )
        record.write_text(text, encoding="utf-8")
        watch.wait_for(rf"built {SMALL} in ")
        sizes[number] = watch.rss_kib()
    assert sizes[20] <= 1.2 * sizes[5], sizes
    assert lock_is_free(project / "output")  # between rebuilds the lock is free for a build
    assert watch.interrupt(signal.SIGTERM) == 0  # `kill` stops it as cleanly as Ctrl-C
    assert "stopped watching" in "".join(watch.errors)


@pytest.mark.slow
def test_the_served_page_reloads_in_a_browser_after_a_save_and_ctrl_c_stops_cleanly(project, watching):
    chromium = require_tool("chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    watch = WatchProcess(project, SMALL, "--serve", "--port", "0")
    watching.append(watch)
    url = watch.wait_for(r"at (http://127\.0\.0\.1:\d+/)").group(1)
    watch.wait_for("watching ")
    record = project / "agreements" / f"{SMALL}.yaml"
    flags = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    with sync_api.sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        browser = playwright.chromium.launch_persistent_context(
            profile, executable_path=chromium, headless=True, args=flags
        )
        try:
            page = browser.new_page()
            page.goto(url)
            before = page.get_attribute("#preview", "src")
            stamp = page.text_content("#rebuilt")
            assert before and stamp
            edit(record, "  en: Memorandum of Understanding", "  en: Memorandum of Understanding on Digital Skills")
            page.wait_for_function(
                "() => document.body.innerText.includes('Memorandum of Understanding on Digital Skills')",
                timeout=60_000,
            )
            after = page.get_attribute("#preview", "src")
            assert after and after != before  # the page shows the new PDF
            pdf = urllib.request.urlopen(url + after, timeout=10).read()
            folder = project / "output" / SMALL / "1.0"
            assert pdf == (folder / f"{SMALL}.th.pdf").read_bytes()

            edit(record, 'version: "1.0"', "version: [1.0")
            page.wait_for_selector("#problems", timeout=60_000)
            shown = page.text_content("#problems") or ""
            assert re.search(rf"agreements/{SMALL}\.yaml:\d+:\d+: ", shown)
            assert page.get_attribute("#preview", "src") == after  # the last good PDF stays on show
        finally:
            browser.close()
    assert watch.interrupt() == 0
    errors = "".join(watch.errors)
    assert "Traceback" not in errors and "stopped watching" in errors
    assert lock_is_free(project / "output")
    stamp_file = json.loads((project / "output" / SMALL / "1.0" / BUILD_FILE).read_text(encoding="utf-8"))
    assert stamp_file["title"]["en"] == "Memorandum of Understanding on Digital Skills"


def test_watch_in_a_folder_without_agreements_says_so_and_writes_nothing(tmp_path):
    err = io.StringIO()
    status = main(["watch", "--root", str(tmp_path)], io.StringIO(), err)
    assert status == 1
    assert "error: agreements: no agreement records found; add agreements/<id>.yaml" in err.getvalue()
    assert not (tmp_path / "output").exists()
