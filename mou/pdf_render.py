"""The PDF stage: WeasyPrint renders the HTML, fetching only the project's own files."""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from . import weasy_hooks
from .errors import Problem, RenderError
from .messages import say

# WeasyPrint says this when Debian's libharfbuzz-subset0 is missing: a note about the
# machine, not about the document, so it must not fail the build.
HARMLESS_WARNINGS = ("Using fontTools instead of HarfBuzz-Subset",)


@dataclass(frozen=True)
class RenderedPdf:
    """A PDF's bytes and its page count."""

    data: bytes
    pages: int


class ProjectFetcher(URLFetcher):
    """Serve only files under the allowed folders; refuse every other URL.

    Every refusal is a FatalURLFetchingError, which stops the render; any other exception
    would be swallowed by WeasyPrint. Where WeasyPrint still swallows it (inside SVG), the
    refusal is also logged, so the warning collector reports why the render failed.
    """

    def __init__(self, allowed_roots: list[Path]):
        super().__init__(allowed_protocols=("file",))
        self.allowed_roots = [root.resolve() for root in allowed_roots]

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """Return the file behind a file: URL inside the project, or stop the render."""
        shown = url if len(url) <= 200 else url[:200] + "…"
        try:
            parts = urlsplit(url)
        except ValueError:
            parts = None
        if parts is None or parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise self._refuse(f"refused to fetch '{shown}': only the project's own template "
                               "and asset files may be used")
        try:
            path = Path(unquote(parts.path)).resolve()  # resolve() follows symlinks out
        except (OSError, ValueError, RuntimeError) as exc:  # NUL byte, symlink loop, too long
            raise self._refuse(f"refused to read '{shown}': the path cannot be used "
                               f"({type(exc).__name__})") from None
        shown_path = str(path) if len(str(path)) <= 200 else str(path)[:200] + "…"
        if not any(path.is_relative_to(root) for root in self.allowed_roots):
            raise self._refuse(f"refused to read '{shown_path}': it is outside the project's "
                               "template and asset folders")
        try:
            if not path.is_file():
                raise self._refuse(f"missing file '{shown_path}': restore it (fonts and "
                                   "stylesheets are part of the project)")
            body = path.read_bytes()
        except OSError as exc:
            raise self._refuse(f"cannot read '{shown_path}': {exc.strerror or type(exc).__name__}") from None
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mime_type})

    @staticmethod
    def _refuse(message: str) -> FatalURLFetchingError:
        """Log a refusal where WeasyPrint logs unusable resources, and return the error to raise."""
        logging.getLogger("weasyprint").error("%s", message)
        return FatalURLFetchingError(message)


class _WarningCollector(logging.Handler):
    """Keep WeasyPrint's warnings: each one is a problem with the output."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(HARMLESS_WARNINGS):
            self.messages.append(message)


@contextmanager
def collected_warnings() -> Iterator[_WarningCollector]:
    """Collect WeasyPrint warnings for the duration of one render."""
    logger = logging.getLogger("weasyprint")
    collector = _WarningCollector()
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)


def foreign_fonts(document: weasyprint.document.Document, allowed: tuple[str, ...]) -> list[str]:
    """Name the font families a rendered document uses other than the allowed ones.

    Pango falls back silently to a system font for a character the bundled font lacks;
    the families of the fonts actually embedded show that.
    """
    fonts = getattr(document, "fonts", None)
    if fonts is None:  # WeasyPrint is pinned; this guards an unexpected upgrade
        raise RenderError("cannot check the PDF's fonts with this WeasyPrint version; "
                          "install the version pinned in pyproject.toml")
    return sorted({font.family for font in fonts.values() if font.family not in allowed})


def render_pdf(html: str, base_dir: Path, allowed_roots: list[Path], source: str,
               allowed_fonts: tuple[str, ...] = ("Sarabun",)) -> RenderedPdf:
    """Render HTML to PDF bytes; any warning, refused URL or foreign font is an error."""
    weasy_hooks.install()
    fetcher = ProjectFetcher(allowed_roots)
    with collected_warnings() as warnings:
        try:
            document = weasyprint.HTML(string=html, base_url=str(base_dir) + "/",
                                       url_fetcher=fetcher).render(font_config=FontConfiguration())
            data = document.write_pdf()
        except FatalURLFetchingError as exc:
            raise RenderError(Problem(source, str(exc))) from None
    if warnings.messages:
        raise RenderError([Problem(source, say("weasyprint", detail=m)) for m in warnings.messages])
    foreign = foreign_fonts(document, allowed_fonts)
    if foreign:
        raise RenderError(Problem(source, say("foreign_font", fonts=", ".join(foreign))))
    return RenderedPdf(data, len(document.pages))
