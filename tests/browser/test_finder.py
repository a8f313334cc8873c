"""The instrument finder in Chromium: filtering by keyboard and by click, the URL that keeps the choices, the
counts and the live region, "Wis filters", "Toon meer" with many instruments, a phone, and the page without
JavaScript.

Every expected list and count is computed from the knowledge base (tests/test_finder.py: ``matches``,
``count_if_added``), never written down as a number.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from bench import synth
from bench.browser import static_server
from generator.data import core, fit, questions
from generator.data.index import KnowledgeBase, relation
from generator.site import finder

from ..conftest import BuiltSite, run_cli
from ..test_finder import Selection, count_if_added, matches
from ..test_fit import finder_order, guide_order
from .fixtures import DESKTOP, PHONE, screenshot
from .test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

FINDER = "instrumenten/"
STATE = """() => ({
  // finder.js keeps only the cards it shows in the list
  shown: [...document.querySelectorAll('#kb-finder-list .kb-card')].filter(card => card.checkVisibility())
           .map(card => card.querySelector('h2 a').textContent),
  cards: document.querySelectorAll('#kb-finder-list .kb-card').length,
  more: document.getElementById('kb-finder-more').checkVisibility()
          && document.querySelector('.kb-finder-shown').textContent,
  status: document.querySelector('.md-content [role=status]').textContent,
  values: [...document.querySelectorAll('.md-content input[type=checkbox]')].map(box => ({
    param: box.name, id: box.value, checked: box.checked,
    count: box.labels[0].querySelector('.kb-facet-count').textContent,
    zero: box.labels[0].classList.contains('kb-zero'),
    visible: box.checkVisibility()})),
})"""


def state(page: Page) -> dict[str, Any]:
    """What the page shows."""
    result: dict[str, Any] = page.evaluate(STATE)
    return result


def box(page: Page, param: str, value: str) -> Any:
    return page.locator(f'.md-content input[type=checkbox][name="{param}"][value="{value}"]')


def names(kb: KnowledgeBase, instruments: list[Any] | tuple[Any, ...]) -> list[str]:
    """The cards' names of ``instruments``, in the finder's order ("Meest passend")."""
    wanted = {i.id for i in instruments}
    view = finder.finder_view(kb)
    return [card.title for card, i in zip(view.cards, finder.ordered(kb)) if i.id in wanted]


def in_order(kb: KnowledgeBase, selection: Selection, among: list[Any] | None = None) -> list[str]:
    """The cards' names of what ``selection`` finds (only those ``among``, if given), in the "Meest passend" order
    finder.js gives them: a chosen sector or question ranks by data/fit.py (tests/test_fit.py, ``finder_order``)."""
    by_id, keep = names_by_id(kb), None if among is None else {i.id for i in among}
    return [by_id[i] for i in finder_order(kb, selection) if keep is None or i in keep]


def offered(kb: KnowledgeBase, param: str, value: str) -> bool:
    """Whether the finder has a checkbox for ``value``."""
    return any(v.id == value for f in finder.finder_view(kb).facets if f.param == param for v in f.values)


def names_by_id(kb: KnowledgeBase) -> dict[str, str]:
    """Each instrument's card name."""
    return {i.id: card.title for card, i in zip(finder.finder_view(kb).cards, finder.ordered(kb))}


def assert_shows(page: Page, kb: KnowledgeBase, selection: Selection, pages: int = 1) -> None:
    """The page shows the first ``pages`` pages of what the selection finds, says how many, and every count is right."""
    found = in_order(kb, selection)
    limit = pages * finder.PAGE
    now = state(page)
    assert now["shown"] == found[:limit]
    assert now["cards"] == len(now["shown"]), "de lijst houdt kaarten vast die hij niet toont"
    assert now["more"] == (len(found) > limit and f"Je ziet de eerste {finder.number(limit)} van "
                                                  f"{finder.number(len(found))} instrumenten.")
    assert now["status"] == finder.status(len(found))
    for v in now["values"]:
        assert v["checked"] == (v["id"] in selection.get(v["param"], set())), v
        expected = count_if_added(kb, selection, v["param"], v["id"])
        assert v["count"] == f"({finder.number(expected)})", v
        assert v["zero"] == (expected == 0), v


