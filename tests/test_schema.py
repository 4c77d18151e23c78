"""The records' JSON Schemas (schemas/): generated from the model, and true to the samples."""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic._internal._docs_extraction import extract_docstrings_from_cls

from mou.records.model import RECORD_MODELS, Agreement, Party
from mou.records.schema import KINDS, file_name, render, schemas

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"party": "parties", "agreement": "agreements"}
SAMPLES = [(kind, path) for kind, folder in FOLDERS.items() for path in sorted((ROOT / folder).glob("*.yaml"))]


def as_the_editor_reads(value: Any) -> Any:
    """Return YAML data as VS Code's YAML extension sees it: YAML 1.2, where 2020-09-01 is a string."""
    if isinstance(value, dict):
        return {key: as_the_editor_reads(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_the_editor_reads(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def validator(kind: str) -> jsonschema.protocols.Validator:
    """Return a validator of the committed schema of one kind of record, formats (dates) checked."""
    schema = json.loads((ROOT / "schemas" / file_name(kind)).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def sample(name: str) -> dict[str, Any]:
    """Return one sample record's data as the editor reads it."""
    return as_the_editor_reads(yaml.safe_load((ROOT / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_committed_schema_is_what_the_model_generates(kind):
    committed = (ROOT / "schemas" / file_name(kind)).read_text(encoding="utf-8")
    assert committed == render(schemas()[file_name(kind)]), "run: python -m mou.records.schema"


def test_the_schemas_folder_holds_exactly_the_generated_files():
    assert sorted(path.name for path in (ROOT / "schemas").iterdir()) == sorted(schemas())


@pytest.mark.parametrize(("kind", "path"), SAMPLES, ids=[path.name for _, path in SAMPLES])
def test_every_sample_names_its_schema_and_validates(kind, path):
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../schemas/{file_name(kind)}"
    errors = list(validator(kind).iter_errors(as_the_editor_reads(yaml.safe_load(text))))
    assert not errors, [f"{'.'.join(map(str, error.absolute_path))}: {error.message}" for error in errors]


def wrong_agreements() -> list[tuple[str, dict[str, Any], str]]:
    """Return the Chum Phae–KKU sample spoiled one way at a time."""
    good = sample("agreements/chumphae-kku-digital-skills.yaml")
    spoiled: list[tuple[str, dict[str, Any], str]] = []

    def spoil(name: str, change: Any, said: str) -> None:
        data = copy.deepcopy(good)
        change(data)
        spoiled.append((name, data, said))

    spoil("unknown field", lambda data: data.update(orignals=data.pop("originals")), "'orignals' was unexpected")
    spoil("missing field", lambda data: data.pop("status"), "'status' is a required property")
    spoil("originals as text", lambda data: data.update(originals="two"), "'two' is not of type 'integer'")
    spoil("unknown status", lambda data: data.update(status="done"), "'done' is not one of")
    spoil("not a date", lambda data: data.update(date="16 November 2020"), "is not a 'date'")
    spoil("one party", lambda data: data.update(parties=data["parties"][:1]), "is too short")
    spoil("bad party id", lambda data: data["parties"].__setitem__(0, "Chum Phae"), "does not match")
    spoil("amount as a word", lambda data: data.update(budget={"amount": "much"}), "'much' is not of type 'number'")
    spoil("unknown language", lambda data: data["title"].update(fr="Protocole"), "'fr' was unexpected")
    signer = {"name": {"th": "สมชาย ใจดี"}, "position": {"th": "อธิการบดี"}}
    spoil("signatory of a bad id", lambda data: data.update(signatories={"KKU": signer}), "does not match")
    spoil(
        "signatory without a position",
        lambda data: data.update(signatories={"khon-kaen-university": {"name": signer["name"]}}),
        "'position' is a required property",
    )
    return spoiled


def test_an_agreement_naming_who_signs_for_a_party_passes():
    data = sample("agreements/chumphae-kku-digital-skills.yaml")
    person = sample("parties/khon-kaen-university.yaml")["signatory"]
    data["signatories"] = {"khon-kaen-university": {key: person[key] for key in ("prefix", "name", "position")}}
    assert not list(validator("agreement").iter_errors(data))


@pytest.mark.parametrize(("name", "data", "said"), wrong_agreements(), ids=[name for name, _, _ in wrong_agreements()])
def test_a_wrong_agreement_is_refused_for_its_fault(name, data, said):
    errors = list(validator("agreement").iter_errors(data))
    messages = [error.message for top in errors for error in [top, *top.context]]
    assert any(said in message for message in messages), messages


def test_a_wrong_party_is_refused():
    good = sample("parties/khon-kaen-university.yaml")
    for change in ({"kind": "college"}, {"nmae": good["name"]}, {"address": "Khon Kaen"}):
        assert list(validator("party").iter_errors({**good, **change})), change
    missing = {key: value for key, value in good.items() if key != "signatory"}
    assert list(validator("party").iter_errors(missing))


@pytest.mark.parametrize("model", [Party, Agreement], ids=["party", "agreement"])
def test_every_field_of_the_model_is_in_the_schema_with_a_description(model):
    kind = next(kind for kind, known in KINDS.items() if known is model)
    schema = schemas()[file_name(kind)]
    nested = {cls.__name__: cls for cls in _nested(model)}
    assert set(schema.get("$defs", {})) == set(nested) - {model.__name__}
    for name, cls in nested.items():
        properties = schema["properties"] if cls is model else schema["$defs"][name]["properties"]
        assert set(properties) == set(cls.model_fields), name
        for field, info in cls.model_fields.items():
            assert properties[field].get("description") == info.description, f"{name}.{field}"
            assert info.description, f"{name}.{field} has no description"
        required = schema.get("required", []) if cls is model else schema["$defs"][name].get("required", [])
        assert set(required) == {field for field, info in cls.model_fields.items() if info.is_required()}, name


def _nested(model: type) -> list[type]:
    """Return a model and every model its fields name, each once."""
    found = [model]
    for current in found:
        for info in current.model_fields.values():
            for inner in _inner_models(info.annotation):
                if inner not in found:
                    found.append(inner)
    return found


def _inner_models(annotation: Any) -> list[type]:
    """Every model class inside an annotation (Optional, list, union)."""
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return [annotation]
    return [model for arg in getattr(annotation, "__args__", ()) for model in _inner_models(arg)]


@pytest.mark.parametrize("model", RECORD_MODELS, ids=[model.__name__ for model in RECORD_MODELS])
def test_each_field_is_described_by_its_docstring_as_pydantic_reads_it(model):
    # The model reads its fields' docstrings itself (described_fields): pydantic's
    # use_attribute_docstrings, which it stands in for, must find the same.
    expected = extract_docstrings_from_cls(model, use_inspect=True)
    assert expected
    assert {name: info.description for name, info in model.model_fields.items()} == expected
