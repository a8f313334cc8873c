"""The navigation a reader sees (issue #18): the "Kennis" tab in sections a reader recognises, the classifications
of instruments out of it but one page away, and every page outside it marking a tab that fits."""

from __future__ import annotations

import html
import re

import pytest

from generator.data.index import KnowledgeBase
from generator.site import pages, sections, views
from generator.site.base import NavNode

from .conftest import BuiltSite

CLASSIFICATION_KINDS = ("instrument_type", "form", "aim", "target_group", "level")  # Soorten ... Niveaus
KNOWLEDGE_KINDS = ("profile", "competence_area", "competency", "learning_goal", "leadership_theme", "subtheme",
                   "trajectory", "example", "concept")


def _paths(nodes: list[NavNode]) -> list[str]:
    return [p for n in nodes for p in ([n.path] if n.path else []) + _paths(n.children)]


def test_the_knowledge_tab_is_made_of_sections_that_name_what_is_in_them(real_kb: KnowledgeBase) -> None:
    knowledge = next(n for n in pages.navigation(real_kb) if n.title == "Kennis")
    titles = [n.title for n in knowledge.children]
    assert "Competenties en leerdoelen" in titles and "Trajecten en voorbeelden" in titles
    assert all(n.children for n in knowledge.children)  # sections, not a flat list of page kinds
    # Each kind it listed before is in exactly one section, after the section's own overview page.
    found = [p for section in knowledge.children for p in _paths(section.children[1:])]
    assert sorted(p for p in found if p in {views.index_path(k) for k in KNOWLEDGE_KINDS}) == \
        sorted(views.index_path(k) for k in KNOWLEDGE_KINDS)
    assert [s.children[0].path for s in knowledge.children] == [s.path for s in sections.KNOWLEDGE]
    assert views.index_path("learning_goal") in _paths(next(s for s in knowledge.children
                                                             if s.title == "Competenties en leerdoelen").children)
    assert views.index_path("trajectory") in _paths(next(s for s in knowledge.children
                                                          if s.title == "Trajecten en voorbeelden").children)


def test_the_classifications_leave_the_navigation_for_one_page_that_it_names(real_kb: KnowledgeBase) -> None:
    nav = _paths(pages.navigation(real_kb))
    assert [k for k in CLASSIFICATION_KINDS if views.index_path(k) in nav] == []
    assert sections.CLASSIFICATIONS.path in nav


def _page(site: BuiltSite, url: str) -> str:
    return (site.root / url / "index.html").read_text(encoding="utf-8")


def marked(site: BuiltSite, url: str) -> tuple[str, str]:
    """The tab marked as where the reader is, and the navigation's innermost marked item (or "")."""
    page = _page(site, url)
    tabs = page[page.index('<nav class="md-tabs"'):]
    tab = re.search(r'md-tabs__item--active">\s*<a [^>]*>(.*?)</a>', tabs, re.S)
    item = re.search(r'<li class="md-nav__item md-nav__item--active">.*?<span class="md-ellipsis">(.*?)</span>', page,
                     re.S)
    def words(found: re.Match[str] | None) -> str:
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split()) if found else ""
    return words(tab), words(item)


@pytest.mark.build
def test_the_classifications_pages_stay_reachable_and_mark_the_instruments_tab(built_site: BuiltSite) -> None:
    overview = _page(built_site, "indelingen")
    for kind in CLASSIFICATION_KINDS:
        folder = views.KIND_BY_NAME[kind].url_dir
        assert f'href="../{folder}/"' in overview, kind
        assert 'href="../indelingen/"' in _page(built_site, folder), kind  # and back
        first = built_site.kb.records(kind)[0]
        for url in (folder, f"{folder}/{first.id}"):
            assert marked(built_site, url) == ("Instrumenten", sections.CLASSIFICATIONS_NAV), url


@pytest.mark.build
def test_knowledge_pages_mark_the_knowledge_tab(built_site: BuiltSite) -> None:
    for section in sections.KNOWLEDGE:
        assert marked(built_site, section.path.removesuffix("/index.md"))[0] == "Kennis", section.title
        for kind in section.kinds:
            first = built_site.kb.records(kind)[0]
            folder = views.KIND_BY_NAME[kind].url_dir
            assert marked(built_site, f"{folder}/{first.id}") == ("Kennis", views.KIND_BY_NAME[kind].plural), kind
