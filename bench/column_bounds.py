"""What spacing the side-by-side edition's narrow Thai column needs, whatever its breaks: `python bench/column_bounds.py`.

For every justified Thai paragraph of the column (218 pt), a dynamic programme over every
break the paragraph allows (after a space or a word mark, never before a word joiner, so
names, numbers with their words and other units kept whole stay whole) finds the breaking
whose loosest full line needs the least even spacing between clusters (to end within
FLUSH_TOLERANCE of the column's edge), measured on the
bundled font's advances (no shaping: a close estimate of WeasyPrint's lines). A line may be
laid up to LAST_RESORT_SHARE wider when its clusters can close up that far, as the rebreak
lays it. Paragraphs that need more than MAX_CLUSTER_SPACING_EM somewhere are printed with
that breaking: over MAX_LOOSE_SPACING_EM, no line breaking can keep every full line flush.
`--names-break` lets a person's name (and any other unit held after a space) break at its
space, to measure what that rule would give; `--corpus` reads tests/corpus/ instead of
the samples; `--edition th` measures the Thai edition's paragraphs (the full text width) instead.
"""

from __future__ import annotations

import argparse
import functools
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from weasyprint.layout import block as weasy_block  # noqa: E402

from mou.html.templating import text_width  # noqa: E402
from mou.language.breaks import WORD_JOINER, ZWSP  # noqa: E402
from mou.pdf import thai_patches  # noqa: E402
from mou.pdf.render import install_patches  # noqa: E402
from mou.pipeline.build import load  # noqa: E402
from mou.pipeline.layout import Layout, editions  # noqa: E402
from mou.pipeline.render import render_stamped  # noqa: E402

FONT = ROOT / "templates" / "fonts" / "Sarabun-Regular.ttf"
COLUMN_MAX_EM = 20  # a paragraph narrower than this many ems is the column's (the edition's text is 28 em)
# Where a line may break: after a space or a word mark, unless a word joiner holds what follows.
BREAKS = re.compile(f"(?<=[ {ZWSP}])(?!{WORD_JOINER})")
# With --names-break also at a space a joiner follows, unless it closes a party's number: (๑) ชื่อ.
NAME_BREAKS = re.compile(f"(?<=[ {ZWSP}])(?!{WORD_JOINER})|(?<=[^)] )(?={WORD_JOINER}[\u0e01-\u0e2e])")


class Paragraph:
    """A justified Thai paragraph of the column: its marked text, width, first-line indent and font size."""

    def __init__(self, text: str, width: float, indent: float, size: float) -> None:
        self.text, self.width, self.indent, self.size = text, width, indent, size


def column_paragraphs(root: Path, agreement_id: str, edition: str = "th-en") -> list[Paragraph]:
    """Render an agreement's side-by-side edition and return its column's justified Thai paragraphs (or the Thai edition's)."""
    found: list[Paragraph] = []
    patched = weasy_block.iter_line_boxes

    def watched(
        context: Any, box: Any, position_y: float, bottom_space: float, skip_stack: Any, *rest: Any
    ) -> Iterator:
        containing_block = rest[0]
        text = thai_patches.line_text(box)
        if (
            skip_stack is None
            and box.style["text_align_all"] == "justify"
            and thai_patches.THAI.search(text)
            and (edition == "th" or containing_block.width < COLUMN_MAX_EM * box.style["font_size"])
        ):
            indent = box.style["text_indent"]
            indent = indent.value if indent.unit == "px" else indent.value * containing_block.width / 100
            found.append(Paragraph(text, containing_block.width, indent, box.style["font_size"]))
        yield from patched(context, box, position_y, bottom_space, skip_stack, *rest)

    weasy_block.iter_line_boxes = watched
    try:
        layout = Layout(root, root / "output")
        render_stamped(layout, load(layout, only=[agreement_id]), agreement_id, ("pdf",), languages=[edition])
    finally:
        weasy_block.iter_line_boxes = patched
    unique: dict[str, Paragraph] = {}
    for paragraph in found:
        unique.setdefault(paragraph.text, paragraph)
    return list(unique.values())


