"""The map ("Samenhang"): how instruments relate to themes, purposes, roles and competencies; gaps; charts.

Everything is computed here from the index at build time (svg.py draws, the
samenhang*.md.j2 templates only print), so the pages change when editors add
instruments. Page size stays linear in the data: count grids depend on the
vocabularies only, and tables with a row per instrument stop at MAX_ROWS.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from . import finder, svg, views
from .index import KnowledgeBase, relation
from .model import Instrument, LearningGoal, Record, Term, Trajectory
from .pages import PageSpec
from .schema import Relation

INDEX, GAPS, LANDSCAPE = "samenhang/index.md", "samenhang/witte-vlekken.md", "samenhang/landschap.md"
NAV: list[tuple[str, str]] = [("Kaart", INDEX), ("Witte vlekken", GAPS), ("Landschap", LANDSCAPE)]
FEW = 2  # 1 up to this many instruments is "weinig"
MAX_ROWS = 60  # rows of a table with a row per instrument; the finder and the record pages list the rest
# A matrix gets a picture only when its table shows every instrument: a picture of part of them would look
# complete, and one of thousands would be too long to read. Beyond this the table is the view.
PICTURE_ROWS = MAX_ROWS
COLUMN_CHARS = 40  # column headers longer than this are shortened (the full name is the tooltip)
ROW_CHARS = 60  # row headers of a count grid too: a learning goal's whole sentence made a row of twenty lines
# Count grids on the map: (row field, column field) of Instrument.
GRIDS = (("roles", "purposes"), ("leadership_themes", "purposes"), ("roles", "leadership_themes"),
         ("competencies", "purposes"), ("learning_goals", "purposes"))
MATRICES = ("leadership_themes", "purposes", "competencies", "learning_goals")
GAP_FIELDS = ("competencies", "learning_goals", "leadership_themes", "levels", "sectors", "purposes", "roles",
              "themes")
CHART_FIELDS = ("sectors", "target_groups", "aims", "forms", "purposes", "programmes", "levels", "themes")
# The impact analysis's own conclusions about gaps (section 3.7), in our words, checked against the data.
SOURCE, SOURCE_SECTION = "impactanalyse-npuls", "3.7 Conclusies ten aanzien van het landschap"
CLAIMS = (("levels", "team", "Het teamniveau is minder vertegenwoordigd dan het individu en de organisatie."),
          ("purposes", "implementatie", "Instrumenten voor de implementatie zijn relatief schaars."))
ETHICS_CLAIM = ("Ethische vragen rond digitalisering, zoals privacy, dataveiligheid en de gevolgen van AI, "
                "krijgen weinig of geen aandacht.")
ETHICS = re.compile(r"\b(ethi\w*|privacy|dataveilig\w*)", re.IGNORECASE)


# --- what the templates print --------------------------------------------------


@dataclass(slots=True, frozen=True)
class Head:
    """A row or column header: the text shown, its link, and the full name when the text is a short form."""

    label: str
    href: str = ""
    full: str = ""


@dataclass(slots=True, frozen=True)
class Cell:
    """A table cell: what is shown and, for a sign such as ✓, what a screen reader says instead."""

    shown: str
    spoken: str = ""


YES, EDITORIAL, EMPTY = Cell("✓", "ja"), Cell("✓*", "ja, redactionele indeling"), Cell("")


@dataclass(slots=True, frozen=True)
class Row:
    head: Head
    cells: tuple[Cell, ...]


@dataclass(slots=True, frozen=True)
class Table:
    """A table with column headers and a header per row; ``label`` is its accessible name."""

    label: str
    corner: str
    cols: tuple[Head, ...]
    rows: tuple[Row, ...]
    foot: Row | None = None
    kind: str = "counts"  # "counts": numbers, right-aligned; "marks": ✓ in narrow centred columns


@dataclass(slots=True, frozen=True)
class Chart:
    """A picture and the table that says the same; ``note`` says what the picture leaves out."""

    heading: str
    picture: Markup
    table: Table
    note: str = ""


@dataclass(slots=True, frozen=True)
class Matrix:
    """Instruments against the values of one field: ✓ where linked, ✓* where the link is editorial."""

    heading: str
    table: Table | None
    linked: int  # instruments with at least one value in the field
    shown: int  # rows in the table (at most MAX_ROWS)
    editorial: int  # linked instruments whose values in the field are an editorial choice
    picture: Markup = Markup("")  # the same marks as a dot matrix, when every row fits (PICTURE_ROWS)


@dataclass(slots=True, frozen=True)
class Gap:
    """The values of one dimension that have no or few instruments."""

    heading: str
    anchor: str
    none: tuple[views.LinkView, ...]
    few: tuple[views.LinkView, ...]  # ``extra`` holds the count
    values: int


@dataclass(slots=True, frozen=True)
class Finding:
    """A gap the impact analysis named, and what the data says about it."""

    claim: str
    found: str
    verdict: str  # "Ja", "Nee" or "Niet na te gaan"
    caveat: str = ""
    links: tuple[views.LinkView, ...] = ()


# --- names and counts ----------------------------------------------------------


def _rel(field: str) -> Relation:
    return relation("instrument", field)


def plural(field: str) -> str:
    """The Dutch name of the values of an instrument field: 'Doelen' for ``purposes``."""
    return views.KIND_BY_NAME[_rel(field).to_kind].plural


def singular(field: str) -> str:
    return views.KIND_BY_NAME[_rel(field).to_kind].singular.lower()


def values_of(kb: KnowledgeBase, field: str) -> tuple[Record, ...]:
    return kb.records(_rel(field).to_kind)


def short_label(record: Record) -> str:
    """The shortest clear name: 'Leerdoel 3', a term's short name, or the title."""
    if isinstance(record, LearningGoal):
        return f"Leerdoel {record.number}"
    if isinstance(record, Term) and record.short:
        return record.short
    return record.title


