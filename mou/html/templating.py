"""The Jinja stage: one semantic HTML document per agreement and language."""

from __future__ import annotations

import contextlib
import datetime
import functools
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import jinja2
from fontTools.ttLib import TTFont
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape
from pydantic import BaseModel

from mou.core.cache import cache_key, cached_entry, file_digest, store_entry
from mou.core.errors import InputError, Problem, display_path
from mou.core.messages import say
from mou.language import thai
from mou.language.english import english_ordinary_words, place_name_words, place_runs
from mou.records.instrument import instrument_names
from mou.records.model import AMOUNT_REFERENCE, Agreement, Bilingual, Party, Person

TEMPLATE_SUFFIX = ".html"
# A rendered document is tens of kilobytes (records' texts are limited, records.md); a template
# that makes more is runaway, and is stopped before it holds the memory. Under 10 MB of UTF-8
# even in Thai (3 bytes a character), the most an HTML parser reads in one text by default.
MAX_OUTPUT = 3_000_000  # characters
# The seconds one document may take to render, unless the environment variable says otherwise.
RENDER_SECONDS = 60.0
RENDER_SECONDS_VARIABLE = "MOU_RENDER_SECONDS"


class TemplateLimit(Exception):
    """A template went past a limit: the message key says which."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Document:
    """One rendered HTML document and where its relative URLs resolve."""

    agreement_id: str
    language: str
    html: str
    base_dir: Path


def template_names(templates_dir: Path) -> set[str]:
    """List the templates: folders of templates/ holding one HTML file per language."""
    if not templates_dir.is_dir():
        return set()
    return {p.name for p in templates_dir.iterdir() if p.is_dir() and any(p.glob(f"*{TEMPLATE_SUFFIX}"))}


class RecordSandbox(ImmutableSandboxedEnvironment):
    """A sandbox in which a record shows its fields and nothing else (no model methods)."""

    # Repetition and powers can make a value of any size in one step ('x' * 10**9): they are
    # checked before they run, and a template cannot fold them into a constant either.
    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        """Refuse a repetition or a power whose result would be larger than any document."""
        if _too_large(operator, left, right):
            raise TemplateLimit("template_too_large")
        return super().call_binop(context, operator, left, right)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Allow a record's declared fields; refuse its methods (parse_file reads files)."""
        if isinstance(obj, BaseModel):
            return attr in type(obj).model_fields
        return super().is_safe_attribute(obj, attr, value)


def _too_large(operator: str, left: Any, right: Any) -> bool:
    """Tell whether left * right or left ** right would be larger than any document."""
    if operator == "*":
        return any(
            isinstance(sequence, (str, list, tuple)) and isinstance(times, int) and len(sequence) * times > MAX_OUTPUT
            for sequence, times in ((left, right), (right, left))
        )
    if isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
        return right * abs(left).bit_length() > MAX_OUTPUT
    return False


# What a compiled template depends on besides its name and source: Jinja and Python, and
# this module, which sets the environment's options, sandbox and filters up.
_COMPILED_WITH = f"{jinja2.__version__}\0{sys.version}\0{file_digest(__file__)}"


class StoredBytecode(jinja2.BytecodeCache):
    """Keep each template's compiled code in mou's cache folder, for the next process to load instead of compiling.

    An entry is named by the template's name, file and source and by what compiling depends
    on (_COMPILED_WITH), and checked against its own SHA-256 before it is loaded; a missing
    or damaged one is compiled again. Jinja checks its own version header and the source's
    checksum too.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill the bucket from the cache, if it holds this template's code."""
        found = cached_entry("jinja-bytecode", self._key(bucket))
        if found is not None:
            bucket.bytecode_from_string(found)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Store a freshly compiled template's code."""
        store_entry("jinja-bytecode", self._key(bucket), bucket.bytecode_to_string())

    @staticmethod
    def _key(bucket: jinja2.bccache.Bucket) -> str:
        """Return the cache entry's name for a template."""
        return cache_key("jinja bytecode", _COMPILED_WITH, bucket.key, bucket.checksum)


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """Create the sandboxed, autoescaping, strict Jinja environment with mou's filters."""
    env = RecordSandbox(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=StoredBytecode(),
    )
    env.globals["signature_rows"] = lambda people, role="", language="th", unequal=False: signature_rows(
        people, role, language, templates_dir / "fonts" / "Sarabun-Regular.ttf", unequal
    )
    env.globals["signature_cells"] = lambda people, row, role="", language="th": signature_cells(
        people, row, role, language, templates_dir / "fonts" / "Sarabun-Regular.ttf"
    )
    env.filters.update(
        thai_digits=thai.thai_digits,
        thai_date=thai_date_markup,
        thai_day_month_year=lambda d: keep_together(thai.thai_day_month_year(d), _thai_date_units(d)),
        english_date=lambda d: keep_together(thai.english_date(d), [thai.english_date(d)]),
        thai_amount=thai_amount_markup,
        english_amount=english_amount_markup,
        # the places of the agreement's records, for English running text (see english_places)
        with_amounts=jinja2.pass_context(
            lambda ctx, text, amounts, language: with_amounts(
                text, amounts, language, ctx.get("place_words", frozenset())
            )
        ),
        english_places=jinja2.pass_context(lambda ctx, text: english_places(text, ctx.get("place_words", frozenset()))),
        english_signature_position=lambda text: english_signature_position(
            text, templates_dir / "fonts" / "Sarabun-Regular.ttf"
        ),
        english_proper=english_proper,
        thai_words=thai.thai_number_words,
        english_words=thai.english_number_words,
        thai_person=lambda p: thai.thai_person(p.prefix.th if p.prefix else "", p.name.th),
        english_person=lambda p: thai.english_person(p.prefix.en if p.prefix else "", p.name.en),
    )
    return env


