"""Every message a clerk can see, in English and Thai.

A message is chosen by key and filled with named values; the command line prints it in
the clerk's language (`--lang th`, or a Thai locale). Keys are grouped by stage.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

LANGUAGES = ("en", "th")

CATALOG: dict[str, tuple[str, str]] = {
    # reading files
    "not_utf8": (
        "the file is not UTF-8 text; save it as UTF-8 (byte 0x{byte} cannot be read)",
        "ไฟล์นี้ไม่ได้บันทึกเป็น UTF-8 ให้บันทึกใหม่เป็น UTF-8 (อ่านไบต์ 0x{byte} ไม่ได้)",
    ),
    # adversarial review: a record saved as Notepad's "Unicode"
    "utf16": (
        'the file is saved as UTF-16 (Notepad calls it "Unicode"); save it as UTF-8: in Notepad, '
        "File > Save As, Encoding: UTF-8; in another editor, choose UTF-8 where it saves the encoding",
        'ไฟล์นี้บันทึกเป็น UTF-16 (ใน Notepad เรียกว่า "Unicode") ให้บันทึกใหม่เป็น UTF-8 โดยใน Notepad '
        "เลือก File > Save As แล้วเลือก Encoding เป็น UTF-8 ส่วนโปรแกรมอื่นให้เลือก UTF-8 ในช่องการเข้ารหัสตอนบันทึก",
    ),
    "tab": (
        "a tab is used for indentation; indent with spaces only",
        "มีการย่อหน้าด้วยแท็บ ให้ย่อหน้าด้วยการเว้นวรรค (space) เท่านั้น",
    ),
    # adversarial inputs: a tab between words of an unquoted value, which YAML refuses
    "tab_in_value": (
        "a tab stands between words here; YAML allows a tab only inside quotes: type a space instead",
        "มีแท็บคั่นระหว่างคำตรงนี้ YAML ยอมให้มีแท็บได้เฉพาะในเครื่องหมายคำพูด ให้เว้นวรรค (space) แทน",
    ),
    # adversarial review: a tab where a value starts, and a tab inside quotes (a table typed with tabs)
    "tab_before_value": (
        "a tab stands before the value here; YAML allows a tab only inside quotes: type a space instead",
        "มีแท็บอยู่หน้าค่าตรงนี้ YAML ยอมให้มีแท็บได้เฉพาะในเครื่องหมายคำพูด ให้เว้นวรรค (space) แทน",
    ),
    "tab_in_text": (
        "contains a tab at character {index}, which prints as one space (a table typed with tabs loses its "
        "columns); type a space, or write each entry as a sub-item under items:",
        "มีแท็บที่ตำแหน่งอักขระที่ {index} ซึ่งจะพิมพ์เป็นการเว้นวรรคหนึ่งช่อง (ตารางที่พิมพ์ด้วยแท็บจะไม่เป็นคอลัมน์) "
        "ให้เว้นวรรคแทน หรือเขียนแต่ละรายการเป็นข้อย่อยใน items:",
    ),
    "yaml_syntax": (
        "YAML syntax error: {detail}; check indentation, colons and quotes",
        "รูปแบบ YAML ไม่ถูกต้อง ({detail}) ให้ตรวจการย่อหน้า เครื่องหมาย : และเครื่องหมายคำพูด",
    ),
    # adversarial review: an unclosed quote or bracket was reported at the end of the file only
    "yaml_syntax_opened": (
        "YAML syntax error: {detail}; the quote or bracket opened here is not closed, so YAML read on to line {line}, "
        "column {column}: close it, or check indentation, colons and quotes",
        "รูปแบบ YAML ไม่ถูกต้อง ({detail}) เครื่องหมายคำพูดหรือวงเล็บที่เปิดตรงนี้ยังไม่ได้ปิด YAML จึงอ่านต่อไปจนถึงบรรทัด {line} "
        "คอลัมน์ {column} ให้ปิดให้ครบ หรือตรวจการย่อหน้า เครื่องหมาย : และเครื่องหมายคำพูด",
    ),
    # adversarial inputs: an agreement id that is a folder of output/'s own
    "reserved_agreement_id": (
        "the id '{id}' is the folder of the release archives in output/; rename the file (e.g. {id}-2024.yaml)",
        "รหัส '{id}' เป็นชื่อโฟลเดอร์ของชุดเผยแพร่ใน output/ ให้เปลี่ยนชื่อไฟล์ (เช่น {id}-2024.yaml)",
    ),
    # adversarial inputs: a record saved as x.YAML or x.yaml.txt is not read
    "record_not_read": (
        "this file is not read: a record's name ends in .yaml or .yml, in lower case; rename it to {name}",
        "ไฟล์นี้ไม่ถูกอ่าน เพราะชื่อไฟล์ข้อมูลต้องลงท้ายด้วย .yaml หรือ .yml ตัวพิมพ์เล็ก ให้เปลี่ยนชื่อเป็น {name}",
    ),
    "reserved_new_agreement_id": (
        "the id '{id}' is the folder of the release archives in output/; choose another id (e.g. {id}-2024)",
        "รหัส '{id}' เป็นชื่อโฟลเดอร์ของชุดเผยแพร่ใน output/ ให้ใช้รหัสอื่น (เช่น {id}-2024)",
    ),
    "plain_keys": ("keys must be plain names", "ชื่อช่องต้องเป็นชื่อธรรมดา"),
    # a Thai line folded in YAML: the fold reads as a space, a gap in Thai text (a warning)
    "thai_line_folded": (
        "the line breaks between '{before}' and '{after}', which YAML reads as a space, a gap in the Thai "
        "text; write the text on one line (a line may be as long as it needs), typing a space there only "
        "if one is meant, or put it in double quotes and end the line with \\ to join the lines without a space",
        "ข้อความขึ้นบรรทัดใหม่ระหว่าง '{before}' กับ '{after}' ซึ่ง YAML อ่านเป็นการเว้นวรรค "
        "จึงพิมพ์เป็นช่องว่างกลางข้อความภาษาไทย ให้เขียนข้อความต่อกันในบรรทัดเดียว (บรรทัดยาวเท่าใดก็ได้) "
        'และเว้นวรรคตรงนั้นเฉพาะเมื่อตั้งใจ หรือใส่ข้อความในเครื่องหมายคำพูด "…" แล้วจบบรรทัดด้วย \\ '
        "เพื่อต่อบรรทัดโดยไม่เว้นวรรค",
    ),
    # adversarial inputs: a YAML merge key says what to write instead
    "merge_key": (
        "'<<:' (a YAML merge) is not read here; write each field out in full",
        "โปรแกรมไม่อ่าน '<<:' (การรวมค่าของ YAML) ตรงนี้ ให้เขียนทุกช่องให้ครบแทน",
    ),
    "duplicate_key": (
        "'{key}' is given twice (first on line {line}); keep only one",
        "ระบุ '{key}' ซ้ำสองครั้ง (ครั้งแรกที่บรรทัด {line}) ให้เหลือไว้เพียงครั้งเดียว",
    ),
    "bad_date": (
        "'{value}' is not a real date ({detail}); write an existing date as YYYY-MM-DD",
        "'{value}' ไม่ใช่วันที่ที่มีอยู่จริง ({detail}) ให้เขียนวันที่ที่ถูกต้องในรูปแบบ ปปปป-ดด-วว (ค.ศ.) เช่น 2020-09-01",
    ),
    # adversarial review: why a date does not exist was Python's English words in the Thai message too
    "date_month_range": ("there is no month {month}; a month is 01 to 12", "ไม่มีเดือนที่ {month} เดือนต้องเป็น 01 ถึง 12"),
    "date_day_range": ("{month} {year} has {days} days", "เดือน{month} ค.ศ. {year} มี {days} วัน"),
    # adversarial review: a named amount no clause refers to was dropped without a word
    "amount_unused": (
        "is not referred to in any clause, so the document does not print it; write {{amount:{key}}} in the "
        "clause that pays it (in both languages), or remove it from amounts",
        "ไม่มีข้อใดอ้างถึง เอกสารจึงไม่พิมพ์จำนวนเงินนี้ ให้เขียน {{amount:{key}}} ในข้อที่กล่าวถึงเงินจำนวนนี้ "
        "(ทั้งสองภาษา) หรือลบออกจาก amounts",
    ),
    "bad_tag": (
        "the tag {tag} is not allowed; write plain text, numbers, dates and lists",
        "ไม่อนุญาตให้ใช้แท็ก {tag} ให้เขียนเป็นข้อความ ตัวเลข วันที่ หรือรายการธรรมดา",
    ),
    "too_many_values": (
        "the file expands to more than {limit} values (through YAML aliases *name?); write the values out instead",
        "ไฟล์นี้ขยายออกเป็นค่ามากกว่า {limit} ค่า (จากการอ้างอิงแบบ *ชื่อ ของ YAML) ให้เขียนค่าออกมาตรง ๆ แทน",
    ),
    # values nested without bound (adversarial review): refused before they are composed
    "too_deep": (
        "the values nest more than {limit} levels deep (brackets or indented lists inside each other); "
        "a record needs a few levels: check the brackets and the indentation here",
        "ค่าในไฟล์ซ้อนกันลึกเกิน {limit} ชั้น (วงเล็บหรือรายการที่ย่อหน้าซ้อนกัน) ข้อมูลแต่ละไฟล์ใช้เพียงไม่กี่ชั้น ให้ตรวจวงเล็บและการย่อหน้าตรงนี้",
    ),
    "not_fields": (
        "the file must hold fields (name: value), one per line",
        "ไฟล์ต้องประกอบด้วยช่องข้อมูลแบบ ชื่อ: ค่า บรรทัดละหนึ่งช่อง",
    ),
    # record files
    "bad_file_id": (
        "the file name '{id}' is not a valid id; rename it with lower-case letters a-z, digits and hyphens only",
        "ชื่อไฟล์ '{id}' ใช้เป็นรหัสไม่ได้ ให้เปลี่ยนชื่อไฟล์โดยใช้อักษรอังกฤษตัวเล็ก a-z ตัวเลข และขีด (-) เท่านั้น",
    ),
    "duplicate_id": (
        "two records have the id '{id}' ({first} and {second}); keep one",
        "มีสองไฟล์ที่ใช้รหัส '{id}' ซ้ำกัน ({first} และ {second}) ให้เหลือไว้ไฟล์เดียว",
    ),
    "no_agreements": (
        "no agreement records found; add agreements/<id>.yaml",
        "ไม่พบบันทึกข้อตกลง ให้เพิ่มไฟล์ agreements/<รหัส>.yaml",
    ),
    # a project folder without agreements/: run from elsewhere, or --root given wrong
    "no_agreements_folder": (
        "has no folder agreements/; run the build in the project folder (the one holding"
        " parties/, agreements/ and templates/) or name it with --root",
        "ไม่มีโฟลเดอร์ agreements/ ให้สั่งสร้างเอกสารในโฟลเดอร์โครงการ (โฟลเดอร์ที่มี parties/ agreements/"
        " และ templates/) หรือระบุโฟลเดอร์นั้นด้วย --root",
    ),
    # fields
    "required": ("is required; add it", "ยังไม่ได้ระบุ ให้เพิ่มช่องนี้"),
    "required_bilingual": ("is required; add it, e.g. {{th: …, en: …}}", "ยังไม่ได้ระบุ ให้เพิ่มช่องนี้ เช่น {{th: …, en: …}}"),
    "unknown_field_guess": (
        "unknown field '{key}'; did you mean '{guess}'?",
        "ไม่รู้จักช่อง '{key}' หมายถึง '{guess}' หรือไม่",
    ),
    "unknown_field": ("unknown field '{key}'; allowed here: {allowed}", "ไม่รู้จักช่อง '{key}' ช่องที่ใช้ได้ตรงนี้คือ {allowed}"),
    "comma_hint": (
        " (a text with a comma inside {{th: …, en: …}} is split there: put the whole text in quotes)",
        " (ข้อความที่มีเครื่องหมายจุลภาค , ภายใน {{th: …, en: …}} จะถูกตัดตรงนั้น ให้ใส่ข้อความทั้งหมดไว้ในเครื่องหมายคำพูด)",
    ),
    "per_language": ("must be given per language, as {{th: …, en: …}}", "ต้องระบุแยกตามภาษา ในรูปแบบ {{th: …, en: …}}"),
    "group_expected": ("must be a group of fields, not {what}", "ต้องเป็นกลุ่มของช่องข้อมูล ไม่ใช่{what}"),
    "text_expected": (
        "must be text, not {what}; put it in quotes if it is a number",
        "ต้องเป็นข้อความ ไม่ใช่{what} ถ้าเป็นตัวเลขให้ใส่เครื่องหมายคำพูดครอบ",
    ),
    "whole_number": ("must be a whole number, not {what}", "ต้องเป็นจำนวนเต็ม ไม่ใช่{what}"),
    "date_expected": (
        "must be a date written YYYY-MM-DD in the common era (e.g. 2020-09-01) or the Thai way "
        "in B.E. (e.g. 1 กันยายน 2563), not {what}",
        "ต้องเป็นวันที่ในรูปแบบ ปปปป-ดด-วว (ค.ศ.) เช่น 2020-09-01 หรือเขียนแบบไทยเป็นปี พ.ศ. เช่น ๑ กันยายน ๒๕๖๓ ไม่ใช่{what}",
    ),
    "list_expected": (
        "must be a list (one '- ' line per entry), not {what}",
        "ต้องเป็นรายการ (บรรทัดละหนึ่งรายการ ขึ้นต้นด้วย '- ') ไม่ใช่{what}",
    ),
    "not_allowed": ("'{value}' is not allowed; use one of {expected}", "ใช้ '{value}' ไม่ได้ ให้เลือกจาก {expected}"),
    "not_allowed_guess": (
        "'{value}' is not allowed; did you mean '{guess}'? (one of {expected})",
        "ใช้ '{value}' ไม่ได้ หมายถึง '{guess}' หรือไม่ (ให้เลือกจาก {expected})",
    ),
    # adversarial review: one party listed said what was wrong, not what to do
    "parties_too_few": (
        "an agreement is between two parties or more; add the other party's id (its file name in parties/), "
        "e.g. parties: [{listed}]",
        "บันทึกข้อตกลงต้องมีคู่ภาคีอย่างน้อยสองฝ่าย ให้เพิ่มรหัสของคู่ภาคีอีกฝ่าย (ชื่อไฟล์ใน parties/) เช่น parties: [{listed}]",
    ),
    "too_short": ("needs at least {n} entries", "ต้องมีอย่างน้อย {n} รายการ"),
    # count messages: one entry, one page said in the singular
    "too_short_one": ("needs at least one entry", "ต้องมีอย่างน้อยหนึ่งรายการ"),
    "at_least": ("must be at least {n}, not {value}", "ต้องไม่น้อยกว่า {n} (ระบุไว้ {value})"),
    "at_most": ("must be at most {n}, not {value}", "ต้องไม่เกิน {n} (ระบุไว้ {value})"),
    "not_amount": (
        "'{value}' is not an amount; write a number with at most two decimals and no "
        "commas or currency, e.g. 150000 or 150000.50",
        "'{value}' ไม่ใช่จำนวนเงิน ให้เขียนเป็นตัวเลขอารบิก ทศนิยมไม่เกินสองตำแหน่ง ไม่มีจุลภาคหรือหน่วยเงิน เช่น 150000 หรือ 150000.50",
    ),
    # adversarial inputs: a short or collective name written in the quotes the document adds
    "quoted_term": (
        "is written in the quotation mark {mark}, but the document puts it in quotation marks itself "
        "(hereinafter referred to as “…”); write it without, or it prints twice quoted",
        "เขียนเครื่องหมายคำพูด {mark} ไว้ด้วย แต่เอกสารใส่เครื่องหมายคำพูดให้เอง "
        "(ซึ่งต่อไปในบันทึกข้อตกลงนี้เรียกว่า “…”) ให้เขียนโดยไม่มีเครื่องหมายคำพูด มิฉะนั้นจะพิมพ์ซ้ำสองชั้น",
    ),
    # adversarial review: what the document prints before a field, typed into the field again
    "name_repeats_prefix": (
        "begins with '{prefix}', which prefix: already gives, so the page would print it twice; "
        "write the name without it: {name}",
        "ขึ้นต้นด้วย '{prefix}' ซึ่งมีอยู่ใน prefix: แล้ว เอกสารจะพิมพ์ซ้ำสองครั้ง ให้เขียนชื่อโดยไม่มีคำนำหน้า: {name}",
    ),
    "position_repeats_lead": (
        "begins with '{lead}', which the document already prints before the position (โดย … {lead} …), "
        "so the page would say it twice; write the position alone: {position}",
        "ขึ้นต้นด้วย '{lead}' ซึ่งเอกสารพิมพ์ไว้หน้าตำแหน่งให้แล้ว (โดย … {lead} …) จะพิมพ์ซ้ำสองครั้ง ให้เขียนเฉพาะชื่อตำแหน่ง: {position}",
    ),
    "address_repeats_lead": (
        "begins with '{lead}', but the document already prints '{printed}' before the address, so the page "
        "would say it twice; write the address alone, from its house number or building",
        "ขึ้นต้นด้วย '{lead}' แต่เอกสารพิมพ์ '{printed}' ไว้หน้าที่อยู่ให้แล้ว จะพิมพ์ซ้ำ ให้เขียนเฉพาะที่อยู่ โดยเริ่มจากเลขที่หรือชื่ออาคาร",
    ),
    # adversarial inputs: an amount longer than the model holds is too large, not malformed
    "amount_too_large": (
        "'{value}' has more than the {n} digits an amount may have; check the amount (a budget of a "
        "trillion baht has 13)",
        "'{value}' มีตัวเลขเกิน {n} หลักที่จำนวนเงินมีได้ ให้ตรวจสอบจำนวนเงิน (งบประมาณหนึ่งล้านล้านบาทมี 13 หลัก)",
    ),
    # adversarial review: a budget or a named amount of 0 baht printed ๐ บาท (ศูนย์บาทถ้วน)
    "budget_zero": (
        "is 0; write the amount, or remove budget: when the agreement commits no money",
        "เป็น 0 ให้เขียนจำนวนเงิน หรือลบช่อง budget: ออกหากบันทึกข้อตกลงนี้ไม่ผูกพันงบประมาณ",
    ),
    "amount_zero": (
        "is 0, which prints ๐ บาท (ศูนย์บาทถ้วน); write the amount, or remove it and its {{amount:…}} "
        "and say in the text that no money is paid",
        "เป็น 0 ซึ่งจะพิมพ์เป็น ๐ บาท (ศูนย์บาทถ้วน) ให้เขียนจำนวนเงิน หรือลบจำนวนนี้และ {{amount:…}} ที่อ้างถึงออก "
        "แล้วเขียนในข้อความว่าไม่มีการจ่ายเงิน",
    ),
    # adversarial review: a clause left with its heading only printed an empty clause
    "clause_empty": (
        "has neither text nor items; write text: {{th: …, en: …}} or items:, or remove the clause",
        "ไม่มีทั้งข้อความ (text) และข้อย่อย (items) ให้เขียน text: {{th: …, en: …}} หรือ items: หรือลบข้อนี้ออก",
    ),
    "blank_required": (
        "is empty; write it, e.g. {{th: …, en: …}}",
        "ว่างเปล่า ให้เขียนข้อความ เช่น {{th: …, en: …}}",
    ),
    "list_empty_required": (
        "is empty; add the entries, one '- ' line each",
        "ว่างเปล่า ให้เพิ่มรายการ บรรทัดละหนึ่งรายการ ขึ้นต้นด้วย '- '",
    ),
    "list_empty": (
        "is empty; add the entries (one '- ' line each) or delete the line",
        "ว่างเปล่า ให้เพิ่มรายการ (บรรทัดละหนึ่งรายการ ขึ้นต้นด้วย '- ') หรือลบบรรทัดนี้ออก",
    ),
    "empty_text": ("is empty; write the text or remove the field", "ว่างเปล่า ให้เขียนข้อความ หรือลบช่องนี้ออก"),
    "control_character": (
        "contains the control character U+{code} at character {index}; delete it "
        "(it often comes from copying out of another program)",
        "มีอักขระควบคุม U+{code} ที่ตำแหน่งอักขระที่ {index} ให้ลบออก (มักติดมาจากการคัดลอกจากโปรแกรมอื่น)",
    ),
    # hostile input: characters, Thai spelling and size limits (language/characters.py, records)
    "direction_character": (
        "contains the direction control U+{code} {name} at character {index}; delete it (it makes the page "
        "show the text in another order than the one checked and stored)",
        "มีอักขระกำหนดทิศทางข้อความ U+{code} {name} ที่ตำแหน่งอักขระที่ {index} ให้ลบออก "
        "(อักขระนี้ทำให้หน้ากระดาษแสดงข้อความเรียงต่างจากข้อความที่ตรวจและจัดเก็บไว้)",
    ),
    "invisible_character": (
        "contains the invisible character U+{code} {name} at character {index}; delete it (it prints as "
        "nothing but stays in copies and searches, so the text does not match what is seen)",
        "มีอักขระที่มองไม่เห็น U+{code} {name} ที่ตำแหน่งอักขระที่ {index} ให้ลบออก "
        "(อักขระนี้ไม่ปรากฏบนหน้ากระดาษ แต่ติดไปกับการคัดลอกและการค้นหา ทำให้ข้อความไม่ตรงกับที่เห็น)",
    ),
    # hostile input: spaces of fixed widths (language/characters.py ODD_SPACES)
    "odd_space": (
        "contains the space U+{code} {name} at character {index}; type an ordinary space instead, or none "
        "inside a number (it prints as a blank a line never breaks at, and PDF viewers copy it differently)",
        "มีอักขระเว้นวรรค U+{code} {name} ที่ตำแหน่งอักขระที่ {index} ให้พิมพ์เว้นวรรคธรรมดาแทน หรือไม่เว้นวรรคหากอยู่ในตัวเลข "
        "(อักขระนี้พิมพ์เป็นช่องว่างที่ตัดบรรทัดไม่ได้ และโปรแกรมอ่าน PDF แต่ละโปรแกรมคัดลอกออกมาไม่เหมือนกัน)",
    ),
    # adversarial review: a full-width digit or letter (１０,０００) names the one to type
    "font_cannot_draw_full_width": (
        "contains the full-width U+{code} {name} at character {index}, which the bundled font {font} cannot "
        "draw; type the ordinary {plain} instead",
        "มีอักขระเต็มความกว้าง U+{code} {name} ที่ตำแหน่งอักขระที่ {index} ซึ่งแบบอักษร {font} ของโครงการแสดงไม่ได้ "
        "ให้พิมพ์ {plain} ธรรมดาแทน",
    ),
    "yaml_line_break": (
        "the line-break character U+{code} {name} is not allowed (YAML reads it as a new line, editors do "
        "not); delete it, or press Enter for a new line",
        "ไม่อนุญาตให้ใช้อักขระขึ้นบรรทัด U+{code} {name} (YAML อ่านเป็นการขึ้นบรรทัดใหม่ แต่โปรแกรมแก้ไขข้อความไม่อ่านเช่นนั้น) "
        "ให้ลบออก หรือกด Enter เพื่อขึ้นบรรทัดใหม่",
    ),
    "font_cannot_draw": (
        "contains U+{code} {name} at character {index}, which the bundled font {font} cannot draw; "
        "replace it with a character the font has, or delete it",
        "มีอักขระ U+{code} {name} ที่ตำแหน่งอักขระที่ {index} ซึ่งแบบอักษร {font} ของโครงการแสดงไม่ได้ "
        "ให้เปลี่ยนเป็นอักขระที่แบบอักษรมี หรือลบออก",
    ),
    "thai_lookalike": (
        "contains the Lao letter U+{code} {name}, which looks like Thai but is not; write the Thai {thai} instead",
        "มีอักษรลาว U+{code} {name} ซึ่งดูคล้ายอักษรไทยแต่ไม่ใช่ ให้พิมพ์อักษรไทย {thai} แทน",
    ),
    # adversarial review: a name written in Lao letters (a partner's own name) is no mistyped Thai
    "lao_word": (
        "contains the Lao word '{word}', which the bundled font {font} cannot draw; write it in Thai letters "
        "or delete it",
        "มีคำภาษาลาว '{word}' ซึ่งแบบอักษร {font} ของโครงการแสดงไม่ได้ ให้เขียนด้วยอักษรไทย หรือลบออก",
    ),
    # adversarial inputs: a Latin word with a Cyrillic or Greek letter that looks Latin
    "cyrillic_lookalike": (
        "contains the Cyrillic letter U+{code} {name} in a word of Latin letters; it looks like {latin} but is "
        "not, so searches and the cross-language checks miss the word: write the Latin {latin} instead",
        "มีอักษรซีริลลิก U+{code} {name} อยู่ในคำที่เขียนด้วยอักษรละติน ซึ่งดูเหมือน {latin} แต่ไม่ใช่ "
        "จึงค้นหาและตรวจเทียบสองภาษาไม่พบคำนี้ ให้พิมพ์ {latin} ของอักษรละตินแทน",
    ),
    "greek_lookalike": (
        "contains the Greek letter U+{code} {name} in a word of Latin letters; it looks like {latin} but is "
        "not, so searches and the cross-language checks miss the word: write the Latin {latin} instead",
        "มีอักษรกรีก U+{code} {name} อยู่ในคำที่เขียนด้วยอักษรละติน ซึ่งดูเหมือน {latin} แต่ไม่ใช่ "
        "จึงค้นหาและตรวจเทียบสองภาษาไม่พบคำนี้ ให้พิมพ์ {latin} ของอักษรละตินแทน",
    ),
    # adversarial inputs: a letter not in its one canonical form (Unicode NFC)
    # adversarial review: accents pasted onto Thai letters, or stacked, printed over the line above
    "foreign_mark_on_thai": (
        "puts U+{code} {name} on the Thai letter {letter}, a mark Thai does not have: it prints over or under the "
        "letter; delete it",
        "มี U+{code} {name} อยู่บนอักษรไทย {letter} ซึ่งไม่ใช่เครื่องหมายของภาษาไทย จะพิมพ์ซ้อนบนหรือใต้อักษร ให้ลบออก",
    ),
    "stacked_marks": (
        "has {count} combining marks on {letter}, which print stacked over the line above; keep at most two, "
        "or delete them (U+{code} {name} is the third)",
        "มีเครื่องหมายประกอบ {count} ตัวซ้อนกันบน {letter} ซึ่งจะพิมพ์ทับบรรทัดข้างบน ให้เหลือไม่เกินสองตัว "
        "หรือลบออก (U+{code} {name} เป็นตัวที่สาม)",
    ),
    "mark_without_letter": (
        "has U+{code} {name}, a mark with no letter under it; delete it, or type it right after its letter",
        "มี U+{code} {name} ซึ่งเป็นเครื่องหมายที่ไม่มีอักษรรองรับ ให้ลบออก หรือพิมพ์ต่อจากอักษรของมัน",
    ),
    "decomposed_character": (
        "writes {base} and U+{code} {name} as two characters; write {composed}, one character "
        "(it prints the same, but searches and the checks read the two differently)",
        "เขียน {base} กับ U+{code} {name} เป็นอักขระสองตัว ให้เขียน {composed} เป็นอักขระตัวเดียว "
        "(พิมพ์ออกมาเหมือนกัน แต่การค้นหาและการตรวจอ่านเป็นคนละข้อความ)",
    ),
    "noncanonical_character": (
        "contains U+{code} {name}, which is written {canonical} (U+{canonical_code}); write that instead "
        "(it prints the same, but searches and the checks read the two differently)",
        "มี U+{code} {name} ซึ่งเขียนมาตรฐานเป็น {canonical} (U+{canonical_code}) ให้เขียนตัวนั้นแทน "
        "(พิมพ์ออกมาเหมือนกัน แต่การค้นหาและการตรวจอ่านเป็นคนละข้อความ)",
    ),
    # adversarial inputs: one number in two sets of digits (๑0), a slip that reads ambiguously
    "mixed_digits": (
        "writes the number {number} in Thai and Arabic digits at once; write {thai} or {arabic}",
        "เขียนตัวเลข {number} ด้วยเลขไทยปนเลขอารบิก ให้เขียน {thai} หรือ {arabic}",
    ),
    "thai_lakkhangyao": (
        "has ๅ (lakkhangyao), which Thai writes only after ฤ or ฦ; write {fix} (with า, sara aa)",
        "ใช้ ๅ (ลากข้าง) ซึ่งใช้ได้เฉพาะหลัง ฤ หรือ ฦ ให้เขียน {fix} (ใช้สระอา า)",
    ),
    "thai_double_sara_e": (
        "has two เ (sara e) where Thai writes one แ (sara ae); write {fix}",
        "พิมพ์สระเอ เ สองตัวแทนสระแอ แ ให้เขียน {fix}",
    ),
    "thai_no_base": (
        "has the mark {mark} with no letter under it; type it right after the consonant it belongs to, or delete it",
        "มีเครื่องหมาย {mark} ที่ไม่มีพยัญชนะรองรับ ให้พิมพ์ต่อจากพยัญชนะที่เป็นของมันทันที หรือลบออก",
    ),
    "thai_doubled_mark": (
        "has the mark {mark} twice on one letter; write {fix}",
        "มีเครื่องหมาย {mark} ซ้ำสองครั้งบนอักษรตัวเดียว ให้เขียน {fix}",
    ),
    "thai_two_marks": (
        "has two marks of one kind, {first} and {second}, on one letter; keep only the right one",
        "มีเครื่องหมายชนิดเดียวกันสองตัว ({first} และ {second}) บนอักษรตัวเดียว ให้เหลือไว้เฉพาะตัวที่ถูกต้อง",
    ),
    "thai_mark_order": (
        "has the mark {tone} typed before the vowel {vowel}; write {fix} (vowel before tone)",
        "พิมพ์เครื่องหมาย {tone} ก่อนสระ {vowel} ให้เขียน {fix} (พิมพ์สระก่อนวรรณยุกต์)",
    ),
    "thai_sara_am": (
        "has ํ (nikhahit) and า typed for ำ (sara am); write {fix}",
        "พิมพ์นิคหิต ํ กับสระอา า แทนสระอำ ำ ให้เขียน {fix}",
    ),
    "text_too_long": (
        "is {length} characters long, more than the {limit} a text may have; shorten it or split it into clauses or items",
        "ยาว {length} อักขระ เกินกว่าที่ข้อความหนึ่งช่องมีได้ ({limit} อักขระ) ให้ย่อ หรือแบ่งเป็นหลายข้อหรือหลายข้อย่อย",
    ),
    # adversarial inputs: a line break inside a text prints as a space
    "line_break_in_text": (
        "has a line break after '{before}', which prints as a space: a text is one paragraph; write a list "
        "under items: (numbered), another paragraph as another clause, or join the lines (without |)",
        "มีการขึ้นบรรทัดใหม่หลัง '{before}' ซึ่งจะพิมพ์เป็นการเว้นวรรค ข้อความหนึ่งช่องเป็นย่อหน้าเดียว "
        "ให้เขียนรายการไว้ใต้ items: (มีเลขข้อย่อย) เขียนย่อหน้าอื่นเป็นข้ออื่น หรือเขียนต่อกันในบรรทัดเดียว (ไม่ใช้ |)",
    ),
    "file_too_large": (
        "the file is {size} bytes, more than the {limit} a record may have; a record is text only: "
        "check it is the right file, or split it",
        "ไฟล์มีขนาด {size} ไบต์ เกินกว่าที่บันทึกหนึ่งไฟล์มีได้ ({limit} ไบต์) บันทึกมีเพียงข้อความ "
        "ให้ตรวจว่าเป็นไฟล์ที่ถูกต้อง หรือแบ่งออกเป็นหลายไฟล์",
    ),
    "too_many_entries": (
        "has {n} entries, more than the {limit} allowed here",
        "มี {n} รายการ เกินกว่าที่มีได้ ({limit} รายการ)",
    ),
    "sexagesimal": (
        '{value} is read by YAML as a time of day, that is a base-60 number, not as text; put it in quotes: "{value}"',
        '{value} ถูก YAML อ่านเป็นเวลา (ตัวเลขฐานหกสิบ) ไม่ใช่ข้อความ ให้ใส่เครื่องหมายคำพูดครอบ: "{value}"',
    ),
    "bad_id": (
        "'{value}' is not a valid id; use lower-case letters a-z, digits and hyphens, starting "
        "and ending with a letter or digit (e.g. chumphae-district)",
        "'{value}' ใช้เป็นรหัสไม่ได้ ให้ใช้อักษรอังกฤษตัวเล็ก a-z ตัวเลข และขีด (-) "
        "ขึ้นต้นและลงท้ายด้วยอักษรหรือตัวเลข เช่น chumphae-district",
    ),
    "bad_version": (
        "'{value}' is not a valid version; use letters, digits, dots and hyphens, starting "
        'and ending with a letter or digit (e.g. "1.0" or "2.1-draft")',
        '\'{value}\' ใช้เป็นรุ่นไม่ได้ ให้ใช้อักษรอังกฤษ ตัวเลข จุด และขีด ขึ้นต้นและลงท้ายด้วยอักษรหรือตัวเลข เช่น "1.0" หรือ "2.1-draft"',
    ),
    # records: a version named like the redlines' folders beside the versions (output/<id>/diff-<old>-<new>/)
    "version_is_redline_folder": (
        "'{value}' is named like the folder of a redline (diff-<old>-<new>), which the diff command "
        "writes beside the versions in output/<agreement>/ and would replace; choose a version "
        'that does not start with diff- (e.g. "1.1")',
        "'{value}' มีชื่อแบบโฟลเดอร์ของเอกสารเปรียบเทียบฉบับ (diff-<รุ่นเดิม>-<รุ่นใหม่>) ที่คำสั่ง diff "
        "เขียนไว้ข้างโฟลเดอร์ของแต่ละรุ่นใน output/<ข้อตกลง>/ และจะเขียนทับ ให้ตั้งชื่อรุ่นที่ไม่ขึ้นต้นด้วย diff- "
        '(เช่น "1.1")',
    ),
    "number_expected": (
        "must be a number such as 150000 or 150000.50, without commas",
        "ต้องเป็นตัวเลข เช่น 150000 หรือ 150000.50 โดยไม่มีจุลภาค",
    ),
    # adversarial inputs: a common-era date before B.E. was C.E. + 543 for the whole year
    "before_thai_calendar": (
        "{value} is before 1 January 1941 (B.E. 2484), from which the Thai year is the common-era year + 543; "
        "check the year",
        "{value} อยู่ก่อนวันที่ 1 มกราคม 1941 (พ.ศ. 2484) ซึ่งเป็นวันที่ปี พ.ศ. เริ่มเท่ากับปี ค.ศ. + 543 ให้ตรวจสอบปี",
    ),
    # adversarial review: a common-era date centuries ahead (9999-12-31, 2204 for 2024) was printed พ.ศ. ๑๐๕๔๒
    "after_thai_calendar": (
        "{value} is after 31 December 2157 (B.E. 2700), the last date mou reads, as for a date written the "
        "Thai way; check the year",
        "{value} อยู่หลังวันที่ 31 ธันวาคม 2157 (พ.ศ. 2700) ซึ่งเป็นวันสุดท้ายที่โปรแกรมอ่านได้ เช่นเดียวกับวันที่ที่เขียนแบบไทย ให้ตรวจสอบปี",
    ),
    "buddhist_year": (
        "{value} looks like a Buddhist-era year; write the common-era date {ce} (B.E. − 543)",
        "{value} ดูเหมือนใช้ปีพุทธศักราช ให้เขียนวันที่เป็นปีคริสต์ศักราช {ce} (พ.ศ. − 543)",
    ),
    "buddhist_year_no_date": (
        "{value} looks like a Buddhist-era year, but {ce} (B.E. − 543) is not a real date either; "
        "write an existing common-era date as YYYY-MM-DD",
        "{value} ดูเหมือนใช้ปีพุทธศักราช แต่ {ce} (พ.ศ. − 543) ก็ไม่ใช่วันที่ที่มีอยู่จริง "
        "ให้เขียนวันที่ที่มีอยู่จริงเป็นปีคริสต์ศักราชในรูปแบบ ปปปป-ดด-วว",
    ),
    # drafts written by `new` (drafts.py)
    "placeholder": (
        "'{value}' is a placeholder; write the real value (the comment above it says what goes there)",
        "'{value}' ยังเป็นช่องให้กรอก ให้เขียนข้อมูลจริงแทน (คำอธิบายอยู่ในบรรทัดข้างบน)",
    ),
    # dates written the Thai way, read as B.E. (eras.py)
    # a date YAML read as text: quoted, one-digit month or day, or in digits alone (29/02/2567)
    "iso_date_quoted": (
        "'{value}' is in quotes, which makes it text, not a date; write it without the quotes: {iso}",
        "'{value}' อยู่ในเครื่องหมายคำพูด จึงเป็นข้อความ ไม่ใช่วันที่ ให้เขียนโดยไม่มีเครื่องหมายคำพูด: {iso}",
    ),
    "iso_date_digits": (
        "'{value}' is not read as a date; write the common-era date as YYYY-MM-DD, in Arabic digits with "
        "hyphens and two digits for the month and the day: {iso}",
        "'{value}' ไม่ถูกอ่านเป็นวันที่ ให้เขียนวันที่ ค.ศ. ในรูปแบบ ปปปป-ดด-วว เป็นเลขอารบิก คั่นด้วยขีด "
        "และมีเดือนและวันอย่างละสองหลัก: {iso}",
    ),
    "date_with_time": (
        "'{value}' has a time of day; write the date alone: {iso}",
        "'{value}' มีเวลาด้วย ให้เขียนเฉพาะวันที่: {iso}",
    ),
    "date_with_weekday": (
        "'{value}' names the day of the week, which the document does not print (it writes วันที่ … itself); write {date}",
        "'{value}' ระบุวันในสัปดาห์ ซึ่งเอกสารไม่ได้พิมพ์ (เอกสารพิมพ์คำว่า วันที่ … เอง) ให้เขียน {date}",
    ),
    "digits_only_date": (
        "'{value}' is a date in digits alone, whose order and era mou cannot tell; write {thai} (the Thai way, "
        "B.E.) or {iso} (common era)",
        "'{value}' เป็นวันที่ที่เขียนด้วยตัวเลขล้วน ซึ่งโปรแกรมบอกไม่ได้ว่าเรียงวันเดือนอย่างไรและเป็นปีศักราชใด "
        "ให้เขียน {thai} (แบบไทย ปี พ.ศ.) หรือ {iso} (ปี ค.ศ.)",
    ),
    "thai_date_form": (
        "'{value}' is not a date mou can read; write it the Thai way in B.E., day month year "
        "(๒๙ กุมภาพันธ์ ๒๕๖๗ or 29 ก.พ. 2567), or in the common era as YYYY-MM-DD (2024-02-29)",
        "'{value}' ไม่ใช่วันที่ที่โปรแกรมอ่านได้ ให้เขียนแบบไทยเป็นปี พ.ศ. เรียง วัน เดือน ปี "
        "(๒๙ กุมภาพันธ์ ๒๕๖๗ หรือ 29 ก.พ. 2567) หรือเขียนเป็นปี ค.ศ. ในรูปแบบ ปปปป-ดด-วว (2024-02-29)",
    ),
    "thai_date_month_guess": (
        "'{month}' is not a Thai month name; did you mean {guess}?",
        "'{month}' ไม่ใช่ชื่อเดือนภาษาไทย หมายถึง {guess} หรือไม่",
    ),
    "thai_date_month": (
        "'{month}' is not a Thai month name; write one of {months}, or its abbreviation (ม.ค. … ธ.ค.)",
        "'{month}' ไม่ใช่ชื่อเดือนภาษาไทย ให้เขียนชื่อเดือนใดเดือนหนึ่ง ได้แก่ {months} หรือชื่อย่อ (ม.ค. … ธ.ค.)",
    ),
    "thai_date_english_month": (
        "'{value}': a date written with a month name is read the Thai way, in B.E.; write {thai} "
        "(B.E.), or the common-era date as {iso}",
        "'{value}' วันที่ที่เขียนด้วยชื่อเดือนจะอ่านแบบไทยเป็นปี พ.ศ. ให้เขียน {thai} (พ.ศ.) หรือเขียนเป็นปี ค.ศ. ว่า {iso}",
    ),
    # adversarial inputs: a Thai-written date that names the common era (ค.ศ.)
    "thai_date_ce_era": (
        "'{value}': a date written the Thai way takes a B.E. year; write {be} (C.E. + 543), "
        "or the common-era date as {iso}",
        "'{value}' วันที่ที่เขียนแบบไทยต้องใช้ปี พ.ศ. ให้เขียน {be} (ค.ศ. + 543) หรือเขียนเป็นปี ค.ศ. ว่า {iso}",
    ),
    "thai_date_ce_year": (
        "'{value}' is written the Thai way, so its year is B.E., but {year} looks like a common-era "
        "year; write the B.E. year {be} (C.E. + 543), or the common-era date as {iso}",
        "'{value}' เขียนแบบไทย จึงอ่านปีเป็น พ.ศ. แต่ {year} ดูเหมือนเป็นปี ค.ศ. ให้เขียนปี พ.ศ. {be} "
        "(ค.ศ. + 543) หรือเขียนเป็นปี ค.ศ. ว่า {iso}",
    ),
    "thai_date_short_year": (
        "'{value}': write the B.E. year in full, {be}",
        "'{value}' ให้เขียนปี พ.ศ. เต็มสี่หลัก คือ {be}",
    ),
    "thai_date_year": (
        "'{value}': {year} is not a B.E. year mou reads; a Thai-written date needs a B.E. year "
        "from {first} to {last}, such as 2567",
        "'{value}' ปี {year} ไม่ใช่ปี พ.ศ. ที่โปรแกรมอ่านได้ วันที่ที่เขียนแบบไทยต้องเป็นปี พ.ศ. ตั้งแต่ {first} ถึง {last} เช่น ๒๕๖๗",
    ),
    "thai_date_no_day": (
        "'{value}' does not exist: {month} B.E. {year} has {days} days; write a day from 1 to {days}",
        "'{value}' ไม่มีอยู่จริง เดือน{month} พ.ศ. {year} มี {days} วัน ให้เขียนวันที่ 1 ถึง {days}",
    ),
    # a date written in a clause's text that is not in the calendar (crosscheck.missing_date_findings)
    "date_no_day_ce": (
        "'{value}' does not exist: {month} {year} has {days} days; write a day from 1 to {days}",
        "'{value}' ไม่มีอยู่จริง เดือน{month} ค.ศ. {year} มี {days} วัน ให้เขียนวันที่ 1 ถึง {days}",
    ),
    "date_no_day_any": (
        "'{value}' does not exist: {month} has at most {days} days; write a day from 1 to {days}",
        "'{value}' ไม่มีอยู่จริง เดือน{month} มีไม่เกิน {days} วัน ให้เขียนวันที่ 1 ถึง {days}",
    ),
    # adversarial review: Thai digits, or a Thai text pasted into English, printed in the English edition
    "xc_thai_digits_in_english": (
        "writes {number} in Thai digits, which the English edition's readers do not read; write {arabic}",
        "เขียน {number} เป็นเลขไทยในข้อความภาษาอังกฤษ ซึ่งผู้อ่านฉบับภาษาอังกฤษอ่านไม่ได้ ให้เขียน {arabic}",
    ),
    "xc_english_in_thai_letters": (
        "the English text is written in Thai letters, so the English edition would print Thai; write the English text",
        "ข้อความภาษาอังกฤษเขียนด้วยอักษรไทย ฉบับภาษาอังกฤษจะพิมพ์เป็นภาษาไทย ให้เขียนข้อความภาษาอังกฤษ",
    ),
    # adversarial review: a weekday written before or after a date that falls on another day
    "xc_weekday": (
        "'{value}' is a {actual}, not a {written}; fix the day of the week or the date, so that the text names one day",
        "'{value}' ตรงกับวัน{actual} ไม่ใช่วัน{written} ให้แก้ชื่อวันหรือวันที่ให้ตรงกัน เพื่อให้ข้อความระบุวันเดียว",
    ),
    # numbers as written (numbers.py): "<what to write>; <what is wrong>"
    "nw_amount": (
        "write the amount in plain digits, e.g. 150000 or 150000.50; {reason}",
        "ให้เขียนจำนวนเงินเป็นตัวเลขอารบิกธรรมดา เช่น 150000 หรือ 150000.50 เพราะ {reason}",
    ),
    "nw_count": (
        "must be a whole number in plain digits, e.g. 2; {reason}",
        "ต้องเป็นจำนวนเต็มที่เขียนด้วยตัวเลขอารบิกธรรมดา เช่น 2 เพราะ {reason}",
    ),
    "nw_yes_no": ("'{value}' is a yes/no word, not a number", "'{value}' เป็นคำตอบใช่/ไม่ใช่ ไม่ใช่ตัวเลข"),
    "nw_thai_digits": ("'{value}' has Thai digits; use 0-9", "'{value}' ใช้เลขไทย ให้ใช้เลขอารบิก 0-9"),
    "nw_not_finite": ("'{value}' is not a finite number", "'{value}' ไม่ใช่จำนวนที่มีค่าจำกัด"),
    "nw_base": (
        "'{value}' is written in hexadecimal, octal or binary",
        "'{value}' เขียนเป็นเลขฐานสิบหก ฐานแปด หรือฐานสอง",
    ),
    "nw_colon": (
        "'{value}' has a colon, which YAML reads as minutes:seconds (base 60)",
        "'{value}' มีเครื่องหมาย : ซึ่ง YAML อ่านเป็นนาที:วินาที (ฐานหกสิบ)",
    ),
    "nw_separator": (
        "'{value}' has thousands separators; write the digits without commas, underscores or spaces",
        "'{value}' มีเครื่องหมายคั่นหลักพัน ให้เขียนตัวเลขติดกันโดยไม่มีจุลภาค ขีดล่าง หรือเว้นวรรค",
    ),
    "nw_negative_zero": ("'{value}' is a negative zero; write 0", "'{value}' เป็นศูนย์ติดลบ ให้เขียน 0"),
    "nw_sign": ("'{value}' has a plus sign; leave it out", "'{value}' มีเครื่องหมายบวก ให้ตัดออก"),
    "nw_leading_zero": (
        "'{value}' has a leading zero (YAML would read it as octal)",
        "'{value}' ขึ้นต้นด้วยเลขศูนย์ (YAML จะอ่านเป็นเลขฐานแปด)",
    ),
    "nw_exponent": ("'{value}' is in exponent notation", "'{value}' เขียนในรูปเลขยกกำลัง"),
    "nw_decimals": ("'{value}' has more than two decimals", "'{value}' มีทศนิยมเกินสองตำแหน่ง"),
    "nw_fraction": ("'{value}' is not a whole number", "'{value}' ไม่ใช่จำนวนเต็ม"),
    "nw_not_number": ("'{value}' is not a number", "'{value}' ไม่ใช่ตัวเลข"),
    # references between records
    "originals_too_few": (
        "{n} is fewer than the {parties} parties; each party keeps one original, so write originals: {parties} or more",
        "{n} ฉบับน้อยกว่าจำนวนคู่ภาคี {parties} ฝ่าย แต่ละฝ่ายต้องยึดถือไว้ฝ่ายละหนึ่งฉบับ ให้ระบุ originals: {parties} หรือมากกว่า",
    ),
    # two parties, or a party and all of them, called by one name in the text
    # adversarial review: one organization under two ids printed as two parties, its signatory signing twice
    "same_organization": (
        "'{id}' is named “{name}”, as '{first}' already is: one organization would be printed as two parties, "
        "each signing; list it once (delete one of the two ids), or correct the name in parties/{id}.yaml",
        "'{id}' มีชื่อ “{name}” ซ้ำกับ '{first}' หน่วยงานเดียวจะถูกพิมพ์เป็นสองฝ่ายและลงนามสองครั้ง "
        "ให้ระบุเพียงครั้งเดียว (ลบรหัสใดรหัสหนึ่งออก) หรือแก้ชื่อใน parties/{id}.yaml",
    ),
    "short_name_twice": (
        "'{id}' is called “{name}”, as {first} already is, so the text would not say which is meant;"
        " give parties/{id}.yaml a short_name of its own",
        "'{id}' มีชื่อย่อ “{name}” ซ้ำกับ {first} ข้อความจึงไม่บอกว่าหมายถึงฝ่ายใด"
        " ให้กำหนด short_name ใน parties/{id}.yaml ที่ไม่ซ้ำกับฝ่ายอื่น",
    ),
    # a collective name written for two parties, which the text never prints
    "collective_name_two": (
        "is printed only for three parties or more (two are ทั้งสองฝ่าย / both Parties), so it would not appear;"
        " remove it",
        "ใช้เฉพาะเมื่อมีคู่ภาคีตั้งแต่สามฝ่ายขึ้นไป (สองฝ่ายเรียกว่า ทั้งสองฝ่าย / both Parties) จึงจะไม่ปรากฏในเอกสาร ให้ลบออก",
    ),
    # a title block naming one side only
    "between_one_side": (
        "has one line, so the title names one side only; write a line for each side (at least two),"
        " or leave between out to print each party's name",
        "มีเพียงบรรทัดเดียว ชื่อเรื่องจึงระบุเพียงฝ่ายเดียว ให้เขียนบรรทัดละหนึ่งฝ่าย (อย่างน้อยสองบรรทัด)"
        " หรือลบช่อง between ออกเพื่อพิมพ์ชื่อคู่ภาคีทุกฝ่าย",
    ),
    # adversarial review: languages: [th, th] built the Thai edition alone, without a word
    "language_twice": (
        "'{language}' is listed twice, so only one edition is built; list each language once "
        "(languages: [th, en] for both editions)",
        "ระบุ '{language}' ซ้ำสองครั้ง จึงสร้างเอกสารได้ภาษาเดียว ให้ระบุแต่ละภาษาเพียงครั้งเดียว "
        "(languages: [th, en] สำหรับทั้งสองภาษา)",
    ),
    "listed_twice": ("'{id}' is listed twice; list each party once", "ระบุ '{id}' ซ้ำสองครั้ง ให้ระบุแต่ละฝ่ายเพียงครั้งเดียว"),
    "no_party_guess": (
        "no party '{id}' in parties/; did you mean '{guess}'?",
        "ไม่พบคู่ภาคี '{id}' ในโฟลเดอร์ parties/ หมายถึง '{guess}' หรือไม่",
    ),
    "no_party": (
        "no party '{id}' in parties/; create parties/{id}.yaml",
        "ไม่พบคู่ภาคี '{id}' ในโฟลเดอร์ parties/ ให้สร้างไฟล์ parties/{id}.yaml",
    ),
    # who signs, per agreement (signatories:)
    "signatory_not_party_guess": (
        "'{id}' is not one of this agreement's parties; did you mean '{guess}'?",
        "'{id}' ไม่ใช่คู่ภาคีของบันทึกข้อตกลงนี้ หมายถึง '{guess}' หรือไม่",
    ),
    "signatory_not_party": (
        "'{id}' is not one of this agreement's parties ({parties}); use an id listed under parties:, or remove it",
        "'{id}' ไม่ใช่คู่ภาคีของบันทึกข้อตกลงนี้ ({parties}) ให้ใช้รหัสคู่ภาคีที่ระบุไว้ใน parties: หรือลบออก",
    ),
    "ends_before_start": (
        "ends ({end}) before it starts ({start}); fix one of the dates",
        "วันสิ้นสุด ({end}) อยู่ก่อนวันเริ่มต้น ({start}) ให้แก้วันที่ใดวันที่หนึ่ง",
    ),
    # a signing date after the last day in force (a year mistyped): the agreement would bind no one
    "signed_after_end": (
        "is signed on {date}, after the agreement ends ({end}); fix the year of one of the dates",
        "ลงนามวันที่ {date} ซึ่งอยู่หลังวันสิ้นสุดของบันทึกข้อตกลง ({end}) ให้แก้ปีของวันที่ใดวันที่หนึ่ง",
    ),
    # adversarial inputs: the message says which language to write (no Python list)
    "prevailing_not_used": (
        "'{language}' is not one of the agreement's languages ({languages}); write prevailing_language: {first}, "
        "or add {language} to languages",
        "'{language}' ไม่ได้อยู่ในภาษาของบันทึกข้อตกลงนี้ ({languages}) ให้เขียน prevailing_language: {first} "
        "หรือเพิ่ม {language} ในช่อง languages",
    ),
    "bilingual_needs_both": (
        "a side-by-side edition needs both Thai and English; add th and en to "
        "languages (languages: [th, en]) or remove bilingual_edition",
        "ฉบับสองภาษาคู่กันต้องมีทั้งภาษาไทยและภาษาอังกฤษ ให้ระบุ languages: [th, en] หรือลบช่อง bilingual_edition ออก",
    ),
    "yes_no_expected": ("must be true or false, not {what}", "ต้องเป็น true หรือ false ไม่ใช่{what}"),
    "no_template": (
        "no template '{name}' in templates/; use one of {names}",
        "ไม่พบแม่แบบ '{name}' ในโฟลเดอร์ templates/ ให้เลือกจาก {names}",
    ),
    # adversarial review: a project copied without templates/ was told "use one of " and nothing
    "no_templates_folder": (
        "no template '{name}': the project has no templates in templates/; copy the templates/ folder "
        "(with its fonts/) from the project the records came from, or mou's standard one from {source}",
        "ไม่พบแม่แบบ '{name}' เพราะโครงการนี้ไม่มีแม่แบบในโฟลเดอร์ templates/ ให้คัดลอกโฟลเดอร์ templates/ "
        "(รวม fonts/) จากโครงการเดิมของข้อมูลนี้ หรือแม่แบบมาตรฐานของโปรแกรมจาก {source}",
    ),
    "clause_id_twice": (
        "clause id '{id}' is used twice; ids must be unique",
        "รหัสข้อ '{id}' ใช้ซ้ำสองครั้ง รหัสของแต่ละข้อต้องไม่ซ้ำกัน",
    ),
    "missing_language": (
        "has no '{language}' text; add {language}: …",
        "ยังไม่มีข้อความภาษา '{language}' ให้เพิ่ม {language}: …",
    ),
    "needed_by": (" (needed by agreements/{id})", " (ใช้ในบันทึกข้อตกลง agreements/{id})"),
    # the whole project at once (the check command)
    "party_unused": (
        "no agreement names this party; list it in an agreement's parties or delete the file",
        "ยังไม่มีบันทึกข้อตกลงใดระบุคู่ภาคีนี้ ให้ระบุไว้ใน parties ของบันทึกข้อตกลง หรือลบไฟล์นี้",
    ),
    "sub_item": ("sub-item {number} ", "ข้อย่อย {number} "),
    # a witness who also signs the agreement (signers.py): a warning
    "title_not_instrument": (
        "the text calls this document '{name}' but its title is '{title}': begin the title with '{name}',"
        " or write what the text should call it as instrument: {{th: …, en: …}}",
        "ข้อความในบันทึกเรียกเอกสารนี้ว่า '{name}' แต่ชื่อเรื่องคือ '{title}' ให้ขึ้นต้นชื่อเรื่องด้วย '{name}'"
        " หรือระบุชื่อที่ใช้เรียกเอกสารในข้อความไว้ใน instrument: {{th: …, en: …}}",
    ),
    "witness_also_signs": (
        "{name} is a witness but also signs this agreement {role}; a witness attests the others'"
        " signatures: name someone else as the witness, or remove this entry",
        "{name} เป็นพยาน แต่ลงนามในบันทึกข้อตกลงนี้ด้วย{role} พยานมีไว้รับรองการลงนามของผู้อื่น ให้ระบุผู้อื่นเป็นพยาน หรือลบรายการนี้",
    ),
    "signs_for_party_here": (
        "for '{id}' (under signatories)",
        "ในฐานะผู้ลงนามฝ่าย '{id}' (ระบุไว้ใน signatories)",
    ),
    "signs_for_party_usual": (
        "for '{id}' (the signatory of parties/{id})",
        "ในฐานะผู้ลงนามฝ่าย '{id}' (signatory ของ parties/{id})",
    ),
    # adversarial review: one person in two signature blocks (a record copied and not changed)
    "signs_twice": (
        "{name} signs this agreement {role}, but also {first}; one person would sign in two blocks: "
        "name who really signs, or remove one of them",
        "{name} ลงนามในบันทึกข้อตกลงนี้{role} และ{first} ด้วย บุคคลเดียวจะลงนามสองแห่ง "
        "ให้ระบุผู้ลงนามที่ถูกต้อง หรือลบรายการใดรายการหนึ่งออก",
    ),
    "signs_presiding": ("as the presiding official (presiding)", "ในฐานะประธานในพิธีลงนาม (presiding)"),
    # amounts in the text (amounts.py): {amount:<key>} and amounts written out by hand
    "amount_unknown": (
        "no amount '{key}' in amounts; use one of {keys}, or add {key}: <number> to amounts",
        "ไม่มีจำนวนเงิน '{key}' ในช่อง amounts ให้ใช้ชื่อใดชื่อหนึ่งใน {keys} หรือเพิ่ม {key}: <ตัวเลข> ในช่อง amounts",
    ),
    # a miswritten reference ({Amount:fee}, {amount:fee, {{amount:fee}}) would print as written
    "amount_miswritten": (
        "'{written}' is not an amount reference, so it would be printed as it stands; write {meant}",
        "'{written}' ไม่ใช่การอ้างอิงจำนวนเงินที่ถูกต้อง จะถูกพิมพ์ออกมาตามที่เขียนไว้ ให้เขียนเป็น {meant}",
    ),
    "amount_none": (
        "no amount '{key}': the agreement names no amounts; add amounts: {{{key}: <number>}}",
        "ไม่มีจำนวนเงิน '{key}' เพราะบันทึกข้อตกลงนี้ยังไม่มีช่อง amounts ให้เพิ่ม amounts: {{{key}: <ตัวเลข>}}",
    ),
    "amount_not_printed": (
        "{reference} is printed only in a clause's text and sub-items; write the amount here in digits and words",
        "{reference} ใช้ได้เฉพาะในข้อความของข้อและข้อย่อยเท่านั้น ที่นี่ให้เขียนจำนวนเงินเป็นตัวเลขและตัวอักษรเอง",
    ),
    "amount_words_wrong": (
        "the words ({words}) say {said} but the digits say {digits}; write ({expected})",
        "ตัวอักษร ({words}) อ่านได้ {said} แต่ตัวเลขเขียนว่า {digits} ให้เขียนเป็น ({expected})",
    ),
    "amount_words_unreadable": (
        "({words}) cannot be read as an amount in words; for {digits} write ({expected})",
        "อ่าน ({words}) เป็นจำนวนเงินตัวอักษรไม่ได้ จำนวน {digits} ให้เขียนเป็น ({expected})",
    ),
    # adversarial inputs: digits past what English amount words name
    "amount_words_too_large": (
        "the digits {digits} are more than an amount in words can say; check the amount",
        "ตัวเลข {digits} มากเกินกว่าที่จะเขียนเป็นจำนวนเงินตัวอักษรได้ ให้ตรวจสอบจำนวนเงิน",
    ),
    # cross-language checks (crosscheck.py)
    "xc_missing_in_en": (
        "the Thai text has {th} but the English text has no {en}; write the same {what} in both",
        "ข้อความภาษาไทยมี {th} แต่ข้อความภาษาอังกฤษไม่มี {en} ให้เขียน{what}ให้ตรงกันทั้งสองภาษา",
    ),
    # a year printed in the other language's era (English 31 December 2567, Thai ๑ มกราคม ๒๐๒๕)
    "xc_year_era_en": (
        "the English text has the year {year} without B.E., which a reader takes for the common era;"
        " write {ce} (or B.E. {year})",
        "ข้อความภาษาอังกฤษเขียนปี {year} โดยไม่มี B.E. ผู้อ่านจะเข้าใจว่าเป็นปีคริสต์ศักราช ให้เขียน {ce} (หรือ B.E. {year})",
    ),
    "xc_year_era_th": (
        "the Thai text has the year {year} without ค.ศ., which a reader takes for the Buddhist era;"
        " write พ.ศ. {be} (or ค.ศ. {year})",
        "ข้อความภาษาไทยเขียนปี {year} โดยไม่มี ค.ศ. ผู้อ่านจะเข้าใจว่าเป็นปีพุทธศักราช ให้เขียน พ.ศ. {be} (หรือ ค.ศ. {year})",
    ),
    "xc_missing_in_th": (
        "the English text has {en} but the Thai text has no {th}; write the same {what} in both",
        "ข้อความภาษาอังกฤษมี {en} แต่ข้อความภาษาไทยไม่มี {th} ให้เขียน{what}ให้ตรงกันทั้งสองภาษา",
    ),
    "xc_differs": (
        "the Thai text has {th} where the English text has {en}; write the same {what} in both",
        "ข้อความภาษาไทยมี {th} แต่ข้อความภาษาอังกฤษมี {en} ให้เขียน{what}ให้ตรงกันทั้งสองภาษา",
    ),
    # web and e-mail addresses, and names kept in Latin letters, alike in both languages
    "xc_address_differs": (
        "the Thai text has the address {th} where the English text has {en}; write the same address in both",
        "ข้อความภาษาไทยมีที่อยู่ {th} แต่ข้อความภาษาอังกฤษมี {en} ให้เขียนที่อยู่ให้ตรงกันทั้งสองภาษา",
    ),
    "xc_address_only_th": (
        "the Thai text has the address {th} but the English text does not; write the same address in both",
        "ข้อความภาษาไทยมีที่อยู่ {th} แต่ข้อความภาษาอังกฤษไม่มี ให้เขียนที่อยู่ให้ตรงกันทั้งสองภาษา",
    ),
    "xc_address_only_en": (
        "the English text has the address {en} but the Thai text does not; write the same address in both",
        "ข้อความภาษาอังกฤษมีที่อยู่ {en} แต่ข้อความภาษาไทยไม่มี ให้เขียนที่อยู่ให้ตรงกันทั้งสองภาษา",
    ),
    "xc_spelling": (
        "the Thai text writes {th} where the English text writes {en}; spell it the same way in both",
        "ข้อความภาษาไทยเขียน {th} แต่ข้อความภาษาอังกฤษเขียน {en} ให้สะกดให้เหมือนกันทั้งสองภาษา",
    ),
    "xc_date_differs": (
        "the Thai text has the date {th} where the English text has {en} (a different "
        "{parts}); write the same date in both",
        "ข้อความภาษาไทยมีวันที่ {th} แต่ข้อความภาษาอังกฤษมี {en} ({parts}ไม่ตรงกัน) ให้เขียนวันที่ให้ตรงกันทั้งสองภาษา",
    ),
    # sub-item labels: (ก) (ข) (ค) in Thai are (a) (b) (c) in English
    "xc_label_missing_in_en": (
        "the Thai text has the sub-item {th} but the English text has no {en}; label the same sub-items in both",
        "ข้อความภาษาไทยมีข้อย่อย {th} แต่ข้อความภาษาอังกฤษไม่มี {en} ให้ใส่อักษรกำกับข้อย่อยให้ตรงกันทั้งสองภาษา",
    ),
    "xc_label_missing_in_th": (
        "the English text has the sub-item {en} but the Thai text has no {th}; label the same sub-items in both",
        "ข้อความภาษาอังกฤษมีข้อย่อย {en} แต่ข้อความภาษาไทยไม่มี {th} ให้ใส่อักษรกำกับข้อย่อยให้ตรงกันทั้งสองภาษา",
    ),
    "xc_label_differs_fix_en": (
        "the Thai text has the sub-item {th} where the English text has {en}; label it {fix} in the English text",
        "ข้อความภาษาไทยมีข้อย่อย {th} แต่ข้อความภาษาอังกฤษในตำแหน่งเดียวกันเป็น {en} ให้แก้ข้อความภาษาอังกฤษเป็น {fix}",
    ),
    "xc_label_differs_fix_th": (
        "the English text has the sub-item {en} where the Thai text has {th}; label it {fix} in the Thai text",
        "ข้อความภาษาอังกฤษมีข้อย่อย {en} แต่ข้อความภาษาไทยในตำแหน่งเดียวกันเป็น {th} ให้แก้ข้อความภาษาไทยเป็น {fix}",
    ),
    "xc_label_obsolete": (
        "the Thai text labels a sub-item {label}, a letter Thai drafting skips in labels (after (ข) comes (ค),"
        " after (ค) comes (ง)); write {fix}",
        "ข้อความภาษาไทยใช้ {label} กำกับข้อย่อย ซึ่งเป็นอักษรที่ไม่ใช้กำกับข้อย่อย (ต่อจาก (ข) คือ (ค) ต่อจาก (ค) คือ (ง)) ให้เขียนเป็น {fix}",
    ),
    "xc_number": ("number", "ตัวเลข"),
    "xc_year": ("year", "ปี"),
    "xc_date": ("date", "วันที่"),
    "xc_time": ("time", "เวลา"),
    "xc_phone": ("telephone number", "หมายเลขโทรศัพท์"),
    "xc_day": ("day", "วัน"),
    "xc_month": ("month", "เดือน"),
    "xc_and": (" and ", "และ"),
    # amounts in the text: the same {amount:<key>} in both languages
    "xc_amount_only_th": (
        "the Thai text has {reference} but the English text does not; refer to the same amounts in both",
        "ข้อความภาษาไทยมี {reference} แต่ข้อความภาษาอังกฤษไม่มี ให้อ้างถึงจำนวนเงินเดียวกันทั้งสองภาษา",
    ),
    "xc_amount_only_en": (
        "the English text has {reference} but the Thai text does not; refer to the same amounts in both",
        "ข้อความภาษาอังกฤษมี {reference} แต่ข้อความภาษาไทยไม่มี ให้อ้างถึงจำนวนเงินเดียวกันทั้งสองภาษา",
    ),
    "xc_en_name_short": (
        "the English name is one word where the Thai name has {n} (given name and "
        "surname); write the full name in both",
        "ชื่อภาษาอังกฤษมีเพียงคำเดียว แต่ชื่อภาษาไทยมี {n} คำ (ชื่อและนามสกุล) ให้เขียนชื่อเต็มทั้งสองภาษา",
    ),
    "xc_th_name_short": (
        "the Thai name is one word where the English name has {n} (given name and "
        "surname); write the full name in both",
        "ชื่อภาษาไทยมีเพียงคำเดียว แต่ชื่อภาษาอังกฤษมี {n} คำ (ชื่อและนามสกุล) ให้เขียนชื่อเต็มทั้งสองภาษา",
    ),
    # command line
    "unknown_agreement_guess": (
        "no agreement '{id}'; did you mean '{guess}'?",
        "ไม่พบบันทึกข้อตกลง '{id}' หมายถึง '{guess}' หรือไม่",
    ),
    "unknown_agreement": ("no agreement '{id}'; known: {known}", "ไม่พบบันทึกข้อตกลง '{id}' ที่มีอยู่คือ {known}"),
    # an agreement named in a folder that has none: the wrong folder, not a typo
    "unknown_agreement_none": (
        "no agreement '{id}': {folder} holds no agreement records; is --root the project folder"
        " (the one holding parties/, agreements/ and templates/)?",
        "ไม่พบบันทึกข้อตกลง '{id}' เพราะ {folder} ไม่มีไฟล์บันทึกข้อตกลงเลย --root เป็นโฟลเดอร์โครงการ"
        " (โฟลเดอร์ที่มี parties/ agreements/ และ templates/) หรือไม่",
    ),
    "usage": ("{detail} (see python build.py --help)", "{detail} (ดูวิธีใช้ด้วย python build.py --help)"),
    "weasyprint_untested": (
        "WeasyPrint {version} differs from the releases mou's Thai patches are tested with "
        "(weasyprint{tested}; differing: {functions}), so Thai text would not copy, break or "
        "justify correctly; install a tested release: pip install 'weasyprint{tested}'",
        "WeasyPrint {version} ต่างจากรุ่นที่ทดสอบการแก้ไขภาษาไทยของ mou แล้ว "
        "(weasyprint{tested} ส่วนที่ต่าง: {functions}) ข้อความภาษาไทยจะคัดลอก ตัดบรรทัด "
        "หรือจัดชิดขอบไม่ถูกต้อง กรุณาติดตั้งรุ่นที่ทดสอบแล้ว: pip install 'weasyprint{tested}'",
    ),
    "unknown_command": (
        "unknown command '{command}'; did you mean '{guess}'?",
        "ไม่รู้จักคำสั่ง '{command}' หมายถึง '{guess}' หรือไม่",
    ),
    # starting a record (`new`)
    "new_exists": (
        "already exists; edit it, or start the record under another id",
        "มีไฟล์นี้อยู่แล้ว ให้แก้ไขไฟล์นี้ หรือใช้รหัสอื่น",
    ),
    "new_no_party": (
        "no party '{id}' in parties/; start it first: python -m mou new party {id}",
        "ไม่พบคู่ภาคี '{id}' ในโฟลเดอร์ parties/ ให้สร้างก่อนด้วยคำสั่ง python -m mou new party {id}",
    ),
    "new_few_parties": (
        "an agreement needs at least two parties; name them as --parties first-id,second-id",
        "บันทึกข้อตกลงต้องมีคู่ภาคีอย่างน้อยสองฝ่าย ให้ระบุเป็น --parties รหัสที่หนึ่ง,รหัสที่สอง",
    ),
    "new_parties_for_agreement": (
        "--parties names an agreement's parties; start a party with: python -m mou new party ID",
        "--parties ใช้ระบุคู่ภาคีของบันทึกข้อตกลงเท่านั้น การเริ่มข้อมูลคู่ภาคีให้ใช้คำสั่ง python -m mou new party รหัส",
    ),
    "new_next_party": (
        "next: replace every <…> in {path}, then name '{id}' in an agreement's parties",
        "ขั้นต่อไป: แทนที่ <…> ทุกแห่งในไฟล์ {path} แล้วระบุ '{id}' ในรายการ parties ของบันทึกข้อตกลง",
    ),
    "new_next_agreement": (
        "next: replace every <…> in {path}, then build it: python -m mou {id}",
        "ขั้นต่อไป: แทนที่ <…> ทุกแห่งในไฟล์ {path} แล้วสร้างเอกสารด้วยคำสั่ง python -m mou {id}",
    ),
    "new_templates": (
        "copied the standard templates and the Sarabun fonts into {path}",
        "คัดลอกแม่แบบมาตรฐานและแบบอักษร Sarabun ไว้ที่ {path}",
    ),
    # adversarial review: the place of a wrong argument was "command line:" in a Thai message too
    "command_line": ("command line", "บรรทัดคำสั่ง"),
    "new_no_templates": (
        "this folder has no templates/ and mou has none to copy; copy templates/ from mou's source folder before building",
        "โฟลเดอร์นี้ไม่มี templates/ และไม่พบแม่แบบของโปรแกรมที่จะคัดลอกมา ให้คัดลอกโฟลเดอร์ templates/ "
        "จากโฟลเดอร์ของโปรแกรม mou มาก่อนสร้างเอกสาร",
    ),
    # machine and command faults: `new` refuses a party id that names another signer's field
    "reserved_party_id": (
        "the id '{id}' is taken by a signature field of its own (sig-{id}: the organization's release "
        "signature, the presiding official's or a witness's); choose another id (e.g. {id}-office)",
        "รหัส '{id}' ซ้ำกับชื่อช่องลงลายมือชื่อที่มีอยู่แล้ว (sig-{id} ของหน่วยงานที่ออกเผยแพร่ "
        "ของประธานในพิธี หรือของพยาน) ให้ใช้รหัสอื่น (เช่น {id}-office)",
    ),
    # records: a party file, or an agreement's parties entry, with an id that names another signer's field
    "reserved_party_file": (
        "the id '{id}' is taken by a signature field of its own (sig-{id}: the organization's release "
        "signature, the presiding official's or a witness's); rename the file (e.g. {id}-office.yaml) "
        "and the agreements' parties entries with it",
        "รหัส '{id}' ซ้ำกับชื่อช่องลงลายมือชื่อที่มีอยู่แล้ว (sig-{id} ของหน่วยงานที่ออกเผยแพร่ "
        "ของประธานในพิธี หรือของพยาน) ให้เปลี่ยนชื่อไฟล์ (เช่น {id}-office.yaml) และแก้รหัสในช่อง parties ของข้อตกลงตามไปด้วย",
    ),
    "reserved_party_listed": (
        "'{id}' is taken by a signature field of its own (sig-{id}: the organization's release "
        "signature, the presiding official's or a witness's), so no party may have it; rename "
        "parties/{id}.yaml (e.g. {id}-office.yaml) and write the new id here",
        "รหัส '{id}' ซ้ำกับชื่อช่องลงลายมือชื่อที่มีอยู่แล้ว (sig-{id} ของหน่วยงานที่ออกเผยแพร่ ของประธานในพิธี "
        "หรือของพยาน) คู่ภาคีจึงใช้รหัสนี้ไม่ได้ ให้เปลี่ยนชื่อไฟล์ parties/{id}.yaml (เช่น {id}-office.yaml) "
        "แล้วเขียนรหัสใหม่ตรงนี้",
    ),
    # command line: the project folder, shards and processes (runtime limits)
    "no_project_folder": (
        "the project folder '{path}' does not exist; give the folder that holds parties/, "
        "agreements/ and templates/ with --root, or run from inside it",
        "ไม่พบโฟลเดอร์โครงการ '{path}' ให้ระบุโฟลเดอร์ที่มี parties/ agreements/ และ templates/ ด้วย --root "
        "หรือสั่งจากภายในโฟลเดอร์นั้น",
    ),
    "project_not_folder": (
        "'{path}' is a file, not a project folder; give the folder that holds parties/, agreements/ "
        "and templates/ with --root",
        "'{path}' เป็นไฟล์ ไม่ใช่โฟลเดอร์โครงการ ให้ระบุโฟลเดอร์ที่มี parties/ agreements/ และ templates/ ด้วย --root",
    ),
    # command line: an output folder over the clerk's records or templates
    "output_over_records": (
        "'{path}' {relation} the project's {folder}/ folder; mou would write among the records there: "
        "give a folder outside parties/, agreements/ and templates/ (the default is output/ in the project folder)",
        "'{path}' {relation}โฟลเดอร์ {folder}/ ของโครงการ ซึ่งจะทำให้เขียนไฟล์ปนกับข้อมูลในโฟลเดอร์นั้น "
        "ให้ระบุโฟลเดอร์ที่อยู่นอก parties/ agreements/ และ templates/ (ค่าเริ่มต้นคือ output/ ในโฟลเดอร์โครงการ)",
    ),
    "output_is": ("is", "คือ"),
    "output_holds": ("holds", "ครอบ"),
    "output_inside": ("is inside", "อยู่ภายใน"),
    "shard_empty": (
        "share {index}/{count} holds no agreement ({n} agreement(s) in all, so shares above {n} are empty); "
        "nothing to build",
        "ส่วนที่ {index}/{count} ไม่มีบันทึกข้อตกลง (มีทั้งหมด {n} ฉบับ ส่วนที่เกิน {n} จึงว่าง) ไม่มีสิ่งที่ต้องสร้าง",
    ),
    "jobs_capped": (
        "rendering with {n} process(es), not {requested}: more than the {cores} core(s) or the "
        "{tasks} agreement(s) to build would only wait for each other",
        "สร้างด้วย {n} โพรเซส แทน {requested} เพราะมีแกนประมวลผล {cores} แกน และมีบันทึกข้อตกลงที่ต้องสร้าง "
        "{tasks} ฉบับ โพรเซสที่เกินกว่านี้จะได้แต่รอกัน",
    ),
    # watch mode (python build.py watch: mou/cli/watch_command.py, mou/pipeline/watch.py)
    "watching": (
        "watching {folders} for changes; press Ctrl-C to stop",
        "กำลังเฝ้าดูการแก้ไขใน {folders} กด Ctrl-C เพื่อหยุด",
    ),
    "serving": (
        "serving output/ at {url} (the page reloads after each rebuild)",
        "เปิดดู output/ ได้ที่ {url} (หน้าเว็บโหลดใหม่เองทุกครั้งที่สร้างเสร็จ)",
    ),
    "watch_first": (
        "ready {path} in {seconds} s; the other files follow",
        "พร้อมแล้ว {path} ใน {seconds} วินาที ไฟล์อื่นกำลังตามมา",
    ),
    "watch_kept": (
        "{id}: the last good files stay in output/ until this is fixed",
        "{id}: ไฟล์ที่สร้างได้ครั้งล่าสุดยังคงอยู่ใน output/ จนกว่าจะแก้ไขข้อผิดพลาดนี้",
    ),
    "watch_fixed": (
        "{id}: fixed; its files in output/ are up to date",
        "{id}: แก้ไขแล้ว ไฟล์ใน output/ เป็นปัจจุบันแล้ว",
    ),
    "watch_gone": (
        "{id}: its record was removed; its files stay in output/",
        "{id}: ไฟล์ข้อมูลถูกลบไปแล้ว ไฟล์ที่สร้างไว้ยังคงอยู่ใน output/",
    ),
    "watch_stopped": (
        "stopped watching; output/ is as the last rebuild left it",
        "หยุดเฝ้าดูแล้ว output/ เป็นไปตามการสร้างครั้งล่าสุด",
    ),
    "internal_error": (
        "internal error: {detail}\nThis is a bug in mou; run again with --debug and report the traceback.",
        "ข้อผิดพลาดภายใน (internal error): {detail}\nนี่เป็นข้อบกพร่องของ mou ให้สั่งใหม่พร้อม --debug "
        "แล้วแจ้งข้อความที่แสดง (traceback) ให้ผู้ดูแลโครงการ",
    ),
    "watch_bug": (
        "internal error while rebuilding: {detail}; still watching (run with --debug and report the traceback)",
        "เกิดข้อผิดพลาดภายในระหว่างสร้างใหม่: {detail} ยังคงเฝ้าดูต่อ (สั่งใหม่พร้อม --debug แล้วแจ้งข้อความที่แสดง)",
    ),
    "port_busy": (
        "cannot serve on {host}:{port} ({detail}); choose another port with --port",
        "เปิดให้ดูที่ {host}:{port} ไม่ได้ ({detail}) ให้เลือกพอร์ตอื่นด้วย --port",
    ),
    "index_rebuilt": ("last rebuild: {stamp}", "สร้างใหม่ครั้งล่าสุด: {stamp}"),
    "index_problems": (
        "Problems: the last good files are kept until these are fixed",
        "ข้อผิดพลาด: ไฟล์ที่สร้างได้ครั้งล่าสุดยังคงไว้จนกว่าจะแก้ไข",
    ),
    # templates
    "template_syntax": ("template syntax error: {detail}", "แม่แบบเขียนผิดรูปแบบ: {detail}"),
    "no_edition": (
        "the '{template}' template has no {language} edition; add templates/{name}",
        "แม่แบบ '{template}' ไม่มีฉบับภาษา {language} ให้เพิ่มไฟล์ templates/{name}",
    ),
    "include_missing": (
        "the template includes '{name}', which is not a file inside templates/",
        "แม่แบบเรียกใช้ '{name}' ซึ่งไม่ใช่ไฟล์ในโฟลเดอร์ templates/",
    ),
    # template limits (hostile input): output size, recursion and render time
    "template_too_large": (
        "the template makes more than {limit} characters for agreements/{id}; look for a loop or a "
        "repeated text ('x' * n) that grows without end",
        "แม่แบบสร้างข้อความเกิน {limit} อักขระสำหรับบันทึกข้อตกลง agreements/{id} ให้ตรวจหาวนซ้ำหรือการทำซ้ำข้อความ ('x' * n) ที่ไม่มีที่สิ้นสุด",
    ),
    "template_too_deep": (
        "the template calls itself too deeply for agreements/{id} (a macro or include that never stops); "
        "give the recursion an end",
        "แม่แบบเรียกตัวเองซ้อนลึกเกินไปสำหรับบันทึกข้อตกลง agreements/{id} (มาโครหรือ include ที่ไม่มีจุดสิ้นสุด) "
        "ให้กำหนดจุดสิ้นสุดของการเรียกซ้ำ",
    ),
    "template_too_slow": (
        "the template took more than {seconds} s for agreements/{id} and was stopped; look for loops inside "
        "loops (the limit is set by {variable})",
        "แม่แบบใช้เวลาเกิน {seconds} วินาทีสำหรับบันทึกข้อตกลง agreements/{id} จึงถูกหยุด ให้ตรวจหาการวนซ้ำซ้อนกัน "
        "(กำหนดเวลาได้ที่ตัวแปร {variable})",
    ),
    "bad_render_seconds": (
        "{variable}='{value}' is not a number of seconds; set it to a positive number such as 60",
        "{variable}='{value}' ไม่ใช่จำนวนวินาที ให้ตั้งเป็นจำนวนบวก เช่น 60",
    ),
    "template_error": (
        "template error while rendering agreements/{id}: {detail}",
        "แม่แบบผิดพลาดขณะสร้างบันทึกข้อตกลง agreements/{id}: {detail}",
    ),
    # rendering
    "refused_url": (
        "refused to fetch '{url}': only the project's own template and asset files may be used",
        "ไม่อนุญาตให้ดึง '{url}' ใช้ได้เฉพาะไฟล์แม่แบบและไฟล์ประกอบของโครงการเท่านั้น",
    ),
    "outside_project": (
        "refused to read '{path}': it is outside the project's template and asset folders",
        "ไม่อนุญาตให้อ่าน '{path}' เพราะอยู่นอกโฟลเดอร์แม่แบบและไฟล์ประกอบของโครงการ",
    ),
    "missing_file": (
        "missing file '{path}': restore it (fonts and stylesheets are part of the project)",
        "ไม่พบไฟล์ '{path}' ให้นำกลับมา (แบบอักษรและสไตล์ชีตเป็นส่วนหนึ่งของโครงการ)",
    ),
    "unusable_path": (
        "refused to read '{url}': the path cannot be used ({detail})",
        "ไม่อนุญาตให้อ่าน '{url}' เพราะใช้ที่อยู่ไฟล์นี้ไม่ได้ ({detail})",
    ),
    "unreadable_asset": (
        "cannot read '{path}' ({detail}): check that the file is there and may be read, then run again",
        "อ่านไฟล์ '{path}' ไม่ได้ ({detail}) ให้ตรวจว่าไฟล์อยู่ครบและเปิดอ่านได้ แล้วสั่งใหม่",
    ),
    "weasyprint": ("WeasyPrint: {detail}", "WeasyPrint แจ้งว่า: {detail}"),
    # machine and command faults: a damaged bundled font file is named before rendering
    "font_file_unreadable": (
        "cannot read this font file ({detail}); restore it from the project's history (git checkout -- templates/fonts)",
        "อ่านไฟล์แบบอักษรนี้ไม่ได้ ({detail}) ให้นำกลับมาจากประวัติของโครงการ (git checkout -- templates/fonts)",
    ),
    "font_file_cut_short": (
        "this font file is cut short ({size} bytes; its {table} table runs past the end); restore it from the "
        "project's history (git checkout -- templates/fonts)",
        "ไฟล์แบบอักษรนี้ไม่ครบ (มี {size} ไบต์ แต่ตาราง {table} ยาวเกินท้ายไฟล์) "
        "ให้นำกลับมาจากประวัติของโครงการ (git checkout -- templates/fonts)",
    ),
    "font_file_not_font": (
        "is not a usable TrueType or OpenType font ({detail}); restore it from the project's history "
        "(git checkout -- templates/fonts), or remove it if it is not one of the project's fonts",
        "ไม่ใช่ไฟล์แบบอักษร TrueType หรือ OpenType ที่ใช้ได้ ({detail}) ให้นำกลับมาจากประวัติของโครงการ "
        "(git checkout -- templates/fonts) หรือลบออกหากไม่ใช่แบบอักษรของโครงการ",
    ),
    "font_face_missing": (
        "this font file is missing, and the DOCX embeds this face; restore it from the project's history "
        "(git checkout -- templates/fonts)",
        "ไม่พบไฟล์แบบอักษรนี้ ซึ่ง DOCX ต้องฝังไว้ ให้นำกลับมาจากประวัติของโครงการ (git checkout -- templates/fonts)",
    ),
    # line breaking by unit: a name kept whole that no line (or column) can hold
    "unit_wider_than_line": (
        "'{unit}' is wider than a line and was broken between words; shorten it if it must stay on one line",
        "'{unit}' ยาวเกินหนึ่งบรรทัด จึงถูกตัดขึ้นบรรทัดใหม่ระหว่างคำ หากต้องการให้อยู่ในบรรทัดเดียวให้เขียนให้สั้นลง",
    ),
    # breaks by unit: a word no dictionary knows, wider than a line (language/breaks.py hold_unknown)
    "unknown_word_wider_than_line": (
        "'{unit}' is a word the dictionary does not know and is wider than a line (or than a word is kept "
        "whole), so it was broken between its syllables; write a space where it may break if it must break "
        "elsewhere",
        "'{unit}' เป็นคำที่ไม่มีในพจนานุกรมและยาวเกินหนึ่งบรรทัด (หรือยาวเกินกว่าที่จะคงไว้เป็นคำเดียว) "
        "จึงถูกตัดขึ้นบรรทัดใหม่ระหว่างพยางค์ หากต้องการให้ตัดที่อื่นให้เว้นวรรคตรงที่ตัดได้",
    ),
    # breaks by unit: a Latin word in Thai text wider than a line (language/breaks.py breakable_latin)
    "latin_word_wider_than_line": (
        "'{unit}' is wider than a line of the Thai text, so it was hyphenated as English is (a code, "
        "broken between its letters); write a space or a hyphen where it may break if it must break elsewhere",
        "'{unit}' ยาวเกินหนึ่งบรรทัดของข้อความภาษาไทย จึงถูกตัดคำด้วยยัติภังค์ตามแบบภาษาอังกฤษ (หากเป็นรหัส "
        "จะถูกตัดระหว่างตัวอักษร) หากต้องการให้ตัดที่อื่นให้เว้นวรรคหรือใส่ยัติภังค์ตรงที่ตัดได้",
    ),
    "unit_wider_than_column": (
        "'{unit}' is wider than a column of the side-by-side edition and was broken there between"
        " words (the Thai edition keeps it on one line); shorten it if it must stay whole there too",
        "'{unit}' ยาวเกินความกว้างของคอลัมน์ในฉบับสองภาษาคู่กัน จึงถูกตัดขึ้นบรรทัดใหม่ระหว่างคำในฉบับนั้น"
        " (ฉบับภาษาไทยยังอยู่ในบรรทัดเดียว) หากต้องการให้อยู่ในบรรทัดเดียวทุกฉบับให้เขียนให้สั้นลง",
    ),
    "foreign_font": (
        "the PDF would use the system font(s) {fonts}: some text has characters the "
        "bundled fonts cannot draw; remove or replace those characters",
        "PDF จะต้องใช้แบบอักษรของเครื่อง ({fonts}) เพราะมีอักขระที่แบบอักษรของโครงการแสดงไม่ได้ ให้ลบหรือเปลี่ยนอักขระเหล่านั้น",
    ),
    "cannot_write_output": (
        "cannot write here ({detail}); give a folder you may write to with --output, or fix this one's "
        "permissions (if it is immutable: chattr -i)",
        "เขียนไฟล์ที่นี่ไม่ได้ ({detail}) ให้ระบุโฟลเดอร์ที่เขียนได้ด้วย --output หรือแก้สิทธิ์ของโฟลเดอร์นี้ (หากถูกตั้งเป็นแก้ไขไม่ได้: chattr -i)",
    ),
    # a file where the output folder (or a folder above it) should be
    "output_is_a_file": (
        "a file stands where this folder should be ({detail}); give a folder with --output, or move the file away",
        "มีไฟล์อยู่ในตำแหน่งที่ควรเป็นโฟลเดอร์นี้ ({detail}) ให้ระบุโฟลเดอร์ด้วย --output หรือย้ายไฟล์นั้นออกไป",
    ),
    "busy": (
        "another build ({owner}) is writing here; wait for it to finish, then run the build again",
        "มีการสร้างเอกสารอีกชุดหนึ่ง ({owner}) กำลังเขียนอยู่ที่นี่ ให้รอจนเสร็จแล้วจึงสั่งใหม่",
    ),
    "kept_edited": (
        "{name} was edited after mou wrote it: your copy is kept as {kept}",
        "มีการแก้ไข {name} หลังจากที่ mou สร้างไว้ จึงเก็บฉบับที่แก้ไขไว้เป็น {kept}",
    ),
    # output: one consistent folder, and a disk that refuses to be written
    "stale_removed": (
        "removed {name}: it was made from earlier inputs than the {formats} files just written; "
        "build without --format (or with --format {format}) to make it again",
        "ลบ {name} แล้ว เพราะสร้างจากข้อมูลรุ่นก่อน ไม่ตรงกับไฟล์ {formats} ที่เพิ่งสร้าง "
        "ให้สั่งสร้างโดยไม่ระบุ --format (หรือระบุ --format {format}) เพื่อสร้างไฟล์นี้ใหม่",
    ),
    # machine and command faults: a file size limit (ulimit -f) is not a bug in mou
    "file_size_limit": (
        "a file grew past the size this process may write ({detail}): the shell's file size limit "
        "(ulimit -f) or the disk's; raise it (ulimit -f unlimited) or give a folder on another disk "
        "with --output, then run again (earlier output is unchanged)",
        "ไฟล์ใหญ่เกินขนาดที่โปรแกรมนี้เขียนได้ ({detail}) ซึ่งจำกัดโดยเชลล์ (ulimit -f) หรือโดยดิสก์ "
        "ให้เพิ่มขีดจำกัด (ulimit -f unlimited) หรือระบุโฟลเดอร์บนดิสก์อื่นด้วย --output แล้วสั่งใหม่ (ไฟล์เดิมยังอยู่ครบ)",
    ),
    "disk_full": (
        "the disk is full ({detail}); free some space, or give a folder on another disk with --output, "
        "then run again (earlier output is unchanged)",
        "ดิสก์เต็ม ({detail}) ให้ลบไฟล์ที่ไม่ใช้ออก หรือระบุโฟลเดอร์บนดิสก์อื่นด้วย --output แล้วสั่งใหม่ (ไฟล์เดิมยังอยู่ครบ)",
    ),
    "read_only_disk": (
        "this folder is on a read-only disk ({detail}); give a folder you may write to with --output",
        "โฟลเดอร์นี้อยู่บนดิสก์ที่อ่านได้อย่างเดียว ({detail}) ให้ระบุโฟลเดอร์ที่เขียนได้ด้วย --output",
    ),
    # output: a clerk's file or folder where mou writes is refused, never moved
    "file_in_the_way": (
        "this is a file, where mou makes the folder {folder}; move or rename it (mou leaves it as it is), "
        "then run again",
        "ตรงนี้เป็นไฟล์ แต่ mou ต้องสร้างโฟลเดอร์ {folder} ที่ตำแหน่งนี้ ให้ย้ายหรือเปลี่ยนชื่อไฟล์นี้ (mou ไม่แตะต้องไฟล์นี้) แล้วสั่งใหม่",
    ),
    # writer: index.html not rewritten after the agreements' new files went in
    "index_not_updated": (
        "could not be rewritten ({detail}); the new files of {written} are in place in output/, but this "
        "page still lists the earlier build: put that right, then build again with --force to rewrite it",
        "เขียนหน้านี้ใหม่ไม่ได้ ({detail}) ไฟล์ใหม่ของ {written} อยู่ใน output/ แล้ว แต่หน้านี้ยังแสดงรายการของการสร้างครั้งก่อน "
        "ให้แก้ปัญหานั้น แล้วสั่งสร้างใหม่ด้วย --force เพื่อเขียนหน้านี้ใหม่",
    ),
    "folder_in_the_way": (
        "this is a folder, where mou writes a file of this name; move or rename it (mou leaves it as it is), "
        "then run again",
        "ตรงนี้เป็นโฟลเดอร์ แต่ mou ต้องเขียนไฟล์ชื่อนี้ที่ตำแหน่งนี้ ให้ย้ายหรือเปลี่ยนชื่อโฟลเดอร์นี้ (mou ไม่แตะต้องโฟลเดอร์นี้) แล้วสั่งใหม่",
    ),
    # machine and command faults: the note of a swap left halfway is damaged
    "swap_note_damaged": (
        "a build stopped while replacing files here, and its note (swap.json) cannot be read; the earlier "
        "files are in {old}: if their folder (output/<agreement>/<version>) is missing, move them back "
        "there, then delete this folder and run again",
        "การสร้างเอกสารครั้งก่อนหยุดกลางคันขณะแทนที่ไฟล์ และบันทึกการแทนที่ (swap.json) อ่านไม่ได้ "
        "ไฟล์เดิมอยู่ที่ {old} หากโฟลเดอร์ของไฟล์เหล่านั้น (output/<agreement>/<version>) หายไป "
        "ให้ย้ายกลับไปไว้ที่เดิม แล้วลบโฟลเดอร์นี้และสั่งใหม่",
    ),
    "system_error": (
        "the system refused: {detail}; check the disk and the folder, then run again",
        "ระบบปฏิเสธ: {detail} ให้ตรวจดิสก์และโฟลเดอร์ แล้วสั่งใหม่",
    ),
    "out_of_memory": (
        "the computer ran out of memory; close other programs, or build fewer agreements at once "
        "(--jobs 1, or name the agreements), then run again",
        "หน่วยความจำของเครื่องไม่พอ ให้ปิดโปรแกรมอื่น หรือสร้างทีละน้อยลง (--jobs 1 หรือระบุบันทึกข้อตกลงที่ต้องการ) แล้วสั่งใหม่",
    ),
    "worker_died": (
        "a rendering process ended without a word (the system may have stopped it for lack of memory); "
        "run again with --jobs 1",
        "โพรเซสที่ใช้สร้างเอกสารหยุดไปโดยไม่แจ้งสาเหตุ (ระบบอาจหยุดเพราะหน่วยความจำไม่พอ) ให้สั่งใหม่ด้วย --jobs 1",
    ),
    "building": ("building", "กำลังสร้าง"),
    "batch": ("{n} of {total} agreement(s) to build", "ต้องสร้าง {n} จาก {total} ฉบับ"),
    "up_to_date": ("up to date: {id} {version}", "เป็นปัจจุบันแล้ว: {id} {version}"),
    "took": ("built {id} in {seconds} s", "สร้าง {id} เสร็จใน {seconds} วินาที"),
    "col_agreement": ("agreement", "บันทึกข้อตกลง"),
    "col_version": ("version", "รุ่น"),
    "col_status": ("status", "สถานะ"),
    "col_languages": ("languages", "ภาษา"),
    "col_files": ("files", "ไฟล์"),
    "col_pages": ("pages", "หน้า"),
    "col_time": ("time", "เวลา"),
    "state_built": ("built", "สร้างแล้ว"),
    "state_skipped": ("up to date", "เป็นปัจจุบัน"),
    "state_failed": ("failed", "ไม่สำเร็จ"),
    "bad_source_date_epoch": (
        "'{value}' is not a usable SOURCE_DATE_EPOCH; set it to whole seconds since "
        "1970 (UTC), on or after 1980, e.g. $(git log -1 --format=%ct), or unset it",
        "'{value}' ใช้เป็น SOURCE_DATE_EPOCH ไม่ได้ ให้ตั้งเป็นจำนวนวินาทีนับจาก พ.ศ. ๒๕๑๓ "
        "(ค.ศ. 1970, UTC) ตั้งแต่ ค.ศ. 1980 เป็นต้นไป เช่น $(git log -1 --format=%ct) "
        "หรือยกเลิกค่านี้",
    ),
    "record_gone": (
        "the record file disappeared while building; restore it and build again",
        "ไฟล์ข้อมูลหายไประหว่างการสร้างเอกสาร ให้นำกลับมาแล้วสั่งสร้างใหม่",
    ),
    "duplicate_signature_field": (
        "two signature lines would get the same field name ({names}); a party "
        "id must not be 'organization', 'presiding' or 'witness-N'",
        "ช่องลงลายมือชื่อสองช่องจะได้ชื่อเดียวกัน ({names}) รหัสคู่ภาคีต้องไม่ใช่ 'organization', 'presiding' หรือ 'witness-N'",
    ),
    # releases and signatures
    "bad_key": (
        "cannot load the signing key: {detail}; give a PKCS#12 (.p12) file holding the key and its "
        "certificate, and its password in MOU_SIGNING_PASSWORD or --key-password-env",
        "โหลดกุญแจสำหรับลงนามไม่ได้: {detail} ให้ใช้ไฟล์ PKCS#12 (.p12) ที่มีกุญแจและใบรับรอง "
        "และใส่รหัสผ่านไว้ใน MOU_SIGNING_PASSWORD หรือระบุด้วย --key-password-env",
    ),
    # machine and command faults: a key or trust file that is a device, a pipe or huge
    "small_file_not_regular": (
        "it is a device, a pipe or a folder, not a file",
        "เป็นอุปกรณ์ ไปป์ หรือโฟลเดอร์ ไม่ใช่ไฟล์",
    ),
    "small_file_too_large": (
        "it is larger than {limit} bytes, far more than a key or certificate holds",
        "ไฟล์ใหญ่เกิน {limit} ไบต์ ซึ่งมากกว่าไฟล์กุญแจหรือใบรับรองมาก",
    ),
    "cannot_read_key": (
        "cannot read the signing key file: {detail}; give the organization's PKCS#12 (.p12) file",
        "อ่านไฟล์กุญแจสำหรับลงนามไม่ได้: {detail} ให้ระบุไฟล์ PKCS#12 (.p12) ของหน่วยงาน",
    ),
    "bad_key_env": (
        "{name} is neither an existing file nor base64 text of a PKCS#12 file",
        "{name} ไม่ใช่ไฟล์ที่มีอยู่ และไม่ใช่ข้อความ base64 ของไฟล์ PKCS#12",
    ),
    "no_password_env": (
        "the environment variable {name} is not set; set it to the key's password",
        "ยังไม่ได้ตั้งตัวแปรสภาพแวดล้อม {name} ให้ตั้งเป็นรหัสผ่านของกุญแจ",
    ),
    "certificate_not_valid_then": (
        "the certificate is valid from {start} to {end}, but the signing time "
        "would be {when} (the build time: SOURCE_DATE_EPOCH, else the agreement's "
        "date); set SOURCE_DATE_EPOCH to a time inside the certificate's validity, "
        "e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)",
        "ใบรับรองใช้ได้ตั้งแต่ {start} ถึง {end} แต่เวลาลงนามจะเป็น {when} "
        "(เวลาสร้างเอกสาร คือ SOURCE_DATE_EPOCH หรือวันที่ของบันทึกข้อตกลง) "
        "ให้ตั้ง SOURCE_DATE_EPOCH เป็นเวลาที่อยู่ในช่วงที่ใบรับรองใช้ได้ "
        "เช่น SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)",
    ),
    "release_immutable": (
        "version {version} was already released as {archive} with different content ({what}); a released "
        "version cannot change: give the agreement a new version here",
        "รุ่น {version} ออกเผยแพร่ไปแล้วเป็น {archive} ด้วยเนื้อหาอื่น ({what}) รุ่นที่ออกเผยแพร่แล้วแก้ไขไม่ได้ "
        "ให้กำหนดรุ่นใหม่ให้บันทึกข้อตกลงตรงนี้",
    ),
    # machine and command faults: a draft released by mistake would take its version for ever
    "release_draft": (
        "version {version} is a draft; a release is the agreed text and can never change: set "
        "status: final (or signed) once the parties agree, then release",
        "รุ่น {version} ยังเป็นฉบับร่าง ฉบับเผยแพร่คือข้อความที่ตกลงกันแล้วและแก้ไขไม่ได้อีก "
        "ให้กำหนด status: final (หรือ signed) เมื่อคู่ภาคีเห็นชอบแล้ว จึงออกฉบับเผยแพร่",
    ),
    "release_skips_draft": (
        "note: {id} {version} is a draft, not released; set status: final once the parties agree",
        "หมายเหตุ: {id} รุ่น {version} ยังเป็นฉบับร่าง จึงไม่ได้ออกฉบับเผยแพร่ ให้กำหนด status: final เมื่อคู่ภาคีเห็นชอบแล้ว",
    ),
    # machine and command faults: an archive kept as "unchanged" must still verify
    "release_kept_fails": (
        "version {version} was released with these inputs, but this archive no longer verifies "
        "({detail}; {n} problem(s) in all): run `python build.py verify` on it, then restore it "
        "from a copy, or move it away and release again",
        "รุ่น {version} ออกเผยแพร่ด้วยข้อมูลนี้แล้ว แต่ไฟล์ชุดเผยแพร่นี้ตรวจสอบไม่ผ่าน "
        "({detail} รวม {n} ปัญหา) ให้ตรวจด้วย `python build.py verify` "
        "แล้วนำไฟล์ที่ถูกต้องจากสำเนากลับมาแทน หรือย้ายไฟล์นี้ออกไปแล้วสั่งออกเผยแพร่ใหม่",
    ),
    "release_unreadable": (
        "the existing archive cannot be read; move it away if it is damaged",
        "อ่านไฟล์ชุดเผยแพร่ที่มีอยู่ไม่ได้ หากไฟล์เสียให้ย้ายออกไปก่อน",
    ),
    "inputs_changed_while_building": (
        "a record or template changed while the release was being built; release again",
        "ข้อมูลหรือแม่แบบเปลี่ยนไประหว่างการสร้างชุดเผยแพร่ ให้สั่งใหม่อีกครั้ง",
    ),
    "signature_reason": ("release {id} {version}", "ออกเผยแพร่ {id} รุ่น {version}"),
    "released": ("released {path} (signed by {signer})", "สร้างชุดเผยแพร่ {path} (ลงนามโดย {signer})"),
    "released_unsigned": (
        "released {path} UNSIGNED: no key was given (--key, or MOU_SIGNING_KEY)",
        "สร้างชุดเผยแพร่ {path} โดยไม่ได้ลงนาม เพราะไม่ได้ระบุกุญแจ (--key หรือ MOU_SIGNING_KEY)",
    ),
    "release_unchanged": (
        "unchanged: {path} already holds this release (same inputs); it was kept as it is",
        "ไม่เปลี่ยนแปลง: {path} เป็นชุดเผยแพร่นี้อยู่แล้ว (ข้อมูลเดียวกัน) จึงเก็บไว้ตามเดิม",
    ),
    "release_randomized": (
        "note: the key is not RSA, so its signatures differ on every run; only unsigned "
        "archives, or archives signed with an RSA key, are byte-identical",
        "หมายเหตุ: กุญแจไม่ใช่ RSA ลายมือชื่อจึงต่างกันทุกครั้งที่ลงนาม เฉพาะชุดที่ไม่ลงนาม หรือลงนามด้วยกุญแจ RSA เท่านั้นที่ได้ไฟล์เหมือนเดิมทุกไบต์",
    ),
    # adversarial inputs: argparse's usual complaints, said in Thai too
    "usage_choice": (
        "argument {option}: invalid choice: '{value}' (choose from {choices})",
        "อาร์กิวเมนต์ {option}: ใช้ '{value}' ไม่ได้ ให้เลือกจาก {choices}",
    ),
    "usage_required": (
        "the following arguments are required: {names}",
        "ยังไม่ได้ระบุ {names} ซึ่งจำเป็นต้องมี",
    ),
    "usage_unrecognized": ("unrecognized arguments: {words}", "ไม่รู้จัก {words}"),
    # command line: options that contradict each other, and values an option refuses, said in Thai too
    "usage_not_together": (
        "argument {option}: not allowed with argument {other}; give one or the other",
        "อาร์กิวเมนต์ {option} ใช้พร้อมกับ {other} ไม่ได้ ให้เลือกอย่างใดอย่างหนึ่ง",
    ),
    "usage_argument": ("argument {option}: {detail}", "อาร์กิวเมนต์ {option}: {detail}"),
    "usage_empty_path": (
        "is empty; give a path (an unset variable in a script?)",
        "ว่างอยู่ ให้ระบุเส้นทางของไฟล์หรือโฟลเดอร์ (ตัวแปรในสคริปต์ยังไม่ได้กำหนดค่าหรือไม่)",
    ),
    "usage_jobs": (
        "takes a whole number of processes, 1 or more, not '{value}'",
        "ต้องเป็นจำนวนโพรเซสเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป ไม่ใช่ '{value}'",
    ),
    "usage_shard": (
        "takes I/N with 1 <= I <= N, such as 1/4, not '{value}'",
        "ต้องเขียนเป็น I/N โดย 1 <= I <= N เช่น 1/4 ไม่ใช่ '{value}'",
    ),
    "usage_port": (
        "takes a port number from 0 (any free one) to 65535, not '{value}'",
        "ต้องเป็นหมายเลขพอร์ตตั้งแต่ 0 (พอร์ตใดก็ได้ที่ว่าง) ถึง 65535 ไม่ใช่ '{value}'",
    ),
    "usage_command": (
        "{detail} (see python build.py {command} --help)",
        "{detail} (ดูวิธีใช้ด้วย python build.py {command} --help)",
    ),
    # command line: the help (--help) in the clerk's language; option names and metavars stay as typed
    "help_description": (
        "Build bilingual Thai/English MOU agreements (PDF and DOCX) from YAML records. Without a command, `build` runs.",
        "สร้างบันทึกข้อตกลงความร่วมมือสองภาษา ไทยและอังกฤษ (PDF และ DOCX) จากไฟล์ข้อมูล YAML "
        "หากไม่ระบุคำสั่งย่อย โปรแกรมจะใช้คำสั่ง `build`",
    ),
    "help_build": (
        "build agreements as PDF and DOCX into output/ (the default command)",
        "สร้างเอกสารบันทึกข้อตกลงเป็น PDF และ DOCX ไว้ใน output/ (เป็นคำสั่งย่อยเริ่มต้น)",
    ),
    "help_release": (
        "build, sign and archive agreement versions as output/releases/<agreement>-<version>.zip",
        "ออกฉบับเผยแพร่ คือสร้าง ลงนาม และเก็บบันทึกข้อตกลงแต่ละรุ่นไว้เป็น output/releases/<รหัส>-<รุ่น>.zip",
    ),
    "help_verify": (
        "check a release archive: checksums, manifest signature, PDF signatures",
        "ตรวจสอบชุดเผยแพร่ ทั้งค่าตรวจสอบ ลายมือชื่อบนรายการไฟล์ และลายมือชื่อใน PDF",
    ),
    "help_diff": (
        "write a redline PDF and a DOCX with tracked changes between two versions of an agreement",
        "สร้างฉบับเปรียบเทียบระหว่างสองรุ่นของบันทึกข้อตกลง เป็น PDF และ DOCX ที่ติดตามการแก้ไข",
    ),
    "help_new": (
        "start a party or an agreement record: a commented file to fill in",
        "เริ่มไฟล์ข้อมูลคู่ภาคีหรือบันทึกข้อตกลงใหม่ ที่มีทุกช่องพร้อมคำอธิบายให้กรอก",
    ),
    "help_watch": (
        "rebuild on every save of a record or template, Thai PDF first; --serve shows output/ in a browser",
        "สร้างเอกสารใหม่ทุกครั้งที่บันทึกไฟล์ข้อมูลหรือแม่แบบ โดยสร้าง PDF ภาษาไทยก่อน ใส่ --serve เพื่อดู output/ ในเว็บเบราว์เซอร์",
    ),
    "help_check": (
        "check every record of the project, and the references between them, without building",
        "ตรวจข้อมูลทุกไฟล์ของโครงการ และการอ้างถึงกันระหว่างไฟล์ โดยไม่สร้างเอกสาร",
    ),
    "help_lang": (
        "language of messages (default: Thai under a Thai locale, else English)",
        "ภาษาของข้อความที่แจ้ง (ค่าเริ่มต้น: ภาษาไทย เมื่อเครื่องตั้งค่าภาษาเป็นภาษาไทย นอกนั้นเป็นภาษาอังกฤษ)",
    ),
    "help_debug": (
        "show a traceback on internal errors",
        "แสดงรายละเอียดทางเทคนิค เมื่อเกิดข้อบกพร่องของโปรแกรมเอง (สำหรับส่งให้ผู้ดูแลระบบ)",
    ),
    "help_root": (
        "project folder holding parties/, agreements/ and templates/ (default: .)",
        "โฟลเดอร์ของโครงการ ที่มี parties/ agreements/ และ templates/ (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบัน)",
    ),
    "help_output": (
        "where to write the files (default: ROOT/output)",
        "โฟลเดอร์ที่จะเขียนไฟล์ที่สร้าง (ค่าเริ่มต้น: ROOT/output)",
    ),
    "help_only_build": (
        "build only this agreement (repeatable; same as naming it)",
        "สร้างเฉพาะบันทึกข้อตกลงฉบับนี้ (ระบุซ้ำได้ เหมือนการระบุรหัสต่อท้ายคำสั่ง)",
    ),
    "help_only_watch": (
        "watch only this agreement (repeatable; same as naming it)",
        "เฝ้าดูเฉพาะบันทึกข้อตกลงฉบับนี้ (ระบุซ้ำได้ เหมือนการระบุรหัสต่อท้ายคำสั่ง)",
    ),
    "help_format": (
        "only this format; repeat for several (default: pdf and docx)",
        "สร้างเฉพาะไฟล์แบบนี้ ระบุซ้ำได้หากต้องการหลายแบบ (ค่าเริ่มต้น: ทั้ง pdf และ docx)",
    ),
    "help_build_agreements": (
        "ids of the agreements to build (default: all in agreements/)",
        "รหัสของบันทึกข้อตกลงที่จะสร้าง (ค่าเริ่มต้น: ทุกฉบับใน agreements/)",
    ),
    "help_force": (
        "rebuild even the agreements whose inputs have not changed",
        "สร้างใหม่ทั้งหมด แม้ฉบับที่ข้อมูลไม่เปลี่ยน",
    ),
    "help_jobs": (
        "render in N processes, at most one per core and per agreement (default: the number of cores)",
        "สร้างเอกสารพร้อมกัน N โพรเซส ไม่เกินจำนวนคอร์และจำนวนบันทึกข้อตกลง (ค่าเริ่มต้น: เท่ากับจำนวนคอร์ของเครื่อง)",
    ),
    "help_shard": (
        "build only share I of N of the agreements (for a CI matrix)",
        "สร้างเฉพาะส่วนที่ I จาก N ส่วนของบันทึกข้อตกลงทั้งหมด (สำหรับแบ่งงานในระบบ CI)",
    ),
    "help_mismatch_build": (
        "while drafting: report where the Thai and English texts differ (numbers, dates, names) as warnings and build anyway",
        "ระหว่างร่าง: แจ้งจุดที่ข้อความภาษาไทยกับภาษาอังกฤษไม่ตรงกัน (ตัวเลข วันที่ ชื่อ) เป็นคำเตือน แล้วสร้างเอกสารต่อไป",
    ),
    "help_mismatch_diff": (
        "report where a version's Thai and English texts differ as warnings and make the redline anyway",
        "แจ้งจุดที่ข้อความภาษาไทยกับภาษาอังกฤษไม่ตรงกัน ในรุ่นใดรุ่นหนึ่ง เป็นคำเตือน แล้วสร้างฉบับเปรียบเทียบต่อไป",
    ),
    "help_mismatch_watch": (
        "report where the Thai and English texts differ as warnings and build anyway",
        "แจ้งจุดที่ข้อความภาษาไทยกับภาษาอังกฤษไม่ตรงกัน เป็นคำเตือน แล้วสร้างเอกสารต่อไป",
    ),
    "help_mismatch_check": (
        "report where the Thai and English texts differ as warnings, not errors",
        "แจ้งจุดที่ข้อความภาษาไทยกับภาษาอังกฤษไม่ตรงกัน เป็นคำเตือน ไม่ใช่ข้อผิดพลาด",
    ),
    "help_quiet": ("print problems only", "แสดงเฉพาะปัญหาที่พบ"),
    "help_verbose": ("print timings too", "แสดงเวลาที่ใช้ด้วย"),
    "help_release_agreements": (
        "ids of the agreements to release (default: all in agreements/)",
        "รหัสของบันทึกข้อตกลงที่จะออกฉบับเผยแพร่ (ค่าเริ่มต้น: ทุกฉบับใน agreements/)",
    ),
    "help_key": (
        "PKCS#12 file with the organization's key and certificate "
        "(default: MOU_SIGNING_KEY, a path or base64 content; none: unsigned)",
        "ไฟล์ PKCS#12 ที่มีกุญแจและใบรับรองของหน่วยงาน (ค่าเริ่มต้น: ตัวแปร MOU_SIGNING_KEY "
        "ซึ่งเป็นที่อยู่ของไฟล์ หรือเนื้อไฟล์แบบ base64 หากไม่มีทั้งสองอย่าง จะไม่ลงนาม)",
    ),
    "help_key_password_env": (
        "environment variable holding the key's password (default: MOU_SIGNING_PASSWORD)",
        "ชื่อตัวแปรที่เก็บรหัสผ่านของกุญแจ (ค่าเริ่มต้น: MOU_SIGNING_PASSWORD)",
    ),
    "help_archives": ("release zip files", "ไฟล์ zip ของชุดเผยแพร่"),
    "help_trust": (
        "certificate (PEM or DER) the signer must chain to (repeatable; default: the "
        "project's trust/*.pem; without either, the signature shows the archive is intact "
        "but not who signed it)",
        "ใบรับรองที่เชื่อถือ (PEM หรือ DER) ซึ่งผู้ลงนามต้องได้รับการรับรองจากใบรับรองนี้ (ระบุซ้ำได้ "
        "ค่าเริ่มต้น: trust/*.pem ของโครงการ หากไม่มีทั้งสองอย่าง ลายมือชื่อยืนยันได้เพียงว่า"
        "ชุดเผยแพร่ไม่ถูกแก้ไข แต่ยืนยันไม่ได้ว่าใครลงนาม)",
    ),
    "help_verify_root": (
        "project folder whose trust/*.pem lists the trusted signers (default: .)",
        "โฟลเดอร์ของโครงการ ซึ่ง trust/*.pem ในโฟลเดอร์นั้นระบุผู้ลงนามที่เชื่อถือ (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบัน)",
    ),
    "help_require_signature": ("fail an unsigned archive", "ถือว่าไม่ผ่าน หากชุดเผยแพร่ไม่ได้ลงนาม"),
    "help_diff_agreement": ("id of the agreement", "รหัสของบันทึกข้อตกลง"),
    "help_diff_old": (
        "earlier version: a version number (release archive, git history, working tree) or git:<revision>",
        "รุ่นเดิม: หมายเลขรุ่น (หาจากชุดเผยแพร่ ประวัติใน git หรือไฟล์ที่มีอยู่ตอนนี้) หรือ git:<ชื่อรุ่นใน git>",
    ),
    "help_diff_new": ("later version, named the same way", "รุ่นใหม่ ระบุแบบเดียวกัน"),
    "help_kind": ("the kind of record to start", "ชนิดของไฟล์ข้อมูลที่จะเริ่ม (party คือคู่ภาคี agreement คือบันทึกข้อตกลง)"),
    "help_id": (
        "its id, the file's name: lower-case letters, digits and hyphens (e.g. kku)",
        "รหัส ซึ่งเป็นชื่อไฟล์ด้วย ใช้อักษรอังกฤษตัวเล็ก ตัวเลข และขีด (เช่น kku)",
    ),
    "help_parties": (
        "for an agreement: the ids of its parties, comma-separated, in order (each in parties/)",
        "สำหรับบันทึกข้อตกลง: รหัสของคู่ภาคีตามลำดับ คั่นด้วยจุลภาค (แต่ละฝ่ายต้องมีไฟล์ใน parties/)",
    ),
    "help_new_root": (
        "project folder to write into (default: .); one without templates/ gets the standard ones",
        "โฟลเดอร์ของโครงการที่จะเขียนไฟล์ลงไป (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบัน) หากยังไม่มี templates/ โปรแกรมจะใส่แม่แบบมาตรฐานให้",
    ),
    "help_watch_agreements": (
        "ids of the agreements to watch (default: all in agreements/); the first is shown on the index page",
        "รหัสของบันทึกข้อตกลงที่จะเฝ้าดู (ค่าเริ่มต้น: ทุกฉบับใน agreements/) ฉบับแรกจะแสดงในหน้ารายการ",
    ),
    "help_serve": (
        "serve output/ at http://127.0.0.1:PORT/ (this machine only); the page reloads after each rebuild",
        "เปิดให้ดู output/ ที่ http://127.0.0.1:PORT/ (จากเครื่องนี้เท่านั้น) หน้าเว็บจะโหลดใหม่เองทุกครั้งที่สร้างเสร็จ",
    ),
    "help_port": ("port for --serve (default: 8000)", "พอร์ตของ --serve (ค่าเริ่มต้น: 8000)"),
    # argparse's own words, given to it by the parser and its formatter (mou/cli/parser.py)
    "help_help": ("show this help message and exit", "แสดงวิธีใช้นี้แล้วจบการทำงาน"),
    "help_version": ("show program's version number and exit", "แสดงรุ่นของโปรแกรมแล้วจบการทำงาน"),
    "help_usage": ("usage: ", "วิธีใช้: "),
    "help_commands": ("commands", "คำสั่งย่อย"),
    "help_positionals": ("positional arguments", "ค่าที่ระบุตามลำดับ"),
    "help_options": ("options", "ตัวเลือก"),
    "verify_ok_label": ("ok  ", "ผ่าน"),
    "verify_fail_label": ("FAIL", "ไม่ผ่าน"),
    "verify_missing": ("missing from the archive", "ไม่มีในชุดเผยแพร่"),
    "verify_extra": ("is not part of the release (added)", "ไม่ได้เป็นส่วนหนึ่งของชุดเผยแพร่ (ถูกเพิ่มเข้ามา)"),
    "verify_duplicate": ("appears twice in the archive", "มีซ้ำสองครั้งในชุดเผยแพร่"),
    "verify_damaged": (
        "is damaged (it cannot be unpacked, or its zip checksum fails)",
        "ไฟล์เสีย (แตกไฟล์ไม่ได้ หรือค่าตรวจสอบของ zip ไม่ตรง)",
    ),
    "verify_not_zip": ("is not a readable zip archive", "ไม่ใช่ไฟล์ zip ที่อ่านได้"),
    # hostile archives: refused before unpacking
    "archive_cannot_open": ("cannot be opened ({detail})", "เปิดไฟล์ไม่ได้ ({detail})"),
    "archive_not_regular": (
        "is {kind}, not a file; give the path of a release .zip",
        "เป็น{kind} ไม่ใช่ไฟล์ ให้ระบุตำแหน่งของไฟล์ชุดเผยแพร่ .zip",
    ),
    "kind_folder": ("a folder", "โฟลเดอร์"),
    "kind_pipe": ("a pipe", "ท่อส่งข้อมูล (pipe)"),
    "kind_socket": ("a socket", "ซ็อกเก็ต"),
    "kind_device": ("a device", "อุปกรณ์"),
    "archive_zip64": (
        "is a zip64 archive, far larger than a release; it was not unpacked",
        "เป็นไฟล์ zip64 ซึ่งใหญ่เกินชุดเผยแพร่มาก จึงไม่ได้แตกไฟล์",
    ),
    "archive_too_many_members": (
        "lists {n} members, more than the {limit} a release may hold; it was not unpacked",
        "มีรายการ {n} ไฟล์ มากกว่าที่ชุดเผยแพร่มีได้ ({limit}) จึงไม่ได้แตกไฟล์",
    ),
    "archive_member_too_large": (
        "member {name} would unpack to {size} bytes, more than the {limit} a release member may have "
        "(a zip bomb?); it was not unpacked",
        "ไฟล์ {name} จะขยายเป็น {size} ไบต์ มากกว่าที่ไฟล์ในชุดเผยแพร่มีได้ ({limit}) (อาจเป็น zip bomb) จึงไม่ได้แตกไฟล์",
    ),
    "archive_too_large": (
        "would unpack to {size} bytes in all, more than the {limit} a release may have (a zip bomb?); "
        "it was not unpacked",
        "จะขยายรวมเป็น {size} ไบต์ มากกว่าที่ชุดเผยแพร่มีได้ ({limit}) (อาจเป็น zip bomb) จึงไม่ได้แตกไฟล์",
    ),
    "verify_unreadable_manifest": ("cannot be read as a release manifest", "อ่านเป็นรายการของชุดเผยแพร่ไม่ได้"),
    "verify_wrong_archive": ("the archive is named {name} but holds {claimed}", "ไฟล์ชื่อ {name} แต่เนื้อในเป็น {claimed}"),
    "verify_bad_signature": ("manifest signature INVALID: {detail}", "ลายมือชื่อบนรายการไม่ถูกต้อง: {detail}"),
    # who signed: a certificate's name proves nothing without a trust list
    "verify_signed_trusted": (
        "manifest signature valid: signed by {signer} at {when} (the signer's own clock; no timestamp); "
        "the certificate (SHA-256 {fingerprint}) chains to the trust list",
        "ลายมือชื่อบนรายการถูกต้อง ลงนามโดย {signer} เมื่อ {when} (ตามนาฬิกาของผู้ลงนาม ไม่มีการประทับเวลา) "
        "ใบรับรอง (SHA-256 {fingerprint}) อยู่ในรายการที่เชื่อถือ",
    ),
    "verify_signed_identity_unknown": (
        "manifest signature intact, made at {when} with a certificate that names {signer}, SHA-256 "
        "fingerprint {fingerprint}; the signer's identity is NOT established: anyone can make a "
        "certificate with any name. Compare the fingerprint with the one the organization publishes, "
        "or verify with --trust CERT (or the project's trust/*.pem)",
        "ลายมือชื่อบนรายการไม่ถูกแก้ไข ลงนามเมื่อ {when} ด้วยใบรับรองที่ระบุชื่อ {signer} ลายนิ้วมือ SHA-256 "
        "{fingerprint} แต่ยังยืนยันตัวผู้ลงนามไม่ได้ เพราะใครก็สร้างใบรับรองในชื่อใดก็ได้ "
        "ให้เทียบลายนิ้วมือกับที่หน่วยงานประกาศไว้ หรือตรวจด้วย --trust ไฟล์ใบรับรอง (หรือ trust/*.pem ของโครงการ)",
    ),
    "verify_trust_list": (
        "signers are checked against the trust list: {paths}",
        "ตรวจผู้ลงนามกับรายการใบรับรองที่เชื่อถือ: {paths}",
    ),
    "cannot_read_certificate": (
        "cannot read the certificate: {detail}; give a PEM or DER certificate file",
        "อ่านใบรับรองไม่ได้: {detail} ให้ระบุไฟล์ใบรับรองแบบ PEM หรือ DER",
    ),
    "verify_unsigned": (
        "the archive is not signed: its checksums show it is complete, not who made it",
        "ชุดเผยแพร่นี้ไม่ได้ลงนาม ค่าตรวจสอบยืนยันได้เพียงว่าไฟล์ครบ ไม่ได้ยืนยันว่าใครเป็นผู้จัดทำ",
    ),
    "verify_changed": (
        "CHANGED: its SHA-256 or size differs from the manifest",
        "ถูกแก้ไข: ค่า SHA-256 หรือขนาดไม่ตรงกับรายการ",
    ),
    "verify_intact": (
        "intact ({size} bytes, SHA-256 as in the manifest)",
        "ครบถ้วน ({size} ไบต์ ค่า SHA-256 ตรงกับรายการ)",
    ),
    "verify_unreadable_sums": ("cannot be read as SHA-256 checksums", "อ่านเป็นค่าตรวจสอบ SHA-256 ไม่ได้"),
    "verify_sums_mismatch": ("does not match the archive: {names}", "ไม่ตรงกับไฟล์ในชุดเผยแพร่: {names}"),
    "verify_sums_ok": ("all {n} checksums match", "ค่าตรวจสอบทั้ง {n} รายการตรงกัน"),
    "verify_fingerprint": (
        "fingerprint {fingerprint} follows from the listed inputs",
        "รหัสตรวจสอบ {fingerprint} ตรงกับข้อมูลนำเข้าที่ระบุ",
    ),
    "verify_fingerprint_mismatch": (
        "the fingerprint does not follow from the inputs, or the archived records are not the inputs listed",
        "รหัสตรวจสอบไม่ตรงกับข้อมูลนำเข้า หรือไฟล์ข้อมูลในชุดเผยแพร่ไม่ใช่ข้อมูลนำเข้าที่ระบุ",
    ),
    "verify_pdf_unreadable": ("cannot be read as a PDF", "อ่านเป็น PDF ไม่ได้"),
    "verify_pdf_records": (
        "the records attached to the PDF are not the archived records",
        "ไฟล์ข้อมูลที่แนบใน PDF ไม่ใช่ไฟล์ข้อมูลในชุดเผยแพร่",
    ),
    "verify_pdf_signature_count": (
        "{n} signature(s) where the release has exactly one, in sig-organization",
        "มีลายมือชื่อ {n} รายการ แต่ชุดเผยแพร่ต้องมีหนึ่งรายการในช่อง sig-organization",
    ),
    "verify_pdf_other_signer": (
        "signed by {signer}, not by the manifest's signer",
        "ลงนามโดย {signer} ซึ่งไม่ใช่ผู้ลงนามรายการ",
    ),
    "verify_pdf_field": ("field {field}: {detail}", "ช่อง {field}: {detail}"),
    "sig_unreadable": ("the signature cannot be read ({kind})", "อ่านลายมือชื่อไม่ได้ ({kind})"),
    "sig_changed": ("the signed content was changed", "เนื้อหาที่ลงนามไว้ถูกแก้ไข"),
    "sig_invalid": ("the signature does not match its certificate", "ลายมือชื่อไม่ตรงกับใบรับรอง"),
    "sig_untrusted": (
        "the signer's certificate is not trusted (or was not valid at the signing time)",
        "ใบรับรองของผู้ลงนามไม่น่าเชื่อถือ (หรือใช้ไม่ได้ในเวลาที่ลงนาม)",
    ),
    "sig_not_whole_file": ("the file was changed after it was signed", "ไฟล์ถูกแก้ไขหลังจากลงนาม"),
    "verify_pdf_bad": ("PDF check FAILED: {detail}", "ตรวจ PDF ไม่ผ่าน: {detail}"),
    "verify_pdf_signed": (
        "intact; PDF signature valid, signed by {signer}, whole file covered; carries the {n} records",
        "ครบถ้วน ลายมือชื่อใน PDF ถูกต้อง ลงนามโดย {signer} ครอบคลุมทั้งไฟล์ และแนบไฟล์ข้อมูลครบ {n} ไฟล์",
    ),
    "verify_pdf_ok": ("intact (unsigned); carries the {n} records", "ครบถ้วน (ไม่ได้ลงนาม) แนบไฟล์ข้อมูลครบ {n} ไฟล์"),
    "verified": (
        "VERIFIED {path}: every file is as released{signed}",
        "ตรวจแล้วถูกต้อง {path}: ทุกไฟล์ตรงตามที่ออกเผยแพร่{signed}",
    ),
    "verified_signed": (", signed by {signer}", " ลงนามโดย {signer}"),
    "verified_signed_unknown": (
        ", signed with a certificate naming {signer} (SHA-256 {fingerprint}); who signed is NOT established "
        "(no --trust, no trust/*.pem)",
        " ลงนามด้วยใบรับรองที่ระบุชื่อ {signer} (SHA-256 {fingerprint}) แต่ยังยืนยันตัวผู้ลงนามไม่ได้ "
        "(ไม่ได้ระบุ --trust และไม่มี trust/*.pem)",
    ),
    "verified_unsigned": (" (unsigned)", " (ไม่ได้ลงนาม)"),
    "not_verified": ("NOT VERIFIED {path}: {n} problem(s)", "ตรวจไม่ผ่าน {path}: พบปัญหา {n} รายการ"),
    # summaries
    # diff (redlines between versions)
    "diff_unknown_version": (
        "no version '{version}' of {id} found (looked in output/releases/, the git "
        "history of agreements/{id}.yaml and the working tree); versions found: {known}",
        "ไม่พบรุ่น '{version}' ของ {id} (ค้นใน output/releases/ ในประวัติ git ของ "
        "agreements/{id}.yaml และในไฟล์ปัจจุบัน) รุ่นที่พบ: {known}",
    ),
    "diff_keep_versions": (
        "; to compare a version later, release it (python build.py release {id}) or keep the records in git",
        " หากต้องการเทียบรุ่นใดภายหลัง ให้ออกฉบับเผยแพร่รุ่นนั้นไว้ (python build.py release {id}) หรือเก็บไฟล์ข้อมูลไว้ใน git",
    ),
    "diff_built_not_kept": (
        "; output/{folder}/ holds its files but not its records",
        " output/{folder}/ มีไฟล์ที่สร้างไว้แต่ไม่มีไฟล์ข้อมูลของรุ่นนั้น",
    ),
    "diff_no_git_revision": (
        "git has no revision '{rev}' holding agreements/{id}.yaml (or this folder is "
        "not in a git repository); give a commit, tag or branch",
        "ไม่พบ '{rev}' ใน git ที่มีไฟล์ agreements/{id}.yaml (หรือโฟลเดอร์นี้ไม่อยู่ใน คลัง git) ให้ระบุรหัส commit, tag หรือ branch",
    ),
    # machine and command faults: without git, no git history was searched
    "diff_git_missing": (
        "git is not installed (not found on PATH), so no git history was searched: install git "
        "(apt-get install git) and run again, or compare versions released in output/releases/",
        "ไม่พบโปรแกรม git ในเครื่อง (ไม่อยู่ใน PATH) จึงไม่ได้ค้นในประวัติ git ให้ติดตั้ง git "
        "(apt-get install git) แล้วสั่งใหม่ หรือเปรียบเทียบรุ่นที่ออกเผยแพร่ไว้ใน output/releases/",
    ),
    "diff_bad_archive": (
        "cannot read the release archive ({detail}); run python build.py verify on it",
        "อ่านชุดเผยแพร่ไม่ได้ ({detail}) ให้ตรวจด้วยคำสั่ง python build.py verify",
    ),
    "diff_archive_fails": (
        "the release archive does not verify ({detail}; {n} problem(s) in all), so it is "
        "not read as that version; run python build.py verify on it, or name the version "
        "as git:<revision>",
        "ชุดเผยแพร่นี้ตรวจสอบไม่ผ่าน ({detail} รวมพบปัญหา {n} รายการ) จึงไม่ใช้เป็นรุ่นนั้น "
        "ให้ตรวจด้วยคำสั่ง python build.py verify หรือระบุรุ่นเป็น git:<revision>",
    ),
    "diff_same_version": (
        "'{version}' is given as both the old and the new version; name two different versions (e.g. 1.0 1.1)",
        "ระบุ '{version}' เป็นทั้งรุ่นเดิมและรุ่นใหม่ ให้ระบุสองรุ่นที่ต่างกัน (เช่น 1.0 1.1)",
    ),
    "diff_language_dropped": (
        "note: no {language} redline: version {version} is not made in {language}",
        "หมายเหตุ: ไม่มีฉบับเปรียบเทียบภาษา{language} เพราะรุ่น {version} ไม่ได้จัดทำเป็นภาษา{language}",
    ),
    "diff_no_common_language": (
        "versions {old} and {new} are not made in any language in common: there is "
        "nothing to compare; name versions that share a language",
        "รุ่น {old} และรุ่น {new} ไม่มีภาษาที่จัดทำตรงกัน จึงเปรียบเทียบไม่ได้ ให้ระบุรุ่นที่มีภาษาเดียวกัน",
    ),
    "language_th": ("Thai", "ไทย"),
    "language_en": ("English", "อังกฤษ"),
    "diff_from_release": ("release archive {path}", "ชุดเผยแพร่ {path}"),
    "diff_from_git": ("git commit {commit}", "คอมมิต git {commit}"),
    "diff_from_working_tree": ("working tree", "ไฟล์ปัจจุบัน"),
    "diff_comparing": (
        "comparing {old} ({old_source}) with {new} ({new_source})",
        "เปรียบเทียบรุ่น {old} ({old_source}) กับรุ่น {new} ({new_source})",
    ),
    "redline_footer": ("redline {old} → {new}", "ฉบับเปรียบเทียบ รุ่น {old} → {new}"),
    "redline_title": ("Changes from version {old} to version {new}", "สรุปการเปลี่ยนแปลงจากรุ่น {old} เป็นรุ่น {new}"),
    "redline_counts": (
        "Clauses: {added} added, {removed} removed, {changed} changed.",
        "ข้อ: เพิ่ม {added} ข้อ ตัดออก {removed} ข้อ แก้ไข {changed} ข้อ",
    ),
    "redline_clauses_added": ("Clauses added: {names}.", "ข้อที่เพิ่ม: {names}"),
    "redline_clauses_removed": ("Clauses removed: {names}.", "ข้อที่ตัดออก: {names}"),
    "redline_clauses_changed": ("Clauses changed: {names}.", "ข้อที่แก้ไข: {names}"),
    "redline_parties_added": ("Parties added: {names}.", "คู่ภาคีที่เพิ่ม: {names}"),
    "redline_parties_removed": ("Parties removed: {names}.", "คู่ภาคีที่ตัดออก: {names}"),
    "redline_clauses_moved": ("Clauses moved: {names}.", "ข้อที่ย้ายตำแหน่ง: {names}"),
    "redline_moved_from": ("{heading} (was {old})", "{heading} (เดิม{old})"),
    "redline_moved_changed": ("{heading} (was {old}; its text changed too)", "{heading} (เดิม{old} และแก้ไขข้อความด้วย)"),
    "redline_value": ("{what}: {old} → {new}.", "{what} เปลี่ยนจาก {old} เป็น {new}"),
    "redline_status": ("Status", "สถานะ"),
    "redline_bilingual": ("Side-by-side edition", "ฉบับสองภาษาคู่กัน"),
    "redline_yes": ("yes", "มี"),
    "redline_no": ("no", "ไม่มี"),
    "status_draft": ("draft", "ร่าง"),
    "status_final": ("final", "ฉบับสมบูรณ์"),
    "status_signed": ("signed", "ลงนามแล้ว"),
    "redline_languages": ("Languages", "ภาษา"),
    "redline_presiding": ("Presiding", "ประธานในพิธีลงนาม"),
    # who signs, per agreement: a party's signer changed between versions
    "redline_signatory": ("Signing for {party}", "ผู้ลงนามฝ่าย{party}"),
    "redline_witnesses_added": ("Witnesses added: {names}.", "พยานที่เพิ่ม: {names}"),
    "redline_witnesses_removed": ("Witnesses removed: {names}.", "พยานที่ตัดออก: {names}"),
    "redline_date": ("Date of the agreement", "วันที่ทำบันทึกข้อตกลง"),
    "redline_start": ("In force from", "วันเริ่มมีผลใช้บังคับ"),
    "redline_end": ("In force until", "วันสิ้นสุด"),
    "redline_budget": ("Budget", "งบประมาณ"),
    "redline_amount": ("Amount {key}", "จำนวนเงิน {key}"),  # amounts: {key: …}
    "redline_none_value": ("none", "ไม่มี"),
    "redline_no_changes": ("No changes.", "ไม่มีการเปลี่ยนแปลง"),
    "redline_legend": (
        "Inserted text is underlined in blue, deleted text struck through in red; a bar "
        "in the margin marks each changed part. Both versions are shown with the current "
        "templates.",
        "ข้อความที่เพิ่มขีดเส้นใต้สีน้ำเงิน ข้อความที่ตัดออกขีดฆ่าสีแดง แถบที่ขอบซ้ายแสดงส่วนที่เปลี่ยน ทั้งสองรุ่นจัดพิมพ์ด้วยแม่แบบปัจจุบัน",
    ),
    "checked": (
        "checked {agreements} agreement(s) and {parties} party record(s): no problems found",
        "ตรวจบันทึกข้อตกลง {agreements} ฉบับ และข้อมูลคู่ภาคี {parties} ไฟล์แล้ว ไม่พบปัญหา",
    ),
    "checked_warnings": (
        "checked {agreements} agreement(s) and {parties} party record(s): no errors, {n} warning(s)",
        "ตรวจบันทึกข้อตกลง {agreements} ฉบับ และข้อมูลคู่ภาคี {parties} ไฟล์แล้ว ไม่พบข้อผิดพลาด มีคำเตือน {n} รายการ",
    ),
    "problems_found": ("{n} problem(s) found; nothing was written.", "พบปัญหา {n} รายการ ยังไม่ได้เขียนไฟล์ใด ๆ"),
    "agreements_failed": (
        "{n} of {total} agreement(s) failed; their earlier output is unchanged.",
        "สร้างไม่สำเร็จ {n} จาก {total} ฉบับ ไฟล์เดิมของฉบับเหล่านั้นยังอยู่ครบ",
    ),
    "mismatches_allowed": (
        "{n} place(s) where the Thai and English texts differ, allowed by --allow-mismatch; "
        "make them agree before the text is final",
        "ข้อความภาษาไทยและภาษาอังกฤษไม่ตรงกัน {n} แห่ง ซึ่งยอมให้ผ่านเพราะใช้ --allow-mismatch ให้แก้ให้ตรงกันก่อนจัดทำฉบับจริง",
    ),
    "interrupted": ("interrupted; earlier output is unchanged.", "หยุดกลางคัน ไฟล์เดิมยังอยู่ครบ"),
    "interrupted_after_writing": (
        "interrupted; already replaced in this run: {written}; the other agreements' earlier output is unchanged.",
        "หยุดกลางคัน ฉบับที่เขียนทับไปแล้วในรอบนี้: {written} ส่วนฉบับอื่นไฟล์เดิมยังอยู่ครบ",
    ),
    "wrote": ("wrote {path}", "เขียนไฟล์ {path}"),
    "pages": (" ({n} pages)", " ({n} หน้า)"),
    "one_page": (" (1 page)", " (1 หน้า)"),
    "error": ("error", "ข้อผิดพลาด"),
    "warning": ("warning", "คำเตือน"),
    "usage_error": ("usage error", "สั่งงานไม่ถูกต้อง"),
    # names of kinds of values, used inside other messages
    "a_list": ("a list", "รายการ"),
    "a_group": ("a group of fields", "กลุ่มของช่องข้อมูล"),
    "yes_no": ("yes/no ({value})", "ค่าใช่/ไม่ใช่ ({value})"),
    "the_number": ("the number {value}", "ตัวเลข {value}"),
    "the_text": ("'{value}'", " '{value}'"),
}


@dataclass(frozen=True)
class Message:
    """A message in both languages."""

    en: str
    th: str

    def __str__(self) -> str:
        return self.en

    def __add__(self, other: Message | str) -> Message:
        if isinstance(other, str):
            return Message(self.en + other, self.th + other)
        return Message(self.en + other.en, self.th + other.th)

    def text(self, language: str) -> str:
        """Return the message in one language."""
        return self.th if language == "th" else self.en


def say(message_key: str, /, **values: object) -> Message:
    """Fill a catalogued message with values, in both languages (values may be Messages)."""
    en, th = CATALOG[message_key]
    return Message(
        en.format(**{k: _in(v, "en") for k, v in values.items()}),
        th.format(**{k: _in(v, "th") for k, v in values.items()}),
    )


def _in(value: object, language: str) -> object:
    """Return a value to format into a message of one language, on one printable line."""
    if isinstance(value, Message):
        return value.text(language)
    return printable(value) if isinstance(value, str) else value


def printable(text: str, limit: int = 200) -> str:
    """Show record text safely in a message: control characters as escapes, long text cut.

    A value such as "done\nerror: …" or a terminal escape sequence must not forge or hide
    lines of the report.
    """
    shown = "".join(
        char
        if char.isprintable() or char == " "
        else (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
        for char in text[:limit]
    )
    return shown + ("…" if len(text) > limit else "")


def clerk_language(environ: dict[str, str] | None = None) -> str:
    """Return 'th' when the clerk's locale is Thai, else 'en'."""
    environ = dict(os.environ) if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(name, "")
        if value:
            return "th" if value.lower().startswith("th") else "en"
    return "en"
