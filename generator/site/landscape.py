"""The map ("Samenhang"): its pages, which show how instruments relate to themes, purposes, roles and competencies.

Everything is computed from the index at build time (charts.py counts, gaps.py checks, svg.py draws, the
samenhang*.md.j2 templates only print), so the pages change when editors add instruments.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.data.index import KnowledgeBase
from generator.data.model import Record, Trajectory
from generator.site import finder, svg, views
from generator.site.base import Family, PageSpec, add_record_extra, register
from generator.site.charts import PICTURE_ROWS, grid, chart, matrix, plural, values_of, without
from generator.site.gaps import GAP_FIELDS, gaps_context

INDEX, GAPS, LANDSCAPE = "samenhang/index.md", "samenhang/witte-vlekken.md", "samenhang/landschap.md"
NAV: list[tuple[str, str]] = [("Kaart", INDEX), ("Witte vlekken", GAPS), ("Landschap", LANDSCAPE)]
# Count grids on the map: (row field, column field) of Instrument.
GRIDS = (("roles", "purposes"), ("leadership_themes", "purposes"), ("roles", "leadership_themes"),
         ("competencies", "purposes"), ("learning_goals", "purposes"))
MATRICES = ("leadership_themes", "purposes", "competencies", "learning_goals")
CHART_FIELDS = ("sectors", "target_groups", "aims", "forms", "purposes", "programmes", "levels", "themes")


def index_context(kb: KnowledgeBase) -> dict[str, Any]:
    """The map: a count grid for each pair of fields that instruments use, and the matrices."""
    fields = sorted({f for pair in GRIDS for f in pair}, key=GAP_FIELDS.index)
    unused = [f for f in fields if without(kb, f) == len(kb.records("instrument"))]
    return {"path": INDEX, "total": len(kb.records("instrument")), "picture_rows": PICTURE_ROWS,
            "charts": [grid(kb, r, c, INDEX) for r, c in GRIDS if r not in unused and c not in unused],
            "unlinked": views.either([plural(f).lower() for f in unused]),
            "matrices": [matrix(kb, f, INDEX) for f in MATRICES],
            "finder": views.rel(INDEX, finder.PATH), "gaps": views.rel(INDEX, GAPS),
            "landscape": views.rel(INDEX, LANDSCAPE)}


def landscape_context(kb: KnowledgeBase) -> dict[str, Any]:
    chosen = [i for i in kb.records("instrument") if set(CHART_FIELDS) & set(i.editorial)]
    return {"path": LANDSCAPE, "total": len(kb.records("instrument")), "editorial": len(chosen),
            "charts": [chart(kb, f, LANDSCAPE) for f in CHART_FIELDS if values_of(kb, f)]}


# --- pages ---------------------------------------------------------------------


def pages(kb: KnowledgeBase, site: dict[str, Any]) -> list[PageSpec]:
    return [
        PageSpec(INDEX, "samenhang.md.j2", "Samenhang", index_context(kb),
                 "Hoe de instrumenten samenhangen met leiderschapsthema's, doelen, rollen, competenties en "
                 "leerdoelen: tabellen en kaarten, berekend uit de gegevens."),
        PageSpec(GAPS, "samenhang_witte_vlekken.md.j2", "Witte vlekken", gaps_context(kb, GAPS),
                 "Welke competenties, leerdoelen, thema's, niveaus, sectoren, doelen en rollen geen of weinig "
                 "instrumenten hebben."),
        PageSpec(LANDSCAPE, "samenhang_landschap.md.j2", "Landschap", landscape_context(kb),
                 "Het instrumentarium in grafieken: per sector, doelgroep, doelstelling, vorm, doel, programma, "
                 "niveau en thema."),
    ]


def trajectory_extra(kb: KnowledgeBase, record: Record, path: str) -> dict[str, Any]:
    """The diagram of a trajectory's structure, for its page (a base.add_record_extra hook)."""
    if not isinstance(record, Trajectory) or not record.structure:
        return {"diagram": Markup(""), "steps": 0}
    steps = [svg.Step(m.title, m.count, m.themes) for m in record.structure]
    title = f"Opbouw van {record.title} in {len(steps)} stappen"
    return {"diagram": svg.timeline("kb-opbouw", title, steps), "steps": len(steps)}


register(Family("landscape", (INDEX, GAPS, LANDSCAPE), lambda kb, site, built: pages(kb, site), rank=20))
# Trajectory pages show their structure as a diagram.
add_record_extra("trajectory", trajectory_extra)
