"""The Jinja stage: one semantic HTML document per agreement and language."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from fontTools.ttLib import TTFont
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape
from pydantic import BaseModel

from mou.core.errors import InputError, Problem, display_path
from mou.core.messages import say
from mou.language import thai
from mou.records.model import AMOUNT_REFERENCE, Agreement, Bilingual, Party, Person

TEMPLATE_SUFFIX = ".html"


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

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Allow a record's declared fields; refuse its methods (parse_file reads files)."""
        if isinstance(obj, BaseModel):
            return attr in type(obj).model_fields
        return super().is_safe_attribute(obj, attr, value)


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """Create the sandboxed, autoescaping, strict Jinja environment with mou's filters."""
    env = RecordSandbox(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["signature_rows"] = lambda people, role="", language="th": signature_rows(
        people, role, language, templates_dir / "fonts" / "Sarabun-Regular.ttf"
    )
    env.filters.update(
        thai_digits=thai.thai_digits,
        thai_date=thai_date_markup,
        thai_day_month_year=lambda d: keep_together(thai.thai_day_month_year(d), _thai_date_units(d)),
        english_date=lambda d: keep_together(thai.english_date(d), [thai.english_date(d)]),
        thai_amount=thai_amount_markup,
        english_amount=english_amount_markup,
        with_amounts=with_amounts,
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


def thai_amount_markup(amount: Decimal) -> Markup:
    """Return "๑๕๐,๐๐๐ บาท (หนึ่งแสนห้าหมื่นบาทถ้วน)" with its figures and บาท kept together."""
    return keep_together(thai.thai_amount(amount), [thai.thai_digits(thai.format_amount(amount)) + " บาท"])


def english_amount_markup(amount: Decimal) -> Markup:
    """Return "THB 150,000 (one hundred and fifty thousand baht)" with THB and its figures kept together."""
    return keep_together(thai.english_amount(amount), ["THB " + thai.format_amount(amount)])


def with_amounts(text: str, amounts: dict[str, Decimal], language: str) -> Markup:
    """Escape a clause's text, printing each {amount:<key>} in digits and words (validation checked the keys)."""
    amount_markup = thai_amount_markup if language == "th" else english_amount_markup
    result, last = Markup(), 0
    for match in AMOUNT_REFERENCE.finditer(text):
        result += escape(text[last : match.start()]) + amount_markup(amounts[match["key"].strip()])
        last = match.end()
    return result + escape(text[last:])


def _thai_date_units(d: datetime.date) -> list[str]:
    """Return the parts of a Thai date that must stay on one line: day+month, and the year."""
    return [
        thai.thai_digits(f"{d.day} {thai.THAI_MONTHS[d.month - 1]}"),
        thai.thai_digits(f"พ.ศ. {thai.buddhist_year(d.year)}"),
    ]


def thai_date_markup(d: datetime.date) -> Markup:
    """Return "วันที่ ๑ กันยายน พ.ศ. ๒๕๖๓" with its day, month and year kept together."""
    return keep_together(thai.thai_date(d), _thai_date_units(d))


# Half the text width (16 cm) less a little air: the widest a block may be to share a row.
HALF_LINE_PT = 16 / 2.54 * 72 / 2 - 6
SIGNATURE_PT = 16
# A column of the side-by-side edition (style.css, table.parallel): half the text width less the gutter.
COLUMN_PT = (16 / 2 - 0.3) / 2.54 * 72
DOTS = "(ลงชื่อ) .............................."
BILINGUAL_DOTS = "(ลงชื่อ / Signed) ........................"  # th-en.html: fewer dots, a longer label


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


def signature_rows(people: list[Person], role: str, language: str, font: Path) -> list[list[int]]:
    """Pair signature blocks two to a row, unless a name or signing line is too wide to share one.

    The side-by-side edition ("th-en") prints both names in each block: both must fit.
    """

    def name_width(person: Person, lang: str) -> float:
        return text_width(f"({person_in(person, lang)})", font)

    def fits(person: Person) -> bool:
        dots = BILINGUAL_DOTS if "-" in language else DOTS
        widths = [name_width(person, lang) for lang in language.split("-")]
        return max(*widths, text_width(f"{dots} {role}", font)) <= HALF_LINE_PT

    rows: list[list[int]] = []
    index = 0
    while index < len(people):
        if index + 1 < len(people) and fits(people[index]) and fits(people[index + 1]):
            rows.append([index, index + 1])
            index += 2
        else:
            rows.append([index])
            index += 1
    return rows


def context(agreement_id: str, agreement: Agreement, parties: list[Party], language: str) -> dict[str, Any]:
    """Return what a template sees: the records as they are, and the language."""
    return {
        "id": agreement_id,
        "agreement": agreement,
        "parties": parties,
        "language": language,
        "languages": agreement.languages,
        "prevailing": agreement.prevailing_language,
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
    try:
        template = env.get_template(name)
        html = template.render(context(agreement_id, agreement, parties, language))
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
