"""Every link in the built site works: internal links and #anchors resolve; external links are well formed;
every record page can be reached from the home page. (External links are checked online by `make linkcheck`.)"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.site import views

from .conftest import BuiltSite

pytestmark = pytest.mark.build

LINKING = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"),
           ("iframe", "src"), ("form", "action")}
EXTERNAL_SCHEMES = {"http", "https", "mailto"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.links += [a[attr] for t, attr in LINKING if t == tag and attr in a]
        self.anchors.update(a[k] for k in ("id",) if k in a)
        if tag == "a" and "name" in a:
            self.anchors.add(a["name"])


@dataclass
class Site:
    """The built site read once: every page's links and anchors, keyed by its path below the root."""

    root: Path
    links: dict[str, list[str]] = field(default_factory=dict)
    anchors: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path) -> Site:
        site = cls(root)
        for page in sorted(root.rglob("*.html")):
            parsed = _Links()
            parsed.feed(page.read_text(encoding="utf-8"))
            key = page.relative_to(root).as_posix()
            site.links[key], site.anchors[key] = parsed.links, parsed.anchors
        return site

    def target(self, page: str, path: str) -> str | None:
        """The file a relative link from ``page`` opens (a folder means its index.html), or None."""
        if not path:
            return page
        base = "" if path.startswith("/") else posixpath.dirname(page)  # 404.html links from the root
        joined = posixpath.normpath(posixpath.join(base, unquote(path).lstrip("/")))
        if joined.startswith(".."):
            return None
        file = self.root / joined
        if file.is_dir():
            file = file / "index.html"
        return file.relative_to(self.root).as_posix() if file.is_file() else None


def link_problems(site: Site) -> list[str]:
    """Every broken link of the site, as 'page: link: what is wrong' (Dutch)."""
    problems = []
    for page, links in site.links.items():
        for link in links:
            wrong = external_problem(link) if urlsplit(link).scheme or link.startswith("//") else \
                internal_problem(site, page, link)
            if wrong:
                problems.append(f"{page}: {link}: {wrong}")
    return problems


def external_problem(link: str) -> str:
    parts = urlsplit(link)
    if parts.scheme not in EXTERNAL_SCHEMES:
        return f"schema '{parts.scheme}' is niet toegestaan (alleen http, https, mailto)"
    if parts.scheme == "mailto":
        return "" if "@" in parts.path else "geen e-mailadres"
    host = parts.hostname or ""
    if not host or " " in parts.netloc or "." not in host:
        return "geen geldige host"
    return ""


def internal_problem(site: Site, page: str, link: str) -> str:
    parts = urlsplit(link)
    target = site.target(page, parts.path)
    if target is None:
        return "de pagina of het bestand bestaat niet"
    anchor = unquote(parts.fragment)
    if anchor and target.endswith(".html") and anchor not in site.anchors[target]:
        return f"het anker #{anchor} bestaat niet op {target}"
    return ""


def reachable(site: Site, start: str = "index.html") -> set[str]:
    """The pages a reader reaches from ``start`` by following links."""
    seen, todo = {start}, [start]
    while todo:
        page = todo.pop()
        for link in site.links[page]:
            parts = urlsplit(link)
            target = None if parts.scheme or parts.netloc else site.target(page, parts.path)
            if target and target.endswith(".html") and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


@pytest.fixture(scope="module")
def site(built_site: BuiltSite) -> Site:
    return Site.read(built_site.root)


def test_every_link_and_anchor_resolves(site: Site) -> None:
    assert sum(len(links) for links in site.links.values()) > 1000
    problems = link_problems(site)
    assert not problems, "\n".join(problems)


def test_every_record_page_is_reachable_from_the_home_page(site: Site, built_site: BuiltSite) -> None:
    pages = {views.record_path(kind, r.id).partition("#")[0].removesuffix(".md") + "/index.html"
             for kind, records in built_site.kb.by_kind.items() for r in records}
    assert pages
    orphans = sorted(pages - reachable(site))
    assert not orphans, "niet bereikbaar vanaf de startpagina:\n" + "\n".join(orphans)


# The checker itself, on a tiny site with one fault of each kind.
def navigation_html(site: Site, page: str) -> str:
    """The page's main navigation (its left sidebar)."""
    html = (site.root / page).read_text(encoding="utf-8")
    start = html.index('data-md-type="navigation"')
    return html[start:html.index('data-md-type="toc"', start)]


def navigation_targets(site: Site, page: str) -> list[str]:
    """Where the links of a page's main navigation lead (files below the site root), in order, each once
    (a page in the navigation links to itself more than once)."""
    hrefs = re.findall(r'href="([^"]*)"', navigation_html(site, page))
    return list(dict.fromkeys(site.target(page, urlsplit(h).path) or f"(kapot: {h})" for h in hrefs))


