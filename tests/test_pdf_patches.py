"""The WeasyPrint integration: Thai patches fail closed, speed-ups fail open, and neither changes with the other."""

from __future__ import annotations

import hashlib
import inspect
import io
import os
import subprocess
import sys

import pytest
import weasyprint
from conftest import AGREEMENT, PARTY_A, PARTY_B, ROOT

from mou.cli.main import main
from mou.core import cache
from mou.core.errors import RenderError
from mou.pdf import speedups, thai_patches
from mou.pdf.render import install_patches


def test_the_installed_weasyprint_is_the_tested_one():
    install_patches()
    assert thai_patches.mismatches() == []
    assert speedups.differing() == []
    assert speedups.state["installed"] == speedups.wanted()


def test_every_thai_patch_names_the_upstream_report_it_stands_in_for():
    # The module's table names each patch's report by its constant; each report exists.
    table = thai_patches.__doc__ or ""
    for name in ("SARA_AM", "THAI_BREAKS", "THAI_JUSTIFY", "TRAILING_SPACE"):
        assert name in table
        assert (ROOT / getattr(thai_patches, name)).is_file(), name


def test_a_changed_weasyprint_function_stops_the_thai_patches_with_the_tested_range(monkeypatch):
    # As if a WeasyPrint release had changed justify_line: its source no longer hashes as tested.
    changed = {**thai_patches.TESTED_SOURCES, "justify_line": {"70.0": "0" * 64}}
    monkeypatch.setattr(thai_patches, "TESTED_SOURCES", changed)
    assert thai_patches.mismatches() == ["justify_line"]
    with pytest.raises(RenderError) as caught:
        thai_patches.check()
    text = str(caught.value.problems[0])
    assert "weasyprint>=70.0,<71" in text and "justify_line" in text


def test_another_weasyprint_release_stops_the_thai_patches(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert thai_patches.mismatches() == ["version 71.0"]


@pytest.mark.slow
def test_the_guard_runs_before_anything_is_patched():
    # In a fresh process, a refused WeasyPrint keeps every one of its own functions.
    code = """
from weasyprint.draw import text as weasy_draw_text
from mou.core.errors import RenderError
from mou.pdf import thai_patches
thai_patches.TESTED_SOURCES["setup"] = {"70.0": "0" * 64}
before = weasy_draw_text.draw_first_line
try:
    thai_patches.install()
except RenderError as error:
    print("refused:", error.problems[0])
print(weasy_draw_text.draw_first_line is before, thai_patches.ORIGINAL == {})
"""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines = done.stdout.splitlines()
    assert lines[0].startswith("refused:") and "setup" in lines[0]
    assert lines[-1] == "True True"


@pytest.mark.slow
def test_changed_internals_switch_the_speed_ups_off_with_one_note_and_the_same_bytes(tmp_path):
    # A fresh process whose tested sources say otherwise: the speed-ups stay out, one note
    # says so, and the PDF is the one the sped-up renderer writes.
    code = """
import sys
from pathlib import Path
from mou.pdf import speedups
if sys.argv[1] == "changed":
    speedups.TESTED_SOURCES["split_first_line"] = {"0" * 64}
from mou.cli.main import main
status = main(["--root", sys.argv[2], "--output", sys.argv[3], "--only", "chumphae-kku-digital-skills",
               "--format", "pdf", "--jobs", "1", "--quiet", "--force"])
print("installed" if speedups.state["installed"] else "off")
sys.exit(status)
"""
    runs = {}
    for mode in ("changed", "tested"):
        done = subprocess.run(
            [sys.executable, "-c", code, mode, str(ROOT), str(tmp_path / mode)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        runs[mode] = done
    assert runs["changed"].stdout.split() == ["off"] and runs["tested"].stdout.split() == ["installed"]
    notes = [line for line in runs["changed"].stderr.splitlines() if "speed-ups are off" in line]
    assert len(notes) == 1 and "split_first_line" in notes[0]
    assert "speed-ups" not in runs["tested"].stderr
    for pdf in sorted((tmp_path / "tested").rglob("*.pdf")):
        assert pdf.read_bytes() == (tmp_path / "changed" / pdf.relative_to(tmp_path / "tested")).read_bytes(), pdf


@pytest.mark.slow
def test_the_samples_are_the_same_bytes_with_and_without_the_speed_ups(tmp_path):
    outputs = {}
    for switch in ("1", "0"):
        output = tmp_path / f"accelerate-{switch}"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "build.py"),
                "--root",
                str(ROOT),
                "--output",
                str(output),
                "--jobs",
                "2",
                "--quiet",
                "--force",
            ],
            check=True,
            timeout=900,
            env={**os.environ, "PYTHONPATH": str(ROOT), "MOU_ACCELERATE": switch},
        )
        outputs[switch] = {
            p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.suffix in (".pdf", ".docx")
        }
    assert len(outputs["1"]) == 12
    assert outputs["1"].keys() == outputs["0"].keys()
    assert [name for name in outputs["1"] if outputs["1"][name] != outputs["0"][name]] == []


