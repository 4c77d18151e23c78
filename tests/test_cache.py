"""The on-disk cache: work done once per input bytes, never a different result."""

from __future__ import annotations

import ctypes.util
import datetime
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pyphen
import pytest
from conftest import zipfile_writes
from weasyprint.pdf import fonts as weasy_fonts

from mou.core import cache, reproducible
from mou.core.errors import InputError
from mou.core.paths import cache_folder
from mou.docx import fonts
from mou.html import templating
from mou.pdf import hyphenation, libraries, speedups
from mou.pdf.render import install_patches, render_pdf
from mou.pipeline import font_files
from mou.records import coverage

ROOT = Path(__file__).resolve().parent.parent
REGULAR = ROOT / "templates" / "fonts" / "Sarabun-Regular.ttf"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point mou's cache at an empty folder."""
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MOU_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "mou"
    monkeypatch.setenv("MOU_CACHE_DIR", str(tmp_path / "own"))
    assert cache_folder() == tmp_path / "own"


def test_work_is_done_once_then_read_back(folder: Path) -> None:
    calls: list[int] = []

    def make() -> bytes:
        calls.append(1)
        return b"result"

    key = cache.cache_key("test", b"input")
    assert cache.cached("kind", key, make) == b"result"
    assert cache.cached("kind", key, make) == b"result"
    assert len(calls) == 1
    assert cache.cache_key("test", b"input") != cache.cache_key("tes", b"tinput")


def test_a_damaged_entry_is_made_again(folder: Path) -> None:
    key = cache.cache_key("test", b"damaged")
    cache.cached("kind", key, lambda: b"good bytes")
    entry = folder / "kind" / key
    stored = bytearray(entry.read_bytes())
    stored[-1] ^= 0xFF
    entry.write_bytes(bytes(stored))
    assert cache.cached("kind", key, lambda: b"good bytes") == b"good bytes"
    entry.write_bytes(b"short")
    assert cache.cached("kind", key, lambda: b"good bytes") == b"good bytes"
    assert cache.read_entry(entry) == b"good bytes"


def test_a_cache_that_cannot_be_written_still_gives_the_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MOU_CACHE_DIR", str(blocker))
    assert cache.cached("kind", "key", lambda: b"made") == b"made"


def test_the_docx_face_from_the_cache_is_the_face_cut_now(folder: Path) -> None:
    fonts.face_subset.cache_clear()
    data = REGULAR.read_bytes()
    first = fonts.face_subset(fonts.font_state(REGULAR))
    assert first == fonts.cut_to_writing(data)
    assert len(list((folder / "docx-fonts").iterdir())) == 1
    fonts.face_subset.cache_clear()
    assert fonts.face_subset(fonts.font_state(REGULAR)) == first


def test_a_face_with_the_documents_extra_letters_is_another_entry(folder: Path) -> None:
    fonts.face_subset.cache_clear()
    state, extra = fonts.font_state(REGULAR), (0xF8FF,)  # a character beyond the writing ones
    plain, more = fonts.face_subset(state), fonts.face_subset(state, extra)
    assert plain != more and more == fonts.cut_to_writing(REGULAR.read_bytes(), extra)
    assert len(list((folder / "docx-fonts").iterdir())) == 2
    fonts.face_subset.cache_clear()
    assert fonts.face_subset(state, extra) == more  # from the disk
    assert len(list((folder / "docx-fonts").iterdir())) == 2


def test_a_changed_recipe_is_another_entry(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fonts.face_subset.cache_clear()
    fonts.face_subset(fonts.font_state(REGULAR))
    monkeypatch.setattr(fonts, "SUBSET_RECIPE", fonts.SUBSET_RECIPE + " changed")
    fonts.face_subset.cache_clear()
    fonts.face_subset(fonts.font_state(REGULAR))
    fonts.face_subset.cache_clear()
    assert len(list((folder / "docx-fonts").iterdir())) == 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the linker's cache is read on Linux only")
def test_the_linker_cache_answers_as_ctypes_does() -> None:
    listing = libraries.linker_cache()
    assert listing is not None
    names = ["gobject-2.0", "pango-1.0", "pangoft2-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig", "c", "m"]
    names += ["libgobject-2.0-0", "harfbuzz-vector-0.0", "no-such-library"]
    for name in names:
        assert libraries.in_cache(listing, name) == ctypes.util._findSoname_ldconfig(name), name  # type: ignore[attr-defined]


def test_ctypes_search_is_put_back_after_weasyprint_loads() -> None:
    original = ctypes.util.find_library
    with libraries.found_in_linker_cache():
        pass
    assert ctypes.util.find_library is original


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the linker's cache is read on Linux only")
def test_weasyprint_loads_the_same_libraries_either_way() -> None:
    script = (
        "import mou.pdf, weasyprint.text.ffi as f\n"
        "print(sorted(l for l in open('/proc/self/maps').read().split() if '/lib' in l and '.so' in l and "
        "any(n in l for n in ('pango', 'harfbuzz', 'gobject', 'fontconfig'))))\n"
        "print(f.harfbuzz_subset is None, f.harfbuzz_vector is None)"
    )
    loaded = {}
    for switch in ("1", "0"):
        env = {**os.environ, "MOU_ACCELERATE": switch, "PYTHONPATH": str(ROOT)}
        loaded[switch] = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        ).stdout
    assert loaded["1"] == loaded["0"]
    assert "pango" in loaded["1"]


