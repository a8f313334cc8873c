"""The self-scan in Chromium: a keyboard walk, its result and links, storage, files, the team view, privacy."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from generator.site import scan, svg

from ..conftest import BuiltSite
from .fixtures import DESKTOP, PHONE, foreign_requests, screenshot
from .test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

# Answers per item, by position: every value of the scale, the unknown one too.
PATTERN = ("0", "1", "2", "3", "?", "2", "1", "0", "3", "2", "1", "3")


def _items(site: BuiltSite, profile: str) -> list[scan.Item]:
    s = scan.scan(site.kb, site.kb.get("profile", profile))
    return [i for a in s.areas for i in a.items]


def _answers(site: BuiltSite, profile: str, shift: int = 0) -> dict[str, str]:
    return {item.key: PATTERN[(n + shift) % len(PATTERN)] for n, item in enumerate(_items(site, profile))}


@pytest.fixture
def open_context(browser: Browser, requests_seen: list[str]) -> Iterator[Any]:
    """Contexts opened by a test with a given palette and width; all their requests are recorded."""
    made: list[BrowserContext] = []

    def new(scheme: str = "light", viewport: dict[str, int] = DESKTOP, **options: Any) -> BrowserContext:
        ctx = browser.new_context(locale="nl-NL", viewport=viewport, color_scheme=scheme, reduced_motion="reduce",
                                  accept_downloads=True, **options)
        ctx.set_default_timeout(10_000)
        ctx.on("request", lambda request: requests_seen.append(request.url))
        made.append(ctx)
        return ctx
    yield new
    for ctx in made:
        ctx.close()


def _set(page: Page, answers: dict[str, str]) -> None:
    """Answer every item at once, as a click on each radio would (the keyboard walk is tested on its own)."""
    page.evaluate("""answers => Object.entries(answers).forEach(([key, value]) => {
        const radio = document.querySelector(`input[name="${key}"][value="${value}"]`);
        radio.checked = true;
        radio.dispatchEvent(new Event("change", {bubbles: true}));
    })""", answers)


def _scan_keys(page: Page) -> list[str]:
    """The scan's keys in local storage (the theme keeps some of its own there)."""
    return list(page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('kennisbank-zelfscan'))"))


def _tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab bereikt {selector} niet")


def _choose(page: Page, key: str, value: str) -> None:
    """With the keyboard: Tab into the item's radio group, then arrows to the value (arrows also check)."""
    _tab_to(page, f"input[type=radio][name='{key}']")
    values = [v for v, _, _ in scan.SCALE]
    page.keyboard.press("Space")  # checks the first radio of the group, where Tab lands
    for _ in range(values.index(value)):
        page.keyboard.press("ArrowRight")
    assert page.locator(f"input[name='{key}'][value='{value}']").is_checked()


