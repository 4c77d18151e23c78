"""mou against the pipelines a user could pick instead, on the same records: `python bench/versus.py`.

In one run, for the 2-party sample and for a generated 300-party agreement (both with their
Thai and English editions, no side-by-side edition), in alternating rounds, each side a
fresh process with its start-up included:

- mou: `python build.py --only ID --force --jobs 1`, Thai and English PDF and DOCX;
- LibreOffice: `soffice --headless --convert-to pdf` of mou's own Thai and English DOCX of
  that agreement in one call (a warm user profile), with the bundled Sarabun fonts installed
  for it through a fontconfig file that adds templates/fonts/ to the system's;
- WeasyPrint: the HTML mou hands to WeasyPrint, rendered by plain WeasyPrint (without mou's
  Thai patches, speed-ups, PDF/A or signature fields) to two PDFs.

With `--baseline DIR` (another checkout of mou, such as a worktree of an earlier commit), mou
as built there is a fourth side, so a change's effect is measured in the same run.

The Python sides run with their modules' bytecode, as an installed program has it: a warm-up
run writes it to a folder of the run's own (PYTHONPYCACHEPREFIX), even where the environment
says not to write it next to the sources (PYTHONDONTWRITEBYTECODE), which would otherwise
leave mou's own modules compiled from source in every process.

Prints, per side, the median wall and CPU time per agreement and per page (each side's own
page count), the pages, and the fonts each side's PDFs embed (pdffonts), with the core count
and the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import Run, page_count, timed  # noqa: E402

import mou.pipeline.render as mou_render  # noqa: E402
from mou.pipeline.build import load  # noqa: E402
from mou.pipeline.layout import Layout  # noqa: E402

SAMPLE = "chumphae-kku-digital-skills"
LANGUAGES = ("th", "en")


def generated_party(number: int, model: dict) -> dict:
    """Return a party record made from a real one, its names numbered (the same number in both languages)."""
    party = yaml.safe_load(yaml.safe_dump(model, allow_unicode=True))
    party["name"] = {"th": f"{model['name']['th']} แห่งที่ {number}", "en": f"{model['name']['en']} No. {number}"}
    party["short_name"] = {
        "th": f"{model['short_name']['th']} {number}",
        "en": f"{model['short_name']['en']} {number}",
    }
    return party


def make_project(folder: Path, parties: int) -> Path:
    """Create a project: the real templates and parties, the 2-party sample, and a generated N-party agreement."""
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copytree(ROOT / "parties", folder / "parties")
    (folder / "agreements").mkdir()
    sample = yaml.safe_load((ROOT / "agreements" / f"{SAMPLE}.yaml").read_text(encoding="utf-8"))
    sample["bilingual_edition"] = False  # the Thai and English editions only, as LibreOffice gets them
    dump(folder / "agreements" / f"{SAMPLE}.yaml", sample)
    models = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "parties").glob("*.yaml"))]
    ids = []
    for number in range(1, parties + 1):
        ids.append(f"party-{number:03d}")
        dump(folder / "parties" / f"{ids[-1]}.yaml", generated_party(number, models[number % len(models)]))
    large = dict(sample, parties=ids, originals=parties)
    large.pop("between", None)  # the title block then lists every party's name
    dump(folder / "agreements" / f"{large_id(parties)}.yaml", large)
    return folder


def large_id(parties: int) -> str:
    """Return the id of the generated agreement."""
    return f"generated-{parties}-parties"


def dump(path: Path, data: dict) -> None:
    """Write a record as YAML."""
    # one line per value: PyYAML folds long lines, and a fold between Thai words reads as a space
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000), encoding="utf-8")


def fonts_conf(folder: Path) -> Path:
    """Write a fontconfig file adding the bundled fonts to the system's, and return it."""
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{ROOT / 'templates' / 'fonts'}</dir>"
        f"<cachedir>{folder / 'fontcache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return conf


def weasyprint_inputs(root: Path, agreement_id: str, folder: Path) -> list[tuple[Path, Path]]:
    """Write the HTML mou hands to WeasyPrint for each edition; return (html file, base folder) pairs."""
    captured: list[tuple[str, Path]] = []
    original = mou_render.render_pdf

    def recording(html: str, base_dir: Path, *args: object, **kwargs: object) -> object:
        captured.append((html, base_dir))
        return original(html, base_dir, *args, **kwargs)  # type: ignore[arg-type]

    mou_render.render_pdf = recording  # type: ignore[assignment]
    try:
        layout = Layout(root, folder / "unused-output")
        mou_render.render_stamped(layout, load(layout, only=[agreement_id]), agreement_id, ("pdf",))
    finally:
        mou_render.render_pdf = original
    pairs = []
    for language, (html, base_dir) in zip(LANGUAGES, captured):
        path = folder / f"{agreement_id}.{language}.html"
        path.write_text(html, encoding="utf-8")
        pairs.append((path, base_dir))
    return pairs


