"""WeasyPrint's warnings, collected during a render: each one is a problem with the output."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

# WeasyPrint says this when Debian's libharfbuzz-subset0 is missing: a note about the
# machine, not about the document, so it must not fail the build.
HARMLESS_WARNINGS = ("Using fontTools instead of HarfBuzz-Subset",)


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


class WarnedFlag(logging.Handler):
    """Notes whether WeasyPrint warned (a parse that warns is not kept, so that it warns again)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.said = False

    def emit(self, record: logging.LogRecord) -> None:
        self.said = True


@contextmanager
def noted_warnings() -> Iterator[WarnedFlag]:
    """Note whether WeasyPrint warns for the duration of the block."""
    logger = logging.getLogger("weasyprint")
    flag = WarnedFlag()
    logger.addHandler(flag)
    try:
        yield flag
    finally:
        logger.removeHandler(flag)
