"""An institution's copy publishes only its scope: an mbo-only copy has no page, link, search entry or export of
anything outside mbo, and a scope that names an unknown id stops the build with `scope-unknown`.

Two mbo-only copies are checked: the example institution (the real upstream data plus its local instrument) and
the fixture data, whose po records are known, so the removal itself (with what depends on it) is pinned too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator.data import core
from generator.data.scope import Scope
from generator.site import export, views

from .conftest import ROOT, run_cli
from .fixture_data import fixture_data, search_pages
from .institution import SUBPATH, Copy, build_copy
from .test_links import Site, link_problems, reachable

pytestmark = pytest.mark.build

SITE_URL = f"https://example.org/{SUBPATH}/"
OTHER_SECTORS = ("po", "vo", "hbo", "wo")


def mbo_config(folder: Path, data: Path, scope: str = "{sectors: [mbo]}") -> Path:
    """A copy's configuration on top of the upstream one: ``data`` limited to ``scope``, under the sub-path."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'content'}\nsite_url: {SITE_URL}\n"
                      "plugins:\n  - kennisbank:\n"
                      f"      data_dir: {data}\n      scope: {scope}\n", encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture data: po and mbo records, some depending on others."""
    return fixture_data(tmp_path_factory.mktemp("fixture") / "data")


@pytest.fixture(scope="module")
def fixture_copy(tmp_path_factory: pytest.TempPathFactory, data: Path) -> Copy:
    project = tmp_path_factory.mktemp("mbo-copy")
    return build_copy(mbo_config(project, data), project / "www")


@pytest.fixture(params=["institution", "fixture_copy"])
def copy(request: pytest.FixtureRequest) -> Copy:
    value: Copy = request.getfixturevalue(request.param)
    return value


def page(copy: Copy, kind: str, rid: str) -> Path:
    return copy.site / views.record_path(kind, rid).partition("#")[0].removesuffix(".md") / "index.html"


def in_mbo(record: object) -> bool:
    sectors = getattr(record, "sectors", ())
    return not sectors or "mbo" in sectors


def test_only_the_mbo_sector_has_a_page(copy: Copy) -> None:
    published = {p.name for p in (copy.site / "sectoren").iterdir() if p.is_dir()}
    assert published == {"mbo"}
    for sector in copy.everything.records("sector"):
        assert page(copy, "sector", sector.id).exists() == (sector.id == "mbo"), sector.id
    assert {s.id for s in copy.everything.records("sector")} & set(OTHER_SECTORS)


def test_no_instrument_outside_mbo_is_published_or_exported(copy: Copy) -> None:
    inside = [r.id for r in copy.everything.records("instrument") if in_mbo(r)]
    outside = [r.id for r in copy.everything.records("instrument") if not in_mbo(r)]
    assert inside
    for rid in inside:
        assert page(copy, "instrument", rid).is_file(), rid
    for rid in outside:
        assert not page(copy, "instrument", rid).exists(), rid
    exported = json.loads((copy.site / export.INSTRUMENTS_JSON).read_text(encoding="utf-8"))
    assert [i["id"] for i in exported["instruments"]] == [r.id for r in copy.kb.records("instrument")]
    assert sorted(i["id"] for i in exported["instruments"]) == sorted(inside)
    assert all(in_mbo(r) for kind in ("programme", "profile", "trajectory", "example", "concept")
               for r in copy.kb.records(kind))


def test_the_po_records_and_what_depends_on_them_are_gone(fixture_copy: Copy) -> None:
    gone = {(kind, r.id) for kind, records in fixture_copy.everything.by_kind.items() for r in records} - {
        (kind, r.id) for kind, records in fixture_copy.kb.by_kind.items() for r in records}
    assert gone == {
        ("sector", "po"), ("instrument", "placemat-leiderschap"), ("trajectory", "traject-leidinggevenden"),
        ("example", "basisschool-de-linde"), ("profile", "leidinggevende"),
        # Their profile went, and they cannot stand without it:
        ("competence_area", "visie"), ("competency", "visie-ontwikkelen"), ("learning_goal", "leerdoel-1"),
    }
    for kind, rid in gone:
        assert not page(fixture_copy, kind, rid).exists(), (kind, rid)


def test_no_link_anywhere_leads_to_a_page_that_does_not_exist(copy: Copy) -> None:
    site = Site.read(copy.www)  # the server's root: links that leave the sub-path fail too
    assert not link_problems(site), "\n".join(link_problems(site))
    start = f"{SUBPATH}/index.html"
    pages = {f"{SUBPATH}/{views.record_path(k, r.id).partition('#')[0].removesuffix('.md')}/index.html"
             for k, records in copy.kb.by_kind.items() for r in records}
    assert not sorted(pages - reachable(site, start))
    assert not missing_targets(copy)


def missing_targets(copy: Copy) -> list[str]:
    """Addresses outside the HTML that name a page: search entries, sitemap, exports, JSON-LD."""
    missing = []
    for url in search_pages(copy.site):
        missing += [f"zoekindex: {url}"] if not exists(copy, url.lstrip("/")) else []
    for loc in re.findall(r"<loc>([^<]+)</loc>", (copy.site / "sitemap.xml").read_text(encoding="utf-8")):
        missing += [f"sitemap: {loc}"] if not exists(copy, loc) else []
    model = json.loads((copy.site / export.MODEL_JSON).read_text(encoding="utf-8"))
    for kind, records in model["records"].items():
        missing += [f"model.json: {r['url']}" for r in records if not exists(copy, r["url"])]
    for html in copy.site.rglob("*.html"):
        here = html.parent.relative_to(copy.site).as_posix() + "/"
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html.read_text("utf-8")):
            for url in re.findall(r'"url": "([^"]+)"', block):
                missing += [f"{here}: JSON-LD {url}"] if not exists(copy, urljoin(here, url)) else []
    return missing


def exists(copy: Copy, url: str) -> bool:
    """Whether an address (relative to the site root, or under the public URL) is a page or file of the copy."""
    path = urlsplit(url.removeprefix(SITE_URL)).path
    target = copy.site / path
    return (target / "index.html").is_file() if path.endswith("/") or not path else target.is_file()


def test_unknown_scope_ids_give_scope_unknown(tmp_path: Path, data: Path) -> None:
    config = mbo_config(tmp_path, data, "{sectors: [mbo, hbx], roles: [leraar, directeur]}")
    result = run_cli("build", "--config", str(config), "--site-dir", str(tmp_path / "site"))
    assert result.code == 1
    assert re.search(r"scope\.sectors: 'hbx' bestaat niet\..*\[scope-unknown\]", result.err)
    assert re.search(r"scope\.roles: 'directeur' bestaat niet\..*\[scope-unknown\]", result.err)
    assert not (tmp_path / "site").exists()
    problems = core.read([core.DataDir(data)], scope=Scope(sectors=("mbo", "hbx"), roles=("leraar",
                         "directeur"))).problems
    assert [(p.code, p.path) for p in problems] == [("scope-unknown", "scope.roles"),
                                                    ("scope-unknown", "scope.sectors")]


def test_a_near_miss_in_the_scope_is_named(data: Path) -> None:
    problems = core.read([core.DataDir(data)], scope=Scope(sectors=("mob",))).problems
    assert [(p.code, p.message, p.hint) for p in problems] == [
        ("scope-unknown", "'mob' bestaat niet.", "Bedoel je 'mbo'?")]
