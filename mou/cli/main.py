"""Command line: parse arguments, run the command, print results; no logic of its own."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from pathlib import Path
from typing import TextIO

from mou.cli.console import (
    EXIT_OK,
    Console,
    guarded,
    message_language,
    terminated_as_interrupted,
    unread_records,
)
from mou.cli.parser import command_first, make_parser
from mou.core.errors import Problem, UsageError
from mou.core.messages import say
from mou.pipeline.incremental import up_to_date_results
from mou.pipeline.layout import FORMATS, Layout
from mou.pipeline.results import AgreementResult
from mou.pipeline.selection import agreement_ids, shard

# The module that runs each command. It is imported only when its command runs: this is the
# one place mou imports on demand, so that a build with nothing to do, `--help` or a usage
# error never load WeasyPrint, pydantic, Jinja or pyHanko; and rich's progress bar and table
# (LIVE_DISPLAY) are loaded only on a terminal.
RUNNERS = {
    "build": "mou.cli.build_command",
    "release": "mou.cli.release_commands",
    "verify": "mou.cli.release_commands",
    "diff": "mou.cli.diff_command",
    "new": "mou.cli.new_command",
    "watch": "mou.cli.watch_command",
    "check": "mou.cli.check_command",
}
LIVE_DISPLAY = "mou.cli.live"
# The clerk's own folders of a project: an output folder may not be, hold or lie inside one.
PROTECTED_FOLDERS = ("parties", "agreements", "templates")
# The command line's process collects its youngest objects after this many new ones.
YOUNGEST_GENERATION_THRESHOLD = 20_000


def main(
    argv: list[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr, *, whole_process: bool = False
) -> int:
    """Run one command of the command line (`build` by default) and return the exit status.

    `whole_process` says the command is all this process does (the command line's entry
    points): what it has imported then lives until it ends, and is kept out of the
    garbage collector's rounds, which also come less often.
    """
    argv = sys.argv[1:] if argv is None else argv
    if whole_process:
        # WeasyPrint makes boxes, styles and glyph runs by the hundred thousand, nearly all
        # freed by reference counting; a round every 700 new objects (Python's default)
        # mostly walks survivors that are still in use.
        gc.set_threshold(YOUNGEST_GENERATION_THRESHOLD)
    console = Console(message_language(argv), out, err)

    def run() -> int:
        parser = make_parser(console.language)
        args = parser.parse_args(command_first(argv))
        check_project_folder(args)
        check_output_folder(args)
        if args.command == "build" and args.shard and shard_is_empty(args):
            console.note(say("shard_empty", index=args.shard[0], count=args.shard[1], n=len(chosen_ids(args))))
            return EXIT_OK
        if args.command == "build":
            console.quiet, console.verbose = args.quiet, args.verbose
            for problem in unread_records(args.root):
                console.warning(problem)
            console.live = console.live and not args.quiet
            if console.live:
                console.display = importlib.import_module(LIVE_DISPLAY).LiveDisplay(console.out)
            if not args.force:
                skipped = up_to_date_results(
                    Layout.at(args.root, args.output),
                    args.agreements + args.only,
                    tuple(args.formats or FORMATS),
                    args.shard,
                )
                if skipped is not None:
                    return report_skipped(console, skipped)
        collecting = gc.isenabled()
        if whole_process:
            # Importing makes modules, classes and functions that all live until the process
            # ends: a collection while they are made walks them and frees next to nothing.
            gc.disable()
        try:
            runner = importlib.import_module(RUNNERS[args.command])
        finally:
            if whole_process:
                # The modules just imported (WeasyPrint, pydantic's models, the catalogue) are
                # most of the objects the collector would otherwise walk in every full round.
                gc.freeze()
                if collecting:
                    gc.enable()
        return int(runner.run(args, console))

    with terminated_as_interrupted():
        return guarded(run, console, "--debug" in argv)


def chosen_ids(args: argparse.Namespace) -> list[str]:
    """Return the agreements a build names, or all of the project's, before any is read."""
    return list(dict.fromkeys(args.agreements + args.only)) or agreement_ids(args.root)


def shard_is_empty(args: argparse.Namespace) -> bool:
    """Say whether the share asked for holds none of the (known) agreements chosen."""
    ids, known = chosen_ids(args), set(agreement_ids(args.root))
    return bool(ids) and set(ids) <= known and not shard(ids, args.shard)


def check_project_folder(args: argparse.Namespace) -> None:
    """Refuse a --root that is missing or is a file, saying so (not 'no agreements found').

    `new` may start a project in a folder that does not exist yet; a file it refuses too.
    """
    root = getattr(args, "root", None)
    if root is None or root.is_dir() or (args.command == "new" and not root.exists()):
        return
    key = "project_not_folder" if root.exists() else "no_project_folder"
    raise UsageError(Problem("--root", say(key, path=str(root))))


def check_output_folder(args: argparse.Namespace) -> None:
    """Refuse an --output that is, holds or lies inside the records or templates: nothing is written over them."""
    output, root = getattr(args, "output", None), getattr(args, "root", None)
    if output is None or root is None:
        return
    where = output.resolve()
    for folder in PROTECTED_FOLDERS:
        kept = (root / folder).resolve()
        relation = _overlap(where, kept)
        if relation:
            message = say("output_over_records", path=str(output), relation=say(relation), folder=folder)
            raise UsageError(Problem("--output", message))


def _overlap(output: Path, kept: Path) -> str | None:
    """Return the message key saying how an output folder overlaps a kept one, or None when apart."""
    if output == kept:
        return "output_is"
    if output in kept.parents:
        return "output_holds"
    return "output_inside" if kept in output.parents else None


def report_skipped(console: Console, results: list[AgreementResult]) -> int:
    """Report a build with nothing to do: every agreement is up to date."""
    console.start(0, len(results))
    try:
        for result in results:
            console.result(result)
    finally:
        console.finish()
    return EXIT_OK


def main_entry() -> None:
    """Entry point of the `mou` console script, `python -m mou` and `python build.py`."""
    status = main(whole_process=True)
    # The process ends now. Python's last collections would walk every object it still
    # holds, a good part of a one-agreement build's time, to free memory the end frees
    # anyway; files are written and closed, and exit handlers (the font folder's removal)
    # still run.
    gc.freeze()
    sys.exit(status)
