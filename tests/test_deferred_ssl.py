"""Python's ssl, which importing WeasyPrint imports, runs only when something reads it (mou/pdf/deferred_ssl.py).

Each check runs in a fresh process (the test process has imported ssl already).
"""

from __future__ import annotations

import os
import subprocess
import sys
import types

import pytest
from conftest import ROOT

from mou.pdf import deferred_ssl

# What a process sees of ssl after importing WeasyPrint through mou.pdf, before and after reading it.
READ = """
import sys, mou.pdf, http.client, urllib.request
from mou.pdf.deferred_ssl import is_deferred
print(is_deferred("ssl"), "_ssl" in sys.modules)
import ssl
print(ssl is sys.modules["ssl"] is http.client.ssl is urllib.request.ssl, is_deferred("ssl"))
print(ssl.PROTOCOL_TLS_CLIENT, type(ssl.create_default_context()).__name__, ssl.OPENSSL_VERSION)
print(type(ssl).__name__, ssl.__name__, ssl.__file__, sorted(n for n in vars(ssl) if not n.startswith("__"))[:5])
print(hasattr(http.client, "HTTPSConnection"), urllib.request.HTTPSHandler().__class__.__name__)
"""
# The same, ssl imported before WeasyPrint: nothing deferred, the same answers after reading it.
EAGER = "import ssl\n" + READ


def fresh_process(script: str, env: dict[str, str] | None = None) -> list[str]:
    """Run a script in a new Python process (mou importable) and return the lines it printed."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        capture_output=True,
        text=True,
        cwd=str(ROOT),
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_ssl_runs_when_read_and_is_then_the_module_an_import_gives():
    deferred, eager = fresh_process(READ), fresh_process(EAGER)
    assert deferred[0] == "True False"  # imported with WeasyPrint, not run
    assert eager[0] == "False True"
    assert deferred[1] == "True True"  # the import statement gives the same module, still not run
    assert eager[1] == "True False"
    assert deferred[2:] == eager[2:]
    assert deferred[3].startswith("module ssl ")


def test_switched_off_ssl_is_imported_as_always():
    assert fresh_process(READ, {"MOU_ACCELERATE": "0"})[0] == "False True"


@pytest.mark.slow
def test_a_build_never_runs_ssl(tmp_path):
    script = (
        "import sys\n"
        "from mou.cli.main import main_entry\n"
        f"sys.argv = ['build.py', '--root', {str(ROOT)!r}, '--output', {str(tmp_path)!r}, "
        "'--only', 'chumphae-kku-digital-skills', '--force', '--jobs', '1', '--quiet', '--format', 'pdf']\n"
        "try:\n    main_entry()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "from mou.pdf.deferred_ssl import is_deferred\nprint(is_deferred('ssl'))\n"
    )
    assert fresh_process(script, {"MOU_CACHE_DIR": str(tmp_path / "cache")}) == ["True"]


def test_a_deferred_module_runs_once_in_place_and_a_failed_run_leaves_nothing(tmp_path, monkeypatch):
    (tmp_path / "mou_deferred_probe.py").write_text("import sys\nRUNS = sys.modules[__name__]\n", encoding="utf-8")
    (tmp_path / "mou_deferred_broken.py").write_text("raise ImportError('no such library')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("mou_deferred_probe", "mou_deferred_broken"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    module = deferred_ssl.deferred("mou_deferred_probe")
    assert module is not None and deferred_ssl.is_deferred("mou_deferred_probe")
    assert module.__spec__ is not None and "RUNS" not in vars(module)  # the import statement's question runs nothing
    import mou_deferred_probe  # type: ignore[import-not-found]

    assert mou_deferred_probe is module and deferred_ssl.is_deferred("mou_deferred_probe")
    assert module.RUNS is module and type(module) is types.ModuleType
    broken = deferred_ssl.deferred("mou_deferred_broken")
    with pytest.raises(ImportError, match="no such library"):
        broken.anything  # noqa: B018
    assert "mou_deferred_broken" not in sys.modules
    assert deferred_ssl.deferred("no_such_module_here") is None
    assert deferred_ssl.deferred("email") is None  # a package: its submodules' imports would run it
