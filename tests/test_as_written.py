"""Numbers are read as written, dates in the common era, and every party keeps an original.

YAML 1.1 reads 0150000 as octal, 1:30 as 90 and yes as true; a year 2567 is the Buddhist era.
Each case is a located error, in English and in Thai, never a silent conversion.
"""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B

from mou.cli.main import main
from mou.pipeline.build import load
from mou.pipeline.layout import Layout
from mou.pipeline.render import render_documents
from mou.records.numbers import read_written
from mou.records.validation import load_project

AMOUNT_EN = "budget.amount: write the amount in plain digits, e.g. 150000 or 150000.50; "
AMOUNT_TH = "budget.amount: ให้เขียนจำนวนเงินเป็นตัวเลขอารบิกธรรมดา เช่น 150000 หรือ 150000.50 เพราะ "
COUNT_EN = "originals: must be a whole number in plain digits, e.g. 2; "
COUNT_TH = "originals: ต้องเป็นจำนวนเต็มที่เขียนด้วยตัวเลขอารบิกธรรมดา เช่น 2 เพราะ "
AMOUNT_AT, COUNT_AT = "agreements/test.yaml:15:10: ", "agreements/test.yaml:16:1: "

# (what, old text, new text, expected English line, expected Thai line), after "error: "/"ข้อผิดพลาด: "
CASES = [
    (
        "amount leading zero",
        "amount: 150000",
        "amount: 0150000",
        AMOUNT_AT + AMOUNT_EN + "'0150000' has a leading zero (YAML would read it as octal)",
        AMOUNT_AT + AMOUNT_TH + "'0150000' ขึ้นต้นด้วยเลขศูนย์ (YAML จะอ่านเป็นเลขฐานแปด)",
    ),
    (
        "amount hexadecimal",
        "amount: 150000",
        "amount: 0x10",
        AMOUNT_AT + AMOUNT_EN + "'0x10' is written in hexadecimal, octal or binary",
        AMOUNT_AT + AMOUNT_TH + "'0x10' เขียนเป็นเลขฐานสิบหก ฐานแปด หรือฐานสอง",
    ),
    (
        "amount octal",
        "amount: 150000",
        "amount: 0o17",
        AMOUNT_AT + AMOUNT_EN + "'0o17' is written in hexadecimal, octal or binary",
        AMOUNT_AT + AMOUNT_TH + "'0o17' เขียนเป็นเลขฐานสิบหก ฐานแปด หรือฐานสอง",
    ),
    (
        "amount base 60",
        "amount: 150000",
        "amount: 1:30",
        AMOUNT_AT + AMOUNT_EN + "'1:30' has a colon, which YAML reads as minutes:seconds (base 60)",
        AMOUNT_AT + AMOUNT_TH + "'1:30' มีเครื่องหมาย : ซึ่ง YAML อ่านเป็นนาที:วินาที (ฐานหกสิบ)",
    ),
    (
        "amount infinity",
        "amount: 150000",
        "amount: .inf",
        AMOUNT_AT + AMOUNT_EN + "'.inf' is not a finite number",
        AMOUNT_AT + AMOUNT_TH + "'.inf' ไม่ใช่จำนวนที่มีค่าจำกัด",
    ),
    (
        "amount not a number",
        "amount: 150000",
        "amount: .NaN",
        AMOUNT_AT + AMOUNT_EN + "'.NaN' is not a finite number",
        AMOUNT_AT + AMOUNT_TH + "'.NaN' ไม่ใช่จำนวนที่มีค่าจำกัด",
    ),
    (
        "amount negative zero",
        "amount: 150000",
        "amount: -0.0",
        AMOUNT_AT + AMOUNT_EN + "'-0.0' is a negative zero; write 0",
        AMOUNT_AT + AMOUNT_TH + "'-0.0' เป็นศูนย์ติดลบ ให้เขียน 0",
    ),
    (
        "amount negative zero integer",
        "amount: 150000",
        "amount: -0",
        AMOUNT_AT + AMOUNT_EN + "'-0' is a negative zero; write 0",
        AMOUNT_AT + AMOUNT_TH + "'-0' เป็นศูนย์ติดลบ ให้เขียน 0",
    ),
    (
        "amount yes",
        "amount: 150000",
        "amount: on",
        AMOUNT_AT + AMOUNT_EN + "'on' is a yes/no word, not a number",
        AMOUNT_AT + AMOUNT_TH + "'on' เป็นคำตอบใช่/ไม่ใช่ ไม่ใช่ตัวเลข",
    ),
    (
        "amount underscores",
        "amount: 150000",
        "amount: 150_000",
        AMOUNT_AT
        + AMOUNT_EN
        + "'150_000' has thousands separators; write the digits without commas, underscores or spaces",
        AMOUNT_AT + AMOUNT_TH + "'150_000' มีเครื่องหมายคั่นหลักพัน ให้เขียนตัวเลขติดกันโดยไม่มีจุลภาค ขีดล่าง หรือเว้นวรรค",
    ),
    (
        "amount commas, quoted",
        "amount: 150000",
        'amount: "150,000"',
        AMOUNT_AT
        + AMOUNT_EN
        + "'150,000' has thousands separators; write the digits without commas, underscores or spaces",
        AMOUNT_AT + AMOUNT_TH + "'150,000' มีเครื่องหมายคั่นหลักพัน ให้เขียนตัวเลขติดกันโดยไม่มีจุลภาค ขีดล่าง หรือเว้นวรรค",
    ),
    (
        "amount three decimals",
        "amount: 150000",
        "amount: 150000.505",
        AMOUNT_AT + AMOUNT_EN + "'150000.505' has more than two decimals",
        AMOUNT_AT + AMOUNT_TH + "'150000.505' มีทศนิยมเกินสองตำแหน่ง",
    ),
    (
        # digits only, but more than an amount may have: too large, not "not an amount"
        "amount too many digits",
        "amount: 150000",
        "amount: 123456789012345678",
        AMOUNT_AT + "budget.amount: '123456789012345678' has more than the 17 digits an amount may have; "
        "check the amount (a budget of a trillion baht has 13)",
        AMOUNT_AT + "budget.amount: '123456789012345678' มีตัวเลขเกิน 17 หลักที่จำนวนเงินมีได้ "
        "ให้ตรวจสอบจำนวนเงิน (งบประมาณหนึ่งล้านล้านบาทมี 13 หลัก)",
    ),
    (
        "amount exponent",
        "amount: 150000",
        "amount: 1.5e+5",
        AMOUNT_AT + AMOUNT_EN + "'1.5e+5' is in exponent notation",
        AMOUNT_AT + AMOUNT_TH + "'1.5e+5' เขียนในรูปเลขยกกำลัง",
    ),
    (
        "amount plus sign",
        "amount: 150000",
        "amount: +5",
        AMOUNT_AT + AMOUNT_EN + "'+5' has a plus sign; leave it out",
        AMOUNT_AT + AMOUNT_TH + "'+5' มีเครื่องหมายบวก ให้ตัดออก",
    ),
    (
        "amount Thai digits",
        "amount: 150000",
        "amount: ๑๕๐๐๐๐",
        AMOUNT_AT + AMOUNT_EN + "'๑๕๐๐๐๐' has Thai digits; use 0-9",
        AMOUNT_AT + AMOUNT_TH + "'๑๕๐๐๐๐' ใช้เลขไทย ให้ใช้เลขอารบิก 0-9",
    ),
    (
        "originals leading zero",
        "originals: 2",
        "originals: 010",
        COUNT_AT + COUNT_EN + "'010' has a leading zero (YAML would read it as octal)",
        COUNT_AT + COUNT_TH + "'010' ขึ้นต้นด้วยเลขศูนย์ (YAML จะอ่านเป็นเลขฐานแปด)",
    ),
    (
        "originals hexadecimal",
        "originals: 2",
        "originals: 0x2",
        COUNT_AT + COUNT_EN + "'0x2' is written in hexadecimal, octal or binary",
        COUNT_AT + COUNT_TH + "'0x2' เขียนเป็นเลขฐานสิบหก ฐานแปด หรือฐานสอง",
    ),
    (
        "originals base 60",
        "originals: 2",
        "originals: 0:2",
        COUNT_AT + COUNT_EN + "'0:2' has a colon, which YAML reads as minutes:seconds (base 60)",
        COUNT_AT + COUNT_TH + "'0:2' มีเครื่องหมาย : ซึ่ง YAML อ่านเป็นนาที:วินาที (ฐานหกสิบ)",
    ),
    (
        "originals true",
        "originals: 2",
        "originals: true",
        COUNT_AT + COUNT_EN + "'true' is a yes/no word, not a number",
        COUNT_AT + COUNT_TH + "'true' เป็นคำตอบใช่/ไม่ใช่ ไม่ใช่ตัวเลข",
    ),
    (
        "originals yes",
        "originals: 2",
        "originals: yes",
        COUNT_AT + COUNT_EN + "'yes' is a yes/no word, not a number",
        COUNT_AT + COUNT_TH + "'yes' เป็นคำตอบใช่/ไม่ใช่ ไม่ใช่ตัวเลข",
    ),
    (
        "originals off",
        "originals: 2",
        "originals: off",
        COUNT_AT + COUNT_EN + "'off' is a yes/no word, not a number",
        COUNT_AT + COUNT_TH + "'off' เป็นคำตอบใช่/ไม่ใช่ ไม่ใช่ตัวเลข",
    ),
    (
        "originals infinity",
        "originals: 2",
        "originals: .inf",
        COUNT_AT + COUNT_EN + "'.inf' is not a finite number",
        COUNT_AT + COUNT_TH + "'.inf' ไม่ใช่จำนวนที่มีค่าจำกัด",
    ),
    (
        "originals fraction",
        "originals: 2",
        "originals: 2.0",
        COUNT_AT + COUNT_EN + "'2.0' is not a whole number",
        COUNT_AT + COUNT_TH + "'2.0' ไม่ใช่จำนวนเต็ม",
    ),
    (
        "originals in words",
        "originals: 2",
        "originals: two",
        COUNT_AT + COUNT_EN + "'two' is not a number",
        COUNT_AT + COUNT_TH + "'two' ไม่ใช่ตัวเลข",
    ),
    (
        "fewer originals than parties",
        "originals: 2",
        "originals: 1",
        COUNT_AT
        + "originals: 1 is fewer than the 2 parties; each party keeps one original, so write originals: 2 or more",
        COUNT_AT + "originals: 1 ฉบับน้อยกว่าจำนวนคู่ภาคี 2 ฝ่าย แต่ละฝ่ายต้องยึดถือไว้ฝ่ายละหนึ่งฉบับ ให้ระบุ originals: 2 หรือมากกว่า",
    ),
    (
        "Buddhist-era date",
        "date: 2020-11-16",
        "date: 2567-03-01",
        "agreements/test.yaml:6:7: date: 2567-03-01 looks like a Buddhist-era year; "
        "write the common-era date 2024-03-01 (B.E. − 543)",
        "agreements/test.yaml:6:7: date: 2567-03-01 ดูเหมือนใช้ปีพุทธศักราช ให้เขียนวันที่เป็นปีคริสต์ศักราช 2024-03-01 (พ.ศ. − 543)",
    ),
    (
        # adversarial inputs: a year typed 1024 for 2024 printed พ.ศ. ๑๕๖๗; before 1941 B.E. was not C.E. + 543
        "a year before the Thai calendar's 1 January",
        "date: 2020-11-16",
        "date: 1024-11-16",
        "agreements/test.yaml:6:7: date: 1024-11-16 is before 1 January 1941 (B.E. 2484), from which the Thai "
        "year is the common-era year + 543; check the year",
        "agreements/test.yaml:6:7: date: 1024-11-16 อยู่ก่อนวันที่ 1 มกราคม 1941 (พ.ศ. 2484) "
        "ซึ่งเป็นวันที่ปี พ.ศ. เริ่มเท่ากับปี ค.ศ. + 543 ให้ตรวจสอบปี",
    ),
    (
        "Buddhist-era 29 February (no such C.E. day in 2567)",
        "date: 2020-11-16",
        "date: 2567-02-29",
        "agreements/test.yaml:6:7: date: 2567-02-29 looks like a Buddhist-era year; "
        "write the common-era date 2024-02-29 (B.E. − 543)",
        "agreements/test.yaml:6:7: date: 2567-02-29 ดูเหมือนใช้ปีพุทธศักราช ให้เขียนวันที่เป็นปีคริสต์ศักราช 2024-02-29 (พ.ศ. − 543)",
    ),
    (
        "Buddhist-era start",
        "start: 2020-11-16",
        "start: 2563-11-16",
        "agreements/test.yaml:14:19: duration.start: 2563-11-16 looks like a Buddhist-era year; "
        "write the common-era date 2020-11-16 (B.E. − 543)",
        "agreements/test.yaml:14:19: duration.start: 2563-11-16 ดูเหมือนใช้ปีพุทธศักราช ให้เขียนวันที่เป็นปีคริสต์ศักราช 2020-11-16 (พ.ศ. − 543)",
    ),
    (
        "Buddhist-era end with no C.E. day",
        "end: 2021-11-15",
        "end: 2568-02-29",
        "agreements/test.yaml:14:36: duration.end: 2568-02-29 looks like a Buddhist-era year, but 2025-02-29 "
        "(B.E. − 543) is not a real date either; write an existing common-era date as YYYY-MM-DD",
        "agreements/test.yaml:14:36: duration.end: 2568-02-29 ดูเหมือนใช้ปีพุทธศักราช แต่ 2025-02-29 (พ.ศ. − 543) "
        "ก็ไม่ใช่วันที่ที่มีอยู่จริง ให้เขียนวันที่ที่มีอยู่จริงเป็นปีคริสต์ศักราชในรูปแบบ ปปปป-ดด-วว",
    ),
]


