"""What the body of an agreement calls the document (its instrument), and a title that names another.

The templates name the document in its own text: `บันทึกข้อตกลงความร่วมมือฉบับนี้ทำขึ้น…`,
`This Memorandum of Understanding is made at…`. An agreement whose title names another kind of
document (`บันทึกความเข้าใจ`, `Academic Collaboration Agreement`) gives that name as `instrument`;
a title that does not begin with the name the text uses is a warning, as the document would then
name itself two ways.
"""

from __future__ import annotations

from dataclasses import dataclass

from mou.core.errors import Problem
from mou.core.messages import say
from mou.records.loading import Record
from mou.records.model import Agreement

DEFAULT_INSTRUMENT = {"th": "บันทึกข้อตกลงความร่วมมือ", "en": "Memorandum of Understanding"}
# The default's short form, in `ซึ่งต่อไปในบันทึกข้อตกลงนี้เรียกว่า`; a name of the record's own is used whole.
DEFAULT_THAI_SHORT = "บันทึกข้อตกลง"


@dataclass(frozen=True)
class InstrumentNames:
    """What the templates call the document: in Thai, its short Thai form, and in English."""

    th: str
    th_short: str
    en: str


def instrument_name(agreement: Agreement, language: str) -> str:
    """Return what the body calls the document in one language: the record's instrument, or the default."""
    given = getattr(agreement.instrument, language) if agreement.instrument else None
    return (given or DEFAULT_INSTRUMENT[language]).strip()


def instrument_names(agreement: Agreement) -> InstrumentNames:
    """Return the names the templates use for the document."""
    thai = instrument_name(agreement, "th")
    return InstrumentNames(
        th=thai,
        th_short=DEFAULT_THAI_SHORT if thai == DEFAULT_INSTRUMENT["th"] else thai,
        en=instrument_name(agreement, "en"),
    )


def title_warnings(source: Record, agreement: Agreement) -> list[Problem]:
    """Warn of a title that does not begin with the name the body gives the document, in each language."""
    warnings = []
    for language in agreement.languages:
        title = getattr(agreement.title, language)
        name = instrument_name(agreement, language)
        if title and not title.strip().casefold().startswith(name.casefold()):
            message = say("title_not_instrument", name=name, title=title.strip())
            warnings.append(source.problem(("title", language), message, at_value=True))
    return warnings
