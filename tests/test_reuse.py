"""What a process reuses between agreements (templates, fonts, Thai breaks) never shows in the output.

A batch compiles the templates and loads the fonts once per process and keeps them while the
template and font files stay the same (mou/html/templating.py, mou/pdf/render.py). These tests
build in this warm test process and in fresh ones, and change templates and fonts between
builds in the same process: the bytes must be those a fresh process writes, and every change
must show.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B, ROOT
from readback import pdf_difference, pdf_lines

from mou.cli.main import main

SECOND = AGREEMENT.replace(
    "title: {th: บันทึกข้อตกลงความร่วมมือทดสอบ, en: Memorandum of Understanding on a Test agreement}",
    "title: {th: บันทึกข้อตกลงความร่วมมือทดสอบฉบับที่สอง, en: Memorandum of Understanding on a Second test agreement}",
)


def build_here(root: Path, output: Path, *extra: str) -> None:
    """Build every agreement in this process (which has rendered other projects before)."""
    assert (
        main(
            ["--root", str(root), "--output", str(output), "--jobs", "1", "--quiet", *extra],
            out=io.StringIO(),
            err=io.StringIO(),
        )
        == 0
    )


def fresh_build(root: Path, output: Path, scratch: Path, jobs: str = "1") -> None:
    """Build every agreement in a new process whose temporary files go to scratch."""
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch)}
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--root",
            str(root),
            "--output",
            str(output),
            "--jobs",
            jobs,
            "--quiet",
        ],
        env=env,
        check=True,
        cwd=root,
        timeout=300,
    )


def same_files(first: Path, second: Path) -> int:
    """Assert two output folders hold the same PDF and DOCX bytes; return how many files."""
    names = sorted(p.relative_to(first) for p in first.rglob("*") if p.suffix in (".pdf", ".docx"))
    assert names == sorted(p.relative_to(second) for p in second.rglob("*") if p.suffix in (".pdf", ".docx"))
    for name in names:
        ours, theirs = (first / name).read_bytes(), (second / name).read_bytes()
        assert ours == theirs, f"{name}: {pdf_difference(ours, theirs) if name.suffix == '.pdf' else 'differs'}"
    return len(names)


@pytest.mark.slow
def test_a_warm_process_writes_what_fresh_workers_write_and_they_leave_no_font_folders(tree, tmp_path):
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/first.yaml": AGREEMENT,
            "agreements/second.yaml": SECOND,
        }
    )
    build_here(root, tmp_path / "warm")
    build_here(root, tmp_path / "warm-again", "--force")  # now with everything reused
    fresh_build(root, tmp_path / "fresh", tmp_path / "scratch", jobs="2")
    assert same_files(tmp_path / "warm", tmp_path / "fresh") == 8
    assert same_files(tmp_path / "warm-again", tmp_path / "fresh") == 8
    # Each worker deletes the folder its font configuration copied the fonts to.
    assert not [p.name for p in (tmp_path / "scratch").iterdir() if p.name.startswith("weasyprint-")]


@pytest.mark.slow
def test_template_and_font_changes_show_in_the_same_process(tree, tmp_path):
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})
    build_here(root, tmp_path / "before")
    assert "ระหว่าง" in pdf_lines(tmp_path / "before/test/1.0/test.th.pdf")  # the title block's own line
    # The template's wording, and the stylesheet's @font-face: bold drawn from the italic
    # font file. A stale template or font configuration would keep either as it was.
    template = root / "templates/standard/th.html"
    times = template.stat()
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            '<p class="title-line">ระหว่าง</p>', '<p class="title-line">บันทึกความเข้าใจ</p>'
        ),
        encoding="utf-8",
    )
    # An edit that keeps the file's time (a restore, `cp -p`) must show too: Jinja alone
    # would trust the time and keep the template it compiled.
    os.utime(template, ns=(times.st_atime_ns, times.st_mtime_ns))
    css = root / "templates/standard/style.css"
    css.write_text(
        css.read_text(encoding="utf-8").replace(
            "font-weight: 700; font-style: normal; src: url(../fonts/Sarabun-Bold.ttf)",
            "font-weight: 700; font-style: normal; src: url(../fonts/Sarabun-Italic.ttf)",
        ),
        encoding="utf-8",
    )
    build_here(root, tmp_path / "after")
    lines = pdf_lines(tmp_path / "after/test/1.0/test.th.pdf")
    assert "บันทึกความเข้าใจ" in lines and "ระหว่าง" not in lines
    fresh_build(root, tmp_path / "fresh", tmp_path / "scratch")
    assert same_files(tmp_path / "after", tmp_path / "fresh") == 4


@pytest.mark.slow
def test_a_reused_stylesheet_keeps_each_editions_page_numbers(tmp_path):
    # style.css is parsed once per process (mou/pdf/speedups.py: cached_css) and reused with
    # the page rules it added; th.html's own <style> numbers Thai pages in Thai digits. Built
    # twice here, the second time with every sheet reused: a rule leaking from one edition to
    # another, or lost, would change the numbers.
    from readback import PAGE_NUMBER, pdf_pages

    from mou.language import thai

    for output in (tmp_path / "first", tmp_path / "again"):
        build_here(ROOT, output, "--force", "--only", "chumphae-kku-digital-skills")
        folder = output / "chumphae-kku-digital-skills" / "1.0"
        for language, digits in (("th", thai.thai_digits), ("en", str), ("th", thai.thai_digits)):
            pages = pdf_pages(folder / f"chumphae-kku-digital-skills.{language}.pdf")
            assert len(pages) >= 2
            numbers = [
                [line.strip() for line in page.splitlines() if PAGE_NUMBER.match(line.strip())] for page in pages
            ]
            assert numbers == [[]] + [[f"- {digits(number)} -"] for number in range(2, len(pages) + 1)]


@pytest.mark.slow
def test_a_stylesheet_that_warns_fails_every_document_not_just_the_first(tree, tmp_path):
    # A sheet whose parsing warned is never reused, so its warning stops every render.
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/first.yaml": AGREEMENT,
            "agreements/second.yaml": SECOND,
        }
    )
    css = root / "templates/standard/style.css"
    text = css.read_text(encoding="utf-8") + "\n.broken { color: nonsense; }\n"
    css.write_text(text, encoding="utf-8")
    line = text.count("\n")
    err = io.StringIO()
    assert (
        main(
            ["--root", str(root), "--output", str(tmp_path / "out"), "--jobs", "1", "--quiet"],
            out=io.StringIO(),
            err=err,
        )
        != 0
    )
    # Each agreement stops at its first edition, Thai.
    assert [line for line in err.getvalue().splitlines() if "nonsense" in line] == [
        f"error: agreements/{agreement_id}.yaml (th): WeasyPrint: Ignored `color: nonsense` at {line}:11, invalid value."
        for agreement_id in ("first", "second")
    ]


def test_a_replaced_font_file_is_measured_again_in_the_same_process(tmp_path):
    # Signature rows pair and side-by-side names stay whole by their width in the font
    # (mou/html/templating.py: text_width); a font replaced in place must be read again,
    # even when its modification time is put back.
    import shutil

    from mou.html.templating import text_width

    font = tmp_path / "Sarabun-Regular.ttf"
    shutil.copy(ROOT / "templates/fonts/Sarabun-Regular.ttf", font)
    before = text_width("(Somchai Jaidee)", font)
    times = font.stat()
    font.write_bytes((ROOT / "templates/fonts/Sarabun-Bold.ttf").read_bytes())
    os.utime(font, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert text_width("(Somchai Jaidee)", font) > before
