"""The DOCX stage: the templates' HTML vocabulary (templates/README.md) → python-docx."""

from __future__ import annotations

import copy
import datetime
import functools
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

import lxml.etree
import lxml.html
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.styles.styles import StyleFactory
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.html import HtmlElement

from mou.core.errors import Problem, RenderError
from mou.core.reproducible import deterministic_zip
from mou.docx.fonts import embed_fonts
from mou.html.templating import ENGLISH_SIGNATURE_LINE_PT, ENGLISH_SIGNATURE_PT, HALF_LINE_PT, OFFICE_SLACK_PT
from mou.language.breaks import kept_spaces

HTML_SPACE = re.compile(r"[ \t\n\f\r]+")
TEXT_WIDTH = Cm(21.0 - 3.0 - 2.0)
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
ZIP_EPOCH = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)  # the earliest a zip can date
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
THEME_ATTRS = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
FONT_SLOT_NAMES = tuple(qn(f"w:{slot}") for slot in FONT_SLOTS)
HINT = qn("w:hint")
STYLE_VALUE = qn("w:val")
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
HEAD_TAGS = frozenset({"title", "meta", "link", "style"})
CELL_CLASSES = frozenset({"signature", "signature empty"})

BODY_PARAGRAPHS = {("p", cls): "MOU Body" for cls in ("", "lead", "party", "collective", "agree", "closing")}
BODY_PARAGRAPHS |= {("p", "party-joiner"): "MOU Joiner", ("p", "signature-group"): "MOU Signature Group"}
# What each container may hold, by (tag, class): a paragraph style, or the kind of a nested container.
CONTENT: dict[str, dict[tuple[str, str], str]] = {
    "body": {
        ("header", "title-block"): "header",
        ("section", "clause"): "section",
        ("table", "signatures"): "table",
        ("table", "signatures single"): "table",
        ("table", "parallel"): "parallel",
        ("table", "parallel title-block"): "parallel",
        ("footer", "page-footer"): "page-footer",
        ("div", "watermark"): "watermark",
        ("aside", "redline-summary"): "summary",
        **BODY_PARAGRAPHS,
    },
    "header": {("p", "title"): "MOU Title", ("p", "title-line"): "MOU Title Line"},
    "section": {("h2", ""): "MOU Clause Heading", ("ol", "items"): "ol", **BODY_PARAGRAPHS},
    "ol": {("li", ""): "MOU Item"},
    "summary": {("h2", ""): "MOU Clause Heading", ("p", ""): "MOU Summary"},  # a redline's (mou/redline/redline.py)
    "td": {("p", "sign-line"): "MOU Signature", ("p", "sign-name"): "MOU Signature"}
    | {("p", "sign-position"): "MOU Signature Position"},
    # A cell of the side-by-side edition holds what a title block or a clause holds.
    "cell": {
        ("p", "title"): "MOU Title",
        ("p", "title-line"): "MOU Title Line",
        ("h2", ""): "MOU Clause Heading",
        ("ol", "items"): "ol",
        **BODY_PARAGRAPHS,
    },
}
PARALLEL_LANGUAGES = ("th", "en")  # the cells of a parallel row: Thai left, English right
PARALLEL_ROWS = frozenset({"", "party", "clause", "text", "item", "closing"})
PARALLEL_INDENT_CM = 1.0  # style.css: table.parallel td > p
PARALLEL_FLUSH = frozenset({"party", "party-joiner", "title", "title-line"})  # no first-line indent
GUTTER_TWIPS = 170  # style.css: 0.3 cm on each side of the column gap
SPACE_BEFORE_PT = {"party": 2, "agree": 6, "closing": 10, "sign-line": 18}  # margins in style.css
INLINE_FORMAT: dict[tuple[str, str], dict[str, Any]] = {
    ("strong", ""): {"bold": True},
    ("b", ""): {"bold": True},
    ("em", ""): {"italic": True},
    ("i", ""): {"italic": True},
    ("span", "clause-number"): {},
    ("span", "item-number"): {},
    ("span", "sign-dots"): {},
    ("span", "proper"): {},  # a name never hyphenated: in Word as any text (no automatic hyphenation)
}
FOOTER_PT = 10  # style.css: footer.page-footer
KEPT_ROWS = 2  # the last rows of signature blocks that keep together (style.css: .signatures:last-of-type)
VML = {
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
}
# A watermark as Word writes one: a VML WordArt shape (text path) in the page header,
# centred on the page, rotated, light grey and behind the text.
WATERMARK_VML = (
    '<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word">'
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/>'
    '<v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>'
    '<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>'
    '<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/>'
    '<v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
    'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="MouWatermark{n}" o:spid="_x0000_s{spid}" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:{width}pt;height:{height}pt;rotation:320;'
    "z-index:-251655168;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
    'fillcolor="#e3e3e3" stroked="f"><v:fill opacity="1"/>'
    '<v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt;font-weight:bold" string="{text}"/>'
    '<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict>'
)


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph style: how style.css draws that kind of paragraph."""

    name: str
    align: str  # "body" (justified for the language), "center" or "left"
    bold: bool = False
    size_pt: int = 16
    indent: bool = False
    keep_next: bool = False
    before_pt: int = 0
    line_pt: float = 0.0  # an exact line height; 0: the font's single spacing
    side_pt: float = 0.0  # an indent on both sides


STYLES = (
    StyleSpec("MOU Title", "center", bold=True, size_pt=18),
    StyleSpec("MOU Title Line", "center", bold=True),
    StyleSpec("MOU Body", "body", indent=True),
    StyleSpec("MOU Joiner", "center"),
    StyleSpec("MOU Clause Heading", "left", bold=True, keep_next=True, before_pt=8),
    StyleSpec("MOU Item", "body", indent=True),
    StyleSpec("MOU Signature Group", "center", bold=True, keep_next=True, before_pt=12),
    StyleSpec("MOU Signature", "center"),
    # style.css: .signatures p.sign-position, 8 pt in from each side of its cell: two positions
    # side by side that fill their lines keep apart, where they read as one line.
    StyleSpec("MOU Signature Position", "center", side_pt=8),
    StyleSpec("MOU Summary", "left"),  # .redline-summary p: no indent, ragged
)
# The styles of a signature block's lines (CONTENT["td"]), which the English edition sets smaller.
BLOCK_STYLES = frozenset(CONTENT["td"].values())


@dataclass(frozen=True)
class Segment:
    """A piece of inline text and its formatting; a whole segment (a name) stays one run."""

    text: str
    bold: bool = False
    italic: bool = False
    whole: bool = False
    br: bool = False
    change: str = ""  # "ins" or "del": a tracked change (redlines, mou/redline/redline.py)


# Without huge_tree, libxml2 stops at a text of 10 MB and returns what it read so far, without
# an error: the DOCX would be cut short. Templates and records are limited well below that.
HUGE_TEXT_PARSER = lxml.html.HTMLParser(huge_tree=True)


def html_to_docx(
    html: str,
    font_family: str = "Sarabun",
    timestamp: datetime.datetime | None = None,
    fonts: Path | None = None,
) -> bytes:
    """Convert one MOU HTML document to the bytes of a deterministic DOCX file.

    With `fonts` (a folder holding <font_family>-Regular.ttf and its other faces), the faces
    the document uses travel inside the file; without, the reader's computer must have the font.
    """
    try:
        root = lxml.html.document_fromstring(html, parser=HUGE_TEXT_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise RenderError(Problem(path="<html>", message=f"DOCX: cannot parse HTML: {exc}")) from None
    lang = root.get("lang", "").strip().lower()
    if not lang:
        raise refuse(root, "missing lang on")
    thai = lang.split("-")[0] == "th"
    doc = Document()
    drop_template_extras(doc)
    set_up_styles(doc, font_family, thai)
    set_up_page(doc, font_family, thai)
    head, body = root.find("head"), root.find("body")
    if body is not None:
        render_blocks(body, "body", doc, font_family)
    normalise_fonts(doc, font_family)
    if fonts is not None:
        embed_fonts(doc, font_family, fonts)
    number_revisions(doc, timestamp or EPOCH)
    title = document_title(head) if head is not None else ""
    set_core_properties(doc, title, "th-TH" if thai else "en-US", timestamp or EPOCH)
    set_app_properties(doc)
    return deterministic_package(doc)


def describe(el: HtmlElement) -> str:
    """Name an element as it was written: <p class="party">."""
    cls = el.get("class")
    return f'<{el.tag} class="{cls}">' if cls else f"<{el.tag}>"


def refuse(el: HtmlElement, why: str = "unsupported element") -> RenderError:
    """Build the error for something the DOCX converter does not understand."""
    parent = el.getparent()
    where = f" in {describe(parent)}" if parent is not None else ""
    return RenderError(Problem(path="<html>", line=el.sourceline, message=f"DOCX: {why} {describe(el)}{where}"))


def class_name(el: HtmlElement) -> str:
    """Return the element's classes, normalised to single spaces."""
    return " ".join(el.get("class", "").split())


