"""WeasyPrint's HTML user-agent stylesheet, with the same rules in a form its matcher can index.

cssselect2 files each selector under the element name of its last compound and tests only
those of an element's name on that element; a selector ending in `:is(dir, menu, ol, ul)`
has no name there, so it is tested on every element of every document. Eleven such rules
in WeasyPrint 70's stylesheet took about half the time of the whole cascade
(docs/design.md). Each is written here as the list of selectors it
stands for, one per name, which is the same rule: `:is()` of plain names has the
specificity of one name, so every element gets the same declarations with the same weight.
Nothing else changes; selectors whose `:is()` mixes specificities stay as they are.

Parsing that sheet (tokens, declarations checked, selectors compiled) cost each process more
than reading what it made back: the parsed sheet is kept in mou's cache folder (parsed_sheet),
named by its text and the versions of what parses it, its selectors' compiled tests as their
code. It switches itself off (the sheet is then parsed as WeasyPrint parses it) with
`MOU_ACCELERATE=0` and when the WeasyPrint files that parse it differ from the tested ones.

Six rules style a pseudo-element of every element (`::marker`, `::footnote-call`,
`::footnote-marker`, `::note-call`, `::note-marker`, `::note-callback`), so WeasyPrint
matched them on every element and made six pseudo-element styles for each, of which it
uses none unless the document has lists or footnotes. mou's stylesheet leaves them out, and WeasyPrint's style lookup gets them
back when it asks for such a pseudo-element (speedups.py: set_computed_styles and
style_for), with those rules' declarations at the weight
WeasyPrint's cascade gives them, merged with any other rule's for the same pseudo-element
(no other rule of WeasyPrint's stylesheet styles these pseudo-elements, so no weights tie).
"""

from __future__ import annotations

import functools
import io
import json
import marshal
import pickle
import sys
import types
from math import inf
from typing import Any
from xml.etree import ElementTree

import cssselect2
import cssselect2.compiler
import tinycss2
import tinycss2.ast
import weasyprint
import weasyprint.css as weasy_css
import weasyprint.html

from mou.core.cache import cache_key, cached, cached_entry, file_digest, store_entry
from mou.pdf.accelerate import wanted, weasyprint_files_as_tested
from mou.pdf.warnings import noted_warnings

_COMBINATORS = frozenset(">+~")
# What the two stylesheets derived from WeasyPrint's depend on besides its text: tinycss2,
# which parses and serializes them, and this module, which derives them.
_DERIVED_WITH = f"{tinycss2.__version__}\0{file_digest(__file__)}"
PARSED_KIND = "ua-stylesheet-parsed"
# SHA-256 of the WeasyPrint files that make a CSS object (__init__.py) and fill it (css/:
# the rules, the declarations' checks, the properties), as tested (WeasyPrint 70.0).
PARSED_TESTED_FILES = {
    "__init__.py": "7cd0f4ae8569eac9e1a9dc5e58a2c7aed8b164c008f27a2f4f99b0cf1fbf185d",
    "css/__init__.py": "77ad7287f90d7cfaf85eb00ebe7af47d2bedfb856d7dc68717152f2d8a7605fd",
    "css/validation/__init__.py": "6edd11aa7e49b7628bafa8c55dabbc427a2c348933f370f14a571ad6dd3ae215",
    "css/validation/properties.py": "2e66c92d34c3a5e2f96f575999b6e9c0cecc141d49f50a1c3657a8401c7cbae1",
    "css/validation/descriptors.py": "ecb37fd1e77dc195a0613dffe14ac413e47a9b3a48346b3e54cf65825578f4ff",
    "css/validation/expanders.py": "7fcea8c9b1a5d2d046d69ca29bd102225824323bf04e4ebbda15c65a87616fc6",
    "css/properties.py": "872a2e5602b5f52d369c64a808cdb5074b2d6145d71209812da480c1b383dc6d",
}
# What a parsed sheet holds besides its text's making: Python's (the tests' code), the parsers'.
_PARSED_WITH = (
    f"{sys.version}\0{weasyprint.__version__}\0{tinycss2.__version__}\0{cssselect2.__version__}\0"
    f"{file_digest(__file__)}"
)
# The names a compiled selector's test reads, as cssselect2 gives them to it (compiler.py).
_TEST_GLOBALS = ("split_whitespace", "ascii_lower", "urlparse")
# The only classes a kept sheet is made of (a sheet holding another is not kept).
_PARSED_MODULES = frozenset({"cssselect2", "tinycss2.ast", "weasyprint.css", "weasyprint.css.properties"})
# A CSS object's attributes, as WeasyPrint sets them; another WeasyPrint's are not kept.
_CSS_ATTRIBUTES = frozenset({"base_url", "matcher", "page_rules", "layers"})


