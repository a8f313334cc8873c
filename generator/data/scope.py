"""Scope: an institution's copy publishes only the records that concern its sectors, roles or programmes.

Records outside the scope are removed before indexing, and so is everything that
can no longer stand on its own (a learning goal whose competence area went), so
no page and no link to an excluded record is left behind.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.data.model import Record
from generator.data.problems import Problem, did_you_mean, quote_list
from generator.data.schema import RELATIONS_FROM

# Which vocabulary each scope dimension limits, and the field that ties other records to it.
DIMENSIONS: dict[str, tuple[str, str]] = {
    "sectors": ("sector", "sectors"),
    "roles": ("role", "roles"),
    "programmes": ("programme", "programmes"),
}


@dataclass(slots=True, frozen=True)
class Scope:
    """Ids to keep per dimension; an empty tuple keeps everything."""

    sectors: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()

    def limits(self) -> Iterable[tuple[str, str, str, frozenset[str]]]:
        for name, (kind, field_name) in DIMENSIONS.items():
            keep = getattr(self, name)
            if keep:
                yield name, kind, field_name, frozenset(keep)

    @property
    def active(self) -> bool:
        return any(True for _ in self.limits())


def check(scope: Scope, known: Mapping[str, set[str]], where: str) -> list[Problem]:
    """A problem for every id in the scope that names no record."""
    problems = []
    for name, kind, _, keep in scope.limits():
        for rid in sorted(keep - known.get(kind, set())):
            hint = did_you_mean(rid, known.get(kind, set())) or f"Bestaande ids: {quote_list(sorted(known.get(kind, set())))}."
            problems.append(Problem(code="scope-unknown", file=where, path=f"scope.{name}",
                                    message=f"'{rid}' bestaat niet.", hint=hint))
    return problems


def apply(records: list[tuple[str, Record]], scope: Scope) -> list[tuple[str, Record]]:
    """The records inside ``scope``, with everything that depended on excluded records removed."""
    if not scope.active:
        return records
    kept = [(k, r) for k, r in records if _inside(k, r, scope)]
    while True:  # cascade: a record whose required parent left goes too
        present = {(k, r.id) for k, r in kept}
        still = [(k, r) for k, r in kept if _parents_present(k, r, present)]
        if len(still) == len(kept):
            return still
        kept = still


def _inside(kind: str, record: Record, scope: Scope) -> bool:
    for _, limited_kind, field_name, keep in scope.limits():
        if kind == limited_kind:
            if record.id not in keep:
                return False
            continue
        values = getattr(record, field_name, None)
        if isinstance(values, tuple) and values and not keep.intersection(values):
            return False
    return True


def _parents_present(kind: str, record: Record, present: set[tuple[str, str]]) -> bool:
    for rel in RELATIONS_FROM[kind]:
        field_obj = next(f for f in dataclasses.fields(record) if f.name == rel.field)
        required = field_obj.default is dataclasses.MISSING
        value = getattr(record, rel.field)
        if required and not rel.many and value and (rel.to_kind, value) not in present:
            return False
    return True
