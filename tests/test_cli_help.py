"""The command line's help in the clerk's language: all of it in Thai on request, the English as it was."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT

from mou.cli.main import main
from mou.cli.parser import COMMANDS, display_width
from mou.core.messages import CATALOG

HELP_KEYS = sorted(key for key in CATALOG if key.startswith("help_"))
# Latin words a Thai help may hold: names typed as they are (commands, options, metavars,
# choices, files and folders, variables) and the names of formats and tools.
NAMES = {
    *COMMANDS,
    *("python", "build", "py", "h", "help", "version", "j", "q", "v", "p12", "en", "th"),
    *("root", "output", "only", "format", "force", "jobs", "shard", "allow", "mismatch", "quiet", "verbose"),
    *("lang", "debug", "key", "password", "env", "trust", "require", "signature", "parties", "serve", "port"),
    *("pdf", "docx", "party", "agreement", "agreements", "templates", "releases", "zip", "pem", "der"),
    *("pkcs", "base64", "mou_signing_key", "mou_signing_password", "yaml", "ci", "git", "http", "kku"),
    *("command", "archive", "cert", "old", "new", "id", "file", "name", "n", "i", "a", "b"),
}


def help_of(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Return the help the command line prints for argv (which asks for it)."""
    with pytest.raises(SystemExit) as leaving:
        main(argv)
    assert leaving.value.code == 0
    return capsys.readouterr().out


def every_help(language: str, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """Return the help of the command line and of each command, in one language."""
    helps = {"": help_of(["--lang", language, "--help"], capsys)}
    for command in COMMANDS:
        helps[command] = help_of([command, "--lang", language, "--help"], capsys)
    return helps


@pytest.fixture
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lay the help out for an 80-column terminal, as argparse reads it from COLUMNS."""
    monkeypatch.setenv("COLUMNS", "80")


def test_the_thai_help_has_no_english_sentence_left(eighty_columns, capsys):
    for command, text in every_help("th", capsys).items():
        words = {word.lower() for word in re.findall(r"[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*", text)}
        assert words <= NAMES, (command, sorted(words - NAMES))
        for english in ("usage:", "options:", "positional arguments:", "commands:", "show this help"):
            assert english not in text, (command, english)
        assert "วิธีใช้: python build.py" in text and "ตัวเลือก:" in text


def unwrapped(text: str) -> str:
    """Return text on one line, as it read before argparse wrapped it (at spaces, and after hyphens)."""
    return re.sub(r"(?<=\w-) ", "", " ".join(text.split()))


def test_every_help_text_is_shown_in_both_languages_with_no_word_cut(eighty_columns, capsys):
    # argparse wraps at spaces and cuts a longer run of letters anywhere, even inside a
    # Thai word (Thai writes no spaces between words): every text must come out whole.
    for language, index in (("en", 0), ("th", 1)):
        shown = " | ".join(unwrapped(text) for text in every_help(language, capsys).values())
        for key in HELP_KEYS:
            assert unwrapped(CATALOG[key][index]) in shown, (language, key)


def test_the_help_fits_eighty_columns_in_both_languages(eighty_columns, capsys):
    for language in ("en", "th"):
        for command, text in every_help(language, capsys).items():
            for line in text.splitlines():
                assert display_width(line) <= 80, (language, command, line)
                assert not line or display_width(line[0]) == 1, (language, command, line)


def test_the_thai_usage_lines_up_under_the_command(eighty_columns, capsys):
    # argparse indents the wrapped usage by the prefix's characters; a Thai vowel or tone
    # mark is a character that takes no column.
    usage = help_of(["build", "--lang", "th", "--help"], capsys).split("\n\n")[0].splitlines()
    first = usage[0].index("[")
    assert len(usage) > 1
    for line in usage[1:]:
        assert display_width(line[: len(line) - len(line.lstrip())]) == display_width(usage[0][:first])


def test_the_english_help_keeps_argparse_words(eighty_columns, capsys):
    helps = every_help("en", capsys)
    assert helps[""].startswith("usage: python build.py [-h] [--version] [--lang {en,th}] COMMAND ...\n")
    assert "\ncommands:\n" in helps[""] and "show program's version number and exit" in helps[""]
    assert "\npositional arguments:\n" in helps["build"] and "\noptions:\n" in helps["build"]
    assert "  -h, --help           show this help message and exit\n" in helps["build"]


@pytest.mark.parametrize(
    ("argv", "environment", "shown"),
    [
        (["build.py", "--lang", "th", "--help"], {}, "คำสั่งย่อย:"),
        (["build.py", "--lang=th", "--help"], {}, "คำสั่งย่อย:"),
        (["-m", "mou", "--lang", "th", "new", "--help"], {}, "สำหรับบันทึกข้อตกลง: รหัสของคู่ภาคีตามลำดับ"),
        (["build.py", "release", "--help"], {"LANG": "th_TH.UTF-8"}, "ออกฉบับเผยแพร่"),
        (["build.py", "--help"], {"LANG": "th_TH.UTF-8"}, "วิธีใช้: python build.py"),
        (["build.py", "--lang", "en", "--help"], {"LANG": "th_TH.UTF-8"}, "usage: python build.py"),
    ],
)
def test_the_help_follows_the_clerks_language(argv, environment, shown):
    clean = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "COLUMNS": "80", **environment}
    done = subprocess.run(
        [sys.executable, *[str(ROOT / arg) if arg == "build.py" else arg for arg in argv]],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=clean,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert shown in done.stdout


def test_the_thai_help_loads_no_renderer(tmp_path):
    code = (
        "import sys; from mou.cli.main import main\n"
        "try:\n    main(['--lang', 'th', 'new', '--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('weasyprint', 'pydantic', 'jinja2', 'pyhanko', 'docx') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("language", ["en", "th"])
def test_the_top_level_help_shows_the_language_option(eighty_columns, capsys, language):
    text = help_of(["--lang", language, "--help"], capsys)
    usage, _, options = text.partition("\n\n")
    assert "[--lang {en,th}]" in usage
    index = 0 if language == "en" else 1
    assert f"--lang {{en,th}} {unwrapped(CATALOG['help_lang'][index])}" in unwrapped(options)
