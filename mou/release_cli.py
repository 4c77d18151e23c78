"""The `release` and `verify` commands: `python build.py release …`, `python build.py verify …`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from .errors import MouError, Problem, UsageError
from .messages import Message, clerk_language, say

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises UsageError instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(say("usage_command", detail=message, command=self.prog.split()[-1]))


class Console:
    """Prints messages in the clerk's language (this module's own, so `build`'s can change freely)."""

    def __init__(self, argv: list[str], out: TextIO, err: TextIO):
        self.language, self.out, self.err = _language(argv), out, err

    def text(self, message: Message | str) -> str:
        """Return a message in the console's language."""
        return message.text(self.language) if isinstance(message, Message) else message

    def problem(self, problem: Problem, label: str = "error") -> None:
        """Print one problem as 'error: path:line:column: field: message'."""
        print(f"{self.text(say(label))}: {problem.render(self.language)}", file=self.err)

    def note(self, message: Message | str) -> None:
        """Print a remark to standard error."""
        print(self.text(message), file=self.err)


def _language(argv: list[str]) -> str:
    """Find --lang before parsing, so even usage errors speak the clerk's language."""
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return "th" if arg.split("=", 1)[1] == "th" else "en"
        if arg == "--lang" and index + 1 < len(argv):
            return "th" if argv[index + 1] == "th" else "en"
    return clerk_language()


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    """Return a parser with the options every command has."""
    parser = _Parser(prog=prog, description=description)
    parser.add_argument("--lang", choices=("en", "th"), default=None,
                        help="language of messages (default: Thai under a Thai locale, else English)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    return parser


def release_parser() -> argparse.ArgumentParser:
    """Describe `release`."""
    parser = _parser("python build.py release",
                     "Build, sign and archive agreement versions as output/releases/<agreement>-<version>.zip.")
    parser.add_argument("agreements", nargs="*", metavar="AGREEMENT",
                        help="ids of the agreements to release (default: all in agreements/)")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    parser.add_argument("--output", type=Path, default=None, help="output folder (default: ROOT/output)")
    parser.add_argument("--key", type=Path, default=None, metavar="FILE.p12",
                        help="PKCS#12 file with the organization's key and certificate "
                             "(default: MOU_SIGNING_KEY, a path or base64 content; none: unsigned)")
    parser.add_argument("--key-password-env", default=None, metavar="NAME",
                        help="environment variable holding the key's password (default: MOU_SIGNING_PASSWORD)")
    return parser


def verify_parser() -> argparse.ArgumentParser:
    """Describe `verify`."""
    parser = _parser("python build.py verify",
                     "Check a release archive: checksums, manifest signature, PDF signatures.")
    parser.add_argument("archives", nargs="+", type=Path, metavar="ARCHIVE", help="release zip files")
    parser.add_argument("--trust", type=Path, action="append", default=[], metavar="CERT",
                        help="certificate (PEM or DER) the signer must chain to (repeatable; default: "
                             "check integrity against the certificate in the signature)")
    parser.add_argument("--require-signature", action="store_true",
                        help="fail an unsigned archive")
    return parser


def release_command(argv: list[str], out: TextIO, err: TextIO) -> int:
    """Run `release`; return the exit status."""
    console = Console(argv, out, err)

    def run() -> int:
        from .pipeline import Layout, load, select
        from .release import release
        from .signing import key_from_options

        args = release_parser().parse_args(argv)
        debug[0] = args.debug
        layout = Layout(args.root, args.output or args.root / "output")
        key = key_from_options(args.key, args.key_password_env)
        ids = select(load(layout), args.agreements)
        from .writer import output_lock

        failed = 0
        with output_lock(layout.output):
            for agreement_id in ids:
                try:
                    result = release(layout, agreement_id, key)
                except MouError as exc:
                    if isinstance(exc, UsageError):
                        raise
                    for problem in exc.problems:
                        console.problem(problem)
                    failed += 1
                    continue
                shown = result.path
                if not result.created:
                    print(console.text(say("release_unchanged", path=shown)), file=out)
                elif result.signer:
                    print(console.text(say("released", path=shown, signer=result.signer)), file=out)
                else:
                    print(console.text(say("released_unsigned", path=shown)), file=out)
        if key is not None and key.randomized:
            console.note(say("release_randomized"))
        return EXIT_INPUT if failed else EXIT_OK

    debug = [False]
    return _guarded(run, console, debug)


def verify_command(argv: list[str], out: TextIO, err: TextIO) -> int:
    """Run `verify`; print a verdict per file and per archive; non-zero on any problem."""
    console = Console(argv, out, err)

    def run() -> int:
        from .release import verify

        args = verify_parser().parse_args(argv)
        debug[0] = args.debug
        trust = [_load_certificate(path) for path in args.trust]
        status = EXIT_OK
        for path in args.archives:
            report = verify(path, trust or None, args.require_signature)
            for finding in sorted(report.findings, key=_member_order):
                label = say("verify_ok_label" if finding.ok else "verify_fail_label")
                print(f"{console.text(label)} {finding.member}: {console.text(finding.message)}", file=out)
            if report.ok:
                signed = say("verified_signed", signer=report.signer) if report.signed else say("verified_unsigned")
                print(console.text(say("verified", path=path, signed=signed)), file=out)
            else:
                problems = sum(1 for f in report.findings if not f.ok)
                print(console.text(say("not_verified", path=path, n=problems)), file=out)
                status = EXIT_INPUT
        return status

    debug = [False]
    return _guarded(run, console, debug)


def _member_order(finding) -> tuple[int, str]:  # noqa: ANN001 - release.Finding
    """Order a report by member: the manifest, its signature, the sums, then each file by name."""
    head = ("manifest.json", "manifest.json.p7s", "SHA256SUMS")
    return (head.index(finding.member), "") if finding.member in head else (len(head), finding.member)


def _load_certificate(path: Path):  # noqa: ANN202 - asn1crypto certificate
    """Read a PEM or DER certificate given with --trust."""
    from asn1crypto import pem, x509

    from .errors import InputError

    try:
        data = path.read_bytes()
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        return x509.Certificate.load(data)
    except (OSError, ValueError) as exc:
        raise InputError(Problem(str(path), say("cannot_read_key", detail=exc))) from None


def _guarded(run, console, debug: list[bool]) -> int:  # noqa: ANN001
    """Run a command, turning errors into messages and exit statuses as the build command does."""
    try:
        return run()
    except UsageError as exc:
        for problem in exc.problems:
            if problem.path != "mou":
                console.problem(problem, "usage_error")
            else:
                console.note(f"{console.text(say('usage_error'))}: {console.text(problem.message)}")
        return EXIT_USAGE
    except MouError as exc:
        for problem in exc.problems:
            console.problem(problem)
        console.note(say("problems_found", n=len(exc.problems)))
        return EXIT_INPUT
    except KeyboardInterrupt:
        console.note(say("interrupted"))
        return 130
    except Exception as exc:  # a bug in mou, not a mistake of the user
        if debug[0]:
            raise
        console.note(f"internal error: {type(exc).__name__}: {exc}\n"
                     "This is a bug in mou; run again with --debug and report the traceback.")
        return EXIT_INTERNAL
