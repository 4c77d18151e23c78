"""The PDF stage. WeasyPrint is imported first: its C libraries found quickly (libraries.py), its C
declarations read back from mou's cache (declarations.py), its own stylesheets parsed when used
(deferred_sheets.py), the fontTools modules of its fallbacks loaded when used (deferred_modules.py),
Python's ssl run when read (deferred_ssl.py)."""

from mou.pdf.declarations import kept_declarations
from mou.pdf.deferred_modules import loaded_when_used
from mou.pdf.deferred_sheets import parsed_when_used
from mou.pdf.deferred_ssl import ssl_run_when_read
from mou.pdf.libraries import found_in_linker_cache

with found_in_linker_cache(), kept_declarations(), parsed_when_used(), loaded_when_used(), ssl_run_when_read():
    import weasyprint.text.ffi  # noqa: F401
