"""Measure mou's speed and memory: `python bench/benchmark.py`.

In one run (a few minutes on two cores): a cold build of the two samples; a build with
nothing to do; a batch of N synthetic agreements (15 parties, Thai and English, PDF and DOCX;
6 and 7 pages) with --jobs 1 and --jobs 2; and the peak memory of the build and of its
workers over a longer batch. Prints a table of medians and ratios (and --json writes them to
a file), wall and CPU time, with the machine's load average before and after, and the time
of a fixed pure-Python workload before and after (this kind of machine drifts by up to a
third within an hour with nothing else running): other work running at the same time
stretches wall times (CPU times much less), so compare ratios measured in the same run, or
runs whose speed checks agree. mou against LibreOffice and plain WeasyPrint on the same
records is bench/versus.py; how a build's cost follows the project's size, bench/project_size.py.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from timing import page_count

ROOT = Path(__file__).resolve().parents[1]
PARTIES = sorted(p.stem for p in (ROOT / "parties").glob("*.yaml"))[:15]
CLAUSE = (
    "เพื่อให้การดำเนินงานตามบันทึกข้อตกลงนี้บรรลุวัตถุประสงค์ คู่ภาคีจะร่วมกันวางแผน ประสานงาน "
    "และติดตามผลการดำเนินการเป็นระยะ ๆ โดยจัดประชุมคณะทำงานร่วมอย่างน้อยไตรมาสละหนึ่งครั้ง "
    "และรายงานความก้าวหน้าให้นายอำเภอชุมแพทราบ"
)
CLAUSE_EN = (
    "To achieve the objectives of this Memorandum, the Parties shall jointly plan, coordinate and "
    "follow up the work from time to time, hold a meeting of the joint working group at least once "
    "a quarter, and report progress to the Chum Phae District Chief Officer."
)


def synthetic_agreement(number: int) -> str:
    """Return the YAML of one synthetic 15-party agreement: 6 Thai pages (the title page lists the
    15 parties, their paragraphs fill two more and a half, their signature blocks two)."""
    clauses = "\n".join(
        f"""  - id: clause-{c}
    heading: {{th: "หมวดที่ {c} การดำเนินงานร่วม ({number})", en: "Part {c}: joint work ({number})"}}
    text: {{th: "{CLAUSE}", en: "{CLAUSE_EN}"}}"""
        for c in range(1, 2)
    )
    parties = ", ".join(PARTIES)
    return f"""version: "1.0"
status: final
title: {{th: "บันทึกข้อตกลงทดสอบความเร็ว {number}", en: "Benchmark agreement {number}"}}
subject: {{th: "ความร่วมมือทดสอบ ชุดที่ {number}", en: "test cooperation, set {number}"}}
place: {{th: ห้องประชุมเทศบาลเมืองชุมแพ, en: the meeting room of Chum Phae Town Municipality}}
date: 2020-09-01
parties: [{parties}]
collective_name: {{th: คู่ภาคี, en: the Parties}}
clauses:
{clauses}
duration: {{start: 2020-09-01, end: 2021-09-30}}
budget: {{amount: {100000 + number}}}
originals: {len(PARTIES)}
"""


def make_project(folder: Path, count: int) -> Path:
    """Create a project with the real templates and parties and `count` synthetic agreements."""
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copytree(ROOT / "parties", folder / "parties")
    (folder / "agreements").mkdir()
    for number in range(1, count + 1):
        (folder / "agreements" / f"bench-{number:03d}.yaml").write_text(synthetic_agreement(number), encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Run:
    """One timed command: wall time, CPU time of it and its children, peak RSS so far (kB)."""

    wall: float
    cpu: float
    rss: int


def timed(command: list[str]) -> Run:
    """Run a command; return its wall and CPU time and the peak RSS of it and its workers.

    CPU time (user + system, the command and every process it waited for) is what the work
    costs; a busy machine stretches the wall time far more than the CPU time.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Run(elapsed, cpu, max(before.ru_maxrss, after.ru_maxrss))


