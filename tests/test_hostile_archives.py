"""Hostile archives and forged signers: `verify`, `diff` and `release` refuse them with a message.

Each case of the corpus below is a file someone could hand a clerk as a release: it is
refused with a located message and exit status 1, never a traceback, a hang or memory
without bound.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import struct
import subprocess
import sys
import textwrap
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B, ROOT

from mou.cli.main import main
from mou.release.unpacking import MAX_MEMBER_SIZE, MAX_MEMBERS

BOMB_SIZE = 2 * 1024**3  # what the member unpacks to
MEMORY_LIMIT = 200 * 1024 * 1024


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the command line in-process; return status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


# --- hand-made zips -----------------------------------------------------------------------------


def raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """Return a zip of (name, deflated bytes, CRC-32, declared unpacked size) members, sizes as given."""
    body, directory = b"", b""
    for name, packed, crc, size in entries:
        encoded = name.encode()
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(packed), size, len(encoded), 0)
        body += encoded + packed
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(packed),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(body), 0)
    return body + directory + end


@functools.cache
def zeros_deflated(size: int) -> tuple[bytes, int]:
    """Return a deflate stream of `size` zero bytes and their CRC-32, made without deflating them all.

    After a full flush deflate starts afresh, so each MiB of zeros packs to the same bytes.
    """
    mebibyte = bytes(1 << 20)
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    block = packer.compress(mebibyte) + packer.flush(zlib.Z_FULL_FLUSH)
    count = size >> 20
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(mebibyte, crc)
    return block * count + packer.flush(), crc


def bomb(declared: int) -> bytes:
    """Return a zip whose one member unpacks to 2 GiB of zeros (about 9 MB packed), declaring `declared` bytes."""
    packed, crc = zeros_deflated(BOMB_SIZE)
    return raw_zip([("documents/test.th.docx", packed, crc, declared)])


def deep_manifest(depth: int = 200_000) -> bytes:
    """Return a zip whose manifest is a JSON array nested `depth` deep."""
    with io.BytesIO() as out:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", "[" * depth + "]" * depth)
            archive.writestr("SHA256SUMS", "")
        return out.getvalue()


def many_members(count: int = MAX_MEMBERS + 1) -> bytes:
    """Return a zip of `count` empty members."""
    empty = zlib.compressobj(1, zlib.DEFLATED, -15)
    packed = empty.flush()
    return raw_zip([(f"documents/{n}.txt", packed, 0, 0) for n in range(count)])


# The corpus: name → (how to make the file, what the report must say).
ARCHIVES = {
    "bomb-declared-2GiB": (lambda: bomb(BOMB_SIZE), "would unpack to 2147483648 bytes"),
    "bomb-declared-small": (lambda: bomb(1000), "is damaged"),
    "too-many-members": (many_members, f"more than the {MAX_MEMBERS} a release may hold"),
    # a flipped bit in a deflate stream is zlib.error, not a zip error: it was "a bug in mou"
    "broken-deflate-stream": (lambda: raw_zip([("manifest.json", b"\xff" * 16, 0, 100)]), "manifest.json: is damaged"),
    "manifest-200000-deep": (deep_manifest, "manifest.json: cannot be read as a release manifest"),
    "zip64-end-record": (
        lambda: raw_zip([])[:-12] + struct.pack("<HIIH", 0xFFFF, 0, 0, 0),
        "is a zip64 archive",
    ),
}


@pytest.mark.parametrize("case", sorted(ARCHIVES))
def test_a_hostile_archive_is_refused_with_a_message(tmp_path, case):
    make, expected = ARCHIVES[case]
    path = tmp_path / "test-1.0.zip"
    path.write_bytes(make())
    status, out, err = run(["verify", str(path)])
    assert status == 1, out + err
    assert expected in out and f"NOT VERIFIED {path}" in out
    assert "Traceback" not in out + err and "internal error" not in err


@pytest.mark.parametrize("kind", ["device", "fifo", "folder", "missing"])
def test_verify_refuses_what_is_not_a_file_without_reading_it(tmp_path, kind):
    path = tmp_path / "test-1.0.zip"
    if kind == "device":
        path = Path("/dev/zero")  # reading it would never end
    elif kind == "fifo":
        os.mkfifo(path)  # opening it for reading would wait for a writer for ever
    elif kind == "folder":
        path.mkdir()
    status, out, err = run(["verify", str(path)])
    assert status == 1, out + err
    expected = {"device": "is a device", "fifo": "is a pipe", "folder": "is a folder", "missing": "cannot be opened"}
    assert f"FAIL {path.name}: {expected[kind]}" in out


def test_verify_of_2_gib_bombs_stays_small_in_memory(tmp_path):
    """A bomb is refused from its declared size; one that lies is stopped at the size it declares.

    One fresh process verifies them all, so that its peak is what RUSAGE_CHILDREN reports.
    """
    paths = []
    for declared in (BOMB_SIZE, 1000, MAX_MEMBER_SIZE):
        paths.append(tmp_path / f"bomb-{declared}.zip")
        paths[-1].write_bytes(bomb(declared))
    probe = textwrap.dedent(f"""
        import resource, subprocess, sys
        done = subprocess.run([sys.executable, "build.py", "verify", *{list(map(str, paths))!r}], capture_output=True)
        print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
        sys.stdout.write(done.stdout.decode())
    """)
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    status, peak = map(int, done.stdout.splitlines()[0].split())
    assert status == 1, done.stdout + done.stderr
    assert peak < MEMORY_LIMIT, f"verify of the bombs peaked at {peak >> 20} MiB"
    assert "member documents/test.th.docx would unpack to 2147483648 bytes" in done.stdout
    assert done.stdout.count("documents/test.th.docx: is damaged") == 2
    assert done.stdout.count("NOT VERIFIED") == 3


def hostile_project(tree) -> Path:
    """A valid project whose output/releases/test-1.0.zip is a manifest nested 200,000 deep."""
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    (root / "output/releases").mkdir(parents=True)
    (root / "output/releases/test-1.0.zip").write_bytes(deep_manifest())
    return root


def test_release_over_a_deep_manifest_is_a_message(tree):
    root = hostile_project(tree)
    status, out, err = run(["release", "--root", str(root)])
    assert status == 1, out + err
    assert (
        "agreements/test.yaml:1:10: version: version 1.0 was already released as output/releases/test-1.0.zip "
        "with different content (the existing archive cannot be read"
    ) in err
    assert "internal error" not in err and "RecursionError" not in err


def test_diff_over_a_deep_manifest_is_a_message(tree):
    root = hostile_project(tree)
    record = root / "agreements/test.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.1"'), encoding="utf-8")
    status, out, err = run(["diff", "test", "1.0", "1.1", "--root", str(root), "--format", "docx"])
    assert status == 1, out + err
    assert "manifest.json: cannot be read as a release manifest" in err
    assert "internal error" not in err and "RecursionError" not in err


# --- who signed -------------------------------------------------------------------------------


def release_as(root: Path, p12: bytes, budget: int, monkeypatch, into: str) -> Path:
    """Release the small project with a key, after setting its budget; return the archive, moved into root/into."""
    from test_release import PASSWORD

    record = root / "agreements/test.yaml"
    record.write_text(
        textwrap.dedent(AGREEMENT).lstrip().replace("amount: 150000", f"amount: {budget}"), encoding="utf-8"
    )
    key = root / "key.p12"
    key.write_bytes(p12)
    shutil.rmtree(root / "output", ignore_errors=True)
    monkeypatch.setenv("MOU_SIGNING_PASSWORD", PASSWORD)
    monkeypatch.delenv("MOU_SIGNING_KEY", raising=False)
    status, out, err = run(["release", "--root", str(root), "--key", str(key)])
    assert status == 0, out + err
    archive = root / into / "test-1.0.zip"
    archive.parent.mkdir()
    shutil.move(root / "output/releases/test-1.0.zip", archive)
    key.unlink()
    return archive


def fingerprint_of(p12: bytes) -> str:
    """Return the certificate's SHA-256 fingerprint as openssl prints it."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import pkcs12
    from test_release import PASSWORD

    certificate = pkcs12.load_key_and_certificates(p12, PASSWORD.encode())[1]
    return ":".join(f"{b:02X}" for b in certificate.fingerprint(hashes.SHA256()))


