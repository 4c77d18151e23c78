"""Release archives: built, signed with a throwaway key, verified, and every tampering caught.

The key and certificate are made here, once per test session, with `cryptography`: no
private key is ever committed. RSA with PKCS#1 v1.5, so signatures are deterministic.
"""

from __future__ import annotations

import base64
import datetime
import functools
import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, require_tool

from mou.cli.main import main

PASSWORD = "throwaway-password"


@functools.cache
def throwaway_key(
    kind: str = "rsa", valid_from: tuple[int, int, int] = (2000, 1, 1), name: str = "Chum Phae Test Organization"
) -> bytes:
    """Return a PKCS#12 file (password PASSWORD) with a new key and a self-signed certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(65537, 2048) if kind == "rsa" else ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, name), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "mou tests")]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(datetime.datetime(*valid_from, tzinfo=datetime.UTC))
        .not_valid_after(datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"org", key, cert, None, serialization.BestAvailableEncryption(PASSWORD.encode())
    )


def key_file(folder: Path, kind: str = "rsa", **options) -> Path:
    """Write a throwaway PKCS#12 file into folder (a test's tmp_path) and return its path."""
    path = folder / f"org-{kind}.p12"
    path.write_bytes(throwaway_key(kind, **options))
    return path


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the command line in-process; return status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def release(root: Path, key: Path | None, monkeypatch, *ids: str) -> tuple[int, str, str]:
    """Run `release` for a project, with the key's password in the environment."""
    monkeypatch.setenv("MOU_SIGNING_PASSWORD", PASSWORD)
    monkeypatch.delenv("MOU_SIGNING_KEY", raising=False)
    return run(["release", *ids, "--root", str(root), *(["--key", str(key)] if key else [])])


