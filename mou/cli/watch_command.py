"""The `watch` command: rebuild what each save touches, in one warm process, until Ctrl-C."""

from __future__ import annotations

import argparse
import queue
import signal
import threading
from pathlib import Path

import watchfiles

from mou.cli.console import EXIT_OK, Console
from mou.cli.serve import LiveServer
from mou.core.errors import InputError, MouError, Problem, display_path
from mou.core.messages import say
from mou.pipeline.layout import FORMATS, Layout
from mou.pipeline.results import AgreementResult
from mou.pipeline.selection import agreement_ids, select
from mou.pipeline.watch import WATCHED, Watcher, is_input, touched

STOP_SECONDS = 5  # the watching thread checks for the stop every few hundredths of a second


class InputFilter(watchfiles.DefaultFilter):
    """watchfiles' own filter (version control, caches, swap files), then only the files a build reads."""

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        """Say whether a change is worth a rebuild."""
        return super().__call__(change, path) and is_input(Path(path))


class ConsoleReporter:
    """Prints what the watcher does, and reloads the served pages after each index page."""

    def __init__(self, console: Console, root: Path, server: LiveServer | None):
        self.console, self.root, self.server = console, root, server

    def first(self, path: Path, seconds: float) -> None:
        """Say that an agreement's first PDF is ready."""
        if not self.console.quiet:
            self.console.say(say("watch_first", path=display_path(path, self.root), seconds=f"{seconds:.2f}"))

    def result(self, result: AgreementResult) -> None:
        """Report an agreement's files, as a build does."""
        self.console.result(result)
        self.console.results.clear()  # no closing table in watch mode: keep nothing per rebuild

    def failed(self, agreement_id: str, problems: list[Problem]) -> None:
        """Print the located problems, and that the last good files stay."""
        for problem in problems:
            self.console.problem(problem)
        self.console.note(say("watch_kept", id=agreement_id))

    def gone(self, agreement_id: str) -> None:
        """Say that an agreement's record was removed."""
        self.console.note(say("watch_gone", id=agreement_id))

    def fixed(self, agreement_id: str) -> None:
        """Say that an agreement reported broken is fixed, and its files are up to date."""
        self.console.note(say("watch_fixed", id=agreement_id))

    def refreshed(self, stamp: str) -> None:
        """Reload the served pages."""
        if self.server is not None:
            self.server.reload(stamp)


def run(args: argparse.Namespace, console: Console) -> int:
    """Watch the project's inputs and rebuild on each save; stop cleanly on Ctrl-C or SIGTERM."""
    layout = Layout.at(args.root, args.output)
    if not (layout.root / "agreements").is_dir():  # the wrong folder: nothing there would ever be saved
        raise InputError(Problem(display_path(layout.root / "agreements", layout.root), say("no_agreements")))
    named = args.agreements + args.only
    names = select(agreement_ids(layout.root), named) if named else []
    console.quiet, console.verbose, console.live = args.quiet, args.verbose, False
    server = LiveServer(layout.output, args.port) if args.serve else None
    watcher = Watcher(
        layout,
        ConsoleReporter(console, layout.root, server),
        names,
        tuple(args.formats or FORMATS),
        args.allow_mismatch,
    )
    folders = [layout.root / name for name in WATCHED if (layout.root / name).is_dir()]
    saves = Saves(folders)
    stop_on_terminate()
    try:
        # Watching starts before the first build, so that a save made during it is not missed.
        saves.start()
        if server is not None:
            console.say(say("serving", url=server.start()))
        watcher.start()
        console.say(say("watching", folders=", ".join(f"{name}/" for name in WATCHED)))
        while True:
            rebuild(watcher, saves.next(), console, args.debug)
    except KeyboardInterrupt:
        pass
    finally:
        saves.stop()
        if server is not None:
            server.stop()
    console.note(say("watch_stopped"))
    return EXIT_OK


def stop_on_terminate() -> None:
    """Stop as on Ctrl-C when asked to end (`kill`, a service manager), from the main thread only."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    """Turn a termination signal into the KeyboardInterrupt the watch loop stops on."""
    raise KeyboardInterrupt


class Saves:
    """The changed files, as watchfiles reports them from a thread of its own, gathered while a rebuild runs."""

    def __init__(self, folders: list[Path]):
        self.folders = folders
        self.stopping = threading.Event()
        self.found: queue.Queue[set[tuple[watchfiles.Change, str]] | BaseException] = queue.Queue()
        self.thread = threading.Thread(target=self._watch, name="mou-watch", daemon=True)

    def start(self) -> None:
        """Start watching the folders."""
        self.thread.start()

    def _watch(self) -> None:
        """Put each set of changes in the queue until stopped (an error of the watcher too, for the main thread)."""
        try:
            for changes in watchfiles.watch(
                *self.folders, watch_filter=InputFilter(), stop_event=self.stopping, raise_interrupt=False
            ):
                self.found.put(changes)
        except Exception as exc:  # the main thread reports it
            self.found.put(exc)

    def next(self) -> list[Path]:
        """Wait for changes; return every file changed since the last call."""
        changes = self.found.get()
        batches = [changes]
        while not self.found.empty():
            batches.append(self.found.get_nowait())
        paths: set[str] = set()
        for batch in batches:
            if isinstance(batch, BaseException):
                raise batch
            paths.update(path for _, path in batch)
        return [Path(path) for path in sorted(paths)]

    def stop(self) -> None:
        """Stop watching and wait for the thread."""
        self.stopping.set()
        if self.thread.is_alive():
            self.thread.join(STOP_SECONDS)


def rebuild(watcher: Watcher, changed: list[Path], console: Console, debug: bool) -> None:
    """Rebuild what the changed files touch; a fault of the machine or a bug in mou is reported, and the watch goes on."""
    try:
        watcher.rebuild(touched(watcher.layout.root, changed, watcher.names))
    except KeyboardInterrupt:
        raise
    except MouError as exc:  # the machine's fault (a full disk, a folder in the way): said as such
        for problem in exc.problems:
            console.problem(problem)
    except Exception as exc:  # a bug in mou, not a mistake in a record (those are reported as problems)
        if debug:
            raise
        console.note(say("watch_bug", detail=f"{type(exc).__name__}: {exc}"))
