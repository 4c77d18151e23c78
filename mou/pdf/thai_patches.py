"""The WeasyPrint patches Thai correctness needs: each stands in for an upstream bug or missing feature.

| patch | what it fixes | upstream (docs/upstream/) |
|---|---|---|
| set_text | Pango may break Thai only where mou marked a word boundary (language/breaks.py), through its allow-breaks attribute | THAI_BREAKS |
| justify_line, reactivate | Thai distributed justification: a full line's slack spread between its character clusters | THAI_JUSTIFY |
| justify_line, reactivate | English justification: no word gap past twice a space, nor one drawn without a space glyph closed up; what is left is spread a little between letters, and a line that still cannot be filled stays short | THAI_JUSTIFY |
| iter_line_boxes, avoid_collisions | fewer short lines: a justified Thai paragraph whose line cannot be filled is broken again a line or two earlier, or later with its clusters closed up a little; a line nothing fills within the cap may be loose | THAI_JUSTIFY |
| text_align | a Thai line laid a little wider than its box (by the rebreak) is justified too: its clusters close up | THAI_JUSTIFY |
| split_first_line | a text that overflows only by its trailing spaces fits its line | TRAILING_SPACE |
| find_earlier_page_break | a table row marked to keep its end with what follows (the side-by-side closing row) may split between its lines, so its last lines go to the next page with what is kept with it, rather than the whole row | ROW_SPLIT |
| draw_first_line, subset, _build_vector_font_dictionary | each glyph is drawn with a code whose ToUnicode text and advance make every reader (pdf.js and pdfminer too, which ignore /ActualText) read the text exactly: sara am, and no false spaces in justified lines (glyph_codes.py) | SARA_AM |

They fail closed. install() first checks, before it takes hold of any WeasyPrint function,
that WeasyPrint's version is in the tested range and that the source of every function a
patch wraps, calls into or re-derives is the source it was tested with; anything else
stops the build with a message naming the tested range, because a Thai document rendered
without these patches, or with patches that no longer fit, would copy, break or justify
wrongly without a word.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import inspect
import itertools
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pydyf
import weasyprint
from weasyprint.draw import text as weasy_draw_text
from weasyprint.formatting_structure import boxes
from weasyprint.layout import block as weasy_block
from weasyprint.layout import inline as weasy_inline
from weasyprint.layout.percent import resolve_one_percentage, resolve_percentages
from weasyprint.pdf import fonts as weasy_fonts
from weasyprint.text import line_break
from weasyprint.text.ffi import ffi, pango

from mou.core.errors import RenderError
from mou.core.messages import say
from mou.language.breaks import INVISIBLE, ZWSP, no_break_ranges
from mou.pdf import glyph_codes
from mou.pdf.declarations import declare
from mou.pdf.source_guard import remembered_digest

# The upstream reports these patches stand in for (docs/upstream/).
SARA_AM = "docs/upstream/weasyprint-sara-am-tounicode.md"
THAI_BREAKS = "docs/upstream/weasyprint-thai-line-break-control.md"
THAI_JUSTIFY = "docs/upstream/weasyprint-thai-inter-character-justification.md"
TRAILING_SPACE = "docs/upstream/weasyprint-trailing-space-overflow.md"
ROW_SPLIT = "docs/upstream/weasyprint-row-split-before-avoided-break.md"
# The WeasyPrint releases the patches are tested with (pyproject.toml's range is no wider).
TESTED_RANGE = ">=70.0,<71"
TESTED_MAJOR = 70
# Largest spacing Thai justification adds between clusters: 0.2 em, five sixths of a
# Sarabun space (0.24 em, 3.8 pt at 16 pt), so even the gap at a space, which gets the
# same share, stays under twice a space.
MAX_CLUSTER_SPACING_EM = 0.2
# A line that cap leaves short may spread its letters further, to this, where that fills it: a
# loose line, which the rebreak and the search avoid as they avoid a short one, but which reads
# better than a line left short. Its gaps at spaces stay at the cap, under twice a space. (At
# 0.3 em words fell apart: `( ๖ ) อ ง ค์ ก า ร`.)
MAX_LOOSE_SPACING_EM = 0.25
# What a line costs its paragraph when the rebreak and the search weigh ways to break it: a
# short line as much as two loose ones, so two loose lines may stand for one short line, but
# never a run of three.
SHORT_DEMERITS = 2
LOOSE_DEMERITS = 1
# Largest spacing English justification adds between letters, when its word gaps have
# reached twice a space: small enough that words still read as words (and that PDF readers
# do not take it for a space), large enough to fill most loose lines of a narrow column.
MAX_LETTER_SPACING_EM = 0.05
# The same on a line that holds a single word, with no gap to widen: a piece of an e-mail address
# or a URL in the side-by-side column (`digital-skills-development-`) takes up to this to end flush.
MAX_SINGLE_WORD_SPACING_EM = 0.1
# Largest spacing it takes away between clusters, so a line before a unit kept whole can hold
# one more word (the rebreak lays such a line wider, WIDER_SHARE of its width at most): a
# fiftieth of an em is less than any Sarabun glyph's side bearings, so glyphs never touch.
MAX_CLUSTER_SHRINK_EM = 0.02
# (Wider, closing up near that cap, pdfium reads a raised tone mark out of place and takes
# the closed-up gaps for spaces: a 5% trial filled one more line of the corpus and cost that.)
WIDER_SHARE = 0.03
# A Thai line the trials at WIDER_SHARE leave short gets one more try, laid this much wider: a
# last resort, so a line closes up past WIDER_SHARE only where it would otherwise stay short.
LAST_RESORT_SHARE = 0.032
# An English line the trials at WIDER_SHARE leave short is laid wider still, in turn: so the
# hyphenated first part of the next word (`Under‐`, which needs 8.6 pt in the 218 pt column)
# can reach it. What it closes up stays within MAX_SPACE_SHRINK and MAX_CLUSTER_SHRINK_EM
# (close_up_english), so a wider trial only offers more ways to break, never a tighter line.
ENGLISH_WIDER_SHARES = (0.05, 0.08)
# Only in a paragraph narrower than this: the side-by-side edition's column is 14 em wide, the
# English edition's text 28 em, whose lines hold enough words to be filled at WIDER_SHARE
# (laid wider there too, three-hundred-villages' lines closed up until pdfium and pdftotext
# read ten of them wrong).
NARROW_EM = 20
# Largest share of a space an English word gap gives up when the rebreak lays a line wider
# to take one more word (close_up_english); the rest closes between letters, as Thai's does.
# Only a space drawn as a glyph gives it up: a box of spaces only (between inline boxes, or left
# by a hyphenated word) is drawn as no glyph, and pdfium reads a space there only from a gap
# wider than its threshold, half the wider neighbour's advance, up to 0.2 em (`j` and `t`:
# 0.19 em); closed by a quarter (0.18 em), `bgzbhwxhcj tmvpiotg…` read `bgzbhwxhcjtmvpiotg…`.
# Such a gap closes by the letter before it only (MAX_CLUSTER_SHRINK_EM): 0.21 em at least.
MAX_SPACE_SHRINK = 0.25
# A run with no space that may break inside (an e-mail address, a URL: breakable_runs marks
# its breaks): its pieces are long and few, and a column line ending before one of them
# stayed 11-19 pt short, as far as word gaps and letter spacing go.
_BROKEN_RUN = re.compile(f"[^\\s{ZWSP}]{ZWSP}[^\\s{ZWSP}]")
THAI = re.compile("[\u0e00-\u0e7f]")
_AM = "\u0e33"  # sara am
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# Characters that never start a cluster of their own: a space (its gap grows once, after
# it), sara am (ำ, which HarfBuzz and Pango treat as a cluster: spacing would part it from
# its consonant); marks and invisible format characters (ZWSP, WORD JOINER) neither.
_NOT_STARTS = frozenset(" \u00a0\u0e33")
_SPACES = frozenset(" \u00a0")
# How far (thousandths of an em) left of the next letter's start a raised mark is drawn at most,
# where the clusters are closed up: enough that pdfium, which orders text objects by where
# they start, never takes the mark for later text (_raised_in_order).
RAISED_LEAD = 1
# The attribute of a table row that may split between its lines where a break after it is
# avoided (find_earlier_page_break): the side-by-side edition's closing row, whose last lines go
# to the next page with the signatures kept with it. (An attribute, not a class: the DOCX
# writer knows its rows by their class.)
KEEPS_END_WITH_NEXT = "data-keeps-end-with-next"
# A justified line ending closer than this to the margin (px) counts as flush.
FLUSH_TOLERANCE = 1.0
# What a glyph's text reads as: the joiners and zero-width spaces that keep units whole are
# layout, not text; a no-break space a record holds (no break here) reads as the space it is. poppler and pdf.js read U+00A0 as a plain space whatever the map says,
# pdfium and pdfminer as U+00A0: mapped to U+0020, every reader gets the same text, and a search
# typed with an ordinary space finds it.
_AS_READ: dict[int, str | None] = {
    **{ord(char): None for char in INVISIBLE},
    ord("\u00a0"): " ",
}


@dataclass(frozen=True)
class Target:
    """A WeasyPrint function a patch replaces or relies on: where it lives and the source it was tested with."""

    owner: Any  # the module or class holding it
    name: str
    sources: frozenset[str]  # SHA-256 of inspect.getsource() in each tested release
    replaced: bool = True  # False: called or re-derived by a patch, left in place


# SHA-256 of the source of each function a patch replaces, calls into or re-derives, in each
# tested release: a release whose functions read the same behaves the same under the patches.
TESTED_SOURCES = {
    "set_text": {"70.0": "fe23ca9937dbf5205bda422f9c01103f301ef2c511228842632ea86e853274f7"},
    "justify_line": {"70.0": "f83b21ff8793ba6b6dfc5fe8e10e4ab6cd6e02b17de02da97200902166148a81"},
    "reactivate": {"70.0": "0b89ee097104b71376c179f48a98858708b07169dc0212c393263a1a831607c9"},
    "iter_line_boxes": {"70.0": "04aec48abfcad809bc94c54eeba0e23a389e824cec85fe67bc1b21412d29dc3a"},
    "avoid_collisions": {"70.0": "5fc7793c573af328ffa88757d08f1641b19832805a1e48aa8b8204530c477e5d"},
    "split_first_line": {"70.0": "39ad1016863ca34de0bea4c9fcffb46da7e27813c87dd82b7011bfa19fe5504f"},
    "get_next_linebox": {"70.0": "67af458c2545e74f0803072103c6c5d392d5e353dfdaa4f5bac5a96e20ed024d"},
    "handle_leader": {"70.0": "e4bf5941eb946d0b2029b21c3613f384d6157edb01d98add8d3bfa120ac3e571"},
    "setup": {"70.0": "fb227a55094f41d42fbd57f180d8b7a9a1e741969ec8ddb3fd5cd80920257442"},
    "count_expandable_spaces": {"70.0": "175fe6f42576ed3842d240a5048b4816ed702e8f97d49389b5b528aee51476ad"},
    "add_word_spacing": {"70.0": "879516e71f1b80fa1833aee877e1a34c851248c5fd871d6c855c58f07358d418"},
    "create_layout": {"70.0": "6587192cc0ab3ffad7bb1902654c7f26dd28910f760804bcf67cbf7b986660b0"},
    "text_align": {"70.0": "e953d41b87ccfc30405f83f6cc3c73918ef4638662794db4f834b1d788d6ed67"},
    "draw_first_line": {"70.0": "1bb8eae6d88e71b17096a034656f3be17da8f1f513c78536c1c38d971927638b"},
    "draw_text": {"70.0": "ebaf96239c6ca3635d2b91bfb34718c2dcebd7809fec1c53fb8dffd1366befe3"},
    "subset": {"70.0": "61ed6bc2e9a7e43a7ad4c50e4bd61a0c5b6db06069754e66c6e328f4a97a6311"},
    "_build_vector_font_dictionary": {"70.0": "aa6eea312c6e3375689f3405d48c5059525038a8d73d2f63bf3476de6dc05903"},
    "build_fonts_dictionary": {"70.0": "fc551bef35d0d6c3d288f686fd21b5ea8c1efadb8f2f3b4d379cfa6045c02230"},
    "find_earlier_page_break": {"70.0": "c2bbdcdfdf408cbc3071fe769f11118e4913e887315f231287845b63a6ea72f1"},
}


def _targets() -> dict[str, Target]:
    """Return every function the patches replace or rely on, by the name the patches use."""
    places: dict[str, tuple[Any, bool]] = {
        "set_text": (line_break.Layout, True),
        "justify_line": (weasy_inline, True),
        "reactivate": (line_break.Layout, True),
        "iter_line_boxes": (weasy_block, True),
        "avoid_collisions": (weasy_inline, True),
        "split_first_line": (weasy_inline, True),
        "get_next_linebox": (weasy_inline, False),
        "handle_leader": (weasy_inline, False),
        "setup": (line_break.Layout, False),
        "count_expandable_spaces": (weasy_inline, False),
        "add_word_spacing": (weasy_inline, False),
        "create_layout": (line_break, False),
        "text_align": (weasy_inline, True),
        "draw_first_line": (weasy_draw_text, True),
        "draw_text": (weasy_draw_text, False),
        "subset": (weasy_fonts.Font, True),
        "_build_vector_font_dictionary": (weasy_fonts, True),
        "build_fonts_dictionary": (weasy_fonts, False),
        "find_earlier_page_break": (weasy_block, True),
    }
    return {
        name: Target(owner, name, frozenset(TESTED_SOURCES[name].values()), replaced)
        for name, (owner, replaced) in places.items()
    }


ORIGINAL: dict[str, Callable[..., Any]] = {}  # WeasyPrint's own functions, taken by install()
_SPACE_WIDTHS: dict[tuple, float] = {}  # a space's advance, by font family, size, weight and style
_narrower = 0.0  # how much narrower the next line is broken (while rebreaking a paragraph)
_laid_wider = False  # whether the line being laid out was broken wider than its box (to close up)


def source_digest(function: Callable[..., Any]) -> str:
    """Return the SHA-256 of a function's source, as the guard compares it (remembered by its file: source_guard.py)."""
    return remembered_digest(function, lambda: hashlib.sha256(inspect.getsource(function).encode()).hexdigest())


