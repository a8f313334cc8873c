"""Real `mkdocs build --strict` runs of the project: pages, two-way links, clashes, the previous site kept."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

import pytest

from generator.data.schema import RELATIONS
from generator.site import views

from .conftest import BuiltSite, run_cli
from .fixture_data import search_pages

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def built(built_site: BuiltSite) -> tuple[Path, Any]:
    """The real site (built once per session, see conftest.built_site) and its knowledge base."""
    return built_site.root, built_site.kb


def url_of(kind: str, rid: str) -> str:
    return views.record_path(kind, rid).partition("#")[0].removesuffix(".md") + "/"


def html_of(site: Path, kind: str, rid: str) -> tuple[str, str]:
    """The page's URL path and HTML."""
    url = url_of(kind, rid)
    return url, (site / url / "index.html").read_text(encoding="utf-8")


def points_to(page: tuple[str, str], kind: str, rid: str) -> bool:
    """Whether the page links to the record's page (hrefs resolved against the page URL)."""
    url, html = page
    target = url_of(kind, rid)
    return any(posixpath.normpath(posixpath.join(url, h.split("#")[0])) + "/" == target
               for h in re.findall(r'href="([^"]+)"', html) if "://" not in h)


def test_the_editorial_badge_stays_out_of_search_results(built: tuple[Path, Any]) -> None:
    site, _ = built
    headings = [a["text"] for p in search_pages(site).values() for a in p["anchors"]]
    assert not [h for h in headings if "redactioneel" in h]  # e.g. "Instrumenten (9)", not "Instrumenten (9) redactioneel"
    assert any(h.startswith("Instrumenten (") for h in headings)  # the badged sections are still there


def test_notes_on_the_source_and_web_addresses_stay_out_of_search_results(built: tuple[Path, Any]) -> None:
    """A search for a word finds the records about it, not every record whose notes or link addresses have it."""
    site, kb = built
    sections = {a["id"] for p in search_pages(site).values() for a in p["anchors"]}
    assert "over-de-bron" not in sections and not any(s.startswith("links") for s in sections)
    assert any(r.notes for r in kb.records("instrument")) and any(r.links for r in kb.records("instrument"))
    assert "beschrijving" in sections  # the other sections are still there


def test_every_record_has_a_page_with_its_source(built: tuple[Path, Any]) -> None:
    site, kb = built
    for kind, records in kb.by_kind.items():
        for record in records:
            page = html_of(site, kind, record.id)
            assert "kb-sources" in page[1], f"{kind}/{record.id} shows no source"
            assert all(points_to(page, "source", c.document) for c in record.cite
                       if (kind, c.document) != ("source", record.id))


def test_every_relation_is_a_link_in_both_directions(built: tuple[Path, Any]) -> None:
    site, kb = built
    pairs = 0
    for rel in RELATIONS:
        for record in kb.records(rel.from_kind):
            for target in kb.out(record, rel):
                pairs += 1
                assert points_to(html_of(site, rel.from_kind, record.id), rel.to_kind, target.id)
                assert points_to(html_of(site, rel.to_kind, target.id), rel.from_kind, record.id)
    assert pairs > 0


def test_home_offers_every_role_sector_and_purpose(built: tuple[Path, Any]) -> None:
    site, kb = built
    home = ("", (site / "index.html").read_text(encoding="utf-8"))
    assert '<html lang="nl"' in home[1]
    for kind in ("role", "sector", "purpose"):
        for record in kb.records(kind):
            assert points_to(home, kind, record.id)


def test_home_title_names_the_site_once_and_the_logo_has_no_english_alt_text(built: tuple[Path, Any]) -> None:
    site, _ = built
    home = (site / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>([^<]*)</title>", home)
    assert title and title.group(1).count("Kennisbank") == 1, title
    assert 'alt="logo"' not in home


def test_no_request_to_another_host_is_built_in(built: tuple[Path, Any]) -> None:
    site, _ = built
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for attr in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?:)?//', html):
            pytest.fail(f"{page} loads something from another host")


def test_a_page_clash_is_refused_and_nothing_is_overwritten(project_copy: Path) -> None:
    site = project_copy / "site"
    first = run_cli("build", "--config", str(project_copy / "mkdocs.yml"), "--site-dir", str(site))
    assert first.code == 0, first.err
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    clash = project_copy / "content" / "rollen" / "verbinder.md"
    clash.parent.mkdir(parents=True)
    clash.write_text("# Mijn eigen pagina\n", encoding="utf-8")
    second = run_cli("build", "--config", str(project_copy / "mkdocs.yml"), "--site-dir", str(site))
    assert second.code == 1
    assert "de vorige versie blijft staan" in second.err
    assert clash.read_text(encoding="utf-8") == "# Mijn eigen pagina\n"
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_broken_data_fails_the_build_and_keeps_the_previous_site(project_copy: Path) -> None:
    site = project_copy / "site"
    assert run_cli("build", "--config", str(project_copy / "mkdocs.yml"), "--site-dir", str(site)).code == 0
    marker = (site / "index.html").read_bytes()
    (project_copy / "data" / "contexts.yaml").write_text("roles: [\n", encoding="utf-8")
    result = run_cli("build", "--config", str(project_copy / "mkdocs.yml"), "--site-dir", str(site))
    assert result.code == 1
    assert (site / "index.html").read_bytes() == marker


def test_with_an_edit_address_a_record_page_links_to_its_own_data_file(project_copy: Path, tmp_path: Path) -> None:
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      data_dir: data\n" in text
    config.write_text(text.replace("      data_dir: data\n", "      data_dir: data\n"
                                   "      edit_base_url: https://example.org/bewerk/main/\n"), encoding="utf-8")
    site = tmp_path / "site"
    assert run_cli("build", "--config", str(config), "--site-dir", str(site)).code == 0
    instrument = (site / "instrumenten" / "toolwiel" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/bewerk/main/data/instruments.yaml"' in instrument
    role = (site / "rollen" / "verbinder" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/bewerk/main/data/contexts.yaml"' in role
