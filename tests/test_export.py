"""Open data on every build: instruments.csv round-trips through a CSV reader with every field, instruments.json
validates against the published JSON Schema, model.json holds every record with its relations both ways, and
every instrument page carries schema.org JSON-LD that parses and names the page."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.data import core
from generator.data.index import KnowledgeBase
from generator.data.model import Instrument
from generator.data.schema import RELATIONS, editor_fields
from generator.site import export, jsonld, views

from .conftest import BuiltSite, run_cli
from .fixture_data import fixture_data
from .institution import Copy

# Text a spreadsheet or a CSV writer could trip over: separators, quotes, line breaks, a leading minus
# (a formula to Excel), accents and a euro sign.
AWKWARD = """\
instruments:
  - id: lastige-tekens
    title: 'Toolkit "Samen; beter" – deel 2, € 0'
    helps: "=SOM(A1:A3) is geen formule hier; 'aanhalingstekens' ook niet."
    description: |-
      - eerste punt; met puntkomma
      - tweede punt, met "quotes"

      Café, naïef en ë.
    sectors: [mbo, po]
    roles: [leraar, schoolleider]
    links:
      - url: https://www.voorbeeld.nl/a?b=1;c=2
        label: 'Link | met streep'
    notes:
      - kind: remark
        text: Een opmerking.
    cite:
      - document: impactanalyse
        section: "Bijlage 4; tabel 2"
        page: "3"