def members(path: Path) -> dict[str, bytes]:
    """Return the members of a zip, in order."""
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(path: Path, entries: list[tuple[str, bytes]]) -> None:
    """Rewrite a zip with the given members (as someone editing the archive would)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)


def flip(data: bytes, where: float = 0.5) -> bytes:
    """Flip one bit of one byte."""
    index = int(len(data) * where)
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


# --- one signed release of the small project, and one of another version ---------------


@pytest.fixture(scope="module")
def signed(tmp_path_factory) -> dict[str, Path]:
    """Release the small project signed, as version 1.0 and (in a copy) 1.1."""
    from conftest import AGREEMENT, PARTY_A, PARTY_B

    found = {}
    base = tmp_path_factory.mktemp("release")
    key = key_file(base)
    for version in ("1.0", "1.1"):
        root = base / version
        (root / "parties").mkdir(parents=True)
        (root / "agreements").mkdir()
        shutil.copytree(ROOT / "templates", root / "templates")
        import textwrap

        (root / "parties/town.yaml").write_text(textwrap.dedent(PARTY_A).lstrip(), encoding="utf-8")
        (root / "parties/kku.yaml").write_text(textwrap.dedent(PARTY_B).lstrip(), encoding="utf-8")
        (root / "agreements/test.yaml").write_text(
            textwrap.dedent(AGREEMENT).lstrip().replace('version: "1.0"', f'version: "{version}"'), encoding="utf-8"
        )
        with pytest.MonkeyPatch.context() as patch:
            status, out, err = release(root, key, patch)
        assert status == 0, err
        found[version] = root / "output" / "releases" / f"test-{version}.zip"
        assert found[version].is_file()
    found["key"] = key
    return found


def verify(path: Path, *options: str) -> tuple[int, str, str]:
    """Run `verify` on one archive."""
    return run(["verify", str(path), *options])


@pytest.mark.slow
def test_signed_release_holds_everything_and_verifies(signed):
    path = signed["1.0"]
    names = list(members(path))
    assert names == [
        "manifest.json",
        "manifest.json.p7s",
        "SHA256SUMS",
        "documents/test.en.docx",
        "documents/test.en.pdf",
        "documents/test.th.docx",
        "documents/test.th.pdf",
        "inputs/agreements/test.yaml",
        "inputs/parties/kku.yaml",
        "inputs/parties/town.yaml",
    ]
    manifest = json.loads(members(path)["manifest.json"])
    assert manifest["agreement"] == "test" and manifest["version"] == "1.0"
    assert manifest["build_time"] == "2020-11-16T00:00:00Z" and manifest["build_time_source"] == "agreement date"
    assert set(manifest["inputs"]) >= {
        "agreements/test.yaml",
        "parties/kku.yaml",
        "parties/town.yaml",
        "templates/standard/style.css",
        "templates/fonts/Sarabun-Regular.ttf",
    }
    assert manifest["software"]["mou"] and manifest["software"]["weasyprint"] == "70.0"
    assert manifest["software"]["font-subsetter"] in ("harfbuzz-subset", "fonttools")
    assert manifest["signature"]["signer"].endswith("Chum Phae Test Organization")
    for name, data in members(path).items():
        if name in manifest["files"]:
            assert manifest["files"][name]["size"] == len(data)
    assert members(path)["inputs/agreements/test.yaml"] == (path.parents[2] / "agreements/test.yaml").read_bytes()
    sums = members(path)["SHA256SUMS"].decode()
    assert len(sums.splitlines()) == len(names) - 1
    status, out, err = verify(path, "--require-signature")
    assert status == 0, out + err
    assert out.splitlines()[-1].startswith(
        f"VERIFIED {path}: every file is as released, signed with a certificate naming "
    )  # no trust list: intact, but who signed is not established
    assert "who signed is NOT established" in out.splitlines()[-1]
    assert "FAIL" not in out
    assert out.count("PDF signature valid") == 2


def test_sha256sum_checks_the_archive_too(signed, tmp_path):
    """SHA256SUMS is the ordinary format: `sha256sum -c` agrees."""
    sha256sum = require_tool("sha256sum")
    for name, data in members(signed["1.0"]).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    done = subprocess.run([sha256sum, "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.count(": OK") == 9, done.stdout


# --- tampering: each case is its own test, and each must be caught ------------------------


def _flip_member(name: str):
    def change(path: Path, other: Path) -> None:
        entries = [(n, flip(d) if n == name else d) for n, d in members(path).items()]
        rezip(path, entries)

    return change


def _remove_member(name: str):
    def change(path: Path, other: Path) -> None:
        rezip(path, [(n, d) for n, d in members(path).items() if n != name])

    return change


def _add_member(name: str, data: bytes):
    def change(path: Path, other: Path) -> None:
        rezip(path, list(members(path).items()) + [(name, data)])

    return change


def _swap_from_other(*names: str):
    def change(path: Path, other: Path) -> None:
        theirs = members(other)
        rezip(
            path,
            [(n, theirs[n.replace("test-1.1", "test-1.0")] if n in names else d) for n, d in members(path).items()],
        )

    return change


def _flip_raw_zip_byte(path: Path, other: Path) -> None:
    data = path.read_bytes()
    entry = data.index(b"documents/test.th.docx")  # inside that member's compressed bytes
    path.write_bytes(flip(data[: entry + 400], 1.0 - 1 / (entry + 400)) + data[entry + 400 :])


def _whole_archive_of_other_version(path: Path, other: Path) -> None:
    shutil.copyfile(other, path)


def _strip_signature_and_say_unsigned(path: Path, other: Path) -> None:
    """The cleverer attack: drop the signature, rewrite manifest and sums to match."""
    from mou.core.reproducible import sha256

    entries = {n: d for n, d in members(path).items() if n != "manifest.json.p7s"}
    manifest = json.loads(entries["manifest.json"])
    manifest["signature"] = None
    entries["manifest.json"] = json.dumps(manifest).encode()
    entries["SHA256SUMS"] = "".join(f"{sha256(d)}  {n}\n" for n, d in entries.items() if n != "SHA256SUMS").encode()
    rezip(path, list(entries.items()))


def _edit_record_and_fix_sums(path: Path, other: Path) -> None:
    """Change a record and update SHA256SUMS (but the manifest is signed)."""
    from mou.core.reproducible import sha256

    entries = members(path)
    entries["inputs/agreements/test.yaml"] = entries["inputs/agreements/test.yaml"].replace(b"150000", b"950000")
    entries["SHA256SUMS"] = "".join(f"{sha256(d)}  {n}\n" for n, d in entries.items() if n != "SHA256SUMS").encode()
    rezip(path, list(entries.items()))


TAMPERING = {
    # flip a byte in each kind of member
    "flip-pdf": (_flip_member("documents/test.th.pdf"), "documents/test.th.pdf"),
    "flip-pdf-signed-range-end": (
        lambda p, o: rezip(
            p, [(n, flip(d, 0.999) if n == "documents/test.en.pdf" else d) for n, d in members(p).items()]
        ),
        "documents/test.en.pdf",
    ),
    "flip-docx": (_flip_member("documents/test.en.docx"), "documents/test.en.docx"),
    "flip-record": (_flip_member("inputs/parties/kku.yaml"), "inputs/parties/kku.yaml"),
    "flip-manifest": (_flip_member("manifest.json"), "manifest.json"),
    "flip-manifest-signature": (_flip_member("manifest.json.p7s"), "manifest.json.p7s"),
    "flip-sums": (_flip_member("SHA256SUMS"), "SHA256SUMS"),
    "flip-raw-zip-byte": (_flip_raw_zip_byte, "documents/test.th.docx"),
    # remove members
    "remove-pdf": (_remove_member("documents/test.en.pdf"), "documents/test.en.pdf"),
    "remove-docx": (_remove_member("documents/test.th.docx"), "documents/test.th.docx"),
    "remove-record": (_remove_member("inputs/parties/town.yaml"), "inputs/parties/town.yaml"),
    "remove-manifest-signature": (_remove_member("manifest.json.p7s"), "manifest.json.p7s"),
    "remove-sums": (_remove_member("SHA256SUMS"), "SHA256SUMS"),
    "remove-manifest": (_remove_member("manifest.json"), "manifest.json"),
    # add members
    "add-file": (_add_member("documents/annex.pdf", b"%PDF-1.7\n"), "documents/annex.pdf"),
    "add-second-copy": (
        lambda p, o: rezip(p, list(members(p).items()) + [("documents/test.th.pdf", b"x")]),
        "documents/test.th.pdf",
    ),
    # swap members from another version of the same agreement
    "swap-pdf-from-1.1": (_swap_from_other("documents/test.th.pdf"), "documents/test.th.pdf"),
    "swap-docx-from-1.1": (_swap_from_other("documents/test.en.docx"), "documents/test.en.docx"),
    "swap-record-from-1.1": (_swap_from_other("inputs/agreements/test.yaml"), "inputs/agreements/test.yaml"),
    "swap-manifest-sums-signature-from-1.1": (
        _swap_from_other("manifest.json", "manifest.json.p7s", "SHA256SUMS"),
        "documents/test.th.pdf",
    ),
    "whole-archive-of-1.1-renamed": (_whole_archive_of_other_version, "manifest.json"),
    # cleverer edits
    "strip-signature-rewrite-manifest": (_strip_signature_and_say_unsigned, "documents/test.th.pdf"),
    "edit-record-fix-sums": (_edit_record_and_fix_sums, "inputs/agreements/test.yaml"),
}


@pytest.mark.filterwarnings("ignore:Duplicate name")  # add-second-copy writes one on purpose
@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_verify_catches_tampering(signed, tmp_path, case):
    change, member = TAMPERING[case]
    path = tmp_path / "test-1.0.zip"
    shutil.copyfile(signed["1.0"], path)
    change(path, signed["1.1"])
    assert path.read_bytes() != signed["1.0"].read_bytes()
    status, out, err = verify(path)
    assert status == 1, out + err
    assert out.splitlines()[-1].startswith(f"NOT VERIFIED {path}: ")
    flagged = [line for line in out.splitlines() if line.startswith("FAIL ")]
    assert any(line.startswith(f"FAIL {member}:") for line in flagged), out


def certificate_pem(p12: bytes, folder: Path, name: str) -> Path:
    """Write the certificate of a PKCS#12 file as PEM."""
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    cert = pkcs12.load_key_and_certificates(p12, PASSWORD.encode())[1]
    path = folder / f"{name}.pem"
    path.write_bytes(cert.public_bytes(Encoding.PEM))
    return path


