"""Python's ssl module, which WeasyPrint's import loads, run only when something reads it.

Importing WeasyPrint imports urllib.request (weasyprint/urls.py), which imports http.client,
and both import ssl for HTTPS, loading OpenSSL's libraries: a good part of importing
WeasyPrint, for URLs that mou's documents never hold (their fonts, stylesheets and pictures
are files). While WeasyPrint is imported, ssl is put in sys.modules as a module made from its
own spec, as an import makes it, whose code runs in it, in place, on the first read of a
name it does not have yet; the readers get the same module, run as the import would have
run it. Python's own LazyLoader would not do: the import statement reads a module's
`__spec__`, which would run it at once; this module has its spec as an import gives it.

It switches itself off (ssl is then imported as always) with `MOU_ACCELERATE=0`, when ssl
was imported already, and where Python has no OpenSSL module (its import would fail, and
WeasyPrint's importers are ready for that at once, not on a later read).
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import importlib.util
import sys
import threading
import types
from collections.abc import Iterator
from typing import Any

from mou.pdf.accelerate import wanted

DEFERRED = "ssl"
_running = threading.RLock()  # two threads reading it first run it once


class DeferredModule(types.ModuleType):
    """A module made from its spec whose code has not run yet: reading a name it lacks runs it in place."""

    def __getattr__(self, name: str) -> Any:
        with _running:
            if type(self) is DeferredModule:  # not run yet (another thread may have run it)
                run(self)
        return getattr(self, name)


def run(module: types.ModuleType) -> None:
    """Run a deferred module's code in it, as its import would have, and make it a plain module."""
    spec: Any = module.__spec__
    module.__class__ = types.ModuleType  # its own names from now on, with nothing in between
    try:
        spec.loader.exec_module(module)
    except BaseException:
        if sys.modules.get(spec.name) is module:  # a failed import leaves nothing behind
            del sys.modules[spec.name]
        raise


def deferred(name: str) -> types.ModuleType | None:
    """Put a top-level module in sys.modules whose code runs when first read (None if it cannot be found)."""
    spec = importlib.machinery.PathFinder.find_spec(name)
    if spec is None or spec.loader is None or spec.submodule_search_locations is not None:
        return None  # not found, or a package: its submodules' imports would read it at once
    module = importlib.util.module_from_spec(spec)
    module.__class__ = DeferredModule
    sys.modules[name] = module
    return module


def is_deferred(name: str) -> bool:
    """Say whether a module is in sys.modules and has not run yet."""
    return type(sys.modules.get(name)) is DeferredModule


@contextlib.contextmanager
def ssl_run_when_read() -> Iterator[None]:
    """While inside, an import of WeasyPrint leaves ssl's code to run when something reads it."""
    # Without OpenSSL's module (`_ssl`) importing ssl fails, which its importers catch at once.
    if wanted() and DEFERRED not in sys.modules and importlib.util.find_spec("_ssl") is not None:
        deferred(DEFERRED)
    yield
