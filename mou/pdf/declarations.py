"""WeasyPrint's C declarations read once and kept in mou's cache folder, not parsed by cffi in every process.

When WeasyPrint is imported it hands cffi the C declarations of Pango, HarfBuzz, GObject
and fontconfig (weasyprint/text/ffi.py), and cffi parses them with pycparser every time, a
good part of importing WeasyPrint. While WeasyPrint is imported, the first declarations
given to a new cffi.FFI are looked up in mou's cache, named by their text, cffi's version and
pycparser's package file (which holds its version): found, cffi's parser is given back the state that parsing them left
(its declared types, pickled), as parsing would have left it; not found, they are parsed
and that state is stored. mou's own later declarations (declare(): a Pango and a HarfBuzz
function WeasyPrint does not declare) are kept the same way, named by every declaration the
FFI was given before them too, with the types declared before kept as their declaration's
name, so that reading them back leaves those very objects in place (cffi tells structures
apart by identity). Anything else (options, declarations not all given through here, a parse
that built types as it went) is parsed as usual.

WeasyPrint also names C types in strings as it renders (`ffi.cast("PangoLayout *", …)`), and
cffi parses each name with pycparser once per process, a few milliseconds each. The type a
name stands for in WeasyPrint's FFI is kept in mou's cache too, named by the name, the
declarations given so far and the same versions, with the types it holds that were declared
before kept as their declaration's name, so that reading it back gives those very objects
(cffi tells structures apart by identity). A parse that declares anything is not kept.
`MOU_ACCELERATE=0` leaves all of this out.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import pickle
import sys
from collections.abc import Iterator
from typing import Any

import cffi
import cffi.model

from mou.core.cache import cache_key, cached_entry, file_digest, store_entry
from mou.pdf.accelerate import wanted


def _pycparser_digest() -> str:
    """Return the SHA-256 of pycparser's package file, which holds its version, found without importing it."""
    spec = importlib.util.find_spec("pycparser")
    return file_digest(spec.origin) if spec is not None and spec.origin else "no pycparser"


# What a parsed state depends on besides the declarations' text.
_PARSED_WITH = f"{cffi.__version__}\0{_pycparser_digest()}\0{file_digest(__file__)}"
# cffi's own type objects, which its code may compare by identity: pickled by name.
_SHARED = {
    name: getattr(cffi.model, name)
    for name in ("void_type", "voidp_type", "const_voidp_type", "char_array_type")
    if hasattr(cffi.model, name)
}
# The parser's attributes that are not kept: parse-time bookkeeping keyed by pycparser's nodes.
_NOT_KEPT = frozenset({"_structnode2type"})
state = {"restored": 0, "parsed": 0}
CFFI_CDEF = cffi.FFI.cdef  # cffi's own (kept_declarations puts another in its place for a while)
WEASYPRINT_FFI = "weasyprint.text.ffi"  # the module whose FFI names types as WeasyPrint renders


def parser_state(parser: Any, declared: dict[int, str] | None = None) -> bytes:
    """Return a cffi parser's state, pickled (the types declared before, by their declaration: see declared_types)."""
    out = io.BytesIO()
    _TypePickler(out, declared or {}).dump(
        {name: value for name, value in vars(parser).items() if name not in _NOT_KEPT}
    )
    return out.getvalue()


def declared_types(parser: Any) -> dict[int, str]:
    """Return the types a parser has declared, each one's id with its declaration's name."""
    return {id(value[0]): name for name, value in parser._declarations.items()}


def restore(ffi: Any, payload: bytes, csource: str, override: bool = False) -> bool:
    """Give an FFI the state parsing csource left in its parser, as cffi's cdef() would (False if the payload is unusable)."""
    parser = ffi._parser
    try:
        kept = _TypeUnpickler(payload, parser._declarations).load()
    except Exception:  # a damaged or foreign entry: parse instead
        return False
    # every attribute a new parser has (parsing adds some), and nothing left to complete
    if not isinstance(kept, dict) or not set(vars(parser)) - _NOT_KEPT <= set(kept) or kept.get("_recomplete"):
        return False
    with ffi._lock:
        ffi._cdef_version = object()
        for name, value in kept.items():
            setattr(parser, name, value)
        ffi._cdefsources.append(csource)
        if override:  # as cdef(override=True) does: functions already looked up are looked up again
            for cache in ffi._function_caches:
                cache.clear()
    return True


def _fresh(ffi: Any) -> bool:
    """Say whether an FFI has been given no declarations yet."""
    return not ffi._cdefsources and not ffi._parser._declarations


# What a parser holds besides its declarations: a type name's parse that changes one is not kept.
_PARSE_STATE = ("_declarations", "_included_declarations", "_int_constants", "_recomplete")
DECLARED = "declared:"  # names, in a kept type, a type the parser had declared (by its declaration)


class _TypePickler(pickle.Pickler):
    """Pickles a parsed type: cffi's shared types by name, the parser's declared types by their declaration."""

    def __init__(self, out: io.BytesIO, declared: dict[int, str]):
        super().__init__(out, protocol=pickle.HIGHEST_PROTOCOL)
        self.declared = declared

    def persistent_id(self, obj: Any) -> str | None:
        for name, shared in _SHARED.items():
            if obj is shared:
                return name
        declaration = self.declared.get(id(obj))
        return None if declaration is None else DECLARED + declaration