@pytest.mark.slow
def test_verify_with_a_trust_anchor(signed, tmp_path):
    """--trust: the organization's own certificate is accepted, another one is not."""
    ours = certificate_pem(signed["key"].read_bytes(), tmp_path, "ours")
    status, out, err = verify(signed["1.0"], "--trust", str(ours), "--require-signature")
    assert status == 0, out + err
    assert out.splitlines()[-1].startswith(f"VERIFIED {signed['1.0']}: every file is as released, signed by ")
    theirs = certificate_pem(throwaway_key("rsa", name="Someone Else"), tmp_path, "theirs")
    status, out, _ = verify(signed["1.0"], "--trust", str(theirs))
    assert status == 1
    assert "FAIL manifest.json.p7s: manifest signature INVALID: the signer's certificate is not trusted" in out
    assert "FAIL documents/test.th.pdf: PDF check FAILED: field sig-organization: the signer's certificate" in out


def test_verify_reports_a_file_that_is_not_a_zip(tmp_path):
    path = tmp_path / "test-1.0.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    status, out, _ = verify(path)
    assert status == 1 and "is not a readable zip archive" in out


# --- immutability ---------------------------------------------------------------------------


@pytest.mark.slow
def test_releasing_again_with_the_same_inputs_is_a_no_op(small_project, monkeypatch, tmp_path):
    key = key_file(tmp_path)
    status, out, err = release(small_project, key, monkeypatch)
    assert status == 0, err
    path = small_project / "output/releases/test-1.0.zip"
    before = path.read_bytes()
    status, out, err = release(small_project, key, monkeypatch)
    assert status == 0, err
    assert out.strip() == f"unchanged: {path} already holds this release (same inputs); it was kept as it is"
    assert path.read_bytes() == before


