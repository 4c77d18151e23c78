"""Characters a record's text may not hold, and Thai written in an order Thai does not allow.

Both checks work on one text and return findings by character index; the records stage
turns each into a message at the file, line and column of the character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pythainlp.tokenize import word_tokenize

# Characters that change the order text is shown in: the page can read "30" where the
# text holds "03", so a check of the text is not a check of the page.
DIRECTION_CONTROLS = frozenset(
    "\u061c\u200e\u200f" + "".join(map(chr, range(0x202A, 0x202F))) + "\u2066\u2067\u2068\u2069"
)
# Characters that print as nothing (or as a break YAML and editors disagree on), yet stay in
# copies, searches and the DOCX: a name with one does not match the name without.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u2028\u2029\u0085")
# Spaces of fixed widths that look like a space or like nothing, pasted from a word processor or
# typed for alignment: a figure space (U+2007) printed as a blank inside a number (๔๐ ๑๓๐) that
# no line may break at, and each reads back differently in each PDF viewer. The NO-BREAK SPACE
# (U+00A0), which word processors put in on their own, is a space a line never breaks at, and is
# left to mean that.
ODD_SPACES = frozenset("".join(map(chr, range(0x2000, 0x200B))) + "\u1680\u202f\u205f\u3000")
# YAML 1.1 reads these as line breaks while most editors do not: positions after one would
# be a line off, so they are refused before the file is parsed.
YAML_LINE_BREAKS = frozenset("\u0085\u2028\u2029")
# Names of characters unicodedata leaves unnamed (controls).
UNNAMED = {0x0085: "NEXT LINE (NEL)"}

THAI_CONSONANTS = frozenset(map(chr, range(0x0E01, 0x0E2F)))  # ก … ฮ, ฤ and ฦ among them
ABOVE_BELOW_VOWELS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39")  # ั ิ ี ึ ื ุ ู
TONES = frozenset("\u0e48\u0e49\u0e4a\u0e4b")  # ่ ้ ๊ ๋
# Marks written last on a letter: the tones, mai taikhu ็, thanthakhat ์, yamakkan ๎.
LAST_MARKS = TONES | frozenset("\u0e47\u0e4c\u0e4e")
NIKHAHIT, PHINTHU = "\u0e4d", "\u0e3a"
MARKS = ABOVE_BELOW_VOWELS | LAST_MARKS | frozenset(NIKHAHIT + PHINTHU)
SARA_AA, SARA_AM, LAKKHANGYAO, SARA_E, SARA_AE = "\u0e32", "\u0e33", "\u0e45", "\u0e40", "\u0e41"
RU_LU = frozenset("\u0e24\u0e26")  # ฤ ฦ: the only letters ๅ follows
LAO = range(0x0E80, 0x0F00)
THAI_BLOCK = range(0x0E00, 0x0E80)
# The face every edition is set in: it has no Lao letters, so a word in Lao cannot be printed.
BUNDLED_FONT = "Sarabun"
# The Lao block repeats the Thai block's layout 0x80 higher: ກ U+0E81 is ก U+0E01.
LAO_TO_THAI = 0x80
DOTTED_CIRCLE = "\u25cc"


# Cyrillic and Greek letters drawn like a Latin one, with that letter: inside a Latin word
# (Somchаi with a Cyrillic а) the page reads right while searches and checks miss the word.
LATIN_LOOKALIKES = dict(
    zip(
        "аеорсухіјѕԁһԛԝӏАВЕКМНОРСТХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧο",
        "aeopcyxijsdhqwlABEKMHOPCTXIJSABEZHIKMNOPTYXo",
        strict=True,
    )
)
LATIN_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Finding:
    """One thing wrong in a text: at which character, the message key and its values."""

    index: int
    key: str
    values: dict[str, str] = field(default_factory=dict)


def char_name(char: str) -> str:
    """Return a character's Unicode name, or a description for the unnamed ones."""
    return unicodedata.name(char, "") or UNNAMED.get(ord(char), "unnamed character")


def char_values(char: str) -> dict[str, str]:
    """Return the code and name a message shows for a character."""
    return {"code": f"{ord(char):04X}", "name": char_name(char)}


def refused_character(char: str) -> str | None:
    """Return the message key for a character no text may hold, or None when it may."""
    if char in "\n\t":
        return None
    if char in DIRECTION_CONTROLS:
        return "direction_character"
    if char in INVISIBLE:
        return "invisible_character"
    if char in ODD_SPACES:
        return "odd_space"
    if unicodedata.category(char) in ("Cc", "Cs", "Co") or char in "\ufffe\uffff":
        return "control_character"
    return None


