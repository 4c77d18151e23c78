"""Command line: parse arguments, call the pipeline, print results; no logic of its own."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import MouError, Problem, UsageError
from .messages import Message, clerk_language, say
from .pipeline import FORMATS, AgreementResult, Layout, build

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises UsageError instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(say("usage", detail=message))


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
    parser.add_argument("--format", action="append", choices=FORMATS, dest="formats",
                        help="only this format; repeat for several (default: pdf and docx)")
    parser.add_argument("--lang", choices=("en", "th"), default=None,
                        help="language of messages (default: Thai under a Thai locale, else English)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    parser.add_argument("--version", action="version", version=f"mou {__version__}")
    return parser


class Console:
    """Prints results and problems in the clerk's language."""

    def __init__(self, language: str, out: TextIO, err: TextIO):
        self.language, self.out, self.err = language, out, err

    def text(self, message: Message | str) -> str:
        """Return a message in the console's language."""
        return message.text(self.language) if isinstance(message, Message) else message

    def problem(self, problem: Problem, label: str = "error") -> None:
        """Print one problem as 'error: path:line:column: field: message'."""
        print(f"{self.text(say(label))}: {problem.render(self.language)}", file=self.err)

    def note(self, message: Message | str) -> None:
        """Print a closing remark to standard error."""
        print(self.text(message), file=self.err)

    def result(self, result: AgreementResult) -> None:
        """Print what one agreement's build wrote, or what went wrong."""
        for problem in result.problems:
            self.problem(problem)
        for path in result.files:
            pages = result.pages.get(path.name.split(".")[-2]) if path.suffix == ".pdf" else None
            line = say("wrote", path=path) + (say("pages", n=pages) if pages else "")
            print(self.text(line), file=self.out)


def _language(argv: list[str]) -> str:
    """Find --lang before full parsing, so even usage errors speak the clerk's language."""
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return "th" if arg.split("=", 1)[1] == "th" else "en"
        if arg == "--lang" and index + 1 < len(argv):
            return "th" if argv[index + 1] == "th" else "en"
    return clerk_language()


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the build command and return the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    console = Console(_language(argv), out, err)
    args = None
    try:
        args = make_parser().parse_args(argv)
        layout = Layout(args.root, args.output or args.root / "output")
        results = build(layout, args.agreements, tuple(args.formats or FORMATS), on_result=console.result)
    except UsageError as exc:
        for problem in exc.problems:
            console.problem(problem, "usage_error") if problem.path != "mou" else \
                console.note(f"{console.text(say('usage_error'))}: {console.text(problem.message)}")
        return EXIT_USAGE
    except MouError as exc:
        for problem in exc.problems:
            console.problem(problem)
        console.note(say("problems_found", n=len(exc.problems)))
        return EXIT_INPUT
    except KeyboardInterrupt:
        console.note(say("interrupted"))
        return 130
    except Exception as exc:  # a bug in mou, not a mistake of the user
        if args is not None and args.debug:
            raise
        console.note(f"internal error: {type(exc).__name__}: {exc}\n"
                     "This is a bug in mou; run again with --debug and report the traceback.")
        return EXIT_INTERNAL
    failed = [r for r in results if r.problems]
    if failed:
        console.note(say("agreements_failed", n=len(failed), total=len(results)))
        return EXIT_INPUT
    return EXIT_OK


def main_entry() -> None:
    """Entry point of the `mou` console script."""
    sys.exit(main())
