"""WeasyPrint's own stylesheets parsed when a document first uses them, not each time WeasyPrint is imported.

Importing weasyprint.html parses three stylesheets: the HTML user-agent stylesheet, the one
for forms and the one for presentational hints. mou renders with its own indexed copy of
the first (ua_stylesheet.py) and asks for neither of the others, so a build parsed them for
nothing. While WeasyPrint is imported, its weasyprint.html module makes them as deferred
stylesheets instead: each is parsed the first time anything reads it, from the same text
with the same options, so what a document gets from it is the same. One thing a sheet does
at once stays at once: the user-agent stylesheet's @counter-style rules fill WeasyPrint's
shared counter styles (UA_COUNTER_STYLE, which every document copies), so those rules, and
only those, are parsed into it while WeasyPrint is imported, as before.

It switches itself off (WeasyPrint then parses as it always did) with `MOU_ACCELERATE=0`,
when weasyprint.html was imported already, and when the WeasyPrint files that make or read
these stylesheets differ from the tested ones.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import importlib.util
import io
import pickle
import sys
from collections.abc import Iterator, Sequence
from types import ModuleType
from typing import Any

import tinycss2

from mou.core.cache import cache_key, cached, cached_entry, file_digest, store_entry
from mou.pdf.accelerate import wanted, weasyprint_files_as_tested, weasyprint_folder
from mou.pdf.warnings import noted_warnings

MODULE = "weasyprint.html"
# SHA-256 of the WeasyPrint files that make these stylesheets (html.py), define CSS
# (__init__.py) and parse them (css/__init__.py), as tested (WeasyPrint 70.0).
TESTED_FILES = {
    "__init__.py": "7cd0f4ae8569eac9e1a9dc5e58a2c7aed8b164c008f27a2f4f99b0cf1fbf185d",
    "html.py": "a11b729157862291a6ecf7b7b3517c59d4242ea05a7f9b8d9d96a9882425ad65",
    "css/__init__.py": "77ad7287f90d7cfaf85eb00ebe7af47d2bedfb856d7dc68717152f2d8a7605fd",
}
state = {"deferred": False}


def tested() -> bool:
    """Say whether the WeasyPrint about to be imported has the tested files."""
    return weasyprint_files_as_tested(TESTED_FILES)


def counter_style_rules(css: str) -> str:
    """Return a stylesheet's top-level @counter-style rules (kept in mou's cache folder by its text)."""
    key = cache_key("counter style rules", file_digest(__file__), css)
    return cached("ua-stylesheet", key, lambda: _counter_style_rules(css).encode()).decode()


def _counter_style_rules(css: str) -> str:
    """Work out counter_style_rules() from a stylesheet's text."""
    rules = tinycss2.parse_stylesheet(css)
    return "\n".join(r.serialize() for r in rules if r.type == "at-rule" and r.lower_at_keyword == "counter-style")


# The WeasyPrint files that read a @counter-style rule's descriptors besides the tested ones:
# what the counter styles kept in the cache folder were made by is part of their name.
COUNTER_STYLE_FILES = ("css/counters.py", "css/validation/descriptors.py")


def fill_counter_styles(css_class: Any, rules: str, counters: Any) -> None:
    """Parse @counter-style rules into counter styles, as CSS(string=rules, counter_style=counters) does.

    Into empty counter styles, what the rules make is kept in mou's cache folder, named by
    their text and what reads them, and read back there: parsing them took each process
    more than reading back what they made (plain data: names, strings, numbers, tuples).
    """
    key = _counter_styles_key(rules) if not counters else None
    payload = cached_entry("counter-styles", key) if key is not None else None
    if payload is not None:
        try:
            made = _PlainUnpickler(io.BytesIO(payload)).load()
        except Exception:  # a damaged or foreign entry: the rules are parsed
            made = None
        if isinstance(made, dict):
            counters.update(made)
            return
    with noted_warnings() as warned:
        css_class(string=rules, counter_style=counters)
    if key is not None and not warned.said:  # a parse that warns is made again, to warn again
        kept = pickle.dumps(dict(counters), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            if _PlainUnpickler(io.BytesIO(kept)).load() == dict(counters):
                store_entry("counter-styles", key, kept)
        except pickle.UnpicklingError:  # it holds more than plain data: not kept
            pass


def _counter_styles_key(rules: str) -> str | None:
    """Return the name of the counter styles @counter-style rules make, or None where WeasyPrint's files cannot be read."""
    folder = weasyprint_folder()
    try:
        digests = [file_digest(str(folder / name)) for name in COUNTER_STYLE_FILES] if folder else None
    except OSError:
        return None
    if digests is None:
        return None
    return cache_key("counter styles", file_digest(__file__), tinycss2.__version__, *digests, rules)


class _PlainUnpickler(pickle.Unpickler):
    """Reads back plain data only: no class or function is looked up."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def deferred_class(css_class: Any) -> Any:
    """Return a subclass of WeasyPrint's CSS whose instances are parsed when an attribute is first read."""

    class DeferredCSS(css_class):
        """A stylesheet parsed on first use, as CSS() would have parsed it when made."""

        def __init__(self, **options: Any) -> None:
            counters: Any = options.get("counter_style")
            rules = counter_style_rules(options["string"]) if counters is not None else ""
            if rules:  # what making it does at once, done at once: fill the counter styles
                fill_counter_styles(css_class, rules, counters)
                options["counter_style"] = type(counters)()  # parsed again later: the same rules
            self.__dict__["mou_options"] = options

        def __getattr__(self, name: str) -> Any:
            if name.startswith("__") or "mou_options" not in self.__dict__:  # copy's and pickle's questions
                raise AttributeError(name)
            options = self.__dict__.pop("mou_options")
            css_class.__init__(self, **options)
            return getattr(self, name)

    return DeferredCSS


class _DeferringLoader(importlib.abc.Loader):
    """Runs weasyprint.html with WeasyPrint's CSS class standing in as DeferredCSS while its stylesheets are made."""

    def __init__(self, loader: Any):
        self.loader: Any = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        package: Any = sys.modules["weasyprint"]
        css_class = package.CSS
        package.CSS = deferred_class(css_class)
        try:
            self.loader.exec_module(module)
        finally:
            package.CSS = css_class
            module.CSS = css_class  # used later as CSS(): the real one
        state["deferred"] = True


class _DeferringFinder(importlib.abc.MetaPathFinder):
    """Finds weasyprint.html as the other finders do, with the deferring loader."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return None
        spec.loader = _DeferringLoader(spec.loader)
        return spec


@contextlib.contextmanager
def parsed_when_used() -> Iterator[None]:
    """While inside, an import of WeasyPrint makes its own stylesheets deferred (when wanted and tested)."""
    if MODULE in sys.modules or not wanted() or not tested():
        yield
        return
    finder = _DeferringFinder()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
