"""Watch mode's rebuilds: what a saved file touches, the Thai PDF first, and a broken record that keeps the last good files.

The process stays warm between rebuilds: WeasyPrint, the fonts, the compiled templates,
the Thai dictionary and the speed-ups are loaded once (and reused while the template and
font files stay the same, as in a batch). Each save reads only the agreements it touches
and their parties. A record that does not load is reported, with its place in the file,
and nothing of its agreement is written: the files of its last good build stay in output/.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mou.core.errors import InputError, MouError, Problem
from mou.core.paths import RECORD_SUFFIXES, record_path
from mou.html.templating import template_names
from mou.pipeline.batch import Rendered, warm_up
from mou.pipeline.build import write_index_after, write_rendered
from mou.pipeline.font_files import check_font_files
from mou.pipeline.incremental import Planned, is_up_to_date
from mou.pipeline.index_page import Watching
from mou.pipeline.layout import FORMATS, Layout, editions, output_folder, output_name
from mou.pipeline.planning import plan, quick_read
from mou.pipeline.render import render_stamped
from mou.pipeline.results import AgreementResult
from mou.pipeline.selection import agreement_ids
from mou.pipeline.writer import output_lock
from mou.records.model import Agreement
from mou.records.project import Project
from mou.records.validation import load_project

WATCHED = ("parties", "agreements", "templates")
FIRST_LANGUAGE = "th"  # the edition a clerk checks first, written ahead of the others


class Reporter(Protocol):
    """What watch mode tells the clerk (the command line prints it; the server reloads the page)."""

    def first(self, path: Path, seconds: float) -> None:
        """The first edition's PDF of an agreement was replaced."""

    def result(self, result: AgreementResult) -> None:
        """An agreement's files were all written (or failed to render)."""

    def failed(self, agreement_id: str, problems: list[Problem]) -> None:
        """An agreement's records do not load: nothing of it was written."""

    def gone(self, agreement_id: str) -> None:
        """An agreement's record was removed."""

    def fixed(self, agreement_id: str) -> None:
        """An agreement reported broken loads again, and its files in output/ are already up to date."""

    def refreshed(self, stamp: str) -> None:
        """The index page was written again."""


def is_input(path: Path) -> bool:
    """Say whether a changed file is one the build reads: a record, or a template file (not an editor's droppings)."""
    name = path.name
    if name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")):
        return False
    if path.parent.name in ("parties", "agreements"):
        return path.suffix in RECORD_SUFFIXES
    return True


def touched(root: Path, changed: Iterable[Path], names: Sequence[str] = ()) -> list[str]:
    """Return the agreements that changed files touch: those edited first, then those naming an edited party or template.

    A party touches the agreements that name it; a template folder, the agreements that use
    it; the fonts or anything else under templates/, every agreement. With names, only those
    agreements are watched.
    """
    root = root.resolve()
    edited: list[str] = []
    parties: set[str] = set()
    templates: set[str] = set()
    everything = False
    for path in changed:
        try:
            parts = path.resolve().relative_to(root).parts
        except ValueError:
            continue
        if len(parts) == 2 and parts[0] in ("parties", "agreements") and Path(parts[1]).suffix in RECORD_SUFFIXES:
            stem = Path(parts[1]).stem
            if parts[0] == "agreements":
                edited.append(stem)
            else:
                parties.add(stem)
        elif parts and parts[0] == "templates":
            if len(parts) >= 3 and parts[1] != "fonts":
                templates.add(parts[1])
            else:
                everything = True
    watched = set(names) if names else set(agreement_ids(root)) | set(edited)
    chosen = [a for a in dict.fromkeys(edited) if a in watched]
    if parties or templates or everything:
        for agreement_id in sorted(watched - set(chosen)):
            found = record_path(root, "agreements", agreement_id)
            record = quick_read(found) if found else None
            if record is None:
                continue  # unreadable: its own save reports it
            named = record.get("parties")
            uses = record.get("template", "standard")
            if (
                everything
                or (isinstance(named, list) and parties & {p for p in named if isinstance(p, str)})
                or uses in templates
            ):
                chosen.append(agreement_id)
    return chosen


