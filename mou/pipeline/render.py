"""One agreement rendered: its HTML per edition, then PDF and DOCX bytes, stamped with their inputs."""

from __future__ import annotations

import collections
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from mou.core.errors import Problem
from mou.core.messages import say
from mou.core.reproducible import sha256
from mou.docx.render import html_to_docx
from mou.html.templating import (
    COLUMN_PT,
    ENGLISH_SIGNATURE_PT,
    HALF_LINE_PT,
    Document,
    make_environment,
    person_in,
    render_html,
    shared_environment,
    text_width,
)
from mou.language.breaks import (
    THAI_RUN,
    dictionary_with,
    gazetteer,
    held_whole,
    mark_breaks,
    office_breaks,
    place_words,
    thai_words_of,
    unknown_words,
    wide_latin_words,
)
from mou.language.places import whole_places
from mou.pdf.render import PdfAttachment, render_pdf
from mou.pipeline.layout import BILINGUAL, FORMATS, Layout, editions, output_name
from mou.pipeline.provenance import BuildTime, FooterFacts, Inputs, build_time, collect_inputs
from mou.records.loading import Record
from mou.records.model import Bilingual, Person
from mou.records.project import Project


def render_documents(layout: Layout, project: Project, agreement_id: str) -> list[Document]:
    """Render the HTML of every language of one agreement."""
    agreement = project.agreements[agreement_id]
    parties = project.parties_of(agreement_id)
    env = make_environment(layout.templates)
    return [
        render_html(env, layout.templates, agreement_id, agreement, parties, language)
        for language in editions(agreement)
    ]


def people_of(project: Project, agreement_id: str) -> list[Person]:
    """Return everyone an agreement names: who signs for each party, the witnesses, the presiding official."""
    agreement = project.agreements[agreement_id]
    presiding = [agreement.presiding] if agreement.presiding else []
    return [p.signatory for p in project.parties_of(agreement_id)] + list(agreement.witnesses) + presiding


