"""A pair of agreement versions for the redline tests: two git commits of a small project."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTIES = ("chumphae-municipality", "khon-kaen-university", "chumphae-district", "chumphae-sao")
REMOVED_PARTY = "chumphae-sao"
# The Thai sentence reworded in 1.1, and the words that change in it.
OLD_THAI = (
    "บันทึกข้อตกลงนี้มีวัตถุประสงค์เพื่อพัฒนาทักษะดิจิทัลของบุคลากรเทศบาลเมืองชุมแพ ให้สามารถนำเทคโนโลยีมาใช้ในการปฏิบัติงานได้อย่างมีประสิทธิภาพ"
)
NEW_THAI = "บันทึกข้อตกลงนี้มีวัตถุประสงค์เพื่อเสริมสร้างทักษะดิจิทัลของบุคลากรเทศบาลเมืองชุมแพ ให้สามารถนำเทคโนโลยีมาใช้ในการให้บริการประชาชนได้อย่างมีประสิทธิภาพ"

AGREEMENT = """\
version: "{version}"
status: final
title: {{th: บันทึกข้อตกลงความร่วมมือ, en: Memorandum of Understanding}}
subject: {{th: การพัฒนาทักษะดิจิทัล, en: Digital Skills Development}}
place: {{th: มหาวิทยาลัยขอนแก่น, en: Khon Kaen University}}
date: 2020-11-16
parties: [{parties}]
clauses:
  - id: objectives
    heading: {{th: วัตถุประสงค์, en: Objectives}}
    text:
      th: {thai}
      en: The objectives of this Memorandum are to develop the digital skills of the personnel of the Municipality.
  - id: scope
    heading: {{th: ขอบเขตความร่วมมือ, en: Scope of Cooperation}}
    text: {{th: ทุกฝ่ายตกลงร่วมกันดำเนินโครงการ ดังนี้, en: "The Parties agree to carry out the Project as follows:"}}
    items:
      - {{th: จัดการฝึกอบรมจำนวน ๔ รุ่น, en: Holding 4 training cohorts;}}
      - {{th: ติดตามผลการนำความรู้ไปใช้, en: Following up on how the participants apply what they learned.}}
{extra}duration: {{start: 2020-11-16, end: 2021-11-15}}
budget: {{amount: {amount}}}
originals: 4
"""

ADDED_CLAUSE = """\
  - id: evaluation
    heading: {th: การประเมินผล, en: Evaluation}
    text: {th: มหาวิทยาลัยจะประเมินผลการฝึกอบรมทุกรุ่น, en: The University shall evaluate every cohort.}
"""


def agreement_text(version: str) -> str:
    """Return the record of version 1.0 or 1.1 of the test agreement."""
    new = version != "1.0"
    parties = [p for p in PARTIES if not (new and p == REMOVED_PARTY)]
    return AGREEMENT.format(
        version=version,
        parties=", ".join(parties),
        thai=NEW_THAI if new else OLD_THAI,
        extra=ADDED_CLAUSE if new else "",
        amount=200000 if new else 150000,
    )


def git(root: Path, *args: str) -> None:
    """Run git in the test project."""
    subprocess.run(
        ["git", "-C", str(root), *args],
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "GIT_AUTHOR_DATE": "2020-11-16T00:00:00Z",
            "GIT_COMMITTER_DATE": "2020-11-16T00:00:00Z",
            "HOME": str(root),
            "PATH": "/usr/bin:/bin",
        },
    )


def make_project(root: Path, after_commit: Callable[[str], None] = lambda version: None) -> Path:
    """Make a git project whose history holds version 1.0 then 1.1 of agreements/mou.yaml."""
    shutil.copytree(ROOT / "templates", root / "templates")
    (root / "parties").mkdir(parents=True)
    for party in PARTIES:
        shutil.copy(ROOT / "parties" / f"{party}.yaml", root / "parties")
    (root / "agreements").mkdir()
    git(root, "init", "-q", "-b", "main")
    for version in ("1.0", "1.1"):
        (root / "agreements" / "mou.yaml").write_text(agreement_text(version), encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"version {version}")
        after_commit(version)
    return root
