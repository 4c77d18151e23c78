"""Fonts inside the DOCX: ECMA-376 font embedding (Part 1, 17.8), obfuscated .odttf parts.

A DOCX names its fonts; a computer without them draws Thai in whatever it has (LibreOffice
drew boxes). Embedding the bundled faces in the file makes Word and LibreOffice show them
with nothing installed. Each face is cut to what a Thai or English text may show (WRITING:
Kōfu, Nguyễn Thị, a clerk's edits), plus any other character of the font the document
shows: a letter left out would be drawn in another font. A character the font
does not have at all is refused, as the PDF stage refuses a text that needs a system font.
"""

from __future__ import annotations

import functools
import hashlib
import io
import unicodedata
import uuid
from collections.abc import Iterator
from pathlib import Path

import fontTools
import lxml.etree
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from fontTools import subset
from fontTools.ttLib import TTFont

from mou.core.cache import cache_key, cached
from mou.core.errors import Problem, RenderError
from mou.core.messages import Message, say
from mou.language.characters import char_values

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
# The faces a run can ask for, by (bold, italic): the w:font child that embeds each and its file.
FACES = {
    (False, False): ("w:embedRegular", "Regular"),
    (True, False): ("w:embedBold", "Bold"),
    (False, True): ("w:embedItalic", "Italic"),
    (True, True): ("w:embedBoldItalic", "BoldItalic"),
}
# What a Thai or English text may show, typed or pasted: Latin with every European and
# Vietnamese letter, phonetic letters and the combining accents, Greek, Thai, punctuation, currency, letterlike,
# arrows, mathematical and geometric symbols, and ligatures. A face is cut to these (a large
# font, say a CJK one, would otherwise weigh megabytes) and keeps every one it has: with the
# bundled Sarabun every DOCX then carries the same faces, which matters because LibreOffice
# keeps the first embedded face of a name it opens for its whole session.
WRITING = frozenset(
    [
        *range(0x20, 0x7F),
        *range(0xA0, 0x400),
        *range(0x0E01, 0x0E5C),
        *range(0x1E00, 0x1F00),
        *range(0x2000, 0x2300),
        *range(0x25A0, 0x2600),
        *range(0xFB00, 0xFB07),
    ]
)
# ECMA-376 17.8.1: the first 32 bytes of the font are XORed with the key, 16 bytes twice.
OBFUSCATED_BYTES = 32
# Child order of w:font (CT_Font): the embed elements come last, in FACES' order.
FONT_CHILDREN = ("w:altName", "w:panose1", "w:charset", "w:family", "w:notTrueType", "w:pitch", "w:sig")


def font_key(data: bytes) -> str:
    """Return the GUID that obfuscates a font, derived from its bytes (the same font, the same key)."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes of a font with its GUID key, as ECMA-376 17.8.1 says (its own inverse).

    The key's bytes are the GUID's hex digits read from the last pair to the first.
    """
    digits = key.strip("{}").replace("-", "")
    secret = bytes(int(digits[i : i + 2], 16) for i in range(len(digits) - 2, -1, -2))
    head = bytes(byte ^ secret[i % len(secret)] for i, byte in enumerate(data[:OBFUSCATED_BYTES]))
    return head + data[OBFUSCATED_BYTES:]


# How a face is cut: every layout feature (Thai marks are placed by GPOS/GSUB), every name.
SUBSET_OPTIONS = {"layout_features": ["*"], "name_IDs": ["*"], "name_languages": ["*"], "notdef_outline": True}
# What a cut face depends on besides the font's bytes and the document's extra characters:
# the cache entry's name hashes it too.
SUBSET_RECIPE = f"fontTools {fontTools.version}; {SUBSET_OPTIONS!r}; {sorted(WRITING)!r}"
# A watermark's text is the string of a VML text path (render.py), not a run's w:t.
TEXT_PATH = "{urn:schemas-microsoft-com:vml}textpath"
# Characters no font draws a glyph for: format characters (the WORD JOINER and ZERO WIDTH SPACE
# that hold units together) and spaces, which Word and LibreOffice lay by their width alone.
GLYPHLESS = frozenset({"Cf", "Zs"})
# How much of its paragraph a refused character's message quotes on each side of it.
QUOTED_AROUND = 40


@functools.lru_cache(maxsize=8)
def face_characters(state: tuple[str, int, int, int]) -> frozenset[int]:
    """Return the characters a font file has a glyph for (once per file state)."""
    with TTFont(state[0], lazy=True) as face:
        return frozenset(face.getBestCmap())


@functools.lru_cache(maxsize=32)
def face_subset(state: tuple[str, int, int, int], extra: tuple[int, ...] = ()) -> bytes:
    """Return a font file cut to the writing characters and `extra` (once per file state and extra characters).

    On disk, the cut face is kept under the font's bytes, the recipe and the extra characters:
    most documents add none, and share one entry.
    """
    data = Path(state[0]).read_bytes()
    key = cache_key("docx writing subset", SUBSET_RECIPE, data, "".join(map(chr, extra)))
    return cached("docx-fonts", key, lambda: cut_to_writing(data, extra))