def mismatches() -> list[str]:
    """Return what differs from the tested WeasyPrint: its version, or functions whose source changed."""
    major = weasyprint.__version__.split(".")[0]
    if not major.isdigit() or int(major) != TESTED_MAJOR:
        return [f"version {weasyprint.__version__}"]
    found = []
    for name, target in _targets().items():
        function = ORIGINAL.get(name) or getattr(target.owner, target.name, None)
        if function is None or source_digest(function) not in target.sources:
            found.append(name)
    return found


def check() -> None:
    """Refuse a WeasyPrint whose internals differ from the tested ones (before anything is patched)."""
    differing = mismatches()
    if differing:
        raise RenderError(
            say(
                "weasyprint_untested",
                version=weasyprint.__version__,
                tested=TESTED_RANGE,
                functions=", ".join(differing),
            )
        )


def install() -> None:
    """Check WeasyPrint, then put the Thai patches in place (once per process)."""
    if ORIGINAL:
        return
    check()
    declare(  # ffi.cdef(), what it leaves read back from the cache folder
        ffi,
        "PangoAttribute * pango_attr_allow_breaks_new (gboolean allow_breaks);\n"
        "PangoAttrList * pango_attr_list_copy (PangoAttrList *list);",
    )
    replacements: dict[str, Callable[..., Any]] = {
        "set_text": set_text,
        "justify_line": justify_line,
        "reactivate": reactivate,
        "iter_line_boxes": iter_line_boxes,
        "avoid_collisions": avoid_collisions,
        "split_first_line": fitted_first_line,
        "text_align": text_align,
        "draw_first_line": draw_first_line,
        "subset": subset,
        "_build_vector_font_dictionary": build_vector_font_dictionary,
        "find_earlier_page_break": find_earlier_page_break,
    }
    targets = _targets()
    for name, target in targets.items():
        ORIGINAL[name] = getattr(target.owner, target.name)
    for name, replacement in replacements.items():
        setattr(targets[name].owner, name, replacement)


def line_text(box: Any) -> str:
    """Return the text a line box shows, as a reader would copy it."""
    if isinstance(box, boxes.TextBox):
        return box.text
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return "".join(line_text(child) for child in box.children)
    return ""


def draw_first_line(stream: Any, textbox: Any, text_overflow: str, block_ellipsis: str, matrix: Any) -> list:
    """Draw a text box's line like WeasyPrint, then give its glyphs the codes every reader reads exactly."""
    start, current = len(stream.stream), stream._current_font  # WeasyPrint writes Tf only when the font changes
    pending, stream.mou_pending = getattr(stream, "mou_pending", None), None
    if pending is not None and _continues(pending.textbox, textbox):
        stream.stream[pending.start : pending.end] = pending.reached()
    elif pending is not None and pending.spaced is not None and _space_follows(pending.textbox, textbox):
        stream.stream[pending.start : pending.end] = pending.drawn(pending.spaced)
    emojis = ORIGINAL["draw_first_line"](stream, textbox, text_overflow, block_ellipsis, matrix)
    if text_overflow == "clip" and block_ellipsis == "none":
        planned = _glyph_texts(textbox)
        if planned is not None:
            fonts = {font.hash: font for font in stream._fonts.values()}
            recoded = _recoded(stream.stream[start:], planned, fonts, current)
            if recoded is not None:
                stream.stream[start:], end_reach = recoded
                if end_reach is not None:
                    end_reach.textbox, end_reach.start, end_reach.end = textbox, start, len(stream.stream)
                    stream.mou_pending = end_reach
    return emojis


def _space_follows(previous: Any, textbox: Any) -> bool:
    """Say whether a text box of spaces only (WeasyPrint draws none) follows the previous one straight on its line."""
    if textbox.text.strip() or not previous.text:
        return False
    same_line = abs((previous.position_y + previous.baseline) - (textbox.position_y + textbox.baseline)) < 0.5
    return same_line and abs(textbox.position_x - (previous.position_x + previous.width)) < 1


def _continues(previous: Any, textbox: Any) -> bool:
    """Say whether a text box goes on from the previous one on its line with no space between (a letter, not a space)."""
    text = textbox.text
    if not text or text[0].isspace() or not previous.text:
        return False
    same_line = abs((previous.position_y + previous.baseline) - (textbox.position_y + textbox.baseline)) < 0.5
    end = previous.position_x + previous.width
    return same_line and -1 < textbox.position_x - end < textbox.style["font_size"] / 2