def _no_axe(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{where}:\n{describe(violations)}"


def _walk(page: Page, site: BuiltSite, profile: str, answers: dict[str, str], phone: bool, shots: str = "") -> None:
    """Answer the whole scan by keyboard, a step at a time, checking each step with axe."""
    s = scan.scan(site.kb, site.kb.get("profile", profile))
    steps = [[i] for a in s.areas for i in a.items] if phone else [list(a.items) for a in s.areas]
    for n, step in enumerate(steps):
        visible = page.locator(".kb-scan-item:visible")
        assert visible.count() == len(step), f"stap {n + 1}: {visible.count()} onderdelen te zien"
        assert [visible.nth(k).get_attribute("data-item") for k in range(len(step))] == [i.key for i in step]
        noun = "Vraag" if phone else "Gebied"
        assert page.locator("#kb-scan-progress").inner_text().startswith(f"{noun} {n + 1} van {len(steps)}")
        _no_axe(page, f"{profile}, stap {n + 1}")
        for item in step:
            _choose(page, item.key, answers[item.key])
        if shots and n == 0:
            page.evaluate("document.getElementById('kb-scan-progress').scrollIntoView()")
            screenshot(page, f"{shots}-stap", full_page=False)
        button = "#kb-scan-done" if n == len(steps) - 1 else "#kb-scan-next"
        _tab_to(page, button)
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "kb-result-kop"


def _check_result(page: Page, site: BuiltSite, site_url: str, profile: str, answers: dict[str, str]) -> None:
    items = {i.key: i for i in _items(site, profile)}
    result = page.locator("#kb-scan-result")
    assert result.is_visible() and not page.locator("#kb-scan").is_visible()
    chart = result.locator("svg.kb-chart.kb-bars")
    assert chart.count() == 1
    s = scan.scan(site.kb, site.kb.get("profile", profile))
    assert chart.locator("rect.kb-fill").count() <= len(s.areas)
    rows = result.locator("table.kb-scan-table tbody tr")
    assert rows.count() == len(s.areas)
    for k, area in enumerate(s.areas):
        counted = [int(answers[i.key]) for i in area.items if answers[i.key] != "?"]
        expected = str(round(100 * sum(counted) / (3 * len(counted)))) if counted else "–"
        assert rows.nth(k).locator("td").first.inner_text() == expected, area.title
    growth = [k for k, v in answers.items() if v in ("0", "1")]
    strong = [k for k, v in answers.items() if v in ("2", "3")]
    text = result.inner_text()
    for key in growth:
        assert items[key].label in text
    lists = result.locator("ol.kb-scan-list")
    assert lists.nth(0).locator(":scope > li").count() == min(3, len(strong))
    assert lists.nth(1).locator(":scope > li").count() == len(growth)
    # Every link of the result goes to a page of the site that exists.
    hrefs = set(result.locator("a").evaluate_all("links => links.map(a => a.href)"))
    assert hrefs
    for href in hrefs:
        assert href.startswith(site_url), href
        path = href[len(site_url):].split("?")[0]
        assert (site.root / path / "index.html").is_file() or (site.root / path).is_file(), href
    for key in growth:
        if items[key].page:
            assert site_url + "leerdoelen/" in " ".join(hrefs) or site_url + "competenties/" in " ".join(hrefs)


@pytest.mark.parametrize(("profile", "scheme", "width"), [
    ("verbinder", "light", "desktop"), ("verbinder", "dark", "phone"),
    ("leidinggevende", "dark", "desktop"), ("leidinggevende", "light", "phone"),
])
def test_keyboard_walk_of_a_scan(open_context: Any, built_site: BuiltSite, site_url: str, profile: str,
                                 scheme: str, width: str) -> None:
    phone = width == "phone"
    page = open_context(scheme, PHONE if phone else DESKTOP).new_page()
    page.goto(site_url + f"zelfscan/{profile}/")
    answers = _answers(built_site, profile)
    name = f"zelfscan-{profile}-{scheme}-{390 if phone else 1280}"
    _walk(page, built_site, profile, answers, phone, shots=name)
    _check_result(page, built_site, site_url, profile, answers)
    _no_axe(page, f"{profile}: uitslag")
    screenshot(page, f"{name}-uitslag")


def test_answers_survive_a_reload_until_cleared(open_context: Any, built_site: BuiltSite, site_url: str) -> None:
    page = open_context().new_page()
    page.goto(site_url + "zelfscan/verbinder/")
    page.locator("input[name='leerdoel-1'][value='2']").check()
    page.locator("input[name='leerdoel-2'][value='0']").check()
    page.reload()
    assert page.locator("input[name='leerdoel-1'][value='2']").is_checked()
    assert page.locator("input[name='leerdoel-2'][value='0']").is_checked()
    assert "teruggezet (2 van 11)" in page.locator("#kb-scan-status").inner_text()
    page.locator("#kb-scan-clear").click()
    assert page.locator("input[type=radio]:checked").count() == 0
    assert _scan_keys(page) == []
    page.reload()
    assert page.locator("input[type=radio]:checked").count() == 0


def test_download_and_upload_of_the_answers(open_context: Any, built_site: BuiltSite, site_url: str,
                                           tmp_path: Path) -> None:
    answers = _answers(built_site, "leidinggevende")
    page = open_context().new_page()
    page.goto(site_url + "zelfscan/leidinggevende/")
    _set(page, answers)
    page.evaluate("document.getElementById('kb-scan-done').click()")
    with page.expect_download() as info:
        page.locator("#kb-scan-download").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    content = json.loads(saved.read_text(encoding="utf-8"))
    assert content["format"] == "kennisbank-zelfscan" and content["profile"] == "leidinggevende"
    assert content["answers"] == answers
    assert saved.stat().st_size < 2000
    # In another browser (empty storage) the file brings the answers and the result back.
    other = open_context().new_page()
    other.goto(site_url + "zelfscan/leidinggevende/")
    assert other.locator("input[type=radio]:checked").count() == 0
    other.locator("#kb-scan-upload").set_input_files(str(saved))
    expect(other.locator("#kb-scan-result")).to_be_visible()
    for key, value in answers.items():
        assert other.locator(f"input[name='{key}'][value='{value}']").is_checked()
    assert page.locator("#kb-scan-output").inner_text() == other.locator("#kb-scan-output").inner_text()
    # A file of another scan, or no answers file at all, is refused with its name and a reason.
    wrong = tmp_path / "verkeerd.json"
    wrong.write_text(json.dumps({**content, "profile": "verbinder"}), encoding="utf-8")
    other.locator("#kb-scan-upload").set_input_files(str(wrong))
    expect(other.locator("#kb-scan-status")).to_contain_text("verkeerd.json: dit bestand hoort bij een andere zelfscan")
    broken = tmp_path / "<img src=x onerror=alert(1)>kapot.json"
    broken.write_text("{niet", encoding="utf-8")
    other.locator("#kb-scan-upload").set_input_files(str(broken))
    expect(other.locator("#kb-scan-status")).to_contain_text(
        "<img src=x onerror=alert(1)>kapot.json: dit bestand is geen geldig JSON-bestand.")
    assert other.locator("#kb-scan-status img").count() == 0  # a file name is text, never markup


@pytest.mark.parametrize(("scheme", "viewport"), [("light", DESKTOP), ("dark", PHONE), ("dark", DESKTOP), ("light", PHONE)],
                         ids=["light-1280", "dark-390", "dark-1280", "light-390"])
def test_team_view_from_three_files(open_context: Any, built_site: BuiltSite, site_url: str, tmp_path: Path,
                                    scheme: str, viewport: dict[str, int]) -> None:
    files, team = [], []
    for n in range(3):
        answers = _answers(built_site, "verbinder", shift=n * 5)
        team.append(answers)
        path = tmp_path / f"teamlid-{n + 1}.json"
        path.write_text(json.dumps({"format": "kennisbank-zelfscan", "version": 1, "profile": "verbinder",
                                    "date": "2026-12-01", "answers": answers}), encoding="utf-8")
        files.append(str(path))
    page = open_context(scheme, viewport).new_page()
    page.goto(site_url + "zelfscan/verbinder/")
    page.locator("#kb-team-files").set_input_files(files)
    expect(page.locator("#kb-team-status")).to_have_text("3 van de 3 bestanden gelezen.")
    table = page.locator("#kb-team-output table.kb-scan-table").nth(1)
    items = _items(built_site, "verbinder")
    rows = table.locator("tbody tr")
    assert rows.count() == len(items)
    values = [v for v, _, _ in scan.SCALE]
    for k, item in enumerate(items):
        cells = rows.nth(k).locator("td").all_inner_texts()
        assert cells[:len(values)] == [str(sum(1 for a in team if a[item.key] == v)) for v in values], item.key
    growth = page.locator("#kb-team-output ol.kb-scan-list > li")
    expected = []
    for item in items:
        counted = [int(a[item.key]) for a in team if a[item.key] != "?"]
        if counted and round(100 * sum(counted) / (3 * len(counted))) < 50:
            expected.append(item.label)
    assert sorted(growth.locator(":scope > strong").all_inner_texts()) == sorted(expected)
    assert growth.first.locator("a").count() >= 2  # the item's page and the trajectory at least
    assert _scan_keys(page) == []  # the team's files are read, not kept
    _no_axe(page, f"teamoverzicht ({scheme})")
    screenshot(page, f"zelfscan-team-{scheme}-{viewport['width']}")
    page.evaluate("document.getElementById('kb-team-output').scrollIntoView()")
    screenshot(page, f"zelfscan-team-{scheme}-{viewport['width']}-beeld", full_page=False)


def test_nothing_leaves_the_browser_and_no_cookie(open_context: Any, built_site: BuiltSite, site_url: str,
                                                 requests_seen: list[str], tmp_path: Path) -> None:
    ctx = open_context()
    page = ctx.new_page()
    page.goto(site_url + "zelfscan/verbinder/", wait_until="networkidle")
    answers = _answers(built_site, "verbinder")
    _walk(page, built_site, "verbinder", answers, phone=False)
    with page.expect_download() as info:
        page.locator("#kb-scan-download").click()
    info.value.save_as(tmp_path / "mijn.json")
    page.locator("#kb-team-files").set_input_files([str(tmp_path / "mijn.json")] * 3)
    expect(page.locator("#kb-team-status")).to_have_text("3 van de 3 bestanden gelezen.")
    page.locator("#kb-scan-upload").set_input_files(str(tmp_path / "mijn.json"))
    expect(page.locator("#kb-scan-status")).to_contain_text("antwoorden geladen uit mijn.json")
    page.reload(wait_until="networkidle")
    assert not foreign_requests(requests_seen, site_url), "\n".join(foreign_requests(requests_seen, site_url))
    assert ctx.cookies() == [] and page.evaluate("document.cookie") == ""
    assert "stuurt niets naar een server" in page.locator(".kb-scan-about").inner_text()


def test_the_chart_is_the_one_svg_py_draws(open_context: Any, site_url: str) -> None:
    page = open_context().new_page()
    page.goto(site_url + "zelfscan/verbinder/")
    bars = [["Onderwijsteams en beleidsmakers ondersteunen bij het verhelderen van de eigen vragen", 67],
            ["Kort", 0], ["Een gebied & <iets>", 100]]
    drawn = page.evaluate("([b]) => new XMLSerializer().serializeToString("
                          "window.kennisbankZelfscan.barChart('kb-x', 'Score per gebied', b, 100))", [bars])

    def shape(markup: str) -> list[tuple[str, dict[str, str], str]]:
        return [(e.tag.split('}')[-1], dict(e.attrib), (e.text or "").strip()) for e in ET.fromstring(markup).iter()]
    assert shape(drawn) == shape(str(svg.bar_chart("kb-x", "Score per gebied", [(n, v) for n, v in bars], top=100)))


def test_without_javascript_the_scan_is_a_checklist_with_links(open_context: Any, built_site: BuiltSite,
                                                               site_url: str) -> None:
    page = open_context(java_script_enabled=False).new_page()
    page.goto(site_url + "zelfscan/verbinder/")
    items = _items(built_site, "verbinder")
    assert page.locator(".kb-scan-item:visible").count() == len(items)
    assert page.locator("#kb-scan-nav").is_hidden() and page.locator("#kb-scan-team").is_hidden()
    for item in items:
        assert page.locator(f".kb-scan-item[data-item='{item.key}'] legend").inner_text() == item.label
        assert page.locator(f".kb-scan-item[data-item='{item.key}'] a").count() == 1
    screenshot(page, "zelfscan-zonder-javascript", full_page=False)


def test_the_printed_result_has_the_date_and_no_controls(open_context: Any, built_site: BuiltSite,
                                                         site_url: str) -> None:
    page = open_context().new_page()
    page.goto(site_url + "zelfscan/verbinder/")
    _set(page, _answers(built_site, "verbinder"))
    page.evaluate("document.getElementById('kb-scan-done').click()")
    page.emulate_media(media="print")
    assert page.locator("#kb-scan-date").is_visible()
    assert "Ingevuld op " in page.locator("#kb-scan-date").inner_text()
    for hidden in ("#kb-scan-download", "#kb-scan-files", "#kb-scan-team", "#kb-scan", ".md-header", ".md-sidebar"):
        assert page.locator(hidden).first.is_hidden(), hidden
    pdf = page.pdf(format="A4", print_background=False)
    (Path(__file__).resolve().parent.parent / "screenshots").mkdir(exist_ok=True)
    (Path(__file__).resolve().parent.parent / "screenshots" / "zelfscan-afdruk.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"{pages} pagina's: de uitslag past op een of twee A4'tjes"
