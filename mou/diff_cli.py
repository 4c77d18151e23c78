"""The `diff` command: `python build.py diff <agreement> <old-version> <new-version>`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from .cli import EXIT_OK, Console, guarded, message_language
from .messages import say
from .pipeline import Layout
from .release_cli import command_parser


def diff_parser() -> argparse.ArgumentParser:
    """Describe `diff`."""
    parser = command_parser("python build.py diff",
                     "Write a redline PDF and a DOCX with tracked changes between two versions of an "
                     "agreement, per language, into output/<agreement>/diff-<old>-<new>/.")
    parser.add_argument("agreement", metavar="AGREEMENT", help="id of the agreement")
    parser.add_argument("old", metavar="OLD", help="earlier version: a version number (release archive, "
                        "git history, working tree) or git:<revision>")
    parser.add_argument("new", metavar="NEW", help="later version, named the same way")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    parser.add_argument("--output", type=Path, default=None, help="output folder (default: ROOT/output)")
    parser.add_argument("--format", action="append", choices=("pdf", "docx"), dest="formats",
                        help="only this format; repeat for several (default: pdf and docx)")
    parser.add_argument("--allow-mismatch", action="store_true",
                        help="report where a version's Thai and English texts differ as warnings and "
                             "make the redline anyway")
    return parser


def diff_command(argv: list[str], out: TextIO, err: TextIO) -> int:
    """Run `diff`; print the files written; non-zero on any problem."""
    console = Console(message_language(argv), out, err)

    def run() -> int:
        from .redline import make_redline, write_redline

        args = diff_parser().parse_args(argv)
        layout = Layout(args.root, args.output or args.root / "output")
        redline = make_redline(layout, args.agreement, args.old, args.new, tuple(args.formats or ("pdf", "docx")),
                               args.allow_mismatch)
        for problem in redline.warnings:
            console.problem(problem, "warning")
        for note in redline.notes:
            console.note(note)
        console.note(say("diff_comparing", old=args.old, new=args.new, old_source=redline.sources[0],
                         new_source=redline.sources[1]))
        for path in write_redline(layout, redline):
            pages = redline.pages.get(path.name.split(".")[-3]) if path.suffix == ".pdf" else None
            print(console.text(say("wrote", path=path) + (say("pages", n=pages) if pages else "")), file=out)
        return EXIT_OK

    return guarded(run, console, "--debug" in argv)
