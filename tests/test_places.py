"""The bundled Thai place names: what the list holds, and how a name of several words is held whole (English too)."""

from __future__ import annotations

import importlib.util
import re
from importlib import resources

from conftest import ROOT
from test_units import breakable

from mou.html.templating import english_proper, english_signature_position
from mou.language.breaks import WORD_JOINER, hold_together, office_breaks, thai_dictionary
from mou.language.places import hold_places, thai_places, whole_places
from mou.pipeline.render import places_of

PLACES_FILE = resources.files("mou.language").joinpath("data", "thai_places.txt")


def test_the_list_loads_with_its_sources_named():
    text = PLACES_FILE.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("kongvut/thai-province-data" in line and "MIT" in line for line in header)
    assert any("thailand-geography-json" in line and "MIT" in line for line in header)
    assert all(re.search("[0-9a-f]{40}", line) for line in header if "github.com" in line)
    names = [line for line in text.splitlines() if not line.startswith("#")]
    assert names == sorted(set(names))  # once each, sorted
    assert all(re.fullmatch("[\u0e01-\u0e4e]{2,}", name) for name in names)
    # about 930 districts and 7,450 subdistricts, many sharing a name, and the 77 provinces
    assert 5_500 < len(thai_places()) < 8_000
    assert frozenset(names) == thai_places()


def test_the_list_holds_the_sources_names_without_their_kind_word():
    # rows of the source's formats/csv: subdistricts 400503, 400508, 400512 of Chum Phae
    # (district 4005), district 4105 โนนสะอาด; Bangkok's เขตพระนคร (1001) is written with its kind
    assert {"นาหนองทุ่ม", "วังหินลาด", "โนนสะอาด", "ชุมแพ", "ขอนแก่น", "พระนคร"} <= thai_places()
    assert not [name for name in thai_places() if name.startswith(("ตำบล", "อำเภอ", "แขวง", "เขตพระนคร"))]


def test_the_tool_strips_kind_words_and_keeps_both_spellings():
    spec = importlib.util.spec_from_file_location("thai_places_tool", ROOT / "tools" / "thai_places.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.names_of("เขตพระนคร", khet=True) == ["พระนคร"]
    assert tool.names_of("เขาเขตนอก") == ["เขาเขตนอก"]
    assert tool.names_of("ท้องถิ่นเทศบาลตำบลบ้านฆ้อง") == ["บ้านฆ้อง"]
    assert tool.names_of("ปอภาร  (ปอพาน)") == ["ปอภาร", "ปอพาน"]
    assert tool.names_of("สุไหงโก-ลก") == []  # never one run of Thai text


def test_a_place_name_without_its_kind_word_is_held_whole():
    # no record names these places: the list alone holds them
    pieces = breakable("ประชาชนในพื้นที่วังหินลาดและนาหนองทุ่ม ณ ที่ทำการองค์การบริหารส่วนตำบลโนนสะอาด")
    assert {"วังหินลาด", "นาหนองทุ่ม", "โนนสะอาด"} <= set(pieces)
    # the words around them still break
    assert {"ประชาชน", "ใน", "พื้นที่", "และ"} <= set(pieces)


def test_a_place_name_inside_a_longer_word_is_not_held_across_its_edge():
    # นาหนองทุ่ม is a subdistrict, but here its นา is the end of ชาวนา
    assert hold_places(["ชาวนา", "หนอง", "ทุ่ม", "ทุกคน"])[0] == "ชาวนา"
    assert "ชาวนา" in breakable("ชาวนาหนองทุ่มทุกคน")
    # a name that is one word is never a reason to join words (กลาง in กลางวัน)
    assert "กลาง" in thai_places()
    assert hold_places(["กลางวัน", "และ", "กลางคืน"]) == ["กลางวัน", "และ", "กลางคืน"]
    # the longest name holds all its words; a run of words that spells none is left alone
    assert hold_places(["ตำบล", "นา", "หนอง", "ทุ่ม"]) == ["ตำบล", WORD_JOINER.join(["นา", "หนอง", "ทุ่ม"])]
    assert hold_places(["ประชาชน", "ใน", "พื้นที่"]) == ["ประชาชน", "ใน", "พื้นที่"]


def test_overlapping_place_names_are_held_as_one():
    # เมืองชุม is a subdistrict, ชุมแพ a district: in เทศบาลเมืองชุมแพ neither may break
    assert {"เมืองชุม", "ชุมแพ"} <= thai_places() and "เมืองชุมแพ" not in thai_places()
    held = WORD_JOINER.join(["เมือง", "ชุม", "แพ"])
    assert hold_places(["เทศบาล", "เมือง", "ชุม", "แพ", "และ"]) == ["เทศบาล", held, "และ"]


def test_an_office_suite_is_given_only_names_that_stand_as_whole_words():
    segment = thai_dictionary().segment
    assert whole_places([segment("ประชาชนในพื้นที่วังหินลาด")]) == {"วังหินลาด"}
    # นาหนองทุ่ม stands whole once, and once across the edge of ชาวนา: holding its letters everywhere
    # would break ชาว|นา inside the word
    assert "นาหนองทุ่ม" not in whole_places([segment("ตำบลนาหนองทุ่ม"), segment("ชาวนาหนองทุ่มทุกคน")])


def test_the_docx_holds_a_place_name_as_the_pdf_does():
    html = "<html><body><p>ประชาชนในพื้นที่วังหินลาดทุกคน</p></body></html>"
    units = places_of(html, frozenset())
    assert units == {"วังหินลาด"}
    held = office_breaks(html, units, (), lambda unit: True, lambda unit: True)
    assert hold_together("วังหินลาด") in held  # a joiner between each two of its clusters


def test_english_names_are_never_hyphenated_and_ordinary_words_are():
    # In an English organization name or address, each run of names is a proper span (never
    # hyphenated, broken between its words), a word with its number on one line; ordinary
    # words (Subdistrict) are plain text, hyphenated like the rest.
    marked = english_proper("Village Committee of Moo 1, Chum Phae Subdistrict, Khon Kaen 40130")
    assert marked == (
        'Village Committee of <span class="proper"><span class="nowrap">Moo 1,</span></span>'
        ' <span class="proper">Chum Phae</span> Subdistrict, <span class="proper">Khon Kaen</span> 40130'
    )
    assert english_proper("<b>&") == "&lt;b&gt;&amp;"  # escaped like any record text


def test_a_place_in_an_english_signature_position_stays_on_one_line():
    font = ROOT / "templates" / "fonts" / "Sarabun-Regular.ttf"
    assert english_signature_position("Village Headman of Moo 15, Non Sa-at Subdistrict", font) == (
        'Village Headman of <span class="proper"><span class="nowrap">Moo 15,</span></span>'
        ' <span class="proper"><span class="nowrap">Non Sa-at</span></span> Subdistrict'
    )
    long = "Krung Thep Maha Nakhon Amon Rattanakosin"  # wider than the narrowest block: breaks between words
    assert english_signature_position(f"Governor of {long}", font) == f'Governor of <span class="proper">{long}</span>'
