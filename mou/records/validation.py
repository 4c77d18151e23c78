"""Load every record, validate it, and check references: all problems at once."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from mou.core.errors import InputError, Problem, display_path
from mou.core.messages import CATALOG, Message, say
from mou.core.paths import bundled_templates, record_files, record_path
from mou.records.amounts import reference_problems, unused_amount_warnings, words_problems
from mou.records.coverage import font_problems
from mou.records.crosscheck import cross_check, field_problem
from mou.records.drafts import KIND_NAMES_TH, placeholder_paths, placeholder_problems
from mou.records.instrument import title_warnings
from mou.records.loading import KeyPath, Record, RecordProblems, Written, dotted_path, load_record
from mou.records.model import ID_PATTERN, Agreement, Bilingual, Party, replaced_fields
from mou.records.numbers import numbers_as_written
from mou.records.project import Project
from mou.records.repeated import repeated_word_problems
from mou.records.signers import signer_warnings, witness_warnings
from mou.records.standins import VARIANTS, stand_ins

# Per kind (parties, agreements), the records validation refused, by id: their two stand-in versions.
StoodIn = dict[str, dict[str, tuple[BaseModel, BaseModel]]]

# Agreement ids that name a folder of output/'s own: output/<id>/ would be that folder
# (release/archive.py writes the release archives into output/releases/).
RESERVED_AGREEMENT_IDS = frozenset({"releases"})
# Party ids whose signature field (sig-<id>) is another signer's: the organization's release
# signature, the presiding official's, a witness's.
RESERVED_PARTY_ID = re.compile(r"organization|presiding|witness-[0-9]+")
# The start of a redline's folder name, output/<id>/diff-<old>-<new>/ (redline.folder_name),
# beside the versions' folders output/<id>/<version>/: a version may not start with it, in
# any case (a disk that ignores case holds DIFF-… and diff-… in one folder).
REDLINE_FOLDER_PREFIX = "diff-"
# The templates print these names in quotation marks ("hereinafter referred to as “…”"):
# written in quotes as well, they print twice quoted.
QUOTED_TERMS = ("short_name", "collective_name")
OPENING_QUOTES = "\"'“‘«„"
CLOSING_QUOTES = '"”»'
# Errors about a value's own text point at the value, as the loader's do (a date's column).
AT_VALUE = {
    "buddhist_year",
    "before_thai_calendar",
    "after_thai_calendar",
    "buddhist_year_no_date",
    "text_too_long",
    "thai_date_form",
    "thai_date_month_guess",
    "thai_date_month",
    "thai_date_english_month",
    "thai_date_ce_year",
    "thai_date_ce_era",
    "thai_date_short_year",
    "thai_date_year",
    "thai_date_no_day",
    "bad_date",
    "iso_date_quoted",
    "iso_date_digits",
    "digits_only_date",
    "date_with_time",
    "date_with_weekday",
    "bad_version",
    "bad_id",
    "budget_zero",
    "amount_zero",
    "literal_error",
}
# Errors about one character of a text point at that character.
AT_CHARACTER = {
    "control_character",
    "direction_character",
    "invisible_character",
    "odd_space",
    "thai_lookalike",
    "lao_word",
    "tab_in_text",
    "thai_lakkhangyao",
    "thai_double_sara_e",
    "thai_no_base",
    "thai_doubled_mark",
    "thai_two_marks",
    "thai_mark_order",
    "thai_sara_am",
    "cyrillic_lookalike",
    "greek_lookalike",
    "decomposed_character",
    "noncanonical_character",
    "foreign_mark_on_thai",
    "stacked_marks",
    "mark_without_letter",
    "mixed_digits",
}
# YAML 1.1 reads 10:30 as 10 × 60 + 30: a plain scalar of this form is a base-60 number.
SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")


def load_project(
    root: Path,
    template_names: set[str] | None = None,
    allow_mismatch: bool = False,
    fonts: Path | None = None,
    only: Collection[str] | None = None,
) -> Project:
    """Load and validate parties/ and agreements/ under root, or raise InputError.

    Cross-language mismatches (crosscheck.py) are errors too, unless allow_mismatch: then
    they are kept in project.warnings and the build goes on. With fonts (a folder of .ttf
    files), every text must be drawable by them. With `only` (agreement ids), just those
    agreements and the parties they name are read, as watch mode does on a save.
    """
    project = Project(root)
    problems: list[Problem] = []
    # Records that failed validation, as two stand-in versions each (standins.py): checked, never built.
    stood_in: StoodIn = {"parties": {}, "agreements": {}}
    agreement_files = record_files(root / "agreements")
    if only is None:
        for path in record_files(root / "parties"):
            _load_one(project, "parties", Party, path, project.parties, problems, fonts, stood_in)
    else:
        agreement_files = [path for path in agreement_files if path.stem in only]
        problems += _name_problems(project)  # the files not read are still checked by name
    agreement_problems: list[Problem] = []
    for path in agreement_files:
        _load_one(project, "agreements", Agreement, path, project.agreements, agreement_problems, fonts, stood_in)
    if only is not None:
        named = _named_parties(project)
        for path in record_files(root / "parties"):
            if path.stem in named:
                _load_one(project, "parties", Party, path, project.parties, problems, fonts, stood_in)
    problems += agreement_problems  # a party's problems first, as in a whole-project load
    if not project.agreements and not problems:
        folder = root / "agreements"
        problems.append(
            Problem(display_path(folder, root), say("no_agreements"))
            if folder.is_dir()
            else Problem(str(root.resolve()), say("no_agreements_folder"))
        )
    if any(stood_in.values()):  # what depends on a stand-in differs between its two versions: left out
        valid = (dict(project.parties), dict(project.agreements))
        runs = []
        for variant in VARIANTS:
            project.parties = valid[0] | {k: cast(Party, pair[variant]) for k, pair in stood_in["parties"].items()}
            project.agreements = valid[1] | {
                k: cast(Agreement, pair[variant]) for k, pair in stood_in["agreements"].items()
            }
            runs.append(_project_problems(project, template_names))
        project.parties, project.agreements = valid
        (found, mismatches), (other_found, other_mismatches) = runs
        found = [p for p in found if p in set(other_found)]
        mismatches = {key: [p for p in ps if p in set(other_mismatches.get(key, []))] for key, ps in mismatches.items()}
    else:
        found, mismatches = _project_problems(project, template_names)
    problems += found
    if allow_mismatch:
        project.warnings = {key: mismatches.get(key, []) for key in project.agreements}
    for agreement_id, agreement in project.agreements.items():
        source = project.agreement_source(agreement_id)
        source.warnings += witness_warnings(project, source, agreement)
        source.warnings += signer_warnings(project, source, agreement)
        source.warnings += title_warnings(source, agreement)
        source.warnings += unused_amount_warnings(source, agreement)
    if not allow_mismatch:
        problems += [problem for key in mismatches for problem in mismatches[key]]
    if problems:
        raise InputError(in_file_order(list(dict.fromkeys(problems))))  # a shared party's gap is said once
    return project


def _project_problems(
    project: Project, template_names: set[str] | None
) -> tuple[list[Problem], dict[str, list[Problem]]]:
    """Check what needs more than one record: amounts in words, references, dates; and the cross-language mismatches."""
    problems: list[Problem] = []
    for party_id, party in project.parties.items():  # amounts written out by hand
        problems += words_problems(project.party_source(party_id), party)
    mismatches = cross_check(project)
    for agreement_id, agreement in project.agreements.items():
        problems += check_agreement(project, agreement_id, agreement, template_names)
    return problems, mismatches


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Order problems by file (in the order the files were read), then by line and column, as a clerk fixes them."""
    files = {path: index for index, path in enumerate(dict.fromkeys(p.path for p in problems))}
    return sorted(problems, key=lambda p: (files[p.path], p.line or 0, p.column or 0))


