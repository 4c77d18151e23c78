"""Glyph codes every PDF reader reads back exactly: one code per (glyph, text, advance).

A font's ToUnicode map gives each character code one text, and readers that ignore
/ActualText (pdf.js, pdfminer.six) read text from it alone. WeasyPrint writes a glyph's id as
its code, so a glyph that stands for different text in different places (sara aa, in `า` and
in `ำ`) reads wrong in one of them, and a glyph that stands for no text of its own (the
nikhahit of `ำ`) reads as a stray character. Readers also take a gap between two glyphs
wider than about a tenth of an em for a space, so justification written as gaps reads as a
space between every letter; and pdfminer starts a new line at two zero-width glyphs in a
row (a vowel and a tone mark above it).

So a glyph is drawn with an alias code where needed: a code of its own that maps to the
glyph (CIDToGIDMap), to the text it stands for here (ToUnicode), and to an advance (W) that
holds most of the gap after it. A glyph that stands for no text gets a code that is itself
an invisible format character, which pdf.js drops where it finds no mapping. What is drawn
does not move: every change of advance is taken back by the number that follows the glyph.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

# Codes for glyphs that stand for no text: each is an invisible format character (Cf), which
# pdf.js falls back to (and drops) for a code whose ToUnicode text is empty.
EMPTY_CODES = (*range(0x200B, 0x2010), *range(0x2060, 0x2065), *range(0x2066, 0x2070))
# The first code for a glyph with other text or another advance (above every format code).
FIRST_ALIAS = 0x2070
LAST_ALIAS = 0xFFFF
# A font whose glyph ids reach the alias codes keeps WeasyPrint's codes.
MAX_GLYPHS = EMPTY_CODES[0]
# Of two zero-width glyphs drawn one after the other (a vowel below and a tone mark), one is
# given an advance that reaches toward the other, plus this much (thousandths of an em), so that
# pdfminer keeps the two on one line. No more: pdf.js advances a mark by nothing whatever its
# width, so each one puts pdf.js's idea of where the text is that much behind, until the
# next text box.
MARK_REACH = 2
# The advance (thousandths of an em) given to a text box's last glyph when it has none (a
# mark ending the box, as in กุมภาพันธ์). pdfium takes a glyph of no advance for as wide as its
# ink, which for a mark lies left of where the next glyph starts: the gap after the box (a
# space WeasyPrint does not draw, between two inline boxes) then reads as none. Any advance
# makes pdfium measure from the glyph's origin; this one is taken back by the number after it.
BOX_END_ADVANCE = 1
# A move to the right after a glyph is taken into the glyph's advance in steps of this much
# (thousandths of an em); what is left is below the step, far below the tenth of an em
# readers take for a space.
ADVANCE_STEP = 40

# The widest gap (thousandths of an em) left after a mark of no advance: pdfminer reads a gap
# over a tenth of an em as a space. A wider gap, or any gap after a mark with an advance, goes
# into the mark's advance (pdf.js, which does not advance by it, is caught up at the box's end).
MARK_GAP = 90
# pdfium reads a gap inside a TJ as a space from a fraction of the next glyph's advance: half
# of it under 300 thousandths of an em, a quarter under 500, a fifth under 700, else a sixth
# (CPDF_TextPage's NormalizeThreshold); so a gap of 88 before sara e (350) reads as a space.
# The gap left after a mark stays this much (thousandths of an em) under that.
PDFIUM_GAP_MARGIN = 2

_TOKEN = re.compile(r"<([0-9a-fA-F]*)>|(-?[0-9.]+)")


@dataclass
class Codes:
    """The alias codes of one font: what each stands for, and the next free ones."""

    by_key: dict[tuple[int, str, int], int] = field(default_factory=dict)  # (glyph, text, advance) -> code
    glyphs: dict[int, int] = field(default_factory=dict)  # code -> glyph id
    next_alias: int = FIRST_ALIAS
    empty_used: int = 0


@dataclass(slots=True)
class Glyph:
    """A glyph as drawn in a TJ array: its id, and the move after it (thousandths of an em, + is left)."""

    glyph: int
    move: float = 0.0


def parse_tj(text: str) -> tuple[float, list[Glyph]] | None:
    """Split WeasyPrint's TJ array text into the move before the first glyph and its glyphs; None if not 4-digit glyphs."""
    lead = 0.0
    glyphs: list[Glyph] = []
    for hexes, number in _TOKEN.findall(text):  # a group that did not take part is ""
        if number:
            if glyphs:
                glyphs[-1].move += float(number)
            else:
                lead += float(number)
        elif len(hexes) == 4:  # WeasyPrint writes most glyphs one to a <>
            glyphs.append(Glyph(int(hexes, 16)))
        elif hexes:
            if len(hexes) % 4:
                return None
            glyphs += [Glyph(int(hexes[i : i + 4], 16)) for i in range(0, len(hexes), 4)]
    if _TOKEN.sub("", text).strip():
        return None
    return lead, glyphs


