"""libyaml's parser and PyYAML's own give the same records and the same messages.

Records are parsed with the C loader (yaml.CSafeLoader) where it is installed, and with the
pure-Python one otherwise, or when MOU_YAML_LOADER=python. Every value's line and column,
every scalar as written, and every message must come out the same either way: here over the
project's own records, the error tests' inputs, and many records broken on purpose.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import test_as_written
import test_hostile
import test_validation
import yaml
from conftest import AGREEMENT, PARTY_A, PARTY_B, ROOT

from mou.core.errors import InputError
from mou.records import loading
from mou.records.loading import LOADER_VARIABLE, load_record, yaml_loader
from mou.records.validation import load_project

needs_libyaml = pytest.mark.skipif(loading.C_LOADER is None, reason="PyYAML was built without libyaml")

SAMPLES = sorted((ROOT / "parties").glob("*.yaml")) + sorted((ROOT / "agreements").glob("*.yaml"))
TEST_RECORDS = {"party-a": PARTY_A, "party-b": PARTY_B, "agreement": AGREEMENT}

# Hand-made breakage: YAML syntax, structure and tags, each a different path through the parsers.
BROKEN = [
    "a: [1, 2\n",
    "a: {b: 1\n",
    "a: b: c\n",
    "a:\n  - 1\n - 2\n",
    "a:\n  b: 1\n c: 2\n",
    "- a\nb: 1\n",
    "a: 'unterminated\n",
    'a: "unterminated\n',
    'a: "bad \\q escape"\n',
    "a: *nowhere\n",
    "a: &x 1\nb: &x 2\nc: *x\n",
    "a: &x [1, 2]\nb: *x\nc: *x\n",
    "--- a\n--- b\n",
    "%YAML 2.0\n--- a\n",
    "%TAG ! tag:example.com,2000:\n--- !foo 1\n",
    "a: !!python/object/apply:os.system [ls]\n",
    "a: !!binary aGVsbG8=\n",
    "a: !custom 1\n",
    "!!set {a, b}\n",
    "a: 1\na: 2\n",
    "a:\n  b: 1\n  b: 2\n  c: {d: 1, d: 2}\n",
    "? [a, b]\n: 1\n",
    "<<: {a: 1}\nb: 2\n",
    "a: 2020-02-30\n",
    "a: 2567-13-01\n",
    "a: 2020-11-16 10:30:00\n",
    "a: 1:30\nb: 0x1F\nc: 017\nd: 1_000\ne: .inf\nf: yes\ng: ~\nh: -0.0\n",
    "a: |\n  line one\n  line two\nb: >-\n  folded\n  text\n",
    "a: |\n line\n  more\n bad: 1\n",
    "a:\n- 1\n-2\n",
    "[1, 2, 3]\n",
    "just text\n",
    "",
    "# only a comment\n",
    "---\n...\n",
    "a: b\r\nc: d\r\n",
    "a: b\rc: d\r",
    "a: {th: x\ufeff y, en: z}\nb: [c\n",
    "a: 😀 b\nc: {d: 😀, e: f\n",
    "a: {th: ข้อความไทย, en: text, th: ซ้ำ}\n",
    "ชื่อ: {th: ข้อความ, en: [1, 2}\n",
    "a: [ก, ข,\n  ค, ง]\nb: ข้อความ: ยาว\n",
    "a: 'it''s'\nb: \"tab\\tand\\u0e01\"\n",
    "a: @reserved\n",
    "a: `reserved\n",
    "a: b\n  c: d\n",
    "a:\n  - b: 1\n    c: 2\n  - d\n",
    "a: {b: [c, {d: e}], f: g}\n",
    "a: [b, c]]\n",
    "a: }\n",
    "- - - deep\n    - x\n",
    "a: 'x'y\n",
    "a: &anchor\n",
    "a: !!str\n",
    "a: !!int 1.5\n",
    "a: !!float x\n",
    "a: !!timestamp 2020-02-30\n",
    "a: !!map [1]\n",
    "a: !!timestamp foo\nb: !!bool x\nc: !!null x\nd: !!binary ###\ne: !!seq x\n",
    "a: x\x07y\n",
    "a: ok\nb: x\x1by\n",
    "a: [1, 2\nb: \x7f\n",
    "a: \ufffe\n",
    "a:\tb\n",
    "a:\n\t- b\n",
    "a: 1 # comment\n# b: 2\nc: 3 #c\n",
    "? a\n? b\n",
    "a: [? b : c]\n",
    "{a: 1}: 2\n",
    "a: -\n",
    "a: - b\n",
    "a: 'multi\n  line\n\n  quoted'\n",
    'a: "multi\\\n  line"\n',
    "a: plain\n  continued\n  again\n",
    # Thai folded across lines: warned of (fold_warnings), except where YAML keeps no space
    "a: คู่ภาคี\n  ตกลง\nb: 'ก\n  ข'\nc: \"ก\\\n  ข\"\nd: >\n  ก\n   ข\n  ค\n  ง\ne: {th: ก\n    ข}\n",
]


def cut_and_dropped(text: str, step: int = 4) -> list[str]:
    """Return the text cut short, and with one line left out, at every `step`th line."""
    lines = text.splitlines(keepends=True)
    variants = []
    for index in range(1, len(lines), step):
        variants.append("".join(lines[:index]))
        variants.append("".join(lines[:index] + lines[index + 1 :]))
    return variants


def characters_spoiled(text: str, times: int = 25) -> list[str]:
    """Return the text with a YAML-significant character put in at `times` places spread over it."""
    step = max(1, len(text) // times)
    return [
        text[:i] + ch + text[i:] for n, i in enumerate(range(0, len(text), step)) for ch in ":[{-'\"&*!#\n "[n % 12]
    ]


def hostile_text(case: dict[str, Any]) -> str:
    """Return the file a case of the hostile-input corpus (tests/hostile/records.yaml) makes."""
    old, new = case["replace"]
    return textwrap.dedent(test_hostile.FILES[case["file"]]).lstrip("\n").replace(old, new)


def corpus() -> list[tuple[str, str]]:
    """Every text the two loaders are compared on, with a name for the failure report."""
    texts = [(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")) for path in SAMPLES]
    texts += [(name, textwrap.dedent(text).lstrip("\n")) for name, text in TEST_RECORDS.items()]
    texts += [(f"broken-{n}", text) for n, text in enumerate(BROKEN)]
    texts += [(f"validation-{c[0]}", textwrap.dedent(c[1]).lstrip("\n")) for c in test_validation.CASES]
    texts += [(f"as-written-{c[0]}", AGREEMENT.replace(c[1], c[2]).lstrip("\n")) for c in test_as_written.CASES]
    texts += [(f"hostile-{name}", hostile_text(case)) for name, case in test_hostile.CASES]
    sources = [text for _, text in texts[: len(SAMPLES) + len(TEST_RECORDS)]]
    for number, source in enumerate(sources):
        texts += [(f"cut-{number}-{n}", text) for n, text in enumerate(cut_and_dropped(source))]
        texts += [(f"spoiled-{number}-{n}", text) for n, text in enumerate(characters_spoiled(source))]
    return texts


def outcome(path: Path, monkeypatch: pytest.MonkeyPatch, loader: str) -> tuple[str, Any]:
    """Load one file with one loader; return its record's contents, or its messages in both languages."""
    monkeypatch.setenv(LOADER_VARIABLE, loader)
    try:
        record = load_record(path, "x.yaml")
    except InputError as exc:
        return "problems", [(p.render("en"), p.render("th")) for p in exc.problems]
    warnings = [(p.render("en"), p.render("th")) for p in record.warnings]
    return "record", (
        repr(record.data),
        record.positions,
        record.value_positions,
        record.scalars,
        record.spans,
        warnings,
    )