def count_by(kb: KnowledgeBase, field: str) -> list[tuple[Record, int]]:
    """Each value of an instrument field with the number of instruments that have it."""
    rel = _rel(field)
    return [(value, len(kb.back(value, rel))) for value in values_of(kb, field)]


def without(kb: KnowledgeBase, field: str) -> int:
    """How many instruments have no value in ``field``."""
    rel = _rel(field)
    return sum(1 for i in kb.records("instrument") if not kb.out(i, rel))


def editorial_count(kb: KnowledgeBase, field: str) -> int:
    """How many instruments with a value in ``field`` list that field as an editorial choice."""
    rel = _rel(field)
    return sum(1 for i in kb.records("instrument") if kb.out(i, rel) and field in i.editorial)


def counts(kb: KnowledgeBase, row_field: str, col_field: str) -> tuple[tuple[int, ...], ...]:
    """Instruments per (row value, column value) pair, in one pass over the instruments."""
    rows, cols = values_of(kb, row_field), values_of(kb, col_field)
    row_at, col_at = {r.id: i for i, r in enumerate(rows)}, {c.id: j for j, c in enumerate(cols)}
    grid = [[0] * len(cols) for _ in rows]
    for instrument in kb.records("instrument"):
        for r in kb.out(instrument, _rel(row_field)):
            for c in kb.out(instrument, _rel(col_field)):
                grid[row_at[r.id]][col_at[c.id]] += 1
    return tuple(tuple(line) for line in grid)


def _head(kb: KnowledgeBase, record: Record, path: str, short: bool = False, limit: int = 0) -> Head:
    """A header linking to ``record``; ``short``: a column header, so a short name (the full one as tooltip);
    ``limit``: the most characters of the full name (the whole name as tooltip)."""
    link = views.link_to(kb, record, path)
    label = svg.shorten(short_label(record), COLUMN_CHARS) if short else link.title
    label = svg.shorten(label, limit) if limit else label
    return Head(label, link.href, link.title if label != link.title else "")


def _number(n: int) -> Cell:
    return Cell(str(n))


# --- the map -------------------------------------------------------------------


def grid(kb: KnowledgeBase, row_field: str, col_field: str, path: str) -> Chart:
    """A heatmap of instruments per pair of values, with the same counts as a table."""
    rows, cols = values_of(kb, row_field), values_of(kb, col_field)
    values = counts(kb, row_field, col_field)
    heading = f"{plural(row_field)} × {plural(col_field).lower()}"
    ident = f"kb-kaart-{row_field}-{col_field}".replace("_", "-")
    picture = svg.heatmap(ident, f"Aantal instrumenten per combinatie: {heading.lower()}",
                          [short_label(r) for r in rows], [short_label(c) for c in cols], values)
    table = Table(f"Aantal instrumenten: {heading.lower()}", plural(row_field),
                  tuple(_head(kb, c, path, short=True) for c in cols),
                  tuple(Row(_head(kb, r, path, limit=ROW_CHARS), tuple(_number(v) for v in line))
                        for r, line in zip(rows, values)))
    return Chart(heading, picture, table)


