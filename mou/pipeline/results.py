"""What one agreement's build produced, as the command line reports it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mou.core.errors import Problem
from mou.core.messages import Message


@dataclass
class AgreementResult:
    """What one agreement's build produced."""

    agreement_id: str
    version: str
    status: str
    files: list[Path] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    skipped: bool = False
    languages: list[str] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # cross-language mismatches allowed
    layout_warnings: list[Problem] = field(default_factory=list)  # names kept whole that no line can hold
    record_warnings: list[Problem] = field(default_factory=list)  # what the records' files hold (a Thai line folded)


def skipped_result(
    agreement_id: str,
    folder: Path,
    stamp: dict,
    warnings: list[Problem] | None = None,
    record_warnings: list[Problem] | None = None,
) -> AgreementResult:
    """Return the result of an agreement left as it was: what the stamp of its last build says."""
    return AgreementResult(
        agreement_id,
        folder.name,
        str(stamp.get("status", "")),
        files=[folder / name for name in stamp.get("files", {})],
        pages=dict(stamp.get("pages", {})),
        skipped=True,
        languages=list(stamp.get("editions", [])),
        warnings=warnings or [],
        record_warnings=record_warnings or [],
    )
