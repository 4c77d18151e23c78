"""Amounts in the text: {amount:<key>} references, and amounts written out by hand.

An agreement names amounts (`amounts: {grant: 21000001}`) and its clause text and sub-items
print one as {amount:grant}: the templates write it in digits and words. An amount written
out by hand beside its digits, `๒๑,๐๐๐,๐๐๑ บาท (ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน)` or
`THB 21,000,001 (twenty-one million and one baht)`, is read back (language/amount_words.py)
and must say the same amount as the digits. Each problem points at the reference or the
words in the file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel

from mou.core.errors import Problem
from mou.core.messages import Message, say
from mou.language.amount_words import read_baht_text, read_english_amount_words, thai_word_tokens
from mou.language.thai import EN_WORDS_LIMIT, arabic_digits, baht_text, english_amount, format_amount
from mou.records.crosscheck import field_problem
from mou.records.loading import KeyPath, Record
from mou.records.model import AMOUNT_REFERENCE, Agreement, Bilingual


def _digits(suffix: str = "") -> str:
    """A number in figures, 21,000,001 or 1500.50, as groups digits<suffix> and decimals<suffix>."""
    return (
        rf"(?<![0-9.,])(?P<digits{suffix}>[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+)"
        rf"(?:\.(?P<decimals{suffix}>[0-9]+))?(?![0-9,])"
    )


_TH_SCALE = {"พัน": 10**3, "หมื่น": 10**4, "แสน": 10**5, "ล้าน": 10**6}
_EN_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_WORDS = r"\(\s*(?P<words>[^()]*?)\s*\)"
# ๒๑,๐๐๐,๐๐๑ บาท (…), 2.5 ล้านบาท (…); matched on the text with Thai digits made ASCII.
TH_HAND_WRITTEN = re.compile(rf"{_digits()}\s*(?P<scale>พัน|หมื่น|แสน|ล้าน)?\s*บาท\s*{_WORDS}")
# THB 21,000,001 (…), Baht 500 (…), 21,000,001 baht (…), 2.5 million baht (…)
EN_HAND_WRITTEN = re.compile(
    rf"(?:(?:\bTHB|\bBaht|฿)\s*{_digits()}(?:\s+(?P<scale>thousand|million|billion))?"
    rf"|{_digits('2')}(?:\s+(?P<scale2>thousand|million|billion))?\s+(?:Thai\s+)?[Bb]aht)\s*{_WORDS}"
)
# What looks meant as an amount in words even when it cannot be read: Thai that says บาท or
# สตางค์ (a misspelt ถ้วน too), English that ends as amount words do (or reads Baht … Only).
TH_WORDS_MEANT = re.compile(r"บาท|สตางค์")
EN_WORDS_END = re.compile(
    r"^(?:[A-Za-z\s,-]+\b(?:baht|satang)(?:\s+only)?|(?:thai\s+)?baht\b[A-Za-z\s,-]+\bonly)$", re.IGNORECASE
)
# Where an amount reference is printed (the templates pass these through with_amounts).
PRINTED = ("text", "items")


@dataclass(frozen=True)
class HandWritten:
    """An amount written out by hand: its digits' value and its words, and where the words start."""

    value: Decimal
    words: str
    start: int


def _value(digits: str, decimals: str | None, scale: int) -> Decimal | None:
    """The value of digits such as 21,000,001 or 2.5 with a scale; None if not a whole satang."""
    try:
        value = Decimal(digits.replace(",", "") + (f".{decimals}" if decimals else "")) * scale
    except InvalidOperation:
        return None
    return value if value == value.quantize(Decimal("0.01")) else None


def hand_written(text: str, language: str) -> Iterator[HandWritten]:
    """Every amount in the text written in digits with words in brackets after them."""
    plain = arabic_digits(text)  # one character for one: positions stay the same
    pattern = TH_HAND_WRITTEN if language == "th" else EN_HAND_WRITTEN
    scales = _TH_SCALE if language == "th" else _EN_SCALE
    for match in pattern.finditer(plain):
        groups = match.groupdict()
        scale_word = groups.get("scale") or groups.get("scale2")
        digits, decimals = groups.get("digits") or groups["digits2"], groups.get("decimals") or groups.get("decimals2")
        value = _value(digits, decimals, scales[scale_word] if scale_word else 1)
        if value is not None:
            yield HandWritten(value, text[match.start("words") : match.end("words")], match.start("words"))


def expected_words(value: Decimal, language: str) -> str:
    """The words an amount is written with: ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน / twenty-one million and one baht."""
    if language == "th":
        return baht_text(value)
    words = english_amount(value)
    return words[words.index("(") + 1 : -1]


