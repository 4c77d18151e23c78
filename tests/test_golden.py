"""The samples' HTML equals the reviewed golden files (regenerate on purpose only)."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "golden"))
from regenerate import golden_html

CASES = golden_html()


@pytest.mark.parametrize("path", sorted(CASES), ids=lambda p: p.name)
def test_html_matches_golden(path: Path):
    assert path.exists(), f"no golden file {path.name}: run python tests/golden/regenerate.py"
    expected = path.read_text(encoding="utf-8")
    actual = CASES[path]
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "now", n=1))
        pytest.fail(
            f"{path.name} differs from the golden file; if the change is intended, run "
            f"python tests/golden/regenerate.py and review the diff:\n{diff[:4000]}"
        )
