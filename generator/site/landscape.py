"""The map ("Samenhang"): its pages, which show how instruments relate to themes, purposes, roles and competencies.

Everything is computed from the index at build time (charts.py counts, gaps.py checks, svg.py draws, the
samenhang*.md.j2 templates only print), so the pages change when editors add instruments.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.data.index import KnowledgeBase
from generator.data.model import Record, Trajectory
from generator.site import finder, svg, views
from generator.site.base import Family, PageSpec, add_record_extra, register
from generator.site.charts import PICTURE_ROWS, chart, grid, matrix, plural, values_of, without
from generator.site.gaps import GAP_FIELDS, gaps_context

INDEX, GAPS, LANDSCAPE = "samenhang/index.md", "samenhang/witte-vlekken.md", "samenhang/landschap.md"


@dataclass(slots=True, frozen=True)
class View:
    """One page of the map: its count grids ((row field, column field) of Instrument) and its matrices."""

    path: str
    title: str
    about: str  # one line for the overview
    grids: tuple[tuple[str, str], ...] = ()
    matrices: tuple[str, ...] = ()


# A page per view, each short enough to read on a phone (the browser tests measure them).
VIEWS = (
    View("samenhang/rollen.md", "Rollen", "Hoeveel instrumenten er zijn voor elke rol, per doel en per "
         "leiderschapsthema.", (("roles", "purposes"), ("roles", "leadership_themes"))),
    View("samenhang/leiderschap.md", "Leiderschapsthema's", "Welke instrumenten bij welk leiderschapsthema horen, "
         "en per doel.", (("leadership_themes", "purposes"),), ("leadership_themes",)),
    View("samenhang/competenties.md", "Competenties", "Welke instrumenten bij welke competentie horen, en per doel.",
         (("competencies", "purposes"),), ("competencies",)),
    View("samenhang/leerdoelen.md", "Leerdoelen", "Welke instrumenten bij welk leerdoel horen, en per doel.",
         (("learning_goals", "purposes"),), ("learning_goals",)),
    View("samenhang/doelen.md", "Doelen", "Welk instrument bij welk doel hoort, instrument voor instrument.",
         (), ("purposes",)),
)
NAV: list[tuple[str, str]] = ([("Overzicht", INDEX)] + [(v.title, v.path) for v in VIEWS] +
                              [("Witte vlekken", GAPS), ("Landschap", LANDSCAPE)])
GRIDS = tuple(g for v in VIEWS for g in v.grids)
MATRICES = tuple(m for v in VIEWS for m in v.matrices)
CHART_FIELDS = ("sectors", "target_groups", "aims", "forms", "purposes", "programmes", "levels", "themes")


def _unused(kb: KnowledgeBase) -> list[str]:
    fields = sorted({f for pair in GRIDS for f in pair} | set(MATRICES), key=GAP_FIELDS.index)
    return [f for f in fields if without(kb, f) == len(kb.records("instrument"))]


def index_context(kb: KnowledgeBase) -> dict[str, Any]:
    """The overview: what each view shows, with a link to it."""
    unused = _unused(kb)
    return {"path": INDEX, "total": len(kb.records("instrument")),
            "views": [(views.rel(INDEX, v.path), v) for v in VIEWS],
            "unlinked": views.either([plural(f).lower() for f in unused]),
            "finder": views.rel(INDEX, finder.PATH), "gaps": views.rel(INDEX, GAPS),
            "landscape": views.rel(INDEX, LANDSCAPE)}


def view_context(kb: KnowledgeBase, view: View) -> dict[str, Any]:
    """One view: its count grids for fields that instruments use, and its matrices."""
    unused = _unused(kb)
    return {"path": view.path, "total": len(kb.records("instrument")), "picture_rows": PICTURE_ROWS,
            "view": view,
            "charts": [grid(kb, r, c, view.path) for r, c in view.grids if r not in unused and c not in unused],
            "matrices": [matrix(kb, f, view.path) for f in view.matrices],
            "finder": views.rel(view.path, finder.PATH), "gaps": views.rel(view.path, GAPS),
            "overview": views.rel(view.path, INDEX)}


def landscape_context(kb: KnowledgeBase) -> dict[str, Any]:
    chosen = [i for i in kb.records("instrument") if set(CHART_FIELDS) & set(i.editorial)]
    return {"path": LANDSCAPE, "total": len(kb.records("instrument")), "editorial": len(chosen),
            "charts": [chart(kb, f, LANDSCAPE) for f in CHART_FIELDS if values_of(kb, f)]}


# --- pages ---------------------------------------------------------------------


def pages(kb: KnowledgeBase, site: dict[str, Any]) -> list[PageSpec]:
    return [
        PageSpec(INDEX, "samenhang.md.j2", "Samenhang", index_context(kb),
                 "Hoe de instrumenten samenhangen met leiderschapsthema's, doelen, rollen, competenties en "
                 "leerdoelen: een overzicht met een pagina per weergave."),
        *(PageSpec(v.path, "samenhang_weergave.md.j2", v.title, view_context(kb, v), v.about) for v in VIEWS),
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


register(Family("landscape", tuple(path for _, path in NAV), lambda kb, site, built: pages(kb, site), rank=20))
# Trajectory pages show their structure as a diagram.
add_record_extra("trajectory", trajectory_extra)