def matrix(kb: KnowledgeBase, field: str, path: str) -> Matrix:
    """Instruments (those with a value in ``field``, at most MAX_ROWS) against the values of ``field``."""
    rel, cols = _rel(field), values_of(kb, field)
    linked = [i for i in kb.records("instrument") if kb.out(i, rel)]
    heading = f"Instrumenten × {plural(field).lower()}"
    if not linked or not cols:
        return Matrix(heading, None, 0, 0, 0)
    rows = []
    for instrument in linked[:MAX_ROWS]:
        mark = EDITORIAL if field in instrument.editorial else YES
        has = {t.id for t in kb.out(instrument, rel)}
        rows.append(Row(_head(kb, instrument, path), tuple(mark if c.id in has else EMPTY for c in cols)))
    totals = [n for _, n in count_by(kb, field)]
    foot = Row(Head("Aantal instrumenten"), tuple(_number(n) for n in totals))
    table = Table(heading, "Instrument", tuple(_head(kb, c, path, short=True) for c in cols), tuple(rows), foot,
                  "marks")
    picture = _dots(field, heading, cols, rows, totals) if len(linked) <= PICTURE_ROWS else Markup("")
    return Matrix(heading, table, len(linked), len(rows), editorial_count(kb, field), picture)


def _dots(field: str, heading: str, cols: tuple[Record, ...], rows: list[Row], totals: list[int]) -> Markup:
    """The matrix's table as a dot matrix: a dot for ✓, a ring for ✓*."""
    sign = {YES: svg.YES, EDITORIAL: svg.EDITORIAL}
    marks = [[sign.get(cell, svg.NO) for cell in row.cells] for row in rows]
    title = f"{heading}: een stip waar een instrument bij een {singular(field)} hoort"
    desc = (f"{len(rows)} instrumenten in rijen, {len(cols)} {plural(field).lower()} in kolommen; een open rondje "
            "is een indeling door de redactie. Dezelfde gegevens staan in de tabel onder de figuur.")
    return svg.dot_matrix(f"kb-matrix-{field}".replace("_", "-"), title, [r.head.label for r in rows],
                          [short_label(c) for c in cols], marks, totals, desc)


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


# --- gaps ----------------------------------------------------------------------


def gaps(kb: KnowledgeBase, path: str) -> list[Gap]:
    """Per dimension: the values with no instruments and those with 1 to FEW."""
    found = []
    for field in GAP_FIELDS:
        counted = count_by(kb, field)
        none = tuple(_short_link(kb, t, path) for t, n in counted if n == 0)
        few = tuple(_short_link(kb, t, path, f"{n} {_instruments(n)}") for t, n in counted if 0 < n <= FEW)
        found.append(Gap(plural(field), "witte-vlek-" + field.replace("_", "-"), none, few, len(counted)))
    return found


def _short_link(kb: KnowledgeBase, record: Record, path: str, extra: str = "") -> views.LinkView:
    link = views.link_to(kb, record, path)
    return dataclasses.replace(link, title=svg.shorten(link.title, 100), summary="", extra=extra)


def _instruments(n: int) -> str:
    return "instrument" if n == 1 else "instrumenten"


def findings(kb: KnowledgeBase, path: str) -> list[Finding]:
    """The impact analysis's named gaps, each checked against the data."""
    return [_compare(kb, field, rid, claim) for field, rid, claim in CLAIMS] + [_ethics(kb, path)]


def _compare(kb: KnowledgeBase, field: str, rid: str, claim: str) -> Finding:
    """A value is underrepresented when fewer instruments have it than the other values have on average."""
    counted = count_by(kb, field)
    mine = [n for value, n in counted if value.id == rid]
    others = [(value, n) for value, n in counted if value.id != rid]
    if not mine:
        return Finding(claim, f"De gegevens hebben geen {singular(field)} '{rid}'.", "Niet na te gaan")
    if not others:
        return Finding(claim, f"De gegevens hebben geen andere {plural(field).lower()} om mee te vergelijken.",
                       "Niet na te gaan")
    average = sum(n for _, n in others) / len(others)
    name = next(v.title for v, _ in counted if v.id == rid)
    found = (f"{name}: {mine[0]} van de {len(kb.records('instrument'))} instrumenten. De andere "
             f"{plural(field).lower()}: " + ", ".join(f"{v.title} {n}" for v, n in others) +
             f" (gemiddeld {_decimal(average)}).")
    return Finding(claim, found, "Ja" if mine[0] < average else "Nee", _caveat(kb, field))