def block_children(el: HtmlElement) -> Iterator[HtmlElement]:
    """Yield the child elements of a block container, refusing stray text."""
    for text in [el.text, *(child.tail for child in el)]:
        if text and text.strip(" \t\n\f\r"):
            raise refuse(el, f"text {text.strip()[:40]!r} outside a paragraph in")
    yield from (child for child in el if isinstance(child.tag, str))


def document_title(head: HtmlElement) -> str:
    """Check the head's elements and return the collapsed text of its title."""
    for child in block_children(head):
        if child.tag not in HEAD_TAGS:
            raise refuse(child)
    return HTML_SPACE.sub(" ", head.findtext("title") or "").strip()


def fill_rpr(
    rpr: BaseOxmlElement, font: str, bold: bool = False, italic: bool = False, size_pt: int = 0, lang: bool = False
) -> None:
    """Replace a w:rPr's children by font, emphasis, size and language, in schema order."""
    rpr.clear()
    rpr.append(OxmlElement("w:rFonts", {qn(f"w:{s}"): font for s in FONT_SLOTS} | {qn("w:hint"): "cs"}))
    # Thai is complex script: Word and LibreOffice read bCs/iCs/szCs for it, not b/i/sz.
    for flag, tags in ((bold, ("w:b", "w:bCs")), (italic, ("w:i", "w:iCs"))):
        rpr.extend(OxmlElement(tag) for tag in tags if flag)
    if size_pt:
        rpr.extend(OxmlElement(tag, {qn("w:val"): str(size_pt * 2)}) for tag in ("w:sz", "w:szCs"))
    if lang:
        rpr.append(OxmlElement("w:lang", {qn("w:val"): "en-US", qn("w:eastAsia"): "en-US", qn("w:bidi"): "th-TH"}))


