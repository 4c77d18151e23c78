"""Report how exactly four PDF readers read the built PDFs back: pdfium, poppler, pdf.js and pdfminer.six.

Run from the project folder: `python bench/readback_report.py` (the samples; `--corpus`: the
agreements of tests/corpus/, every edition each asks for; `--libreoffice`: also the PDF
LibreOffice makes of each DOCX, for comparison). It builds the agreements into a temporary
folder and prints, for every PDF and reader, how many of the lines the reader extracts are
an exact stretch of the source text (tests/readback.py's `misread`, which the tests use),
with the first few that are not. pdf.js needs Node and `npm ci` in tests/pdfjs/.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import readback  # noqa: E402  (the tests' readers)
import test_typesetting as t  # noqa: E402  (the tests' source text)
from conftest import libreoffice_to_pdf  # noqa: E402

from mou.cli.main import main  # noqa: E402
from mou.pipeline.build import load  # noqa: E402
from mou.pipeline.layout import Layout, editions  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def project_root(folder: Path, corpus: bool) -> Path:
    """Return the project to build: the samples' folder, or a copy of the corpus with the project's templates."""
    if not corpus:
        return ROOT
    root = folder / "corpus"
    for name in ("parties", "agreements"):
        shutil.copytree(CORPUS / name, root / name)
    shutil.copytree(ROOT / "templates", root / "templates")
    return root


def main_report(corpus: bool, libreoffice: bool) -> None:
    """Build, read every PDF back in every reader and print the counts."""
    readers = dict(readback.READERS)
    if readback.pdfjs_missing():
        print(f"pdf.js left out: {readback.pdfjs_missing()}")
        del readers["pdf.js"]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        root, output = project_root(folder, corpus), folder / "output"
        said = io.StringIO()
        if main(["build", "--root", str(root), "--output", str(output), "--quiet"], out=said, err=said) != 0:
            sys.exit(f"the build failed:\n{said.getvalue()}")
        layout = Layout(root, output)
        project = load(layout)
        if libreoffice:
            (folder / "lo").mkdir()
            libreoffice_to_pdf(sorted(output.rglob("*.docx")), folder / "lo")
        totals: dict[str, list[int]] = {name: [0, 0] for name in readers}
        office: dict[str, list[int]] = {name: [0, 0] for name in readers}
        for agreement_id in sorted(project.agreements):
            agreement = project.agreements[agreement_id]
            for edition in editions(agreement):
                base = output / agreement_id / agreement.version / f"{agreement_id}.{edition}"
                blocks = [b.text for b in t.edition_blocks(layout, project, agreement_id, edition)]
                files = [(Path(f"{base}.pdf"), totals)]
                if libreoffice:
                    files.append((folder / "lo" / f"{agreement_id}.{edition}.pdf", office))
                for pdf, counts in files:
                    for name, read in readers.items():
                        lines = readback.body_lines(read(pdf))
                        if counts is office:
                            # The DOCX holds units with no-break spaces and joiners: layout, not text.
                            lines = [readback.as_read(line) for line in lines]
                        wrong = readback.misread(lines, blocks)
                        counts[name][0] += len(lines) - len(wrong)
                        counts[name][1] += len(lines)
                        label = "LibreOffice " if counts is office else ""
                        print(
                            f"{label}{pdf.name:45} {name:9} {len(lines) - len(wrong):4} of {len(lines):4} lines exact"
                        )
                        for line in wrong[:3]:
                            print(f"{'':56}{line[:90]!r}")
        for label, counts in (("mou", totals), ("LibreOffice", office)):
            if label == "LibreOffice" and not libreoffice:
                continue
            print(f"{label}, all PDFs: " + "; ".join(f"{n} {c[0]} of {c[1]}" for n, c in counts.items()))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="store_true", help="the corpus's agreements instead of the samples")
    parser.add_argument("--libreoffice", action="store_true", help="also LibreOffice's PDF of each DOCX")
    arguments = parser.parse_args()
    main_report(arguments.corpus, arguments.libreoffice)
