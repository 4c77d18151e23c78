"""Drafts of new records: every field with a comment in English and Thai, and <…> where the clerk writes.

`python build.py new party <id>` and `new agreement <id> --parties a,b` write these. A value
still written as one of their placeholders, `<…>`, is refused by validation with its place, so
a draft left unfilled never builds.
"""

from __future__ import annotations

import re
import typing

from mou.core.errors import Problem
from mou.core.messages import say
from mou.records.loading import KeyPath, Record
from mou.records.model import PartyKind
from mou.records.schema import file_name

# A draft's value to fill in: a whole value between angle brackets, after a key or a list dash.
DRAFT_VALUE = re.compile(r"^[^#\n]*?[:-] (<[^<>\n]+>)$", re.MULTILINE)
# The Thai name of each kind of party, for the draft's comment.
KIND_NAMES_TH: dict[str, str] = {
    "province": "จังหวัด",
    "district": "อำเภอ",
    "city-municipality": "เทศบาลนคร",
    "town-municipality": "เทศบาลเมือง",
    "subdistrict-municipality": "เทศบาลตำบล",
    "sao": "องค์การบริหารส่วนตำบล",
    "government-agency": "ส่วนราชการ",
    "university": "มหาวิทยาลัย",
    "school": "โรงเรียน",
    "hospital": "โรงพยาบาล",
    "company": "บริษัท",
    "foundation": "มูลนิธิ",
    "other": "อื่น ๆ",
}
DATE_PLACEHOLDER = "<YYYY-MM-DD, or ๑ มกราคม ๒๕๖๘>"


def schema_line(kind: str) -> str:
    """Return a record's first line, which lets an editor check it against its JSON Schema."""
    return f"# yaml-language-server: $schema=../schemas/{file_name(kind)}"


def placeholder_paths(record: Record) -> list[KeyPath]:
    """Return where a record still holds a placeholder, as key paths."""
    return [
        key_path
        for key_path, written in record.scalars.items()
        if written.plain and written.text.strip() in PLACEHOLDERS
    ]


def placeholder_problems(record: Record) -> list[Problem]:
    """Report every value of a record still written as a placeholder, at the value."""
    return [
        record.problem(key_path, say("placeholder", value=written.text), at_value=True)
        for key_path, written in record.scalars.items()
        if written.plain and written.text.strip() in PLACEHOLDERS
    ]


def _kinds() -> str:
    """List the kinds of party with their Thai names, as comment lines."""
    lines: list[str] = []
    for kind in typing.get_args(PartyKind):
        entry = f"{kind} ({KIND_NAMES_TH[kind]})"
        if lines and len(lines[-1]) + len(entry) < 80:
            lines[-1] += f", {entry}"
        else:
            lines.append(entry)
    return "#   " + ",\n#   ".join(lines) + "\n"


def _bilingual(key: str, th: str, en: str, indent: str = "") -> str:
    """A field with a Thai and an English value."""
    return f"{indent}{key}:\n{indent}  th: {th}\n{indent}  en: {en}\n"


def _person(indent: str, what_en: str, what_th: str) -> str:
    """The fields of someone who signs, each with its comment."""
    return (
        f"{indent}# Prefix; in Thai it joins the name: นาย, นาง, รองศาสตราจารย์ ดร. (optional: delete the three lines if none).\n"
        f"{indent}# คำนำหน้าชื่อ เช่น นาย นาง รองศาสตราจารย์ ดร. (ไม่บังคับ หากไม่มีให้ลบสามบรรทัดนี้)\n"
        + _bilingual("prefix", "<คำนำหน้าชื่อ>", "<Prefix, e.g. Mr.>", indent)
        + f"{indent}# Given name and surname of {what_en}, one space between.\n"
        f"{indent}# ชื่อและนามสกุลของ{what_th} เว้นวรรคหนึ่งครั้งระหว่างชื่อกับนามสกุล\n"
        + _bilingual("name", "<ชื่อ นามสกุล>", "<Given name Surname>", indent)
        + f"{indent}# The position title.\n"
        f"{indent}# ตำแหน่ง\n"
        + _bilingual("position", "<ตำแหน่ง>", "<Position>", indent)
        + f"{indent}# Only for a delegated signer: remove the # of the three lines and write it in full.\n"
        f"{indent}# เฉพาะผู้ลงนามแทน: ลบเครื่องหมาย # หน้าสามบรรทัดนี้ แล้วเขียนให้ครบ\n"
        f"{indent}# acting_for:\n"
        f"{indent}#   th: ปฏิบัติราชการแทน…\n"
        f"{indent}#   en: for …\n"
    )


