"""Empty PDF signature fields, drawn over each signatory's dotted line, added as the PDF is written.

The template gives the dots every signatory signs on an id (`<span class="sign-dots"
id="sig-chumphae-district">`); after layout, the box of that span tells where the dots are,
and a signature field of the same name is placed over them, reaching up above the line where
a signature is drawn. The fields are written by WeasyPrint's finisher hook, in the same pass as
the rest of the PDF: no incremental update, nothing random, and PDF/A rules kept (each widget
is printable and has an appearance stream, empty until someone signs).

An invisible field, `sig-organization`, is added for the organization's release signature
(mou/release/signing.py), so the parties' fields stay free for the parties.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pydyf
from weasyprint.formatting_structure import boxes

from mou.core.errors import Problem, RenderError
from mou.core.messages import say

PREFIX = "sig-"
ORGANIZATION_FIELD = "sig-organization"
PT_PER_PX = 0.75  # 72 PDF points per inch / 96 CSS pixels per inch
ABOVE_LINE_PT = 22.0  # the field reaches this far above the top of the dotted line
PRINT_FLAG = 4


@dataclass(frozen=True)
class SignatureField:
    """One signature field: its name, page (0-based) and rectangle in PDF points."""

    name: str
    page: int
    rect: tuple[float, float, float, float]  # x1, y1, x2, y2 from the page's bottom-left


def find_signature_fields(document: Any) -> list[SignatureField]:
    """Return a field over every `.sign-dots` span with a `sig-` id, in document order."""
    fields: dict[str, SignatureField] = {}
    duplicates: list[str] = []
    for index, page in enumerate(document.pages):
        page_box = getattr(page, "_page_box", None)
        if page_box is None:  # WeasyPrint is pinned; this guards an unexpected upgrade
            raise RenderError(
                "cannot place signature fields with this WeasyPrint version; "
                "install the version pinned in pyproject.toml"
            )
        height_pt = page.height * PT_PER_PX
        for box in page_box.descendants():
            element = getattr(box, "element", None)
            if not isinstance(box, boxes.InlineBox) or element is None:
                continue
            name = element.get("id") or ""
            if not name.startswith(PREFIX) or "sign-dots" not in (element.get("class") or "").split():
                continue
            left = box.position_x * PT_PER_PX
            right = (box.position_x + box.margin_width()) * PT_PER_PX
            top = box.position_y * PT_PER_PX
            bottom = (box.position_y + box.margin_height()) * PT_PER_PX
            rect = (
                round(left, 2),
                round(height_pt - bottom, 2),
                round(right, 2),
                round(height_pt - top + ABOVE_LINE_PT, 2),
            )
            if name in fields or name == ORGANIZATION_FIELD:
                duplicates.append(name)
            fields[name] = SignatureField(name, index, rect)
    if duplicates:
        raise RenderError(
            Problem("templates", say("duplicate_signature_field", names=", ".join(sorted(set(duplicates)))))
        )
    return list(fields.values())


def add_signature_fields(pdf: pydyf.PDF, fields: list[SignatureField], organization: bool = True) -> None:
    """Write the fields (and the invisible organization field) into a pydyf PDF being finished."""
    if not fields and not organization:
        return
    page_numbers = pdf.pages["Kids"][::3]
    references = []
    all_fields = list(fields)
    if organization:
        all_fields.append(SignatureField(ORGANIZATION_FIELD, 0, (0, 0, 0, 0)))
    for field in all_fields:
        page_number = page_numbers[field.page]
        page = pdf.objects[page_number]
        x1, y1, x2, y2 = field.rect
        widget = pydyf.Dictionary(
            {
                "Type": "/Annot",
                "Subtype": "/Widget",
                "FT": "/Sig",
                "T": pydyf.String(field.name),
                "Rect": pydyf.Array(field.rect),
                "F": PRINT_FLAG,  # PDF/A: printable, never hidden
                "P": f"{page_number} 0 R",
            }
        )
        if (x2 - x1) > 0 and (y2 - y1) > 0:  # PDF/A: a visible widget needs an appearance
            appearance = pydyf.Stream(
                [],
                pydyf.Dictionary(
                    {
                        "Type": "/XObject",
                        "Subtype": "/Form",
                        "BBox": pydyf.Array((0, 0, round(x2 - x1, 2), round(y2 - y1, 2))),
                        "Resources": pydyf.Dictionary({}),
                    }
                ),
            )
            pdf.add_object(appearance)
            widget["AP"] = pydyf.Dictionary({"N": appearance.reference})
        pdf.add_object(widget)
        references.append(widget.reference)
        page.setdefault("Annots", pydyf.Array()).append(widget.reference)
    form = pydyf.Dictionary({"Fields": pydyf.Array(references)})
    pdf.add_object(form)
    pdf.catalog["AcroForm"] = form.reference
