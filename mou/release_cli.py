"""The `release` and `verify` commands: `python build.py release …`, `python build.py verify …`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from .errors import MouError, Problem, UsageError
from .cli import EXIT_INPUT, EXIT_OK, Console, guarded, message_language
from .messages import say

class _Parser(argparse.ArgumentParser):
    """An argument parser that raises UsageError instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(say("usage_command", detail=message, command=self.prog.split()[-1]))


def command_parser(prog: str, description: str) -> argparse.ArgumentParser:
    """Return a parser with the options every command has."""
    parser = _Parser(prog=prog, description=description)
    parser.add_argument("--lang", choices=("en", "th"), default=None,
                        help="language of messages (default: Thai under a Thai locale, else English)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    return parser


def release_parser() -> argparse.ArgumentParser:
    """Describe `release`."""
    parser = command_parser("python build.py release",
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
    parser = command_parser("python build.py verify",
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
    console = Console(message_language(argv), out, err)

    def run() -> int:
        from .pipeline import Layout, load, select
        from .release import release
        from .signing import key_from_options

        args = release_parser().parse_args(argv)
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

    return guarded(run, console, "--debug" in argv)


def verify_command(argv: list[str], out: TextIO, err: TextIO) -> int:
    """Run `verify`; print a verdict per file and per archive; non-zero on any problem."""
    console = Console(message_language(argv), out, err)

    def run() -> int:
        from .release import verify

        args = verify_parser().parse_args(argv)
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

    return guarded(run, console, "--debug" in argv)


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