@functools.lru_cache(maxsize=4)
def shared_environment(templates_dir: Path, files_digest: str) -> jinja2.Environment:
    """Return one environment per templates folder and digest of its files, reused by a batch.

    Each template is compiled once per process instead of once per agreement; a changed
    template file changes the digest (a file time could miss an edit), hence a fresh
    environment. Callers set the per-agreement `stamp` global before each render.
    """
    return make_environment(templates_dir)


def keep_together(text: str, units: list[str]) -> Markup:
    """Escape text, wrapping each unit in a nowrap span so no line break falls inside it."""
    result = escape(text)
    for unit in units:
        result = result.replace(escape(unit), Markup('<span class="nowrap">{}</span>').format(unit), 1)
    return Markup(result)


# A word as an English text writes it, with what clings to it (“Moo 1,” has two).
ENGLISH_WORD = re.compile(r"\S+")


def english_proper(text: str, whole: Callable[[str], bool] | None = None) -> Markup:
    """Escape an English organization name or address: its runs of names in proper spans, its ordinary words not.

    A word is ordinary when it starts in lower case (of, at) or is one of english_ordinary_words()
    (Subdistrict, Committee); a run of other words up to a comma (Chum Phae) is never hyphenated
    and breaks between its words, and a word with its number (Moo 15) stays on one line, as
    does any run `whole` says to keep whole.
    """
    runs: list[tuple[int, int]] = []  # where each run of names starts and ends
    for match in ENGLISH_WORD.finditer(text):
        letters = match[0].strip("(),.;:“”\"'")
        number = letters[:1].isdigit()
        name = letters[:1].isupper() and letters not in english_ordinary_words()
        open_run = bool(runs) and runs[-1][1] == match.start() - 1 and text[runs[-1][1] - 1] not in ",;"
        # a number goes with a single word before it (Moo 1, Soi 5), not after a place (Khon Kaen 40130)
        if name or number and open_run and " " not in text[runs[-1][0] : runs[-1][1]]:
            runs[-1:] = [(runs[-1][0], match.end())] if open_run else [*runs[-1:], (match.start(), match.end())]
    result, last = Markup(), 0
    for start, end in runs:
        run = text[start:end]
        numbered = len(run.split()) == 2 and run.split()[1][:1].isdigit()
        held = numbered or whole is not None and whole(run)
        inner = Markup('<span class="nowrap">{}</span>').format(run) if held else run
        result += escape(text[last:start]) + Markup('<span class="proper">{}</span>').format(inner)
        last = end
    return result + escape(text[last:])


def thai_amount_markup(amount: Decimal) -> Markup:
    """Return "๑๕๐,๐๐๐ บาท (หนึ่งแสนห้าหมื่นบาทถ้วน)" with its figures and บาท kept together."""
    return keep_together(thai.thai_amount(amount), [thai.thai_digits(thai.format_amount(amount)) + " บาท"])


def english_amount_markup(amount: Decimal) -> Markup:
    """Return "THB 150,000 (one hundred and fifty thousand baht)" with THB and its figures kept together."""
    return keep_together(thai.english_amount(amount), ["THB " + thai.format_amount(amount)])


