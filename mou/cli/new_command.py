"""The `new` command: start a party or an agreement record, commented, to fill in."""

from __future__ import annotations

import argparse
import difflib
import shutil
from pathlib import Path

from mou.cli.console import EXIT_OK, Console
from mou.core.errors import COMMAND_LINE, InputError, Problem, UsageError, display_path
from mou.core.ids import is_id
from mou.core.messages import say
from mou.core.paths import bundled_templates, record_files, record_path
from mou.pipeline.layout import Layout
from mou.records.drafts import draft_agreement, draft_party
from mou.records.schema import file_name, write
from mou.records.validation import RESERVED_AGREEMENT_IDS, RESERVED_PARTY_ID

FOLDERS = {"party": "parties", "agreement": "agreements"}


def run(args: argparse.Namespace, console: Console) -> int:
    """Write the new record (and the project's schemas and templates if it has none); print what was written."""
    root: Path = args.root
    folder = FOLDERS[args.kind]
    if not is_id(args.id):
        raise UsageError(Problem(COMMAND_LINE, say("bad_id", value=args.id)))
    if args.kind == "agreement" and args.id in RESERVED_AGREEMENT_IDS:
        raise UsageError(Problem(COMMAND_LINE, say("reserved_new_agreement_id", id=args.id)))
    if args.kind == "party" and RESERVED_PARTY_ID.fullmatch(args.id):
        raise UsageError(Problem(COMMAND_LINE, say("reserved_party_id", id=args.id)))
    if args.kind == "party" and args.parties is not None:
        raise UsageError(Problem("--parties", say("new_parties_for_agreement")))
    existing = record_path(root, folder, args.id)
    if existing is not None:
        raise InputError(Problem(display_path(existing, root), say("new_exists")))
    if args.kind == "agreement":
        parties = party_ids(root, args.parties)
        text = draft_agreement(args.id, parties)
    else:
        text = draft_party(args.id)
    start_project(root, console)
    path = root / folder / f"{args.id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never over a file made meanwhile
        file.write(text)
    shown = display_path(path, root)
    console.say(say("wrote", path=shown))
    console.note(say(f"new_next_{args.kind}", path=shown, id=args.id))
    return EXIT_OK


def party_ids(root: Path, listed: str | None) -> list[str] | None:
    """Read --parties a,b: ids of existing party records, at least two, each once; None when not given."""
    if listed is None:
        return None
    ids = [part.strip() for part in listed.split(",") if part.strip()]
    known = [path.stem for path in record_files(root / "parties")]
    problems = []
    for index, party_id in enumerate(ids):
        if not is_id(party_id):
            problems.append(Problem("--parties", say("bad_id", value=party_id)))
        elif party_id in ids[:index]:
            problems.append(Problem("--parties", say("listed_twice", id=party_id)))
        elif party_id not in known:
            guess = difflib.get_close_matches(party_id, known, n=1)
            message = say("no_party_guess", id=party_id, guess=guess[0]) if guess else say("new_no_party", id=party_id)
            problems.append(Problem("--parties", message))
    if len(ids) < 2:  # a party listed twice is said as such, not as too few parties
        problems.append(Problem("--parties", say("new_few_parties")))
    if problems:
        raise UsageError(problems)
    return ids


def start_project(root: Path, console: Console) -> None:
    """Give a project without them its JSON Schemas (for the editor) and the standard templates (to build)."""
    schemas = root / "schemas"
    if not all((schemas / file_name(kind)).is_file() for kind in FOLDERS):
        for path in write(schemas):
            console.say(say("wrote", path=display_path(path, root)))
    templates = Layout.at(root).templates
    if templates.exists():
        return
    source = bundled_templates()
    if not source.is_dir():
        console.note(say("new_no_templates"))
        return
    shutil.copytree(source, templates)
    console.say(say("new_templates", path=display_path(templates, root) + "/"))
