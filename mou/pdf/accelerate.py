"""What every speed-up of the PDF stage asks before it goes in: the switch, and WeasyPrint's files as tested.

`MOU_ACCELERATE=0` leaves every speed-up out; each then does the work as its dependency
does, with the same result. Nothing here imports WeasyPrint: some speed-ups must go in
before it is imported.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from mou.core.cache import file_digest

SWITCH = "MOU_ACCELERATE"  # "0" leaves the speed-ups out


def wanted() -> bool:
    """Say whether the speed-ups are asked for (`MOU_ACCELERATE=0` says no)."""
    return os.environ.get(SWITCH, "1").strip() not in ("0", "no", "off", "false")


def weasyprint_folder() -> Path | None:
    """Return the folder WeasyPrint would be imported from, without importing it (None if it is not installed)."""
    spec = importlib.util.find_spec("weasyprint")
    return Path(spec.origin).parent if spec is not None and spec.origin else None


def weasyprint_files_as_tested(tested_files: dict[str, str]) -> bool:
    """Say whether WeasyPrint's files (path in its folder: SHA-256) are those a speed-up was tested with."""
    folder = weasyprint_folder()
    if folder is None:
        return False
    try:
        return all(file_digest(str(folder / name)) == digest for name, digest in tested_files.items())
    except OSError:
        return False
