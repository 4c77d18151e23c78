"""The DOCX stage: the templates' HTML vocabulary (templates/README.md) → python-docx."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace

import lxml.etree
import lxml.html
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Emu, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml.html import HtmlElement

from .errors import Problem, RenderError

HTML_SPACE = re.compile(r"[ \t\n\f\r]+")
TEXT_WIDTH = Cm(21.0 - 3.0 - 2.0)
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
HEAD_TAGS = frozenset({"title", "meta", "link", "style"})
TITLE_STYLES = {"title": "MOU Title", "title-line": "MOU Title Line"}
PARAGRAPH_STYLES = {
    "": "MOU Body", "lead": "MOU Body", "party": "MOU Body", "collective": "MOU Body",
    "agree": "MOU Body", "closing": "MOU Body", "party-joiner": "MOU Joiner",
    "signature-group": "MOU Signature Group",
}
SPACE_BEFORE_PT = {"party": 2, "agree": 6, "closing": 10}  # margins in style.css
SIGN_CLASSES = frozenset({"sign-line", "sign-name", "sign-position"})
CELL_CLASSES = frozenset({"signature", "signature empty"})
THEME_ATTRS = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


@dataclass(frozen=True)
class Segment:
    """A piece of inline text and its formatting; a whole segment (a name) is one run."""

    text: str
    bold: bool = False
    italic: bool = False
    whole: bool = False
    br: bool = False


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


STYLES = (
    StyleSpec("MOU Title", "center", bold=True, size_pt=18),
    StyleSpec("MOU Title Line", "center", bold=True),
    StyleSpec("MOU Body", "body", indent=True),
    StyleSpec("MOU Joiner", "center"),
    StyleSpec("MOU Clause Heading", "left", bold=True, keep_next=True, before_pt=8),
    StyleSpec("MOU Item", "body", indent=True),
    StyleSpec("MOU Signature Group", "center", bold=True, keep_next=True, before_pt=12),
    StyleSpec("MOU Signature", "center"),
)


@dataclass(frozen=True)
class Context:
    """What every rendering step needs: the document, its font and its language."""

    doc: DocxDocument
    font: str
    thai: bool


def html_to_docx(html: str, font_family: str = "Sarabun",
                 timestamp: datetime.datetime | None = None) -> bytes:
    """Convert one MOU HTML document to the bytes of a deterministic DOCX file."""
    root = parse(html)
    lang = root.get("lang", "").strip().lower()
    if not lang:
        raise refuse(root, "missing lang on")
    head, body = root.find("head"), root.find("body")
    ctx = Context(Document(), font_family, lang.split("-")[0] == "th")
    drop_template_extras(ctx.doc)
    set_up_styles(ctx)
    set_up_page(ctx)
    if body is not None:
        render_body(body, ctx)
    normalise_fonts(ctx.doc, font_family)
    title = document_title(head) if head is not None else ""
    set_core_properties(ctx.doc, title, "th-TH" if ctx.thai else "en-US", timestamp or EPOCH)
    out = io.BytesIO()
    ctx.doc.save(out)
    return deterministic_zip(out.getvalue())


def parse(html: str) -> HtmlElement:
    """Parse the HTML text, turning a parser failure into a RenderError."""
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise RenderError(Problem(path="<html>", message=f"DOCX: cannot parse HTML: {exc}"))


def describe(el: HtmlElement) -> str:
    """Name an element as it was written: <p class="party">."""
    cls = el.get("class")
    return f'<{el.tag} class="{cls}">' if cls else f"<{el.tag}>"


def refuse(el: HtmlElement, why: str = "unsupported element") -> RenderError:
    """Build the error for something the DOCX converter does not understand."""
    parent = el.getparent()
    where = f" in {describe(parent)}" if parent is not None else ""
    return RenderError(Problem(path="<html>", line=el.sourceline,
                               message=f"DOCX: {why} {describe(el)}{where}"))


def class_name(el: HtmlElement) -> str:
    """Return the element's classes, normalised to single spaces."""
    return " ".join(el.get("class", "").split())


def require_class(el: HtmlElement, *allowed: str) -> None:
    """Refuse an element whose class is not one of allowed."""
    if class_name(el) not in allowed:
        raise refuse(el, "unsupported class on")


def block_children(el: HtmlElement) -> Iterator[HtmlElement]:
    """Yield the child elements of a block container, refusing stray text."""
    for text in [el.text, *(child.tail for child in el)]:
        if text and text.strip(" \t\n\f\r"):
            raise refuse(el, f"text {text.strip()[:40]!r} outside a paragraph")
    yield from (child for child in el if isinstance(child.tag, str))


