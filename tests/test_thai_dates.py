"""Dates written the Thai way are read as Buddhist era; a wrong one is a located error in both languages."""

from __future__ import annotations

import datetime
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import AGREEMENT, PARTY_A, PARTY_B, ROOT

from mou.cli.main import main
from mou.language.thai import THAI_MONTH_ABBREVIATIONS, THAI_MONTHS
from mou.pipeline.build import load
from mou.pipeline.layout import Layout
from mou.pipeline.render import render_documents
from mou.records.eras import thai_written_date
from mou.records.validation import load_project

LEAP_DAY = datetime.date(2024, 2, 29)


def project(tree, date: str, start: str | None = None) -> Path:
    """The test project with its date written as given (and its start, then with no end)."""
    text = AGREEMENT.replace("date: 2020-11-16", f"date: {date}")
    if start is not None:
        text = text.replace("duration: {start: 2020-11-16, end: 2021-11-15}", f"duration: {{start: {start}}}")
    return tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": text})


@pytest.mark.parametrize(
    "written",
    [
        "๒๙ กุมภาพันธ์ ๒๕๖๗",
        "29 ก.พ. 2567",
        "29 กุมภาพันธ์ พ.ศ. 2567",
        "๒๙ ก.พ. พ.ศ. ๒๕๖๗",
        "วันที่ ๒๙ กุมภาพันธ์ พ.ศ. ๒๕๖๗",
        "29 ก.พ.2567",
        '"29  กุมภาพันธ์  2567"',
    ],
)
def test_a_thai_written_date_is_read_as_buddhist_era(tree, written):
    agreement = load_project(project(tree, written, start="2024-01-01"), {"standard"}).agreements["test"]
    assert agreement.date == LEAP_DAY


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1 มกราคม 2484", datetime.date(1941, 1, 1)),
        ("31 ธ.ค. 2700", datetime.date(2157, 12, 31)),
        ("๑ ต.ค. ๒๕๖๓", datetime.date(2020, 10, 1)),
    ],
)
def test_every_month_and_the_ends_of_the_range_are_read(tree, written, expected):
    agreement = load_project(project(tree, "2020-11-16", start=written), {"standard"}).agreements["test"]
    assert agreement.duration.start == expected


def test_every_thai_month_name_and_abbreviation_is_its_month():
    for number, (name, short) in enumerate(zip(THAI_MONTHS, THAI_MONTH_ABBREVIATIONS, strict=True), start=1):
        assert (
            thai_written_date(f"1 {name} 2567")
            == thai_written_date(f"1 {short} 2567")
            == datetime.date(2024, number, 1)
        )


def test_a_thai_written_date_prints_as_the_same_day_in_both_editions(tree):
    root = project(tree, "๒๙ กุมภาพันธ์ ๒๕๖๗", start="2024-01-01")
    layout = Layout.at(root)
    html = {
        d.language: re.sub(r"<[^>]+>", "", re.sub(r"\s+", " ", d.html))
        for d in render_documents(layout, load(layout), "test")
    }
    assert "๒๙ กุมภาพันธ์ พ.ศ. ๒๕๖๗" in html["th"]
    assert "29 February 2024" in html["en"]