def _name_problems(project: Project) -> list[Problem]:
    """Report, from file names alone, a record file whose name is not an id, and an id given twice."""
    problems = []
    for kind in ("parties", "agreements"):
        seen: dict[str, str] = {}
        for path in record_files(project.root / kind):
            shown = display_path(path, project.root)
            if not ID_PATTERN.match(path.stem):
                problems.append(Problem(shown, say("bad_file_id", id=path.stem)))
            elif path.stem in seen:
                problems.append(Problem(shown, say("duplicate_id", id=path.stem, first=seen[path.stem], second=shown)))
            else:
                seen[path.stem] = shown
    return problems


def unused_parties(project: Project) -> list[str]:
    """Return the ids of the parties that no agreement of a fully loaded project names."""
    named = {p for agreement in project.agreements.values() for p in agreement.parties}
    return [party_id for party_id in project.parties if party_id not in named]


def _named_parties(project: Project) -> set[str]:
    """Return the party ids the loaded agreement files name, read from their data even where they failed validation."""
    named: set[str] = set()
    for key, record in project.sources.items():
        parties = (
            record.data.get("parties") if key.startswith("agreements/") and isinstance(record.data, dict) else None
        )
        if isinstance(parties, list):
            named.update(p for p in parties if isinstance(p, str))
    return named