def _caveat(kb: KnowledgeBase, field: str) -> str:
    linked = len(kb.records("instrument")) - without(kb, field)
    chosen = editorial_count(kb, field)
    if not chosen:
        return ""
    return (f"Bij {chosen} van de {linked} ingedeelde instrumenten is de indeling naar {singular(field)} een "
            "keuze van de redactie, geen gegeven uit de bron.")


def _ethics(kb: KnowledgeBase, path: str) -> Finding:
    hits = [i for i in kb.records("instrument") if _mentions_ethics(kb, i)]
    total = len(kb.records("instrument"))
    found = (f"{len(hits)} van de {total} instrumenten noemen ethiek, privacy of dataveiligheid in hun titel, "
             "beschrijving of thema's" + (":" if hits else "."))
    return Finding(ETHICS_CLAIM, found, "Ja" if len(hits) <= FEW else "Nee",
                   links=views.links(kb, hits, path))


def _mentions_ethics(kb: KnowledgeBase, instrument: Record) -> bool:
    assert isinstance(instrument, Instrument)
    texts = [instrument.title, instrument.summary, instrument.description, instrument.helps]
    texts += [t.title for f in ("themes", "leadership_themes") for t in kb.out(instrument, _rel(f))]
    return any(ETHICS.search(t) for t in texts)


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def gaps_context(kb: KnowledgeBase) -> dict[str, Any]:
    found = gaps(kb, GAPS)
    summary = Table("Witte vlekken per soort", "Soort",
                    (Head("Totaal"), Head("Geen"), Head("Weinig")),
                    tuple(Row(Head(g.heading, "#" + g.anchor),
                              (_number(g.values), _number(len(g.none)), _number(len(g.few)))) for g in found))
    source = kb.by_key.get(("source", SOURCE))
    return {"path": GAPS, "total": len(kb.records("instrument")), "few": FEW, "gaps": found, "summary": summary,
            "findings": findings(kb, GAPS), "section": SOURCE_SECTION,
            "source": views.link_to(kb, source, GAPS) if source else None}


# --- the landscape -------------------------------------------------------------


def chart(kb: KnowledgeBase, field: str, path: str) -> Chart:
    """A bar chart of instruments per value of ``field``, with the same counts as a table."""
    counted = count_by(kb, field)
    name = singular(field)
    picture = svg.bar_chart(f"kb-landschap-{field}".replace("_", "-"), f"Aantal instrumenten per {name}",
                            [(short_label(v), n) for v, n in counted])
    rows = tuple(Row(_head(kb, v, path), (_number(n),)) for v, n in counted)
    table = Table(f"Aantal instrumenten per {name}", name.capitalize(), (Head("Instrumenten"),), rows)
    missing = without(kb, field)
    note = f"{missing} {_instruments(missing)} zonder {name}." if missing else ""
    return Chart(f"Per {name}", picture, table, note)


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
        PageSpec(GAPS, "samenhang_witte_vlekken.md.j2", "Witte vlekken", gaps_context(kb),
                 "Welke competenties, leerdoelen, thema's, niveaus, sectoren, doelen en rollen geen of weinig "
                 "instrumenten hebben."),
        PageSpec(LANDSCAPE, "samenhang_landschap.md.j2", "Landschap", landscape_context(kb),
                 "Het instrumentarium in grafieken: per sector, doelgroep, doelstelling, vorm, doel, programma, "
                 "niveau en thema."),
    ]


def trajectory_extra(kb: KnowledgeBase, record: Record, path: str) -> dict[str, Any]:
    """The diagram of a trajectory's structure, for its page (a pages.RECORD_EXTRAS hook)."""
    if not isinstance(record, Trajectory) or not record.structure:
        return {"diagram": Markup(""), "steps": 0}
    steps = [svg.Step(m.title, m.count, m.themes) for m in record.structure]
    title = f"Opbouw van {record.title} in {len(steps)} stappen"
    return {"diagram": svg.timeline("kb-opbouw", title, steps), "steps": len(steps)}
