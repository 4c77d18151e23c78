"""English hyphenates with the American patterns the records are spelt in; a region named keeps its own."""

from __future__ import annotations

import pypdfium2 as pdfium
import pyphen
import pytest
import weasyprint

from mou.pdf.render import install_patches


def lines_of(html: str) -> list[str]:
    """Render HTML with mou's patches in place; return the text lines of its first page as pdfium reads them."""
    install_patches()
    document = pdfium.PdfDocument(weasyprint.HTML(string=html).write_pdf())
    try:
        return document[0].get_textpage().get_text_range().splitlines()
    finally:
        document.close()


def test_english_without_a_region_takes_the_american_patterns():
    install_patches()
    assert pyphen.Pyphen(lang="en").inserted("results") == "re-sults"
    assert pyphen.Pyphen(lang="en").inserted("Memorandum") == "Mem-o-ran-dum"
    assert pyphen.Pyphen(lang="en_GB").inserted("results") == "res-ults"  # a region named keeps its own


def test_a_possessive_breaks_in_its_stem_only():
    # The American patterns take an apostrophe for a letter (Pyphen gives Dis-tric-t’s), but
    # WeasyPrint hyphenates the word before it: never `Distric‐t’s`.
    assert lines_of(narrow("District’s", 3.5)) == ["Dis\u2010", "trict’s"]
    assert lines_of(narrow("Government's", 4.5)) == ["Govern\u2010", "ment's"]


def narrow(word: str, em: float, lang: str = "en") -> str:
    """Return a page holding one word in a paragraph em wide, hyphenated in the language given."""
    return (
        f'<html lang="{lang}"><style>@page {{ size: A5 }} p {{ hyphens: auto; width: {em}em; font-size: 20px;'
        f" font-family: DejaVu Sans }}</style><p>{word}</p></html>"
    )


@pytest.mark.parametrize("lang, first", [("en", "re\u2010"), ("en-GB", "res\u2010")])
def test_a_paragraph_breaks_results_as_its_language_does(lang, first):
    # `results` alone is too wide for the box: it breaks where the language's patterns allow.
    assert lines_of(narrow("results", 2.6, lang))[0] == first