def _load_one(
    project: Project,
    kind: str,
    model: type[BaseModel],
    path: Path,
    target: dict[str, Any],
    problems: list[Problem],
    fonts: Path | None = None,
    stood_in: StoodIn | None = None,
) -> None:
    """Load and validate one record file into target, collecting problems."""
    shown = display_path(path, project.root)
    record_id = path.stem
    if not ID_PATTERN.match(record_id):
        problems.append(Problem(shown, say("bad_file_id", id=record_id)))
        return
    if kind == "agreements" and record_id in RESERVED_AGREEMENT_IDS:
        problems.append(Problem(shown, say("reserved_agreement_id", id=record_id)))
        return
    if kind == "parties" and RESERVED_PARTY_ID.fullmatch(record_id):
        problems.append(Problem(shown, say("reserved_party_file", id=record_id)))
        return
    key = f"{kind}/{record_id}"
    if key in project.sources:
        problems.append(
            Problem(shown, say("duplicate_id", id=record_id, first=project.sources[key].shown_path, second=shown))
        )
        return
    loaded: list[Problem] = []  # values the loader refused: said once, the rest still checked
    try:
        record = load_record(path, shown)
    except RecordProblems as exc:
        record, loaded = exc.record, exc.problems
        problems += loaded
    except InputError as exc:
        problems += exc.problems
        return
    project.sources[key] = record
    if not isinstance(record.data, dict):
        problems.append(Problem(shown, say("not_fields"), 1, 1))
        return
    # A draft's placeholders (<…>) are said once each, not again as a wrong number or kind.
    unfilled = placeholder_problems(record)
    said = {p.field for p in unfilled + loaded}
    refused = [p for p in numbers_as_written(model, record) if p.field not in said]
    problems += unfilled + refused
    said |= {p.field for p in refused}
    blank = [p for p in blank_problems(record, model) if p.field not in said]
    problems += blank
    said |= {p.field for p in blank}
    try:
        validated = model.model_validate(record.data)
    except ValidationError as exc:
        # Inside a value the loader refused (a YAML merge), what is missing is that refusal again: said once.
        inside = tuple(f"{p.field}{mark}" for p in loaded if p.field for mark in ".[")
        problems += [
            p
            for p in (pydantic_problem(record, model, e) for e in exc.errors())
            if p.field not in said and not (inside and (p.field or "").startswith(inside))
        ]
        # A placeholder stands in for a value too: the checks that need it are left out, as for a refused one.
        unwritten = [{"loc": key_path, "type": "placeholder"} for key_path in placeholder_paths(record)]
        pair = stand_ins(model, record.data, exc.errors() + unwritten) if stood_in is not None else None
        if pair is not None and stood_in is not None:
            stood_in[kind][record_id] = pair
            problems += _one_record_problems(record, pair, fonts)
        return
    problems += quoted_term_problems(record, validated) + line_break_problems(record, validated)
    problems += empty_clause_problems(record, validated) + repeated_word_problems(record, validated)
    if fonts is not None:
        problems += font_problems(record, validated, fonts)
    if not unfilled and not loaded:
        target[record_id] = validated