def _glyph_texts(textbox: Any) -> list[tuple[int, str]] | None:
    """Return each glyph WeasyPrint drew for a box (in order) with the text it stands for; None where it cannot say.

    As WeasyPrint does, the last glyph of a cluster stands for the cluster's text and the
    others for none (the nikhahit of sara am). Right-to-left text and glyphs missing from
    the font are left as WeasyPrint draws them.
    """
    line = pango.pango_layout_get_line_readonly(textbox.pango_layout.layout, 0)
    data = textbox.pango_layout.text.encode()
    planned: list[tuple[int, str]] = []
    run = line.runs
    while run != ffi.NULL:
        item, string = run.data.item, run.data.glyphs
        run = run.next
        if item.analysis.level % 2:
            return None
        clusters = string.log_clusters
        for i in range(string.num_glyphs):
            glyph = string.glyphs[i].glyph
            if glyph == pango.PANGO_GLYPH_EMPTY:
                continue
            if glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                return None
            end = item.length if i == string.num_glyphs - 1 else clusters[i + 1]
            text = data[item.offset + clusters[i] : item.offset + end].decode().translate(_AS_READ)
            if len(text) > 1 and text.endswith(_AM) and i and clusters[i - 1] == clusters[i] and planned[-1][1] == "":
                # A tone mark and sara am (น้ำ): the glyph before the aa (tone mark and nikhahit
                # in one) stands for the tone mark and the aa for sara am, so that each reads
                # as a mark or a letter should.
                planned[-1] = (planned[-1][0], text[:-1])
                text = _AM
            planned.append((glyph, text))
    return planned


def _recoded(
    drawn: list, planned: list[tuple[int, str]], fonts: dict[str, Any], current: Any
) -> tuple[list, _EndReach | None] | None:
    """Return the drawing operators with each glyph's code replaced, and the end reach if any; None if they do not match the glyphs planned."""
    if not drawn or not bytes(drawn[0]).endswith(b" Tm"):
        return None
    font, size = (fonts.get(current[0]), float(current[1])) if current else (None, 0.0)
    shown = _parsed_runs(drawn, fonts, font, size)
    if shown is None:
        return None
    drawn_glyphs = [(item.font, glyph) for item in shown if isinstance(item, _Run) for glyph in item.glyphs]
    if [glyph.glyph for _, glyph in drawn_glyphs] != [glyph for glyph, _ in planned]:
        return None
    if any(glyph.glyph not in font.widths for font, glyph in drawn_glyphs):
        return None
    _raised_in_order(shown)
    reaches = _reaches(drawn_glyphs)
    texts = [text for _, text in planned]
    coded: list[tuple[_Run, list[tuple[int, float, str]]]] = []
    index = 0
    for item in shown:
        if not isinstance(item, _Run):
            continue
        codes = getattr(item.font, "mou_codes", None)
        if codes is None:
            codes = item.font.mou_codes = glyph_codes.Codes()
        # Each glyph's advance, from the run's end: the gap a mark may keep depends on the next one's.
        advances: list[int] = []
        following: int | None = None  # the TJ's last glyph has none after it
        for number in reversed(range(len(item.glyphs))):
            at = index + number
            following = _advance(item.font, item.glyphs[number], texts[at], reaches.get(at), following)
            advances.append(following)
        advances.reverse()
        written = [
            _coded(item.font, codes, glyph, texts[index + number], advance)
            for number, (glyph, advance) in enumerate(zip(item.glyphs, advances))
        ]
        index += len(item.glyphs)
        coded.append((item, written))
    shows = iter(coded)
    out: list = []
    for item in shown:
        out.extend(_show(*next(shows)) if isinstance(item, _Run) else [item])
    return out, _box_end(coded, shown)


def _raised_in_order(shown: list) -> None:
    """Draw a raised mark no further right than the text after it starts, so that pdfium reads it in its place.

    WeasyPrint draws a mark raised or lowered by its font (text rise) in a TJ of its own, which
    pdfium takes as a text object of its own; pdfium orders a line's objects by where each
    starts. A mark has no advance and is drawn at its cluster's end, so where the clusters
    are closed up (justification) the next letter starts left of it: pdfium puts the mark at
    the end of the line (`ซึงต่อไป…`, the mark last). Such a mark is drawn that much further left (and
    RAISED_LEAD more), a fraction of a point: the gap before it grows, the gap after it
    shrinks, and nothing else moves.
    """
    runs = [(number, item) for number, item in enumerate(shown) if isinstance(item, _Run)]
    for place in range(1, len(runs) - 1):
        number, run = runs[place]
        before = runs[place - 1][1]
        operator = shown[number - 1]
        raw = operator if isinstance(operator, bytes) else str(operator).encode()
        if not raw.endswith(b" Ts") or not float(raw[:-3]) or not run.glyphs or not before.glyphs or not run.size:
            continue
        net = sum(run.font.widths[glyph.glyph] - glyph.move for glyph in run.glyphs)
        if net >= 0 or not before.size:
            continue
        shift = RAISED_LEAD - net  # thousandths of an em at the run's size
        before.glyphs[-1].move += shift * run.size / before.size
        run.glyphs[-1].move -= shift


@dataclass
class _EndReach:
    """A box's last letter given an advance that reaches the box's end; drawn so if the next box goes straight on."""

    coded: list[tuple[Any, list[tuple[int, float, str]]]]
    shown: list
    textbox: Any = None
    start: int = 0
    end: int = 0
    # The codes with the box's last mark advanced only, drawn if a space WeasyPrint does not draw follows.
    spaced: list[tuple[Any, list[tuple[int, float, str]]]] | None = None

    def reached(self) -> list:
        """Return the box's operators with the last letter's longer advance."""
        return self.drawn(self.coded)

    def drawn(self, coded: list[tuple[Any, list[tuple[int, float, str]]]]) -> list:
        """Return the box's operators drawn with these codes."""
        shows = iter(coded)
        return [op for item in self.shown for op in (_show(*next(shows)) if isinstance(item, _Run) else [item])]


def _reach_the_end(coded: list[tuple[_Run, list[tuple[int, float, str]]]], shown: list) -> _EndReach | None:
    """Give a box's last letter an advance that reaches the box's end as pdf.js reckons it.

    pdf.js advances a mark (and a glyph standing for no text) by nothing, so where marks
    were given advances it falls behind until the next text box on the line, and it reads
    the gap it sees there (a mark's advance, the gap after a last mark) as a space: `(ถ้ามี )`.
    pdf.js measures that gap from the end of the last glyph it advances by, before the
    number after it; so that glyph's advance is made to reach the box's end and the number
    after it takes the difference back. Nothing drawn moves. Readers that advance by marks
    see the letter reach past the end by the marks' advances, so this is drawn only where
    the next box goes straight on (a space there would be swallowed): returned, not applied.
    """
    glyphs = [(run, written, i) for run, written in coded for i in range(len(written))]
    last = len(glyphs) - 1
    while last >= 0 and not _counted_by_pdfjs(glyphs[last][1][glyphs[last][2]][2]):
        last -= 1
    if last < 0 or glyphs[last][1][glyphs[last][2]][2].isspace():
        return None  # pdf.js reads a space at the end from the gap a space glyph leaves
    behind = 0.0  # points: how far the end is right of where pdf.js puts the last letter's end
    for number, (run, written, i) in enumerate(glyphs):
        code, move, text = written[i]
        if number < last:
            if not _counted_by_pdfjs(text):
                behind += run.font.widths[code] * run.size / 1000
        elif number == last:
            behind -= move * run.size / 1000
        else:
            behind += (run.font.widths[code] - move) * run.size / 1000
    run, written, i = glyphs[last]
    extra = math.floor(behind * 1000 / run.size) if run.size else 0
    if extra <= 0:
        return None
    code, move, text = written[i]
    glyph = run.glyphs[i].glyph
    new = _alias_with_advance(run.font, glyph, text, run.font.widths[code] + extra)
    if new is None:
        return None
    reached = [(r, list(w)) for r, w in coded]
    reached[next(k for k, (r, _) in enumerate(coded) if r is run)][1][i] = (new, move + extra, text)
    return _EndReach(reached, shown)


def _box_end(coded: list[tuple[_Run, list[tuple[int, float, str]]]], shown: list) -> _EndReach | None:
    """Return how to draw a box if the next goes straight on along its line: its end reached, its last mark advanced."""
    reach = _reach_the_end(coded, shown)
    ended = _with_end_advance(reach.coded if reach is not None else coded)
    spaced = _with_end_advance(coded)
    if ended is None:
        return reach
    return _EndReach(ended, shown, spaced=spaced)


def _with_end_advance(
    coded: list[tuple[_Run, list[tuple[int, float, str]]]],
) -> list[tuple[_Run, list[tuple[int, float, str]]]] | None:
    """Return the codes with the box's last glyph, a mark of no advance, given the least one (BOX_END_ADVANCE); None if it is not.

    Only where another box follows on the line, and only after no move to the right: pdfium
    then reads the mark as a word of its own (`ไม ่`, `วงศ์ใหญ ่)`).
    """
    if not coded or not coded[-1][1]:
        return None
    run, written = coded[-1]
    code, move, text = written[-1]
    glyph = run.glyphs[-1].glyph
    if not text or text.isspace() or run.font.widths[code]:
        return None
    if len(written) < 2 or written[-2][1] < 0:
        # Drawn right of where the glyph before it ends: pdfium measures a gap before a glyph
        # against that glyph's advance, and would read this one as a space before the mark.
        return None
    new = _alias_with_advance(run.font, glyph, text, glyph_codes.BOX_END_ADVANCE)
    if new is None:
        return None
    ended = [(r, list(w)) for r, w in coded]
    ended[-1][1][-1] = (new, move + glyph_codes.BOX_END_ADVANCE, text)
    return ended


