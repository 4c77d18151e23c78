"""Write mou/language/data/thai_places.txt: the Thai names of Thailand's provinces, districts and subdistricts.

Run it on checkouts of the two public sources named in the file's header (both MIT):

    python tools/thai_places.py KONGVUT_CHECKOUT GEOGRAPHY_JSON_CHECKOUT

It keeps the names alone (no kind word: โนนสะอาด, not ตำบลโนนสะอาด), only those written in
Thai letters (a name with a hyphen or dots, สุไหงโก-ลก, is never one run of Thai text), once
each and sorted.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "mou" / "language" / "data" / "thai_places.txt"
KONGVUT = "https://github.com/kongvut/thai-province-data"
GEOGRAPHY_JSON = "https://github.com/thailand-geography-data/thailand-geography-json"
THAI_NAME = re.compile("[\u0e01-\u0e4e]{2,}")
# Kind words some rows carry before the name (Bangkok's เขต, two local bodies listed as districts).
KIND_PREFIX = re.compile("^(?:ท้องถิ่นเทศบาลตำบล|เขต(?=.)|อำเภอ|ตำบล|แขวง)")


def names_of(raw: str, *, khet: bool = False) -> list[str]:
    """Return the Thai names in one source field: ปอภาร  (ปอพาน) holds two, เขตพระนคร is พระนคร."""
    names = []
    for part in re.split(r"[()]", raw):
        part = part.strip()
        if khet or not part.startswith("เขต"):
            part = KIND_PREFIX.sub("", part)
        if THAI_NAME.fullmatch(part):
            names.append(part)
    return names


def commit_of(checkout: Path) -> str:
    """Return the commit a source checkout stands at, and its date."""
    out = subprocess.run(["git", "-C", str(checkout), "log", "-1", "--format=%H %cs"], capture_output=True, text=True)
    return out.stdout.strip()


def main(kongvut: Path, geography: Path) -> None:
    """Read both sources and write the list with its header."""
    names: set[str] = set()
    for table in ("provinces", "districts", "sub_districts"):
        with (kongvut / "formats" / "csv" / f"{table}.csv").open(encoding="utf-8-sig") as rows:
            for row in csv.DictReader(rows):
                if not row["deleted_at"]:
                    names.update(names_of(row["name_th"], khet=row["name_en"].startswith("Khet ")))
    for table, field in (
        ("provinces", "provinceNameTh"),
        ("districts", "districtNameTh"),
        ("subdistricts", "subdistrictNameTh"),
    ):
        for row in json.loads((geography / "src" / f"{table}.json").read_text(encoding="utf-8")):
            names.update(names_of(row[field]))
    header = [
        "# Thai names of Thailand's provinces, districts (อำเภอ, เขต) and subdistricts (ตำบล, แขวง),",
        "# without their kind word, one a line, sorted; made by tools/thai_places.py from:",
        f"#   {KONGVUT} (MIT licence) at {commit_of(kongvut)}, formats/csv/",
        f"#   {GEOGRAPHY_JSON} (MIT licence) at {commit_of(geography)}, src/",
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(header + sorted(names)) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(names)} names")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
