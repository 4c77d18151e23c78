"""Redlines: what changed between two versions of an agreement, as one marked-up HTML per language.

Both versions are rendered with the current templates, then compared by structure: the
title block, each party (by party id), each clause (by clause id, generated clauses too),
the closing and each signature block (by signatory); inside a matched part, paragraphs are
aligned and then compared word by word: Thai words by dictionary segmentation (newmm with
the agreement's names, as for line breaking), other text by words and punctuation. Names,
dates and amounts (the templates' `name` and `nowrap` spans) are compared whole, and so are
clause and item numbers: a renumbered clause shows its old and new number, but a clause
whose number alone changed is not counted as changed nor marked in the margin.

The result uses the templates' vocabulary plus `<ins>`, `<del>`, `data-change` on changed
parts, and `<aside class="redline-summary">`; pdf_render and docx_render draw it.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path
from typing import Any

import lxml.html
from lxml.html import HtmlElement

from mou.core.errors import MouError, Problem, UsageError
from mou.core.ids import ID_PATTERN
from mou.core.messages import Message, say
from mou.docx.render import class_name, html_to_docx
from mou.html.templating import make_environment, person_in, render_html
from mou.language import thai
from mou.language.breaks import THAI_RUN, ZWSP, dictionary_with, mark_breaks, office_breaks
from mou.pdf.render import render_pdf
from mou.pipeline.build import load, write_index_after
from mou.pipeline.index_page import DIFF_FILE
from mou.pipeline.layout import Layout
from mou.pipeline.provenance import build_time
from mou.pipeline.render import (
    RUNNING_LINE_PT,
    fits_line,
    fits_signature_cell,
    name_hosts,
    office_units,
    proper_names,
)
from mou.pipeline.writer import output_lock, write_files
from mou.records.model import Agreement, Party, Person
from mou.records.project import Project
from mou.release.versions import VersionRecords, find_version, materialize, relabel

PIECE = re.compile(r"[\u0e01-\u0e5b]+|[^\W\u0e01-\u0e5b]+|\s+|.", re.S)
ATOMIC = frozenset({("span", "name"), ("span", "nowrap"), ("span", "sign-dots")})  # compared whole
NUMBERING = frozenset({("span", "clause-number"), ("span", "item-number")})
DROPPED = frozenset({("footer", "page-footer"), ("div", "watermark")})
CONTAINERS = {("header", "title-block"), ("section", "clause")}

REDLINE_CSS = """
ins { text-decoration: underline; color: #1f4fbf; }
del { text-decoration: line-through; color: #c62828; }
[data-change] { border-left: 2.5pt solid #e08a00; margin-left: -14pt; padding-left: 11.5pt; }
[data-change="added"] { border-left-color: #1f4fbf; }
[data-change="removed"] { border-left-color: #c62828; }
.signatures td[data-change] { margin-left: 0; padding-left: 4pt; }
.redline-summary { border: 1pt solid #888888; padding: 6pt 8pt; margin-bottom: 12pt; }
.redline-summary h2 { font-size: 16pt; font-weight: 700; margin: 0 0 2pt 0; }
.redline-summary p { text-indent: 0; text-align: left; }
"""


@dataclass(frozen=True)
class Token:
    """A word with its trailing space, or a whole name, date, amount or number."""

    text: str
    wrap: tuple[tuple[str, str], ...] = ()  # inline elements around it (tag, class), outermost first
    atomic: tuple[str, str, str] | None = None  # (tag, class, id) of a span kept whole

    @property
    def key(self) -> str:
        """Return what is compared: the text without its spaces (any run of signing dots is the same)."""
        if self.atomic and self.atomic[:2] == ("span", "sign-dots"):
            return "…"  # their number is layout: fewer beside a wider block (en.html, unequal columns)
        return self.text.strip()

    @property
    def numbering(self) -> bool:
        """Tell whether this is a clause or item number (a renumbering alone changes no clause)."""
        return bool(self.atomic and self.atomic[:2] in NUMBERING)


@dataclass
class Block:
    """One paragraph-level element: its tag, class, container and words."""

    tag: str
    cls: str
    parent: str  # "ol" for list items, else ""
    tokens: list[Token]

    @property
    def key(self) -> tuple[str, str, str]:
        """Return what aligns blocks: kind and text (not numbers: an item moved down is the same item)."""
        return (self.tag, self.cls, "".join(t.key for t in self.tokens if not t.numbering))

    def words(self) -> list[str]:
        """Return the compared words, for measuring how alike two blocks are."""
        return [t.key for t in self.tokens if not t.numbering]


@dataclass
class Unit:
    """One part compared as a whole: the title block, a party, a clause, a signature block…"""

    key: str
    tag: str
    cls: str
    attrs: dict[str, str]
    blocks: list[Block]
    single: bool = False  # a signature block alone on its row


@dataclass
class Change:
    """One part of the redline: a unit with its blocks as (op, tokens) and how it changed."""

    unit: Unit
    state: str  # "", "added", "removed", "changed"
    blocks: list[tuple[Block, list[tuple[str, Token]]]] = field(default_factory=list)


class Tokenizer:
    """Split inline content into tokens: Thai by dictionary words, the rest by words and marks."""

    def __init__(self, names: Iterable[str] = ()):
        self.dictionary = dictionary_with(names)

    def words(self, text: str) -> list[str]:
        """Return the words of a text, each with the spaces after it."""
        pieces: list[str] = []
        for match in PIECE.finditer(text):
            piece = match.group()
            if THAI_RUN.fullmatch(piece):
                pieces += self.dictionary.segment(piece)
            elif piece.isspace() and pieces:
                pieces[-1] += piece
            else:
                pieces.append(piece)
        return pieces

    def block(self, el: HtmlElement, parent: str = "") -> Block:
        """Return a paragraph-level element as a block of tokens."""
        return Block(el.tag, class_name(el), parent, list(self.inline(el, ())))

    def inline(self, el: HtmlElement, wrap: tuple[tuple[str, str], ...]) -> Iterator[Token]:
        """Yield the tokens of an element's inline content."""
        if el.text:
            yield from (Token(w, wrap) for w in self.words(el.text))
        for child in el:
            if isinstance(child.tag, str):
                key = (child.tag, class_name(child))
                if key in ATOMIC or key in NUMBERING:
                    yield Token(child.text_content(), wrap, (child.tag, key[1], child.get("id", "")))
                elif key == ("br", ""):
                    yield Token("\n", wrap, ("br", "", ""))
                else:
                    yield from self.inline(child, wrap + (key,))
            if child.tail:
                yield from (Token(w, wrap) for w in self.words(child.tail))


def units(html: str, agreement: Agreement, tokenizer: Tokenizer) -> list[Unit]:
    """Cut a rendered document into the parts a redline matches: title, parties, clauses, signatures…"""
    body = lxml.html.document_fromstring(html).find("body")
    found: list[Unit] = []
    parties = iter(agreement.parties)
    counts: dict[str, int] = {}
    for child in body:
        if not isinstance(child.tag, str):
            continue
        key = (child.tag, class_name(child))
        if key in DROPPED:
            continue
        if key == ("table", "signatures") or key == ("table", "signatures single"):
            for td in child.iter("td"):
                dots = td.find(".//span[@class='sign-dots']")
                name = dots.get("id") if dots is not None else f"sign-{len(found)}"
                person = td.find(".//span[@class='name']")
                if name.startswith("sig-witness-") and person is not None:
                    # Witnesses are numbered in order: removing the first would renumber the
                    # second and show it as the first, renamed. A witness is who signs.
                    name = f"witness:{person.text_content()}"
                blocks = [tokenizer.block(p) for p in td if isinstance(p.tag, str)]
                found.append(Unit(name, "td", class_name(td), {}, blocks, single=key[1].endswith("single")))
            continue
        if key in CONTAINERS:
            blocks = []
            for inner in child:
                if not isinstance(inner.tag, str):
                    continue
                if inner.tag == "ol":
                    blocks += [tokenizer.block(li, "ol") for li in inner if isinstance(li.tag, str)]
                else:
                    blocks.append(tokenizer.block(inner))
            name = child.get("id") or key[1]
            found.append(Unit(name, child.tag, key[1], {"id": child.get("id", "")} if child.get("id") else {}, blocks))
            continue
        if key == ("p", "party"):
            name = f"party:{next(parties, len(found))}"
        else:
            counts[key[1]] = counts.get(key[1], 0) + 1
            name = f"{key[1] or child.tag}:{counts[key[1]]}"
        found.append(Unit(name, "", "", {}, [tokenizer.block(child)]))
    return found


def diff_tokens(old: list[Token], new: list[Token]) -> list[tuple[str, Token]]:
    """Compare two paragraphs word by word: ("", t) kept, ("del", t) removed, ("ins", t) added."""
    matcher = difflib.SequenceMatcher(None, [t.key for t in old], [t.key for t in new], autojunk=False)
    out: list[tuple[str, Token]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2)):
                out += kept(old[i], new[j])
        else:
            out += [("del", t) for t in old[i1:i2]] + [("ins", t) for t in new[j1:j2]]
    return _tidy_spaces(out)


def _tidy_spaces(ops: list[tuple[str, Token]]) -> list[tuple[str, Token]]:
    """Keep a space rather than strike and insert one: "up[+ ][-, ]and" reads "up[-,] and"."""
    out: list[tuple[str, Token]] = []
    for op, token in ops:
        if (
            out
            and op
            and out[-1][0]
            and out[-1][0] != op
            and not out[-1][1].key
            and not token.atomic
            and token.key
            and _space(token.text)
        ):
            space = out.pop()[1]
            out += [(op, replace(token, text=token.text.rstrip())), ("", space)]
        else:
            out.append((op, token))
    return out


def _space(text: str) -> str:
    """Return the spaces after a word as the page shows them: one space, or none."""
    return " " if text[len(text.rstrip()) :] else ""


def kept(old: Token, new: Token) -> list[tuple[str, Token]]:
    """Return a word both versions have; a space after it that came or went is a change of its own.

    "follow-up, and" → "follow-up and" deletes ", " after "up": the space "up" gains is
    inserted, so that rejecting every change gives the old text back, accepting the new one.
    Several spaces are one space (HTML shows them so): a spacing change alone is no change.
    """
    if old.atomic or _space(old.text) == _space(new.text):
        return [("", new)]  # a kept word as the new version writes it
    word = new.text.rstrip()
    return (
        [("", replace(new, text=word))]
        + [("del", replace(old, text=old.text[len(old.text.rstrip()) :]))] * bool(_space(old.text))
        + [("ins", replace(new, text=new.text[len(word) :]))] * bool(_space(new.text))
    )


def diff_blocks(old: list[Block], new: list[Block]) -> list[tuple[Block, list[tuple[str, Token]]]]:
    """Align two parts' paragraphs, then compare paired paragraphs word by word."""
    matcher = difflib.SequenceMatcher(None, [b.key for b in old], [b.key for b in new], autojunk=False)
    out: list[tuple[Block, list[tuple[str, Token]]]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [(new[j], diff_tokens(old[i].tokens, new[j].tokens)) for i, j in zip(range(i1, i2), range(j1, j2))]
            continue
        for a, b in pair_alike(old[i1:i2], new[j1:j2], Block.words):
            if a is None:
                out.append((b, [("ins", t) for t in b.tokens]))
            elif b is None:
                out.append((a, [("del", t) for t in a.tokens]))
            else:
                out.append((b, diff_tokens(a.tokens, b.tokens)))
    return out


ALIKE = 0.5  # share of words two paragraphs (or clauses) must have in common to be one, edited


def pair_alike(olds: list, new: list, words) -> list[tuple]:
    """Pair old and new pieces in order where they are alike; the rest stand alone, in document order.

    Between two pairs, the old pieces that stand alone come before the new ones, as a
    redline reads: what was struck out, then what replaces it.
    """
    out: list[tuple] = []
    start = 0
    waiting: list[tuple] = []  # new pieces with no old one, until the next pair
    for b in new:
        best, best_ratio = None, ALIKE
        for index in range(start, len(olds)):
            ratio = difflib.SequenceMatcher(None, words(olds[index]), words(b), autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = index, ratio
        if best is None:
            waiting.append((None, b))
            continue
        out += [(a, None) for a in olds[start:best]] + waiting
        out.append((olds[best], b))
        start, waiting = best + 1, []
    return out + [(a, None) for a in olds[start:]] + waiting


def compare(old: list[Unit], new: list[Unit]) -> list[Change]:
    """Match parts by key (party id, clause id, signatory…) and compare the matched ones."""
    matcher = difflib.SequenceMatcher(None, [u.key for u in old], [u.key for u in new], autojunk=False)
    out: list[Change] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [edited(a, b) for a, b in zip(old[i1:i2], new[j1:j2])]
            continue
        # A clause whose id was changed but whose text is much the same is one clause, edited.
        for a, b in pair_alike(old[i1:i2], new[j1:j2], _clause_words):
            if a is None:
                out.append(Change(b, "added", [(k, [("ins", t) for t in k.tokens]) for k in b.blocks]))
            elif b is None:
                out.append(Change(a, "removed", [(k, [("del", t) for t in k.tokens]) for k in a.blocks]))
            else:
                out.append(edited(a, b))
    return out


def edited(old: Unit, new: Unit) -> Change:
    """Compare one part in both versions; changed unless only its numbers moved."""
    blocks = diff_blocks(old.blocks, new.blocks)
    changed = any(op and not token.numbering for _, ops in blocks for op, token in ops)
    return Change(new, "changed" if changed else "", blocks)


def _clause_words(unit: Unit) -> list[str]:
    """Return a clause's words for pairing; other parts (parties, signatures) never pair by text."""
    if unit.cls != "clause":
        return [unit.key]  # unique: only an identical key could match, and keys differ here
    return [w for block in unit.blocks for w in block.words()]


# ---------------------------------------------------------------------------------------
# The summary at the top


@dataclass(frozen=True)
class Summary:
    """What changed, for the box at the top: clause headings, party names, old → new values."""

    clauses_added: list[str]
    clauses_removed: list[str]
    clauses_changed: list[str]
    parties_added: list[str]
    parties_removed: list[str]
    values: list[tuple[str, str, str]]  # (what, old, new): dates, amounts, status, languages, presiding, signers
    clauses_moved: list[str] = field(default_factory=list)  # "Clause 3 Duties … (was Clause 4)"
    witnesses_added: list[str] = field(default_factory=list)
    witnesses_removed: list[str] = field(default_factory=list)


def heading_text(change: Change) -> str:
    """Return a clause's heading as printed ('ข้อ ๓ งบประมาณ')."""
    for block, ops in change.blocks:
        if block.tag == "h2":
            return "".join(t.text for op, t in ops if op != ("del" if change.state != "removed" else "ins")).strip()
    return change.unit.key


def _clause_number(change: Change) -> str:
    """Return a clause's number as its heading prints it ('ข้อ ๔')."""
    return next(
        (t.text.strip() for block, ops in change.blocks if block.tag == "h2" for _, t in ops if t.numbering),
        change.unit.key,
    )


def summarize(
    changes: list[Change],
    old: Agreement,
    new: Agreement,
    old_parties: dict[str, Party],
    new_parties: dict[str, Party],
    language: str,
) -> Summary:
    """Count clauses added, removed, changed and moved; list parties, witnesses and changed values."""
    clauses = [c for c in changes if c.unit.cls == "clause"]
    # A clause moved elsewhere is shown removed there and added here: the summary says "moved".
    removed_at = {c.unit.key: c for c in clauses if c.state == "removed"}
    moved = {c.unit.key for c in clauses if c.state == "added" and c.unit.key in removed_at}
    by_state = {
        state: [heading_text(c) for c in clauses if c.state == state and c.unit.key not in moved]
        for state in ("added", "removed", "changed")
    }
    # Shown whole in both places, a moved clause's edits do not stand out: the summary says so.
    moved_names = [
        say(
            "redline_moved_from"
            if _clause_words(c.unit) == _clause_words(removed_at[c.unit.key].unit)
            else "redline_moved_changed",
            heading=heading_text(c),
            old=_clause_number(removed_at[c.unit.key]),
        ).text(language)
        for c in clauses
        if c.state == "added" and c.unit.key in moved
    ]
    added = [new_parties[p].name.get(language) for p in new.parties if p not in old.parties]
    removed = [old_parties[p].name.get(language) for p in old.parties if p not in new.parties]
    old_witnesses = [person_in(w, language) for w in old.witnesses]
    new_witnesses = [person_in(w, language) for w in new.witnesses]
    return Summary(
        by_state["added"],
        by_state["removed"],
        by_state["changed"],
        added,
        removed,
        changed_values(old, new, language) + signatory_changes(old_parties, new_parties, language),
        moved_names,
        [w for w in new_witnesses if w not in old_witnesses],
        [w for w in old_witnesses if w not in new_witnesses],
    )


def _presiding(agreement: Agreement, language: str) -> str | None:
    """Return the presiding official as the signature block names them: name, position."""
    person = agreement.presiding
    return None if person is None else f"{person_in(person, language)}, {person.position.get(language)}"


def _signer(person: Person, language: str) -> str:
    """Return who signs as the signature block names them: name, position, on whose behalf."""
    parts = [person_in(person, language), person.position.get(language)]
    return ", ".join(parts + ([person.acting_for.get(language)] if person.acting_for else []))


def signatory_changes(
    old_parties: dict[str, Party], new_parties: dict[str, Party], language: str
) -> list[tuple[str, str, str]]:
    """Return, for each party in both versions whose signer reads differently in this language, (label, old, new)."""
    changes = []
    for party_id, party in new_parties.items():
        if party_id not in old_parties:
            continue  # an added party is said as such
        old, new = _signer(old_parties[party_id].signatory, language), _signer(party.signatory, language)
        if old != new:
            changes.append((say("redline_signatory", party=party.name.get(language)).text(language), old, new))
    return changes


def changed_values(old: Agreement, new: Agreement, language: str) -> list[tuple[str, str, str]]:
    """Return the dates, amounts, status, languages and presiding official that differ, as (label, old, new)."""
    date = thai.thai_date if language == "th" else thai.english_date
    amount = thai.thai_amount if language == "th" else thai.english_amount
    pairs: list[tuple[str | Message, Any, Any, Callable[[Any], str]]] = [
        ("redline_date", old.date, new.date, date),
        ("redline_start", old.duration.start, new.duration.start, date),
        ("redline_end", old.duration.end, new.duration.end, date),
        (
            "redline_budget",
            old.budget.amount if old.budget else None,
            new.budget.amount if new.budget else None,
            amount,
        ),
    ]
    pairs += [  # each named amount (amounts: {key: …}) that was added, removed or changed
        (say("redline_amount", key=key), old.amounts.get(key), new.amounts.get(key), amount)
        for key in dict.fromkeys([*old.amounts, *new.amounts])
    ]

    def languages(codes: list[str]) -> str:
        return (", " if language == "en" else "และ").join(say(f"language_{code}").text(language) for code in codes)

    pairs += [
        ("redline_status", old.status, new.status, lambda s: say(f"status_{s}").text(language)),
        ("redline_languages", old.languages, new.languages, languages),
        ("redline_presiding", _presiding(old, language), _presiding(new, language), str),
        (
            "redline_bilingual",
            old.bilingual_edition,
            new.bilingual_edition,
            lambda made: say("redline_yes" if made else "redline_no").text(language),
        ),
    ]
    none = say("redline_none_value").text(language)
    return [
        (
            (label if isinstance(label, Message) else say(label)).text(language),
            none if a is None else fmt(a),
            none if b is None else fmt(b),
        )
        for label, a, b, fmt in pairs
        if a != b
    ]


def summary_html(summary: Summary, old_label: str, new_label: str, language: str) -> str:
    """Return the summary box: counts, then the clauses, parties and values that changed."""

    def line(key: str, **values: object) -> str:
        return f"<p>{escape(say(key, **values).text(language))}</p>"

    joined = "; ".join if language == "en" else " ".join
    number = (lambda n: thai.thai_digits(str(n))) if language == "th" else str
    lines = [
        f"<h2>{escape(say('redline_title', old=old_label, new=new_label).text(language))}</h2>",
        line(
            "redline_counts",
            **{
                k: number(len(v))
                for k, v in (
                    ("added", summary.clauses_added),
                    ("removed", summary.clauses_removed),
                    ("changed", summary.clauses_changed),
                )
            },
        ),
    ]
    listed = (
        ("redline_clauses_added", summary.clauses_added),
        ("redline_clauses_removed", summary.clauses_removed),
        ("redline_clauses_changed", summary.clauses_changed),
        ("redline_clauses_moved", summary.clauses_moved),
        ("redline_parties_added", summary.parties_added),
        ("redline_parties_removed", summary.parties_removed),
        ("redline_witnesses_added", summary.witnesses_added),
        ("redline_witnesses_removed", summary.witnesses_removed),
    )
    lines += [line(key, names=joined(names)) for key, names in listed if names]
    lines += [line("redline_value", what=what, old=a, new=b) for what, a, b in summary.values]
    if not (summary.values or any(names for _, names in listed)):
        lines.append(line("redline_no_changes"))
    lines.append(line("redline_legend"))
    return '<aside class="redline-summary">' + "".join(lines) + "</aside>"


# ---------------------------------------------------------------------------------------
# The marked-up document


def tokens_html(ops: list[tuple[str, Token]]) -> str:
    """Write a paragraph's words back as HTML, inserted ones in <ins>, deleted ones in <del>."""
    out = []
    for op, token in ops:
        if token.atomic:
            tag, cls, ident = token.atomic
            if tag == "br":
                inner = "<br>"
            else:
                attrs = f' class="{escape(cls)}"' + (f' id="{escape(ident)}"' if ident and op != "del" else "")
                inner = f"<{tag}{attrs}>{escape(token.text)}</{tag}>"
        else:
            inner = escape(token.text)
        for tag, cls in reversed(token.wrap):
            inner = f"<{tag}{f' class={chr(34)}{escape(cls)}{chr(34)}' if cls else ''}>{inner}</{tag}>"
        out.append((op, inner))
    html = ""
    for op, inner in out:  # one <ins>/<del> per run of inserted or deleted words
        if op and html.endswith(f"</{op}>"):
            html = html[: -len(f"</{op}>")] + inner + f"</{op}>"
        else:
            html += f"<{op}>{inner}</{op}>" if op else inner
    return html


def _attrs(cls: str, extra: dict[str, str], state: str) -> str:
    """Return an opening tag's attributes: class, others, and data-change for a changed part."""
    text = f' class="{escape(cls)}"' if cls else ""
    text += "".join(f' {k}="{escape(v)}"' for k, v in extra.items())
    return text + (f' data-change="{state}"' if state else "")


def block_html(block: Block, ops: list[tuple[str, Token]], state: str = "") -> str:
    """Return one paragraph of the redline; state marks it in the margin (its part's state)."""
    return f"<{block.tag}{_attrs(block.cls, {}, state)}>{tokens_html(ops)}</{block.tag}>"


def change_html(change: Change) -> str:
    """Return one part of the redline (a signature block's cell is written by signatures_html)."""
    unit = change.unit
    if not unit.tag:
        block, ops = change.blocks[0]
        return block_html(block, ops, change.state)
    inner, in_list = "", False
    for block, ops in change.blocks:
        if (block.parent == "ol") != in_list:
            inner += '<ol class="items">' if not in_list else "</ol>"
            in_list = not in_list
        inner += block_html(block, ops)
    inner += "</ol>" if in_list else ""
    attrs = {k: v for k, v in unit.attrs.items() if not (change.state == "removed" and k == "id")}
    return f"<{unit.tag}{_attrs(unit.cls, attrs, change.state)}>{inner}</{unit.tag}>"


def signatures_html(cells: list[Change]) -> str:
    """Return signature blocks two to a row, in order, a block that stood alone still alone.

    A block added or removed whole gets a row of its own, so that the DOCX tracks the row:
    accepting or rejecting the change then leaves no empty cell.
    """
    rows: list[list[Change]] = []
    for cell in cells:
        alone = cell.unit.single or cell.state in ("added", "removed")
        if (
            rows
            and len(rows[-1]) == 1
            and not rows[-1][0].unit.single
            and not alone
            and rows[-1][0].state not in ("added", "removed")
        ):
            rows[-1].append(cell)
        else:
            rows.append([cell])
    html = ""
    for row in rows:
        tds = "".join(
            f"<td{_attrs('signature', {}, c.state)}>" + "".join(block_html(b, ops) for b, ops in c.blocks) + "</td>"
            for c in row
        )
        html += f'<table class="signatures{" single" if len(row) == 1 else ""}"><tr>{tds}</tr></table>'
    return html


# Where a change begins or ends between two Thai letters (…ชื่นชม</span></del><ins><span…>นาย…):
# the inline tags, closing ones first, then opening ones, at least one of them an <ins> or <del>.
_INLINE = "(?:ins|del|span|b|i|strong|em)"
CHANGE_EDGE = re.compile(rf"(?<=[\u0e01-\u0e5b])((?:</{_INLINE}>)*)((?:<{_INLINE}(?: [^>]*)?>)*)(?=[\u0e01-\u0e5b])")


def breakable_changes(html: str) -> str:
    """Let a PDF line break where a change meets Thai text: a ZERO WIDTH SPACE between the tags.

    Tokens are whole words, so each edge of a change is a word boundary; but mark_breaks
    segments the text between tags only, and without this mark an old name beside its new
    one (each kept whole) is one unbreakable run that overflows a signature cell. Only the
    PDF gets the mark: in the DOCX it would stay in the text after accepting the changes.
    """

    def mark(match: re.Match[str]) -> str:
        tags = match.group()
        return match[1] + ZWSP + match[2] if re.search(r"</?(?:ins|del)>", tags) else tags

    return CHANGE_EDGE.sub(mark, html)


def redline_html(new_html: str, changes: list[Change], summary: str, footer: str = "") -> str:
    """Return the whole redline document: the new version's head, the summary, the marked parts.

    The footer (every page: the agreement and both versions) replaces the version's own,
    whose fingerprint is that version's alone.
    """
    head_end = new_html.index("<body")
    head = new_html[:head_end].replace("</head>", f"<style>{REDLINE_CSS}</style>\n</head>", 1)
    body = [f'<footer class="page-footer">{escape(footer)}</footer>'] if footer else []
    body, cells = body + [summary], []
    for change in changes:
        if change.unit.tag == "td":
            cells.append(change)
            continue
        if cells:
            body.append(signatures_html(cells))
            cells = []
        body.append(change_html(change))
    if cells:
        body.append(signatures_html(cells))
    return head + "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"


# ---------------------------------------------------------------------------------------
# The command's work: find both versions, render them, write the redline PDF and DOCX


@dataclass
class Redline:
    """A redline made: its folder (relative to output/: <agreement>/diff-<old>-<new>), files and summaries."""

    folder: str
    files: dict[str, bytes]
    summaries: dict[str, Summary]
    html: dict[str, str]
    pages: dict[str, int]
    sources: tuple[Message, ...] = ()  # where each version was found
    warnings: list[Problem] = field(default_factory=list)  # cross-language mismatches let through
    notes: list[Message] = field(default_factory=list)  # what the clerk should know: a language left out
    labels: tuple[str, str] = ("", "")  # the versions as named on the command line, old and new


def folder_name(old: str, new: str) -> str:
    """Return diff-<old>-<new>, with characters unfit for a folder name (git:HEAD~1) replaced."""

    def clean(label: str) -> str:
        return re.sub(r"[^0-9A-Za-z._+-]", "_", label)

    return f"diff-{clean(old)}-{clean(new)}"


def located_warnings(projects: list[Project], versions: list[VersionRecords], agreement_id: str) -> list[Problem]:
    """Return both versions' allowed mismatches, each labelled with its version ('[1.0] agreements/…').

    A mismatch the new version still has is said once, at the new version's line.
    """
    old, new = (p.warnings.get(agreement_id, []) for p in projects)
    return (relabel(MouError(new), versions[1]).problems if new else []) + (
        relabel(MouError(gone), versions[0]).problems if (gone := [w for w in old if w not in new]) else []
    )


def make_redline(
    layout: Layout,
    agreement_id: str,
    old_label: str,
    new_label: str,
    formats: tuple[str, ...] = ("pdf", "docx"),
    allow_mismatch: bool = False,
) -> Redline:
    """Find both versions, render them with the current templates and mark what changed.

    A draft under negotiation may not yet say the same in both languages: allow_mismatch
    keeps such mismatches as the redline's warnings instead of refusing it.
    """
    if not ID_PATTERN.match(agreement_id):
        raise UsageError(Problem("command line", say("bad_id", value=agreement_id)))
    if old_label == new_label:
        raise UsageError(Problem("command line", say("diff_same_version", version=old_label)))
    versions = [find_version(layout.root, layout.output, agreement_id, label) for label in (old_label, new_label)]
    with tempfile.TemporaryDirectory(prefix="mou-diff-") as scratch:
        projects = []
        for records in versions:
            root = materialize(records, layout.templates, Path(scratch))
            try:
                # The scratch project's templates/ is a link to the current templates (materialize).
                projects.append(load(Layout(root, layout.output), allow_mismatch))
            except MouError as exc:
                raise relabel(exc, records) from None
        (old_project, new_project) = projects
        old, new = (p.agreements[agreement_id] for p in projects)
        # Each party as the version shows it: with who signs that version for it.
        old_parties = dict(zip(old.parties, old_project.parties_of(agreement_id)))
        new_parties = dict(zip(new.parties, new_project.parties_of(agreement_id)))
        env = make_environment(layout.templates)
        names = [
            frozenset().union(*parts)
            for parts in zip(proper_names(old_project, agreement_id), proper_names(new_project, agreement_id))
        ]
        tokenizer = Tokenizer(names[0])
        hosts = name_hosts(old_project, agreement_id) | name_hosts(new_project, agreement_id)
        when = build_time(new.date)
        result = Redline(
            f"{agreement_id}/{folder_name(old_label, new_label)}",
            {},
            {},
            {},
            {},
            (versions[0].source, versions[1].source),
            located_warnings(projects, versions, agreement_id),
            labels=(old_label, new_label),
        )
        for made, lacking, records in ((old, new, versions[1]), (new, old, versions[0])):
            for language in [lang for lang in made.languages if lang not in lacking.languages]:
                result.notes.append(
                    say("diff_language_dropped", language=say(f"language_{language}"), version=records.label)
                )
        common = [lang for lang in new.languages if lang in old.languages]
        if not common:
            raise UsageError(Problem("command line", say("diff_no_common_language", old=old_label, new=new_label)))
        labels = [v.label if v.label == v.version else f"{v.version} ({v.label})" for v in versions]
        for language in common:
            try:
                old_doc = render_html(env, layout.templates, agreement_id, old, list(old_parties.values()), language)
                new_doc = render_html(env, layout.templates, agreement_id, new, list(new_parties.values()), language)
            except MouError as exc:
                raise relabel(exc, versions[1]) from None
            changes = compare(units(old_doc.html, old, tokenizer), units(new_doc.html, new, tokenizer))
            summary = summarize(changes, old, new, old_parties, new_parties, language)
            footer = f"{agreement_id} · " + say("redline_footer", old=old_label, new=new_label).text(language)
            html = redline_html(new_doc.html, changes, summary_html(summary, labels[0], labels[1], language), footer)
            result.summaries[language], result.html[language] = summary, html
            stem = f"{agreement_id}.{language}.redline"
            if "pdf" in formats:
                pdf = render_pdf(
                    mark_breaks(breakable_changes(html), names[0], names[1], hosts=hosts),
                    new_doc.base_dir,
                    [layout.templates, layout.assets],
                    f"{agreement_id} {old_label} → {new_label} ({language})",
                    when=when.when,
                    signature_fields=False,
                )
                result.files[f"{stem}.pdf"], result.pages[language] = pdf.data, pdf.pages
            if "docx" in formats:
                # Fonts as in the agreement's own DOCX: the bundled Sarabun inside, or the installed font named.
                family, fonts = (new.docx_font, None) if new.docx_font else ("Sarabun", layout.fonts)
                # Units held as in the agreement's own DOCX, within each unchanged, inserted or deleted
                # piece of text: a unit that a change cuts may break at the change's edges.
                font = layout.fonts / "Sarabun-Regular.ttf"
                held = office_breaks(
                    html,
                    (office_units(old_project, agreement_id) | office_units(new_project, agreement_id))
                    if language != "en"
                    else frozenset(),
                    names[2],
                    functools.partial(fits_line, font=font, room=RUNNING_LINE_PT),
                    functools.partial(fits_signature_cell, font=font, language=language),
                )
                result.files[f"{stem}.docx"] = html_to_docx(held, family, timestamp=when.when, fonts=fonts)
    return result


def write_redline(layout: Layout, redline: Redline) -> list[Path]:
    """Write a redline's files into output/<agreement>/diff-<old>-<new>/ in one swap, and list it in index.html."""
    about = {
        "agreement": redline.folder.split("/", 1)[0],
        "old": redline.labels[0],
        "new": redline.labels[1],
        "pages": redline.pages,
    }
    files = {**redline.files, DIFF_FILE: json.dumps(about, ensure_ascii=False, sort_keys=True).encode("utf-8")}
    with output_lock(layout.output):
        written = write_files(layout.output, Path(redline.folder), files)
        write_index_after(layout.output, [redline.folder])
    return [path for path in written.files if path.name != DIFF_FILE]
