"""Where records live: parties/<id>.yaml and agreements/<id>.yaml (no heavy imports: the fast path uses it)."""

from __future__ import annotations

import os
import re
from pathlib import Path

RECORD_SUFFIXES = (".yaml", ".yml")
# A record saved under a name mou does not read: x.YAML, or x.yaml.txt as Windows Notepad saves it.
_LOOKS_LIKE_A_RECORD = re.compile(r"(?P<stem>.+?)(?P<suffix>\.ya?ml)(?:\.txt)?", re.IGNORECASE)


def record_files(folder: Path) -> list[Path]:
    """List the YAML files of a folder in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in RECORD_SUFFIXES and p.is_file())


def record_ids(folder: Path) -> list[str]:
    """List the ids (stems) of a folder's YAML files in record_files' order, from the folder's listing alone."""
    try:
        entries = sorted((entry.name, entry) for entry in os.scandir(folder))
    except OSError:  # missing, or not a folder
        return []
    found = []
    for name, entry in entries:
        stem, suffix = os.path.splitext(name)
        if suffix in RECORD_SUFFIXES and entry.is_file():
            found.append(stem)
    return found


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


def cache_folder() -> Path:
    """Return the folder for mou's caches: $MOU_CACHE_DIR, else $XDG_CACHE_HOME/mou, else ~/.cache/mou."""
    chosen = os.environ.get("MOU_CACHE_DIR", "").strip()
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "mou"


def unread_record_files(root: Path) -> list[tuple[str, str]]:
    """Return the files of parties/ and agreements/ named like a record that mou does not read, with the name to give each."""
    found = []
    for kind in ("parties", "agreements"):
        for name in record_ids_and_names(root / kind):
            match = _LOOKS_LIKE_A_RECORD.fullmatch(name)
            if match and not name.endswith(RECORD_SUFFIXES):
                found.append((f"{kind}/{name}", f"{match['stem']}{match['suffix'].lower()}"))
    return found


def record_ids_and_names(folder: Path) -> list[str]:
    """Return the names of a folder's files, sorted (none if it is missing)."""
    try:
        return sorted(entry.name for entry in os.scandir(folder) if entry.is_file())
    except OSError:
        return []