def document_title(head: HtmlElement) -> str:
    """Check the head's elements and return the collapsed text of its title."""
    for child in block_children(head):
        if child.tag not in HEAD_TAGS:
            raise refuse(child)
    return HTML_SPACE.sub(" ", head.findtext("title") or "").strip()


def fill_rpr(rpr: BaseOxmlElement, font: str, bold: bool = False, italic: bool = False,
             size_pt: int | None = None, lang: bool = False) -> None:
    """Replace a w:rPr's children by font, emphasis, size and language, in schema order."""
    rpr.clear()
    attrs = {qn(f"w:{slot}"): font for slot in FONT_SLOTS} | {qn("w:hint"): "cs"}
    rpr.append(OxmlElement("w:rFonts", attrs))
    # Thai is complex script: Word and LibreOffice read bCs/iCs/szCs for it, not b/i/sz.
    for flag, tags in ((bold, ("w:b", "w:bCs")), (italic, ("w:i", "w:iCs"))):
        if flag:
            rpr.extend(OxmlElement(tag) for tag in tags)
    if size_pt:
        rpr.extend(OxmlElement(tag, {qn("w:val"): str(size_pt * 2)}) for tag in ("w:sz", "w:szCs"))
    if lang:
        rpr.append(OxmlElement("w:lang", {qn("w:val"): "en-US", qn("w:eastAsia"): "en-US",
                                          qn("w:bidi"): "th-TH"}))


def set_up_styles(ctx: Context) -> None:
    """Write the Thai-safe defaults and add the MOU paragraph styles."""
    styles = ctx.doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    fill_rpr(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"), ctx.font, size_pt=16, lang=True)
    ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    ppr.clear()
    ppr.append(OxmlElement("w:widowControl"))
    ppr.append(OxmlElement("w:spacing", {qn("w:before"): "0", qn("w:after"): "0",
                                         qn("w:line"): "240", qn("w:lineRule"): "auto"}))
    normal = styles["Normal"]
    fill_rpr(normal.element.get_or_add_rPr(), ctx.font, size_pt=16, lang=True)
    body_align = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY if ctx.thai else WD_ALIGN_PARAGRAPH.JUSTIFY
    aligns = {"body": body_align, "center": WD_ALIGN_PARAGRAPH.CENTER,
              "left": WD_ALIGN_PARAGRAPH.LEFT}
    for spec in STYLES:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style, style.quick_style = normal, True
        fmt = style.paragraph_format
        fmt.alignment = aligns[spec.align]
        fmt.first_line_indent = Cm(2.5) if spec.indent else Cm(0)
        fmt.space_before, fmt.space_after = Pt(spec.before_pt), Pt(0)
        fmt.keep_with_next = spec.keep_next or None
        fill_rpr(style.element.get_or_add_rPr(), ctx.font, bold=spec.bold,
                 size_pt=spec.size_pt, lang=True)


def insert_before(parent: BaseOxmlElement, child: BaseOxmlElement, successors: tuple[str, ...]) -> None:
    """Insert child before the first successor present, keeping the schema's order."""
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def set_up_page(ctx: Context) -> None:
    """Set A4 with the official margins, and page numbers from page 2 at the top."""
    section = ctx.doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.25)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.header.is_linked_to_previous = False
    para = section.header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    write_runs(para, [Segment("- ")], ctx.font)
    add_page_field(para, "๒" if ctx.thai else "2", ctx.font)
    write_runs(para, [Segment(" -")], ctx.font)
    set_number_format(section, "thaiNumbers" if ctx.thai else "decimal")


def set_number_format(section: Section, fmt: str) -> None:
    """Set the page number format (w:pgNumType) that the PAGE field shows."""
    element = OxmlElement("w:pgNumType", {qn("w:fmt"): fmt})
    insert_before(section._sectPr, element, ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
                                             "w:titlePg", "w:textDirection", "w:bidi",
                                             "w:rtlGutter", "w:docGrid", "w:printerSettings"))


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


def render_body(body: HtmlElement, ctx: Context) -> None:
    """Render the body's blocks in order."""
    for el in block_children(body):
        if el.tag == "header":
            render_title_block(el, ctx)
        elif el.tag == "section":
            render_clause(el, ctx)
        elif el.tag == "table":
            render_signatures(el, ctx)
        elif el.tag == "p":
            render_paragraph(el, ctx)
        else:
            raise refuse(el)


def render_title_block(header: HtmlElement, ctx: Context) -> None:
    """Render the centred title lines, with the block's space below the last."""
    require_class(header, "title-block")
    last = None
    for p in block_children(header):
        if p.tag != "p":
            raise refuse(p)
        require_class(p, *TITLE_STYLES)
        last = add_paragraph(ctx.doc, TITLE_STYLES[class_name(p)], p, ctx.font) or last
    if last is not None:
        last.paragraph_format.space_after = Pt(12)


