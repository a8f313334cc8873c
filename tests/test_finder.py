"""The instrument finder: its prepared view against the real data, and the built page as it is without JavaScript.

Expected matches and counts are computed here straight from the knowledge base's relations
(``matches``), never from the bitsets under test; the browser tests (tests/browser/test_finder.py)
use the same helpers.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import finder, text, views
from generator.index import KnowledgeBase, relation
from generator.model import Record

from .conftest import BuiltSite

Selection = Mapping[str, set[str]]  # URL parameter -> chosen record ids


def values_of(kb: KnowledgeBase, instrument: Record, param: str) -> set[str]:
    """The ids an instrument has in one facet, read from the knowledge base."""
    field = next(f for p, f, _ in finder.FACETS if p == param)
    return {r.id for r in kb.out(instrument, relation("instrument", field))}


def matches(kb: KnowledgeBase, selection: Selection) -> list[Record]:
    """The instruments a selection finds: one chosen value per facet suffices, every facet with a choice must match."""
    return [i for i in kb.records("instrument")
            if all(values_of(kb, i, param) & chosen for param, chosen in selection.items() if chosen)]


def count_if_added(kb: KnowledgeBase, selection: Selection, param: str, value: str) -> int:
    """The count beside a value: the matches if it were chosen too, given the other facets' choices."""
    others = {p: chosen for p, chosen in selection.items() if p != param}
    return len(matches(kb, {**others, param: {value}}))


def decode(bits: str, size: int) -> set[int]:
    raw = base64.b64decode(bits)
    assert len(raw) % 4 == 0, "a bitset is whole 32-bit words"
    assert len(raw) * 8 < size + 32, "no more words than the instruments need"
    return {i for i in range(len(raw) * 8) if raw[i >> 3] >> (i & 7) & 1}


# --- the view ------------------------------------------------------------------------------------


def test_every_instrument_has_one_card_in_the_order_of_the_data(real_kb: KnowledgeBase) -> None:
    view = finder.finder_view(real_kb)
    instruments = real_kb.records("instrument")
    assert [c.title for c in view.cards] == [i.title for i in instruments]
    assert [c.href for c in view.cards] == [f"{i.id}/" for i in instruments]
    assert view.total == len(instruments) and view.status == f"{len(instruments)} instrumenten gevonden"


def test_each_card_prints_helps_and_every_characteristic(real_kb: KnowledgeBase) -> None:
    for card, instrument in zip(finder.finder_view(real_kb).cards, real_kb.records("instrument")):
        assert card.helps == text.render_inline(instrument.helps)  # type: ignore[attr-defined]
        expected = {}
        for _, field, legend in finder.FACETS:
            targets = real_kb.out(instrument, relation("instrument", field))
            if targets:
                expected[legend] = ", ".join(views.short(t) for t in targets)
        assert {t.label: t.values for t in card.traits} == expected, instrument.id


def test_bitsets_agree_with_the_data(real_kb: KnowledgeBase) -> None:
    view = finder.finder_view(real_kb)
    data = json.loads(str(view.data))
    instruments = real_kb.records("instrument")
    assert data["size"] == len(instruments)
    assert data["page"] == finder.PAGE
    assert set(data["bits"]) == {f.param for f in view.facets}
    for facet in view.facets:
        assert set(data["bits"][facet.param]) == {v.id for v in facet.values}
        for value in facet.values:
            having = {i for i, r in enumerate(instruments) if value.id in values_of(real_kb, r, facet.param)}
            assert decode(data["bits"][facet.param][value.id], len(instruments)) == having, (facet.param, value.id)


def test_counts_without_filters_are_the_instruments_with_each_value(real_kb: KnowledgeBase) -> None:
    for facet in finder.finder_view(real_kb).facets:
        for value in facet.values:
            assert value.count == count_if_added(real_kb, {}, facet.param, value.id) > 0
            assert value.shown == f"({value.count})"


def test_facets_offer_the_values_instruments_use_in_vocabulary_order(real_kb: KnowledgeBase) -> None:
    view = finder.finder_view(real_kb)
    assert [f.param for f in view.facets] == [p for p, _, _ in finder.FACETS]  # every facet is used by the data
    for facet in view.facets:
        field = next(f for p, f, _ in finder.FACETS if p == facet.param)
        vocabulary = real_kb.records(relation("instrument", field).to_kind)
        used = {v for i in real_kb.records("instrument") for v in values_of(real_kb, i, facet.param)}
        assert [v.id for v in facet.values] == [r.id for r in vocabulary if r.id in used]
        assert [v.label for v in facet.values] == [views.short(r) for r in vocabulary if r.id in used]


def test_the_data_cannot_end_its_script_element() -> None:
    assert "<" not in str(finder.jsonld.script_json({"size": 1, "bits": {"x": {"</script>": "A"}}}))


@pytest.mark.parametrize(("n", "said"), [(0, "Geen instrumenten gevonden"), (1, "1 instrument gevonden"),
                                         (2, "2 instrumenten gevonden"), (10_000, "10.000 instrumenten gevonden")])
def test_the_live_region_says_the_count_in_dutch(n: int, said: str) -> None:
    assert finder.status(n) == said


