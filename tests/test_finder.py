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

from generator.data import fit, text
from generator.data.index import KnowledgeBase, relation
from generator.data.model import Record
from generator.site import names
from generator.site import finder, finderwords, views

from .conftest import BuiltSite
from .fixture_data import search_pages

Selection = Mapping[str, set[str]]  # URL parameter -> chosen record ids


def values_of(kb: KnowledgeBase, instrument: Record, param: str) -> set[str]:
    """The ids an instrument has in one facet, read from the knowledge base."""
    spec = finderwords.spec(param)
    if spec.back:  # the records that name the instrument (a question's instruments), read from their own field
        return {r.id for r in kb.records(spec.back) if instrument.id in getattr(r, spec.field)}
    return {r.id for r in kb.out(instrument, relation("instrument", spec.field))}


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


def type_title(kb: KnowledgeBase, instrument: Record) -> str:
    kinds = kb.out(instrument, relation("instrument", "type"))
    return kinds[0].title if kinds else ""


def test_every_instrument_has_one_card_best_fit_first(real_kb: KnowledgeBase) -> None:
    view = finder.finder_view(real_kb)
    instruments = finder.ordered(real_kb)
    assert sorted(i.id for i in instruments) == sorted(i.id for i in real_kb.records("instrument"))
    keys = [fit.key(real_kb, i, fit.Context(), lambda r: "") for i in instruments]
    assert [k[:2] for k in keys] == sorted(k[:2] for k in keys), "meest passend eerst"
    assert [c.href for c in view.cards] == [f"{i.id}/" for i in instruments]
    assert view.total == len(instruments) and view.status == f"{len(instruments)} instrumenten gevonden"


def test_cards_carry_the_readers_name_without_the_sources_kind_in_front(real_kb: KnowledgeBase) -> None:
    for card, instrument in zip(finder.finder_view(real_kb).cards, finder.ordered(real_kb)):
        kind = type_title(real_kb, instrument)
        assert not card.title.lower().startswith(kind.lower() + " "), card.title
        assert card.title == names.reader_name(instrument), (card.title, instrument.title)  # as on its page
    stripped = [c for c, i in zip(finder.finder_view(real_kb).cards, finder.ordered(real_kb)) if c.title != i.title]
    assert stripped, "de echte gegevens hebben titels met 'Product' of 'Publicatie' ervoor"


def test_each_card_prints_helps_and_three_facts(real_kb: KnowledgeBase) -> None:
    for card, instrument in zip(finder.finder_view(real_kb).cards, finder.ordered(real_kb)):
        assert card.helps == text.escape(instrument.helps)  # type: ignore[attr-defined]
        expected = {}
        for field, legend in finder.CARD_FACTS:
            targets = real_kb.out(instrument, relation("instrument", field))
            if targets:
                expected[legend] = ", ".join(finderwords.card_label(field, t) for t in targets)
        assert {t.label: t.values for t in card.traits} == expected, instrument.id
        assert len(card.traits) <= 3


def test_bitsets_agree_with_the_data(real_kb: KnowledgeBase) -> None:
    view = finder.finder_view(real_kb)
    data = json.loads(str(view.data))
    instruments = finder.ordered(real_kb)
    assert data["size"] == len(instruments)
    assert data["page"] == finder.PAGE
    assert set(data["bits"]) == {f.param for f in view.facets}
    for facet in view.facets:
        assert set(data["bits"][facet.param]) == {v.id for v in facet.values}
        for value in facet.values:
            having = {i for i, r in enumerate(instruments) if value.id in values_of(real_kb, r, facet.param)}
            assert decode(data["bits"][facet.param][value.id], len(instruments)) == having, (facet.param, value.id)
    names = [view.cards[k].title.casefold() for k in data["az"]]
    assert sorted(data["az"]) == list(range(len(instruments))) and names == sorted(names)


def test_counts_without_filters_are_the_instruments_with_each_value(real_kb: KnowledgeBase) -> None:
    for facet in finder.finder_view(real_kb).facets:
        for value in facet.values:
            assert value.count == count_if_added(real_kb, {}, facet.param, value.id)
            assert value.count > 0 or finderwords.spec(facet.param).every
            assert value.shown == f"({value.count})"


