"""Render agreements in parallel worker processes; the parent alone writes files."""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mou.core.errors import MouError, Problem
from mou.core.messages import Message, say
from mou.language.breaks import thai_dictionary
from mou.pdf.render import install_patches
from mou.pipeline.layout import Layout
from mou.pipeline.render import render_agreement
from mou.records.project import Project

# A worker's memory stays flat over a batch (docs/performance.md), so a fresh worker now
# and then is only a safety net, and a costly one: a
# new worker loads the fonts, compiles the templates and warms its caches again, and each
# pool waits for its slowest task before the next one starts.
TASKS_PER_WORKER = 250
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def available_cores() -> int:
    """Return the number of cores this process may run on (a container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(requested: int | None, tasks: int, cores: int | None = None) -> tuple[int, Message | None]:
    """Return how many processes to render with, and a note when that is fewer than were asked for.

    More processes than cores only share the same cores (each with its own memory); more
    than agreements would have nothing to do. None asks for the default, one per core.
    """
    cores = cores or available_cores()
    workers = max(1, min(requested or cores, cores, tasks))
    if requested is None or requested <= workers:
        return workers, None
    return workers, say("jobs_capped", requested=requested, cores=cores, tasks=tasks, n=workers)


@dataclass(frozen=True)
class Task:
    """Everything a worker needs to render one agreement, picklable."""

    root: Path
    output: Path
    agreement_id: str
    agreement: Any
    parties: dict[str, Any]
    formats: tuple[str, ...]


@dataclass
class Rendered:
    """What a worker sends back: the files' bytes, or the problems."""

    agreement_id: str
    files: dict[str, bytes] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)


def render_task(task: Task, more_follow: bool = True) -> Rendered:
    """Render one agreement (in a worker or in-process); input problems come back as data.

    `more_follow` False says the process renders nothing after it, so nothing is settled.
    """
    started = time.perf_counter()
    result = Rendered(task.agreement_id)
    project = Project(task.root, parties=task.parties, agreements={task.agreement_id: task.agreement})
    try:
        result.files, result.pages = render_agreement(
            Layout(task.root, task.output), project, task.agreement_id, task.formats
        )
    except MouError as exc:
        result.problems = exc.problems
    del project
    if more_follow:
        settle()
    result.seconds = time.perf_counter() - started
    return result


_settled_in = 0  # the process whose long-lived objects settle() last froze


def settle() -> None:
    """After a process's first agreement, take what it keeps out of the garbage collector's rounds.

    WeasyPrint makes millions of short-lived objects, so Python's collector runs often, and
    each full round walked every long-lived object too (modules, the compiled templates, the
    font configuration, the Thai dictionary), a large part of a worker's time. Once these exist, a
    collection clears the first agreement's garbage and the rest is frozen (gc.freeze); run()
    unfreezes when the batch ends. Only reference cycles among frozen objects that die later
    would wait for that; nothing of the output depends on when garbage is collected.
    """
    global _settled_in
    if _settled_in != os.getpid():
        gc.collect()
        gc.freeze()
        _settled_in = os.getpid()


def warm_up() -> None:
    """Load the renderers and the Thai dictionary once, before forking, for every worker to share.

    Only code and data: no font configuration or document is made in the parent (each
    worker makes its own), and none of this starts a thread, which fork would not copy.
    """
    install_patches()
    thai_dictionary()


def die_with(parent: int) -> None:
    """In a worker: end it when the build that forked it ends, even by kill -9.

    On Linux the kernel sends the worker SIGKILL when its parent dies (PR_SET_PDEATHSIG);
    elsewhere a thread watches for the parent to be gone. A worker never writes output, so
    ending it loses nothing.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    """End this process once its parent is gone (where the kernel cannot be asked to)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def run(tasks: Iterable[Task], jobs: int) -> Iterator[Rendered]:
    """Yield each task's result as it completes, using up to `jobs` processes."""
    global _settled_in
    tasks = list(tasks)
    try:
        if jobs <= 1 or len(tasks) <= 1:
            for number, task in enumerate(tasks, 1):
                yield render_task(task, more_follow=number < len(tasks))
            return
        # fork: workers inherit the loaded code, frozen, so that their collector leaves it
        # alone (and its memory stays shared). Python refuses max_tasks_per_child with fork,
        # so workers are recycled by giving each pool a bounded chunk of the batch.
        warm_up()
        gc.freeze()
        context = multiprocessing.get_context("fork")
        chunk = jobs * TASKS_PER_WORKER
        for start in range(0, len(tasks), chunk):
            part = tasks[start : start + chunk]
            with ProcessPoolExecutor(
                max_workers=min(jobs, len(part)), mp_context=context, initializer=die_with, initargs=(os.getpid(),)
            ) as pool:
                for future in as_completed([pool.submit(render_task, task) for task in part]):
                    yield future.result()
    finally:
        gc.unfreeze()  # a long-lived process (a test run, a library user) collects as usual again
        _settled_in = 0
