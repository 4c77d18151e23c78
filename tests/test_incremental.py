"""Incremental and parallel builds: skip what is done, rebuild exactly what changed."""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B, ROOT

from mou.cli.main import main
from mou.pipeline import incremental
from mou.pipeline.selection import parse_shard, shard

PARTY_C = PARTY_B.replace("มหาวิทยาลัยขอนแก่น", "วิทยาลัยชุมชนชุมแพ").replace(
    "Khon Kaen University", "Chum Phae Community College"
)


@pytest.fixture
def two_agreements(tree) -> Path:
    """A project with two agreements: both use 'town'; only 'second' uses 'college'."""
    return tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "parties/college.yaml": PARTY_C,
            "agreements/first.yaml": AGREEMENT,
            "agreements/second.yaml": AGREEMENT.replace("parties: [town, kku]", "parties: [town, college]"),
        }
    )


def build(root: Path, *extra: str) -> tuple[int, str]:
    """Run a PDF-only build quietly enough to read; return status and standard output."""
    out = io.StringIO()
    status = main(["--root", str(root), "--format", "pdf", "--jobs", "1", *extra], out=out, err=io.StringIO())
    return status, out.getvalue()


def built_ids(output: str) -> set[str]:
    """Return the agreements a build log says were written."""
    return set(re.findall(r"wrote \S+/output/([^/]+)/", output))


@pytest.mark.slow
def test_nothing_to_do_skips_everything_and_touches_nothing(two_agreements):
    assert build(two_agreements)[0] == 0
    pdf = two_agreements / "output/first/1.0/first.th.pdf"
    before = (pdf.stat().st_ino, pdf.stat().st_mtime_ns)
    status, log = build(two_agreements)
    assert status == 0 and built_ids(log) == set()
    assert log.count("up to date:") == 2
    assert (pdf.stat().st_ino, pdf.stat().st_mtime_ns) == before


@pytest.mark.slow
def test_a_party_change_rebuilds_exactly_the_agreements_that_name_it(two_agreements):
    build(two_agreements)
    college = two_agreements / "parties/college.yaml"
    college.write_text(
        college.read_text(encoding="utf-8").replace("วิทยาลัยชุมชนชุมแพ", "วิทยาลัยชุมชนขอนแก่น"), encoding="utf-8"
    )
    assert built_ids(build(two_agreements)[1]) == {"second"}
    town = two_agreements / "parties/town.yaml"
    town.write_text(town.read_text(encoding="utf-8") + "# a comment changes the record's bytes\n", encoding="utf-8")
    assert built_ids(build(two_agreements)[1]) == {"first", "second"}


@pytest.mark.slow
def test_agreement_template_font_and_force_each_trigger_a_rebuild(two_agreements):
    build(two_agreements)
    first = two_agreements / "agreements/first.yaml"
    first.write_text(first.read_text(encoding="utf-8").replace("originals: 2", "originals: 3"), encoding="utf-8")
    assert built_ids(build(two_agreements)[1]) == {"first"}
    css = two_agreements / "templates/standard/style.css"
    css.write_text(css.read_text() + "\n/* changed */\n")
    assert built_ids(build(two_agreements)[1]) == {"first", "second"}
    font = two_agreements / "templates/fonts/Sarabun-Regular.ttf"
    font.write_bytes(font.read_bytes() + b"\0")
    assert built_ids(build(two_agreements)[1]) == {"first", "second"}
    assert built_ids(build(two_agreements, "--force")[1]) == {"first", "second"}
    assert built_ids(build(two_agreements, "--format", "docx")[1]) == {"first", "second"}


@pytest.mark.slow
def test_a_deleted_or_damaged_output_file_is_rebuilt(two_agreements):
    build(two_agreements)
    (two_agreements / "output/second/1.0/second.en.pdf").unlink()
    assert built_ids(build(two_agreements)[1]) == {"second"}
    pdf = two_agreements / "output/first/1.0/first.th.pdf"
    good = pdf.read_bytes()
    middle = len(good) // 2
    pdf.write_bytes(good[:middle] + bytes([good[middle] ^ 0xFF]) + good[middle + 1 :])  # same size, one byte off
    assert built_ids(build(two_agreements)[1]) == {"first"}
    assert pdf.read_bytes() == good
    assert built_ids(build(two_agreements)[1]) == set()


