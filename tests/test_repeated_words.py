"""A prefix, ตำแหน่ง or located at typed into the field the document prints it before is refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B

from mou.cli.main import main


def check(root: Path) -> tuple[int, str]:
    """Run check on root and return its exit status and error output."""
    err = io.StringIO()
    status = main(["check", "--root", str(root)], out=io.StringIO(), err=err)
    return status, err.getvalue()


def party_with(old: str, new: str) -> str:
    """Return the first test party with one piece of text replaced."""
    assert old in PARTY_A
    return PARTY_A.replace(old, new)


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        (
            "name: {th: สมชาย ใจดี,",
            "name: {th: นายสมชาย ใจดี,",
            "parties/town.yaml:7:14: signatory.name.th:",
            "begins with 'นาย', which prefix: already gives, so the page would print it twice; "
            "write the name without it: สมชาย ใจดี",
        ),
        (
            "en: Somchai Jaidee}",
            "en: Mr. Somchai Jaidee}",
            "parties/town.yaml:7:30: signatory.name.en:",
            "begins with 'Mr.', which prefix: already gives",
        ),
        (
            "position: {th: นายกเทศมนตรีเมืองชุมแพ,",
            "position: {th: ตำแหน่งนายกเทศมนตรีเมืองชุมแพ,",
            "parties/town.yaml:8:18: signatory.position.th:",
            "write the position alone: นายกเทศมนตรีเมืองชุมแพ",
        ),
        (
            "address: {th: อำเภอชุมแพ",
            "address: {th: ที่อยู่ อำเภอชุมแพ",
            "parties/town.yaml:4:15: address.th:",
            "begins with 'ที่อยู่', but the document already prints 'ตั้งอยู่ ณ' before the address",
        ),
        (
            'en: "Chum Phae District',
            'en: "Located at Chum Phae District',
            "parties/town.yaml:4:52: address.en:",
            "begins with 'Located at', but the document already prints 'located at' before the address",
        ),
    ],
)
def test_a_word_the_document_prints_before_a_field_is_refused_in_it(tree, old, new, where, words):
    root = tree(
        {"parties/town.yaml": party_with(old, new), "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT}
    )
    status, err = check(root)
    assert status == 1
    line = next(line for line in err.splitlines() if where in line)
    assert words in line


def test_a_prefix_typed_again_in_an_agreements_witness_is_refused(tree):
    witness = (
        "witnesses:\n"
        "  - prefix: {th: นางสาว, en: Ms.}\n"
        "    name: {th: นางสาวกนกวรรณ ชื่นชม, en: Kanokwan Chuenchom}\n"
        "    position: {th: ปลัดอำเภอ, en: Deputy District Officer}\n"
    )
    root = tree(
        {"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT + witness}
    )
    status, err = check(root)
    assert status == 1
    assert "agreements/test.yaml:19:" in err and "witnesses[1].name.th: begins with 'นางสาว'" in err


@pytest.mark.parametrize(
    ("prefix", "name"),
    [
        ("นาง", "นางนวล สุขใจ"),  # a given name that begins like the prefix (a gull, นางนวล)
        ("นาย", "สมชาย ใจดี"),
        ("Mr.", "Mrinal Sen"),
    ],
)
def test_a_name_that_only_begins_like_its_prefix_passes(tree, prefix, name):
    language = "en" if prefix.isascii() else "th"
    party = PARTY_A.replace(
        "prefix: {th: นาย, en: Mr.}",
        f"prefix: {{{language}: {prefix}, {'th: นาย' if language == 'en' else 'en: Mr.'}}}",
    )
    party = party.replace("สมชาย ใจดี" if language == "th" else "Somchai Jaidee", name)
    root = tree({"parties/town.yaml": party, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    status, err = check(root)
    assert "begins with" not in err, err
