"""The PDF stage. WeasyPrint's C libraries are loaded first, found quickly (libraries.py)."""

from mou.pdf.libraries import found_in_linker_cache

with found_in_linker_cache():
    import weasyprint.text.ffi  # noqa: F401