@pytest.mark.slow
def test_accelerate_zero_keeps_the_speed_ups_out():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from mou.pdf import speedups; from mou.pdf.render import "
            "install_patches; install_patches(); print(speedups.state['installed'])",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "MOU_ACCELERATE": "0"},
    )
    assert done.stdout.strip() == "False"
    assert io.StringIO(done.stderr).read() == ""


def _guarded_functions() -> list[object]:
    """Return WeasyPrint's own functions and classes the patches and speed-ups are guarded by."""
    found = [thai_patches.ORIGINAL.get(name) or getattr(t.owner, t.name) for name, t in thai_patches._targets().items()]
    for name, (owner, attribute) in speedups._places().items():
        found.append(thai_patches.ORIGINAL.get(name) or speedups.ORIGINAL.get(name) or getattr(owner, attribute))
    return found


def test_a_remembered_source_digest_is_the_digest_of_the_source_read_now(tmp_path, monkeypatch):
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path / "cache"))
    functions = _guarded_functions()
    now = [hashlib.sha256(inspect.getsource(f).encode()).hexdigest() for f in functions]
    assert [thai_patches.source_digest(f) for f in functions] == now  # worked out, and stored
    assert len(list((tmp_path / "cache" / "source-digests").iterdir())) == len(set(map(id, functions)))
    monkeypatch.setattr(inspect, "getsource", lambda f: pytest.fail("read again"))
    assert [thai_patches.source_digest(f) for f in functions] == now  # read back


def test_an_edited_source_file_is_digested_again(tmp_path, monkeypatch):
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path / "cache"))
    module = tmp_path / "guarded_example.py"
    digests = []
    bodies = ("return 1", "return 22")  # another size: linecache sees the change too
    for body in bodies:
        module.write_text(f"def layout():\n    {body}\n", encoding="utf-8")
        namespace: dict[str, object] = {}
        exec(compile(module.read_text(), str(module), "exec"), namespace)  # a fresh function from the file
        cache.file_digest.cache_clear()  # as a new process would read it
        digests.append(thai_patches.source_digest(namespace["layout"]))
    assert digests == [hashlib.sha256(f"def layout():\n    {body}\n".encode()).hexdigest() for body in bodies]


@pytest.mark.slow
def test_a_paragraph_of_many_thousand_letters_is_rebroken_but_not_searched(tree, monkeypatch):
    # A search keeps every line it lays until its paragraph ends: a 24,000-letter clause took
    # 24 s of CPU and 514 MB, and 96,000 letters 454 s and 5.6 GB.
    long_text = "การพัฒนา" * (thai_patches.SEARCH_MAX_LETTERS // 8 + 100)
    agreement = AGREEMENT.replace("text: {th: เพื่อพัฒนาทักษะดิจิทัลของบุคลากร,", f"text: {{th: {long_text},")
    agreement += "bilingual_edition: true\n"  # the column's lines are where a search is needed
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": agreement})
    searched: list[int] = []
    original = thai_patches._searched

    def counted(args, lines, laid, share=thai_patches.WIDER_SHARE):
        searched.append(len(thai_patches.line_text(args[1])))
        return original(args, lines, laid, share)

    monkeypatch.setattr(thai_patches, "_searched", counted)
    build = ["--root", str(root), "--format", "pdf", "--quiet", "--force"]
    assert main(build, io.StringIO(), io.StringIO()) == 0
    assert all(letters <= thai_patches.SEARCH_MAX_LETTERS for letters in searched), searched
    monkeypatch.setattr(thai_patches, "SEARCH_MAX_LETTERS", len(long_text) * 2)  # as before: searched
    assert main(build, io.StringIO(), io.StringIO()) == 0
    assert max(searched) > len(long_text)
