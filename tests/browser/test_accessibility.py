"""WCAG 2.1 A and AA, checked with axe-core on one page of every type, in both palettes; and the keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from ..conftest import BuiltSite
from .fixtures import DESKTOP, PAGE_TYPES, PHONE, PageType, record_url, url_path_of, verbinder

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run the pinned axe-core (injected inline, no request) against the page; return its violations."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} ontbreekt; installeer axe-core met 'make system' (npm ci in tests/browser).")
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA)
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    """One readable block per violated rule: rule, impact, help, and each offending element."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:8]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['failureSummary'].splitlines()[-1].strip()}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... en nog {len(v['nodes']) - 8} element(en)")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.name)
def test_page_type_meets_wcag_21_aa(browser: Browser, built_site: BuiltSite, site_url: str,
                                    page_type: PageType, scheme: str) -> None:
    path = url_path_of(built_site, page_type)
    context = browser.new_context(locale="nl-NL", viewport=DESKTOP, color_scheme=scheme, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(site_url + path)
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        violations = axe_violations(page)
    finally:
        context.close()
    assert not violations, f"{site_url}{path} ({scheme}):\n{describe(violations)}"


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.name)
def test_page_type_meets_wcag_21_aa_on_a_phone(browser: Browser, built_site: BuiltSite, site_url: str,
                                               page_type: PageType) -> None:
    """At phone width wide tables scroll sideways in their box: that box must be reachable by keyboard."""
    path = url_path_of(built_site, page_type)
    context = browser.new_context(locale="nl-NL", viewport=PHONE, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        violations = axe_violations(page)
    finally:
        context.close()
    assert not violations, f"{site_url}{path} (telefoon):\n{describe(violations)}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_search_results_meet_wcag_21_aa(browser: Browser, built_site: BuiltSite, site_url: str,
                                             scheme: str) -> None:
    role = verbinder(built_site)
    context = browser.new_context(locale="nl-NL", viewport=DESKTOP, color_scheme=scheme, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(site_url)
        page.locator("input.kb-search__input").click()
        page.locator("input.kb-search__input").press_sequentially(role.short or role.title, delay=20)
        page.locator(".kb-search__result mark").first.wait_for()
        violations = axe_violations(page)
    finally:
        context.close()
    assert not violations, f"zoekresultaten ({scheme}):\n{describe(violations)}"


KEYBOARD_JS = Path(__file__).resolve().parent / "keyboard.js"
KEYBOARD_PAGES = [t for t in PAGE_TYPES if t.name in ("home", "role", "instrument", "finder", "map", "zelfscan")]


@pytest.mark.parametrize("page_type", KEYBOARD_PAGES, ids=lambda t: t.name)
def test_keyboard_reaches_every_control_with_visible_focus(page: Page, built_site: BuiltSite, site_url: str,
                                                          page_type: PageType) -> None:
    path = url_path_of(built_site, page_type)
    page.goto(site_url + path)
    page.add_script_tag(path=str(KEYBOARD_JS))
    limit = page.locator("a[href], button, input, select, textarea, summary, [tabindex]").count() + 20
    for _ in range(limit):
        page.keyboard.press("Tab")
        if not page.evaluate("kbKeyboard.step()"):
            break
    else:
        pytest.fail(f"{path}: na {limit} keer Tab is de focus niet rondgegaan (een toetsenbordval?)")
    assert page.evaluate("kbKeyboard.count()") > 0
    unreached = page.evaluate("kbKeyboard.unreached()")
    invisible = page.evaluate("kbKeyboard.invisible()")
    assert not unreached, f"/{path}: met Tab niet bereikbaar:\n" + "\n".join(unreached)
    assert not invisible, f"/{path}: focus niet zichtbaar (outline en box-shadow gelijk):\n" + "\n".join(invisible)


def test_keyboard_reader_searches_and_opens_a_result(page: Page, built_site: BuiltSite, site_url: str) -> None:
    role = verbinder(built_site)
    page.goto(site_url)
    page.keyboard.press("/")  # the shortcut to the search box, as in the theme
    page.keyboard.type(role.short or role.title, delay=20)
    target = f"{site_url}{record_url('role', role.id)}"
    page.locator(f'.kb-search__page[href^="{target}"]').first.wait_for()
    for _ in range(5):  # the arrow keys walk the results; the role page is among the first
        page.keyboard.press("ArrowDown")
        if (page.evaluate("document.activeElement.href || ''")).startswith(target):
            break
    page.keyboard.press("Enter")
    page.wait_for_url(f"{target}*")
