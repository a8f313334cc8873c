"""Open data on every build: the instruments as JSON and CSV, the JSON Schema of that JSON, the whole model as JSON.

Pure: bytes from the knowledge base. The plugin adds them to the site (``gegevens/``),
``kennisbank generate`` writes them beside the Markdown, and the generated page
"Gegevens hergebruiken" links and describes them.

Choices, documented on that page: UTF-8 everywhere; the CSV starts with a byte order
mark and separates columns with a semicolon, so Excel with Dutch settings opens it
straight into columns (LibreOffice and Google Sheets detect both); records are in
the site's order; no build date, so an unchanged knowledge base gives the same bytes.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin

from generator.data.index import KnowledgeBase
from generator.data.model import Instrument, Record
from generator.data.schema import ID_PATTERN, KINDS, RELATIONS, RELATIONS_FROM, RELATIONS_TO, editor_fields, object_schema
from generator.site import jsonld, views
from generator.site.base import Family, PageSpec, register

DIR = "gegevens"
PAGE = "gegevens.md"  # not gegevens/index.md: the theme would make that the index of the "Over" section
INSTRUMENTS_JSON = f"{DIR}/instruments.json"
INSTRUMENTS_CSV = f"{DIR}/instruments.csv"
INSTRUMENTS_SCHEMA = f"{DIR}/instruments.schema.json"
MODEL_JSON = f"{DIR}/model.json"
DEFAULT_NAME = "Kennisbank onderwijsinnovatie met ict"

CSV_DELIMITER = ";"
CSV_IDS = ", "  # between ids in one cell (ids never hold a comma or a space)
CSV_PARTS = " | "  # between the parts of one link, citation or note
CSV_ITEMS = "\n"  # between links, citations or notes in one cell
CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run a cell starting with these
EXTRA_COLUMNS = ("url", "origin")


def files(kb: KnowledgeBase, site: Mapping[str, Any] | None = None) -> dict[str, bytes]:
    """Every export file: path below the site root → content (made once per build: ``base.Plan.exports``)."""
    site = site or {}
    data = RecordData(site)  # each record's data made once for all three files
    return {
        INSTRUMENTS_JSON: _json(instruments_document(kb, site, data)),
        INSTRUMENTS_CSV: instruments_csv(kb, site, data),
        INSTRUMENTS_SCHEMA: _json(instruments_schema()),
        MODEL_JSON: _json(model_document(kb, site, data)),
    }


def _json(data: Any) -> bytes:
    # Without indent: the json module's C encoder. With indent=2 it falls back to Python, and the
    # files of 10,000 instruments took longer than all their pages' Markdown (bench/stages.py).
    return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")


def plain(value: Any) -> Any:
    """A record or a part of one as JSON values: every editor field, lists for tuples."""
    cls = type(value)
    if cls is str:  # most values: asked first (2.5 million calls for the exports of 10,000 instruments)
        return value
    if cls is tuple:
        return [item if type(item) is str else plain(item) for item in value]
    names = _field_names(cls)
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    return value


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The editor fields of a dataclass, None for any other type; asked for every value, so kept per type."""
    try:
        return _FIELD_NAMES[cls]
    except KeyError:
        names = tuple(f.name for f in editor_fields(cls)) if dataclasses.is_dataclass(cls) else None
        _FIELD_NAMES[cls] = names
        return names


def record_url(kind: str, rid: str, site: Mapping[str, Any]) -> str:
    """The address of a record's page: absolute under the public URL when it is set, else from the site root."""
    page, hash_, anchor = views.record_path(kind, rid).partition("#")  # a glossary entry: an anchor on one page
    path = views.page_url(page) + hash_ + anchor
    base = str(site.get("url") or "")
    return urljoin(base.rstrip("/") + "/", path) if base else path