def _alias_with_advance(font: Any, glyph: int, text: str, advance: int) -> int | None:
    """Return a code of its own for a glyph standing for text with this advance, entered in the font; None if none is left."""
    new = glyph_codes.alias(font.mou_codes, glyph, text, advance, font.to_unicode.get(glyph), -1)
    if new == glyph:
        return None
    font.to_unicode[new] = text
    font.widths[new] = advance
    return new


def _counted_by_pdfjs(text: str) -> bool:
    """Say whether pdf.js advances by a glyph standing for this text (letters and spaces, not marks nor nothing)."""
    return bool(text) and (text.isspace() or _read_as_letter(text))


def _reaches(drawn: list[tuple[Any, glyph_codes.Glyph]]) -> dict[int, float]:
    """Return, for zero-width glyphs drawn one after another, how far the advance of one must reach to span the other.

    Two marks on one consonant (a vowel below and a tone mark) are drawn a little apart;
    with no width, pdfminer puts them on two lines and pdfium may read a space between them.
    """
    reaches = {}
    for index in range(len(drawn) - 1):
        (font, glyph), (next_font, following) = drawn[index], drawn[index + 1]
        if font is not next_font or font.widths[glyph.glyph] or next_font.widths[following.glyph]:
            continue
        # How far right of this glyph the next is drawn (thousandths of an em). When the next
        # is to the right, this one reaches it. When it is to the left (a tone mark moved clear
        # of a tall consonant, as in ปั้น), the next gets a third of the way: pdfminer joins
        # boxes closer than twice the wider one's width, pdfium reads no space after a glyph
        # of no width (it takes it for as wide as its ink), and pdf.js falls behind by less.
        apart = -glyph.move
        if apart >= 0:
            reaches[index] = apart
        else:
            reaches[index + 1] = -apart / 3
    return reaches


@dataclass
class _Run:
    """One TJ operator's glyphs, in the font it is drawn with."""

    font: Any
    size: float  # the font size (Tf) it is drawn at
    lead: float
    glyphs: list[glyph_codes.Glyph]


def _parsed_runs(drawn: list, fonts: dict[str, Any], font: Any, size: float) -> list | None:
    """Return the operators with each TJ parsed into a _Run; None for anything but 4-digit glyph codes.

    WeasyPrint draws a raised mark in a TJ of its own between two text rise operators; the
    move after it then starts the next TJ. It is given back to the mark, as the move after
    it, so that the mark's advance can take it in. The line must start with its text matrix
    and move only by its glyphs (anything else: None).
    """
    out: list = []
    previous: _Run | None = None
    for number, operator in enumerate(drawn):
        raw = operator if isinstance(operator, bytes) else str(operator).encode()
        if raw.endswith(b" Tf"):
            name, size_text = raw[1:-3].split(b" ")
            font, size, previous = fonts.get(name.decode()), float(size_text), None
        if raw.endswith((b" Td", b" TD", b" T*", b"'", b'"')) or (raw.endswith(b" Tm") and number):
            return None
        if not raw.endswith(b"] TJ") or not raw.startswith(b"["):
            out.append(operator)
            if not raw.endswith(b" Ts"):
                previous = None
            continue
        parsed = glyph_codes.parse_tj(raw[1:-4].decode())
        if parsed is None or font is None or font.bitmap or font.glyph_count >= glyph_codes.MAX_GLYPHS:
            return None
        run = _Run(font, size, *parsed)
        if previous is not None and previous.glyphs and run.lead:
            previous.glyphs[-1].move += run.lead
            run.lead = 0.0
        out.append(run)
        previous = run
    return out


def _advance(font: Any, glyph: glyph_codes.Glyph, text: str, reach: float | None, following: int | None = None) -> int:
    """Return the advance a glyph is drawn with (glyph_codes.advance_for), given the advance of the glyph after it in its TJ."""
    letter = _read_as_letter(text)
    widest_gap = glyph_codes.MARK_GAP if letter else glyph_codes.widest_mark_gap(following)  # a mark's only
    return glyph_codes.advance_for(font.widths[glyph.glyph], glyph.move, reach, letter, widest_gap)


def _coded(
    font: Any, codes: glyph_codes.Codes, glyph: glyph_codes.Glyph, text: str, advance: int
) -> tuple[int, float, str]:
    """Return the code to draw a glyph with, the move after it (its new advance taken back) and its text.

    advance: the advance it is drawn with (_advance).
    """
    own = font.widths[glyph.glyph]
    code = glyph_codes.alias(codes, glyph.glyph, text, advance, font.to_unicode.get(glyph.glyph), own)
    if code == glyph.glyph:
        advance = own
    else:
        font.to_unicode[code] = text
        font.widths[code] = advance
    return code, glyph.move + advance - own, text


def _show(run: _Run, written: list[tuple[int, float, str]]) -> list[bytes]:
    """Return the operators that show a run's glyphs with their codes.

    A cluster led by a glyph that stands for no text gets its /ActualText: pdfium reads a code
    whose ToUnicode text is empty as the code itself (a stray format character). A span over
    that glyph and the one carrying its cluster's text reads right in pdfium, and its
    characters' boxes stay on the two glyphs. pdf.js and pdfminer ignore the span.
    """
    operators: list[bytes] = []
    lead, index = run.lead, 0
    codes: list[tuple[int, float]] = []

    def flush() -> None:
        nonlocal lead, codes
        if codes or lead:
            operators.append(_tj(lead, codes))
        lead, codes = 0.0, []

    while index < len(written):
        code, move, text = written[index]
        carrier = None if text else next((i for i in range(index + 1, len(written)) if written[i][2]), None)
        if carrier is None:
            codes.append((code, move))
            index += 1
            continue
        flush()
        cluster = written[index : carrier + 1]
        actual = pydyf.String(written[carrier][2]).data
        operators += [b"/Span <</ActualText " + actual + b">> BDC", _tj(0.0, [(c, m) for c, m, _ in cluster]), b"EMC"]
        index = carrier + 1
    flush()
    return operators


@functools.lru_cache(maxsize=1024)
def _read_as_letter(text: str) -> bool:
    """Say whether pdf.js advances by a glyph that stands for text: not for none, nor for text holding a mark."""
    return bool(text) and (text[0].isspace() or not any(unicodedata.category(c) == "Mn" for c in text))


def _tj(lead: float, codes: list[tuple[int, float]]) -> bytes:
    """Return a TJ operator showing the codes."""
    return b"[" + glyph_codes.format_tj(lead, codes).encode() + b"] TJ"


def subset(self: Any, to_unicode: dict, hinting: bool) -> None:
    """Subset a font like WeasyPrint, keeping its glyphs only: alias codes are not glyph ids."""
    if self.glyph_count < glyph_codes.MAX_GLYPHS:
        to_unicode = {code: text for code, text in to_unicode.items() if code < glyph_codes.MAX_GLYPHS}
    ORIGINAL["subset"](self, to_unicode, hinting)


def build_vector_font_dictionary(
    font_dictionary: Any, pdf: Any, font: Any, widths: dict, compress: bool, reference: Any, pdf_version: Any
) -> None:
    """Write a font's dictionaries like WeasyPrint; a font with alias codes gets the map from code to glyph."""
    ORIGINAL["_build_vector_font_dictionary"](font_dictionary, pdf, font, widths, compress, reference, pdf_version)
    codes = getattr(font, "mou_codes", None)
    if codes is None or not codes.glyphs:
        return
    used = {code for code in widths if code not in codes.glyphs}
    mapping = pydyf.Stream([glyph_codes.cid_to_gid_map(codes.glyphs, used)], compress=compress)
    pdf.add_object(mapping)
    number = int(bytes(font_dictionary["DescendantFonts"][0]).split()[0])
    pdf.objects[number]["CIDToGIDMap"] = mapping.reference


def set_text(self: Any, text: str, justify: bool = False) -> None:
    """Set a layout's text like WeasyPrint, then forbid Thai breaks mou did not mark."""
    ORIGINAL["set_text"](self, text, justify)
    current = self.text
    if not THAI.search(current):
        return
    attributes = pango.pango_layout_get_attributes(self.layout)
    if attributes == ffi.NULL:
        # A layout without attributes (most are new): a copy of the text's finished list, the
        # same as building it here, in one call.
        attributes = ffi.gc(pango.pango_attr_list_copy(_break_attributes(current)), pango.pango_attr_list_unref)
    else:
        _mark_breaks(attributes, current)
    pango.pango_layout_set_attributes(self.layout, attributes)


@functools.lru_cache(maxsize=2048)
def _break_attributes(text: str) -> Any:
    """Return a list of the text's allow-breaks attributes, only ever copied (never set on a layout)."""
    attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    _mark_breaks(attributes, text)
    return attributes


def _mark_breaks(attributes: Any, text: str) -> None:
    """Allow Pango to break the text only at mou's marks (thai_breaks.py), in an attribute list."""
    length, ranges = _pango_no_break_ranges(text)
    # Reset the whole text first: a layout is reused, and old ranges must not linger.
    _change(attributes, True, 0, length)
    for start, end in ranges:
        _change(attributes, False, start, end)


