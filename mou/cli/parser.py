"""The command line's one parser: `build` (the default), `release`, `verify`, `diff`, `new`, `watch` and `check`."""

from __future__ import annotations

import argparse
import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mou import __version__
from mou.core.errors import UsageError
from mou.core.messages import Message, say
from mou.pipeline.layout import FORMATS
from mou.pipeline.selection import parse_shard

PROG = "python build.py"
DEFAULT_COMMAND = "build"
# Each command and the catalogue's key of its one-line summary (mou/core/messages.py).
COMMANDS = {
    "build": "help_build",
    "release": "help_release",
    "verify": "help_verify",
    "diff": "help_diff",
    "new": "help_new",
    "watch": "help_watch",
    "check": "help_check",
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
# A help text of the catalogue, by key, in the language the parser is made in.
Said = Callable[[str], str]


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


# argparse's own words in the help, in Thai. Not through argparse's gettext hook: that reads
# one process-wide catalogue (a compiled .mo file found by the locale), so following `--lang`
# would mean changing global state or argparse's module. Instead the parser passes argparse
# the help of -h and --version itself (add_help=False, help=...), and the formatter class, the
# hook argparse offers for its layout, puts "usage:" and these section titles into Thai. A
# title a later Python renames stays English, which tests/test_cli_help.py reports.
ARGPARSE_HEADINGS = {say(key).en: say(key).th for key in ("help_positionals", "help_options")}


def display_width(text: str) -> int:
    """Return how many terminal columns a text takes: Thai vowel and tone marks take none."""
    return sum(unicodedata.category(char) not in ("Mn", "Me", "Cf") for char in text)


class ThaiHelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, with argparse's few words ("usage:", the section titles) in Thai."""

    # argparse indents the usage's wrapped lines by the prefix's length in characters, which
    # for Thai is more than the columns it takes: it lays the usage out with a stand-in of
    # the Thai prefix's width, swapped for the Thai words once laid out.
    usage_prefix = say("help_usage").th
    usage_stand_in = "\ufffc" * display_width(usage_prefix)

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        """Lay out the usage line under the Thai prefix (argparse asks with prefix None for its own)."""
        super().add_usage(usage, actions, groups, self.usage_stand_in if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        """Open a section under its Thai title: argparse names its positional and option groups in English."""
        super().start_section(ARGPARSE_HEADINGS.get(heading, heading) if heading else heading)

    def format_help(self) -> str:
        """Return the laid-out help, the usage's stand-in replaced by the Thai prefix."""
        return super().format_help().replace(self.usage_stand_in, self.usage_prefix, 1)


def make_parser(language: str = "en") -> argparse.ArgumentParser:
    """Describe the whole command line, its help in `language`: one parser, one subparser per command."""
    said = _in_language(language)
    formatter = ThaiHelpFormatter if language == "th" else argparse.HelpFormatter
    parser = Parser(prog=PROG, description=said("help_description"), formatter_class=formatter, add_help=False)
    _help_option(parser, said)
    parser.add_argument("--version", action="version", version=f"mou {__version__}", help=said("help_version"))
    # `--lang th --help` without a command: the language of the help, read before parsing
    # (mou/cli/console.py message_language). Shown here too, as every command takes it; no
    # default, so that it does not overwrite the command's own.
    parser.add_argument("--lang", choices=("en", "th"), default=argparse.SUPPRESS, help=said("help_lang"))
    commands = parser.add_subparsers(dest="command", title=said("help_commands"), metavar="COMMAND")
    describe = {
        "build": _build_options,
        "release": _release_options,
        "verify": _verify_options,
        "diff": _diff_options,
        "new": _new_options,
        "watch": _watch_options,
        "check": _check_options,
    }
    for command, summary in COMMANDS.items():
        subparser = commands.add_parser(
            command, help=said(summary), description=said(summary), formatter_class=formatter, add_help=False
        )
        _help_option(subparser, said)
        describe[command](subparser, said)
    return parser


def _in_language(language: str) -> Said:
    """Return a function giving a catalogued help text in one language."""
    return lambda key: say(key).text(language)


def _help_option(parser: argparse.ArgumentParser, said: Said) -> None:
    """Add -h/--help, argparse's own option, with its help in the parser's language."""
    parser.add_argument("-h", "--help", action="help", help=said("help_help"))


def _common_options(parser: argparse.ArgumentParser, said: Said) -> None:
    """Add the options every command has."""
    parser.add_argument(
        "--lang",
        choices=("en", "th"),
        default=None,
        help=said("help_lang"),
    )
    parser.add_argument("--debug", action="store_true", help=said("help_debug"))


def _project_options(parser: argparse.ArgumentParser, said: Said) -> None:
    """Add --root and --output."""
    parser.add_argument(
        "--root",
        type=given_path,
        default=Path("."),
        help=said("help_root"),
    )
    parser.add_argument("--output", type=given_path, default=None, help=said("help_output"))


def _only_option(parser: argparse.ArgumentParser, said: Said, help_key: str) -> None:
    """Add --only, for a command that does to agreements what `help_key` says."""
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="AGREEMENT",
        help=said(help_key),
    )


def _format_option(parser: argparse.ArgumentParser, said: Said) -> None:
    """Add --format."""
    parser.add_argument(
        "--format",
        action="append",
        choices=FORMATS,
        dest="formats",
        help=said("help_format"),
    )


def _build_options(parser: argparse.ArgumentParser, said: Said) -> None:
    """Describe `build`."""
    parser.add_argument(
        "agreements",
        nargs="*",
        metavar="AGREEMENT",
        help=said("help_build_agreements"),
    )
    _project_options(parser, said)
    _only_option(parser, said, "help_only_build")
    _format_option(parser, said)
    parser.add_argument("--force", action="store_true", help=said("help_force"))
    parser.add_argument(
        "--jobs",
        "-j",
        type=positive_jobs,
        default=None,
        metavar="N",
        help=said("help_jobs"),
    )
    parser.add_argument(
        "--shard",
        type=shard_share,
        default=None,
        metavar="I/N",
        help=said("help_shard"),
    )
    parser.add_argument(
        "--allow-mismatch",
        action="store_true",
        help=said("help_mismatch_build"),
    )
    _loudness_options(parser, said)
    _common_options(parser, said)


def _loudness_options(parser: argparse.ArgumentParser, said: Said) -> None:
    """Add --quiet and --verbose, which contradict each other: one or the other."""
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("--quiet", "-q", action="store_true", help=said("help_quiet"))
    loudness.add_argument("--verbose", "-v", action="store_true", help=said("help_verbose"))


def _release_options(parser: argparse.ArgumentParser, said: Said) -> None:
    """Describe `release`."""
    parser.add_argument(
        "agreements",
        nargs="*",
        metavar="AGREEMENT",
        help=said("help_release_agreements"),
    )
    _project_options(parser, said)
    parser.add_argument(
        "--key",
        type=given_path,
        default=None,
        metavar="FILE.p12",
        help=said("help_key"),
    )
    parser.add_argument(
        "--key-password-env",
        default=None,
        metavar="NAME",
        help=said("help_key_password_env"),
    )
    _common_options(parser, said)


def _verify_options(parser: argparse.ArgumentParser, said: Said) -> None:
    """Describe `verify`."""
    parser.add_argument("archives", nargs="+", type=given_path, metavar="ARCHIVE", help=said("help_archives"))
    parser.add_argument(
        "--trust",
        type=given_path,
        action="append",
        default=[],
        metavar="CERT",
        help=said("help_trust"),
    )
    parser.add_argument(
        "--root",
        type=given_path,
        default=Path("."),
        help=said("help_verify_root"),
    )
    parser.add_argument("--require-signature", action="store_true", help=said("help_require_signature"))
    _common_options(parser, said)


def _diff_options(parser: argparse.ArgumentParser, said: Said) -> None:
    """Describe `diff`."""
    parser.add_argument("agreement", metavar="AGREEMENT", help=said("help_diff_agreement"))
    parser.add_argument(
        "old",
        metavar="OLD",
        help=said("help_diff_old"),
    )
    parser.add_argument("new", metavar="NEW", help=said("help_diff_new"))
    _project_options(parser, said)
    _format_option(parser, said)
    parser.add_argument(
        "--allow-mismatch",
        action="store_true",
        help=said("help_mismatch_diff"),
    )
    _common_options(parser, said)


def _new_options(parser: argparse.ArgumentParser, said: Said) -> None:
    """Describe `new`."""
    parser.add_argument("kind", choices=("party", "agreement"), help=said("help_kind"))
    parser.add_argument("id", metavar="ID", help=said("help_id"))
    parser.add_argument(
        "--parties",
        metavar="A,B",
        default=None,
        help=said("help_parties"),
    )
    parser.add_argument(
        "--root",
        type=given_path,
        default=Path("."),
        help=said("help_new_root"),
    )
    _common_options(parser, said)


def port_number(text: str) -> int:
    """Parse --port: 0 (any free port) to 65535."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise refused(say("usage_port", value=text))
    return value


def _watch_options(parser: argparse.ArgumentParser, said: Said) -> None:
    """Describe `watch`."""
    parser.add_argument(
        "agreements",
        nargs="*",
        metavar="AGREEMENT",
        help=said("help_watch_agreements"),
    )
    _project_options(parser, said)
    _only_option(parser, said, "help_only_watch")
    _format_option(parser, said)
    parser.add_argument(
        "--allow-mismatch",
        action="store_true",
        help=said("help_mismatch_watch"),
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help=said("help_serve"),
    )
    parser.add_argument("--port", type=port_number, default=8000, help=said("help_port"))
    _loudness_options(parser, said)
    _common_options(parser, said)


def _check_options(parser: argparse.ArgumentParser, said: Said) -> None:
    """Describe `check`."""
    parser.add_argument(
        "--root",
        type=given_path,
        default=Path("."),
        help=said("help_root"),
    )
    parser.add_argument(
        "--allow-mismatch",
        action="store_true",
        help=said("help_mismatch_check"),
    )
    _common_options(parser, said)


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