def build_command(root: Path, output: Path, *extra: str) -> list[str]:
    """Return the build command line."""
    return [sys.executable, str(ROOT / "build.py"), "--root", str(root), "--output", str(output), "--quiet", *extra]


def peak_worker_rss(root: Path, output: Path, jobs: int) -> int:
    """Build with `jobs` workers and return the largest worker's peak RSS in kB."""
    probe = (
        "import resource; from pathlib import Path; from mou.pipeline.build import build; from mou.pipeline.layout import Layout; "
        f"build(Layout(Path({str(root)!r}), Path({str(output)!r})), force=True, jobs={jobs}); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True, cwd=ROOT)
    return int(result.stdout.split()[-1])


def machine_speed_check() -> float:
    """Time a fixed pure-Python workload (best of three, CPU seconds): the same number on a machine
    running at the same speed, so runs at different times can be compared (this kind of machine
    drifts by up to a third within an hour with nothing else running)."""

    def work() -> int:
        total = 0
        for number in range(1_500_000):
            total += hash(str(number)) & 7
        return total

    times = []
    for _ in range(3):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


def median_ratio(slow: list[Run], fast: list[Run], field: str) -> float:
    """Return the median, over rounds, of slow / fast for the wall or CPU time."""
    return statistics.median(getattr(s, field) / getattr(f, field) for s, f in zip(slow, fast))


def main() -> None:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="agreements in the batch (default 100)")
    parser.add_argument("--memory-n", type=int, default=200, help="agreements in the memory batch")
    parser.add_argument("--repeat", type=int, default=3, help="repeats of the short measurements")
    parser.add_argument("--batch-repeat", type=int, default=1, help="repeats of the N-agreement batches")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    rows: dict[str, float] = {}
    load_before = os.getloadavg()[0]
    speed_before = machine_speed_check()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mou-bench-") as scratch:
        work = Path(scratch)
        cold = [timed(build_command(ROOT, work / f"cold-{i}", "--jobs", "1")).wall for i in range(args.repeat)]
        rows["cold build of the samples, --jobs 1 (s)"] = statistics.median(cold)
        noop = [timed(build_command(ROOT, work / "cold-0")).wall for _ in range(args.repeat * 3)]
        rows["build with nothing to do (s)"] = statistics.median(noop)
        batch = make_project(work / "batch", args.n)
        ones, twos = [], []
        for number in range(args.batch_repeat):  # alternating
            ones.append(timed(build_command(batch, work / f"out-1-{number}", "--jobs", "1")))
            twos.append(timed(build_command(batch, work / f"out-2-{number}", "--jobs", "2")))
        files = f"{args.n} agreements, {args.n * 4} files"
        rows[f"{files}, --jobs 1 (s)"] = statistics.median(r.wall for r in ones)
        rows[f"{files}, --jobs 2 (s)"] = statistics.median(r.wall for r in twos)
        rows["speed-up from 1 to 2 jobs (x)"] = median_ratio(ones, twos, "wall")
        rows[f"{files}, --jobs 1, CPU time (s)"] = statistics.median(r.cpu for r in ones)
        rows[f"{files}, --jobs 2, CPU time of all processes (s)"] = statistics.median(r.cpu for r in twos)
        rows["peak memory of a --jobs 1 build (MB)"] = max(r.rss for r in ones) / 1024
        memory = make_project(work / "memory", args.memory_n)
        rows[f"peak memory of a worker over {args.memory_n} agreements, --jobs 2 (MB)"] = (
            peak_worker_rss(memory, work / "out-memory", 2) / 1024
        )
        sample = work / "out-1-0" / "bench-001" / "1.0"
        rows["pages of one synthetic agreement, Thai PDF"] = page_count(sample / "bench-001.th.pdf")
        rows["pages of one synthetic agreement, English PDF"] = page_count(sample / "bench-001.en.pdf")
    rows["machine speed check before: a fixed workload (s)"] = speed_before
    rows["machine speed check after (s)"] = machine_speed_check()
    width = max(map(len, rows))
    print(
        f"mou benchmark on {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after; "
        f"{time.perf_counter() - started:.0f} s in all"
    )
    for name, value in rows.items():
        print(f"{name:<{width}}  {value:8.3f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
