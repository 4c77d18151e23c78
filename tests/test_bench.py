"""The benchmark and report scripts of bench/ count what the tests count."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent.parent / "bench"


def bench_script(name: str) -> ModuleType:
    """Import one script of bench/ as a module."""
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_typesetting_report_leaves_a_drafts_watermark_out_of_its_differences():
    """A draft's ร่าง / DRAFT, extracted among the body's lines, counted as lines that differ from the source."""
    report = bench_script("typesetting_report")
    source = ["ข้อ ๑ วัตถุประสงค์", "เพื่อพัฒนาทักษะดิจิทัลของบุคลากร"]
    read = ["ข้อ ๑ วัตถุประสงค์", "ร่าง", "เพื่อพัฒนาทักษะดิจิทัลของบุคลากร"]
    assert report.differences(source, read) == "0"
    assert report.differences(source, [*read, "DRAFT", "ร่าง · DRAFT"]) == "0"
    assert report.differences(source, ["ข้อ ๑ วัตถุประสงค์", "อย่างอื่น"]) != "0"  # still counts real differences
    assert report.differences(source, None) == "-"
