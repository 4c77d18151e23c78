"""output/index.html: every agreement built, its versions and status, with links to each file."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from mou.core.errors import Problem
from mou.core.messages import Message, say
from mou.pipeline.incremental import BUILD_FILE, read_build_file
from mou.pipeline.writer import write_atomically

STATUS_TH = {"draft": "ร่าง", "final": "ฉบับสมบูรณ์", "signed": "ลงนามแล้ว"}
DIFF_FILE = ".mou-diff.json"  # beside a redline's files: the agreement and the two versions compared


def built_versions(output: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Return (folder, stamp) for every built agreement version under output/, sorted."""
    found = []
    for stamp_path in sorted(output.glob(f"*/*/{BUILD_FILE}")):
        stamp = read_build_file(stamp_path.parent)
        if stamp is not None:
            found.append((stamp_path.parent, stamp))
    return found


def redlines(output: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Return (folder, about) for every redline written by `diff` under output/, sorted."""
    found = []
    for path in sorted(output.glob(f"*/diff-*/{DIFF_FILE}")):
        try:
            about = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # not mou's: a redline is listed only by the stamp diff wrote
        if isinstance(about, dict):
            found.append((path.parent, about))
    return found


def _links(output: Path, folder: Path, names: list[str]) -> str:
    """Return a link to each file of a folder that exists, labelled with what follows the agreement id."""
    return " ".join(
        f'<a href="{escape(str((folder / name).relative_to(output)))}">{escape(name.split(".", 1)[1])}</a>'
        for name in sorted(names)
        if (folder / name).is_file()
    )


def _redline_row(output: Path, folder: Path, about: dict[str, Any]) -> str:
    """Return one row of the redlines table: agreement, versions compared, pages, links."""
    pages = about.get("pages")
    if not isinstance(pages, dict):
        pages = {}
    files = [path.name for path in folder.iterdir() if ".redline." in path.name]
    return (
        f"<tr><td><b>{escape(str(about.get('agreement', folder.parent.name)))}</b></td>"
        f"<td>{escape(str(about.get('old', '')))} → {escape(str(about.get('new', '')))}</td>"
        f"<td>{escape(', '.join(f'{lang} {count}' for lang, count in sorted(pages.items())))}</td>"
        f"<td>{_links(output, folder, files)}</td></tr>"
    )


def _row(output: Path, folder: Path, stamp: dict[str, Any]) -> str:
    """Return one table row: agreement, version, status, languages, links."""
    title = stamp.get("title") or {}
    names = "<br>".join(f'<span lang="{escape(lang)}">{escape(str(text))}</span>' for lang, text in title.items())
    status = str(stamp.get("status", ""))
    links = _links(output, folder, list(stamp.get("files", {})))
    pages = ", ".join(f"{lang} {count}" for lang, count in sorted(stamp.get("pages", {}).items()))
    return (
        f"<tr><td><b>{escape(str(stamp.get('agreement', folder.parent.name)))}</b><br>{names}</td>"
        f"<td>{escape(str(stamp.get('version', folder.name)))}</td>"
        f'<td class="{escape(status)}">{escape(status)} <span lang="th">{STATUS_TH.get(status, "")}</span></td>'
        f"<td>{escape(pages)}</td><td>{links}</td></tr>"
    )


@dataclass(frozen=True)
class Watching:
    """What watch mode adds to the index page: the problems that keep files back, the PDF being edited, the last rebuild."""

    problems: Sequence[Problem] = ()
    preview: Path | None = None  # the PDF shown under the table
    rebuilt: str = ""  # the last rebuild, as a stamp that changes with every one


def _both(message: Message) -> str:
    """Return a message in English and Thai, for the bilingual page."""
    return f'<span lang="en">{escape(message.en)}</span> <span lang="th">{escape(message.th)}</span>'


def _watch_section(output: Path, watching: Watching) -> str:
    """Return the page's watch-mode part: the located problems first, then the PDF being edited."""
    parts = [f'<p id="rebuilt">{_both(say("index_rebuilt", stamp=watching.rebuilt))}</p>']
    if watching.problems:
        items = "\n".join(
            f'<li><code>{escape(p.render("en"))}</code><br><span lang="th">{escape(p.render("th"))}</span></li>'
            for p in watching.problems
        )
        parts.append(
            f'<section id="problems">\n<h2>{_both(say("index_problems"))}</h2>\n<ul>\n{items}\n</ul>\n</section>'
        )
    if watching.preview is not None and watching.preview.is_file():
        # The file's digest in the address: a reloaded page fetches the new PDF, not a cached one.
        version = hashlib.sha256(watching.preview.read_bytes()).hexdigest()[:12]
        address = f"{escape(watching.preview.relative_to(output).as_posix())}?v={version}"
        parts.append(
            f"<h2>{escape(watching.preview.name)}</h2>\n"
            f'<iframe id="preview" src="{address}" title="{escape(watching.preview.name)}"></iframe>'
        )
    return "\n".join(parts) + "\n"


def render_index(output: Path, watching: Watching | None = None) -> str:
    """Return the index page's HTML (with watch mode's part when watching)."""
    rows = "\n".join(_row(output, folder, stamp) for folder, stamp in built_versions(output))
    diffs = "\n".join(_redline_row(output, folder, about) for folder, about in redlines(output))
    if diffs:
        diffs = (
            '<h2>Redlines <span lang="th">เปรียบเทียบฉบับ</span> (<code>python build.py diff</code>)</h2>\n'
            "<table>\n<tr><th>agreement</th><th>versions</th><th>pages</th><th>files</th></tr>\n"
            f"{diffs}\n</table>\n"
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>mou: agreements built</title>
<style>
body {{ font-family: "Sarabun", "TH Sarabun New", sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; }}
th, td {{ border-bottom: 1px solid #ccc; padding: .4em .8em; text-align: left; vertical-align: top; }}
td.draft {{ color: #b00; }} td.signed {{ color: #060; }}
a {{ margin-right: .6em; }}
#problems {{ border: 2px solid #b00; padding: 0 1em; margin: 1em 0; }} #problems code {{ color: #b00; }}
#preview {{ width: 100%; height: 80vh; border: 1px solid #ccc; }}
</style>
</head>
<body>
<h1>Agreements built <span lang="th">บันทึกข้อตกลงที่สร้างแล้ว</span></h1>
{_watch_section(output, watching) if watching else ""}<table>
<tr><th>agreement</th><th>version</th><th>status</th><th>pages</th><th>files</th></tr>
{rows}
</table>
{diffs}</body>
</html>
"""


def write_index(output: Path, watching: Watching | None = None) -> Path:
    """Write output/index.html atomically and return its path."""
    path = output / "index.html"
    write_atomically(path, render_index(output, watching).encode("utf-8"))
    return path