def run(root: Path, language: str) -> tuple[int, list[str]]:
    """Run the build on root with messages in one language; return its status and error lines."""
    err = io.StringIO()
    status = main(["--root", str(root), "--lang", language], out=io.StringIO(), err=err)
    return status, err.getvalue().splitlines()


def project(tree, old: str, new: str) -> Path:
    """The test project with one piece of the agreement replaced."""
    assert old in AGREEMENT
    text = AGREEMENT.replace(old, new)
    return tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": text})


@pytest.mark.parametrize("what, old, new, en, th", CASES, ids=[c[0] for c in CASES])
def test_trap_is_a_located_error_in_both_languages(tree, what, old, new, en, th):
    root = project(tree, old, new)
    for language, expected in (("en", f"error: {en}"), ("th", f"ข้อผิดพลาด: {th}")):
        status, lines = run(root, language)
        assert status == 1 and "Traceback" not in "".join(lines)
        assert lines[0] == expected and len(lines) == 2, lines  # the one problem, then the summary


@pytest.mark.parametrize(
    "old, new, field, expected",
    [
        ("amount: 150000", "amount: 150000.50", "amount", Decimal("150000.50")),
        ("amount: 150000", "amount: '150000'", "amount", Decimal("150000")),
        ("amount: 150000", "amount: 0.05", "amount", Decimal("0.05")),  # 0 itself is refused: no budget at all
        ("amount: 150000", "amount: 0.5", "amount", Decimal("0.5")),
        ("originals: 2", "originals: 10", "originals", 10),
        ('version: "1.0"', "version: 1.10", "version", "1.10"),
        ('version: "1.0"', "version: 2020.09", "version", "2020.09"),
        # the end date: a signing date after it is refused (signed_after_end)
        # the last common-era date a Thai-written date may say too (B.E. 2700); later ones are refused
        ("end: 2021-11-15", "end: 2157-12-31", "end", datetime.date(2157, 12, 31)),
        ("end: 2021-11-15", "end: 2100-01-01", "end", datetime.date(2100, 1, 1)),
    ],
)
def test_plain_numbers_and_common_era_dates_mean_what_they_say(tree, old, new, field, expected):
    agreement = load_project(project(tree, old, new), {"standard"}).agreements["test"]
    fields = {"amount": agreement.budget.amount if agreement.budget else None, "end": agreement.duration.end}
    value = fields[field] if field in fields else getattr(agreement, field)
    assert (type(value), str(value)) == (type(expected), str(expected))


