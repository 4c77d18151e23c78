"""Hostile input: hidden characters, broken Thai, huge files and runaway templates, each a located message.

The record cases are a corpus, tests/hostile/records.yaml: a change to one file of the small
test project and the message it must give, at the file, line, column and field.
"""

from __future__ import annotations

import io
import os
import re
import textwrap
import time
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from conftest import AGREEMENT, PARTY_A, PARTY_B, ROOT, SAMPLES, sample_file
from pythainlp.corpus import thai_words
from readback import as_read
from test_docx_render import docx_texts, html_texts, open_docx

from mou.core.errors import InputError, Problem
from mou.docx.render import html_to_docx
from mou.html import templating
from mou.language.characters import (
    DIRECTION_CONTROLS,
    INVISIBLE,
    char_name,
    latin_lookalikes,
    mixed_digits,
    thai_spelling,
    unnormalized,
)
from mou.pipeline.build import load
from mou.pipeline.layout import Layout, editions
from mou.pipeline.render import render_documents
from mou.records.loading import MAX_FILE_BYTES
from mou.records.model import MAX_CLAUSES, MAX_PARTIES, MAX_TEXT, MAX_WITNESSES, Agreement
from mou.records.validation import load_project

CORPUS = ROOT / "tests" / "hostile" / "records.yaml"
FONTS = ROOT / "templates" / "fonts"
FILES = {"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT}


def expand(case: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Return one case per character of a case with `each`, named by the character's code."""
    if "each" not in case:
        return [(case["name"], case)]
    cases = []
    for char in case["each"]:
        values = {"code": f"{ord(char):04X}", "name": char_name(char)}
        old, new = case["replace"]
        one = case | {"replace": [old, new.replace("{char}", char)], "says": case["says"].format(**values), "at": char}
        cases.append((f"{case['name']} U+{values['code']}", one))
    return cases


CASES = [one for case in yaml.safe_load(CORPUS.read_text(encoding="utf-8")) for one in expand(case)]


def write_project(folder: Path, files: dict[str, str]) -> Path:
    """Write the small project's records, some of them replaced by files (as written), and return its folder."""
    written = {name: textwrap.dedent(text).lstrip("\n") for name, text in FILES.items()} | files
    for name, text in written.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def problems_of(root: Path) -> list[Problem]:
    """Load a project with the bundled fonts checked and return its problems (none is a failure)."""
    with pytest.raises(InputError) as caught:
        load_project(root, fonts=FONTS)
    return caught.value.problems


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[name for name, _ in CASES])
def test_hostile_record_gives_a_located_message(tmp_path: Path, case: dict[str, Any]) -> None:
    name, (old, new) = case["file"], case["replace"]
    original = textwrap.dedent(FILES[name]).lstrip("\n")
    assert original.count(old) == 1, old
    text = original.replace(old, new)
    root = write_project(tmp_path, {name: text})
    problems = problems_of(root)
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert (problem.path, problem.line, problem.field) == (name, case["line"], case["field"]), str(problem)
    assert case["says"] in problem.render("en"), str(problem)
    # The column points at the character: the file holds it (or its escape) there.
    line = text.split("\n")[problem.line - 1]
    assert problem.column is not None
    assert line[problem.column - 1 :].startswith(case.get("at", "")), (line, problem.column)
    thai = problem.render("th")
    assert thai != problem.render("en") and re.search("[ก-๙]", thai.split(": ", 2)[-1]) and "{" not in thai


def test_the_corpus_covers_every_refused_character() -> None:
    listed = {char for case in yaml.safe_load(CORPUS.read_text(encoding="utf-8")) for char in case.get("each", [])}
    assert listed >= DIRECTION_CONTROLS
    assert listed >= INVISIBLE


# --- the Thai spelling check refuses no real Thai --------------------------------------------------

# Misspellings in PyThaiNLP's word list, which the check rightly finds: two vowels below or
# above one letter, and a vowel after sara aa.
WORD_LIST_TYPOS = {"อาวุูธ", "รักษาู", "ศรีอยุูธยา", "เมีัย", "เหมืิอน"}


def test_no_real_thai_word_is_refused() -> None:
    refused = {word for word in thai_words() if thai_spelling(word)}
    assert refused == WORD_LIST_TYPOS


def test_no_sample_or_test_record_is_refused() -> None:
    texts = [path.read_text(encoding="utf-8") for path in ROOT.glob("*/*.yaml") if path.parent.name != "hostile"]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py") if p.name != "test_hostile.py"]
    texts += [(ROOT / "tests" / "conftest.py").read_text(encoding="utf-8")]
    runs = {run for text in texts for run in re.findall("[\u0e00-\u0e7f]+", text)}
    assert len(runs) > 500
    assert {run: thai_spelling(run) for run in runs if thai_spelling(run)} == {}


def test_the_samples_pass_with_the_fonts_checked() -> None:
    project = load_project(ROOT, fonts=FONTS)
    assert set(SAMPLES) <= set(project.agreements)


@pytest.mark.parametrize(
    "text, fix",
    [
        ("ก\u0e48\u0e48", "ก\u0e48"),
        ("ก\u0e48\u0e38", "ก\u0e38\u0e48"),
        ("น\u0e4d\u0e32", "น\u0e33"),
        ("บุคลๅกร", "บุคลากร"),
    ],
)
def test_each_finding_says_what_to_write(text: str, fix: str) -> None:
    (finding,) = thai_spelling(text)
    assert finding.values["fix"] == fix


def test_ru_and_lu_take_lakkhangyao() -> None:
    assert thai_spelling("ฤๅษี ฦๅ") == []


@pytest.mark.parametrize("text", ["Москва (Moscow)", "10 μm", "Ωmega", "naïve café, Zürich", "α-TNF"])
def test_words_in_their_own_script_are_not_lookalikes(text: str) -> None:
    assert latin_lookalikes(text) == []


def test_no_real_thai_word_is_refused_as_not_canonical() -> None:
    assert [word for word in thai_words() if unnormalized(word)] == []


def test_no_record_of_the_repository_holds_a_lookalike() -> None:
    texts = {path: path.read_text(encoding="utf-8") for path in ROOT.rglob("*.yaml") if "hostile" not in path.parts}
    assert len(texts) > 100
    assert {path: latin_lookalikes(text) for path, text in texts.items() if latin_lookalikes(text)} == {}
    assert {path: unnormalized(text) for path, text in texts.items() if unnormalized(text)} == {}


# --- limits ---------------------------------------------------------------------------------------


def test_a_large_record_file_is_refused_at_once_by_its_size(tmp_path: Path) -> None:
    root = write_project(tmp_path, {})
    big = root / "agreements" / "big.yaml"
    big.write_text("a: &a [x, x, x, x]\n" + "b: " + "y" * (MAX_FILE_BYTES + 1) + "\n", encoding="utf-8")
    started = time.monotonic()
    problems = [p for p in problems_of(root) if p.path == "agreements/big.yaml"]
    assert time.monotonic() - started < 5
    (problem,) = problems
    assert "bytes, more than the 2,000,000 a record may have" in str(problem)
    assert "alias" not in str(problem)


def test_a_text_over_the_limit_is_refused_at_its_value(tmp_path: Path) -> None:
    long = "ก" * (MAX_TEXT + 1)
    root = write_project(
        tmp_path,
        {"agreements/test.yaml": textwrap.dedent(AGREEMENT).lstrip("\n").replace("th: วัตถุประสงค์", f"th: {long}")},
    )
    (problem,) = problems_of(root)
    assert (problem.line, problem.column, problem.field) == (10, 19, "clauses[1].heading.th")
    assert f"is {MAX_TEXT + 1:,} characters long, more than the {MAX_TEXT:,}" in str(problem)


def test_the_limits_fit_the_largest_known_agreement() -> None:
    # The largest known agreement has 300 parties and 40 witnesses (docs/records.md).
    assert MAX_PARTIES >= 300 and MAX_WITNESSES >= 40 and MAX_CLAUSES >= 100
    assert 100 * len(AGREEMENT.encode()) <= MAX_FILE_BYTES


@pytest.mark.parametrize(
    "key, limit, entry",
    [
        ("parties", MAX_PARTIES, "p{n}"),
        ("witnesses", MAX_WITNESSES, "{{name: {{th: ก, en: A}}, position: {{th: ก, en: A}}}}"),
        ("clauses", MAX_CLAUSES, "{{id: c{n}, heading: {{th: ก, en: A}}}}"),
    ],
)
def test_too_many_entries_is_a_located_message(tmp_path: Path, key: str, limit: int, entry: str) -> None:
    entries = ", ".join(entry.format(n=n) for n in range(limit + 1))
    text = textwrap.dedent(AGREEMENT).lstrip("\n")
    text = re.sub(rf"^{key}:.*?(?=^\w)", "", text, flags=re.S | re.M) + f"{key}: [{entries}]\n"
    root = write_project(tmp_path, {"agreements/test.yaml": text})
    problems = [p for p in problems_of(root) if p.field == key]
    assert [str(p) for p in problems] == [
        f"agreements/test.yaml:{text[: text.index(key + ':')].count(chr(10)) + 1}:1: {key}: "
        f"has {limit + 1:,} entries, more than the {limit:,} allowed here"
    ]
    assert Agreement.model_fields[key].metadata  # the limit is the model's, so the schema says it too


# --- templates that hang, grow or recurse ---------------------------------------------------------

RUNAWAY = {
    "nested loops": (
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
        "took more than 1 s",
    ),
    "a huge repetition": ("{{ 'x' * 10**9 }}", "makes more than 3,000,000 characters"),
    "a huge power": ("{{ 10 ** 999999999 }}", "makes more than 3,000,000 characters"),
    "output that grows in a loop": ("{% for i in range(99999) %}{{ 'x' * 1000 }}{% endfor %}", "makes more than"),
    "a recursive macro": ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "calls itself too deeply"),
}


