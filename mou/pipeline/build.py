"""The build: gather and check every record first, then render and write each agreement."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

from mou.core.errors import MachineError, MouError, Problem
from mou.core.messages import Message, say
from mou.html.templating import template_names
from mou.pipeline.batch import Rendered, Task, run, worker_count
from mou.pipeline.font_files import check_font_files
from mou.pipeline.incremental import (
    BUILD_FILE,
    Planned,
    build_file_bytes,
    is_up_to_date,
    plan_named,
    read_build_file,
)
from mou.pipeline.index_page import Watching, write_index
from mou.pipeline.layout import FORMATS, Layout, editions, output_folder
from mou.pipeline.planning import plan
from mou.pipeline.provenance import FolderHashes
from mou.pipeline.render import wide_units
from mou.pipeline.results import AgreementResult, skipped_result
from mou.pipeline.selection import agreement_ids, select, shard
from mou.pipeline.writer import output_lock, write_files
from mou.records.model import Agreement
from mou.records.project import Project
from mou.records.validation import load_project


def load(layout: Layout, allow_mismatch: bool = False, only: Collection[str] | None = None) -> Project:
    """Load and validate the records: every one, or only these agreements and their parties."""
    check_font_files(layout.fonts, layout.root)
    return load_project(layout.root, template_names(layout.templates), allow_mismatch, layout.fonts, only)


def same_inputs_stamp(layout: Layout, agreement_id: str, version: str) -> dict[str, Any]:
    """Return the stamp of the agreement's earlier build when it was made from today's inputs, else {}.

    Its files in formats not built now (the PDFs, when only DOCX is asked for) are then
    still the same agreement as the new ones, and stay beside them; files made from other
    inputs are removed by the swap, never left beside new ones.
    """
    stamp = read_build_file(layout.output / agreement_id / version) or {}
    earlier_formats = stamp.get("formats")
    if not isinstance(earlier_formats, list) or not all(f in FORMATS for f in earlier_formats):
        return {}
    earlier = plan(layout.root, agreement_id, tuple(earlier_formats))
    return stamp if earlier is not None and earlier.fingerprint == stamp.get("fingerprint") else {}


def carried_files(
    layout: Layout, folder: Path, stamp: dict[str, Any], wanted: Callable[[str], bool]
) -> dict[str, bytes]:
    """Return the earlier build's files that wanted() picks, as that build wrote them (an edited one is not carried)."""
    carried: dict[str, bytes] = {}
    files = stamp.get("files")
    for name, info in (files if isinstance(files, dict) else {}).items():
        path = layout.output / folder / name
        if not wanted(name) or not isinstance(info, dict) or not path.is_file():
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() == info.get("sha256"):
            carried[name] = data
    return carried


def named(agreement: Agreement) -> tuple[str, list[str], str]:
    """Return what an agreement's fingerprint needs from its record: version, party ids, template."""
    return agreement.version, list(agreement.parties), agreement.template


def write_rendered(
    layout: Layout,
    project: Project,
    rendered: Rendered,
    planned: Planned | None,
    formats: tuple[str, ...],
    earlier: dict[str, Any] | None = None,
    *,
    partial: bool = False,
) -> AgreementResult:
    """Write one rendered agreement with its stamp, in one swap; failures become problems.

    earlier is the stamp of the folder's last build when it was made from the same inputs
    (same_inputs_stamp): its files in other formats stay; otherwise they are removed. A
    partial write (watch mode's Thai PDF, ahead of the rest) keeps every other file of the
    folder, with no fingerprint: the folder is not up to date until the whole agreement is written.
    """
    agreement = project.agreements[rendered.agreement_id]
    result = AgreementResult(
        rendered.agreement_id,
        agreement.version,
        agreement.status,
        pages=rendered.pages,
        seconds=rendered.seconds,
        problems=rendered.problems,
        languages=editions(agreement),
        warnings=project.warnings.get(rendered.agreement_id, []),
        layout_warnings=wide_units(layout, project, rendered.agreement_id),
        record_warnings=project.record_warnings(rendered.agreement_id),
    )
    if result.problems:
        return result
    about: dict[str, Any] = {
        "agreement": rendered.agreement_id,
        "version": agreement.version,
        "status": agreement.status,
        "languages": list(agreement.languages),
        "editions": editions(agreement),
        "title": {lang: agreement.title.get(lang) for lang in agreement.languages},
        "formats": list(formats),
        # What the record names, so a build with nothing to do can fingerprint it unparsed.
        "parties": list(agreement.parties),
        "template": agreement.template,
        "pages": rendered.pages,
    }
    if result.warnings:
        about["mismatches"] = len(result.warnings)
    folder = output_folder(rendered.agreement_id, agreement)
    if partial:
        earlier = read_build_file(layout.output / folder) or {}

    def carried_along(name: str) -> bool:
        # a partial write keeps every other file; a whole one only files of formats not built now
        return name not in rendered.files if partial else extension(name) not in formats

    carried = carried_files(layout, folder, earlier, carried_along) if earlier else {}
    if carried and earlier:
        about["pages"] = dict(earlier.get("pages") or {}) | rendered.pages
    files = carried | dict(rendered.files)
    files[BUILD_FILE] = build_file_bytes(planned.fingerprint if planned else "", carried | rendered.files, about)
    try:
        written = write_files(layout.output, folder, files)
    except MouError as exc:
        result.problems = exc.problems
        return result
    result.files = [path for path in written.files if path.name in rendered.files]
    result.notes = [say("kept_edited", name=old, kept=new) for old, new in written.kept]
    result.notes += [stale_note(name, formats) for name in written.removed]
    return result


