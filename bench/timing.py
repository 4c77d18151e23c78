"""Timing a whole command for the benchmarks: wall time and CPU time, its children included."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Run:
    """One timed command: wall and CPU time (user + system, with its children)."""

    wall: float
    cpu: float


def timed(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run a command that must succeed, its output thrown away; return its wall and CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Run(wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)


def page_count(pdf: Path) -> int:
    """Return a PDF's page count (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    if found is None:
        raise SystemExit(f"pdfinfo gave no page count for {pdf}")
    return int(found.group(1))