DATE_AT = "agreements/test.yaml:6:7: date: "
# (what, date as written, English line, Thai line), after "error: "/"ข้อผิดพลาด: "
CASES = [
    (
        "no such day",
        "๓๐ กุมภาพันธ์ ๒๕๖๗",
        "'๓๐ กุมภาพันธ์ ๒๕๖๗' does not exist: กุมภาพันธ์ B.E. 2567 has 29 days; write a day from 1 to 29",
        "'๓๐ กุมภาพันธ์ ๒๕๖๗' ไม่มีอยู่จริง เดือนกุมภาพันธ์ พ.ศ. 2567 มี 29 วัน ให้เขียนวันที่ 1 ถึง 29",
    ),
    (
        "no 29 February in a common year",
        "29 ก.พ. 2568",
        "'29 ก.พ. 2568' does not exist: กุมภาพันธ์ B.E. 2568 has 28 days; write a day from 1 to 28",
        "'29 ก.พ. 2568' ไม่มีอยู่จริง เดือนกุมภาพันธ์ พ.ศ. 2568 มี 28 วัน ให้เขียนวันที่ 1 ถึง 28",
    ),
    (
        "misspelt month",
        "29 กุมภาพัน 2567",
        "'กุมภาพัน' is not a Thai month name; did you mean กุมภาพันธ์?",
        "'กุมภาพัน' ไม่ใช่ชื่อเดือนภาษาไทย หมายถึง กุมภาพันธ์ หรือไม่",
    ),
    (
        "unknown month",
        "29 xyz 2567",
        "'xyz' is not a Thai month name; write one of มกราคม, กุมภาพันธ์, มีนาคม, เมษายน, พฤษภาคม, "
        "มิถุนายน, กรกฎาคม, สิงหาคม, กันยายน, ตุลาคม, พฤศจิกายน, ธันวาคม, or its abbreviation (ม.ค. … ธ.ค.)",
        "'xyz' ไม่ใช่ชื่อเดือนภาษาไทย ให้เขียนชื่อเดือนใดเดือนหนึ่ง ได้แก่ มกราคม, กุมภาพันธ์, มีนาคม, เมษายน, "
        "พฤษภาคม, มิถุนายน, กรกฎาคม, สิงหาคม, กันยายน, ตุลาคม, พฤศจิกายน, ธันวาคม หรือชื่อย่อ (ม.ค. … ธ.ค.)",
    ),
    (
        "English month",
        "16 November 2020",
        "'16 November 2020': a date written with a month name is read the Thai way, in B.E.; "
        "write 16 พฤศจิกายน 2563 (B.E.), or the common-era date as 2020-11-16",
        "'16 November 2020' วันที่ที่เขียนด้วยชื่อเดือนจะอ่านแบบไทยเป็นปี พ.ศ. ให้เขียน 16 พฤศจิกายน 2563 (พ.ศ.) "
        "หรือเขียนเป็นปี ค.ศ. ว่า 2020-11-16",
    ),
    (
        "common-era year",
        "29 ก.พ. 2024",
        "'29 ก.พ. 2024' is written the Thai way, so its year is B.E., but 2024 looks like a common-era year; "
        "write the B.E. year 2567 (C.E. + 543), or the common-era date as 2024-02-29",
        "'29 ก.พ. 2024' เขียนแบบไทย จึงอ่านปีเป็น พ.ศ. แต่ 2024 ดูเหมือนเป็นปี ค.ศ. ให้เขียนปี พ.ศ. 2567 "
        "(ค.ศ. + 543) หรือเขียนเป็นปี ค.ศ. ว่า 2024-02-29",
    ),
    (
        # adversarial inputs: the common era named in a Thai-written date
        "ค.ศ. year",
        "31 ธันวาคม ค.ศ. 2023",
        "'31 ธันวาคม ค.ศ. 2023': a date written the Thai way takes a B.E. year; write 31 ธันวาคม 2566 "
        "(C.E. + 543), or the common-era date as 2023-12-31",
        "'31 ธันวาคม ค.ศ. 2023' วันที่ที่เขียนแบบไทยต้องใช้ปี พ.ศ. ให้เขียน 31 ธันวาคม 2566 (ค.ศ. + 543) "
        "หรือเขียนเป็นปี ค.ศ. ว่า 2023-12-31",
    ),
    (
        "ค.ศ. with a B.E. year",
        "1 มกราคม ค.ศ. 2567",
        "'1 มกราคม ค.ศ. 2567' is not a date mou can read; write it the Thai way in B.E., day month year "
        "(๒๙ กุมภาพันธ์ ๒๕๖๗ or 29 ก.พ. 2567), or in the common era as YYYY-MM-DD (2024-02-29)",
        "'1 มกราคม ค.ศ. 2567' ไม่ใช่วันที่ที่โปรแกรมอ่านได้ ให้เขียนแบบไทยเป็นปี พ.ศ. เรียง วัน เดือน ปี "
        "(๒๙ กุมภาพันธ์ ๒๕๖๗ หรือ 29 ก.พ. 2567) หรือเขียนเป็นปี ค.ศ. ในรูปแบบ ปปปป-ดด-วว (2024-02-29)",
    ),
    (
        # adversarial inputs: a common-era year and a day the month lacks; no date that does not exist is offered
        "common-era year, no such day",
        "31 พ.ย. 2023",
        "'31 พ.ย. 2023' does not exist: พฤศจิกายน B.E. 2566 has 30 days; write a day from 1 to 30",
        "'31 พ.ย. 2023' ไม่มีอยู่จริง เดือนพฤศจิกายน พ.ศ. 2566 มี 30 วัน ให้เขียนวันที่ 1 ถึง 30",
    ),
    (
        "two-digit year",
        "29 ก.พ. 67",
        "'29 ก.พ. 67': write the B.E. year in full, 2567",
        "'29 ก.พ. 67' ให้เขียนปี พ.ศ. เต็มสี่หลัก คือ 2567",
    ),
    (
        "year outside B.E.",
        "1 มกราคม 2800",
        "'1 มกราคม 2800': 2800 is not a B.E. year mou reads; a Thai-written date needs a B.E. year "
        "from 2484 to 2700, such as 2567",
        "'1 มกราคม 2800' ปี 2800 ไม่ใช่ปี พ.ศ. ที่โปรแกรมอ่านได้ วันที่ที่เขียนแบบไทยต้องเป็นปี พ.ศ. ตั้งแต่ 2484 ถึง 2700 เช่น ๒๕๖๗",
    ),
    # adversarial review: YYYY-MM-DD that YAML reads as text, and dates in digits alone, got
    # "must be a date written YYYY-MM-DD … not '2020-11-16'" at the key, which says nothing to do
    (
        "YYYY-MM-DD in quotes",
        '"2020-11-16"',
        "'2020-11-16' is in quotes, which makes it text, not a date; write it without the quotes: 2020-11-16",
        "'2020-11-16' อยู่ในเครื่องหมายคำพูด จึงเป็นข้อความ ไม่ใช่วันที่ ให้เขียนโดยไม่มีเครื่องหมายคำพูด: 2020-11-16",
    ),
    (
        "a one-digit month",
        "2020-2-3",
        "'2020-2-3' is not read as a date; write the common-era date as YYYY-MM-DD, in Arabic digits with "
        "hyphens and two digits for the month and the day: 2020-02-03",
        "'2020-2-3' ไม่ถูกอ่านเป็นวันที่ ให้เขียนวันที่ ค.ศ. ในรูปแบบ ปปปป-ดด-วว เป็นเลขอารบิก คั่นด้วยขีด "
        "และมีเดือนและวันอย่างละสองหลัก: 2020-02-03",
    ),
    (
        "YYYY/MM/DD",
        "2024/02/29",
        "'2024/02/29' is not read as a date; write the common-era date as YYYY-MM-DD, in Arabic digits with "
        "hyphens and two digits for the month and the day: 2024-02-29",
        "'2024/02/29' ไม่ถูกอ่านเป็นวันที่ ให้เขียนวันที่ ค.ศ. ในรูปแบบ ปปปป-ดด-วว เป็นเลขอารบิก คั่นด้วยขีด "
        "และมีเดือนและวันอย่างละสองหลัก: 2024-02-29",
    ),
    (
        "a B.E. year in quotes",
        '"2567-02-29"',
        "2567-02-29 looks like a Buddhist-era year; write the common-era date 2024-02-29 (B.E. − 543)",
        "2567-02-29 ดูเหมือนใช้ปีพุทธศักราช ให้เขียนวันที่เป็นปีคริสต์ศักราช 2024-02-29 (พ.ศ. − 543)",
    ),
    (
        "a quoted date that does not exist",
        '"2021-02-29"',
        # adversarial review: why it does not exist is said in the clerk's language, not Python's
        "'2021-02-29' is not a real date (February 2021 has 28 days); write an existing date as YYYY-MM-DD",
        "'2021-02-29' ไม่ใช่วันที่ที่มีอยู่จริง (เดือนกุมภาพันธ์ ค.ศ. 2021 มี 28 วัน) ให้เขียนวันที่ที่ถูกต้องในรูปแบบ ปปปป-ดด-วว (ค.ศ.) เช่น 2020-09-01",
    ),
    (
        "day/month/B.E. year in digits",
        "29/02/2567",
        "'29/02/2567' is a date in digits alone, whose order and era mou cannot tell; write 29 กุมภาพันธ์ 2567 "
        "(the Thai way, B.E.) or 2024-02-29 (common era)",
        "'29/02/2567' เป็นวันที่ที่เขียนด้วยตัวเลขล้วน ซึ่งโปรแกรมบอกไม่ได้ว่าเรียงวันเดือนอย่างไรและเป็นปีศักราชใด "
        "ให้เขียน 29 กุมภาพันธ์ 2567 (แบบไทย ปี พ.ศ.) หรือ 2024-02-29 (ปี ค.ศ.)",
    ),
    (
        "month/day/C.E. year in digits",
        "02/29/2024",
        "'02/29/2024' is a date in digits alone, whose order and era mou cannot tell; write 29 กุมภาพันธ์ 2567 "
        "(the Thai way, B.E.) or 2024-02-29 (common era)",
        "'02/29/2024' เป็นวันที่ที่เขียนด้วยตัวเลขล้วน ซึ่งโปรแกรมบอกไม่ได้ว่าเรียงวันเดือนอย่างไรและเป็นปีศักราชใด "
        "ให้เขียน 29 กุมภาพันธ์ 2567 (แบบไทย ปี พ.ศ.) หรือ 2024-02-29 (ปี ค.ศ.)",
    ),
    (
        "digits alone, a day the month lacks",
        "๒๙.๐๒.๒๕๖๘",
        "'๒๙.๐๒.๒๕๖๘' does not exist: กุมภาพันธ์ B.E. 2568 has 28 days; write a day from 1 to 28",
        "'๒๙.๐๒.๒๕๖๘' ไม่มีอยู่จริง เดือนกุมภาพันธ์ พ.ศ. 2568 มี 28 วัน ให้เขียนวันที่ 1 ถึง 28",
    ),
    (
        "the day of the week before the date",
        "วันพฤหัสบดีที่ ๒๙ กุมภาพันธ์ พ.ศ. ๒๕๖๗",
        "'วันพฤหัสบดีที่ ๒๙ กุมภาพันธ์ พ.ศ. ๒๕๖๗' names the day of the week, which the document does not print "
        "(it writes วันที่ … itself); write ๒๙ กุมภาพันธ์ พ.ศ. ๒๕๖๗",
        "'วันพฤหัสบดีที่ ๒๙ กุมภาพันธ์ พ.ศ. ๒๕๖๗' ระบุวันในสัปดาห์ ซึ่งเอกสารไม่ได้พิมพ์ (เอกสารพิมพ์คำว่า วันที่ … เอง) "
        "ให้เขียน ๒๙ กุมภาพันธ์ พ.ศ. ๒๕๖๗",
    ),
    (
        "the day of the week after the date",
        "๒๙ ก.พ. ๒๕๖๗ (วันพฤหัส)",
        "'๒๙ ก.พ. ๒๕๖๗ (วันพฤหัส)' names the day of the week, which the document does not print "
        "(it writes วันที่ … itself); write ๒๙ ก.พ. ๒๕๖๗",
        "'๒๙ ก.พ. ๒๕๖๗ (วันพฤหัส)' ระบุวันในสัปดาห์ ซึ่งเอกสารไม่ได้พิมพ์ (เอกสารพิมพ์คำว่า วันที่ … เอง) ให้เขียน ๒๙ ก.พ. ๒๕๖๗",
    ),
    (
        "digits alone with a two-digit B.E. year",
        "29/02/67",
        "'29/02/67' is a date in digits alone, whose order and era mou cannot tell; write 29 กุมภาพันธ์ 2567 "
        "(the Thai way, B.E.) or 2024-02-29 (common era)",
        "'29/02/67' เป็นวันที่ที่เขียนด้วยตัวเลขล้วน ซึ่งโปรแกรมบอกไม่ได้ว่าเรียงวันเดือนอย่างไรและเป็นปีศักราชใด "
        "ให้เขียน 29 กุมภาพันธ์ 2567 (แบบไทย ปี พ.ศ.) หรือ 2024-02-29 (ปี ค.ศ.)",
    ),
    (
        "a date with a time of day",
        "2024-02-29T09:30:00",
        "'2024-02-29 09:30:00' has a time of day; write the date alone: 2024-02-29",
        "'2024-02-29 09:30:00' มีเวลาด้วย ให้เขียนเฉพาะวันที่: 2024-02-29",
    ),
    (
        "an English date, month first",
        "Feb 29, 2024",
        "'Feb 29, 2024': a date written with a month name is read the Thai way, in B.E.; write 29 กุมภาพันธ์ 2567 "
        "(B.E.), or the common-era date as 2024-02-29",
        "'Feb 29, 2024' วันที่ที่เขียนด้วยชื่อเดือนจะอ่านแบบไทยเป็นปี พ.ศ. ให้เขียน 29 กุมภาพันธ์ 2567 (พ.ศ.) "
        "หรือเขียนเป็นปี ค.ศ. ว่า 2024-02-29",
    ),
    (
        "Thai text that is no date",
        "กุมภาพันธ์ 2567",
        "'กุมภาพันธ์ 2567' is not a date mou can read; write it the Thai way in B.E., day month year "
        "(๒๙ กุมภาพันธ์ ๒๕๖๗ or 29 ก.พ. 2567), or in the common era as YYYY-MM-DD (2024-02-29)",
        "'กุมภาพันธ์ 2567' ไม่ใช่วันที่ที่โปรแกรมอ่านได้ ให้เขียนแบบไทยเป็นปี พ.ศ. เรียง วัน เดือน ปี "
        "(๒๙ กุมภาพันธ์ ๒๕๖๗ หรือ 29 ก.พ. 2567) หรือเขียนเป็นปี ค.ศ. ในรูปแบบ ปปปป-ดด-วว (2024-02-29)",
    ),
]