def _one_record_problems(record: Record, pair: tuple[BaseModel, BaseModel], fonts: Path | None) -> list[Problem]:
    """The checks of one record alone, on both stand-in versions of a record validation refused: what both find."""
    first, second = (
        quoted_term_problems(record, v)
        + line_break_problems(record, v)
        + empty_clause_problems(record, v)
        + repeated_word_problems(record, v)
        + (font_problems(record, v, fonts) if fonts is not None else [])
        for v in pair
    )
    return [problem for problem in first if problem in second]


def blank_problems(record: Record, model: type[BaseModel]) -> list[Problem]:
    """Refuse a text or a list left blank (`text:` with nothing after it), as an empty text is refused.

    YAML reads a blank as nothing at all: a text that may be left out would silently be
    left out (an empty clause printed), and a list would be refused as "not None".
    """
    problems = []
    for key_path, value in _entries(record.data, ()):
        if value is not None or not key_path or not isinstance(key_path[-1], str):
            continue
        parent = _model_at(model, key_path[:-1])
        info = parent.model_fields.get(key_path[-1]) if parent else None
        if info is None:
            continue
        inner = _inner_model(info.annotation)
        required = info.is_required()
        if inner is Bilingual:
            problems.append(record.problem(key_path, say("blank_required" if required else "empty_text")))
        elif typing.get_origin(_bare_type(info.annotation)) is list:
            problems.append(record.problem(key_path, say("list_empty_required" if required else "list_empty")))
    return problems


def _entries(data: Any, key_path: KeyPath) -> list[tuple[KeyPath, Any]]:
    """Every value of a record with its key path, groups and lists included."""
    found: list[tuple[KeyPath, Any]] = [(key_path, data)]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _entries(value, key_path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _entries(value, key_path + (index,))
    return found


def _bare_type(annotation: Any) -> Any:
    """Unwrap Optional and Annotated (not list) down to the type itself."""
    for _ in range(5):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if typing.get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated) and args:
            annotation = args[0]
        else:
            break
    return annotation


def empty_clause_problems(record: Record, validated: BaseModel) -> list[Problem]:
    """Refuse a clause with neither text nor sub-items: it prints its heading over nothing."""
    if not isinstance(validated, Agreement):
        return []
    problems = []
    for index, clause in enumerate(validated.clauses):
        written = record.data.get("clauses") if isinstance(record.data, dict) else None
        if not isinstance(written, list) or index >= len(written) or not isinstance(written[index], dict):
            continue  # a stand-in's clause (standins.py), not one of the file's
        if clause.text is None and not clause.items and "text" not in written[index]:
            problems.append(record.problem(("clauses", index), say("clause_empty")))  # a blank text: said as such
    return problems


def quoted_term_problems(record: Record, validated: BaseModel) -> list[Problem]:
    """Refuse a short or collective name written in the quotation marks the templates put around it."""
    problems = []
    for name in QUOTED_TERMS:
        term = getattr(validated, name, None)
        if not isinstance(term, Bilingual):
            continue
        for language in ("th", "en"):
            written = record.data.get(name) if isinstance(record.data, dict) else None
            text, raw = getattr(term, language), written.get(language) if isinstance(written, dict) else None
            index = _added_quote(text) if text else None
            if index is None or not isinstance(raw, str):
                continue
            at = index + len(raw) - len(raw.lstrip())  # the model strips the text's ends; the file does not
            line, column = record.char_location((name, language), raw, at) or (None, None)
            message = say("quoted_term", mark=text[index])
            problems.append(Problem(record.shown_path, message, line, column, f"{name}.{language}"))
    return problems


