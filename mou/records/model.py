"""Typed records: parties and agreements, as the templates see them."""

from __future__ import annotations

import ast
import datetime
import inspect
import re
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from mou.core.ids import ID_PATTERN, is_version
from mou.language.characters import (
    char_values,
    latin_lookalikes,
    mixed_digits,
    refused_character,
    stray_marks,
    thai_spelling,
    unnormalized,
)
from mou.records.eras import (
    BUDDHIST_YEARS,
    FIRST_CONVERTIBLE,
    LAST_CONVERTIBLE,
    THAI_WRITTEN_PATTERN,
    buddhist_context,
    thai_written_date,
)
from mou.records.numbers import AsWritten

LANGUAGES = ("th", "en")
# Limits far above any real agreement (the largest known has 300 parties and 40 witnesses),
# low enough that a runaway file fails at once with a message instead of exhausting memory.
MAX_TEXT = 100_000  # characters in one text
MAX_PARTIES = 1_000
MAX_WITNESSES = 500
MAX_CLAUSES = 1_000
MAX_ITEMS = 1_000  # sub-items of one clause, and party lines of the title block
Language = Literal["th", "en"]


def clean_text(value: str) -> str:
    """Refuse empty, over-long and hidden-character text, and Thai typed in an order that prints wrong."""
    if not value.strip():
        raise PydanticCustomError("empty_text", "is empty")
    if len(value) > MAX_TEXT:
        raise PydanticCustomError(
            "text_too_long", "is too long", {"length": f"{len(value):,}", "limit": f"{MAX_TEXT:,}", "index": 1}
        )
    for index, char in enumerate(value):
        refused = refused_character(char)
        if refused:
            raise PydanticCustomError(
                refused, "contains a character it may not", {"index": index + 1} | char_values(char)
            )
    if "\t" in value:  # a table typed with tabs: the page shows one space where each column was
        raise PydanticCustomError("tab_in_text", "contains a tab", {"index": value.index("\t") + 1})
    for finding in (
        thai_spelling(value) + latin_lookalikes(value) + unnormalized(value) + stray_marks(value) + mixed_digits(value)
    )[:1]:
        raise PydanticCustomError(finding.key, "Thai spelling", {"index": finding.index + 1} | finding.values)
    return value.strip()


def check_id(value: str) -> str:
    """Accept ids that are safe as file names: lower-case letters, digits and hyphens."""
    if not ID_PATTERN.match(value):
        raise PydanticCustomError("bad_id", "not a valid id", {"value": value})
    return value


def plain_number(value: object) -> object:
    """Let only numbers (or digit strings) through to Decimal: never booleans or dates."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise PydanticCustomError("number_expected", "must be a number")
    return value


def common_era(value: datetime.date) -> datetime.date:
    """Refuse a year that looks Buddhist-era (2400–2700), naming the common-era date meant."""
    if value.year in BUDDHIST_YEARS:
        key, values = buddhist_context(value.year, value.month, value.day)
        raise PydanticCustomError(key, "looks like a Buddhist-era year", values)
    if value < FIRST_CONVERTIBLE:  # a year typed 1024 for 2024 would print พ.ศ. ๑๕๖๗
        raise PydanticCustomError("before_thai_calendar", "before 1941", {"value": value.isoformat()})
    if value > LAST_CONVERTIBLE:  # a year typed 2204 or 9999 for 2024; the Thai-written form stops there too
        raise PydanticCustomError("after_thai_calendar", "after 2157", {"value": value.isoformat()})
    return value


# YYYY-MM-DD is common era; a date written the Thai way (๒๙ กุมภาพันธ์ ๒๕๖๗) is Buddhist era (eras.py).
Date = Annotated[
    datetime.date,
    Strict(),
    BeforeValidator(thai_written_date),
    AfterValidator(common_era),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": THAI_WRITTEN_PATTERN},
            ]
        }
    ),
]
# Numbers are read from the text as written (numbers.py), never through YAML 1.1's octal or base 60.
Amount = Annotated[
    Decimal, AsWritten("amount"), BeforeValidator(plain_number), Field(ge=0, decimal_places=2, max_digits=17)
]
Count = Annotated[StrictInt, AsWritten("count")]


def committed(value: Decimal) -> Decimal:
    """Refuse a budget of 0 baht: most likely a value not filled in, printed ๐ บาท (ศูนย์บาทถ้วน)."""
    if value == 0:
        raise PydanticCustomError("budget_zero", "a budget of nothing")
    return value


def named(value: Decimal) -> Decimal:
    """Refuse a named amount of 0 baht: a clause printing ๐ บาท (ศูนย์บาทถ้วน) commits nothing."""
    if value == 0:
        raise PydanticCustomError("amount_zero", "an amount of nothing")
    return value


# Clause text names an amount of `amounts` as {amount:<key>}; a key is written like an id.
AMOUNT_REFERENCE = re.compile(r"\{amount:(?P<key>[^{}]*)\}")


def check_version(value: str) -> str:
    """Accept versions that are safe as a folder name: 1.0, 2.1-draft, 2020.09."""
    if not is_version(value):
        raise PydanticCustomError("bad_version", "not a valid version", {"value": value})
    return value


Text = Annotated[StrictStr, AfterValidator(clean_text)]
# The pattern is for editors (schemas/); check_id is what decides.
Ident = Annotated[StrictStr, AfterValidator(check_id), Field(json_schema_extra={"pattern": ID_PATTERN.pattern})]


class StrictRecord(BaseModel):
    """Base of every typed record and part of one: unknown fields are errors, types are strict.

    Each field's description is the docstring written under it; a model's validator is
    built once its descriptions are in place (completed(), below).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Bilingual(StrictRecord):
    """A text given in Thai and English: {th: …, en: …}."""

    th: Text | None = None
    """The text in Thai."""
    en: Text | None = None
    """The text in English."""

    def get(self, language: str) -> str:
        """Return the text in one language (validation guarantees it is there)."""
        value = getattr(self, language)
        if value is None:
            raise KeyError(language)
        return value