def justify_line(context: Any, line: Any, extra_width: float) -> None:
    """Justify a line as Word's Thai Distributed does when it holds Thai, else as WeasyPrint does.

    WeasyPrint stretches only spaces, which leaves spaceless Thai lines ragged and gives
    lines with one or two spaces huge gaps. For a line with Thai, the slack is spread as
    equal spacing between all character clusters of its text boxes, a space counting as
    one (marks and sara am stay on their consonants). The clusters are counted, not
    measured: the drawing hook (reactivate) adds exactly that spacing after each one.
    """
    line.mou_slack = extra_width  # rebreaking narrows a line by a little more, so its last word goes down
    texts = list(_text_boxes(line))
    thai = any(THAI.search(box.text) for box in texts)
    english_closing = extra_width < 0 and not thai and _laid_wider  # the rebreak's wider English line
    if (
        extra_width == 0
        or (extra_width < 0 and not thai and not english_closing)
        or any(_RTL.search(box.text) for box in texts)
    ):
        line.mou_overfull = extra_width < 0
        if extra_width > 0:
            ORIGINAL["justify_line"](context, line, extra_width)
        return
    gaps = _gaps_between_clusters(texts)
    if english_closing:
        close_up_english(context, line, extra_width, gaps)
        return
    if not thai:
        justify_english(context, line, extra_width, gaps)
        return
    total = sum(inside + after for inside, after in gaps.values())
    if total <= 0:
        line.mou_overfull = extra_width < 0
        if extra_width > 0:
            ORIGINAL["justify_line"](context, line, extra_width)
        return
    if extra_width < 0:
        # A line laid wider than its box by the rebreak: its clusters close up, or, if they
        # cannot close up that far, it is marked overfull (and the rebreak lays it otherwise).
        # The gap after a space drawn as no glyph stays whole, as on an English line
        # (close_up_english): pdfium reads that space only from the gap.
        kept = _undrawn_space_gaps(texts)
        closing = total - sum(kept.values())
        units = -math.ceil(-extra_width / closing * line_break.TO_UNITS) if closing > 0 else 0
        cap = MAX_CLUSTER_SHRINK_EM * line.style["font_size"] * line_break.TO_UNITS
        line.mou_overfull = closing <= 0 or -units > cap
        line.mou_short = 0.0
        if not line.mou_overfull:
            _spread(line, units, gaps, 0.0, 0, kept)
        return
    spread_thai(line, extra_width, gaps, _gaps_after_spaces(texts))


def spread_thai(line: Any, extra_width: float, gaps: dict[int, tuple[int, bool]], spaced: dict[int, int]) -> None:
    """Spread a Thai line's slack between its clusters, up to MAX_CLUSTER_SPACING_EM, or loose if that fills it.

    A very loose line (a long name pushed to the next line) would space its letters out so
    far that words fall apart; past the cap it stays short of the margin instead (the line
    breaking hook avoids such lines where the paragraph can break otherwise). Where spacing
    up to MAX_LOOSE_SPACING_EM between letters fills it, the line is loose instead: its gaps
    at spaces stay at the cap (under twice a space), its letters take the rest.
    """
    size = line.style["font_size"]
    total = sum(inside + after for inside, after in gaps.values())
    at_spaces = sum(spaced.values())
    cap = int(MAX_CLUSTER_SPACING_EM * size * line_break.TO_UNITS)
    units = space_units = min(int(extra_width / total * line_break.TO_UNITS), cap)
    line.mou_loose = False
    letters = total - at_spaces
    if units == cap and letters and extra_width - cap * total / line_break.TO_UNITS > FLUSH_TOLERANCE:
        # the letters' spacing that fills the line, and the most a loose line may take
        wanted = (extra_width - cap * at_spaces / line_break.TO_UNITS) / letters * line_break.TO_UNITS
        loosest = int(MAX_LOOSE_SPACING_EM * size * line_break.TO_UNITS)
        if wanted - loosest <= FLUSH_TOLERANCE / letters * line_break.TO_UNITS:
            units = min(int(wanted), loosest)
            line.mou_loose = units > cap
    line.mou_short = extra_width - (units * letters + space_units * at_spaces) / line_break.TO_UNITS
    if units > 0:
        _spread(line, units, gaps, 0.0, space_units, spaced)


def _gaps_after_spaces(texts: list[Any]) -> dict[int, int]:
    """Per text box: how many of its gaps (those of _gaps_between_clusters) follow a space."""
    spaced = {}
    for box, following in zip(texts, texts[1:] + [None]):
        after = bool(box.text and following and following.text and _starts_cluster(following.text[0]))
        spaced[id(box)] = _cluster_counts(box.text)[1][-1] + (after and _ends_spaced(box.text))
    return spaced


def _gaps_between_clusters(texts: list[Any]) -> dict[int, tuple[int, bool]]:
    """Per text box: the gaps inside its text, and whether one more follows (the next box starts a cluster)."""
    gaps = {}
    for box, following in zip(texts, texts[1:] + [None]):
        after = bool(box.text and following and following.text and _starts_cluster(following.text[0]))
        gaps[id(box)] = cluster_gaps(box.text), after
    return gaps


def justify_english(context: Any, line: Any, extra_width: float, gaps: dict[int, tuple[int, bool]]) -> None:
    """Justify a line without Thai at its spaces, never opening a word gap past twice a space.

    WeasyPrint gives all the slack to the spaces: a line with few of them before a long word
    gets gaps of five spaces and more. Here a space grows by at most one space. Past that,
    the rest is spread between letters, at most MAX_LETTER_SPACING_EM each, the gap at a
    space counting the spacing of the letter after it (so it stays at twice a space); a line
    that still cannot be filled stays short of the margin, as a line before a long word does.
    A line of a single word has no gap to keep: its letters may take MAX_SINGLE_WORD_SPACING_EM.
    """
    spaces = weasy_inline.count_expandable_spaces(line)
    space = _space_width(context, line.style)
    if spaces and extra_width <= spaces * space:
        ORIGINAL["justify_line"](context, line, extra_width)
        return
    letters = sum(inside + after for inside, after in gaps.values())
    between_letters = letters - spaces  # the letter after a space is counted with that space
    cap = (MAX_LETTER_SPACING_EM if spaces else MAX_SINGLE_WORD_SPACING_EM) * line.style["font_size"]
    spacing = min((extra_width - spaces * space) / between_letters, cap) if between_letters > 0 else 0.0
    units = int(spacing * line_break.TO_UNITS)
    spacing = units / line_break.TO_UNITS
    word_spacing = space - spacing  # a word gap: the space, this, and the next letter's spacing
    if spaces:
        ORIGINAL["justify_line"](context, line, word_spacing * spaces)
    line.mou_short = extra_width - word_spacing * spaces - spacing * letters
    if units > 0:
        _spread(line, units, gaps, 0.0)


def close_up_english(context: Any, line: Any, extra_width: float, gaps: dict[int, tuple[int, bool]]) -> None:
    """Close up an English line the rebreak laid wider than its box, or mark it overfull.

    Its word gaps drawn with a space glyph give up at most MAX_SPACE_SHRINK of a space, those
    drawn with none (a box of spaces only) nothing; what is left closes between letters, at
    most MAX_CLUSTER_SHRINK_EM each, as a Thai line does. A line that would need more is
    marked overfull, and the rebreak lays it otherwise.
    """
    texts = list(_text_boxes(line))
    spaces = sum(weasy_inline.count_expandable_spaces(box) for box in texts if _drawn(box))
    from_spaces = min(-extra_width, spaces * MAX_SPACE_SHRINK * _space_width(context, line.style))
    # The gaps after an undrawn space keep it whole; every other gap closes, a drawn space's
    # too: counting only the letters closed the line up by the spaces' share once more, and it
    # ended a point or so short of the margin.
    kept = _undrawn_space_gaps(texts)
    letters = sum(inside + after for inside, after in gaps.values()) - sum(kept.values())
    rest = -extra_width - from_spaces
    units = math.ceil(rest / letters * line_break.TO_UNITS) if rest > 0 and letters > 0 else 0
    cap = MAX_CLUSTER_SHRINK_EM * line.style["font_size"] * line_break.TO_UNITS
    line.mou_overfull = units > cap or (rest > 0 and letters <= 0)
    line.mou_short = 0.0
    if line.mou_overfull:
        return
    if spaces:
        _space_drawn_words(context, line, -from_spaces / spaces)
    if units:
        _spread(line, -units, gaps, 0.0, 0, kept)


def _undrawn_space_gaps(texts: list[Any]) -> dict[int, int]:
    """Per text box of spaces only (drawn as no glyph): the gaps after its spaces, which a line closing up keeps whole."""
    spaced = _gaps_after_spaces(texts)
    return {id(box): spaced[id(box)] for box in texts if not _drawn(box) and spaced[id(box)]}


def _drawn(box: Any) -> bool:
    """Say whether WeasyPrint draws a text box's glyphs: not those of a box of spaces only."""
    return bool(box.text.strip())


def _space_drawn_words(context: Any, line: Any, spacing: float) -> float:
    """Add spacing at each space of a line drawn as a glyph, as WeasyPrint's justification does; return the advance."""

    def words(box: Any, x_advance: float) -> float:
        if _drawn(box):
            return float(weasy_inline.add_word_spacing(context, box, spacing, x_advance))
        box.position_x += x_advance
        return x_advance

    return _shift_text_boxes(line, 0.0, words)


