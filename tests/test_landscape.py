"""The map: counts, gaps and SVG drawn from the data, so they change when instruments are added."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator import landscape, svg
from generator.index import build_index
from generator.model import Citation, Instrument, Term

CITE = (Citation(document="bron", section="1"),)


def kb_with(*instruments: Instrument):  # type: ignore[no-untyped-def]
    terms = [("level", Term(id="individu", title="Individu", cite=CITE)),
             ("level", Term(id="team", title="Team", cite=CITE)),
             ("purpose", Term(id="implementatie", title="Implementatie", cite=CITE)),
             ("role", Term(id="leraar", title="Leraar", cite=CITE))]
    return build_index(terms + [("instrument", i) for i in instruments])


def tool(rid: str, **fields) -> Instrument:  # type: ignore[no-untyped-def]
    return Instrument(id=rid, title=rid.title(), helps="x", cite=CITE, **fields)


def test_a_value_without_instruments_is_a_gap_until_one_is_added() -> None:
    before = dict((h, [l.title for l in empty]) for h, empty, _ in landscape.gaps(kb_with(tool("a", levels=("individu",))), "x.md"))
    assert before["Niveaus"] == ["Team"]
    after = dict((h, [l.title for l in empty]) for h, empty, _ in
                 landscape.gaps(kb_with(tool("a", levels=("individu",)), tool("b", levels=("team",))), "x.md"))
    assert after["Niveaus"] == []


def test_grid_counts_instruments_per_pair() -> None:
    kb = kb_with(tool("a", roles=("leraar",), purposes=("implementatie",)), tool("b", roles=("leraar",)))
    g = landscape.grid(kb, "roles", "purposes", "Rollen × doelen")
    assert g.rows == ("Leraar",) and g.cols == ("Implementatie",) and g.values == ((1,),)


def test_named_gaps_are_counted_from_the_data() -> None:
    kb = kb_with(tool("a", levels=("team",)), tool("b"))
    assert landscape.named_gaps(kb)[0] == ("Instrumenten op teamniveau", 1, 2)


def test_svg_is_well_formed_and_escapes_text() -> None:
    for picture in (svg.bar_chart("<a> & b", [("x<script>", 3), ("y", 0)]),
                    svg.heatmap("h", ["r&"], ["c<"], [[2]]), svg.timeline("t", [("stap \"1\"", 2)])):
        root = ET.fromstring(str(picture))
        assert root.get("role") == "img"
        assert "<script>" not in str(picture)
