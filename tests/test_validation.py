"""Every record mistake is reported with file, line, field and a fix; nothing is written."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B

from mou.cli.main import main
from mou.core.errors import InputError
from mou.records.validation import REDLINE_FOLDER_PREFIX, RESERVED_AGREEMENT_IDS, load_project
from mou.redline.redline import folder_name
from mou.release.archive import RELEASES


def run(root: Path) -> tuple[int, str]:
    """Run the build on root and return its exit status and error output."""
    err = io.StringIO()
    status = main(["--root", str(root)], out=io.StringIO(), err=err)
    return status, err.getvalue()


def agreement_with(old: str, new: str) -> str:
    """Return the test agreement with one piece of text replaced."""
    assert old in AGREEMENT
    return AGREEMENT.replace(old, new)


CASES = [
    # (what, agreement text, expected "path:line:col: field:" prefix, words in the message)
    ("missing field", agreement_with("status: final\n", ""), "agreements/test.yaml:1:1:", "status: is required"),
    (
        "unknown key with suggestion",
        agreement_with("originals: 2", "orignals: 2"),
        "agreements/test.yaml:16:1: orignals:",
        "did you mean 'originals'",
    ),
    (
        "duplicate key",
        agreement_with("originals: 2", "originals: 2\noriginals: 3"),
        "agreements/test.yaml:17:1: originals:",
        "given twice (first on line 16)",
    ),
    (
        "impossible date",
        agreement_with("date: 2020-11-16", "date: 2020-02-30"),
        "agreements/test.yaml:6:7: date:",
        "not a real date",
    ),
    (
        "end before start",
        agreement_with("end: 2021-11-15", "end: 2019-11-15"),
        "agreements/test.yaml:14:",
        "duration.end: ends (2019-11-15) before it starts",
    ),
    # adversarial review: a signing date after the end (a year mistyped) was accepted
    (
        "signed after the end",
        agreement_with("date: 2020-11-16", "date: 2022-11-16"),
        "agreements/test.yaml:6:7: date:",
        "is signed on 2022-11-16, after the agreement ends (2021-11-15); fix the year of one of the dates",
    ),
    (
        "signed after the end, as the clerk wrote it",
        agreement_with("date: 2020-11-16", "date: ๑๖ พ.ย. ๒๕๖๕"),
        "agreements/test.yaml:6:7: date:",
        "is signed on ๑๖ พ.ย. ๒๕๖๕, after the agreement ends (2021-11-15)",
    ),
    # adversarial review: a bad version or id was placed at its key, not at the value it is about
    (
        "bad version at its value",
        agreement_with('version: "1.0"', 'version: "1.0 final"'),
        "agreements/test.yaml:1:10: version:",
        "'1.0 final' is not a valid version",
    ),
    (
        "a signatories key that is no id names the key, not pydantic's [key]",
        agreement_with(
            "originals: 2",
            "originals: 2\nsignatories:\n  Town:\n    name: {th: ก ข, en: A B}\n    position: {th: ค, en: C}",
        ),
        "agreements/test.yaml:18:3: signatories.Town: 'Town' is not a valid id",
        "use lower-case letters a-z",
    ),
    (
        "bad clause id at its value",
        agreement_with("  - id: objectives", "  - id: Objectives"),
        "agreements/test.yaml:9:9: clauses[1].id:",
        "'Objectives' is not a valid id",
    ),
    (
        "end before start, as the clerk wrote it",
        agreement_with("end: 2021-11-15", "end: 15 พ.ย. 2562"),
        "agreements/test.yaml:14:",
        "duration.end: ends (15 พ.ย. 2562) before it starts (2020-11-16)",
    ),
    (
        "negative budget",
        agreement_with("amount: 150000", "amount: -5"),
        "agreements/test.yaml:15:",
        "budget.amount: must be at least 0",
    ),
    (
        "budget with commas",
        agreement_with("budget: {amount: 150000}", "budget:\n  amount: 150,000"),
        "agreements/test.yaml:16:3: budget.amount:",
        "'150,000' has thousands separators",
    ),
    (
        "unknown party",
        agreement_with("parties: [town, kku]", "parties: [town, kkuu]"),
        "agreements/test.yaml:7:",
        "no party 'kkuu' in parties/; did you mean 'kku'?",
    ),
    (
        "party twice",
        agreement_with("parties: [town, kku]", "parties: [town, kku, town]"),
        "agreements/test.yaml:7:",
        "'town' is listed twice",
    ),
    (
        "list where text expected",
        agreement_with("{th: วัตถุประสงค์,", "{th: [a, b],"),
        "agreements/test.yaml:10:",
        "clauses[1].heading.th: must be text, not a list",
    ),
    (
        "number where text expected",
        agreement_with("en: digital skills training}", "en: 2020}"),
        "agreements/test.yaml:4:",
        "subject.en: must be text, not the number 2020",
    ),
    (
        "empty text",
        agreement_with("{th: มหาวิทยาลัยขอนแก่น,", "{th: '  ',"),
        "agreements/test.yaml:5:",
        "place.th: is empty",
    ),
    (
        "missing language",
        agreement_with(", en: Objectives}", "}"),
        "agreements/test.yaml:10:",
        "clauses[1] (objectives).heading: has no 'en' text",
    ),
    ("bad status", agreement_with("status: final", "status: done"), "agreements/test.yaml:2:", "'done' is not allowed"),
    (
        "text instead of bilingual",
        agreement_with("place: {th: มหาวิทยาลัยขอนแก่น, en: Khon Kaen University}", "place: Khon Kaen"),
        "agreements/test.yaml:5:",
        "place: must be given per language, as {th: …, en: …}",
    ),
    (
        "control character",
        agreement_with("To develop", "To\\x07 develop").replace(
            "text: {th: เพื่อพัฒนาทักษะดิจิทัลของบุคลากร, en: To\\x07 develop the digital skills of staff.}",
            'text: {th: เพื่อพัฒนาทักษะดิจิทัลของบุคลากร, en: "To\\x07 develop the digital skills of staff."}',
        ),
        "agreements/test.yaml:",
        "control character U+0007",
    ),
    (
        "unknown template",
        agreement_with('version: "1.0"', 'version: "1.0"\ntemplate: fancy'),
        "agreements/test.yaml:2:",
        "no template 'fancy' in templates/; use one of standard",
    ),
    (
        "object construction tag",
        agreement_with("originals: 2", "originals: !!python/object/apply:os.system [ls]"),
        "agreements/test.yaml:16:",
        "originals:",
    ),
    (
        "syntax error",
        agreement_with("parties: [town, kku]", "parties: [town, kku"),
        "agreements/test.yaml:",
        "YAML syntax error",
    ),
    (
        "tab indentation",
        agreement_with("  - id: objectives", "\t- id: objectives"),
        "agreements/test.yaml:9:1:",
        "tab is used for indentation",
    ),
    (
        # adversarial inputs: an English-only agreement said to be governed by its Thai text
        # (without prevailing_language, the one language governs)
        "prevailing language not among the languages",
        agreement_with("status: final", "status: final\nlanguages: [en]\nprevailing_language: th"),
        "agreements/test.yaml:4:1:",
        "prevailing_language: 'th' is not one of the agreement's languages (en); write prevailing_language: en, "
        "or add th to languages",
    ),
    (
        # adversarial inputs: a YAML merge key, which mou does not expand
        "merge key",
        agreement_with("place: {th: มหาวิทยาลัยขอนแก่น, en: Khon Kaen University}", "place:\n  <<: {th: x}\n  en: y"),
        "agreements/test.yaml:6:3: place:",
        "'<<:' (a YAML merge) is not read here; write each field out in full",
    ),
    (
        # adversarial inputs: a tab pasted between words of an unquoted text
        "tab inside an unquoted value",
        agreement_with("  - id: objectives", "  - id: objectives").replace(
            "heading: {th: วัตถุประสงค์, en: Objectives}", "heading:\n      th: วัตถุ\tประสงค์\n      en: Objectives"
        ),
        "agreements/test.yaml:11:16: clauses[1].heading.th:",
        "a tab stands between words here; YAML allows a tab only inside quotes: type a space instead",
    ),
    (
        # adversarial review: a tab where the value starts was said to stand "between words"
        "tab before an unquoted value",
        agreement_with(
            "heading: {th: วัตถุประสงค์, en: Objectives}", "heading:\n      th:\tวัตถุประสงค์\n      en: Objectives"
        ),
        "agreements/test.yaml:11:10: clauses[1].heading.th:",
        "a tab stands before the value here; YAML allows a tab only inside quotes",
    ),
    (
        # adversarial review: a table typed with tabs, in quotes, printed as one line with spaces
        "tab inside quotes",
        agreement_with("en: Hold training twice a year.}", 'en: "Training\\tTwice a year"}'),
        "agreements/test.yaml:13:48: clauses[1].items[1].en:",
        "contains a tab at character 9, which prints as one space",
    ),
]


# adversarial review: a clause left with its heading only, a budget of nothing, a list left blank
CLAUSE_TEXT = "    text: {th: เพื่อพัฒนาทักษะดิจิทัลของบุคลากร, en: To develop the digital skills of staff.}\n"
CLAUSE_ITEMS = "    items:\n      - {th: จัดอบรมปีละ ๒ ครั้ง, en: Hold training twice a year.}\n"
CASES += [
    (
        "a clause's text left blank",
        agreement_with(CLAUSE_TEXT, "    text:\n"),
        "agreements/test.yaml:11:5: clauses[1].text:",
        "is empty; write the text or remove the field",
    ),
    (
        "a clause with neither text nor items",
        agreement_with(CLAUSE_TEXT + CLAUSE_ITEMS, ""),
        "agreements/test.yaml:9:5: clauses[1]:",
        "has neither text nor items; write text: {th: …, en: …} or items:",
    ),
    (
        "a clause with no text and no items in its list",
        agreement_with(CLAUSE_TEXT + CLAUSE_ITEMS, "    items: []\n"),
        "agreements/test.yaml:9:5: clauses[1]:",
        "has neither text nor items",
    ),
    (
        "a heading left blank",
        agreement_with("heading: {th: วัตถุประสงค์, en: Objectives}", "heading:"),
        "agreements/test.yaml:10:5: clauses[1].heading:",
        "is empty; write it, e.g. {th: …, en: …}",
    ),
    (
        "witnesses left blank",
        AGREEMENT + "witnesses:\n",
        "agreements/test.yaml:17:1: witnesses:",
        "is empty; add the entries (one '- ' line each) or delete the line",
    ),
    (
        "a budget of nothing",
        agreement_with("budget: {amount: 150000}", "budget: {amount: 0}"),
        "agreements/test.yaml:15:18: budget.amount:",
        "is 0; write the amount, or remove budget: when the agreement commits no money",
    ),
    (
        "a named amount of nothing",
        AGREEMENT + "amounts: {fee: 0.00}\n",
        "agreements/test.yaml:17:16: amounts.fee:",
        "is 0, which prints ๐ บาท (ศูนย์บาทถ้วน)",
    ),
]


@pytest.mark.parametrize("what, text, where, words", CASES, ids=[c[0] for c in CASES])
def test_record_mistake_is_reported_clearly(tree, what, text, where, words):
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": text})
    status, err = run(root)
    assert status == 1, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert any(line.startswith(f"error: {where}") and words in line for line in lines), err
    assert not (root / "output").exists() or not any((root / "output").rglob("*.pdf"))


def test_every_problem_is_reported_at_once(tree):
    text = agreement_with("status: final", "status: done").replace("originals: 2", "orignals: 2")
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B.replace("kind: university", ""),
            "agreements/test.yaml": text,
        }
    )
    with pytest.raises(InputError) as info:
        load_project(root, {"standard"})
    messages = [str(p) for p in info.value.problems]
    assert any("status" in m for m in messages)
    assert any("orignals" in m for m in messages)
    assert any(m.startswith("parties/kku.yaml") and "kind: is required" in m for m in messages)


@pytest.mark.parametrize(
    "what, old, new, first",
    [
        ("impossible date", "date: 2020-11-16", "date: 2020-02-30", "date: '2020-02-30' is not a real date"),
        ("duplicate key", "originals: 2", "originals: 2\noriginals: 3", "originals: 'originals' is given twice"),
        ("unknown tag", "date: 2020-11-16", "date: !foo 2020-11-16", "date: the tag !foo is not allowed"),
    ],
)
def test_a_mistake_the_loader_finds_does_not_hide_the_others_of_its_file(tree, what, old, new, first):
    """Adversarial inputs: the loader's problems and the model's are reported together."""
    text = agreement_with(old, new).replace("status: final", "status: done").replace("amount: 150000", "amount: 1.234")
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": text})
    with pytest.raises(InputError) as info:
        load_project(root, {"standard"})
    messages = [str(p) for p in info.value.problems]
    assert any(first in m for m in messages), messages
    assert any("status: 'done' is not allowed" in m for m in messages), messages
    assert any("budget.amount:" in m and "more than two decimals" in m for m in messages), messages
    assert len(messages) == 3, messages  # the field the loader refused is not refused again


def test_comma_in_unquoted_flow_text_gets_a_quoting_hint(tree):
    party = PARTY_A.replace('"Chum Phae District, Khon Kaen 40130"', "Chum Phae District, Khon Kaen 40130")
    root = tree({"parties/town.yaml": party, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    status, err = run(root)
    assert status == 1
    assert "parties/town.yaml:4:" in err and "put the whole text in quotes" in err


def test_a_misnamed_field_with_a_value_gets_no_quoting_hint(tree):
    agreement = AGREEMENT.replace("originals:", "prevailing-language: th\noriginals:")
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": agreement})
    status, err = run(root)
    assert status == 1
    assert "did you mean 'prevailing_language'?" in err and "quotes" not in err, err


def test_party_missing_a_language_names_the_party_file(tree):
    root = tree(
        {
            "parties/town.yaml": PARTY_A.replace(", en: the Municipality}", "}"),
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT,
        }
    )
    status, err = run(root)
    assert status == 1
    assert "error: parties/town.yaml:3:" in err and "short_name: has no 'en' text" in err


def test_file_that_is_not_utf8(tree):
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    (root / "agreements/test.yaml").write_bytes("title: ข้อตกลง\n".encode("cp874"))
    status, err = run(root)
    assert status == 1
    assert "error: agreements/test.yaml:1: the file is not UTF-8 text" in err


def test_id_that_could_escape_output(tree):
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT,
            "agreements/Bad Name.yaml": AGREEMENT,
        }
    )
    status, err = run(root)
    assert status == 1
    assert "agreements/Bad Name.yaml: the file name 'Bad Name' is not a valid id" in err


def test_an_agreement_may_not_take_the_release_archives_folder(tree):
    """Adversarial inputs: agreements/releases.yaml built into output/releases/, and a version named like an
    archive there replaced the archive with a folder; every later build then stopped with an internal error."""
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT,
            "agreements/releases.yaml": AGREEMENT,
        }
    )
    status, err = run(root)
    assert status == 1 and "Traceback" not in err
    assert (
        "agreements/releases.yaml: the id 'releases' is the folder of the release archives in output/; "
        "rename the file (e.g. releases-2024.yaml)"
    ) in err
    assert not (root / "output" / "releases").exists()
    assert {RELEASES} == RESERVED_AGREEMENT_IDS


def test_new_refuses_the_release_archives_folder_as_an_agreement_id(tree):
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B})
    err = io.StringIO()
    status = main(["new", "agreement", "releases", "--parties", "town,kku", "--root", str(root)], io.StringIO(), err)
    said = err.getvalue()
    assert status == 2 and "the id 'releases' is the folder of the release archives" in said
    assert "choose another id (e.g. releases-2024)" in said and "rename the file" not in said  # no file yet
    assert not (root / "agreements" / "releases.yaml").exists()


def test_two_records_with_one_id(tree):
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/town.yml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT,
        }
    )
    status, err = run(root)
    assert status == 1
    assert "two records have the id 'town'" in err


def test_unknown_agreement_on_the_command_line_is_a_usage_error(small_project):
    err = io.StringIO()
    status = main(["--root", str(small_project), "tset"], out=io.StringIO(), err=err)
    assert status == 2
    assert "no agreement 'tset'; did you mean 'test'?" in err.getvalue()


def test_bad_option_is_a_usage_error():
    err = io.StringIO()
    assert main(["--no-such-option"], out=io.StringIO(), err=err) == 2
    assert "unrecognized arguments" in err.getvalue()


def _template_line(root: Path, needle: str) -> int:
    """Return the line of the Thai template holding needle."""
    lines = (root / "templates/standard/th.html").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


@pytest.mark.slow
def test_template_syntax_error_names_the_template_file_and_line(small_project):
    template = small_project / "templates/standard/th.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace('<p class="title">', '{% if %}<p class="title">', 1), encoding="utf-8")
    status, err = run(small_project)
    line = _template_line(small_project, "{% if %}")
    assert status == 1
    assert f"error: templates/standard/th.html:{line}: template syntax error:" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_undefined_value_in_a_template_names_the_file_and_line(small_project):
    template = small_project / "templates/standard/th.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace('<p class="title">', '{{ agreement.nope }}<p class="title">', 1), encoding="utf-8")
    status, err = run(small_project)
    line = _template_line(small_project, "agreement.nope")
    assert status == 1
    assert f"error: templates/standard/th.html:{line}: template error while rendering agreements/test:" in err
    assert "nope" in err and "Traceback" not in err


def test_two_parties_called_by_one_short_name_are_refused(tree):
    # The text says “the Municipality” for both: which one keeps the duty is not said.
    other = PARTY_A.replace("เทศบาลเมืองชุมแพ", "เทศบาลตำบลโนนหัน").replace("Chum Phae Town", "Non Han Subdistrict")
    agreement = AGREEMENT.replace("parties: [town, kku]", "parties: [town, kku, other]").replace(
        "originals: 2", "originals: 3"
    )
    files = {"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "parties/other.yaml": other}
    root = tree(files | {"agreements/test.yaml": agreement})
    status, err = run(root)
    assert status == 1
    assert "parties[3]: 'other' is called “the Municipality”, as 'town' already is" in err, err
    assert "give parties/other.yaml a short_name of its own" in err


def test_an_agreement_in_one_language_is_governed_by_it_unless_told_otherwise(tree):
    # English only, prevailing_language not written: the default th would be an error at a
    # field the clerk never wrote.
    agreement = AGREEMENT.replace("originals: 2", "originals: 2\nlanguages: [en]")
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": agreement})
    assert load_project(root, {"standard"}).agreements["test"].prevailing_language == "en"
    (root / "agreements" / "test.yaml").write_text(agreement + "prevailing_language: th\n", encoding="utf-8")
    status, err = run(root)
    assert status == 1 and "prevailing_language: 'th' is not one of the agreement's languages (en)" in err, err


def test_a_title_block_of_one_side_is_refused(tree):
    agreement = AGREEMENT.replace("parties: [town, kku]", "parties: [town, kku]\nbetween:\n  - {th: เทศบาล, en: Town}")
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": agreement})
    status, err = run(root)
    assert status == 1 and "between: has one line, so the title names one side only" in err, err


def test_a_collective_name_for_two_parties_is_refused_not_ignored(tree):
    agreement = AGREEMENT.replace(
        "parties: [town, kku]", "parties: [town, kku]\ncollective_name: {th: คู่ภาคี, en: the Parties}"
    )
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": agreement})
    status, err = run(root)
    assert status == 1 and "collective_name: is printed only for three parties or more" in err, err


def test_a_list_that_needs_one_entry_says_one_entry_in_both_languages(tree):
    agreement = AGREEMENT.split("clauses:")[0] + "clauses: []\nduration: {start: 2020-11-16, end: 2021-11-15}\n"
    agreement += "budget: {amount: 150000}\noriginals: 2\n"
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": agreement})
    status, err = run(root)
    assert status == 1 and "clauses: needs at least one entry" in err, err
    thai = io.StringIO()
    assert main(["--root", str(root), "--lang", "th"], out=io.StringIO(), err=thai) == 1
    assert "clauses: ต้องมีอย่างน้อยหนึ่งรายการ" in thai.getvalue(), thai.getvalue()


@pytest.mark.parametrize("version", ["diff-1.0-1.1", "DIFF-1.0-1.1", "diff-git_HEAD_1-1.1"])
def test_a_version_named_like_a_redline_folder_is_refused_at_its_field(tree, version):
    """The diff command's next redline replaced output/<id>/diff-1.0-1.1/, a version's build."""
    agreement = agreement_with('version: "1.0"', f'version: "{version}"')
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": agreement})
    status, err = run(root)
    assert status == 1, err
    assert f"error: agreements/test.yaml:1:10: version: '{version}' is named like the folder of a redline" in err
    assert not (root / "output").exists() or not any((root / "output").rglob("*.pdf"))
    checked = io.StringIO()
    assert main(["check", "--root", str(root)], out=io.StringIO(), err=checked) == 1
    assert "version: '" in checked.getvalue()


def test_the_refused_version_start_is_the_redline_folders_own():
    assert folder_name("1.0", "git:HEAD~1").startswith(REDLINE_FOLDER_PREFIX)


@pytest.mark.parametrize("party_id", ["organization", "presiding", "witness-1"])
@pytest.mark.parametrize("command", [[], ["check"]])
def test_a_party_id_that_names_another_signers_field_is_refused_at_the_record(tree, party_id, command):
    """A party file of such an id was refused only once rendered, at 'templates:', and check said no errors."""
    agreement = agreement_with("parties: [town, kku]", f"parties: [town, {party_id}]")
    root = tree({"parties/town.yaml": PARTY_A, f"parties/{party_id}.yaml": PARTY_B, "agreements/test.yaml": agreement})
    err = io.StringIO()
    status = main([*command, "--root", str(root)], out=io.StringIO(), err=err)
    said = err.getvalue()
    assert status == 1, said
    assert f"error: parties/{party_id}.yaml: the id '{party_id}' is taken by a signature field of its own" in said
    assert f"error: agreements/test.yaml:7:17: parties[2]: '{party_id}' is taken by a signature field" in said
    assert "templates" not in said.split("(sig-")[0] and "no errors" not in said
    assert not (root / "output").exists() or not any((root / "output").rglob("*.pdf"))


def test_a_missing_required_field_does_not_hide_the_other_problems_of_its_record(tree):
    """Adversarial review: 'place' missing was reported alone; the mismatch, the dates and the originals came after."""
    text = (
        agreement_with("place: {th: มหาวิทยาลัยขอนแก่น, en: Khon Kaen University}\n", "")
        .replace("Hold training twice a year.", "Hold training three times a year.")
        .replace("end: 2021-11-15", "end: 2019-11-15")
        .replace("originals: 2", "originals: 1")
    )
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": text})
    with pytest.raises(InputError) as info:
        load_project(root, {"standard"})
    fields = [(p.field, p.line) for p in info.value.problems]
    assert [field for field, _ in fields] == [
        "place",
        "clauses[1] (objectives).items[1]",
        "duration.end",
        "originals",
    ], fields
    status, err = run(root)
    assert status == 1 and "4 problem(s) found" in err, err


@pytest.mark.parametrize(
    "what, old, new, left_out",
    [
        ("no signing date: signed after the end is not guessed", "date: 2020-11-16\n", "", "signed on"),
        ("no parties: the originals are not counted against them", "parties: [town, kku]\n", "", "originals"),
        (
            "no duration: the signing date is not compared with it",
            "duration: {start: 2020-11-16, end: 2021-11-15}\n",
            "",
            "ends",
        ),
    ],
)
def test_a_check_that_needs_the_missing_field_is_left_out(tree, what, old, new, left_out):
    text = agreement_with(old, new).replace("originals: 2", "originals: 1" if "parties" in old else "originals: 2")
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": text})
    with pytest.raises(InputError) as info:
        load_project(root, {"standard"})
    messages = [str(p) for p in info.value.problems]
    assert len(messages) == 1 and "is required" in messages[0], messages
    assert left_out not in messages[0]


def test_the_problems_of_a_file_come_in_line_order(tree):
    text = (
        agreement_with("status: final", "status: done")
        .replace("Hold training twice a year.", "Hold training three times a year.")
        .replace(
            "title: {th: บันทึกข้อตกลงความร่วมมือทดสอบ, en: Memorandum of Understanding on a Test agreement}",
            "title: {th: บันทึกข้อตกลงความร่วมมือทดสอบ}",
        )
        .replace("end: 2021-11-15", "end: 2019-11-15")
    )
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": text})
    with pytest.raises(InputError) as info:
        load_project(root, {"standard"})
    places = [(p.line or 0, p.column or 0) for p in info.value.problems]
    assert len(places) >= 4 and places == sorted(places), [str(p) for p in info.value.problems]


def test_a_party_missing_a_field_is_still_cross_checked(tree):
    party = PARTY_B.replace("kind: university\n", "").replace("Khon Kaen 40002", "Khon Kaen 40003")
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": party, "agreements/test.yaml": AGREEMENT})
    with pytest.raises(InputError) as info:
        load_project(root, {"standard"})
    messages = [str(p) for p in info.value.problems]
    assert messages[0].startswith("parties/kku.yaml:") and "kind: is required" in messages[0], messages
    assert any(m.startswith("parties/kku.yaml:") and "address" in m and "40003" in m for m in messages), messages
    assert len(messages) == 2, messages


def test_a_text_refused_in_one_language_is_not_compared_with_anything_else(tree):
    """The other language of a refused text is not cross-checked against what stands in for it."""
    text = agreement_with("en: Hold training twice a year.}", 'en: "Training\\ttwice a year"}')
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": text})
    with pytest.raises(InputError) as info:
        load_project(root, {"standard"})
    (problem,) = info.value.problems
    assert "contains a tab" in str(problem), [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        # adversarial review: messages that did not say what to do, or said one problem three times
        (
            "kind: university",
            "kind: โรงพยาบาล",
            ["parties/kku.yaml:2:7: kind: 'โรงพยาบาล' is not allowed; did you mean 'hospital'?"],
        ),
        (
            "kind: university",
            "kind: univercity",
            ["parties/kku.yaml:2:7: kind: 'univercity' is not allowed; did you mean 'university'?"],
        ),
    ],
)
def test_a_party_kind_written_otherwise_gets_the_kind_meant(tree, old, new, expected):
    root = tree(
        {"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B.replace(old, new), "agreements/test.yaml": AGREEMENT}
    )
    with pytest.raises(InputError) as info:
        load_project(root, {"standard"})
    messages = [str(p) for p in info.value.problems]
    assert len(messages) == len(expected) and all(m.startswith(e) for m, e in zip(messages, expected)), messages


def test_one_party_says_what_to_add(tree):
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": agreement_with("parties: [town, kku]", "parties: [town]"),
        }
    )
    with pytest.raises(InputError) as info:
        load_project(root, {"standard"})
    (problem,) = info.value.problems
    assert "add the other party's id (its file name in parties/), e.g. parties: [town, <other>]" in str(problem)
    assert "parties: [town, <other>]" in problem.render("th")


def test_a_merge_key_in_a_list_entry_is_said_once(tree):
    text = agreement_with(
        "  - id: objectives\n    heading: {th: วัตถุประสงค์, en: Objectives}\n",
        "  - <<: {id: objectives, heading: {th: วัตถุประสงค์, en: Objectives}}\n",
    )
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": text})
    with pytest.raises(InputError) as info:
        load_project(root, {"standard"})
    (problem,) = info.value.problems
    assert "'<<:' (a YAML merge) is not read here" in str(problem) and problem.field == "clauses[1]"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_file_saved_as_utf16_is_named_so(tree, encoding):
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    (root / "parties/kku.yaml").write_bytes(PARTY_B.lstrip("\n").encode(encoding))
    status, err = run(root)
    assert status == 1 and "error: parties/kku.yaml:1: the file is saved as UTF-16" in err, err
    assert "save it as UTF-8" in err
