"""Write the corpus's records (parties/, agreements/) from the tables below: `python tests/corpus/generate.py`.

The corpus is agreements unlike the two samples, for the typesetting checks
(tests/test_corpus.py) and the typesetting report. Its records are committed; this script is
how they were written, so a change to the corpus is a change here, then a run.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

# Given names, a man's or a woman's (the prefix must fit: นาย / Mr., นาง / Mrs., นางสาว / Ms.).
GIVEN = [
    ("สมชาย", "Somchai", "m"), ("สมศรี", "Somsri", "f"), ("วิชัย", "Wichai", "m"), ("ประเสริฐ", "Prasert", "m"),
    ("สุนทร", "Sunthon", "m"), ("มาลัย", "Malai", "f"), ("จันทร์เพ็ญ", "Chanphen", "f"), ("อรุณี", "Arunee", "f"),
    ("บุญมี", "Boonmee", "m"), ("ธนพล", "Thanaphon", "m"), ("พรทิพย์", "Pornthip", "f"), ("กิตติพงษ์", "Kittiphong", "m"),
    ("วราภรณ์", "Waraporn", "f"), ("สุรเชษฐ์", "Surachet", "m"), ("นิภาพร", "Nipaporn", "f"), ("อนุชา", "Anucha", "m"),
    ("ปิยะนุช", "Piyanut", "f"), ("เกียรติศักดิ์", "Kiattisak", "m"), ("ศิริพร", "Siriporn", "f"), ("ชาญวิทย์", "Chanwit", "m"),
]  # fmt: skip
SURNAMES = [
    ("ศรีสุข", "Srisuk"), ("ทองดี", "Thongdee"), ("แก้วมณี", "Kaewmanee"), ("บุญเรือง", "Boonruang"),
    ("ใจงาม", "Jai-ngam"), ("สายทอง", "Saithong"), ("วงศ์ใหญ่", "Wongyai"), ("ชัยมงคล", "Chaimongkhon"),
    ("ปัญญาดี", "Panyadee"), ("เพชรรัตน์", "Petcharat"), ("อินทร์แก้ว", "Inkaew"), ("มีสุข", "Meesuk"),
    ("สมบูรณ์ชัย", "Sombunchai"), ("เจริญผล", "Charoenphon"), ("วิเศษศักดิ์", "Wisetsak"),
    ("จันทร์หอม", "Chanhom"), ("ศักดิ์สิทธิ์วัฒนากุล", "Saksitwatthanakun"),
]  # fmt: skip
PREFIXES = {
    "m": [("นาย", "Mr."), ("ว่าที่ร้อยตรี", "Acting Sub-Lt."), ("ดร.", "Dr.")],
    "f": [("นาง", "Mrs."), ("นางสาว", "Ms."), ("ดร.", "Dr.")],
}
# The subdistricts of Chum Phae District, Khon Kaen (real place names).
SUBDISTRICTS = [
    ("ชุมแพ", "Chum Phae"), ("โนนหัน", "Non Han"), ("นาหนองทุ่ม", "Na Nong Thum"), ("โนนอุดม", "Non Udom"),
    ("ขัวเรียง", "Khua Riang"), ("หนองไผ่", "Nong Phai"), ("ไชยสอ", "Chai So"), ("วังหินลาด", "Wang Hin Lat"),
    ("นาเพียง", "Na Phiang"), ("หนองเขียด", "Nong Khiat"), ("หนองเสาเล้า", "Nong Sao Lao"), ("โนนสะอาด", "Non Sa-at"),
]  # fmt: skip
BANGKOK = (
    "กรุงเทพมหานคร อมรรัตนโกสินทร์ มหินทรายุธยา มหาดิลกภพ นพรัตนราชธานีบูรีรมย์ อุดมราชนิเวศน์มหาสถาน "
    "อมรพิมานอวตารสถิต สักกะทัตติยวิษณุกรรมประสิทธิ์",
    "Krung Thep Maha Nakhon Amon Rattanakosin Mahinthara Ayuthaya Mahadilok Phop Noppharat Ratchathani "
    "Burirom Udomratchaniwet Mahasathan Amon Piman Awatan Sathit Sakkathattiya Witsanukam Prasit",
)


def th(n: int | str) -> str:
    """Write a number in Thai digits."""
    return str(n).translate(THAI_DIGITS)


def bi(thai: str, english: str) -> dict[str, str]:
    """Return a bilingual text."""
    return {"th": thai, "en": english}


def person(n: int, position: tuple[str, str], acting: tuple[str, str] | None = None) -> dict[str, Any]:
    """Return the n-th illustrative person, holding a position."""
    given, surname = GIVEN[n % len(GIVEN)], SURNAMES[(n * 7 + n // len(GIVEN)) % len(SURNAMES)]
    prefix = PREFIXES[given[2]][n // len(GIVEN) % 3]
    record: dict[str, Any] = {
        "prefix": bi(*prefix),
        "name": bi(f"{given[0]} {surname[0]}", f"{given[1]} {surname[1]}"),
        "position": bi(*position),
    }
    if acting:
        record["acting_for"] = bi(*acting)
    return record


def party(name, kind, short, address, signatory) -> dict[str, Any]:
    """Return a party record."""
    return {"name": bi(*name), "kind": kind, "short_name": bi(*short), "address": bi(*address), "signatory": signatory}


def village(n: int) -> tuple[str, dict[str, Any]]:
    """Return the id and record of the n-th village committee (n from 0): 25 villages in each subdistrict."""
    sub_th, sub_en = SUBDISTRICTS[n // 25]
    moo = n % 25 + 1
    return f"village-{n + 1:03d}", party(
        (f"คณะกรรมการหมู่บ้าน หมู่ที่ {th(moo)} ตำบล{sub_th}", f"Village Committee of Moo {moo}, {sub_en} Subdistrict"),
        "other",
        (f"หมู่ที่ {th(moo)} ตำบล{sub_th}", f"Moo {moo} {sub_en}"),
        (
            f"หมู่ที่ {th(moo)} ตำบล{sub_th} อำเภอชุมแพ จังหวัดขอนแก่น ๔๐๑๓๐",
            f"Moo {moo}, {sub_en} Subdistrict, Chum Phae District, Khon Kaen 40130",
        ),
        person(n, (f"ผู้ใหญ่บ้าน หมู่ที่ {th(moo)} ตำบล{sub_th}", f"Village Headman of Moo {moo}, {sub_en} Subdistrict")),
    )


KHON_KAEN = "ขอนแก่น", "Khon Kaen"
DEPUTY_GOVERNOR = ("รองผู้ว่าราชการจังหวัดขอนแก่น", "Deputy Governor of Khon Kaen Province")
FOR_GOVERNOR = ("ปฏิบัติราชการแทนผู้ว่าราชการจังหวัดขอนแก่น", "acting for the Governor of Khon Kaen Province")

PARTIES: dict[str, dict[str, Any]] = {
    "khon-kaen-province": party(
        ("จังหวัดขอนแก่น", "Khon Kaen Province"),
        "province",
        ("จังหวัด", "the Province"),
        (
            "ศาลากลางจังหวัดขอนแก่น ถนนหน้าศูนย์ราชการ ตำบลในเมือง อำเภอเมืองขอนแก่น จังหวัดขอนแก่น ๔๐๐๐๐",
            "Khon Kaen Provincial Hall, Na Sun Ratchakan Road, Nai Mueang Subdistrict, "
            "Mueang Khon Kaen District, Khon Kaen 40000",
        ),
        person(1, DEPUTY_GOVERNOR, FOR_GOVERNOR),
    ),
    "khon-kaen-university": party(
        ("มหาวิทยาลัยขอนแก่น", "Khon Kaen University"),
        "university",
        ("มหาวิทยาลัย", "the University"),
        (
            "เลขที่ ๑๒๓ ถนนมิตรภาพ ตำบลในเมือง อำเภอเมืองขอนแก่น จังหวัดขอนแก่น ๔๐๐๐๒",
            "123 Mittraphap Road, Nai Mueang Subdistrict, Mueang Khon Kaen District, Khon Kaen 40002",
        ),
        person(2, ("อธิการบดีมหาวิทยาลัยขอนแก่น", "President of Khon Kaen University")),
    ),
    "chumphae-municipality": party(
        ("เทศบาลเมืองชุมแพ", "Chum Phae Town Municipality"),
        "town-municipality",
        ("เทศบาล", "the Municipality"),
        (
            "เลขที่ ๑ ถนนมะลิวัลย์ ตำบลชุมแพ อำเภอชุมแพ จังหวัดขอนแก่น ๔๐๑๓๐",
            "1 Maliwan Road, Chum Phae Subdistrict, Chum Phae District, Khon Kaen 40130",
        ),
        person(3, ("นายกเทศมนตรีเมืองชุมแพ", "Mayor of Chum Phae Town Municipality")),
    ),
    "wanghinlat-sao": party(
        ("องค์การบริหารส่วนตำบลวังหินลาด", "Wang Hin Lat Subdistrict Administrative Organization"),
        "sao",
        ("อบต.วังหินลาด", "Wang Hin Lat SAO"),
        (
            "หมู่ที่ ๒ ตำบลวังหินลาด อำเภอชุมแพ จังหวัดขอนแก่น ๔๐๑๓๐",
            "Moo 2, Wang Hin Lat Subdistrict, Chum Phae District, Khon Kaen 40130",
        ),
        person(
            4,
            (
                "นายกองค์การบริหารส่วนตำบลวังหินลาด",
                "Chief Executive of Wang Hin Lat Subdistrict Administrative Organization",
            ),
        ),
    ),
    "nonsaat-health-promoting-hospital": party(
        (
            "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านโนนสะอาดพัฒนา ตำบลโนนสะอาด อำเภอชุมแพ จังหวัดขอนแก่น",
            "Ban Non Sa-at Phatthana Subdistrict Health Promoting Hospital, Non Sa-at Subdistrict, "
            "Chum Phae District, Khon Kaen Province",
        ),
        "hospital",
        ("โรงพยาบาลส่งเสริมสุขภาพตำบล", "the Health Promoting Hospital"),
        (
            "หมู่ที่ ๑๑ บ้านโนนสะอาดพัฒนา ตำบลโนนสะอาด อำเภอชุมแพ จังหวัดขอนแก่น ๔๐๒๙๐",
            "Moo 11, Ban Non Sa-at Phatthana, Non Sa-at Subdistrict, Chum Phae District, Khon Kaen 40290",
        ),
        person(
            5,
            (
                "ผู้อำนวยการโรงพยาบาลส่งเสริมสุขภาพตำบลบ้านโนนสะอาดพัฒนา",
                "Director of Ban Non Sa-at Phatthana Subdistrict Health Promoting Hospital",
            ),
        ),
    ),
    "nectec": party(
        (
            "ศูนย์เทคโนโลยีอิเล็กทรอนิกส์และคอมพิวเตอร์แห่งชาติ สำนักงานพัฒนาวิทยาศาสตร์และเทคโนโลยีแห่งชาติ",
            "National Electronics and Computer Technology Center, National Science and Technology Development Agency",
        ),
        "government-agency",
        ("เนคเทค", "NECTEC"),
        (
            "เลขที่ ๑๑๒ อุทยานวิทยาศาสตร์ประเทศไทย ถนนพหลโยธิน ตำบลคลองหนึ่ง อำเภอคลองหลวง จังหวัดปทุมธานี ๑๒๑๒๐",
            "112 Thailand Science Park, Phahonyothin Road, Khlong Nueng Subdistrict, Khlong Luang District, "
            "Pathum Thani 12120",
        ),
        person(
            6,
            (
                "รองผู้อำนวยการศูนย์เทคโนโลยีอิเล็กทรอนิกส์และคอมพิวเตอร์แห่งชาติ",
                "Deputy Executive Director of the National Electronics and Computer Technology Center",
            ),
            (
                "ปฏิบัติการแทนผู้อำนวยการศูนย์เทคโนโลยีอิเล็กทรอนิกส์และคอมพิวเตอร์แห่งชาติ",
                "acting for the Executive Director of the National Electronics and Computer Technology Center",
            ),
        ),
    ),
    "bangkok-foundation": party(
        ("มูลนิธิเพื่อการพัฒนาเมืองอัจฉริยะและนวัตกรรมท้องถิ่น", "Foundation for Smart City and Local Innovation Development"),
        "foundation",
        ("มูลนิธิ", "the Foundation"),
        (
            f"เลขที่ ๙๙/๙ ถนนราชดำเนินกลาง แขวงบวรนิเวศ เขตพระนคร {BANGKOK[0]} ๑๐๒๐๐",
            f"99/9 Ratchadamnoen Klang Road, Bowon Niwet, Phra Nakhon, {BANGKOK[1]} 10200",
        ),
        person(
            7,
            (
                "ประธานกรรมการมูลนิธิเพื่อการพัฒนาเมืองอัจฉริยะและนวัตกรรมท้องถิ่น",
                "Chairperson of the Board of the Foundation for Smart City and Local Innovation Development",
            ),
        ),
    ),  # fmt: skip
    "interoperability-company": party(
        ("บริษัท อินเตอร์โอเปอเรบิลิตี้ เทเลคอมมิวนิเคชันส์ จำกัด", "Interoperability Telecommunications Company Limited"),
        "company",
        ("บริษัท", "the Company"),
        (
            "เลขที่ ๔๕๖ ถนนศรีจันทร์ ตำบลในเมือง อำเภอเมืองขอนแก่น จังหวัดขอนแก่น ๔๐๐๐๐",
            "456 Si Chan Road, Nai Mueang Subdistrict, Mueang Khon Kaen District, Khon Kaen 40000",
        ),
        person(8, ("กรรมการผู้จัดการ", "Managing Director")),
    ),  # fmt: skip
    "chumphae-school": party(
        ("โรงเรียนชุมแพศึกษา", "Chum Phae Suksa School"),
        "school",
        ("โรงเรียน", "the School"),
        (
            "เลขที่ ๒๘๐ หมู่ที่ ๕ ตำบลหนองไผ่ อำเภอชุมแพ จังหวัดขอนแก่น ๔๐๑๓๐",
            "280 Moo 5, Nong Phai Subdistrict, Chum Phae District, Khon Kaen 40130",
        ),
        person(9, ("ผู้อำนวยการโรงเรียนชุมแพศึกษา", "Director of Chum Phae Suksa School")),
    ),  # fmt: skip
    "luesi-sao": party(
        ("องค์การบริหารส่วนตำบลบ้านฦๅสี", "Ban Luesi Subdistrict Administrative Organization"),
        "sao",
        ("อบต.บ้านฦๅสี", "Ban Luesi SAO"),
        (
            "หมู่ที่ 7 ตำบลบ้านฦๅสี อำเภอซำสูงใหม่ จังหวัดขอนแก่น ๔๐๑๗๐ โทร. ๐ ๔๓๒๓ ๔๕๖๗",
            "Moo 7, Ban Luesi Subdistrict, Sam Sung Mai District, Khon Kaen Province 40170, tel. 0 4323 4567",
        ),
        {
            "prefix": bi("ว่าที่ร้อยตรี", "Acting Sub-Lt."),
            "name": bi("ฤทธิ์ฤๅชัย ฦๅเลิศ", "Ritruechai Luelert"),
            "position": bi("ปลัดองค์การบริหารส่วนตำบลบ้านฦๅสี", "Permanent Secretary of Ban Luesi SAO"),
            "acting_for": bi("รักษาราชการแทนนายกองค์การบริหารส่วนตำบลบ้านฦๅสี", "Acting Chief Executive of Ban Luesi SAO"),
        },
    ),
    "obrien-company": party(
        ("บริษัท โอ'ไบรอัน แอนด์ ซันส์ (ประเทศไทย) จำกัด", "O'Brien & Sons (Thailand) Co., Ltd."),
        "company",
        ("บริษัทฯ", "the Company"),
        (
            "๑๒/๓ ซอยสุขุมวิท ๑๑ (ซอยร่วมฤดี) แขวงคลองเตยเหนือ เขตวัฒนา กรุงเทพฯ ๑๐๑๑๐ อีเมล contact@obrien.co.th",
            "12/3 Soi Sukhumvit 11 (Soi Ruam Rudi), Khlong Toei Nuea, Watthana, Bangkok 10110 — contact@obrien.co.th",
        ),
        {
            "prefix": bi("มร.", "Mr."),
            "name": bi("แพทริก โอ'ไบรอัน", "Patrick O'Brien"),
            "position": bi("กรรมการผู้จัดการ", "Managing Director"),
        },
    ),
    # A police station, a temple and a monk who signs without a prefix, long addresses with
    # telephone numbers, a foundation's long name (seven-parties-temple).
    "chumphae-police-station": party(
        ("สถานีตำรวจภูธรชุมแพ", "Chum Phae Provincial Police Station"),
        "government-agency",
        ("สภ.ชุมแพ", "the Police Station"),
        (
            "เลขที่ ๙๙ หมู่ที่ ๑ ถนนมะลิวัลย์ ตำบลชุมแพ อำเภอชุมแพ จังหวัดขอนแก่น ๔๐๑๓๐",
            "99 Moo 1, Maliwan Road, Chum Phae Subdistrict, Chum Phae District, Khon Kaen 40130",
        ),
        {
            "prefix": bi("พันตำรวจเอก", "Pol. Col."),
            "name": bi("ธนพล แก้วมณี", "Thanaphon Kaewmanee"),
            "position": bi("ผู้กำกับการสถานีตำรวจภูธรชุมแพ", "Superintendent of Chum Phae Provincial Police Station"),
        },
    ),
    "wat-si-chumphae": party(
        ("วัดศรีชุมแพธรรมาราม", "Wat Si Chum Phae Thammaram"),
        "other",
        ("วัด", "the Temple"),
        (
            "เลขที่ ๑ หมู่ที่ ๒ ตำบลชุมแพ อำเภอชุมแพ จังหวัดขอนแก่น ๔๐๑๓๐",
            "1 Moo 2, Chum Phae Subdistrict, Chum Phae District, Khon Kaen 40130",
        ),
        {
            "name": bi("พระครูสุวรรณธรรมาภิรม", "Phra Khru Suwan Thammaphirom"),
            "position": bi(
                "เจ้าอาวาสวัดศรีชุมแพธรรมาราม และเจ้าคณะอำเภอชุมแพ",
                "Abbot of Wat Si Chum Phae Thammaram and Ecclesiastical District Chief of Chum Phae",
            ),
        },
    ),
    "chumphae-hospital": party(
        ("โรงพยาบาลชุมแพ", "Chum Phae Hospital"),
        "hospital",
        ("โรงพยาบาล", "the Hospital"),
        (
            "เลขที่ ๒๐๐ หมู่ที่ ๑๔ ซอยเทศบาล ๑๗ (ซอยประชาสามัคคีพัฒนาร่วมใจ) ถนนมะลิวัลย์ ตำบลชุมแพ อำเภอชุมแพ "
            "จังหวัดขอนแก่น ๔๐๑๓๐ โทรศัพท์ ๐-๔๓๓๑-๑๐๐๐ ต่อ ๑๒๓๔ โทรสาร ๐-๔๓๓๑-๑๐๐๑",
            "200 Moo 14, Soi Thesaban 17 (Soi Pracha Samakkhi Phatthana Ruam Jai), Maliwan Road, Chum Phae "
            "Subdistrict, Chum Phae District, Khon Kaen 40130; telephone 0-4331-1000 ext. 1234, fax 0-4331-1001",
        ),
        person(41, ("ผู้อำนวยการโรงพยาบาลชุมแพ", "Director of Chum Phae Hospital")),
    ),
    "elders-foundation": party(
        (
            "มูลนิธิเพื่อการพัฒนาคุณภาพชีวิตผู้สูงอายุและผู้ด้อยโอกาสในชนบทภาคตะวันออกเฉียงเหนือแห่งประเทศไทย",
            "Foundation for the Development of the Quality of Life of Older Persons and the Disadvantaged "
            "in the Rural Northeast of Thailand",
        ),
        "foundation",
        ("มูลนิธิ", "the Foundation"),
        (
            "เลขที่ ๑๒๓/๔๕๖-๗ อาคารศูนย์การเรียนรู้ชุมชนเฉลิมพระเกียรติ ชั้น ๓ ห้อง ๓๐๑ ซอยสุขสวัสดิ์ ๒๒ แยก ๔ "
            "ถนนสุขสวัสดิ์ แขวงบางปะกอก เขตราษฎร์บูรณะ กรุงเทพมหานคร ๑๐๑๔๐",
            "123/456-7 Community Learning Centre Building in Honour of His Majesty the King, 3rd floor, room 301, "
            "Soi Suk Sawat 22 Yaek 4, Suk Sawat Road, Bang Pakok, Rat Burana, Bangkok 10140",
        ),
        person(42, ("ประธานกรรมการมูลนิธิ", "Chairperson of the Board of the Foundation")),
    ),
    "khon-kaen-city": party(
        ("เทศบาลนครขอนแก่น", "Khon Kaen City Municipality"),
        "city-municipality",
        ("เทศบาลนครขอนแก่น", "Khon Kaen City"),
        (
            "เลขที่ ๑ ถนนประชาสโมสร ตำบลในเมือง อำเภอเมืองขอนแก่น จังหวัดขอนแก่น ๔๐๐๐๐",
            "1 Prachasamosorn Road, Nai Mueang Subdistrict, Mueang Khon Kaen District, Khon Kaen 40000",
        ),
        person(50, ("นายกเทศมนตรีนครขอนแก่น", "Mayor of Khon Kaen City")),
    ),
    # A foreign party: a Japanese city, its names with macrons (Kōfu, Yūichi Satō)
    "kofu-city": party(
        ("นครโคฟุ จังหวัดยามานาชิ ประเทศญี่ปุ่น", "Kōfu City, Yamanashi Prefecture, Japan"),
        "other",
        ("นครโคฟุ", "Kōfu City"),
        (
            "เลขที่ ๑-๑๘-๑ มารุโนะอุจิ นครโคฟุ จังหวัดยามานาชิ ๔๐๐-๘๕๘๕ ประเทศญี่ปุ่น",
            "1-18-1 Marunouchi, Kōfu-shi, Yamanashi-ken 400-8585, Japan",
        ),
        {
            "prefix": bi("นาย", "Mr."),
            "name": bi("ยูอิจิ ซาโต", "Yūichi Satō"),
            "position": bi("นายกเทศมนตรีนครโคฟุ", "Mayor of Kōfu City"),
        },
    ),
    # A faculty and a hospital of Khon Kaen, for a research agreement signed in B.E. 2569
    "kku-medicine": party(
        ("คณะแพทยศาสตร์ มหาวิทยาลัยขอนแก่น", "Faculty of Medicine, Khon Kaen University"),
        "university",
        ("คณะแพทยศาสตร์", "the Faculty"),
        (
            "เลขที่ ๑๒๓ ถนนมิตรภาพ ตำบลในเมือง อำเภอเมืองขอนแก่น จังหวัดขอนแก่น ๔๐๐๐๒",
            "123 Mittraphap Road, Nai Mueang Subdistrict, Mueang Khon Kaen District, Khon Kaen 40002",
        ),
        {
            # a two-word Thai prefix, abbreviated, kept apart inside and joined to the name (written out in full,
            # ศาสตราจารย์ นายแพทย์, the name is wider than a column of the side-by-side edition)
            "prefix": bi("ศ. นพ.", "Prof. Dr."),
            "name": bi("อนุชา มีสุข", "Anucha Meesuk"),
            "position": bi("คณบดีคณะแพทยศาสตร์", "Dean of the Faculty of Medicine"),
        },
    ),
    "khon-kaen-hospital": party(
        ("โรงพยาบาลขอนแก่น", "Khon Kaen Hospital"),
        "hospital",
        ("โรงพยาบาล", "the Hospital"),
        (
            "เลขที่ ๕๔ ถนนศรีจันทร์ ตำบลในเมือง อำเภอเมืองขอนแก่น จังหวัดขอนแก่น ๔๐๐๐๐",
            "54 Si Chan Road, Nai Mueang Subdistrict, Mueang Khon Kaen District, Khon Kaen 40000",
        ),
        {
            "prefix": bi("นายแพทย์", "Dr."),
            "name": bi("วิชัย ปัญญาดี", "Wichai Panyadee"),
            "position": bi("ผู้อำนวยการโรงพยาบาลขอนแก่น", "Director of Khon Kaen Hospital"),
        },
    ),
    # A Thai town and provinces of Laos and Cambodia, their names written in Thai letters as a clerk types them
    "mukdahan-municipality": party(
        ("เทศบาลเมืองมุกดาหาร", "Mukdahan Town Municipality"),
        "town-municipality",
        ("เทศบาลเมืองมุกดาหาร", "Mukdahan Municipality"),
        (
            "เลขที่ ๒๒ ถนนพิทักษ์พนมเขต ตำบลมุกดาหาร อำเภอเมืองมุกดาหาร จังหวัดมุกดาหาร ๔๙๐๐๐",
            "22 Phithak Phanom Khet Road, Mukdahan Subdistrict, Mueang Mukdahan District, Mukdahan 49000",
        ),
        person(
            60,
            ("รองนายกเทศมนตรีเมืองมุกดาหาร", "Deputy Mayor of Mukdahan Town Municipality"),
            ("รักษาการแทนนายกเทศมนตรีเมืองมุกดาหาร", "Acting for the Mayor of Mukdahan Town Municipality"),
        ),
    ),
    "savannakhet-province": party(
        # the country's official name, one word longer than a run Pango keeps whole: it broke inside (ประชาชน|ลาว)
        ("แขวงสะหวันนะเขต สาธารณรัฐประชาธิปไตยประชาชนลาว", "Savannakhet Province, Lao People's Democratic Republic"),
        "province",
        ("แขวงสะหวันนะเขต", "Savannakhet Province"),
        (
            "ที่ว่าการแขวงสะหวันนะเขต เมืองไกสอน พมวิหาน แขวงสะหวันนะเขต สปป.ลาว",
            "Savannakhet Provincial Office, Kaysone Phomvihane District, Savannakhet Province, Lao PDR",
        ),
        {
            "prefix": bi("นาย", "H.E. Mr."),
            "name": bi("สุลิวง พมมะจัน", "Soulivong Phommachan"),
            "position": bi("เจ้าแขวงสะหวันนะเขต", "Governor of Savannakhet Province"),
        },
    ),
    "siemreap-province": party(
        ("จังหวัดเสียมราฐ ราชอาณาจักรกัมพูชา", "Siem Reap Province, Kingdom of Cambodia"),
        "province",
        ("จังหวัดเสียมราฐ", "Siem Reap Province"),
        (
            "ศาลากลางจังหวัดเสียมราฐ ถนนหมายเลข ๖ เมืองเสียมราฐ ราชอาณาจักรกัมพูชา",
            "Siem Reap Provincial Hall, National Road No. 6, Siem Reap City, Kingdom of Cambodia",
        ),
        {
            "prefix": bi("นาย", "Mr."),
            "name": bi("สุขา เจีย", "Sokha Chea"),
            "position": bi("ผู้ว่าราชการจังหวัดเสียมราฐ", "Governor of Siem Reap Province"),
        },
    ),
}
PARTIES.update(village(n) for n in range(300))
SMALL = ["chumphae-municipality", "wanghinlat-sao"]


def witnesses(count: int, start: int = 40) -> list[dict[str, Any]]:
    """Return count illustrative witnesses."""
    positions = [
        ("ปลัดอำเภอชุมแพ", "Assistant District Chief Officer of Chum Phae"),
        ("นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ", "Senior Professional Policy and Plan Analyst"),
        ("ผู้อำนวยการกองยุทธศาสตร์และงบประมาณ", "Director of the Strategy and Budget Division"),
        ("หัวหน้าสำนักปลัดองค์การบริหารส่วนตำบลวังหินลาด", "Head of the Office of the Permanent Secretary, Wang Hin Lat SAO"),
    ]
    return [person(start + n, positions[n % len(positions)]) for n in range(count)]


OBJECTIVES = {
    "id": "objectives",
    "heading": bi("วัตถุประสงค์", "Objectives"),
    "text": bi("บันทึกข้อตกลงฉบับนี้มีวัตถุประสงค์ ดังนี้", "The objectives of this Memorandum are as follows:"),
    "items": [
        bi(
            "เพื่อพัฒนาระบบข้อมูลสารสนเทศเพื่อการบริหารจัดการเมืองอัจฉริยะที่เชื่อมโยงกันได้ระหว่างหน่วยงาน",
            "To develop information systems for smart-city management that are interoperable between agencies;",
        ),
        bi(
            "เพื่อพัฒนาศักยภาพของบุคลากรให้มีความรู้และทักษะด้านเทคโนโลยีดิจิทัล",
            "To build the knowledge and digital skills of personnel.",
        ),
    ],
}


def clauses(count: int, items: int) -> list[dict[str, Any]]:
    """Return count clauses of items sub-items each, with numbers and dates inside the text."""
    out = []
    for n in range(1, count + 1):
        day = n % 28 + 1
        out.append(
            {
                "id": f"work-{n}",
                "heading": bi(f"แผนงานระยะที่ {th(n)}", f"Work Plan, Phase {n}"),
                "text": bi(
                    f"ภายในวันที่ {th(day)} มกราคม พ.ศ. ๒๕๖๘ คู่ภาคีจะจัดประชุมคณะทำงานครั้งที่ {th(n)} "
                    f"ณ ห้องประชุม ๒ อาคาร ๑๐ ชั้น ๓ เพื่อพิจารณาแผนงานระยะที่ {th(n)} ซึ่งมีกิจกรรมจำนวน {th(items)} รายการ ดังนี้",
                    f"By {day} January 2025 the Parties shall hold working group meeting No. {n} in Meeting Room 2, "
                    f"Building 10, Floor 3, to consider Phase {n} of the work plan, which has {items} activities as follows:",
                ),
                "items": [
                    bi(
                        f"กิจกรรมที่ {th(n)}.{th(k)} จัดอบรมผู้เข้าร่วมจำนวน {th(20 * k)} คน ระยะเวลา {th(k + 1)} วัน "
                        f"ตามมาตรา ๑๖ แห่งพระราชบัญญัติกำหนดแผนและขั้นตอนการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น พ.ศ. ๒๕๔๒",
                        f"Activity {n}.{k}: training for {20 * k} participants over {k + 1} days under section 16 of the "
                        f"Determining Plans and Process of Decentralization to Local Government Organization Act B.E. 2542 (1999);",
                    )
                    for k in range(1, items + 1)
                ],
            }
        )
    return out


LONG_THAI_SENTENCE = {
    "id": "cooperation",
    "heading": bi("ความร่วมมือ", "Cooperation"),
    "text": bi(
        "คู่ภาคีตกลงร่วมมือกันในการพัฒนาระบบบริการสาธารณะด้านสุขภาพ การศึกษา และการบริหารจัดการน้ำในเขตอำเภอชุมแพ "
        "โดยใช้ข้อมูลและเทคโนโลยีดิจิทัลเป็นเครื่องมือสำคัญในการยกระดับคุณภาพชีวิตของประชาชนในพื้นที่ "
        "ตั้งแต่วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๗ เป็นต้นไป ทั้งนี้ ตามอำนาจหน้าที่และระเบียบกฎหมายที่เกี่ยวข้องของคู่ภาคีแต่ละฝ่าย",
        "The Parties agree to cooperate in developing public services in health, education and water management "
        "in Chum Phae District, using data and digital technology as the principal means of raising the quality of "
        "life of the people of the area, from 1 October 2024 onwards, within the powers and duties and under the "
        "laws and regulations applicable to each Party.",
    ),
}

ENGLISH_LONG_WORDS = {
    "id": "interoperability",
    "heading": bi("การเชื่อมโยงระบบ", "Interoperability"),
    "text": bi(
        "คู่ภาคีจะพัฒนาโครงสร้างพื้นฐานด้านโทรคมนาคมและระบบสารสนเทศที่สามารถทำงานร่วมกันได้ "
        "โดยคำนึงถึงความเป็นสากล การคุ้มครองข้อมูลส่วนบุคคล และความรับผิดชอบต่อสังคม",
        "The Parties shall develop telecommunications infrastructure and interoperable information systems with "
        "due regard to internationalization, the confidentiality of personal data, intercommunicability, "
        "electroencephalographic and psychophysiological research ethics, and institutional accountability.",
    ),
    "items": [
        bi(
            "การพัฒนาระบบแลกเปลี่ยนข้อมูลระหว่างหน่วยงานตามมาตรฐานการเชื่อมโยงข้อมูลภาครัฐ",
            "Developing intergovernmental data-interchange infrastructure in accordance with the Government "
            "Interoperability Framework;",
        ),
        bi(
            "การตรวจสอบความปลอดภัยของระบบโดยผู้เชี่ยวชาญภายนอก",
            "Commissioning counterintelligence-grade cybersecurity penetration testing by independent "
            "internationally accredited professionals.",
        ),
        # a Latin word and a code wider than a line, in Thai text, which hyphenates nothing: they ran
        # into the margin and off the paper
        bi(
            "การศึกษากฎหมาย Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz "
            "ของสหพันธ์สาธารณรัฐเยอรมนี และบันทึกผลตามรหัสอ้างอิง "
            "KKUNECTECINTEROPERABILITYFRAMEWORKREFERENCEKEYFORTELECOMMUNICATIONSINFRASTRUCTURE",
            "Studying the German Act Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz and recording "
            "its findings under the reference code "
            "KKUNECTECINTEROPERABILITYFRAMEWORKREFERENCEKEYFORTELECOMMUNICATIONSINFRASTRUCTURE.",
        ),
    ],
}

AMOUNTS_CLAUSE = {
    "id": "costs",
    "heading": bi("ค่าใช้จ่าย", "Costs"),
    "text": bi(
        "จังหวัดจะสนับสนุนงบประมาณจำนวน {amount:grant} และมหาวิทยาลัยจะสนับสนุนค่าตอบแทนวิทยากรจำนวน {amount:fee} "
        "ต่อครั้ง โดยเบิกจ่ายภายในวันที่ ๓๐ กันยายน พ.ศ. ๒๕๖๘",
        "The Province shall contribute {amount:grant} and the University shall pay speakers' fees of {amount:fee} "
        "per session, to be disbursed by 30 September 2025.",
    ),
    "items": [
        bi(
            "ค่าวัสดุอุปกรณ์ไม่เกิน {amount:equipment}",
            "Materials and equipment: no more than {amount:equipment};",
        ),
        bi(
            "ค่าเดินทางของผู้เข้าอบรมไม่เกิน ๕๐๐ บาท (ห้าร้อยบาทถ้วน) ต่อคน",
            "Travel of participants: no more than 500 baht (five hundred baht) per person.",
        ),
    ],
}


CONTACTS_CLAUSE = {
    "id": "contacts",
    "heading": bi("การประสานงาน", "Coordination"),
    "text": bi(
        "คู่ภาคีจะปรับปรุงข้อมูลของตำบลให้เป็นปัจจุบันอยู่เสมอ ๆ โดยประสานงานทางอีเมล data@banluesi.go.th "
        "หรือโทรศัพท์ ๐๘๑-๒๓๔-๕๖๗๘ ระหว่างเวลา 08:30–16:30 น. ค่าธรรมเนียมรายปี {amount:fee} "
        "และค่าบริการต่อรายการ {amount:item} ฯลฯ",
        "The Parties shall keep the Subdistrict's data up to date — by e-mail at data@banluesi.go.th or by phone "
        "on 081-234-5678 between 08:30 and 16:30. The annual fee is {amount:fee} and the fee per item "
        "{amount:item}; the Company won't charge \"extras\", etc.",
    ),
    "items": [
        bi("จัดประชุมคณะทำงานทุก ๆ ๓ เดือน ณ ศาลาประชาคมบ้านฦๅสี", "Holding a working-group meeting every 3 months at the Ban Luesi community hall;"),
        # a transliterated name no dictionary knows, where newmm falls back to pieces of clusters (ออ|ล|ซี|ซั่นส์|เพลส)
        bi("จัดอบรมเจ้าหน้าที่ปีละครั้ง ณ ห้องประชุมชั้น ๑๒ อาคารออลซีซั่นส์เพลส ถนนวิทยุ แขวงลุมพินี เขตปทุมวัน กรุงเทพมหานคร", "Training the staff once a year in the 12th-floor meeting room of All Seasons Place, Wireless Road, Lumphini, Pathum Wan, Bangkok;"),
        bi("อบต.บ้านฦๅสี: จัดเก็บข้อมูลภาคสนาม (๑) ครัวเรือน (๒) ที่ดิน (๓) แหล่งน้ำ", "Ban Luesi SAO: field collection of (1) households, (2) land and (3) water sources."),
    ],
}  # fmt: skip


# Seven parties' duties: days and months listed without years and without commas, the Thai
# way; times, sections of an Act, numbers inside the sub-items (seven-parties-temple).
SEVEN_DUTIES_CLAUSE = {
    "id": "duties",
    "heading": bi("หน้าที่ของคู่ภาคี", "Duties of the Parties"),
    "text": bi(
        "คู่ภาคีตกลงร่วมกันดูแลผู้สูงอายุจำนวน ๑,๒๕๐ คน ใน ๑๘ หมู่บ้าน ตั้งแต่วันที่ ๑ มกราคม พ.ศ. ๒๕๖๘ เป็นต้นไป "
        "ตามพระราชบัญญัติผู้สูงอายุ พ.ศ. ๒๕๔๖ มาตรา ๑๑ (๑) ถึง (๑๓) โดยแต่ละฝ่ายมีหน้าที่ ดังนี้",
        "The Parties agree to care together for 1,250 older persons in 18 villages from 1 January 2025 onwards, "
        "under the Older Persons Act B.E. 2546 (2003), section 11 (1) to (13), each Party as follows:",
    ),
    "items": [
        bi("จังหวัด: (๑) ประสานงาน (๒) ติดตามผลทุกไตรมาส คือ ๓๑ มีนาคม ๓๐ มิถุนายน ๓๐ กันยายน และ ๓๑ ธันวาคม", "the Province: (1) coordinate; (2) follow up every quarter, on 31 March, 30 June, 30 September and 31 December;"),
        bi("สภ.ชุมแพ: ออกตรวจหมู่ที่ ๑ ถึงหมู่ที่ ๑๘ วันละ ๒ ครั้ง เวลา ๐๘.๓๐ น. และ ๒๐.๓๐ น.", "the Police Station: patrol Moo 1 to Moo 18 twice a day, at 08:30 and 20:30;"),
        bi("วัด: ใช้ศาลาการเปรียญเป็นศูนย์ดูแลผู้สูงอายุในวันพระ ๔ วันต่อเดือน", "the Temple: host the older persons' centre in the preaching hall on the 4 holy days of each month;"),
        bi("โรงพยาบาล: ตรวจความดันโลหิต น้ำตาลในเลือด และสายตา ปีละ ๒ ครั้ง", "the Hospital: check blood pressure, blood sugar and eyesight twice a year;"),
        bi("โรงเรียน อบต.วังหินลาด และมูลนิธิ: จัดอาสาสมัครไม่น้อยกว่า ๔๐ คน", "the School, Wang Hin Lat SAO and the Foundation: provide no fewer than 40 volunteers."),
    ],
}  # fmt: skip
SEVEN_COSTS_CLAUSE = {
    "id": "costs",
    "heading": bi("ค่าใช้จ่าย", "Costs"),
    "text": bi(
        "มูลนิธิสนับสนุนเงินจำนวน {amount:grant} และ อบต.วังหินลาด สนับสนุนเงินจำนวน ๒,๐๐๐,๐๐๐.๕๐ บาท (สองล้านบาทห้าสิบสตางค์)",
        "The Foundation contributes {amount:grant} and Wang Hin Lat SAO THB 2,000,000.50 "
        "(two million baht and fifty satang).",
    ),
}

# Long amounts with satang at different places in a paragraph: one opening it, one in its
# middle, one ending it, and one written by hand; each number with its บาท is held, and so is
# each part of its amount in words.
HEALTH_COSTS_CLAUSE = {
    "id": "costs",
    "heading": bi("งบประมาณบริการสุขภาพ", "Health service budget"),
    "text": bi(
        "โรงพยาบาลชุมแพจะจัดสรรงบประมาณสำหรับบริการสุขภาพปฐมภูมิแก่ประชาชนในเขตตำบลวังหินลาดจำนวน {amount:service} "
        "โดยองค์การบริหารส่วนตำบลวังหินลาดจะสมทบค่าเวชภัณฑ์และค่าตอบแทนอาสาสมัครสาธารณสุขประจำหมู่บ้านจำนวน {amount:share} "
        "และโรงพยาบาลส่งเสริมสุขภาพตำบลบ้านโนนสะอาดจะรายงานผลการใช้จ่ายเงินทุกไตรมาส",
        "Chum Phae Hospital shall allocate {amount:service} for primary health services to the people of Wang Hin Lat "
        "Subdistrict, Wang Hin Lat SAO shall contribute {amount:share} for medical supplies and the allowances of village "
        "health volunteers, and the health-promoting hospital shall report its spending every quarter.",
    ),
    "items": [
        bi(
            "{amount:service} สำหรับค่าบริการตรวจคัดกรองโรคเรื้อรังและเยี่ยมบ้านผู้ป่วยติดเตียง",
            "{amount:service} for screening for chronic diseases and home visits to bedridden patients;",
        ),
        bi(
            "ค่าเวชภัณฑ์ ค่าวัสดุการแพทย์ และค่าตอบแทนอาสาสมัครสาธารณสุขประจำหมู่บ้านรวมกันไม่เกิน {amount:share}",
            "medical supplies, medical materials and the volunteers' allowances: no more than {amount:share} in all;",
        ),
        bi(
            "เงินสำรองจ่ายกรณีฉุกเฉินไม่เกิน ๑,๐๐๐,๐๐๐.๐๑ บาท (หนึ่งล้านบาทหนึ่งสตางค์) ต่อปีงบประมาณ",
            "an emergency reserve of no more than THB 1,000,000.01 (one million baht and one satang) a fiscal year.",
        ),
    ],
}  # fmt: skip


def agreement(
    title_en: str, subject: tuple[str, str], parties: list[str], clause_list: list[dict[str, Any]], **more: Any
) -> dict[str, Any]:
    """Return an agreement record with the corpus's defaults."""
    record: dict[str, Any] = {
        "version": "1.0",
        "status": "final",
        "title": bi("บันทึกข้อตกลงความร่วมมือ", title_en),
        "subject": bi(*subject),
        "place": bi("ศาลากลางจังหวัดขอนแก่น อำเภอเมืองขอนแก่น จังหวัดขอนแก่น", "Khon Kaen Provincial Hall, Mueang Khon Kaen District, Khon Kaen Province"),
        "date": datetime.date(2024, 10, 1),
        "parties": parties,
        "clauses": clause_list,
        "duration": {"start": datetime.date(2024, 10, 1), "end": datetime.date(2027, 9, 30)},
        "originals": len(parties),
    }  # fmt: skip
    if len(parties) > 2:
        record["collective_name"] = bi("คู่ภาคี", "the Parties")
    record.update(more)
    return record


