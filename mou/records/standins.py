"""Stand-ins for the values a record could not give, so the checks that do not need them still run.

A record that fails validation (a required field missing, a value of the wrong kind) is not
built, but the rest of it is still worth checking: its clauses' Thai and English texts, its
dates against each other, its parties. Each value validation refused is replaced by a
stand-in, twice, with stand-ins that differ in every way (other texts, dates, numbers,
choices); the checks run on both, and only what both report is reported. A finding that
depends on a stand-in differs between the two and is left out: what remains does not need
the missing value.
"""

from __future__ import annotations

import copy
import datetime
import types
import typing
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from mou.records.loading import KeyPath

VARIANTS = (0, 1)
# Rounds of replacing: a stand-in group may itself lack a field a first round did not see.
ROUNDS = 4


def stand_ins(model: type[BaseModel], data: Any, errors: list[Any]) -> tuple[BaseModel, BaseModel] | None:
    """Return two validated records, each with stand-ins for the values validation refused, or None if none could be made."""
    made = [_stand_in_record(model, data, errors, variant) for variant in VARIANTS]
    return (made[0], made[1]) if made[0] is not None and made[1] is not None else None


def _stand_in_record(model: type[BaseModel], data: Any, errors: list[Any], variant: int) -> BaseModel | None:
    """Replace each refused value of data with a stand-in of one variant and validate, a few rounds over."""
    if not isinstance(data, dict):
        return None
    patched = copy.deepcopy(data)
    counter = iter(range(1, 10_000))
    for _ in range(ROUNDS):
        for error in errors:
            if not _replace(model, patched, tuple(error["loc"]), error["type"], variant, counter):
                return None
        try:
            return model.model_validate(patched)
        except ValidationError as exc:
            errors = exc.errors()
    return None


def _replace(model: type[BaseModel], data: dict[str, Any], loc: KeyPath, kind: str, variant: int, counter: Any) -> bool:
    """Put a stand-in where one error is (or drop an unknown field or a wrong key); False if the place cannot be found."""
    path, annotation, metadata = _walk(model, data, loc)
    if not path:
        return False
    parent_type = _walk(model, data, path[:-1])[1] if len(path) > 1 else None
    if _is_text_pair(_bare(parent_type)) and kind != "extra_forbidden":
        # One language refused: the pair is replaced, so the language kept is not compared with a stand-in.
        path, annotation, metadata = path[:-1], parent_type, []
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if kind == "extra_forbidden" or "[key]" in loc:  # an unknown field, or a mapping's key that is no id
        if isinstance(parent, dict):
            parent.pop(last, None)
            return True
        return False
    value = _stand_in(annotation, variant, counter, metadata)
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        parent[last] = value
    else:
        return False
    return True


def _walk(model: type[BaseModel], data: Any, loc: KeyPath) -> tuple[KeyPath, Any, list[Any]]:
    """Follow pydantic's location through the record and the model: the record's key path, the type expected there and its constraints.

    Pydantic's own tags in a location (function-after[…], str, [key]) are not the record's and
    are skipped; the last key of the record's path may be missing (the missing field).
    """
    path: list[str | int] = []
    current, annotation, metadata = data, _bare(model), []
    for part in loc:
        if part == "[key]":
            break
        inner = _bare(annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel) and isinstance(part, str):
            info = inner.model_fields.get(part)
            if info is None:
                if isinstance(current, dict) and part in current:
                    path.append(part)  # an unknown field: dropped
                    return tuple(path), None, []
                continue
            annotation, metadata = info.annotation, list(info.metadata)
        elif typing.get_origin(inner) is list and isinstance(part, int):
            annotation, metadata = typing.get_args(inner)[0], []
        elif typing.get_origin(inner) is dict and isinstance(current, dict) and part in current:
            annotation, metadata = typing.get_args(inner)[1], []
        else:
            continue
        path.append(part)
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            break  # the missing value: it goes here
    return tuple(path), annotation, metadata


def _bare(annotation: Any) -> Any:
    """Unwrap Optional and Annotated down to the type itself."""
    for _ in range(6):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            break
    return annotation


def _stand_in(annotation: Any, variant: int, counter: Any, metadata: list[Any] | None = None) -> Any:
    """Return a stand-in of the type expected, one of a kind, unlike the other variant's."""
    bare = _bare(annotation)
    number = next(counter)
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        if _is_text_pair(bare):  # a text: the same in both languages, so they agree
            text = _text(bare.model_fields["th"].annotation, variant, number)
            return {"th": text, "en": text}
        return {
            name: _stand_in(info.annotation, variant, counter, list(info.metadata))
            for name, info in bare.model_fields.items()
            if info.is_required()
        }
    origin = typing.get_origin(bare)
    if origin is typing.Literal:
        choices = typing.get_args(bare)
        return choices[(number + variant) % len(choices)]
    if origin is list:
        constraints = _metadata(annotation) + list(metadata or [])
        least = max((getattr(m, "min_length", 0) or 0 for m in constraints), default=0)
        # One more entry in the second: a count of entries (the parties' against the originals) differs too.
        return [_stand_in(typing.get_args(bare)[0], variant, counter) for _ in range(least + variant)]
    if origin is dict:
        return {}
    if bare is bool:
        return bool(variant)
    if bare is int:
        return (1, 1000)[variant]
    if bare is Decimal:
        return Decimal(number + (1, 7_000_000)[variant])
    if bare is datetime.date:
        first = (datetime.date(1950, 1, 1), datetime.date(2190, 12, 31))[variant]
        return first + datetime.timedelta(days=number * (1, -1)[variant])
    return _text(annotation, variant, number)


def _is_text_pair(annotation: Any) -> bool:
    """Tell whether a type is a text in Thai and English ({th: …, en: …})."""
    return (
        isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
        and set(annotation.model_fields) == {"th", "en"}
    )


def _metadata(annotation: Any) -> list[Any]:
    """The constraints attached to a field's type (Annotated[…, Field(min_length=2)])."""
    found: list[Any] = []
    for _ in range(6):
        if typing.get_origin(annotation) is typing.Annotated:
            found += list(getattr(annotation, "__metadata__", ()))
            annotation = typing.get_args(annotation)[0]
        elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            break
    return found


def _text(annotation: Any, variant: int, number: int) -> str:
    """A text the field accepts: letters only (no number for the cross-check to find), or a version."""
    letters = "".join("abcdefghijklmnopqrstuvwxyz"[int(d)] for d in str(number))
    candidates = (f"standin-{'ab'[variant]}-{letters}", f"{number}.{variant}")
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    for candidate in candidates:
        try:
            adapter.validate_python(candidate)
        except ValidationError:
            continue
        return candidate
    return candidates[0]