class Person(StrictRecord):
    """Someone who signs: prefix, name and position in both languages."""

    prefix: Bilingual | None = None
    """นาย, นาง, รองศาสตราจารย์ ดร. …: Thai prefixes join the name."""
    name: Bilingual
    """Given name and surname, one space between."""
    position: Bilingual
    """The position title."""
    acting_for: Bilingual | None = None
    """A delegated signer (ปฏิบัติราชการแทน …), written in full."""


PartyKind = Literal[
    "province",
    "district",
    "city-municipality",
    "town-municipality",
    "subdistrict-municipality",
    "sao",
    "government-agency",
    "university",
    "school",
    "hospital",
    "company",
    "foundation",
    "other",
]


class Party(StrictRecord):
    """One organization that signs agreements (parties/<id>.yaml)."""

    name: Bilingual
    """Full name of the organization."""
    kind: PartyKind
    """What sort of organization it is."""
    short_name: Bilingual
    """Short name used in the clauses: อบต.ไชยสอ / Chai So SAO."""
    address: Bilingual
    """Office address."""
    signatory: Person
    """Who signs for the organization."""


class Clause(StrictRecord):
    """A numbered clause: heading, optional text, optional numbered sub-items."""

    id: Ident
    """Unique within the agreement: lower-case letters, digits, hyphens."""
    heading: Bilingual
    """Heading of the clause."""
    text: Bilingual | None = None
    """Text of the clause."""
    items: list[Bilingual] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Numbered sub-items, after the text."""


class Duration(StrictRecord):
    """When the agreement is in force; no end means until terminated."""

    start: Date
    """First day in force: 2020-09-01 (common era) or ๑ กันยายน ๒๕๖๓ (Thai-written, B.E.)."""
    end: Date | None = None
    """Last day in force, written as start is; none means until terminated."""


class Budget(StrictRecord):
    """Money the agreement commits, in baht, and where it comes from."""

    amount: Annotated[Amount, AfterValidator(committed)]
    """Amount in baht, digits only, up to 2 decimals: 150000 or 150000.50."""
    source: Bilingual | None = None
    """Where the money comes from."""


Status = Literal["draft", "final", "signed"]


class Agreement(StrictRecord):
    """One memorandum of understanding (agreements/<id>.yaml)."""

    template: Ident = "standard"
    """A folder of templates/ (default standard)."""
    version: Annotated[StrictStr, AsWritten("version"), AfterValidator(check_version)]
    """Version, in quotes: "1.0", "2.1-draft"; output goes to output/<id>/<version>/."""
    status: Status
    """draft, final or signed; a draft carries a ร่าง / DRAFT watermark."""
    languages: list[Language] = Field(default_factory=lambda: cast(list[Language], list(LANGUAGES)), min_length=1)
    """The editions to build (default [th, en])."""
    prevailing_language: Language = "th"
    """The text that governs (default th); must be one of languages."""
    title: Bilingual
    """Title of the document."""
    instrument: Bilingual | None = None
    """What the text calls the document (default บันทึกข้อตกลงความร่วมมือ / Memorandum of Understanding); the title begins with it."""
    subject: Bilingual
    """What the agreement is about."""
    between: list[Bilingual] = Field(default_factory=list, max_length=MAX_ITEMS)
    """The title block's party lines (default: each party's name)."""
    collective_name: Bilingual | None = None
    """What the parties are called together: คู่ภาคี / the Parties."""
    place: Bilingual
    """Where it is signed."""
    date: Date
    """Date of signing: 2020-09-01 (common era) or ๑ กันยายน ๒๕๖๓ (Thai-written, B.E.)."""
    parties: list[Ident] = Field(min_length=2, max_length=MAX_PARTIES)
    """Party ids (parties/<id>.yaml), in the order they appear; at least two."""
    # A party record names its usual signatory; one agreement may be signed by someone else.
    signatories: dict[Ident, Person] = Field(default_factory=dict)
    """Who signs this agreement for a party, by party id, in place of the party's usual signatory."""
    presiding: Person | None = None
    """An official presiding over the signing, who is not a party (signs last)."""
    witnesses: list[Person] = Field(default_factory=list, max_length=MAX_WITNESSES)
    """People who sign as witnesses (พยาน)."""
    clauses: list[Clause] = Field(min_length=1, max_length=MAX_CLAUSES)
    """The clauses, in order."""
    duration: Duration
    """When the agreement is in force."""
    budget: Budget | None = None
    """Money committed, if any."""
    amounts: dict[Ident, Annotated[Amount, AfterValidator(named)]] = Field(default_factory=dict)
    """Named amounts in baht, digits only: {grant: 21000001}; clause text prints one as {amount:grant}."""
    originals: Count = Field(ge=1, le=1000)
    """The number of signed originals: at least the number of parties, at most 1000."""
    # A third edition, Thai and English side by side (templates/<template>/th-en.html).
    bilingual_edition: StrictBool = False
    """true also builds the side-by-side edition, Thai | English (default false)."""
    # The DOCX carries the bundled Sarabun (mou/docx/fonts.py) unless the readers all have a font of their own.
    docx_font: Text | None = None
    """A font every reader has installed, asked for in the DOCX instead of carrying Sarabun inside (e.g. TH Sarabun New)."""

    @model_validator(mode="before")
    @classmethod
    def _one_language_prevails(cls, data: Any) -> Any:
        """An agreement made in one language, with no prevailing_language written, is governed by that one."""
        if isinstance(data, dict) and "prevailing_language" not in data:
            languages = data.get("languages")
            if isinstance(languages, list) and len(languages) == 1 and languages[0] in LANGUAGES:
                return {**data, "prevailing_language": languages[0]}
        return data


