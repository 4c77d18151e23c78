"""Record text can never read files outside the project, embed them, or reach the network.

Every payload goes into real record fields of a small valid project and the build runs
in-process through `main`. While it runs, an audit hook records every file Python opens
and every socket it tries to connect (connecting is also refused), and a listener on
127.0.0.1 catches connections made below Python. The outputs are searched, streams
decompressed, for the contents of /etc/passwd and of a canary file outside the project.
"""

from __future__ import annotations

import base64
import contextlib
import html
import importlib.util
import io
import json
import mimetypes
import os
import re
import shutil
import site
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from conftest import AGREEMENT, PARTY_A, PARTY_B, ROOT
from readback import as_read
from weasyprint.urls import FatalURLFetchingError

from mou.cli.main import main
from mou.core.paths import cache_folder
from mou.pdf.render import ProjectFetcher

HAVE_DOCX = importlib.util.find_spec("mou.docx.render") is not None
FORMATS = ("pdf", "docx") if HAVE_DOCX else ("pdf",)
SUMMARY = re.compile(
    r"^(\d+ problem\(s\) found; nothing was written\.|"
    r"\d+ of \d+ agreement\(s\) failed; their earlier output is unchanged\.)$"
)
PROBLEM = re.compile(r"^error: [^:\n]+(:\d+(:\d+)?)?: .*\S.*$")


def _secret_lines(path: str) -> list[bytes]:
    """Lines of a system file long enough to be searched for in output without chance hits."""
    try:
        text = Path(path).read_bytes()
    except OSError:
        return []
    return [line.strip() for line in text.splitlines() if len(line.strip()) >= 16][:5]


PASSWD_LINES = _secret_lines("/etc/passwd")
HOSTNAME_LINES = _secret_lines("/etc/hostname")  # often too short to search for; opens are checked


# --- guards: file opens, network, outputs ------------------------------------------------


@dataclass
class Guard:
    """What one build did: files opened, connections tried, listener hits."""

    active: bool = False
    opened: list[tuple[str, str | None]] = field(default_factory=list)
    network: list[tuple[str, tuple]] = field(default_factory=list)
    accepted: list[tuple[str, int]] = field(default_factory=list)
    port: int = 0


_GUARD: list[Guard | None] = [None]
NETWORK_EVENTS = (
    "socket.connect",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyname_ex",
    "urllib.Request",
    "http.client.connect",
    "ftplib.connect",
    "smtplib.connect",
)


def _audit(event: str, args: tuple) -> None:
    """The process-wide audit hook; it acts only while a test's guard is active."""
    guard = _GUARD[0]
    if guard is None or not guard.active:
        return
    if event == "open":
        path, mode = args[0], args[1]
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if isinstance(path, (str, os.PathLike)):
            guard.opened.append((os.fspath(path), mode))
    elif event in NETWORK_EVENTS:
        guard.network.append((event, tuple(repr(a)[:200] for a in args)))
        if event in ("socket.connect", "http.client.connect", "urllib.Request"):
            raise ConnectionRefusedError(f"test guard: network use refused ({event})")


_HOOKED: list[bool] = []


def _install_hook() -> None:
    """Install the audit hook once per process (audit hooks cannot be removed)."""
    if not _HOOKED:
        sys.addaudithook(_audit)
        _HOOKED.append(True)


@pytest.fixture
def listener() -> Iterator[tuple[int, list[tuple[str, int]]]]:
    """A TCP listener on 127.0.0.1: its port goes into payloads, every connection is kept."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.05)
    accepted: list[tuple[str, int]] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, address = server.accept()
            except (TimeoutError, OSError):
                continue
            accepted.append(address)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join(timeout=2)
    server.close()


@pytest.fixture
def guard(monkeypatch: pytest.MonkeyPatch, listener) -> Iterator[Guard]:
    """Record file opens and refuse network use for the duration of one test's builds."""
    _install_hook()
    port, accepted = listener
    record = Guard(accepted=accepted, port=port)

    def refuse(*args, **kwargs):
        record.network.append(("socket.create_connection", tuple(repr(a)[:200] for a in args)))
        raise ConnectionRefusedError("test guard: network use refused")

    monkeypatch.setattr(socket, "create_connection", refuse)
    _GUARD[0] = record
    try:
        yield record
    finally:
        record.active = False
        _GUARD[0] = None


def allowed_prefixes(project: Path) -> list[str]:
    """Folders a build may legitimately read or write: the project, Python and its packages'
    data, fonts, time zones (PyThaiNLP loads Asia/Bangkok); WeasyPrint's temp files are added below."""
    folders = [
        project,
        Path(sys.prefix),
        Path(sys.base_prefix),
        Path(sys.exec_prefix),
        *map(Path, site.getsitepackages()),
        Path(site.getusersitepackages()),
        ROOT / "mou",
        # mou's own metadata in an editable install: pydantic reads every installed
        # distribution's entry points to find its plugins when the model is first built
        ROOT / "mou.egg-info",
        Path("/etc/fonts"),
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path("/usr/share/fontconfig"),
        Path("/var/cache/fontconfig"),
        Path("/usr/share/zoneinfo"),
        Path.home() / ".cache" / "fontconfig",
        cache_folder(),  # mou's own cache of work that depends only on its inputs (cut fonts)
        Path("/proc/self"),
        Path("/dev/urandom"),
        Path("/dev/null"),
    ]
    return [os.path.realpath(f) for f in folders]


