"""Release archives: one zip per agreement version that anyone can verify, years later.

`output/releases/<agreement>-<version>.zip` holds:

| member | what |
|---|---|
| `documents/<agreement>.<lang>.pdf` | each PDF (PDF/A-3b, records attached), signed by the organization when a key is given |
| `documents/<agreement>.<lang>.docx` | each DOCX |
| `inputs/agreements/<agreement>.yaml`, `inputs/parties/<party>.yaml` | the records, byte for byte |
| `manifest.json` | every member's SHA-256 and size, the input hashes (records, templates, fonts) and fingerprint, the build time, the versions of mou and of the libraries that shaped the output |
| `manifest.json.p7s` | a detached CMS signature over manifest.json, when a key is given |
| `SHA256SUMS` | `sha256sum -c` format, over every other member |

The zip is deterministic: members in a fixed order, dated with the build time, fixed
permissions. A released version is immutable: releasing it again with other inputs is
refused; with the same inputs it is a no-op.
"""

from __future__ import annotations

import io
import json
import platform
import re
import zlib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import weasyprint.pdf.fonts as weasy_fonts
from pyhanko.pdf_utils.reader import PdfFileReader
from weasyprint.text.ffi import harfbuzz, pango

from mou import __version__
from mou.core.errors import InputError, Problem, display_path
from mou.core.messages import Message, say
from mou.core.reproducible import deterministic_zip, sha256
from mou.pipeline.build import load
from mou.pipeline.layout import Layout
from mou.pipeline.provenance import Inputs, collect_inputs, fingerprint_of
from mou.pipeline.render import render_stamped
from mou.pipeline.selection import select
from mou.pipeline.writer import write_atomically
from mou.release.signing import (
    SigningKey,
    certificate_fingerprint,
    check_detached,
    check_pdf,
    sign_detached,
    sign_pdf,
)
from mou.release.unpacking import UNREADABLE, Member, Refused, Unpacked, load_json, read_json_member, unpack

FORMAT = "mou-release/1"
MANIFEST = "manifest.json"
MANIFEST_SIGNATURE = "manifest.json.p7s"
SUMS = "SHA256SUMS"
DOCUMENTS = "documents/"
INPUTS = "inputs/"
RELEASES = "releases"
LIBRARIES = (
    "weasyprint",
    "pydyf",
    "fonttools",
    "tinycss2",
    "tinyhtml5",
    "python-docx",
    "lxml",
    "jinja2",
    "pythainlp",
    "pyyaml",
    "pydantic",
    "pyhanko",
    "pyhanko-certvalidator",
    "asn1crypto",
    "cryptography",
)
NAME = re.compile(r"^(?P<agreement>[a-z0-9-]+?)-(?P<version>[0-9A-Za-z][0-9A-Za-z._+-]*)\.zip$")


class ReleaseRefused(InputError):
    """The version was already released with other content (exit 1)."""


@dataclass
class ReleaseResult:
    """What releasing one agreement did."""

    agreement_id: str
    version: str
    path: Path
    created: bool
    signer: str = ""
    reproducible: bool = True


def archive_name(agreement_id: str, version: str) -> str:
    """Return <agreement>-<version>.zip."""
    return f"{agreement_id}-{version}.zip"


def software_versions() -> dict[str, Any]:
    """Return the versions of mou, Python and every library that shapes the output."""
    found: dict[str, Any] = {"mou": __version__, "python": platform.python_version()}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    try:
        number = pango.pango_version()
        found["pango"] = f"{number // 10000}.{number // 100 % 100}.{number % 100}"
        found["harfbuzz"] = _harfbuzz_version(harfbuzz)
        found["font-subsetter"] = "harfbuzz-subset" if weasy_fonts.harfbuzz_subset else "fonttools"
    except (ImportError, AttributeError, OSError):  # reported as unknown rather than guessed
        found.update({"pango": None, "harfbuzz": None, "font-subsetter": None})
    return found


def _harfbuzz_version(harfbuzz: Any) -> str:
    """Return HarfBuzz's version, found with the one version call WeasyPrint declares."""
    major = next(m for m in range(30, 0, -1) if harfbuzz.hb_version_atleast(m, 0, 0))
    minor = next(m for m in range(200, -1, -1) if harfbuzz.hb_version_atleast(major, m, 0))
    micro = next(m for m in range(200, -1, -1) if harfbuzz.hb_version_atleast(major, minor, m))
    return f"{major}.{minor}.{micro}"


