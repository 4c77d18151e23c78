"""Rewrite the golden HTML files from the current templates: `python tests/golden/regenerate.py`.

Run it only on purpose, after a change to the templates or the records that you have looked
at (build the samples and view the pages); then review `git diff tests/golden` and commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from mou.pipeline.build import load  # noqa: E402
from mou.pipeline.layout import Layout  # noqa: E402
from mou.pipeline.render import render_documents  # noqa: E402

GOLDEN = Path(__file__).resolve().parent
SAMPLES = ("smart-chum-phae-2563", "chumphae-kku-digital-skills")


def golden_html() -> dict[Path, str]:
    """Return the HTML of every sample and language, keyed by its golden file."""
    layout = Layout(ROOT, ROOT / "output")
    project = load(layout)
    return {
        GOLDEN / f"{d.agreement_id}.{d.language}.html": d.html
        for agreement_id in SAMPLES
        for d in render_documents(layout, project, agreement_id)
    }


if __name__ == "__main__":
    for path, html in golden_html().items():
        path.write_text(html, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