def outside_opens(guard: Guard, project: Path) -> list[tuple[str, str | None]]:
    """Return the opens of files outside the project and the legitimate places."""
    prefixes = allowed_prefixes(project)
    temp = os.path.realpath(tempfile.gettempdir())
    known = {os.path.realpath(f) for f in mimetypes.knownfiles}
    bad = []
    for path, mode in guard.opened:
        if not os.path.isabs(path) and path in sys.path and not os.path.exists(path):
            continue  # an editable install's import hook, named on sys.path: no file is read
        if not os.path.isabs(path):
            # os.open(name, dir_fd=...) inside the output folder (the writer's swap) reports
            # the bare name: allow plain names only, never a path or '..'.
            if mode is None and "/" not in path and path not in ("..", "."):
                continue
            bad.append((path, mode))
            continue
        real = os.path.realpath(path)
        if real in known or any(real == p or real.startswith(p + os.sep) for p in prefixes):
            continue
        relative = os.path.relpath(real, temp)
        if not relative.startswith("..") and relative.split(os.sep)[0].startswith("weasyprint-"):
            continue  # WeasyPrint writes the fonts it was given to a private temp folder
        bad.append((path, mode))
    return bad


def stream_bytes(pdf: bytes) -> bytes:
    """Return the PDF's bytes followed by every Flate stream decompressed."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
    return b"\n".join(parts)


def pdf_text(pdf: bytes) -> str:
    """Extract the text of every page with pdfium."""
    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def pdf_attachments(pdf: bytes) -> int:
    """Count the PDF's embedded files with pdfium."""
    document = pdfium.PdfDocument(pdf)
    try:
        return document.count_attachments()
    finally:
        document.close()


def pdf_attachment_files(pdf: bytes) -> dict[str, bytes]:
    """Return the PDF's embedded files by name, read with pdfium."""
    document = pdfium.PdfDocument(pdf)
    try:
        files = {}
        for index in range(document.count_attachments()):
            attachment = document.get_attachment(index)
            files[attachment.get_name()] = bytes(attachment.get_data())
        return files
    finally:
        document.close()


def own_records(project: Path) -> dict[str, bytes]:
    """Return the project's records by the names mou attaches them under (PDF/A-3 Source files)."""
    return {
        f"{kind}/{path.name}": path.read_bytes()
        for kind in ("agreements", "parties")
        for path in sorted((project / kind).glob("*.yaml"))
    }


