"""The map ("Samenhang"): how instruments relate to themes, purposes, roles and competencies; gaps; charts.

Everything is computed from the index at build time, so the pages change when editors add instruments.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from . import svg, views
from .index import KnowledgeBase, relation
from .model import Record, Trajectory
from .pages import RECORD_EXTRAS, PageSpec

INDEX, GAPS, LANDSCAPE = "samenhang/index.md", "samenhang/witte-vlekken.md", "samenhang/landschap.md"
NAV: list[tuple[str, str]] = [("Kaart", INDEX), ("Witte vlekken", GAPS), ("Landschap", LANDSCAPE)]
FEW = 2  # at most this many instruments counts as "weinig"
MAX_ROWS = 150  # beyond this many instruments the matrix shows counts only
# Dimensions of the gaps view: (instrument field, Dutch heading).
GAP_FIELDS = (("competencies", "Competenties"), ("learning_goals", "Leerdoelen"),
              ("leadership_themes", "Leiderschapsthema's"), ("levels", "Niveaus"), ("sectors", "Sectoren"),
              ("purposes", "Doelen"), ("roles", "Rollen"), ("themes", "Thema's"))
CHART_FIELDS = (("sectors", "Sector"), ("target_groups", "Doelgroep"), ("aims", "Doelstelling"),
                ("forms", "Vorm"), ("purposes", "Doel"), ("programmes", "Programma"))


@dataclass(slots=True, frozen=True)
class Grid:
    """Counts of instruments per (row, column) pair, with a picture and a table."""

    title: str
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    values: tuple[tuple[int, ...], ...]
    picture: Markup


def _targets(kb: KnowledgeBase, field: str) -> tuple[Record, ...]:
    return kb.records(relation("instrument", field).to_kind)


def count_by(kb: KnowledgeBase, field: str) -> list[tuple[Record, int]]:
    """Each value of an instrument field with the number of instruments that have it (linear in the data)."""
    rel = relation("instrument", field)
    return [(t, len(kb.back(t, rel))) for t in _targets(kb, field)]


def grid(kb: KnowledgeBase, row_field: str, col_field: str, title: str) -> Grid:
    rows, cols = _targets(kb, row_field), _targets(kb, col_field)
    col_index = {id(c): j for j, c in enumerate(cols)}
    counts = [[0] * len(cols) for _ in rows]
    row_rel, col_rel = relation("instrument", row_field), relation("instrument", col_field)
    for i, r in enumerate(rows):
        for instrument in kb.back(r, row_rel):
            for c in kb.out(instrument, col_rel):
                counts[i][col_index[id(c)]] += 1
    values = tuple(tuple(row) for row in counts)
    names_r, names_c = tuple(r.title for r in rows), tuple(c.title for c in cols)
    return Grid(title, names_r, names_c, values, svg.heatmap(title, names_r, names_c, values))


def matrix_rows(kb: KnowledgeBase, field: str, path: str) -> tuple[tuple[str, ...], list[Any]]:
    """Instruments × values of ``field``: ✓ where linked, ✓* where the link is editorial."""
    cols = _targets(kb, field)
    rel = relation("instrument", field)
    rows = []
    for instrument in kb.records("instrument")[:MAX_ROWS]:
        linked = {id(t) for t in kb.out(instrument, rel)}
        mark = "✓*" if field in instrument.editorial else "✓"
        rows.append((views.link_to(kb, instrument, path), tuple(mark if id(c) in linked else "" for c in cols)))
    return tuple(c.title for c in cols), rows


def gaps(kb: KnowledgeBase, path: str) -> list[tuple[str, list[Any], list[Any]]]:
    """Per dimension: the values with no instruments and those with only a few."""
    found = []
    for field, heading in GAP_FIELDS:
        counted = count_by(kb, field)
        none = [views.link_to(kb, t, path) for t, n in counted if n == 0]
        few = [(views.link_to(kb, t, path), n) for t, n in counted if 0 < n <= FEW]
        found.append((heading, none, few))
    return found


def named_gaps(kb: KnowledgeBase) -> list[tuple[str, int, int]]:
    """The gaps the impact analysis named, checked against the data: (what, instruments, of total)."""
    total = len(kb.records("instrument"))
    checks = [("Instrumenten op teamniveau", "levels", "team"), ("Instrumenten voor implementatie", "purposes",
                                                                   "implementatie")]
    found = []
    for label, field, rid in checks:
        rel = relation("instrument", field)
        target = kb.by_key.get((rel.to_kind, rid))
        found.append((label, len(kb.back(target, rel)) if target else 0, total))
    ethics = sum(1 for i in kb.records("instrument")
                 if any("ethi" in t.id for t in kb.out(i, relation("instrument", "themes"))))
    found.append(("Instrumenten over ethiek (een thema met 'ethiek' in de naam)", ethics, total))
    return found


def charts(kb: KnowledgeBase) -> list[tuple[str, Markup, list[tuple[str, int]]]]:
    out = []
    for field, heading in CHART_FIELDS:
        bars = [(t.title, n) for t, n in count_by(kb, field)]
        out.append((heading, svg.bar_chart(f"Aantal instrumenten per {heading.lower()}", bars), bars))
    return out


def pages(kb: KnowledgeBase, site: dict[str, Any]) -> list[PageSpec]:
    total = len(kb.records("instrument"))
    grids = [grid(kb, "leadership_themes", "purposes", "Leiderschapsthema's × doelen"),
             grid(kb, "roles", "purposes", "Rollen × doelen"),
             grid(kb, "learning_goals", "purposes", "Leerdoelen × doelen")]
    cols, rows = matrix_rows(kb, "leadership_themes", INDEX)
    index_ctx = {"path": INDEX, "grids": grids, "cols": cols, "rows": rows, "total": total,
                 "capped": total > MAX_ROWS, "max_rows": MAX_ROWS, "finder": views.rel(INDEX, "instrumenten/index.md")}
    gaps_ctx = {"path": GAPS, "gaps": gaps(kb, GAPS), "few": FEW, "named": named_gaps(kb), "total": total}
    land_ctx = {"path": LANDSCAPE, "charts": charts(kb), "total": total}
    return [
        PageSpec(INDEX, "samenhang.md.j2", "Samenhang", index_ctx,
                 "Hoe instrumenten samenhangen met leiderschapsthema's, rollen, leerdoelen en doelen."),
        PageSpec(GAPS, "witte_vlekken.md.j2", "Witte vlekken", gaps_ctx,
                 "Welke competenties, leerdoelen, thema's, niveaus en sectoren geen of weinig instrumenten hebben."),
        PageSpec(LANDSCAPE, "landschap.md.j2", "Landschap", land_ctx,
                 "Het instrumentarium in grafieken: per sector, doelgroep, doelstelling, vorm, doel en programma."),
    ]


def trajectory_diagram(kb: KnowledgeBase, record: Record, path: str) -> dict[str, Any]:
    steps = [(m.title, m.count) for m in record.structure] if isinstance(record, Trajectory) else []
    return {"diagram": svg.timeline(f"Opbouw van {record.title}", steps) if steps else Markup("")}


RECORD_EXTRAS.setdefault("trajectory", []).append(trajectory_diagram)
