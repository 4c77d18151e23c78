"""The same records, templates and fonts give the same bytes: PDF, DOCX and release archive.

Each build here runs as its own process, from a copy of the project in another folder,
seconds apart; the hashes must not move. Both font subsetters are covered: HarfBuzz's
(libharfbuzz-subset0) and fontTools' (WeasyPrint's fallback, which would stamp the clock
into every subset font).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, write_small_project
from test_release import PASSWORD, key_file, throwaway_key

# Run mou's command line, optionally as if libharfbuzz-subset0 were not installed.
RUNNER = """
import sys
if sys.argv[1] == "fonttools":
    import weasyprint.pdf.fonts
    weasyprint.pdf.fonts.harfbuzz_subset = None  # what WeasyPrint sees without libharfbuzz-subset0
from mou.cli.main import main
first, _, second = " ".join(sys.argv[2:]).partition(" --then ")
sys.exit(main(first.split()) or main(second.split()))
"""


def run_release(folder: Path, subsetter: str, key: Path | None, epoch: str | None = None) -> Path:
    """Build and release the project in a fresh process started in folder; return the archive."""
    runner = folder / "run.py"
    runner.write_text(RUNNER, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "MOU_SIGNING_KEY")}
    env |= {"PYTHONPATH": str(ROOT), "MOU_SIGNING_PASSWORD": PASSWORD, "TZ": "Asia/Bangkok"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    argv = ["--root", ".", "--then", "release", "--root", ".", *(["--key", str(key)] if key else [])]
    done = subprocess.run(
        [sys.executable, str(runner), subsetter, *argv],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / "output" / "releases" / "test-1.0.zip"


def digests(folder: Path) -> dict[str, str]:
    """Return the SHA-256 of every built file and archive member, by name."""
    found = {}
    for path in sorted((folder / "output" / "test").rglob("*")):
        if path.is_file() and path.suffix in (".pdf", ".docx"):
            found[f"build/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    archive = folder / "output" / "releases" / "test-1.0.zip"
    found["archive"] = hashlib.sha256(archive.read_bytes()).hexdigest()
    with zipfile.ZipFile(archive) as package:
        for name in package.namelist():
            found[name] = hashlib.sha256(package.read(name)).hexdigest()
    return found


@pytest.mark.parametrize("subsetter", ["harfbuzz", "fonttools"])
@pytest.mark.slow
def test_two_builds_in_different_folders_at_different_times_are_byte_identical(tmp_path, subsetter):
    if subsetter == "harfbuzz":
        import weasyprint.pdf.fonts

        if not weasyprint.pdf.fonts.harfbuzz_subset:
            if os.environ.get("CI"):
                pytest.fail("libharfbuzz-subset0 is required in CI (.ci/run installs it)")
            pytest.skip("libharfbuzz-subset0 is not installed")
    key = key_file(tmp_path)  # RSA, PKCS#1 v1.5: deterministic signatures
    first = run_release(write_small_project(tmp_path / "first"), subsetter, key)
    time.sleep(1.2)  # the clock moves on: a time stamp anywhere would show
    second = run_release(write_small_project(tmp_path / "elsewhere" / "second"), subsetter, key)
    a, b = digests(tmp_path / "first"), digests(tmp_path / "elsewhere" / "second")
    assert len(a) == 15  # 4 built files, the archive, its 10 members
    assert a == b
    manifest = json.loads(zipfile.ZipFile(first).read("manifest.json"))
    assert manifest["software"]["font-subsetter"] == ("fonttools" if subsetter == "fonttools" else "harfbuzz-subset")
    assert manifest["build_time"] == "2020-11-16T00:00:00Z"
    for path in (first, second):  # no absolute path of either folder in any output
        for data in [path.read_bytes()] + [zipfile.ZipFile(path).read(n) for n in zipfile.ZipFile(path).namelist()]:
            assert str(tmp_path).encode() not in data


@pytest.mark.slow
def test_source_date_epoch_sets_the_time_of_everything(tmp_path):
    epoch = "1735689600"  # 2025-01-01T00:00:00Z
    first = run_release(write_small_project(tmp_path / "a"), "harfbuzz", None, epoch)
    second = run_release(write_small_project(tmp_path / "b"), "harfbuzz", None, epoch)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:
        manifest = json.loads(package.read("manifest.json"))
        assert {info.date_time for info in package.infolist()} == {(2025, 1, 1, 0, 0, 0)}
        pdf = package.read("documents/test.th.pdf")
        docx = zipfile.ZipFile(__import__("io").BytesIO(package.read("documents/test.th.docx")))
    assert manifest["build_time"] == "2025-01-01T00:00:00Z" and manifest["build_time_source"] == "SOURCE_DATE_EPOCH"
    assert b"D:20250101000000Z" in pdf and b"2025-01-01T00:00:00Z" in docx.read("docProps/core.xml")


@pytest.mark.slow
def test_fonttools_subset_fonts_carry_the_build_time_not_the_clock():
    """The fix for fontTools' head.modified, on its own: two subsets a second apart."""
    import datetime
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    from mou.pdf.font_time import fixed_font_time

    when = datetime.datetime(2020, 11, 16, tzinfo=datetime.UTC)

    def subset_font() -> bytes:
        font = TTFont(ROOT / "templates/fonts/Sarabun-Regular.ttf")
        subsetter = subset.Subsetter()
        subsetter.populate(text="อำเภอ")
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()

    with fixed_font_time(when):
        first = subset_font()
        time.sleep(1.1)
        second = subset_font()
    assert first == second
    modified = TTFont(io.BytesIO(first))["head"].modified
    from fontTools.misc.timeTools import timestampSinceEpoch

    assert modified == timestampSinceEpoch(int(when.timestamp()))


