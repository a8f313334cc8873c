"""The knowledge base, built once: records by kind and id, relations both ways.

Back-links are computed in a single pass over all forward references, and every
list is sorted, so rendering never searches and output is reproducible.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.data.model import Record, Term
from generator.data.schema import KINDS, RELATIONS, RELATIONS_FROM, Relation

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
    order: dict[int, tuple[int, int, str, str]] = {}  # each record's sort key, worked out once for every sort
    for kind, record in records:
        grouped[kind].append(record)
        kb.by_key[(kind, record.id)] = record
        kb.kind_of[id(record)] = kind
        order[id(record)] = sort_key(record)

    def in_order(items: Collection[Record]) -> tuple[Record, ...]:
        if len(items) < 2:
            return tuple(items)
        return tuple(sorted(items, key=lambda record: order[id(record)]))

    kb.by_kind = {k.name: in_order(grouped.get(k.name, ())) for k in KINDS}
    back: dict[tuple[Key, str], list[Record]] = defaultdict(list)
    cited: dict[str, list[Record]] = defaultdict(list)
    for kind_name, items in kb.by_kind.items():
        relations = [(rel.field, rel.to_kind, rel.key) for rel in RELATIONS_FROM[kind_name]]
        for record in items:
            for field_name, to_kind, rel_key in relations:
                targets = _targets(kb, record, field_name, to_kind)
                kb.forward[((kind_name, record.id), field_name)] = in_order(targets)
                for target in targets:
                    back[((to_kind, target.id), rel_key)].append(record)
            for citation in record.cite:
                cited[citation.document].append(record)
    kb.backward = {key: in_order({id(r): r for r in value}.values()) for key, value in back.items()}
    kb.cited_by = {key: in_order({id(r): r for r in value}.values()) for key, value in cited.items()}
    return kb


def _targets(kb: KnowledgeBase, record: Record, field_name: str, to_kind: str) -> list[Record]:
    value: Any = getattr(record, field_name)
    ids = value if isinstance(value, tuple) else ((value,) if value else ())
    by_key = kb.by_key
    return [by_key[(to_kind, rid)] for rid in dict.fromkeys(ids) if (to_kind, rid) in by_key]


def counts(kb: KnowledgeBase) -> Mapping[str, int]:
    return {kind: len(items) for kind, items in kb.by_kind.items()}
