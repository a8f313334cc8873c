"""The site's search index: Pagefind over what a reader searches of each built page, after any build.

Works on a built site folder, whatever built it. Of each page it keeps the ``<article>`` (the page's own
text) without what readers do not search: the charts (``<figure class="kb-figure">``: the SVG and the table
of its numbers) and any other SVG, navigation, scripts, forms, and every element
marked ``data-search-exclude`` or ``data-pagefind-ignore`` (link lists, notes on the source, web addresses;
on a heading: its whole section). A page whose ``<meta name="kb-search" content="exclude">`` says so is left
out (the finder: every instrument is found on its own page). ``<meta name="kb-search-names">`` holds the names
that should find the page first (generator/site/pages.py, ``search_tags``): they are indexed at Pagefind's highest
weight, with their synonyms (searchwords.py). Compound words are marked for Pagefind by the site's own words.

The reduced pages are written to a temporary folder and indexed there by the Pagefind binary pinned in
requirements.lock (``pagefind-bin``); the index goes to ``pagefind/`` in the site. Pagefind 1.5 holds about
seventy bytes of memory for every character of text it indexes (161 MB for 2.3 million, measured), so a large
site is indexed in parts ("bundles") of about BUNDLE_TEXT characters, one Pagefind run after the other: the
first in ``pagefind/``, the others in ``pagefind/deel-2/`` and on, listed in ``pagefind/kb-bundles.json``.
The search box merges them (Pagefind's ``mergeIndex``), so a reader sees one list. A page's bundle follows
from its address alone, so each bundle is a fair mix of the site's pages (Pagefind ranks within a bundle by
how rare a word is in it).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.adapters.pagefind import searchwords

OUTPUT = "pagefind"
# The names that find a page first, as the search box compares them with a whole query (searchwords.normal):
# the names of the pages that weigh more (roles, sectors, purposes) and every page's synonyms.
NAMES = "kb-names.json"
NAMES_WEIGHT = "10"  # Pagefind's highest; a page's h1 weighs 7
# The other bundles than the first, for the search box: a list of folders relative to pagefind/.
BUNDLES = "kb-bundles.json"
BUNDLE_TEXT = 5_000_000  # characters of page text per Pagefind run: at most about 360 MB of Pagefind's memory

_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S | re.I)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
_META = re.compile(r'<meta name="kb-search(-[a-z]+)?" content="([^"]*)"\s*/?>', re.I)
_DROP_TAGS = ("svg", "script", "style", "nav", "form", "template", "noscript", "button", "select", "textarea")
_MARKED = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\s(?:data-search-exclude|data-pagefind-ignore|class=\"kb-figure\")[^>]*>")
_HEADING = re.compile(r"<h([1-6])\b", re.I)
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TEXT = re.compile(r">([^<]+)<")
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Reduced:
    """What the search index gets of one page."""

    title: str
    names: list[str]
    body: str  # the article's HTML without what readers do not search
    boost: float = 1.0  # above 1: a page whose names find it first (a role, sector or purpose)


@dataclass(frozen=True)
class Stats:
    """One indexing run: pages indexed, seconds, the Pagefind process's peak memory, the index's bytes."""

    pages: int
    seconds: float
    peak_bytes: int
    index_bytes: int
    compounds: int


def _element_end(page: str, start: int, tag: str) -> int:
    """The end of the element of ``tag`` that opens at ``start`` (its closing tag's end; the page's end when
    it is never closed)."""
    opening_end = page.find(">", start)
    if tag.lower() in _VOID or page[opening_end - 1] == "/":
        return opening_end + 1
    nesting = re.compile(rf"<(/?){tag}\b[^>]*>", re.I)
    depth = 0
    for match in nesting.finditer(page, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(page)


def _cut_elements(page: str, pattern: re.Pattern[str]) -> str:
    """``page`` without each element whose opening tag ``pattern`` matches (group 1: its tag name); a heading
    goes with its section, up to the next heading of the same or a higher level."""
    out, at = [], 0
    while True:
        match = pattern.search(page, at)
        if match is None:
            break
        tag = match.group(1)
        end = _element_end(page, match.start(), tag)
        heading = re.fullmatch(r"[hH]([1-6])", tag)
        if heading:
            level = int(heading.group(1))
            end = next((h.start() for h in _HEADING.finditer(page, end) if int(h.group(1)) <= level), len(page))
        out.append(page[at:match.start()])
        at = end
    out.append(page[at:])
    return "".join(out)


_DROP = re.compile(r"<(" + "|".join(_DROP_TAGS) + r")\b[^>]*>", re.I)


def reduce_page(page: str) -> Reduced | None:
    """What a reader searches of a built page, or None when the page has nothing to search."""
    head = page[: page.find("<body")] if "<body" in page else ""
    meta = {name or "": html.unescape(value) for name, value in _META.findall(head)}
    if meta.get("") == "exclude":
        return None
    article = _ARTICLE.search(page)
    if article is None:
        return None
    body = _cut_elements(article.group(1), _MARKED)
    body = _cut_elements(body, _DROP)
    title = _H1.search(body)
    if title is None:
        return None
    names = [n for n in meta.get("-names", "").split("\n") if n.strip()]
    try:
        boost = float(meta.get("-boost", "1"))
    except ValueError:
        boost = 1.0
    return Reduced(html.unescape(_TAGS.sub("", title.group(1))).strip(), names, body, boost)


def _text(body: str) -> str:
    return " ".join(html.unescape(t) for t in _TEXT.findall(">" + body + "<"))


def page_text(reduced: Reduced) -> str:
    """A page's words as the index counts them: its text and its names (what BUNDLE_TEXT measures)."""
    return _text(reduced.body) + " " + " ".join(reduced.names)


