"""The `build` command: render the agreements that changed and write them into output/."""

from __future__ import annotations

import argparse

from mou.cli.console import EXIT_INPUT, EXIT_OK, Console
from mou.core.messages import say
from mou.pipeline.build import build
from mou.pipeline.layout import FORMATS, Layout


def run(args: argparse.Namespace, console: Console) -> int:
    """Build what the arguments ask for; report each agreement; return the exit status."""
    layout = Layout.at(args.root, args.output)
    try:
        results = build(
            layout,
            args.agreements + args.only,
            tuple(args.formats or FORMATS),
            force=args.force,
            jobs=args.jobs,
            shard_spec=args.shard,
            allow_mismatch=args.allow_mismatch,
            on_start=console.start,
            on_result=console.result,
            on_note=console.note,
        )
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
