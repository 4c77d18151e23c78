"""The command line's one parser: `build` (the default), `release`, `verify`, `diff`, `new`, `watch` and `check`."""

from __future__ import annotations

import argparse
import difflib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mou import __version__
from mou.core.errors import UsageError
from mou.core.messages import Message, say
from mou.pipeline.layout import FORMATS
from mou.pipeline.selection import parse_shard

PROG = "python build.py"
DEFAULT_COMMAND = "build"
COMMANDS = {
    "build": "build agreements as PDF and DOCX into output/ (the default command)",
    "release": "build, sign and archive agreement versions as output/releases/<agreement>-<version>.zip",
    "verify": "check a release archive: checksums, manifest signature, PDF signatures",
    "diff": "write a redline PDF and a DOCX with tracked changes between two versions of an agreement",
    "new": "start a party or an agreement record: a commented file to fill in",
    "watch": "rebuild on every save of a record or template, Thai PDF first; --serve shows output/ in a browser",
    "check": "check every record of the project, and the references between them, without building",
}
# Options that take a value, so the first word that is not one of them names the command.
VALUED_OPTIONS = frozenset(
    {
        "--root",
        "--output",
        "--only",
        "--format",
        "--jobs",
        "-j",
        "--shard",
        "--lang",
        "--key",
        "--key-password-env",
        "--trust",
        "--parties",
        "--port",
    }
)


# argparse's own words for the usual mistakes, said in the clerk's language (see usage_*)
INVALID_CHOICE = re.compile(
    r"argument (?P<option>.+?): invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.*)\)"
)
REQUIRED = re.compile(r"the following arguments are required: (?P<names>.*)")
UNRECOGNIZED = re.compile(r"unrecognized arguments: (?P<words>.*)")
NOT_ALLOWED = re.compile(r"argument (?P<option>.+?): not allowed with argument (?P<other>.+)")
REFUSED_VALUE = re.compile(r"argument (?P<option>.+?): (?P<detail>.+)")
# What an option's parser (positive_jobs, shard_share, port_number, given_path) refused, by
# its English text: argparse passes on only a string, and the clerk may read Thai.
REFUSALS: dict[str, Message] = {}


class Parser(argparse.ArgumentParser):
    """An argument parser that raises UsageError instead of printing and exiting."""

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> argparse.Namespace:  # type: ignore[override]
        """Parse; words no parser knows are said with the help of the command they were given to."""
        parsed, extra = self.parse_known_args(args, namespace)
        command = getattr(parsed, "command", None)
        if extra and command:
            detail = said_in_both(f"unrecognized arguments: {' '.join(extra)}")
            raise UsageError(say("usage_command", detail=detail, command=command))
        if extra:
            self.error(f"unrecognized arguments: {' '.join(extra)}")
        return parsed

    def error(self, message: str) -> None:  # type: ignore[override]
        detail = said_in_both(message)
        command = self.prog.removeprefix(PROG).strip()
        if command:
            raise UsageError(say("usage_command", detail=detail, command=command))
        raise UsageError(say("usage", detail=detail))


def said_in_both(message: str) -> Message | str:
    """Return argparse's message for an invalid choice, a missing or an unknown argument in both languages."""
    if found := INVALID_CHOICE.fullmatch(message):
        choices = found["choices"].replace("'", "")
        return say("usage_choice", option=found["option"], value=found["value"], choices=choices)
    if found := REQUIRED.fullmatch(message):
        return say("usage_required", names=found["names"])
    if found := UNRECOGNIZED.fullmatch(message):
        return say("usage_unrecognized", words=found["words"])
    if found := NOT_ALLOWED.fullmatch(message):
        return say("usage_not_together", option=found["option"], other=found["other"])
    if (found := REFUSED_VALUE.fullmatch(message)) and found["detail"] in REFUSALS:
        return say("usage_argument", option=found["option"], detail=REFUSALS[found["detail"]])
    return message


def refused(message: Message) -> argparse.ArgumentTypeError:
    """Return the error an option's parser raises, remembering the message in both languages."""
    REFUSALS[message.en] = message
    return argparse.ArgumentTypeError(message.en)


def given_path(text: str) -> Path:
    """Parse a path option; an empty one (an unset variable in a script) would mean the current folder."""
    if not text.strip():
        raise refused(say("usage_empty_path"))
    return Path(text)


