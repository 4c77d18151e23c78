"""The build: gather and check everything first, then render and write each agreement."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from .errors import Problem, UsageError
from .messages import Message, say

if TYPE_CHECKING:  # the heavy modules load only when there is work to do
    from .batch import Rendered
    from .incremental import Planned
    from .model import Agreement
    from .templating import Document
    from .validation import Project

FORMATS = ("pdf", "docx")
BILINGUAL = "th-en"  # the side-by-side edition: its template, file names and page counts


@dataclass(frozen=True)
class Layout:
    """Where a project's inputs and outputs live."""

    root: Path
    output: Path

    @property
    def templates(self) -> Path:
        """Return the templates folder."""
        return self.root / "templates"

    @property
    def assets(self) -> Path:
        """Return the folder for logos and other images records may name."""
        return self.root / "assets"

    @property
    def fonts(self) -> Path:
        """Return the bundled fonts folder."""
        return self.templates / "fonts"


@dataclass
class AgreementResult:
    """What one agreement's build produced."""

    agreement_id: str
    version: str
    status: str
    files: list[Path] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    skipped: bool = False
    languages: list[str] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # cross-language mismatches allowed


def load(layout: Layout, allow_mismatch: bool = False) -> Project:
    """Load and validate every record: the gather-and-check phase."""
    from .templating import template_names
    from .validation import load_project

    return load_project(layout.root, template_names(layout.templates), allow_mismatch)


def select(project: Project, wanted: Iterable[str]) -> list[str]:
    """Return the agreement ids to build, refusing unknown ones with a suggestion."""
    wanted = list(wanted)
    if not wanted:
        return sorted(project.agreements)
    problems = []
    for agreement_id in wanted:
        if agreement_id not in project.agreements:
            guess = difflib.get_close_matches(agreement_id, list(project.agreements), n=1)
            message = (say("unknown_agreement_guess", id=agreement_id, guess=guess[0]) if guess else
                       say("unknown_agreement", id=agreement_id, known=", ".join(sorted(project.agreements))))
            problems.append(Problem("command line", message))
    if problems:
        raise UsageError(problems)
    return list(dict.fromkeys(wanted))


def output_folder(agreement_id: str, agreement: Agreement) -> Path:
    """Return <agreement>/<version>, the agreement's folder relative to output/."""
    return Path(agreement_id) / agreement.version


def output_name(agreement_id: str, language: str, fmt: str) -> str:
    """Return the file name <agreement>.<lang>.<fmt> (<lang> is th-en for the side-by-side edition)."""
    return f"{agreement_id}.{language}.{fmt}"


def editions(agreement: Agreement) -> list[str]:
    """Return the editions to build: each language, then th-en when the agreement asks for it."""
    return list(agreement.languages) + ([BILINGUAL] if agreement.bilingual_edition else [])


def render_documents(layout: Layout, project: Project, agreement_id: str) -> list[Document]:
    """Render the HTML of every language of one agreement."""
    from .templating import make_environment, render_html

    agreement = project.agreements[agreement_id]
    parties = [project.parties[p] for p in agreement.parties]
    env = make_environment(layout.templates)
    return [render_html(env, layout.templates, agreement_id, agreement, parties, language)
            for language in editions(agreement)]


