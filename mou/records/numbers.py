"""Numbers as written: amounts, counts and versions are read from the text of their YAML scalar.

YAML 1.1 reads 0150000 as octal, 0x10 as hexadecimal, 1:30 as base 60 (90), 150_000 as
150000 and yes as true. A clerk means none of that: the typed fields marked AsWritten take
the scalar's own text, and any text that is not plain digits is refused with the reason.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel

from mou.core.errors import Problem
from mou.core.messages import Message, say
from mou.records.loading import KeyPath, Record

Kind = Literal["amount", "count", "version"]
AMOUNT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]{1,2})?")
COUNT = re.compile(r"-?(?:0|[1-9][0-9]*)")
YES_NO = {"yes", "no", "y", "n", "on", "off", "true", "false"}
THAI_DIGITS = re.compile("[\u0e50-\u0e59]")
NEGATIVE_ZERO = re.compile(r"-0*(?:\.0*)?")
# (reason, test on the stripped text), the first that matches explains the refusal
REASONS: list[tuple[str, re.Pattern[str]]] = [
    ("nw_not_finite", re.compile(r"[-+]?\.(?:inf|nan)", re.IGNORECASE)),
    ("nw_base", re.compile(r"[-+]?0[xXoObB].*")),
    ("nw_colon", re.compile(r"[-+]?[0-9][0-9_]*(?::[0-9_]+)+(?:\.[0-9_]*)?")),
    ("nw_separator", re.compile(r"[-+]?[0-9][0-9,_ ]*[,_ ][0-9,_ ]*(?:\.[0-9]*)?")),
    ("nw_negative_zero", NEGATIVE_ZERO),
    ("nw_sign", re.compile(r"\+.*")),
    ("nw_leading_zero", re.compile(r"-?0[0-9].*")),
    ("nw_exponent", re.compile(r"-?[0-9.]+[eE][-+]?[0-9]+")),
]


@dataclass(frozen=True)
class AsWritten:
    """Marks a model field whose value is read from the scalar's text (Annotated metadata)."""

    kind: Kind


def read_written(kind: Kind, text: str) -> Decimal | int | Message:
    """Read an amount or a count from its text, or say why it is refused and what to write."""
    stripped = text.strip()
    pattern = AMOUNT if kind == "amount" else COUNT
    if pattern.fullmatch(stripped) and not NEGATIVE_ZERO.fullmatch(stripped):
        return Decimal(stripped) if kind == "amount" else int(stripped)
    return say("nw_amount" if kind == "amount" else "nw_count", reason=_reason(kind, stripped))


def _reason(kind: Kind, text: str) -> Message:
    """Say what is wrong with a number's text."""
    if text.lower() in YES_NO:
        return say("nw_yes_no", value=text)
    if THAI_DIGITS.search(text):
        return say("nw_thai_digits", value=text)
    for key, test in REASONS:
        if test.fullmatch(text):
            return say(key, value=text)
    if "." in text and re.fullmatch(r"-?[0-9]+\.[0-9]+", text):
        return say("nw_decimals" if kind == "amount" else "nw_fraction", value=text)
    return say("nw_not_number", value=text)


def numbers_as_written(model: type[BaseModel], record: Record) -> list[Problem]:
    """Put the value each AsWritten field's text means into record.data; refused ones are removed and returned."""
    refused: list[Problem] = []
    _walk(model, record.data, (), record, refused)
    return refused


def _walk(model: type[BaseModel], data: Any, key_path: KeyPath, record: Record, refused: list[Problem]) -> None:
    """Read the AsWritten fields of one model's data, and of the models nested in it."""
    if not isinstance(data, dict):
        return
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        marker = next((m for m in info.metadata if isinstance(m, AsWritten)), None)
        if marker is not None:
            _read_field(marker.kind, data, name, key_path + (name,), record, refused)
            continue
        marker = dict_value_marker(info.annotation)
        if marker is not None and isinstance(data[name], dict):  # amounts: {grant: 21000001}
            for key in list(data[name]):
                _read_field(marker.kind, data[name], key, key_path + (name, key), record, refused)
            continue
        for inner in _models(info.annotation):
            value = data[name]
            items: Iterable[tuple[int | str | None, Any]] = [(None, value)]
            if isinstance(value, list):
                items = enumerate(value)
            elif typing.get_origin(info.annotation) is dict and isinstance(value, dict):
                items = value.items()  # a model per key (signatories: a person per party id)
            for index, item in items:
                _walk(inner, item, key_path + (name,) + (() if index is None else (index,)), record, refused)


def _read_field(
    kind: Kind, data: dict[str, Any], name: str, key_path: KeyPath, record: Record, refused: list[Problem]
) -> None:
    """Replace one field's value by what its text says, or remove it and report why."""
    written, value = record.scalars.get(key_path), data[name]
    if written is None or (written.plain and value is None):
        return  # a list, a group or an empty value: the model says what is wrong
    if kind == "version":
        if written.plain and isinstance(value, (int, float)) and not isinstance(value, bool):
            data[name] = written.text  # 1.10 stays "1.10", not the number 1.1
        return
    result = read_written(kind, written.text)
    if isinstance(result, Message):
        refused.append(record.problem(key_path, result))
        del data[name]
    else:
        data[name] = result


def dict_value_marker(annotation: Any) -> AsWritten | None:
    """The AsWritten mark of a dict field's values (dict[str, Amount]), if they have one."""
    if typing.get_origin(annotation) is not dict:
        return None
    value = typing.get_args(annotation)[1]
    metadata = getattr(value, "__metadata__", ())
    return next((m for m in metadata if isinstance(m, AsWritten)), None)


def _models(annotation: Any) -> list[type[BaseModel]]:
    """Every model class inside an annotation (Optional, list, union)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models(arg)]
