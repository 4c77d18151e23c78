"""Clause texts drawn at random from what a clerk types never leave the text area, and read back exactly.

Each example is a one-language agreement (Thai or English) whose clauses are drawn from
dictionary words, place names, numbers with the words that count them, Latin words and codes
of any length, and parenthesised words; it must build, every line must stay inside the
margins, and pdfium, poppler and pdfminer.six must read every line of it back as a stretch of
the text. The examples are the same on every run (a failure is reproducible); for a campaign
of new ones:

    MOU_LAYOUT_FUZZ_EXAMPLES=200 MOU_LAYOUT_FUZZ_RANDOM=1 python -m pytest tests/test_layout_fuzz.py
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import string
from pathlib import Path

import pytest
import yaml
from conftest import PARTY_A, PARTY_B, ROOT
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from readback import body_lines, misread, pdf_pages, pdfminer_pages, poppler_pages
from test_typesetting import edition_blocks, layout_lines, outside

from mou.cli.main import main
from mou.language.breaks import gazetteer, thai_dictionary
from mou.pipeline.build import load
from mou.pipeline.layout import Layout

EXAMPLES = int(os.environ.get("MOU_LAYOUT_FUZZ_EXAMPLES", "10"))
RANDOM = os.environ.get("MOU_LAYOUT_FUZZ_RANDOM") == "1"
READERS = {"pdfium": pdf_pages, "poppler": poppler_pages, "pdfminer": pdfminer_pages}
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
# Words that count the number after them (docs/thai.md), and English ones.
THAI_COUNTERS = ["ข้อ", "หมู่ที่", "เลขที่", "ร้อยละ", "ครั้งที่", "ฉบับที่", "มาตรา"]
ENGLISH_WORDS = [
    "the",
    "parties",
    "shall",
    "cooperate",
    "in",
    "research",
    "training",
    "public",
    "health",
    "services",
    "data",
    "exchange",
    "for",
    "a",
    "period",
    "of",
    "years",
    "under",
    "this",
    "memorandum",
    "each",
    "party",
    "will",
    "provide",
    "staff",
    "equipment",
    "and",
    "budget",
    "according",
    "to",
    "its",
    "regulations",
    "with",
    "the",
    "approval",
    "of",
    "the",
    "committee",
    "and",
    "report",
    "to",
    "the",
    "governor",
    "on",
    "progress",
    "every",
    "month",
    "including",
    "district",
    "municipality",
    "subdistrict",
    "hospital",
    "school",
]

pytestmark = pytest.mark.slow


@functools.cache
def thai_words() -> list[str]:
    """Return a fixed sample of the dictionary's words of two to twelve letters (sorted: the same draw every run)."""
    words = sorted(w for w in thai_dictionary().words if 2 <= len(w) <= 12 and w.isalpha())
    return words[:: max(1, len(words) // 4000)]


@functools.cache
def provinces() -> list[str]:
    """Return the Thai provinces' names, sorted."""
    return sorted(gazetteer())


def latin_word() -> st.SearchStrategy[str]:
    """A Latin word, short or far longer than a line (a German Act's name), in lower case or capitalised."""
    letters = st.one_of(
        st.text(st.sampled_from(string.ascii_lowercase), min_size=1, max_size=12),
        st.text(st.sampled_from(string.ascii_lowercase), min_size=30, max_size=130),
    )
    return st.one_of(letters, letters.map(str.capitalize))


CODE = st.text(st.sampled_from(string.ascii_letters + string.digits), min_size=5, max_size=120).filter(
    lambda s: any(c.isdigit() for c in s) and any(c.isalpha() for c in s)
)
THAI_TOKEN = st.one_of(
    st.sampled_from(thai_words()),
    st.sampled_from(thai_words()),
    st.sampled_from(thai_words()),
    st.sampled_from(provinces()).map("จังหวัด".__add__),
    st.tuples(st.sampled_from(THAI_COUNTERS), st.integers(1, 999)).map(
        lambda t: f"{t[0]} {str(t[1]).translate(THAI_DIGITS)}"
    ),
    # a clerk sets a Latin word or a code off by spaces (a digit next to a Thai digit is refused)
    latin_word().map(" {} ".format),
    CODE.map(" {} ".format),
    st.sampled_from(thai_words()).map(lambda w: f"({w})"),
)
ENGLISH_TOKEN = st.one_of(
    st.sampled_from(ENGLISH_WORDS),
    st.sampled_from(ENGLISH_WORDS),
    st.sampled_from(ENGLISH_WORDS),
    latin_word(),
    CODE,
    st.integers(1, 999).map(str),
    st.sampled_from(ENGLISH_WORDS).map(lambda w: f"({w})"),
)


def thai_text() -> st.SearchStrategy[str]:
    """Thai words with or without a space between them, Latin words and codes among them."""
    pieces = st.lists(st.tuples(THAI_TOKEN, st.sampled_from(["", "", " "])), min_size=3, max_size=40)
    return pieces.map(lambda parts: " ".join("".join(token + gap for token, gap in parts).split()))


def english_text() -> st.SearchStrategy[str]:
    """English words, long Latin words and codes, with a full stop."""
    pieces = st.lists(ENGLISH_TOKEN, min_size=3, max_size=40)
    return pieces.map(lambda parts: " ".join(parts).capitalize() + ".")


def agreement(language: str, texts: list[str]) -> dict:
    """Return a one-language agreement whose clauses hold these texts (the rest as in a small sample)."""
    record = yaml.safe_load(AGREEMENT_BASE)
    record["languages"] = [language]
    for field in ("title", "subject", "place"):
        record[field] = {language: record[field][language]}
    record["clauses"] = [
        {
            "id": f"clause-{number}",
            "heading": {language: "ข้อความ" if language == "th" else "Text"},
            "text": {language: text},
            "items": [{language: item} for item in texts[number + 1 :][:2]],
        }
        for number, text in enumerate(texts[:2])
    ]
    return record


AGREEMENT_BASE = """
version: "1.0"
status: final
title: {th: บันทึกข้อตกลงความร่วมมือทดสอบ, en: Memorandum of Understanding on a Test}
subject: {th: การอบรมทักษะดิจิทัล, en: digital skills training}
place: {th: มหาวิทยาลัยขอนแก่น, en: Khon Kaen University}
date: 2020-11-16
parties: [town, kku]
duration: {start: 2020-11-16, end: 2021-11-15}
originals: 2
"""


@pytest.fixture(scope="module")
def project_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project folder with the real templates and two parties, its agreement rewritten by every example."""
    root = tmp_path_factory.mktemp("layout-fuzz")
    shutil.copytree(ROOT / "templates", root / "templates")
    (root / "parties").mkdir()
    (root / "parties" / "town.yaml").write_text(PARTY_A.lstrip("\n"), encoding="utf-8")
    (root / "parties" / "kku.yaml").write_text(PARTY_B.lstrip("\n"), encoding="utf-8")
    (root / "agreements").mkdir()
    return root


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM,
    # a campaign reports what it finds as drawn: shrinking a failure of a build takes minutes
    phases=[Phase.explicit, Phase.generate] if RANDOM else list(Phase),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    print_blob=True,
)
@given(
    drawn=st.sampled_from(["th", "en"]).flatmap(
        lambda language: st.tuples(
            st.just(language), st.lists(thai_text() if language == "th" else english_text(), min_size=4, max_size=4)
        )
    )
)
def test_any_clause_text_stays_inside_the_margins_and_reads_back(project_folder, drawn):
    language, texts = drawn
    record = agreement(language, texts)
    (project_folder / "agreements" / "test.yaml").write_text(
        yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=1_000_000), encoding="utf-8"
    )
    shutil.rmtree(project_folder / "output", ignore_errors=True)
    out, err = io.StringIO(), io.StringIO()
    status = main(["--root", str(project_folder), "--format", "pdf", "--quiet"], out=out, err=err)
    assert status == 0, err.getvalue()
    pdf = project_folder / "output" / "test" / "1.0" / f"test.{language}.pdf"
    past = outside(layout_lines(pdf))
    assert [(line.page, round(line.right, 1), line.text[:40]) for line in past] == []
    layout = Layout(project_folder, project_folder / "output")
    blocks = [block.text for block in edition_blocks(layout, load(layout), "test", language)]
    wrong = {name: misread(body_lines(read(pdf)), blocks)[:3] for name, read in READERS.items()}
    assert {name: bad for name, bad in wrong.items() if bad} == {}