@needs_libyaml
def test_the_c_loader_is_used_where_installed_and_python_on_request(monkeypatch):
    monkeypatch.delenv(LOADER_VARIABLE, raising=False)
    assert yaml_loader() is yaml.CSafeLoader
    monkeypatch.setenv(LOADER_VARIABLE, "python")
    assert yaml_loader() is yaml.SafeLoader


@needs_libyaml
def test_both_loaders_give_the_same_records_and_messages(tmp_path, monkeypatch):
    texts = corpus()
    assert len(texts) > 400
    kinds = {"record": 0, "problems": 0}
    for name, text in texts:
        path = tmp_path / "x.yaml"
        path.write_text(text, encoding="utf-8", newline="")
        c_outcome, python_outcome = outcome(path, monkeypatch, "c"), outcome(path, monkeypatch, "python")
        assert c_outcome == python_outcome, name
        kinds[c_outcome[0]] += 1
    assert min(kinds.values()) > 100  # plenty of both: good records and broken ones


@needs_libyaml
@pytest.mark.parametrize("case", test_validation.CASES, ids=[c[0] for c in test_validation.CASES])
def test_both_loaders_give_a_project_the_same_messages(tree, monkeypatch, case):
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": case[1]})
    said = []
    for loader in ("c", "python"):
        monkeypatch.setenv(LOADER_VARIABLE, loader)
        with pytest.raises(InputError) as info:
            load_project(root, {"standard"})
        said.append([(p.render("en"), p.render("th")) for p in info.value.problems])
    assert said[0] == said[1]


