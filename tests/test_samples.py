"""Both samples, built for real and read back: what a reader checks on paper."""

from __future__ import annotations

import datetime

import pytest
from conftest import ROOT, SAMPLES, sample_file
from readback import docx_paragraphs, pdf_lines, pdf_pages, squash
from test_signatories import bare_signature_pages

from mou.html.templating import person_in
from mou.language import thai
from mou.records.validation import load_project

PROJECT = load_project(ROOT)


def expected_phrases(agreement_id: str, language: str) -> list[str]:
    """Return what must appear on paper: names, positions, dates, amounts, headings."""
    agreement = PROJECT.agreements[agreement_id]
    phrases = [agreement.subject.get(language), agreement.place.get(language)]
    people = [PROJECT.parties[p].signatory for p in agreement.parties] + list(agreement.witnesses)
    if agreement.presiding:
        people.append(agreement.presiding)
    for party_id in agreement.parties:
        party = PROJECT.parties[party_id]
        phrases += [party.name.get(language), party.short_name.get(language)]
    for person in people:
        phrases += [person_in(person, language), person.position.get(language)]
    for clause in agreement.clauses:
        phrases.append(clause.heading.get(language))
    dates = [agreement.date, agreement.duration.start] + ([agreement.duration.end] if agreement.duration.end else [])
    if language == "th":
        phrases += [thai.thai_date(d) for d in dates]
        if agreement.budget:
            phrases.append(thai.thai_amount(agreement.budget.amount))
    else:
        phrases += [thai.english_date(d) for d in dates]
        if agreement.budget:
            phrases.append(thai.english_amount(agreement.budget.amount))
    return phrases


@pytest.mark.parametrize("agreement_id", SAMPLES)
@pytest.mark.parametrize("language", ["th", "en"])
def test_pdf_shows_names_positions_dates_and_amounts(built, agreement_id, language):
    text = squash("".join(pdf_lines(sample_file(built, agreement_id, language, "pdf"))))
    missing = [p for p in expected_phrases(agreement_id, language) if squash(p) not in text]
    assert missing == []


@pytest.mark.parametrize("agreement_id", SAMPLES)
@pytest.mark.parametrize("language", ["th", "en"])
def test_docx_shows_names_positions_dates_and_amounts(built, agreement_id, language):
    paragraphs = docx_paragraphs(sample_file(built, agreement_id, language, "docx"))
    text = squash("".join(paragraphs))
    missing = [p for p in expected_phrases(agreement_id, language) if squash(p) not in text]
    assert missing == []
    for person in [PROJECT.parties[p].signatory for p in PROJECT.agreements[agreement_id].parties]:
        assert f"({person_in(person, language)})" in paragraphs  # whole, on its own line


@pytest.mark.parametrize("agreement_id", SAMPLES)
@pytest.mark.parametrize("language", ["th", "en"])
def test_pdf_and_docx_carry_the_same_text(built, agreement_id, language):
    pdf = squash("".join(pdf_lines(sample_file(built, agreement_id, language, "pdf"))))
    docx = squash("".join(docx_paragraphs(sample_file(built, agreement_id, language, "docx"))))
    assert pdf == docx


@pytest.mark.parametrize("agreement_id", SAMPLES)
def test_thai_and_english_have_the_same_clauses_and_signatories(built, agreement_id):
    th = "\n".join(pdf_lines(sample_file(built, agreement_id, "th", "pdf")))
    en = "\n".join(pdf_lines(sample_file(built, agreement_id, "en", "pdf")))
    agreement = PROJECT.agreements[agreement_id]
    clauses = len(agreement.clauses) + 1 + bool(agreement.budget) + (len(agreement.languages) > 1)
    assert [f"ข้อ {thai.thai_digits(n)}" in th for n in range(1, clauses + 2)] == [True] * clauses + [False]
    assert [f"Clause {n}" in en for n in range(1, clauses + 2)] == [True] * clauses + [False]
    signers = len(agreement.parties) + len(agreement.witnesses) + bool(agreement.presiding)
    assert th.count("(ลงชื่อ)") == en.count("(Signed)") == signers
    for fmt_text in (th, en):
        assert fmt_text.count("....") >= signers


def test_thai_edition_uses_thai_digits_and_buddhist_era(built):
    lines = pdf_lines(sample_file(built, "chumphae-kku-digital-skills", "th", "pdf"))
    text = "\n".join(lines)
    assert squash("วันที่ ๑๖ พฤศจิกายน พ.ศ. ๒๕๖๓") in squash(text)
    assert squash("๑๕๐,๐๐๐ บาท (หนึ่งแสนห้าหมื่นบาทถ้วน)") in squash(text)
    assert "ข้อ ๒" in text and "๒.๑" in text
    assert not any(ch.isascii() and ch.isdigit() for ch in text.replace("Smart", ""))


def test_english_edition_dates_amount_and_prevailing_language(built):
    text = "\n".join(pdf_lines(sample_file(built, "chumphae-kku-digital-skills", "en", "pdf")))
    assert "16 November 2020" in text
    assert squash("THB 150,000 (one hundred and fifty thousand baht)") in squash(text)
    assert squash(
        "In case of any inconsistency between the Thai and English texts, the Thai text shall prevail."
    ) in squash(text)


def test_thai_pages_are_numbered_from_page_two(built):
    from readback import PAGE_NUMBER, pdf_pages

    pages = pdf_pages(sample_file(built, "smart-chum-phae-2563", "th", "pdf"))
    assert len(pages) >= 3
    assert "- ๑ -" not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        numbers = [line.strip() for line in page.splitlines() if PAGE_NUMBER.match(line.strip())]
        assert numbers == [f"- {thai.thai_digits(number)} -"]


def test_sample_dates_are_the_real_signing(built):
    agreement = PROJECT.agreements["smart-chum-phae-2563"]
    assert agreement.date == datetime.date(2020, 9, 1)
    assert len(agreement.parties) >= 13
    assert agreement.presiding is not None


@pytest.mark.parametrize("agreement_id", SAMPLES)
@pytest.mark.parametrize("language", ["th", "en", "th-en"])
def test_signatures_start_on_a_page_with_text_of_the_agreement(built, agreement_id, language):
    assert bare_signature_pages(pdf_pages(sample_file(built, agreement_id, language, "pdf"))) == []
