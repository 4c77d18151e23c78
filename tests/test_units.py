"""Breaks decided by unit: what stays on one line in the PDF, what may break between words, and the warning for a unit wider than a line."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import AGREEMENT, ROOT, sample_file, write_small_project
from test_bilingual import pdf_columns, split_source
from test_typesetting import (
    FLUSH_PT,
    Line,
    align,
    edition_blocks,
    layout_lines,
    outside,
    short_of_margin,
    word_gap_limit,
)

from mou.cli.main import main
from mou.html.templating import english_places, template_names
from mou.language.breaks import (
    SOFT_HYPHEN,
    TEMPLATE_WORDS,
    WORD_JOINER,
    ZWSP,
    breakable_runs,
    gazetteer,
    mark_breaks,
    no_break_ranges,
    office_breaks,
    place_words,
    thai_dictionary,
    thai_words_of,
)
from mou.pipeline.build import load
from mou.pipeline.layout import Layout
from mou.pipeline.render import proper_names, render_documents, wide_units
from mou.records.model import Bilingual
from mou.records.validation import load_project

CORPUS = ROOT / "tests" / "corpus"
TAG = re.compile("<[^>]+>")


def breakable(html: str, names=(), glued=(), fits=lambda unit: True, hosts=(), narrow=False) -> list[str]:
    """Return the pieces of a paragraph between the places a line may break, as Pango is told."""
    marked = TAG.sub("", mark_breaks(f"<body><p>{html}</p>", names, glued, fits, hosts, narrow=narrow))
    closed = [False] * (len(marked) + 1)
    for start, end in no_break_ranges(marked):
        for at in range(start + 1, end):
            closed[at] = True
    pieces, last = [], 0
    for at in range(1, len(marked)):
        # a break may fall at a word mark, or after a space (before the next letter)
        opening = marked[at - 1] == ZWSP or (marked[at - 1] == " " and marked[at] != " ")
        if opening and not closed[at]:
            pieces.append(marked[last:at])
            last = at
    pieces.append(marked[last:])
    return [piece.translate({ord(ZWSP): None, ord(WORD_JOINER): None}).strip() for piece in pieces]


@pytest.mark.parametrize(
    "unit",
    [
        *("พ.ศ. ๒๕๖๓", "ค.ศ. 2020", "วันที่ ๑๖", "ข้อ ๒", "หมู่ที่ ๒", "เลขที่ ๑๒๓", "ฉบับที่ ๓", "ครั้งที่ ๔", "ร้อยละ ๑๐"),
        # an Act's section, as the list has it; a numbered area, phase and cohort
        *("มาตรา ๒๔", "เขต ๕", "ระยะที่ ๒", "รุ่นที่ ๔", "หมวดที่ ๓"),
    ],
)
def test_a_number_stays_with_the_word_that_counts_it(unit):
    pieces = breakable(f"ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล {unit} และอื่น")
    assert unit in pieces


def test_a_number_stays_with_its_unit_of_time_after_it():
    # `เป็นเวลา ๑|ปี ๖ เดือน` broke between the number and its unit; between the two a line may break
    pieces = breakable("ความร่วมมือนี้มีกำหนดเป็นเวลา ๑ ปี ๖ เดือน นับแต่วันลงนาม")
    assert "๑ ปี" in pieces and "๖ เดือน" in pieces, pieces
    assert "๓๐ วัน" in breakable("ให้แจ้งล่วงหน้าภายใน ๓๐ วันนับแต่วันที่ได้รับหนังสือ")
    # and the other units a clause counts: people, copies, times, places, cohorts
    pieces = breakable("รุ่นละไม่เกิน ๓๐ คน จัดทำขึ้น ๒ ฉบับ ปีละ ๔ ครั้ง ใน ๓ แห่ง รวม ๕ รุ่น และ ๘ ชั่วโมง")
    assert {"๓๐ คน", "๒ ฉบับ", "๔ ครั้ง", "๓ แห่ง", "๕ รุ่น", "๘ ชั่วโมง"} <= set(pieces), pieces
    # a unit that goes on into a longer word is not one (วันทำการ: working days)
    assert "๓๐" in breakable("ให้แจ้งภายใน ๓๐ วันทำการ")
    office = office_breaks("<body><p>เป็นเวลา ๒ ปี</p></body>", [], [], lambda unit: True, lambda unit: True)
    assert "๒\u00a0ปี" in office


def test_an_amount_in_words_stays_whole_through_its_baht():
    pieces = breakable("จำนวน ๑๕๐,๐๐๐ บาท (หนึ่งแสนห้าหมื่นบาทถ้วน) จากเงินรายได้")
    assert "(หนึ่งแสนห้าหมื่นบาทถ้วน)" in pieces
    # wider than a line, it breaks between its words, never before ถ้วน
    narrow = breakable("จำนวน ๑๕๐,๐๐๐ บาท (หนึ่งแสนห้าหมื่นบาทถ้วน) จาก", fits=lambda unit: len(unit) < 12)
    assert "(หนึ่งแสนห้าหมื่นบาทถ้วน)" not in narrow
    assert not any(piece.startswith("ถ้วน") for piece in narrow)


def test_an_amount_of_millions_may_break_after_its_millions():
    # (สองล้านห้าแสน…บาทสามสิบเจ็ดสตางค์): its baht alone is more than half a line, which left the
    # budget clause's lines before it letter-spaced wide open in a Thai edition.
    text = "จำนวน ๒,๕๘๔,๙๒๑.๓๗ บาท (สองล้านห้าแสนแปดหมื่นสี่พันเก้าร้อยยี่สิบเอ็ดบาทสามสิบเจ็ดสตางค์) จาก"
    pieces = breakable(text)
    assert "(สองล้าน" in pieces and "สามสิบเจ็ดสตางค์)" in pieces, pieces
    # a line never starts with บาท or a second ล้าน
    assert "(หนึ่งล้านบาทถ้วน)" in breakable("จำนวน ๑,๐๐๐,๐๐๐ บาท (หนึ่งล้านบาทถ้วน) จาก")
    assert "(หนึ่งล้านล้าน" in breakable("จำนวน (หนึ่งล้านล้านห้าบาทถ้วน) จาก")


@pytest.mark.parametrize(
    ("words", "parts"),
    [
        # below its million, 281 pt (more than half a line): whole, it left the line before it 141 pt short
        ("(สิบสองล้านสามแสนสี่หมื่นห้าพันหกร้อยเจ็ดสิบแปดบาทเก้าสิบสตางค์)", ["(สิบสองล้าน", "สามแสนสี่หมื่นห้าพัน", "หกร้อยเจ็ดสิบแปดบาท", "เก้าสิบสตางค์)"]),
        ("(สามแสนสี่หมื่นหกร้อยเจ็ดสิบแปดบาทถ้วน)", ["(สามแสนสี่หมื่น", "หกร้อยเจ็ดสิบแปดบาทถ้วน)"]),
        # no longer than a held word may be: whole
        ("(หนึ่งแสนห้าหมื่นบาทเจ็ดสิบห้าสตางค์)", ["(หนึ่งแสนห้าหมื่นบาท", "เจ็ดสิบห้าสตางค์)"]),
        ("(สามพันหกร้อยบาทถ้วน)", ["(สามพันหกร้อยบาทถ้วน)"]),
        # never before บาท
        ("(เก้าแสนเก้าหมื่นเก้าพันบาทห้าสิบสตางค์)", ["(เก้าแสนเก้าหมื่นเก้าพันบาท", "ห้าสิบสตางค์)"]),
    ],
)  # fmt: skip
def test_a_long_amount_in_words_may_break_at_its_thousands(words, parts):
    # as its figures have a comma there (๓๔๕,|๖๗๘): newmm's dictionary holds พันหกร้อย as one word
    pieces = breakable(f"จำนวน {words} จาก")
    assert pieces[1:-1] == parts, pieces


def test_an_amount_with_satang_is_held_as_its_baht_and_its_satang():
    # Whole, (…สตางค์) is a third of a line and more: in the budget clause the line before it
    # was left 50 pt short whatever the breaks above. A line may break between baht and satang.
    text = "จำนวน ๑๕๐,๐๐๐.๗๕ บาท (หนึ่งแสนห้าหมื่นบาทเจ็ดสิบห้าสตางค์) จากเงินรายได้"
    pieces = breakable(text)
    assert "(หนึ่งแสนห้าหมื่นบาท" in pieces and "เจ็ดสิบห้าสตางค์)" in pieces
    assert "สตางค์)" not in pieces and "หมื่นบาท" not in pieces
    # satang alone is one amount
    assert "(ยี่สิบห้าสตางค์)" in breakable("ค่าบริการ ๐.๒๕ บาท (ยี่สิบห้าสตางค์) ต่อรายการ")
    # wider than a line, it breaks between its words, never before บาท or สตางค์
    narrow = breakable(text, fits=lambda unit: len(unit) < 12)
    words = narrow[narrow.index("(หนึ่ง") :]
    assert "(หนึ่งแสนห้าหมื่นบาท" not in words and len(words) > 3
    assert not any(piece.startswith(("บาท", "สตางค์")) for piece in words), words


def test_an_office_suite_is_given_an_amount_with_satang_in_two_held_parts():
    page = '<html lang="th"><body><p>จำนวน ๑,๕๐๐.๕๐ บาท (หนึ่งพันห้าร้อยบาทห้าสิบสตางค์) ต่อปี</p></body></html>'
    held = office_breaks(page, [], [], lambda unit: True, lambda unit: True)
    words = held[held.index("(") : held.index(")") + 1]
    first, second = words.split(ZWSP)
    assert first.replace(WORD_JOINER, "") == "(หนึ่งพันห้าร้อยบาท" and WORD_JOINER in first
    assert second.replace(WORD_JOINER, "") == "ห้าสิบสตางค์)" and WORD_JOINER in second
    # LibreOffice broke the amount held whole inside a word where it met the margin (…เจ็ดสิบห้าส|ตางค์), measured
    # parts wider than a line may break between their words, but not before บาท or สตางค์; the
    # best break stays between the baht and the satang
    narrow = office_breaks(page, [], [], lambda unit: len(unit) < 12, lambda unit: True)
    assert f"(หนึ่งพันห้าร้อย{WORD_JOINER}บาท{ZWSP}ห้าสิบ{WORD_JOINER}สตางค์)" in narrow


@pytest.mark.parametrize("wider_than_a_line", [False, True])
def test_an_amount_whose_number_words_hold_a_joiner_is_held_in_its_parts(wider_than_a_line):
    # The joiner the segmenter leaves in สี่หมื่น hid the amount: it broke anywhere (…สามแสน|สี่หมื่น…).
    millions, thousands, baht, satang = "(สิบสองล้าน", "สามแสนสี่หมื่นห้าพัน", "หกร้อยเจ็ดสิบแปดบาท", "เก้าสิบเอ็ดสตางค์)"
    fits = (lambda unit: len(unit) < 60) if wider_than_a_line else (lambda unit: True)
    pieces = [
        piece.strip(ZWSP + " ").replace(WORD_JOINER, "")
        for piece in breakable(f"จำนวน {millions}{thousands}{baht}{satang} จาก", fits=fits)
    ]
    assert pieces[1:-1] == [millions, thousands, baht, satang], pieces


@pytest.mark.parametrize("time", ["๑๖.๓๐ น.", "08:30 น."])
def test_a_time_stays_with_its_n(time):
    pieces = breakable(f"คณะทำงานประชุมทุกวันจันทร์ เวลา {time} ณ ห้องประชุม")
    assert any(piece.endswith(time) for piece in pieces), pieces
    assert not any(piece.startswith("น.") for piece in pieces)


def test_a_party_number_stays_with_the_name_after_it():
    pieces = breakable("(๑) มหาวิทยาลัยขอนแก่น ตั้งอยู่ที่")
    assert pieces[0].startswith("(๑) มหาวิทยาลัย")
    # unless the two are wider than a line together: then the number may stand alone
    long_name = "โรงพยาบาลส่งเสริมสุขภาพตำบล"
    pieces = breakable(f"(๒) {long_name}บ้านโนนสะอาด ตั้งอยู่ที่", glued=[long_name], fits=lambda unit: len(unit) < 30)
    assert pieces[:2] == ["(๒)", long_name]


@pytest.mark.parametrize("label", ["(ข)", "(ค)", "(๓)"])
def test_an_items_label_inside_a_sentence_stays_with_the_word_after_it(label):
    # `…ส่งเสริมสุขภาพตำบล (ข)` ended a line, its item on the next.
    pieces = breakable(f"ดังนี้ (ก) เพื่อพัฒนาระบบ {label} เพื่อให้ผู้ป่วยได้รับการดูแล")
    assert not any(piece.endswith(label) for piece in pieces), pieces
    assert any(piece.startswith(f"{label} เพื่อ") for piece in pieces), pieces
    # and in an office suite, whose line breaking knows nothing of Pango's: a NO-BREAK SPACE after it
    page = f'<html lang="th"><body><p>ดังนี้ (ก) เพื่อพัฒนาระบบ {label} เพื่อให้ผู้ป่วย</p></body></html>'
    assert f"{label}\u00a0เพื่อให้" in office_breaks(page, [], [], lambda unit: True, lambda unit: True)


def test_a_place_name_never_breaks_inside():
    places = place_words(["นายกองค์การบริหารส่วนตำบลวังหินลาด", "หมู่ที่ ๔ ตำบลโนนสะอาด อำเภอชุมแพ"])
    assert {"วังหินลาด", "โนนสะอาด", "ชุมแพ"} <= places
    pieces = breakable("นายกองค์การบริหารส่วนตำบลวังหินลาด ตำบลโนนสะอาด", names=places)
    assert "วังหินลาด" in pieces and "โนนสะอาด" in pieces
    assert "ขอนแก่น" in gazetteer()


def test_an_organization_named_after_its_place_breaks_after_the_place():
    # ตำบลโนนสะอาดพัฒนาชนบทเพื่อความยั่งยืน: the run after ตำบล was one word of 32 letters, held
    # whole in a signature block it ran out of, and it left a party's first line letter-spaced
    name = "องค์การบริหารส่วนตำบลโนนสะอาดพัฒนาชนบทเพื่อความยั่งยืน"
    hospital = "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหนองไผ่ล้อมหมู่ที่ ๑๒"
    places = place_words([name, hospital])
    assert "บ้านหนองไผ่ล้อม" in places and not any(len(place) > 24 for place in places), places
    pieces = breakable(f"ผู้อำนวยการ{name}", names=places)
    assert "โนนสะอาด" in pieces and "ความ" in "".join(pieces[-2:]), pieces
    # the village's number stays with หมู่ที่, not with the village's name
    assert "หมู่ที่ ๑๒" in breakable(f"ผู้อำนวยการ{hospital}", names=places)


@pytest.mark.parametrize("phone", ["๐ ๔๓๒๑ ๒๓๔๐", "๐๔๓-๓๑๑๒๓๔", "+66 43 311 234", "+66 (0)81 234 5678", "043 311 234"])
def test_a_telephone_number_stays_on_one_line(phone):
    # `โทรศัพท์ ๐` ended a party's line, the rest of its number below
    assert phone in breakable(f"จังหวัดขอนแก่น ๔๐๐๐๐ โทรศัพท์ {phone} โทรสาร")


def test_an_english_label_keeps_its_number():
    pieces = breakable("the Educational Service Area Office 5, located at Moo 12, under Section 24 of the Act")
    assert {"Office 5,", "Moo 12,", "Section 24"} <= set(pieces), pieces


ALL_SEASONS = "ออลซีซั่นส์เพลส"  # All Seasons Place: newmm knows none of it, and falls back to ออ|ล|ซี|ซั่นส์|เพลส


def test_a_name_the_dictionary_does_not_know_stays_whole():
    pieces = breakable(f"ณ ห้องประชุมชั้น ๑๒ อาคาร{ALL_SEASONS} ถนนวิทยุ")
    assert ALL_SEASONS in pieces and "อาคาร" in pieces, pieces
    # the words around it still break: only the pieces of what the dictionary lacks are held
    assert {"ณ ห้องประชุม", "ถนน", "วิทยุ"} <= set(pieces)


def test_a_name_the_dictionary_does_not_know_wider_than_a_line_breaks_between_syllables():
    pieces = breakable(f"อาคาร{ALL_SEASONS} ถนนวิทยุ", fits=lambda unit: len(unit) < 8)
    inside = pieces[pieces.index("อาคาร") + 1 : pieces.index("ถนน")]
    assert "".join(inside) == ALL_SEASONS and len(inside) > 1, inside
    # never next to a piece with no vowel: ล is the last letter of ออล, ส์ of ซั่นส์
    assert not any(piece.startswith(("ล", "ส์")) or piece.endswith("ออ") for piece in inside), inside
    # one piece of newmm's longer than a word is held (it found no word inside) breaks between its syllables too
    pieces = breakable("ที่" + "ซั่นส์" * 6 + " ถนน", fits=lambda unit: len(unit) < 12)
    assert pieces[:-1] == ["ที่"] + ["ซั่นส์"] * 6, pieces


@pytest.mark.parametrize("text", ["มหาวิทยาลัยขอนแก่น ตั้งอยู่ ณ ที่ว่าการอำเภอชุมแพ", "ทำขึ้น ณ ห้องประชุม เมื่อวันที่ ๑"])
def test_na_stays_with_the_word_after_it_and_may_start_a_line(text):
    # ณ at a line's end reads as a stray letter; a preposition opens the phrase it governs
    pieces = breakable(text)
    assert any(piece.startswith("ณ ") for piece in pieces) and "ณ" not in pieces, pieces
    assert any(piece.endswith(("ตั้งอยู่", "ขึ้น")) for piece in pieces)
    # ณ inside a word (ทักษะ|ณ… is no preposition) is left alone
    assert "คุณ" in breakable("ท่านคุณ สมชาย")


def test_an_english_date_keeps_its_day_with_its_month():
    # `on 1 | September` broke in the side-by-side column, where dates are plain text
    pieces = breakable("made on 1 September 2020 and in force until September 30, 2021 or the 2nd May")
    assert {"1 September", "September 30,", "2nd May", "2020", "2021"} <= set(pieces), pieces
    held = mark_breaks("<body><p>on 1 September 2020</p></body>")
    assert f"1 {WORD_JOINER}September 2020" in held
    assert "\u00a0" not in held  # no NO-BREAK SPACE reaches the page


@pytest.mark.parametrize("date", ["1 Sept. 2020", "1 Sep 2020", "Sept. 1, 2020", "Jan. 15, 2021", "15 Dec. 2021"])
def test_an_abbreviated_english_date_keeps_its_day_with_its_month(date):
    # the cross-check reads these as dates; a line broke between `1` and `Sept.` all the same
    day_and_month = date.rsplit(" ", 1)[0]  # with its comma, as a line would end
    assert day_and_month in breakable(f"made on {date} and signed"), date


def test_a_word_like_a_month_abbreviation_is_not_held_as_a_date():
    assert {"1", "Marathon"} <= set(breakable("lap 1 Marathon and 3 Decades"))


def test_english_place_names_are_never_hyphenated_in_running_text():
    # `Chi‐|ang Mai University` was hyphenated in a clause's text
    text = "Training at Chiang Mai University, Nakhon Ratchasima and Thanaphatthara Road for Internationalization"
    held = str(english_places(text, frozenset({"Thanaphatthara"})))
    assert '<span class="proper">Chiang Mai</span> University' in held
    assert (
        '<span class="proper">Nakhon Ratchasima</span>' in held and '<span class="proper">Thanaphatthara</span>' in held
    )
    assert "Internationalization" in held and held.count("<span") == 3  # ordinary words still hyphenate
    assert "Thanaphatthara</span>" not in str(english_places(text))  # a record's word only from the records


def test_a_clause_and_a_position_keep_their_place_names_from_hyphenation(tmp_path):
    clause = "text: {th: เพื่อพัฒนาทักษะดิจิทัลของบุคลากร, en: To develop the digital skills of staff.}"
    agreement = AGREEMENT.replace(
        clause,
        "text: {th: เพื่อพัฒนาทักษะดิจิทัลของบุคลากรร่วมกับมหาวิทยาลัยเชียงใหม่,"
        " en: To develop the digital skills of staff with Chiang Mai University.}",
    )
    root = write_small_project(tmp_path, agreement)
    record = root / "parties" / "kku.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("en: Vice-President}", "en: Vice-President for Phitsanulok}"),
        encoding="utf-8",
    )
    layout = Layout(root, root / "output")
    for document in render_documents(layout, load(layout), "test"):
        if "en" in document.language:
            assert '<span class="proper">Chiang Mai</span> University' in document.html
            assert 'Vice-President for <span class="proper">Phitsanulok</span>' in document.html


def test_positions_and_organizations_break_between_words():
    position = "รองผู้ว่าราชการจังหวัดขอนแก่น ปฏิบัติราชการแทนผู้ว่าราชการจังหวัดขอนแก่น"
    pieces = breakable(position, names=gazetteer())
    assert len(pieces) > 4
    assert "ขอนแก่น" in pieces  # the province whole


def test_a_person_and_a_defined_term_stay_whole():
    person, term = "นางสาวสมหญิง ใจดี", "คู่ภาคี"
    pieces = breakable(f"โดย {person} ซึ่งเรียกรวมกันว่า “{term}” ต่อไป", glued=[person, term])
    assert any(person in piece for piece in pieces)
    assert any(term in piece for piece in pieces)


def test_the_template_words_are_words():
    dictionary = thai_dictionary()
    assert dictionary.segment("มีข้อความถูกต้องตรงกัน") == ["มี", "ข้อความ", "ถูกต้อง", "ตรงกัน"]
    assert dictionary.segment("คู่ภาคี") == ["คู่ภาคี"]
    template = "".join(
        (ROOT / "templates" / "standard" / name).read_text(encoding="utf-8") for name in ("th.html", "th-en.html")
    )
    assert [word for word in ("ข้อความ", "ถูกต้อง", "ตรงกัน", "คู่ภาคี", "ลายลักษณ์อักษร") if word not in template] == []
    assert {"ข้อความ", "คู่ภาคี"} <= set(TEMPLATE_WORDS)


@pytest.fixture(scope="module")
def corpus():
    return load_project(CORPUS, template_names(ROOT / "templates"), False, ROOT / "templates" / "fonts")


def test_the_corpus_has_no_unit_wider_than_a_line(corpus):
    layout = Layout(ROOT, ROOT / "output")
    warned = [p.render("en") for a in corpus.agreements for p in wide_units(layout, corpus, a)]
    # in its quotes, as the defined term, the hospital's short name is wider than a column only,
    # once for each side-by-side edition it is a party of (long-names-delegated, health-service-amounts)
    hospital = [w for w in warned if "nonsaat-health-promoting-hospital.yaml" in w]
    assert len(warned) == 4 and len(hospital) == 2, warned
    for warning in hospital:
        assert "short_name.th: 'โรงพยาบาลส่งเสริมสุขภาพตำบล' is wider than a column" in warning
    # english-long-words has a German Act's name and a code wider than a line in its Thai text, on purpose
    latin = [w for w in warned if "wider than a line of the Thai text" in w]
    assert len(latin) == 2 and all("agreements/english-long-words.yaml:" in w for w in latin), warned
    for warning in latin:  # each at its word in the file, not at the field's key
        line, column, word = re.match(r"[^:]+:(\d+):(\d+): [^:]+: '([^']+)'", warning).groups()
        written = (CORPUS / "agreements" / "english-long-words.yaml").read_text(encoding="utf-8").splitlines()
        assert written[int(line) - 1][int(column) - 1 :].startswith(word), warning


def test_a_unit_wider_than_a_line_is_named_with_its_record_and_field(corpus):
    layout = Layout(ROOT, ROOT / "output")
    agreement_id = "long-names-delegated"
    party_id = corpus.agreements[agreement_id].parties[0]
    party = corpus.parties[party_id]
    long_name = "มูลนิธิ" + "เพื่อการพัฒนาชุมชนอย่างยั่งยืน" * 4
    corpus.parties[party_id] = party.model_copy(update={"short_name": Bilingual(th=long_name, en="the Foundation")})
    try:
        warned = [p for p in wide_units(layout, corpus, agreement_id) if party_id in p.render("en")]
        assert long_name in proper_names(corpus, agreement_id)[1]
    finally:
        corpus.parties[party_id] = party
    assert len(warned) == 1
    english, thai = warned[0].render("en"), warned[0].render("th")
    assert english.startswith(f"parties/{party_id}.yaml:") and "short_name.th:" in english
    assert "is wider than a line and was broken between words" in english
    assert "ยาวเกินหนึ่งบรรทัด" in thai


def test_a_word_the_dictionary_does_not_know_wider_than_a_line_is_named_with_its_record_and_field(corpus):
    layout = Layout(ROOT, ROOT / "output")
    agreement_id = "long-names-delegated"
    party_id = corpus.agreements[agreement_id].parties[0]
    party = corpus.parties[party_id]
    unknown = "อาคาร" + "เวิร์ล" * 5  # newmm knows neither เวิร์ล nor any word inside it
    address = party.address.model_copy(update={"th": f"{unknown} {party.address.th}"})
    corpus.parties[party_id] = party.model_copy(update={"address": address})
    try:
        warned = [p for p in wide_units(layout, corpus, agreement_id) if "does not know" in p.render("en")]
    finally:
        corpus.parties[party_id] = party
    assert len(warned) == 1, [p.render("en") for p in warned]
    english = warned[0].render("en")
    assert english.startswith(f"parties/{party_id}.yaml:") and "address.th:" in english and unknown in english
    assert "broken between its syllables" in english and "ไม่มีในพจนานุกรม" in warned[0].render("th")


def test_a_unit_wider_than_a_column_only_is_named_for_the_side_by_side_edition():
    # The KKU signer's rank and name fit a Thai line but not a column of the side-by-side edition.
    samples = load_project(ROOT, template_names(ROOT / "templates"), False, ROOT / "templates" / "fonts")
    warned = wide_units(Layout(ROOT, ROOT / "output"), samples, "chumphae-kku-digital-skills")
    english = [p.render("en") for p in warned]
    assert len(english) == 1 and "signatory.name.th:" in english[0], english
    assert "wider than a column of the side-by-side edition" in english[0]
    assert "ยาวเกินความกว้างของคอลัมน์" in warned[0].render("th")


# ---------------------------------------------------------------- the side-by-side column


HOSPITAL = "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านโนนสะอาดพัฒนา"
HOSPITAL_SHORT = "โรงพยาบาลส่งเสริมสุขภาพตำบล"


def test_a_short_name_is_held_as_the_defined_term_not_inside_its_organization_name():
    text = f"(๒) {HOSPITAL} ตั้งอยู่ที่ หมู่ที่ ๑๑ ซึ่งต่อไปเรียกว่า “{HOSPITAL_SHORT}”"
    pieces = breakable(text, [HOSPITAL_SHORT], [HOSPITAL_SHORT], hosts=[HOSPITAL])
    assert f"“{HOSPITAL_SHORT}”" in pieces  # the defined term, whole
    assert "(๒) โรงพยาบาล" in pieces  # the party's number with the first word of the name, which breaks
    # without hosts the short name is held wherever it stands, as before
    assert f"(๒) {HOSPITAL_SHORT}" in breakable(text, [HOSPITAL_SHORT], [HOSPITAL_SHORT])


def test_a_short_name_equal_to_its_organization_name_is_held_only_in_quotes():
    text = "มหาวิทยาลัยขอนแก่นจะจัดอบรม ซึ่งต่อไปเรียกว่า “มหาวิทยาลัยขอนแก่น”"
    pieces = breakable(text, ["มหาวิทยาลัยขอนแก่น"], ["มหาวิทยาลัยขอนแก่น"], hosts=["มหาวิทยาลัยขอนแก่น"])
    assert "“มหาวิทยาลัยขอนแก่น”" in pieces
    assert "มหาวิทยาลัย" in pieces


def test_only_a_narrow_column_breaks_a_memorandum_between_its_words():
    text = "การดำเนินการตามบันทึกข้อตกลงความร่วมมือฉบับนี้"
    assert "บันทึกข้อตกลง" in breakable(text)
    assert {"บันทึก", "ข้อตกลง"} <= set(breakable(text, narrow=True))


def test_the_side_by_side_column_keeps_a_number_with_its_word_not_the_day_with_its_month():
    layout = Layout(ROOT, ROOT / "output")
    project = load(layout)
    agreement_id = "chumphae-kku-digital-skills"
    html = next(d.html for d in render_documents(layout, project, agreement_id) if d.language == "th-en")
    lead = re.search('<p class="lead">(.*?)</p>', html).group(1)
    pieces = breakable(lead)
    assert "วันที่ ๑๖" in pieces and "พฤศจิกายน" in pieces and "พ.ศ. ๒๕๖๓" in pieces


def test_a_name_syllable_held_in_the_docx_never_cuts_a_longer_word():
    units = thai_words_of(["มร.แพทริก โอ'ไบรอัน"])
    html = "<html><head></head><body><p>ค่าธรรมเนียมรายปี มรดก ฤดูมรสุม</p></body></html>"
    held = office_breaks(html, units, [], lambda unit: True, lambda unit: True)
    body = held[held.index("<p>") + 3 : held.index("</p>")]
    assert WORD_JOINER not in body and ZWSP not in body


LAOS = "สาธารณรัฐประชาธิปไตยประชาชนลาว"


def test_a_long_compound_in_a_name_breaks_only_between_its_words_and_never_before_a_short_one():
    # The country's name, one word of the dictionary and of the party's name, is longer than a
    # run Pango is told to keep whole: it broke at `ประชาชน|ลาว`, where mou marked nothing.
    name = f"แขวงสะหวันนะเขต {LAOS}"
    marked = mark_breaks(f"<body><p>(๒) {name} ตั้งอยู่ ณ ที่ว่าการแขวง</p></body>", [name])
    body = marked[marked.index("<p>") + 3 : marked.index("</p>")]
    assert f"สาธารณรัฐ{ZWSP}ประชาธิปไตย{ZWSP}ประชาชนลาว" in body
    held = [body[start:end] for start, end in no_break_ranges(body)]
    assert {"สาธารณรัฐ", "ประชาธิปไตย", "ประชาชนลาว"} <= set(held)


def test_a_long_word_that_is_no_compound_is_held_whole_when_it_fits_a_line():
    word = "กรุงเทพมหานครอมรรัตนโกสินทร์มหินทรา"  # a place's name, one run longer than Pango keeps whole
    for fits, whole in ((lambda unit: True, True), (lambda unit: len(unit) < 20, False)):
        marked = mark_breaks(f"<body><p>ณ {word} นี้</p></body>", [word], fits=fits)
        body = marked[marked.index("<p>") + 3 : marked.index("</p>")]
        closed = {at for start, end in no_break_ranges(body) for at in range(start + 1, end)}
        start = body.index(word[:4])
        inside = range(start + 1, start + len(word) + body[start:].count(WORD_JOINER))
        assert all(at in closed for at in inside) is whole, body


GERMAN_ACT = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"
LETTER_CODE = "KKUNECTECINTEROPERABILITYFRAMEWORKREFERENCE"


def test_a_latin_word_in_thai_wider_than_a_line_is_hyphenated_and_a_code_broken_between_letters():
    # The Thai editions hyphenate nothing (their language is Thai): the German Act's name ran
    # 22 pt into the margin, a 120-letter code off the paper.
    fits = lambda unit: len(unit) < 30  # noqa: E731
    text = f"ศึกษากฎหมาย {GERMAN_ACT} และรหัส {LETTER_CODE} และ Electroencephalography &amp; ok"
    marked = mark_breaks(f"<body><p>{text}</p></body>", fits=fits)
    body = marked[marked.index("<p>") + 3 : marked.index("</p>")]
    hyphenated = re.search('<span class="hyphenated">([^<]*)</span>', body)
    assert hyphenated and hyphenated[1].replace(SOFT_HYPHEN, "") == GERMAN_ACT
    assert hyphenated[1].startswith(f"Rind{SOFT_HYPHEN}fleis{SOFT_HYPHEN}")  # the English patterns' points
    assert all(len(piece) <= 20 for piece in re.split(f"[{SOFT_HYPHEN}{ZWSP}]", hyphenated[1]))
    # a code (capitals) gets no hyphen, a break every ten letters; a word that fits and &amp; are left alone
    assert ZWSP.join(re.findall(".{1,10}", LETTER_CODE)) in body
    assert " Electroencephalography &amp; ok" in body
    assert TAG.sub("", body).translate({ord(ZWSP): None, ord(SOFT_HYPHEN): None, ord(WORD_JOINER): None}) == text
    # in English, in its run's span: broken only where a line ended, it went down whole to a line
    # of its own and left the line before it short
    english = mark_breaks(f"<body><p>the {GERMAN_ACT}</p></body>", fits=fits)
    assert f'<span class="run"><span class="hyphenated">{hyphenated[1]}</span></span>' in english


def test_a_latin_word_in_thai_wider_than_a_line_is_named_with_its_record_and_field(corpus):
    layout = Layout(ROOT, ROOT / "output")
    agreement_id = "long-names-delegated"
    party_id = corpus.agreements[agreement_id].parties[0]
    party = corpus.parties[party_id]
    address = party.address.model_copy(update={"th": f"{party.address.th} ({LETTER_CODE}{LETTER_CODE})"})
    corpus.parties[party_id] = party.model_copy(update={"address": address})
    try:
        warned = [p for p in wide_units(layout, corpus, agreement_id) if LETTER_CODE in p.render("en")]
    finally:
        corpus.parties[party_id] = party
    assert len(warned) == 1, [p.render("en") for p in warned]
    english = warned[0].render("en")
    assert english.startswith(f"parties/{party_id}.yaml:") and "address.th:" in english
    assert "wider than a line of the Thai text" in english and "ตัดคำ" in warned[0].render("th")


def test_an_address_or_number_wider_than_a_column_may_break_after_its_dots_and_between_digits():
    marked = breakable_runs("ทาง saraban.chumphae.district@dopa.go.th เลข 123456789012345678901234567890 ok")
    assert marked.count(ZWSP) == 5 + 2
    assert marked.replace(ZWSP, "") == "ทาง saraban.chumphae.district@dopa.go.th เลข 123456789012345678901234567890 ok"
    # a short one, a URL's double slash, and anything already in Thai keep their letters together
    assert breakable_runs("data@banluesi.go.th https://") == "data@banluesi.go.th https://"


SAMPLE = "chumphae-kku-digital-skills"
URL = "https://www.chumphae.go.th/news/digital-skills-development-project/index.html"
LONG_RUNS = {
    "th บันทึกข้อตกลงนี้มีวัตถุประสงค์": " ติดต่อ saraban.chumphae.district.office@dopa.go.th เลขอ้างอิง 123456789012345678901234567890"
    f" หรืออ่านเอกสารของโครงการที่ {URL} และติดต่อผู้ประสานงานที่ digital.skills.project@kku.ac.th",
    "en The objectives": " Write to saraban.chumphae.district.office@dopa.go.th, reference 123456789012345678901234567890,"
    f" or read {URL} for the Project's documents and its coordinator at digital.skills.project@kku.ac.th.",
}


RUN_TEXTS = ("saraban.chumphae.district.office@dopa.go.th", URL, "digital.skills.project@kku.ac.th")


@pytest.fixture(scope="module")
def long_runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the sample with an e-mail address, a long number and a URL in its first clause; return the project."""
    root = tmp_path_factory.mktemp("long-runs")
    for folder in ("templates", "parties", "agreements"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("smart-*"))
    record = root / "agreements" / f"{SAMPLE}.yaml"
    text = record.read_text(encoding="utf-8")
    for opening, run in LONG_RUNS.items():
        language, words = opening.split(" ", 1)
        text = re.sub(f"(\n +{language}: {words}[^\n]*)", lambda line, run=run: line.group(1) + run, text, count=1)
    record.write_text(text, encoding="utf-8")
    assert text.count("saraban.chumphae.district.office") == 2
    assert main(["build", "--root", str(root), "--format", "pdf", "--quiet"]) == 0
    return root


