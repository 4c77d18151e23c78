"""The `check` command: every record of the project and the references between them, nothing built.

A build of named agreements reads only their records and their parties'; this is the
check of everything else (every party file, the parties no agreement names), for CI.
"""

from __future__ import annotations

import argparse

from mou.cli.console import EXIT_OK, Console, unread_records
from mou.core.errors import Problem
from mou.core.messages import say
from mou.pipeline.build import load
from mou.pipeline.layout import Layout
from mou.records.validation import unused_parties


def run(args: argparse.Namespace, console: Console) -> int:
    """Load and validate every record; print warnings and a summary; return the exit status."""
    project = load(Layout.at(args.root, None), args.allow_mismatch)
    warnings = [problem for problems in project.warnings.values() for problem in problems]
    warnings += [warning for record in project.sources.values() for warning in record.warnings]
    warnings += [Problem(project.party_source(p).shown_path, say("party_unused")) for p in unused_parties(project)]
    warnings += unread_records(args.root)
    for problem in warnings:
        console.problem(problem, "warning")
    counts = {"agreements": len(project.agreements), "parties": len(project.parties)}
    console.say(say("checked_warnings", n=len(warnings), **counts) if warnings else say("checked", **counts))
    return EXIT_OK