def cut_to_writing(data: bytes, extra: tuple[int, ...] = ()) -> bytes:
    """Return a font file cut to the writing characters and `extra`, with its layout rules kept."""
    options = subset.Options()
    for name, value in SUBSET_OPTIONS.items():
        setattr(options, name, value)
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)  # head.modified stays the file's: same bytes every run
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=WRITING | set(extra))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def shown_texts(doc: DocxDocument) -> Iterator[str]:
    """Yield the text a reader sees, paragraph by paragraph, in every part (deleted text and watermarks too)."""
    for part in doc.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:  # not an XML part
            continue
        for para in element.iter(qn("w:p")):
            yield "".join(node.text or "" for node in para.iter(qn("w:t"), qn("w:delText")))
        for path in element.iter(TEXT_PATH):
            yield path.get("string", "")


def extra_characters(texts: list[str], has: frozenset[int]) -> tuple[int, ...]:
    """Return, in order, the characters of texts beyond the writing ones that a face has."""
    return tuple(sorted({ord(char) for text in texts for char in text} & has - WRITING))


def undrawable(texts: list[str], has: frozenset[int], family: str) -> list[Problem]:
    """Report each character of texts a face has no glyph for (once, in the first text holding it)."""
    problems, seen = [], set()
    for text in texts:
        # as the text was written: the joiners that hold units together out, every space a space
        shown = "".join(" " if char.isspace() else char for char in text if unicodedata.category(char) != "Cf")
        for index, char in enumerate(shown):
            if ord(char) in has or char in seen or unicodedata.category(char) in GLYPHLESS:
                continue
            seen.add(char)
            found = say("font_cannot_draw", index=index + 1, font=family, **char_values(char))
            # Only a template's own text can get here: the records stage refuses a record's.
            start, end = max(0, index - QUOTED_AROUND), index + QUOTED_AROUND
            quoted = ("…" if start else "") + shown[start:end].strip() + ("…" if end < len(shown) else "")
            problems.append(Problem("<html>", Message(f"DOCX: '{quoted}' {found.en}", f"DOCX: '{quoted}' {found.th}")))
    return problems


def font_state(path: Path) -> tuple[str, int, int, int]:
    """Return what tells one version of a font file from another: its path, size and change times."""
    found = path.stat()
    return str(path.resolve()), found.st_size, found.st_mtime_ns, found.st_ctime_ns


def faces_used(doc: DocxDocument) -> set[tuple[bool, bool]]:
    """Return the (bold, italic) faces the document's runs and styles ask for; regular always."""
    bold_styles = {
        style.get(qn("w:styleId"))
        for style in doc.styles.element.iter(qn("w:style"))
        if style.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None
    }
    used = {(False, False)}
    for part in doc.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for run in element.iter(qn("w:r")):
            properties = run.find(qn("w:rPr"))
            if properties is None:
                continue
            italic = properties.find(qn("w:i")) is not None
            bold = properties.find(qn("w:b")) is not None or paragraph_style(run) in bold_styles
            used.add((bold, italic))
    return used


def paragraph_style(run: lxml.etree._Element) -> str:
    """Return the style id of the paragraph holding a run ("" when it has none)."""
    para = next(run.iterancestors(qn("w:p")), None)
    style = para.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if para is not None else None
    return style.get(qn("w:val"), "") if style is not None else ""


def embed_fonts(doc: DocxDocument, family: str, folder: Path) -> None:
    """Embed the faces of `family` the document uses (folder/<family>-<Face>.ttf) and mark the file as carrying them."""
    table_part = next(p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    table = lxml.etree.fromstring(table_part.blob)
    for old in [f for f in table.iter(qn("w:font")) if f.get(qn("w:name")) == family]:
        table.remove(old)
    entry = OxmlElement("w:font", {qn("w:name"): family})
    entry.append(OxmlElement("w:charset", {qn("w:val"): "00"}))
    entry.append(OxmlElement("w:family", {qn("w:val"): "auto"}))
    entry.append(OxmlElement("w:pitch", {qn("w:val"): "variable"}))
    used = faces_used(doc)
    wanted = [names for face, names in FACES.items() if face in used]
    texts = list(shown_texts(doc))
    for number, (tag, suffix) in enumerate(wanted, start=1):
        face = folder / f"{family}-{suffix}.ttf"
        if not face.is_file():
            raise RenderError(Problem(str(face), say("font_face_missing")))
        state = font_state(face)
        has = face_characters(state)
        missing = undrawable(texts, has, family)
        if missing:
            raise RenderError(missing)
        data = face_subset(state, extra_characters(texts, has))
        key = font_key(data)
        part = Part(
            PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED_FONT, obfuscate(data, key), table_part.package
        )
        r_id = table_part.relate_to(part, RT.FONT)
        entry.append(OxmlElement(tag, {qn("r:id"): r_id, qn("w:fontKey"): key}))
    table.append(entry)
    table_part._blob = lxml.etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
    mark_fonts_embedded(doc)


# Children of w:settings that come before w:embedTrueTypeFonts (CT_Settings' order).
SETTINGS_BEFORE = (
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
)


def mark_fonts_embedded(doc: DocxDocument) -> None:
    """Write w:embedTrueTypeFonts into settings.xml, where the schema puts it.

    No w:saveSubsetFonts: that asks Word to cut the fonts to the characters used when it
    saves, and the next editor could not type a letter the text did not hold yet.
    """
    settings = doc.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is not None:
        return
    marker = OxmlElement("w:embedTrueTypeFonts")
    before = [el for tag in SETTINGS_BEFORE for el in settings.findall(qn(tag))]
    if before:
        max(before, key=settings.index).addnext(marker)
    else:
        settings.insert(0, marker)
