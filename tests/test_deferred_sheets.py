"""WeasyPrint imported as mou imports it is the WeasyPrint it imports by itself.

Its own stylesheets, parsed when first used (mou/pdf/deferred_sheets.py), are the sheets it
parses at import; its C declarations read back from mou's cache (mou/pdf/declarations.py)
are the ones cffi parses.

Each check runs in a fresh process, which imports WeasyPrint through mou.pdf as a build does
(the test process may have imported WeasyPrint before).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest
import weasyprint
from conftest import ROOT
from weasyprint.css.counters import CounterStyle

from mou.pdf import deferred_sheets

# A page that uses all three sheets: HTML elements, a form field and presentational hints.
PAGE = (
    "<html><body><h1>หัวข้อ</h1><ol><li>one</li><li>two</li></ol><ul type='square'><li>x</li></ul>"
    "<form><input value='field'><textarea>text</textarea></form>"
    "<table border='1' cellpadding='4'><tr><td align='right' bgcolor='#eee'>cell</td></tr></table>"
    "<font size='5' color='red'>big</font><hr size='3'></body></html>"
)
COMPARE = """
import mou.pdf, weasyprint, weasyprint.html as h
from mou.pdf import deferred_sheets
from weasyprint.css.counters import CounterStyle

def held(sheet):
    found = []
    for name, entries in sorted(vars(sheet.matcher).items()):
        if isinstance(entries, dict):
            entries = [entry for key in sorted(entries) for entry in entries[key]]
        if isinstance(entries, list):
            found.append((name, [repr(entry[1:]) for entry in entries]))
    return [found, repr(sheet.page_rules), repr(sheet.layers)]

print("deferred" if deferred_sheets.state["deferred"] else "parsed at import")
print(type(h.UA_STYLESHEET).__name__, type(h.PH_STYLESHEET).__name__, type(h.UA_FORM_STYLESHEET).__name__)
counters = CounterStyle()
eager = weasyprint.CSS(string=h.UA, counter_style=counters)
print("counter styles", list(h.UA_COUNTER_STYLE) == list(counters) and repr(h.UA_COUNTER_STYLE) == repr(counters))
for text, sheet, counting in ((h.UA, h.UA_STYLESHEET, True), (h.UA_FORM, h.UA_FORM_STYLESHEET, True), (h.PH, h.PH_STYLESHEET, False)):
    same = held(sheet) == held(weasyprint.CSS(string=text, counter_style=CounterStyle() if counting else None))
    print("same" if same and isinstance(sheet, weasyprint.CSS) else "different")
"""
RENDER = (
    "import sys, hashlib, mou.pdf, weasyprint\n"
    "data = weasyprint.HTML(string=sys.argv[1]).write_pdf(presentational_hints=True, pdf_forms=True, uncompressed_pdf=True)\n"
    "print(hashlib.sha256(data).hexdigest())\n"
)


def fresh_process(script: str, *arguments: str, accelerate: str = "1", env: dict[str, str] | None = None) -> list[str]:
    """Run a script in a new Python process (mou importable) and return the lines it printed."""
    env = {**os.environ, **(env or {}), "MOU_ACCELERATE": accelerate, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments], env=env, capture_output=True, text=True, cwd=str(ROOT)
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_a_deferred_sheet_once_read_is_the_sheet_weasyprint_parses():
    lines = fresh_process(COMPARE)
    assert lines == ["deferred", "DeferredCSS DeferredCSS DeferredCSS", "counter styles True", "same", "same", "same"]


def test_with_the_speed_ups_off_weasyprint_parses_its_sheets_at_import():
    assert fresh_process(COMPARE, accelerate="0")[:2] == ["parsed at import", "CSS CSS CSS"]


def test_plain_weasyprint_draws_the_same_with_its_sheets_deferred_or_not():
    assert fresh_process(RENDER, PAGE) == fresh_process(RENDER, PAGE, accelerate="0")


def test_another_weasyprint_is_imported_as_it_is(monkeypatch):
    assert deferred_sheets.tested()
    monkeypatch.setitem(deferred_sheets.TESTED_FILES, "html.py", hashlib.sha256(b"another").hexdigest())
    assert not deferred_sheets.tested()


DECLARED = """
import hashlib, sys, mou.pdf, weasyprint
from mou.pdf import declarations
from weasyprint.text.ffi import ffi
names = sorted(ffi._parser._declarations)
print("restored" if declarations.state["restored"] else "parsed")
def named(value):
    return value._get_c_name() if hasattr(value, "_get_c_name") else repr(value)