@pytest.mark.parametrize("body, says", RUNAWAY.values(), ids=RUNAWAY.keys())
def test_a_runaway_template_is_stopped_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, says: str
) -> None:
    monkeypatch.setenv(templating.RENDER_SECONDS_VARIABLE, "1")
    (tmp_path / "standard").mkdir()
    (tmp_path / "standard" / "th.html").write_text("<html>\n<body>\n" + body + "\n</body></html>\n", encoding="utf-8")
    project = load_project(write_project(tmp_path / "project", {}))
    env = templating.make_environment(tmp_path)
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        templating.render_html(env, tmp_path, "test", project.agreements["test"], list(project.parties.values()), "th")
    assert time.monotonic() - started < 30
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == ("templates/standard/th.html", 3), str(problem)
    assert says in str(problem) and "bug" not in str(problem)


def test_a_render_time_limit_that_is_not_a_number_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(templating.RENDER_SECONDS_VARIABLE, "soon")
    with pytest.raises(InputError, match="MOU_RENDER_SECONDS='soon' is not a number of seconds"):
        templating.render_seconds(os.environ)


def test_the_sandbox_still_multiplies_small_values() -> None:
    env = templating.make_environment(ROOT / "templates")
    assert env.from_string("{{ 'ab' * 3 }} {{ 2 ** 10 }} {{ 3 * 4 }}").render() == "ababab 1024 12"
    assert isinstance(env, jinja2.sandbox.SandboxedEnvironment)


