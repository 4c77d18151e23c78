"""What each PDF speed-up saves: `python bench/speedups.py [AGREEMENT] [--rounds N]`.

mou/pdf/speedups.py replaces a few WeasyPrint functions with faster ones that write the same
bytes. This renders one agreement's PDFs again and again in one warm process, each round
with every speed-up on, with one of them left out, and with all left out, in a new random
order each round, and prints the CPU time of each configuration (median and minimum over
the rounds) against all of them on. One process and shuffled rounds keep the machine's drift
(this kind of machine changes speed by up to a third within an hour) out of the comparison.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tinyhtml5.inputstream
import weasyprint.css as weasy_css
from weasyprint.layout import inline as weasy_inline
from weasyprint.text import line_break

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mou.pdf import speedups, style_memo  # noqa: E402
from mou.pdf.render import install_patches  # noqa: E402
from mou.pipeline.build import load  # noqa: E402
from mou.pipeline.layout import Layout  # noqa: E402
from mou.pipeline.render import render_stamped  # noqa: E402

SPEEDUPS = ("stylesheets", "setup", "fitting", "parser", "cascade", "memo", "percentages")


def configure(
    left_out: set[str], ours: dict[str, Any], record: Callable[..., Any], prefill: Callable[..., Any]
) -> None:
    """Put WeasyPrint's own function back for each speed-up left out, and mou's for the others."""
    original = speedups.ORIGINAL

    def pick(name: str, key: str) -> Any:
        return original[key] if name in left_out else ours[key]

    weasy_css.CSS = pick("stylesheets", "CSS")
    line_break.Layout.setup = pick("setup", "setup")
    for module in speedups._STRUT_MODULES:
        module.strut = pick("setup", "strut")
    weasy_inline.split_first_line = pick("fitting", "split_first_line")
    for module in speedups._PERCENT_MODULES:
        module.resolve_percentages = pick("percentages", "resolve_percentages")
    tinyhtml5.inputstream.HTMLUnicodeInputStream.chars_until = pick("parser", "chars_until")
    weasy_css.ComputedStyle.__missing__ = pick("memo", "__missing__")  # it records what the memo keeps
    # The indexed user-agent stylesheet needs the cascade hooks: they go together.
    weasy_css.StyleFor.set_computed_styles = pick("cascade", "set_computed_styles")
    weasy_css.StyleFor.__call__ = pick("cascade", "__call__")
    speedups.state["installed"] = "cascade" not in left_out  # which HTML class render_pdf takes
    style_memo.record = (lambda *args: None) if "memo" in left_out else record
    style_memo.prefill = (lambda *args: None) if "memo" in left_out else prefill


def main() -> None:
    """Time each configuration and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("agreement", nargs="?", default="chumphae-kku-digital-skills")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    install_patches()
    if not speedups.state["installed"]:
        raise SystemExit("the speed-ups are off (MOU_ACCELERATE=0, or WeasyPrint's internals differ)")
    ours = {
        "CSS": speedups.cached_css,
        "setup": speedups.setup,
        "strut": speedups.strut,
        "split_first_line": speedups.split_first_line,
        "chars_until": speedups.chars_until,
        "__missing__": speedups.computed_missing,
        "set_computed_styles": speedups.set_computed_styles,
        "__call__": speedups.style_for,
        "resolve_percentages": speedups.resolve_percentages,
    }
    record, prefill = style_memo.record, style_memo.prefill
    configurations = {"all on": set(), **{f"without {name}": {name} for name in SPEEDUPS}, "all off": set(SPEEDUPS)}
    configurations["without cascade"].add("memo")  # the memo's signatures come from the cascade hook
    layout = Layout(ROOT, ROOT / "output")
    project = load(layout)
    times: dict[str, list[float]] = {name: [] for name in configurations}
    for left_out in configurations.values():  # each configuration once before timing
        configure(left_out, ours, record, prefill)
        render_stamped(layout, project, args.agreement, ("pdf",))
    for _ in range(args.rounds):
        order = list(configurations)
        random.shuffle(order)
        for name in order:
            configure(configurations[name], ours, record, prefill)
            gc.collect()
            started = time.process_time()
            render_stamped(layout, project, args.agreement, ("pdf",))
            times[name].append(time.process_time() - started)
    base = statistics.median(times["all on"])
    print(f"{args.agreement}: PDFs of every edition, CPU seconds over {args.rounds} rounds")
    for name, values in times.items():
        middle = statistics.median(values)
        print(f"{name:<20} median {middle:6.3f}  min {min(values):6.3f}  median vs all on {middle / base:5.2f}x")


if __name__ == "__main__":
    main()
