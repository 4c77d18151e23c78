"""English words that organization names and addresses share with ordinary text."""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def english_ordinary_words() -> frozenset[str]:
    """Return the bundled ordinary words of organization names and addresses (Subdistrict, Committee), read once."""
    text = resources.files(__package__).joinpath("data", "english_ordinary_words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))