def release(layout: Layout, agreement_id: str, key: SigningKey | None = None) -> ReleaseResult:
    """Build, sign (when a key is given) and archive one agreement version; see the module doc."""
    project = load(layout)
    select(project.agreements, [agreement_id])
    agreement = project.agreements[agreement_id]
    if agreement.status == "draft":  # released, the version could never hold the agreed text
        source = project.agreement_source(agreement_id)
        raise InputError(source.problem(("status",), say("release_draft", version=agreement.version), at_value=True))
    path = layout.output / RELEASES / archive_name(agreement_id, agreement.version)
    inputs = collect_inputs(layout.root, layout.templates, agreement_id, agreement)
    if path.exists():
        differences = compare_release(path, inputs)
        if differences:
            # Placed at the version, the line to change: the archive is named in the message.
            message = say(
                "release_immutable",
                version=agreement.version,
                archive=display_path(path, layout.root),
                what="; ".join(differences),
            )
            raise ReleaseRefused(project.agreement_source(agreement_id).problem(("version",), message, at_value=True))
        _refuse_if_damaged(path, layout, agreement.version)
        return ReleaseResult(agreement_id, agreement.version, path, created=False, signer=_existing_signer(path))
    rendered = render_stamped(layout, project, agreement_id)
    if rendered.inputs != inputs:  # a record or template changed while rendering
        raise InputError(Problem(agreement_id, say("inputs_changed_while_building")))
    when = rendered.time
    if key is not None:
        key.check_valid_at(when.when)
    members: dict[str, bytes] = {}
    for name, data in sorted(rendered.files.items()):
        if name.endswith(".pdf") and key is not None:
            data = sign_pdf(
                data, key, when.when, say("signature_reason", id=agreement_id, version=agreement.version).en
            )
        members[DOCUMENTS + name] = data
    for name, data in inputs.records.items():
        members[INPUTS + name] = data
    manifest = {
        "format": FORMAT,
        "agreement": agreement_id,
        "version": agreement.version,
        "status": agreement.status,
        "languages": list(agreement.languages),
        "fingerprint": inputs.fingerprint,
        "fingerprint_short": inputs.short,
        "fingerprint_covers": "agreement id, mou version, and the SHA-256 of every file in inputs",
        "inputs": inputs.hashes(),
        "build_time": when.iso,
        "build_time_source": when.source,
        "software": software_versions(),
        "signature": None
        if key is None
        else {
            "manifest": MANIFEST_SIGNATURE,
            "pdf": "PAdES baseline B-B (no timestamp), field sig-organization",
            "signer": key.subject,
            "reproducible": not key.randomized,
        },
        "signature_fields": {DOCUMENTS + name: names for name, names in sorted(rendered.fields.items())},
        "files": {name: {"sha256": sha256(data), "size": len(data)} for name, data in members.items()},
    }
    manifest_bytes = (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    head = {MANIFEST: manifest_bytes}
    if key is not None:
        head[MANIFEST_SIGNATURE] = sign_detached(manifest_bytes, key, when.when)
    everything = head | members
    head[SUMS] = "".join(f"{sha256(data)}  {name}\n" for name, data in sorted(everything.items())).encode()
    archive = deterministic_zip(list(head.items()) + list(members.items()), when.when)
    write_atomically(path, archive)
    return ReleaseResult(
        agreement_id,
        agreement.version,
        path,
        created=True,
        signer=key.subject if key else "",
        reproducible=key is None or not key.randomized,
    )


def _refuse_if_damaged(path: Path, layout: Layout, version: str) -> None:
    """Refuse to keep an archive of the same inputs that no longer verifies (damaged on disk, or altered)."""
    failed = [finding for finding in verify(path).findings if not finding.ok]
    if failed:
        detail = Message(f"{failed[0].member}: ", f"{failed[0].member}: ") + failed[0].message
        raise ReleaseRefused(
            Problem(
                display_path(path, layout.root),
                say("release_kept_fails", version=version, detail=detail, n=len(failed)),
            )
        )


def compare_release(path: Path, inputs: Inputs) -> list[str]:
    """Say how an existing archive's inputs differ from these (empty: the same release)."""
    try:
        manifest = read_json_member(path, MANIFEST)
        old = dict(manifest["inputs"])
        old_mou = manifest["software"]["mou"]
    except (*UNREADABLE, KeyError, TypeError, Refused):
        return [say("release_unreadable").en]
    new = inputs.hashes()
    differences = [f"{name} changed" for name in sorted(set(old) & set(new)) if old[name] != new[name]]
    differences += [f"{name} added" for name in sorted(set(new) - set(old))]
    differences += [f"{name} removed" for name in sorted(set(old) - set(new))]
    if old_mou != inputs.mou_version:
        differences.append(f"mou {old_mou} → {inputs.mou_version}")
    return differences


def _existing_signer(path: Path) -> str:
    """Return who signed an existing archive, from its manifest."""
    try:
        signature = read_json_member(path, MANIFEST).get("signature") or {}
        return str(signature.get("signer") or "")
    except (*UNREADABLE, KeyError, TypeError, AttributeError, Refused):
        return ""


# ---------------------------------------------------------------------------------------
# Verification


@dataclass
class Finding:
    """One line of a verification report."""

    ok: bool
    member: str
    message: Message


@dataclass
class Report:
    """Everything verification found about one archive."""

    path: Path
    findings: list[Finding] = field(default_factory=list)
    signer: str = ""
    signed: bool = False
    fingerprint: str = ""  # SHA-256 of the signer's certificate, as `openssl x509 -fingerprint -sha256` prints it
    trusted: bool = False  # the certificate chains to a trust list, so the signer's identity is established

    @property
    def ok(self) -> bool:
        """Return True when nothing failed."""
        return bool(self.findings) and all(f.ok for f in self.findings)

    def add(self, ok: bool, member: str, key: str, **values: object) -> None:
        """Record one finding."""
        self.findings.append(Finding(ok, member, say(key, **values)))


def verify(path: Path, trust: list[Any] | None = None, require_signature: bool = False) -> Report:
    """Check every checksum, the manifest signature, every PDF signature and the fingerprint."""
    report = Report(path)
    found = _read_members(path, report)
    if found is None:
        return report
    members = found.members
    try:
        manifest = load_json(_data(members[MANIFEST]))
        files: dict[str, dict[str, Any]] = manifest["files"]
        if not isinstance(files, dict):
            raise TypeError("files")
    except KeyError:
        if MANIFEST not in found.damaged:
            report.add(False, MANIFEST, "verify_missing")
        return report
    except (ValueError, TypeError):
        report.add(False, MANIFEST, "verify_unreadable_manifest")
        return report
    signature = manifest.get("signature") or None
    expected = set(files) | {MANIFEST, SUMS} | ({MANIFEST_SIGNATURE} if signature else set())
    for name in sorted(expected - set(members) - set(found.damaged)):  # a damaged member is said so already
        report.add(False, name, "verify_missing")
    for name in sorted(set(members) - expected):
        report.add(False, name, "verify_extra")

    # The archive's own name says which agreement and version it claims to be.
    match = NAME.match(path.name)
    claimed = archive_name(str(manifest.get("agreement")), str(manifest.get("version")))
    if match and path.name != claimed:
        report.add(False, MANIFEST, "verify_wrong_archive", name=path.name, claimed=claimed)

    # The manifest's signature: who vouches for the list of checksums.
    manifest_signer = b""
    if signature:
        if MANIFEST_SIGNATURE in members:
            check = check_detached(_data(members[MANIFEST]), _data(members[MANIFEST_SIGNATURE]), trust)
            if check.ok:
                report.signed, report.signer, manifest_signer = True, check.signer, check.certificate
                report.fingerprint, report.trusted = certificate_fingerprint(check.certificate), bool(trust)
                report.add(
                    True,
                    MANIFEST_SIGNATURE,
                    "verify_signed_trusted" if trust else "verify_signed_identity_unknown",
                    signer=check.signer,
                    when=check.signed_at,
                    fingerprint=report.fingerprint,
                )
            else:
                report.add(False, MANIFEST_SIGNATURE, "verify_bad_signature", detail=check.detail)
    else:
        report.add(not require_signature, MANIFEST, "verify_unsigned")

    # Every file against the manifest, and SHA256SUMS against everything.
    for name in sorted(set(files) & set(members)):
        entry, member = files[name], members[name]
        if not isinstance(entry, dict) or entry.get("sha256") != member.sha256 or entry.get("size") != member.size:
            report.add(False, name, "verify_changed")
        elif not name.endswith(".pdf"):
            report.add(True, name, "verify_intact", size=member.size)
    _check_sums(members, report)

    # The fingerprint must follow from the inputs listed, and the archived records must be those inputs.
    inputs = manifest.get("inputs") or {}
    software = manifest.get("software") or {}
    try:
        recomputed = fingerprint_of(str(manifest["agreement"]), str(software["mou"]), dict(inputs))
    except (KeyError, TypeError, ValueError):
        recomputed = ""
    records = {n[len(INPUTS) :]: _data(m) for n, m in members.items() if n.startswith(INPUTS)}
    if recomputed != manifest.get("fingerprint") or any(inputs.get(n) != sha256(d) for n, d in records.items()):
        report.add(False, MANIFEST, "verify_fingerprint_mismatch")
    else:
        report.add(True, MANIFEST, "verify_fingerprint", fingerprint=str(manifest.get("fingerprint_short")))

    # Each PDF: its signatures, and the records it carries.
    for name in sorted(n for n in set(files) & set(members) if n.endswith(".pdf")):
        _check_pdf_member(
            name, _data(members[name]), files[name], records, signature, manifest_signer, trust, report, check_pdf
        )
    return report


def _kept(name: str) -> bool:
    """Say whether verification needs a member's bytes, not only its digest (the DOCX files it does not)."""
    return name in (MANIFEST, MANIFEST_SIGNATURE, SUMS) or name.startswith(INPUTS) or name.endswith(".pdf")


def _data(member: Member) -> bytes:
    """Return the bytes of a member that _kept() names."""
    return member.data or b""


def _read_members(path: Path, report: Report) -> Unpacked | None:
    """Read every member of the zip within bounds; a damaged or doubled member is a finding."""
    try:
        found = unpack(path, _kept)
    except Refused as refused:
        report.findings.append(Finding(False, path.name, refused.message))
        return None
    except UNREADABLE:
        report.add(False, path.name, "verify_not_zip")
        return None
    for name in found.duplicates:
        report.add(False, name, "verify_duplicate")
    for name in found.damaged:
        report.add(False, name, "verify_damaged")
    return found


def _check_sums(members: dict[str, Member], report: Report) -> None:
    """Check SHA256SUMS: one line per other member, each hash right."""
    if SUMS not in members:
        return
    listed: dict[str, str] = {}
    try:
        for line in _data(members[SUMS]).decode("ascii").splitlines():
            digest, name = line.split("  ", 1)
            if not re.fullmatch(r"[0-9a-f]{64}", digest) or name in listed:
                raise ValueError(line)
            listed[name] = digest
    except (UnicodeDecodeError, ValueError):
        report.add(False, SUMS, "verify_unreadable_sums")
        return
    others = {n: m for n, m in members.items() if n != SUMS}
    wrong = sorted(n for n in set(listed) & set(others) if listed[n] != others[n].sha256)
    unlisted = sorted(set(others) - set(listed))
    absent = sorted(set(listed) - set(others))
    if wrong or unlisted or absent:
        report.add(False, SUMS, "verify_sums_mismatch", names=", ".join(wrong + unlisted + absent))
    else:
        report.add(True, SUMS, "verify_sums_ok", n=len(listed))


def _check_pdf_member(
    name: str,
    data: bytes,
    entry: Any,
    records: dict[str, bytes],
    signature: Any,
    manifest_signer: bytes,
    trust: list[Any] | None,
    report: Report,
    check_pdf: Any,
) -> None:
    """Check one PDF's signatures and attachments."""
    try:
        checks = check_pdf(data, trust)
        attached = pdf_attachments(data, records)
    except Exception:
        report.add(False, name, "verify_pdf_unreadable")
        return
    intact = isinstance(entry, dict) and entry.get("sha256") == sha256(data)
    problems: list[Message] = []
    if attached != records:
        problems.append(say("verify_pdf_records"))
    if signature:
        if len(checks) != 1 or checks[0][0] != "sig-organization":
            problems.append(say("verify_pdf_signature_count", n=len(checks)))
        for field_name, check in checks:
            if not check.ok:
                problems.append(say("verify_pdf_field", field=field_name, detail=check.detail))
            elif manifest_signer and check.certificate != manifest_signer:
                problems.append(say("verify_pdf_other_signer", signer=check.signer))
    elif checks:
        problems.append(say("verify_pdf_signature_count", n=len(checks)))
    if problems:
        detail = problems[0]
        for problem in problems[1:]:
            detail = detail + "; " + problem
        report.add(False, name, "verify_pdf_bad", detail=detail)
    elif intact:
        who = checks[0][1].signer if checks else ""
        report.add(True, name, "verify_pdf_signed" if who else "verify_pdf_ok", signer=who, n=len(attached))


def pdf_attachments(data: bytes, expected: dict[str, bytes]) -> dict[str, bytes]:
    """Return the files embedded in a PDF, by name, each unpacked no further than the expected file's size.

    An embedded file is compressed inside the PDF: one that would unpack to more than the
    record it should be (a bomb inside a PDF) is cut there, and so differs from it.
    """
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    found: dict[str, bytes] = {}
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    except KeyError:
        return found
    for index in range(0, len(names), 2):
        name = str(names[index])
        stream = names[index + 1].get_object()["/EF"]["/F"].get_object()
        found[name] = _unpacked_at_most(stream, len(expected.get(name, b"")) + 1)
    return found


def _unpacked_at_most(stream: Any, limit: int) -> bytes:
    """Return an embedded file's bytes, unpacking no more than limit (mou writes them deflated, or plain)."""
    packed = stream.encoded_data
    method = stream.get("/Filter")
    if method is None and "/DecodeParms" not in stream:
        return bytes(packed[:limit])
    if method in ("/FlateDecode", ["/FlateDecode"]) and "/DecodeParms" not in stream:
        return zlib.decompressobj().decompress(packed, limit)
    return b""  # any other encoding is not mou's: the file then differs from the record