@pytest.mark.slow
def test_an_ec_key_signs_validly_but_not_reproducibly(small_project, monkeypatch, tmp_path):
    """ECDSA draws a random number per signature: both archives verify, their bytes differ,
    and release says so (see README: use an RSA key for byte-identical signed archives)."""
    from test_release import release, verify

    key = tmp_path / "ec.p12"
    key.write_bytes(throwaway_key("ec"))
    status, _, err = release(small_project, key, monkeypatch)
    assert status == 0 and "note: the key is not RSA" in err
    path = small_project / "output/releases/test-1.0.zip"
    first = path.read_bytes()
    path.unlink()
    assert release(small_project, key, monkeypatch)[0] == 0
    assert path.read_bytes() != first
    assert verify(path, "--require-signature")[0] == 0


def test_weasyprint_subsets_fonts_with_the_expected_library():
    # WeasyPrint subsets with HarfBuzz exactly when libharfbuzz-subset0 is installed. .ci/run
    # also runs these tests with the library hidden and MOU_EXPECT_SUBSETTER=fonttools (the
    # loader's cache still lists it then): each run must really use the subsetter it claims.
    import ctypes.util

    import weasyprint.pdf.fonts

    from mou.pdf.render import install_patches

    install_patches()  # where MOU_FONT_SUBSETTER=fonttools takes effect, as in every render
    installed = "harfbuzz-subset" if ctypes.util.find_library("harfbuzz-subset") else "fonttools"
    expected = os.environ.get("MOU_EXPECT_SUBSETTER") or installed
    found = "harfbuzz-subset" if weasyprint.pdf.fonts.harfbuzz_subset else "fonttools"
    assert found == expected


def test_a_difference_between_two_builds_is_named_down_to_the_font_table():
    # What a failing reproducibility test reports: here two subsets that differ only in their
    # head table's time stamp (fontTools, as without libharfbuzz-subset0).
    import datetime

    import weasyprint
    import weasyprint.pdf.fonts
    from readback import pdf_difference

    from mou.pdf.font_time import fixed_font_time

    html = (
        "<style>@font-face { font-family: S; src: url(templates/fonts/Sarabun-Regular.ttf) }"
        " p { font-family: S }</style><p>กขค abc</p>"
    )
    built = []
    subsetter = weasyprint.pdf.fonts.harfbuzz_subset
    weasyprint.pdf.fonts.harfbuzz_subset = None
    try:
        for year in (2020, 2021):
            with fixed_font_time(datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)):
                built.append(weasyprint.HTML(string=html, base_url=str(ROOT) + "/").write_pdf())
    finally:
        weasyprint.pdf.fonts.harfbuzz_subset = subsetter
    said = pdf_difference(*built)
    assert "an embedded font; tables that differ: head;" in said
    assert pdf_difference(built[0], built[0]) == "the same bytes"


def test_an_agreement_dated_before_1941_is_refused_where_its_date_stands(tmp_path):
    # Its B.E. year is not C.E. + 543; the build time (the agreement's date) is then never
    # before 1904, the head table's epoch, which the font stamp below still guards.
    project = write_small_project(tmp_path / "old")
    record = project / "agreements" / "test.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("2020-11-16", "1903-11-16"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, "plain", "--root", str(project), "--format", "pdf", "--quiet"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )
    assert done.returncode == 1
    assert "agreements/test.yaml:6:7: date: 1903-11-16 is before 1 January 1941" in done.stderr
    assert not (project / "output").exists() or not any((project / "output").rglob("*.pdf"))


def test_a_build_time_before_1904_is_stamped_in_a_font_as_1904():
    from fontTools.ttLib.tables import _h_e_a_d

    from mou.pdf.font_time import fixed_font_time

    with fixed_font_time(datetime.datetime(1903, 11, 16, tzinfo=datetime.UTC)):
        assert _h_e_a_d.timestampNow() == 0
    with fixed_font_time(datetime.datetime(2020, 11, 16, tzinfo=datetime.UTC)):
        assert _h_e_a_d.timestampNow() > 0


def test_the_subsetter_switch_makes_weasyprint_use_fonttools():
    # MOU_FONT_SUBSETTER=fonttools (docs/ci.md): where the library cannot be hidden, CI runs
    # the reproducibility tests with this switch instead.
    code = (
        "from mou.pdf.render import install_patches; install_patches(); "
        "import weasyprint.pdf.fonts as fonts; print(fonts.harfbuzz_subset is None)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "MOU_FONT_SUBSETTER": "fonttools"},
    )
    assert done.stdout.strip() == "True"