def extension(name: str) -> str:
    """Return a file name's format: pdf or docx."""
    return name.rpartition(".")[2]


def stale_note(name: str, formats: tuple[str, ...]) -> Message:
    """Say that a file of an earlier build was removed, and how to make it again."""
    return say("stale_removed", name=name, format=extension(name), formats=", ".join(formats))


def build(
    layout: Layout,
    wanted: Iterable[str] = (),
    formats: tuple[str, ...] = FORMATS,
    *,
    force: bool = False,
    jobs: int | None = 1,
    shard_spec: tuple[int, int] | None = None,
    allow_mismatch: bool = False,
    on_start: Callable[[int, int], None] | None = None,
    on_result: Callable[[AgreementResult], None] | None = None,
    on_note: Callable[[Message], None] | None = None,
) -> list[AgreementResult]:
    """Build the wanted agreements (all by default); return one result per agreement.

    Agreements whose inputs have not changed since their last build are skipped (unless
    force); the rest are rendered by up to `jobs` processes (no more than the cores and the
    agreements; on_note hears when fewer are used) and written one by one.
    allow_mismatch turns cross-language mismatches from errors into the results' warnings.
    """
    wanted = list(wanted)
    # The check that needs no records loaded (incremental.up_to_date_results) is the command
    # line's, made before this module is imported; here each agreement is checked after loading.
    chosen = shard(select(agreement_ids(layout.root), wanted), shard_spec)
    # Named agreements (or a shard) read only their own records; a build of all checks all.
    project = load(layout, allow_mismatch, chosen if wanted or shard_spec else None)
    results: dict[str, AgreementResult] = {}
    with output_lock(layout.output):
        hashed: dict[Any, FolderHashes] = {}
        planned = {i: plan_named(layout.root, i, named(project.agreements[i]), formats, hashed) for i in chosen}
        tasks = []
        earlier: dict[str, dict[str, Any]] = {}
        for agreement_id in chosen:
            agreement = project.agreements[agreement_id]
            fingerprint = planned[agreement_id]
            if not force and fingerprint and is_up_to_date(layout.output, fingerprint):
                folder = layout.output / output_folder(agreement_id, agreement)
                results[agreement_id] = skipped_result(
                    agreement_id,
                    folder,
                    read_build_file(folder) or {},
                    project.warnings.get(agreement_id),
                    project.record_warnings(agreement_id),
                )
                continue
            parties = {p: project.parties[p] for p in agreement.parties}
            tasks.append(Task(layout.root, layout.output, agreement_id, agreement, parties, formats))
            earlier[agreement_id] = same_inputs_stamp(layout, agreement_id, agreement.version)
        workers, capped = worker_count(jobs, len(tasks))
        if capped is not None and on_note:
            on_note(capped)
        if on_start:
            on_start(len(tasks), len(chosen))
        for result in results.values():
            if on_result:
                on_result(result)
        for rendered in run(tasks, workers):
            agreement_id = rendered.agreement_id
            result = write_rendered(layout, project, rendered, planned[agreement_id], formats, earlier[agreement_id])
            results[rendered.agreement_id] = result
            if on_result:
                on_result(result)
        replaced = [f"{r.agreement_id} {r.version}" for r in results.values() if r.files and not r.skipped]
        if replaced:
            write_index_after(layout.output, replaced)
    return [results[i] for i in chosen]


def write_index_after(output: Path, replaced: list[str], watching: Watching | None = None) -> None:
    """Write index.html once files were replaced; a failure says their new files are in, only the index is old.

    The writer's own words for a failure ("earlier output is unchanged") are true of the
    index alone by now. With nothing replaced, they are true as they stand.
    """
    try:
        write_index(output, watching)
    except MachineError as exc:
        if not replaced:
            raise
        cause = exc.__context__
        problems = [
            Problem(
                str(output / "index.html"),
                say(
                    "index_not_updated",
                    detail=cause.strerror or cause if isinstance(cause, OSError) else problem.message,
                    written=", ".join(replaced),
                ),
            )
            for problem in exc.problems
        ]
        raise MachineError(problems) from None
