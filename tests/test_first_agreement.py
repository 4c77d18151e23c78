"""The "Your first agreement" pages, English and Thai, run as written in an empty folder.

Each page is a script: ```sh blocks are commands, ```yaml blocks whose comment names a
file are that file (`# parties/x.yaml`) or lines to change in it (`# agreements/x.yaml: …`),
and a ```text block is what the commands before it print (`…` stands for lines left out).
"""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

import pytest
from conftest import ROOT

from mou.cli.main import main

PAGES = ["first-agreement.md", "th/first-agreement.md"]
BLOCK = re.compile(r"^```(?P<kind>sh|yaml|text)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
FILE_COMMENT = re.compile(r"^# (?P<path>(?:parties|agreements)/[a-z0-9-]+\.yaml)(?P<change>:.*)?$", re.MULTILINE)


def blocks(page: str) -> list[tuple[str, str]]:
    """The page's code blocks that the walk-through runs, in order: (kind, body)."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return [(match["kind"], match["body"]) for match in BLOCK.finditer(text)]


def run_line(line: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run one shell line of the page in the current folder; return what it printed."""
    printed = ""
    for command in line.split("&&"):
        words = shlex.split(command)
        if words[0] == "mkdir":
            Path(words[1]).mkdir()
        elif words[0] == "cd":
            monkeypatch.chdir(words[1])
        else:
            assert words[:3] == ["python", "-m", "mou"], line
            out, err = io.StringIO(), io.StringIO()
            main(words[3:], out, err)
            printed += out.getvalue() + err.getvalue()
    return printed


def write_record(body: str) -> None:
    """Write a record the page shows in full, or change the lines it shows."""
    named = FILE_COMMENT.search(body)
    assert named, body
    path = Path(named["path"])
    if not named["change"]:
        path.write_text(body, encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    for line in body.splitlines():
        if line and not line.startswith("#"):
            key = line.split(":", 1)[0]
            text, count = re.subn(rf"^{re.escape(key)}:.*$", line, text, flags=re.MULTILINE)
            assert count == 1, line
    path.write_text(text, encoding="utf-8")


def assert_printed(expected: str, printed: str) -> None:
    """Check that the lines shown are the lines printed, in order; `…` stands for any lines."""
    lines, position, skipping = printed.splitlines(), 0, False
    for wanted in expected.splitlines():
        if wanted == "…":
            skipping = True
            continue
        if skipping:
            assert wanted in lines[position:], f"{wanted!r} not in {lines[position:]}"
            position = lines.index(wanted, position)
        else:
            assert lines[position : position + 1] == [wanted], lines
        position, skipping = position + 1, False
    assert skipping or position == len(lines), lines[position:]


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_the_walk_through_runs_as_written_in_an_empty_folder(page, tmp_path, monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    printed, commands = "", 0
    for kind, body in blocks(page):
        if kind == "sh":
            printed = "".join(run_line(line, monkeypatch) for line in body.splitlines())
            commands += len(body.splitlines())
        elif kind == "yaml":
            write_record(body)
        else:
            assert_printed(body, printed)
    assert commands == 9
    assert (tmp_path / "my-agreements" / "output" / "releases" / "chumphae-kku-training-1.0.zip").is_file()