def plain_weasyprint(pairs: list[tuple[Path, Path]], outdir: Path) -> list[str]:
    """Return a command rendering HTML files with plain WeasyPrint in a fresh process."""
    script = (
        "import sys, weasyprint\n"
        "for html, base, out in zip(*[iter(sys.argv[1:])] * 3):\n"
        "    weasyprint.HTML(filename=html, base_url=base + '/').write_pdf(out)\n"
    )
    arguments = [str(a) for html, base in pairs for a in (html, base, outdir / html.with_suffix(".pdf").name)]
    return [sys.executable, "-c", script, *arguments]


def embedded_fonts(pdfs: list[Path]) -> str:
    """Return the families of the fonts embedded in PDFs (pdffonts), subset prefixes left out."""
    names: set[str] = set()
    for pdf in pdfs:
        listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
        for line in listing.splitlines()[2:]:
            names.add(line.split()[0].split("+")[-1])
    return ", ".join(sorted(names)) or "none"


def main() -> None:
    """Measure the three sides on both agreements and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parties", type=int, default=300, help="parties of the generated agreement (default 300)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds on the 2-party sample (default 5)")
    parser.add_argument("--large-rounds", type=int, default=2, help="rounds on the large agreement (default 2)")
    parser.add_argument(
        "--baseline", type=Path, help="another checkout of mou (an earlier commit) measured as a fourth side"
    )
    parser.add_argument("--sample-only", action="store_true", help="the 2-party sample alone")
    args = parser.parse_args()
    for tool in ("soffice", "pdfinfo", "pdffonts"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed (apt-get install libreoffice-writer-nogui poppler-utils)")
    load_before, started = os.getloadavg()[0], time.perf_counter()
    lines = []
    with tempfile.TemporaryDirectory(prefix="mou-versus-") as scratch:
        work = Path(scratch)
        root = make_project(work / "project", args.parties)
        env = {"FONTCONFIG_FILE": str(fonts_conf(work))}
        # Every Python side with its modules' bytecode, written once by the warm-up runs.
        bytecode = {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(work / "pycache")}
        profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
        agreements = [(SAMPLE, args.rounds)] + (
            [] if args.sample_only else [(large_id(args.parties), args.large_rounds)]
        )
        for agreement_id, rounds in agreements:
            out = work / f"out-{agreement_id}"
            mou = [sys.executable, str(ROOT / "build.py"), "--root", str(root), "--output", str(out)]
            mou += ["--only", agreement_id, "--force", "--jobs", "1", "--quiet"]
            timed(mou, bytecode)  # the first build writes the DOCX LibreOffice converts, and warms the caches
            built = out / agreement_id / "1.0"
            docx = [built / f"{agreement_id}.{language}.docx" for language in LANGUAGES]
            office_out, plain_out = work / f"lo-{agreement_id}", work / f"wp-{agreement_id}"
            office = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(office_out)]
            office += [str(path) for path in docx]
            plain = plain_weasyprint(weasyprint_inputs(root, agreement_id, work), plain_out)
            plain_out.mkdir()
            timed(office, env)  # the first start of LibreOffice creates its profile
            timed(plain, bytecode)
            sides = {
                "mou --jobs 1 (PDF and DOCX, th and en)": (mou, bytecode, built),
                "LibreOffice, both DOCX in one call": (office, env, office_out),
                "plain WeasyPrint, mou's HTML": (plain, bytecode, plain_out),
            }
            if args.baseline:
                before_out = work / f"baseline-{agreement_id}"
                before = [sys.executable, str(args.baseline / "build.py"), *mou[2:4], "--output", str(before_out)]
                before += mou[6:]
                before_env = {"PYTHONPATH": str(args.baseline), **bytecode}
                timed(before, before_env)
                sides["mou --jobs 1 at --baseline"] = (before, before_env, before_out / agreement_id / "1.0")
            runs: dict[str, list[Run]] = {name: [] for name in sides}
            for number in range(rounds):
                order = list(sides) if number % 2 == 0 else list(reversed(sides))
                for name in order:
                    command, side_env, _ = sides[name]
                    runs[name].append(timed(command, side_env))
            lines.append(f"\n{agreement_id}: Thai and English editions, {rounds} rounds, medians")
            lines.append(f"{'side':<42} {'pages':>5} {'per agreement':>22} {'per page':>20}  fonts embedded")
            for name, (_, _, folder) in sides.items():
                pdfs = [folder / f"{agreement_id}.{language}.pdf" for language in LANGUAGES]
                pages = sum(page_count(pdf) for pdf in pdfs)
                wall = statistics.median(r.wall for r in runs[name])
                cpu = statistics.median(r.cpu for r in runs[name])
                lines.append(
                    f"{name:<42} {pages:>5} {wall:>8.2f} s ({cpu:6.2f} CPU) "
                    f"{wall / pages * 1000:>6.0f} ms ({cpu / pages * 1000:4.0f} CPU)  {embedded_fonts(pdfs)}"
                )
    print(
        f"mou against LibreOffice and plain WeasyPrint on {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after; "
        f"{time.perf_counter() - started:.0f} s in all; the Python sides with their modules' bytecode"
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
