"""Text from YAML never becomes HTML or script on the site.

Every payload goes into every kind of text field: plain fields (titles, short names,
helps lines, list items, link labels, citation sections, Count values) and
Markdown fields (summaries, descriptions, note texts, item texts). What the
validator refuses is pinned per payload; everything it accepts is built into a
real site, whose HTML must then be inert: no script carrying a payload, no
``on*=`` attribute, no ``javascript:`` link, and no tag or attribute that the same
site without payloads does not have.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.data import core, text
from generator.data.yamlread import path_text

from .conftest import run_cli
from .fixture_data import fixture_project, search_pages

MARK = "kbxss"
PLAIN, MD = object(), object()
RAW, URL, IMG = "raw-html", "bad-url", "unsafe-markdown"

# (payload, codes when in a plain field, codes when in a Markdown field): () means accepted.
PAYLOADS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    (f"<script>alert('{MARK}')</script>", (RAW,), (RAW,)),
    (f"</title><script>alert('{MARK}')</script>", (RAW,), (RAW,)),
    (f"<img src=x onerror=alert('{MARK}')>", (RAW,), ()),
    (f"\"><svg onload=alert('{MARK}')>", (RAW,), ()),
    (f'<a href="https://www.voorbeeld.nl" onclick="alert(1)">{MARK}</a>', (RAW,), (RAW,)),
    (f"<!-- {MARK} --><style>body {{ display: none }}</style>", (RAW,), (RAW,)),
    (f"javascript:alert('{MARK}')", (), ()),
    (f"[{MARK}](javascript:alert('{MARK}'))", (), (URL,)),
    (f"[{MARK}](JaVaScRiPt:alert(1))", (), (URL,)),
    (f"[{MARK}](data:text/html;base64,PHNjcmlwdD4=)", (), (URL,)),
    (f"![{MARK}](javascript:alert('{MARK}'))", (IMG,), (IMG,)),
    (f"<javascript:alert('{MARK}')>", (RAW,), (URL,)),
    (f"[{MARK}]: javascript:alert(1)\n\n[klik][{MARK}]", (), (URL,)),
    (f'[{MARK}](https://www.voorbeeld.nl "x\\" onmouseover=alert(1)")', (), ()),
    (f"{MARK}\" onmouseover=\"alert('{MARK}')", (), ()),
    (f"{MARK}' onfocus='alert(1)' autofocus='", (), ()),
    (f"{{: onclick=\"alert('{MARK}')\" }}", (), ()),
    (f"{MARK}{{: .x onclick=alert(1) }}", (), ()),
    (f"&lt;script&gt;alert('{MARK}')&lt;/script&gt;", (RAW,), (RAW,)),
    (f"&#60;/title&#62;&#60;script&#62;alert('{MARK}')&#60;/script&#62;", (RAW,), (RAW,)),
    (f"%3Cscript%3Ealert('{MARK}')%3C/script%3E", (), ()),
    (f"*{MARK}* `{MARK}` | {MARK} | _{MARK}_ ~~{MARK}~~ ^{MARK}^", (), ()),
    (f"{MARK} < 3 > 2 & 'quotes' \"double\"", (), ()),
    # Issue 15, case 1: a tag written as entities, in every spelling; plain text shows entities as written.
    (f"&lt;img src=x onerror=alert('{MARK}')&gt; Zoekproef", (RAW,), (RAW,)),
    (f"&amp;lt;img src=x onerror=alert('{MARK}')&amp;gt;", (RAW,), (RAW,)),
    (f"&#x3C;svg onload=alert('{MARK}')&#x3E;", (RAW,), (RAW,)),
    (f"&#0060;iframe srcdoc=x&#0062;{MARK}", (RAW,), (RAW,)),
    (f"{MARK} &lt;3 &amp;amp; &#60;= &gt; &nbsp;", (), ()),
    # Issue 15, case 3: an image from another host, in a plain field too (helps was shown as Markdown).
    (f"![{MARK}](https://other.example/p.png)", (IMG,), (IMG,)),
    (f"![{MARK}][p]\n\n[p]: https://other.example/p.png", (IMG,), (IMG,)),
    # Template syntax is text: the pages are rendered before the data is put in them.
    (f"{{{{ {MARK} }}}} {{% raw %}} {{# x #}} ${{{MARK}}}", (), ()),
]
# Outward link addresses: (url, codes).
URLS: list[tuple[str, tuple[str, ...]]] = [
    (f"javascript:alert('{MARK}')", (URL,)),
    (" javascript:alert(1)", (URL,)),
    ("JAVASCRIPT:alert(1)", (URL,)),
    ("vbscript:msgbox(1)", (URL,)),
    ("data:text/html,<script>alert(1)</script>", (URL, RAW)),
    (f"https://www.voorbeeld.nl/\"><script>alert('{MARK}')</script>", (RAW,)),
    (f"https://www.voorbeeld.nl/{MARK}\" onmouseover=\"alert(1)", (URL,)),
    (f"https://www.voorbeeld.nl/{MARK}\"onmouseover=\"alert(1)\"", ()),
    (f"https://www.voorbeeld.nl/{MARK}?a=1&b='2'#x", ()),
]


def templates(i: int) -> dict[str, dict[str, Any]]:
    """One record per kind with every text field marked PLAIN or MD."""
    cite = [{"document": "impactanalyse", "section": PLAIN, "page": PLAIN}]
    rid = f"inj-{i}"
    return {
        "roles": {"id": rid, "title": PLAIN, "short": PLAIN, "synonyms": [PLAIN], "summary": MD,
                  "description": MD, "notes": [{"kind": "gap", "text": MD}], "cite": cite},
        "instruments": {"id": rid, "title": PLAIN, "helps": PLAIN, "summary": MD, "description": MD, "findings": MD,
                        "links": [{"url": f"https://www.voorbeeld.nl/{i}", "label": PLAIN, "listed_as": PLAIN}],
                        "notes": [{"kind": "remark", "text": MD, "field": "helps"}], "roles": [rid],
                        "related": ["toolkit-blended-leren"], "cite": cite},
        "programmes": {"id": rid, "title": PLAIN, "abbreviation": PLAIN, "period": PLAIN, "organisations": [PLAIN],
                       "focus": MD, "zones": [{"title": PLAIN, "text": MD}], "cite": cite},
        "trajectories": {"id": rid, "title": PLAIN, "period": PLAIN, "aim": MD, "roles": [rid],
                         "requirements": [{"title": PLAIN, "text": MD}],
                         "structure": [{"title": PLAIN, "text": MD, "themes": [PLAIN]}],
                         "participants": [{"label": PLAIN, "value": PLAIN, "year": PLAIN, "sector": "po"}],
                         "results": [PLAIN], "lessons": [PLAIN], "cite": cite},
        "leadership_themes": {"id": rid, "title": PLAIN, "questions": [PLAIN], "cite": cite},
        "examples": {"id": rid, "title": PLAIN, "setting": PLAIN, "goal": MD, "products": [PLAIN], "roles": [rid],
                     "cite": cite},
        "sources": {"id": rid, "title": PLAIN, "authors": PLAIN, "publisher": PLAIN, "licence": PLAIN,
                    "year": PLAIN, "cite": [{"document": rid, "section": PLAIN}]},
    }


def fill(value: Any, payload: str, path: tuple[str | int, ...], found: list[tuple[tuple[str | int, ...], object]]
         ) -> Any:
    """``value`` with PLAIN and MD replaced by ``payload``; their paths and kinds go to ``found``."""
    if value is PLAIN or value is MD:
        found.append((path, value))
        return payload
    if isinstance(value, dict):
        return {k: fill(v, payload, path + (k,), found) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, payload, path + (n,), found) for n, v in enumerate(value)]
    return value


FILES = {"roles": "contexts.yaml", "instruments": "instruments.yaml", "programmes": "programmes.yaml",
         "trajectories": "trajectories.yaml", "leadership_themes": "competencies.yaml",
         "examples": "examples.yaml", "sources": "sources.yaml"}


def inject(data: Path, *, drop_refused: bool) -> set[tuple[str, str]]:
    """Add the payload records to ``data``; return the (path, code) pairs the validator must report.

    With ``drop_refused`` a refused payload is written as harmless text instead, so the data is valid.
    """
    loaded = {name: yaml.safe_load((data / name).read_text(encoding="utf-8")) for name in set(FILES.values())}
    expected: set[tuple[str, str]] = set()
    for i, (payload, plain_codes, md_codes) in enumerate(PAYLOADS):
        for collection, template in templates(i).items():
            records = loaded[FILES[collection]][collection]
            found: list[tuple[tuple[str | int, ...], object]] = []
            record = fill(template, payload, (collection, len(records)), found)
            for path, kind in found:
                codes = plain_codes if kind is PLAIN else md_codes
                expected.update((path_text(path), code) for code in codes)
                if codes and drop_refused:
                    set_at(record, path[2:], "geweigerd")
            records.append(record)
    for j, (url, codes) in enumerate(URLS):
        instruments = loaded["instruments.yaml"]["instruments"]
        path = ("instruments", len(instruments), "links", 0, "url")
        expected.update((path_text(path), code) for code in codes)
        link = {"url": "https://www.voorbeeld.nl/geweigerd" if codes and drop_refused else url, "label": f"{MARK} {j}"}
        instruments.append({"id": f"inj-url-{j}", "title": f"Adres {j}", "helps": "Een link.", "links": [link],
                            "cite": [{"document": "impactanalyse", "section": "Bijlage 4"}]})
    for name, content in loaded.items():
        (data / name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=4096),
                                 encoding="utf-8")
    return expected


def set_at(record: Any, path: tuple[str | int, ...], value: str) -> None:
    for part in path[:-1]:
        record = record[part]
    record[path[-1]] = value


class Elements(HTMLParser):
    """Every (tag, attribute) pair, every attribute value, the text inside script elements and JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pairs: set[tuple[str, str]] = set()
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self.jsonld: list[str] = []  # data, never run: <script type="application/ld+json">
        self.text: list[str] = []
        self._in_script = False
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pairs.add((tag, ""))
        for name, value in attrs:
            self.pairs.add((tag, name))
            self.attributes.append((tag, name, value or ""))
        self._in_jsonld = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        self._in_script = tag == "script" and not self._in_jsonld
        if self._in_script:
            self.scripts.append(dict(attrs).get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)
        elif self._in_script:
            self.scripts.append(data)
        else:
            self.text.append(data)