HEADER = """\
# {what_en}
# Replace every <…> with the real value; until then the build refuses this file and
# names each one left. Lines starting with # are comments. Reference: docs/records.md
# {what_th}
# ให้แทนที่ <…> ทุกแห่งด้วยข้อมูลจริง หากยังเหลืออยู่ โปรแกรมจะไม่สร้างเอกสาร
# และจะแจ้งตำแหน่งที่ยังไม่ได้กรอก บรรทัดที่ขึ้นต้นด้วย # เป็นคำอธิบาย
"""


def draft_party(party_id: str) -> str:
    """Return the text of a new party record, parties/<party_id>.yaml, to fill in."""
    return (
        schema_line("party")
        + "\n"
        + HEADER.format(
            what_en=f"Party record '{party_id}': one organization that signs agreements.",
            what_th=f"ข้อมูลคู่ภาคี '{party_id}': หน่วยงานหนึ่งแห่งที่ลงนามในบันทึกข้อตกลง",
        )
        + "\n# Full name of the organization.\n# ชื่อเต็มของหน่วยงาน\n"
        + _bilingual("name", "<ชื่อเต็มของหน่วยงาน>", "<Full name of the organization>")
        + "# What sort of organization it is, one of:\n"
        + _kinds()
        + "# ประเภทของหน่วยงาน เลือกหนึ่งอย่างจากรายการข้างบน (เขียนเป็นภาษาอังกฤษ)\n"
        "kind: <kind>\n"
        "# Short name used in the clauses: อบต.ไชยสอ / Chai So SAO, มหาวิทยาลัย / the University.\n"
        "# ชื่อย่อที่ใช้ในข้อความของข้อต่าง ๆ เช่น อบต.ไชยสอ หรือ มหาวิทยาลัย\n"
        + _bilingual("short_name", "<ชื่อย่อ>", "<Short name>")
        + "# Office address.\n# ที่อยู่สำนักงาน\n"
        + _bilingual("address", "<ที่อยู่>", "<Address>")
        + "# Who signs for the organization.\n# ผู้ลงนามแทนหน่วยงาน\n"
        "signatory:\n" + _person("  ", "the signatory", "ผู้ลงนาม")
    )