@needs_libyaml
def test_both_loaders_give_the_same_messages_on_the_hostile_corpus(tmp_path, monkeypatch):
    for number, (name, case) in enumerate(test_hostile.CASES):
        root = test_hostile.write_project(tmp_path / str(number), {case["file"]: hostile_text(case)})
        said = []
        for loader in ("c", "python"):
            monkeypatch.setenv(LOADER_VARIABLE, loader)
            problems = test_hostile.problems_of(root)
            said.append([(p.render("en"), p.render("th")) for p in problems])
        assert said[0] == said[1], name


def nested(depth: int, shape: str) -> tuple[str, tuple[int, int]]:
    """Return a record whose value nests `depth` levels under its top mapping, and the line and column of the level past the limit."""
    limit = loading.MAX_DEPTH
    if shape == "flow list":
        return "a: " + "[" * depth + "]" * depth + "\n", (1, 3 + limit)
    if shape == "flow map":
        return "a: " + "{b: " * depth + "1" + "}" * depth + "\n", (1, 4 + 4 * (limit - 1))
    if shape == "dashes":
        return "a:\n" + "- " * depth + "x\n", (2, 1 + 2 * (limit - 1))
    lines = ["a:"] + [" " * level + "b:" for level in range(1, depth)] + [" " * depth + "c: 1"]
    return "\n".join(lines) + "\n", (limit + 1, limit + 1)


SHAPES = ["flow list", "flow map", "dashes", "indented"]


@pytest.mark.parametrize("loader", ["c", "python"])
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("depth", [loading.MAX_DEPTH + 1, 400, 1500])
def test_values_nested_too_deep_are_refused_at_the_first_level_too_deep(tmp_path, monkeypatch, loader, shape, depth):
    if loader == "c" and loading.C_LOADER is None:
        pytest.skip("PyYAML was built without libyaml")
    text, (line, column) = nested(depth, shape)
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    kind, said = outcome(path, monkeypatch, loader)
    assert kind == "problems"
    assert said == [
        (
            f"x.yaml:{line}:{column}: the values nest more than {loading.MAX_DEPTH} levels deep (brackets or "
            "indented lists inside each other); a record needs a few levels: check the brackets and the indentation here",
            f"x.yaml:{line}:{column}: ค่าในไฟล์ซ้อนกันลึกเกิน {loading.MAX_DEPTH} ชั้น (วงเล็บหรือรายการที่ย่อหน้าซ้อนกัน) "
            "ข้อมูลแต่ละไฟล์ใช้เพียงไม่กี่ชั้น ให้ตรวจวงเล็บและการย่อหน้าตรงนี้",
        )
    ]


@pytest.mark.parametrize("shape", SHAPES)
def test_values_nested_to_the_limit_load(tmp_path, monkeypatch, shape):
    text, _ = nested(loading.MAX_DEPTH - 1, shape)
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    assert outcome(path, monkeypatch, "python")[0] == "record"


@needs_libyaml
@pytest.mark.parametrize("shape", ["flow list", "dashes"])
def test_a_file_nested_past_what_libyaml_survives_is_refused_not_a_crash(tmp_path, shape):
    # 50,000 levels crash libyaml's composer (it recurses in C): run it apart, so a crash fails this test alone.
    text, (line, column) = nested(50_000, shape)
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from mou.core.errors import InputError; "
        "from mou.records.loading import load_record\n"
        "try:\n    load_record(Path(sys.argv[1]), 'x.yaml')\n"
        "except InputError as exc:\n    print(exc.problems[0].render('en'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "x.yaml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), LOADER_VARIABLE: "c"},
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.startswith(f"x.yaml:{line}:{column}: the values nest more than")
