"""The build: gather and check every record first, then render and write each agreement."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from mou.core.errors import MouError
from mou.core.messages import say
from mou.html.templating import template_names
from mou.pipeline.batch import Rendered, Task, run
from mou.pipeline.incremental import (
    BUILD_FILE,
    Planned,
    build_file_bytes,
    is_up_to_date,
    plan,
    read_build_file,
)
from mou.pipeline.index_page import write_index
from mou.pipeline.layout import FORMATS, Layout, editions, output_folder
from mou.pipeline.results import AgreementResult, skipped_result
from mou.pipeline.selection import select, shard
from mou.pipeline.writer import output_lock, write_files
from mou.records.project import Project
from mou.records.validation import load_project


def load(layout: Layout, allow_mismatch: bool = False) -> Project:
    """Load and validate every record: the gather-and-check phase."""
    return load_project(layout.root, template_names(layout.templates), allow_mismatch, layout.fonts)


def write_rendered(
    layout: Layout, project: Project, rendered: Rendered, planned: Planned | None, formats: tuple[str, ...]
) -> AgreementResult:
    """Write one rendered agreement with its stamp, in one swap; failures become problems."""
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
        "pages": rendered.pages,
    }
    if result.warnings:
        about["mismatches"] = len(result.warnings)
    files = dict(rendered.files)
    files[BUILD_FILE] = build_file_bytes(planned.fingerprint if planned else "", rendered.files, about)
    try:
        written, kept = write_files(layout.output, output_folder(rendered.agreement_id, agreement), files)
    except MouError as exc:
        result.problems = exc.problems
        return result
    result.files = [path for path in written if path.name != BUILD_FILE]
    result.notes = [say("kept_edited", name=old, kept=new) for old, new in kept]
    return result


def build(
    layout: Layout,
    wanted: Iterable[str] = (),
    formats: tuple[str, ...] = FORMATS,
    *,
    force: bool = False,
    jobs: int = 1,
    shard_spec: tuple[int, int] | None = None,
    allow_mismatch: bool = False,
    on_start: Callable[[int, int], None] | None = None,
    on_result: Callable[[AgreementResult], None] | None = None,
) -> list[AgreementResult]:
    """Build the wanted agreements (all by default); return one result per agreement.

    Agreements whose inputs have not changed since their last build are skipped (unless
    force); the rest are rendered by `jobs` processes and written one by one.
    allow_mismatch turns cross-language mismatches from errors into the results' warnings.
    """
    wanted = list(wanted)
    # The check that needs no records loaded (incremental.up_to_date_results) is the command
    # line's, made before this module is imported; here each agreement is checked after loading.
    project = load(layout, allow_mismatch)
    chosen = shard(select(project.agreements, wanted), shard_spec)
    results: dict[str, AgreementResult] = {}
    with output_lock(layout.output):
        planned = {i: plan(layout.root, i, formats) for i in chosen}
        tasks = []
        for agreement_id in chosen:
            agreement = project.agreements[agreement_id]
            fingerprint = planned[agreement_id]
            if not force and fingerprint and is_up_to_date(layout.output, fingerprint):
                folder = layout.output / output_folder(agreement_id, agreement)
                results[agreement_id] = skipped_result(
                    agreement_id, folder, read_build_file(folder) or {}, project.warnings.get(agreement_id)
                )
                continue
            parties = {p: project.parties[p] for p in agreement.parties}
            tasks.append(Task(layout.root, layout.output, agreement_id, agreement, parties, formats))
        if on_start:
            on_start(len(tasks), len(chosen))
        for result in results.values():
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