def words_message(found: HandWritten, language: str) -> Message | None:
    """Say what is wrong with an amount written out by hand, or None if its words say its digits."""
    shown = format_amount(found.value)
    if language == "th":
        if thai_word_tokens(found.words) is None and not TH_WORDS_MEANT.search(found.words):
            return None  # (ต่อคน): not an amount in words
        said = read_baht_text(found.words)
    else:
        if not EN_WORDS_END.match(found.words):
            return None  # (per person): not an amount in words
        said = read_english_amount_words(found.words)
        if found.value >= EN_WORDS_LIMIT:
            return say("amount_words_too_large", digits=shown)
    expected = expected_words(found.value, language)
    if said is None:
        return say("amount_words_unreadable", words=found.words, digits=shown, expected=expected)
    if said != found.value:
        return say("amount_words_wrong", words=found.words, said=format_amount(said), digits=shown, expected=expected)
    return None


def texts(value: object, key_path: KeyPath = ()) -> Iterator[tuple[KeyPath, str, str]]:
    """Every text of a record: (key path of its bilingual field, language, text)."""
    if isinstance(value, Bilingual):
        for language in ("th", "en"):
            text = getattr(value, language)
            if text is not None:
                yield key_path, language, text
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), key_path + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, key_path + (index,))
    elif isinstance(value, dict):  # signatories: a person per party id (amounts: numbers, no text)
        for key, item in value.items():
            yield from texts(item, key_path + (key,))


def located(source: Record, key_path: KeyPath, language: str, text: str, offset: int, message: Message) -> Problem:
    """A Problem at a place inside one language's text of a bilingual field (its clause and sub-item named)."""
    needle = (text[offset:].split() or [""])[0]
    occurrence = text[:offset].count(needle) if needle else 0
    return field_problem(source, key_path, message, language, name_sub_item=True, at=(needle, occurrence))


def words_problems(source: Record, record: BaseModel) -> list[Problem]:
    """Every amount written out by hand in a record whose words do not say its digits."""
    problems = []
    for key_path, language, text in texts(record):
        for found in hand_written(text, language):
            message = words_message(found, language)
            if message is not None:
                problems.append(located(source, key_path, language, text, found.start, message))
    return problems


def is_printed(key_path: KeyPath) -> bool:
    """Whether a field is where references are printed: a clause's text or one of its sub-items."""
    return len(key_path) >= 3 and key_path[0] == "clauses" and key_path[2] in PRINTED


# A brace, then a word like "amount" (any case, spaced, misspelt), an optional colon and a key:
# an attempt at {amount:<key>} that the templates would print as it stands, braces and all.
_LIKE_REFERENCE = re.compile(r"\{+\s*(?P<word>[A-Za-z]+)\s*:?\s*(?P<key>[A-Za-z0-9_-]*)\s*\}*")


def miswritten_references(text: str, keys: list[str]) -> Iterator[tuple[int, str, str]]:
    """Every attempt at an amount reference in a text that is not one: (offset, as written, what to write)."""
    for match in _LIKE_REFERENCE.finditer(text):
        written = match[0]
        if difflib.SequenceMatcher(None, match["word"].lower(), "amount").ratio() < 0.75:
            continue  # a brace around other words is left alone
        proper = AMOUNT_REFERENCE.match(text, match.start())
        if proper and not text.startswith("}", proper.end()):
            continue  # a reference as the templates read it; its key is checked apart
        key = match["key"].lower()
        if key not in keys:
            key = (difflib.get_close_matches(key, keys, n=1) or [key or "<key>"])[0]
        yield match.start(), written.strip(), f"{{amount:{key}}}"


def reference_problems(source: Record, agreement: Agreement) -> list[Problem]:
    """Every {amount:<key>} whose key the agreement does not name, that stands where it is not printed, or that is miswritten."""
    problems = []
    keys = ", ".join(sorted(agreement.amounts))
    for key_path, language, text in texts(agreement):
        for offset, written, meant in miswritten_references(text, sorted(agreement.amounts)):
            message = say("amount_miswritten", written=written, meant=meant)
            problems.append(located(source, key_path, language, text, offset, message))
        for match in AMOUNT_REFERENCE.finditer(text):
            key = match["key"].strip()
            if not is_printed(key_path):
                message = say("amount_not_printed", reference=match[0])
            elif key in agreement.amounts:
                continue
            elif keys:
                message = say("amount_unknown", key=key, keys=keys)
            else:
                message = say("amount_none", key=key)
            problems.append(located(source, key_path, language, text, match.start(), message))
    return problems


def unused_amount_warnings(source: Record, agreement: Agreement) -> list[Problem]:
    """Warn of a named amount that no clause refers to: the document never prints it."""
    referred = {
        match["key"].strip()
        for key_path, _, text in texts(agreement)
        if is_printed(key_path)
        for match in AMOUNT_REFERENCE.finditer(text)
    }
    return [
        source.problem(("amounts", key), say("amount_unused", key=key))
        for key in agreement.amounts
        if key not in referred
    ]