def line_break_problems(record: Record, validated: BaseModel) -> list[Problem]:
    """Refuse a line break in a clause's text or sub-item: the page joins the lines with a space.

    A list typed in a literal block (|), or paragraphs parted by a blank line, would print as one
    run-on paragraph. An address or a name may keep its line breaks: a space is what it needs.
    """
    if not isinstance(validated, Agreement):
        return []
    problems = []
    for index, clause in enumerate(validated.clauses):
        texts = [(("text",), clause.text)] + [(("items", n), item) for n, item in enumerate(clause.items)]
        for key_path, text in texts:
            for language in ("th", "en"):
                value = getattr(text, language) if text is not None else None
                if value and "\n" in value:
                    before = value[: value.index("\n")].rstrip()[-30:]
                    where = ("clauses", index, *key_path, language)
                    message = say("line_break_in_text", before=before)
                    problems.append(record.problem(where, message, at_value=True))
    return problems


def _added_quote(text: str) -> int | None:
    """Return where a text opens or closes with a quotation mark, or None (a closing apostrophe may end a word)."""
    if text[0] in OPENING_QUOTES:
        return 0
    if text[-1] in CLOSING_QUOTES or (text[-1] in "’'" and text[0] in "‘'"):
        return len(text) - 1
    return None


def pydantic_problem(record: Record, model: type[BaseModel], error: Any) -> Problem:
    """Turn one pydantic error into a message a clerk can act on."""
    loc = record_location(record.data, tuple(error["loc"]))
    message = _message(model, loc, error, record.scalars.get(loc))
    value = error.get("input")
    if error["type"] in AT_CHARACTER and isinstance(value, str):
        line, column = record.char_location(loc, value, int(error["ctx"]["index"]) - 1) or (None, None)
        return Problem(record.shown_path, message, line, column, dotted_path(loc) or None)
    written = record.scalars.get(loc)
    # A key that is not an id (amounts: {Grant: 5}) is placed at the key; a value that is not one, at the value.
    about_value = error["type"] in AT_VALUE and (error["type"] != "bad_id" or (written and written.text == value))
    return record.problem(loc, message, at_value=bool(about_value) or _sexagesimal(written, value))


def record_location(data: Any, loc: KeyPath) -> KeyPath:
    """Keep the parts of pydantic's location that exist in the record, dropping its own tags.

    Pydantic inserts names such as 'str' or 'function-after[...]' into locations; a record's
    own key may look the same, so the record itself decides what is a key. The last part
    stays even when absent: that is the missing field.
    """
    kept: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif index < len(loc) - 1 or not isinstance(current, dict) or part == "[key]":
            continue  # a tag of pydantic's, not part of the record ([key]: the error is the key's own)
        kept.append(part)
    return tuple(kept)