def query(kb: KnowledgeBase, selection: Selection) -> str:
    """The query the finder writes: facets in page order, values in vocabulary order."""
    parts = [f"{f.param}={v.id}" for f in finder.finder_view(kb).facets for v in f.values
             if v.id in selection.get(f.param, set())]
    return "?" + "&".join(parts) if parts else ""


@pytest.fixture
def kb(built_site: BuiltSite) -> KnowledgeBase:
    return built_site.kb


def some_value(kb: KnowledgeBase, param: str) -> str:
    """The value of the facet that comes closest to halving the list."""
    total = len(kb.records("instrument"))
    facet = next(f for f in finder.finder_view(kb).facets if f.param == param)
    return min((v for v in facet.values if 0 < v.count < total), key=lambda v: abs(2 * v.count - total)).id


def test_a_keyboard_reader_filters_and_hears_the_count(page: Page, site_url: str, kb: KnowledgeBase) -> None:
    value = some_value(kb, "sector")
    page.goto(site_url + FINDER)
    status = page.locator(".md-content [role=status]")
    expect(status).to_have_attribute("aria-live", "polite")
    box(page, "sector", value).focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(site_url + FINDER + f"?sector={value}")
    assert_shows(page, kb, {"sector": {value}})
    expect(status).to_have_text(finder.status(len(matches(kb, {"sector": {value}}))))
    page.keyboard.press("Space")  # and off again
    expect(page).to_have_url(site_url + FINDER)
    assert_shows(page, kb, {})


def test_values_of_one_facet_widen_and_facets_narrow(page: Page, site_url: str, kb: KnowledgeBase) -> None:
    facet = next(f for f in finder.finder_view(kb).facets if f.param == "thema")
    themes = {facet.values[0].id, facet.values[1].id}
    role = some_value(kb, "rol")
    page.goto(site_url + FINDER)
    for value in themes:
        box(page, "thema", value).click()
    assert_shows(page, kb, {"thema": themes})
    box(page, "rol", role).click()
    selection = {"thema": themes, "rol": {role}}
    assert_shows(page, kb, selection)
    expect(page).to_have_url(site_url + FINDER + query(kb, selection))
    first = {f.param for f in finder.finder_view(kb).facets if f.first}  # the rest waits behind "Meer filters"
    zero = [v for v in state(page)["values"] if v["zero"] and v["param"] in first]
    assert zero and all(v["visible"] for v in zero), "een waarde zonder treffers blijft staan"
    screenshot(page, "finder-filtered", full_page=False)


def test_a_reload_keeps_the_choices_and_wis_filters_clears_them(page: Page, site_url: str,
                                                                 kb: KnowledgeBase) -> None:
    selection = {"sector": {some_value(kb, "sector")}, "niveau": {some_value(kb, "niveau")}}
    page.goto(site_url + FINDER)
    for param, values in selection.items():
        for value in values:
            box(page, param, value).click()
    expect(page).to_have_url(site_url + FINDER + query(kb, selection))  # the address bar follows, then the reload
    page.reload()
    expect(page).to_have_url(site_url + FINDER + query(kb, selection))
    assert_shows(page, kb, selection)
    page.get_by_role("button", name="Wis filters").click()
    expect(page).to_have_url(site_url + FINDER)
    assert_shows(page, kb, {})
    expect(page.get_by_role("button", name="Wis filters")).to_be_hidden()  # nothing left to clear
    expect(page.locator(".kb-finder-panel > summary")).to_be_focused()


def test_wis_filters_shows_only_when_something_is_chosen(page: Page, site_url: str, kb: KnowledgeBase) -> None:
    page.goto(site_url + FINDER)
    reset = page.get_by_role("button", name="Wis filters")
    expect(reset).to_be_hidden()
    box(page, "sector", some_value(kb, "sector")).click()
    expect(reset).to_be_visible()


