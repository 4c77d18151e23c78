"""Report on the typesetting of the sample PDFs, or of the corpus's: extraction, line breaks, justification.

Run from the project folder: `python bench/typesetting_report.py` (`--lines`: also every full
Thai line, with its distance to the margin and widest gap; `--corpus`: the agreements of
tests/corpus/ instead of the samples, every edition each asks for, the side-by-side one
included). It builds the agreements
into a temporary folder and prints, for every PDF (the English ones for comparison), its
lines, the Thai line breaks checked and the bad ones (by kind), the lines that differ from
the source text as pypdfium2 and poppler's pdftotext extract them, and, for the full lines
of body paragraphs (every line of a paragraph but its last), how far each stops short of
the right margin, how many end flush (within 1 pt) and the widest gap between neighbouring
glyphs (a space counts as gap). Thai is justified between character clusters, English at
the spaces. A line cut short before a name that must not break counts too (that is the max).

The measuring code is the tests' (tests/test_typesetting.py), so the report and the
tests count the same things.
"""

from __future__ import annotations

import io
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import test_typesetting as t  # noqa: E402  (the tests' measuring code)
from conftest import SAMPLES, sample_file  # noqa: E402
from readback import WATERMARK  # noqa: E402
from test_archival import signature_pages  # noqa: E402
from test_bilingual import pdf_columns, split_source  # noqa: E402

from mou.cli.main import main  # noqa: E402
from mou.pipeline.build import load  # noqa: E402
from mou.pipeline.layout import Layout, editions  # noqa: E402
from mou.pipeline.render import render_documents  # noqa: E402
from mou.records.project import Project  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
KINDS = (t.BETWEEN_WORDS, t.BEFORE_CLOSING, t.AFTER_OPENING, t.NAMES_WHOLE)


def build(root: Path, output: Path) -> None:
    """Build every agreement of a project into output, quietly; stop on failure."""
    said = io.StringIO()
    status = main(["--root", str(root), "--output", str(output)], out=said, err=said)
    if status != 0:
        sys.exit(f"the build failed (status {status}):\n{said.getvalue()}")


def corpus_project(folder: Path) -> Path:
    """Copy the corpus's records and the project's templates into a project folder; return it."""
    root = folder / "corpus"
    for name in ("parties", "agreements"):
        shutil.copytree(CORPUS / name, root / name)
    shutil.copytree(ROOT / "templates", root / "templates")
    return root


def differences(texts: list[str], lines: list[str] | None) -> str:
    """Return how many extracted lines differ from the source, or '-' without the tool.

    A draft's watermark (ร่าง, DRAFT) is drawn across the text area, so the readers extract
    it among the body's lines; it is not the source's text, as the read-back tests agree.
    """
    if lines is None:
        return "-"
    return str(len(t.align(texts, [line for line in lines if not WATERMARK.match(line)]).differences))