@functools.cache
def indexed_ua_stylesheet() -> weasyprint.CSS:
    """Return WeasyPrint's HTML user-agent stylesheet with `:is()` of names spelled out and every element's pseudo-element rules left out."""
    # Right only with speedups.py's cascade hook, which gives the left-out rules back: the
    # sheet is used only while the speed-ups are installed (speedups.html_class()).
    # Made as WeasyPrint makes its own (weasyprint/html.py: UA_STYLESHEET), except that its
    # @counter-style rules go to a dictionary of their own: a document's counter styles are
    # a copy of WeasyPrint's (HTML._ua_counter_style), which already has them.
    return parsed_sheet(derived_sheets(weasyprint.html.UA)[0])


def parsed_sheet(css: str) -> weasyprint.CSS:
    """Return weasyprint.CSS(string=css, counter_style={}), read back from mou's cache folder when it was kept there."""
    if not wanted() or not weasyprint_files_as_tested(PARSED_TESTED_FILES):
        return parse(css)
    key = cache_key("parsed ua stylesheet", _PARSED_WITH, css)
    payload = cached_entry(PARSED_KIND, key)
    found = read_back_sheet(payload) if payload is not None else None
    if found is not None:
        return found
    with noted_warnings() as warnings:
        sheet = parse(css)
    kept = None if warnings.said else kept_sheet(sheet)  # what a parse says, it says each time
    if kept is not None:
        store_entry(PARSED_KIND, key, kept)
    return sheet


def parse(css: str) -> weasyprint.CSS:
    """Return a stylesheet as WeasyPrint parses it (its @counter-style rules into a dictionary of their own)."""
    return weasyprint.CSS(string=css, counter_style={})


def selector_test(code: bytes) -> types.FunctionType:
    """Return a compiled selector's test from its code, with the names cssselect2 gives it."""
    names = {name: getattr(cssselect2.compiler, name) for name in _TEST_GLOBALS}
    return types.FunctionType(marshal.loads(code), names)


class _SheetPickler(pickle.Pickler):
    """Writes a parsed sheet, each compiled selector's test as its code (a test with anything else is refused)."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is not types.FunctionType or obj is selector_test:  # selector_test is pickled by name
            return NotImplemented
        names = {name: value for name, value in obj.__globals__.items() if name != "__builtins__"}
        if (
            obj.__closure__ is not None
            or obj.__defaults__ is not None
            or obj.__kwdefaults__ is not None
            or names != {name: getattr(cssselect2.compiler, name) for name in _TEST_GLOBALS}
        ):
            raise pickle.PicklingError("not a compiled selector's test")
        return selector_test, (marshal.dumps(obj.__code__),)


class _SheetUnpickler(pickle.Unpickler):
    """Reads back a parsed sheet: the parsers' classes and selector tests, nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, "selector_test"):
            return selector_test
        if module in _PARSED_MODULES:
            found = getattr(sys.modules.get(module), name, None)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a parsed stylesheet")


def kept_sheet(sheet: weasyprint.CSS) -> bytes | None:
    """Return a parsed sheet as it is kept, or None if it holds what cannot be kept."""
    if set(vars(sheet)) != _CSS_ATTRIBUTES or sheet.base_url is not None:
        return None
    out = io.BytesIO()
    try:
        _SheetPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump((sheet.matcher, sheet.page_rules, sheet.layers))
        read_back = _SheetUnpickler(io.BytesIO(out.getvalue())).load()  # what cannot be read back is not kept
    except (pickle.PickleError, TypeError, AttributeError, ValueError):
        return None
    return out.getvalue() if type(read_back[0]) is type(sheet.matcher) else None


def read_back_sheet(payload: bytes) -> weasyprint.CSS | None:
    """Return the parsed sheet kept as payload, or None when it is unusable."""
    try:
        matcher, page_rules, layers = _SheetUnpickler(io.BytesIO(payload)).load()
    except Exception:  # a damaged or foreign entry: the sheet is parsed
        return None
    if not isinstance(matcher, cssselect2.Matcher) or not isinstance(page_rules, list) or not isinstance(layers, list):
        return None
    sheet = weasyprint.CSS.__new__(weasyprint.CSS)
    sheet.base_url, sheet.matcher, sheet.page_rules, sheet.layers = None, matcher, page_rules, layers
    return sheet


@functools.cache
def derived_sheets(css: str) -> tuple[str, str]:
    """Return a stylesheet's other rules with `:is()` of names spelled out, and its rules of every element's pseudo-elements.

    Kept in mou's cache folder by the stylesheet's text (and _DERIVED_WITH): parsing and
    writing the rules out again costs each process more than reading them back.
    """
    key = cache_key("ua stylesheet", _DERIVED_WITH, css)
    kept, universal = json.loads(cached("ua-stylesheet", key, lambda: json.dumps(_derive(css)).encode()))
    return str(kept), str(universal)


def _derive(css: str) -> tuple[str, str]:
    """Work out derived_sheets() from a stylesheet's text."""
    kept, universal = _every_elements_pseudo(css)
    return spelled_out(kept), universal


