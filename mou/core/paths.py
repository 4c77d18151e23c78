"""Where records live: parties/<id>.yaml and agreements/<id>.yaml (no heavy imports: the fast path uses it)."""

from __future__ import annotations

from pathlib import Path

RECORD_SUFFIXES = (".yaml", ".yml")


def record_files(folder: Path) -> list[Path]:
    """List the YAML files of a folder in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in RECORD_SUFFIXES and p.is_file())


def record_path(root: Path, kind: str, record_id: str) -> Path | None:
    """Return the file of a record (.yaml or .yml), or None."""
    for suffix in RECORD_SUFFIXES:
        path = root / kind / f"{record_id}{suffix}"
        if path.is_file():
            return path
    return None


def bundled_templates() -> Path:
    """Return mou's own templates/ folder: the standard layout and fonts, beside the mou package."""
    return Path(__file__).resolve().parents[2] / "templates"
