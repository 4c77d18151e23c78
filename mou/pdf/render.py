"""The PDF stage: WeasyPrint renders the HTML, fetching only the project's own files."""

from __future__ import annotations

import datetime
import logging
import mimetypes
import multiprocessing.util
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
import weasyprint.pdf.fonts
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from mou.core.errors import Problem, RenderError, display_path
from mou.core.messages import Message, say
from mou.pdf import hyphenation, speedups, thai_patches
from mou.pdf.fields import SignatureField, add_signature_fields, find_signature_fields
from mou.pdf.font_time import fixed_font_time
from mou.pdf.warnings import collected_warnings

PDF_VARIANT = "pdf/a-3b"
DEFAULT_TIME = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
ATTACHMENT_TYPES = {".yaml": "/application#2fyaml", ".yml": "/application#2fyaml"}


@dataclass(frozen=True)
class RenderedPdf:
    """A PDF's bytes, its page count and the signature fields placed in it."""

    data: bytes
    pages: int
    fields: tuple[SignatureField, ...] = field(default=())


@dataclass(frozen=True)
class PdfAttachment:
    """A file carried inside the PDF (PDF/A-3 associated file), e.g. a source record."""

    name: str
    data: bytes
    description: str = ""
    relationship: str = "Source"


class ProjectFetcher(URLFetcher):
    """Serve only files under the allowed folders; refuse every other URL.

    Every refusal is a FatalURLFetchingError, which stops the render; any other exception
    would be swallowed by WeasyPrint. Where WeasyPrint still swallows it (inside SVG), the
    refusal is also logged, so the warning collector reports why the render failed.
    """

    def __init__(self, allowed_roots: list[Path]):
        super().__init__(allowed_protocols=("file",))
        self.allowed_roots = [root.resolve() for root in allowed_roots]
        self.project = self.allowed_roots[0].parent if self.allowed_roots else Path.cwd()
        self.refusals: list[Message] = []  # in both languages, for the problems the render raises

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """Return the file behind a file: URL inside the project, or stop the render."""
        shown = _shortened(url)
        try:
            parts = urlsplit(url)
        except ValueError:
            parts = None
        if parts is None or parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise self._refuse(say("refused_url", url=shown))
        try:
            path = Path(unquote(parts.path)).resolve()  # resolve() follows symlinks out
        except (OSError, ValueError, RuntimeError) as exc:  # NUL byte, symlink loop, too long
            raise self._refuse(say("unusable_path", url=shown, detail=type(exc).__name__)) from None
        # a file of the project is named as the clerk sees it, from the project folder
        shown_path = _shortened(display_path(path, self.project))
        if not any(path.is_relative_to(root) for root in self.allowed_roots):
            raise self._refuse(say("outside_project", path=shown_path))
        try:
            if not path.is_file():
                raise self._refuse(say("missing_file", path=shown_path))
            body = path.read_bytes()
        except OSError as exc:
            raise self._refuse(
                say("unreadable_asset", path=shown_path, detail=exc.strerror or type(exc).__name__)
            ) from None
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mime_type})

    def _refuse(self, message: Message) -> FatalURLFetchingError:
        """Keep and log a refusal where WeasyPrint logs unusable resources, and return the error to raise."""
        self.refusals.append(message)
        logging.getLogger("weasyprint").error("%s", message.en)
        return FatalURLFetchingError(message.en)


def _shortened(text: str) -> str:
    """Return a URL or path cut to 200 characters for a message."""
    return text if len(text) <= 200 else text[:200] + "…"


def foreign_fonts(document: weasyprint.document.Document, allowed: tuple[str, ...]) -> list[str]:
    """Name the font families a rendered document uses other than the allowed ones.

    Pango falls back silently to a system font for a character the bundled font lacks;
    the families of the fonts actually embedded show that.
    """
    fonts = getattr(document, "fonts", None)
    if fonts is None:  # WeasyPrint is pinned; this guards an unexpected upgrade
        raise RenderError(
            "cannot check the PDF's fonts with this WeasyPrint version; install the version pinned in pyproject.toml"
        )
    return sorted({font.family for font in fonts.values() if font.family not in allowed})


class _SharedFonts:
    """One FontConfiguration per process, kept while the fonts it was given stay the same.

    A fresh configuration per document means loading fontconfig's setup, copying the bundled
    fonts to a temporary folder and letting Pango open and measure them again; a batch reuses
    one. It is keyed by what shapes it (the template and font files' hashes and the folder
    they are in): WeasyPrint adds each @font-face once per configuration and never removes
    one, so a changed stylesheet or font gets a fresh configuration, never a mixed one.
    """

    def __init__(self) -> None:
        self.key: str | None = None
        self.config: FontConfiguration | None = None
        self.pid = os.getpid()
        self.finalized_pid = 0

    def get(self, key: str) -> FontConfiguration:
        """Return the configuration for key, creating it when the key or the process changed."""
        if self.pid != os.getpid():
            # A forked worker: the font folder of the parent's configuration is the parent's
            # to delete (WeasyPrint deletes it when the configuration is dropped).
            if self.config is not None:
                self.config._folder = None
            self.key, self.config, self.pid = None, None, os.getpid()
        if self.config is None or self.key != key:
            self.close()
            if self.finalized_pid != self.pid:
                # Drop it at exit, in pool workers too (they leave by os._exit, skipping
                # atexit, but run multiprocessing's finalizers, which a fork clears).
                multiprocessing.util.Finalize(self, self.close, exitpriority=10)
                self.finalized_pid = self.pid
            self.key, self.config = key, FontConfiguration()
        return self.config

    def close(self) -> None:
        """Drop this process's configuration and delete its font folder."""
        if self.pid == os.getpid() and self.config is not None:
            # WeasyPrint deletes the folder only when the configuration is collected, which
            # a worker's exit does not wait for; nothing renders with it any more.
            folder, self.config._folder = self.config._folder, None
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            self.key, self.config = None, None


