"""A ratio written 1:20 in both texts, and a Roman numeral (Phase II), are the numbers they say."""

from __future__ import annotations

import pytest

from mou.records.crosscheck import compare, roman_value


@pytest.mark.parametrize(
    "thai, english",
    [
        ("อัตราส่วน ๑:๒๐", "a ratio of 1:20"),
        ("อัตราส่วน 1:20", "a ratio of 1:20"),
        ("อัตราส่วนครูต่อนักเรียน ๑ ต่อ ๒๐", "a teacher-pupil ratio of 1:20"),
        ("อัตราส่วน ๑:๒๐", "a ratio of 1 to 20"),
        ("ระยะที่ ๒", "Phase II"),
        ("ระยะที่ ๑ และระยะที่ ๔", "Phase I and Phase IV"),
        ("ภาคผนวก ๕", "Annex V"),
        ("ชั้นมัธยมศึกษาปีที่ ๖", "Grade VI"),
    ],
)
def test_a_ratio_or_a_roman_numeral_translated_faithfully_does_not_alarm(thai, english):
    assert compare(thai, english) == []


@pytest.mark.parametrize(
    "thai, english, words",
    [
        ("อัตราส่วน ๑:๒๐", "a ratio of 1:25", "the Thai text has ๒๐ but the English text has no 20"),
        ("ระยะที่ ๓", "Phase II", "the Thai text has ๓ but the English text has no 3"),
        # a time is still a time: the Thai writes it with น.
        ("เวลา ๑๓.๒๐ น.", "at 13:25", "the Thai text has ๑๓.๒๐ น. where the English text has 13:25"),
        # one I alone is the pronoun, not a numeral
        ("ข้อ ๑", "as I said", "the Thai text has ๑ but the English text has no 1"),
    ],
)
def test_a_ratio_or_a_roman_numeral_that_differs_alarms(thai, english, words):
    assert any(words in found.message.en for found in compare(thai, english))


@pytest.mark.parametrize(
    "numeral, value", [("II", 2), ("IV", 4), ("IX", 9), ("XIV", 14), ("XL", 40), ("IIII", None), ("VX", None)]
)
def test_roman_numerals_are_read_only_when_written_the_usual_way(numeral, value):
    assert roman_value(numeral) == value