@pytest.mark.parametrize(("what", "written", "en", "th"), CASES, ids=[case[0] for case in CASES])
def test_a_wrong_thai_written_date_is_a_located_error_in_both_languages(tree, what, written, en, th):
    root = project(tree, written)
    for language, expected in (("en", f"error: {DATE_AT}{en}"), ("th", f"ข้อผิดพลาด: {DATE_AT}{th}")):
        err = io.StringIO()
        status = main(["--root", str(root), "--lang", language], out=io.StringIO(), err=err)
        lines = err.getvalue().splitlines()
        assert status == 1 and "Traceback" not in err.getvalue()
        assert lines[0] == expected and len(lines) == 2, lines


def test_a_wrong_end_date_is_located_at_its_value(tree):
    text = AGREEMENT.replace("end: 2021-11-15", "end: ๓๑ เมษายน ๒๕๖๔")
    root = tree({"parties/town.yaml": PARTY_A, "parties/kku.yaml": PARTY_B, "agreements/test.yaml": text})
    err = io.StringIO()
    assert main(["--root", str(root)], out=io.StringIO(), err=err) == 1
    assert err.getvalue().startswith(
        "error: agreements/test.yaml:14:36: duration.end: '๓๑ เมษายน ๒๕๖๔' does not exist: เมษายน B.E. 2564 has 30 days"
    )


def date_validator() -> jsonschema.protocols.Validator:
    """Validate an agreement's date against the committed schema's definition of it."""
    schema = json.loads((ROOT / "schemas" / "agreement.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema["properties"]["date"], format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("written", ["2024-02-29", "๒๙ กุมภาพันธ์ ๒๕๖๗", "29 ก.พ. 2567", "29 กุมภาพันธ์ พ.ศ. 2567"])
def test_the_schema_accepts_both_forms(written):
    assert not list(date_validator().iter_errors(written))


@pytest.mark.parametrize("written", ["29 February 2024", "29 กุมภา 2567", "29 ก.พ. 67", "2024-02-30"])
def test_the_schema_refuses_what_is_neither(written):
    assert list(date_validator().iter_errors(written))
