"""Work follows what was asked: a named agreement reads its own records; `check` reads them all."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B

from mou.cli.main import main
from mou.core.errors import InputError
from mou.records import validation
from mou.records.validation import load_project

BROKEN_AGREEMENT = AGREEMENT.replace("parties: [town, kku]", "parties: [town, kku")
BROKEN_PARTY = PARTY_B.replace("kind: university", "kind: [university")


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the command line in this process; return status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def messy(tree) -> Path:
    """A project whose agreement 'test' is fine, beside a broken agreement and a broken party nobody names."""
    return tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "parties/spare.yaml": BROKEN_PARTY,
            "agreements/test.yaml": AGREEMENT,
            "agreements/other.yaml": BROKEN_AGREEMENT,
        }
    )


def test_a_named_agreement_reads_its_record_and_its_parties_only(messy, monkeypatch):
    read = []

    def spy(path: Path, shown: str):
        read.append(shown)
        return load_record(path, shown)

    load_record = validation.load_record
    monkeypatch.setattr(validation, "load_record", spy)
    project = load_project(messy, {"standard"}, only=["test"])
    assert sorted(read) == ["agreements/test.yaml", "parties/kku.yaml", "parties/town.yaml"]
    assert list(project.agreements) == ["test"] and sorted(project.parties) == ["kku", "town"]


def test_a_named_agreement_builds_beside_broken_records_it_does_not_use(messy):
    status, _, err = run(["--root", str(messy), "test", "--format", "docx", "--jobs", "1"])
    assert status == 0, err
    assert (messy / "output" / "test" / "1.0" / "test.th.docx").is_file()


def test_a_build_of_everything_and_check_report_every_record(messy):
    for argv in (["--format", "docx", "--jobs", "1"], ["check"]):
        status, _, err = run(["--root", str(messy), *argv])
        assert status == 1, err
        # each at the bracket left open, where the clerk closes it (adversarial review)
        assert "error: agreements/other.yaml:7:10: YAML syntax error" in err
        assert "error: parties/spare.yaml:2:7: YAML syntax error" in err
    assert not (messy / "output").exists() or not any((messy / "output").rglob("*.docx"))


def test_ids_from_file_names_are_checked_in_a_named_build(tree):
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/town.yml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT,
            "agreements/Bad Name.yaml": AGREEMENT,
        }
    )
    with pytest.raises(InputError) as info:
        load_project(root, {"standard"}, only=["test"])
    said = [str(p) for p in info.value.problems]
    assert any("two records have the id 'town'" in line for line in said), said
    assert any("agreements/Bad Name.yaml: the file name 'Bad Name' is not a valid id" in line for line in said), said


def test_a_party_of_an_agreement_that_does_not_validate_is_still_checked(tree):
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B.replace("kind: university\n", ""),
            "agreements/test.yaml": AGREEMENT.replace("status: final", "status: done"),
        }
    )
    with pytest.raises(InputError) as info:
        load_project(root, {"standard"}, only=["test"])
    said = [str(p) for p in info.value.problems]
    assert any(line.startswith("parties/kku.yaml") and "kind: is required" in line for line in said), said
    assert any(line.startswith("agreements/test.yaml:2:") for line in said), said


def test_a_party_file_that_does_not_load_is_not_called_missing(tree):
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": BROKEN_PARTY, "agreements/test.yaml": AGREEMENT})
    with pytest.raises(InputError) as info:
        load_project(root, {"standard"}, only=["test"])
    said = [str(p) for p in info.value.problems]
    assert any(line.startswith("parties/kku.yaml:2:7: YAML syntax error") for line in said), said
    assert not any("create parties/kku.yaml" in line for line in said), said


def test_check_warns_of_a_party_no_agreement_names(tree):
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "parties/spare.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT,
        }
    )
    status, out, err = run(["check", "--root", str(root)])
    assert status == 0, err
    assert err.splitlines() == [
        "warning: parties/spare.yaml: no agreement names this party; list it in an agreement's parties or delete the file"
    ]
    assert out == "checked 1 agreement(s) and 3 party record(s): no errors, 1 warning(s)\n"
    assert not (root / "output").exists()


def test_check_of_a_sound_project_says_so_in_the_clerks_language(tree):
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    assert run(["check", "--root", str(root)])[1] == "checked 1 agreement(s) and 2 party record(s): no problems found\n"
    thai = run(["--lang", "th", "check", "--root", str(root)])[1]
    assert thai == "ตรวจบันทึกข้อตกลง 1 ฉบับ และข้อมูลคู่ภาคี 2 ไฟล์แล้ว ไม่พบปัญหา\n"
