"""The search index holds what a reader searches of each page, with compounds split by the site's own words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.adapters.pagefind import searchindex, searchwords

from .conftest import BuiltSite
from .fixture_data import index_in_bundles, search_pages

PAGE = """<html><head><meta name="kb-search-names" content="Hoger beroepsonderwijs
hbo"></head><body><nav>Menu Rollen</nav><article class="md-content__inner">
<h1 id="x">Titel</h1>
<nav class="kb-crumb" data-search-exclude><p><a href="../">Alle rollen</a></p></nav>
<p>Lopende tekst over docentprofessionalisering.</p>
<figure class="kb-figure"><svg><text>Visie en beleid</text><text>Implementatie</text></svg>
<div class="kb-table"><table><tr><td>Kaarttabel</td></tr></table></div></figure>
<div class="kb-links" data-search-exclude><ul><li><a href="a/">Linklijst</a></li></ul></div>
<h2 id="over-de-bron" data-search-exclude>Over de bron</h2>
<p>Notitie over de bron.</p>
<h3 id="sub">Deelkop in de bron</h3><p>Ook weg.</p>
<h2 id="daarna">Daarna</h2><p>Weer <svg><text>grafiektekst</text></svg>zichtbaar.</p>
<script>var geheim = 1;</script>
</article></body></html>"""


def test_a_page_keeps_its_article_without_charts_lists_navigation_and_excluded_sections() -> None:
    reduced = searchindex.reduce_page(PAGE)
    assert reduced is not None
    text = searchindex._text(reduced.body)
    assert reduced.title == "Titel" and reduced.names == ["Hoger beroepsonderwijs", "hbo"]
    for kept in ("Titel", "Lopende tekst", "Daarna", "Weer", "zichtbaar"):
        assert kept in text
    for gone in ("Menu", "Alle rollen", "Visie en beleid", "Kaarttabel", "Linklijst", "Over de bron", "Notitie",
                 "Deelkop", "Ook weg", "grafiektekst", "geheim"):
        assert gone not in text, gone


def test_a_page_marked_for_exclusion_or_without_an_article_is_not_indexed() -> None:
    assert searchindex.reduce_page(PAGE.replace("<head>", '<head><meta name="kb-search" content="exclude">')) is None
    assert searchindex.reduce_page("<html><body><h1>Geen artikel</h1></body></html>") is None


def test_compounds_are_split_by_the_sites_own_words() -> None:
    words = searchwords.vocabulary(["learning analytics en learninganalytics", "team niveau teamniveau",
                                    "docent professionalisering docentprofessionalisering beleid plan beleidsplan",
                                    "onderwijs"])
    splits = searchwords.compounds(words)
    assert splits["learninganalytics"] == ["learning", "analytics"]
    assert splits["teamniveau"] == ["team", "niveau"]
    assert splits["docentprofessionalisering"] == ["docent", "professionalisering"]
    assert splits["beleidsplan"] == ["beleids", "plan"]
    assert "onderwijs" not in splits  # no parts of four letters or more among the words
    assert searchwords.split_compounds("Over Docentprofessionalisering, team en docentprofessionalisering.",
                                       splits) == ["docent-professionalisering"]


def test_synonyms_join_a_pages_names() -> None:
    assert searchwords.with_synonyms(["Hoger beroepsonderwijs", "hbo"])[2:] == ["hogeschool", "hogescholen"]
    assert "teamniveau" in searchwords.with_synonyms(["Team"])
    assert searchwords.with_synonyms(["Leraar of docent"]) == ["Leraar of docent"]


def test_the_built_site_has_a_pagefind_index_without_chart_text_or_link_lists(built_site: BuiltSite) -> None:
    site = built_site.root
    assert (site / "pagefind" / "pagefind.js").is_file()
    pages = search_pages(site)
    assert "/instrumenten/" not in pages  # the finder: each instrument is found on its own page
    assert "/404.html" not in pages and "/" in pages
    # the sections of the "Kennis" tab are navigation; the classifications' overview lists their values
    assert "/leiderschap/" not in pages and "/competenties-en-leerdoelen/" not in pages and "/indelingen/" in pages
    kb = built_site.kb
    role = kb.records("role")[0]
    role_page = pages[f"/rollen/{role.id}/"]
    assert role_page["meta"]["title"] == role.title  # type: ignore[index]
    assert "Over de bron" not in str(role_page["content"])
    assert "Visie en beleidImplementatie" not in str(pages["/samenhang/"]["content"])
    # a role page's link list names instruments; their names are not the role page's text
    for instrument in kb.records("instrument"):
        assert instrument.title not in str(role_page["content"]), instrument.title


def test_a_large_site_is_indexed_in_bundles_that_together_hold_every_page_once(built_site: BuiltSite,
                                                                               tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    whole = search_pages(built_site.root)
    assert json.loads((built_site.root / "pagefind" / searchindex.BUNDLES).read_text()) == []  # the real site: one
    site = tmp_path / "site"
    stats = index_in_bundles(built_site.root, site, 3, monkeypatch)
    assert json.loads((site / "pagefind" / searchindex.BUNDLES).read_text()) == ["deel-2/", "deel-3/"]
    parts = [search_pages(site, bundle) for bundle in ("", "deel-2/", "deel-3/")]
    assert all(parts) and sum(len(p) for p in parts) == len(whole) == stats.pages
    assert set().union(*parts) == set(whole)
    assert all(searchindex.bundle_of(url, 3) == b for b, part in enumerate(parts) for url in part)
    # the merged bundles are read with the first one's script and WebAssembly: no copies of them
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not [f.name for f in (site / "pagefind" / "deel-2").iterdir() if f.suffix in (".js", ".css", ".pagefind")]


def test_page_furniture_on_every_instrument_page_is_not_indexed(built_site: BuiltSite) -> None:
    """Lines every instrument page has (share links, the legend of the editors' marks, the labels of its traits)
    would make every instrument a result for 'ervaring', 'redactie' or 'sector'."""
    pages = search_pages(built_site.root)
    instruments = [p for url, p in pages.items() if url.startswith("/instrumenten/") and url != "/instrumenten/"]
    assert instruments
    for page in instruments:
        content = str(page["content"])
        for furniture in ("Deel je ervaring", "Stel een instrument voor", "Keuze van de redactie, niet letterlijk",
                          "zeggen de bronnen nog niets", "Doelgroep", "Niveau"):
            assert furniture not in content, (page["url"], furniture)
