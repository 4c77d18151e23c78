"""The organization's signatures: PAdES over each PDF, CMS over a release manifest; and checking them.

Signing uses pyHanko with a key and certificate from a PKCS#12 file. Two things pyHanko
would otherwise take from the clock or from chance are fixed, so a signed release is as
reproducible as an unsigned one:

- the signing time (the CMS signing-time attribute and the PDF's /M) is the build time
  (SOURCE_DATE_EPOCH, else the agreement's date; see mou/pipeline/provenance.py);
- the second half of the PDF's file identifier, which pyHanko draws at random for an
  incremental update, is a hash of the signed revision; and pyHanko's update of the
  document's modification date (the clock) is left out: the PDF/A metadata stays as
  rendered, in step with the document information dictionary.

An RSA key signs with PKCS#1 v1.5, which is deterministic: the same inputs and key give the
same bytes. ECDSA signatures are randomized: with an EC key the signed files differ on every
run, though each verifies (only unsigned archives are then byte-identical).

The signatures are PAdES baseline B-B: no timestamp authority can be reached from the build
machines, so the signing time is the signer's claim, not a timestamp (B-T would need one).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import datetime
import hashlib
import io
import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import cms, x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields as sig_fields
from pyhanko.sign import signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext

from mou.core.errors import InputError, Problem, RenderError
from mou.core.messages import Message, say
from mou.pdf.fields import ORGANIZATION_FIELD

# pyHanko logs every check that fails with its traceback; with no handler of the program's
# own, Python would print those to the clerk. The verdict is said in mou's words instead
# (a program that configures logging still receives the records).
logging.getLogger("pyhanko").addHandler(logging.NullHandler())
logging.getLogger("pyhanko_certvalidator").addHandler(logging.NullHandler())

KEY_ENV = "MOU_SIGNING_KEY"
PASSWORD_ENV = "MOU_SIGNING_PASSWORD"
UTC = datetime.UTC


@dataclass(frozen=True)
class SigningKey:
    """The organization's key and certificate, loaded from PKCS#12."""

    signer: signers.SimpleSigner
    source: str  # where it came from, for messages (never the key itself)

    @property
    def certificate(self) -> x509.Certificate:
        """Return the signing certificate."""
        return self.signer.signing_cert

    @property
    def subject(self) -> str:
        """Return who the certificate names, readably."""
        return self.certificate.subject.human_friendly

    @property
    def randomized(self) -> bool:
        """Return True when signatures with this key differ on every run (ECDSA, DSA)."""
        return self.certificate.public_key.algorithm != "rsa"

    def check_valid_at(self, when: datetime.datetime) -> None:
        """Refuse to sign with a build time outside the certificate's validity."""
        validity = self.certificate["tbs_certificate"]["validity"]
        start, end = validity["not_before"].native, validity["not_after"].native
        if not start <= when <= end:
            raise InputError(
                Problem(
                    self.source,
                    say(
                        "certificate_not_valid_then",
                        when=when.strftime("%Y-%m-%d %H:%M:%S UTC"),
                        start=start.strftime("%Y-%m-%d"),
                        end=end.strftime("%Y-%m-%d"),
                    ),
                )
            )


def load_key(data: bytes, password: bytes | None, source: str) -> SigningKey:
    """Load a PKCS#12 key and certificate, or raise InputError saying what is wrong."""
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=password)
    except (ValueError, TypeError, SigningError) as exc:
        raise InputError(Problem(source, say("bad_key", detail=str(exc) or type(exc).__name__))) from None
    if signer is None or signer.signing_cert is None:
        raise InputError(Problem(source, say("bad_key", detail="no certificate")))
    return SigningKey(signer, source)


# A PKCS#12 key or a trust list is a few KB; a file far larger (or /dev/zero) is the wrong file.
SMALL_FILE_LIMIT = 1024 * 1024


class UnreadableFile(Exception):
    """A key or certificate file that cannot be read as one; the message says why."""

    def __init__(self, message: Message):
        super().__init__(message.en)
        self.message = message