@pytest.mark.slow
def test_releasing_a_released_version_with_other_content_is_refused(small_project, monkeypatch):
    status, out, err = release(small_project, None, monkeypatch)
    assert status == 0, err
    path = small_project / "output/releases/test-1.0.zip"
    before = path.read_bytes()
    record = small_project / "agreements/test.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("150000", "160000"), encoding="utf-8")
    style = small_project / "templates/standard/style.css"
    style.write_text(style.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    status, out, err = release(small_project, None, monkeypatch)
    assert status == 1
    assert (
        "error: agreements/test.yaml:1:10: version: version 1.0 was already released as output/releases/test-1.0.zip "
        "with different content (agreements/test.yaml changed; templates/standard/style.css changed); a released "
        "version cannot change: give the agreement a new version here"
    ) in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("damage", ["flip-docx", "add-member"])
def test_releasing_again_over_a_damaged_archive_of_the_same_inputs_is_refused(signed, monkeypatch, tmp_path, damage):
    """Same inputs are no licence to keep an archive that no longer verifies as "unchanged"."""
    root = tmp_path / "project"
    shutil.copytree(signed["1.0"].parents[2], root)
    path = root / "output/releases/test-1.0.zip"
    entries = members(path)
    if damage == "flip-docx":
        data = path.read_bytes()
        where = data.index(b"documents/test.th.docx") + 2000  # inside that member's compressed bytes
        path.write_bytes(data[:where] + bytes([data[where] ^ 0x01]) + data[where + 1 :])
    else:
        rezip(path, [*entries.items(), ("documents/notes.txt", b"hello")])
    before = path.read_bytes()
    status, out, err = release(root, signed["key"], monkeypatch)
    assert status == 1, out + err
    assert "error: output/releases/test-1.0.zip: version 1.0 was released with these inputs, but this archive " in err
    assert "no longer verifies (documents/" in err and "unchanged" not in out
    assert path.read_bytes() == before


def test_a_damaged_member_is_reported_once(signed, tmp_path):
    path = tmp_path / "test-1.0.zip"
    data = signed["1.0"].read_bytes()
    where = data.index(b"documents/test.en.docx") + 2000
    path.write_bytes(data[:where] + bytes([data[where] ^ 0x01]) + data[where + 1 :])
    status, out, _ = verify(path)
    assert status == 1
    about = [line for line in out.splitlines() if line.startswith("FAIL documents/test.en.docx")]
    assert about == ["FAIL documents/test.en.docx: is damaged (it cannot be unpacked, or its zip checksum fails)"]


# --- release without a key, keys from the environment, bad keys ---------------------------


@pytest.mark.slow
def test_release_without_a_key_builds_an_unsigned_archive_and_says_so(small_project, monkeypatch):
    status, out, err = release(small_project, None, monkeypatch)
    assert status == 0, err
    path = small_project / "output/releases/test-1.0.zip"
    assert out.strip() == f"released {path} UNSIGNED: no key was given (--key, or MOU_SIGNING_KEY)"
    assert "manifest.json.p7s" not in members(path)
    status, out, _ = verify(path)
    assert status == 0 and "(unsigned)" in out.splitlines()[-1]
    assert "ok   manifest.json: the archive is not signed" in out
    status, out, _ = verify(path, "--require-signature")
    assert status == 1


@pytest.mark.parametrize("how", ["base64", "path"])
@pytest.mark.slow
def test_key_from_the_environment(small_project, monkeypatch, tmp_path, how):
    key = key_file(tmp_path)
    monkeypatch.setenv("MOU_SIGNING_KEY", base64.b64encode(key.read_bytes()).decode() if how == "base64" else str(key))
    monkeypatch.setenv("CI_KEY_PASSWORD", PASSWORD)
    monkeypatch.delenv("MOU_SIGNING_PASSWORD", raising=False)
    status, out, err = run(["release", "--root", str(small_project), "--key-password-env", "CI_KEY_PASSWORD"])
    assert status == 0, err
    assert "(signed by Organization: mou tests, Common Name: Chum Phae Test Organization)" in out


def test_a_wrong_password_is_a_clear_error(small_project, monkeypatch, tmp_path):
    key = key_file(tmp_path)
    monkeypatch.setenv("MOU_SIGNING_PASSWORD", "not-the-password")
    status, out, err = run(["release", "--root", str(small_project), "--key", str(key)])
    assert status == 1
    assert f"error: {key}: cannot load the signing key" in err and "Traceback" not in err
    assert not (small_project / "output/releases/test-1.0.zip").exists()


@pytest.mark.slow
def test_a_certificate_not_valid_at_the_build_time_is_refused(small_project, monkeypatch, tmp_path):
    key = tmp_path / "young.p12"
    key.write_bytes(throwaway_key("rsa", valid_from=(2024, 1, 1)))  # the agreement is dated 2020
    status, out, err = release(small_project, key, monkeypatch)
    assert status == 1
    assert (
        "the certificate is valid from 2024-01-01 to 2100-01-01, but the signing time would be "
        "2020-11-16 00:00:00 UTC" in err
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2025, 1, 1).timestamp())))
    status, out, err = release(small_project, key, monkeypatch)
    assert status == 0, err


