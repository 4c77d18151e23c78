"""Computed styles remembered from one document to the next of a batch, for the same cascade.

Every agreement of a batch has the same elements styled by the same stylesheets, and
WeasyPrint computes each of their styles again, property by property, on first use. A style's computed values depend only on its cascaded
declarations, its parent's and root's values, the base URL and the font configuration;
a style is given a signature of exactly these, and a new style with a signature seen
before starts with the values computed for it before (each property is still computed
the first time a style of that signature asks for it). The memo is kept with the font
configuration, so it ends with it.

Pages and margin boxes are styles too (one set per page), and WeasyPrint changes some of
their values after computing them (the page counters): only what a style computed is
remembered, never what was changed after, and a new style gets the computed values, which
WeasyPrint then changes the same way.

Left out, so computed as always: copies of styles (WeasyPrint changes those after
copying), and styles with a length relative to the page size (vw, vh…: WeasyPrint resolves them against the first page of
each document), with everything below them.
"""

from __future__ import annotations

import itertools
from typing import Any
from xml.etree import ElementTree

import tinycss2.ast
from weasyprint.css.units import VIEWPORT_UNITS
from weasyprint.layout.page import PageType

# Signatures kept per font configuration before the memo starts again: a batch of one
# template uses the same few hundred however many agreements it has.
MEMO_LIMIT = 2_000
# Each signature gets a number, never reused, which stands for it in its children's
# signatures (nested tuples would be hashed down the whole tree for every style).
_numbers = itertools.count(1)
# Whether a declared value is relative to the page, per value (the stylesheets' values recur).
_page_relative: dict[Any, bool] = {}


def prefill(style_for: Any, element: Any, pseudo_type: str | None) -> None:
    """Give a just-computed element style the values its signature's styles computed before, and record its own."""
    style = style_for.get_computed_styles().get((element, pseudo_type))
    if style is None or not isinstance(element, (ElementTree.Element, PageType)) or "mou_memo" in style.__dict__:
        return  # no style, or one WeasyPrint shares between elements and has already seen
    key = _signature(style, style_for)
    if key is None:
        return
    memo = style.font_config.__dict__.setdefault("mou_style_memo", {})
    if len(memo) > MEMO_LIMIT:
        memo.clear()
    found = memo.get(key)
    if found is None:
        found = memo[key] = next(_numbers), {}, {}
    number, values, specified = found
    style.__dict__["mou_memo"] = values, specified
    style.__dict__["mou_signature"] = number
    if values:
        style.update(values)
        style.specified.update(specified)


def record(style: Any, key: str, value: Any) -> None:
    """Remember a property a style with a signature has computed (and the specified values WeasyPrint keeps)."""
    entry = style.__dict__.get("mou_memo")
    if entry is not None:
        entry[0][key] = value
        if style.specified:
            entry[1].update(style.specified)


def _signature(style: Any, style_for: Any) -> tuple | None:
    """Return what a style's computed values depend on, or None if it is not to be remembered."""
    parent = style.parent_style
    parent_signature = "root" if parent is None else parent.__dict__.get("mou_signature")
    root = style.root_style
    root_signature = "initial" if parent is None else root.__dict__.get("mou_signature")
    if parent_signature is None or root_signature is None:
        return None
    declarations = []
    for name, (values, weight) in style.cascaded.items():
        comparable = _comparable(values)
        if comparable not in _page_relative:
            if len(_page_relative) > 10 * MEMO_LIMIT:
                _page_relative.clear()
            _page_relative[comparable] = _relative_to_page(values)
        if _page_relative[comparable]:
            return None
        if type(weight[-1]) is list:  # a page rule's specificity
            weight = (*weight[:-1], tuple(weight[-1]))
        declarations.append((name, comparable, weight))
    # The declarations themselves, not their ids, are in the key: objects compared by
    # identity stay alive as long as the key, so their ids are never another's. In the
    # cascade's order: the same rules give the same order (another order only misses).
    return parent_signature, root_signature, style.pseudo_type, tuple(declarations), style.base_url


class _Same:
    """A declared value that cannot be hashed (a list: `content`), compared by identity.

    Such values come from the parsed stylesheets, which a batch reuses (speedups.py:
    cached_css), so the same object is declared again in the next document.
    """

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.value is self.value

    def __hash__(self) -> int:
        return id(self.value)


def _comparable(values: Any) -> Any:
    """Return a declared value as a part of a signature: itself, a set as a frozen set, or else by identity."""
    if isinstance(values, set):  # text-decoration-line's value, compared by its members
        return frozenset(values)
    try:
        hash(values)
    except TypeError:
        return _Same(values)
    return values


def _relative_to_page(value: Any) -> bool:
    """Say whether a declared value holds a length relative to the page size (vw, vh, vmin…)."""
    unit = getattr(value, "unit", None)  # before the tuple test: a Dimension is a named tuple
    if isinstance(unit, str) and unit.lower() in VIEWPORT_UNITS:
        return True
    if isinstance(value, (tuple, list)):
        return any(_relative_to_page(item) for item in value)
    if isinstance(value, tinycss2.ast.Node):
        inner = getattr(value, "arguments", None) or getattr(value, "content", None) or ()
        return any(_relative_to_page(item) for item in inner)
    tokens = getattr(value, "tokens", None)  # WeasyPrint's pending values (with var())
    return bool(tokens) and any(_relative_to_page(item) for item in tokens or ())
