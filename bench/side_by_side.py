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

import weasyprint  # noqa: E402

import mou.pipeline.render as mou_render  # noqa: E402
from mou.pdf.render import install_patches  # noqa: E402
from mou.pipeline.build import load  # noqa: E402
from mou.pipeline.layout import Layout  # noqa: E402
from mou.pipeline.render import render_stamped  # noqa: E402

EDITIONS = ("th", "en", "th-en")
# Plain WeasyPrint, in a process that never imports mou: argv is rounds, then (edition, html
# file, base folder, output file) for each edition; prints each render's CPU time and the pages.
PLAIN = """
import random, sys, time, weasyprint
rounds, jobs = int(sys.argv[1]), [sys.argv[i:i + 4] for i in range(2, len(sys.argv), 4)]
for edition, html, base, out in jobs:  # once before timing: fonts warm
    document = weasyprint.HTML(filename=html, base_url=base + "/").render()
    document.write_pdf(out)
    print("pages", edition, len(document.pages))
for _ in range(rounds):
    random.shuffle(jobs)
    for edition, html, base, out in jobs:
        started = time.process_time()
        weasyprint.HTML(filename=html, base_url=base + "/").write_pdf(out)
        print("cpu", edition, time.process_time() - started)
"""


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
    parser.add_argument("--plain", action="store_true", help="the same for plain WeasyPrint on mou's HTML")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    install_patches()
    layout = Layout(ROOT, ROOT / "output")
    project = load(layout, only=[args.agreement])
    pages: dict[str, int] = {}
    lines: dict[str, int] = {}
    handed: dict[str, tuple[str, Path]] = {}  # the HTML mou hands WeasyPrint for each edition
    original_render_pdf = mou_render.render_pdf
    for edition in EDITIONS:  # each once before timing: fonts, templates and memos warm

        def recording(html: str, base_dir: Path, *rest: object, edition: str = edition, **options: object) -> object:
            handed[edition] = html, base_dir
            return original_render_pdf(html, base_dir, *rest, **options)  # type: ignore[arg-type]

        mou_render.render_pdf = recording  # type: ignore[assignment]
        try:
            rendered = render_stamped(layout, project, args.agreement, ("pdf",), languages=[edition])
        finally:
            mou_render.render_pdf = original_render_pdf
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
    if args.plain:
        plain_weasyprint(handed, args.rounds)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        render_stamped(layout, project, args.agreement, ("pdf",), languages=["th-en"])
        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(40)
        print(text.getvalue())


def plain_weasyprint(handed: dict[str, tuple[str, Path]], rounds: int) -> None:
    """Time plain WeasyPrint rendering each edition's HTML in a fresh process, and print the same table."""
    with tempfile.TemporaryDirectory(prefix="mou-plain-") as scratch:
        arguments = [str(rounds)]
        for edition, (html, base_dir) in handed.items():
            path = Path(scratch) / f"{edition}.html"
            path.write_text(html, encoding="utf-8")
            arguments += [edition, str(path), str(base_dir), str(Path(scratch) / f"{edition}.pdf")]
        printed = subprocess.run(
            [sys.executable, "-c", PLAIN, *arguments], check=True, capture_output=True, text=True, cwd=scratch
        ).stdout
    pages: dict[str, int] = {}
    times: dict[str, list[float]] = {edition: [] for edition in handed}
    for line in printed.splitlines():
        kind, edition, value = line.split()
        if kind == "pages":
            pages[edition] = int(value)
        else:
            times[edition].append(float(value))
    print(
        f"plain WeasyPrint {weasyprint.__version__} on the same HTML, CPU time over {rounds} shuffled rounds in one warm process"
    )
    per_page = {}
    for edition in handed:
        middle = statistics.median(times[edition])
        per_page[edition] = middle / pages[edition]
        print(
            f"{edition:<6} {pages[edition]:>3} pages  median {middle:6.3f} s  min {min(times[edition]):6.3f} s  "
            f"{per_page[edition] * 1000:6.1f} ms per page"
        )
    single = (per_page["th"] + per_page["en"]) / 2
    print(
        f"plain WeasyPrint: side-by-side per page against the Thai and English editions' mean: {per_page['th-en'] / single:.2f}x"
    )


if __name__ == "__main__":
    main()
