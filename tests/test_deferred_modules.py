"""fontTools' subsetter, instancer and WOFF2 decoder, loaded only when used (mou/pdf/deferred_modules.py).

Each check runs in a fresh process, which imports WeasyPrint through mou.pdf as a build does
(the test process may have imported them before). A process that imports the modules before
mou.pdf is a process where nothing is deferred: its PDF is the one to match.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest
from conftest import ROOT

from mou.pdf import deferred_modules

# Renders a page of Thai and English with mou's renderer; prints what was loaded before and after, and the PDF's digest.
RENDER = """
import sys
if sys.argv[1] == "eager":
    import fontTools.subset, fontTools.ttLib.woff2, fontTools.varLib.instancer
import hashlib, mou.pdf
from mou.pdf.deferred_modules import DEFERRED
from mou.pdf.render import render_pdf
from conftest import ROOT

def loaded():
    return " ".join("lazy" if type(sys.modules[n]).__name__ == "_LazyModule" else "loaded" for n in DEFERRED)

print(loaded())
page = (
    "<html><head><link rel='stylesheet' href='style.css'></head><body>"
    "<p lang='th'>บันทึกข้อตกลงความร่วมมือ <b>ตัวหนา</b></p><p lang='en'>Memorandum of understanding</p></body></html>"
)
templates = ROOT / "templates" / "standard"
data = render_pdf(page, templates, [templates.parent], "deferred test", signature_fields=False).data
print(loaded(), "fontTools.subset.cff" in sys.modules, "fontTools.varLib.models" in sys.modules)
print(hashlib.sha256(data).hexdigest())
"""
INSTANCER = """
import sys, mou.pdf, weasyprint.pdf.fonts as fonts
from fontTools.ttLib import TTFont
from mou.pdf import deferred_modules
print(fonts.instantiateVariableFont is deferred_modules.instantiate_variable_font)
print(type(sys.modules["fontTools.varLib.instancer"]).__name__)
try:
    fonts.instantiateVariableFont(TTFont("templates/fonts/Sarabun-Regular.ttf"), {"wght": 400})
except ValueError as exc:
    print(exc)
import fontTools.varLib, fontTools.varLib.instancer as instancer
print(type(instancer).__name__, fontTools.varLib.instancer is instancer is sys.modules["fontTools.varLib.instancer"])
print(callable(instancer.instantiateVariableFont), instancer.instantiateVariableFont is not deferred_modules.instantiate_variable_font)
"""


def fresh_process(script: str, *arguments: str, env: dict[str, str] | None = None) -> list[str]:
    """Run a script in a new Python process (mou and the tests' helpers importable) and return the lines it printed."""
    path = os.pathsep.join([str(ROOT), str(ROOT / "tests")])
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        env={**os.environ, "PYTHONPATH": path, **(env or {})},
        capture_output=True,
        text=True,
        cwd=str(ROOT),
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_with_harfbuzz_a_render_loads_none_of_them_and_draws_the_same(tmp_path):
    if not _harfbuzz_subsets():
        pytest.skip("HarfBuzz's subsetter is not installed here")
    cache = {"MOU_CACHE_DIR": str(tmp_path / "cache"), "MOU_FONT_SUBSETTER": ""}
    deferred = fresh_process(RENDER, "deferred", env=cache)
    again = fresh_process(RENDER, "deferred", env=cache)  # the subsets read back from the cache
    eager = fresh_process(RENDER, "eager", env=cache)
    assert deferred[:2] == again[:2] == ["lazy lazy lazy lazy", "lazy lazy lazy lazy False False"]
    assert eager[:2] == ["loaded loaded loaded loaded", "loaded loaded loaded loaded True True"]
    assert deferred[2] == again[2] == eager[2]


def test_with_fonttools_subsetting_the_subsetter_is_loaded_when_used_and_draws_the_same(tmp_path):
    env = {"MOU_CACHE_DIR": str(tmp_path / "cache"), "MOU_FONT_SUBSETTER": "fonttools"}
    deferred = fresh_process(RENDER, "deferred", env=env)
    eager = fresh_process(RENDER, "eager", env=env)
    assert deferred[0] == "lazy lazy lazy lazy"
    assert deferred[1].split()[0] == "loaded" and deferred[1].endswith("True True")  # it ran, and its imports with it
    assert eager[0] == "loaded loaded loaded loaded"
    assert deferred[2] == eager[2]


def test_the_instancer_runs_on_its_first_call_as_itself():
    lines = fresh_process(INSTANCER)
    assert lines == ["True", "_LazyModule", "Missing required table fvar", "module True", "True True"]


def test_with_the_speed_ups_off_weasyprint_imports_them_at_once(tmp_path):
    env = {"MOU_ACCELERATE": "0", "MOU_CACHE_DIR": str(tmp_path / "cache"), "MOU_FONT_SUBSETTER": ""}
    assert fresh_process(RENDER, "deferred", env=env)[0] == "loaded loaded loaded loaded"


def test_another_weasyprint_imports_them_as_it_does(monkeypatch):
    assert deferred_modules.tested()
    monkeypatch.setitem(deferred_modules.TESTED_FILES, "pdf/fonts.py", hashlib.sha256(b"another").hexdigest())
    assert not deferred_modules.tested()


def _harfbuzz_subsets() -> bool:
    """Say whether WeasyPrint here subsets with HarfBuzz."""
    script = "import mou.pdf, weasyprint.pdf.fonts as f; print(bool(f.harfbuzz_subset))"
    return fresh_process(script, env={"MOU_FONT_SUBSETTER": ""}) == ["True"]
