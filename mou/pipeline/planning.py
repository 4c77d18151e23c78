"""Planning one agreement from its record, read unvalidated: what incremental.py needs a YAML parser for.

Kept apart so that a build with nothing to do, which plans from the stamps alone, does not
import a YAML parser.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from mou.core.paths import record_path
from mou.pipeline.incremental import Planned, plan_named, stamped_names

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def quick_read(path: Path) -> dict[str, Any] | None:
    """Parse a record just enough to plan (C loader, no positions); None if unreadable."""
    try:
        data = yaml.load(path.read_bytes(), Loader=_Loader)
    except (OSError, yaml.YAMLError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def plan(root: Path, agreement_id: str, formats: tuple[str, ...]) -> Planned | None:
    """Fingerprint one agreement from its files alone, its record read unvalidated; None when the fast path cannot tell."""
    agreement_path = record_path(root, "agreements", agreement_id)
    record = quick_read(agreement_path) if agreement_path else None
    # Nothing from a record becomes a path before it is known to be a plain id or version.
    if record is None:
        return None
    named = stamped_names({"template": "standard"} | record)
    return plan_named(root, agreement_id, named, formats) if named else None