def _signature_widget(pdfium_c, annot) -> bool:
    """Return True for an empty signature field's widget: no action, nothing that acts."""
    if pdfium_c.FPDFAnnot_GetSubtype(annot) != pdfium_c.FPDF_ANNOT_WIDGET:
        return False
    if pdfium_c.FPDFAnnot_HasKey(annot, b"A") or pdfium_c.FPDFAnnot_HasKey(annot, b"AA"):
        return False
    size = pdfium_c.FPDFAnnot_GetStringValue(annot, b"FT", None, 0)
    buffer = (pdfium_c.FPDF_WCHAR * (size // 2))()
    pdfium_c.FPDFAnnot_GetStringValue(annot, b"FT", buffer, size)
    return bytes(buffer).decode("utf-16-le").rstrip("\0") == "Sig"


def pdf_active_content(pdf: bytes) -> list[str]:
    """Name anything in a PDF that acts or links: JavaScript, annotations (links), and catalog
    actions or name trees other than the destinations WeasyPrint writes for ids. The empty
    signature fields mou puts over the signature lines (no actions) are not active content,
    and neither are files attached as the document's Source (checked by content elsewhere)."""
    import pypdfium2.raw as pdfium_c

    found = []
    document = pdfium.PdfDocument(pdf)
    try:
        if pdfium_c.FPDFDoc_GetJavaScriptActionCount(document.raw) > 0:
            found.append("JavaScript")
        for index in range(len(document)):
            page = document[index]  # keep the page alive while pdfium reads it
            try:
                for number in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
                    annot = pdfium_c.FPDFPage_GetAnnot(page.raw, number)
                    try:
                        acts = not _signature_widget(pdfium_c, annot)
                    finally:
                        pdfium_c.FPDFPage_CloseAnnot(annot)
                    if acts:
                        found.append(f"annotations on page {index + 1}")
                        break
            finally:
                page.close()
    finally:
        document.close()
    qpdf = shutil.which("qpdf")
    if qpdf is not None:  # the catalog, read structurally, so text inside strings cannot mislead
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            done = subprocess.run(
                [qpdf, "--json=2", "--json-key=qpdf", handle.name], capture_output=True, text=True, check=True
            )
        objects = json.loads(done.stdout)["qpdf"][1]

        def resolve(value):
            return objects[f"obj:{value}"]["value"] if isinstance(value, str) and value.endswith(" R") else value

        catalog = resolve(objects["trailer"]["value"]["/Root"])
        found += [key for key in ("/OpenAction", "/AA", "/URI") if key in catalog]
        fields = [resolve(f) for f in resolve(resolve(catalog.get("/AcroForm", {})).get("/Fields", []))]
        if any(f.get("/FT") != "/Sig" or "/A" in f or "/AA" in f for f in fields):
            found.append("/AcroForm")
        names = resolve(catalog.get("/Names", {}))
        specs = [resolve(s) for s in resolve(resolve(names.get("/EmbeddedFiles", {})).get("/Names", []))[1::2]]
        found += [
            f"/Names {key}"
            for key in names
            if key != "/Dests"
            and not (key == "/EmbeddedFiles" and all(s.get("/AFRelationship") == "/Source" for s in specs))
        ]
    return found


def docx_parts(data: bytes) -> dict[str, bytes]:
    """Return every part of a DOCX package."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def docx_text(data: bytes) -> str:
    """Return the text of a DOCX body, tables included, as a reader reads it (without the joiners that hold units)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    return as_read("\n".join(texts))


def squash(text: str) -> str:
    """Drop all whitespace, so line breaks in the PDF do not matter."""
    return "".join(text.split())


@dataclass
class Build:
    """One in-process build: status, messages and output files."""

    status: int
    out: str
    err: str
    files: dict[str, bytes]


def run_build(root: Path, guard: Guard | None = None, formats: tuple[str, ...] = FORMATS) -> Build:
    """Run `main` on root with the guard active and collect what it wrote."""
    out, err = io.StringIO(), io.StringIO()
    argv = ["--root", str(root), "--lang", "en"]
    for fmt in formats:
        argv += ["--format", fmt]
    if guard is not None:
        guard.active = True
    try:
        status = main(argv, out=out, err=err)
    finally:
        if guard is not None:
            guard.active = False
    output = root / "output"
    files = (
        {
            str(p.relative_to(output)): p.read_bytes()
            for p in output.rglob("*")
            if p.is_file() and p.suffix in (".pdf", ".docx")
        }
        if output.exists()
        else {}
    )
    return Build(status, out.getvalue(), err.getvalue(), files)


def assert_clear_failure(build: Build) -> None:
    """A refused build: exit 1, no traceback, every line a located problem or the summary."""
    assert build.status == 1, build.err
    assert "Traceback" not in build.err and "internal error" not in build.err
    for line in build.err.splitlines():
        assert PROBLEM.match(line) or SUMMARY.match(line), f"unclear error line: {line!r}"


def assert_nothing_leaked(build: Build, canary: tuple[Path, bytes], guard: Guard, project: Path) -> None:
    """No secret in any output or message, no network use, no file opened outside the project."""
    folder, token = canary
    secrets = [token, *PASSWD_LINES, *HOSTNAME_LINES]
    for name, data in build.files.items():
        if name.endswith(".pdf"):
            content = stream_bytes(data)
            # mou attaches the agreement's own records to each PDF (PDF/A-3 Source); nothing else
            attached = pdf_attachment_files(data)
            assert attached.items() <= own_records(project).items(), f"{name} embeds another file"
            assert pdf_attachments(data) == len(attached), f"{name} has attachments pdfium cannot name"
            assert not re.search(rb"/Subtype\s*/Image", content), f"{name} holds an image"
            assert pdf_active_content(data) == [], name
        else:
            parts = docx_parts(data)
            assert not [n for n in parts if n.startswith(("word/media/", "word/embeddings/"))], name
            content = b"\n".join(parts.values())
            assert b'TargetMode="External"' not in content, f"{name} links outside"
        for secret in secrets:
            assert secret not in content, f"{name} holds {secret[:20]!r}"
    for secret in secrets:
        assert secret.decode() not in build.err + build.out
    assert guard.network == [], guard.network
    assert guard.accepted == [], f"something connected to the listener: {guard.accepted}"
    forbidden = {"/etc/passwd", "/etc/hostname", "/etc/shadow"}
    opened = {os.path.realpath(p) for p, _ in guard.opened if os.path.isabs(p)}
    assert not opened & forbidden, opened & forbidden
    outside = os.path.realpath(folder)
    assert not [p for p in opened if p.startswith(outside + os.sep)], "the canary folder was read"
    assert outside_opens(guard, project) == []


# --- the project and its payloads --------------------------------------------------------


@pytest.fixture
def canary(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A secret file outside the project: its token must never reach any output."""
    folder = tmp_path_factory.mktemp("outside")
    assert "outside" in Path(os.path.realpath(folder)).parts[-1]
    token = f"MOU-CANARY-{uuid.uuid4().hex}".encode()
    for name in ("secret.txt", "secret.css", "secret.png", "secret.svg"):
        (folder / name).write_bytes(token)
    (folder / "secret.json").write_text(json.dumps({"th": token.decode(), "en": token.decode()}))
    return folder, token


SVG_WITH_FILE = base64.b64encode(
    b'<svg xmlns="http://www.w3.org/2000/svg" '
    b'xmlns:xlink="http://www.w3.org/1999/xlink">'
    b'<image xlink:href="file:///etc/passwd"/></svg>'
).decode()

# (id, payload): PORT is the listener's port, CANARY the canary folder's file: URL.
PAYLOADS = [
    ("link-attachment", "<link rel=attachment href=file:///etc/passwd>"),
    ("link-attachment-canary", '<link rel="attachment" href="CANARY/secret.txt">'),
    ("img-http-local", "<img src=http://127.0.0.1:PORT/x.png>"),
    ("img-file-hostname", "<img src=file:///etc/hostname>"),
    ("style-import", "<style>@import url(file:///etc/passwd)</style>"),
    (
        "style-font-face-http",
        "<style>@font-face{font-family:x;src:url(http://127.0.0.1:PORT/f.ttf)}p{font-family:x}</style>",
    ),
    ("div-background", '<div style="background:url(file:///etc/passwd)">x</div>'),
    ("svg-image", '<svg><image href="file:///etc/passwd"/></svg>'),
    ("object-data", "<object data=file:///etc/passwd></object>"),
    ("iframe", "<iframe src=http://127.0.0.1:PORT/frame></iframe>"),
    ("embed-canary", "<embed src=CANARY/secret.svg>"),
    ("jinja-mro", "{{ ''.__class__.__mro__ }}"),
    ("jinja-arithmetic", "{{ 7*7 }}"),
    ("jinja-globals", "{{ cycler.__init__.__globals__.os.popen('id').read() }}"),
    ("jinja-include", "{% include '/etc/passwd' %}"),
    ("jinja-raw-block", "{% raw %}{{ 7*7 }}{% endraw %}{# comment"),
    ("data-url-image", f"<img src='data:image/svg+xml;base64,{SVG_WITH_FILE}'>"),
    ("data-url-link", '<a href="data:text/html,<script>alert(1)</script>">x</a>'),
    ("dotdot-img", "<img src=../../../../../../../../etc/passwd>"),
    ("dotdot-stylesheet", '<link rel="stylesheet" href="../../../../../../etc/passwd">'),
    ("base-href", "<base href=file:///etc/><img src=passwd>"),
    ("javascript-url", '<a href="javascript:alert(document.cookie)">click</a>'),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:PORT/">'),
    ("close-and-reopen", '</span></p></section><link rel=attachment href="CANARY/secret.txt"><p>'),
    ("pre-escaped", "&lt;img src=file:///etc/passwd&gt; &amp;lt;"),
    ("pdf-string-breakout", ") >> /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> /X ("),
    ("pdf-hex-breakout", "> /AA << /O << /S /URI /URI (http://127.0.0.1:PORT/) >> >> <"),
    (
        "thai-around-markup",
        'สวัสดี<img src=file:///etc/passwd>ครับ</span><link rel=attachment href="CANARY/secret.txt">ขอบคุณ{{ 7*7 }}ค่ะ',
    ),
]


def substitute(payload: str, port: int, canary_folder: Path) -> str:
    """Fill in the listener's port and the canary folder's path or URL."""
    return (
        payload.replace("PORT", str(port))
        .replace("CANARY_PATH", str(canary_folder))
        .replace("CANARY", canary_folder.as_uri())
    )


def records_with(payload: str, title: bool = True) -> dict[str, str]:
    """Return the small project's records with payload in a party name, a signatory's name,
    a position, a clause heading, text and item, and the title, in both languages."""
    town, kku, agreement = (yaml.safe_load(t) for t in (PARTY_A, PARTY_B, AGREEMENT))
    for lang in ("th", "en"):
        kku["name"][lang] = payload
        kku["signatory"]["name"][lang] = payload
        town["signatory"]["position"][lang] = f"{payload} {town['signatory']['position'][lang]}"
        clause = agreement["clauses"][0]
        clause["heading"][lang] = payload
        clause["text"][lang] = payload
        clause["items"][0][lang] = payload
        if title:
            agreement["title"][lang] = payload
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False)  # noqa: E731
    return {"parties/town.yaml": dump(town), "parties/kku.yaml": dump(kku), "agreements/test.yaml": dump(agreement)}


@pytest.mark.slow
@pytest.mark.parametrize("payload", [p for _, p in PAYLOADS], ids=[i for i, _ in PAYLOADS])
def test_record_payload_is_text_or_refused(tree, guard, canary, payload):
    folder, token = canary
    payload = substitute(payload, guard.port, folder)
    root = tree(records_with(payload))
    build = run_build(root, guard)
    if build.status == 0:
        assert "Traceback" not in build.err
        expected = {f"test.{lang}.{fmt}" for lang in ("th", "en") for fmt in FORMATS}
        assert {Path(n).name for n in build.files} == expected
        for name, data in build.files.items():
            text = pdf_text(data) if name.endswith(".pdf") else docx_text(data)
            assert squash(payload) in squash(text), f"{name} does not show the payload as text"
        index = root / "output" / "index.html"
        if index.exists():  # the build's index page shows each agreement's title
            page = index.read_text(encoding="utf-8")
            assert html.escape(payload) in page
            assert "<" not in payload or payload not in page
    else:
        assert_clear_failure(build)
    assert_nothing_leaked(build, canary, guard, root)


@pytest.mark.parametrize("payload", [p for _, p in PAYLOADS], ids=[i for i, _ in PAYLOADS])
def test_record_markup_is_escaped_in_the_html(small_project, payload):
    """The Jinja stage itself: record text reaches the HTML escaped, never as markup."""
    from mou.pipeline.build import load
    from mou.pipeline.layout import Layout
    from mou.pipeline.render import render_documents

    payload = substitute(payload, 9, Path("/nonexistent"))
    for name, text in records_with(payload).items():
        (small_project / name).write_text(text, encoding="utf-8")
    layout = Layout(small_project, small_project / "output")
    documents = render_documents(layout, load(layout), "test")
    assert documents
    for document in documents:
        if "<" in payload:
            assert payload not in document.html
        assert (
            payload.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace('"', "&#34;")
            .replace("'", "&#39;")
            in document.html
        )
        if "7*7" in payload:
            assert "49" not in document.html


@pytest.mark.slow
def test_guard_sees_a_connection_and_an_attachment(tree, guard, canary):
    """The detectors work: a direct connection is caught, and an attachment the template
    asks for inside the project is found in the PDF."""
    port, accepted = guard.port, guard.accepted
    guard.active = True
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=1)
    with socket.socket() as raw, pytest.raises(ConnectionRefusedError):
        raw.connect(("127.0.0.1", port))
    guard.active = False
    assert len(guard.network) == 2
    raw = socket.socket()
    raw.settimeout(1)
    socket.socket.connect(raw, ("127.0.0.1", port))  # outside the guard's window
    raw.close()
    for _ in range(40):
        if accepted:
            break
        threading.Event().wait(0.05)
    assert accepted
    guard.network.clear()
    accepted.clear()

    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    token = f"IN-PROJECT-{uuid.uuid4().hex}".encode()
    (root / "assets").mkdir()
    (root / "assets" / "note.txt").write_bytes(token)
    add_to_template(
        root, '<link rel="attachment" href="../../assets/note.txt"><p><a href="https://example.com/">a link</a></p>'
    )
    build = run_build(root, guard, formats=("pdf",))
    assert build.status == 0, build.err
    pdf = next(data for name, data in build.files.items() if name.endswith("test.en.pdf"))
    assert b"/EmbeddedFile" in stream_bytes(pdf) and token in stream_bytes(pdf)
    attached = pdf_attachment_files(pdf)
    assert attached.pop("note.txt") == token and attached.items() <= own_records(root).items()
    active = pdf_active_content(pdf)
    assert "annotations on page 1" in active
    assert not shutil.which("qpdf") or "/Names /EmbeddedFiles" in active
    assert str(root / "assets" / "note.txt") in [p for p, _ in guard.opened]
    assert outside_opens(guard, root) == []


# --- templates: the project's own files are sandboxed too --------------------------------


def add_to_template(root: Path, snippet: str, language: str = "en") -> None:
    """Insert snippet at the start of the body of the project's standard template."""
    path = root / "templates" / "standard" / f"{language}.html"
    text = path.read_text(encoding="utf-8")
    assert "<body>\n" in text
    path.write_text(text.replace("<body>\n", f"<body>\n{snippet}\n", 1), encoding="utf-8")


TEMPLATE_ATTACKS = [
    ("include-dotdot", "{% include '../../etc/passwd' %}", "../../etc/passwd"),
    ("include-absolute", "{% include '/etc/passwd' %}", "/etc/passwd"),
    ("extends-dotdot", "{% extends '../../../../etc/passwd' %}", "etc/passwd"),
    ("import-dotdot", "{% import '../../etc/hostname' as h %}", "etc/hostname"),
    ("from-import", "{% from '../../etc/passwd' import x %}", "etc/passwd"),
    ("class", "{{ agreement.__class__ }}", "__class__"),
    ("mro-subclasses", "{{ agreement.__class__.__mro__[1].__subclasses__() }}", "__class__"),
    ("str-class", "{{ ''.__class__.__mro__ }}", "__class__"),
    ("cycler-globals", "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "__init__"),
    ("lipsum-globals", "{{ lipsum.__globals__['os'] }}", "__globals__"),
    ("model-dict", "{{ agreement.title.__dict__ }}", "__dict__"),
    ("template-context", "{{ self._TemplateReference__context }}", "_TemplateReference__context"),
    ("mutate-list", "{% set x = agreement.clauses.append(1) %}", "append"),
    ("setattr", "{{ agreement.__setattr__('status', 'x') }}", "__setattr__"),
    ("parse-file", "{{ agreement.title.parse_file('/etc/passwd') }}", "parse_file"),
    ("parse-file-canary", "{{ agreement.parse_file('CANARY_PATH/secret.json').title.en }}", "parse_file"),
    ("parse-raw", "{{ agreement.parse_raw('{}') }}", "parse_raw"),
    ("model-validate-json", "{{ parties[0].model_validate_json('{}') }}", "model_validate_json"),
    ("model-copy", "{{ agreement.model_copy(update={'status': 'x'}).status }}", "model_copy"),
    ("model-fields", "{{ agreement.model_fields }}", "model_fields"),
    ("format-string", "{{ '{0.__class__.__mro__}'.format(agreement) }}", "__class__"),
    ("date-class", "{{ agreement.date.__class__.__subclasses__() }}", "__class__"),
    ("img-file", '<img src="file:///etc/passwd">', "refused to read '/etc/passwd'"),
    ("attachment-file", '<link rel="attachment" href="file:///etc/passwd">', "refused to read"),
    ("img-dotdot", '<img src="../../../../../../../etc/hostname">', "refused to read"),
    ("stylesheet-http", '<link rel="stylesheet" href="http://127.0.0.1:PORT/x.css">', "refused to fetch"),
    ("img-data", '<img src="data:image/png;base64,iVBORw0KGgo=">', "refused to fetch"),
    ("style-import", "<style>@import url(file:///etc/passwd);</style>", "refused to read"),
    (
        "font-face-http",
        "<style>@font-face { font-family: X; src: url(http://127.0.0.1:PORT/f.ttf) }"
        " body { font-family: X, Sarabun }</style>",
        "refused to fetch",
    ),
    ("attachment-canary", '<link rel="attachment" href="CANARY/secret.txt">', "outside the project"),
    (
        "svg-canary",
        '<svg width="10" height="10"><image href="CANARY/secret.svg" width="10" height="10"/></svg>',
        "outside the project",
    ),
    ("attachment-symlink-out", '<link rel="attachment" href="../../assets/link.txt">', "refused to read"),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    "snippet, words", [(s, w) for _, s, w in TEMPLATE_ATTACKS], ids=[i for i, _, _ in TEMPLATE_ATTACKS]
)
def test_template_cannot_escape(tree, guard, canary, snippet, words):
    folder, token = canary
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    (root / "assets").mkdir()
    (root / "assets" / "link.txt").symlink_to(folder / "secret.txt")
    snippet = substitute(snippet, guard.port, folder)
    words = substitute(words, guard.port, folder)
    add_to_template(root, snippet)
    build = run_build(root, guard)
    assert_clear_failure(build)
    assert words in build.err, build.err
    assert build.files == {}
    assert_nothing_leaked(build, canary, guard, root)


@pytest.mark.slow
def test_template_cannot_read_files_through_record_methods(tree, guard, canary):
    """Found by this suite (fixed by RecordSandbox): pydantic's Model.parse_file() was reachable
    from any record in a template and read, then printed, any file on disk."""
    folder, token = canary
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    add_to_template(root, f"{{{{ agreement.title.parse_file('{folder / 'secret.json'}').en }}}}")
    build = run_build(root, guard, formats=("pdf",))
    assert_clear_failure(build)
    assert_nothing_leaked(build, canary, guard, root)


@pytest.mark.slow
def test_refused_include_is_not_called_a_missing_edition(tree):
    """Found by this suite (fixed): a refused {% include %} was reported as a missing edition."""
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    add_to_template(root, "{% include '../../etc/passwd' %}")
    build = run_build(root, formats=("pdf",))
    assert_clear_failure(build)
    assert "has no en edition" not in build.err and "../../etc/passwd" in build.err, build.err
    assert build.err.startswith("error: templates/standard/en.html:"), build.err


# --- YAML: no object construction -------------------------------------------------------


PYTHON_TAGS = [
    ("apply-scalar-field", "originals: 2", 'originals: !!python/object/apply:os.system ["touch PWNED"]'),
    ("apply-in-text", "en: Objectives}", 'en: !!python/object/apply:os.system ["touch PWNED"]}'),
    ("apply-top-level", 'version: "1.0"', 'version: "1.0"\nx: !!python/object/apply:os.system ["touch PWNED"]'),
    ("new-popen", "originals: 2", "originals: !!python/object/new:subprocess.Popen [[touch, PWNED]]"),
    ("name-tag", "originals: 2", "originals: !!python/name:os.system"),
    ("module-tag", "originals: 2", "originals: !!python/module:os"),
    ("scalar-apply", "originals: 2", "originals: !!python/object/apply:os.system touch PWNED"),
    ("local-tag", "originals: 2", "originals: !<tag:yaml.org,2002:python/object/apply:os.system> [touch PWNED]"),
]


@pytest.mark.parametrize("old, new", [(o, n) for _, o, n in PYTHON_TAGS], ids=[i for i, _, _ in PYTHON_TAGS])
def test_python_yaml_tags_never_run(tree, tmp_path_factory, old, new):
    pwned = tmp_path_factory.mktemp("pwned") / "pwned"
    assert old in AGREEMENT
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT.replace(old, new.replace("PWNED", str(pwned))),
        }
    )
    build = run_build(root, formats=("pdf",))
    assert not pwned.exists(), "the YAML tag ran a command"
    assert_clear_failure(build)
    assert "agreements/test.yaml:" in build.err


def test_python_tag_on_a_list_is_reported(tree, tmp_path_factory):
    """Found by this suite (fixed): a tag on a sequence or mapping was silently dropped."""
    pwned = tmp_path_factory.mktemp("pwned") / "pwned"
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT.replace(
                "parties: [town, kku]", "parties: !!python/object/apply:os.system [town, kku]"
            ),
        }
    )
    build = run_build(root, formats=("pdf",))
    assert not pwned.exists()
    assert_clear_failure(build)
    assert "agreements/test.yaml:7:" in build.err


