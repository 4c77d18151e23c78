"""The one place that writes output: all of an agreement's files appear together or not at all."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_files(output_dir: Path, files: dict[Path, bytes]) -> list[Path]:
    """Write files (paths relative to output_dir) via a staging folder, then move them in.

    Every file is complete on disk before the first one replaces an earlier output, so a
    build that fails or is killed while rendering or writing leaves earlier output whole.
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=output_dir))
    try:
        for relative, data in files.items():
            staged = staging / relative
            staged.parent.mkdir(parents=True, exist_ok=True)
            with open(staged, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        written = []
        for relative in files:
            target = output_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, target)
            written.append(target)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