def test_meer_filters_opens_by_keyboard_and_a_choice_in_it_is_applied(page: Page, site_url: str,
                                                                    kb: KnowledgeBase) -> None:
    view = finder.finder_view(kb)
    hidden = next(f for f in view.facets if not f.first)
    value = some_value(kb, hidden.param)
    page.goto(site_url + FINDER)
    assert len([f for f in view.facets if f.first]) <= 5
    inner = box(page, hidden.param, value)
    expect(inner).to_be_hidden()
    summary = page.locator(".kb-finder-extra > summary")
    expect(summary).to_have_text("Meer filters")
    summary.focus()
    page.keyboard.press("Enter")
    expect(inner).to_be_visible()
    inner.focus()
    page.keyboard.press("Space")
    assert_shows(page, kb, {hidden.param: {value}})
    expect(summary).to_have_text("Meer filters (1 gekozen)")
    fresh = page.context.new_page()  # a shared link with a choice behind "Meer filters" opens it
    fresh.goto(site_url + FINDER + f"?{hidden.param}={value}")
    expect(box(fresh, hidden.param, value)).to_be_visible()
    fresh.close()


def test_sectors_without_instruments_show_zero_and_a_line_on_why(page: Page, site_url: str,
                                                                 kb: KnowledgeBase) -> None:
    sectors = next(f for f in finder.finder_view(kb).facets if f.param == "sector")
    empty = [v for v in sectors.values if v.count == 0]
    page.goto(site_url + FINDER)
    for v in sectors.values:
        expect(box(page, "sector", v.id)).to_be_visible()
    for v in empty:
        label = page.locator(f'.kb-facet-value:has(input[name=sector][value="{v.id}"])')
        expect(label.locator(".kb-facet-count")).to_have_text("(0)")
    line = page.locator('.kb-facet:has(input[name=sector]) .kb-facet-none')
    if empty:
        expect(line).to_contain_text("Nog geen instrumenten voor")
        expect(line.locator("a")).to_have_count(len(empty))
    else:
        expect(line).to_have_count(0)


def test_a_shared_link_applies_and_unknown_values_are_ignored(page: Page, site_url: str, kb: KnowledgeBase) -> None:
    sector = some_value(kb, "sector")
    page.goto(site_url + FINDER + f"?sector={sector}&sector=bestaat-niet&doel=bestaat-niet&onbekend=1")
    assert_shows(page, kb, {"sector": {sector}})
    expect(page.locator(".kb-finder-active")).to_have_text(" (1 gekozen)")


def test_one_match_is_said_in_the_singular(page: Page, site_url: str, kb: KnowledgeBase) -> None:
    single = [(f.param, v.id) for f in finder.finder_view(kb).facets for v in f.values if v.count == 1]
    if not single:
        pytest.skip("geen waarde met precies één instrument in de gegevens")
    param, value = single[0]
    page.goto(site_url + FINDER + f"?{param}={value}")
    expect(page.locator(".md-content [role=status]")).to_have_text("1 instrument gevonden")


def test_a_choice_that_finds_nothing_says_so_and_hides_every_card(page: Page, site_url: str,
                                                                  kb: KnowledgeBase) -> None:
    view = finder.finder_view(kb)
    pairs = [(a.param, x.id, b.param, y.id) for a in view.facets for b in view.facets if a.param < b.param
             for x in a.values for y in b.values]
    empty = next(((p, x, q, y) for p, x, q, y in pairs if not matches(kb, {p: {x}, q: {y}})), None)
    assert empty, "de gegevens hebben geen twee kenmerken die samen niets vinden"
    p, x, q, y = empty
    page.goto(site_url + FINDER + f"?{p}={x}&{q}={y}")
    assert_shows(page, kb, {p: {x}, q: {y}})
    expect(page.locator(".md-content [role=status]")).to_have_text("Geen instrumenten gevonden")


