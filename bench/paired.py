"""Two commands' CPU time, paired and alternating: `python bench/paired.py --pairs 5 -- 'CMD A' 'CMD B'`.

Runs A and B one after the other, in alternating order (A B, B A, A B, …), each a fresh
process with its start-up included, after one warm-up run of each. Prints each run's CPU
time (user and system, with its children), the medians, and the median, lowest and highest
of the pairs' ratios B ÷ A, with the core count and the load average before and after. On a
machine shared with other processes the ratio of a pair moves far less than either time.

To compare two template folders on one agreement, give the same build command with two
`--root` folders; to compare two checkouts, the same command with two PYTHONPATH values
(`env PYTHONPATH=… python build.py …`).
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import timed


def main() -> None:
    """Time the two commands in alternating pairs and print the medians and the paired ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5, help="pairs of runs (default 5)")
    parser.add_argument("first", help="command A, as one shell-quoted string")
    parser.add_argument("second", help="command B, as one shell-quoted string")
    args = parser.parse_args()
    commands = [shlex.split(args.first), shlex.split(args.second)]
    # with their modules' bytecode, as an installed program has it (see versus.py)
    bytecode = {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(Path.home() / ".cache/mou-bench-pycache")}
    load_before = os.getloadavg()[0]
    for command in commands:
        timed(command, bytecode)
    cpu: list[list[float]] = [[], []]
    for number in range(args.pairs):
        for side in (0, 1) if number % 2 == 0 else (1, 0):
            cpu[side].append(timed(commands[side], bytecode).cpu)
    ratios = [b / a for a, b in zip(*cpu)]
    print(f"{os.cpu_count()} cores, load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    for name, times in zip("AB", cpu):
        print(f"{name}: CPU {' '.join(f'{t:.2f}' for t in times)} s, median {statistics.median(times):.2f} s")
    print(
        f"B ÷ A, paired: median {statistics.median(ratios):.3f} (lowest {min(ratios):.3f}, highest {max(ratios):.3f})"
    )


if __name__ == "__main__":
    main()