def shown_mark(mark: str) -> str:
    """Return a combining mark on a dotted circle, as it is shown on its own."""
    return DOTTED_CIRCLE + mark


def thai_spelling(text: str) -> list[Finding]:
    """Find Thai written in a way that prints wrong or only looks right: each with what to write."""
    findings: list[Finding] = []
    index = 0
    while index < len(text):
        char = text[index]
        if ord(char) in LAO and (word := _lao_word(text, index)):
            findings.append(Finding(index, "lao_word", {"word": word, "font": BUNDLED_FONT}))
            index += len(word)  # said once for the word, not once a letter
            continue
        if ord(char) in LAO:
            findings.append(_lookalike(index, char))
        elif char == LAKKHANGYAO and (index == 0 or text[index - 1] not in RU_LU):
            findings.append(Finding(index, "thai_lakkhangyao", {"fix": _word(text, index, 1, SARA_AA)}))
        elif char == SARA_E and text[index + 1 : index + 2] == SARA_E:
            findings.append(Finding(index, "thai_double_sara_e", {"fix": _word(text, index, 2, SARA_AE)}))
            index += 1
        elif char in MARKS:
            end = index
            while end < len(text) and text[end] in MARKS:
                end += 1
            if index == 0 or text[index - 1] not in THAI_CONSONANTS:
                findings.append(Finding(index, "thai_no_base", {"mark": shown_mark(char)}))
            else:
                finding = _cluster(text, index - 1, end)
                if finding:
                    findings.append(finding)
            index = end
            continue
        index += 1
    return findings


def latin_lookalikes(text: str) -> list[Finding]:
    """Find Cyrillic or Greek letters that look Latin inside a word that has Latin letters too."""
    findings = []
    for word in LATIN_WORD.finditer(text):
        if not any(_is_latin(char) for char in word.group()):
            continue  # a Russian or Greek word is written in its own letters
        for offset, char in enumerate(word.group()):
            if char in LATIN_LOOKALIKES:
                key = "cyrillic_lookalike" if char_name(char).startswith("CYRILLIC") else "greek_lookalike"
                values = char_values(char) | {"latin": LATIN_LOOKALIKES[char]}
                findings.append(Finding(word.start() + offset, key, values))
    return findings


def unnormalized(text: str) -> list[Finding]:
    """Find letters not written in their one canonical form (NFC): e and a combining acute for é, Å as U+212B."""
    findings = []
    for index, char in enumerate(text):
        composed = unicodedata.normalize("NFC", text[index - 1 : index + 1]) if index else ""
        if unicodedata.combining(char) and len(composed) == 1:
            values = char_values(char) | {"base": text[index - 1], "composed": composed}
            findings.append(Finding(index, "decomposed_character", values))
        elif (canonical := unicodedata.normalize("NFC", char)) != char:
            values = char_values(char) | {"canonical": canonical, "canonical_code": f"{ord(canonical[0]):04X}"}
            findings.append(Finding(index, "noncanonical_character", values))
    return findings


# A number: digits, with the commas and points between them.
NUMBER_RUN = re.compile(r"[0-9๐-๙](?:[0-9๐-๙,.]*[0-9๐-๙])?")
THAI_DIGIT_VALUES = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
ARABIC_TO_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def mixed_digits(text: str) -> list[Finding]:
    """Find a number written in Thai and Arabic digits at once (๑0 for ๑๐): a slip a reader may misread."""
    findings = []
    for number in NUMBER_RUN.finditer(text):
        run = number.group()
        if any("0" <= c <= "9" for c in run) and any("๐" <= c <= "๙" for c in run):
            arabic = run.translate(THAI_DIGIT_VALUES)
            values = {"number": run, "thai": arabic.translate(ARABIC_TO_THAI_DIGITS), "arabic": arabic}
            findings.append(Finding(number.start(), "mixed_digits", values))
    return findings


def _is_latin(char: str) -> bool:
    """Tell whether a character is a Latin letter."""
    return char_name(char).startswith("LATIN ")


