"""A program mou calls that is not installed is said so, with what to do."""

from __future__ import annotations

import io

from mou.cli.main import main


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the command line in-process; return status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_diff_without_git_says_the_history_was_not_searched(small_project, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    status, out, err = run(["diff", "test", "0.9", "1.0", "--root", str(small_project)])
    assert status == 2, out + err
    assert "no version '0.9' of test found" in err
    assert "git is not installed (not found on PATH), so no git history was searched: install git" in err
    status, out, err = run(["diff", "test", "git:HEAD", "1.0", "--root", str(small_project)])
    assert status == 2, out + err
    assert "git is not installed" in err


def test_diff_with_git_does_not_speak_of_installing_it(small_project):
    status, out, err = run(["diff", "test", "0.9", "1.0", "--root", str(small_project)])
    assert status == 2, out + err
    assert "no version '0.9' of test found" in err and "not installed" not in err