@functools.cache
def _every_elements_pseudo(css: str) -> tuple[str, str]:
    """Split a stylesheet into its other rules and its rules whose selector is a bare pseudo-element (`::marker`)."""
    kept: list[str] = []
    universal: list[str] = []
    for rule in tinycss2.parse_stylesheet(css):
        prelude = tinycss2.serialize(rule.prelude).strip() if isinstance(rule, tinycss2.ast.QualifiedRule) else ""
        bare = prelude.startswith("::") and prelude[2:].replace("-", "").isalpha()
        (universal if bare else kept).append(rule.serialize())
    return "".join(kept), "\n".join(universal)


@functools.cache
def every_elements_pseudo_styles() -> dict[str, dict[str, tuple]]:
    """Return, per pseudo-element, the cascaded declarations (values and weight) the left-out rules give every element.

    Worked out as WeasyPrint's cascade (weasyprint/css: StyleFor) does for its user-agent
    stylesheet, on an element those rules match as they match every element.
    """
    sheet = parsed_sheet(derived_sheets(weasyprint.html.UA)[1])
    element = cssselect2.ElementWrapper.from_html_root(ElementTree.fromstring("<html/>"))
    styles: dict[str, dict[str, tuple]] = {}
    for specificity, _order, pseudo_type, (declarations, layer) in sheet.matcher.match(element):
        layer_order = inf if layer is None else sheet.layers.index(layer)
        style = styles.setdefault(pseudo_type, {})
        for name, values, importance in declarations:
            weight = (weasy_css.declaration_precedence("user agent", importance), layer_order, specificity)
            old_weight = style.get(name, (None, None))[1]
            if old_weight is None or old_weight <= weight:
                style[name] = values, weight
    return styles


def add_left_out_declarations(cascaded: dict[str, tuple], pseudo_type: str) -> None:
    """Merge the left-out rules' declarations into a pseudo-element's cascaded ones, as the cascade would have.

    The left-out rule would have been matched first (lowest specificity), so a declaration
    of it holds only where nothing outweighs it.
    """
    for name, (values, weight) in every_elements_pseudo_styles()[pseudo_type].items():
        if name not in cascaded or cascaded[name][1] < weight:
            cascaded[name] = values, weight


class IndexedHTML(weasyprint.HTML):
    """weasyprint.HTML whose user-agent stylesheet is the indexed one."""

    def _ua_stylesheets(self, forms: bool = False) -> list[weasyprint.CSS]:
        return [indexed_ua_stylesheet(), *super()._ua_stylesheets(forms)[1:]]


def spelled_out(css: str) -> str:
    """Return a stylesheet whose selectors ending in `:is()` of plain names are one selector per name."""
    rules = tinycss2.parse_stylesheet(css)
    out = []
    for rule in rules:
        if isinstance(rule, tinycss2.ast.QualifiedRule):
            selectors = [expanded for selector in _split_commas(rule.prelude) for expanded in _spelled(selector)]
            prelude = ", ".join(tinycss2.serialize(selector).strip() for selector in selectors)
            out.append(f"{prelude} {{{tinycss2.serialize(rule.content)}}}")
        else:
            out.append(rule.serialize())
    return "\n".join(out) + "\n"


def _split_commas(tokens: list) -> list[list]:
    """Split a selector list at its top-level commas."""
    parts: list[list] = [[]]
    for token in tokens:
        if isinstance(token, tinycss2.ast.LiteralToken) and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _spelled(selector: list) -> list[list]:
    """Return one selector, or the selectors its last compound's leading `:is(a, b)` stands for."""
    start = _last_compound_start(selector)
    compound = selector[start:]
    if (
        len(compound) < 2
        or not _is_colon(compound[0])
        or not isinstance(compound[1], tinycss2.ast.FunctionBlock)
        or compound[1].lower_name != "is"
    ):
        return [selector]
    names = _plain_names(compound[1].arguments)
    if names is None:
        return [selector]
    return [selector[:start] + [tinycss2.ast.IdentToken(0, 0, name)] + compound[2:] for name in names]


def _last_compound_start(selector: list) -> int:
    """Return where the last compound selector starts (after the last top-level combinator)."""
    start = 0
    for index, token in enumerate(selector):
        if (
            isinstance(token, tinycss2.ast.WhitespaceToken)
            and index + 1 < len(selector)
            or isinstance(token, tinycss2.ast.LiteralToken)
            and token.value in _COMBINATORS
        ):
            start = index + 1
    while start < len(selector) and isinstance(selector[start], tinycss2.ast.WhitespaceToken):
        start += 1
    return start


def _is_colon(token: object) -> bool:
    """Say whether a token is a single colon (a pseudo-class, not a pseudo-element)."""
    return isinstance(token, tinycss2.ast.LiteralToken) and token.value == ":"


def _plain_names(arguments: list) -> list[str] | None:
    """Return the element names of `:is(a, b, c)`, or None if it holds anything but names."""
    names = []
    for part in _split_commas(arguments):
        tokens = [token for token in part if not isinstance(token, tinycss2.ast.WhitespaceToken)]
        if len(tokens) != 1 or not isinstance(tokens[0], tinycss2.ast.IdentToken):
            return None
        names.append(tokens[0].value)
    return names
