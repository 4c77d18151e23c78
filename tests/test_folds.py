"""A Thai line folded in YAML: the fold reads as a space, so it is warned of where it stands, with either loader."""

from __future__ import annotations

import io

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B

from mou.cli.main import main
from mou.records import loading
from mou.records.loading import LOADER_VARIABLE, load_record

LOADERS = [
    pytest.param("c", marks=pytest.mark.skipif(loading.C_LOADER is None, reason="PyYAML was built without libyaml")),
    "python",
]

# Each way of writing one Thai sentence over two lines, and what YAML makes of it.
FOLDS = """\
plain: คู่ภาคีตกลง
  ร่วมมือกัน
spaced: คู่ภาคีตกลง\x20\x20\x20
   ร่วมมือกัน
single: 'คู่ภาคีตกลง
  ร่วมมือกัน'
double: "คู่ภาคีตกลง
  ร่วมมือกัน"
folded: >-
  คู่ภาคีตกลง
  ร่วมมือกัน
flow: {th: คู่ภาคี
    ตกลง, en: the Parties
    agree}
escaped: "คู่ภาคีตกลง\\
  ร่วมมือกัน"
literal: |-
  คู่ภาคีตกลง
  ร่วมมือกัน
blank: คู่ภาคีตกลง

  ร่วมมือกัน
indented: >
  คู่ภาคี
    ตกลง
  ร่วมมือกัน
spaced_thai: ข้อ ๑
  ๒๕๖๓ and
  English
"""


@pytest.mark.parametrize("loader", LOADERS)
def test_a_thai_line_folded_is_warned_of_where_it_folds(tmp_path, monkeypatch, loader):
    monkeypatch.setenv(LOADER_VARIABLE, loader)
    path = tmp_path / "x.yaml"
    path.write_text(FOLDS, encoding="utf-8")
    record = load_record(path, "agreements/x.yaml")
    # plain, quoted and folded: one space, typed or not (YAML drops spaces at either end of a line)
    for key in ("plain", "spaced", "single", "double", "folded"):
        assert record.data[key] == "คู่ภาคีตกลง ร่วมมือกัน", key
    warned = [(w.line, w.column, w.field) for w in record.warnings]
    assert warned == [
        (1, 18, "plain"),
        (3, 19, "spaced"),
        (5, 20, "single"),
        (7, 20, "double"),
        (10, 13, "folded"),
        (12, 18, "flow.th"),
        (27, 18, "spaced_thai"),  # a Thai digit after the fold: mou cannot know a space is meant here
    ]
    # the advice: in double quotes a line ending with \ joins the next with no space
    assert record.data["escaped"] == "คู่ภาคีตกลงร่วมมือกัน"
    # a blank line, a literal block and a more indented line keep their line breaks: no fold
    assert record.data["blank"] == "คู่ภาคีตกลง\nร่วมมือกัน"
    assert record.data["indented"] == "คู่ภาคี\n  ตกลง\nร่วมมือกัน\n"
    first = record.warnings[0]
    assert first.render("en") == (
        "agreements/x.yaml:1:18: plain: the line breaks between 'คู่ภาคีตกลง' and 'ร่วมมือกัน', which YAML "
        "reads as a space, a gap in the Thai text; write the text on one line (a line may be as long as it "
        "needs), typing a space there only if one is meant, or put it in double quotes and end the line "
        "with \\ to join the lines without a space"
    )
    assert first.render("th").startswith(
        "agreements/x.yaml:1:18: plain: ข้อความขึ้นบรรทัดใหม่ระหว่าง 'คู่ภาคีตกลง' กับ 'ร่วมมือกัน'"
    )


@pytest.mark.parametrize("loader", LOADERS)
def test_a_file_saved_with_windows_line_endings_is_warned_of_the_same_folds(tmp_path, monkeypatch, loader):
    # Each line ending \r\n: the \r before the break had hidden every fold (adversarial review).
    monkeypatch.setenv(LOADER_VARIABLE, loader)
    unix, windows = tmp_path / "unix.yaml", tmp_path / "windows.yaml"
    unix.write_bytes(FOLDS.encode("utf-8"))
    windows.write_bytes(FOLDS.replace("\n", "\r\n").encode("utf-8"))
    said = [[w.render("en") for w in load_record(path, "agreements/x.yaml").warnings] for path in (unix, windows)]
    assert len(said[0]) == 7
    assert said[1] == said[0]


@pytest.mark.parametrize("loader", LOADERS)
def test_a_folded_thai_clause_is_warned_of_and_the_build_goes_on(tree, monkeypatch, loader):
    monkeypatch.setenv(LOADER_VARIABLE, loader)
    one_line = "text: {th: เพื่อพัฒนาทักษะดิจิทัลของบุคลากร,"
    assert one_line in AGREEMENT
    folded = AGREEMENT.replace(one_line, "text: {th: เพื่อพัฒนาทักษะ\n      ดิจิทัลของบุคลากร,")
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": folded})
    line = folded.lstrip("\n").splitlines().index("    text: {th: เพื่อพัฒนาทักษะ") + 1
    warning = f"warning: agreements/test.yaml:{line}:30: clauses[1].text.th: the line breaks between 'อพัฒนาทักษะ' and 'ดิจิทัลของบุ'"
    out, err = io.StringIO(), io.StringIO()
    assert main(["build", "--root", str(root), "--format", "docx", "--lang", "en"], out, err) == 0
    assert err.getvalue().count(warning) == 1, err.getvalue()
    assert (root / "output" / "test" / "1.0" / "test.th.docx").exists()
    out, err = io.StringIO(), io.StringIO()
    assert main(["check", "--root", str(root), "--lang", "en"], out, err) == 0
    assert warning in err.getvalue() and "1 warning" in out.getvalue()
