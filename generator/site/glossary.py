"""The glossary ("Begrippen"): one page of the words readers meet, and each word's first use on a page explained.

The words come from data/glossary.yaml. :class:`Marker` finds, in a page's HTML, the first use of each word in
the running text (text nodes only: never inside a tag, an attribute, a link, a heading, code, SVG or the
Verantwoording) and makes it a link to the word's entry here with the explanation as its description: shown
on hover and focus by CSS, read by screen readers through ``aria-describedby``, and a tap leads to the entry.
Everything taken from the data is escaped; the HTML around it is left byte for byte as it was.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from generator.data import text
from generator.data.index import KnowledgeBase
from generator.data.model import GlossaryEntry, Record
from generator.data.schema import RELATIONS_FROM, editor_fields
from generator.site import finder, views
from generator.site.base import Family, PageSpec, register

KIND = "glossary_entry"
# Not begrippen/index.md: first in the "Over" section, the theme would take that for the section's own page.
PATH = "begrippen.md"
TITLE = "Begrippen"

UNMARKED = frozenset({PATH, finder.PATH})  # pages whose words are not marked: this one, the finder
SEEN_LIMIT = 8  # pages named under "Je komt het tegen op"; the rest are counted
EDITORIAL_TIP = " (uitleg van de redactie)"
# Kinds whose pages are looked through for "Je komt het tegen op" (the record pages a reader reaches).
SEEN_KINDS = ("role", "sector", "purpose", "question", "instrument", "trajectory", "example", "concept",
              "programme", "profile", "competence_area", "competency", "learning_goal", "leadership_theme",
              "subtheme", "experience")


def words(entry: GlossaryEntry) -> tuple[str, ...]:
    """Every form of the entry a page may use: its title and variants, each once, longest first."""
    forms = dict.fromkeys(w.strip() for w in (entry.title, *entry.variants) if w.strip())
    return tuple(sorted(forms, key=lambda w: (-len(w), w)))


def tip(entry: GlossaryEntry) -> str:
    """The explanation as plain text, marked when it is the editors' reading rather than a source's."""
    return entry.explanation.strip() + (EDITORIAL_TIP if "explanation" in entry.editorial else "")


def _with_capital(forms: list[str]) -> list[str]:
    """Each form, and a form written in lower case also with a capital first letter (it may start a sentence)."""
    return list(dict.fromkeys(f for form in forms for f in (form, form[0].upper() + form[1:])))


def word_pattern(forms: list[str]) -> re.Pattern[str]:
    """Whole words only: not part of a longer word (a hyphen does end a word: "pdg-trajecten" uses "pdg"); a
    word written in lower case may start a sentence. The alternatives are a trie (shared beginnings once): three
    times as fast as a list of words over a page, which matters at 10,000 pages."""
    trie: dict[str, Any] = {}
    for form in _with_capital(forms):
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(r"(?<![\w&#])" + _alternatives(trie) + r"(?!\w)")


def _alternatives(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _alternatives(node[char]) for char in sorted(node) if char]
    if not branches:
        return ""
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if "" in node else body


# Elements whose text is never marked: links and headings (a link in a link, a heading's id), code, forms,
# embedded things; and by a class of theirs, the page's account of its sources, a mark itself, the guide's line
# with the reader's choice (not a word to explain) and the home page's cards (each card is one link as a whole).
SKIP = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style",
                  "svg", "math", "textarea", "select", "option", "button", "label", "summary", "abbr", "dfn",
                  "template", "noscript", "iframe", "object", "title", "head", "nav", "form"})
SKIP_BY_CLASS = {"details": ('class="kb-verantwoording',), "div": ('class="kb-sources', 'class="kb-cards'),
                 "span": ('class="kb-term"',), "p": ('class="kb-chosen"',)}
_ATTRIBUTES = r"(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"  # up to the end of a tag (a quoted value may hold ">")
# A comment, or any tag with its attributes.
_TAG = re.compile(r"<!--.*?-->|<[!?][^>]*>|</?[A-Za-z][A-Za-z0-9:-]*" + _ATTRIBUTES, re.S)
# A comment, or a tag that may start or end a skipped element: only these are looked at one by one.
_SKIP_TAG = re.compile(r"<!--.*?-->|<(/?)(" + "|".join(sorted(SKIP | set(SKIP_BY_CLASS), key=lambda n: (-len(n), n)))
                       + r")(?=[\s/>])" + _ATTRIBUTES, re.S | re.I)


@dataclass(slots=True, frozen=True)
class Word:
    """One entry as a page explains it."""

    id: str
    title: str
    tip: str


class Marker:
    """Explains the first use of each glossary word on a page (see the module's docstring)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.by_form: dict[str, Word] = {}
        forms: list[str] = []
        for entry in kb.records(KIND):
            assert isinstance(entry, GlossaryEntry)
            word = Word(entry.id, entry.title, tip(entry))
            for form in words(entry):
                forms.append(form)
                self.by_form.setdefault(form, word)
                self.by_form.setdefault(form[0].upper() + form[1:], word)
        self.pattern = word_pattern(forms) if forms else None
        self.count = len({w.id for w in self.by_form.values()})
        # What the marks depend on besides a page's own text: a change rebuilds every page in the preview.
        self.fingerprint = repr(sorted((form, w.id, w.tip) for form, w in self.by_form.items()))

    def mark(self, html: str, page_path: str) -> str:
        """``html`` (a page's content) with each word's first use in running text explained; links from
        ``page_path`` (the page's source path, e.g. ``instrumenten/x.md``).

        The words are found first (one regular-expression pass); only the tags that open or close a skipped
        element are then gone through, once, and only when a word was found: most of a page is never looked at
        in Python.
        """
        if self.pattern is None:
            return html
        first: list[tuple[re.Match[str], Word]] = []
        done: set[str] = set()
        skipped: tuple[list[int], list[int]] | None = None
        for match in self.pattern.finditer(html):
            word = self.by_form.get(match.group(0))
            if word is None or word.id in done:
                continue
            if skipped is None:
                skipped = _skipped(html)
            if _in_tag(html, match.start()) or _inside(skipped, match.start()):
                continue
            done.add(word.id)
            first.append((match, word))
            if len(done) == self.count:
                break
        if not first:
            return html
        out: list[str] = []
        position = 0
        for match, word in first:
            out += [html[position:match.start()],
                    term_html(word, match.group(0), views.url(page_path, f"{PATH}#{word.id}"))]
            position = match.end()
        out.append(html[position:])
        return "".join(out)


def _in_tag(html: str, position: int) -> bool:
    """Whether ``position`` is inside a tag (its name or attributes) or a comment."""
    start = html.rfind("<", 0, position)
    if start < 0:
        return False
    tag = _TAG.match(html, start)
    return tag is not None and tag.end() > position


def _skipped(html: str) -> tuple[list[int], list[int]]:
    """Where the skipped elements of ``html`` start and end (sorted, not overlapping)."""
    starts: list[int] = []
    ends: list[int] = []
    name = ""  # of the outermost element being skipped
    depth = 0
    for tag in _SKIP_TAG.finditer(html):
        found = (tag.group(2) or "").lower()
        if not found or tag.group(0).endswith("/>"):
            continue
        closing = tag.group(1) == "/"
        if depth:
            if found == name:
                depth += -1 if closing else 1
                if not depth:
                    ends.append(tag.end())
        elif not closing and (found in SKIP or any(c in tag.group(0) for c in SKIP_BY_CLASS.get(found, ()))):
            name, depth = found, 1
            starts.append(tag.start())
    if depth:
        ends.append(len(html))
    return starts, ends


def _inside(skipped: tuple[list[int], list[int]], position: int) -> bool:
    starts, ends = skipped
    i = bisect.bisect_right(starts, position) - 1
    return i >= 0 and position < ends[i]


def term_html(word: Word, shown: str, href: str) -> str:
    """The marked word: a link to its entry, described by its explanation (a tooltip on hover and focus).

    ``shown`` is the page's own text (already HTML); everything else is escaped here.
    """
    tip_id = f"kb-term-{word.id}"
    return (f'<span class="kb-term"><a class="kb-term__word" href="{escape(href)}" '
            f'aria-describedby="{escape(tip_id)}">{shown}</a>'
            f'<span class="kb-term__tip" role="tooltip" id="{escape(tip_id)}" data-pagefind-ignore>'
            f"{escape(word.tip)}</span></span>")


# --- the page ------------------------------------------------------------------------------------------------


def _plain_text(value: Any) -> str:
    """All the text of a record or part, for "Je komt het tegen op"."""
    if isinstance(value, str):
        return value
    if isinstance(value, tuple):
        return "\n".join(_plain_text(v) for v in value)
    if hasattr(value, "__dataclass_fields__"):
        return "\n".join(_plain_text(getattr(value, f.name)) for f in editor_fields(type(value))
                         if f.name not in ("id", "cite", "notes", "editorial", "links"))
    return ""


def seen_on(kb: KnowledgeBase, entries: tuple[Record, ...]) -> dict[str, list[Record]]:
    """Per entry id, the records whose text uses one of its words (in SEEN_KINDS order)."""
    by_form: dict[str, str] = {}
    forms: list[str] = []
    for entry in entries:
        assert isinstance(entry, GlossaryEntry)
        for form in words(entry):
            forms.append(form)
            by_form.setdefault(form, entry.id)
            by_form.setdefault(form[0].upper() + form[1:], entry.id)
    found: dict[str, list[Record]] = {e.id: [] for e in entries}
    if not forms:
        return found
    pattern = word_pattern(forms)
    for kind in SEEN_KINDS:
        for record in kb.records(kind):
            for rid in dict.fromkeys(by_form[m.group(0)] for m in pattern.finditer(_plain_text(record))):
                found[rid].append(record)
    return found


def entry_view(kb: KnowledgeBase, entry: GlossaryEntry, seen: list[Record]) -> dict[str, Any]:
    more = [r for rel in RELATIONS_FROM[KIND] for r in kb.out(entry, rel)]
    variants = [w for w in dict.fromkeys(entry.variants) if w != entry.title]
    return {
        "id": entry.id, "title": entry.title, "variants": variants,
        "explanation": entry.explanation, "editorial": "explanation" in entry.editorial,
        "description": text.render(entry.description) if entry.description else "",
        "citations": [views.citation_view(kb, c, PATH) for c in entry.cite],
        "notes": [text.render(n.text) for n in entry.notes],
        "more": views.links(kb, more, PATH),
        "seen": views.links(kb, seen[:SEEN_LIMIT], PATH), "seen_rest": max(0, len(seen) - SEEN_LIMIT),
    }


def pages(kb: KnowledgeBase) -> list[PageSpec]:
    entries = kb.records(KIND)
    seen = seen_on(kb, entries)
    ordered = sorted(entries, key=lambda e: (e.title.casefold(), e.id))
    views_ = [entry_view(kb, e, seen[e.id]) for e in ordered if isinstance(e, GlossaryEntry)]
    documents = dict.fromkeys(c.document for e in ordered for c in e.cite)
    sources = [views.link_to(kb, kb.get("source", d), PATH) for d in documents]
    ctx = {"entries": views_, "path": PATH, "kind": views.KIND_BY_NAME[KIND], "sources": sources}
    return [PageSpec(PATH, "begrippen.md.j2", TITLE, ctx, views.KIND_BY_NAME[KIND].intro,
                     views.KIND_BY_NAME[KIND].file)]


register(Family("glossary", (PATH,), lambda kb, site, built: pages(kb), rank=55))
