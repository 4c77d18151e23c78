"""mou's resolve_percentages (a speed-up) sets every box's used lengths exactly as WeasyPrint's does."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import weasyprint
from weasyprint.formatting_structure import boxes
from weasyprint.layout import percent

from mou.pdf import speedups
from mou.pdf.render import install_patches

# Lengths of every kind the function reads: percentages, calc(), auto, em, min and max sizes,
# box-sizing, collapsed table borders, page margins in percent.
HTML = """<style>
@page { size: 400pt 600pt; margin: 5% 10pt calc(2% + 3pt) auto; }
div.a { width: 60%; padding: 2% 3pt 1em 5%; margin: 1em auto 4% 10%; min-width: 20%; max-width: 90%;
        border: 2pt solid; box-sizing: border-box; }
div.b { width: calc(50% - 10pt); height: 30%; min-height: 5%; max-height: calc(80% - 1pt); padding: 3%; }
div.c { height: 40pt; box-sizing: padding-box; padding: 1pt; float: left; width: 33.3%; }
table { border-collapse: collapse; width: 100%; } td { border: 3pt solid; padding: 2%; width: 41.7%; }
span { padding: 0 1%; margin: 0 2pt; }
</style>
<div class="a"><p>One <span>two</span> three</p><div class="b">four</div><div class="c">five</div></div>
<table><tr><td>six</td><td style="width: 58.3%">seven</td></tr></table>"""

SIDES = ("top", "right", "bottom", "left")
USED = [
    *(f"{kind}_{side}" for kind in ("margin", "padding") for side in SIDES),
    *("width", "height", "min_width", "max_width", "min_height", "max_height"),
    *(f"border_{side}_width" for side in SIDES),
]


def outcome(resolve: Any, box: Any, containing_block: Any) -> object:
    """Return the used lengths resolve() sets on a copy of the box, or the type of error it raises."""
    box = copy.copy(box)
    try:
        resolve(box, containing_block)
    except Exception as exc:  # a page's percentage of an auto height: WeasyPrint's raises too
        return type(exc)
    return [getattr(box, name) for name in USED]


def laid_out_boxes() -> list[Any]:
    """Return every box of the laid-out document, pages included."""
    document = weasyprint.HTML(string=HTML).render()
    found: list[Any] = []
    for page in document.pages:
        found.extend(page._page_box.descendants())
    return found


@pytest.mark.parametrize("containing_block", [(300.0, 500.0), (300.0, "auto"), (212.5, 0.0)])
def test_mous_resolve_percentages_sets_what_weasyprints_sets(containing_block: tuple[float, Any]) -> None:
    install_patches()
    weasyprints = speedups.ORIGINAL.get("resolve_percentages", percent.resolve_percentages)
    found = laid_out_boxes()
    assert any(isinstance(box, boxes.PageBox) for box in found)
    assert any(box.style["border_collapse"] == "collapse" for box in found)
    for box in found:
        theirs = outcome(weasyprints, box, containing_block)
        assert outcome(speedups.resolve_percentages, box, containing_block) == theirs, box


def test_the_box_as_containing_block_gives_its_width_and_height() -> None:
    install_patches()
    weasyprints = speedups.ORIGINAL.get("resolve_percentages", percent.resolve_percentages)
    found = [box for box in laid_out_boxes() if isinstance(box, boxes.BlockBox)]
    for parent, box in zip(found, found[1:]):
        theirs = outcome(weasyprints, box, parent)
        assert isinstance(theirs, list)
        assert outcome(speedups.resolve_percentages, box, parent) == theirs, box
