"""Browser fixtures, registered for every test module by tests/conftest.py.

The site is built once per session (``built_site``), served on 127.0.0.1 by a
threaded ``http.server`` (``site_url``) and opened in Debian's Chromium, launched
once per session (``browser``). Each test gets a fresh ``context`` and ``page``;
``requests_seen`` lists every URL the context requested.

Keep these names stable: other test modules (tests/test_finder.py) use them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from generator.data.model import Term
from generator.site import views

from ..conftest import BuiltSite

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


@dataclass(frozen=True)
class PageType:
    """A kind of page on the site: either the first record of a kind, or one fixed page."""

    name: str
    kind: str = ""
    path: str = ""  # URL path below the site root, for pages that are not records


PAGE_TYPES: tuple[PageType, ...] = (
    PageType("home", path=""),
    PageType("role", "role"),
    PageType("sector", "sector"),
    PageType("purpose", "purpose"),
    PageType("instrument", "instrument"),
    PageType("competency", "competency"),
    PageType("learning_goal", "learning_goal"),
    PageType("leadership_theme", "leadership_theme"),
    PageType("trajectory", "trajectory"),
    PageType("example", "example"),
    PageType("finder", path="instrumenten/"),
    PageType("map", path="samenhang/"),
    PageType("map_view", path="samenhang/rollen/"),
    PageType("editor_guide", path="bijdragen/"),
    PageType("glossary", path="begrippen/"),
    PageType("question", "question"),
    PageType("guide", path="wegwijzer/"),
    PageType("guide_questions", path="wegwijzer/leraar/mbo/"),
    PageType("guide_none", path="wegwijzer/procesbegeleider/wo/"),  # no questions for the pair: the role's others
    PageType("zelfscan", path="zelfscan/verbinder/"),
    PageType("section", path="competenties-en-leerdoelen/"),  # a section of the navigation (site/sections.py)
    PageType("classifications", path="indelingen/"),
    PageType("classification", "instrument_type"),  # a value of a classification, outside the navigation
)


def record_url(kind: str, rid: str) -> str:
    """The URL path of a record's page, relative to the site root."""
    return views.record_path(kind, rid).partition("#")[0].removesuffix(".md") + "/"


def url_path_of(site: BuiltSite, page_type: PageType) -> str:
    """The URL path of one page of this type; skips the test when the knowledge base has none yet."""
    if not page_type.kind:
        return page_type.path
    records = site.kb.records(page_type.kind)
    if not records:
        pytest.skip(f"de kennisbank heeft nog geen records van soort '{page_type.kind}', dus geen "
                    f"{page_type.name}-pagina om te testen")
    return record_url(page_type.kind, records[0].id)


def verbinder(site: BuiltSite) -> Term:
    """The role the search tests look for: 'verbinder', or the first role when the data has no such role."""
    roles = site.kb.records("role")
    role = next((r for r in roles if r.id == "verbinder"), roles[0])
    assert isinstance(role, Term)
    return role


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the stdlib's name)
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """The base URL (ending in '/') of ``folder``, served on 127.0.0.1 on a free port while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    """The base URL (ending in '/') of the built site, served on 127.0.0.1 on a free port."""
    with served(built_site.root) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, launched once per session (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt; installeer het Debian-pakket chromium (make system).")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def requests_seen() -> list[str]:
    """Every URL requested by the test's browser context, in order."""
    return []


@pytest.fixture
def context(browser: Browser, requests_seen: list[str]) -> Iterator[BrowserContext]:
    """A fresh desktop context in Dutch, light colour scheme, reduced motion (no transitions)."""
    ctx = browser.new_context(locale="nl-NL", viewport=DESKTOP, color_scheme="light", reduced_motion="reduce")
    ctx.set_default_timeout(10_000)
    ctx.on("request", lambda request: requests_seen.append(request.url))
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A new page in the test's own context."""
    return context.new_page()


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot to tests/screenshots/ (git-ignored) for people to look at; return its path."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def foreign_requests(urls: list[str], site_url: str) -> list[str]:
    """The requested URLs that left the local server (inline data: and blob: URLs never do)."""
    local = urlsplit(site_url).netloc
    return [u for u in urls if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != local]