def _shift_text_boxes(box: Any, x_advance: float, text_box: Callable[[Any, float], float]) -> float:
    """Walk a line's boxes as WeasyPrint's word spacing does: each text box widened by text_box, what follows moved; return the advance."""
    if isinstance(box, boxes.TextBox):
        return text_box(box, x_advance)
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _shift_text_boxes(child, x_advance, text_box)
        box.width += x_advance - before
        return x_advance
    box.translate(x_advance, 0)  # an atomic inline box moves with the text
    return x_advance


def _space_width(context: Any, style: Any) -> float:
    """Return the advance of a space in a line's font, as WeasyPrint lays it out (once per font)."""
    key = (tuple(style["font_family"]), float(style["font_size"]), int(style["font_weight"]), str(style["font_style"]))
    if key not in _SPACE_WIDTHS:
        layout = line_break.create_layout(" ", style, context, None, 0)  # held: its line lives in it
        first, _ = layout.get_first_line()
        _SPACE_WIDTHS[key] = float(line_break.line_size(first, style)[0])
    return _SPACE_WIDTHS[key]


def text_align(context: Any, line: Any, available_width: float, last: bool) -> float:
    """Align a line like WeasyPrint; a justified Thai line wider than its box (laid wider on purpose) closes up."""
    if _laid_wider and line.width > available_width:
        if (
            (not last or THAI.search(line_text(line)))
            and line.style["text_align_all"] == "justify"
            and line.style["white_space"] in ("normal", "nowrap", "pre-line")
        ):
            # A Thai paragraph's last line closes up too, as a full line does: so its last word
            # goes up, rather than standing alone below a line the rebreak leaves short.
            justify_line(context, line, available_width - line.width)
            return 0
        line.mou_overfull = True  # an English paragraph's last line is not justified: it cannot close up
    return ORIGINAL["text_align"](context, line, available_width, last)


@functools.lru_cache(maxsize=8192)
def cluster_gaps(text: str) -> int:
    """Count the gaps between character clusters in text (cached: rebreaking justifies the same texts again)."""
    return sum(1 for char in text[1:] if _starts_cluster(char))


@functools.lru_cache(maxsize=1024)
def _starts_cluster(char: str) -> bool:
    """Say whether a character starts a cluster that justification spaces from the one before."""
    return char not in _NOT_STARTS and unicodedata.category(char) not in ("Mn", "Mc", "Me", "Cf")


def _text_boxes(box: Any) -> Any:
    """Yield the text boxes of a line, in order, skipping atomic inline boxes."""
    if isinstance(box, boxes.TextBox):
        yield box
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from _text_boxes(child)


def _spread(
    box: Any,
    units: int,
    gaps: dict[int, tuple[int, bool]],
    x_advance: float,
    space_units: int | None = None,
    spaced: dict[int, int] | None = None,
) -> float:
    """Give every text box of a line its cluster spacing (space_units at a gap after a space), moving what follows; return the advance."""

    def clusters(text: Any, x_advance: float) -> float:
        text.position_x += x_advance
        inside, after = gaps.get(id(text), (0, False))
        count = inside + after
        if count:
            at_spaces = spaced.get(id(text), 0) if spaced else 0
            # A copy of the box's (inactive) layout, so no other box shares the spacing;
            # reactivate() spaces the glyphs when the box is drawn.
            layout = copy.copy(text.pango_layout)
            layout.mou_cluster_spacing = units
            # space_units at the gaps after spaces of the boxes spaced counts, units elsewhere
            layout.mou_space_spacing = units if space_units is None or at_spaces == 0 else space_units
            layout.mou_text_length = len(text.text)
            layout.mou_trailing = after
            text.pango_layout = layout
            extra = (units * (count - at_spaces) + layout.mou_space_spacing * at_spaces) / line_break.TO_UNITS
            text.width += extra
            x_advance += extra
        return x_advance

    return _shift_text_boxes(box, x_advance, clusters)


@functools.lru_cache(maxsize=8192)
def _pango_no_break_ranges(text: str) -> tuple[int, tuple[tuple[int, int], ...]]:
    """Return a text's UTF-8 length and the byte ranges Pango must not break inside.

    Cached: WeasyPrint sets the same text on a layout many times while it fits lines
    (several times each while it fits lines).
    """
    offsets = _byte_offsets(text)
    return offsets[-1], tuple((offsets[start], offsets[end]) for start, end in no_break_ranges(text))


def reactivate(self: Any, style: Any) -> None:
    """Reactivate a layout for drawing like WeasyPrint, then add its Thai cluster spacing."""
    ORIGINAL["reactivate"](self, style)
    units = getattr(self, "mou_cluster_spacing", 0)
    if not units:
        return
    space_units = getattr(self, "mou_space_spacing", units)
    # Drawing sets this too; set first, it would otherwise lay the text out anew.
    pango.pango_layout_set_single_paragraph_mode(self.layout, True)
    text = self.text[: self.mou_text_length]
    starts, spaced = _cluster_counts(text)
    end = len(starts) - 1  # the byte offset just past the text
    run = pango.pango_layout_get_line_readonly(self.layout, 0).runs
    previous, previous_byte = None, 0
    # A glyph gets the gaps of the clusters that start after its own cluster's first character
    # and up to the next glyph's: ligatures and reordered marks (sara am) get none, and the
    # sum is what justify_line counted.
    while run != ffi.NULL:
        item, string = run.data.item, run.data.glyphs
        for i in range(string.num_glyphs):
            byte = min(item.offset + string.log_clusters[i], end)
            if previous is not None:
                after_spaces = spaced[byte] - spaced[previous_byte]
                previous.geometry.width += (starts[byte] - starts[previous_byte] - after_spaces) * units
                previous.geometry.width += after_spaces * space_units
            previous, previous_byte = string.glyphs[i], byte
        run = run.next
    if previous is not None:
        after_spaces = spaced[end] - spaced[previous_byte] + (self.mou_trailing and _ends_spaced(text))
        previous.geometry.width += (starts[end] - starts[previous_byte] + self.mou_trailing - after_spaces) * units
        previous.geometry.width += after_spaces * space_units


