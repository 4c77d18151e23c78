"""Write mou/language/data/english_places.txt: the English names of Thailand's provinces, districts and subdistricts.

Run it on a checkout of the public source named in the file's header (MIT), the one
tools/thai_places.py reads too:

    python tools/english_places.py KONGVUT_CHECKOUT

It keeps the names alone (no kind word: Wang Hin Lat, not Tambon Wang Hin Lat; Phra Nakhon,
not Khet Phra Nakhon), only those written as capitalized Latin words (a few rows hold a
stray Thai letter or a note), once each and sorted.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "mou" / "language" / "data" / "english_places.txt"
KONGVUT = "https://github.com/kongvut/thai-province-data"
ENGLISH_NAME = re.compile("[A-Z][a-z]+(?:-[a-z]+)*(?: [A-Z][a-z]+(?:-[a-z]+)*)*")
KIND_PREFIX = re.compile("^(?:Khet|Amphoe|Tambon|Khwaeng) ")


def commit_of(checkout: Path) -> str:
    """Return the commit a source checkout stands at, and its date."""
    out = subprocess.run(["git", "-C", str(checkout), "log", "-1", "--format=%H %cs"], capture_output=True, text=True)
    return out.stdout.strip()


def main(kongvut: Path) -> None:
    """Read the source and write the list with its header."""
    names: set[str] = set()
    for table in ("provinces", "districts", "sub_districts"):
        with (kongvut / "formats" / "csv" / f"{table}.csv").open(encoding="utf-8-sig") as rows:
            for row in csv.DictReader(rows):
                name = KIND_PREFIX.sub("", row["name_en"].strip())
                if not row["deleted_at"] and ENGLISH_NAME.fullmatch(name):
                    names.add(name)
    header = [
        "# English names of Thailand's provinces, districts and subdistricts (the 77 provinces among",
        "# them), without their kind word, one a line, sorted; made by tools/english_places.py from:",
        f"#   {KONGVUT} (MIT licence) at {commit_of(kongvut)}, formats/csv/",
    ]
    OUT.write_text("\n".join(header + sorted(names)) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(names)} names")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
