"""Words the document prints before a field, typed into the field again.

The templates print a person's prefix before the name (นายสมชาย, Mr. Somchai), ตำแหน่ง
before the position and ตั้งอยู่ที่ / located at before the address. A clerk who copies a
name, a position or an address from a letter takes those words along, and the page says
them twice: โดย นายนายสมชาย ใจดี ตำแหน่ง ตำแหน่งนายก…, located at located at 99 Moo 7.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel
from pythainlp.corpus.common import thai_words

from mou.core.errors import Problem
from mou.core.messages import say
from mou.records.loading import KeyPath, Record
from mou.records.model import Agreement, Party, Person

# What the templates print right before a position (Thai only: English prints a comma).
POSITION_LEAD_TH = ("ตำแหน่ง",)
# What the templates print right before an address (ตั้งอยู่ที่ or ตั้งอยู่ ณ; located at), and the
# labels a letterhead puts there, which read the same after it.
ADDRESS_LEAD_TH = ("ตั้งอยู่", "ที่อยู่", "ที่ตั้ง")
ADDRESS_LEAD_EN = ("located at", "located in", "located", "address:", "address")


def repeated_word_problems(record: Record, validated: BaseModel) -> list[Problem]:
    """Refuse a name, position or address that begins with what the document prints before it."""
    problems = []
    for key_path, person in _people(validated):
        problems += _person_problems(record, key_path, person)
    if isinstance(validated, Party):
        for language, leads in (("th", ADDRESS_LEAD_TH), ("en", ADDRESS_LEAD_EN)):
            text = getattr(validated.address, language)
            lead = _leading(text, leads, language) if text else None
            if lead is not None:
                message = say("address_repeats_lead", lead=lead, printed=_printed_address(text, language))
                problems.append(record.problem(("address", language), message, at_value=True))
    return problems


def _people(validated: BaseModel) -> Iterator[tuple[KeyPath, Person]]:
    """Every person a record names, with its key path."""
    if isinstance(validated, Party):
        yield ("signatory",), validated.signatory
    elif isinstance(validated, Agreement):
        for party_id, person in validated.signatories.items():
            yield ("signatories", party_id), person
        if validated.presiding is not None:
            yield ("presiding",), validated.presiding
        for index, witness in enumerate(validated.witnesses):
            yield ("witnesses", index), witness


def _person_problems(record: Record, key_path: KeyPath, person: Person) -> list[Problem]:
    """A person's name that begins with its own prefix, and a Thai position that begins with ตำแหน่ง."""
    problems = []
    for language in ("th", "en"):
        prefix = getattr(person.prefix, language) if person.prefix else None
        name = getattr(person.name, language)
        rest = _name_after_prefix(prefix, name, language) if prefix and name else None
        if rest is not None:
            message = say("name_repeats_prefix", prefix=prefix, name=rest)
            problems.append(record.problem((*key_path, "name", language), message, at_value=True))
    position = person.position.th
    lead = _leading(position, POSITION_LEAD_TH, "th") if position else None
    if position and lead is not None:
        message = say("position_repeats_lead", lead=lead, position=position[len(lead) :].strip())
        problems.append(record.problem((*key_path, "position", "th"), message, at_value=True))
    return problems


def _name_after_prefix(prefix: str, name: str, language: str) -> str | None:
    """Return the name without the prefix it begins with, or None when it does not begin with it."""
    prefix, name = prefix.strip(), name.strip()
    if language == "en":
        words, said = name.split(), prefix.split()
        # Mr. Mr. Somchai; Assoc. Prof. Dr. Dr. Kittisak (the prefix's last word begins the name)
        first = words[0].rstrip(".").casefold() if words else ""
        if len(words) > 1 and first == said[-1].rstrip(".").casefold():
            return " ".join(words[1:])
        return None
    if not name.startswith(prefix) or len(name) == len(prefix):
        return None
    rest = name[len(prefix) :].lstrip()
    # A given name may itself begin like a prefix (นางนวล after นาง, คุณากร after คุณ): a word of
    # the dictionary that the name begins with, longer than the prefix, is the name's own.
    if any(name.startswith(word) and len(word) > len(prefix) for word in _words_beginning(prefix)):
        return None
    return rest or None


@cache
def _words_beginning(prefix: str) -> tuple[str, ...]:
    """Thai dictionary words that begin with a prefix."""
    return tuple(word for word in thai_words() if word.startswith(prefix) and " " not in word)


def _leading(text: str, leads: tuple[str, ...], language: str) -> str | None:
    """Return the lead word a text begins with, as written, or None."""
    stripped = text.lstrip()
    folded = stripped.casefold() if language == "en" else stripped
    for lead in leads:
        if folded.startswith(lead) and (
            language == "th" or len(folded) == len(lead) or not folded[len(lead)].isalpha()
        ):
            return stripped[: len(lead)]
    return None


def _printed_address(address: str, language: str) -> str:
    """What the templates print before an address: ตั้งอยู่ ณ before one that begins with ที่ itself."""
    if language == "en":
        return "located at"
    return "ตั้งอยู่ ณ" if address.startswith("ที่") else "ตั้งอยู่ที่"