def measure(
    output: Path, project: tuple[Layout, Project], agreement_id: str, language: str, listed: list[str] | None = None
) -> dict[str, str]:
    """Measure one PDF; return its row of the report (and add its full Thai lines to listed)."""
    path = sample_file(output, agreement_id, language, "pdf")
    blocks = t.edition_blocks(*project, agreement_id, language)
    texts = [b.text for b in blocks]
    lines = t.layout_lines(path)
    poppler = shutil.which("pdftotext") is not None
    # The side-by-side edition reads both columns line by line, interleaved: the aligner, which
    # follows one text, does not apply to it (nor do the full lines it finds).
    aligned = "-" not in language
    row = {
        "pdf": path.name,
        "lines": str(len(lines)),
        "outside": str(len(t.outside(lines))),
        "breaks": "-",
        "bad": "-",
        "diff pdfium": differences(texts, t.pdfium_lines(path) if aligned else None),
        "diff pdftotext": differences(texts, t.pdftotext_lines(path) if poppler and aligned else None),
        "(default mode)": differences(texts, t.pdftotext_lines(path, raw=False) if poppler and aligned else None),
    }
    if language == "th":
        names = t.names_of(agreement_id, project[1])
        breaks = t.check_breaks(blocks, lines, names, t.hosts_of(agreement_id, project[1]))
        row["breaks"], row["bad"] = str(breaks.checked), str(len(breaks.violations))
        row.update((kind, str(len(breaks.of(kind)))) for kind in KINDS)
    # The side-by-side edition: the full lines of its Thai column, to the column's right edge.
    column = language == "th-en"
    full = t.full_body_lines(blocks, lines) if aligned else t.thai_column_full_lines(blocks, lines) if column else []
    short = [t.short_of_column(line) if column else t.short_of_margin(line) for line in full]
    gaps = [max(line.gaps, default=0.0) for line in full]
    if "en" in language.split("-"):
        english_gaps(output, project, agreement_id, language, path, row)
    if language == "en":
        left_short = t.short_english_lines(blocks, lines)
        row["en short"], row["unfillable"] = str(len(left_short)), str(sum(s.unfillable for s in left_short))
        row["en full"] = str(len(full))
    if column:
        english_column(output, project, agreement_id, language, path, row)
    row["full lines"] = str(len(full))
    if listed is not None and language in ("th", "th-en"):
        listed += [
            f"{path.name} p{line.page}  {distance:6.1f}  {max(line.gaps, default=0.0):5.1f}  {line.text}"
            for line, distance in zip(full, short)
        ]
    row["flush"] = str(sum(1 for distance in short if distance <= t.FLUSH_PT))
    for name, values in (("to margin", short), ("gap", gaps)):
        row[f"{name} mean"] = f"{statistics.mean(values):.1f}" if values else "-"
        row[f"{name} median"] = f"{statistics.median(values):.1f}" if values else "-"
        row[f"{name} max"] = f"{max(values):.1f}" if values else "-"
    return row


def english_gaps(
    output: Path, project: tuple[Layout, Project], agreement_id: str, language: str, path: Path, row: dict[str, str]
) -> None:
    """Add the English lines' word gaps to a row: every line of more than one word, the side-by-side column's too."""
    if language == "en":
        blocks, lines = t.edition_blocks(*project, agreement_id, language), t.layout_lines(path)
    else:
        html = next(d.html for d in render_documents(*project, agreement_id) if d.language == language)
        blocks, lines = split_source(html).column(1), pdf_columns(path).english
    measured = t.english_line_gaps(blocks, lines)
    row["en lines"] = str(len(measured))
    row["over 2 spaces"] = str(sum(1 for gap, limit, _ in measured if gap > limit))
    row["en gap max"] = f"{max((gap for gap, _, _ in measured), default=0.0):.1f}"


def english_column(
    output: Path, project: tuple[Layout, Project], agreement_id: str, language: str, path: Path, row: dict[str, str]
) -> None:
    """Add the side-by-side edition's English column to a row: its full lines, those short of its edge, the unfillable."""
    html = next(d.html for d in render_documents(*project, agreement_id) if d.language == language)
    blocks, lines = split_source(html).column(1), pdf_columns(path).english
    left_short = t.short_english_lines(blocks, lines, t.ENGLISH_COLUMN_PT)
    row["en full"] = str(len(t.full_body_lines(blocks, lines)))
    row["en short"], row["unfillable"] = str(len(left_short)), str(sum(s.unfillable for s in left_short))


def signature_rows(output: Path, pdfs: list[tuple[str, str]]) -> list[dict[str, str]]:
    """Return, per agreement, how many pages each edition's signature blocks run over, and English's excess over Thai's."""
    rows = []
    for agreement_id in dict.fromkeys(a for a, _ in pdfs):
        languages = [language for a, language in pdfs if a == agreement_id]
        row = {"agreement": agreement_id}
        for language in languages:
            first, last = signature_pages(sample_file(output, agreement_id, language, "pdf"))
            row[language] = f"{last - first + 1} (p{first}-{last})"
        row["en - th"] = (
            str(int(row["en"].split()[0]) - int(row["th"].split()[0])) if "en" in row and "th" in row else "-"
        )
        rows.append(row)
    return rows


