"""The tables and pictures of the map, counted from the index: headers, cells, count grids, matrices, bars.

svg.py draws; this module decides what is counted and shown. Page size stays linear in the data: count grids
depend on the vocabularies only, and tables with a row per instrument stop at MAX_ROWS.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.data.index import KnowledgeBase, relation
from generator.data.model import LearningGoal, Record, Term
from generator.data.schema import Relation
from generator.site import finder, svg, views

MAX_ROWS = 60  # rows of a table with a row per instrument; the finder and the record pages list the rest
# A matrix gets a picture only when its table shows every instrument: a picture of part of them would look
# complete, and one of thousands would be too long to read. Beyond this the table is the view.
PICTURE_ROWS = MAX_ROWS
COLUMN_CHARS = 40  # column headers longer than this are shortened (the full name is the tooltip)
ROW_CHARS = 60  # row headers of a count grid too: a learning goal's whole sentence made a row of twenty lines


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
    lead: str = ""  # one sentence of what it shows, made from the data


@dataclass(slots=True, frozen=True)
class Matrix:
    """Instruments against the values of one field: ✓ where linked, ✓* where the link is editorial."""

    heading: str
    table: Table | None
    linked: int  # instruments with at least one value in the field
    shown: int  # rows in the table (at most MAX_ROWS)
    editorial: int  # linked instruments whose values in the field are an editorial choice
    picture: Markup = Markup("")  # the same marks as a dot matrix, when every row fits (PICTURE_ROWS)
    lead: str = ""  # one sentence of what it shows, made from the data


# --- names and counts ----------------------------------------------------------


def field_relation(field: str) -> Relation:
    return relation("instrument", field)


def plural(field: str) -> str:
    """The Dutch name of the values of an instrument field: 'Doelen' for ``purposes``."""
    return views.KIND_BY_NAME[field_relation(field).to_kind].plural


def singular(field: str) -> str:
    return views.KIND_BY_NAME[field_relation(field).to_kind].singular.lower()


def values_of(kb: KnowledgeBase, field: str) -> tuple[Record, ...]:
    return kb.records(field_relation(field).to_kind)


LABEL_CHARS = 40  # a learning goal's sentence, shortened to a name for rows and columns


def short_label(record: Record, field: str = "") -> str:
    """The shortest clear name: a learning goal's own short title or its sentence shortened, a role's title
    (the name every page uses), a term's short name, or the title."""
    if isinstance(record, LearningGoal):
        own = getattr(record, "short", "")
        return own if isinstance(own, str) and own else svg.shorten(record.title, LABEL_CHARS)
    if field == "roles":
        return record.title
    if isinstance(record, Term) and record.short:
        return record.short
    return record.title


def finder_href(path: str, *choices: tuple[str, Record]) -> str:
    """The finder's address from ``path``, filtered on each (instrument field, value); "" when a field has no
    facet in the finder."""
    params = [(finder.param(field), record.id) for field, record in choices]
    if any(p is None for p, _ in params):
        return ""
    return finder.filtered("", path, tuple((str(p), rid) for p, rid in params)).url


def _names(records: list[str]) -> str:
    return records[0] if len(records) == 1 else ", ".join(records[:-1]) + " en " + records[-1]


def lead_counts(counted: list[tuple[Record, int]], field: str, noun: str = "instrumenten") -> str:
    """One sentence of what a count per value shows: which have none, which has most."""
    none = [short_label(r, field) for r, n in counted if n == 0]
    having = [(r, n) for r, n in counted if n]
    parts = []
    if none:
        parts.append(f"Voor {_names(none)} zijn er geen {noun}")
    if having:
        best, n = max(having, key=lambda pair: pair[1])
        parts.append(f"de meeste {'' if none else noun + ' '}zijn er voor {short_label(best, field)} ({n})")
    sentence = "; ".join(parts) if parts else f"Er zijn nog geen {noun}"
    return sentence[0].upper() + sentence[1:] + "."


def count_by(kb: KnowledgeBase, field: str) -> list[tuple[Record, int]]:
    """Each value of an instrument field with the number of instruments that have it."""
    rel = field_relation(field)
    return [(value, len(kb.back(value, rel))) for value in values_of(kb, field)]


def without(kb: KnowledgeBase, field: str) -> int:
    """How many instruments have no value in ``field``."""
    rel = field_relation(field)
    return sum(1 for i in kb.records("instrument") if not kb.out(i, rel))


def editorial_count(kb: KnowledgeBase, field: str) -> int:
    """How many instruments with a value in ``field`` list that field as an editorial choice."""
    rel = field_relation(field)
    return sum(1 for i in kb.records("instrument") if kb.out(i, rel) and field in i.editorial)


def counts(kb: KnowledgeBase, row_field: str, col_field: str) -> tuple[tuple[int, ...], ...]:
    """Instruments per (row value, column value) pair, in one pass over the instruments."""
    rows, cols = values_of(kb, row_field), values_of(kb, col_field)
    row_at, col_at = {r.id: i for i, r in enumerate(rows)}, {c.id: j for j, c in enumerate(cols)}
    grid = [[0] * len(cols) for _ in rows]
    for instrument in kb.records("instrument"):
        for r in kb.out(instrument, field_relation(row_field)):
            for c in kb.out(instrument, field_relation(col_field)):
                grid[row_at[r.id]][col_at[c.id]] += 1
    return tuple(tuple(line) for line in grid)


