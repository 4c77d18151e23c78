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


@pytest.mark.parametrize("lang, first", [("en", "re\u2010"), ("en-GB", "res\u2010")])
def test_a_paragraph_breaks_results_as_its_language_does(lang, first):
    # `results` alone is too wide for the box: it breaks where the language's patterns allow.
    html = (
        f'<html lang="{lang}"><style>@page {{ size: A6 }} p {{ hyphens: auto; width: 2.6em; font-size: 20px;'
        f" font-family: DejaVu Sans }}</style><p>results</p></html>"
    )
    assert lines_of(html)[0] in (first, first.replace("\u2010", "-")), lines_of(html)