def positive_jobs(text: str) -> int:
    """Parse --jobs: a whole number of processes, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise refused(say("usage_jobs", value=text))
    return value


def shard_share(text: str) -> tuple[int, int]:
    """Parse --shard I/N."""
    try:
        return parse_shard(text)
    except ValueError:
        raise refused(say("usage_shard", value=text)) from None


def make_parser() -> argparse.ArgumentParser:
    """Describe the whole command line: one parser, one subparser per command."""
    parser = Parser(
        prog=PROG,
        description="Build bilingual Thai/English MOU agreements (PDF and DOCX) "
        "from YAML records. Without a command, `build` runs.",
    )
    parser.add_argument("--version", action="version", version=f"mou {__version__}")
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    _build_options(commands.add_parser("build", help=COMMANDS["build"], description=COMMANDS["build"]))
    _release_options(commands.add_parser("release", help=COMMANDS["release"], description=COMMANDS["release"]))
    _verify_options(commands.add_parser("verify", help=COMMANDS["verify"], description=COMMANDS["verify"]))
    _diff_options(commands.add_parser("diff", help=COMMANDS["diff"], description=COMMANDS["diff"]))
    _new_options(commands.add_parser("new", help=COMMANDS["new"], description=COMMANDS["new"]))
    _watch_options(commands.add_parser("watch", help=COMMANDS["watch"], description=COMMANDS["watch"]))
    _check_options(commands.add_parser("check", help=COMMANDS["check"], description=COMMANDS["check"]))
    return parser


def _common_options(parser: argparse.ArgumentParser) -> None:
    """Add the options every command has."""
    parser.add_argument(
        "--lang",
        choices=("en", "th"),
        default=None,
        help="language of messages (default: Thai under a Thai locale, else English)",
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")


def _project_options(parser: argparse.ArgumentParser) -> None:
    """Add --root and --output."""
    parser.add_argument(
        "--root",
        type=given_path,
        default=Path("."),
        help="project folder holding parties/, agreements/ and templates/ (default: .)",
    )
    parser.add_argument(
        "--output", type=given_path, default=None, help="where to write the files (default: ROOT/output)"
    )


def _only_option(parser: argparse.ArgumentParser, verb: str) -> None:
    """Add --only, for a command that does `verb` to agreements."""
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="AGREEMENT",
        help=f"{verb} only this agreement (repeatable; same as naming it)",
    )


def _format_option(parser: argparse.ArgumentParser) -> None:
    """Add --format."""
    parser.add_argument(
        "--format",
        action="append",
        choices=FORMATS,
        dest="formats",
        help="only this format; repeat for several (default: pdf and docx)",
    )


def _build_options(parser: argparse.ArgumentParser) -> None:
    """Describe `build`."""
    parser.add_argument(
        "agreements",
        nargs="*",
        metavar="AGREEMENT",
        help="ids of the agreements to build (default: all in agreements/)",
    )
    _project_options(parser)
    _only_option(parser, "build")
    _format_option(parser)
    parser.add_argument(
        "--force", action="store_true", help="rebuild even the agreements whose inputs have not changed"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=positive_jobs,
        default=None,
        metavar="N",
        help="render in N processes, at most one per core and per agreement (default: the number of cores)",
    )
    parser.add_argument(
        "--shard",
        type=shard_share,
        default=None,
        metavar="I/N",
        help="build only share I of N of the agreements (for a CI matrix)",
    )
    parser.add_argument(
        "--allow-mismatch",
        action="store_true",
        help="while drafting: report where the Thai and English texts differ (numbers, "
        "dates, names) as warnings and build anyway",
    )
    _loudness_options(parser)
    _common_options(parser)


def _loudness_options(parser: argparse.ArgumentParser) -> None:
    """Add --quiet and --verbose, which contradict each other: one or the other."""
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    loudness.add_argument("--verbose", "-v", action="store_true", help="print timings too")


def _release_options(parser: argparse.ArgumentParser) -> None:
    """Describe `release`."""
    parser.add_argument(
        "agreements",
        nargs="*",
        metavar="AGREEMENT",
        help="ids of the agreements to release (default: all in agreements/)",
    )
    _project_options(parser)
    parser.add_argument(
        "--key",
        type=given_path,
        default=None,
        metavar="FILE.p12",
        help="PKCS#12 file with the organization's key and certificate "
        "(default: MOU_SIGNING_KEY, a path or base64 content; none: unsigned)",
    )
    parser.add_argument(
        "--key-password-env",
        default=None,
        metavar="NAME",
        help="environment variable holding the key's password (default: MOU_SIGNING_PASSWORD)",
    )
    _common_options(parser)


def _verify_options(parser: argparse.ArgumentParser) -> None:
    """Describe `verify`."""
    parser.add_argument("archives", nargs="+", type=given_path, metavar="ARCHIVE", help="release zip files")
    parser.add_argument(
        "--trust",
        type=given_path,
        action="append",
        default=[],
        metavar="CERT",
        help="certificate (PEM or DER) the signer must chain to (repeatable; default: the "
        "project's trust/*.pem; without either, the signature shows the archive is intact "
        "but not who signed it)",
    )
    parser.add_argument(
        "--root",
        type=given_path,
        default=Path("."),
        help="project folder whose trust/*.pem lists the trusted signers (default: .)",
    )
    parser.add_argument("--require-signature", action="store_true", help="fail an unsigned archive")
    _common_options(parser)


def _diff_options(parser: argparse.ArgumentParser) -> None:
    """Describe `diff`."""
    parser.add_argument("agreement", metavar="AGREEMENT", help="id of the agreement")
    parser.add_argument(
        "old",
        metavar="OLD",
        help="earlier version: a version number (release archive, git history, working tree) or git:<revision>",
    )
    parser.add_argument("new", metavar="NEW", help="later version, named the same way")
    _project_options(parser)
    _format_option(parser)
    parser.add_argument(
        "--allow-mismatch",
        action="store_true",
        help="report where a version's Thai and English texts differ as warnings and make the redline anyway",
    )
    _common_options(parser)


def _new_options(parser: argparse.ArgumentParser) -> None:
    """Describe `new`."""
    parser.add_argument("kind", choices=("party", "agreement"), help="the kind of record to start")
    parser.add_argument(
        "id", metavar="ID", help="its id, the file's name: lower-case letters, digits and hyphens (e.g. kku)"
    )
    parser.add_argument(
        "--parties",
        metavar="A,B",
        default=None,
        help="for an agreement: the ids of its parties, comma-separated, in order (each in parties/)",
    )
    parser.add_argument(
        "--root",
        type=given_path,
        default=Path("."),
        help="project folder to write into (default: .); one without templates/ gets the standard ones",
    )
    _common_options(parser)


def port_number(text: str) -> int:
    """Parse --port: 0 (any free port) to 65535."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise refused(say("usage_port", value=text))
    return value