def test_without_javascript_the_page_lists_every_instrument(browser: Browser, site_url: str,
                                                            kb: KnowledgeBase) -> None:
    context = browser.new_context(locale="nl-NL", viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + FINDER)
        links = page.locator("#kb-finder-list .kb-card h2 a")
        assert links.all_text_contents() == names(kb, kb.records("instrument"))
        expect(links.last).to_be_visible()
        expect(page.locator(".md-content input[type=checkbox]").first).to_be_hidden()
        expect(page.get_by_role("button", name="Wis filters")).to_be_hidden()
        expect(page.locator("#kb-finder-more")).to_be_hidden()
        note = page.locator(".kb-finder-noscript")  # in <noscript>, which text selectors pass over
        expect(note).to_be_visible()
        expect(note).to_contain_text("Filteren werkt alleen met JavaScript.")
        expect(page.locator("#kb-finder-list .kb-card-traits").first).to_be_visible()
        screenshot(page, "finder-no-js", full_page=False)
    finally:
        context.close()


def test_on_a_phone_the_list_comes_first_and_the_filters_unfold(browser: Browser, site_url: str,
                                                                kb: KnowledgeBase) -> None:
    sector = some_value(kb, "sector")
    context = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True,
                                  reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(site_url + FINDER + f"?sector={sector}")
        assert_shows(page, kb, {"sector": {sector}})
        checkbox = box(page, "sector", sector)
        expect(checkbox).to_be_hidden()  # folded away: the list is what the reader sees first
        expect(page.locator("#kb-finder-list .kb-card").first).to_be_in_viewport()
        page.locator(".kb-finder-panel > summary").click()
        checkbox.click()
        assert_shows(page, kb, {})
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1]
        screenshot(page, "finder-phone", full_page=False)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_filtered_finder_meets_wcag_21_aa(browser: Browser, site_url: str, kb: KnowledgeBase,
                                              scheme: str) -> None:
    """The finder with choices made: counts of zero greyed, the panel open (the page type test covers the start)."""
    context = browser.new_context(locale="nl-NL", viewport=DESKTOP, color_scheme=scheme, reduced_motion="reduce")
    try:
        page = context.new_page()
        role = some_value(kb, "rol")
        page.goto(site_url + FINDER + f"?rol={role}&sector={some_value(kb, 'sector')}")
        assert any(v["zero"] for v in state(page)["values"]), "deze keuze zou waarden zonder treffers moeten geven"
        violations = axe_violations(page)
    finally:
        context.close()
    assert not violations, f"vinder met filters ({scheme}):\n{describe(violations)}"


# --- many instruments: a page of matches, "Toon meer" for the next -------------------------------------

