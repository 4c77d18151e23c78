"""`new` starts a record: commented in English and Thai, refused until filled in, and then it builds."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest
import yaml
from conftest import AGREEMENT, PARTY_A, PARTY_B, ROOT
from readback import pdf_lines, squash

from mou.cli.main import main
from mou.cli.parser import command_first
from mou.records.drafts import KIND_NAMES_TH, PLACEHOLDERS, draft_agreement, draft_party
from mou.records.model import Agreement, Budget, Clause, Duration, Party, PartyKind, Person
from mou.records.schema import render, schemas
from mou.records.validation import load_project

THAI = re.compile("[\u0e00-\u0e7f]")
KEY_LINE = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>\w+):(?P<value>.*)$")


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the command line in this process; return status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out, err)
    return status, out.getvalue(), err.getvalue()


def start(root: Path, *words: str, language: str = "en") -> tuple[int, str, str]:
    """Run `new` in a project folder."""
    return run(["new", *words, "--root", str(root), "--lang", language])


def test_new_is_a_command_wherever_it_stands():
    assert command_first(["new", "party", "kku"]) == ["new", "party", "kku"]
    assert command_first(["--lang", "th", "new", "agreement", "x", "--parties", "a,b"]) == [
        "new",
        "--lang",
        "th",
        "agreement",
        "x",
        "--parties",
        "a,b",
    ]


def test_an_empty_folder_becomes_a_project(tmp_path):
    status, out, err = start(tmp_path, "party", "kku")
    assert status == 0, err
    assert out.splitlines() == [
        "wrote schemas/party.schema.json",
        "wrote schemas/agreement.schema.json",
        "copied the standard templates and the Sarabun fonts into templates/",
        "wrote parties/kku.yaml",
    ]
    assert err.strip() == "next: replace every <…> in parties/kku.yaml, then name 'kku' in an agreement's parties"
    for name, schema in schemas().items():
        assert (tmp_path / "schemas" / name).read_text(encoding="utf-8") == render(schema)
    assert (tmp_path / "templates" / "fonts" / "Sarabun-Regular.ttf").read_bytes() == (
        ROOT / "templates" / "fonts" / "Sarabun-Regular.ttf"
    ).read_bytes()
    text = (tmp_path / "parties" / "kku.yaml").read_text(encoding="utf-8")
    assert text == draft_party("kku")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/party.schema.json"


def test_a_project_keeps_its_own_templates_and_schemas(small_project):
    (small_project / "templates" / "standard" / "th.html").write_text("mine", encoding="utf-8")
    (small_project / "schemas").mkdir()
    for name in schemas():
        (small_project / "schemas" / name).write_text("mine", encoding="utf-8")
    status, out, _ = start(small_project, "party", "third")
    assert status == 0 and out == "wrote parties/third.yaml\n"
    assert (small_project / "templates" / "standard" / "th.html").read_text(encoding="utf-8") == "mine"
    assert {path.read_text(encoding="utf-8") for path in (small_project / "schemas").iterdir()} == {"mine"}


@pytest.mark.parametrize(
    ("draft", "models"),
    [
        (draft_party("kku"), [Party, Person]),
        (draft_agreement("mou", ["town", "kku"]), [Agreement, Clause, Duration, Budget, Person]),
    ],
    ids=["party", "agreement"],
)
def test_every_field_is_in_the_draft_with_a_comment_in_english_and_thai(draft, models):
    lines = draft.splitlines()
    written = {match["key"] for line in lines if (match := KEY_LINE.match(line.lstrip("# ")))}
    for model in models:
        assert set(model.model_fields) <= written | {"th", "en"}, model.__name__
    for index, line in enumerate(lines):
        match = KEY_LINE.match(line)
        if line.startswith("#") or not match or match["key"] in ("th", "en"):
            continue
        english, thai = lines[index - 2].strip(), lines[index - 1].strip()
        assert english.startswith("#") and re.search("[A-Za-z]{3,}", english), line
        assert thai.startswith("#") and THAI.search(thai), line


def test_every_kind_of_party_has_its_thai_name_in_the_draft():
    assert set(KIND_NAMES_TH) == set(typing.get_args(PartyKind))
    draft = draft_party("kku")
    assert all(f"{kind} ({name})" in draft for kind, name in KIND_NAMES_TH.items())


def placeholders(text: str) -> list[tuple[int, int, str, str]]:
    """Every placeholder of a draft: its line, column, dotted field and text."""
    found: list[tuple[int, int, str, str]] = []
    keys: list[tuple[int, str]] = []  # (indent, key) of the fields the line is inside
    for number, line in enumerate(text.splitlines(), start=1):
        match = KEY_LINE.match(line)
        if line.lstrip().startswith("#") or not match:
            continue
        indent = len(match["indent"])
        while keys and keys[-1][0] >= indent:
            keys.pop()
        keys.append((indent, match["key"]))
        value = match["value"].strip()
        if value in PLACEHOLDERS:
            found.append((number, line.index(value) + 1, ".".join(key for _, key in keys), value))
    return found


def test_an_unfilled_draft_is_refused_at_each_placeholder_in_both_languages(tree):
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B})
    assert start(root, "agreement", "mou", "--parties", "town,kku")[0] == 0
    text = (root / "agreements" / "mou.yaml").read_text(encoding="utf-8")
    expected = placeholders(text)
    assert [field for _, _, field, _ in expected] == [
        "subject.th",
        "subject.en",
        "place.th",
        "place.en",
        "date",
        "clauses.text.th",
        "clauses.text.en",
        "duration.start",
    ]
    status, _, err = run(["--root", str(root), "--lang", "en"])
    assert status == 1
    shown = [
        f"error: agreements/mou.yaml:{line}:{column}: {field.replace('clauses.', 'clauses[1].')}: '{value}' is a "
        "placeholder; write the real value (the comment above it says what goes there)"
        for line, column, field, value in expected
    ]
    assert err.splitlines() == [*shown, f"{len(shown)} problem(s) found; nothing was written."]
    status, _, err = run(["--root", str(root), "--lang", "th"])
    assert status == 1 and err.count("ยังเป็นช่องให้กรอก ให้เขียนข้อมูลจริงแทน") == len(shown)


def test_a_placeholder_is_said_once_not_again_as_a_wrong_value(tmp_path):
    start(tmp_path, "party", "kku")
    status, _, err = run(["--root", str(tmp_path)])
    lines = err.splitlines()
    assert status == 1 and "kind: '<kind>' is a placeholder" in err
    assert all("is a placeholder" in line for line in lines[:-1]), lines
    assert len(lines) - 1 == len(placeholders(draft_party("kku")))


def test_the_placeholders_are_the_drafts_values_in_angle_brackets():
    assert {"<kind>", "<party-id>", "<number of originals>", "<ชื่อเต็มของหน่วยงาน>"} <= PLACEHOLDERS
    assert "<id>" not in PLACEHOLDERS  # in a comment (parties/<id>.yaml), not a value
    written = [value for draft in (draft_party("a"), draft_agreement("b", None)) for *_, value in placeholders(draft)]
    assert set(written) | {"<party-id>"} == PLACEHOLDERS  # the parties are list items, not keys


def test_other_text_in_angle_brackets_is_text(tree):
    root = tree(
        {
            "parties/town.yaml": PARTY_A.replace("en: Mr.", "en: <kind of>"),
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT,
        }
    )
    party = load_project(root, {"standard"}).parties["town"]
    assert party.signatory.prefix is not None and party.signatory.prefix.en == "<kind of>"


def test_an_agreement_without_parties_gets_placeholders_for_them(tmp_path):
    assert start(tmp_path, "agreement", "mou")[0] == 0
    status, _, err = run(["--root", str(tmp_path)])
    assert status == 1
    assert "parties[1]: '<party-id>' is a placeholder" in err and "parties[2]: '<party-id>' is a placeholder" in err
    assert "originals: '<number of originals>' is a placeholder" in err
    assert "not a valid id" not in err and "whole number" not in err


def test_an_existing_record_is_never_overwritten(small_project):
    before = (small_project / "parties" / "kku.yaml").read_bytes()
    for language, said in (
        ("en", "error: parties/kku.yaml: already exists; edit it, or start the record under another id"),
        ("th", "ข้อผิดพลาด: parties/kku.yaml: มีไฟล์นี้อยู่แล้ว ให้แก้ไขไฟล์นี้ หรือใช้รหัสอื่น"),
    ):
        status, out, err = start(small_project, "party", "kku", language=language)
        assert (status, out) == (1, "") and err.splitlines()[0] == said
    status, _, err = start(small_project, "agreement", "test", "--parties", "town,kku")
    assert status == 1 and "agreements/test.yaml: already exists" in err
    assert (small_project / "parties" / "kku.yaml").read_bytes() == before


def test_an_existing_yml_record_is_not_started_again(small_project):
    (small_project / "parties" / "other.yml").write_text(PARTY_A, encoding="utf-8")
    status, _, err = start(small_project, "party", "other")
    assert status == 1 and "parties/other.yml: already exists" in err
    assert not (small_project / "parties" / "other.yaml").exists()


@pytest.mark.parametrize("bad", ["KKU", "kku_2", "kku-", "kku.yaml", "../kku"])
def test_a_bad_id_is_refused(tmp_path, bad):
    status, _, err = start(tmp_path, "party", bad)
    assert status == 2 and f"'{bad}' is not a valid id; use lower-case letters a-z" in err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("listed", "said"),
    [
        ("town,kkuu", "usage error: --parties: no party 'kkuu' in parties/; did you mean 'kku'?"),
        (
            "town,school",
            "usage error: --parties: no party 'school' in parties/; start it first: python -m mou new party school",
        ),
        (
            "town",
            "usage error: --parties: an agreement needs at least two parties; name them as --parties "
            "first-id,second-id",
        ),
        ("town,town", "usage error: --parties: 'town' is listed twice; list each party once"),
        ("town,KKU", "usage error: --parties: 'KKU' is not a valid id"),
    ],
)
def test_unknown_or_too_few_parties_are_refused(small_project, listed, said):
    status, out, err = start(small_project, "agreement", "second", "--parties", listed)
    assert (status, out) == (2, "") and err.splitlines()[0].startswith(said), err
    assert len(err.splitlines()) == 1, err  # one problem, one line: `town,town` is not also too few parties
    assert not (small_project / "agreements" / "second.yaml").exists()


def test_parties_are_refused_for_a_party(tmp_path):
    status, _, err = start(tmp_path, "party", "kku", "--parties", "a,b")
    assert status == 2 and err.startswith("usage error: --parties: --parties names an agreement's parties")
    assert not list(tmp_path.iterdir())


def test_unknown_parties_are_refused_in_thai(small_project):
    status, _, err = start(small_project, "agreement", "second", "--parties", "town,kkuu", language="th")
    assert status == 2 and err.strip() == (
        "สั่งงานไม่ถูกต้อง: --parties: ไม่พบคู่ภาคี 'kkuu' ในโฟลเดอร์ parties/ หมายถึง 'kku' หรือไม่"
    )


def test_python_m_mou_new_writes_the_record(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "mou", "new", "party", "kku", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "parties" / "kku.yaml").read_text(encoding="utf-8") == draft_party("kku")


def fill(text: str, names: tuple[str, str] = ("สมชาย ใจดี", "Somchai Jaidee")) -> str:
    """Fill every placeholder of a draft as a clerk would: names (Thai, English), a kind, Thai-written dates."""

    def value(match: re.Match[str]) -> str:
        key, placeholder = match["key"], match["value"].strip()
        if placeholder not in PLACEHOLDERS:
            return match[0]
        if key == "kind":
            filled = "university"
        elif "YYYY" in placeholder:
            filled = "๑ มีนาคม ๒๕๖๘"
        else:
            filled = {"th": names[0], "en": names[1]}[key]
        return f"{match['indent']}{key}: {filled}"

    return "\n".join(KEY_LINE.sub(value, line) for line in text.splitlines()) + "\n"


@pytest.mark.slow
def test_a_filled_in_draft_builds(tmp_path):
    for words in (["party", "town"], ["party", "kku"], ["agreement", "first-mou", "--parties", "town,kku"]):
        assert start(tmp_path, *words)[0] == 0
    # Each party its own names: two parties may not be called by one short name.
    names = {"kku": ("สมศรี มีสุข", "Somsri Meesuk")}
    for path in [*tmp_path.glob("parties/*.yaml"), *tmp_path.glob("agreements/*.yaml")]:
        filled = fill(path.read_text(encoding="utf-8"), *[names[path.stem]] if path.stem in names else [])
        assert not re.search(r":\s*<[^<>\n]+>\s*$", filled, re.MULTILINE), filled
        assert filled.count("\n#") == path.read_text(encoding="utf-8").count("\n#")  # the comments stay
        yaml.safe_load(filled)
        path.write_text(filled, encoding="utf-8")
    status, out, err = run(["--root", str(tmp_path), "--format", "pdf"])
    assert status == 0, err
    pdf = tmp_path / "output" / "first-mou" / "0.1" / "first-mou.th.pdf"
    assert f"wrote {pdf.relative_to(tmp_path)}" in out or f"wrote {pdf}" in out
    thai = squash(" ".join(pdf_lines(pdf)))
    assert squash("๑ มีนาคม พ.ศ. ๒๕๖๘") in thai
    english = squash(" ".join(pdf_lines(pdf.with_name("first-mou.en.pdf"))))
    assert squash("1 March 2025") in english


@pytest.mark.parametrize("party_id", ["organization", "presiding", "witness-1", "witness-12"])
def test_new_refuses_a_party_id_that_is_another_signers_field(tmp_path, party_id):
    status, _, err = run(["new", "party", party_id, "--root", str(tmp_path)])
    assert status == 2
    assert f"the id '{party_id}' is taken by a signature field of its own (sig-{party_id}" in err
    assert not (tmp_path / "parties" / f"{party_id}.yaml").exists()


@pytest.mark.parametrize("party_id", ["organizations", "witness", "witness-one", "presiding-office"])
def test_new_accepts_ids_that_only_look_like_a_signers_field(tmp_path, party_id):
    status, _, err = run(["new", "party", party_id, "--root", str(tmp_path)])
    assert status == 0, err