MOU = "Memorandum of Understanding"
AGREEMENTS: dict[str, dict[str, Any]] = {
    "two-parties-plain": agreement(MOU, ("การฝึกอบรมทักษะดิจิทัล", "Digital Skills Training"), SMALL, [OBJECTIVES]),
    "deputy-governor-17-witnesses": agreement(
        MOU,
        ("การพัฒนาเมืองอัจฉริยะอำเภอชุมแพ", "Smart City Development in Chum Phae District"),
        ["khon-kaen-province", "khon-kaen-university", "chumphae-municipality"],
        [OBJECTIVES, LONG_THAI_SENTENCE],
        witnesses=witnesses(17),
        bilingual_edition=True,
    ),
    "forty-witnesses": agreement(
        MOU,
        ("การจัดการขยะมูลฝอยชุมชน", "Community Solid-Waste Management"),
        ["chumphae-municipality", "wanghinlat-sao", "chumphae-school", "khon-kaen-university"],
        [LONG_THAI_SENTENCE],
        witnesses=witnesses(40),
    ),
    "three-hundred-villages": agreement(
        MOU,
        ("การพัฒนาหมู่บ้านอัจฉริยะ", "Smart Village Development"),
        [f"village-{n:03d}" for n in range(1, 301)],
        [OBJECTIVES],
        witnesses=witnesses(2, 300),  # people after the 300 headmen: a witness signs for no party
    ),
    "long-names-delegated": agreement(
        MOU,
        ("การวิจัยและพัฒนาระบบสารสนเทศสุขภาพชุมชน", "Research and Development of Community Health Information Systems"),
        ["nectec", "nonsaat-health-promoting-hospital", "khon-kaen-province"],
        [OBJECTIVES, LONG_THAI_SENTENCE],
        bilingual_edition=True,
    ),
    "long-place-names": agreement(
        MOU,
        ("การส่งเสริมนวัตกรรมท้องถิ่น", "Promotion of Local Innovation"),
        ["bangkok-foundation", "wanghinlat-sao"],
        [OBJECTIVES],
        bilingual_edition=True,
        place=bi(BANGKOK[0], BANGKOK[1]),
    ),
    "many-clauses": agreement(
        MOU,
        ("แผนงานพัฒนาบุคลากรท้องถิ่น ๑๒ ระยะ", "A 12-Phase Work Plan for Local Personnel Development"),
        ["khon-kaen-university", "chumphae-municipality", "wanghinlat-sao"],
        clauses(12, 6),
        bilingual_edition=True,
    ),
    "named-amounts": agreement(
        MOU,
        ("การฝึกอบรมผู้ดูแลผู้สูงอายุ", "Training of Caregivers for Older Persons"),
        ["khon-kaen-province", "khon-kaen-university"],
        [AMOUNTS_CLAUSE],
        amounts={"grant": 2500000, "fee": 3600, "equipment": 125750.5},
        budget={
            "amount": 1250000,
            "source": bi("งบประมาณจังหวัด พ.ศ. ๒๕๖๘", "the provincial budget for B.E. 2568 (2025)"),
        },
        bilingual_edition=True,
    ),
    "health-service-amounts": agreement(
        MOU,
        ("ความร่วมมือด้านบริการสุขภาพปฐมภูมิ", "Cooperation in Primary Health Services"),
        ["chumphae-hospital", "wanghinlat-sao", "nonsaat-health-promoting-hospital"],
        [HEALTH_COSTS_CLAUSE],
        amounts={"service": 1000000.01, "share": 12345678.9},
        budget={
            "amount": 1000000.01,
            "source": bi("งบประมาณโรงพยาบาลชุมแพ พ.ศ. ๒๕๖๘", "the budget of Chum Phae Hospital for B.E. 2568 (2025)"),
        },
        bilingual_edition=True,
    ),
    "signatories-for-parties": agreement(
        MOU,
        ("การแลกเปลี่ยนข้อมูลเพื่อการวางแผน", "Data Exchange for Planning"),
        ["khon-kaen-university", "chumphae-municipality", "khon-kaen-province"],
        [OBJECTIVES],
        signatories={
            "khon-kaen-university": person(
                21,
                (
                    "รองอธิการบดีฝ่ายบริการวิชาการและวิเทศสัมพันธ์",
                    "Vice-President for Academic Services and International Relations",
                ),
                ("ปฏิบัติการแทนอธิการบดีมหาวิทยาลัยขอนแก่น", "for the President of Khon Kaen University"),
            ),
            "chumphae-municipality": person(
                22,
                ("รองนายกเทศมนตรีเมืองชุมแพ", "Deputy Mayor of Chum Phae Town Municipality"),
                ("ปฏิบัติหน้าที่แทนนายกเทศมนตรีเมืองชุมแพ", "acting for the Mayor of Chum Phae Town Municipality"),
            ),
            "khon-kaen-province": person(23, DEPUTY_GOVERNOR, FOR_GOVERNOR),
        },
        witnesses=witnesses(3, 60),
    ),  # fmt: skip
    "english-long-words": agreement(
        MOU,
        ("การพัฒนาโครงสร้างพื้นฐานโทรคมนาคม", "Interoperable Telecommunications Infrastructure"),
        ["interoperability-company", "nectec", "khon-kaen-university", "chumphae-municipality", "bangkok-foundation"],
        [ENGLISH_LONG_WORDS, LONG_THAI_SENTENCE],
        bilingual_edition=True,
        witnesses=witnesses(5),
        presiding=person(30, ("ผู้ว่าราชการจังหวัดขอนแก่น", "Governor of Khon Kaen Province")),
        prevailing_language="en",
    ),
    "thai-only": agreement(
        MOU,
        ("การจัดการน้ำชุมชน", "Community Water Management"),
        ["wanghinlat-sao", "chumphae-school", "nonsaat-health-promoting-hospital"],
        [LONG_THAI_SENTENCE, *clauses(3, 3)],
        languages=["th"],
        witnesses=witnesses(1),
    ),
    "year-end-contacts": agreement(
        MOU,
        ("การพัฒนาระบบข้อมูลตำบล ระยะที่ ๒ — ฉบับปรับปรุง", "Tambon Data System, Phase 2 — revised"),
        ["luesi-sao", "obrien-company", "khon-kaen-university"],
        [CONTACTS_CLAUSE, LONG_THAI_SENTENCE],
        date="๓๑ ธันวาคม ๒๕๖๖",
        duration={"start": datetime.date(2024, 1, 1), "end": "๓๑ ธ.ค. 2567"},
        amounts={"fee": 1500.5, "item": 0.25},
        # the budget's amount in words with satang is wider than a third of a line: whole, it
        # left the line before it (its paragraph's second) 50 pt short, whatever the breaks above
        budget={
            "amount": 150000.75,
            "source": bi(
                "งบประมาณขององค์การบริหารส่วนตำบลบ้านฦๅสี พ.ศ. ๒๕๖๗", "the budget of Ban Luesi SAO for B.E. 2567 (2024)"
            ),
        },
        witnesses=witnesses(1),
        place=bi(
            "ศาลาประชาคมบ้านโนนสะอาดใต้ หมู่ที่ ๑๒ ตำบลบ้านฦๅสี",
            "the community hall of Ban Non Sa-at Tai, Moo 12, Ban Luesi Subdistrict",
        ),
    ),  # fmt: skip
    "seven-parties-temple": agreement(
        MOU,
        (
            "การดูแลผู้สูงอายุและความปลอดภัยในชุมชนอำเภอชุมแพ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘–๒๕๖๙",
            "Care for Older Persons and Community Safety in Chum Phae District, fiscal years B.E. 2568–2569 (2025–2026)",
        ),
        [
            "khon-kaen-province",
            "chumphae-police-station",
            "wat-si-chumphae",
            "chumphae-hospital",
            "chumphae-school",
            "wanghinlat-sao",
            "elders-foundation",
        ],
        [SEVEN_DUTIES_CLAUSE, SEVEN_COSTS_CLAUSE],
        place=bi(
            "ศาลาการเปรียญวัดศรีชุมแพธรรมาราม ตำบลชุมแพ อำเภอชุมแพ จังหวัดขอนแก่น",
            "the preaching hall of Wat Si Chum Phae Thammaram, Chum Phae Subdistrict, Chum Phae District, Khon Kaen",
        ),
        date="๓๑ ธ.ค. ๒๕๖๗",
        duration={"start": "๑ มกราคม ๒๕๖๘", "end": datetime.date(2026, 9, 30)},
        budget={
            "amount": 12345678.91,
            "source": bi(
                "งบประมาณจังหวัดขอนแก่น ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
                "the Khon Kaen provincial budget for fiscal year B.E. 2568 (2025)",
            ),
        },
        amounts={"grant": 21000001.01},
        originals=8,
        signatories={
            "chumphae-school": person(
                43,
                (
                    "ผู้ช่วยผู้อำนวยการโรงเรียน รักษาราชการแทนผู้อำนวยการโรงเรียนชุมแพศึกษา",
                    "Assistant Director, Acting Director of Chum Phae Suksa School",
                ),
            ),
        },
        witnesses=[
            {
                "prefix": bi("พระมหา", "Phra Maha"),
                "name": bi("สมชาย ฐิตธมฺโม", "Somchai Thitadhammo"),
                "position": bi("ผู้ช่วยเจ้าอาวาสวัดศรีชุมแพธรรมาราม", "Assistant Abbot of Wat Si Chum Phae Thammaram"),
            },
            {
                "prefix": bi("ร้อยตำรวจโทหญิง", "Pol. Lt."),
                "name": bi("ปิยะนุช ชัยมงคล", "Piyanut Chaimongkhon"),
                "position": bi("รองสารวัตรป้องกันปราบปราม", "Deputy Inspector (Crime Prevention and Suppression)"),
            },
            {
                "prefix": bi("มิสเตอร์", "Mr."),
                "name": bi("John Smith", "John Smith"),
                "position": bi("ผู้ประสานงานอาสาสมัครของมูลนิธิ", "Volunteer Coordinator of the Foundation"),
            },
        ],
    ),  # fmt: skip
    "sister-city-kofu": agreement(
        "Memorandum of Understanding on the Establishment of Sister-City Relations",
        (
            "ความร่วมมือด้านการศึกษา วัฒนธรรม การท่องเที่ยว และเศรษฐกิจสร้างสรรค์ ระหว่างเทศบาลนครขอนแก่นกับนครโคฟุ",
            "Cooperation in Education, Culture, Tourism and the Creative Economy between Khon Kaen City and Kōfu City",
        ),
        ["khon-kaen-city", "kofu-city"],
        [
            {
                "id": "purpose",
                "heading": bi("วัตถุประสงค์", "Purpose"),
                "text": bi(
                    "ทั้งสองฝ่ายตกลงสถาปนาความสัมพันธ์ฉันเมืองพี่เมืองน้องเนื่องในโอกาสครบรอบ ๑๓๗ ปี ความสัมพันธ์ทางการทูตไทย–ญี่ปุ่น "
                    "โดยมีผลตั้งแต่วันที่ ๒๙ กุมภาพันธ์ พ.ศ. ๒๕๖๗ ซึ่งตรงกับปีเรวะที่ ๖ ของญี่ปุ่น",
                    "Both Parties agree to establish sister-city relations on the 137th anniversary of Thai–Japanese "
                    "diplomatic relations, with effect from 29 February 2024, which falls in the sixth year of Reiwa in Japan.",
                ),
            },
            {
                "id": "exchange",
                "heading": bi("การแลกเปลี่ยน", "Exchanges"),
                "text": bi("ทั้งสองฝ่ายจะดำเนินการ ดังนี้", "The Parties shall:"),
                "items": [
                    bi(
                        "แลกเปลี่ยนนักเรียนระดับมัธยมศึกษาปีละไม่เกิน ๒๐ คน ภายใต้การประสานงานของ ดร.เหงียน ถิ มิญ ไค "
                        "(Nguyễn Thị Minh Khai) ผู้เชี่ยวชาญด้านการศึกษา",
                        "exchange no more than 20 secondary-school students a year, coordinated by "
                        "Dr. Nguyễn Thị Minh Khai, education specialist;",
                    ),
                    bi(
                        "ส่งเสริมการท่องเที่ยวระหว่างงานเทศกาลดอกคูนเสียงแคนกับเทศกาลชิงเง็นโคฟุ (Shingen-kō Matsuri) ที่ "
                        "https://www.city.kofu.yamanashi.jp/kokusai/sister-cities/khon-kaen.html",
                        "promote tourism between the Dok Khun Siang Khaen Festival and the Kōfu Shingen-kō Matsuri, see "
                        "https://www.city.kofu.yamanashi.jp/kokusai/sister-cities/khon-kaen.html;",
                    ),
                    bi(
                        "ร่วมกันจัดนิทรรศการผ้าไหมมัดหมี่ขอนแก่นและงานหัตถกรรมอัญมณีโคฟุ ณ พิพิธภัณฑ์ "
                        "Müller-Hoffmann Kunsthalle ในปี ค.ศ. ๒๐๒๕",
                        "jointly hold an exhibition of Khon Kaen mudmee silk and Kōfu jewellery craftsmanship at the "
                        "Müller-Hoffmann Kunsthalle in 2025.",
                    ),
                ],
            },
        ],
        title=bi(
            "บันทึกข้อตกลงว่าด้วยการสถาปนาความสัมพันธ์ฉันเมืองพี่เมืองน้อง",
            "Memorandum of Understanding on the Establishment of Sister-City Relations",
        ),
        # the title's own instrument: บันทึกข้อตกลง, not the default บันทึกข้อตกลงความร่วมมือ
        instrument=bi("บันทึกข้อตกลง", "Memorandum of Understanding"),
        version="2.0-rc1",
        status="draft",
        prevailing_language="en",
        bilingual_edition=True,
        between=[
            bi("เทศบาลนครขอนแก่น ราชอาณาจักรไทย", "Khon Kaen City Municipality, Kingdom of Thailand"),
            bi("นครโคฟุ ประเทศญี่ปุ่น", "Kōfu City, Japan"),
        ],
        place=bi("ศาลาว่าการนครโคฟุ จังหวัดยามานาชิ ประเทศญี่ปุ่น", "Kōfu City Hall, Yamanashi Prefecture, Japan"),
        date="29 ก.พ. 2567",
        duration={"start": datetime.date(2024, 2, 29), "end": "๒๘ กุมภาพันธ์ ๒๕๗๒"},
        originals=4,
        signatories={
            "khon-kaen-city": person(
                51,
                ("รองนายกเทศมนตรีนครขอนแก่น", "Deputy Mayor of Khon Kaen City"),
                ("ปฏิบัติราชการแทนนายกเทศมนตรีนครขอนแก่น", "on behalf of the Mayor of Khon Kaen City"),
            ),
        },
        witnesses=[
            {
                "prefix": bi("มิสเตอร์", "Mr."),
                "name": bi("Jürgen Müller", "Jürgen Müller"),
                "position": bi(
                    "กงสุลกิตติมศักดิ์สาธารณรัฐเยอรมนีประจำจังหวัดขอนแก่น",
                    "Honorary Consul of the Federal Republic of Germany in Khon Kaen",
                ),
            }
        ],
    ),
    "no-end-date-draft": agreement(
        MOU,
        ("การใช้อาคารสถานที่ร่วมกัน", "Shared Use of Premises"),
        ["chumphae-school", "chumphae-municipality"],
        [OBJECTIVES, LONG_THAI_SENTENCE],
        status="draft",
        duration={"start": datetime.date(2024, 10, 1)},
        originals=3,
        witnesses=witnesses(2, 80),
    ),
}


