"""The data-coverage report: per kind, how many records, which fields are empty, what is flagged.

Used by ``kennisbank report`` and by the editors' page "Dekking van de gegevens".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from generator.data.index import KnowledgeBase
from generator.data.model import Record
from generator.data.schema import KINDS, Kind, editor_fields
from generator.site import views
from generator.site.base import Family, PageSpec, register

PATH = "bijdragen/dekking.md"
_SKIP = {"id", "title", "cite", "notes", "editorial"}


@dataclass(slots=True, frozen=True)
class FieldGap:
    field: str
    label: str
    empty: int


@dataclass(slots=True, frozen=True)
class Flag:
    record: Record
    kind: str  # gap | inconsistency | editorial | remark | editorial-field
    field: str
    text: str


@dataclass(slots=True)
class KindReport:
    kind: Kind
    count: int
    empty_fields: list[FieldGap] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


def _is_empty(value: Any) -> bool:
    return value in ("", (), 0, None)


def coverage(kb: KnowledgeBase) -> list[KindReport]:
    """One report per kind, in the registry's order."""
    reports = []
    for kind in KINDS:
        records = kb.records(kind.name)
        rep = KindReport(kind, len(records))
        for f in editor_fields(kind.cls):
            if f.name in _SKIP:
                continue
            empty = sum(1 for r in records if _is_empty(getattr(r, f.name)))
            if empty:
                rep.empty_fields.append(FieldGap(f.name, views.field_label(kind.cls, f.name), empty))
        for r in records:
            rep.flags.extend(Flag(r, n.kind, n.field, n.text) for n in r.notes)
            rep.flags.extend(Flag(r, "editorial-field", name, "") for name in r.editorial)
        reports.append(rep)
    return reports


def summary_counts(reports: list[KindReport]) -> dict[str, int]:
    totals = {"gap": 0, "inconsistency": 0, "editorial": 0, "remark": 0, "editorial-field": 0}
    for rep in reports:
        for flag in rep.flags:
            totals[flag.kind] += 1
    return totals


def format_text(reports: list[KindReport]) -> str:
    """A plain-text report for the terminal."""
    lines = ["Dekking van de gegevens", ""]
    for rep in reports:
        flags = summary_counts([rep])
        lines.append(f"{rep.kind.plural}: {rep.count} records; hiaten {flags['gap']}, tegenstrijdigheden "
                     f"{flags['inconsistency']}, redactionele velden {flags['editorial-field']}")
        for gap in rep.empty_fields:
            lines.append(f"  leeg: {gap.field} ({gap.empty} van {rep.count})")
        for flag in rep.flags:
            if flag.kind in ("gap", "inconsistency"):
                where = f".{flag.field}" if flag.field else ""
                lines.append(f"  {flag.kind}: {flag.record.id}{where} ({flag.record.at})")
    totals = summary_counts(reports)
    lines += ["", f"Totaal: {sum(r.count for r in reports)} records, {totals['gap']} hiaten, "
              f"{totals['inconsistency']} tegenstrijdigheden, {totals['editorial']} redactionele opmerkingen, "
              f"{totals['editorial-field']} redactionele velden."]
    return "\n".join(lines)


def pages(kb: KnowledgeBase, site: dict[str, Any]) -> list[PageSpec]:
    reports = coverage(kb)
    rows = []
    for rep in reports:
        # Each gap and contradiction is a finding to look into: one row each. Editorial choices are made per
        # field for whole lists of records: counted per field, so the page stays readable at 10,000 records.
        flags = [(views.link_to(kb, f.record, PATH), views.NOTE_LABELS[f.kind],
                  views.field_label(type(f.record), f.field)) for f in rep.flags if f.kind in ("gap", "inconsistency")]
        editorial = Counter(views.field_label(rep.kind.cls, f.field) for f in rep.flags if f.kind == "editorial-field")
        rows.append((rep, summary_counts([rep]), flags, sorted(editorial.items())))
    ctx = {"rows": rows, "totals": summary_counts(reports), "path": PATH,
           "total": sum(r.count for r in reports), "search_exclude": True}  # the editors' page: not for readers' searches
    return [PageSpec(PATH, "dekking.md.j2", "Dekking van de gegevens", ctx,
                     "Per soort gegeven: aantallen, lege velden, hiaten en redactionele keuzes.")]


register(Family("report", (PATH,), lambda kb, site, built: pages(kb, site), rank=30))