def test_a_filtered_link_from_a_context_page(real_kb: KnowledgeBase) -> None:
    role = real_kb.records("role")[0]
    link = finder.context_link("role", role, views.record_path("role", role.id))
    assert link.href == f"../instrumenten/index.md?rol={role.id}"
    assert link.title == "Alle instrumenten voor deze rol in de instrumentenvinder"
    purpose = real_kb.records("purpose")[0]
    assert finder.context_link("purpose", purpose, "doelen/x.md").href.endswith(f"?doel={purpose.id}")


# --- the built page, as it is without JavaScript ------------------------------------------------------


class FinderPage(HTMLParser):
    """The cards of the built finder page (helps, link, characteristics) and the filter form's attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cards: list[dict[str, object]] = []
        self.form: dict[str, str] = {}
        self.more: dict[str, str] = {}  # the box with "Toon meer"
        self.scripts: list[str] = []
        self._card_depth = 0  # inside a card: 1 + the <div>s open within it
        self._part = ""
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        css = a.get("class", "")
        if tag == "form" and "kb-finder-facets" in css:
            self.form = a
        if a.get("id") == "kb-finder-more":
            self.more = a
        if tag == "script" and "src" in a:
            self.scripts.append(a["src"])
        if tag == "div" and css == "kb-card":
            self.cards.append({"traits": {}})
            self._card_depth = 1
        elif tag == "div" and self._card_depth:
            self._card_depth += 1
        elif self._card_depth and (css == "kb-card-helps" or tag in ("a", "dt", "dd")):
            self._part, self._text = tag if tag != "p" else "helps", []
            if tag == "a":
                self.cards[-1]["href"] = a["href"]

    def handle_data(self, data: str) -> None:
        if self._part:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._card_depth:
            self._card_depth -= 1
        if not self._part or tag != ("p" if self._part == "helps" else self._part):
            return
        value, card = "".join(self._text).strip(), self.cards[-1]
        if self._part == "dt":
            card["dt"] = value
        elif self._part == "dd":
            card["traits"][card.pop("dt")] = value  # type: ignore[index]
        else:
            card["title" if self._part == "a" else "helps"] = value
        self._part = ""


def read_finder(site: Path) -> FinderPage:
    page = FinderPage()
    page.feed((site / "instrumenten" / "index.html").read_text(encoding="utf-8"))
    return page


@pytest.mark.build
def test_the_built_page_lists_every_instrument_with_its_characteristics(built_site: BuiltSite) -> None:
    page = read_finder(built_site.root)
    kb = built_site.kb
    instruments = kb.records("instrument")
    assert len(page.cards) == len(instruments)
    for card, instrument in zip(page.cards, instruments):
        assert card["title"] == instrument.title
        assert card["href"] == f"{instrument.id}/"
        assert (built_site.root / "instrumenten" / instrument.id / "index.html").is_file()
        helps = html.unescape(re.sub(r"<[^>]+>", "", text.render_inline(instrument.helps)))  # type: ignore[attr-defined]
        assert card["helps"] == helps
        expected = {legend: ", ".join(views.short(t) for t in kb.out(instrument, relation("instrument", field)))
                    for _, field, legend in finder.FACETS if kb.out(instrument, relation("instrument", field))}
        assert card["traits"] == expected, instrument.id


@pytest.mark.build
def test_the_filters_wait_for_the_script_which_the_site_serves(built_site: BuiltSite) -> None:
    page = read_finder(built_site.root)
    assert "hidden" in page.form, "zonder JavaScript hoort het filterformulier verborgen te zijn"
    assert "hidden" in page.more, "zonder JavaScript staat elk instrument in de lijst: geen 'Toon meer'"
    finder_scripts = [s for s in page.scripts if s.endswith("finder.js")]
    assert finder_scripts == ["../assets/kennisbank/finder.js"]
    assert (built_site.root / "assets" / "kennisbank" / "finder.js").is_file()
    others = (built_site.root / "index.html").read_text(encoding="utf-8")
    assert "finder.js" not in others, "alleen de vinderpagina laadt het script"


@pytest.mark.build
def test_the_finder_stays_out_of_the_search_index(built_site: BuiltSite) -> None:
    index = json.loads((built_site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "instrumenten/" not in locations
    instrument = built_site.kb.records("instrument")[0]
    assert f"instrumenten/{instrument.id}/" in locations  # each instrument is found on its own page


@pytest.mark.build
def test_role_sector_and_purpose_pages_link_to_the_filtered_finder(built_site: BuiltSite) -> None:
    for kind, param in (("role", "rol"), ("sector", "sector"), ("purpose", "doel")):
        for record in built_site.kb.records(kind):
            html = (built_site.root / views.record_path(kind, record.id).removesuffix(".md") / "index.html"
                    ).read_text(encoding="utf-8")
            if matches(built_site.kb, {param: {record.id}}):
                assert f'href="../../instrumenten/?{param}={record.id}"' in html, (kind, record.id)
            else:  # the finder would not know the value and show everything: no link
                assert "instrumenten/?" not in html, (kind, record.id)
