"""Turn schema-valid plain data into the frozen records of the model."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any, get_args, get_origin

from .model import Location, Record
from .schema import _hints, editor_fields


def build(cls: type[Any], data: dict[str, Any]) -> Any:
    """Construct ``cls`` from a schema-valid mapping, nested parts and tuples included."""
    hints = _hints(cls)
    values = {f.name: _convert(hints[f.name], data[f.name]) for f in editor_fields(cls) if f.name in data}
    return cls(**values)


def build_record(cls: type[Record], data: dict[str, Any], at: Location, origin: str) -> Record:
    record: Record = build(cls, data)
    return dataclasses.replace(record, at=at, origin=origin)


def _convert(tp: Any, value: Any) -> Any:
    origin = get_origin(tp)
    if origin is tuple:
        item = get_args(tp)[0]
        return tuple(_convert(item, v) for v in value)
    if dataclasses.is_dataclass(tp):
        return build(typing.cast(type[Any], tp), value)
    return value
