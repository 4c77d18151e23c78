"""A damaged or missing bundled font file is named, with what to do: never "a bug in mou"."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from mou.cli.main import main

BOLD = "templates/fonts/Sarabun-Bold.ttf"


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the command line in-process; return status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def damage(path: Path, how: str) -> None:
    """Spoil a font file the ways a failed copy or a stray save does."""
    data = path.read_bytes()
    spoiled = {"empty": b"", "garbage": bytes(range(256)) * 20, "cut-short": data[:30000]}[how]
    path.write_bytes(spoiled)


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize(
    ("how", "said"),
    [
        ("empty", "is not a usable TrueType or OpenType font"),
        ("garbage", "is not a usable TrueType or OpenType font"),
        ("cut-short", "this font file is cut short (30000 bytes; its "),
    ],
)
def test_a_damaged_font_file_is_named_before_anything_renders(small_project, command, how, said):
    damage(small_project / BOLD, how)
    status, out, err = run([command, "--root", str(small_project)])
    assert status == 1, out + err
    assert f"error: {BOLD}: {said}" in err, err
    assert "restore it from the project's history (git checkout -- templates/fonts)" in err
    assert "internal error" not in err and "bug in mou" not in err
    assert not (small_project / "output/test").exists()


def test_a_damaged_font_file_is_said_in_thai_too(small_project):
    damage(small_project / BOLD, "empty")
    status, _, err = run(["--lang", "th", "--root", str(small_project)])
    assert status == 1
    assert f"ข้อผิดพลาด: {BOLD}: ไม่ใช่ไฟล์แบบอักษร TrueType หรือ OpenType ที่ใช้ได้" in err


def test_a_docx_build_without_a_face_it_embeds_names_the_file(small_project, monkeypatch):
    monkeypatch.chdir(small_project)
    (small_project / BOLD).unlink()
    status, out, err = run(["--format", "docx"])
    assert status == 1, out + err
    assert f"error: {BOLD}: this font file is missing, and the DOCX embeds this face" in err, err
    assert "internal error" not in err and "FileNotFoundError" not in err
