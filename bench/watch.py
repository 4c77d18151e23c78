"""Measure watch mode: `python bench/watch.py [--edits N] [--memory] [--profile]`.

Runs `python -m mou watch` on a copy of the project's inputs, watching the 2-party sample,
and edits its record N times, one save after the previous rebuild has finished. For each
save it prints:

- save → Thai PDF replaced: from the write of the record to the new output file being in
  place, seen from outside (the file's inode changes when its folder is swapped);
- inside: the time the watcher itself reports for it (reading the records to writing the
  PDF), which leaves out the file event's delivery and the machine's other load;
- the whole rebuild (every file of the agreement), as the watcher reports it.

Then the medians, with the core count and the load average before and after: other work on
the machine stretches the first figure most. --memory makes 50 rebuilds and prints the
process's resident memory after 5 and after 50, and their ratio. --profile runs the same
rebuilds in this process under pyinstrument and prints where the Thai PDF's time goes.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AGREEMENT = "chumphae-kku-digital-skills"  # the 2-party sample
TITLE = re.compile(r"  en: Memorandum of Understanding.*")
POLL_SECONDS = 0.002  # how often the observer looks at the output file (the watcher itself waits on file events)


def copy_project(folder: Path) -> Path:
    """Copy the project's inputs into folder and return the agreement's record."""
    for name in ("parties", "agreements", "templates"):
        shutil.copytree(ROOT / name, folder / name)
    return folder / "agreements" / f"{AGREEMENT}.yaml"


def save(record: Path, number: int) -> None:
    """Change the record's English title, as a clerk's save would."""
    # In letters: a digit in the English title alone would be a cross-language mismatch.
    draft = "".join(chr(ord("a") + int(digit)) for digit in str(number))
    text = TITLE.sub(f"  en: Memorandum of Understanding (draft {draft})", record.read_text(encoding="utf-8"), 1)
    record.write_text(text, encoding="utf-8")


class Watch:
    """The watch process, its output lines in a queue."""

    def __init__(self, root: Path, *extra: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mou", "watch", AGREEMENT, "--root", str(root), "--lang", "en", "-v", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        while line := self.process.stdout.readline():
            self.lines.put(line)

    def wait_for(self, pattern: str, seconds: float = 300) -> re.Match[str]:
        """Return the first new line that matches."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                if self.process.poll() is not None:
                    raise SystemExit(f"watch ended with status {self.process.returncode}") from None
                continue
            if line.startswith("error:"):
                raise SystemExit(line)
            found = re.search(pattern, line)
            if found:
                return found
        raise SystemExit(f"watch said nothing matching {pattern!r} in {seconds} s")

    def rss_mib(self) -> float:
        """Return the process's resident memory in MiB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        return int(found.group(1)) / 1024 if found else float("nan")

    def stop(self) -> None:
        """Press Ctrl-C and wait."""
        self.process.send_signal(2)
        self.process.wait(timeout=60)


def inode(path: Path) -> int:
    """Return a file's inode number, or 0 while it is missing (between the two renames of a swap)."""
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return 0


def edits(count: int) -> None:
    """Time count saves and print each and the medians."""
    with tempfile.TemporaryDirectory() as folder:
        record = copy_project(Path(folder))
        pdf = Path(folder) / "output" / AGREEMENT / "1.0" / f"{AGREEMENT}.th.pdf"
        watch = Watch(Path(folder))
        watch.wait_for("watching ")
        outside, inside, whole = [], [], []
        print(f"{'save':>4}  {'save → Thai PDF replaced':>24}  {'inside the watcher':>18}  {'whole rebuild':>13}")
        for number in range(1, count + 1):
            before = inode(pdf)
            save(record, number)
            saved = time.perf_counter()
            while inode(pdf) in (before, 0):
                time.sleep(POLL_SECONDS)
            outside.append(time.perf_counter() - saved)
            inside.append(float(watch.wait_for(r"\.th\.pdf in ([\d.]+) s").group(1)))
            whole.append(float(watch.wait_for(rf"built {AGREEMENT} in ([\d.]+) s").group(1)))
            print(f"{number:>4}  {outside[-1]:>22.2f} s  {inside[-1]:>16.2f} s  {whole[-1]:>11.2f} s")
            time.sleep(0.5)
        watch.stop()
    print(
        f"median {statistics.median(outside):>20.2f} s  {statistics.median(inside):>16.2f} s"
        f"  {statistics.median(whole):>11.2f} s"
    )


def memory(count: int = 50, early: int = 5) -> None:
    """Rebuild count times; print the resident memory after `early` rebuilds and after all."""
    with tempfile.TemporaryDirectory() as folder:
        record = copy_project(Path(folder))
        watch = Watch(Path(folder))
        watch.wait_for("watching ")
        sizes = {}
        for number in range(1, count + 1):
            save(record, number)
            watch.wait_for(rf"built {AGREEMENT} in ")
            sizes[number] = watch.rss_mib()
            time.sleep(0.2)
        watch.stop()
    print(f"resident memory after {early} rebuilds: {sizes[early]:.0f} MiB, after {count}: {sizes[count]:.0f} MiB")
    print(f"ratio {sizes[count] / sizes[early]:.3f} (at most 1.2 is the goal)")


def profile(count: int) -> None:
    """Profile count rebuilds in this process and print where the Thai PDF's time goes."""
    # Imported here: the timing runs above measure a separate process and need neither.
    from pyinstrument import Profiler

    from mou.pipeline.layout import Layout
    from mou.pipeline.watch import Watcher

    class Quiet:
        def first(self, path: Path, seconds: float) -> None: ...
        def result(self, result: object) -> None: ...
        def failed(self, agreement_id: str, problems: object) -> None:
            raise SystemExit(str(problems))

        def gone(self, agreement_id: str) -> None: ...
        def fixed(self, agreement_id: str) -> None: ...
        def refreshed(self, stamp: str) -> None: ...

    with tempfile.TemporaryDirectory() as folder:
        record = copy_project(Path(folder))
        watcher = Watcher(Layout.at(Path(folder)), Quiet(), [AGREEMENT])
        watcher.start()
        profiler = Profiler(interval=0.0005)
        for number in range(1, count + 1):
            save(record, number)
            profiler.start()  # the Thai PDF's part of a rebuild: read the records, render, write
            loaded = watcher.load(AGREEMENT)
            assert loaded is not None
            first = watcher.write_first(loaded)
            profiler.stop()
            watcher.write_rest(loaded, first)
        print(profiler.output_text(unicode=True, color=False, show_all=False))


def load() -> str:
    """Return the machine's load average over the last minute."""
    return f"{os.getloadavg()[0]:.2f}"


def main() -> None:
    """Run what the options ask for."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--edits", type=int, default=9, help="saves to time (default 9)")
    parser.add_argument("--memory", action="store_true", help="also 50 rebuilds, memory after 5 and after 50")
    parser.add_argument("--profile", action="store_true", help="profile the Thai PDF's part of the rebuilds instead")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {load()} before")
    if args.profile:
        profile(args.edits)
    else:
        edits(args.edits)
        if args.memory:
            memory()
    print(f"load average {load()} after")


if __name__ == "__main__":
    main()
