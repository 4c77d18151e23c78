"""Typed records: parties and agreements, as the templates see them."""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal
from typing import Annotated, Literal, cast

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
)
from pydantic_core import PydanticCustomError

from mou.core.ids import ID_PATTERN, is_version
from mou.records.eras import BUDDHIST_YEARS, buddhist_context
from mou.records.numbers import AsWritten

LANGUAGES = ("th", "en")
Language = Literal["th", "en"]


def clean_text(value: str) -> str:
    """Refuse empty text and characters that cannot be printed or stored in a DOCX."""
    if not value.strip():
        raise PydanticCustomError("empty_text", "is empty")
    for index, char in enumerate(value):
        if char in "\n\t":
            continue
        if unicodedata.category(char) in ("Cc", "Cs", "Co") or char in "\ufffe\uffff":
            raise PydanticCustomError(
                "control_character", "contains a control character", {"code": f"{ord(char):04X}", "index": index + 1}
            )
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
    return value


Date = Annotated[datetime.date, Strict(), AfterValidator(common_era)]
# Numbers are read from the text as written (numbers.py), never through YAML 1.1's octal or base 60.
Amount = Annotated[
    Decimal, AsWritten("amount"), BeforeValidator(plain_number), Field(ge=0, decimal_places=2, max_digits=17)
]
Count = Annotated[StrictInt, AsWritten("count")]


def check_version(value: str) -> str:
    """Accept versions that are safe as a folder name: 1.0, 2.1-draft, 2020.09."""
    if not is_version(value):
        raise PydanticCustomError("bad_version", "not a valid version", {"value": value})
    return value


Text = Annotated[StrictStr, AfterValidator(clean_text)]
Ident = Annotated[StrictStr, AfterValidator(check_id)]


class StrictRecord(BaseModel):
    """Base of every typed record and part of one: unknown fields are errors, types are strict."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(StrictRecord):
    """A text given in Thai and English: {th: …, en: …}."""

    th: Text | None = None
    en: Text | None = None

    def get(self, language: str) -> str:
        """Return the text in one language (validation guarantees it is there)."""
        value = getattr(self, language)
        if value is None:
            raise KeyError(language)
        return value


class Person(StrictRecord):
    """Someone who signs: prefix, name and position in both languages."""

    prefix: Bilingual | None = None
    name: Bilingual
    position: Bilingual
    acting_for: Bilingual | None = None


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
    kind: PartyKind
    short_name: Bilingual
    address: Bilingual
    signatory: Person


class Clause(StrictRecord):
    """A numbered clause: heading, optional text, optional numbered sub-items."""

    id: Ident
    heading: Bilingual
    text: Bilingual | None = None
    items: list[Bilingual] = Field(default_factory=list)


class Duration(StrictRecord):
    """When the agreement is in force; no end means until terminated."""

    start: Date
    end: Date | None = None


class Budget(StrictRecord):
    """Money the agreement commits, in baht, and where it comes from."""

    amount: Amount
    source: Bilingual | None = None


Status = Literal["draft", "final", "signed"]


class Agreement(StrictRecord):
    """One memorandum of understanding (agreements/<id>.yaml)."""

    template: Ident = "standard"
    version: Annotated[StrictStr, AsWritten("version"), AfterValidator(check_version)]
    status: Status
    languages: list[Language] = Field(default_factory=lambda: cast(list[Language], list(LANGUAGES)), min_length=1)
    prevailing_language: Language = "th"
    title: Bilingual
    subject: Bilingual
    between: list[Bilingual] = Field(default_factory=list)
    collective_name: Bilingual | None = None
    place: Bilingual
    date: Date
    parties: list[Ident] = Field(min_length=2)
    presiding: Person | None = None
    witnesses: list[Person] = Field(default_factory=list)
    clauses: list[Clause] = Field(min_length=1)
    duration: Duration
    budget: Budget | None = None
    originals: Count = Field(ge=1, le=1000)
    # A third edition, Thai and English side by side (templates/<template>/th-en.html).
    bilingual_edition: StrictBool = False
