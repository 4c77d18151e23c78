"""Render chosen pages of built PDFs to PNG for a person to look at.

    python tools/review.py output/smart-chum-phae-2563/1.0/smart-chum-phae-2563.th.pdf --pages 1,9
    python tools/review.py --samples            # first and last page of every sample PDF

Needs poppler's pdftoppm (Debian: poppler-utils). Writes PNG files (60 dpi unless --dpi)
into --out (default: output/review/) and prints their paths.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def page_count(pdf: Path) -> int:
    """Return the number of pages of a PDF (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def render(pdf: Path, pages: list[int], out: Path, dpi: int) -> list[Path]:
    """Render the given pages (1-based; negative counts from the end) and return the PNGs."""
    total = page_count(pdf)
    written = []
    for page in pages:
        number = page if page > 0 else total + 1 + page
        if not 1 <= number <= total:
            raise SystemExit(f"{pdf}: no page {page} (it has {total})")
        stem = out / f"{pdf.stem}-p{number}"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(dpi),
                "-f",
                str(number),
                "-l",
                str(number),
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        written.append(stem.parent / f"{stem.name}.png")
    return written


def main() -> None:
    """Parse the command line and render."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--pages", default="1,-1", help="comma-separated pages; -1 is the last (default 1,-1)")
    parser.add_argument("--samples", action="store_true", help="every PDF under output/")
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "review")
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm is missing: apt-get install poppler-utils")
    pdfs = list(args.pdfs) + (sorted((ROOT / "output").glob("*/*/*.pdf")) if args.samples else [])
    if not pdfs:
        sys.exit("no PDF given; build first (python build.py) and pass a PDF or --samples")
    args.out.mkdir(parents=True, exist_ok=True)
    pages = [int(p) for p in args.pages.split(",")]
    for pdf in pdfs:
        for png in render(pdf, pages, args.out, args.dpi):
            print(png)


if __name__ == "__main__":
    main()
