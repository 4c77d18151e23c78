"""Shared fixtures: the real project, small record trees, and one build of the samples."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import textwrap
import zipfile
from pathlib import Path

import pytest

from mou.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ("smart-chum-phae-2563", "chumphae-kku-digital-skills")


def require_tool(name: str) -> str:
    """Return a command's path; skip when missing locally, fail when missing in CI."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI (.ci/run installs it)")
        pytest.skip(f"{name} is not installed")
    return path


def with_known_failures(cases: list, known: dict) -> list:
    """Return the cases as pytest parameters, a known failure marked xfail(strict=True) with its reason."""
    return [
        pytest.param(
            *(case if isinstance(case, tuple) else (case,)), marks=pytest.mark.xfail(strict=True, reason=known[case])
        )
        if case in known
        else case
        for case in cases
    ]


def bundled_fonts_conf(folder: Path) -> Path:
    """Write a fontconfig file adding the bundled fonts to the system's (none is installed) and return it."""
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{ROOT / 'templates' / 'fonts'}</dir>"
        f"<cachedir>{folder / 'fontcache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return conf


def libreoffice_to_pdf(sources: list[Path], folder: Path, conf: Path | None = None) -> None:
    """Convert DOCX files to PDF in one headless LibreOffice call that sees the bundled fonts (or conf's).

    LibreOffice gets a profile of its own, so parallel runs do not share one.
    """
    soffice = require_tool("soffice")
    conf = conf or bundled_fonts_conf(folder)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "FONTCONFIG_FILE": str(conf)},
    )


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep mou's on-disk cache (cut fonts) in the test run's own folder, not the user's home."""
    if "MOU_CACHE_DIR" not in os.environ:
        os.environ["MOU_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build both samples once into a temporary output folder and return that folder."""
    output = tmp_path_factory.mktemp("output")
    status = main(["--root", str(ROOT), "--output", str(output)])
    assert status == 0
    return output


def sample_file(output: Path, agreement_id: str, language: str, fmt: str) -> Path:
    """Return the path of one built sample file."""
    versions = sorted((output / agreement_id).iterdir())
    assert len(versions) == 1
    return versions[0] / f"{agreement_id}.{language}.{fmt}"


@pytest.fixture
def tree(tmp_path: Path):
    """Return a function writing {relative path: YAML text} into a project with the real templates."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")

    def write(files: dict[str, str]) -> Path:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return tmp_path

    return write


PARTY_A = """
name: {th: เทศบาลเมืองชุมแพ, en: Chum Phae Town Municipality}
kind: town-municipality
short_name: {th: เทศบาล, en: the Municipality}
address: {th: อำเภอชุมแพ จังหวัดขอนแก่น ๔๐๑๓๐, en: "Chum Phae District, Khon Kaen 40130"}
signatory:
  prefix: {th: นาย, en: Mr.}
  name: {th: สมชาย ใจดี, en: Somchai Jaidee}
  position: {th: นายกเทศมนตรีเมืองชุมแพ, en: Mayor of Chum Phae Town Municipality}
"""

PARTY_B = """
name: {th: มหาวิทยาลัยขอนแก่น, en: Khon Kaen University}
kind: university
short_name: {th: มหาวิทยาลัย, en: the University}
address: {th: อำเภอเมืองขอนแก่น จังหวัดขอนแก่น ๔๐๐๐๒, en: "Mueang Khon Kaen, Khon Kaen 40002"}
signatory:
  prefix: {th: รองศาสตราจารย์, en: Assoc. Prof.}
  name: {th: สมหญิง รักเรียน, en: Somying Rakrian}
  position: {th: รองอธิการบดี, en: Vice-President}
  acting_for: {th: ปฏิบัติการแทนอธิการบดี, en: for the President}
"""

AGREEMENT = """
version: "1.0"
status: final
title: {th: บันทึกข้อตกลงความร่วมมือทดสอบ, en: Memorandum of Understanding on a Test agreement}
subject: {th: การอบรมทักษะดิจิทัล, en: digital skills training}
place: {th: มหาวิทยาลัยขอนแก่น, en: Khon Kaen University}
date: 2020-11-16
parties: [town, kku]
clauses:
  - id: objectives
    heading: {th: วัตถุประสงค์, en: Objectives}
    text: {th: เพื่อพัฒนาทักษะดิจิทัลของบุคลากร, en: To develop the digital skills of staff.}
    items:
      - {th: จัดอบรมปีละ ๒ ครั้ง, en: Hold training twice a year.}
duration: {start: 2020-11-16, end: 2021-11-15}
budget: {amount: 150000}
originals: 2
"""


def write_small_project(folder: Path, agreement: str = AGREEMENT) -> Path:
    """Write the small two-party project (real templates and fonts) into folder, with this agreement."""
    shutil.copytree(ROOT / "templates", folder / "templates")
    for name, text in {
        "parties/town.yaml": PARTY_A,
        "parties/kku.yaml": PARTY_B,
        "agreements/test.yaml": agreement,
    }.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


@pytest.fixture
def small_project(tree) -> Path:
    """A valid two-party project with the real templates."""
    return tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": AGREEMENT})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark as slow every test that reads the built samples (building them takes most of a minute)."""
    for item in items:
        if "built" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


def zipfile_writes(members: list[tuple[str, bytes]]) -> bytes:
    """Return the archive Python's zipfile writes of members, as mou's reproducible zips ask (2020-09-01, deflated at 9)."""
    expected = io.BytesIO()
    with zipfile.ZipFile(expected, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2020, 9, 1, 0, 0, 0))
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return expected.getvalue()