# A research agreement between a faculty and a hospital: named amounts in sub-items with their percentages,
# instalments due on dates across B.E. 2569 and 2570, long English terms inside Thai sentences, signed in 2569.
# No side-by-side edition: its narrow Thai column left lines short before the amounts in words (as in
# NOT_YET_FLUSH of tests/test_corpus.py).
AGREEMENTS["research-hospital-instalments"] = agreement(
    "Memorandum of Understanding on Research Cooperation",
    (
        "การวิจัยทางคลินิกเรื่อง Randomized Controlled Trial of Continuous Glucose Monitoring in Type 2 Diabetes Mellitus",
        "Clinical Research on a Randomized Controlled Trial of Continuous Glucose Monitoring in Type 2 Diabetes Mellitus",
    ),
    ["kku-medicine", "khon-kaen-hospital"],
    [
        {
            "id": "objectives",
            "heading": bi("วัตถุประสงค์", "Objectives"),
            "text": bi(
                "เพื่อศึกษาประสิทธิผลของ Continuous Glucose Monitoring (CGM) ในผู้ป่วยโรคเบาหวานชนิดที่ ๒ จำนวน ๓๒๐ ราย "
                "ให้ระดับ HbA1c ลดลงอย่างน้อยร้อยละ ๐.๕ ภายใน ๑๒ เดือน",
                "To study the effectiveness of Continuous Glucose Monitoring (CGM) in 320 patients with type 2 "
                "diabetes, lowering HbA1c by at least 0.5 percent within 12 months.",
            ),
        },
        {
            "id": "budget-split",
            "heading": bi("งบประมาณการวิจัย", "Research Budget"),
            "text": bi(
                "คณะแพทยศาสตร์จัดสรรงบประมาณการวิจัยจำนวน {amount:total} แบ่งเป็นรายการดังนี้",
                "The Faculty allocates a research budget of {amount:total}, divided as follows:",
            ),
            "items": [
                # each amount ends its item: with the amount before ร้อยละ (ค่าบริหารจัดการ {amount:overhead} คิดเป็นร้อยละ ๑๐),
                # or with satang (244,999.50), the line before the amount in words was 30-67 pt short
                bi(
                    "ค่าตอบแทนบุคลากรของคณะผู้วิจัยและผู้ช่วยวิจัย คิดเป็นร้อยละ ๔๐ เป็นเงิน {amount:personnel}",
                    "Fees of the researchers and research assistants, 40 percent: {amount:personnel};",
                ),
                bi(
                    "ค่าครุภัณฑ์และเครื่องมือวัดระดับน้ำตาลในเลือด คิดเป็นร้อยละ ๕๐ เป็นเงิน {amount:equipment}",
                    "Blood glucose meters and other equipment, 50 percent: {amount:equipment};",
                ),
                bi(
                    "ค่าบริหารจัดการโครงการของคณะแพทยศาสตร์ คิดเป็นร้อยละ ๑๐ เป็นเงิน {amount:overhead}",
                    "Management of the project by the Faculty, 10 percent: {amount:overhead}.",
                ),
            ],
        },
        {
            "id": "payments",
            "heading": bi("การเบิกจ่าย", "Disbursement"),
            "text": bi(
                "การเบิกจ่ายแบ่งเป็น ๓ งวด งวดที่ ๑ ร้อยละ ๓๐ ภายในวันที่ ๑ มีนาคม ๒๕๖๙ งวดที่ ๒ ร้อยละ ๔๐ "
                "ภายในวันที่ ๓๑ สิงหาคม ๒๕๖๙ และงวดที่ ๓ ร้อยละ ๓๐ ภายในวันที่ ๒๘ กุมภาพันธ์ ๒๕๗๐",
                "Payment is made in 3 instalments, the first of 30% by 1 March 2026, the second of 40% by "
                "31 August 2026 and the third of 30% by 28 February 2027.",
            ),
        },
        {
            "id": "ethics",
            "heading": bi("จริยธรรมการวิจัยในมนุษย์", "Human Research Ethics"),
            "text": bi(
                "การวิจัยต้องได้รับอนุมัติจาก Khon Kaen University Ethics Committee for Human Research (KKUEC) "
                "และเป็นไปตาม International Council for Harmonisation Good Clinical Practice (ICH-GCP E6(R3)) "
                "ก่อนเริ่มเก็บข้อมูล",
                "The research must be approved by the Khon Kaen University Ethics Committee for Human Research "
                "(KKUEC) and follow the International Council for Harmonisation Good Clinical Practice "
                "(ICH-GCP E6(R3)) before data collection begins.",
            ),
        },
        {
            "id": "intellectual-property",
            "heading": bi("ทรัพย์สินทางปัญญา", "Intellectual Property"),
            "text": bi(
                "ทรัพย์สินทางปัญญาที่เกิดจากการวิจัยเป็นของคณะแพทยศาสตร์ร้อยละ ๖๐ และของโรงพยาบาลร้อยละ ๔๐ "
                "ค่าธรรมเนียมการใช้ประโยชน์ ๕,๐๐๐ บาท (ห้าพันบาทถ้วน) ต่อครั้ง",
                "Intellectual property arising from the research belongs 60% to the Faculty and 40% to the "
                "Hospital; a licence fee of 5,000 baht (five thousand baht) per use.",
            ),
        },
    ],
    title=bi("บันทึกข้อตกลงความร่วมมือด้านการวิจัย", "Memorandum of Understanding on Research Cooperation"),
    place=bi(
        "ห้องประชุมคณะแพทยศาสตร์ มหาวิทยาลัยขอนแก่น",
        "the meeting room of the Faculty of Medicine, Khon Kaen University",
    ),
    date="๑๕ มกราคม ๒๕๖๙",
    duration={"start": "๑ กุมภาพันธ์ ๒๕๖๙", "end": "๓๑ มกราคม ๒๕๗๒"},
    amounts={"total": 2450000, "personnel": 980000, "equipment": 1225000, "overhead": 245000},
)