_shared_fonts = _SharedFonts()


# MOU_FONT_SUBSETTER=fonttools makes WeasyPrint subset fonts with fontTools even where
# libharfbuzz-subset0 is installed, as on a machine without it: CI checks reproducibility in
# both modes, and hides the library itself where it may (docs/ci.md).
SUBSETTER_SWITCH = "MOU_FONT_SUBSETTER"


def install_patches() -> None:
    """Put WeasyPrint's Thai patches in place (or refuse an untested WeasyPrint), then the speed-ups if they fit."""
    thai_patches.install()
    speedups.install()
    hyphenation.keep_dictionaries()
    hyphenation.american_english()
    if os.environ.get(SUBSETTER_SWITCH, "").strip().lower() == "fonttools":
        weasyprint.pdf.fonts.harfbuzz_subset = None


def render_pdf(
    html: str,
    base_dir: Path,
    allowed_roots: list[Path],
    source: str,
    allowed_fonts: tuple[str, ...] = ("Sarabun",),
    *,
    attachments: Sequence[PdfAttachment] = (),
    when: datetime.datetime | None = None,
    signature_fields: bool = True,
    fonts_key: str | None = None,
) -> RenderedPdf:
    """Render HTML to PDF/A-3b bytes; any warning, refused URL or foreign font is an error.

    The bytes depend only on the inputs: every date written (document, attachments, subset
    fonts) is `when` (default 2000-01-01), the file identifier is a hash of the content, and
    the signature fields are written in the same pass (see pdf_fields.py). With a
    `fonts_key` (a digest of the template and font files), the font configuration of the
    last render with the same key is reused.
    """
    install_patches()
    when = (when or DEFAULT_TIME).astimezone(datetime.UTC)
    fetcher = ProjectFetcher(allowed_roots)
    placed: list[SignatureField] = []
    font_config = _shared_fonts.get(fonts_key) if fonts_key else FontConfiguration()

    def finish(document: weasyprint.document.Document, pdf: object) -> None:
        _fix_attachment_types(pdf)
        _dedupe_associated_files(pdf)
        if signature_fields:
            add_signature_fields(pdf, placed)

    with collected_warnings() as warnings, fixed_font_time(when):
        try:
            document = speedups.html_class()(string=html, base_url=str(base_dir) + "/", url_fetcher=fetcher).render(
                font_config=font_config
            )
            if signature_fields:
                placed.extend(find_signature_fields(document))
            stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
            document.metadata.created = document.metadata.modified = stamp
            files = [
                weasyprint.Attachment(
                    string=a.data,
                    name=a.name,
                    description=a.description or None,
                    relationship=a.relationship,
                    created=when.replace(tzinfo=None),
                    modified=when.replace(tzinfo=None),
                    url_fetcher=fetcher,
                )
                for a in attachments
            ]
            data = document.write_pdf(pdf_variant=PDF_VARIANT, attachments=files, finisher=finish)
        except FatalURLFetchingError as exc:
            raise RenderError([Problem(source, m) for m in fetcher.refusals] or Problem(source, str(exc))) from None
    # A refusal WeasyPrint swallowed (inside SVG) is said alone, in the clerk's language: WeasyPrint's
    # own warnings then are its echo ("Failed to render SVG image file:///…").
    if fetcher.refusals:
        raise RenderError([Problem(source, m) for m in dict.fromkeys(fetcher.refusals)])
    if warnings.messages:
        raise RenderError([Problem(source, say("weasyprint", detail=m)) for m in warnings.messages])
    foreign = foreign_fonts(document, allowed_fonts)
    if foreign:
        raise RenderError(Problem(source, say("foreign_font", fonts=", ".join(foreign))))
    return RenderedPdf(data, len(document.pages), tuple(placed))


def _fix_attachment_types(pdf: object) -> None:
    """Give attached records a fixed MIME type, not whatever the machine's mime.types says."""
    objects = pdf.objects  # type: ignore[attr-defined]
    # One pass to index the file specifications by their file's reference: an agreement of 300
    # parties attaches 300 records, and a search per record went through every object each time.
    specs: dict[object, list[dict]] = {}
    for spec in objects:
        if isinstance(spec, dict) and spec.get("Type") == "/Filespec":
            specs.setdefault(spec.get("EF", {}).get("F"), []).append(spec)
    for obj in objects:
        extra = getattr(obj, "extra", None)
        if isinstance(extra, dict) and extra.get("Type") == "/EmbeddedFile":
            for spec in specs.get(obj.reference, ()):
                suffix = Path(_pdf_text(spec.get("F"))).suffix.lower()
                if suffix in ATTACHMENT_TYPES:
                    extra["Subtype"] = ATTACHMENT_TYPES[suffix]


def _dedupe_associated_files(pdf: object) -> None:
    """List each associated file once in the catalog's /AF (WeasyPrint 70 lists them twice)."""
    catalog = pdf.catalog  # type: ignore[attr-defined]
    if "AF" in catalog:
        catalog["AF"] = type(catalog["AF"])(dict.fromkeys(catalog["AF"]))


def _pdf_text(value: object) -> str:
    """Return the text of a pydyf String (which may hold bytes) for a file-name check."""
    text = getattr(value, "string", value) or ""
    return text.decode("latin-1") if isinstance(text, bytes) else str(text)