@pytest.mark.slow
def test_an_address_or_number_wider_than_a_column_stays_inside_it(long_runs):
    # Without break marks the address ran 94 pt across the English column, and 65 pt past the page.
    for edition in ("th", "en", "th-en"):
        pdf = sample_file(long_runs / "output", SAMPLE, edition, "pdf")
        assert outside(layout_lines(pdf)) == [], edition
        copied = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True).stdout
        assert "saraban.chumphae.district.office@dopa.go.th" in copied.decode("utf-8").replace("\n", "")
    columns = pdf_columns(sample_file(long_runs / "output", SAMPLE, "th-en", "pdf"))  # no line crosses the middle
    assert any("saraban" in line.text for line in columns.thai) and any(
        "saraban" in line.text for line in columns.english
    )


def english_run_lines(root: Path, edition: str) -> tuple[list[Line], str]:
    """Return the full English lines of the paragraph holding the long runs (in an edition or its English column), and all its lines' text joined."""
    layout = Layout(root, root / "output")
    pdf = sample_file(root / "output", SAMPLE, edition, "pdf")
    if edition == "en":
        blocks, lines = edition_blocks(layout, load(layout), SAMPLE, "en"), layout_lines(pdf)
    else:
        html = next(d.html for d in render_documents(layout, load(layout), SAMPLE) if d.language == edition)
        blocks, lines = split_source(html).column(1), pdf_columns(pdf).english
    placed = align([b.text for b in blocks], [line.text for line in lines]).placed
    ours = [here for here in placed if "saraban.chumphae" in blocks[here.block].text]
    full = [lines[here.line] for here, after in zip(ours, ours[1:]) if after.line == here.line + 1]
    return full, "".join(lines[here.line].text for here in ours)


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["en", "th-en"])
def test_english_lines_around_an_address_or_url_are_flush_without_wide_gaps(long_runs, edition):
    # In the side-by-side column, the lines before the pieces of an address or a URL (long and
    # few) stopped 11-19 pt short: its paragraphs were not rebroken.
    full, joined = english_run_lines(long_runs, edition)
    if edition != "en":  # the lines that hold a piece of a run (the column's others: test_bilingual.py)
        pieces = [piece for run in RUN_TEXTS for piece in breakable_runs(run).split(ZWSP) if len(piece) > 3]
        full = [line for line in full if any(piece in line.text for piece in pieces)]
    assert len(full) >= 4
    short = [(round(short_of_margin(line), 1), line.text) for line in full if abs(short_of_margin(line)) > FLUSH_PT]
    # In the column, the line after the URL's last piece stands before `Project's`, which the
    # American patterns do not break (noun or verb: TeX leaves `project` whole), nor fits whole.
    assert short == ([(13.9, "project/index.html for the")] if edition == "th-en" else []), short
    wide = [(round(max(line.gaps), 1), line.text) for line in full if max(line.gaps, default=0.0) > word_gap_limit()]
    assert wide == []


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["en", "th-en"])
def test_an_address_or_url_breaks_only_at_its_marks_never_hyphenated(long_runs, edition):
    # Justified with hyphens in the column, `sara‐|ban.chumphae…` and `pro‐|ject@kku.ac.th` misquoted them.
    _, joined = english_run_lines(long_runs, edition)
    assert [run for run in RUN_TEXTS if run not in joined] == [], joined


def test_an_english_amount_written_by_hand_keeps_thb_with_its_figures():
    # `1.3 an emergency reserve of no more than THB` ended a line, its figures below.
    marked = mark_breaks("<body><p>no more than THB 1,000,000.01 (one million baht) a year, THB alone</p></body>")
    assert f"THB {WORD_JOINER}1,000,000.01" in marked
    assert "THB alone" in marked and marked.count(WORD_JOINER) == 1