def proper_names(project: Project, agreement_id: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Return an agreement's Thai names (for the dictionary), those glued whole, and its position titles."""
    from .templating import person_in

    agreement = project.agreements[agreement_id]
    parties = [project.parties[p] for p in agreement.parties]
    people = [p.signatory for p in parties] + list(agreement.witnesses) + (
        [agreement.presiding] if agreement.presiding else [])
    glued = frozenset([person_in(person, "th") for person in people if person.name.th]
                      + [p.short_name.th for p in parties if p.short_name.th])
    names = [t.th for p in parties for t in (p.name, p.address) if t.th]
    names += [person.name.th for person in people if person.name.th]
    # Not the place: it is a phrase (a room of an organization, district, province), which may
    # break between its words; the organization names in it are the parties' own.
    titles = frozenset(t.th for person in people for t in (person.position, person.acting_for) if t and t.th)
    return frozenset(names) | glued, glued, titles


def column_glue(texts: frozenset[str], font: Path) -> frozenset[str]:
    """Return the names and positions narrow enough to keep whole in a side-by-side column.

    A wider one glued on one line would run into the other column; it breaks between words.
    """
    from .templating import COLUMN_PT, text_width

    return frozenset(t for t in texts if text_width(t, font) <= COLUMN_PT)


def render_agreement(layout: Layout, project: Project, agreement_id: str,
                     formats: tuple[str, ...] = FORMATS) -> tuple[dict[str, bytes], dict[str, int]]:
    """Render every language and format of one agreement to bytes (the same bytes every time)."""
    rendered = render_stamped(layout, project, agreement_id, formats)
    return rendered.files, rendered.pages


if TYPE_CHECKING:
    from .archival import BuildTime, Inputs


@dataclass
class StampedRender:
    """One agreement rendered, with what it was made from (see archival.py)."""

    files: dict[str, bytes]
    pages: dict[str, int]
    inputs: Inputs
    time: BuildTime
    fields: dict[str, list[str]]  # PDF file name → its signature fields' names


def render_stamped(layout: Layout, project: Project, agreement_id: str,
                   formats: tuple[str, ...] = FORMATS) -> StampedRender:
    """Render one agreement: footers carry its fingerprint, every date is the build time.

    The fingerprint of the inputs is computed first, so the documents can print it; the
    agreement's and its parties' records are attached to each PDF (PDF/A-3, relationship
    Source), and each PDF gets an empty signature field over every signatory's line.
    """
    # Imported here, not at the top: loading and checking records must stay fast.
    from .archival import Stamp, build_time, collect_inputs, sha256
    from .docx_render import html_to_docx
    from .pdf_render import PdfAttachment, render_pdf
    from .templating import render_html, shared_environment
    from .thai_breaks import mark_breaks

    agreement = project.agreements[agreement_id]
    parties = [project.parties[p] for p in agreement.parties]
    inputs = collect_inputs(layout.root, layout.templates, agreement_id, agreement)
    when = build_time(agreement.date)
    stamp = Stamp(agreement_id, agreement.version, agreement.status, inputs.short, inputs.fingerprint)
    # A batch compiles the templates and loads the fonts once per process, not per agreement:
    # both are reused while the template and font files (their hashes, here) stay the same.
    files_digest = sha256("\n".join(f"{k}\0{v}" for k, v in sorted(inputs.assets.items())).encode())
    env = shared_environment(layout.templates, files_digest)
    env.globals["stamp"] = stamp.for_template()
    attachments = [PdfAttachment(name, data, f"source record {name} of {agreement_id} {agreement.version}")
                   for name, data in inputs.records.items()]
    names, people, titles = proper_names(project, agreement_id)
    result = StampedRender({}, {}, inputs, when, {})
    font = layout.fonts / "Sarabun-Regular.ttf"
    for language in editions(agreement):
        document = render_html(env, layout.templates, agreement_id, agreement, parties, language)
        glued, kept = ((column_glue(people, font), column_glue(titles, font)) if language == BILINGUAL
                       else (people, titles))
        if "pdf" in formats:
            pdf = render_pdf(mark_breaks(document.html, names, glued, kept), document.base_dir, [layout.templates, layout.assets],
                             f"agreements/{agreement_id}.yaml ({language})", attachments=attachments,
                             when=when.when, fonts_key=f"{layout.templates.resolve()}\0{files_digest}")
            name = output_name(agreement_id, language, "pdf")
            result.files[name] = pdf.data
            result.pages[language] = pdf.pages
            result.fields[name] = [f.name for f in pdf.fields]
        if "docx" in formats:
            result.files[output_name(agreement_id, language, "docx")] = html_to_docx(document.html,
                                                                                    timestamp=when.when)
    return result


def agreement_ids(root: Path) -> list[str]:
    """Return the ids of the agreement files, without reading them."""
    from .files import record_files

    return [path.stem for path in record_files(root / "agreements")]


def up_to_date_results(layout: Layout, wanted: list[str], formats: tuple[str, ...],
                       shard_spec: tuple[int, int] | None) -> list[AgreementResult] | None:
    """Return 'skipped' results when every chosen agreement is already built, else None.

    Decided from file contents alone, before records are validated or WeasyPrint is
    loaded: a build with nothing to do costs a few file reads.
    """
    from .batch import shard
    from .incremental import is_up_to_date, plan, read_stamp

    known = agreement_ids(layout.root)
    if not known or not set(wanted) <= set(known):
        return None
    results = []
    for agreement_id in shard(list(dict.fromkeys(wanted)) or known, shard_spec):
        planned = plan(layout.root, agreement_id, formats)
        if planned is None or not is_up_to_date(layout.output, planned):
            return None
        folder = layout.output / agreement_id / planned.version
        stamp = read_stamp(folder) or {}
        if stamp.get("mismatches"):  # built with mismatches allowed: validate to report them again
            return None
        results.append(skipped_result(agreement_id, folder, stamp))
    return results


def skipped_result(agreement_id: str, folder: Path, stamp: dict, warnings: list[Problem] | None = None) -> AgreementResult:
    """Return the result of an agreement left as it was: what the stamp of its last build says."""
    return AgreementResult(agreement_id, folder.name, str(stamp.get("status", "")),
                           files=[folder / name for name in stamp.get("files", {})],
                           pages=dict(stamp.get("pages", {})), skipped=True,
                           languages=list(stamp.get("editions", [])), warnings=warnings or [])


def write_rendered(layout: Layout, project: Project, rendered: Rendered, planned: Planned | None,
                   formats: tuple[str, ...]) -> AgreementResult:
    """Write one rendered agreement with its stamp, in one swap; failures become problems."""
    from .errors import MouError
    from .incremental import STAMP, stamp_bytes
    from .writer import write_files

    agreement = project.agreements[rendered.agreement_id]
    result = AgreementResult(rendered.agreement_id, agreement.version, agreement.status,
                             pages=rendered.pages, seconds=rendered.seconds,
                             problems=rendered.problems, languages=editions(agreement),
                             warnings=project.warnings.get(rendered.agreement_id, []))
    if result.problems:
        return result
    about = {"agreement": rendered.agreement_id, "version": agreement.version,
             "status": agreement.status, "languages": list(agreement.languages),
             "editions": editions(agreement),
             "title": {lang: agreement.title.get(lang) for lang in agreement.languages},
             "formats": list(formats), "pages": rendered.pages}
    if result.warnings:
        about["mismatches"] = len(result.warnings)
    files = dict(rendered.files)
    files[STAMP] = stamp_bytes(planned.fingerprint if planned else "", rendered.files, about)
    try:
        written, kept = write_files(layout.output, output_folder(rendered.agreement_id, agreement), files)
    except MouError as exc:
        result.problems = exc.problems
        return result
    result.files = [path for path in written if path.name != STAMP]
    result.notes = [say("kept_edited", name=old, kept=new) for old, new in kept]
    return result


def build(layout: Layout, wanted: Iterable[str] = (), formats: tuple[str, ...] = FORMATS, *,
          force: bool = False, jobs: int = 1, shard_spec: tuple[int, int] | None = None,
          allow_mismatch: bool = False, on_start: Callable[[int, int], None] | None = None,
          on_result: Callable[[AgreementResult], None] | None = None) -> list[AgreementResult]:
    """Build the wanted agreements (all by default); return one result per agreement.

    Agreements whose inputs have not changed since their last build are skipped (unless
    force); the rest are rendered by `jobs` processes and written one by one.
    allow_mismatch turns cross-language mismatches from errors into the results' warnings.
    """
    wanted = list(wanted)
    if not force:
        skipped = up_to_date_results(layout, wanted, formats, shard_spec)
        if skipped is not None:
            if on_start:
                on_start(0, len(skipped))
            for result in skipped:
                if on_result:
                    on_result(result)
            return skipped
    from .batch import Task, run, shard
    from .incremental import is_up_to_date, plan, read_stamp
    from .index_page import write_index
    from .writer import output_lock

    project = load(layout, allow_mismatch)
    chosen = shard(select(project, wanted), shard_spec)
    results: dict[str, AgreementResult] = {}
    with output_lock(layout.output):
        planned = {i: plan(layout.root, i, formats) for i in chosen}
        tasks = []
        for agreement_id in chosen:
            agreement = project.agreements[agreement_id]
            fingerprint = planned[agreement_id]
            if not force and fingerprint and is_up_to_date(layout.output, fingerprint):
                folder = layout.output / output_folder(agreement_id, agreement)
                results[agreement_id] = skipped_result(agreement_id, folder, read_stamp(folder) or {},
                                                       project.warnings.get(agreement_id))
                continue
            parties = {p: project.parties[p] for p in agreement.parties}
            tasks.append(Task(layout.root, layout.output, agreement_id, agreement, parties, formats))
        if on_start:
            on_start(len(tasks), len(chosen))
        for agreement_id, result in results.items():
            if on_result:
                on_result(result)
        for rendered in run(tasks, jobs):
            result = write_rendered(layout, project, rendered, planned[rendered.agreement_id], formats)
            results[rendered.agreement_id] = result
            if on_result:
                on_result(result)
        if tasks:
            write_index(layout.output)
    return [results[i] for i in chosen]
