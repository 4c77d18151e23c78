"""The command line: one parser, `build` by default, subcommands found wherever they stand, plain messages."""

from __future__ import annotations

import io
import subprocess
import sys
from importlib import metadata

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B, ROOT

from mou.cli.console import page_count
from mou.cli.main import main
from mou.cli.parser import COMMANDS, command_first


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the command line in this process; return status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("launcher", [[sys.executable, "-m", "mou"], [sys.executable, str(ROOT / "build.py")]])
def test_help_lists_every_command(launcher):
    done = subprocess.run([*launcher, "--help"], capture_output=True, text=True, check=True, cwd=ROOT)
    for command in ("build", "release", "verify", "diff", "new", "check"):
        assert f"    {command} " in done.stdout
    assert "Without a command, `build` runs." in done.stdout.replace("\n", " ")


def test_the_mou_script_is_the_same_command_line():
    (script,) = [entry for entry in metadata.distribution("mou").entry_points if entry.name == "mou"]
    assert script.value == "mou.cli.main:main_entry"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.argv = ['mou', '--version']; from mou.cli.main import main_entry; main_entry()",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and done.stdout.startswith("mou ")


def test_each_command_has_its_own_help():
    for command in COMMANDS:
        with pytest.raises(SystemExit) as leaving:
            main([command, "--help"], io.StringIO(), io.StringIO())
        assert leaving.value.code == 0


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["release", "--lang", "th"], ["release", "--lang", "th"]),
        (["--lang", "th", "release"], ["release", "--lang", "th"]),
        (["--root", "release", "verify", "x.zip"], ["verify", "--root", "release", "x.zip"]),
        (["--force"], ["build", "--force"]),
        (["some-agreement", "--jobs", "2"], ["build", "some-agreement", "--jobs", "2"]),
        ([], ["build"]),
        (["--help"], ["--help"]),
    ],
)
def test_the_command_is_found_wherever_it_stands(argv, expected):
    assert command_first(argv) == expected


def test_global_options_before_the_command_apply_to_it(small_project):
    # `--lang th release` is the release command in Thai, not an agreement called 'release'.
    status, out, err = run(["--lang", "th", "release", "nothing-here", "--root", str(small_project)])
    assert status == 2
    assert "ไม่พบบันทึกข้อตกลง 'nothing-here'" in err


def test_a_mistyped_command_gets_a_suggestion(tmp_path):
    status, _, err = run(["relase", "--root", str(tmp_path)])
    assert status == 2
    assert err.strip() == "usage error: unknown command 'relase'; did you mean 'release'?"
    status, _, err = run(["--lang", "th", "verfy", "--root", str(tmp_path)])
    assert "ไม่รู้จักคำสั่ง 'verfy' หมายถึง 'verify' หรือไม่" in err


@pytest.mark.slow
def test_an_agreement_named_like_a_command_typo_is_built(tree, tmp_path):
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/relase.yaml": AGREEMENT})
    status, out, err = run(["relase", "--root", str(root), "--format", "docx", "--jobs", "1"])
    assert status == 0, err
    assert "relase.th.docx" in out


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["--jobs", "0"], "argument --jobs/-j: takes a whole number of processes, 1 or more, not '0'"),
        (["--jobs", "many"], "argument --jobs/-j: takes a whole number of processes, 1 or more, not 'many'"),
        (["--shard", "3/2"], "argument --shard: takes I/N with 1 <= I <= N, such as 1/4, not '3/2'"),
        (["diff", "only-one"], "the following arguments are required: OLD, NEW"),
        (["build", "--format", "odt"], "invalid choice: 'odt'"),
        # words no parser knows point to the help of the command they were given to
        (["check", "extra"], "unrecognized arguments: extra (see python build.py check --help)"),
        (["--colour"], "unrecognized arguments: --colour (see python build.py build --help)"),
    ],
)
def test_usage_errors_say_what_to_write_without_internal_names(argv, shown, tmp_path):
    status, _, err = run([*argv, "--root", str(tmp_path)])
    assert status == 2
    assert shown in err
    assert "_jobs" not in err and "_shard" not in err and "Namespace" not in err and "Traceback" not in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["build", "--format", "odt"], "อาร์กิวเมนต์ --format: ใช้ 'odt' ไม่ได้ ให้เลือกจาก pdf, docx"),
        (["diff", "only-one"], "ยังไม่ได้ระบุ OLD, NEW ซึ่งจำเป็นต้องมี"),
        (["build", "--colour"], "ไม่รู้จัก --colour"),
        (["build", "--jobs", "many"], "อาร์กิวเมนต์ --jobs/-j: ต้องเป็นจำนวนโพรเซสเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป ไม่ใช่ 'many'"),
        (["-j", "0"], "อาร์กิวเมนต์ --jobs/-j: ต้องเป็นจำนวนโพรเซสเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป ไม่ใช่ '0'"),
        (["build", "--shard", "3/2"], "อาร์กิวเมนต์ --shard: ต้องเขียนเป็น I/N โดย 1 <= I <= N เช่น 1/4 ไม่ใช่ '3/2'"),
        (["watch", "--port", "70000"], "อาร์กิวเมนต์ --port: ต้องเป็นหมายเลขพอร์ตตั้งแต่ 0 (พอร์ตใดก็ได้ที่ว่าง) ถึง 65535"),
        (["build", "--output", ""], "อาร์กิวเมนต์ --output: ว่างอยู่ ให้ระบุเส้นทางของไฟล์หรือโฟลเดอร์"),
    ],
)
def test_usage_errors_are_said_in_thai(argv, shown, tmp_path):
    """Adversarial inputs: argparse's own words reached a Thai clerk in English."""
    status, _, err = run([*argv, "--root", str(tmp_path), "--lang", "th"])
    assert status == 2 and shown in err, err
    assert "invalid choice" not in err and "required" not in err and "unrecognized" not in err
    assert "takes" not in err and "is empty" not in err


