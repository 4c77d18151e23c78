"""How the command line talks to the clerk: messages in their language, exit statuses, no tracebacks."""

from __future__ import annotations

import errno
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from mou.core.errors import MachineError, MouError, Problem, UsageError
from mou.core.messages import Message, clerk_language, say
from mou.core.paths import unread_record_files
from mou.pipeline.results import AgreementResult

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
# A shell's statuses for a run ended by Ctrl-C (SIGINT) and by `kill` (SIGTERM): 128 + the signal.
EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM
# Failures of the machine, not of mou: what the clerk can do about each (others: system_error).
ENVIRONMENT_ERRORS = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EROFS: "read_only_disk",
    errno.EPERM: "cannot_write_output",
    errno.EACCES: "cannot_write_output",
    errno.EIO: "system_error",
    errno.EMFILE: "system_error",
    errno.ENFILE: "system_error",
    errno.ENOMEM: "out_of_memory",
    errno.EFBIG: "file_size_limit",
}


class Console:
    """Prints results and problems in the clerk's language: plain lines, or a progress bar on a terminal."""

    def __init__(self, language: str, out: TextIO, err: TextIO, quiet: bool = False, verbose: bool = False):
        self.language, self.out, self.err = language, out, err
        self.quiet, self.verbose = quiet, verbose
        self.live = not quiet and out.isatty() and err.isatty()
        # The terminal's progress bar and table (mou/cli/live.py), set by main.py when live.
        self.display: Any = None
        self.results: list[AgreementResult] = []
        # Warnings said already: a party's file is shared by the agreements that name it.
        self.warned: set[Problem] = set()

    def text(self, message: Message | str) -> str:
        """Return a message in the console's language."""
        return message.text(self.language) if isinstance(message, Message) else message

    def problem(self, problem: Problem, label: str = "error") -> None:
        """Print one problem as 'error: path:line:column: field: message'."""
        self._print(f"{self.text(say(label))}: {problem.render(self.language)}", self.err)

    def warning(self, problem: Problem) -> None:
        """Print a warning, once per command however many agreements share its file."""
        if problem not in self.warned:
            self.warned.add(problem)
            self.problem(problem, "warning")

    def say(self, message: Message | str) -> None:
        """Print a line of the command's output to standard output."""
        print(self.text(message), file=self.out)

    def note(self, message: Message | str) -> None:
        """Print a remark to standard error."""
        self._print(self.text(message), self.err)

    def start(self, to_build: int, total: int) -> None:
        """Begin a batch: a progress bar on a terminal, a log line otherwise."""
        if to_build and self.live and self.display is not None:
            self.display.start(self.text(say("building")), to_build)
        elif not self.quiet and not self.live and self.verbose:
            self._print(self.text(say("batch", n=to_build, total=total)), self.out)

    def result(self, result: AgreementResult) -> None:
        """Report one agreement: problems always, files as log lines unless on a terminal."""
        self.results.append(result)
        for problem in result.problems:
            self.problem(problem)
        for problem in result.warnings + result.record_warnings + result.layout_warnings:
            self.warning(problem)
        for note in result.notes:
            self.note(note)
        if self.display is not None and not result.skipped:
            self.display.advance()
        if self.quiet or self.live:
            return
        if result.skipped:
            self._print(self.text(say("up_to_date", id=result.agreement_id, version=result.version)), self.out)
            return
        for path in result.files:
            pages = result.pages.get(path.name.split(".")[-2]) if path.suffix == ".pdf" else None
            line = say("wrote", path=path) + page_count(pages)
            self._print(self.text(line), self.out)
        if self.verbose and not result.skipped:
            self._print(self.text(say("took", id=result.agreement_id, seconds=f"{result.seconds:.2f}")), self.out)

    def finish(self) -> None:
        """End the batch: a summary table on a terminal."""
        if self.display is None:
            return
        self.display.stop()
        if self.live and self.results:
            headers = [
                "col_agreement",
                "col_version",
                "col_status",
                "col_languages",
                "col_files",
                "col_pages",
                "col_time",
            ]
            rows = []
            for r in self.results:
                state = self.text(
                    say("state_failed" if r.problems else "state_skipped" if r.skipped else "state_built")
                )
                pages = ", ".join(f"{lang} {r.pages[lang]}" for lang in r.languages if lang in r.pages)
                rows.append(
                    [
                        r.agreement_id,
                        r.version,
                        f"{r.status} ({state})",
                        ", ".join(r.languages),
                        str(len(r.files)),
                        pages,
                        "–" if r.skipped else f"{r.seconds:.1f} s",
                    ]
                )
            self.display.table([self.text(say(h)) for h in headers], rows)

    def _print(self, line: str, stream: TextIO) -> None:
        """Print a line, above the progress bar when there is one."""
        if self.display is None or not self.display.print(line):
            print(line, file=stream)


