"""Where one build's CPU time goes, phase by phase and edition by edition: `python bench/phases.py --only ID`.

Builds one agreement in this process (`build.py --only ID --force --jobs 1`, any other
arguments passed on) and adds up the CPU time (time.process_time) spent in each phase, per
edition: reading and checking the records; mou's work before WeasyPrint (the template, the
break marks of the PDF and of the DOCX); WeasyPrint's parse of the HTML, its style cascade
and box building, its layout (the tables in it apart), its drawing of the pages and the
rest of its PDF writing; mou's work after it; the DOCX. A phase called inside another is
counted in both (the tables in the layout); nested calls of one phase are counted once.
Imports made before the build starts are not counted. Prints the core count and the load
average before and after.
"""

from __future__ import annotations

import argparse
import collections
import functools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import weasyprint  # noqa: E402
import weasyprint.document  # noqa: E402
import weasyprint.layout.block  # noqa: E402
import weasyprint.layout.page  # noqa: E402

import mou.pipeline.build  # noqa: E402
import mou.pipeline.render  # noqa: E402
from mou.cli.main import main as mou_main  # noqa: E402

# CPU seconds by (edition, phase), and how deep each phase's calls are nested now.
TOTALS: collections.defaultdict[tuple[str, str], float] = collections.defaultdict(float)
DEPTH: collections.Counter[str] = collections.Counter()
EDITION = ["-"]


def timed_phase(owner: Any, name: str, phase: str) -> None:
    """Replace owner.name by a wrapper adding its CPU time to the phase of the edition being built."""
    original: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if name == "render_html":  # the edition's first step: its language is the last argument
            EDITION[0] = str(args[-1])
        DEPTH[phase] += 1
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            DEPTH[phase] -= 1
            if DEPTH[phase] == 0:
                TOTALS[EDITION[0], phase] += time.process_time() - started

    setattr(owner, name, wrapper)


PHASES = [
    (mou.pipeline.build, "load", "records read and checked"),
    (mou.pipeline.render, "render_html", "template (Jinja)"),
    (mou.pipeline.render, "mark_breaks", "PDF break marks"),
    (mou.pipeline.render, "render_pdf", "PDF, all of it"),
    (weasyprint.HTML, "__init__", "  WeasyPrint: HTML parse"),
    (weasyprint.HTML, "render", "  WeasyPrint: cascade, boxes and layout"),
    (weasyprint.document, "get_all_computed_styles", "    style cascade"),
    (weasyprint.document, "build_formatting_structure", "    boxes (styles computed)"),
    (weasyprint.layout.page, "make_page", "    layout of the pages"),
    (weasyprint.layout.block, "table_layout", "      of which tables"),
    (weasyprint.document.Document, "write_pdf", "  WeasyPrint: drawing and PDF writing"),
    (weasyprint.document, "draw_page", "    drawing (with the Thai patches)"),
    (mou.pipeline.render, "office_breaks", "DOCX break marks"),
    (mou.pipeline.render, "html_to_docx", "DOCX"),
]


def main() -> None:
    """Build one agreement with every phase timed, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", required=True, help="the agreement to build")
    args, rest = parser.parse_known_args()
    for owner, name, phase in PHASES:
        timed_phase(owner, name, phase)
    load_before = os.getloadavg()[0]
    started = time.process_time()
    status = mou_main(["build", "--only", args.only, "--force", "--jobs", "1", "--quiet", *rest], whole_process=True)
    total = time.process_time() - started
    if status:
        raise SystemExit(status)
    editions = sorted({edition for edition, _ in TOTALS})
    print(f"{os.cpu_count()} cores, load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    print(f"{args.only}: {total:.2f} s of CPU time in the build, by phase (s):")
    print(f"{'phase':<48}" + "".join(f"{edition:>8}" for edition in editions))
    for _, _, phase in PHASES:
        print(f"{phase:<48}" + "".join(f"{TOTALS[edition, phase]:8.2f}" for edition in editions))


if __name__ == "__main__":
    main()