@pytest.mark.slow
def test_release_messages_in_thai(small_project, monkeypatch):
    status, out, err = run(["release", "--root", str(small_project), "--lang", "th"])
    assert status == 0, err
    assert out.startswith("สร้างชุดเผยแพร่ ") and "โดยไม่ได้ลงนาม" in out
    status, out, _ = run(["verify", str(small_project / "output/releases/test-1.0.zip"), "--lang", "th"])
    assert status == 0 and out.splitlines()[-1].startswith("ตรวจแล้วถูกต้อง ")


def test_release_of_an_unknown_agreement_is_a_usage_error(small_project):
    status, _, err = run(["release", "tset", "--root", str(small_project)])
    assert status == 2 and "did you mean 'test'" in err


# --- the parties sign after the organization -------------------------------------------------


@pytest.mark.slow
def test_parties_can_sign_their_fields_after_the_organization(signed, tmp_path):
    """Each party's field takes a signature afterwards, in any order; the organization's
    signature stays valid (the later revisions only fill in signature fields)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from mou.release.signing import empty_signature_fields

    pdf = members(signed["1.0"])["documents/test.th.pdf"]
    assert empty_signature_fields(pdf) == ["sig-town", "sig-kku"]
    party = signers.SimpleSigner.load_pkcs12_data(throwaway_key("rsa", name="A Party"), [], PASSWORD.encode())
    for field in ("sig-kku", "sig-town"):  # the second party signs first
        out = signers.PdfSigner(signers.PdfSignatureMetadata(field_name=field), party).sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf)), existing_fields_only=True
        )
        pdf = out.getvalue()
    assert empty_signature_fields(pdf) == []
    reader = PdfFileReader(io.BytesIO(pdf))
    results = {}
    for embedded in reader.embedded_signatures:
        context = ValidationContext(trust_roots=[embedded.signer_cert], allow_fetching=False)
        status = validate_pdf_signature(embedded, context)
        results[embedded.field_name] = (status.intact, status.valid, status.modification_level.name)
    assert results["sig-organization"][:2] == (True, True)
    assert results["sig-organization"][2] in ("FORM_FILLING", "NONE")
    assert results["sig-kku"][:2] == results["sig-town"][:2] == (True, True)


# --- CI ----------------------------------------------------------------------------------------


def test_release_workflow_passes_actionlint():
    actionlint = require_tool("actionlint")
    workflow = ROOT / ".github" / "workflows" / "release.yml"
    done = subprocess.run(
        [actionlint, "-no-color", str(workflow)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = workflow.read_text(encoding="utf-8")
    assert "tags:" in text and "bash .ci/run" in text and "build.py release" in text
    assert "build.py verify" in text and "secrets.MOU_SIGNING_KEY" in text and "action-gh-release" in text


def test_a_draft_named_for_release_is_refused_at_its_status(small_project, monkeypatch):
    """Released, a draft would take its version for ever: the agreed text could never be released as 1.0."""
    record = small_project / "agreements/test.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("status: final", "status: draft"), encoding="utf-8")
    status, out, err = release(small_project, None, monkeypatch, "test")
    assert status == 1, out + err
    assert "error: agreements/test.yaml:2:9: status: version 1.0 is a draft; a release is the agreed text" in err
    assert not (small_project / "output/releases/test-1.0.zip").exists()


def test_releasing_everything_leaves_the_drafts_out_and_says_so(small_project, monkeypatch):
    record = small_project / "agreements/test.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("status: final", "status: draft"), encoding="utf-8")
    status, out, err = release(small_project, None, monkeypatch)
    assert status == 0, out + err
    assert "note: test 1.0 is a draft, not released; set status: final once the parties agree" in err
    assert not (small_project / "output/releases/test-1.0.zip").exists()
