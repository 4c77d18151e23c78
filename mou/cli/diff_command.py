"""The `diff` command: redlines between two versions of an agreement."""

from __future__ import annotations

import argparse

from mou.cli.console import EXIT_OK, Console, page_count
from mou.core.messages import say
from mou.pipeline.layout import Layout
from mou.redline.redline import make_redline, write_redline


def run(args: argparse.Namespace, console: Console) -> int:
    """Write the redlines; print the files written; return the exit status."""
    layout = Layout.at(args.root, args.output)
    redline = make_redline(
        layout, args.agreement, args.old, args.new, tuple(args.formats or ("pdf", "docx")), args.allow_mismatch
    )
    for problem in redline.warnings:
        console.problem(problem, "warning")
    for note in redline.notes:
        console.note(note)
    console.note(
        say("diff_comparing", old=args.old, new=args.new, old_source=redline.sources[0], new_source=redline.sources[1])
    )
    for path in write_redline(layout, redline):
        pages = redline.pages.get(path.name.split(".")[-3]) if path.suffix == ".pdf" else None
        console.say(say("wrote", path=path) + page_count(pages))
    return EXIT_OK
