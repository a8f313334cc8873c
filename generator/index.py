"""The knowledge base, built once: records by kind and id, relations both ways.

Back-links are computed in a single pass over all forward references, and every
list is sorted, so rendering never searches and output is reproducible.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import Record, Term
from .schema import KINDS, RELATIONS, RELATIONS_FROM, Relation

Key = tuple[str, str]  # (kind, id)


def sort_key(record: Record) -> tuple[int, int, str, str]:
    order = record.order if isinstance(record, Term) else 0
    number = getattr(record, "number", 0)
    return (order, number if isinstance(number, int) else 0, record.title.casefold(), record.id)


@dataclass(slots=True)
class KnowledgeBase:
    """All records, with an index for every relation."""

    by_kind: dict[str, tuple[Record, ...]] = field(default_factory=dict)
    by_key: dict[Key, Record] = field(default_factory=dict)
    kind_of: dict[int, str] = field(default_factory=dict)
    forward: dict[tuple[Key, str], tuple[Record, ...]] = field(default_factory=dict)
    backward: dict[tuple[Key, str], tuple[Record, ...]] = field(default_factory=dict)
    cited_by: dict[str, tuple[Record, ...]] = field(default_factory=dict)

    def get(self, kind: str, rid: str) -> Record:
        return self.by_key[(kind, rid)]

    def kind(self, record: Record) -> str:
        return self.kind_of[id(record)]

    def records(self, kind: str) -> tuple[Record, ...]:
        return self.by_kind.get(kind, ())

    def out(self, record: Record, relation: Relation) -> tuple[Record, ...]:
        """The records ``record`` points at through ``relation``."""
        return self.forward.get(((relation.from_kind, record.id), relation.field), ())

    def back(self, record: Record, relation: Relation) -> tuple[Record, ...]:
        """The records that point at ``record`` through ``relation``."""
        return self.backward.get(((relation.to_kind, record.id), relation.key), ())

    def related(self, record: Record, kind: str, field_name: str) -> tuple[Record, ...]:
        """Records linked to ``record`` through field ``field_name`` of kind ``kind``, either direction."""
        rel = _RELATION[(kind, field_name)]
        if rel.from_kind == self.kind(record):
            return self.out(record, rel)
        return self.back(record, rel)


_RELATION: dict[tuple[str, str], Relation] = {(r.from_kind, r.field): r for r in RELATIONS}


def relation(kind: str, field_name: str) -> Relation:
    return _RELATION[(kind, field_name)]


def build_index(records: Iterable[tuple[str, Record]]) -> KnowledgeBase:
    """Index ``(kind, record)`` pairs whose references have been validated."""
    kb = KnowledgeBase()
    grouped: dict[str, list[Record]] = defaultdict(list)
    for kind, record in records:
        grouped[kind].append(record)
        kb.by_key[(kind, record.id)] = record
        kb.kind_of[id(record)] = kind
    kb.by_kind = {k.name: tuple(sorted(grouped.get(k.name, ()), key=sort_key)) for k in KINDS}
    back: dict[tuple[Key, str], list[Record]] = defaultdict(list)
    cited: dict[str, list[Record]] = defaultdict(list)
    for kind_name, items in kb.by_kind.items():
        for record in items:
            for rel in RELATIONS_FROM[kind_name]:
                targets = _targets(kb, record, rel)
                kb.forward[((kind_name, record.id), rel.field)] = tuple(sorted(targets, key=sort_key))
                for target in targets:
                    back[((rel.to_kind, target.id), rel.key)].append(record)
            for citation in record.cite:
                cited[citation.document].append(record)
    kb.backward = {key: _sorted_unique(value) for key, value in back.items()}
    kb.cited_by = {key: _sorted_unique(value) for key, value in cited.items()}
    return kb


def _targets(kb: KnowledgeBase, record: Record, rel: Relation) -> list[Record]:
    value: Any = getattr(record, rel.field)
    ids = value if isinstance(value, tuple) else ((value,) if value else ())
    return [kb.by_key[(rel.to_kind, rid)] for rid in dict.fromkeys(ids) if (rel.to_kind, rid) in kb.by_key]


def _sorted_unique(items: list[Record]) -> tuple[Record, ...]:
    unique = {id(r): r for r in items}
    return tuple(sorted(unique.values(), key=sort_key))


def counts(kb: KnowledgeBase) -> Mapping[str, int]:
    return {kind: len(items) for kind, items in kb.by_kind.items()}
