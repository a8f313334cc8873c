"""A glossary word's first use on a page (generator/site/glossary.py), in Chromium: its explanation shows on keyboard
focus and on hover, stays on the screen at desktop and phone width, Escape hides it, axe is clean while it shows,
screen readers get it as the link's description, and following the link lands on the word's entry."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from ..conftest import BuiltSite
from .fixtures import DESKTOP, PHONE, record_url, screenshot
from .test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser


def marked_instrument(site: BuiltSite, kind: str = "instrument") -> str:
    """The URL path of the first page of ``kind`` that explains a glossary word."""
    for record in site.kb.records(kind):
        path = record_url(kind, record.id)
        if "kb-term__word" in (site.root / path / "index.html").read_text(encoding="utf-8"):
            return path
    pytest.skip(f"geen pagina van soort {kind} met een woord uit de begrippenlijst")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_explanation_on_a_page_stays_on_the_screen(browser: Browser, built_site: BuiltSite, site_url: str,
                                                         viewport: dict[str, int]) -> None:
    context = browser.new_context(locale="nl-NL", viewport=viewport, reduced_motion="reduce")
    try:
        page = context.new_page()
        outside = []
        for path in (marked_instrument(built_site), marked_instrument(built_site, "role")):
            page.goto(site_url + path)
            words = page.locator("article a.kb-term__word")
            for i in range(words.count()):
                word = words.nth(i)
                word.focus()
                box = page.locator("#" + (word.get_attribute("aria-describedby") or "")).bounding_box()
                if box is None or box["x"] < 0 or box["x"] + box["width"] > viewport["width"]:
                    outside.append((path, word.inner_text(), box))
    finally:
        context.close()
    assert not outside


@pytest.mark.parametrize(("viewport", "scheme"), [(DESKTOP, "light"), (DESKTOP, "dark"), (PHONE, "light")],
                         ids=["desktop-light", "desktop-dark", "phone"])
def test_the_explanation_shows_on_focus_fits_the_screen_and_escape_hides_it(
        browser: Browser, built_site: BuiltSite, site_url: str, viewport: dict[str, int], scheme: str) -> None:
    context = browser.new_context(locale="nl-NL", viewport=viewport, color_scheme=scheme, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(site_url + marked_instrument(built_site))
        word = page.locator("article a.kb-term__word").first
        tip_id = word.get_attribute("aria-describedby")
        tip = page.locator(f"#{tip_id}")
        assert tip.get_attribute("role") == "tooltip"
        assert not tip.is_visible()
        word.focus()
        assert tip.is_visible()
        box = tip.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
        # What a screen reader announces with the link: the explanation, as its description.
        description = page.evaluate("el => document.getElementById(el.getAttribute('aria-describedby')).textContent",
                                    word.element_handle())
        assert description.strip() == tip.text_content().strip() and len(description) > 10
        violations = axe_violations(page)  # with the explanation on the screen
        screenshot(page, f"glossary-tip-{viewport['width']}-{scheme}", full_page=False)
        page.keyboard.press("Escape")
        assert not tip.is_visible()
        page.mouse.move(1, 1)
        word.hover()
        assert tip.is_visible()
    finally:
        context.close()
    assert not violations, describe(violations)


def test_following_the_word_lands_on_its_entry(browser: Browser, built_site: BuiltSite, site_url: str) -> None:
    context = browser.new_context(locale="nl-NL", viewport=PHONE, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(site_url + marked_instrument(built_site))
        word = page.locator("article a.kb-term__word").first
        entry = word.get_attribute("href").rsplit("#", 1)[1]
        word.click()  # a tap on a phone
        page.wait_for_url(f"**/begrippen/#{entry}")
        target = page.locator(f"dt#{entry}")
        assert target.is_visible()
        assert page.evaluate("id => document.querySelector(':target').id", entry) == entry
    finally:
        context.close()