def record_data(kind: str, record: Record, site: Mapping[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = plain(record)
    if kind == "instrument":  # the reader's name beside the source's title (issue #18)
        data = _after_title(data, NAME, views.display_title(kind, record))
    data["url"] = record_url(kind, record.id, site)
    data["origin"] = record.origin
    return data


# An instrument's name as the pages show it (site/names.py), beside ``title``, the source's title word for word.
NAME = "name"
NAME_SCHEMA = {"type": "string", "description": "Naam zoals de pagina's het instrument noemen: de titel zonder het "
               "voorvoegsel van de bron (Product, Publicatie, Project, ...) en met herstelde woorden; 'title' is de "
               "titel precies zoals in de bron"}


def _after_title(values: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """``values`` with ``key`` right after its title (a CSV reader sees the two side by side)."""
    out: dict[str, Any] = {}
    for k, v in values.items():
        out[k] = v
        if k == "title":
            out[key] = value
    return out


class RecordData:
    """:func:`record_data` of each record, made on first use: the export files share it (not to be changed)."""

    def __init__(self, site: Mapping[str, Any]) -> None:
        self.site = site
        self.made: dict[tuple[str, str], dict[str, Any]] = {}

    def of(self, kind: str, record: Record) -> dict[str, Any]:
        key = (kind, record.id)
        data = self.made.get(key)
        if data is None:
            data = self.made[key] = record_data(kind, record, self.site)
        return data


# --- instruments.json and its schema ------------------------------------------------


def instruments_document(kb: KnowledgeBase, site: Mapping[str, Any], data: RecordData | None = None
                         ) -> dict[str, Any]:
    data = data or RecordData(site)
    instruments = [data.of("instrument", r) for r in kb.records("instrument")]
    return {"$schema": "instruments.schema.json", **_about(site), "count": len(instruments),
            "instruments": instruments}


def _about(site: Mapping[str, Any]) -> dict[str, str]:
    return {"title": str(site.get("name") or DEFAULT_NAME), "site": str(site.get("url") or ""),
            "licence": jsonld.CONTENT_LICENCE, "licence_url": jsonld.CONTENT_LICENCE_URL}


def instruments_schema() -> dict[str, Any]:
    """The JSON Schema of instruments.json: every field of an instrument is always present."""
    item = object_schema(Instrument)
    item["properties"] = _after_title(item["properties"], NAME, NAME_SCHEMA)
    for rel in RELATIONS_FROM["instrument"]:
        if not rel.many:  # an unset single reference is exported as ""
            item["properties"][rel.field]["pattern"] = f"^$|{ID_PATTERN}"
    item["properties"]["url"] = {"type": "string", "format": "uri-reference",
                                 "description": "Adres van de pagina van het instrument: volledig als de site een "
                                 "publiek adres (site_url) heeft, anders vanaf de hoofdmap van de site"}
    item["properties"]["origin"] = {"type": "string", "description": "Herkomst: 'Kennisbank' of de naam van de "
                                    "instelling die het instrument heeft toegevoegd"}
    item["required"] = list(item["properties"])
    text = {"type": "string"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "instruments.schema.json",
        "title": "Instrumenten uit de Kennisbank onderwijsinnovatie met ict",
        "type": "object",
        "properties": {"$schema": text, "title": text, "site": text, "licence": text, "licence_url": text,
                       "count": {"type": "integer", "minimum": 0}, "instruments": {"type": "array", "items": item}},
        "required": ["title", "site", "licence", "licence_url", "count", "instruments"],
        "additionalProperties": False,
    }


# --- instruments.csv ---------------------------------------------------------------


def csv_columns() -> list[str]:
    fields = [f.name for f in editor_fields(Instrument)]
    at = fields.index("title") + 1
    return fields[:at] + [NAME] + fields[at:] + list(EXTRA_COLUMNS)


def csv_rows(kb: KnowledgeBase, site: Mapping[str, Any], data: RecordData | None = None) -> list[dict[str, str]]:
    """One row per instrument, every cell text (what a CSV reader gives back)."""
    data = data or RecordData(site)
    columns = csv_columns()
    rows = []
    for record in kb.records("instrument"):
        values = data.of("instrument", record)
        rows.append({column: csv_cell(values[column]) for column in columns})
    return rows


def csv_cell(value: Any) -> str:
    """One cell: ids joined by ', ', links, citations and notes one a line, parts split by ' | '."""
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            cell = CSV_ITEMS.join(CSV_PARTS.join(str(part) for part in item.values()) for item in value)
        else:
            cell = CSV_IDS.join(str(item) for item in value)
    else:
        cell = str(value)
    return "'" + cell if cell.startswith(CSV_FORMULA) else cell


def instruments_csv(kb: KnowledgeBase, site: Mapping[str, Any] | None = None, data: RecordData | None = None
                    ) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=csv_columns(), delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_rows(kb, site or {}, data))
    return out.getvalue().encode("utf-8-sig")


# --- model.json ---------------------------------------------------------------------


def model_document(kb: KnowledgeBase, site: Mapping[str, Any], data: RecordData | None = None) -> dict[str, Any]:
    """Every record of every kind, with its relations both ways, and the registries that explain them."""
    data = data or RecordData(site)
    return {
        **_about(site),
        "kinds": [{"name": k.name, "collection": k.collection, "singular": k.singular, "plural": k.plural,
                   "count": len(kb.records(k.name))} for k in KINDS],
        "relations": [{"key": r.key, "from": r.from_kind, "field": r.field, "to": r.to_kind, "label": r.label,
                       "back": r.back, "many": r.many} for r in RELATIONS],
        "records": {k.name: [_model_record(kb, k.name, r, data) for r in kb.records(k.name)] for k in KINDS},
    }


def _model_record(kb: KnowledgeBase, kind: str, record: Record, records: RecordData) -> dict[str, Any]:
    data = dict(records.of(kind, record))  # a copy: the shared data stays as the other files have it
    back = {rel.key: [r.id for r in kb.back(record, rel)] for rel in RELATIONS_TO[kind]}
    data["linked_from"] = {key: ids for key, ids in back.items() if ids}
    if kind == "source":
        data["cited_by"] = [{"kind": kb.kind(r), "id": r.id} for r in kb.cited_by.get(record.id, ())]
    return data


# --- the page "Gegevens hergebruiken" ------------------------------------------------

FILES: tuple[tuple[str, str, str], ...] = (
    (INSTRUMENTS_CSV, "Instrumenten als spreadsheet (CSV)",
     "Eén regel per instrument, één kolom per kenmerk. Opent direct in Excel, LibreOffice en Google Sheets."),
    (INSTRUMENTS_JSON, "Instrumenten als JSON",
     "Dezelfde gegevens als de spreadsheet, met lijsten als lijsten: voor wie er zelf software mee maakt."),
    (INSTRUMENTS_SCHEMA, "JSON Schema van instruments.json",
     "Beschrijft elk veld van instruments.json; elke versie van dat bestand voldoet eraan."),
    (MODEL_JSON, "Het hele model als JSON",
     "Alle gegevens van alle soorten (instrumenten, profielen, leerdoelen, trajecten, bronnen, ...) met hun "
     "relaties in beide richtingen."),
)


def size_label(size: int) -> str:
    """A file size in Dutch notation: ``532 bytes``, ``12,4 kB``, ``1,2 MB``."""
    if size < 1000:
        return f"{size} bytes"
    value, unit = (size / 1000, "kB") if size < 1_000_000 else (size / 1_000_000, "MB")
    return f"{value:.1f} {unit}".replace(".", ",")


def pages(kb: KnowledgeBase, site: dict[str, Any], built: Mapping[str, bytes] | None = None) -> list[PageSpec]:
    built = files(kb, site) if built is None else built
    downloads = [(views.link(title, PAGE, path), about, size_label(len(built[path])))
                 for path, title, about in FILES]
    fields = instruments_schema()["properties"]["instruments"]["items"]["properties"]
    columns = [(name, fields[name].get("description", "")) for name in csv_columns()]
    ctx = {"downloads": downloads, "columns": columns, "count": len(kb.records("instrument")),
           "total": sum(len(v) for v in kb.by_kind.values()), "licence": jsonld.CONTENT_LICENCE,
           "licence_url": jsonld.CONTENT_LICENCE_URL, "path": PAGE}
    return [PageSpec(PAGE, "gegevens.md.j2", "Gegevens hergebruiken", ctx,
                     "Alle gegevens van deze kennisbank als CSV en JSON, met een JSON Schema, om zelf te gebruiken.")]


# The downloads page shows the sizes of the files, when they are already made.
register(Family("export", (PAGE,), lambda kb, site, built: pages(kb, site, built=built), rank=50))