# A Thai town with a Lao and a Cambodian province, their names in Thai letters; a deputy mayor signing
# รักษาการแทน; a collective name of its own; English prevailing; a period in years and months.
# No side-by-side edition: its narrow Thai column left 4 lines short (up to 93 pt, before เมืองมุกดาหาร).
AGREEMENTS["mekong-border-provinces"] = agreement(
    "Memorandum of Understanding on Sister-City Cooperation",
    (
        "ความร่วมมือด้านการท่องเที่ยว การค้าชายแดน และการสาธารณสุขข้ามพรมแดน",
        "Cooperation in Tourism, Border Trade and Cross-Border Public Health",
    ),
    ["mukdahan-municipality", "savannakhet-province", "siemreap-province"],
    [
        {
            "id": "objectives",
            "heading": bi("วัตถุประสงค์", "Objectives"),
            "text": bi(
                "เพื่อส่งเสริมการท่องเที่ยวระหว่างมุกดาหาร สะหวันนะเขต และเสียมราฐ ให้มีนักท่องเที่ยวเพิ่มขึ้นปีละร้อยละ ๑๕ "
                "ผ่านสะพานมิตรภาพไทย–ลาว แห่งที่ ๒",
                "To promote tourism between Mukdahan, Savannakhet and Siem Reap, increasing visitors by 15 percent "
                "a year across the Second Thai–Lao Friendship Bridge.",
            ),
        },
        {
            "id": "exchange",
            "heading": bi("การแลกเปลี่ยน", "Exchanges"),
            "items": [
                bi(
                    "จัดประชุมคณะกรรมการร่วมปีละ ๒ ครั้ง สลับกันเป็นเจ้าภาพ",
                    "Holding a joint committee meeting twice a year, the host rotating.",
                ),
                bi(
                    "แลกเปลี่ยนเจ้าหน้าที่ไม่เกิน ๑๐ คนต่อปี เป็นเวลา ๑ ปี ๖ เดือน",
                    "Exchanging up to 10 officials a year, for 1 year and 6 months.",
                ),
            ],
        },
    ],
    title=bi("บันทึกข้อตกลงความร่วมมือว่าด้วยเมืองพี่เมืองน้อง", "Memorandum of Understanding on Sister-City Cooperation"),
    place=bi("ห้องประชุมศาลาว่าการเทศบาลเมืองมุกดาหาร", "the meeting room of Mukdahan Town Hall"),
    date="๙ มีนาคม ๒๕๖๙",
    duration={"start": "๙ มีนาคม ๒๕๖๙", "end": "๘ มีนาคม ๒๕๗๔"},
    collective_name=bi("ภาคี", "the Signatories"),
    prevailing_language="en",
)


def write(folder: Path, records: dict[str, dict[str, Any]], header: str) -> None:
    """Write each record as folder/<id>.yaml, replacing what was there."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for record_id, record in records.items():
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=10_000)
        (folder / f"{record_id}.yaml").write_text(header + text, encoding="utf-8")


if __name__ == "__main__":
    note = "# Written by tests/corpus/generate.py; illustrative (see tests/corpus/README.md).\n"
    write(HERE / "parties", PARTIES, note)
    write(HERE / "agreements", AGREEMENTS, note)
    print(f"wrote {len(PARTIES)} parties and {len(AGREEMENTS)} agreements")