def set_up_styles(doc: DocxDocument, font: str, thai: bool) -> None:
    """Write Thai-safe document defaults and add the MOU paragraph styles."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    fill_rpr(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"), font, size_pt=16, lang=True)
    ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    ppr.clear()
    ppr.append(OxmlElement("w:widowControl"))
    ppr.append(
        OxmlElement(
            "w:spacing", {qn("w:before"): "0", qn("w:after"): "0", qn("w:line"): "240", qn("w:lineRule"): "auto"}
        )
    )
    normal = doc.styles["Normal"]
    fill_rpr(normal.element.get_or_add_rPr(), font, size_pt=16, lang=True)
    aligns = {
        "body": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY if thai else WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
    }
    for spec in STYLES if thai else map(english_style, STYLES):
        # What styles.add_style does, without its scan of every template style for a
        # clash per style added: the MOU styles are new (their names are mou's own).
        style = cast(
            ParagraphStyle,
            StyleFactory(doc.styles.element.add_style_of_type(spec.name, WD_STYLE_TYPE.PARAGRAPH, False)),
        )
        style.base_style, style.quick_style = normal, True
        fmt = style.paragraph_format
        fmt.alignment = aligns[spec.align]
        fmt.first_line_indent = Cm(2.5 if spec.indent else 0)
        fmt.space_before, fmt.space_after = Pt(spec.before_pt), Pt(0)
        fmt.keep_with_next = spec.keep_next or None
        if spec.line_pt:
            fmt.line_spacing, fmt.line_spacing_rule = Pt(spec.line_pt), WD_LINE_SPACING.EXACTLY
        if spec.side_pt:
            fmt.left_indent = fmt.right_indent = Pt(spec.side_pt)
        fill_rpr(style.element.get_or_add_rPr(), font, spec.bold, size_pt=spec.size_pt, lang=True)


def english_style(spec: StyleSpec) -> StyleSpec:
    """Return a style as the English edition sets it: its signature blocks smaller and set closer, as style.css does."""
    if spec.name not in BLOCK_STYLES:
        return spec
    return replace(spec, size_pt=ENGLISH_SIGNATURE_PT, line_pt=ENGLISH_SIGNATURE_LINE_PT)


def insert_before(parent: BaseOxmlElement, child: BaseOxmlElement, successors: tuple[str, ...]) -> None:
    """Insert child before the first successor present, keeping the schema's order."""
    found = next((el for tag in successors if (el := parent.find(qn(tag))) is not None), None)
    if found is None:
        parent.append(child)
    else:
        found.addprevious(child)


def set_up_page(doc: DocxDocument, font: str, thai: bool) -> None:
    """Set A4 with the official margins, and a centred page number from page 2."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.25)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.header.is_linked_to_previous = False
    para = section.header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    write_runs(para, [Segment("- ")], font)
    add_page_field(para, "๒" if thai else "2", font)
    write_runs(para, [Segment(" -")], font)
    number_format = OxmlElement("w:pgNumType", {qn("w:fmt"): "thaiNumbers" if thai else "decimal"})
    section._sectPr.find(qn("w:pgMar")).addnext(number_format)  # the schema's next slot


def add_page_field(para: Paragraph, placeholder: str, font: str) -> None:
    """Append a real PAGE field: begin, instruction, separate, cached result, end."""

    def field_run(child: BaseOxmlElement) -> None:
        run = para.add_run()
        fill_rpr(run._r.get_or_add_rPr(), font)
        run._r.append(child)

    instruction = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instruction.text = " PAGE "
    field_run(OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}))
    field_run(instruction)
    field_run(OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))
    write_runs(para, [Segment(placeholder)], font)
    field_run(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))


def render_blocks(el: HtmlElement, kind: str, container: DocxDocument | _Cell, font: str) -> Paragraph | None:
    """Render a container's children by the vocabulary; return the last paragraph added."""
    last = None
    for child in block_children(el):
        last = render_block(child, kind, container, font) or last
    if kind == "header" and last is not None:
        last.paragraph_format.space_after = Pt(12)  # .title-block margin-bottom
    return last