def test_every_problem_is_still_reported_at_once(tree):
    root = tree(
        {
            "parties/town.yaml": PARTY_A,
            "parties/kku.yaml": PARTY_B,
            "agreements/test.yaml": AGREEMENT.replace("originals: 2", "originals: 010")
            .replace("amount: 150000", "amount: 0x10")
            .replace("status: final", "status: done"),
        }
    )
    status, lines = run(root, "en")
    assert status == 1
    # in line order (status on line 2, budget on 15, originals on 16)
    assert [line.split(": ", 3)[2] for line in lines[:-1]] == ["status", "budget.amount", "originals"], lines


@pytest.mark.parametrize(
    "text, expected",
    [("150000", Decimal(150000)), ("-5", Decimal(-5)), (" 7 ", Decimal(7)), ("150000.5", Decimal("150000.5"))],
)
def test_amount_text_is_read_exactly(text, expected):
    assert read_written("amount", text) == expected


@pytest.mark.parametrize("text", ["0150000", "0x10", "1:30", ".inf", "-.inf", ".nan", "-0", "-0.0", "yes", "1_0"])
def test_amount_text_that_yaml_would_convert_is_refused(text):
    assert not isinstance(read_written("amount", text), Decimal)


def closing(tree, originals: int) -> dict[str, str]:
    """The closing paragraph of each edition of the test agreement, made with `originals` originals."""
    root = project(tree, "originals: 2", f"originals: {originals}\nbilingual_edition: true")
    layout = Layout(root, root / "output")
    documents = render_documents(layout, load(layout), "test")
    return {
        d.language: re.sub(r"\s+", " ", d.html.split('class="closing">', 1)[1].split("</p>", 1)[0]) for d in documents
    }