def page_count(pages: int | None) -> Message | str:
    """Return ' (N pages)' for a PDF's line, ' (1 page)' for one, nothing when unknown."""
    if not pages:
        return ""
    return say("one_page") if pages == 1 else say("pages", n=pages)


def message_language(argv: list[str]) -> str:
    """Find --lang before full parsing, so even usage errors speak the clerk's language."""
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return "th" if arg.split("=", 1)[1] == "th" else "en"
        if arg == "--lang" and index + 1 < len(argv):
            return "th" if argv[index + 1] == "th" else "en"
    return clerk_language()


def guarded(run: Callable[[], int], console: Console, debug: bool) -> int:
    """Run a command; every mistake of the user becomes a message and an exit status, never a traceback."""
    try:
        return run()
    except UsageError as exc:
        for problem in exc.problems:
            if problem.path != "mou":
                console.problem(problem, "usage_error")
            else:
                console.note(f"{console.text(say('usage_error'))}: {console.text(problem.message)}")
        return EXIT_USAGE
    except MouError as exc:
        for problem in exc.problems:
            console.problem(problem)
        if not isinstance(exc, MachineError):  # what the machine refused may come after some output was written
            console.note(say("problems_found", n=len(exc.problems)))
        return EXIT_INPUT
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python's exit flush quiet
        return EXIT_OK
    except KeyboardInterrupt as exc:
        console.note(interrupted(console.results))
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    except OSError as exc:
        if exc.errno not in ENVIRONMENT_ERRORS:
            return internal_error(exc, console, debug)
        where = exc.filename or "mou"
        console.problem(Problem(str(where), say(ENVIRONMENT_ERRORS[exc.errno], detail=exc.strerror or exc)))
        return EXIT_INPUT
    except MemoryError:
        console.problem(Problem("mou", say("out_of_memory")))
        return EXIT_INPUT
    except Exception as exc:
        if broken_executor(exc):  # a worker killed from outside, most often for lack of memory (BrokenProcessPool)
            console.problem(Problem("mou", say("worker_died")))
            return EXIT_INPUT
        return internal_error(exc, console, debug)  # a bug in mou, not a mistake of the user


class Terminated(KeyboardInterrupt):
    """SIGTERM (`kill`, a service manager, a CI timeout), stopping a command as Ctrl-C does."""


@contextmanager
def terminated_as_interrupted() -> Iterator[None]:
    """While a command runs, make SIGTERM stop it as Ctrl-C does: the same message, output as consistent.

    Python's default for SIGTERM ends the process at once, silently, between any two steps.
    Signal handlers belong to the main thread only; elsewhere nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _terminate(signum: int, frame: object) -> None:
    """Turn SIGTERM into the interruption every command already stops cleanly on."""
    raise Terminated


def _default_terminate_in_child() -> None:
    """In a forked worker, let SIGTERM end it at once, as before: it writes no output."""
    if signal.getsignal(signal.SIGTERM) is _terminate:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


os.register_at_fork(after_in_child=_default_terminate_in_child)


def broken_executor(exc: BaseException) -> bool:
    """Say whether an exception is concurrent.futures' BrokenExecutor, without importing that module for every command.

    Only a pool raises it, and a pool has imported concurrent.futures.
    """
    futures = sys.modules.get("concurrent.futures")
    return futures is not None and isinstance(exc, futures.BrokenExecutor)


def interrupted(results: list[AgreementResult]) -> Message:
    """Say what an interrupted run had already replaced, and that the rest is as it was."""
    written = [f"{r.agreement_id} {r.version}" for r in results if not r.skipped and not r.problems and r.files]
    return say("interrupted_after_writing", written=", ".join(written)) if written else say("interrupted")


def internal_error(exc: Exception, console: Console, debug: bool) -> int:
    """Report a bug in mou: the exception in one line, and how to get the traceback."""
    if debug:
        raise exc
    console.note(say("internal_error", detail=f"{type(exc).__name__}: {exc}"))
    return EXIT_INTERNAL


def unread_records(root: Path) -> list[Problem]:
    """Return a warning for each file of parties/ and agreements/ named like a record that is not read."""
    return [Problem(shown, say("record_not_read", name=name)) for shown, name in unread_record_files(root)]