@pytest.mark.slow
def test_a_build_with_nothing_to_do_does_not_import_weasyprint(small_project):
    assert main(["--root", str(small_project), "--format", "pdf"], out=io.StringIO()) == 0
    probe = (
        "import sys, io; from mou.cli.main import main; "
        f"status = main(['--root', {str(small_project)!r}, '--format', 'pdf'], out=io.StringIO()); "
        "print(status, sorted(m for m in ('weasyprint', 'pydantic', 'jinja2', 'docx', 'mou.records.crosscheck') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["0", "[]"]


@pytest.mark.slow
def test_parallel_and_serial_builds_write_the_same_bytes(two_agreements, tmp_path):
    assert (
        main(
            ["--root", str(two_agreements), "--format", "pdf", "--jobs", "2", "--output", str(tmp_path / "parallel")],
            out=io.StringIO(),
        )
        == 0
    )
    assert (
        main(
            ["--root", str(two_agreements), "--format", "pdf", "--jobs", "1", "--output", str(tmp_path / "serial")],
            out=io.StringIO(),
        )
        == 0
    )
    for name in ("first/1.0/first.th.pdf", "second/1.0/second.en.pdf"):
        assert (
            hashlib.sha256((tmp_path / "parallel" / name).read_bytes()).digest()
            == hashlib.sha256((tmp_path / "serial" / name).read_bytes()).digest()
        )


@pytest.mark.parametrize(
    "ids, count", [(["a", "b", "c", "d", "e"], 2), (["x"], 3), ([], 4), ([f"id-{n}" for n in range(37)], 5)]
)
def test_shards_are_disjoint_complete_and_stable(ids, count):
    shares = [shard(ids, (index, count)) for index in range(1, count + 1)]
    assert sorted(sum(shares, [])) == sorted(ids)
    assert all(not set(a) & set(b) for i, a in enumerate(shares) for b in shares[i + 1 :])
    assert shares == [shard(list(reversed(ids)), (index, count)) for index in range(1, count + 1)]


@pytest.mark.parametrize("text", ["0/2", "3/2", "a/b", "1", "1/0"])
def test_bad_shard_is_a_usage_error(text):
    with pytest.raises(ValueError):
        parse_shard(text)
    assert main(["--shard", text], out=io.StringIO(), err=io.StringIO()) == 2


@pytest.mark.slow
def test_shard_builds_only_its_share(two_agreements):
    assert built_ids(build(two_agreements, "--shard", "1/2")[1]) == {"first"}
    assert built_ids(build(two_agreements, "--shard", "2/2")[1]) == {"second"}


@pytest.mark.slow
def test_only_picks_agreements(two_agreements):
    assert built_ids(build(two_agreements, "--only", "second")[1]) == {"second"}


@pytest.mark.slow
def test_a_docx_edited_in_output_is_kept_beside_the_new_one(two_agreements):
    main(["--root", str(two_agreements), "--jobs", "1"], out=io.StringIO())
    docx = two_agreements / "output/first/1.0/first.th.docx"
    docx.write_bytes(docx.read_bytes() + b"clerk's edit")
    err = io.StringIO()
    assert main(["--root", str(two_agreements), "--jobs", "1", "--force"], out=io.StringIO(), err=err) == 0
    kept = two_agreements / "output/first/1.0/first.th.edited.docx"
    assert kept.read_bytes().endswith(b"clerk's edit")
    assert not docx.read_bytes().endswith(b"clerk's edit")
    assert "first.th.docx was edited after mou wrote it: your copy is kept as first.th.edited.docx" in err.getvalue()


@pytest.mark.slow
def test_index_page_links_every_file(two_agreements):
    build(two_agreements)
    index = (two_agreements / "output/index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    assert sorted(links) == [
        "first/1.0/first.en.pdf",
        "first/1.0/first.th.pdf",
        "second/1.0/second.en.pdf",
        "second/1.0/second.th.pdf",
    ]
    assert all((two_agreements / "output" / link).is_file() for link in links)
    assert "บันทึกข้อตกลงความร่วมมือทดสอบ" in index and "final" in index


@pytest.mark.slow
def test_quiet_prints_nothing_and_verbose_prints_timings(two_agreements):
    assert build(two_agreements, "--quiet")[1] == ""
    log = build(two_agreements, "--verbose", "--force")[1]
    assert re.search(r"built first in \d+\.\d\d s", log)


def test_the_code_digest_covers_every_module_of_every_stage_package():
    from mou.pipeline.incremental import source_files

    files = source_files()
    package = ROOT / "mou"
    assert sorted(files) == sorted(p.relative_to(package).as_posix() for p in package.rglob("*.py"))
    assert {"pdf/thai_patches.py", "pdf/speedups.py", "cli/main.py", "records/model.py"} <= files.keys()


def test_library_versions_are_read_as_importlib_metadata_reads_them():
    from importlib import metadata

    from mou.pipeline.incremental import SHAPING_LIBRARIES, installed_versions

    found = installed_versions((*SHAPING_LIBRARIES, "no-such-distribution"))
    assert found == {name: metadata.version(name) for name in SHAPING_LIBRARIES}


def test_the_hash_memo_trusts_a_digest_only_while_the_file_is_untouched(tmp_path, monkeypatch):
    monkeypatch.setattr(incremental, "SETTLED_NS", 0)
    output = tmp_path / "output"
    output.mkdir()
    path = output / "a.pdf"
    path.write_bytes(b"%PDF good bytes")
    buffer = bytearray(incremental.READ_SIZE)
    memo = incremental.HashMemo.load(output)
    good = memo.digest(str(path), buffer)
    assert good == hashlib.sha256(b"%PDF good bytes").hexdigest()
    memo.save()
    # unchanged: the remembered digest is used without reading the file again
    monkeypatch.setattr(incremental, "hash_open_file", lambda *_: pytest.fail("an untouched file was hashed again"))
    assert incremental.HashMemo.load(output).digest(str(path), buffer) == good
    monkeypatch.undo()
    monkeypatch.setattr(incremental, "SETTLED_NS", 0)
    # one byte damaged, size and modification time put back: the change time still tells
    before = path.stat()
    path.write_bytes(b"%PDF bad! bytes")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert incremental.HashMemo.load(output).digest(str(path), buffer) == hashlib.sha256(b"%PDF bad! bytes").hexdigest()


def test_a_file_changed_just_now_is_not_remembered(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "a.pdf").write_bytes(b"fresh")
    memo = incremental.HashMemo.load(output)
    assert memo.digest(str(output / "a.pdf"), bytearray(16)) == hashlib.sha256(b"fresh").hexdigest()
    assert memo.entries == {} and not memo.changed


def test_a_hash_memo_nested_too_deep_is_an_empty_memo(tmp_path):
    (tmp_path / incremental.HASH_MEMO).write_text("[" * 200_000 + "]" * 200_000)
    assert incremental.HashMemo.load(tmp_path).entries == {}