def render_block(child: HtmlElement, kind: str, container: DocxDocument | _Cell, font: str) -> Paragraph | None:
    """Render one child of a container by the vocabulary; return the last paragraph added."""
    cls = class_name(child)
    target = CONTENT[kind].get((child.tag, cls))
    if target is None:
        known = any(tag == child.tag for tag, _ in CONTENT[kind])
        raise refuse(child, "unsupported class on" if known else "unsupported element")
    if group_heading_of(child.getnext()) is child:
        return None  # written as the first row of the signature table it heads (render_signatures)
    if target == "table":
        render_signatures(child, cast(DocxDocument, container), font)  # CONTENT has it in the body only
    elif target == "parallel":
        render_parallel(child, cast(DocxDocument, container), font)  # CONTENT has it in the body only
    elif target == "page-footer":
        render_footer(child, cast(DocxDocument, container), font)  # CONTENT has it in the body only
    elif target == "watermark":
        render_watermark(child, cast(DocxDocument, container), font)  # CONTENT has it in the body only
    elif target in CONTENT:
        return render_blocks(child, target, container, font)
    elif (para := add_paragraph(container, target, child, font)) is not None:
        if cls in SPACE_BEFORE_PT:
            para.paragraph_format.space_before = Pt(SPACE_BEFORE_PT[cls])
        if cls == "closing":  # style.css .signatures break-before: the signatures start under it
            para.paragraph_format.keep_with_next = True
        return para
    return None


def render_footer(el: HtmlElement, doc: DocxDocument, font: str) -> None:
    """Write the page footer's text, centred and small, at the foot of every page."""
    segments = collapse(inline_segments(el, Segment("")))
    section = doc.sections[0]
    for footer in (section.first_page_footer, section.footer):
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        write_runs(para, segments, font)
        for run in para.runs:
            fill_rpr(run._r.get_or_add_rPr(), font, bold=False, size_pt=FOOTER_PT)
            run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def render_watermark(el: HtmlElement, doc: DocxDocument, font: str) -> None:
    """Put the watermark's text (ร่าง, DRAFT) behind every page, as Word does, in the headers."""
    text = HTML_SPACE.sub(" ", el.text_content()).strip()
    if not text or len(el):
        raise refuse(el, "a watermark holds one short text only, in")
    section = doc.sections[0]
    letters = sum(1 for char in text if unicodedata.category(char) != "Mn")  # marks take no width
    width = min(440, 100 * max(2, letters))  # the shape's text is stretched to fit it (fitshape)
    for n, header in enumerate((section.first_page_header, section.header), start=1):
        header.is_linked_to_previous = False
        run = header.paragraphs[0].add_run()
        fill_rpr(run._r.get_or_add_rPr(), font)
        run._r.append(
            parse_xml(
                WATERMARK_VML.format(
                    n=n, spid=2048 + n, width=width, height=150, font=escape_attr(font), text=escape_attr(text)
                )
            )
        )


def escape_attr(text: str) -> str:
    """Escape text for an XML attribute value."""
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def table_rows(table: HtmlElement) -> list[list[HtmlElement]]:
    """Return the signature table's cells row by row (an implied tbody is transparent)."""
    rows: list[list[HtmlElement]] = []
    for el in block_children(table):
        for tr in block_children(el) if (el.tag, class_name(el)) == ("tbody", "") else [el]:
            if (tr.tag, class_name(tr)) != ("tr", ""):
                raise refuse(tr)
            rows.append(list(block_children(tr)))
            for td in rows[-1]:
                if td.tag != "td" or class_name(td) not in CELL_CLASSES:
                    raise refuse(td, "unsupported cell")
    return rows


CELL_WIDTH = re.compile(r"^\s*width:\s*([0-9.]+)%\s*;?\s*$")


def cell_share(td: HtmlElement) -> float | None:
    """Return a signature cell's width in % of the line, when its style gives one."""
    found = CELL_WIDTH.match(td.get("style") or "")
    return float(found.group(1)) if found else None


