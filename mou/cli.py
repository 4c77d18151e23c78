"""Command line: parse arguments, call the pipeline, print results; no logic of its own."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import MouError, UsageError
from .pipeline import FORMATS, AgreementResult, Layout, build

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises UsageError instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see python build.py --help)")


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
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    parser.add_argument("--version", action="version", version=f"mou {__version__}")
    return parser


def report(result: AgreementResult, out: TextIO, err: TextIO) -> None:
    """Print what one agreement's build wrote, or what went wrong."""
    for problem in result.problems:
        print(f"error: {problem}", file=err)
    for path in result.files:
        pages = result.pages.get(path.name.split(".")[-2]) if path.suffix == ".pdf" else None
        suffix = f" ({pages} pages)" if pages else ""
        print(f"wrote {path}{suffix}", file=out)


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the build command and return the exit status."""
    args = None
    try:
        args = make_parser().parse_args(argv)
        layout = Layout(args.root, args.output or args.root / "output")
        results = build(layout, args.agreements, tuple(args.formats or FORMATS),
                        on_result=lambda r: report(r, out, err))
    except UsageError as exc:
        for problem in exc.problems:
            print(f"usage error: {problem.message if problem.path == 'mou' else problem}", file=err)
        return EXIT_USAGE
    except MouError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=err)
        print(f"{len(exc.problems)} problem(s) found; nothing was written.", file=err)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted; earlier output is unchanged.", file=err)
        return 130
    except Exception as exc:  # a bug in mou, not a mistake of the user
        if args is not None and args.debug:
            raise
        print(f"internal error: {type(exc).__name__}: {exc}\n"
              "This is a bug in mou; run again with --debug and report the traceback.", file=err)
        return EXIT_INTERNAL
    failed = [r for r in results if r.problems]
    if failed:
        print(f"{len(failed)} of {len(results)} agreement(s) failed; their earlier output is unchanged.",
              file=err)
        return EXIT_INPUT
    return EXIT_OK


def main_entry() -> None:
    """Entry point of the `mou` console script."""
    sys.exit(main())
