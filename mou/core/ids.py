"""What an id or a version may look like: safe as a file or folder name (no pydantic here: cheap)."""

from __future__ import annotations

import re

ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
VERSION_PATTERN = re.compile(r"^[0-9A-Za-z](?:[0-9A-Za-z._+-]{0,30}[0-9A-Za-z])?$")


def is_id(value: object) -> bool:
    """Return True for a valid record id."""
    return isinstance(value, str) and bool(ID_PATTERN.match(value))


def is_version(value: object) -> bool:
    """Return True for a valid version."""
    return isinstance(value, str) and bool(VERSION_PATTERN.match(value)) and ".." not in value