def space_above(table: HtmlElement) -> int:
    """Return a signature table's margin above, in twips: style.css's after a paragraph, less under a group's heading."""
    previous = table.getprevious()
    if previous is None or previous.tag != "p":
        return 0
    return 120 if "signature-group" in class_name(previous).split() else 360  # 6 pt, 18 pt


def render_signatures(el: HtmlElement, doc: DocxDocument, font: str) -> None:
    """Render a signature grid as a borderless table whose rows never split."""
    rows = table_rows(el)
    columns = max((len(row) for row in rows), default=0)
    if not columns:
        return
    heading = group_heading_of(el)
    table = doc.add_table(rows=len(rows) + (heading is not None), cols=columns)
    if heading is not None:
        add_heading_row(table, heading, font)
    shares = [cell_share(td) for td in rows[0]]
    unequal = len(rows) == 1 and columns == 2 and all(shares)
    above = space_above(el)
    shape_table(table, UNEQUAL_MARGINS if unequal else SIGNATURE_MARGINS)
    if unequal:
        # Unequal columns (en.html: a name wider than half the line beside a narrower block),
        # as wide as the PDF's and without side margins, like its cells: the name fits as there.
        for column, share in zip(table.columns, shares):
            width = int(TEXT_WIDTH * (share or 0) / 100)
            column.width = width
            for cell in column.cells:
                cell.width = width
    # The last KEPT_ROWS rows keep together, as style.css's break-before on .signatures does, so
    # the last page never holds one row alone (the closing paragraph keeps with the first row).
    after = signature_rows_after(el)
    kept = [0 < after + len(rows) - 1 - index < KEPT_ROWS for index in range(len(rows))]
    for index, (tds, row) in enumerate(zip(rows, table.rows[heading is not None :])):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for column, cell in enumerate(row.cells):
            if index == 0 and above:  # the table's own margin-top in style.css
                margin = OxmlElement("w:tcMar")
                margin.append(OxmlElement("w:top", {qn("w:w"): str(above), qn("w:type"): "dxa"}))
                insert_before(cell._tc.get_or_add_tcPr(), margin, ("w:textDirection", "w:vAlign"))
            if column < len(tds):
                render_blocks(tds[column], "td", cell, font)
            first = cell.paragraphs[0]  # python-docx's initial empty paragraph
            if len(cell.paragraphs) > 1:
                first._p.getparent().remove(first._p)
            else:
                set_style(first, "MOU Signature")
            if kept[index]:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True


def group_heading_of(table: HtmlElement | None) -> HtmlElement | None:
    """Return the signature group's heading (Presiding) right above a signature table, if any."""
    if table is None or table.tag != "table" or CONTENT["body"].get((table.tag, class_name(table))) != "table":
        return None
    previous = table.getprevious()
    if previous is None or (previous.tag, class_name(previous)) != ("p", "signature-group"):
        return None
    return previous


def add_heading_row(table: Table, heading: HtmlElement, font: str) -> None:
    """Write a signature group's heading as the table's first row, across it, kept with the blocks under it.

    LibreOffice keeps a table with the table after it, but not with a paragraph after it: a
    heading between two tables let the last block and its heading go to a page of their own.
    """
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cell = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
    empty = cell.paragraphs[0]  # python-docx's initial empty paragraph
    para = add_paragraph(cell, "MOU Signature Group", heading, font)
    if para is not None:
        empty._p.getparent().remove(empty._p)
        para.paragraph_format.keep_with_next = True


def signature_rows_after(table: HtmlElement) -> int:
    """Return how many rows of signature blocks the signature tables after this one hold."""
    rows = 0
    for following in table.itersiblings():
        if following.tag == "table" and CONTENT["body"].get((following.tag, class_name(following))) == "table":
            rows += len(table_rows(following))
    return rows


def parallel_rows(table: HtmlElement) -> list[tuple[HtmlElement, HtmlElement]]:
    """Return a parallel table's (Thai cell, English cell) pairs, refusing any other shape."""
    rows = []
    for el in block_children(table):
        for tr in block_children(el) if (el.tag, class_name(el)) == ("tbody", "") else [el]:
            if tr.tag != "tr" or class_name(tr) not in PARALLEL_ROWS:
                raise refuse(tr, "unsupported row")
            cells = list(block_children(tr))
            if [(td.tag, td.get("lang"), class_name(td)) for td in cells] != [
                ("td", lang, "") for lang in PARALLEL_LANGUAGES
            ]:
                raise refuse(tr, 'a parallel row holds <td lang="th"> then <td lang="en">, not')
            rows.append((cells[0], cells[1]))
    return rows