def test_the_navigation_leads_to_the_same_places_from_every_page(site: Site, built_site: BuiltSite) -> None:
    """Record pages outside the navigation share one made per folder (overrides/partials/nav.html and
    kennisbank-per-folder.html), with the folder's overview marked; its links must lead where those of the home
    page lead, from every folder and depth. A page in the navigation also opens its own section (navigation.prune leaves the others closed)."""
    home = navigation_targets(site, "index.html")
    assert len(home) >= 8  # one per section
    records = {views.record_path(kind, r.id).partition("#")[0].removesuffix(".md") + "/index.html"
               for kind, rs in built_site.kb.by_kind.items() for r in rs}
    assert len(records) > 200
    # Each opens its folder's section, as its overview does (issue #18: the reader sees where the page belongs).
    assert [p for p in sorted(records) if not set(home) <= set(navigation_targets(site, p))] == []
    opened = [p for p in sorted(records) if "md-nav__item--active" in navigation_html(site, p)]
    assert len(opened) > 150  # all but those whose folder has no overview in the navigation (bronnen, ...)
    assert [p for p in site.links if p.endswith("index.html") and not set(home) <= set(navigation_targets(site, p))] \
        == []


def tabs_targets(site: Site, page: str) -> list[str]:
    """Where the links of a page's tabs (the sections across the top) lead, in order."""
    html = (site.root / page).read_text(encoding="utf-8")
    start = html.index('<nav class="md-tabs"')
    hrefs = re.findall(r'href="([^"]*)"', html[start:html.index("</nav>", start)])
    return [site.target(page, urlsplit(h).path) or f"(kapot: {h})" for h in hrefs]


def theme_config(site: Site, page: str) -> list[str]:
    """Where the addresses in the theme's configuration of a page lead: the site's root, the search worker."""
    html = (site.root / page).read_text(encoding="utf-8")
    found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    assert found, page
    config = json.loads(found.group(1))
    # Relative, as every address on a page: the site may be served from a sub-path (content/zelf-hosten.md).
    return [f"(niet relatief: {address})" if address.startswith("/") else site.target(page, address) or "(kapot)"
            for address in (config["base"].rstrip("/") + "/index.html", config["search"])]


def test_the_tabs_and_the_theme_configuration_lead_to_the_same_places_from_every_page(site: Site) -> None:
    """Both are made once per folder or depth for the pages that share them (overrides/partials/tabs.html,
    overrides/main.html); from every page they must lead where the home page's lead."""
    pages = [p for p in sorted(site.links) if p.endswith("index.html")]
    assert len(pages) > 200
    home_tabs, home_config = tabs_targets(site, "index.html"), theme_config(site, "index.html")
    assert len(home_tabs) >= 5 and home_config == ["index.html", home_config[1]] and "search" in home_config[1]
    assert [p for p in pages if tabs_targets(site, p) != home_tabs] == []
    assert [p for p in pages if theme_config(site, p) != home_config] == []


def test_checker_finds_broken_links_anchors_and_malformed_urls(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<h1 id="top">Start</h1><a href="a/">a</a> <a href="a/#deel">deel</a> <a href="a/#weg">weg</a> '
        '<a href="b/">b</a> <a href="#top">top</a> <a href="#nergens">nergens</a> '
        '<a href="https://example.org/x">goed</a> <a href="https:///x">geen host</a> '
        '<a href="javascript:alert(1)">js</a> <a href="mailto:redactie">mail</a> <a href="../buiten/">buiten</a> '
        '<a href="/a/#deel">vanaf de wortel</a> <a href="/c/">c</a>',
        encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="deel">Deel</h2><a href="../">terug</a>', encoding="utf-8")
    (tmp_path / "wees.html").write_text("<p>niemand linkt hierheen</p>", encoding="utf-8")
    site = Site.read(tmp_path)
    assert link_problems(site) == [
        "index.html: a/#weg: het anker #weg bestaat niet op a/index.html",
        "index.html: b/: de pagina of het bestand bestaat niet",
        "index.html: #nergens: het anker #nergens bestaat niet op index.html",
        "index.html: https:///x: geen geldige host",
        "index.html: javascript:alert(1): schema 'javascript' is niet toegestaan (alleen http, https, mailto)",
        "index.html: mailto:redactie: geen e-mailadres",
        "index.html: ../buiten/: de pagina of het bestand bestaat niet",
        "index.html: /c/: de pagina of het bestand bestaat niet",
    ]
    assert reachable(site) == {"index.html", "a/index.html"}
