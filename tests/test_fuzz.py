"""Arbitrary text and structure in records never crash mou: the CLI exits 0 or 1, never 3.

Validate-level tests run the CLI with the render stage replaced (fast: 200 examples by
default); the render-level test runs the whole CLI for one language, PDF and DOCX (25 by
default). For a dedicated run raise the counts:

    MOU_FUZZ_EXAMPLES=3000 MOU_FUZZ_RENDER_EXAMPLES=300 \\
        python -m pytest tests/test_fuzz.py -q --hypothesis-show-statistics

MOU_FUZZ_EXAMPLES sets the validate-level count; the render-level count is
MOU_FUZZ_RENDER_EXAMPLES, or a tenth of MOU_FUZZ_EXAMPLES (at least 25).

Every bug these tests found is pinned by a plain regression test at the end of the file.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import shutil
import typing
import unicodedata
from pathlib import Path
from unittest import mock

import pypdfium2 as pdfium
import pytest
import yaml
from conftest import AGREEMENT, PARTY_A, PARTY_B, ROOT
from fontTools.ttLib import TTFont
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from test_typesetting import layout_lines, outside

from mou.cli.main import main
from mou.core.errors import InputError
from mou.core.messages import say
from mou.pipeline.build import load
from mou.pipeline.layout import Layout
from mou.pipeline.selection import select
from mou.records.model import Party, PartyKind

try:
    import mou.docx.render  # noqa: F401

    FORMATS: tuple[str, ...] = ("pdf", "docx")
except ImportError:  # the DOCX stage is not written yet
    FORMATS = ("pdf",)

VALIDATE_EXAMPLES = int(os.environ.get("MOU_FUZZ_EXAMPLES", "200"))
RENDER_EXAMPLES = int(
    os.environ.get(
        "MOU_FUZZ_RENDER_EXAMPLES", max(25, VALIDATE_EXAMPLES // 10) if "MOU_FUZZ_EXAMPLES" in os.environ else 25
    )
)
_HEALTH = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
    HealthCheck.large_base_example,
]
settings.register_profile(
    "mou-fuzz-validate", max_examples=VALIDATE_EXAMPLES, deadline=None, suppress_health_check=_HEALTH, print_blob=True
)
settings.register_profile(
    "mou-fuzz-render", max_examples=RENDER_EXAMPLES, deadline=None, suppress_health_check=_HEALTH, print_blob=True
)
VALIDATE = settings.get_profile("mou-fuzz-validate")
RENDER = settings.get_profile("mou-fuzz-render")

LANGUAGES = ("en", "th")  # of the messages: the CLI's --lang


def _label(language: str) -> str:
    return re.escape(say("error").text(language))


def _summary(language: str) -> str:
    """The closing lines of a failed build in one language, numbers left open."""
    patterns = []
    for key, names in (("problems_found", ("n",)), ("agreements_failed", ("n", "total"))):
        pattern = re.escape(say(key, **{name: f"@{name}@" for name in names}).text(language))
        for name in names:
            pattern = pattern.replace(re.escape(f"@{name}@"), r"\d+")
        patterns.append(pattern)
    return "|".join(patterns)


# One located problem per line: "error: path:line:col: field: message", "…path:line: message"
# or "…path: message"; then the summary.
PROBLEM_LINE = {lang: re.compile(rf"^{_label(lang)}: [^:\n]+(:\d+(:\d+)?)?: .*\S.*$") for lang in LANGUAGES}
SUMMARY_LINE = {lang: re.compile(rf"^({_summary(lang)})$") for lang in LANGUAGES}
# What PyYAML's reader refuses in a file (yaml/reader.py NON_PRINTABLE).
LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


# --- text strategies ------------------------------------------------------------------------

SARABUN = sorted(
    chr(c)
    for c in TTFont(ROOT / "templates" / "fonts" / "Sarabun-Regular.ttf").getBestCmap()
    if unicodedata.category(chr(c)) not in ("Cc", "Co", "Cs")
)
THAI = [chr(c) for c in range(0x0E01, 0x0E5C) if unicodedata.category(chr(c)) != "Cn"]
COMBINING = [chr(c) for c in range(0x0300, 0x0370)] + [
    "\u0e31",
    "\u0e34",
    "\u0e47",
    "\u0e48",
    "\u0e4c",
    "\u0e4d",
    "\u200c",
    "\u200d",
]
SPECIAL = [
    "",
    " ",
    "\n",
    "\t",
    " \n\t ",
    "\u00a0",
    "\u3000",
    "\u200b",
    "\ufeff",
    "\u202e",
    "\u2066",
    "\u00ad",
    "\u0e33",
    "\u0e33" * 40,
    "ำำำ",
    "\u0e48\u0e48\u0e48",
    "ก\u0e31\u0e48\u0e4c",
    "\r\n",
    "\x85",
    "\u2028",
    "\u2029",
    "\x0b",
    "\x1b[31m",
    "\x7f",
    "\x00",
    "\ufffe",
    "\U0010ffff",
    "\U000e0001",
    "𝕋𝕙𝕒𝕚",
    "👩\u200d👩\u200d👧",
    "🇹🇭",
    "a\u0301\u0302\u0303\u0304\u0305",
    "{{ 7*7 }}",
    "{% raw %}",
    "<b>x</b>",
    "&amp;",
    "\\",
    "'",
    '"',
    "''",
    "null",
    "~",
    "yes",
    "no",
    "0x1F",
    "1e3",
    ".inf",
    "- a",
    "a: b",
    "? x",
    "# c",
    "!!str",
    "&a",
    "*a",
    "|",
    ">",
    "%YAML 1.1",
    "---",
    "...",
    "@",
    "`",
    "a" * 300,
    "ก" * 300,
    "x " * 2000,
    "\u0e01\u0e33" * 1000,
]
RENDERABLE_SPECIAL = [s for s in SPECIAL if s.strip() and all(c in SARABUN or c in " \n\t" for c in s)]


def long_text(piece: st.SearchStrategy[str], most: int) -> st.SearchStrategy[str]:
    """A long text: a drawn piece repeated, then another piece (cheap for hypothesis to hold)."""
    return st.builds(lambda p, n, tail: p * n + tail, piece, st.integers(20, most), piece)


any_text = st.one_of(
    st.text(max_size=60),  # every plane, controls included (surrogates cannot be written)
    st.text(st.sampled_from(THAI + COMBINING + [" ", "\n", "\t"]), max_size=80),
    st.text(st.characters(categories=("Cc", "Cf", "Mn", "Me", "Zl", "Zp", "Zs", "Co", "Cn")), max_size=20),
    st.sampled_from(SPECIAL),
    long_text(st.text(min_size=1, max_size=12), 800),
)
# Text the bundled font can draw, so most render-level examples get through the whole build;
# a third of the examples mix in any text at all.
clean_text = st.one_of(
    st.text(st.sampled_from(SARABUN + [" "] * 20), min_size=1, max_size=60).filter(str.strip),
    st.text(st.sampled_from(THAI + [" "] * 5), min_size=1, max_size=80).filter(str.strip),
    st.sampled_from(RENDERABLE_SPECIAL),
    long_text(st.text(st.sampled_from(SARABUN + [" "] * 4), min_size=1, max_size=12).filter(str.strip), 150),
)
wild_text = st.one_of(clean_text, any_text)
ident = st.from_regex(r"\A[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?\Z")
KINDS = list(typing.get_args(PartyKind))  # every kind the model accepts


# --- record strategies ----------------------------------------------------------------------


def bilingual(text: st.SearchStrategy[str], languages: tuple[str, ...]) -> st.SearchStrategy[dict]:
    """A {th: …, en: …} value with text in the given languages."""
    return st.fixed_dictionaries({lang: text for lang in languages})


def person(text, languages) -> st.SearchStrategy[dict]:
    """A signatory, witness or presiding person."""
    bi = bilingual(text, languages)
    return st.fixed_dictionaries({"name": bi, "position": bi}, optional={"prefix": bi, "acting_for": bi})


def party(text, languages) -> st.SearchStrategy[dict]:
    """A party record."""
    bi = bilingual(text, languages)
    return st.fixed_dictionaries(
        {
            "name": bi,
            "kind": st.sampled_from(KINDS),
            "short_name": bi,
            "address": bi,
            "signatory": person(text, languages),
        },
        optional={"logo": text} if "logo" in Party.model_fields else {},
    )


@st.composite
def project(draw, text, version, max_list: int, languages: tuple[str, ...] | None = None) -> dict:
    """Parties and one agreement with `text` in every text field."""
    if languages is None:
        languages = draw(st.sampled_from([("th",), ("en",), ("th", "en")]))
    bi = bilingual(text, languages)
    ids = draw(st.lists(ident, min_size=2, max_size=4, unique=True))
    parties = {pid: draw(party(text, languages)) for pid in ids}
    clauses = draw(
        st.lists(
            st.fixed_dictionaries({"heading": bi}, optional={"text": bi, "items": st.lists(bi, max_size=max_list)}),
            min_size=1,
            max_size=max(1, max_list // 4),
        )
    )
    for number, clause in enumerate(clauses, start=1):
        clause["id"] = f"c{number}"
    start = draw(st.dates(min_value=datetime.date(1941, 1, 1), max_value=datetime.date(2200, 12, 31)))
    agreement = {
        "version": draw(version),
        "status": draw(st.sampled_from(["draft", "final", "signed"])),
        "languages": list(languages),
        "prevailing_language": languages[0],
        "title": draw(bi),
        "subject": draw(bi),
        "place": draw(bi),
        "date": start,
        "parties": ids,
        "clauses": clauses,
        "duration": {"start": start, "end": start + datetime.timedelta(days=draw(st.integers(0, 4000)))},
        "originals": draw(st.integers(1, 1000)),
    }
    optional = {
        "between": st.lists(bi, max_size=max_list // 4),
        "collective_name": bi,
        "presiding": person(text, languages),
        "witnesses": st.lists(person(text, languages), max_size=4),
        # who signs for some parties in this agreement; now and then an id that is not a party
        "signatories": st.dictionaries(st.sampled_from([*ids, "not-a-party"]), person(text, languages), max_size=3),
        "budget": st.fixed_dictionaries(
            {"amount": st.one_of(st.integers(0, 10**14), st.decimals(0, 10**12, places=2).map(str))},
            optional={"source": bi},
        ),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            agreement[key] = draw(strategy)
    return {"parties": parties, "agreement": agreement}


def dump(data) -> str:
    """Write one record as YAML, keeping every character (PyYAML escapes what it must)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)


