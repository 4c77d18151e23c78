"""Which agreements a build takes: named ones (with a suggestion for a typo), and shards of a batch."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from mou.core.errors import Problem, UsageError
from mou.core.messages import say
from mou.core.paths import record_ids


def select(known: Iterable[str], wanted: Iterable[str]) -> list[str]:
    """Return the agreement ids to build, refusing unknown ones with a suggestion."""
    wanted, known_ids = list(wanted), sorted(known)
    if not wanted:
        return known_ids
    problems = []
    for agreement_id in wanted:
        if agreement_id not in known_ids:
            guess = difflib.get_close_matches(agreement_id, known_ids, n=1)
            if not known_ids:  # nothing to choose from: the wrong folder rather than a typo
                message = say("unknown_agreement_none", id=agreement_id, folder="agreements/")
            elif guess:
                message = say("unknown_agreement_guess", id=agreement_id, guess=guess[0])
            else:
                message = say("unknown_agreement", id=agreement_id, known=", ".join(known_ids))
            problems.append(Problem("command line", message))
    if problems:
        raise UsageError(problems)
    return list(dict.fromkeys(wanted))


def agreement_ids(root: Path) -> list[str]:
    """Return the ids of the agreement files, without reading them."""
    return record_ids(root / "agreements")


def shard(ids: list[str], spec: tuple[int, int] | None) -> list[str]:
    """Return share I of N of the sorted ids (round robin): the same share on every machine."""
    if spec is None:
        return ids
    index, count = spec
    return [agreement_id for position, agreement_id in enumerate(sorted(ids)) if position % count == index - 1]


def parse_shard(text: str) -> tuple[int, int]:
    """Parse 'I/N' (1 <= I <= N), or raise ValueError."""
    index_text, _, count_text = text.partition("/")
    index, count = int(index_text), int(count_text)
    if not 1 <= index <= count:
        raise ValueError(text)
    return index, count