def parsed_site(site: Path) -> Iterator[tuple[str, Elements]]:
    """Each HTML page of ``site``, and each page of the search index (Pagefind keeps text; the search box shows it
    as text, kennisbank-search.js)."""
    for page in sorted(site.rglob("*.html")):
        parser = Elements()
        parser.feed(page.read_text(encoding="utf-8"))
        yield page.relative_to(site).as_posix(), parser
    for url, fragment in search_pages(site).items():
        parser = Elements()
        title = htmllib.escape(str(fragment["meta"].get("title", "")))
        parser.feed(f"<h1>{title}</h1><article>{htmllib.escape(str(fragment['content']))}</article>")
        yield f"search:{url}", parser


def build(project: Path) -> Path:
    result = run_cli("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    assert result.code == 0, result.err
    return project / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture site without payloads, and with every accepted payload."""
    clean = fixture_project(tmp_path_factory.mktemp("clean") / "project")
    long_name(clean / "data")
    project = fixture_project(tmp_path_factory.mktemp("injected") / "project")
    long_name(project / "data")
    inject(project / "data", drop_refused=True)
    return build(clean), build(project)


@pytest.fixture(scope="module")
def unchecked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with every payload, also those the validator refuses, built with its text checks switched off:
    the pages, the theme's search and the data must hold to the text rule by themselves (defence in depth)."""
    project = fixture_project(tmp_path_factory.mktemp("unchecked") / "project")
    long_name(project / "data")
    inject(project / "data", drop_refused=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text, "check", lambda value: iter(()))
        patch.setattr(text, "check_plain", lambda value: [])
        patch.setattr(text, "url_problem", lambda url: "")
        return build(project)


def long_name(data: Path) -> None:
    """A role named at more length than a table header shows, as real data has (a learning goal is a sentence):
    the clean site then has the shortened header with its whole name as tooltip, which the payloads' long names
    get too."""
    contexts = data / "contexts.yaml"
    contexts.write_text(contexts.read_text(encoding="utf-8").replace(
        "title: Leraar of docent\n", "title: Leraar of docent die ict doelgericht inzet in het eigen onderwijs en de les\n", 1),
        encoding="utf-8")


def test_the_validator_refuses_exactly_the_pinned_payloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core, "MAX_PER_FILE", 10**6)  # every problem, not the first 50 of a kind per file
    project = fixture_project(tmp_path / "project")
    expected = inject(project / "data", drop_refused=False)
    problems = core.read([core.DataDir(project / "data")]).problems
    assert {(p.path, p.code) for p in problems} == expected
    assert len(expected) > 100