def render_paragraph(p: HtmlElement, ctx: Context) -> None:
    """Render a body paragraph: party, lead, joiner, signature-group label …"""
    require_class(p, *PARAGRAPH_STYLES)
    para = add_paragraph(ctx.doc, PARAGRAPH_STYLES[class_name(p)], p, ctx.font)
    if para is not None and class_name(p) in SPACE_BEFORE_PT:
        para.paragraph_format.space_before = Pt(SPACE_BEFORE_PT[class_name(p)])


def render_clause(section: HtmlElement, ctx: Context) -> None:
    """Render one clause: its heading, paragraphs and numbered items."""
    require_class(section, "clause")
    for el in block_children(section):
        if el.tag == "h2":
            require_class(el, "")
            add_paragraph(ctx.doc, "MOU Clause Heading", el, ctx.font)
        elif el.tag == "p":
            render_paragraph(el, ctx)
        elif el.tag == "ol":
            require_class(el, "items")
            for li in block_children(el):
                if li.tag != "li":
                    raise refuse(li)
                require_class(li, "")
                add_paragraph(ctx.doc, "MOU Item", li, ctx.font)
        else:
            raise refuse(el)


def table_rows(table: HtmlElement) -> list[list[HtmlElement]]:
    """Return the signature table's cells row by row (an implied tbody is transparent)."""
    rows: list[list[HtmlElement]] = []
    for el in block_children(table):
        trs = list(block_children(el)) if el.tag == "tbody" and not class_name(el) else [el]
        for tr in trs:
            if tr.tag != "tr" or class_name(tr):
                raise refuse(tr)
            rows.append(list(block_children(tr)))
            for td in rows[-1]:
                if td.tag != "td" or class_name(td) not in CELL_CLASSES:
                    raise refuse(td, "unsupported cell")
    return rows


def render_signatures(el: HtmlElement, ctx: Context) -> None:
    """Render a signature grid as a borderless table whose rows never split."""
    require_class(el, "signatures")
    rows = table_rows(el)
    columns = max((len(row) for row in rows), default=0)
    if not columns:
        return
    table = ctx.doc.add_table(rows=len(rows), cols=columns)
    shape_table(table, columns)
    for index, (tds, row) in enumerate(zip(rows, table.rows)):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for column, cell in enumerate(row.cells):
            fill_cell(cell, tds[column] if column < len(tds) else None, ctx.font, index == 0)