def test_facets_offer_the_values_instruments_use_in_vocabulary_order(real_kb: KnowledgeBase) -> None:
    view = finder.finder_view(real_kb)
    assert [f.param for f in view.facets] == [s.param for s in finderwords.FACETS]  # every facet is used
    for facet in view.facets:
        spec = finderwords.spec(facet.param)
        vocabulary = real_kb.records(spec.back or relation("instrument", spec.field).to_kind)
        used = {v for i in real_kb.records("instrument") for v in values_of(real_kb, i, facet.param)}
        assert [v.id for v in facet.values] == [r.id for r in vocabulary if r.id in used or spec.every]
        assert [v.label for v in facet.values] == [finderwords.value_label(spec.field, r) for r in vocabulary
                                                   if r.id in used or spec.every]


def test_five_facets_first_the_rest_behind_meer_filters(real_kb: KnowledgeBase) -> None:
    view = finder.finder_view(real_kb)
    first = [f.param for f in view.facets if f.first]
    assert first == ["rol", "sector", "thema", "vorm", "niveau"]
    assert view.more and len(first) <= 5
    for facet in view.facets:
        assert facet.explain and facet.explain.endswith("."), facet.param


def test_no_facet_speaks_catalogue_jargon(real_kb: KnowledgeBase) -> None:
    view = finder.finder_view(real_kb)
    legends = [f.legend for f in view.facets]
    assert sum(legend.startswith("Doel") for legend in legends) <= 1, legends  # not Doel, Doelstelling, Doelgroep
    labels = {v.label for f in view.facets for v in f.values}
    for jargon in ("Activeren", "Uitvoerenden", "Synthese van informatie", "Los instrument", "Team"):
        assert jargon not in labels, jargon
    aims = next(f for f in view.facets if f.param == "doelstelling")
    assert not any("activer" in v.label.lower() for v in aims.values), "geen valse vriend van activerende didactiek"


def test_roles_carry_the_name_every_page_uses(real_kb: KnowledgeBase) -> None:
    roles = next(f for f in finder.finder_view(real_kb).facets if f.param == "rol")
    by_id = {r.id: r for r in real_kb.records("role")}
    assert [v.label for v in roles.values] == [views.display_title("role", by_id[v.id]) for v in roles.values]


def test_every_sector_is_offered_and_those_without_instruments_say_where_to_read_why(real_kb: KnowledgeBase) -> None:
    sectors = next(f for f in finder.finder_view(real_kb).facets if f.param == "sector")
    assert [v.id for v in sectors.values] == [s.id for s in real_kb.records("sector")]
    empty = [v.id for v in sectors.values if v.count == 0]
    assert empty, "in de echte gegevens hebben po en vo geen instrumenten"
    assert [link.url for link in sectors.none] == [f"../sectoren/{rid}/" for rid in empty]


def test_meest_passend_puts_something_to_work_with_first(real_kb: KnowledgeBase) -> None:
    ranked = finder.ordered(real_kb)
    levels = [fit.concreteness(real_kb, i) for i in ranked]
    assert levels[0] == 2 and levels[-1] == 0, "de gegevens hebben instrumenten om mee te werken en om te lezen"
    assert getattr(ranked[0], "verdict") == "praktisch", "wat de casestudies praktisch vonden, komt eerst"
    scores = [fit.base(real_kb, i) for i in ranked]
    assert scores == sorted(scores, reverse=True)
    for a, b in zip(ranked, ranked[1:]):
        if fit.base(real_kb, a) == fit.base(real_kb, b):
            assert names.reader_name(a).casefold() <= names.reader_name(b).casefold(), "bij gelijke score op naam"
    abstract = [i for i in ranked if getattr(i, "verdict") == "abstract"]
    assert abstract and all(ranked.index(i) > ranked.index(j) for i in abstract for j in ranked
                            if getattr(j, "verdict") == "" and fit.concreteness(real_kb, j) == fit.concreteness(real_kb, i))


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
    instruments = finder.ordered(kb)
    assert len(page.cards) == len(instruments)
    for card, shown, instrument in zip(page.cards, finder.finder_view(kb).cards, instruments):
        assert card["title"] == shown.title
        assert card["href"] == f"{instrument.id}/"
        assert (built_site.root / "instrumenten" / instrument.id / "index.html").is_file()
        helps = html.unescape(re.sub(r"<[^>]+>", "", text.escape(instrument.helps)))  # type: ignore[attr-defined]
        assert card["helps"] == helps
        expected = {legend: ", ".join(finderwords.card_label(field, t)
                                      for t in kb.out(instrument, relation("instrument", field)))
                    for field, legend in finder.CARD_FACTS if kb.out(instrument, relation("instrument", field))}
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
    locations = set(search_pages(built_site.root))
    assert "/instrumenten/" not in locations
    instrument = built_site.kb.records("instrument")[0]
    assert f"/instrumenten/{instrument.id}/" in locations  # each instrument is found on its own page


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