def draft_agreement(agreement_id: str, parties: list[str] | None) -> str:
    """Return the text of a new agreement record, agreements/<agreement_id>.yaml, to fill in."""
    party_lines = "".join(f"  - {party}\n" for party in parties or ["<party-id>", "<party-id>"])
    originals = len(parties) if parties else "<number of originals>"
    return (
        schema_line("agreement")
        + "\n"
        + HEADER.format(
            what_en=f"Agreement record '{agreement_id}': one memorandum of understanding.",
            what_th=f"ข้อมูลบันทึกข้อตกลง '{agreement_id}': บันทึกข้อตกลงความร่วมมือหนึ่งฉบับ",
        )
        + "\n# Title of the document.\n# ชื่อเอกสาร\n"
        + _bilingual("title", "บันทึกข้อตกลงความร่วมมือ", "Memorandum of Understanding")
        + "# Optional: what the text calls the document; the title begins with it.\n"
        "# ไม่บังคับ: ชื่อที่ข้อความใช้เรียกเอกสาร (ชื่อเรื่องขึ้นต้นด้วยชื่อนี้)\n"
        "# instrument:\n#   th: บันทึกข้อตกลงความร่วมมือ\n#   en: Memorandum of Understanding\n"
        + "# What the agreement is about.\n# เรื่องของบันทึกข้อตกลง\n"
        + _bilingual("subject", "<เรื่อง>", "<Subject>")
        + "# Optional: the title block's party lines (default: each party's name).\n"
        "# ไม่บังคับ: ชื่อคู่ภาคีที่แสดงใต้ชื่อเรื่อง (หากไม่ระบุ ใช้ชื่อเต็มของแต่ละฝ่าย)\n"
        "# between:\n#   - th: …\n#     en: …\n"
        "# Optional: what the parties are called together.\n"
        "# ไม่บังคับ: คำที่ใช้เรียกคู่ภาคีรวมกัน\n"
        "# collective_name:\n#   th: คู่ภาคี\n#   en: the Parties\n"
        "# Where it is signed.\n# สถานที่ลงนาม\n"
        + _bilingual("place", "<สถานที่ลงนาม>", "<Place of signing>")
        + "# Date of signing: 2025-01-01 is common era (ค.ศ.); ๑ มกราคม ๒๕๖๘ or 1 ม.ค. 2568 is B.E. (พ.ศ.).\n"
        "# วันที่ลงนาม: 2025-01-01 เป็นปี ค.ศ. ส่วน ๑ มกราคม ๒๕๖๘ หรือ 1 ม.ค. 2568 เป็นปี พ.ศ.\n"
        f"date: {DATE_PLACEHOLDER}\n"
        "# Party ids (parties/<id>.yaml), in the order they appear; at least two.\n"
        "# รหัสคู่ภาคี (ชื่อไฟล์ในโฟลเดอร์ parties/) เรียงตามลำดับที่ปรากฏในเอกสาร อย่างน้อยสองฝ่าย\n"
        f"parties:\n{party_lines}"
        "# Optional: who signs this agreement for a party when not its usual signatory (parties/<id>.yaml),\n"
        "# by party id; prefix, name, position, acting_for as for a party's signatory.\n"
        "# ไม่บังคับ: ผู้ลงนามในฉบับนี้แทนคู่ภาคีฝ่ายใด เมื่อไม่ใช่ผู้ลงนามประจำในไฟล์คู่ภาคี ระบุด้วยรหัสคู่ภาคี\n"
        "# เขียนเหมือนผู้ลงนามของคู่ภาคี\n"
        f"# signatories:\n#   {(parties or ['<party-id>'])[-1]}:\n"
        "#     name: {th: …, en: …}\n#     position: {th: …, en: …}\n#     acting_for: {th: …, en: …}\n"
        "# The clauses, in order; copy the block from - id: for each further clause.\n"
        "# ข้อต่าง ๆ ตามลำดับ หากมีหลายข้อให้คัดลอกตั้งแต่บรรทัด - id: ไปต่อท้าย\n"
        "clauses:\n"
        "  # Each clause's id: unique within the agreement, lower-case letters, digits, hyphens.\n"
        "  # รหัสของข้อ ไม่ซ้ำกันในฉบับ ใช้อักษรอังกฤษตัวเล็ก ตัวเลข และขีด\n"
        "  - id: objectives\n"
        "    # Heading of the clause.\n    # หัวข้อของข้อ\n"
        + _bilingual("heading", "วัตถุประสงค์", "Objectives", "    ")
        + "    # Text of the clause.\n    # ข้อความของข้อ\n"
        + _bilingual("text", "<ข้อความ>", "<Text>", "    ")
        + "    # Optional numbered sub-items, after the text.\n"
        "    # ไม่บังคับ: ข้อย่อยที่มีหมายเลข ต่อจากข้อความ\n"
        "    # items:\n    #   - th: …\n    #     en: …\n"
        "# When the agreement is in force.\n# ระยะเวลาที่บันทึกข้อตกลงมีผลใช้บังคับ\n"
        "duration:\n"
        "  # First day in force, written as date is.\n  # วันเริ่มมีผล เขียนแบบเดียวกับ date\n"
        f"  start: {DATE_PLACEHOLDER}\n"
        "  # Optional: the last day in force; none means until terminated.\n"
        "  # ไม่บังคับ: วันสุดท้ายที่มีผล หากไม่ระบุ มีผลจนกว่าจะยกเลิก\n"
        "  # end: 2026-12-31\n"
        "# Optional: money committed, in baht, digits only, up to 2 decimals, and where it comes from.\n"
        "# ไม่บังคับ: งบประมาณเป็นบาท เขียนเป็นตัวเลขอารบิก ทศนิยมไม่เกินสองตำแหน่ง และแหล่งที่มา\n"
        "# budget:\n#   amount: 150000\n#   source:\n#     th: …\n#     en: …\n"
        "# Optional: other amounts in baht, each named; a clause's text prints one in digits and\n"
        "# words where it says {amount:<name>}, e.g. {amount:grant}.\n"
        "# ไม่บังคับ: จำนวนเงินอื่น ๆ เป็นบาท ตั้งชื่อไว้ ข้อความในข้อต่าง ๆ เขียน {amount:<ชื่อ>} เช่น {amount:grant}\n"
        "# แล้วโปรแกรมจะพิมพ์เป็นตัวเลขพร้อมตัวหนังสือให้\n"
        "# amounts:\n#   grant: 21000001\n"
        "# The number of signed originals: at least the number of parties.\n"
        "# จำนวนต้นฉบับที่ลงนาม ไม่น้อยกว่าจำนวนคู่ภาคี\n"
        f"originals: {originals}\n"
        "# Optional: an official presiding over the signing, who is not a party (signs last):\n"
        "# prefix, name, position, acting_for as for a party's signatory.\n"
        "# ไม่บังคับ: ประธานในพิธีลงนามซึ่งไม่ใช่คู่ภาคี (ลงนามท้ายสุด) เขียนเหมือนผู้ลงนามของคู่ภาคี\n"
        "# presiding:\n"
        "#   prefix: {th: …, en: …}\n"
        "#   name: {th: …, en: …}\n"
        "#   position: {th: …, en: …}\n"
        "#   acting_for: {th: …, en: …}\n"
        "# Optional: people who sign as witnesses, each written as presiding is.\n"
        "# ไม่บังคับ: พยาน แต่ละคนเขียนเหมือน presiding\n"
        "# witnesses:\n#   - name: {th: …, en: …}\n#     position: {th: …, en: …}\n"
        "# Version, in quotes: output goes to output/<id>/<version>/.\n"
        "# รุ่นของเอกสาร ใส่ในเครื่องหมายคำพูด ไฟล์จะอยู่ใน output/<รหัส>/<รุ่น>/\n"
        'version: "0.1"\n'
        "# draft, final or signed; a draft carries a ร่าง / DRAFT watermark.\n"
        "# สถานะ: draft (ร่าง มีลายน้ำ) final (ฉบับสมบูรณ์) หรือ signed (ลงนามแล้ว)\n"
        "status: draft\n"
        "# The editions to build.\n# ภาษาของเอกสารที่จะสร้าง\n"
        "languages: [th, en]\n"
        "# The text that governs; one of languages.\n# ภาษาที่ถือเป็นหลักเมื่อข้อความสองภาษาไม่ตรงกัน\n"
        "prevailing_language: th\n"
        "# true also builds the side-by-side edition, Thai | English.\n"
        "# true เพื่อสร้างฉบับสองภาษาคู่กันด้วย\n"
        "bilingual_edition: false\n"
        "# Optional: a font every reader has installed, asked for in the DOCX instead of the embedded Sarabun.\n"
        "# ไม่บังคับ: แบบอักษรที่เครื่องผู้อ่านทุกคนมี ให้ไฟล์ DOCX เรียกใช้แทนการฝัง Sarabun ไว้ในไฟล์\n"
        "# docx_font: TH Sarabun New\n"
        "# A folder of templates/.\n# แม่แบบที่ใช้ (ชื่อโฟลเดอร์ใน templates/)\n"
        "template: standard\n"
    )


# Exactly the drafts' placeholders: other text in angle brackets (markup, say) is text like any other.
PLACEHOLDERS = frozenset(DRAFT_VALUE.findall(draft_party("x") + draft_agreement("x", None)))
