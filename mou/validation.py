"""Load every record, validate it, and check references: all problems at once."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import InputError, Problem, display_path
from .loading import KeyPath, Record, load_record
from .model import ID_PATTERN, Agreement, Bilingual, Party

RECORD_SUFFIXES = (".yaml", ".yml")


@dataclass
class Project:
    """Everything a build needs, validated: parties and agreements by id."""

    root: Path
    parties: dict[str, Party] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    sources: dict[str, Record] = field(default_factory=dict)

    def agreement_source(self, agreement_id: str) -> Record:
        """Return the loaded YAML record of an agreement."""
        return self.sources[f"agreements/{agreement_id}"]

    def party_source(self, party_id: str) -> Record:
        """Return the loaded YAML record of a party."""
        return self.sources[f"parties/{party_id}"]


def record_files(folder: Path) -> list[Path]:
    """List the YAML files of a folder in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in RECORD_SUFFIXES and p.is_file())


def load_project(root: Path, template_names: set[str] | None = None) -> Project:
    """Load and validate parties/ and agreements/ under root, or raise InputError."""
    project = Project(root)
    problems: list[Problem] = []
    for kind, model, target in (("parties", Party, project.parties),
                                ("agreements", Agreement, project.agreements)):
        for path in record_files(root / kind):
            _load_one(project, kind, model, path, target, problems)
    if not project.agreements and not problems:
        problems.append(Problem(display_path(root / "agreements", root),
                                "no agreement records found; add agreements/<id>.yaml"))
    for agreement_id, agreement in project.agreements.items():
        problems += check_agreement(project, agreement_id, agreement, template_names)
    if problems:
        raise InputError(problems)
    return project


def _load_one(project: Project, kind: str, model: type[BaseModel], path: Path,
              target: dict[str, Any], problems: list[Problem]) -> None:
    """Load and validate one record file into target, collecting problems."""
    shown = display_path(path, project.root)
    record_id = path.stem
    if not ID_PATTERN.match(record_id):
        problems.append(Problem(shown, f"the file name '{record_id}' is not a valid id; rename it "
                                "with lower-case letters a-z, digits and hyphens only"))
        return
    key = f"{kind}/{record_id}"
    if key in project.sources:
        problems.append(Problem(shown, f"two records have the id '{record_id}' "
                                f"({project.sources[key].shown_path} and {shown}); keep one"))
        return
    try:
        record = load_record(path, shown)
    except InputError as exc:
        problems += exc.problems
        return
    project.sources[key] = record
    if not isinstance(record.data, dict):
        problems.append(Problem(shown, "the file must hold fields (name: value), one per line", 1, 1))
        return
    try:
        target[record_id] = model.model_validate(record.data)
    except ValidationError as exc:
        problems += [pydantic_problem(record, model, error) for error in exc.errors()]


def pydantic_problem(record: Record, model: type[BaseModel], error: Any) -> Problem:
    """Turn one pydantic error into a message a clerk can act on."""
    loc: KeyPath = tuple(part for part in error["loc"] if not _is_union_tag(part))
    return record.problem(loc, _message(model, loc, error))


def _is_union_tag(part: str | int) -> bool:
    """Pydantic adds tags such as 'function-after[...]' or 'str' to locations; drop them."""
    return isinstance(part, str) and ("[" in part or part in ("str", "int", "float", "decimal"))