def _message(model: type[BaseModel], loc: KeyPath, error: Any, written: Written | None = None) -> Message | str:
    """Explain an error type in plain words, with how to fix it."""
    kind, value = error["type"], error.get("input")
    ctx = error.get("ctx") or {}
    what = _describe(value)
    if written and _sexagesimal(written, value):
        return say("sexagesimal", value=written.text)
    if kind == "missing":
        bilingual = _model_at(model, loc) is Bilingual
        return say("required_bilingual" if bilingual else "required")
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = sorted(parent.model_fields) if parent else []
        guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        message = (
            say("unknown_field_guess", key=loc[-1], guess=guess[0])
            if guess
            else say("unknown_field", key=loc[-1], allowed=", ".join(allowed))
        )
        # A comma splits an unquoted {th: …, en: …} into a key with no value; a field
        # written with a value (prevailing-language: en) was only misnamed.
        if value is None and (parent is Bilingual or not str(loc[-1]).isidentifier()):
            message += say("comma_hint")
        return message
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        if _model_at(model, loc) is Bilingual:
            return say("per_language")
        return say("group_expected", what=what)
    simple = {
        "string_type": "text_expected",
        "int_type": "whole_number",
        "int_parsing": "whole_number",
        "int_from_float": "whole_number",
        "date_type": "date_expected",
        "date_parsing": "date_expected",
        "date_from_datetime_inexact": "date_expected",
        "list_type": "list_expected",
        "bool_type": "yes_no_expected",
    }
    if kind in simple:
        return say(simple[kind], what=what)
    if kind == "literal_error":
        expected = str(ctx.get("expected")).replace(" or ", ", ")
        meant = _choice_meant(value, re.findall(r"'([^']*)'", expected))
        if meant:
            return say("not_allowed_guess", value=value, guess=meant, expected=expected)
        return say("not_allowed", value=value, expected=expected)
    if kind == "too_short" and loc == ("parties",) and isinstance(value, list):
        named = ", ".join(str(p) for p in value if isinstance(p, str))
        return say("parties_too_few", listed=f"{named}, <other>" if named else "<one>, <other>")
    if kind == "too_short":
        least = ctx.get("min_length")
        return say("too_short_one") if least == 1 else say("too_short", n=least)
    if kind == "too_long":
        return say("too_many_entries", n=f"{ctx.get('actual_length'):,}", limit=f"{ctx.get('max_length'):,}")
    if kind in ("greater_than_equal", "greater_than"):
        return say("at_least", n=ctx.get("ge", ctx.get("gt")), value=value)
    if kind == "less_than_equal":
        return say("at_most", n=ctx.get("le"), value=value)
    if kind == "decimal_max_digits":
        return say("amount_too_large", value=value, n=ctx.get("max_digits"))
    if kind.startswith("decimal"):
        return say("not_amount", value=value)
    if kind in CATALOG:  # mou's own checks (model.py) name their message
        return say(kind, **ctx)
    return str(error["msg"])


def _choice_meant(value: Any, choices: list[str]) -> str | None:
    """Guess the choice a clerk meant: a kind written in Thai (โรงพยาบาล: hospital), or one misspelt."""
    if not isinstance(value, str) or not choices:
        return None
    written = value.strip()
    by_thai = [kind for kind, thai in KIND_NAMES_TH.items() if kind in choices and written.startswith(thai)]
    if by_thai:  # เทศบาลตำบล before เทศบาล…: the longest Thai name that fits
        return max(by_thai, key=lambda kind: len(KIND_NAMES_TH[kind]))
    close = difflib.get_close_matches(written.lower(), choices, n=1)
    return close[0] if close else None


def _sexagesimal(written: Written | None, value: Any) -> bool:
    """Tell whether YAML 1.1 read a plain 10:30 as the base-60 number 630."""
    return bool(written and written.plain and isinstance(value, (int, float)) and SEXAGESIMAL.fullmatch(written.text))


def _describe(value: Any) -> Message:
    """Name the kind of a YAML value in a message."""
    if isinstance(value, list):
        return say("a_list")
    if isinstance(value, dict):
        return say("a_group")
    if isinstance(value, bool):
        return say("yes_no", value=value)
    if isinstance(value, (int, float)):
        return say("the_number", value=value)
    return say("the_text", value=value)


