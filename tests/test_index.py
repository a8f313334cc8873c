"""The index: every relation both ways, sorted, built once from validated records."""

from __future__ import annotations

from generator.data.index import build_index, relation
from generator.data.model import Citation, Instrument, Term

CITE = (Citation(document="bron", section="1"),)


def term(rid: str, title: str, order: int = 0) -> Term:
    return Term(id=rid, title=title, order=order, cite=CITE)


def instrument(rid: str, title: str, sectors: tuple[str, ...] = (), related: tuple[str, ...] = ()) -> Instrument:
    return Instrument(id=rid, title=title, helps="x", sectors=sectors, related=related, cite=CITE)


def test_back_links_mirror_forward_links_and_are_sorted() -> None:
    kb = build_index([
        ("sector", term("mbo", "Mbo", 3)), ("sector", term("hbo", "Hbo", 4)),
        ("instrument", instrument("b", "Beta", ("mbo",))), ("instrument", instrument("a", "Alfa", ("hbo", "mbo"))),
    ])
    sectors = relation("instrument", "sectors")
    mbo = kb.get("sector", "mbo")
    assert [r.id for r in kb.back(mbo, sectors)] == ["a", "b"]
    assert [r.id for r in kb.out(kb.get("instrument", "a"), sectors)] == ["mbo", "hbo"]  # by order, then title
    assert kb.related(mbo, "instrument", "sectors") == kb.back(mbo, sectors)


def test_a_relation_within_one_kind_links_both_ways() -> None:
    kb = build_index([("instrument", instrument("placemat", "Placemat", related=("proeftuin",))),
                      ("instrument", instrument("proeftuin", "Proeftuin"))])
    rel = relation("instrument", "related")
    assert [r.id for r in kb.back(kb.get("instrument", "proeftuin"), rel)] == ["placemat"]
    assert kb.back(kb.get("instrument", "placemat"), rel) == ()


def test_records_are_ordered_by_order_then_title() -> None:
    kb = build_index([("sector", term("wo", "Wo", 5)), ("sector", term("po", "Po", 1))])
    assert [r.id for r in kb.records("sector")] == ["po", "wo"]


def test_citations_are_indexed_per_source() -> None:
    kb = build_index([("sector", term("po", "Po"))])
    assert [r.id for r in kb.cited_by["bron"]] == ["po"]