def proper_names(project: Project, agreement_id: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Return an agreement's Thai words for the dictionary, the units kept whole, and its position titles.

    The dictionary learns people's names and place names: the provinces, and every place a
    record names after a kind of place (ตำบลวังหินลาด, อำเภอเมืองขอนแก่น). Kept whole: each
    person's full name, each short name and the parties' collective name. Organizations,
    positions, addresses and the place of signing break between their words, a short name
    inside them too (see name_hosts).
    """
    agreement = project.agreements[agreement_id]
    parties = project.parties_of(agreement_id)
    people = people_of(project, agreement_id)
    glued = frozenset(
        [person_in(person, "th") for person in people if person.name.th]
        + [p.short_name.th for p in parties if p.short_name.th]
        + [collective_name(project, agreement_id)]
    )
    titles = frozenset(t.th for person in people for t in (person.position, person.acting_for) if t and t.th)
    texts = [t.th for p in parties for t in (p.name, p.address) if t.th] + list(titles)
    texts += [t.th for t in [agreement.place, *(agreement.between or [])] if t and t.th]
    names = [person.name.th for person in people if person.name.th]
    return frozenset(names) | place_words(texts) | gazetteer() | glued, glued, titles


def name_hosts(project: Project, agreement_id: str) -> frozenset[str]:
    """Return the organizations' names and the positions, inside which a short name is not held.

    There a short name (โรงพยาบาลส่งเสริมสุขภาพตำบล, มหาวิทยาลัยขอนแก่น) is the beginning, or
    the whole, of an organization's own name, which breaks like any; held, it left the line
    before it short, and a party's number alone on a line in a side-by-side column. In quotes,
    as the defined term, it stays whole.
    """
    people = people_of(project, agreement_id)
    titles = [t.th for person in people for t in (person.position, person.acting_for) if t and t.th]
    return frozenset([p.name.th for p in project.parties_of(agreement_id) if p.name.th] + titles)


def collective_name(project: Project, agreement_id: str) -> str:
    """Return the Thai term for all the parties together (the template's own when the agreement names none)."""
    agreement = project.agreements[agreement_id]
    return agreement.collective_name.th if agreement.collective_name and agreement.collective_name.th else "คู่ภาคี"


def whole_units(project: Project, agreement_id: str) -> list[tuple[str, Record | None, tuple[str | int, ...]]]:
    """Return the Thai units kept whole in running text, with the record and field each comes from (for a warning)."""
    agreement = project.agreements[agreement_id]
    sources = project.sources
    agreement_record = sources.get(f"agreements/{agreement_id}")
    found: list[tuple[str, Record | None, tuple[str | int, ...]]] = []
    for party_id, party in zip(agreement.parties, project.parties_of(agreement_id)):
        party_record = sources.get(f"parties/{party_id}")
        own = party.signatory == project.parties[party_id].signatory
        signer: tuple[str | int, ...] = ("signatory",) if own else ("signatories", party_id)
        found.append(
            (person_in(party.signatory, "th"), party_record if own else agreement_record, (*signer, "name", "th"))
        )
        found.append((party.short_name.th or "", party_record, ("short_name", "th")))
    # Witnesses and the presiding official are named only in signature blocks, which give a
    # name too wide to share a row a row of its own.
    if agreement.collective_name and agreement.collective_name.th:
        found.append((agreement.collective_name.th, agreement_record, ("collective_name", "th")))
    return [(unit, record, field) for unit, record, field in found if unit and THAI_RUN.search(unit)]


def wide_units(layout: Layout, project: Project, agreement_id: str) -> list[Problem]:
    """Return a warning for each unit kept whole that is wider than a line of an edition: it breaks between words."""
    font = layout.fonts / "Sarabun-Regular.ttf"
    thai_editions = [e for e in editions(project.agreements[agreement_id]) if e != "en"]
    if not thai_editions or not font.exists():
        return []
    warned = []
    for unit, record, field in whole_units(project, agreement_id):
        # a short name or the collective name is held in its quotes, as the defined term
        shown = f"“{unit}”" if field[0] in ("short_name", "collective_name") else unit
        if "th" in thai_editions and not fits_running_text(shown, font, RUNNING_LINE_PT):
            message = say("unit_wider_than_line", unit=unit)
        elif BILINGUAL in thai_editions and not fits_running_text(shown, font, COLUMN_PT):
            message = say("unit_wider_than_column", unit=unit)
        else:
            continue
        where = ".".join(str(part) for part in field)
        warned.append(
            record.problem(field, message)
            if record
            else Problem(f"agreements/{agreement_id}.yaml", message, field=where)
        )
    return warned + wide_unknown_words(
        project, agreement_id, font, COLUMN_PT if BILINGUAL in thai_editions else RUNNING_LINE_PT
    )


def wide_unknown_words(project: Project, agreement_id: str, font: Path, room: float) -> list[Problem]:
    """Return a warning for each word of an agreement's Thai texts that no line holds whole: unknown to the dictionary, or Latin.

    A word the dictionary does not know (a long transliterated name) breaks between its
    syllables (breaks.hold_unknown); a Latin word (a foreign law's name, a code) is hyphenated,
    or broken between its letters (breaks.breakable_latin).
    """
    dictionary = dictionary_with(proper_names(project, agreement_id)[0])  # once: 300 parties have 1,800 texts
    fits = functools.partial(fits_running_text, font=font, room=room)
    records: list[tuple[str, BaseModel]] = [(f"agreements/{agreement_id}", project.agreements[agreement_id])]
    records += [
        (f"parties/{party_id}", project.parties[party_id]) for party_id in project.agreements[agreement_id].parties
    ]
    warned = []
    for source, model in records:
        record = project.sources.get(source)
        for key_path, text in thai_texts(model):
            wide = [
                ("unknown_word_wider_than_line", w) for w in unknown_words(text, dictionary) if not held_whole(w, fits)
            ]
            wide += [("latin_word_wider_than_line", word) for word in wide_latin_words(text, fits)]
            seen: collections.Counter[str] = collections.Counter()
            for key, word in wide:
                message = say(key, unit=word)
                at = (word, seen[word])
                warned.append(
                    record.problem(key_path, message, at=at) if record else Problem(f"{source}.yaml", message)
                )
                seen[word] += 1
    return warned


def thai_texts(model: object, key_path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Yield the Thai texts of a record (each `th` of its bilingual texts), with their key paths."""
    if isinstance(model, Bilingual):
        if model.th:
            yield (*key_path, "th"), model.th
    elif isinstance(model, BaseModel):
        for name in type(model).model_fields:
            yield from thai_texts(getattr(model, name), (*key_path, name))
    elif isinstance(model, (list, tuple)):
        for index, item in enumerate(model):
            yield from thai_texts(item, (*key_path, index))
    elif isinstance(model, dict):
        for key, item in model.items():
            yield from thai_texts(item, (*key_path, key))


# The widest a unit may be to be held on one line of the DOCX: a body line less its first-line
# indent (16 cm less 2.5 cm), or a column of the side-by-side edition; the margin covers the
# title's larger bold type.
RUNNING_LINE_PT = (16 - 2.5) / 2.54 * 72
WIDER_TYPE = 1.2
# A signature block: half the text width less its cell padding (4 pt each side).
SIGNATURE_CELL_PT = 16 / 2 / 2.54 * 72 - 8


def fits_line(unit: str, font: Path, room: float) -> bool:
    """Say whether a unit held on one line fits in room points, in the larger type of a title."""
    return text_width(unit, font) * WIDER_TYPE <= room


def fits_signature_cell(unit: str, font: Path, language: str) -> bool:
    """Say whether a unit held in a signature block fits the cell of a paired block, in an edition.

    An English name is paired while "(name)" at the English signature size fits half the line
    (signature_rows), and its DOCX cell holds that much: measured the same way, a name that pairs
    is held whole, and one that does not gets a cell as wide as it needs. Thai keeps the measure
    of a title's larger type, as its units are measured elsewhere.
    """
    if language == "en":
        return text_width(f"({unit})", font, ENGLISH_SIGNATURE_PT) <= HALF_LINE_PT
    return fits_line(unit, font, SIGNATURE_CELL_PT)


def fits_running_text(unit: str, font: Path, room: float) -> bool:
    """Say whether a unit held on one line of running text (16 pt) fits in room points."""
    return text_width(unit, font) <= room


def office_units(project: Project, agreement_id: str) -> frozenset[str]:
    """Return the Thai units an office suite must not break: people, short names, the collective term, and the words of names and addresses.

    Wider than the PDF's units: Word and LibreOffice break the rest with their own
    dictionaries, which split organization names and addresses inside their words.
    """
    parties = project.parties_of(agreement_id)
    people = people_of(project, agreement_id)
    held = [person_in(person, "th") for person in people if person.name.th]
    held += [p.short_name.th for p in parties if p.short_name.th]
    texts = [t.th for p in parties for t in (p.name, p.address) if t.th] + [p.name.th for p in people if p.name.th]
    return thai_words_of(texts + held) | frozenset(held) | {collective_name(project, agreement_id)}


def places_of(html: str, names: frozenset[str]) -> frozenset[str]:
    """Return the place names of several words that an edition's Thai text holds as whole words (see places.py).

    The PDF holds them as it segments (mark_breaks); an office suite is given them as units.
    Segmented with the PDF's dictionary, whose runs are segmented already when the PDF was made.
    """
    dictionary = dictionary_with(names)
    return whole_places([dictionary.segment(run) for run in THAI_RUN.findall(html)])


def column_glue(texts: frozenset[str], font: Path) -> frozenset[str]:
    """Return the names and positions narrow enough to keep whole in a side-by-side column.

    A wider one glued on one line would run into the other column; it breaks between words.
    """
    return frozenset(t for t in texts if text_width(t, font) <= COLUMN_PT)


def render_agreement(
    layout: Layout, project: Project, agreement_id: str, formats: tuple[str, ...] = FORMATS
) -> tuple[dict[str, bytes], dict[str, int]]:
    """Render every language and format of one agreement to bytes (the same bytes every time)."""
    rendered = render_stamped(layout, project, agreement_id, formats)
    return rendered.files, rendered.pages


@dataclass
class StampedRender:
    """One agreement rendered, with what it was made from (see provenance.py)."""

    files: dict[str, bytes]
    pages: dict[str, int]
    inputs: Inputs
    time: BuildTime
    fields: dict[str, list[str]]  # PDF file name → its signature fields' names


def render_stamped(
    layout: Layout,
    project: Project,
    agreement_id: str,
    formats: tuple[str, ...] = FORMATS,
    *,
    languages: list[str] | None = None,
    skip: frozenset[str] = frozenset(),
) -> StampedRender:
    """Render one agreement: footers carry its fingerprint, every date is the build time.

    The fingerprint of the inputs is computed first, so the documents can print it; the
    agreement's and its parties' records are attached to each PDF (PDF/A-3, relationship
    Source), and each PDF gets an empty signature field over every signatory's line.
    `languages` keeps to some editions and `skip` leaves out files by name: watch mode
    renders the Thai PDF first, then the rest.
    """
    agreement = project.agreements[agreement_id]
    parties = project.parties_of(agreement_id)
    inputs = collect_inputs(layout.root, layout.templates, agreement_id, agreement)
    when = build_time(agreement.date)
    stamp = FooterFacts(agreement_id, agreement.version, agreement.status, inputs.short, inputs.fingerprint)
    # A batch compiles the templates and loads the fonts once per process, not per agreement:
    # both are reused while the template and font files (their hashes, here) stay the same.
    files_digest = sha256("\n".join(f"{k}\0{v}" for k, v in sorted(inputs.assets.items())).encode())
    env = shared_environment(layout.templates, files_digest)
    env.globals["stamp"] = stamp.for_template()
    attachments = [
        PdfAttachment(name, data, f"source record {name} of {agreement_id} {agreement.version}")
        for name, data in inputs.records.items()
    ]
    names, people, titles = proper_names(project, agreement_id)
    hosts = name_hosts(project, agreement_id)
    result = StampedRender({}, {}, inputs, when, {})
    font = layout.fonts / "Sarabun-Regular.ttf"
    for language in editions(agreement) if languages is None else languages:
        wanted = [f for f in formats if output_name(agreement_id, language, f) not in skip]
        if not wanted:
            continue
        document = render_html(env, layout.templates, agreement_id, agreement, parties, language)
        # A unit wider than a line (a column) breaks between its words: wide_units() warns of it.
        room = COLUMN_PT if language == BILINGUAL else RUNNING_LINE_PT
        fits = functools.partial(fits_running_text, font=font, room=room)
        # in quotes as the defined term, a short name is wider by its quotes: held only if they fit too
        glued = frozenset(unit for unit in people if fits(f"“{unit}”"))
        kept = column_glue(titles, font) if language == BILINGUAL else titles
        if "pdf" in wanted:
            pdf = render_pdf(
                mark_breaks(document.html, names, glued, fits, hosts, narrow=language == BILINGUAL),
                document.base_dir,
                [layout.templates, layout.assets],
                f"agreements/{agreement_id}.yaml ({language})",
                attachments=attachments,
                when=when.when,
                fonts_key=f"{layout.templates.resolve()}\0{files_digest}",
            )
            name = output_name(agreement_id, language, "pdf")
            result.files[name] = pdf.data
            result.pages[language] = pdf.pages
            result.fields[name] = [f.name for f in pdf.fields]
        if "docx" in wanted:
            # An installed font asked for by name travels nowhere; the bundled one travels inside.
            units = (
                office_units(project, agreement_id) | places_of(document.html, names)
                if language != "en"
                else frozenset()
            )
            held = office_breaks(
                document.html,
                units | glued,
                kept,
                functools.partial(fits_line, font=font, room=room),
                functools.partial(fits_signature_cell, font=font, language=language),
                narrow=language == BILINGUAL,
            )
            family, embedded = (agreement.docx_font, None) if agreement.docx_font else ("Sarabun", layout.fonts)
            result.files[output_name(agreement_id, language, "docx")] = html_to_docx(
                held, family, timestamp=when.when, fonts=embedded
            )
    return result
