"""Measure how the built site's pages read: content against provenance, page lengths, names and Dutch.

Run on a built site folder (``kennisbank build`` or ``make site``):

    .venv/bin/python -m bench.reader_pages site --label after [--notes tests/fixtures/reader-notes-before.json]

It prints the figures of issue #18 and writes them to ``bench/results/reader-pages-LABEL.json``:

- above the first screen of every instrument page at 390 × 844 in Chromium: words of the content against words of
  the account of the sources (the notes, the sources, the editorial marks, the pointer to them);
- occurrences of "redactioneel" and "hiaat" outside the Verantwoording sections, in every page's visible text;
- links and words of every role page's article;
- page heights at 390 px of the home page, a role, the mbo page and an instrument page;
- instrument titles (the page's h1) that keep the source's "Product/Publicatie/Project" prefix or a damaged word;
- occurrences of ".:" in every page's visible text.

``--notes FILE`` also writes every page's notes and editorial marks (:func:`page_notes`), the set that
tests/test_reader_pages.py compares with the pages of a later build.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
# Classes of the elements that give account of the sources (before and after issue #18).
PROVENANCE = ("kb-note", "kb-notes-pointer", "kb-editorial", "kb-sources", "kb-verantwoording", "kb-about", "kb-ed")
VERANTWOORDING = "kb-verantwoording"
PREFIX = re.compile(r"^(Product|Publicatie|Project)\s")
# Words the text extraction of the source damaged (issue #18), and title case of English.
DAMAGED = re.compile(r"evidenceinformed|ictbekwaamheid|pdgtrajecten|Bewegings-sensor|Sleutelopgaven Voor|"
                     r"\b[a-z]+(?:met|van|voor|in)[A-Z]\w*")
SKIP = {"script", "style", "template", "svg"}
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "area", "base", "col", "embed", "track"}
BLOCK = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "td", "th", "summary", "div", "figcaption"}


class _Page(HTMLParser):
    """One page's article: its text in and outside the Verantwoording, its links, title, notes and marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, set[str]]] = []
        self.outside: list[str] = []  # visible body text outside the Verantwoording
        self.article: list[str] = []
        self.account: list[str] = []  # article text that gives account of the sources (PROVENANCE)
        self.links = 0
        self.h1: list[str] = []
        self.notes: list[list[str]] = []  # each note: [title, text]
        self.marks: list[str] = []  # the label of every editorial mark
        self.blocks: list[list[str]] = []  # text of the open block elements, for a mark's label
        self.mark_at: list[tuple[int, int]] = []  # (block depth, text length at the mark)

    def _classes(self, name: str) -> bool:
        return any(name in c for _, c in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if tag in VOID:
            return
        self.stack.append((tag, classes))
        if tag == "a" and self._in("article") and dict(attrs).get("href"):
            self.links += 1
        if "kb-note" in classes:
            self.notes.append(["", ""])
        if tag in BLOCK:
            self.blocks.append([])
        if classes & {"kb-editorial", "kb-ed"}:
            self.marks.append(_label("".join(self.blocks[-1]) if self.blocks else ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack:
            name, _ = self.stack.pop()
            if name in BLOCK and self.blocks:
                self.blocks.pop()
            if name == tag:
                break

    def _in(self, tag: str) -> bool:
        return any(t == tag for t, _ in self.stack)

    def handle_data(self, data: str) -> None:
        # a glossary word's explanation (kb-term__tip) is hidden until the reader points at the word
        if any(t in SKIP for t, _ in self.stack) or not self._in("body") or self._classes("kb-term__tip"):
            return
        if not self._classes(VERANTWOORDING):
            self.outside.append(data)
        if self._in("article"):
            self.article.append(data)
            if any(c & set(PROVENANCE) for _, c in self.stack):
                self.account.append(data)
        if self._in("h1"):
            self.h1.append(data)
        if self.notes and self._classes("kb-note"):
            part = 0 if self._classes("admonition-title") else 1
            self.notes[-1][part] += data
        if not any(c & {"kb-editorial", "kb-ed"} for _, c in self.stack):
            for b in self.blocks:
                b.append(data)


def _label(text: str) -> str:
    """The label an editorial mark stands after: its block's text before it, without a trailing colon."""
    return " ".join(text.split()).rstrip(":").strip()


def _words(text: str) -> int:
    return len(re.findall(r"\w[\w'’-]*", text))


def read(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def pages(site: Path) -> dict[str, Path]:
    """Every HTML page of the site by its URL path ('' for home), without the 404 page."""
    found = {}
    for f in sorted(site.rglob("index.html")):
        rel = f.parent.relative_to(site).as_posix()
        found["" if rel == "." else rel + "/"] = f
    return found


def page_notes(site: Path) -> dict[str, dict[str, list[str]]]:
    """Per page: its notes ('title: text') and the labels of its editorial marks, each sorted, without
    duplicates."""
    out = {}
    for url, f in pages(site).items():
        p = read(f)
        notes = sorted({f"{' '.join(t.split())}: {' '.join(x.split())}" for t, x in p.notes})
        marks = sorted(set(p.marks))
        if notes or marks:
            out[url] = {"notes": notes, "marks": marks}
    return out


def static_figures(site: Path) -> dict[str, object]:
    red = hia = colon = 0
    roles: dict[str, dict[str, int]] = {}
    titles_bad: list[str] = []
    instruments = 0
    whole = [0, 0]  # words of the instrument pages' articles: all, and those that give account of the sources
    for url, f in pages(site).items():
        p = read(f)
        text = " ".join(p.outside)
        red += len(re.findall(r"\bredactioneel\b", text, re.I))
        hia += len(re.findall(r"\bhiaat\b", text, re.I))
        colon += "".join(p.article).count(".:")
        if url.startswith("rollen/") and url != "rollen/":
            roles[url] = {"links": p.links, "words": _words(" ".join(p.article))}
        if url.startswith("instrumenten/") and url.count("/") == 2:
            instruments += 1
            whole[0] += _words(" ".join(p.article))
            whole[1] += _words(" ".join(p.account))
            h1 = " ".join("".join(p.h1).split())
            if PREFIX.search(h1) or DAMAGED.search(h1):
                titles_bad.append(h1)
    return {"redactioneel_outside_verantwoording": red, "hiaat_outside_verantwoording": hia, "dot_colon": colon,
            "role_pages": roles, "instrument_pages": instruments,
            "instrument_words_mean": {"content": round((whole[0] - whole[1]) / max(instruments, 1), 1),
                                      "account": round(whole[1] / max(instruments, 1), 1)}, "instrument_titles_bad": titles_bad}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass


# In the page: words of each visible text node of the article whose top is on the first screen, by whether it is
# in an element that gives account of the sources.
_FIRST_SCREEN = """(classes) => {
  const art = document.querySelector('article');
  const walk = document.createTreeWalker(art, NodeFilter.SHOW_TEXT);
  let content = 0, account = 0;
  const r = document.createRange();
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const words = (n.textContent.match(/[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*/gu) || []).length;
    if (!words) continue;
    r.selectNodeContents(n);
    const box = r.getBoundingClientRect();
    if (box.height === 0 || box.top >= window.innerHeight) continue;
    if (n.parentElement.closest('details:not([open]) > :not(summary)')) continue;
    const own = classes.some(c => n.parentElement.closest('.' + c));
    if (own) account += words; else content += words;
  }
  return {content, account, height: document.documentElement.scrollHeight};
}"""


def browser_figures(site: Path) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    urls = pages(site)
    instruments = [u for u in urls if u.startswith("instrumenten/") and u.count("/") == 2]
    roles = sorted(u for u in urls if u.startswith("rollen/") and u != "rollen/")
    heights_of = {"home": "", "role": "rollen/leraar/" if "rollen/leraar/" in urls else roles[0],
                  "mbo": "sectoren/mbo/", "instrument": instruments[0]}
    first: dict[str, dict[str, int]] = {}
    heights: dict[str, int] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport=PHONE).new_page()
            for u in instruments:
                page.goto(base + u)
                first[u] = page.evaluate(_FIRST_SCREEN, list(PROVENANCE))
            for name, u in heights_of.items():
                page.goto(base + u)
                heights[f"{name} ({u or '/'})"] = page.evaluate("document.documentElement.scrollHeight")
            browser.close()
    finally:
        server.shutdown()
    n = len(first) or 1
    more_account = sorted(u for u, f in first.items() if f["account"] > f["content"])
    return {"first_screen": {"pages": len(first),
                             "content_words_mean": round(sum(f["content"] for f in first.values()) / n, 1),
                             "account_words_mean": round(sum(f["account"] for f in first.values()) / n, 1),
                             "pages_with_more_account_than_content": more_account},
            "heights_390": heights}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--label", default="now")
    ap.add_argument("--notes", type=Path, help="write every page's notes and editorial marks to this file")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args(argv)
    figures: dict[str, object] = static_figures(args.site)
    if not args.no_browser:
        figures.update(browser_figures(args.site))
    roles = figures["role_pages"]
    assert isinstance(roles, dict)
    summary = {k: v for k, v in figures.items() if k != "role_pages"}
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    for url, r in roles.items():
        print(f"{url:40} links {r['links']:4}  words {r['words']:5}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"reader-pages-{args.label}.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n")
    if args.notes:
        args.notes.write_text(json.dumps(page_notes(args.site), indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
