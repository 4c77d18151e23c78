"""Combining marks that print over something else: on a Thai letter, stacked, or on nothing."""

from __future__ import annotations

import io

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B
from pythainlp.corpus.common import thai_words

from mou.cli.main import main
from mou.language.characters import stray_marks

TOWER = "\u0301\u0300\u0302\u0303\u0308"


@pytest.mark.parametrize(
    "text, index, key",
    [
        ("ทดสอบ\u0301", 5, "foreign_mark_on_thai"),
        ("ก\u0331ข", 1, "foreign_mark_on_thai"),
        ("test" + TOWER + "text", 6, "stacked_marks"),
        ("\u0301text", 0, "mark_without_letter"),
        ("two \u0301words", 4, "mark_without_letter"),
    ],
)
def test_a_mark_that_prints_over_something_else_is_found(text, index, key):
    (found,) = stray_marks(text)
    assert (found.index, found.key) == (index, key)


@pytest.mark.parametrize("text", ["Nguyễn Thị Minh Khai", "x\u0304 (the mean)", "q\u0307", "ผู้อำนวยการ ฤๅษี ก็ ก๊"])
def test_marks_a_text_may_have_pass(text):
    assert stray_marks(text) == []


def test_no_real_thai_word_has_a_stray_mark():
    assert [word for word in thai_words() if stray_marks(word)] == []


def test_a_tower_of_marks_is_refused_at_its_third_mark(tree):
    agreement = AGREEMENT.replace(
        "text: {th: เพื่อพัฒนาทักษะดิจิทัลของบุคลากร, en: To develop the digital skills of staff.}",
        f'text: {{th: "เพื่อพัฒนาทักษะดิจิทัลของบุคลากร", en: "To develop the digit{TOWER}al skills of staff."}}',
    )
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": agreement})
    err = io.StringIO()
    assert main(["check", "--root", str(root)], out=io.StringIO(), err=err) == 1
    assert (
        "agreements/test.yaml:11:79: clauses[1].text.en: has 5 combining marks on t, which print stacked over the"
        " line above; keep at most two, or delete them (U+0302 COMBINING CIRCUMFLEX ACCENT is the third)"
    ) in err.getvalue()