def table(rows: list[dict[str, str]], columns: list[str]) -> str:
    """Return rows as a plain-text table with a header line."""
    widths = [max(len(c), *(len(r.get(c, "")) for r in rows)) for c in columns]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(cells, widths)))

    return "\n".join(
        [line(columns), line(["-" * w for w in widths])] + [line([r.get(c, "") for c in columns]) for r in rows]
    )


def report(lines: bool = False, corpus: bool = False) -> str:
    """Build the samples (or the corpus) and return the report (with every full Thai line if asked)."""
    listed: list[str] | None = [] if lines else None
    with tempfile.TemporaryDirectory(prefix="mou-typesetting-") as folder:
        root = corpus_project(Path(folder)) if corpus else ROOT
        output = Path(folder) / "output"
        build(root, output)
        layout = Layout(root, output)
        project = load(layout)
        pdfs = (
            [(a, e) for a in sorted(project.agreements) for e in editions(project.agreements[a])]
            if corpus
            else [(a, language) for language in ("th", "en", "th-en") for a in SAMPLES]
        )
        rows = [measure(output, (layout, project), a, language, listed) for a, language in pdfs]
        signatures = signature_rows(output, pdfs)
    every = ["Every full Thai line: page, to margin, widest gap (pt), text:\n" + "\n".join(listed)] if listed else []
    return "\n\n".join(
        every
        + [
            "Lines laid out (text area) and those reaching past its margins, Thai line breaks checked\n"
            "and bad ones, and extracted lines\n"
            "that differ from the source (pdftotext -raw; its default mode, which reorders, for\n"
            "information). Then the full lines of body paragraphs (all but a paragraph's last line):\n"
            "'to margin' = right margin minus the line's right edge, 'gap' = the widest white gap\n"
            "between neighbouring glyphs in a line (a space is a gap); in pt.\n"
            + table(
                rows, ["pdf", "lines", "outside", "breaks", "bad", "diff pdfium", "diff pdftotext", "(default mode)"]
            ),
            table(
                rows,
                [
                    "pdf",
                    "full lines",
                    "flush",
                    "to margin mean",
                    "to margin median",
                    "to margin max",
                    "gap mean",
                    "gap median",
                    "gap max",
                ],
            ),
            "English lines of more than one word (the English edition's, and the side-by-side edition's\n"
            "English column), those with a word gap past twice a space (and a little for side bearings,\n"
            "tests/test_typesetting.py word_gap_limit), and the widest word gap, in pt:\n"
            + table([r for r in rows if "en lines" in r], ["pdf", "en lines", "over 2 spaces", "en gap max"]),
            "Full English lines (every line of a body paragraph but its last; the side-by-side edition's\n"
            "English column's, to the column's right edge), those more than 1 pt short of the margin, and\n"
            "of those the ones nothing can fill: a paragraph's first line before a name's word or a whole\n"
            "span it cannot take closed up (tests/test_typesetting.py short_english_lines):\n"
            + table([r for r in rows if "en short" in r], ["pdf", "en full", "en short", "unfillable"]),
            "Pages the signature blocks run over (first to last page with a signer's field), per edition:\n"
            + table(signatures, ["agreement", "th", "en", "th-en", "en - th"]),
            "Bad Thai line breaks by kind:\n" + table([r for r in rows if r["breaks"] != "-"], ["pdf", *KINDS]),
        ]
    )


if __name__ == "__main__":
    print(report(lines="--lines" in sys.argv[1:], corpus="--corpus" in sys.argv[1:]))
