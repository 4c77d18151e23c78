"""Amounts in words read back into numbers: Thai baht text and English amount words.

The inverse of thai.baht_text and thai.english_amount's words, so that an amount a clerk
wrote out by hand can be checked against the digits beside it. Each reader accepts what
the generators write and the usual variants with the same value (หนึ่ง for เอ็ด after ร้อย,
พัน… but not after สิบ, no ถ้วน, "one hundred fifty" without "and", "a hundred", "Thai baht",
"only"), and returns None for anything
that is not a well-formed amount in words.
"""

from __future__ import annotations

import re
from decimal import Decimal

from mou.language.thai import _EN_ONES, _EN_SCALES, _EN_TENS

_TH_DIGIT_WORDS = {"หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6, "เจ็ด": 7, "แปด": 8, "เก้า": 9}
_TH_PLACE_WORDS = {"สิบ": 1, "ร้อย": 2, "พัน": 3, "หมื่น": 4, "แสน": 5}
_TH_OTHER_WORDS = ("ศูนย์", "เอ็ด", "ยี่", "ล้าน", "บาท", "ถ้วน", "สตางค์")
TH_WORDS: tuple[str, ...] = tuple(sorted([*_TH_DIGIT_WORDS, *_TH_PLACE_WORDS, *_TH_OTHER_WORDS], key=len, reverse=True))
_TH_TOKEN = re.compile("|".join(TH_WORDS))
_MILLION = 10**6

_EN_VALUES = {word: n for n, word in enumerate(_EN_ONES)} | {w: 10 * n for n, w in enumerate(_EN_TENS) if w}
_EN_SCALE_VALUES = {word: 1000**power for power, word in enumerate(_EN_SCALES) if word}


def thai_word_tokens(text: str) -> list[str] | None:
    """Split Thai number words into their words (spaces ignored), or None if something else is there."""
    compact = "".join(text.split())
    tokens: list[str] = []
    position = 0
    while position < len(compact):
        match = _TH_TOKEN.match(compact, position)
        if match is None:
            return None
        tokens.append(match[0])
        position = match.end()
    return tokens


def _thai_group(tokens: list[str], preceded: bool) -> int | None:
    """Read 1 to 999,999 from its words (no ล้าน), or None; preceded: words come before them."""
    total, last_place, index = 0, 6, 0
    while index < len(tokens):
        token, following = tokens[index], tokens[index + 1] if index + 1 < len(tokens) else None
        if token == "ยี่":
            if following != "สิบ" or last_place <= 1:
                return None
            total, last_place, index = total + 20, 1, index + 2
        elif token in _TH_PLACE_WORDS:  # a bare place: สิบ = 10, ร้อย (colloquial) = 100
            place = _TH_PLACE_WORDS[token]
            if place >= last_place:
                return None
            total, last_place, index = total + 10**place, place, index + 1
        elif token in _TH_DIGIT_WORDS or token == "เอ็ด":
            digit = _TH_DIGIT_WORDS.get(token, 1)
            if following in _TH_PLACE_WORDS:
                place = _TH_PLACE_WORDS[following]
                if token == "เอ็ด" or place >= last_place or (token == "สอง" and place == 1):
                    return None  # เอ็ดสิบ, สองสิบ: not Thai
                total, last_place, index = total + digit * 10**place, place, index + 2
            else:
                if index != len(tokens) - 1 or last_place == 0 or (token == "เอ็ด" and not (preceded or total)):
                    return None  # a units digit comes last; เอ็ด only after other words
                if token == "หนึ่ง" and last_place == 1:
                    return None  # สิบหนึ่ง, ยี่สิบหนึ่ง: after the tens Thai writes เอ็ด (สิบเอ็ด), never หนึ่ง
                total, last_place, index = total + digit, 0, index + 1
        else:
            return None
    return total or None


def _thai_number(tokens: list[str], preceded: bool = False) -> int | None:
    """Read a whole number of one or more from its words, ล้าน composing each six digits."""
    if "ล้าน" not in tokens:
        return _thai_group(tokens, preceded) if tokens else None
    cut = len(tokens) - 1 - tokens[::-1].index("ล้าน")
    # ล้านบาท alone is one million, as ร้อยบาท is one hundred
    millions = _thai_number(tokens[:cut], preceded) if cut or preceded else 1
    if millions is None:
        return None
    rest = tokens[cut + 1 :]
    if not rest:
        return millions * _MILLION
    group = _thai_group(rest, True)
    return None if group is None else millions * _MILLION + group


def read_thai_number_words(text: str) -> int | None:
    """Read Thai number words, e.g. "ยี่สิบเอ็ด" -> 21; None if they are not a number."""
    tokens = thai_word_tokens(text)
    if tokens == ["ศูนย์"]:
        return 0
    return _thai_number(tokens) if tokens else None


def read_baht_text(text: str) -> Decimal | None:
    """Read an amount in Thai words, e.g. "ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน" -> 21000001; None if it is not one."""
    tokens = thai_word_tokens(text)
    if not tokens:
        return None
    baht, satang = 0, 0
    if "บาท" in tokens:
        cut = tokens.index("บาท")
        words, tokens = tokens[:cut], tokens[cut + 1 :]
        read = 0 if words == ["ศูนย์"] else _thai_number(words)
        if read is None:
            return None
        baht = read
        if tokens == ["ถ้วน"] or not tokens:
            return Decimal(baht)
    if tokens[-1:] != ["สตางค์"]:
        return None
    read = _thai_number(tokens[:-1])
    if read is None or read > 99:
        return None
    satang = read
    return Decimal(baht) + Decimal(satang) / 100


def _english_below_1000(words: list[str]) -> int | None:
    """Read 1 to 999 from English words ("and" already placed), or None."""
    total = 0
    if len(words) >= 2 and words[1] == "hundred":
        hundreds = _EN_VALUES.get(words[0], 0)
        if not 1 <= hundreds <= 9:
            return None
        total, words = hundreds * 100, words[2:]
        if words[:1] == ["and"]:
            words = words[1:]
            if not words:
                return None
    elif words[:1] == ["and"]:
        return None
    if not words:
        return total or None
    first = _EN_VALUES.get(words[0])
    if first is None or first == 0:
        return None
    if len(words) == 1:
        return total + first
    second = _EN_VALUES.get(words[1])
    if len(words) == 2 and first >= 20 and first % 10 == 0 and second is not None and 1 <= second <= 9:
        return total + first + second
    return None


def read_english_number_words(text: str) -> int | None:
    """Read English number words, e.g. "twenty-one million and one" -> 21000001; None if not a number."""
    words = [w for w in re.split(r"[\s-]+", text.strip().lower()) if w]
    if words == ["zero"]:
        return 0
    if words[:1] == ["a"] and (words[1:2] == ["hundred"] or words[1:2] and words[1] in _EN_SCALE_VALUES):
        words[0] = "one"  # a hundred and one, a thousand, a million: "a" is one before a scale word
    # "one thousand and one": an "and" after a scale word joins the last group; drop it.
    words = [
        w
        for i, w in enumerate(words)
        if not (w == "and" and i and words[i - 1] in _EN_SCALE_VALUES and i + 1 < len(words))
    ]
    total, last_scale, group_words = 0, 1000 ** len(_EN_SCALES), []
    for word in words:
        if word not in _EN_SCALE_VALUES:
            group_words.append(word)
            continue
        scale = _EN_SCALE_VALUES[word]
        group = _english_below_1000(group_words)
        if group is None or scale >= last_scale:
            return None
        total, last_scale, group_words = total + group * scale, scale, []
    if group_words:
        group = _english_below_1000(group_words)
        if group is None:
            return None
        total += group
    return total or None


_EN_AMOUNT = re.compile(
    r"(?:(?P<baht>.+?)\s+(?:thai\s+)?baht(?:\s+and\s+(?P<satang1>.+?)\s+satang)?"
    # "Baht Twenty-One Million and One Only", as Thai offices also write it
    r"|(?:thai\s+)?baht\s+(?P<baht3>.+?)(?:\s+and\s+(?P<satang3>.+?)\s+satang)?(?=\s+only$)"
    r"|(?P<satang2>.+?)\s+satang)"
    r"(?:\s+only)?",
    re.IGNORECASE | re.DOTALL,
)


def read_english_amount_words(text: str) -> Decimal | None:
    """Read an amount in English words, e.g. "twenty-one million and one baht" -> 21000001; None if not one."""
    match = _EN_AMOUNT.fullmatch(text.strip())
    if match is None:
        return None
    baht_words = match["baht"] or match["baht3"]
    baht = read_english_number_words(baht_words) if baht_words else 0
    satang_words = match["satang1"] or match["satang2"] or match["satang3"]
    satang = read_english_number_words(satang_words) if satang_words else 0
    if baht is None or satang is None or satang > 99 or (satang_words and not satang):
        return None
    return Decimal(baht) + Decimal(satang) / 100
