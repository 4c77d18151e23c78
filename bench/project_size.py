"""How a build's cost follows the size of the project: `python bench/project_size.py`.

In one run:

1. one agreement (`--only chumphae-kku-digital-skills --force --format pdf --jobs 1`) built
   in the two-sample project and in the same project with N more agreements (copies of
   that 2-party agreement), in alternating rounds: the medians and their ratio;
2. `python build.py check` of that larger project with libyaml's parser and with PyYAML's
   own (MOU_YAML_LOADER=python), alternating: what reading every record costs each way;
3. a build with nothing to do in a project of M agreements (copies of the same agreement,
   each with its six files), built once with `--jobs 2` first: the median of several runs.

Wall and CPU time (the command and its workers), with the load average before and after:
other work on the machine stretches wall times, CPU times much less.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from timing import Run, timed  # noqa: E402

AGREEMENT = "chumphae-kku-digital-skills"


def project(folder: Path, copies: int, samples: bool = True) -> Path:
    """Create a project with the real templates and parties, the samples, and `copies` of one agreement."""
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copytree(ROOT / "parties", folder / "parties")
    (folder / "agreements").mkdir()
    source = ROOT / "agreements" / f"{AGREEMENT}.yaml"
    if samples:
        for path in (ROOT / "agreements").glob("*.yaml"):
            shutil.copy(path, folder / "agreements" / path.name)
    for number in range(1, copies + 1):
        shutil.copy(source, folder / "agreements" / f"copy-{number:03d}.yaml")
    return folder


def build(root: Path, output: Path, *extra: str) -> list[str]:
    """Return a build command line."""
    return [sys.executable, str(ROOT / "build.py"), "--root", str(root), "--output", str(output), "--quiet", *extra]


def median(runs: list[Run], field: str) -> float:
    """Return the median of the runs' wall or CPU times."""
    return statistics.median(getattr(run, field) for run in runs)


def main() -> None:
    """Run the three measurements and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=int, default=200, help="agreements added for measurement 1 (default 200)")
    parser.add_argument("--noop-n", type=int, default=400, help="agreements of measurement 3 (default 400)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    parser.add_argument("--noop-runs", type=int, default=20, help="runs of measurement 3 (default 20)")
    parser.add_argument("--noop-only", action="store_true", help="measurement 3 alone")
    parser.add_argument(
        "--keep", type=Path, help="make (or reuse) measurement 3's project and output in this folder, kept after"
    )
    args = parser.parse_args()
    load_before, started = os.getloadavg()[0], time.perf_counter()
    rows: list[tuple[str, str]] = []

    def row(name: str, value: str) -> None:
        """Keep a row for the table, and show it at once (the whole run takes minutes)."""
        rows.append((name, value))
        print(f"{name}: {value}", flush=True)

    def times(runs: list[Run]) -> str:
        return f"{median(runs, 'wall'):.3f} s wall, {median(runs, 'cpu'):.3f} s CPU"

    with tempfile.TemporaryDirectory(prefix="mou-size-") as scratch:
        work = Path(scratch)
        if not args.noop_only:
            small, large = project(work / "small", 0), project(work / "large", args.extra)
            one = ["--only", AGREEMENT, "--force", "--format", "pdf", "--jobs", "1"]
            timed(build(small, work / "out", *one))  # warm the file cache and the font cache
            runs: dict[str, list[Run]] = {"small": [], "large": []}
            for _ in range(args.rounds):
                for name, root in (("small", small), ("large", large)):
                    runs[name].append(timed(build(root, work / f"out-{name}", *one)))
            for name, label in (("small", "the 2 samples"), ("large", f"the 2 samples + {args.extra}")):
                row(f"one agreement built (--only, --force, pdf, --jobs 1), project of {label}", times(runs[name]))
            ratio = statistics.median(b.wall / a.wall for a, b in zip(runs["small"], runs["large"]))
            cpu_ratio = statistics.median(b.cpu / a.cpu for a, b in zip(runs["small"], runs["large"]))
            row(
                "  larger project against the 2 samples (target: at most 1.25x)",
                f"{ratio:.2f}x wall, {cpu_ratio:.2f}x CPU",
            )

            check = [sys.executable, str(ROOT / "build.py"), "check", "--root", str(large)]
            loaders: dict[str, list[Run]] = {"c": [], "python": []}
            for _ in range(args.rounds):
                for loader in loaders:
                    loaders[loader].append(timed(check, {"MOU_YAML_LOADER": loader}))
            for loader, label in (
                ("c", "libyaml (the default)"),
                ("python", "PyYAML's parser (MOU_YAML_LOADER=python)"),
            ):
                row(f"check of {args.extra + 2} agreements, {label}", times(loaders[loader]))

        place = args.keep or work
        many = place / "many"
        if not many.is_dir():
            project(many, args.noop_n, samples=False)
        first = timed(build(many, place / "out-many", "--jobs", "2"))
        row(
            f"first build of {args.noop_n} agreements, --jobs 2 (a no-op if --keep held it built)",
            f"{first.wall:.0f} s wall",
        )
        noop = [timed(build(many, place / "out-many")) for _ in range(args.noop_runs)]
        files = sum(1 for _ in (place / "out-many").glob("*/*/[!.]*"))
        row(
            f"build with nothing to do, {args.noop_n} agreements, {files} files checked (target: under 0.3 s), "
            f"median of {len(noop)}",
            times(noop),
        )
        row(
            "  the same, slowest run and runs under 0.2 s CPU",
            f"{max(r.wall for r in noop):.3f} s wall, {max(r.cpu for r in noop):.3f} s CPU; "
            f"{sum(r.cpu < 0.2 for r in noop)} of {len(noop)}",
        )
    print(
        f"\nmou project-size benchmark on {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after; "
        f"{time.perf_counter() - started:.0f} s in all"
    )
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