def with_amounts(text: str, amounts: dict[str, Decimal], language: str, places: frozenset[str] = frozenset()) -> Markup:
    """Escape a clause's text, printing each {amount:<key>} in digits and words (validation checked the keys).

    In English, the place names in it are never hyphenated (english_places, with these words of `places`).
    """
    amount_markup = thai_amount_markup if language == "th" else english_amount_markup

    def plain(piece: str) -> Markup:
        return escape(piece) if language == "th" else english_places(piece, places)

    result, last = Markup(), 0
    for match in AMOUNT_REFERENCE.finditer(text):
        result += plain(text[last : match.start()]) + amount_markup(amounts[match["key"].strip()])
        last = match.end()
    return result + plain(text[last:])


def english_places(text: str, places: frozenset[str] = frozenset()) -> Markup:
    """Escape English running text with each run of Thailand's place names in a proper span, never hyphenated (Chi‐|ang Mai).

    The place words are the bundled names' and `places`, the agreement's records' own
    (place_name_words); see english.place_runs.
    """
    result, last = Markup(), 0
    for start, end in place_runs(text, places):
        result += escape(text[last:start]) + Markup('<span class="proper">{}</span>').format(text[start:end])
        last = end
    return result + escape(text[last:])


def _thai_date_units(d: datetime.date, day_word: str = "") -> list[str]:
    """Return the parts of a Thai date that must stay on one line: the day (with วันที่) and month, and the year."""
    return [
        thai.thai_digits(f"{day_word}{d.day} {thai.THAI_MONTHS[d.month - 1]}"),
        thai.thai_digits(f"พ.ศ. {thai.buddhist_year(d.year)}"),
    ]


def thai_date_markup(d: datetime.date) -> Markup:
    """Return "วันที่ ๑ กันยายน พ.ศ. ๒๕๖๓" with its day, month and year kept together."""
    return keep_together(thai.thai_date(d), _thai_date_units(d, "วันที่ "))


# Half the text width (16 cm) less a little air: the widest a block may be to share a row.
LINE_PT = 16 / 2.54 * 72
HALF_LINE_PT = LINE_PT / 2 - 6
# Unequal columns (signature_cells): the air each block keeps, at least the padding of its cell
# (style.css; the DOCX's unequal cells have none), and the fewest dots a narrowed signing line keeps.
CELL_AIR_PT = 8.0
# LibreOffice lays a line of Sarabun up to about 0.02 pt wider than text_width sums its advances
# (measured on names at 14 pt in cells 0.1 pt apart): a DOCX cell keeps this much more room than
# the line it was measured to hold (docx/render.py).
OFFICE_SLACK_PT = 0.05
FEWEST_DOTS = 16
SIGNATURE_PT = 16
# The English edition's signature blocks (style.css): four English lines (signing line, name and
# a position that takes two lines in half the line) in the height of the Thai block's three
# (3 x 21.6 pt = 4 x 16.2 pt), so an English row is no taller than a Thai one. Latin needs no
# room for stacked marks; at 14 pt two "(Acting Sub-Lt. …)" names fit side by side.
ENGLISH_SIGNATURE_PT = 14
ENGLISH_SIGNATURE_LINE_PT = 16.2
# A column of the side-by-side edition (style.css, table.parallel): half the text width less the gutter.
COLUMN_PT = (16 / 2 - 0.3) / 2.54 * 72
# Each edition's signing line as its template prints it (th.html, en.html, th-en.html). English has
# fewer dots than Thai: "(Signed) … Witness" must fit half a line, as "(ลงชื่อ) … พยาน" does; set
# at ENGLISH_SIGNATURE_PT, 27 dots leave as much room to sign as 24 did at 16 pt.
SIGNING_LINES = {
    "th": "(ลงชื่อ) ..............................",
    "en": "(Signed) ...........................",
    "th-en": "(ลงชื่อ / Signed) ........................",  # fewer dots, a longer label
}


@functools.lru_cache(maxsize=4)
def _advances(state: tuple[str, int, int, int]) -> tuple[dict[int, int], int]:
    """Return the advance width per character and the units per em of a font file in one state (a changed file is read anew)."""
    with TTFont(state[0], lazy=True) as face:
        cmap, metrics = face.getBestCmap(), face["hmtx"]
        return {code: metrics[glyph][0] for code, glyph in cmap.items()}, face["head"].unitsPerEm