@pytest.mark.slow
def test_yaml_alias_bomb_is_refused_quickly(tree):
    """Found by this suite (fixed): aliases were expanded without limit (exponential time and memory)."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": "\n".join(lines)
            + "\n"
            + AGREEMENT.lstrip("\n").replace("originals: 2", "originals: *a8"),
        }
    )
    limit = (
        "import resource; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30));"
        "import sys; from mou.cli.main import main; sys.exit(main(sys.argv[1:]))"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", limit, "--root", str(root), "--lang", "en", "--format", "pdf"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=15,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("an alias bomb kept the build busy for 15 s")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr


# --- record text that names output paths ------------------------------------------------


@pytest.mark.parametrize("version", ["../../escaped", "/ABSOLUTE/escaped", "1.0/../../../escaped"])
def test_version_cannot_write_outside_output(tree, tmp_path_factory, version):
    """Found by this suite (fixed by check_version): the version was used as a path unchecked,
    so '../..' or an absolute path wrote, and swapped folders, outside output/."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    version = version.replace("/ABSOLUTE", str(elsewhere))
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT.replace('version: "1.0"', f'version: "{version}"'),
        }
    )
    build = run_build(root, formats=("pdf",))
    written = [p for p in list(root.rglob("*.pdf")) + list(elsewhere.rglob("*.pdf"))]
    assert all((root / "output") in p.parents for p in written), written
    assert_clear_failure(build)
    assert "agreements/test.yaml:1:" in build.err and "version" in build.err