def _watch_options(parser: argparse.ArgumentParser) -> None:
    """Describe `watch`."""
    parser.add_argument(
        "agreements",
        nargs="*",
        metavar="AGREEMENT",
        help="ids of the agreements to watch (default: all in agreements/); the first is shown on the index page",
    )
    _project_options(parser)
    _only_option(parser, "watch")
    _format_option(parser)
    parser.add_argument(
        "--allow-mismatch",
        action="store_true",
        help="report where the Thai and English texts differ as warnings and build anyway",
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help="serve output/ at http://127.0.0.1:PORT/ (this machine only); the page reloads after each rebuild",
    )
    parser.add_argument("--port", type=port_number, default=8000, help="port for --serve (default: 8000)")
    _loudness_options(parser)
    _common_options(parser)


def _check_options(parser: argparse.ArgumentParser) -> None:
    """Describe `check`."""
    parser.add_argument(
        "--root",
        type=given_path,
        default=Path("."),
        help="project folder holding parties/, agreements/ and templates/ (default: .)",
    )
    parser.add_argument(
        "--allow-mismatch",
        action="store_true",
        help="report where the Thai and English texts differ as warnings, not errors",
    )
    _common_options(parser)


def command_first(argv: list[str], root_of: Path | None = None) -> list[str]:
    """Return argv with its command first, `build` when it names none (`--lang th release` is `release --lang th`).

    A first word that is close to a command but is not an agreement of the project is a
    mistyped command, refused with a suggestion.
    """
    position = _first_word(argv)
    if position is None:
        return argv if {"-h", "--help", "--version"} & set(argv) else [DEFAULT_COMMAND, *argv]
    word = argv[position]
    if word in COMMANDS:
        return [word, *argv[:position], *argv[position + 1 :]]
    guess = difflib.get_close_matches(word, list(COMMANDS), n=1, cutoff=0.75)
    if guess and not _is_agreement(word, argv, root_of):
        raise UsageError(say("unknown_command", command=word, guess=guess[0]))
    return [DEFAULT_COMMAND, *argv]


def _first_word(argv: list[str]) -> int | None:
    """Return the index of the first argument that is neither an option nor an option's value."""
    skip = False
    for index, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg == "--":
            return index + 1 if index + 1 < len(argv) else None
        elif arg.startswith("-") and arg != "-":
            skip = arg in VALUED_OPTIONS
        else:
            return index
    return None


def _is_agreement(word: str, argv: list[str], root_of: Path | None) -> bool:
    """Say whether a word names an agreement file under the project folder the arguments give."""
    root = root_of or Path(".")
    for index, arg in enumerate(argv):
        if arg == "--root" and index + 1 < len(argv):
            root = Path(argv[index + 1])
        elif arg.startswith("--root="):
            root = Path(arg.split("=", 1)[1])
    return any((root / "agreements" / f"{word}{suffix}").is_file() for suffix in (".yaml", ".yml"))
