"""Errors a user can act on: each knows its file, line, column and field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mou.core.messages import Message, say

# The "path" of a problem with the command's arguments rather than a file: said in the clerk's language.
COMMAND_LINE = "command line"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and where it is."""

    path: str
    message: str | Message
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        return self.render("en")

    def render(self, language: str) -> str:
        """Return 'path:line:column: field: message' in one language."""
        where = say("command_line").text(language) if self.path == COMMAND_LINE else self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        message = self.message.text(language) if isinstance(self.message, Message) else self.message
        return f"{where}:{field} {message}"


class MouError(Exception):
    """Base error: the build stops and every problem is reported, no traceback."""

    def __init__(self, problems: list[Problem] | Problem | Message | str):
        if isinstance(problems, (str, Message)):
            problems = [Problem(path="mou", message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(MouError):
    """The records or templates are wrong; the user must change them (exit 1)."""


class RenderError(MouError):
    """A renderer refused or failed on valid input (exit 1)."""


class MachineError(MouError):
    """The machine refused: a full disk, a read-only or immutable folder (exit 1, not a bug)."""


class UsageError(MouError):
    """The command line is wrong (exit 2)."""


def display_path(path: Path, root: Path) -> str:
    """Return path relative to root when it is inside it, for short messages."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)