def _head(kb: KnowledgeBase, record: Record, path: str, short: bool = False, limit: int = 0) -> Head:
    """A header linking to ``record``; ``short``: a column header, so a short name (the full one as tooltip);
    ``limit``: the most characters of the full name (the whole name as tooltip)."""
    link = views.link_to(kb, record, path)
    label = svg.shorten(short_label(record), COLUMN_CHARS) if short else link.title
    label = svg.shorten(label, limit) if limit else label
    return Head(label, link.href, link.title if label != link.title else "")


def number_cell(n: int) -> Cell:
    return Cell(str(n))


# --- the map -------------------------------------------------------------------


def grid(kb: KnowledgeBase, row_field: str, col_field: str, path: str) -> Chart:
    """A heatmap of instruments per pair of values, with the same counts as a table."""
    rows, cols = values_of(kb, row_field), values_of(kb, col_field)
    values = counts(kb, row_field, col_field)
    heading = f"{plural(row_field)} × {plural(col_field).lower()}"
    ident = f"kb-kaart-{row_field}-{col_field}".replace("_", "-")
    hrefs = [[finder_href(path, (row_field, r), (col_field, c)) for c in cols] for r in rows]
    picture = svg.heatmap(ident, f"Aantal instrumenten per combinatie: {heading.lower()}",
                          [short_label(r, row_field) for r in rows], [short_label(c, col_field) for c in cols],
                          values, hrefs)
    table = Table(f"Aantal instrumenten: {heading.lower()}", plural(row_field),
                  tuple(_head(kb, c, path, short=True) for c in cols),
                  tuple(Row(_head(kb, r, path, limit=ROW_CHARS), tuple(number_cell(v) for v in line))
                        for r, line in zip(rows, values)))
    return Chart(heading, picture, table, lead=_lead_grid(rows, cols, values, row_field, col_field))


def _lead_grid(rows: tuple[Record, ...], cols: tuple[Record, ...], values: tuple[tuple[int, ...], ...],
               row_field: str, col_field: str) -> str:
    """One sentence of what a count grid shows: the pair with most instruments, and how many pairs have none."""
    cells = [(n, r, c) for r, line in zip(rows, values) for c, n in zip(cols, line)]
    if not cells or not max(n for n, _, _ in cells):
        return "Nog geen enkel instrument hoort bij een van deze combinaties."
    n, r, c = max(cells, key=lambda cell: cell[0])
    empty = sum(1 for value, _, _ in cells if value == 0)
    rest = f"; {empty} van de {len(cells)} combinaties hebben er geen" if empty else ""
    return (f"De meeste instrumenten zijn er voor {short_label(r, row_field)} bij {short_label(c, col_field)} "
            f"({n}){rest}.")


def matrix(kb: KnowledgeBase, field: str, path: str) -> Matrix:
    """Instruments (those with a value in ``field``, at most MAX_ROWS) against the values of ``field``."""
    rel, cols = field_relation(field), values_of(kb, field)
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
    foot = Row(Head("Aantal instrumenten"), tuple(number_cell(n) for n in totals))
    table = Table(heading, "Instrument", tuple(_head(kb, c, path, short=True) for c in cols), tuple(rows), foot,
                  "marks")
    picture = Markup("")
    if len(linked) <= PICTURE_ROWS:
        pages = [views.url(path, views.record_path("instrument", i.id)) for i in linked[:MAX_ROWS]]
        picture = _dots(field, heading, cols, rows, totals, pages, [finder_href(path, (field, c)) for c in cols])
    lead = lead_counts(list(zip(cols, totals)), field, "ingedeelde instrumenten")
    return Matrix(heading, table, len(linked), len(rows), editorial_count(kb, field), picture, lead)


def _dots(field: str, heading: str, cols: tuple[Record, ...], rows: list[Row], totals: list[int],
          pages: list[str], finders: list[str]) -> Markup:
    """The matrix's table as a dot matrix: a dot for ✓ (a link to the instrument), a ring for ✓*; each total a
    link to the finder on its column."""
    sign = {YES: svg.YES, EDITORIAL: svg.EDITORIAL}
    marks = [[sign.get(cell, svg.NO) for cell in row.cells] for row in rows]
    title = f"{heading}: een stip waar een instrument bij een {singular(field)} hoort"
    desc = (f"{len(rows)} instrumenten in rijen, {len(cols)} {plural(field).lower()} in kolommen; een open rondje "
            "is een indeling door de redactie. Dezelfde gegevens staan in de tabel onder de figuur.")
    return svg.dot_matrix(f"kb-matrix-{field}".replace("_", "-"), title, [r.head.label for r in rows],
                          [short_label(c, field) for c in cols], marks, totals, desc, pages, finders)


def chart(kb: KnowledgeBase, field: str, path: str) -> Chart:
    """A bar chart of instruments per value of ``field``, with the same counts as a table."""
    counted = count_by(kb, field)
    name = singular(field)
    picture = svg.bar_chart(f"kb-landschap-{field}".replace("_", "-"), f"Aantal instrumenten per {name}",
                            [(short_label(v, field), n) for v, n in counted],
                            hrefs=[finder_href(path, (field, v)) for v, _ in counted])
    rows = tuple(Row(_head(kb, v, path), (number_cell(n),)) for v, n in counted)
    table = Table(f"Aantal instrumenten per {name}", name.capitalize(), (Head("Instrumenten"),), rows)
    missing = without(kb, field)
    note = f"{missing} {instruments_word(missing)} zonder {name}." if missing else ""
    return Chart(f"Per {name}", picture, table, note, lead_counts(counted, field))


def instruments_word(n: int) -> str:
    return "instrument" if n == 1 else "instrumenten"
