"""Who signs an agreement, and a witness who is one of them.

A witness (พยาน) attests the parties' signatures: one who also signs for a party, or presides,
attests their own signature. The document still prints, and a small office may have meant it,
so it is a warning at the witness's entry, naming where the same person signs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mou.core.errors import Problem
from mou.core.messages import Message, say
from mou.language.thai import english_person, thai_person
from mou.records.loading import Record
from mou.records.model import Agreement, Person
from mou.records.project import Project

# Thai prefixes a name may carry when typed into `name` rather than `prefix` (นายสมชาย ใจดี):
# titles, academic ranks, and military and police ranks written in full. A prefix joins the
# given name, so each is taken off with or without a space after it, longest first.
THAI_PREFIXES = (
    "นางสาว",
    "นาง",
    "นาย",
    "เด็กหญิง",
    "เด็กชาย",
    "ว่าที่",
    "ดร.",
    "ศาสตราจารย์",
    "รองศาสตราจารย์",
    "ผู้ช่วยศาสตราจารย์",
    "คุณ",
)
THAI_RANK = re.compile("(?:พล|พัน|ร้อย|จ่า|สิบ|นาวา|เรือ|นาวาอากาศ|เรืออากาศ)(?:ตำรวจ)?(?:เอก|โท|ตรี)")
# An abbreviated Thai prefix or rank: ศ. รศ. ผศ. ดร. พ.ต.อ. ร.ต.
THAI_ABBREVIATION = re.compile(r"(?:[\u0e01-\u0e2e\u0e30-\u0e4c]{1,3}\.)+")
# English prefixes and ranks written out; an abbreviated one (Mr., Assoc., Pol.Col.) ends in a period.
ENGLISH_PREFIXES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "associate",
        "assistant",
        "acting",
        "khun",
        "sir",
        "general",
        "colonel",
        "captain",
        "major",
        "lieutenant",
        "police",
    }
)


def thai_name_key(name: str) -> str:
    """A Thai name as compared: its prefixes taken off, its spaces one each."""
    text = " ".join(name.split())
    while True:
        stripped = text
        for prefix in sorted(THAI_PREFIXES, key=len, reverse=True):
            if stripped.startswith(prefix) and len(stripped) > len(prefix):
                stripped = stripped[len(prefix) :]
                break
        else:
            found = THAI_RANK.match(stripped) or THAI_ABBREVIATION.match(stripped)
            if found and len(stripped) > found.end():
                stripped = stripped[found.end() :]
        stripped = stripped.lstrip()
        if stripped == text:
            return text
        text = stripped


def english_name_key(name: str) -> str:
    """An English name as compared: in any case, its prefixes (Mr., Assoc. Prof. Dr.) taken off, its spaces one each."""
    words = name.casefold().replace(".", ". ").split()
    while len(words) > 1 and (words[0].endswith(".") or words[0].rstrip(",") in ENGLISH_PREFIXES):
        words = words[1:]
    return " ".join(words)


def same_name(one: Person, other: Person) -> str | None:
    """Return the language in which two people have the same name, prefixes and spacing aside, or None."""
    if one.name.th and other.name.th and thai_name_key(one.name.th) == thai_name_key(other.name.th):
        return "th"
    if one.name.en and other.name.en and english_name_key(one.name.en) == english_name_key(other.name.en):
        return "en"
    return None


def full_name(person: Person, language: str) -> str:
    """A person's name with its prefix, in one language (which it has)."""
    prefix = (person.prefix.th if language == "th" else person.prefix.en) if person.prefix else None
    name = person.name.get(language)
    return thai_person(prefix or "", name) if language == "th" else english_person(prefix or "", name)


def signers(project: Project, agreement: Agreement) -> Iterator[tuple[Person, Message]]:
    """Every person who signs an agreement other than as a witness, with where the record names them."""
    for party_id in dict.fromkeys(agreement.parties):
        if party_id in agreement.signatories:
            yield agreement.signatories[party_id], say("signs_for_party_here", id=party_id)
        elif party_id in project.parties:
            yield project.parties[party_id].signatory, say("signs_for_party_usual", id=party_id)
    if agreement.presiding is not None:
        yield agreement.presiding, say("signs_presiding")


def witness_warnings(project: Project, source: Record, agreement: Agreement) -> list[Problem]:
    """Warn of each witness who also signs the agreement for a party, or presides over it."""
    warnings = []
    everyone = list(signers(project, agreement))
    for index, witness in enumerate(agreement.witnesses):
        for person, role in everyone:
            language = same_name(witness, person)
            if language is not None:  # named as written in the language it was found in
                message = say("witness_also_signs", name=full_name(witness, language), role=role)
                warnings.append(source.problem(("witnesses", index), message))
                break
    return warnings


def signer_warnings(project: Project, source: Record, agreement: Agreement) -> list[Problem]:
    """Warn of one person who signs twice: for two parties, or for a party and as the presiding official.

    A presiding official is not a party, and a party signs through its own signatory: one
    person in two signature blocks is most often a record copied and not changed. An office
    may still mean it (an acting head of two bodies), so the build goes on.
    """
    warnings = []
    everyone = [(person, role, _entry(project, agreement, person)) for person, role in signers(project, agreement)]
    for later, (person, role, where) in enumerate(everyone):
        for earlier, earlier_role, _ in everyone[:later]:
            language = same_name(person, earlier)
            if language is not None:
                message = say("signs_twice", name=full_name(person, language), role=role, first=earlier_role)
                warnings.append(source.problem(where, message))
                break
    return warnings


def _entry(project: Project, agreement: Agreement, person: Person) -> tuple[str | int, ...]:
    """Where the agreement names a signer: presiding, its signatories entry, or its party's entry."""
    if person is agreement.presiding:
        return ("presiding",)
    for party_id, named in agreement.signatories.items():
        if named is person:
            return ("signatories", party_id)
    for index, party_id in enumerate(agreement.parties):
        party = project.parties.get(party_id)
        if party is not None and party.signatory is person:
            return ("parties", index)
    return ()
