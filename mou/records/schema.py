"""JSON Schemas of the records, generated from the model, for an editor's help while typing.

    python -m mou.records.schema            # writes schemas/party.schema.json and agreement.schema.json

A record's first line, `# yaml-language-server: $schema=../schemas/party.schema.json`, lets
VS Code's YAML extension complete and check its fields. The schema describes the YAML a clerk
writes; the model stays the judge (numbers as written, Buddhist-era years, cross-checks).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from mou.records.model import Agreement, Party
from mou.records.numbers import AsWritten, _models, dict_value_marker

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# The record kinds: the file name under schemas/ and the model it describes.
KINDS: dict[str, type[BaseModel]] = {"party": Party, "agreement": Agreement}
# What an AsWritten field looks like in the YAML: an amount is a plain number (the model's own
# schema also lets a string through, and leaks pydantic's decimal constraints as unknown keys).
WRITTEN: dict[str, dict[str, Any]] = {"amount": {"type": "number", "minimum": 0}}


def file_name(kind: str) -> str:
    """Return the schema's file name for a record kind: party.schema.json."""
    return f"{kind}.schema.json"


def record_schema(model: type[BaseModel]) -> dict[str, Any]:
    """Return the JSON Schema of one kind of record, as a clerk writes it in YAML."""
    schema = model.model_json_schema(mode="validation")
    for owner in _all_models(model):
        properties = _properties(schema, model, owner)
        for name, info in owner.model_fields.items():
            marker = next((m for m in info.metadata if isinstance(m, AsWritten)), None)
            if marker is not None and marker.kind in WRITTEN:
                kept = {key: properties[name][key] for key in ("title", "description") if key in properties[name]}
                properties[name] = {**kept, **WRITTEN[marker.kind]}
            marker = dict_value_marker(info.annotation)
            if marker is not None and marker.kind in WRITTEN:  # amounts: {grant: 21000001}
                for pattern in properties[name].get("patternProperties", {}):
                    properties[name]["patternProperties"][pattern] = WRITTEN[marker.kind]
            if "patternProperties" in properties.get(name, {}):  # keyed by id: amounts, signatories
                properties[name]["additionalProperties"] = False  # a key the pattern refuses
    return {"$schema": DIALECT, **schema}


def schemas() -> dict[str, dict[str, Any]]:
    """Return every record kind's schema by file name."""
    return {file_name(kind): record_schema(model) for kind, model in KINDS.items()}


def render(schema: dict[str, Any]) -> str:
    """Return a schema as the committed file's text: sorted keys, 2-space indent, trailing newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write(folder: Path) -> list[Path]:
    """Write every schema into a folder and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def _all_models(model: type[BaseModel]) -> list[type[BaseModel]]:
    """Return a model and every model nested in it, each once."""
    found = [model]
    for current in found:
        for info in current.model_fields.values():
            found.extend(inner for inner in _models(info.annotation) if inner not in found)
    return found


def _properties(schema: dict[str, Any], top: type[BaseModel], owner: type[BaseModel]) -> dict[str, Any]:
    """Return the properties of one model inside a record's schema (the top, or one of its $defs)."""
    return (schema if owner is top else schema["$defs"][owner.__name__])["properties"]


def main(argv: list[str] | None = None) -> int:
    """Write the schemas (default: schemas/ in the current folder)."""
    parser = argparse.ArgumentParser(prog="python -m mou.records.schema", description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="schemas", type=Path, help="where to write (default: schemas)")
    args = parser.parse_args(argv)
    for path in write(args.folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
