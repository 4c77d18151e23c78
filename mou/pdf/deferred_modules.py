"""fontTools modules that WeasyPrint imports for its fallbacks, loaded only when a fallback runs.

Importing WeasyPrint imports fontTools' subsetter (weasyprint.pdf.fonts, for when HarfBuzz's
subsetter is not installed or fails), its variable-font instancer (for a font with variation
axes, with fontTools.varLib, which the subsetter imports too) and its WOFF2 decoder
(weasyprint.text.fonts, for a WOFF2 font). mou's fonts are static TrueType files that
HarfBuzz subsets, so a build used none of them, and importing them was a good part of
importing WeasyPrint. While WeasyPrint is imported, each is made a lazily loaded module
(importlib.util.LazyLoader): it stands in sys.modules and in its package under its own name,
and the first read of any of its attributes runs it, as an import would have, in place.

weasyprint.pdf.fonts takes one name from the instancer (`from … import
instantiateVariableFont`), and reading a name runs a lazy module; while that module runs, the
instancer is a stand-in whose function calls the instancer's own, so the instancer runs on
that first call.

It switches itself off (WeasyPrint then imports them as it always did) with
`MOU_ACCELERATE=0`, when any of them or weasyprint.pdf.fonts was imported already, and when
the WeasyPrint files that import them differ from the tested ones.
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import importlib.util
import sys
import types
from collections.abc import Iterator
from typing import Any

import fontTools.ttLib  # noqa: F401  (the package two of them are found in; WeasyPrint imports it anyway)

from mou.pdf.accelerate import wanted, weasyprint_files_as_tested

# Loaded when first used, parents before their children.
DEFERRED = ("fontTools.subset", "fontTools.ttLib.woff2", "fontTools.varLib", "fontTools.varLib.instancer")
INSTANCER = "fontTools.varLib.instancer"
IMPORTER = "weasyprint.pdf.fonts"
# SHA-256 of the WeasyPrint files that import these modules, as tested (WeasyPrint 70.0).
TESTED_FILES = {
    "pdf/fonts.py": "9ad9a202a416b84585e59d758e6b5e1b35604807dc3fa4472b6829bc5c4cdcb7",
    "text/fonts.py": "59d74d0c161349b8416f1d13466e16dd47c1161f0a397ff1e4ca70814eb36091",
}
lazy: dict[str, types.ModuleType] = {}  # the modules made lazy in this process, by name
# Their specs: reading a lazy module's own __spec__ would run it.
specs: dict[str, importlib.machinery.ModuleSpec] = {}


def tested() -> bool:
    """Say whether the WeasyPrint about to be imported has the tested files."""
    return weasyprint_files_as_tested(TESTED_FILES)


def instantiate_variable_font(*arguments: Any, **options: Any) -> Any:
    """Call fontTools' instantiateVariableFont (the instancer runs on the first call)."""
    return lazy[INSTANCER].instantiateVariableFont(*arguments, **options)


def make_lazy(name: str) -> types.ModuleType | None:
    """Put a lazily loaded module in sys.modules and in its package under name (None if it cannot be found)."""
    parent_name, _, child = name.rpartition(".")
    parent = sys.modules[parent_name]
    # A lazy package's own spec says where its modules are: asking the package would run it.
    where = specs[parent_name].submodule_search_locations if parent_name in specs else parent.__path__
    spec = importlib.machinery.PathFinder.find_spec(name, where)
    if spec is None or spec.loader is None:
        return None
    spec.loader = importlib.util.LazyLoader(spec.loader)
    specs[name] = spec
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    setattr(parent, child, module)  # `from fontTools import subset` then takes it as it is
    return module


@contextlib.contextmanager
def loaded_when_used() -> Iterator[None]:
    """While inside, an import of WeasyPrint leaves fontTools' subsetter, instancer and WOFF2 decoder to be loaded when used."""
    if not wanted() or IMPORTER in sys.modules or any(name in sys.modules for name in DEFERRED) or not tested():
        yield
        return
    for name in DEFERRED:
        module = make_lazy(name)
        if module is None:  # not this fontTools: leave the rest to WeasyPrint's own imports
            break
        lazy[name] = module
    stand_in = types.ModuleType(INSTANCER)
    stand_in.instantiateVariableFont = instantiate_variable_font  # type: ignore[attr-defined]
    if INSTANCER in lazy:
        sys.modules[INSTANCER] = stand_in  # while weasyprint.pdf.fonts takes its name from it
    try:
        yield
    finally:
        if sys.modules.get(INSTANCER) is stand_in:
            sys.modules[INSTANCER] = lazy[INSTANCER]