def format_tj(lead: float, codes: list[tuple[int, float]]) -> str:
    """Write a TJ array's text: the move before the first code, then each code and the move after it."""
    parts = [number(lead)] if lead else []
    run = ""
    for code, move in codes:
        run += f"{code:04x}"
        if move:
            parts.append(f"<{run}>{number(move)}")
            run = ""
    if run:
        parts.append(f"<{run}>")
    return "".join(parts)


def number(value: float) -> str:
    """Write a move as WeasyPrint does, without a needless fraction."""
    return str(int(value)) if value == int(value) else repr(round(value, 6))


def alias(codes: Codes, glyph: int, text: str, advance: int, mapped: str | None, own_advance: int) -> int:
    """Return the code to draw a glyph with, for the text it stands for and its advance (a new alias if needed)."""
    if text and text == mapped and advance == own_advance:
        return glyph
    key = (glyph, text, advance)
    if key in codes.by_key:
        return codes.by_key[key]
    if not text:
        if codes.empty_used == len(EMPTY_CODES):
            return glyph
        code = EMPTY_CODES[codes.empty_used]
        codes.empty_used += 1
    else:
        if codes.next_alias > LAST_ALIAS:
            return glyph
        code = codes.next_alias
        codes.next_alias += 1
    codes.by_key[key] = code
    codes.glyphs[code] = glyph
    return code


def pdfium_space_gap(next_advance: int) -> float:
    """Return the gap (thousandths of an em) before a glyph of this advance that pdfium reads as a space, inside a TJ."""
    for limit, share in ((300, 2), (500, 4), (700, 5)):
        if next_advance < limit:
            return next_advance / share
    return next_advance / 6


def widest_mark_gap(next_advance: int | None) -> float:
    """Return the widest gap (thousandths of an em) left after a mark of no advance, before a glyph of this advance in its TJ."""
    if next_advance is None or next_advance <= 0:
        return MARK_GAP  # the end of the TJ, or a mark after it: pdfium reads no space there
    return min(MARK_GAP, pdfium_space_gap(next_advance) - PDFIUM_GAP_MARGIN)


def advance_for(own_advance: int, move: float, reach: float | None, letter: bool, widest_gap: float = MARK_GAP) -> int:
    """Return the advance a glyph is drawn with: enough that readers see no gap after it.

    reach: for a zero-width glyph next to another, how far apart they are drawn (thousandths
    of an em); it gets an advance that spans that. A right move after a letter is taken into
    its advance by steps. A mark (letter False) takes in the whole gap after it where it has
    an advance or the gap is wider than widest_gap (widest_mark_gap: what neither pdfminer nor
    pdfium reads as a space); otherwise none, as pdf.js advances a mark by nothing whatever
    its width.
    """
    advance = own_advance or (int(reach) + MARK_REACH if reach is not None else 0)
    rightward = -move - (advance - own_advance)
    if letter and rightward >= ADVANCE_STEP:
        advance += int(rightward // ADVANCE_STEP) * ADVANCE_STEP
    elif not letter and rightward > 0 and (advance or rightward > widest_gap):
        # All of it: pdfium reads a space after a mark whose advance is less than twice the
        # gap after it (a mark of no advance it measures by its ink, so a small gap is safe).
        advance += math.ceil(rightward)
    return advance


def cid_to_gid_map(glyphs: dict[int, int], used: set[int]) -> bytes:
    """Return a CIDToGIDMap stream's bytes: every used code maps to itself, every alias to its glyph, the rest to 0."""
    last = max([*glyphs, *used])
    table = bytearray(2 * (last + 1))
    for code in used:
        table[2 * code : 2 * code + 2] = code.to_bytes(2, "big")
    for code, glyph in glyphs.items():
        table[2 * code : 2 * code + 2] = glyph.to_bytes(2, "big")
    return bytes(table)