def render_parallel(el: HtmlElement, doc: DocxDocument, font: str) -> None:
    """Render a side-by-side table: borderless, Thai left and English right, rows that may split."""
    rows = parallel_rows(el)
    if not rows:
        return
    table = doc.add_table(rows=len(rows), cols=2)
    shape_table(table, (("top", 0), ("left", 0), ("bottom", 0), ("right", 0)))
    for tds, row in zip(rows, table.rows):  # no cantSplit: a long clause continues on the next page
        for lang, td, cell in zip(PARALLEL_LANGUAGES, tds, row.cells):
            margin = OxmlElement("w:tcMar")  # every side: LibreOffice puts its default on a missing one
            for side in ("top", "left", "bottom", "right"):
                twips = GUTTER_TWIPS if side == ("right" if lang == "th" else "left") else 0
                margin.append(OxmlElement(f"w:{side}", {qn("w:w"): str(twips), qn("w:type"): "dxa"}))
            insert_before(cell._tc.get_or_add_tcPr(), margin, ("w:textDirection", "w:vAlign"))
            first = cell.paragraphs[0]  # python-docx's initial empty paragraph
            for child in block_children(td):
                before = len(cell.paragraphs)
                render_block(child, "cell", cell, font)
                source = class_name(child) if child.tag == "p" else child.tag
                for para in cell.paragraphs[before:]:
                    shape_column_paragraph(para, lang, source)
            if len(cell.paragraphs) > 1:
                first._p.getparent().remove(first._p)
    if "title-block" in class_name(el).split():
        for cell in table.rows[-1].cells:  # .title-block margin-bottom
            cell.paragraphs[-1].paragraph_format.space_after = Pt(12)


def shape_column_paragraph(para: Paragraph, lang: str, source: str) -> None:
    """Justify a column's body text for its language (Thai distributed) and indent it as style.css does."""
    ppr = para._p.pPr
    style = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else ""
    if style not in (style_id("MOU Body"), style_id("MOU Item")):
        return  # headings, title lines and the joiner keep their style's alignment
    fmt = para.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY if lang == "th" else WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(0 if source in PARALLEL_FLUSH else PARALLEL_INDENT_CM)