@pytest.mark.slow
def test_a_forged_signer_with_the_genuine_name_is_not_taken_for_the_organization(tree, monkeypatch):
    from test_release import certificate_pem, throwaway_key

    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    genuine_key = throwaway_key("rsa", name="Chum Phae Town Municipality")
    forged_key = throwaway_key("rsa", valid_from=(2001, 1, 1), name="Chum Phae Town Municipality")  # another key
    genuine = release_as(root, genuine_key, 150000, monkeypatch, "genuine")
    forged = release_as(root, forged_key, 9_999_999, monkeypatch, "forged")

    # Without a trust list, each verifies as intact, and says plainly that the name proves nothing.
    for shown, key in ((genuine, genuine_key), (forged, forged_key)):
        status, out, err = run(["verify", str(shown), "--root", str(root)])
        assert status == 0, out + err
        assert "the signer's identity is NOT established" in out
        assert f"SHA-256 fingerprint {fingerprint_of(key)}" in out
        assert out.splitlines()[-1] == (
            f"VERIFIED {shown}: every file is as released, signed with a certificate naming "
            "Organization: mou tests, Common Name: Chum Phae Town Municipality "
            f"(SHA-256 {fingerprint_of(key)}); who signed is NOT established (no --trust, no trust/*.pem)"
        )
    assert fingerprint_of(genuine_key) != fingerprint_of(forged_key)

    # With the organization's certificate in the project's trust/, the forgery fails and the genuine passes.
    (root / "trust").mkdir()
    certificate_pem(genuine_key, root / "trust", "organization")
    # As the clerk runs it (pytest's own log handler would hide pyHanko's log of the failed check).
    done = subprocess.run(
        [sys.executable, "build.py", "verify", str(forged), "--root", str(root), "--require-signature"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert "manifest signature INVALID: the signer's certificate is not trusted" in done.stdout
    assert "trust/organization.pem" in done.stderr and "Traceback" not in done.stderr
    status, out, err = run(["verify", str(genuine), "--root", str(root), "--require-signature"])
    assert status == 0, out + err
    assert "chains to the trust list" in out and "NOT established" not in out
    assert out.splitlines()[-1].endswith("signed by Organization: mou tests, Common Name: Chum Phae Town Municipality")


def test_the_release_workflow_verifies_against_the_projects_trust_list():
    text = (ROOT / ".github/workflows/release.yml").read_text(encoding="utf-8")
    verify_step = text[text.index("- name: Verify the archives") :]
    assert "trust/*.pem" in verify_step and "--require-signature" in verify_step
    assert "exit 1" in verify_step  # a signed release without a trust list is not verified as signed by anyone


def test_a_bomb_attached_inside_a_pdf_is_unpacked_no_further_than_the_record():
    from pyhanko.pdf_utils import generic

    from mou.release.archive import _unpacked_at_most

    packed, _ = zeros_deflated(BOMB_SIZE)
    flate = b"\x78\x01" + packed  # a zlib header before the deflate stream, as in a PDF
    stream = generic.StreamObject(
        {generic.NameObject("/Filter"): generic.NameObject("/FlateDecode")}, encoded_data=flate
    )
    assert _unpacked_at_most(stream, 1001) == bytes(1001)
    plain = generic.StreamObject({}, encoded_data=b"a: 1\n")
    assert _unpacked_at_most(plain, 3) == b"a: " and _unpacked_at_most(plain, 100) == b"a: 1\n"
    other = generic.StreamObject(
        {generic.NameObject("/Filter"): generic.NameObject("/LZWDecode")}, encoded_data=b"\x80"
    )
    assert _unpacked_at_most(other, 100) == b""


def test_a_member_that_cannot_be_unpacked_is_said_damaged_once_not_also_missing(tmp_path):
    path = tmp_path / "test-1.0.zip"
    path.write_bytes(raw_zip([("manifest.json", b"\xff" * 16, 0, 100)]))
    status, out, err = run(["verify", str(path)])
    assert status == 1, out + err
    assert [line for line in out.splitlines() if line.startswith("FAIL")] == [
        "FAIL manifest.json: is damaged (it cannot be unpacked, or its zip checksum fails)"
    ]


@pytest.mark.parametrize("kind", ["device", "fifo", "folder", "huge", "missing"])
def test_a_trust_or_key_file_that_is_no_such_file_is_refused_without_reading_it(small_project, tmp_path, kind):
    """/dev/zero given as --trust or --key was read without end: the command hung, its memory growing."""
    path = tmp_path / "org.pem"
    if kind == "device":
        path = Path("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)  # opening it for reading would wait for a writer for ever
    elif kind == "folder":
        path.mkdir()
    elif kind == "huge":
        path.write_bytes(bytes(2 * 1024 * 1024))
    expected = {
        "device": "it is a device, a pipe or a folder, not a file",
        "fifo": "it is a device, a pipe or a folder, not a file",
        "folder": "it is a device, a pipe or a folder, not a file",
        "huge": "it is larger than 1048576 bytes, far more than a key or certificate holds",
        "missing": "No such file or directory",
    }[kind]
    archive = tmp_path / "test-1.0.zip"
    archive.write_bytes(b"not read")
    status, out, err = run(["verify", str(archive), "--trust", str(path)])
    assert status == 1, out + err
    assert f"error: {path}: cannot read the certificate: {expected}; give a PEM or DER certificate file" in err
    status, out, err = run(["release", "--root", str(small_project), "--key", str(path)])
    assert status == 1, out + err
    assert f"error: {path}: cannot read the signing key file: {expected}; give the organization's PKCS#12" in err
    assert "internal error" not in err
