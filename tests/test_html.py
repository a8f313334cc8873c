"""Every generated page is sound HTML for assistive technology: Dutch, one h1, headings in order, unique ids;
and no page loads anything from another host."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import BuiltSite

pytestmark = pytest.mark.build

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Attributes that make the browser fetch something by itself.
RESOURCES = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
             ("audio", "src"), ("embed", "src"), ("object", "data"), ("video", "poster")}
FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}


class PageFacts(HTMLParser):
    """What the checks need from one page: its language, ids, headings (in or out of <article>), resources."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.ids: list[str] = []
        self.headings: list[tuple[int, bool]] = []  # (level, inside the main article)
        self.resources: list[str] = []
        self._article_depth = 0
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        if "id" in a:
            self.ids.append(a["id"])
        if tag in HEADINGS:
            self.headings.append((HEADINGS[tag], self._article_depth > 0))
        self.resources += [a[attr] for t, attr in RESOURCES if t == tag and attr in a]
        if tag == "img" and "srcset" in a:
            self.resources += [part.split()[0] for part in a["srcset"].split(",") if part.strip()]
        if tag == "link" and FETCHED_LINKS & set(a.get("rel", "").split()):
            self.resources.append(a.get("href", ""))
        if tag in VOID:
            return
        self._depth += 1
        if tag == "article" or self._article_depth:
            self._article_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        self._depth -= 1
        if self._article_depth:
            self._article_depth -= 1


def page_problems(html: str) -> list[str]:
    """Every problem of one page, in Dutch; empty when the page is sound."""
    facts = PageFacts()
    facts.feed(html)
    problems = []
    if facts.lang != "nl":
        problems.append(f"<html lang> is {facts.lang!r}, niet 'nl'")
    duplicates = sorted({i for i in facts.ids if facts.ids.count(i) > 1})
    if duplicates:
        problems.append(f"dubbele id's: {', '.join(duplicates)}")
    h1s = sum(1 for level, _ in facts.headings if level == 1)
    if h1s != 1:
        problems.append(f"{h1s} h1-koppen in plaats van precies één")
    previous = 0
    for level, in_article in facts.headings:
        if in_article and level > previous + 1:
            problems.append(f"kop h{level} na h{previous} (niveau overgeslagen)" if previous else
                            f"de inhoud begint met h{level} in plaats van h1")
        if in_article:
            previous = level
    foreign = [r for r in facts.resources if urlsplit(r).netloc or urlsplit(r).scheme in ("http", "https")]
    if foreign:
        problems.append(f"laadt iets van een andere host: {', '.join(foreign)}")
    return problems


def site_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_every_page_is_sound(built_site: BuiltSite) -> None:
    pages = site_pages(built_site.root)
    assert len(pages) > 50
    found = {p.relative_to(built_site.root).as_posix(): page_problems(p.read_text(encoding="utf-8")) for p in pages}
    report = "\n".join(f"{page}: {problem}" for page, problems in found.items() for problem in problems)
    assert not report, report


def test_no_stylesheet_fetches_from_another_host(built_site: BuiltSite) -> None:
    css = sorted(built_site.root.rglob("*.css"))
    assert css
    offending = [c.relative_to(built_site.root).as_posix() for c in css
                 if "url(http" in c.read_text(encoding="utf-8").replace('"', "").replace("'", "")
                 or "@import" in c.read_text(encoding="utf-8")]
    assert not offending, offending


# The checker itself, on small pages with exactly one fault each.
SOUND = ('<html lang="nl"><body><nav><h2>Menu</h2></nav><article><h1>Titel</h1><h2 id="a">A</h2>'
         '<h3>A1</h3><h2>B</h2></article></body></html>')


@pytest.mark.parametrize(("html", "problem"), [
    (SOUND.replace('lang="nl"', 'lang="en"'), "<html lang> is 'en', niet 'nl'"),
    (SOUND.replace("<h3>A1</h3>", '<h3 id="a">A1</h3>'), "dubbele id's: a"),
    (SOUND.replace("<h3>A1</h3>", "<h1>Nog een</h1>"), "2 h1-koppen in plaats van precies één"),
    (SOUND.replace("<h3>A1</h3>", "<h4>A1</h4>"), "kop h4 na h2 (niveau overgeslagen)"),
    (SOUND.replace("<h1>Titel</h1>", "<h2>Titel</h2><h1>Titel</h1>"), "de inhoud begint met h2 in plaats van h1"),
    (SOUND.replace("<h2>B</h2>", '<img src="https://example.org/p.png" alt="">'),
     "laadt iets van een andere host: https://example.org/p.png"),
    (SOUND.replace("</body>", '<link rel="stylesheet" href="//cdn.example.org/x.css"></body>'),
     "laadt iets van een andere host: //cdn.example.org/x.css"),
])
def test_checker_finds_each_fault(html: str, problem: str) -> None:
    assert page_problems(SOUND) == []
    assert page_problems(html) == [problem]