"""
SITE = {"name": "Testkennisbank", "url": "https://example.org/kennisbank/"}


@pytest.fixture(scope="module")
def dirs(tmp_path_factory: pytest.TempPathFactory) -> list[core.DataDir]:
    """The fixture data plus a local folder with one instrument full of awkward characters."""
    root = tmp_path_factory.mktemp("export")
    local = root / "lokaal"
    local.mkdir()
    (local / "instruments.yaml").write_text(AWKWARD, encoding="utf-8")
    return [core.DataDir(fixture_data(root / "data")), core.DataDir(local, label="ROC Voorbeeld")]


def read_kb(dirs: list[core.DataDir]) -> KnowledgeBase:
    result = core.read(dirs)
    assert result.kb is not None, [str(p) for p in result.problems]
    return result.kb


@pytest.fixture(scope="module")
def kb(dirs: list[core.DataDir]) -> KnowledgeBase:
    return read_kb(dirs)


def read_csv(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    assert data.startswith(b"\xef\xbb\xbf"), "geen byte order mark: Excel leest dan geen UTF-8"
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_the_csv_round_trips_with_every_field(kb: KnowledgeBase) -> None:
    header, rows = read_csv(export.instruments_csv(kb, SITE))
    fields = [f.name for f in editor_fields(Instrument)]
    # The reader's name (site/names.py) right beside the source's title (issue #18).
    assert header == fields[:2] + ["name"] + fields[2:] + ["url", "origin"] and fields[:2] == ["id", "title"]
    assert rows == export.csv_rows(kb, SITE)
    assert [row["id"] for row in rows] == [r.id for r in kb.records("instrument")]
    awkward = next(row for row in rows if row["id"] == "lastige-tekens")
    record = kb.get("instrument", "lastige-tekens")
    assert awkward["title"] == 'Toolkit "Samen; beter" – deel 2, € 0'
    assert all(row["name"] == views.display_title("instrument", kb.get("instrument", row["id"])) for row in rows)
    assert awkward["helps"] == "'" + record.helps  # a leading = would be a formula: kept as text
    assert awkward["description"] == "'" + record.description  # so would a leading -
    assert awkward["sectors"] == "mbo, po" and awkward["roles"] == "leraar, schoolleider"
    assert awkward["links"] == "https://www.voorbeeld.nl/a?b=1;c=2 | Link | met streep | "
    assert awkward["cite"] == "impactanalyse | Bijlage 4; tabel 2 | 3"
    assert awkward["notes"] == "remark | Een opmerking. | "
    assert awkward["url"] == "https://example.org/kennisbank/instrumenten/lastige-tekens/"
    assert awkward["origin"] == "ROC Voorbeeld"
    for row in rows:
        record = kb.get("instrument", row["id"])
        for f in editor_fields(Instrument):
            value = getattr(record, f.name)
            if isinstance(value, tuple) and value and isinstance(value[0], str):
                assert row[f.name].split(", ") == list(value), (row["id"], f.name)
            elif isinstance(value, str) and not value.startswith(export.CSV_FORMULA):
                assert row[f.name] == value, (row["id"], f.name)


def test_each_instrument_has_the_readers_name_beside_the_sources_title(real_kb: KnowledgeBase) -> None:
    """instruments.json, instruments.csv and model.json: ``name`` as the pages say it, ``title`` as the source does."""
    built = export.files(real_kb, SITE)
    listed = json.loads(built[export.INSTRUMENTS_JSON])["instruments"]
    model = json.loads(built[export.MODEL_JSON])["records"]["instrument"]
    _, rows = read_csv(built[export.INSTRUMENTS_CSV])
    for exported in (listed, model, rows):
        for item in exported:
            record = real_kb.get("instrument", item["id"])
            assert (item["title"], item["name"]) == (record.title, views.display_title("instrument", record))
    renamed = [i for i in listed if i["name"] != i["title"]]
    assert len(renamed) > 30  # "Publicatie Aandacht voor de docent: ..." is "Aandacht voor de docent: ..."
    assert list(listed[0])[1:3] == ["title", "name"]


def test_the_csv_has_one_line_per_instrument_when_no_cell_breaks_a_line(kb: KnowledgeBase) -> None:
    data = export.instruments_csv(kb, SITE).decode("utf-8-sig")
    assert data.endswith("\r\n")
    assert data.split("\r\n")[0].split(";")[:4] == ["id", "title", "name", "summary"]


def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(export.files(KnowledgeBase())[export.INSTRUMENTS_SCHEMA])
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_instruments_json_validates_against_the_published_schema(kb: KnowledgeBase) -> None:
    document = json.loads(export.files(kb, SITE)[export.INSTRUMENTS_JSON])
    validator().validate(document)
    assert document["count"] == len(kb.records("instrument")) == len(document["instruments"])
    for item, record in zip(document["instruments"], kb.records("instrument")):
        assert {k: v for k, v in item.items() if k not in ("url", "origin", "name")} == export.plain(record)
        assert item["url"] == f"https://example.org/kennisbank/instrumenten/{record.id}/"


@pytest.mark.parametrize("change", [
    lambda d: d["instruments"][0].update(colour="blauw"),
    lambda d: d["instruments"][0].pop("helps"),
    lambda d: d["instruments"][0].update(sectors="mbo"),
    lambda d: d["instruments"][0].update(type="Geen Id"),
    lambda d: d.pop("licence"),
])
def test_the_schema_refuses_what_the_export_never_holds(kb: KnowledgeBase, change: Any) -> None:
    document = json.loads(export.files(kb, SITE)[export.INSTRUMENTS_JSON])
    change(document)
    assert list(validator().iter_errors(document))


def test_model_json_holds_every_record_with_its_relations_both_ways(kb: KnowledgeBase) -> None:
    model = json.loads(export.files(kb, SITE)[export.MODEL_JSON])
    assert {k: [r["id"] for r in v] for k, v in model["records"].items()} == {
        kind: [r.id for r in records] for kind, records in kb.by_kind.items()}
    assert len(model["relations"]) == len(RELATIONS)
    pairs = 0
    for rel in RELATIONS:
        for record in kb.records(rel.from_kind):
            item = next(r for r in model["records"][rel.from_kind] if r["id"] == record.id)
            targets = [t.id for t in kb.out(record, rel)]
            value = item[rel.field]
            assert sorted(value if isinstance(value, list) else [value] if value else []) == sorted(targets)
            for target in targets:
                pairs += 1
                back = next(r for r in model["records"][rel.to_kind] if r["id"] == target)
                assert record.id in back["linked_from"][rel.key]
    assert pairs > 20
    source = next(r for r in model["records"]["source"] if r["id"] == "impactanalyse")
    assert {"kind": "instrument", "id": "lastige-tekens"} in source["cited_by"]


def test_the_exports_are_the_same_bytes_for_the_same_data(dirs: list[core.DataDir]) -> None:
    first = export.files(read_kb(dirs), SITE)
    assert export.files(read_kb(dirs), SITE) == first  # no build date, no order that depends on chance
    assert export.files(read_kb(dirs), {"name": "Andere naam"}) != first


def test_kennisbank_generate_writes_the_exports_beside_the_pages(tmp_path: Path) -> None:
    data = fixture_data(tmp_path / "data")
    assert run_cli("generate", "--data", str(data), "--out", str(tmp_path / "out")).code == 0
    kb = core.read([core.DataDir(data)]).kb
    assert kb is not None
    for path, content in export.files(kb).items():
        assert (tmp_path / "out" / path).read_bytes() == content
    assert (tmp_path / "out" / export.PAGE).is_file()


# --- in the built sites ----------------------------------------------------------------


def sites(built_site: BuiltSite, institution: Copy) -> list[tuple[Path, KnowledgeBase, dict[str, str]]]:
    return [(built_site.root, built_site.kb, {"name": "Kennisbank onderwijsinnovatie met ict", "url": ""}),
            (institution.site, institution.kb, {"name": "Kennisbank ict in het onderwijs van ROC Voorbeeld",
                                                "url": "https://example.org/kennisbank/"})]


def test_every_build_publishes_the_exports_and_links_them(built_site: BuiltSite, institution: Copy) -> None:
    for root, kb, site in sites(built_site, institution):
        for path, content in export.files(kb, site).items():
            assert (root / path).read_bytes() == content, (root, path)
        page = (root / "gegevens" / "index.html").read_text(encoding="utf-8")
        for path in (export.INSTRUMENTS_CSV, export.INSTRUMENTS_JSON, export.INSTRUMENTS_SCHEMA, export.MODEL_JSON):
            assert f'href="{posixpath.basename(path)}"' in page, path
        validator().validate(json.loads((root / export.INSTRUMENTS_JSON).read_bytes()))


def json_ld(html: str) -> list[Any]:
    return [json.loads(block) for block in
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)]


def test_every_instrument_page_has_json_ld_that_names_the_page(built_site: BuiltSite, institution: Copy) -> None:
    checked = 0
    for root, kb, _ in sites(built_site, institution):
        for record in kb.records("instrument"):
            url = views.page_url(views.record_path("instrument", record.id))
            [data] = json_ld((root / url / "index.html").read_text(encoding="utf-8"))
            assert data["@context"] == "https://schema.org" and data["@type"] == "LearningResource"
            # The page's name, and the source's title word for word beside it where they differ (issue #18).
            assert data["name"] == views.display_title("instrument", record) and data["inLanguage"] == "nl"
            assert data.get("alternateName", record.title) == record.title
            assert posixpath.normpath(posixpath.join(url, data["url"])) + "/" == url
            assert data["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
            # Editorial classifications are left out: JSON-LD cannot mark a value as the editors' choice.
            titles = {k: [] if f in record.editorial else [kb.get(k, i).title for i in getattr(record, f)]
                      for k, f in (("sector", "sectors"), ("theme", "themes"), ("programme", "programmes"))}
            if "links" in record.editorial:
                assert "sameAs" not in data
            if "roles" in record.editorial and "target_groups" in record.editorial:
                assert "audience" not in data
            assert sorted(data.get("educationalLevel", [])) == sorted(titles["sector"])
            assert sorted(data.get("keywords", [])) == sorted(titles["theme"])
            for part in data.get("isPartOf", []):
                target = posixpath.normpath(posixpath.join(url, part["url"]))
                assert (root / target / "index.html").is_file() and target.startswith("programmas/")
            assert sorted(p["name"] for p in data.get("isPartOf", [])) == sorted(titles["programme"])
            checked += 1
    assert checked >= 2


def test_json_ld_cannot_end_its_script_element() -> None:
    text = str(jsonld.script_json({"name": "</script><script>alert(1)</script><!-- & ]]>"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script><!-- & ]]>"}
