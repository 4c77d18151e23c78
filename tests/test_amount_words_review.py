"""Amounts in words as clerks write them: "a hundred and one baht" is read, "สิบหนึ่ง" is not Thai."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mou.language.amount_words import read_baht_text, read_english_amount_words


@pytest.mark.parametrize(
    "words, value",
    [
        ("a hundred and one baht", Decimal(101)),
        ("a thousand baht", Decimal(1000)),
        ("a hundred thousand baht", Decimal(100000)),
        ("a million baht and fifty satang", Decimal("1000000.50")),
    ],
)
def test_a_as_one_before_a_scale_word_is_read(words, value):
    assert read_english_amount_words(words) == value


@pytest.mark.parametrize("words", ["a baht", "a hundred and a baht"])
def test_a_alone_is_no_number(words):
    assert read_english_amount_words(words) is None


@pytest.mark.parametrize("words", ["สิบหนึ่งบาทถ้วน", "ยี่สิบหนึ่งบาทถ้วน", "สามสิบหนึ่งล้านบาทถ้วน", "ห้าสิบหนึ่งสตางค์"])
def test_one_after_the_tens_is_not_thai(words):
    assert read_baht_text(words) is None


@pytest.mark.parametrize(
    "words, value",
    [("สิบเอ็ดบาทถ้วน", Decimal(11)), ("หนึ่งร้อยหนึ่งบาทถ้วน", Decimal(101)), ("หนึ่งพันหนึ่งบาท", Decimal(1001))],
)
def test_one_after_the_hundreds_is_still_a_usual_variant(words, value):
    assert read_baht_text(words) == value