print(hashlib.sha256(repr([(n, named(ffi._parser._declarations[n][0])) for n in names]).encode()).hexdigest())
print(ffi.sizeof("PangoRectangle"), ffi.sizeof("PangoGlyphInfo"), ffi.sizeof("PangoGlyphString"))
data = weasyprint.HTML(string=sys.argv[1]).write_pdf(presentational_hints=True, uncompressed_pdf=True)
print(hashlib.sha256(data).hexdigest())
"""


def test_weasyprint_declarations_read_back_from_the_cache_are_the_ones_parsed(tmp_path):
    env = {"MOU_CACHE_DIR": str(tmp_path / "cache")}
    parsed = fresh_process(DECLARED, PAGE, env=env)
    restored = fresh_process(DECLARED, PAGE, env=env)
    plain = fresh_process(DECLARED, PAGE, env=env, accelerate="0")
    assert parsed[0] == "parsed" and restored[0] == "restored" and plain[0] == "parsed"
    assert parsed[1:] == restored[1:] == plain[1:]
    for entry in (tmp_path / "cache" / "cffi-declarations").iterdir():  # a damaged entry is parsed again
        entry.write_bytes(entry.read_bytes()[:-1])
    assert fresh_process(DECLARED, PAGE, env=env) == parsed


def test_counter_styles_read_back_from_the_cache_are_the_ones_parsed(tmp_path):
    env = {"MOU_CACHE_DIR": str(tmp_path / "cache")}
    expected = ["deferred", "DeferredCSS DeferredCSS DeferredCSS", "counter styles True", "same", "same", "same"]
    assert fresh_process(COMPARE, env=env) == expected  # parsed, and kept
    (entry,) = (tmp_path / "cache" / "counter-styles").iterdir()
    assert fresh_process(COMPARE, env=env) == expected  # read back
    entry.write_bytes(entry.read_bytes()[:-1])  # a damaged entry is parsed again
    assert fresh_process(COMPARE, env=env) == expected
    (tmp_path / "unwritable").write_text("a file where the cache folder should be", encoding="utf-8")
    assert fresh_process(COMPARE, env={"MOU_CACHE_DIR": str(tmp_path / "unwritable")}) == expected


def test_counter_styles_are_kept_only_from_empty_ones_and_a_parse_that_does_not_warn(tmp_path, monkeypatch):
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path))
    rules = "@counter-style thumbs { system: cyclic; symbols: a b; suffix: ' ' }"
    filled, expected = CounterStyle(), CounterStyle()
    weasyprint.CSS(string=rules, counter_style=expected)
    deferred_sheets.fill_counter_styles(weasyprint.CSS, rules, filled)
    assert filled == expected and len(list((tmp_path / "counter-styles").iterdir())) == 1
    read_back = CounterStyle()
    monkeypatch.setattr(weasyprint, "CSS", lambda **options: pytest.fail("parsed again"))
    deferred_sheets.fill_counter_styles(weasyprint.CSS, rules, read_back)
    assert read_back == expected
    monkeypatch.undo()
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path / "other"))
    holding = CounterStyle({"decimal": expected["thumbs"]})  # not empty: what it holds may change the parse
    deferred_sheets.fill_counter_styles(weasyprint.CSS, rules, holding)
    warning = CounterStyle()
    deferred_sheets.fill_counter_styles(weasyprint.CSS, "@counter-style none { system: cyclic }", warning)
    assert set(holding) == {"decimal", "thumbs"} and not warning
    assert not (tmp_path / "other" / "counter-styles").exists()


TYPE_NAMES = """
import hashlib, sys, mou.pdf, weasyprint, pycparser.c_parser
from weasyprint.text.ffi import ffi
parses = []
original = pycparser.c_parser.CParser.parse
pycparser.c_parser.CParser.parse = lambda self, *a, **k: parses.append(1) or original(self, *a, **k)
names = ["PangoLayout *", "PangoGlyphString *", "hb_font_t *", "PangoRectangle[2]", "char *", "FcPattern *"]
print([(ffi.typeof(n).cname, ffi.sizeof(n) if "[" in n else 0) for n in names], len(parses))
rectangle = ffi.new("PangoRectangle *")  # a structure declared before: the same type as WeasyPrint's own
print(ffi.typeof(rectangle) is ffi.typeof("PangoRectangle *"), ffi.typeof("PangoRectangle").fields[0][0])
before = len(parses)
print(ffi.typeof("struct mou_never_declared *").cname, len(parses) - before)
data = weasyprint.HTML(string=sys.argv[1]).write_pdf(presentational_hints=True, uncompressed_pdf=True)
print(hashlib.sha256(data).hexdigest())
"""


def test_type_names_read_back_from_the_cache_are_the_types_parsed(tmp_path):
    env = {"MOU_CACHE_DIR": str(tmp_path / "cache")}
    parsed = fresh_process(TYPE_NAMES, PAGE, env=env)
    kept = sorted((tmp_path / "cache" / "cffi-types").iterdir())
    read_back = fresh_process(TYPE_NAMES, PAGE, env=env)
    plain = fresh_process(TYPE_NAMES, PAGE, env=env, accelerate="0")
    assert parsed[0].endswith(" 6") and read_back[0].endswith(" 0") and plain[0].endswith(" 6")
    assert parsed[0][:-2] == read_back[0][:-2] == plain[0][:-2]
    assert parsed[1:] == read_back[1:] == plain[1:]
    assert parsed[1] == "True x"
    assert parsed[2] == "struct mou_never_declared * 1" == read_back[2]  # it declares one: parsed each time
    assert sorted((tmp_path / "cache" / "cffi-types").iterdir()) == kept
    for entry in kept:  # a damaged entry is parsed again
        entry.write_bytes(entry.read_bytes()[:-3])
    assert fresh_process(TYPE_NAMES, PAGE, env=env) == parsed


LATER = """
import sys, cffi, mou.pdf
from mou.pdf import declarations
start = dict(declarations.state)  # WeasyPrint's own, imported with mou.pdf
ffi = cffi.FFI()
declarations.declare(ffi, "typedef struct { int a; double b[3]; } pair; typedef struct _opaque opaque;")
before = ffi.new("pair *")
declarations.declare(ffi, "size_t strlen(const char *); int pair_sum(pair *p, opaque *o);")
declarations.declare(ffi, "size_t strlen(const char *);", override=True)
libc = ffi.dlopen(None)
function = ffi.typeof(libc.strlen)
print(*(declarations.state[name] - start[name] for name in ("restored", "parsed")))
print(ffi.typeof(before) is ffi.typeof("pair *"), ffi.sizeof("pair"), function.cname, libc.strlen(b"thai"))
print(ffi.typeof("int(*)(pair *, opaque *)").args[0] is ffi.typeof("pair *"), sorted(ffi._parser._declarations))
"""


def test_later_declarations_read_back_from_the_cache_are_the_ones_parsed(tmp_path):
    env = {"MOU_CACHE_DIR": str(tmp_path / "cache")}
    parsed, read_back = fresh_process(LATER, env=env), fresh_process(LATER, env=env)
    plain = fresh_process(LATER, env=env, accelerate="0")
    assert parsed[0] == "0 3" and read_back[0] == "3 0" and plain[0] == "0 0"
    assert parsed[1:] == read_back[1:] == plain[1:]
    assert parsed[1] == "True 32 size_t(*)(char *) 4"
    assert parsed[2].startswith("True ['anonymous pair', 'function pair_sum', 'function strlen'")