@functools.lru_cache(maxsize=8192)
def _cluster_counts(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Return, per UTF-8 byte offset b of text, how many clusters start after byte 0 and at or before b, and how many of those follow a space."""
    starts, spaced_starts, count, after_space, spaced = [0], [0], 0, 0, False
    for index, char in enumerate(text):
        if index > 0 and _starts_cluster(char):
            count += 1
            after_space += spaced
        if char in _SPACES:
            spaced = True
        elif _starts_cluster(char):
            spaced = False
        starts[-1], spaced_starts[-1] = count, after_space
        width = len(char.encode())
        starts.extend([count] * width)
        spaced_starts.extend([after_space] * width)
    return tuple(starts), tuple(spaced_starts)


@functools.lru_cache(maxsize=8192)
def _ends_spaced(text: str) -> bool:
    """Say whether a text ends with a space (marks and invisible characters aside): the gap after it follows a space."""
    return text.rstrip(INVISIBLE).endswith(tuple(_SPACES))


def iter_line_boxes(
    context: Any,
    box: Any,
    position_y: float,
    bottom_space: float,
    skip_stack: Any,
    containing_block: Any,
    absolute_boxes: list,
    fixed_boxes: list,
    first_letter_style: Any,
    first_line_style: Any,
) -> Any:
    """Lay out a paragraph's lines like WeasyPrint; in justified Thai and English, rebreak around loose lines.

    WeasyPrint fills each line greedily. Before a name that must not break and does not fit,
    a line can be left so short that no allowed spacing fills it; then up to two lines
    before it are broken earlier, moving words down into it, when that leaves every line of
    the stretch fuller. A few lines are held back to allow this; what follows is unchanged.
    """
    if box.style["text_align_all"] != "justify" or not _plain_paragraph(box) or not _rebroken(box):
        yield from ORIGINAL["iter_line_boxes"](
            context,
            box,
            position_y,
            bottom_space,
            skip_stack,
            containing_block,
            absolute_boxes,
            fixed_boxes,
            first_letter_style,
            first_line_style,
        )
        return
    resolve_percentages(box, containing_block)
    if skip_stack is None:
        resolve_one_percentage(box, "text_indent", containing_block.width)
    else:
        box.text_indent = 0
    args = (context, box, bottom_space, containing_block, absolute_boxes, fixed_boxes)
    text = line_text(box)
    thai = bool(THAI.search(text))
    # The search is for Thai lines, and English ones around a long run that breaks inside (its
    # pieces are few and long: only a search finds the lines above that fill the line before one).
    search = (thai or bool(_BROKEN_RUN.search(text))) and len(text) <= SEARCH_MAX_LETTERS
    # How much wider a line may be laid, tried in turn while a line stays short: Thai's last
    # resort, or English's wider trials (its word gaps close up too).
    narrow = containing_block.width < NARROW_EM * containing_block.style["font_size"]
    shares = (
        (WIDER_SHARE, LAST_RESORT_SHARE) if thai else (WIDER_SHARE, *ENGLISH_WIDER_SHARES) if narrow else (WIDER_SHARE,)
    )
    held: list[_Line] = []
    # Every line laid while rebreaking this paragraph, by where it starts and how narrow: a
    # later rebreak tries many of the lines an earlier one did.
    laid: dict[tuple, _Line | None] = {}
    start = _Start(skip_stack, position_y, box.text_indent, first_letter_style, first_line_style)
    # Where each line of this loop started. A rebreak may end its lines where no line is bad
    # but earlier than before; should that lead back to a start laid already, the paragraph
    # would go round for ever, so from there on its lines are laid as they come.
    started: set[tuple] = set()
    rebreaking = True
    while True:
        rebreaking = rebreaking and _lay_key(start, 0.0) not in started
        started.add(_lay_key(start, 0.0))
        placed = _lay_line(args, start)
        if placed is None:
            break
        laid[_lay_key(start, 0.0)] = placed  # a rebreak's trials start with lines like this one
        held.append(placed)
        if rebreaking and placed.bad:
            held[-3:] = _until_filled(_rebalanced, args, held[-3:], laid, shares)
        if rebreaking and search and len(held) > 3 and held[-4].bad:
            held = _until_filled(_searched, args, held, laid, shares)  # a short line the rebreak left
        while len(held) > HELD_FOR_SEARCH:
            yield held.pop(0).result
        if held[-1].resume_at is None:
            break
        start = _Start(held[-1].resume_at, held[-1].bottom, 0, None, None)
    if rebreaking and search and any(placed.bad for placed in held[-3:]):
        held = _until_filled(_searched, args, held, laid, shares)
    for placed in held:
        yield placed.result


def _rebroken(box: Any) -> bool:
    """Say whether a justified paragraph is rebroken around its loose lines: Thai, or English."""
    return bool(THAI.search(line_text(box))) or rebreaks_english(box)


def rebreaks_english(box: Any) -> bool:
    """Say whether a paragraph is English text to rebreak: a line before a word it cannot take gets words from above.

    Its word gaps stop at twice a space and its letters at a little spacing (justify_english),
    so a line whose next word is a whole name, or a long word the dictionary does not
    hyphenate where it would fit, would stay short without this: in the English edition, and
    in the side-by-side edition's English column, whose lines hold three or four words (its
    rows are levelled by the taller cell, so the Thai column's lines stay as they are).
    """
    return str(box.style["lang"] or "").startswith("en")


# Lines held back for a search over every way to break them, when a short line is left that
# the rebreak of the last three lines could not fill: in a narrow column a line holds a few
# words, and filling one can take each of several lines above handing a word down.
HELD_FOR_SEARCH = 8
# What each line may do in that search: be laid wider (-1), as it comes (0), or hand down
# up to two words; and how many lines it may lay out in all, for one paragraph's search.
SEARCH_DROPS = (-1, 0, 1, 2)
SEARCH_BUDGET = 300
# A paragraph longer than this (characters) is rebroken around its bad lines but not
# searched. A search keeps every line it lays until the paragraph ends, and WeasyPrint lays
# each from a copy of the rest of the paragraph: in a paragraph of tens of thousands of
# letters memory grew with its length and time with its square.
SEARCH_MAX_LETTERS = 6000


def _until_filled(
    rebreak: Callable[..., list[_Line]],
    args: tuple,
    lines: list[_Line],
    laid: dict[tuple, _Line | None],
    shares: tuple[float, ...],
) -> list[_Line]:
    """Return the lines rebroken with each share in turn, stopping once none is left short."""
    for number, share in enumerate(shares):
        if number and not _score(lines)[1]:
            break
        lines = rebreak(args, lines, laid, share)
    return lines


def _searched(
    args: tuple, lines: list[_Line], laid: dict[tuple, _Line | None], share: float = WIDER_SHARE
) -> list[_Line]:
    """Return the lines rebroken the best way a search finds (fewest short lines, then least short), or as they were.

    The search tries every line as each of SEARCH_DROPS lays it, from the first held line to
    where the last one ends (or to the paragraph's end), remembering the best way on from
    each place a line may start. Like the rebreak, it never leaves its worst line shorter.
    """
    target, most_lines = lines[-1].resume_at, len(lines) + 1
    best_from: dict[tuple, tuple[tuple[int, int, float], list[_Line]] | None] = {}
    spent = [len(laid)]

    def way_on(start: _Start, depth: int) -> tuple[tuple[int, int, float], list[_Line]] | None:
        key = (*_lay_key(start, 0.0), depth)
        if key in best_from:
            return best_from[key]
        found = None
        if depth < most_lines and len(laid) - spent[0] < SEARCH_BUDGET:
            for placed in _line_choices(args, start, laid, share):
                if placed.resume_at is None or placed.resume_at == target:
                    rest: tuple[tuple[int, int, float], list[_Line]] | None = ((0, 0, 0.0), [])
                else:
                    rest = way_on(_Start(placed.resume_at, placed.bottom, 0, None, None), depth + 1)
                if rest is None:
                    continue
                short = placed.short if placed.short > FLUSH_TOLERANCE else 0.0
                score = (rest[0][0] + placed.demerits, rest[0][1] + (short > 0), max(rest[0][2], round(short + 0.5)))
                if found is None or score < found[0]:
                    found = (score, [placed, *rest[1]])
        best_from[key] = found
        return found

    result = way_on(lines[0].start, 1)
    before = _score(lines)
    if result is None or result[0] >= before or result[0][2] > before[2]:
        return lines
    return result[1]


def _line_choices(args: tuple, start: _Start, laid: dict[tuple, _Line | None], share: float) -> list[_Line]:
    """Return the different lines that may start at start: laid wider, as they come, or handing down words."""
    choices: dict[str, _Line] = {}
    for drop in SEARCH_DROPS:
        placed = _lay_cached(args, start, -share * args[3].width if drop < 0 else 0.0, laid)
        for _ in range(max(drop, 0)):
            if placed is None or placed.resume_at is None:
                placed = None
                break
            placed = _lay_cached(args, start, getattr(placed.line, "mou_slack", 0.0) + 0.5, laid)
        if placed is not None and not placed.overfull:
            choices.setdefault(repr(placed.resume_at), placed)
    return list(choices.values())


@dataclass
class _Start:
    """Where a line starts: WeasyPrint's skip stack, its top, and what only a first line has."""

    skip_stack: Any
    position_y: float
    text_indent: float
    first_letter_style: Any
    first_line_style: Any


@dataclass
class _Line:
    """A laid-out line with where it started and how far it stays short of the margin."""

    start: _Start
    line: Any
    resume_at: Any

    @property
    def result(self) -> tuple[Any, Any]:
        return self.line, self.resume_at

    @property
    def short(self) -> float:
        return getattr(self.line, "mou_short", 0.0) if self.resume_at is not None else 0.0

    @property
    def loose(self) -> bool:
        return bool(getattr(self.line, "mou_loose", False)) and self.resume_at is not None

    @property
    def demerits(self) -> int:
        """Return what the line costs its paragraph: SHORT_DEMERITS if short, LOOSE_DEMERITS if loose, else nothing."""
        return SHORT_DEMERITS if self.short > FLUSH_TOLERANCE else LOOSE_DEMERITS if self.loose else 0

    @property
    def bad(self) -> bool:
        """Say whether the line stays short of the margin or is spread past MAX_CLUSTER_SPACING_EM."""
        return self.short > FLUSH_TOLERANCE or self.loose

    @property
    def overfull(self) -> bool:
        return bool(getattr(self.line, "mou_overfull", False))

    @property
    def bottom(self) -> float:
        return self.line.position_y + self.line.height


def _lay_line(args: tuple, start: _Start, narrower: float = 0.0) -> _Line | None:
    """Lay out one line from start, its breaking width reduced by narrower (it is justified to the full width)."""
    global _narrower, _laid_wider
    context, box, bottom_space, containing_block, absolute_boxes, fixed_boxes = args
    box.text_indent = start.text_indent
    _narrower, _laid_wider = narrower, narrower < 0
    try:
        line, resume_at = ORIGINAL["get_next_linebox"](
            context,
            box,
            start.position_y,
            bottom_space,
            start.skip_stack,
            containing_block,
            absolute_boxes,
            fixed_boxes,
            start.first_letter_style,
            start.first_line_style,
        )
    finally:
        _narrower, _laid_wider = 0.0, False
    if line is None:
        return None
    ORIGINAL["handle_leader"](context, line, containing_block)
    return _Line(start, line, resume_at)


def _rebalanced(
    args: tuple, lines: list[_Line], laid: dict[tuple, _Line | None], share: float = WIDER_SHARE
) -> list[_Line]:
    """Return the held lines rebroken so fewer of them stay short (or, as many, less short), or as they were.

    A rebreak never leaves its worst line shorter than the worst line was: else, in a narrow
    column, a line handed down earlier could hand down more and more, until one word stood
    alone (บันทึก | ข้อตกลงความร่วมมือ…) to spare two lines a smaller shortfall each. In
    English, the lines it changes are weighed apart too (_no_worse_where_changed).
    """
    best, best_score = lines, _score(lines)
    worst = best_score[2]
    target = lines[-1].resume_at
    english = not THAI.search(line_text(args[1]))
    for back in range(len(lines)):
        for drops in _drop_plans(back):
            kept = lines[: -1 - back]
            trial = _relaid(args, lines[-1 - back].start, drops, target, best_score[0] - _score(kept)[0], laid, share)
            if (
                trial is not None
                and _score(kept + trial) < best_score
                and _score(kept + trial)[2] <= worst
                and (not english or _no_worse_where_changed(lines[-1 - back :], trial))
            ):
                best, best_score = kept + trial, _score(kept + trial)
                if best_score[0] == 0:
                    return best  # every line flush: no trial can beat it, so stop laying lines
    return best


def _no_worse_where_changed(before: list[_Line], after: list[_Line]) -> bool:
    """Say whether the lines a rebreak lays anew stay, at worst, no shorter than the worst of those they replace.

    A line nothing fills (before a quoted short name) that the rebreak leaves as it was must
    not license the lines it does change: in the narrow column, `Mayor of Chum Phae Town`
    (8 pt short) and the next (28 pt) became a line 54 pt short and a flush one.
    """
    same = {_line_key(placed) for placed in before} & {_line_key(placed) for placed in after}
    return (
        _score([p for p in after if _line_key(p) not in same])[2]
        <= _score([p for p in before if _line_key(p) not in same])[2]
    )


def _line_key(placed: _Line) -> tuple[str, str]:
    """Return where a line starts and where the next one resumes: the same for the same line of a paragraph."""
    return repr(placed.start.skip_stack), repr(placed.resume_at)


def _score(lines: list[_Line]) -> tuple[int, int, float]:
    """Rank a stretch of lines: by their demerits (LOOSE_DEMERITS), then how many stay short, then how short at most (px, rounded)."""
    short = [placed.short for placed in lines if placed.short > FLUSH_TOLERANCE]
    return sum(placed.demerits for placed in lines), len(short), round(max(short, default=0.0) + 0.5)


@functools.cache
def _drop_plans(back: int) -> list[tuple[int, ...]]:
    """Return how many words each of `back` lines may give to the next (the first changes), fewest first.

    -1 is a line laid a little wider, to take a word from the next (its clusters close up).
    One line alone may give up to eight short words: so two lines before a unit kept whole
    share what neither can fill alone. Each plan ends with a 0 for the line that takes them.
    """
    if back == 0:
        return [(-1,)]  # the short line itself, laid wider: it may take the next word
    plans = [plan for plan in itertools.product((-1, 0, 1, 2), repeat=back) if plan[0]]
    plans += [(words,) for words in range(3, 9)] if back == 1 else []
    return sorted((plan + (0,) for plan in plans), key=lambda plan: sum(map(abs, plan)))


def _relaid(
    args: tuple,
    start: _Start,
    drops: tuple[int, ...],
    target: Any,
    most_demerits: int,
    laid: dict[tuple, _Line | None],
    share: float,
) -> list[_Line] | None:
    """Lay out len(drops) lines again from start, each giving that many words to the next (-1: laid share wider).

    Return None if they would not end where they did (unless none is short), if a line laid
    wider cannot close up enough, or as soon as their demerits pass `most_demerits` (such a
    trial cannot beat the best so far).
    """
    out: list[_Line] = []
    for drop in drops:
        placed = _lay_cached(args, start, -share * args[3].width if drop < 0 else 0.0, laid)
        if placed is not None and placed.overfull:
            return None
        for _ in range(drop):
            if placed is None or placed.resume_at is None:
                return None
            placed = _lay_cached(args, start, getattr(placed.line, "mou_slack", 0.0) + 0.5, laid)
        if placed is None or placed.overfull or _english_past_the_edge(args, placed):
            return None
        out.append(placed)
        if _score(out)[0] > most_demerits:
            return None
        if placed.resume_at is None:
            break
        start = _Start(placed.resume_at, placed.bottom, 0, None, None)
    if len(out) != len(drops) or (out[-1].resume_at != target and _score(out)[1]):
        return None
    return out


def _english_past_the_edge(args: tuple, placed: _Line) -> bool:
    """Say whether an English line reaches past its paragraph's right edge (as WeasyPrint lays it, never justified).

    Laid narrower to hand a word down, a line may end in the shortest part of a hyphenated
    word, which WeasyPrint keeps even where it does not fit: `electroencephalographic and
    psy‐` ran 16 pt into the column's margin.
    """
    block = args[3]
    past = placed.line.position_x + placed.line.width > block.content_box_x() + block.width + FLUSH_TOLERANCE
    return past and not THAI.search(line_text(args[1]))


def _lay_cached(args: tuple, start: _Start, narrower: float, laid: dict[tuple, _Line | None]) -> _Line | None:
    """Lay out one line like _lay_line, once per start and width."""
    key = _lay_key(start, narrower)
    if key not in laid:
        laid[key] = _lay_line(args, start, narrower)
    return laid[key]


def _lay_key(start: _Start, narrower: float) -> tuple:
    """Return what a line laid from start, narrowed by narrower, depends on (within one paragraph)."""
    return repr(start.skip_stack), start.position_y, start.text_indent, round(narrower, 3)


def _plain_paragraph(box: Any) -> bool:
    """Say whether a line box holds only text and inline boxes (nothing laid out on the side)."""
    if isinstance(box, boxes.TextBox):
        return True
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return all(_plain_paragraph(child) for child in box.children)
    return False


def avoid_collisions(context: Any, box: Any, containing_block: Any, outer: bool = True) -> tuple:
    """Place a box like WeasyPrint; while a line is rebroken, narrow its breaking width once."""
    global _narrower
    position_x, position_y, available_width = ORIGINAL["avoid_collisions"](context, box, containing_block, outer)
    if _narrower:
        available_width, _narrower = available_width - _narrower, 0.0
    return position_x, position_y, available_width


def fitted_first_line(
    text: str,
    style: Any,
    context: Any,
    max_width: float | None,
    justification_spacing: float,
    is_line_start: bool = True,
    minimum: bool = False,
) -> tuple:
    """Fit text into a line like WeasyPrint, except that trailing spaces never make it overflow.

    WeasyPrint 70 measures a text with its trailing spaces; when the text fits only without
    them (it ends just before a nowrap name), it takes the text for unbreakable and keeps its
    first word alone, so a line held "Mayor" and nothing else. Such a text fits: the spaces
    hang past the margin, as CSS wants, and are removed at the end of the line.
    """
    result = ORIGINAL["split_first_line"](
        text, style, context, max_width, justification_spacing, is_line_start, minimum
    )
    if (
        result[2] is None
        or max_width is None
        or style["white_space"] != "normal"
        or not text.endswith(" ")
        or "\n" in text
        or not text.strip(" ")
    ):
        return result
    # When that happens WeasyPrint's first line is the text's first word; a first line that
    # reaches past the first space (a break always follows a space) means the text needed a
    # break anyway, so the second measure (one in eight of the Thai ones) is spared.
    if result[1] > len(text[: text.index(" ") + 1].encode()):
        return result
    stripped = ORIGINAL["split_first_line"](
        text.rstrip(" "), style, context, max_width, justification_spacing, is_line_start, minimum
    )
    if stripped[2] is not None:
        return result  # the text needs a break anyway
    return ORIGINAL["split_first_line"](text, style, context, None, justification_spacing, is_line_start, minimum)


def find_earlier_page_break(context: Any, children: list, absolute_boxes: list, fixed_boxes: list) -> tuple | None:
    """Find the last page break in children like WeasyPrint, which never breaks inside a table row there.

    Where what follows a row must keep with it (break-before: avoid) and does not fit,
    WeasyPrint breaks before the whole row. A last row marked KEEPS_END_WITH_NEXT splits
    instead: each cell keeps its lines but the last (its widows), which go to the next page with
    what is kept with them. The closing row of the side-by-side edition, the signature rows
    kept with it and with each other can be taller than a page: moved whole, the closing row
    and the first row of signatures filled the next page and the last row stood alone.
    """
    rows = [child for child in children if child.is_in_normal_flow()]
    if rows and rows[-1] is children[-1] and _keeps_end_with_next(rows[-1]):
        split = _split_row(context, rows[-1], absolute_boxes, fixed_boxes)
        if split is not None:
            row, resume_at = split
            return [*children[:-1], row], {row.index: resume_at}
    return ORIGINAL["find_earlier_page_break"](context, children, absolute_boxes, fixed_boxes)


def _keeps_end_with_next(box: Any) -> bool:
    """Say whether a box is a table row marked to split before what is kept with it, and may split."""
    if not isinstance(box, boxes.TableRowBox) or box.element is None:
        return False
    return box.element.get(KEEPS_END_WITH_NEXT) is not None and box.style["break_inside"] not in ("avoid", "avoid-page")


def _split_row(context: Any, row: Any, absolute_boxes: list, fixed_boxes: list) -> tuple[Any, dict] | None:
    """Return a row cut before each cell's last lines and where each cell resumes; None if no cell can be cut."""
    cells, resume_at = [], {}
    for index, cell in enumerate(row.children):
        found = ORIGINAL["find_earlier_page_break"](context, cell.children, absolute_boxes, fixed_boxes)
        if found is None:
            cells.append(cell)  # too short to cut: it ends on this page
            continue
        children, cell_resume_at = found
        cells.append(cell.copy_with_children(children))
        resume_at[index] = cell_resume_at
    if not resume_at:
        return None
    return row.copy_with_children(cells), resume_at


def _byte_offsets(text: str) -> list[int]:
    """Return the UTF-8 byte offset of every character index, and of the end."""
    offsets, position = [0], 0
    for char in text:
        position += len(char.encode())
        offsets.append(position)
    return offsets


def _change(attributes: Any, allow: bool, start: int, end: int) -> None:
    """Set Pango's allow-breaks attribute on a byte range."""
    attribute = pango.pango_attr_allow_breaks_new(allow)
    attribute.start_index, attribute.end_index = start, end
    pango.pango_attr_list_change(attributes, attribute)