def test_accepted_payloads_reach_the_pages_as_text(sites: tuple[Path, Path]) -> None:
    _, site = sites
    for page in ("instrumenten/inj-6/index.html", "rollen/inj-6/index.html", "trajecten/inj-6/index.html",
                 "programmas/inj-6/index.html", "bronnen/inj-6/index.html"):
        parser = Elements()
        parser.feed((site / page).read_text(encoding="utf-8"))
        assert f"javascript:alert('{MARK}')" in "".join(parser.text), page


@pytest.mark.parametrize("which", ["checked", "unchecked"])
def test_no_script_event_handler_or_script_link_comes_from_the_data(which: str, request: pytest.FixtureRequest
                                                                    ) -> None:
    site = request.getfixturevalue("sites")[1] if which == "checked" else request.getfixturevalue("unchecked")
    for where, parser in parsed_site(site):
        assert not [(t, n, v) for t, n, v in parser.attributes if n in ("src", "srcset") and "//" in v
                    ], where  # nothing from another host: an image in the data is never shown
        assert not [s for s in parser.scripts if MARK in s], where
        for block in parser.jsonld:  # the data may be in there, as JSON that cannot end the element
            json.loads(block)
            assert "<" not in block, where
        assert not [(t, n) for t, n, _ in parser.attributes if n.startswith("on")], where
        assert not [(t, n, v) for t, n, v in parser.attributes if n in ("href", "src", "action", "formaction")
                    and v.strip().lower().startswith(("javascript:", "vbscript:", "data:"))], where