def attribute_docstrings(source: str) -> dict[str, dict[str, str]]:
    """Return, per class of a module's source (at its top level), the docstring written under each annotated field.

    As pydantic's use_attribute_docstrings reads them (a string right after `name: type`),
    from one parse of the module; pydantic's own search for each class's source looks up
    the file of every module loaded so far, which took a build more than all its models.
    """
    found: dict[str, dict[str, str]] = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs = found.setdefault(node.name, {})
        for field, after in zip(node.body, node.body[1:]):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[field.target.id] = inspect.cleandoc(after.value.value)
    return found


def described_fields(models: tuple[type[StrictRecord], ...]) -> None:
    """Give each field of these models (defined in this module) its docstring as its description."""
    try:
        docs = attribute_docstrings(Path(__file__).read_text(encoding="utf-8"))
    except OSError:  # no source to read: no descriptions, as pydantic would have it
        return
    for model in models:
        for name, info in model.model_fields.items():
            if info.description is None and name in docs.get(model.__name__, {}):
                info.description = docs[model.__name__][name]


def completed(models: tuple[type[StrictRecord], ...]) -> tuple[type[StrictRecord], ...]:
    """Describe the models' fields, then build their validators, each model's after those it holds (listed first)."""
    described_fields(models)
    for model in models:
        model.model_rebuild()
    return models


RECORD_MODELS = completed((Bilingual, Person, Party, Clause, Duration, Budget, Agreement))


def as_signed(agreement: Agreement, party_id: str, party: Party) -> Party:
    """Return a party as an agreement shows it: with the signatory the agreement names for it, if any."""
    chosen = agreement.signatories.get(party_id)
    return party if chosen is None else party.model_copy(update={"signatory": chosen})


def replaced_fields(agreement: Agreement, party_id: str) -> frozenset[str]:
    """Return the fields of a party record an agreement replaces: its signatory, when the agreement names one."""
    return frozenset({"signatory"}) if party_id in agreement.signatories else frozenset()