def _rendered_with_fresh_environment(templates: Path) -> tuple[str, int]:
    """Compile and render a template in a new environment; return the text and how many templates Jinja compiled."""
    env = templating.make_environment(templates)
    compiled = 0
    compile_source = env._compile

    def counting(source: str, filename: str) -> object:
        nonlocal compiled
        compiled += 1
        return compile_source(source, filename)

    env._compile = counting  # type: ignore[method-assign]
    return env.get_template("page.html").render(name="ชุมแพ"), compiled


def test_a_template_compiled_once_is_loaded_by_the_next_environment(folder: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<p>{{ name }} {{ 'x' * 3 }}</p>{% include 'part.html' %}", encoding="utf-8")
    (templates / "part.html").write_text("<p>{{ name | upper }}</p>", encoding="utf-8")
    first = _rendered_with_fresh_environment(templates)
    assert first == ("<p>ชุมแพ xxx</p><p>ชุมแพ</p>", 2)
    assert _rendered_with_fresh_environment(templates) == (first[0], 0)
    for entry in (folder / "jinja-bytecode").iterdir():  # a damaged entry is compiled again
        entry.write_bytes(entry.read_bytes()[:-5] + b"xxxxx")
    assert _rendered_with_fresh_environment(templates) == first
    (templates / "part.html").write_text("<p>{{ name }}!</p>", encoding="utf-8")  # an edited template too
    assert _rendered_with_fresh_environment(templates) == ("<p>ชุมแพ xxx</p><p>ชุมแพ!</p>", 1)


SUBSET_PAGE = (
    "<html><head><link rel='stylesheet' href='style.css'></head><body>"
    "<p lang='th'>บันทึกข้อตกลงความร่วมมือ <b>ตัวหนา</b></p><p lang='en'>Memorandum of understanding</p></body></html>"
)


def _subset_pdf() -> bytes:
    """Render a page of Thai and English, regular and bold, to PDF bytes."""
    templates = ROOT / "templates" / "standard"
    return render_pdf(SUBSET_PAGE, templates, [templates.parent], "subset test", signature_fields=False).data


def test_a_pdf_font_subset_from_the_cache_is_the_subset_harfbuzz_cuts_now(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_patches()
    if not speedups.state["installed"] or not weasy_fonts.harfbuzz_subset:
        pytest.skip("the speed-ups or HarfBuzz's subsetter are off here")
    made = _subset_pdf()  # cut by HarfBuzz, and stored
    entries = sorted((folder / "pdf-fonts").iterdir())
    assert len(entries) == 2  # Sarabun and Sarabun Bold
    cut = []
    monkeypatch.setitem(speedups.ORIGINAL, "subset", lambda *args: cut.append(args) or pytest.fail("cut again"))
    assert _subset_pdf() == made  # read back
    for entry in entries:  # damaged entries are not used: cut again, the same
        entry.write_bytes(entry.read_bytes()[:-1])
    monkeypatch.undo()
    assert _subset_pdf() == made
    monkeypatch.setattr(weasy_fonts.Font, "subset", speedups.ORIGINAL["subset"])  # the Thai patch and WeasyPrint only
    assert _subset_pdf() == made


def test_a_zip_member_deflated_from_the_cache_is_what_zipfile_writes(folder: Path) -> None:
    big = "".join(chr(0x0E01 + (i * 7919) % 40) + "abc<>/"[i % 6] for i in range(40_000)).encode()
    members = [("word/styles.xml", big), ("word/document.xml", b"<w:document/>" * 50)]
    when = datetime.datetime(2020, 9, 1, tzinfo=datetime.UTC)
    expected = zipfile_writes(members)
    reproducible._deflated.clear()
    assert reproducible.deterministic_zip(members, when) == expected  # deflated, and stored
    entries = list((folder / "deflated").iterdir())
    assert len(entries) == 1  # the large member only
    reproducible._deflated.clear()
    assert reproducible.deterministic_zip(members, when) == expected  # read back
    entries[0].write_bytes(entries[0].read_bytes()[:-1])
    reproducible._deflated.clear()
    assert reproducible.deterministic_zip(members, when) == expected  # damaged: deflated again


def test_the_characters_the_fonts_draw_read_from_the_cache_are_the_ones_read_from_the_fonts(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fonts_folder = tmp_path / "fonts"
    fonts_folder.mkdir()
    for name in ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf"):
        (fonts_folder / name).write_bytes((REGULAR.parent / name).read_bytes())
    state = coverage.font_state(fonts_folder)
    read = coverage._read_drawable({Path(path).name: Path(path).read_bytes() for path, _size, _time in state})
    family, codes = json.loads(read)
    assert family == "Sarabun" and ord("ก") in codes and ord("A") in codes and 0x2603 not in codes
    coverage.drawable.cache_clear()
    first = coverage.drawable(state)  # read from the fonts, and stored
    assert first == (family, frozenset(codes))
    assert len(list((folder / "font-coverage").iterdir())) == 1
    coverage.drawable.cache_clear()
    with monkeypatch.context() as patched:
        patched.setattr(coverage, "_read_drawable", lambda fonts: pytest.fail("read again"))
        assert coverage.drawable(state) == first  # read back
    (fonts_folder / "Sarabun-Bold.ttf").unlink()  # other fonts: read again, not taken from the entry
    coverage.drawable.cache_clear()
    assert coverage.drawable(coverage.font_state(fonts_folder)) == first
    assert len(list((folder / "font-coverage").iterdir())) == 2
    coverage.drawable.cache_clear()
    assert coverage.drawable(()) is None


WORDS = "memorandum understanding cooperation university municipality development agreement responsibilities"


def test_a_hyphenation_dictionary_read_back_from_the_cache_is_the_one_pyphen_parses(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pyphen, "hdcache", {})
    assert hyphenation.keep_dictionaries()
    path = pyphen.LANGUAGES[pyphen.language_fallback("en")]
    parsed = pyphen.HyphDict(path)
    made = pyphen.Pyphen(lang="en")  # parsed by Pyphen, and stored
    assert made.hd.patterns == parsed.patterns and made.hd.maxlen == parsed.maxlen
    assert len(list((folder / "hyphenation").iterdir())) == 1
    with monkeypatch.context() as patched:
        patched.setattr(pyphen, "hdcache", hyphenation.KeptDictionaries())  # a new process's
        patched.setattr(pyphen.HyphDict, "__init__", lambda self, path: pytest.fail("parsed again"))
        kept = pyphen.Pyphen(lang="en")
        assert kept.hd is not made.hd and kept.hd.patterns == parsed.patterns and kept.hd.maxlen == parsed.maxlen
        assert [kept.inserted(word) for word in WORDS.split()] == [made.inserted(word) for word in WORDS.split()]
    for entry in (folder / "hyphenation").iterdir():  # a damaged entry, or one that is no dictionary: parsed again
        for damaged in (entry.read_bytes()[:-1], None):
            if damaged is None:
                key = entry.name
                cache.store_entry("hyphenation", key, pickle.dumps(os.getcwd))  # a pickle that would call a function
            else:
                entry.write_bytes(damaged)
            monkeypatch.setattr(pyphen, "hdcache", hyphenation.KeptDictionaries())
            assert pyphen.Pyphen(lang="en").hd.patterns == parsed.patterns


def test_accelerate_zero_leaves_pyphen_its_own_dictionaries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pyphen, "hdcache", {})
    monkeypatch.setenv("MOU_ACCELERATE", "0")
    assert not hyphenation.keep_dictionaries()
    assert type(pyphen.hdcache) is dict


def test_a_font_file_found_whole_is_not_parsed_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / REGULAR.name).write_bytes(REGULAR.read_bytes())
    font_files.check_font_files(fonts, tmp_path)  # parsed, and its verdict stored
    assert len(list((folder / font_files.KIND).iterdir())) == 1
    font_files._font_fault.cache_clear()  # a new process
    monkeypatch.setattr(font_files, "_fault_in", lambda data: pytest.fail("parsed again"))
    font_files.check_font_files(fonts, tmp_path)
    monkeypatch.undo()
    (fonts / REGULAR.name).write_bytes(REGULAR.read_bytes()[:5000])  # other bytes: parsed, and refused
    font_files._font_fault.cache_clear()
    with pytest.raises(InputError):
        font_files.check_font_files(fonts, tmp_path)
    assert len(list((folder / font_files.KIND).iterdir())) == 1  # a damaged file's verdict is not kept