# A paired block's cell is half the table in whole twips: its side margins leave it the line the
# pairing measured a name against (HALF_LINE_PT) and the slack by which LibreOffice lays one wider,
# so a name measured to fit half the line fits its cell; the rest keeps two blocks apart (about 3 pt
# each side, as style.css pads the English blocks).
SIGNATURE_SIDE_TWIPS = (TEXT_WIDTH.twips // 2 - math.ceil((HALF_LINE_PT + OFFICE_SLACK_PT) * 20)) // 2
SIGNATURE_MARGINS = (("top", 0), ("left", SIGNATURE_SIDE_TWIPS), ("bottom", 280), ("right", SIGNATURE_SIDE_TWIPS))
UNEQUAL_MARGINS = (("top", 0), ("left", 0), ("bottom", 280), ("right", 0))  # style.css: td padding 0 0 14pt 0


def shape_table(table: Table, margins: tuple[tuple[str, int], ...] = SIGNATURE_MARGINS) -> None:
    """Make the table borderless, centred and fixed, spanning the text width."""
    # A lone block (the presiding official) also spans the text width: in the PDF its one
    # fixed-layout cell fills the table too, and half a width would wrap "(ลงชื่อ) … ประธาน".
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(TEXT_WIDTH.twips))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(
            OxmlElement(f"w:{side}", {qn("w:val"): "none", qn("w:sz"): "0", qn("w:space"): "0", qn("w:color"): "auto"})
        )
    insert_before(tbl_pr, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    cell_margins = OxmlElement("w:tblCellMar")
    for side, twips in margins:
        cell_margins.append(OxmlElement(f"w:{side}", {qn("w:w"): str(twips), qn("w:type"): "dxa"}))
    insert_before(tbl_pr, cell_margins, ("w:tblLook", "w:tblCaption", "w:tblDescription"))


def add_paragraph(container: DocxDocument | _Cell, style: str, el: HtmlElement, font: str) -> Paragraph | None:
    """Add a paragraph of the element's inline content; none when it shows no text."""
    segments = keep_spaces(collapse(inline_segments(el, Segment(""))))
    if not segments:
        return None
    para = container.add_paragraph()
    set_style(para, style)
    write_runs(para, segments, font)
    return para


def set_style(para: Paragraph, style: str) -> None:
    """Give a paragraph one of mou's styles by id (python-docx's lookup by name scans every style)."""
    if para._p.pPr is None:  # a new paragraph: its w:pPr is its first child (what get_or_add_pPr writes)
        properties = OxmlElement("w:pPr")
        properties.append(OxmlElement("w:pStyle", {STYLE_VALUE: style_id(style)}))
        para._p.insert(0, properties)
    else:
        para._p.pPr.get_or_add_pStyle().val = style_id(style)


def style_id(name: str) -> str:
    """Return the style id Word derives from a style name: 'MOU Body' -> 'MOUBody'."""
    return name.replace(" ", "")


def inline_segments(el: HtmlElement, fmt: Segment) -> Iterator[Segment]:
    """Yield the raw text of an element's inline content, refusing what is not vocabulary."""
    if el.text:
        yield replace(fmt, text=el.text)
    for child in el:
        key = (child.tag, class_name(child)) if isinstance(child.tag, str) else None  # None: a comment
        if key == ("br", ""):
            yield replace(fmt, text="", br=True)
        elif key in (("span", "name"), ("span", "nowrap")):
            for inner in child:
                if isinstance(inner.tag, str):
                    raise refuse(inner, "a name holds text only, not")
            yield replace(fmt, text=child.text_content(), whole=True)
        elif key in (("ins", ""), ("del", "")):
            yield from inline_segments(child, replace(fmt, change=child.tag))
        elif key in INLINE_FORMAT:
            yield from inline_segments(child, replace(fmt, **INLINE_FORMAT[key]))
        elif key is not None:
            raise refuse(child)
        if child.tail:
            yield replace(fmt, text=child.tail)


def collapse(segments: Iterator[Segment]) -> list[Segment]:
    """Apply HTML whitespace rules, joining neighbours of one formatting into one run."""
    out: list[Segment] = []
    for seg in segments:
        text = HTML_SPACE.sub(" ", seg.text)
        if not out or out[-1].br or out[-1].text.endswith(" "):
            text = text.lstrip(" ")  # one space between words; none at a line start
        if seg.br:
            trim_end(out)
        elif not text:
            continue
        last = out[-1] if out else None
        if (
            last is not None
            and not (seg.br or last.br or seg.whole or last.whole)
            and (last.bold, last.italic, last.change) == (seg.bold, seg.italic, seg.change)
        ):
            out[-1] = replace(last, text=last.text + text)
        else:
            out.append(replace(seg, text=text))
    trim_end(out)
    return out


def keep_spaces(segments: list[Segment]) -> list[Segment]:
    """Return a paragraph's segments with each space the PDF never breaks at made a no-break space (see kept_spaces).

    The paragraph's text is read whole, across its runs (ณ <strong>ที่ว่าการ…</strong>), and
    each kept space takes the place of the space: every run keeps its length and formatting.
    """
    text = "".join(seg.text for seg in segments)
    kept = kept_spaces(text)
    if kept == text:
        return segments
    out, start = [], 0
    for seg in segments:
        end = start + len(seg.text)
        out.append(replace(seg, text=kept[start:end]))
        start = end
    return out


def trim_end(out: list[Segment]) -> None:
    """Remove the trailing space of the line collected so far."""
    while out and not out[-1].br and out[-1].text.endswith(" "):
        text = out[-1].text.rstrip(" ")
        if text:
            out[-1] = replace(out[-1], text=text)
        else:
            out.pop()


def write_runs(para: Paragraph, segments: list[Segment], font: str) -> None:
    """Append one run per segment, each carrying the Thai-safe font properties.

    The XML is what python-docx's add_run, rPr and text setter write, built from a copy of
    a finished run: those walk python-docx's schema machinery for every element, which was
    half the time of a DOCX.
    """
    paragraph = para._p
    for seg in segments:
        run = copy.deepcopy(_empty_run(font, seg.bold, seg.italic))
        paragraph.append(run)
        if seg.br:
            run.append(OxmlElement("w:br"))
        elif "\t" in seg.text or "\r" in seg.text or "\n" in seg.text:
            Run(run, para).text = seg.text  # python-docx's tabs and breaks
        else:
            text = OxmlElement("w:t")
            text.text = seg.text
            if len(seg.text.strip()) < len(seg.text):  # as python-docx's CT_R.add_t decides
                text.set(qn("xml:space"), "preserve")
            run.append(text)
        if seg.change:
            track(run, seg.change)


@functools.lru_cache(maxsize=64)
def _empty_run(font: str, bold: bool, italic: bool) -> BaseOxmlElement:
    """Return a w:r holding only its run properties, to be copied (never changed itself)."""
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    fill_rpr(properties, font, bold=bold, italic=italic)
    run.append(properties)
    return run


def track(run: BaseOxmlElement, change: str) -> None:
    """Make a run a tracked insertion or deletion (w:ins / w:del; deleted text is w:delText)."""
    wrapper = OxmlElement(f"w:{change}")
    run.addprevious(wrapper)
    wrapper.append(run)
    if change == "del":
        for text in run.findall(qn("w:t")):
            text.tag = qn("w:delText")


def number_revisions(doc: DocxDocument, when: datetime.datetime) -> None:
    """Give tracked changes ids, author and date; mark wholly inserted or deleted paragraphs."""
    body = doc.element.body
    if next(body.iter(qn("w:ins"), qn("w:del")), None) is None:
        return  # not a redline: nothing is tracked
    for para in body.iter(qn("w:p")):
        kinds = {run.getparent().tag for run in para.iter(qn("w:r"))}
        whole = {qn("w:ins"): "w:ins", qn("w:del"): "w:del"}.get(kinds.pop()) if len(kinds) == 1 else None
        following = para.getnext()
        # A wholly deleted paragraph loses its mark too (accepting removes the paragraph), unless
        # no paragraph follows it in its cell or the body: that mark cannot go.
        if whole == "w:ins" or (whole == "w:del" and following is not None and following.tag == qn("w:p")):
            mark = OxmlElement("w:rPr")
            mark.append(OxmlElement(whole))
            insert_before(para.get_or_add_pPr(), mark, ("w:sectPr", "w:pPrChange"))
    for row in body.iter(qn("w:tr")):  # a signature block added or removed whole: its row is tracked
        kinds = {run.getparent().tag for run in row.iter(qn("w:r"))}
        if kinds in ({qn("w:ins")}, {qn("w:del")}):
            row.get_or_add_trPr().append(OxmlElement("w:ins" if kinds == {qn("w:ins")} else "w:del"))
    stamp = when.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for number, change in enumerate(body.iter(qn("w:ins"), qn("w:del")), start=1):
        change.set(qn("w:id"), str(number))
        change.set(qn("w:author"), "mou")
        change.set(qn("w:date"), stamp)


def normalise_fonts(doc: DocxDocument, font: str) -> None:
    """Point every w:rFonts of every part at the font, without theme fonts (they would win)."""
    for part in doc.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:  # not an XML part
            continue
        for fonts in element.iter(qn("w:rFonts")):
            attributes = fonts.attrib
            for attr in THEME_ATTRS:
                attributes.pop(attr, None)
            for slot in FONT_SLOT_NAMES:
                attributes[slot] = font
            attributes[HINT] = "cs"


def drop_template_extras(doc: DocxDocument) -> None:
    """Drop python-docx's template thumbnail and its stale Word 2010 copy of the styles."""
    for rels, reltype in ((doc.part.package.rels, RT.THUMBNAIL), (doc.part.rels, STYLES_WITH_EFFECTS)):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == reltype]:
            del rels[r_id]