@pytest.mark.parametrize("which", ["checked", "unchecked"])
def test_payloads_add_no_tag_or_attribute_the_clean_site_lacks(which: str, sites: tuple[Path, Path],
                                                               request: pytest.FixtureRequest) -> None:
    clean, site = sites
    if which == "unchecked":
        site = request.getfixturevalue("unchecked")
    allowed: set[tuple[str, str]] = set()
    for _, parser in parsed_site(clean):
        allowed |= parser.pairs
    for where, parser in parsed_site(site):
        assert parser.pairs <= allowed, (where, sorted(parser.pairs - allowed))


def shown(html: str, pattern: str) -> str:
    """The text a reader sees in the first match of ``pattern`` (one group), entities decoded."""
    match = re.search(pattern, html, re.DOTALL)
    assert match, pattern
    return htmllib.unescape(" ".join(match.group(1).split()))


def test_titles_show_exactly_as_written(sites: tuple[Path, Path]) -> None:
    _, site = sites
    number = 27
    payload = PAYLOADS[number][0]  # text that looks like escaped HTML must stay that text
    assert payload.startswith(f"{MARK} &lt;3")
    html = (site / "rollen" / f"inj-{number}" / "index.html").read_text(encoding="utf-8")
    assert shown(html, r"<title>(.*?)</title>") == f"{payload} - Kennisbank onderwijsinnovatie met ict"
    assert shown(html, r'md-header__topic" data-md-component="header-topic">\s*<span class="md-ellipsis">(.*?)</span>'
                 ) == payload
    assert shown(html, r'<a href="./" class="md-nav__link md-nav__link--active">\s*<span class="md-ellipsis">(.*?)'
                 r"</span>") == payload
    quoted = (site / "instrumenten" / "inj-22" / "index.html").read_text(encoding="utf-8")
    assert shown(quoted, r'<meta name="description" content="([^"]*)"') == PAYLOADS[22][0]


class InlineScripts(HTMLParser):
    """Every script element that runs and has no src: what a policy without 'unsafe-inline' blocks."""

    DATA_TYPES = ("application/json", "application/ld+json")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._inline = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self._inline = tag == "script" and not attributes.get("src") and attributes.get("type") not in self.DATA_TYPES
        if self._inline:
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        self._inline = False

    def handle_data(self, data: str) -> None:
        if self._inline:
            self.found[-1] += data


def test_no_page_has_an_inline_script(sites: tuple[Path, Path]) -> None:
    """Issue 15, case 8: deploy/nginx/kennisbank.conf allows only the site's own script files, so a page with an
    inline script (the theme's, or one of a template) would not work there; the theme's are in assets/kennisbank/
    theme.js (generator/adapters/mkdocs/overrides/partials/javascripts/)."""
    clean, _ = sites
    for page in sorted(clean.rglob("*.html")):
        parser = InlineScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not parser.found, (page.relative_to(clean).as_posix(), [s[:80] for s in parser.found])