def _document(reduced: Reduced, splits: dict[str, list[str]]) -> str:
    """The page as Pagefind reads it: its title and text, its compounds split, its names at the highest weight."""
    body = reduced.body
    parts = searchwords.split_compounds(page_text(reduced), splits)
    if parts:
        body += f"<p>{html.escape(' '.join(parts), quote=False)}</p>"
    names = reduced.names + searchwords.with_synonyms([reduced.title, *reduced.names])[len(reduced.names) + 1:]
    block = ""
    if names:
        shown = html.escape(" · ".join(names), quote=False)
        block = f'<p data-pagefind-weight="{NAMES_WEIGHT}">{shown}</p>'
    body += block  # last: an excerpt shows the page's own text where it matches as well
    return ('<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>'
            + html.escape(reduced.title) + "</title></head><body><main data-pagefind-body>" + body
            + "</main></body></html>")


def _pages(site: Path) -> Iterator[tuple[Path, Reduced]]:
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] == OUTPUT or relative.name == "404.html":
            continue
        reduced = reduce_page(path.read_text(encoding="utf-8"))
        if reduced is not None:
            yield relative, reduced


def pagefind_binary() -> Path:
    """The Pagefind binary of the pinned ``pagefind-bin`` package."""
    from pagefind_bin import get_executable

    return Path(get_executable())


def bundle_count(text_chars: int) -> int:
    """How many Pagefind runs a site with ``text_chars`` characters of reduced pages is indexed in."""
    return max(1, -(-text_chars // BUNDLE_TEXT))


def bundle_of(url: str, bundles: int) -> int:
    """The bundle (0 is the first) a page's address puts it in: the same on every build."""
    return zlib.crc32(url.encode("utf-8")) % bundles


def bundle_folder(bundle: int) -> str:
    """The folder of a bundle, relative to pagefind/ ("" for the first)."""
    return f"deel-{bundle + 1}/" if bundle else ""


def index_site(site: Path) -> Stats:
    """Index the built site in ``site`` into ``site/pagefind/``; raise RuntimeError with Pagefind's words when
    it fails."""
    started = time.perf_counter()
    chars = 0

    def texts() -> Iterator[str]:
        nonlocal chars
        for _, r in _pages(site):
            text = page_text(r)
            chars += len(text)
            yield text
    splits = searchwords.compounds(searchwords.vocabulary(texts()))
    bundles = bundle_count(chars)
    work = Path(tempfile.mkdtemp(prefix=".zoekindex-", dir=site.parent))
    exact: dict[str, list[str]] = {}
    output = site / OUTPUT
    peak = 0
    try:
        count = 0
        for relative, reduced in _pages(site):
            url = "/" + relative.as_posix().removesuffix("index.html")
            synonyms = searchwords.with_synonyms([reduced.title, *reduced.names])[len(reduced.names) + 1:]
            for name in (reduced.names if reduced.boost > 1 else []) + synonyms:
                exact.setdefault(searchwords.normal(name), [url, reduced.title])
            target = work / str(bundle_of(url, bundles)) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_document(reduced, splits), encoding="utf-8")
            count += 1
        shutil.rmtree(output, ignore_errors=True)
        for bundle in range(bundles):  # the first first: Pagefind may empty its output folder
            pages = work / str(bundle)
            pages.mkdir(exist_ok=True)
            used, _ = _run([str(pagefind_binary()), "--site", str(pages), "--output-path",
                            str((output / bundle_folder(bundle)).resolve()), "--force-language", "nl", "--quiet"])
            peak = max(peak, used)
            if bundle:  # a merged bundle is read with the first one's script and WebAssembly
                for unused in (output / bundle_folder(bundle)).glob("*.*"):
                    if unused.is_file() and not unused.name.endswith((".json", ".pf_meta")):
                        unused.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (output / NAMES).write_text(json.dumps(exact, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    (output / BUNDLES).write_text(json.dumps([bundle_folder(b) for b in range(1, bundles)]), encoding="utf-8")
    size = sum(f.stat().st_size for f in output.rglob("*") if f.is_file())
    return Stats(count, time.perf_counter() - started, peak, size, len(splits))


def _run(command: list[str]) -> tuple[int, str]:
    """Run ``command``; its peak resident memory in bytes and its output. RuntimeError when it fails."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"Pagefind kon de zoekindex niet maken:\n{output.strip()}")
    return usage.ru_maxrss * 1024, output


if __name__ == "__main__":  # python -m generator.adapters.pagefind.searchindex SITE: index a built site (bench/search.py times it)
    import sys

    done = index_site(Path(sys.argv[1]))
    print(json.dumps({"pages": done.pages, "seconds": done.seconds, "pagefind_peak_bytes": done.peak_bytes,
                      "index_bytes": done.index_bytes, "compounds": done.compounds}))