def shown(piece: str) -> str:
    """Return text as drawn: without its word marks and joiners."""
    return piece.replace(ZWSP, "").replace(WORD_JOINER, "").rstrip(" ")


def least_spacing(paragraph: Paragraph, breaks: re.Pattern[str]) -> tuple[float, list[tuple[float, str]]]:
    """Return the least spacing (em) the loosest full line needs over every breaking, and that breaking's lines."""
    pieces = [piece for piece in breaks.split(paragraph.text) if piece]
    size, shrink = paragraph.size, thai_patches.MAX_CLUSTER_SHRINK_EM * paragraph.size

    @functools.cache
    def best(first: int) -> tuple[float, tuple[tuple[float, str], ...]]:
        if first == len(pieces):
            return 0.0, ()
        width = paragraph.width - (paragraph.indent if first == 0 else 0.0)
        found: tuple[float, tuple[tuple[float, str], ...]] | None = None
        for end in range(first + 1, len(pieces) + 1):
            line = "".join(pieces[first:end]).rstrip(f" {ZWSP}")
            natural, gaps = text_width(shown(line), FONT, size), thai_patches.cluster_gaps(line)
            if natural > width * (1 + thai_patches.LAST_RESORT_SHARE) or natural - shrink * gaps > width:
                break
            # what a full line's clusters need so that it ends within FLUSH_TOLERANCE of the edge
            slack = width - natural - thai_patches.FLUSH_TOLERANCE
            needs = 0.0 if end == len(pieces) else max(0.0, slack) / max(gaps, 1) / size
            worst, rest = best(end)
            here = (max(needs, worst), ((needs, shown(line)), *rest))
            if found is None or here[0] < found[0]:
                found = here
        return found if found is not None else (float("inf"), ())

    worst, lines = best(0)
    return worst, list(lines)


def project_root(corpus: bool, folder: Path) -> Path:
    """Return the project to read: the samples', or a copy of the corpus's records with the project's templates."""
    if not corpus:
        return ROOT
    root = folder / "corpus"
    for name in ("parties", "agreements"):
        shutil.copytree(ROOT / "tests" / "corpus" / name, root / name)
    shutil.copytree(ROOT / "templates", root / "templates")
    return root


def main() -> None:
    """Print each column paragraph that needs more than the cap, and how many need more than the loose cap."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("agreements", nargs="*", help="ids (default: every agreement with a side-by-side edition)")
    parser.add_argument("--corpus", action="store_true", help="the agreements of tests/corpus/")
    parser.add_argument("--names-break", action="store_true", help="let a name break at its space")
    parser.add_argument("--edition", choices=("th-en", "th"), default="th-en", help="the column, or the Thai edition")
    args = parser.parse_args()
    install_patches()
    breaks = NAME_BREAKS if args.names_break else BREAKS
    cap, loose = thai_patches.MAX_CLUSTER_SPACING_EM, thai_patches.MAX_LOOSE_SPACING_EM
    with tempfile.TemporaryDirectory() as folder:
        root = project_root(args.corpus, Path(folder))
        project = load(Layout(root, root / "output"))
        wanted = args.agreements or [
            key for key, agreement in project.agreements.items() if args.edition in editions(agreement)
        ]
        for agreement_id in wanted:
            paragraphs = column_paragraphs(root, agreement_id, args.edition)
            over = [(least_spacing(p, breaks), p) for p in paragraphs]
            over = [(bound, p) for bound, p in over if bound[0] > cap]
            beyond = sum(bound[0] > loose for bound, _ in over)
            print(
                f"{agreement_id}: {len(paragraphs)} paragraphs, {len(over)} need more than {cap} em somewhere, "
                f"{beyond} more than {loose} em"
            )
            for (worst, lines), _ in over:
                print(f"  needs {worst:.3f} em:")
                for needs, line in lines:
                    print(f"    {needs:.3f}  {line}")


if __name__ == "__main__":
    main()