def read_small_file(path: Path) -> bytes:
    """Read a key or certificate file: a regular file of at most SMALL_FILE_LIMIT bytes, never waiting on a pipe."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opens at once instead of blocking
    except OSError as exc:
        raise UnreadableFile(Message(str(exc.strerror or exc), str(exc.strerror or exc))) from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise UnreadableFile(say("small_file_not_regular"))
    with os.fdopen(descriptor, "rb") as handle:
        try:
            data = handle.read(SMALL_FILE_LIMIT + 1)
        except OSError as exc:
            raise UnreadableFile(Message(str(exc.strerror or exc), str(exc.strerror or exc))) from None
    if len(data) > SMALL_FILE_LIMIT:
        raise UnreadableFile(say("small_file_too_large", limit=SMALL_FILE_LIMIT))
    return data


def key_from_options(
    key_path: Path | None, password_env: str | None, environ: dict[str, str] | None = None
) -> SigningKey | None:
    """Load the key named by --key / --key-password-env, else by MOU_SIGNING_KEY / _PASSWORD.

    MOU_SIGNING_KEY holds a path to a .p12 file or the file's content in base64 (as CI
    secrets hold it). Returns None when no key is given at all.
    """
    environ = dict(os.environ) if environ is None else environ
    if password_env is not None and password_env not in environ:
        raise InputError(Problem("--key-password-env", say("no_password_env", name=password_env)))
    password_text = environ.get(password_env or PASSWORD_ENV)
    password = password_text.encode() if password_text else None
    if key_path is not None:
        try:
            data = read_small_file(key_path)
        except UnreadableFile as exc:
            raise InputError(Problem(str(key_path), say("cannot_read_key", detail=exc.message))) from None
        return load_key(data, password, str(key_path))
    value = environ.get(KEY_ENV, "").strip()
    if not value:
        return None
    if _is_file(value):
        try:
            data = read_small_file(Path(value))
        except UnreadableFile as exc:
            raise InputError(Problem(f"{KEY_ENV} ({value})", say("cannot_read_key", detail=exc.message))) from None
        return load_key(data, password, f"{KEY_ENV} ({value})")
    try:
        data = base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError):
        raise InputError(Problem(KEY_ENV, say("bad_key_env", name=KEY_ENV))) from None
    return load_key(data, password, f"{KEY_ENV} (base64)")


def _is_file(value: str) -> bool:
    """Return True when value names an existing file (base64 text is usually too long a name)."""
    try:
        return len(value) < 4096 and Path(value).is_file()
    except (OSError, ValueError):
        return False


class _ReproducibleWriter(IncrementalPdfFileWriter):
    """An incremental writer that adds nothing random and nothing from the clock."""

    @classmethod
    def _handle_id(cls, prev: PdfFileReader) -> generic.ArrayObject:
        """Keep the first identifier; derive the second from the revision being signed."""
        stream = prev.stream
        position = stream.tell()
        stream.seek(0)
        digest = hashlib.md5(stream.read(), usedforsecurity=False).digest()
        stream.seek(position)
        try:
            first, _ = prev.trailer["/ID"]
            first = generic.ByteStringObject(getattr(first, "original_bytes", first))
        except KeyError:
            first = generic.ByteStringObject(digest)
        return generic.ArrayObject([first, generic.ByteStringObject(digest)])

    def _update_meta(self) -> None:
        """Leave /Info and the XMP metadata as rendered (PDF/A keeps them in step)."""


class _FixedTimeSigner(signers.PdfSigner):
    """A PDF signer whose signing time is given, not read from the clock."""

    def __init__(self, *args: object, when: datetime.datetime, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.when = when

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self.when
        return session


def sign_pdf(
    data: bytes, key: SigningKey, when: datetime.datetime, reason: str, field_name: str = ORGANIZATION_FIELD
) -> bytes:
    """Sign a PDF in its (invisible) organization field: PAdES B-B, an incremental update.

    It is an approval signature, not a certification: the parties' empty fields stay
    free to sign afterwards, in any order.
    """
    if not all(hasattr(IncrementalPdfFileWriter, name) for name in ("_handle_id", "_update_meta")):
        raise RenderError("this pyHanko version cannot sign reproducibly; install the version pinned in pyproject.toml")
    writer = _ReproducibleWriter(io.BytesIO(data))
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=sig_fields.SigSeedSubFilter.PADES, reason=reason
    )
    signer = _FixedTimeSigner(meta, key.signer, when=when.astimezone(UTC))
    out = signer.sign_pdf(writer, existing_fields_only=True)
    return out.getvalue()


def sign_detached(data: bytes, key: SigningKey, when: datetime.datetime) -> bytes:
    """Return a detached CMS (PKCS#7) signature over data, in DER, with the certificate in it."""
    attrs = PdfCMSSignedAttributes(signing_time=when.astimezone(UTC))
    content = asyncio.run(key.signer.async_sign_general_data(data, "sha256", detached=True, signed_attr_settings=attrs))
    return content.dump()


@dataclass(frozen=True)
class SignatureCheck:
    """What checking one signature found."""

    ok: bool
    signer: str = ""
    signed_at: str = ""
    detail: Message | str = ""
    certificate: bytes = field(default=b"", repr=False)  # DER of the signer's certificate


def certificate_fingerprint(der: bytes) -> str:
    """Return a certificate's SHA-256 fingerprint as `openssl x509 -noout -fingerprint -sha256` prints it."""
    return ":".join(f"{byte:02X}" for byte in hashlib.sha256(der).digest())


def _context(
    signer_cert: x509.Certificate, trust: list[x509.Certificate] | None, moment: datetime.datetime | None
) -> ValidationContext:
    """Trust the given anchors, or else the signature's own certificate (integrity only)."""
    roots = trust if trust else [signer_cert]
    return ValidationContext(trust_roots=roots, allow_fetching=False, moment=moment)


def check_detached(data: bytes, signature: bytes, trust: list[x509.Certificate] | None = None) -> SignatureCheck:
    """Check a detached CMS signature over data against the certificate it carries."""
    try:
        content = cms.ContentInfo.load(signature)
        signed_data = content["content"]
        signer_info = signed_data["signer_infos"][0]
        certs = [c.chosen for c in signed_data["certificates"]]
        sid = signer_info["sid"].chosen
        cert = next(c for c in certs if c.issuer == sid["issuer"] and c.serial_number == sid["serial_number"].native)
        moment = _signing_time(signer_info)
        status = asyncio.run(
            async_validate_detached_cms(data, signed_data, signer_validation_context=_context(cert, trust, moment))
        )
    except Exception as exc:  # any malformed signature is simply not a valid one
        return SignatureCheck(False, detail=say("sig_unreadable", kind=type(exc).__name__))
    return _verdict(status, cert, moment)


def _signing_time(signer_info: cms.SignerInfo) -> datetime.datetime | None:
    """Return the signing-time attribute of a SignerInfo, if any."""
    for attr in signer_info["signed_attrs"]:
        if attr["type"].native == "signing_time":
            return attr["values"][0].native
    return None


def _verdict(status: object, cert: x509.Certificate, moment: datetime.datetime | None) -> SignatureCheck:
    """Turn a pyHanko status into a SignatureCheck."""
    intact, valid, trusted = (getattr(status, name, False) for name in ("intact", "valid", "trusted"))
    when = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""
    subject = cert.subject.human_friendly
    if not intact:
        return SignatureCheck(False, subject, when, say("sig_changed"), cert.dump())
    if not valid:
        return SignatureCheck(False, subject, when, say("sig_invalid"), cert.dump())
    if not trusted:
        return SignatureCheck(False, subject, when, say("sig_untrusted"), cert.dump())
    return SignatureCheck(True, subject, when, "", cert.dump())


def check_pdf(data: bytes, trust: list[x509.Certificate] | None = None) -> list[tuple[str, SignatureCheck]]:
    """Check every signature in a PDF; return (field name, check) for each."""
    results = []
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    for embedded in reader.embedded_signatures:
        name = embedded.field_name
        try:
            cert = embedded.signer_cert
            moment = embedded.self_reported_timestamp
            status = validate_pdf_signature(embedded, _context(cert, trust, moment))
        except Exception as exc:  # a damaged signature is not a valid one
            results.append((name, SignatureCheck(False, detail=say("sig_unreadable", kind=type(exc).__name__))))
            continue
        check = _verdict(status, cert, moment)
        coverage = getattr(getattr(status, "coverage", None), "name", "")
        if check.ok and coverage != "ENTIRE_FILE":
            check = SignatureCheck(False, check.signer, check.signed_at, say("sig_not_whole_file"), check.certificate)
        results.append((name, check))
    return results


def empty_signature_fields(data: bytes) -> list[str]:
    """Return the names of the PDF's signature fields that are not signed yet."""
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    return [name for name, _, _ in sig_fields.enumerate_sig_fields(reader, filled_status=False)]
