"""Planning many agreements at once gives the fingerprints and ids the one-at-a-time code gives."""

from __future__ import annotations

import shutil
from pathlib import Path

from mou.core.paths import record_files, record_ids
from mou.pipeline.provenance import fingerprint_from_files, read_inputs

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "chumphae-kku-digital-skills"
PARTIES = ["chumphae-municipality", "khon-kaen-university"]


def project(tmp_path: Path) -> Path:
    """Copy the templates and the sample's records, one party as .yml."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "agreements").mkdir()
    (tmp_path / "parties").mkdir()
    shutil.copy(ROOT / "agreements" / f"{SAMPLE}.yaml", tmp_path / "agreements" / f"{SAMPLE}.yaml")
    shutil.copy(ROOT / "parties" / f"{PARTIES[0]}.yaml", tmp_path / "parties" / f"{PARTIES[0]}.yaml")
    shutil.copy(ROOT / "parties" / f"{PARTIES[1]}.yaml", tmp_path / "parties" / f"{PARTIES[1]}.yml")
    return tmp_path


def test_the_fingerprint_of_a_planning_pass_is_the_footer_one(tmp_path: Path) -> None:
    root = project(tmp_path)
    expected = read_inputs(root, root / "templates", SAMPLE, PARTIES, "standard").fingerprint
    hashed: dict = {}
    assert fingerprint_from_files(root, SAMPLE, PARTIES, "standard", hashed) == expected
    assert fingerprint_from_files(root, SAMPLE, PARTIES, "standard", hashed) == expected  # from what it kept


def test_a_changed_record_changes_it_and_a_missing_one_gives_none(tmp_path: Path) -> None:
    root = project(tmp_path)
    before = fingerprint_from_files(root, SAMPLE, PARTIES, "standard", {})
    party = root / "parties" / f"{PARTIES[1]}.yml"
    party.write_text(party.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert fingerprint_from_files(root, SAMPLE, PARTIES, "standard", {}) not in (None, before)
    assert fingerprint_from_files(root, SAMPLE, [*PARTIES, "nobody"], "standard", {}) is None


def test_record_ids_are_the_record_files_stems(tmp_path: Path) -> None:
    folder = tmp_path / "agreements"
    folder.mkdir()
    for name in ("b.yaml", "a.yml", "a.b.yaml", ".yaml", "notes.txt", "c.yaml~"):
        (folder / name).write_text("x: 1\n")
    (folder / "dir.yaml").mkdir()
    (folder / "link.yaml").symlink_to(folder / "b.yaml")
    (folder / "dangling.yaml").symlink_to(folder / "gone.yaml")
    assert record_ids(folder) == [p.stem for p in record_files(folder)]
    assert record_ids(tmp_path / "missing") == []
    assert record_ids(folder / "b.yaml") == []
