"""Command line: parse arguments, call the pipeline, print results; no logic of its own."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from collections.abc import Callable
from typing import Any, TextIO

from . import __version__
from .errors import MouError, Problem, UsageError
from .messages import Message, clerk_language, say
from .pipeline import FORMATS, AgreementResult, Layout, build

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises UsageError instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(say("usage", detail=message))


def _jobs(text: str) -> int:
    """Parse --jobs: a positive whole number."""
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def _shard(text: str) -> tuple[int, int]:
    """Parse --shard I/N."""
    from .batch import parse_shard

    return parse_shard(text)


def make_parser() -> argparse.ArgumentParser:
    """Describe the command line."""
    parser = _Parser(prog="python build.py",
                     description="Build bilingual MOU agreements (PDF and DOCX) from YAML records.")
    parser.add_argument("agreements", nargs="*", metavar="AGREEMENT",
                        help="ids of the agreements to build (default: all in agreements/)")
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="project folder holding parties/, agreements/ and templates/ (default: .)")
    parser.add_argument("--output", type=Path, default=None,
                        help="where to write the files (default: ROOT/output)")
    parser.add_argument("--only", action="append", default=[], metavar="AGREEMENT",
                        help="build only this agreement (repeatable; same as naming it)")
    parser.add_argument("--format", action="append", choices=FORMATS, dest="formats",
                        help="only this format; repeat for several (default: pdf and docx)")
    parser.add_argument("--force", action="store_true",
                        help="rebuild even the agreements whose inputs have not changed")
    parser.add_argument("--jobs", "-j", type=_jobs, default=os.cpu_count() or 1, metavar="N",
                        help="render in N processes (default: the number of cores)")
    parser.add_argument("--shard", type=_shard, default=None, metavar="I/N",
                        help="build only share I of N of the agreements (for a CI matrix)")
    parser.add_argument("--allow-mismatch", action="store_true",
                        help="while drafting: report where the Thai and English texts differ (numbers, "
                             "dates, names) as warnings and build anyway")
    parser.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    parser.add_argument("--verbose", "-v", action="store_true", help="print timings too")
    parser.add_argument("--lang", choices=("en", "th"), default=None,
                        help="language of messages (default: Thai under a Thai locale, else English)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    parser.add_argument("--version", action="version", version=f"mou {__version__}")
    return parser


class Console:
    """Prints results and problems in the clerk's language: plain lines, or a progress bar on a terminal."""

    def __init__(self, language: str, out: TextIO, err: TextIO, quiet: bool = False,
                 verbose: bool = False):
        self.language, self.out, self.err = language, out, err
        self.quiet, self.verbose = quiet, verbose
        self.live = not quiet and out.isatty() and err.isatty()
        self.progress: Any = None
        self.results: list[AgreementResult] = []

    def text(self, message: Message | str) -> str:
        """Return a message in the console's language."""
        return message.text(self.language) if isinstance(message, Message) else message

    def problem(self, problem: Problem, label: str = "error") -> None:
        """Print one problem as 'error: path:line:column: field: message'."""
        self._print(f"{self.text(say(label))}: {problem.render(self.language)}", self.err)

    def note(self, message: Message | str) -> None:
        """Print a remark to standard error."""
        self._print(self.text(message), self.err)

    def start(self, to_build: int, total: int) -> None:
        """Begin a batch: a progress bar on a terminal, a log line otherwise."""
        if to_build and self.live:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self.progress = Progress("{task.description}", BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), transient=True)
            self.progress.start()
            self.task = self.progress.add_task(self.text(say("building")), total=to_build)
        elif not self.quiet and not self.live and self.verbose:
            self._print(self.text(say("batch", n=to_build, total=total)), self.out)

    def result(self, result: AgreementResult) -> None:
        """Report one agreement: problems always, files as log lines unless on a terminal."""
        self.results.append(result)
        for problem in result.problems:
            self.problem(problem)
        for problem in result.warnings:
            self.problem(problem, "warning")
        for note in result.notes:
            self.note(note)
        if self.progress is not None and not result.skipped:
            self.progress.advance(self.task)
        if self.quiet or self.live:
            return
        if result.skipped:
            self._print(self.text(say("up_to_date", id=result.agreement_id, version=result.version)), self.out)
            return
        for path in result.files:
            pages = result.pages.get(path.name.split(".")[-2]) if path.suffix == ".pdf" else None
            line = say("wrote", path=path) + (say("pages", n=pages) if pages else "")
            self._print(self.text(line), self.out)
        if self.verbose and not result.skipped:
            self._print(self.text(say("took", id=result.agreement_id, seconds=f"{result.seconds:.2f}")), self.out)

    def finish(self) -> None:
        """End the batch: a summary table on a terminal."""
        if self.progress is not None:
            self.progress.stop()
            self.progress = None
        if self.live and self.results:
            from rich.console import Console as RichConsole
            from rich.table import Table

            table = Table(*[self.text(say(h)) for h in ("col_agreement", "col_version", "col_status",
                                                          "col_languages", "col_files", "col_pages",
                                                          "col_time")])
            for r in self.results:
                state = self.text(say("state_failed" if r.problems else "state_skipped" if r.skipped
                                      else "state_built"))
                pages = ", ".join(f"{lang} {r.pages[lang]}" for lang in r.languages if lang in r.pages)
                table.add_row(r.agreement_id, r.version, f"{r.status} ({state})", ", ".join(r.languages),
                              str(len(r.files)), pages, "–" if r.skipped else f"{r.seconds:.1f} s")
            RichConsole(file=self.out).print(table)

    def _print(self, line: str, stream: TextIO) -> None:
        """Print a line, above the progress bar when there is one."""
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=stream)


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
        console.note(say("problems_found", n=len(exc.problems)))
        return EXIT_INPUT
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python's exit flush quiet
        return EXIT_OK
    except KeyboardInterrupt:
        console.note(say("interrupted"))
        return 130
    except Exception as exc:  # a bug in mou, not a mistake of the user
        if debug:
            raise
        console.note(f"internal error: {type(exc).__name__}: {exc}\n"
                     "This is a bug in mou; run again with --debug and report the traceback.")
        return EXIT_INTERNAL


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the build command (or release / verify) and return the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("release", "verify"):  # release_cli.py: signed, verifiable archives
        from .release_cli import release_command, verify_command

        return (release_command if argv[0] == "release" else verify_command)(argv[1:], out, err)
    if argv and argv[0] == "diff":  # diff_cli.py: redlines between two versions
        from .diff_cli import diff_command

        return diff_command(argv[1:], out, err)
    console = Console(message_language(argv), out, err)

    def run() -> int:
        args = make_parser().parse_args(argv)
        console.quiet, console.verbose = args.quiet, args.verbose
        console.live = console.live and not args.quiet
        layout = Layout(args.root, args.output or args.root / "output")
        try:
            results = build(layout, args.agreements + args.only, tuple(args.formats or FORMATS),
                            force=args.force, jobs=args.jobs, shard_spec=args.shard,
                            allow_mismatch=args.allow_mismatch,
                            on_start=console.start, on_result=console.result)
        finally:
            console.finish()
        warned = sum(len(r.warnings) for r in results)
        if warned:
            console.note(say("mismatches_allowed", n=warned))
        failed = [r for r in results if r.problems]
        if failed:
            console.note(say("agreements_failed", n=len(failed), total=len(results)))
            return EXIT_INPUT
        return EXIT_OK

    return guarded(run, console, "--debug" in argv)


def main_entry() -> None:
    """Entry point of the `mou` console script."""
    sys.exit(main())