class _TypeUnpickler(pickle.Unpickler):
    """Gives a parsed type back, with cffi's shared types and the parser's declared types as themselves."""

    def __init__(self, payload: bytes, declarations: dict[str, Any]):
        super().__init__(io.BytesIO(payload))
        self.declarations = declarations

    def persistent_load(self, pid: Any) -> Any:
        if isinstance(pid, str) and pid.startswith(DECLARED) and pid[len(DECLARED) :] in self.declarations:
            return self.declarations[pid[len(DECLARED) :]][0]
        if pid not in _SHARED:
            raise pickle.UnpicklingError(f"unknown object {pid!r}")
        return _SHARED[pid]


def _parse_state(parser: Any) -> tuple:
    """Return how much a parser holds of each thing a parse may add to."""
    return tuple(len(getattr(parser, name, ())) for name in _PARSE_STATE) + (getattr(parser, "_anonymous_counter", 0),)


def kept_type_names(ffi: Any) -> bool:
    """From now on, the C type names an FFI parses are read back from mou's cache folder when kept; return whether that is on."""
    parser_class = type(ffi._parser)  # cffi's Parser (cffi.cparser, imported by the FFI)
    original = parser_class.parse_type_and_quals
    if not wanted() or getattr(original, "mou_kept_for", None) is not None:
        return False

    def parse_type_and_quals(parser: Any, cdecl: Any) -> Any:
        if parser is not ffi._parser or not isinstance(cdecl, str):
            return original(parser, cdecl)
        key = cache_key("cffi type name", _PARSED_WITH, *ffi._cdefsources, cdecl)
        found = cached_entry("cffi-types", key)
        if found is not None:
            try:
                kept = _TypeUnpickler(found, parser._declarations).load()
            except Exception:  # a damaged or foreign entry: parse instead
                kept = None
            if (
                isinstance(kept, tuple)
                and len(kept) == 2
                and isinstance(kept[0], cffi.model.BaseTypeByIdentity)
                and isinstance(kept[1], int)
            ):
                return kept
        before = _parse_state(parser)
        declared = declared_types(parser)
        parsed = original(parser, cdecl)
        if _parse_state(parser) == before and isinstance(parsed, tuple):
            out = io.BytesIO()
            try:
                _TypePickler(out, declared).dump(parsed)
            except (pickle.PickleError, TypeError, AttributeError):
                return parsed
            store_entry("cffi-types", key, out.getvalue())
        return parsed

    parse_type_and_quals.mou_kept_for = ffi  # type: ignore[attr-defined]
    parser_class.parse_type_and_quals = parse_type_and_quals
    return True


def cdef_kept(original: Any, ffi: Any, csource: Any, override: bool = False, options: dict | None = None) -> None:
    """Give an FFI declarations as original (cffi's cdef) would, reading back the state they leave when it was kept."""
    options = options or {}
    # The sources this FFI was given, all through here: its parser's state is theirs alone.
    given = getattr(ffi, "mou_declared", ())
    if options or not isinstance(csource, str) or list(given) != ffi._cdefsources or not (given or _fresh(ffi)):
        return original(ffi, csource, override=override, **options)
    # An overriding declaration is named apart: what it leaves differs where it replaces one.
    key = cache_key("cffi declarations", _PARSED_WITH, *given, csource, *(["override"] if override else []))
    found = cached_entry("cffi-declarations", key)
    if found is not None and restore(ffi, found, csource, override):
        state["restored"] += 1
        ffi.mou_declared = (*given, csource)
        return None
    built, declared = len(ffi._cached_btypes), declared_types(ffi._parser)
    original(ffi, csource, override=override)
    state["parsed"] += 1
    ffi.mou_declared = (*given, csource)
    if len(ffi._cached_btypes) == built and not ffi._parser._recomplete:  # parsing built no types
        store_entry("cffi-declarations", key, parser_state(ffi._parser, declared))
    return None


def declare(ffi: Any, csource: str, override: bool = False) -> None:
    """Give an FFI more declarations, as ffi.cdef() does, the state they leave read back when kept (`MOU_ACCELERATE=0`: parsed)."""
    if wanted():
        cdef_kept(CFFI_CDEF, ffi, csource, override)
    else:
        ffi.cdef(csource, override=override)


@contextlib.contextmanager
def kept_declarations() -> Iterator[None]:
    """While inside, the first declarations of a new cffi.FFI are read back from mou's cache when they were parsed before."""
    if not wanted():
        yield
        return
    original = cffi.FFI.cdef

    def cdef(self: Any, csource: Any, override: bool = False, **options: Any) -> None:
        cdef_kept(original, self, csource, override, options)

    cffi.FFI.cdef = cdef
    try:
        yield
    finally:
        cffi.FFI.cdef = original
    weasyprints = sys.modules.get(WEASYPRINT_FFI)
    if weasyprints is not None and isinstance(getattr(weasyprints, "ffi", None), cffi.FFI):
        kept_type_names(weasyprints.ffi)
