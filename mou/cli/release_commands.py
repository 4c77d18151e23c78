"""The `release` and `verify` commands: signed, verifiable archives of agreement versions."""

from __future__ import annotations

import argparse
from pathlib import Path

from asn1crypto import pem, x509

from mou.cli.console import EXIT_INPUT, EXIT_OK, Console
from mou.core.errors import InputError, MouError, Problem, UsageError
from mou.core.messages import say
from mou.pipeline.build import load
from mou.pipeline.layout import Layout
from mou.pipeline.selection import select
from mou.pipeline.writer import output_lock
from mou.release.archive import Finding, release, verify
from mou.release.signing import UnreadableFile, key_from_options, read_small_file


def run(args: argparse.Namespace, console: Console) -> int:
    """Run `release` or `verify`, as the arguments say."""
    return run_release(args, console) if args.command == "release" else run_verify(args, console)


def run_release(args: argparse.Namespace, console: Console) -> int:
    """Build, sign and archive each chosen agreement version; return the exit status."""
    layout = Layout.at(args.root, args.output)
    key = key_from_options(args.key, args.key_password_env)
    agreements = load(layout).agreements
    ids = select(agreements, args.agreements)
    if not args.agreements:  # all of them: a draft still being negotiated is left for later, and said so
        for agreement_id in [i for i in ids if agreements[i].status == "draft"]:
            console.note(say("release_skips_draft", id=agreement_id, version=agreements[agreement_id].version))
            ids.remove(agreement_id)
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
            if not result.created:
                console.say(say("release_unchanged", path=result.path))
            elif result.signer:
                console.say(say("released", path=result.path, signer=result.signer))
            else:
                console.say(say("released_unsigned", path=result.path))
    if key is not None and key.randomized:
        console.note(say("release_randomized"))
    return EXIT_INPUT if failed else EXIT_OK


TRUST_FOLDER = "trust"


def trust_list(given: list[Path], root: Path) -> list[Path]:
    """Return the certificates to check signers against: --trust, else the project's trust/*.pem."""
    if given:
        return given
    return sorted((root / TRUST_FOLDER).glob("*.pem")) if (root / TRUST_FOLDER).is_dir() else []


def run_verify(args: argparse.Namespace, console: Console) -> int:
    """Print a verdict per file and per archive; return non-zero on any problem."""
    paths = trust_list(args.trust, args.root)
    trust = [certificate for path in paths for certificate in _load_certificates(path)]
    if paths:
        console.note(say("verify_trust_list", paths=", ".join(map(str, paths))))
    status = EXIT_OK
    for path in args.archives:
        report = verify(path, trust or None, args.require_signature)
        for finding in sorted(report.findings, key=_member_order):
            label = say("verify_ok_label" if finding.ok else "verify_fail_label")
            console.say(f"{console.text(label)} {finding.member}: {console.text(finding.message)}")
        if report.ok:
            if not report.signed:
                signed = say("verified_unsigned")
            elif report.trusted:
                signed = say("verified_signed", signer=report.signer)
            else:
                signed = say("verified_signed_unknown", signer=report.signer, fingerprint=report.fingerprint)
            console.say(say("verified", path=path, signed=signed))
        else:
            problems = sum(1 for f in report.findings if not f.ok)
            console.say(say("not_verified", path=path, n=problems))
            status = EXIT_INPUT
    return status


def _member_order(finding: Finding) -> tuple[int, str]:
    """Order a report by member: the manifest, its signature, the sums, then each file by name."""
    head = ("manifest.json", "manifest.json.p7s", "SHA256SUMS")
    return (head.index(finding.member), "") if finding.member in head else (len(head), finding.member)


def _load_certificates(path: Path) -> list[x509.Certificate]:
    """Read the certificates of a trust file: PEM (one or more) or DER."""
    try:
        data = read_small_file(path)
        if pem.detect(data):
            return [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
        certificate = x509.Certificate.load(data)
        return [certificate]
    except UnreadableFile as exc:
        raise InputError(Problem(str(path), say("cannot_read_certificate", detail=exc.message))) from None
    except ValueError as exc:
        raise InputError(Problem(str(path), say("cannot_read_certificate", detail=exc))) from None
