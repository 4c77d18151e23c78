"""Run by Debian's /usr/bin/python3 (python3-uno): open a DOCX in LibreOffice, accept or reject all changes.

    /usr/bin/python3 lo_tracked.py PROFILE_DIR OUT_DIR FILE.docx

Writes OUT_DIR/<stem>.accepted.docx and <stem>.rejected.docx (every tracked change accepted,
or rejected, then saved as DOCX), <stem>.shown.pdf (the document as LibreOffice shows it,
changes marked), and prints {"redlines": n} (the tracked changes LibreOffice read) as JSON.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def prop(name: str, value: object) -> PropertyValue:
    """Return a UNO property value."""
    return PropertyValue(Name=name, Value=value)


def connect(profile: Path) -> tuple[subprocess.Popen, object]:
    """Start a headless LibreOffice with its own profile and return it with its desktop."""
    pipe = f"mou-{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--invisible",
            "--norestore",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):  # up to a minute for a first start with a fresh profile
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.1)
    else:
        office.kill()
        raise SystemExit("LibreOffice did not start")
    return office, context


def main() -> None:
    """Accept all, reject all, show: one file, three results."""
    profile, out, source = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    office, context = connect(profile)
    try:
        smgr = context.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        url = uno.systemPathToFileUrl(str(source.resolve()))
        stem = source.name[: -len(".docx")]
        report = {}
        for action, command in (
            ("accepted", ".uno:AcceptAllTrackedChanges"),
            ("rejected", ".uno:RejectAllTrackedChanges"),
            ("shown", ""),
        ):
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            report.setdefault("redlines", doc.getRedlines().getCount())
            if command:
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, command, "", 0, ())
                report[f"{action}_redlines"] = doc.getRedlines().getCount()
                target = out / f"{stem}.{action}.docx"
                doc.storeToURL(uno.systemPathToFileUrl(str(target)), (prop("FilterName", "MS Word 2007 XML"),))
            else:
                target = out / f"{stem}.shown.pdf"
                doc.storeToURL(uno.systemPathToFileUrl(str(target)), (prop("FilterName", "writer_pdf_Export"),))
            doc.close(True)
        print(json.dumps(report))
    finally:
        with contextlib.suppress(Exception):
            desktop.terminate()
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
