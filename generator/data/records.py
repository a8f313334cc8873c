"""Turn schema-valid plain data into the frozen records of the model."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from typing import Any, get_args, get_origin

from generator.data.model import Location, Record
from generator.data.schema import _hints, editor_fields

Convert = Callable[[Any], Any]
# Per class: each editor field's name and how to convert its value (None: as it is). Worked out once
# from the type hints, not for every value of every record.
_PLANS: dict[type[Any], tuple[tuple[str, Convert | None], ...]] = {}


def build(cls: type[Any], data: dict[str, Any], **internal: Any) -> Any:
    """Construct ``cls`` from a schema-valid mapping, nested parts and tuples included; ``internal``: at, origin."""
    values = {}
    for name, convert in _PLANS.get(cls) or _plan(cls):
        if name in data:
            value = data[name]
            values[name] = value if convert is None else convert(value)
    return cls(**values, **internal)


def build_record(cls: type[Record], data: dict[str, Any], at: Location, origin: str) -> Record:
    record: Record = build(cls, data, at=at, origin=origin)
    return record


def _plan(cls: type[Any]) -> tuple[tuple[str, Convert | None], ...]:
    hints = _hints(cls)
    plan = _PLANS[cls] = tuple((f.name, _converter(hints[f.name])) for f in editor_fields(cls))
    return plan


def _converter(tp: Any) -> Convert | None:
    if get_origin(tp) is tuple:
        item = _converter(get_args(tp)[0])
        if item is None:
            return tuple
        return lambda value: tuple(item(v) for v in value)
    if dataclasses.is_dataclass(tp):
        part = typing.cast(type[Any], tp)
        return lambda value: build(part, value)
    return None