def test_a_folder_that_is_not_a_project_is_said_to_be_the_wrong_folder(tmp_path):
    (tmp_path / "notes.txt").write_text("not a project")
    status, _, err = run(["--root", str(tmp_path)])
    assert status == 1 and "has no folder agreements/" in err and "--root" in err, err
    status, _, err = run(["--root", str(tmp_path), "some-agreement"])
    assert status == 2 and "holds no agreement records; is --root the project folder" in err, err
    assert "known: " not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--output", ""],
        ["build", "--root", " "],
        ["release", "--output="],
        ["diff", "test", "1.0", "1.1", "--output", ""],
        ["verify", ""],
        ["watch", "--output", ""],
    ],
)
def test_an_empty_path_is_refused_not_taken_for_the_current_folder(small_project, monkeypatch, argv):
    """`--output "$OUT"` with OUT unset wrote index.html and a folder per agreement into the project itself."""
    monkeypatch.chdir(small_project)
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out, err)
    assert status == 2, out.getvalue() + err.getvalue()
    assert "is empty; give a path (an unset variable in a script?)" in err.getvalue()
    assert sorted(p.name for p in small_project.iterdir()) == ["agreements", "parties", "templates"]


def test_a_one_page_file_is_said_in_the_singular():
    assert str(page_count(1)) == " (1 page)" and str(page_count(3)) == " (3 pages)" and page_count(None) == ""


@pytest.mark.parametrize("command", ["build", "watch"])
@pytest.mark.parametrize("language", ["en", "th"])
def test_quiet_and_verbose_together_are_a_usage_error(command, language, tmp_path):
    status, _, err = run([command, "--quiet", "--verbose", "--root", str(tmp_path), "--lang", language])
    assert status == 2, err
    assert ("not allowed with argument --quiet/-q" if language == "en" else "ใช้พร้อมกับ --quiet/-q ไม่ได้") in err, err


@pytest.mark.parametrize(
    ("output", "shown"),
    [
        ("agreements", "is the project's agreements/ folder"),
        ("parties/out", "is inside the project's parties/ folder"),
        ("templates/standard", "is inside the project's templates/ folder"),
        (".", "holds the project's parties/ folder"),
        ("..", "holds the project's parties/ folder"),
    ],
)
@pytest.mark.parametrize("command", [["build"], ["watch"], ["release"], ["diff", "test", "1.0", "1.1"]])
def test_an_output_folder_over_the_records_is_refused(small_project, monkeypatch, command, output, shown):
    """`--output agreements` wrote index.html and the build's folders among the clerk's records."""
    monkeypatch.chdir(small_project)
    before = sorted(str(p.relative_to(small_project)) for p in small_project.rglob("*"))
    status, out, err = run([*command, "--output", output])
    assert status == 2 and f"--output: '{output}' {shown}" in err, out + err
    assert sorted(str(p.relative_to(small_project)) for p in small_project.rglob("*")) == before


def test_an_output_folder_over_the_records_is_refused_in_thai(small_project):
    status, _, err = run(["--root", str(small_project), "--output", str(small_project / "agreements"), "--lang", "th"])
    assert status == 2 and "คือโฟลเดอร์ agreements/ ของโครงการ" in err, err


@pytest.mark.parametrize("name", ["second.YAML", "second.yaml.txt", "second.Yml"])
def test_a_record_saved_under_a_name_that_is_not_read_is_said(small_project, name):
    # Windows Notepad saves x.yaml.txt; `check` said it checked one agreement, and the build built one.
    (small_project / "agreements" / name).write_text("title: x\n", encoding="utf-8")
    said = f"agreements/{name}: this file is not read: a record's name ends in .yaml or .yml, in lower case; rename it to second.y"
    status, _, err = run(["check", "--root", str(small_project)])
    assert status == 0 and f"warning: {said}" in err, err
    status, _, err = run(["--root", str(small_project), "--format", "docx", "--quiet"])
    assert status == 0 and err.count(said) == 1, err
    (small_project / "agreements" / name).unlink()
    assert "not read" not in run(["check", "--root", str(small_project)])[2]