def _model_at(model: type[BaseModel] | None, loc: KeyPath) -> type[BaseModel] | None:
    """Follow loc through the model's fields to the model expected there, if any."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if typing.get_origin(current) is dict:  # part is a key of the mapping (a party id)
            current = _inner_model(typing.get_args(current)[1])
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


def short_name_problems(project: Project, agreement_id: str, agreement: Agreement) -> list[Problem]:
    """Two parties of one agreement may not be called by the same name: the text would not say which is meant."""
    source = project.agreement_source(agreement_id)
    problems: list[Problem] = []
    for language in agreement.languages:
        called: dict[str, str] = {}
        # A text missing in one language is an error of its own, reported where it is.
        collective = getattr(agreement.collective_name, language) if agreement.collective_name else None
        if collective:
            called[collective.strip().casefold()] = "collective_name"
        for index, party_id in enumerate(agreement.parties):
            party = project.parties.get(party_id)
            name = getattr(party.short_name, language) if party else None
            if not name:
                continue
            first = called.setdefault(name.strip().casefold(), f"'{party_id}'")
            if first != f"'{party_id}'":
                problems.append(
                    source.problem(("parties", index), say("short_name_twice", id=party_id, name=name, first=first))
                )
    return problems


def same_organization_problems(project: Project, agreement_id: str, agreement: Agreement) -> list[Problem]:
    """Two parties of one agreement with the same full name: one organization, listed under two ids."""
    source = project.agreement_source(agreement_id)
    problems: list[Problem] = []
    named: dict[str, str] = {}
    for index, party_id in enumerate(agreement.parties):
        party = project.parties.get(party_id)
        for language in agreement.languages if party else ():
            name = getattr(party.name, language) if party else None
            if not name:
                continue
            first = named.setdefault(" ".join(name.casefold().split()), party_id)
            if first != party_id:
                message = say("same_organization", id=party_id, name=name, first=first)
                problems.append(source.problem(("parties", index), message))
                break
    return problems


def check_agreement(
    project: Project, agreement_id: str, agreement: Agreement, template_names: set[str] | None
) -> list[Problem]:
    """Check what one record cannot check alone: references, dates, languages."""
    source = project.agreement_source(agreement_id)
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, party_id in enumerate(agreement.parties):
        where = ("parties", index)
        if party_id in seen:
            problems.append(source.problem(where, say("listed_twice", id=party_id)))
        seen.add(party_id)
        if RESERVED_PARTY_ID.fullmatch(party_id):
            problems.append(source.problem(where, say("reserved_party_listed", id=party_id)))
            continue
        if party_id not in project.parties:
            if f"parties/{party_id}" in project.sources or record_path(project.root, "parties", party_id):
                continue  # the party file exists but is wrong: its own problems are reported
            guess = difflib.get_close_matches(party_id, party_ids(project), n=1)
            problems.append(
                source.problem(
                    where, say("no_party_guess", id=party_id, guess=guess[0]) if guess else say("no_party", id=party_id)
                )
            )
    for index, language in enumerate(agreement.languages):
        if language in agreement.languages[:index]:  # [th, th] builds one edition, where [th, en] was meant
            problems.append(source.problem(("languages", index), say("language_twice", language=language)))
    if agreement.version.lower().startswith(REDLINE_FOLDER_PREFIX):
        message = say("version_is_redline_folder", value=agreement.version)
        problems.append(source.problem(("version",), message, at_value=True))
    problems += signatory_problems(source, agreement)
    problems += short_name_problems(project, agreement_id, agreement)
    problems += same_organization_problems(project, agreement_id, agreement)
    if agreement.collective_name and len(dict.fromkeys(agreement.parties)) == 2:  # the text says "both Parties"
        problems.append(source.problem(("collective_name",), say("collective_name_two")))
    if len(agreement.between) == 1:  # "between X" alone: the title names one side of the agreement
        problems.append(source.problem(("between",), say("between_one_side")))
    parties = len(dict.fromkeys(agreement.parties))
    if agreement.originals < parties:
        problems.append(
            source.problem(("originals",), say("originals_too_few", n=agreement.originals, parties=parties))
        )
    if agreement.duration.end and agreement.duration.end < agreement.duration.start:
        problems.append(
            source.problem(
                ("duration", "end"),
                say(
                    "ends_before_start",
                    end=as_written(source, ("duration", "end"), agreement.duration.end),
                    start=as_written(source, ("duration", "start"), agreement.duration.start),
                ),
            )
        )
    last_day = agreement.duration.end
    if last_day and agreement.date > last_day and agreement.duration.start <= last_day:
        problems.append(
            source.problem(
                ("date",),
                say(
                    "signed_after_end",
                    date=as_written(source, ("date",), agreement.date),
                    end=as_written(source, ("duration", "end"), last_day),
                ),
                at_value=True,
            )
        )
    if agreement.prevailing_language not in agreement.languages:
        problems.append(
            source.problem(
                ("prevailing_language",),
                say(
                    "prevailing_not_used",
                    language=agreement.prevailing_language,
                    languages=", ".join(agreement.languages),
                    first=agreement.languages[0],
                ),
            )
        )
    if agreement.bilingual_edition and not {"th", "en"} <= set(agreement.languages):
        problems.append(source.problem(("bilingual_edition",), say("bilingual_needs_both")))
    if template_names is not None and agreement.template not in template_names:
        names = ", ".join(sorted(template_names))
        # A project copied without its templates/ has none to choose from: say where they come from.
        message = (
            say("no_template", name=agreement.template, names=names)
            if template_names
            else say("no_templates_folder", name=agreement.template, source=bundled_templates())
        )
        problems.append(source.problem(("template",), message))
    if len(set(c.id for c in agreement.clauses)) != len(agreement.clauses):
        ids = [c.id for c in agreement.clauses]
        for index, clause_id in enumerate(ids):
            if ids.index(clause_id) != index:
                problems.append(source.problem(("clauses", index, "id"), say("clause_id_twice", id=clause_id)))
    problems += missing_languages(source, agreement, (), agreement.languages)
    problems += reference_problems(source, agreement) + words_problems(source, agreement)
    for party_id in dict.fromkeys(agreement.parties):
        party = project.parties.get(party_id)
        if party is None:
            continue
        # A signatory the agreement replaces is not printed in it, so it needs none of its languages.
        replaced = replaced_fields(agreement, party_id)
        problems += [
            problem
            for name in type(party).model_fields
            if name not in replaced
            for problem in missing_languages(
                project.party_source(party_id),
                getattr(party, name),
                (name,),
                agreement.languages,
                say("needed_by", id=agreement_id),
            )
        ]
    return problems


def signatory_problems(source: Record, agreement: Agreement) -> list[Problem]:
    """Report each party id under signatories: that is not one of the agreement's parties."""
    problems = []
    for party_id in agreement.signatories:
        if party_id in agreement.parties:
            continue
        guess = difflib.get_close_matches(party_id, agreement.parties, n=1)
        message = (
            say("signatory_not_party_guess", id=party_id, guess=guess[0])
            if guess
            else say("signatory_not_party", id=party_id, parties=", ".join(agreement.parties))
        )
        problems.append(source.problem(("signatories", party_id), message))
    return problems


