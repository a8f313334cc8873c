"""The guide "Waar loop je tegenaan?" in Chromium: walked by clicking, with and without JavaScript; the address
holds each step, so a reload or a shared link restores it and the back button goes one step back."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from ..conftest import BuiltSite
from .fixtures import DESKTOP, PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser


def _walk(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.locator(".kb-cards-roles a", has_text="Leraar of docent").click()
    page.wait_for_url(site_url + "wegwijzer/leraar/")
    assert "Leraar of docent" in page.locator(".kb-chosen").inner_text()
    page.locator(".kb-choices a", has_text="Middelbaar beroepsonderwijs").click()
    page.wait_for_url(site_url + "wegwijzer/leraar/mbo/")
    chosen = page.locator(".kb-chosen").inner_text()
    assert "Leraar of docent" in chosen and "Middelbaar beroepsonderwijs" in chosen
    page.reload()  # the address restores both choices
    assert "Middelbaar beroepsonderwijs" in page.locator(".kb-chosen").inner_text()
    page.go_back()  # one step back: the sector step, with the role still chosen
    page.wait_for_url(site_url + "wegwijzer/leraar/")
    page.go_forward()
    page.wait_for_url(site_url + "wegwijzer/leraar/mbo/")
    page.locator(".kb-questions a", has_text="Hoe betrek ik mijn studenten actiever bij de les met ict?").click()
    page.wait_for_url(site_url + "vragen/studenten-actiever-betrekken/")
    assert page.locator("h2", has_text="Begin hier").count() == 1
    assert "Toolkit Blend je onderwijs" in page.locator(".kb-begin").inner_text()
    assert "Voor po, vo en mbo noemen de bronnen" in page.locator("article").inner_text()  # no instrument for mbo


@pytest.mark.parametrize("javascript", [True, False], ids=["met-javascript", "zonder-javascript"])
def test_the_guide_is_walked_in_three_clicks_and_the_address_keeps_the_state(
        browser: Browser, built_site: BuiltSite, site_url: str, javascript: bool) -> None:
    context = browser.new_context(locale="nl-NL", viewport=DESKTOP, java_script_enabled=javascript,
                                  reduced_motion="reduce")
    context.set_default_timeout(10_000)
    try:
        _walk(context.new_page(), site_url)
    finally:
        context.close()


def test_a_shared_link_to_a_step_opens_that_step(browser: Browser, site_url: str) -> None:
    context = browser.new_context(locale="nl-NL", viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "wegwijzer/schoolleider/hbo/")
        chosen = page.locator(".kb-chosen").inner_text()
        assert "School- of teamleider" in chosen and "Hoger beroepsonderwijs" in chosen
        page.locator(".kb-questions a", has_text="Hoe voeren we als team blended onderwijs in?").click()
        assert "Toolkit Blend je onderwijs" in page.locator(".kb-begin").inner_text()
    finally:
        context.close()


def test_on_a_phone_the_whole_card_is_the_link(browser: Browser, site_url: str) -> None:
    context = browser.new_context(locale="nl-NL", viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(site_url)
        card = page.locator(".kb-cards-questions li").first
        card.scroll_into_view_if_needed()
        box = card.bounding_box()
        assert box is not None and box["height"] >= 44
        # Tap the card's bottom right corner, away from the link's own text.
        page.touchscreen.tap(box["x"] + box["width"] - 6, box["y"] + box["height"] - 6)
        page.wait_for_url("**/vragen/**")
    finally:
        context.close()


def test_the_home_pages_search_field_opens_the_search_with_the_words(browser: Browser, site_url: str) -> None:
    context = browser.new_context(locale="nl-NL", viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(site_url)
        page.locator("#kb-home-q").fill("werkdruk")
        page.locator(".kb-home-search button").click()
        page.locator(".kb-search__result", has_text="werkdruk").first.wait_for()
        first = page.locator(".kb-search__result").first.inner_text()
        assert "Hoe kan ict mijn werkdruk verlagen?" in first
    finally:
        context.close()


@pytest.mark.parametrize("words", ["activerende didactiek", "EduWallet", "ethiek"])
def test_search_finds_a_question_by_its_synonyms(browser: Browser, site_url: str, words: str) -> None:
    context = browser.new_context(locale="nl-NL", viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(site_url + "?q=" + words)
        page.locator(".kb-search__result").first.wait_for()
        found = page.locator(".kb-search__result a.kb-search__page")
        urls = [found.nth(i).get_attribute("href") or "" for i in range(min(found.count(), 5))]
        assert any("/vragen/" in u and not u.rstrip("/").endswith("/vragen") for u in urls), urls
    finally:
        context.close()


SHOTS = [("home", ""), ("wegwijzer", "wegwijzer/"), ("wegwijzer-stap3", "wegwijzer/leraar/mbo/"),
         ("vraag-actiever", "vragen/studenten-actiever-betrekken/"),
         ("vraag-blended", "vragen/blended-onderwijs-in-het-team/"), ("vraag-ethiek", "vragen/privacy-ethiek-en-ai/")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("name", "path"), SHOTS, ids=[n for n, _ in SHOTS])
def test_screenshots_of_the_new_pages(browser: Browser, site_url: str, name: str, path: str, scheme: str) -> None:
    """Screenshots to look at (tests/screenshots/, git-ignored), at desktop and phone width."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for label, viewport in (("1280", DESKTOP), ("390", PHONE)):
        context = browser.new_context(locale="nl-NL", viewport=viewport, color_scheme=scheme, reduced_motion="reduce")
        try:
            page = context.new_page()
            page.goto(site_url + path)
            assert page.locator("h1").count() >= 1
            page.screenshot(path=str(SCREENSHOTS / f"vraag-{name}-{label}-{scheme}.png"), full_page=True)
        finally:
            context.close()
