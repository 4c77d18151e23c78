"""Measure mou's speed and memory, and LibreOffice's on the same content: `python bench/benchmark.py`.

In one run: a cold build of the two samples; a build with nothing to do; a batch of N
synthetic agreements (15 parties, about 4 pages each, Thai and English, PDF and DOCX) with
--jobs 1 and --jobs 2; the peak memory of the build and of its workers over a longer batch;
and, side by side, LibreOffice headless converting the same DOCX to PDF, as a clerk without
mou would. Prints a table of medians and ratios (and --json writes them to a file).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTIES = sorted(p.stem for p in (ROOT / "parties").glob("*.yaml"))[:15]
CLAUSE = ("เพื่อให้การดำเนินงานตามบันทึกข้อตกลงนี้บรรลุวัตถุประสงค์ คู่ภาคีจะร่วมกันวางแผน ประสานงาน "
          "และติดตามผลการดำเนินการเป็นระยะ ๆ โดยจัดประชุมคณะทำงานร่วมอย่างน้อยไตรมาสละหนึ่งครั้ง "
          "และรายงานความก้าวหน้าให้นายอำเภอชุมแพทราบ")
CLAUSE_EN = ("To achieve the objectives of this Memorandum, the Parties shall jointly plan, coordinate and "
             "follow up the work from time to time, hold a meeting of the joint working group at least once "
             "a quarter, and report progress to the Chum Phae District Chief Officer.")


def synthetic_agreement(number: int) -> str:
    """Return the YAML of one synthetic 15-party agreement (five Thai pages: the parties and their
    signature blocks alone fill four)."""
    clauses = "\n".join(f"""  - id: clause-{c}
    heading: {{th: "หมวดที่ {c} การดำเนินงานร่วม ({number})", en: "Part {c}: joint work ({number})"}}
    text: {{th: "{CLAUSE}", en: "{CLAUSE_EN}"}}""" for c in range(1, 2))
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
        (folder / "agreements" / f"bench-{number:03d}.yaml").write_text(synthetic_agreement(number),
                                                                        encoding="utf-8")
    return folder


def timed(command: list[str]) -> tuple[float, int]:
    """Run a command; return its wall time and the peak RSS (kB) of it and its workers."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    elapsed = time.perf_counter() - started
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def build_command(root: Path, output: Path, *extra: str) -> list[str]:
    """Return the build command line."""
    return [sys.executable, str(ROOT / "build.py"), "--root", str(root), "--output", str(output),
            "--quiet", *extra]


def peak_worker_rss(root: Path, output: Path, jobs: int) -> int:
    """Build with `jobs` workers and return the largest worker's peak RSS in kB."""
    probe = ("import resource; from pathlib import Path; from mou.pipeline import Layout, build; "
             f"build(Layout(Path({str(root)!r}), Path({str(output)!r})), force=True, jobs={jobs}); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    result = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True,
                            cwd=ROOT)
    return int(result.stdout.split()[-1])


def libreoffice_seconds(docx_files: list[Path], workdir: Path) -> tuple[float, float]:
    """Return LibreOffice's median seconds per DOCX converted one call each, and per DOCX in one call."""
    profile = f"-env:UserInstallation=file://{workdir / 'lo-profile'}"
    single = []
    for path in docx_files:
        started = time.perf_counter()
        subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir",
                        str(workdir / "lo-single"), str(path)], check=True, capture_output=True)
        single.append(time.perf_counter() - started)
    started = time.perf_counter()
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir",
                    str(workdir / "lo-batch"), *map(str, docx_files)], check=True, capture_output=True)
    return statistics.median(single), (time.perf_counter() - started) / len(docx_files)


def page_count(pdf: Path) -> int:
    """Return a PDF's page count (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def main() -> None:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="agreements in the batch (default 100)")
    parser.add_argument("--memory-n", type=int, default=200, help="agreements in the memory batch")
    parser.add_argument("--repeat", type=int, default=3, help="repeats of the short measurements")
    parser.add_argument("--lo-docs", type=int, default=5, help="DOCX files LibreOffice converts")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    rows: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="mou-bench-") as scratch:
        work = Path(scratch)
        cold = [timed(build_command(ROOT, work / f"cold-{i}", "--jobs", "1"))[0] for i in range(args.repeat)]
        rows["cold build of the samples, --jobs 1 (s)"] = statistics.median(cold)
        noop = [timed(build_command(ROOT, work / "cold-0"))[0] for _ in range(args.repeat * 3)]
        rows["build with nothing to do (s)"] = statistics.median(noop)
        batch = make_project(work / "batch", args.n)
        one, rss_one = timed(build_command(batch, work / "out-1", "--jobs", "1"))
        two, _ = timed(build_command(batch, work / "out-2", "--jobs", "2"))
        rows[f"{args.n} agreements, {args.n * 4} files, --jobs 1 (s)"] = one
        rows[f"{args.n} agreements, {args.n * 4} files, --jobs 2 (s)"] = two
        rows["speed-up from 1 to 2 jobs (x)"] = one / two
        pdf_only, _ = timed(build_command(batch, work / "out-pdf", "--jobs", "1", "--format", "pdf"))
        per_pdf = pdf_only / (args.n * 2)
        rows["mou: one PDF, warm process, --jobs 1 (s)"] = per_pdf
        rows["peak memory of a --jobs 1 build (MB)"] = rss_one / 1024
        memory = make_project(work / "memory", args.memory_n)
        rows[f"peak memory of a worker over {args.memory_n} agreements, --jobs 2 (MB)"] = \
            peak_worker_rss(memory, work / "out-memory", 2) / 1024
        sample = work / "out-1" / "bench-001" / "1.0" / "bench-001.th.pdf"
        rows["pages of one synthetic agreement (Thai)"] = page_count(sample)
        if shutil.which("soffice"):
            docx = [work / "out-1" / f"bench-{n:03d}" / "1.0" / f"bench-{n:03d}.th.docx"
                    for n in range(1, args.lo_docs + 1)]
            lo_single, lo_batch = libreoffice_seconds(docx, work)
            rows["LibreOffice: one DOCX to PDF, one call each (s)"] = lo_single
            rows["LibreOffice: one DOCX to PDF, in one call for all (s)"] = lo_batch
            rows["mou PDF vs LibreOffice one call each (x faster)"] = lo_single / per_pdf
            rows["mou PDF vs LibreOffice in one call (x faster)"] = lo_batch / per_pdf
    width = max(map(len, rows))
    print(f"mou benchmark on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for name, value in rows.items():
        print(f"{name:<{width}}  {value:8.3f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