# --- nothing is cut short: every DOCX holds its HTML's text ---------------------------------------


def test_every_sample_docx_holds_the_text_of_its_html(built: Path) -> None:
    layout = Layout(ROOT, ROOT / "output")
    project = load(layout)
    compared = 0
    for agreement_id in SAMPLES:
        documents = {d.language: d for d in render_documents(layout, project, agreement_id)}
        assert set(documents) == set(editions(project.agreements[agreement_id]))
        for language, document in documents.items():
            data = sample_file(built, agreement_id, language, "docx").read_bytes()
            # the joiners and no-break spaces that keep units whole in an office suite are layout, not text
            read = [as_read(text) for text in docx_texts(open_docx(data))]
            assert read == html_texts(document.html), (agreement_id, language)
            compared += 1
    assert compared >= 4


def test_a_text_past_the_html_parser_limit_reaches_the_docx_whole() -> None:
    word_count = 2_200_000  # 11 MB of text in one paragraph: past libxml2's default 10 MB
    data = html_to_docx('<html lang="en"><body><p>' + "word " * word_count + "</p><p>END</p></body></html>")
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert document.count(b"word") >= word_count and b"END" in document


def test_character_names_cover_the_unnamed_ones() -> None:
    assert char_name("\u0085") == "NEXT LINE (NEL)"
    assert all(char_name(c) == unicodedata.name(c) for c in DIRECTION_CONTROLS)


@pytest.mark.parametrize("text", ["๑,๒๕๐ คน และ 40 คน", "ปี ๒๕๖๘ (ค.ศ. 2025)", "๑๐.๓๐ น.", "THB 1,500.50", "๑ 2"])
def test_numbers_in_one_set_of_digits_are_not_mixed(text: str) -> None:
    assert mixed_digits(text) == []


def test_a_number_in_two_sets_of_digits_says_both_ways_to_write_it() -> None:
    (finding,) = mixed_digits("จำนวน ๑,5๐๐ บาท")
    assert finding.index == 6 and finding.values == {"number": "๑,5๐๐", "thai": "๑,๕๐๐", "arabic": "1,500"}