def shape_table(table: Table, columns: int) -> None:
    """Make the table borderless, centred and fixed, spanning the text width."""
    width = Emu(TEXT_WIDTH)  # one block (the presiding official) gets a full-width, centred cell
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(width.twips))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(OxmlElement(f"w:{side}", {qn("w:val"): "none", qn("w:sz"): "0",
                                                 qn("w:space"): "0", qn("w:color"): "auto"}))
    insert_before(tbl_pr, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    margins = OxmlElement("w:tblCellMar")  # style.css: td padding 0 4pt 22pt 4pt
    for side, twips in (("top", 0), ("left", 80), ("bottom", 440), ("right", 80)):
        margins.append(OxmlElement(f"w:{side}", {qn("w:w"): str(twips), qn("w:type"): "dxa"}))
    insert_before(tbl_pr, margins, ("w:tblLook", "w:tblCaption", "w:tblDescription"))
    for column in table.columns:
        column.width = Emu(width // columns)
        for cell in column.cells:
            cell.width = Emu(width // columns)


def fill_cell(cell: _Cell, td: HtmlElement | None, font: str, first_row: bool) -> None:
    """Fill one table cell with a signature block's centred lines (none for an empty one)."""
    for p in block_children(td) if td is not None else []:
        if p.tag != "p":
            raise refuse(p)
        require_class(p, *SIGN_CLASSES)
        para = add_paragraph(cell, "MOU Signature", p, font)
        if para is not None and class_name(p) == "sign-line":
            # The table's own 18pt top margin in style.css falls on its first row.
            para.paragraph_format.space_before = Pt(36 if first_row else 18)
    first = cell.paragraphs[0]
    if len(cell.paragraphs) > 1:
        first._p.getparent().remove(first._p)
    else:
        first.style = "MOU Signature"


def add_paragraph(container: DocxDocument | _Cell, style: str, el: HtmlElement,
                  font: str) -> Paragraph | None:
    """Add a paragraph of the element's inline content; none when it shows no text."""
    segments = merge(collapse(list(walk_inline(el, Segment("")))))
    if not segments:
        return None
    para = container.add_paragraph(style=style)
    write_runs(para, segments, font)
    return para


def walk_inline(el: HtmlElement, fmt: Segment) -> Iterator[Segment]:
    """Yield the raw text segments of an element's inline content."""
    if el.text:
        yield replace(fmt, text=el.text)
    for child in el:
        if isinstance(child.tag, str):
            yield from inline_element(child, fmt)
        if child.tail:
            yield replace(fmt, text=child.tail)


def inline_element(el: HtmlElement, fmt: Segment) -> Iterator[Segment]:
    """Yield the segments of one inline element of the vocabulary, refusing others."""
    tag, cls = el.tag, class_name(el)
    if tag == "br" and not cls:
        yield replace(fmt, text="", br=True)
    elif tag in ("strong", "b") and not cls:
        yield from walk_inline(el, replace(fmt, bold=True))
    elif tag in ("em", "i") and not cls:
        yield from walk_inline(el, replace(fmt, italic=True))
    elif tag == "span" and cls in ("clause-number", "item-number"):
        yield from walk_inline(el, fmt)
    elif tag == "span" and cls in ("name", "nowrap"):
        for child in el:
            if isinstance(child.tag, str):
                raise refuse(child, "a name holds text only, not")
        yield replace(fmt, text=el.text_content(), whole=True)
    else:
        raise refuse(el)


def collapse(segments: list[Segment]) -> list[Segment]:
    """Apply HTML whitespace rules: runs of spaces become one, line ends are trimmed."""
    out: list[Segment] = []
    after_space = True  # at a line start, leading spaces vanish
    for seg in segments:
        if seg.br:
            trim_end(out)
            out.append(seg)
            after_space = True
            continue
        text = HTML_SPACE.sub(" ", seg.text)
        if after_space:
            text = text.lstrip(" ")
        if text:
            out.append(replace(seg, text=text))
            after_space = text.endswith(" ")
    trim_end(out)
    return out


def trim_end(out: list[Segment]) -> None:
    """Remove the trailing space of the line collected so far."""
    while out and not out[-1].br and out[-1].text.endswith(" "):
        text = out[-1].text.rstrip(" ")
        if text:
            out[-1] = replace(out[-1], text=text)
        else:
            out.pop()


def merge(segments: list[Segment]) -> list[Segment]:
    """Join neighbouring plain segments of the same formatting into one run."""
    out: list[Segment] = []
    for seg in segments:
        prev = out[-1] if out else None
        if (prev is not None and not (prev.whole or seg.whole or prev.br or seg.br)
                and (prev.bold, prev.italic) == (seg.bold, seg.italic)):
            out[-1] = replace(prev, text=prev.text + seg.text)
        else:
            out.append(seg)
    return out


def write_runs(para: Paragraph, segments: list[Segment], font: str) -> None:
    """Append one run per segment, each carrying the full Thai-safe font properties."""
    for seg in segments:
        run = para.add_run()
        fill_rpr(run._r.get_or_add_rPr(), font, bold=seg.bold, italic=seg.italic)
        if seg.br:
            run.add_break()
        else:
            run.text = seg.text


def normalise_fonts(doc: DocxDocument, font: str) -> None:
    """Point every w:rFonts of every part at the font and strip theme fonts, which win otherwise."""
    for part in doc.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for fonts in element.iter(qn("w:rFonts")):
            for attr in THEME_ATTRS:
                fonts.attrib.pop(attr, None)
            for slot in FONT_SLOTS:
                fonts.set(qn(f"w:{slot}"), font)
            fonts.set(qn("w:hint"), "cs")


def drop_template_extras(doc: DocxDocument) -> None:
    """Drop python-docx's template thumbnail and its stale Word 2010 copy of the styles."""
    for rels, reltype in ((doc.part.package.rels, RT.THUMBNAIL), (doc.part.rels, STYLES_WITH_EFFECTS)):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == reltype]:
            del rels[r_id]


def set_core_properties(doc: DocxDocument, title: str, language: str,
                        when: datetime.datetime) -> None:
    """Write fixed core properties, so the same input gives the same bytes."""
    if when.tzinfo is not None:
        when = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    props = doc.core_properties
    props.title, props.language = title, language
    props.author = props.last_modified_by = "mou"
    props.comments = ""
    props.revision = 1
    props.created = props.modified = when
    for printed in props._element.findall(qn("cp:lastPrinted")):
        props._element.remove(printed)


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite a zip with sorted entries, fixed dates and fixed permissions."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = sorted((info.filename, src.read(info)) for info in src.infolist())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name, blob in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, blob, compresslevel=9)
    return out.getvalue()