def _font_state(font: Path) -> tuple[str, int, int, int]:
    """Return what tells one version of a font file from another: its path, size and change times.

    The ctime moves with every write, even one that puts the modification time back.
    """
    found = font.stat()
    return str(font.resolve()), found.st_size, found.st_mtime_ns, found.st_ctime_ns


def text_width(text: str, font: Path, size: float = SIGNATURE_PT) -> float:
    """Return the width in points of a line of text set in the bundled font (marks take none)."""
    advances, units = _advances(_font_state(font))
    return sum(advances.get(ord(char), units // 2) for char in text) * size / units


def signature_size(language: str) -> float:
    """Return the size of an edition's signature blocks: smaller in the English edition (style.css)."""
    return ENGLISH_SIGNATURE_PT if language == "en" else SIGNATURE_PT


def name_width(person: Person, language: str, font: Path) -> float:
    """Return the width of a signature block's widest name line, never broken: "(name)" in each language."""
    size = signature_size(language)
    return max(text_width(f"({person_in(person, lang)})", font, size) for lang in language.split("-"))


def signing_width(language: str, role: str, font: Path, dots: int | None = None) -> float:
    """Return the width of a block's signing line as its edition sets it."""
    return text_width(signing_line(language, role, dots), font, signature_size(language))


def signing_line(language: str, role: str, dots: int | None = None) -> str:
    """Return a block's signing line, with its edition's dots or as many as given."""
    label, default = SIGNING_LINES[language].rsplit(" ", 1)
    return f"{label} {'.' * (len(default) if dots is None else dots)}" + (f" {role}" if role else "")


def signature_rows(
    people: list[Person], role: str, language: str, font: Path, unequal: bool = False
) -> list[list[int]]:
    """Pair signature blocks two to a row, unless a name or signing line is too wide to share one.

    The side-by-side edition ("th-en") prints both names in each block: both must fit. With
    unequal, two blocks also pair when one is wider than half the line but both fit it side
    by side, the narrower signing line keeping fewer dots (signature_cells gives the widths).
    """

    def fits(person: Person) -> bool:
        return max(name_width(person, language, font), signing_width(language, role, font)) <= HALF_LINE_PT

    def fit_unequal(first: Person, second: Person) -> bool:
        narrowest = signing_width(language, role, font, FEWEST_DOTS)
        needs = [max(name_width(person, language, font), narrowest) + CELL_AIR_PT for person in (first, second)]
        return sum(needs) <= LINE_PT

    rows: list[list[int]] = []
    index = 0
    while index < len(people):
        pair = people[index : index + 2]
        if len(pair) == 2 and (all(fits(p) for p in pair) or unequal and fit_unequal(*pair)):
            rows.append([index, index + 1])
            index += 2
        else:
            rows.append([index])
            index += 1
    return rows


def signature_cells(
    people: list[Person], row: list[int], role: str, language: str, font: Path
) -> list[tuple[float, int]]:
    """Return each block of a row's width (% of the line) and the dots of its signing line.

    Two blocks that both fit half the line get half each, with the edition's dots. When one
    is wider, it gets what it needs and the other the rest, whose signing line keeps as many
    dots as fit it.
    """
    default = len(SIGNING_LINES[language].rsplit(" ", 1)[1])
    if len(row) < 2:
        return [(100.0, default)] * len(row)
    names = [name_width(people[i], language, font) for i in row]
    line = signing_width(language, role, font)
    if max(*names, line) <= HALF_LINE_PT:
        return [(50.0, default)] * 2
    dot = text_width(".", font, signature_size(language))
    narrowest = signing_width(language, role, font, FEWEST_DOTS)
    needs = [max(name, narrowest) + CELL_AIR_PT for name in names]
    wide = max(range(2), key=lambda k: names[k])
    widths = [0.0, 0.0]
    # The wider block takes room for its whole signing line only while the other keeps what it needs.
    widths[wide] = max(needs[wide], min(line + CELL_AIR_PT, LINE_PT - needs[1 - wide]))
    widths[1 - wide] = LINE_PT - widths[wide]
    cells = []
    for width in widths:
        room = width - CELL_AIR_PT - signing_width(language, role, font, 0)
        cells.append((round(100 * width / LINE_PT, 2), min(default, int(room // dot))))
    return cells


def english_signature_position(text: str, font: Path) -> Markup:
    """Escape a position for an English signature block, each place in it (Khua Riang, Non Sa-at) on one line.

    A centred line has no gaps to fill, so a place is held whole whenever it fits the narrowest
    block (its signing line with the fewest dots); a longer run breaks between its words.
    """
    room = signing_width("en", "", font, FEWEST_DOTS)
    return english_proper(text, lambda run: text_width(run, font, ENGLISH_SIGNATURE_PT) <= room)


def context(agreement_id: str, agreement: Agreement, parties: list[Party], language: str) -> dict[str, Any]:
    """Return what a template sees: the records as they are, and the language."""
    return {
        "id": agreement_id,
        "agreement": agreement,
        "parties": parties,
        "language": language,
        "languages": agreement.languages,
        "prevailing": agreement.prevailing_language,
        "instrument": instrument_names(agreement),  # what the text calls the document
        "place_words": place_name_words(
            t.en for t in [agreement.place, *(p.address for p in parties)] if t is not None and t.en
        ),
    }


def render_html(
    env: jinja2.Environment,
    templates_dir: Path,
    agreement_id: str,
    agreement: Agreement,
    parties: list[Party],
    language: str,
) -> Document:
    """Render one language of one agreement to HTML, reporting template errors by line."""
    name = f"{agreement.template}/{language}{TEMPLATE_SUFFIX}"
    seconds = render_seconds(os.environ)
    try:
        template = env.get_template(name)
        with time_limit(seconds):
            html = limited_render(template, context(agreement_id, agreement, parties, language))
    except (TemplateLimit, RecursionError, MemoryError) as exc:
        key = exc.key if isinstance(exc, TemplateLimit) else "template_too_deep"
        key = "template_too_large" if isinstance(exc, MemoryError) else key
        message = say(
            key, id=agreement_id, limit=f"{MAX_OUTPUT:,}", seconds=f"{seconds:g}", variable=RENDER_SECONDS_VARIABLE
        )
        raise InputError(Problem(f"templates/{name}", message, _template_line(exc, name))) from None
    except jinja2.TemplateSyntaxError as exc:
        shown = display_path(Path(exc.filename or templates_dir / name), templates_dir.parent)
        raise InputError(Problem(shown, say("template_syntax", detail=exc.message), exc.lineno)) from None
    except jinja2.TemplateNotFound as exc:
        if exc.name == name:
            raise InputError(
                Problem(
                    f"templates/{name}", say("no_edition", template=agreement.template, language=language, name=name)
                )
            ) from None
        raise InputError(
            Problem(f"templates/{name}", say("include_missing", name=exc.name), _template_line(exc, name))
        ) from None
    except (
        jinja2.UndefinedError,
        jinja2.exceptions.SecurityError,
        TypeError,
        KeyError,
        AttributeError,
        ValueError,
    ) as exc:
        line = _template_line(exc, name)
        raise InputError(
            Problem(f"templates/{name}", say("template_error", id=agreement_id, detail=exc), line)
        ) from None
    return Document(agreement_id, language, html, templates_dir / agreement.template)


def limited_render(template: jinja2.Template, values: dict[str, Any]) -> str:
    """Render a template piece by piece, stopping once the output passes MAX_OUTPUT."""
    parts, size = [], 0
    pieces = cast(Generator[str, None, None], template.generate(values))  # jinja2 returns a generator
    for part in pieces:
        size += len(part)
        if size > MAX_OUTPUT:
            # Raised where the template stands, so the error carries the template's line.
            pieces.throw(TemplateLimit("template_too_large"))
        parts.append(part)
    return "".join(parts)


def render_seconds(environ: Mapping[str, str]) -> float:
    """Return the render time limit per document, from the environment or the default."""
    value = environ.get(RENDER_SECONDS_VARIABLE, "")
    if not value:
        return RENDER_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise InputError(say("bad_render_seconds", variable=RENDER_SECONDS_VARIABLE, value=value))
    return seconds


def _stop(signum: int, frame: object) -> None:
    """Stop a render that ran past its time (a signal handler)."""
    raise TemplateLimit("template_too_slow")


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the body after seconds of wall time, with TemplateLimit.

    A timer signal can only be handled by the main thread; elsewhere the output limit alone
    holds (the build renders in the main thread of each process).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _template_line(exc: BaseException, name: str) -> int | None:
    """Find the template line an exception was raised from, from its traceback."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def text_in(value: Bilingual | None, language: str) -> str:
    """Return a bilingual value's text in one language, or an empty string."""
    return value.get(language) if value is not None else ""


def person_in(person: Person, language: str) -> str:
    """Return a person's full name with prefix, as written in one language."""
    prefix = text_in(person.prefix, language)
    name = person.name.get(language)
    return thai.thai_person(prefix, name) if language == "th" else thai.english_person(prefix, name)