def party_ids(project: Project) -> list[str]:
    """Return the ids of the valid party records, and of the party files left unread (watch mode reads only some)."""
    unread = {p.stem for p in record_files(project.root / "parties") if f"parties/{p.stem}" not in project.sources}
    return sorted(set(project.parties) | unread)


def missing_languages(
    source: Record, value: Any, key_path: KeyPath, languages: Sequence[str], why: Message | str = ""
) -> list[Problem]:
    """Report every bilingual field that lacks one of the agreement's languages (naming its clause and sub-item)."""
    if isinstance(value, Bilingual):
        return [
            field_problem(source, key_path, say("missing_language", language=lang) + why, name_sub_item=True)
            for lang in languages
            if getattr(value, lang) is None
        ]
    if isinstance(value, BaseModel):
        return [
            p
            for name in type(value).model_fields
            for p in missing_languages(source, getattr(value, name), key_path + (name,), languages, why)
        ]
    if isinstance(value, list):
        return [
            p
            for index, item in enumerate(value)
            for p in missing_languages(source, item, key_path + (index,), languages, why)
        ]
    if isinstance(value, dict):
        return [
            p for key, item in value.items() for p in missing_languages(source, item, key_path + (key,), languages, why)
        ]
    return []


def as_written(source: Record, key_path: KeyPath, value: object) -> str:
    """Return a scalar as the clerk wrote it (a Thai-written B.E. date stays B.E.), else its value."""
    written = source.scalars.get(key_path)
    return written.text if written is not None else str(value)