def test_closing_says_each_party_keeps_one_of_as_many_originals_as_parties(tree):
    text = closing(tree, 2)
    assert "DONE in two originals" in text["en"] and text["en"].endswith("each party retaining one original.")
    assert "ทำขึ้นเป็นสองฉบับ" in text["th"] and text["th"].endswith("และยึดถือไว้ฝ่ายละหนึ่งฉบับ")
    assert text["th-en"].endswith("และยึดถือไว้ฝ่ายละหนึ่งฉบับ")


def test_closing_with_more_originals_than_parties_says_at_least_one(tree):
    text = closing(tree, 3)
    assert "DONE in three originals" in text["en"] and text["en"].endswith(
        "each party retaining at least one original."
    )
    assert "ทำขึ้นเป็นสามฉบับ" in text["th"] and text["th"].endswith("และยึดถือไว้ฝ่ายละอย่างน้อยหนึ่งฉบับ")
    assert text["th-en"].endswith("และยึดถือไว้ฝ่ายละอย่างน้อยหนึ่งฉบับ")


def test_the_title_block_prints_the_records_title(tree):
    # The title block had the default title written into the templates: a sister-city agreement
    # printed `Memorandum of Understanding` whatever its record said.
    sister = "title: {th: บันทึกข้อตกลงว่าด้วยการสถาปนาความสัมพันธ์ฉันเมืองพี่เมืองน้อง, en: Sister-City Agreement}"
    root = project(
        tree,
        "title: {th: บันทึกข้อตกลงความร่วมมือทดสอบ, en: Memorandum of Understanding on a Test agreement}",
        sister + "\nbilingual_edition: true",
    )
    layout = Layout(root, root / "output")
    titles = {
        d.language: re.findall(r'<p class="title">(.*?)</p>', d.html)
        for d in render_documents(layout, load(layout), "test")
    }
    assert titles == {
        "th": ["บันทึกข้อตกลงว่าด้วยการสถาปนาความสัมพันธ์ฉันเมืองพี่เมืองน้อง"],
        "en": ["Sister-City Agreement"],
        "th-en": ["บันทึกข้อตกลงว่าด้วยการสถาปนาความสัมพันธ์ฉันเมืองพี่เมืองน้อง", "Sister-City Agreement"],
    }