@pytest.mark.parametrize(
    "old, new, words",
    [
        (
            'version: "1.0"',
            'version: "1.0"\ntemplate: "../../../../etc"',
            "template: '../../../../etc' is not a valid id",
        ),
        ('version: "1.0"', 'version: "1.0"\ntemplate: /etc', "template: '/etc' is not a valid id"),
        ("parties: [town, kku]", 'parties: ["../../../etc/passwd", kku]', "parties[1]: '../../../etc/passwd'"),
        ("parties: [town, kku]", 'parties: [town, "/etc/hostname"]', "parties[2]: '/etc/hostname'"),
    ],
)
def test_record_ids_cannot_name_paths(tree, guard, canary, old, new, words):
    """Ids in records become file names (templates/<template>/, parties/<id>.yaml): never paths."""
    assert old in AGREEMENT
    root = tree(
        {"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT.replace(old, new)}
    )
    build = run_build(root, guard, formats=("pdf",))
    assert_clear_failure(build)
    assert words in build.err, build.err
    assert_nothing_leaked(build, canary, guard, root)


@pytest.mark.parametrize("where", ["party-relative", "party-absolute", "version-relative"])
def test_ids_in_records_are_not_followed_before_validation(tree, guard, canary, where):
    """The incremental fast path reads records before validating them: the raw party ids and
    version must not make it open files (parties/<id>.yaml, <version>/.mou-build.json) elsewhere.
    Found by this suite (fixed): they were joined into paths unchecked."""
    folder, _ = canary
    (folder / "secret.yaml").write_text(PARTY_B, encoding="utf-8")
    (folder / ".mou-build.json").write_text('{"fingerprint": "x", "files": {"passwd": {"size": 1}}}')
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    relative = os.path.relpath(folder / "secret", root / "parties")
    if where == "party-relative":
        text = AGREEMENT.replace("parties: [town, kku]", f'parties: [town, "{relative}"]')
    elif where == "party-absolute":
        text = AGREEMENT.replace("parties: [town, kku]", f'parties: [town, "{folder / "secret"}"]')
    else:
        text = AGREEMENT.replace('version: "1.0"', f'version: "{os.path.relpath(folder, root / "output" / "test")}"')
    (root / "agreements" / "test.yaml").write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    build = run_build(root, guard, formats=("pdf",))
    assert_clear_failure(build)
    assert_nothing_leaked(build, canary, guard, root)


# --- the URL fetcher itself --------------------------------------------------------------


@pytest.fixture
def fetch_tree(tmp_path: Path, canary) -> tuple[ProjectFetcher, Path, Path]:
    """An allowed folder with a file, links out and in, and a sibling folder with a similar name."""
    folder, _ = canary
    allowed = tmp_path / "project" / "templates"
    (allowed / "standard").mkdir(parents=True)
    (allowed / "standard" / "style.css").write_text("p { color: black }")
    (allowed / "standard" / "inner-link.css").symlink_to(allowed / "standard" / "style.css")
    (allowed / "standard" / "passwd.css").symlink_to("/etc/passwd")
    (allowed / "standard" / "canary.css").symlink_to(folder / "secret.css")
    (allowed / "standard" / "dir-out").symlink_to(folder, target_is_directory=True)
    (allowed / "standard" / "loop-a").symlink_to(allowed / "standard" / "loop-b")
    (allowed / "standard" / "loop-b").symlink_to(allowed / "standard" / "loop-a")
    (allowed / "standard" / "folder").mkdir()
    os.mkfifo(allowed / "standard" / "fifo")
    sibling = tmp_path / "project" / "templates-evil"
    sibling.mkdir()
    (sibling / "x.css").write_text("evil")
    return ProjectFetcher([allowed]), allowed, folder


def test_fetcher_serves_files_inside(fetch_tree):
    fetcher, allowed, _ = fetch_tree
    style = allowed / "standard" / "style.css"
    for url in (
        style.as_uri(),
        f"file://localhost{style}",
        style.as_uri() + "?v=1#top",
        (allowed / "standard" / "inner-link.css").as_uri(),
        (allowed / "standard" / ".." / "standard" / "style.css").as_uri(),
        "FILE://" + str(style),
    ):
        response = fetcher.fetch(url)
        assert response.read() == b"p { color: black }", url
        assert response.content_type == "text/css"


REFUSED = [
    "http://127.0.0.1:9/x.png",
    "https://example.com/x.css",
    "HTTP://example.com/x",
    "ftp://example.com/x",
    "data:text/css,p{color:red}",
    "data:image/png;base64,iVBORw0KGgo=",
    "javascript:alert(1)",
    "gopher://127.0.0.1:9/",
    "jar:file:///etc/passwd!/",
    "//example.com/x",
    "/etc/passwd",
    "style.css",
    "file:///etc/passwd",
    "file:/etc/passwd",
    "file:///etc/hostname",
    "file://localhost/etc/passwd",
    "file://example.com/ALLOWED/standard/style.css",
    "file://127.0.0.1/ALLOWED/standard/style.css",
    "file:///ALLOWED/../../../../../etc/passwd",
    "file:///ALLOWED/standard/../../templates-evil/x.css",
    "file:///ALLOWED/%2e%2e/templates-evil/x.css",
    "file:///ALLOWED/standard/%2e%2e%2f%2e%2e%2f..%2ftemplates-evil%2fx.css",
    "file:///ALLOWED-evil/x.css",
    "file:///ALLOWED/standard/passwd.css",
    "file:///ALLOWED/standard/canary.css",
    "file:///ALLOWED/standard/dir-out/secret.txt",
    "file:///ALLOWED/standard/loop-a",
    "file:///ALLOWED/standard/folder",
    "file:///ALLOWED/standard/fifo",
    "file:///ALLOWED/standard/missing.css",
    "file:///ALLOWED/standard/a%00b.css",
    "file:///ALLOWED/standard/" + "a" * 5000 + ".css",
    "file:///ALLOWED/standard/" + "/".join(["d"] * 3000) + "/x.css",
    "file:///CANARY/secret.txt",
]


@pytest.mark.parametrize("url", REFUSED, ids=[u[:60] for u in REFUSED])
def test_fetcher_refuses_and_stops_the_render(fetch_tree, url):
    """Every refusal is a FatalURLFetchingError: WeasyPrint would swallow any other error."""
    fetcher, allowed, folder = fetch_tree
    url = url.replace("/ALLOWED", str(allowed)).replace("/CANARY", str(folder))
    _install_hook()
    record = Guard(active=True)
    _GUARD[0] = record
    try:
        with pytest.raises(FatalURLFetchingError) as info:
            fetcher.fetch(url)
    finally:
        record.active = False
        _GUARD[0] = None
    assert str(info.value).startswith(("refused to ", "missing file ", "cannot read ")), info.value
    assert len(str(info.value)) < 600
    assert record.opened == [] and record.network == []


def test_fetcher_is_what_weasyprint_calls(fetch_tree):
    """WeasyPrint calls the fetcher, not urllib: both of its entry points are refused."""
    fetcher, _, _ = fetch_tree
    with pytest.raises(FatalURLFetchingError):
        fetcher("file:///etc/passwd")
    with pytest.raises(FatalURLFetchingError):
        fetcher.open("http://127.0.0.1:9/")


@pytest.mark.slow
def test_no_forbidden_open_or_connect_at_the_system_call_level(tree, canary, listener):
    """Under strace, the whole build (C libraries included) opens no secret and connects nowhere."""
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace is not installed")
    folder, token = canary
    port, accepted = listener
    payload = " ".join(substitute(p, port, folder) for _, p in PAYLOADS)
    root = tree(records_with(payload, title=False))  # a title over 255 characters breaks DOCX
    trace = root.parent / "strace.txt"
    argv = [
        strace,
        "-f",
        "-qq",
        "-e",
        "trace=open,openat,openat2,connect,execve",
        "-o",
        str(trace),
        sys.executable,
        str(ROOT / "build.py"),
        "--root",
        str(root),
        "--lang",
        "en",
    ]
    for fmt in FORMATS:
        argv += ["--format", fmt]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 and "ptrace" in done.stderr:
        pytest.skip(f"strace cannot trace here: {done.stderr.strip()[:200]}")
    assert done.returncode == 0, done.stderr
    calls = trace.read_text(errors="replace").splitlines()
    assert len(calls) > 100
    for call in calls:
        assert "/etc/passwd" not in call and "/etc/hostname" not in call, call
        assert str(folder) not in call, call
        if " connect(" in call:
            assert "AF_INET" not in call, call
    assert accepted == []
    for path in (root / "output").rglob("*.pdf"):
        assert token not in stream_bytes(path.read_bytes())


@pytest.mark.slow
@pytest.mark.parametrize(
    "snippet",
    ['<img src="logo.png">', '<svg width="10" height="10"><image href="logo.png" width="10" height="10"/></svg>'],
    ids=["img", "svg"],  # WeasyPrint stops at the first, and swallows the second (logged)
)
def test_a_missing_template_file_is_named_from_the_project_in_the_clerks_language(tree, snippet):
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    add_to_template(root, snippet)
    err = io.StringIO()
    status = main(["--root", str(root), "--lang", "th", "--format", "pdf", "--quiet"], out=io.StringIO(), err=err)
    said = err.getvalue()
    assert status == 1 and "Traceback" not in said
    missing = "ไม่พบไฟล์ 'templates/standard/logo.png' ให้นำกลับมา"
    assert said.count(missing) == 1, said
    assert str(root) not in said and "missing file" not in said, said