# The extended properties as mou writes them: python-docx's template says Microsoft Macintosh
# Word made a one-page file of no words from Normal.dotm, which the file's properties then show.
APP_PROPERTIES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>mou</Application><DocSecurity>0</DocSecurity></Properties>"
)


def set_app_properties(doc: DocxDocument) -> None:
    """Say that mou made the file, and nothing the template claimed about pages, words or Word."""
    for part in doc.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = APP_PROPERTIES


def set_core_properties(doc: DocxDocument, title: str, language: str, when: datetime.datetime) -> None:
    """Write fixed core properties, so the same input gives the same bytes."""
    # python-docx refuses core properties over 255 characters; the body keeps the full title.
    if when.tzinfo is not None:
        when = when.astimezone(datetime.UTC).replace(tzinfo=None)
    props = doc.core_properties
    props.title, props.language, props.comments = clip(title, 255), language, ""
    props.author = props.last_modified_by = "mou"
    props.revision = 1
    props.created = props.modified = when
    for printed in props._element.findall(qn("cp:lastPrinted")):
        props._element.remove(printed)


def clip(text: str, limit: int) -> str:
    """Cut text to a length limit without leaving a Thai vowel or tone mark on its own."""
    end = min(len(text), limit)
    # A mark, or sara am (a spacing mark in Unicode's grapheme rules), belongs to the letter before.
    while 0 < end < len(text) and (unicodedata.category(text[end]) == "Mn" or text[end] == "\u0e33"):
        end -= 1
    return text[:end]


class _PartCollector:
    """Stands in for python-docx's zip writer: keeps each package member's bytes."""

    def __init__(self) -> None:
        self.members: dict[str, bytes] = {}

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        """Keep one member."""
        self.members[pack_uri.membername] = blob

    def close(self) -> None:
        """Nothing to flush."""


def deterministic_package(doc: DocxDocument) -> bytes:
    """Write a document's parts into a zip with sorted entries, fixed 1980 dates and permissions.

    python-docx's save() would compress every part into a zip that would have to be read
    back and compressed again in a deterministic order; the parts go there once instead.
    """

    package = doc.part.package
    for part in package.parts:
        part.before_marshal()
    collector = _PartCollector()
    PackageWriter._write_content_types_stream(collector, package.parts)
    PackageWriter._write_pkg_rels(collector, package.rels)
    PackageWriter._write_parts(cast(Any, collector), package.parts)
    return deterministic_zip(sorted(collector.members.items()), ZIP_EPOCH)