def _message(model: type[BaseModel], loc: KeyPath, error: Any) -> str:
    """Explain an error type in plain words, with how to fix it."""
    kind, value = error["type"], error.get("input")
    ctx = error.get("ctx") or {}
    expected_model = _model_at(model, loc)
    if kind == "missing":
        return "is required; add it" + _bilingual_hint(model, loc)
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = sorted(parent.model_fields) if parent else []
        guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"; did you mean '{guess[0]}'?" if guess else f"; allowed here: {', '.join(allowed)}"
        if parent is Bilingual or not str(loc[-1]).isidentifier():
            hint += " (a text with a comma inside {th: …, en: …} is split there: put the whole text in quotes)"
        return f"unknown field '{loc[-1]}'{hint}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        if expected_model is Bilingual:
            return "must be given per language, as {th: …, en: …}"
        return f"must be a group of fields, not {_describe(value)}"
    if kind == "string_type":
        return f"must be text, not {_describe(value)}; put it in quotes if it is a number"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {_describe(value)}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return f"must be a date written YYYY-MM-DD (e.g. 2020-09-01), not {_describe(value)}"
    if kind == "list_type":
        return f"must be a list (one '- ' line per entry), not {_describe(value)}"
    if kind == "literal_error":
        return f"'{value}' is not allowed; use one of {ctx.get('expected')}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} entries"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}, not {value}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, not {value}"
    if kind.startswith("decimal"):
        return (f"'{value}' is not an amount; write a number with at most two decimals and "
                "no commas or currency, e.g. 150000 or 150000.50")
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _describe(value: Any) -> str:
    """Name the kind of a YAML value in a message."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, bool):
        return f"yes/no ({value})"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"'{value}'"


def _bilingual_hint(model: type[BaseModel], loc: KeyPath) -> str:
    """Add an example when the missing field is bilingual."""
    return ", e.g. {th: …, en: …}" if _model_at(model, loc) is Bilingual else ""


def _model_at(model: type[BaseModel] | None, loc: KeyPath) -> type[BaseModel] | None:
    """Follow loc through the model's fields to the model expected there, if any."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """Unwrap Optional, list and Annotated to find a model class."""
    for _ in range(5):
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType, list, typing.Annotated) and args:
            annotation = args[0]
        else:
            return annotation
    return annotation


def check_agreement(project: Project, agreement_id: str, agreement: Agreement,
                    template_names: set[str] | None) -> list[Problem]:
    """Check what one record cannot check alone: references, dates, languages."""
    source = project.agreement_source(agreement_id)
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, party_id in enumerate(agreement.parties):
        where = ("parties", index)
        if party_id in seen:
            problems.append(source.problem(where, f"'{party_id}' is listed twice; list each party once"))
        seen.add(party_id)
        if party_id not in project.parties:
            if f"parties/{party_id}" in project.sources:
                continue  # the party file itself is wrong and already reported
            guess = difflib.get_close_matches(party_id, list(project.parties), n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else f"create parties/{party_id}.yaml"
            problems.append(source.problem(where, f"no party '{party_id}' in parties/; {hint}"))
    if agreement.duration.end and agreement.duration.end < agreement.duration.start:
        problems.append(source.problem(("duration", "end"), f"ends ({agreement.duration.end}) before "
                                       f"it starts ({agreement.duration.start}); fix one of the dates"))
    if agreement.prevailing_language not in agreement.languages:
        problems.append(source.problem(("prevailing_language",), f"'{agreement.prevailing_language}' "
                                       f"is not one of the agreement's languages {agreement.languages}"))
    if template_names is not None and agreement.template not in template_names:
        problems.append(source.problem(("template",), f"no template '{agreement.template}' in "
                                       f"templates/; use one of {sorted(template_names)}"))
    if len(set(c.id for c in agreement.clauses)) != len(agreement.clauses):
        ids = [c.id for c in agreement.clauses]
        for index, clause_id in enumerate(ids):
            if ids.index(clause_id) != index:
                problems.append(source.problem(("clauses", index, "id"),
                                               f"clause id '{clause_id}' is used twice; ids must be unique"))
    problems += missing_languages(source, agreement, (), agreement.languages)
    for party_id in dict.fromkeys(agreement.parties):
        party = project.parties.get(party_id)
        if party is not None:
            problems += missing_languages(project.party_source(party_id), party, (),
                                          agreement.languages, f" (needed by agreements/{agreement_id})")
    return problems


def missing_languages(source: Record, value: Any, key_path: KeyPath, languages: list[str],
                      why: str = "") -> list[Problem]:
    """Report every bilingual field that lacks one of the agreement's languages."""
    if isinstance(value, Bilingual):
        return [source.problem(key_path, f"has no '{lang}' text; add {lang}: …{why}")
                for lang in languages if getattr(value, lang) is None]
    if isinstance(value, BaseModel):
        return [p for name in type(value).model_fields
                for p in missing_languages(source, getattr(value, name), key_path + (name,),
                                           languages, why)]
    if isinstance(value, list):
        return [p for index, item in enumerate(value)
                for p in missing_languages(source, item, key_path + (index,), languages, why)]
    return []