# --- running ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project folder with the real templates, rewritten by every example."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "templates", root / "templates")
    return root


def write_texts(root: Path, files: dict[str, str]) -> None:
    """Replace the project's records (and output) by files {relative path: text}."""
    for folder in ("parties", "agreements", "output"):
        shutil.rmtree(root / folder, ignore_errors=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")


def write_project(root: Path, data: dict) -> None:
    """Write a drawn project's records."""
    files = {f"parties/{pid}.yaml": dump(p) for pid, p in data["parties"].items()}
    files["agreements/test.yaml"] = dump(data["agreement"])
    write_texts(root, files)


def cli(argv: list[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; any exception escaping main is a failure of the test."""
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def _load_only(layout: Layout, wanted=(), formats=(), **options) -> list:
    """The build's gather-and-check phase only: load, validate and select, render nothing."""
    select(load(layout).agreements, wanted)
    return []


def cli_without_rendering(root: Path, language: str = "en") -> tuple[int, str, str]:
    """Run the CLI with its build replaced by the gather-and-check phase: loading, checking
    and reporting, at the speed of a few milliseconds an example."""
    with mock.patch("mou.cli.build_command.build", _load_only):
        return cli(["--root", str(root), "--lang", language])


def printable_line(shown: str) -> bool:
    """One line, no control characters: record text in a message can neither forge a line nor
    drive the terminal (mou shows such characters as escapes)."""
    return not LINE_BREAKS.search(shown) and not any(unicodedata.category(c) == "Cc" and c != "\t" for c in shown)


def check_load_result(root: Path, status: int, err: str, language: str = "en") -> None:
    """Exit 0 or 1; on 1 stderr is exactly one located line per problem, then the summary."""
    assert status in (0, 1), err
    assert "Traceback" not in err
    if status == 0:
        assert err == ""
        event("loaded")
        return
    try:
        load(Layout(root, root / "output"))
    except InputError as exc:
        problems = exc.problems
    else:
        raise AssertionError(f"the CLI failed but the records load: {err}")
    label = say("error").text(language)
    expected = "".join(f"{label}: {p.render(language)}\n" for p in problems)
    expected += say("problems_found", n=len(problems)).text(language) + "\n"
    assert err == expected
    event("refused")
    for problem in problems:
        assert problem.path
        shown = f"{label}: {problem.render(language)}"
        assert printable_line(shown), f"error line with a line break or control character: {shown!r}"
        assert PROBLEM_LINE[language].match(shown), f"badly shaped error line: {shown!r}"


# --- validate-level ------------------------------------------------------------------------


@VALIDATE
@given(
    data=st.sampled_from([any_text, wild_text, clean_text]).flatmap(
        lambda text: project(text, st.one_of(text, any_text), max_list=60)
    ),
    language=st.sampled_from(LANGUAGES),
)
@example(data={"parties": {"a": {}, "b": {}}, "agreement": {}}, language="en")
@pytest.mark.slow
def test_any_text_in_every_text_field_is_loaded_or_reported(workdir, data, language):
    write_project(workdir, data)
    status, _, err = cli_without_rendering(workdir, language)
    check_load_result(workdir, status, err, language)


def _paths(value, prefix=()):
    """Every key path in a record's data, containers included."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, prefix + (index,))


yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(2**80), 2**80),
    st.floats(),
    any_text,
    st.dates(),
    st.datetimes(),
    st.binary(max_size=16),
    st.sampled_from(KINDS + ["th", "en"]),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.dictionaries(
            st.one_of(any_text, st.integers(), st.sampled_from(["th", "en", "name", "id", "text"])), inner, max_size=6
        )
    ),
    max_leaves=25,
)


@VALIDATE
@given(data=st.data(), language=st.sampled_from(LANGUAGES))
@pytest.mark.slow
def test_any_value_anywhere_is_loaded_or_reported(workdir, data, language):
    records = {
        "parties/town.yaml": yaml.safe_load(PARTY_A),
        "parties/kku.yaml": yaml.safe_load(PARTY_B),
        "agreements/test.yaml": yaml.safe_load(AGREEMENT),
    }
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        name = data.draw(st.sampled_from(sorted(records)), label="file")
        paths = list(_paths(records[name]))
        path = data.draw(st.sampled_from(paths), label="path")
        value = data.draw(yaml_values, label="value")
        if not path:
            records[name] = value
            continue
        parent = records[name]
        for part in path[:-1]:
            parent = parent[part]
        if isinstance(parent, dict) and data.draw(st.booleans(), label="new key"):
            parent[data.draw(st.one_of(any_text, st.integers()), label="key")] = value
        else:
            parent[path[-1]] = value
    write_texts(workdir, {name: dump(value) for name, value in records.items()})
    status, _, err = cli_without_rendering(workdir, language)
    check_load_result(workdir, status, err, language)


YAML_SPECIALS = [
    ":",
    ": ",
    "-",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!",
    "!!",
    "%",
    "@",
    "`",
    "|",
    ">",
    "#",
    "'",
    '"',
    "\\",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "  ",
    "---\n",
    "...\n",
    "? ",
    "<<: ",
    "!!python/object/apply:os.system ",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b",
    "\x85",
    "\u2028",
    "\ufffe",
    "9999-99-99",
    "2020-02-30",
    "0o17",
    "0x",
    ".nan",
    "~",
]


@st.composite
def mutated(draw, text: str) -> str:
    """Apply a few raw edits to a YAML text: insert, delete, duplicate, swap, indent, truncate."""
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "swap", "indent", "truncate", "replace"]))
        at = draw(st.integers(0, len(text)))
        if kind in ("insert", "replace"):
            piece = draw(st.one_of(st.sampled_from(YAML_SPECIALS), any_text, st.text(max_size=5)))
            text = text[:at] + piece + text[at + (kind == "replace") :]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "truncate":
            text = text[:at]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if kind == "duplicate":
                lines.insert(j, lines[i])
            elif kind == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = draw(st.sampled_from(["", " ", "  ", "\t", "    "])) + lines[i].lstrip(" ")
            text = "\n".join(lines)
    return text


@VALIDATE
@given(data=st.data(), language=st.sampled_from(LANGUAGES))
@pytest.mark.slow
def test_raw_edits_of_the_yaml_files_are_loaded_or_reported(workdir, data, language):
    files = {
        "parties/town.yaml": PARTY_A.lstrip("\n"),
        "parties/kku.yaml": PARTY_B.lstrip("\n"),
        "agreements/test.yaml": AGREEMENT.lstrip("\n"),
    }
    for name in data.draw(st.lists(st.sampled_from(sorted(files)), min_size=1, max_size=3, unique=True)):
        files[name] = data.draw(mutated(files[name]), label=name)
    write_texts(workdir, files)
    status, _, err = cli_without_rendering(workdir, language)
    check_load_result(workdir, status, err, language)


@pytest.mark.slow
def test_huge_lists_are_loaded():
    """Thousands of entries: loading stays quick and nothing is lost."""
    import tempfile
    import time

    agreement = yaml.safe_load(AGREEMENT)
    agreement["clauses"] = [
        {
            "id": f"c{i}",
            "heading": {"th": f"หัวข้อ {i}", "en": f"Heading {i}"},
            "items": [{"th": f"ข้อย่อย {j}", "en": f"Item {j}."} for j in range(50)],
        }
        for i in range(300)
    ]
    agreement["between"] = [{"th": f"คู่สัญญา {i}", "en": f"Party {i}"} for i in range(1000)]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "templates", root / "templates")
        write_texts(
            root, {"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": dump(agreement)}
        )
        started = time.perf_counter()
        project_ = load(Layout(root, root / "output"))
        assert time.perf_counter() - started < 30
        assert sum(len(c.items) for c in project_.agreements["test"].clauses) == 15000


# --- render-level --------------------------------------------------------------------------

safe_version = st.from_regex(r"\A[0-9A-Za-z][0-9A-Za-z._-]{0,15}\Z")


@pytest.mark.slow
@RENDER
@given(
    data=st.tuples(st.sampled_from([("th",), ("en",)]), st.sampled_from([clean_text, clean_text, wild_text])).flatmap(
        lambda choice: project(choice[1], safe_version, max_list=12, languages=choice[0])
    ),
    messages=st.sampled_from(LANGUAGES),
)
def test_any_text_renders_or_is_reported(workdir, data, messages):
    write_project(workdir, data)
    language = data["agreement"]["languages"][0]
    argv = ["--root", str(workdir), "--lang", messages]
    for fmt in FORMATS:
        argv += ["--format", fmt]
    status, out, err = cli(argv)
    assert status in (0, 1), err
    assert "Traceback" not in err
    for line in err.splitlines():
        assert PROBLEM_LINE[messages].match(line) or SUMMARY_LINE[messages].match(line), (
            f"badly shaped error line: {line!r}"
        )
    if status == 1:
        records = say("problems_found", n=1).text(messages).split("1", 1)[1]
        if records not in err:  # the records are valid: the standard templates must render them
            assert "templates/" not in err, f"the standard template fails on valid records: {err}"
        event("refused: " + ("records" if records in err else "render"))
        return
    event("rendered")
    written = {p.name: p for p in (workdir / "output").rglob("test.*") if p.is_file()}
    assert sorted(written) == sorted(f"test.{language}.{fmt}" for fmt in FORMATS)
    assert all(data["agreement"]["version"] in p.parts for p in written.values())
    pdf = pdfium.PdfDocument(written[f"test.{language}.pdf"].read_bytes())
    try:
        assert len(pdf) >= 1
        assert pdf[0].get_textpage().get_text_range().strip()
    finally:
        pdf.close()
    # whatever the text, nothing is drawn past the margins (a long Latin word in Thai text was)
    past = outside(layout_lines(written[f"test.{language}.pdf"]))
    assert [(line.page, round(line.right, 1), line.text[:40]) for line in past] == []
    if "docx" in FORMATS:
        import docx

        assert docx.Document(str(written[f"test.{language}.docx"])).paragraphs


# --- what fuzzing found: one regression test each (all fixed) ------------------------------


@pytest.mark.parametrize("char", ["\x07", "\x0b", "\x1b", "\x00", "\ufffe"])
def test_raw_control_character_in_a_yaml_file_is_reported(tree, char):
    """A raw control character (pasted from Word) made PyYAML's reader raise outside
    load_record's try: exit 3 instead of a located problem."""
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT.replace("Test agreement", f"Test{char}agreement"),
        }
    )
    status, _, err = cli_without_rendering(root)
    assert status == 1, err
    assert err.startswith("error: agreements/test.yaml:3:"), err


@pytest.mark.parametrize(
    "old, new, problems",
    [
        ("status: final", 'status: "done\\nerror: parties/kku.yaml:1:1: forged"', 1),
        ("status: final", 'status: "\\e[2J\\e[31mdone"', 1),
        ("originals: 2", '"origi\\nnals": 2', 2),  # unknown field, and originals is missing
        ("parties: [town, kku]", 'parties: [town, "k\\rku"]', 1),
        ("originals: 2", 'originals: "2\\n3"', 1),
    ],
)
def test_messages_show_record_text_on_one_printable_line(tree, old, new, problems):
    """Record text was repeated in messages as it was: a line break forged extra 'error:'
    lines and escape codes reached the terminal."""
    root = tree(
        {"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT.replace(old, new)}
    )
    status, _, err = cli_without_rendering(root)
    assert status == 1
    lines = err.split("\n")[:-1]
    assert all(PROBLEM_LINE["en"].match(line) or SUMMARY_LINE["en"].match(line) for line in lines), err
    assert len([line for line in lines if line.startswith("error: ")]) == problems, err
    assert not [c for c in err if unicodedata.category(c) == "Cc" and c != "\n"], repr(err)


@pytest.mark.skipif("docx" not in FORMATS, reason="the DOCX stage is not written yet")
@pytest.mark.slow
def test_long_title_builds_a_docx(tree):
    """Found by fuzzing: python-docx refuses a core property over 255 characters (fixed)."""
    agreement = yaml.safe_load(AGREEMENT)
    agreement["title"] = {"th": "บันทึกข้อตกลง " * 30, "en": "A long agreement title " * 12}
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": dump(agreement)})
    status, _, err = cli(["--root", str(root), "--lang", "en", "--format", "docx"])
    assert status == 0, err


@pytest.mark.parametrize("version", ["..", ".", "x" * 300, "ก" * 90, "1.0/../../x", "/tmp/x", "a\\b"])
def test_unusable_version_is_reported(tree, version):
    """Found by fuzzing: the version names a folder; '..' or a long name made the CLI exit 3 (fixed)."""
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT.replace('version: "1.0"', f'version: "{version}"'),
        }
    )
    status, _, err = cli(["--root", str(root), "--lang", "en", "--format", "pdf"])
    assert status == 1, err
    assert "agreements/test.yaml:1:" in err and "version" in err