def _lao_word(text: str, index: int) -> str:
    """Return the word of Lao letters starting at index, or '' if Thai letters touch it (a mistyped Thai word)."""
    end = index
    while end < len(text) and ord(text[end]) in LAO:
        end += 1
    before, after = text[index - 1 : index], text[end : end + 1]
    touches_thai = any(c and ord(c) in THAI_BLOCK for c in (before, after))
    if touches_thai or end - index < 2:
        return ""
    return text[index:end]


def _lookalike(index: int, char: str) -> Finding:
    """A Lao letter in Thai text, with the Thai letter it stands for when there is one."""
    thai = chr(ord(char) - LAO_TO_THAI)
    values = char_values(char) | {"thai": thai if unicodedata.name(thai, "") else "?"}
    return Finding(index, "thai_lookalike", values)


def _cluster(text: str, base: int, end: int) -> Finding | None:
    """Check the marks on one consonant (text[base + 1:end]) and the sara am or aa after them."""
    marks = text[base + 1 : end]
    for offset, (first, second) in enumerate(zip(marks, marks[1:]), start=base + 1):
        if first == second:
            fixed = _word(text, base + 1, len(marks), _dedupe(marks))
            return Finding(offset, "thai_doubled_mark", {"mark": shown_mark(first), "fix": fixed})
        if first in LAST_MARKS and second in ABOVE_BELOW_VOWELS:
            fixed = _word(text, base + 1, len(marks), _in_order(marks))
            return Finding(
                offset, "thai_mark_order", {"tone": shown_mark(first), "vowel": shown_mark(second), "fix": fixed}
            )
        same_kind = (first in TONES and second in TONES) or (
            first in ABOVE_BELOW_VOWELS and second in ABOVE_BELOW_VOWELS
        )
        if same_kind:
            return Finding(offset + 1, "thai_two_marks", {"first": shown_mark(first), "second": shown_mark(second)})
    if NIKHAHIT in marks and text[end : end + 1] == SARA_AA:
        fixed = _word(text, base + 1, len(marks) + 1, marks.replace(NIKHAHIT, "") + SARA_AM)
        return Finding(base + 1 + marks.index(NIKHAHIT), "thai_sara_am", {"fix": fixed})
    return None


def _dedupe(marks: str) -> str:
    """Return marks with each repeated mark written once."""
    return "".join(mark for position, mark in enumerate(marks) if position == 0 or marks[position - 1] != mark)


def _in_order(marks: str) -> str:
    """Return marks in the order Thai types them: the vowel above or below, then the rest."""
    return "".join(sorted(marks, key=lambda mark: mark not in ABOVE_BELOW_VOWELS))


def _word(text: str, index: int, length: int, replacement: str) -> str:
    """Return the word around index once text[index:index + length] is replaced, to show what to write."""
    fixed = text[:index] + replacement + text[index + length :]
    start = 0
    for word in word_tokenize(fixed, keep_whitespace=True):
        if start <= index < start + len(word):
            return word
        start += len(word)
    return replacement


# More combining marks than this on one letter print as a tower over the line above: no
# language mou prints needs more (Vietnamese ệ has two, and is one character besides).
MOST_MARKS_ON_A_LETTER = 2


def stray_marks(text: str) -> list[Finding]:
    """Find combining marks that are not Thai on a Thai letter, on nothing, or stacked more than two deep."""
    findings = []
    index = 0
    while index < len(text):
        end = index + 1
        while end < len(text) and _foreign_mark(text[end]):
            end += 1
        marks = text[index + 1 : end]
        base = text[index]
        if _foreign_mark(base):  # a mark at the start of the text, or after a mark refused already
            findings.append(Finding(index, "mark_without_letter", char_values(base)))
        elif marks and ord(base) in THAI_BLOCK:
            findings.append(Finding(index + 1, "foreign_mark_on_thai", char_values(marks[0]) | {"letter": base}))
        elif marks and base.isspace():
            findings.append(Finding(index + 1, "mark_without_letter", char_values(marks[0])))
        elif len(marks) > MOST_MARKS_ON_A_LETTER:
            values = char_values(marks[MOST_MARKS_ON_A_LETTER]) | {"letter": base, "count": str(len(marks))}
            findings.append(Finding(index + 1 + MOST_MARKS_ON_A_LETTER, "stacked_marks", values))
        index = end
    return findings


def _foreign_mark(char: str) -> bool:
    """Tell whether a character is a combining mark from outside the Thai block (an accent, a macron)."""
    return unicodedata.category(char) in ("Mn", "Me") and ord(char) not in THAI_BLOCK