MANY = 300  # instruments: three pages of finder.PAGE matches


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, KnowledgeBase]]:
    """A site with MANY synthetic instruments (bench/synth.py), served on 127.0.0.1: its finder URL and data."""
    project = tmp_path_factory.mktemp("many") / "project"
    synth.make_project(project, MANY, git=False)
    result = run_cli("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    assert result.code == 0, result.err
    kb = core.read([core.DataDir(project / "data")]).kb
    assert kb is not None and len(kb.records("instrument")) == MANY > 2 * finder.PAGE
    with static_server(project / "site") as base:
        yield base + FINDER, kb


def test_with_many_instruments_toon_meer_shows_the_next_page_by_keyboard(page: Page, many: tuple[
        str, KnowledgeBase]) -> None:
    url, kb = many
    page.goto(url)
    assert_shows(page, kb, {})
    more = page.get_by_role("button", name="Toon meer")
    expect(more).to_have_accessible_description(f"Je ziet de eerste {finder.PAGE} van {MANY} instrumenten.")
    more.focus()
    page.keyboard.press("Enter")
    assert_shows(page, kb, {}, pages=2)
    # reading goes on at the first new card
    expect(page.locator(":focus")).to_have_text(names(kb, kb.records("instrument"))[finder.PAGE])
    more.focus()
    page.keyboard.press("Space")
    assert_shows(page, kb, {}, pages=3)
    expect(more).to_be_hidden()  # every instrument is shown
    expect(page.locator(":focus")).to_have_text(names(kb, kb.records("instrument"))[2 * finder.PAGE])


def test_with_many_instruments_a_choice_starts_at_the_first_page_and_a_reload_keeps_the_pages(page: Page, many: tuple[
        str, KnowledgeBase]) -> None:
    url, kb = many
    sector = some_value(kb, "sector")
    assert len(matches(kb, {"sector": {sector}})) > finder.PAGE
    page.goto(url)
    page.get_by_role("button", name="Toon meer").click()
    assert_shows(page, kb, {}, pages=2)
    box(page, "sector", sector).click()
    assert_shows(page, kb, {"sector": {sector}})
    page.get_by_role("button", name="Toon meer").click()
    page.reload()  # as many matches as before: Back from an instrument returns to where the reader was
    assert_shows(page, kb, {"sector": {sector}}, pages=2)
    shared = page.context.new_page()  # a shared link starts at the first page
    shared.goto(url + f"?sector={sector}")
    assert_shows(shared, kb, {"sector": {sector}})
    shared.get_by_role("button", name="Wis filters").click()
    assert_shows(shared, kb, {})
    shared.get_by_role("button", name="Toon meer").hover()  # axe checks the colours the pointer shows
    violations = axe_violations(shared)
    assert not violations, f"vinder met 'Toon meer':\n{describe(violations)}"


# --- the text filter, the advice on an empty result, the order -----------------------------------------


def fold(value: str) -> str:
    """As finder.js folds text: accents off, lower case."""
    return "".join(c for c in unicodedata.normalize("NFD", value) if not 0x300 <= ord(c) <= 0x36F).lower()


def text_matches(kb: KnowledgeBase, typed: str) -> list[Any]:
    """The instruments whose name or line (as their card shows them) hold every word typed."""
    view = finder.finder_view(kb)
    words = fold(typed).split()
    shown = {i.id: fold(card.title + " " + html.unescape(re.sub(r"<[^>]+>", "", str(card.helps))) + " " + card.also)
             for card, i in zip(view.cards, finder.ordered(kb))}
    return [i for i in kb.records("instrument") if all(w in shown[i.id] for w in words)]


def a_word(kb: KnowledgeBase) -> str:
    """A word of some instruments' lines, not all: the one that comes closest to a third of the list."""
    total = len(kb.records("instrument"))
    lines = [str(getattr(i, "helps", "")) for i in kb.records("instrument")]
    candidates = {w.strip(".,:;()") for line in lines for w in line.split() if len(w) > 6}
    return min(sorted(candidates), key=lambda w: abs(3 * len(text_matches(kb, w)) - total))


def test_the_text_filter_narrows_the_list_at_once_and_keeps_the_words_in_the_url(page: Page, site_url: str,
                                                                              kb: KnowledgeBase) -> None:
    word = a_word(kb)
    found = text_matches(kb, word)
    assert 0 < len(found) < len(kb.records("instrument"))
    page.goto(site_url + FINDER)
    field = page.get_by_label("Zoek op een woord")
    field.press_sequentially(word.upper())  # case does not matter
    expect(page.locator(".md-content [role=status]")).to_have_text(finder.status(len(found)))
    assert state(page)["shown"] == names(kb, found)[:finder.PAGE]
    expect(page).to_have_url(re.compile(r"\?woord=" + re.escape(word.upper()) + "$"))
    expect(page.get_by_role("button", name="Wis filters")).to_be_visible()
    sector = some_value(kb, "sector")
    box(page, "sector", sector).click()  # a facet's counts take the words into account
    both = [i for i in found if i in matches(kb, {"sector": {sector}})]
    expect(page.locator(".md-content [role=status]")).to_have_text(finder.status(len(both)))
    expect(page).to_have_url(re.compile(rf"\?sector={sector}&woord={re.escape(word.upper())}$"))
    page.reload()
    expect(field).to_have_value(word.upper())
    assert state(page)["shown"] == in_order(kb, {"sector": {sector}}, both)[:finder.PAGE]
    page.get_by_role("button", name="Wis filters").click()
    expect(field).to_have_value("")
    assert_shows(page, kb, {})


def test_without_javascript_a_text_query_leaves_the_plain_list(browser: Browser, site_url: str,
                                                              kb: KnowledgeBase) -> None:
    context = browser.new_context(locale="nl-NL", viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + FINDER + "?woord=" + a_word(kb))
        assert page.locator("#kb-finder-list .kb-card h2 a").all_text_contents() == names(kb, kb.records("instrument"))
        expect(page.get_by_label("Zoek op een woord")).to_be_hidden()
    finally:
        context.close()


def test_an_empty_result_names_the_choice_to_drop_with_its_count_as_a_link(page: Page, site_url: str,
                                                                          kb: KnowledgeBase) -> None:
    view = finder.finder_view(kb)
    first = [f for f in view.facets if f.first]
    pairs = [({a.param: {x.id}, b.param: {y.id}}, a, x, b, y) for a in first for b in first if a.param < b.param
             for x in a.values for y in b.values if x.count and y.count]
    empty = next(p for p in pairs if not matches(kb, p[0]))
    selection, a, x, b, y = empty
    without_a, without_b = len(matches(kb, {b.param: {y.id}})), len(matches(kb, {a.param: {x.id}}))
    drop, keep, value, n = (a, b, x, without_a) if without_a >= without_b else (b, a, y, without_b)
    page.goto(site_url + FINDER + "?" + "&".join(f"{p}={next(iter(v))}" for p, v in selection.items()))
    assert_shows(page, kb, selection)
    link = page.locator(".kb-finder-advice a")
    many = finder.status(n).removesuffix(" gevonden")
    expect(link).to_have_text(f"Haal ‘{value.label}’ weg: dan vind je {many}.")
    kept = {keep.param: selection[keep.param]}
    assert link.get_attribute("href") == "/" + FINDER + query(kb, kept)
    screenshot(page, "finder-empty-result", full_page=False)
    link.focus()
    page.keyboard.press("Enter")
    assert_shows(page, kb, kept)
    expect(page.locator(".kb-finder-advice a")).to_have_count(0)
    expect(page).to_have_url(site_url + FINDER + query(kb, kept))


def test_sorting_a_to_z_on_the_name_and_back_to_meest_passend(page: Page, site_url: str, kb: KnowledgeBase) -> None:
    page.goto(site_url + FINDER)
    every = names(kb, kb.records("instrument"))
    assert state(page)["shown"] == every[:finder.PAGE]
    page.get_by_label("Volgorde").select_option(label="A–Z")
    by_name = sorted(every, key=str.casefold)
    expect(page).to_have_url(site_url + FINDER + "?sorteer=az")
    assert state(page)["shown"] == by_name[:finder.PAGE]
    sector = some_value(kb, "sector")
    box(page, "sector", sector).click()
    assert state(page)["shown"] == sorted(names(kb, matches(kb, {"sector": {sector}})), key=str.casefold)
    expect(page).to_have_url(site_url + FINDER + f"?sector={sector}&sorteer=az")
    page.reload()
    expect(page.get_by_label("Volgorde")).to_have_value("az")
    page.get_by_label("Volgorde").select_option(label="Meest passend")
    assert state(page)["shown"] == in_order(kb, {"sector": {sector}})[:finder.PAGE]


def test_meest_passend_with_a_question_gives_the_guides_order_for_the_same_role_and_sector(
        page: Page, site_url: str, kb: KnowledgeBase) -> None:
    """For every question with more than one instrument, with no role or sector, each of its roles, each of its
    sectors, and its first role with each of its sectors: the list is the guide's ranking (data/fit.py) of what the finder finds,
    so what "Begin hier" shows and the finder finds comes first in the same order. Then A–Z and back."""
    compared = 0
    guide: list[str] = []
    for q in kb.records("question"):
        if len(getattr(q, "instruments")) < 2:
            continue
        # the values the finder offers (a role without instruments has no checkbox; a link with it is ignored)
        roles = [r for r in kb.out(q, relation("question", "roles")) if offered(kb, "rol", r.id)]
        sectors = [s for s in kb.out(q, relation("question", "sectors")) if offered(kb, "sector", s.id)]
        pairs = [(r, s) for r in roles[:1] for s in sectors]
        for role, sector in [(None, None), *((r, None) for r in roles), *((None, s) for s in sectors), *pairs]:
            selection = {"rol": {role.id} if role else set(), "sector": {sector.id} if sector else set(),
                         "vraag": {q.id}}
            page.goto(site_url + FINDER + query(kb, selection))
            found = {i.id for i in matches(kb, selection)}
            guide = [i for i in guide_order(kb, q, role, sector) if i in found]
            assert state(page)["shown"] == [names_by_id(kb)[i] for i in guide], (q.id, role, sector)
            picks = [p.instrument.id for p in questions.begin_here(kb, q, role, sector) if p.instrument.id in found]
            assert guide[:len(picks)] == picks
            compared += len(guide) > 1
    assert compared > 20
    page.get_by_label("Volgorde").select_option(label="A–Z")
    assert state(page)["shown"] == sorted(state(page)["shown"], key=str.casefold)
    page.get_by_label("Volgorde").select_option(label="Meest passend")
    assert state(page)["shown"] == [names_by_id(kb)[i] for i in guide]
    for size, palette in ((DESKTOP, "light"), (PHONE, "dark")):
        page.set_viewport_size(size)
        page.emulate_media(color_scheme=palette)
        screenshot(page, f"finder-meest-passend-vraag-{size['width']}-{palette}", full_page=False)


def test_a_question_page_leads_to_the_finder_with_its_begin_hier_first(page: Page, site_url: str,
                                                                       kb: KnowledgeBase) -> None:
    q = next(q for q in kb.records("question") if len(getattr(q, "instruments")) > questions.LIMIT)
    page.goto(site_url + f"vragen/{q.id}/")
    begin = page.locator(".kb-begin ol li > a").all_text_contents()
    assert len(begin) == questions.LIMIT
    page.get_by_role("link", name="Alle instrumenten bij deze vraag in de instrumentenvinder").click()
    expect(page).to_have_url(site_url + FINDER + f"?vraag={q.id}")
    shown = state(page)["shown"]
    assert shown[:len(begin)] == begin and len(shown) == len(getattr(q, "instruments"))
    expect(box(page, "vraag", q.id)).to_be_checked()


def test_the_guides_last_step_leads_to_the_finder_with_the_same_choices(page: Page, site_url: str,
                                                                         kb: KnowledgeBase) -> None:
    page.goto(site_url + "wegwijzer/leraar/mbo/")
    selection = {"rol": {"leraar"}, "sector": {"mbo"}}
    found = matches(kb, selection)
    page.get_by_role("link", name=f"Alle {len(found)} instrumenten voor leraar of docent in mbo "
                                  "in de instrumentenvinder").click()
    expect(page).to_have_url(site_url + FINDER + "?rol=leraar&sector=mbo")
    assert_shows(page, kb, selection)
    by_id = names_by_id(kb)
    ctx = fit.context(kb, None, ["leraar"], ["mbo"])
    assert state(page)["shown"] == [by_id[i.id] for i in fit.ranked(kb, found, ctx, lambda r: by_id[r.id])]


def test_a_chosen_sector_puts_the_instruments_with_a_positive_experience_in_it_first(
        page: Page, site_url: str, kb: KnowledgeBase) -> None:
    """finder.js ranks as data/fit.py for every sector the finder offers, alone and with every role."""
    by_id = names_by_id(kb)
    raised = 0
    for sector in (s for s in kb.records("sector") if offered(kb, "sector", s.id)):
        for role in (None, *(r for r in kb.records("role") if offered(kb, "rol", r.id))):
            selection = {"rol": {role.id} if role else set(), "sector": {sector.id}}
            page.goto(site_url + FINDER + query(kb, selection))
            found = matches(kb, selection)
            ctx = fit.context(kb, None, [role.id] if role else (), [sector.id])
            assert state(page)["shown"] == [by_id[i.id] for i in fit.ranked(kb, found, ctx, lambda r: by_id[r.id])
                                            ][:finder.PAGE], (sector.id, role and role.id)
            raised += any(fit.good_in(kb, i, [sector.id]) for i in found)
    assert raised, "in de gegevens staat een positieve ervaring in een sector die de vinder aanbiedt"
