"""What a build shows on a terminal: a progress bar while it runs and a table at the end (rich).

Loaded only when standard output and error are a terminal (mou/cli/main.py), so a build in
CI, in a pipe or with nothing to do does not import rich.
"""

from __future__ import annotations

from typing import Any, TextIO

from rich.console import Console as RichConsole
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table


class LiveDisplay:
    """A progress bar that lines can be printed above, and a summary table."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.progress: Any = None

    def start(self, description: str, total: int) -> None:
        """Show a progress bar of `total` steps."""
        self.progress = Progress(
            "{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
        )
        self.progress.start()
        self.task = self.progress.add_task(description, total=total)

    def advance(self) -> None:
        """Move the progress bar one step."""
        if self.progress is not None:
            self.progress.advance(self.task)

    def print(self, line: str) -> bool:
        """Print a line above the progress bar; False when there is none."""
        if self.progress is None:
            return False
        self.progress.console.print(line, markup=False, highlight=False)
        return True

    def stop(self) -> None:
        """Take the progress bar away."""
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        """Print a table."""
        table = Table(*headers)
        for row in rows:
            table.add_row(*row)
        RichConsole(file=self.out).print(table)
