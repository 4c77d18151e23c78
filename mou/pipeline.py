"""The build: gather and check everything first, then render and write each agreement."""

from __future__ import annotations

import difflib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MouError, Problem, UsageError
from .messages import say
from .model import Agreement
from .templating import Document, make_environment, render_html, template_names
from .validation import Project, load_project

FORMATS = ("pdf", "docx")


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


def load(layout: Layout) -> Project:
    """Load and validate every record: the gather-and-check phase."""
    return load_project(layout.root, template_names(layout.templates))


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
    """Return the file name <agreement>.<lang>.<fmt>."""
    return f"{agreement_id}.{language}.{fmt}"


def render_documents(layout: Layout, project: Project, agreement_id: str) -> list[Document]:
    """Render the HTML of every language of one agreement."""
    agreement = project.agreements[agreement_id]
    parties = [project.parties[p] for p in agreement.parties]
    env = make_environment(layout.templates)
    return [render_html(env, layout.templates, agreement_id, agreement, parties, language)
            for language in agreement.languages]


def proper_names(project: Project, agreement_id: str) -> frozenset[str]:
    """Return the Thai words of the agreement's names, which line breaking keeps whole."""
    from .thai_breaks import thai_words_of

    agreement = project.agreements[agreement_id]
    parties = [project.parties[p] for p in agreement.parties]
    people = [p.signatory for p in parties] + list(agreement.witnesses) + (
        [agreement.presiding] if agreement.presiding else [])
    texts = [t.th for p in parties for t in (p.name, p.short_name) if t.th]
    texts += [t.th for person in people for t in (person.name, person.position) if t and t.th]
    texts += [agreement.place.th or ""]
    return thai_words_of(texts)


def render_agreement(layout: Layout, project: Project, agreement_id: str,
                     formats: tuple[str, ...] = FORMATS) -> tuple[dict[str, bytes], dict[str, int]]:
    """Render every language and format of one agreement to bytes."""
    # Imported here, not at the top: loading and checking records must stay fast.
    from .pdf_render import render_pdf
    from .thai_breaks import mark_breaks

    agreement = project.agreements[agreement_id]
    names = proper_names(project, agreement_id)
    files: dict[str, bytes] = {}
    pages: dict[str, int] = {}
    for document in render_documents(layout, project, agreement_id):
        language = document.language
        if "pdf" in formats:
            pdf = render_pdf(mark_breaks(document.html, names), document.base_dir, [layout.templates, layout.assets],
                             f"agreements/{agreement_id}.yaml ({language})")
            files[output_name(agreement_id, language, "pdf")] = pdf.data
            pages[language] = pdf.pages
        if "docx" in formats:
            from .docx_render import html_to_docx

            files[output_name(agreement_id, language, "docx")] = html_to_docx(document.html)
    return files, pages


def build_agreement(layout: Layout, project: Project, agreement_id: str,
                    formats: tuple[str, ...] = FORMATS) -> AgreementResult:
    """Render one agreement and write its files together; failures become problems."""
    from .writer import write_files

    agreement = project.agreements[agreement_id]
    result = AgreementResult(agreement_id, agreement.version, agreement.status)
    started = time.perf_counter()
    try:
        files, result.pages = render_agreement(layout, project, agreement_id, formats)
        result.files = write_files(layout.output, output_folder(agreement_id, agreement), files)
    except MouError as exc:
        result.problems = exc.problems
    result.seconds = time.perf_counter() - started
    return result


def build(layout: Layout, wanted: Iterable[str] = (), formats: tuple[str, ...] = FORMATS,
          on_result: Callable[[AgreementResult], None] | None = None) -> list[AgreementResult]:
    """Build the wanted agreements (all by default); return one result per agreement."""
    from .writer import output_lock

    project = load(layout)
    results = []
    with output_lock(layout.output):
        for agreement_id in select(project, wanted):
            result = build_agreement(layout, project, agreement_id, formats)
            if on_result:
                on_result(result)
            results.append(result)
    return results
