"""The package's shape: stage packages that import only downward, no import circles, no imports inside functions."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mou"
# The stages from the bottom up: a module may import from its own stage and the ones below.
STAGES = ["core", "language", "records", "html", "pdf", "docx", "pipeline", "release", "redline", "cli"]
# The one place that loads modules on demand (a command's module, when it runs).
ON_DEMAND = {"mou/cli/main.py"}


def modules() -> dict[str, Path]:
    """Return every module of mou by dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imported(path: Path, known: dict[str, Path]) -> set[str]:
    """Return the mou modules a file imports at run time (TYPE_CHECKING blocks left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mou"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                names.add(full if full in known else node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("mou"))
    return {name for name in names if name in known and name != "mou"}


def graph() -> dict[str, set[str]]:
    """Return mou's import graph, module → modules it imports."""
    known = modules()
    return {name: imported(path, known) for name, path in known.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Return the import circles of a graph (its strongly connected parts of more than one module, or a self-import)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                part.append(member)
                if member == node:
                    break
            if len(part) > 1 or node in edges.get(node, ()):
                found.append(sorted(part))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def stage(module: str) -> int | None:
    """Return a module's stage number, or None for the package's face (mou, mou.__main__)."""
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


def test_mou_has_no_import_circles():
    assert circles(graph()) == []


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"a"}}) == [["a"]]
    assert circles({"a": {"b"}, "b": set()}) == []


@pytest.mark.slow
def test_every_module_is_in_a_stage_and_imports_only_downward():
    upward = []
    for module, targets in graph().items():
        own = stage(module)
        if module in ("mou", "mou.__main__"):
            continue
        assert own is not None, f"{module} is in no stage package"
        upward += [f"{module} -> {target}" for target in targets if (stage(target) or 0) > own]
    assert upward == []
    assert len({module.split(".")[1] for module in graph() if stage(module) is not None}) >= 5


def test_functions_import_nothing_inside_themselves():
    inside = []
    for path in modules().values():
        relative = path.relative_to(PACKAGE.parent).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, (ast.Import, ast.ImportFrom)) or (
                        isinstance(inner, ast.Call)
                        and "import_module" in ast.unparse(inner.func)
                        and relative not in ON_DEMAND
                    ):
                        inside.append(f"{relative}:{inner.lineno}")
    assert inside == []


@pytest.mark.parametrize("command", [["--help"], ["--jobs", "0"], ["relase"], ["build", "--help"]])
def test_the_command_line_and_a_usage_error_load_no_renderer(command, tmp_path):
    # Asking for help, or a build that stops before there is work, never loads WeasyPrint,
    # pydantic, Jinja or pyHanko: the command modules load only when their command runs.
    code = (
        "import sys, io; from mou.cli.main import main\n"
        "try:\n    main(sys.argv[1:], io.StringIO(), io.StringIO())\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('weasyprint', 'pydantic', 'jinja2', 'pyhanko', 'docx') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *command], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