def first_edition(agreement: Agreement) -> str:
    """Return the edition written first: Thai when the agreement has it, else its first."""
    found = editions(agreement)
    return FIRST_LANGUAGE if FIRST_LANGUAGE in found else found[0]


@dataclass
class Loaded:
    """An agreement whose records loaded, ready to render."""

    agreement_id: str
    project: Project
    planned: Planned | None
    started: float


class Watcher:
    """Rebuilds what each save touches, in this one warm process, and keeps the index page current."""

    def __init__(
        self,
        layout: Layout,
        reporter: Reporter,
        names: Sequence[str] = (),
        formats: tuple[str, ...] = FORMATS,
        allow_mismatch: bool = False,
    ):
        self.layout, self.reporter, self.names = layout, reporter, list(names)
        self.formats, self.allow_mismatch = formats, allow_mismatch
        self.problems: dict[str, list[Problem]] = {}  # agreement id → what keeps its files back
        self.focus: str | None = self.names[0] if self.names else None
        self.preview: Path | None = None  # the PDF the index page shows
        self.rebuilds = 0
        self.written: list[str] = []  # agreements with files written since the index page was last written

    def watched(self) -> list[str]:
        """Return the agreements watched: those named, else every agreement file there is now."""
        return self.names or agreement_ids(self.layout.root)

    def start(self) -> None:
        """Bring output/ up to date, then warm the renderers with the focus agreement's first PDF."""
        warm_up()
        rendered = self.rebuild(self.watched(), edited=False)
        # An agreement that does not load was reported by the rebuild: loading it again would say it twice.
        if not rendered and self.focus is not None and self.focus not in self.problems:
            self.warm(self.focus)
        with output_lock(self.layout.output, wait=True):
            self.refresh()
        # What is loaded now (modules, fonts, templates, dictionary) lives as long as the
        # process: keep it out of the collector's rounds, as a batch's workers do.
        gc.collect()
        gc.freeze()

    def warm(self, agreement_id: str) -> None:
        """Render an agreement's first PDF and throw it away, so the first save finds everything loaded."""
        loaded = self.load(agreement_id)
        if loaded is not None and "pdf" in self.formats:
            agreement = loaded.project.agreements[agreement_id]
            with contextlib.suppress(MouError):  # the first real save reports it
                render_stamped(
                    self.layout, loaded.project, agreement_id, ("pdf",), languages=[first_edition(agreement)]
                )

    def load(self, agreement_id: str) -> Loaded | None:
        """Load and check one agreement and its parties; report and remember the problems if they do not load."""
        started = time.perf_counter()
        root = self.layout.root
        if record_path(root, "agreements", agreement_id) is None:
            self.problems.pop(agreement_id, None)
            self.reporter.gone(agreement_id)
            return None
        try:
            check_font_files(self.layout.fonts, root)
            project = load_project(
                root, template_names(self.layout.templates), self.allow_mismatch, self.layout.fonts, {agreement_id}
            )
        except InputError as exc:
            self.problems[agreement_id] = exc.problems
            self.reporter.failed(agreement_id, exc.problems)
            return None
        self.problems.pop(agreement_id, None)
        agreement = project.agreements[agreement_id]
        if self.focus is None or self.focus == agreement_id:
            self.focus = agreement_id
            if "pdf" in self.formats:
                name = output_name(agreement_id, first_edition(agreement), "pdf")
                self.preview = self.layout.output / output_folder(agreement_id, agreement) / name
        return Loaded(agreement_id, project, plan(root, agreement_id, self.formats), started)

    def rebuild(self, agreement_ids: Sequence[str], edited: bool = True, force: bool = False) -> int:
        """Rebuild the agreements given (the first is the one being edited); return how many were rendered.

        Every agreement's first-edition PDF is written before any other file, each in its own
        swap; then each agreement's other files. The output lock is held throughout, waiting
        for another build to finish first.
        """
        if edited and agreement_ids and (not self.names or agreement_ids[0] in self.names):
            self.focus = agreement_ids[0]
        before = {key: list(found) for key, found in self.problems.items()}
        with output_lock(self.layout.output, wait=True):
            ready = []
            for agreement_id in agreement_ids:
                loaded = self.load(agreement_id)
                if loaded is None:
                    continue
                if not force and loaded.planned and is_up_to_date(self.layout.output, loaded.planned):
                    continue
                ready.append(loaded)
            firsts = (
                {loaded.agreement_id: self.write_first(loaded) for loaded in ready} if "pdf" in self.formats else {}
            )
            if ready or self.problems != before:
                self.refresh()
            # Put back as it was built (a typo undone): nothing to render, but the clerk's last
            # line still says it is broken.
            rendered = {loaded.agreement_id for loaded in ready}
            for agreement_id in agreement_ids:
                if agreement_id in before and agreement_id not in self.problems and agreement_id not in rendered:
                    self.reporter.fixed(agreement_id)
            for loaded in ready:
                first = firsts.get(loaded.agreement_id)
                if first is None and loaded.agreement_id in firsts:
                    continue  # its first PDF failed: reported already
                self.write_rest(loaded, first)
            if ready:
                self.refresh()
        gc.collect()  # a rebuild's garbage goes now, not during the next one
        return len(ready)

    def write_first(self, loaded: Loaded) -> Rendered | None:
        """Render and write an agreement's first-edition PDF alone; None if it failed."""
        agreement = loaded.project.agreements[loaded.agreement_id]
        try:
            stamped = render_stamped(
                self.layout, loaded.project, loaded.agreement_id, ("pdf",), languages=[first_edition(agreement)]
            )
        except MouError as exc:
            self.fail(loaded, exc.problems)
            return None
        rendered = Rendered(loaded.agreement_id, stamped.files, stamped.pages, time.perf_counter() - loaded.started)
        result = write_rendered(self.layout, loaded.project, rendered, None, self.formats, partial=True)
        if result.problems:
            self.fail(loaded, result.problems)
            return None
        for path in result.files:
            self.reporter.first(path, rendered.seconds)
        self.written.append(loaded.agreement_id)
        return rendered

    def write_rest(self, loaded: Loaded, first: Rendered | None) -> None:
        """Render an agreement's other files and write them all, with its stamp, in one swap."""
        skip = frozenset(first.files) if first else frozenset()
        try:
            stamped = render_stamped(self.layout, loaded.project, loaded.agreement_id, self.formats, skip=skip)
        except MouError as exc:
            self.fail(loaded, exc.problems)
            return
        files = {**(first.files if first else {}), **stamped.files}
        pages = {**(first.pages if first else {}), **stamped.pages}
        seconds = time.perf_counter() - loaded.started
        rendered = Rendered(loaded.agreement_id, files, pages, seconds)
        result = write_rendered(self.layout, loaded.project, rendered, loaded.planned, self.formats)
        if result.problems:
            self.problems[loaded.agreement_id] = result.problems
        if result.files:
            self.written.append(loaded.agreement_id)
        self.reporter.result(result)

    def fail(self, loaded: Loaded, problems: list[Problem]) -> None:
        """Remember and report why an agreement that loaded could not be rendered or written."""
        self.problems[loaded.agreement_id] = problems
        self.reporter.failed(loaded.agreement_id, problems)

    def refresh(self) -> None:
        """Write the index page again, with the problems still open and the PDF being edited."""
        self.rebuilds += 1
        stamp = f"{time.strftime('%H:%M:%S')} #{self.rebuilds}"
        problems = list(dict.fromkeys(p for found in self.problems.values() for p in found))
        written, self.written = list(dict.fromkeys(self.written)), []
        write_index_after(self.layout.output, written, Watching(problems, self.preview, stamp))
        self.reporter.refreshed(stamp)
