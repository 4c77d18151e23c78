"""The side-by-side edition's cost per page against a single-language edition's: `python bench/side_by_side.py`.

Renders one agreement's Thai, English and side-by-side PDFs (only the PDFs, the whole of
mou's work for each: HTML, Thai break marks, WeasyPrint with mou's patches, PDF/A,
attachments, signature fields) again and again in one warm process, in a new random order
each round, and prints each edition's median CPU time, its pages and its CPU time per page,
and the side-by-side edition's cost per page against the mean of the Thai and English
editions' (the issue's goal: at most 1.2×), and the same per line of text (pdftotext -raw
lists each column's lines apart): a page of two columns holds about twice the lines. `--profile` adds where the side-by-side
edition's time goes (cProfile, cumulative, the largest entries).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mou.pdf.render import install_patches  # noqa: E402
from mou.pipeline.build import load  # noqa: E402
from mou.pipeline.layout import Layout  # noqa: E402
from mou.pipeline.render import render_stamped  # noqa: E402

EDITIONS = ("th", "en", "th-en")


def text_lines(pdf: bytes) -> int:
    """Return the lines of text in a PDF (pdftotext -raw: each column's lines apart), or 0 without poppler."""
    if shutil.which("pdftotext") is None:
        return 0
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        text = subprocess.run(["pdftotext", "-raw", file.name, "-"], check=True, capture_output=True, text=True).stdout
    return sum(1 for line in text.splitlines() if line.strip())


def main() -> None:
    """Time each edition's PDF and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("agreement", nargs="?", default="chumphae-kku-digital-skills")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--profile", action="store_true", help="profile the side-by-side edition once")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    install_patches()
    layout = Layout(ROOT, ROOT / "output")
    project = load(layout, only=[args.agreement])
    pages: dict[str, int] = {}
    lines: dict[str, int] = {}
    for edition in EDITIONS:  # each once before timing: fonts, templates and memos warm
        rendered = render_stamped(layout, project, args.agreement, ("pdf",), languages=[edition])
        pages[edition] = rendered.pages[edition]
        lines[edition] = text_lines(rendered.files[f"{args.agreement}.{edition}.pdf"])
    times: dict[str, list[float]] = {edition: [] for edition in EDITIONS}
    for _ in range(args.rounds):
        order = list(EDITIONS)
        random.shuffle(order)
        for edition in order:
            gc.collect()
            started = time.process_time()
            render_stamped(layout, project, args.agreement, ("pdf",), languages=[edition])
            times[edition].append(time.process_time() - started)
    print(
        f"{args.agreement}: each edition's PDF, CPU time over {args.rounds} shuffled rounds in one warm process; "
        f"{os.cpu_count()} cores, load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    per_page, per_line = {}, {}
    for edition in EDITIONS:
        middle = statistics.median(times[edition])
        per_page[edition] = middle / pages[edition]
        per_line[edition] = middle / lines[edition] if lines[edition] else 0.0
        print(
            f"{edition:<6} {pages[edition]:>3} pages {lines[edition]:>5} lines  median {middle:6.3f} s  "
            f"min {min(times[edition]):6.3f} s  {per_page[edition] * 1000:6.1f} ms per page  "
            f"{per_line[edition] * 1000:5.2f} ms per line"
        )
    single = (per_page["th"] + per_page["en"]) / 2
    print(f"side-by-side per page against the Thai and English editions' mean: {per_page['th-en'] / single:.2f}x")
    if all(per_line.values()):
        single_line = (per_line["th"] + per_line["en"]) / 2
        print(f"side-by-side per line of text against their mean: {per_line['th-en'] / single_line:.2f}x")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        render_stamped(layout, project, args.agreement, ("pdf",), languages=["th-en"])
        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(40)
        print(text.getvalue())


if __name__ == "__main__":
    main()
