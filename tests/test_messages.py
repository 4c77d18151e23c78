"""Every message exists in English and Thai, and the clerk gets the language asked for."""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B

from mou.cli.main import main
from mou.core.messages import CATALOG, clerk_language, say

SOURCES = sorted((Path(__file__).parent.parent / "mou").rglob("*.py"))


def placeholders(template: str) -> set[str]:
    """Return the {names} a message template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_message_has_both_languages_with_the_same_values(key):
    en, th = CATALOG[key]
    assert en.strip() and th.strip()
    assert placeholders(en) == placeholders(th)
    assert re.search("[\u0e00-\u0e7f]", th) or key in ("the_text",), "the Thai text is not Thai"


def test_every_message_the_code_uses_is_in_the_catalogue():
    used = {key for path in SOURCES for key in re.findall(r'say\(\s*"(\w+)"', path.read_text())}
    assert used and used <= set(CATALOG), used - set(CATALOG)


def test_values_inside_messages_follow_the_language():
    message = say("text_expected", what=say("a_list"))
    assert message.en == "must be text, not a list; put it in quotes if it is a number"
    assert "ไม่ใช่รายการ" in message.th


@pytest.mark.parametrize(
    "environ, expected",
    [
        ({"LANG": "th_TH.UTF-8"}, "th"),
        ({"LC_ALL": "th_TH"}, "th"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "C", "LANG": "th_TH.UTF-8"}, "en"),
    ],
)
def test_clerk_language_comes_from_the_locale(environ, expected):
    assert clerk_language(environ) == expected


def test_thai_messages_on_request(tree):
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT.replace("originals: 2", "orignals: 2"),
        }
    )
    err = io.StringIO()
    assert main(["--root", str(root), "--lang", "th"], out=io.StringIO(), err=err) == 1
    lines = err.getvalue().splitlines()
    assert "ข้อผิดพลาด: agreements/test.yaml:16:1: orignals: ไม่รู้จักช่อง 'orignals' หมายถึง 'originals' หรือไม่" in lines
    assert lines[-1] == "พบปัญหา 2 รายการ ยังไม่ได้เขียนไฟล์ใด ๆ"


def test_thai_locale_gives_thai_usage_errors(monkeypatch):
    monkeypatch.setenv("LANG", "th_TH.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    err = io.StringIO()
    assert main(["--no-such-option"], out=io.StringIO(), err=err) == 2
    assert err.getvalue().startswith("สั่งงานไม่ถูกต้อง: ")
