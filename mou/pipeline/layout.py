"""Where a project's inputs and outputs live, and what each agreement's files are called."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mou.records.model import Agreement

FORMATS = ("pdf", "docx")
BILINGUAL = "th-en"  # the side-by-side edition: its template, file names and page counts


@dataclass(frozen=True)
class Layout:
    """Where a project's inputs and outputs live."""

    root: Path
    output: Path

    @classmethod
    def at(cls, root: Path, output: Path | None = None) -> Layout:
        """Return the layout of a project folder, writing to ROOT/output unless told otherwise."""
        return cls(root, output or root / "output")

    @property
    def templates(self) -> Path:
        """Return the templates folder."""
        return self.root / "templates"

    @property
    def assets(self) -> Path:
        """Return the folder for logos and other images records may name."""
        return self.root / "assets"

    @property
    def fonts(self) -> Path:
        """Return the bundled fonts folder."""
        return self.templates / "fonts"


def output_folder(agreement_id: str, agreement: Agreement) -> Path:
    """Return <agreement>/<version>, the agreement's folder relative to output/."""
    return Path(agreement_id) / agreement.version


def output_name(agreement_id: str, language: str, fmt: str) -> str:
    """Return the file name <agreement>.<lang>.<fmt> (<lang> is th-en for the side-by-side edition)."""
    return f"{agreement_id}.{language}.{fmt}"


def editions(agreement: Agreement) -> list[str]:
    """Return the editions to build: each language, then th-en when the agreement asks for it."""
    return list(agreement.languages) + ([BILINGUAL] if agreement.bilingual_edition else [])