@pytest.mark.parametrize(
    "extra, key",
    [('"[": 1', "["), ("clauses[1]: x", "clauses[1]"), ("str: x", "str"), ("title: {th: a, en: b, str: c}", "str")],
)
def test_unknown_key_that_looks_like_a_type_is_reported(tree, extra, key):
    """A key holding '[' or named str/int/float/decimal was dropped from the error location as
    if it were a pydantic tag: exit 3 (IndexError) at the top level, the wrong field nested."""
    text = AGREEMENT.lstrip("\n")
    if extra.startswith("title:"):
        text = "\n".join(line for line in text.splitlines() if not line.startswith("title:"))
    root = tree(
        {"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": text + "\n" + extra + "\n"}
    )
    status, _, err = cli_without_rendering(root)
    assert status == 1, err
    assert f"unknown field '{key}'" in err, err


@pytest.mark.parametrize("language", ["en", "th"])
@pytest.mark.slow
def test_single_language_agreement_with_prefixes_renders(tree, language):
    """signature_rows measured both languages' names, so a one-language agreement whose
    signatories have a prefix failed with a template KeyError."""

    def only(value):
        if isinstance(value, dict):
            if value and set(value) <= {"th", "en"}:
                return {language: value[language]}
            return {key: only(child) for key, child in value.items()}
        return value

    agreement = only(yaml.safe_load(AGREEMENT))
    agreement["languages"], agreement["prevailing_language"] = [language], language
    root = tree(
        {
            "parties/town.yaml": dump(only(yaml.safe_load(PARTY_A))),
            "parties/kku.yaml": dump(only(yaml.safe_load(PARTY_B))),
            "agreements/test.yaml": dump(agreement),
        }
    )
    status, _, err = cli(["--root", str(root), "--lang", "en", "--format", "pdf"])
    assert status == 0, err
