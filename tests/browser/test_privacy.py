"""No request leaves the local server while a reader opens every kind of page and uses the search."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from ..conftest import BuiltSite
from .fixtures import PAGE_TYPES, foreign_requests, record_url

pytestmark = pytest.mark.browser


def test_no_request_goes_to_another_host(page: Page, built_site: BuiltSite, site_url: str,
                                         requests_seen: list[str]) -> None:
    kb = built_site.kb
    paths = [t.path if not t.kind else record_url(t.kind, kb.records(t.kind)[0].id)
             for t in PAGE_TYPES if not t.kind or kb.records(t.kind)]
    for path in paths:
        page.goto(site_url + path, wait_until="networkidle")
    page.locator("input.kb-search__input").click()
    page.locator("input.kb-search__input").press_sequentially("ict", delay=20)
    page.locator(".kb-search__result").first.wait_for()
    visited = {url.split("?")[0] for url in requests_seen}
    assert {site_url + p for p in paths} <= visited
    assert any(url.endswith("/pagefind/pagefind.js") for url in visited), "de zoekindex is niet geladen"
    assert not foreign_requests(requests_seen, site_url), "\n".join(foreign_requests(requests_seen, site_url))
