"""The glossary ("Begrippen"): one page of the words readers meet, and each word's first use on a page explained.

The words come from data/glossary.yaml. :class:`Marker` finds, in a page's HTML, the first use of each word in
the running text (text nodes only: never inside a tag, an attribute, a link, a heading, code, SVG or the
Verantwoording) and makes it a link to the word's entry here with the explanation as its description: shown
on hover and focus by CSS, read by screen readers through ``aria-describedby``, and a tap leads to the entry.
Everything taken from the data is escaped; the HTML around it is left byte for byte as it was.
"""

from __future__ import annotations

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
              "programme", "profile", "leadership_theme", "experience")


def words(entry: GlossaryEntry) -> tuple[str, ...]:
    """Every form of the entry a page may use: its title and variants, each once, longest first."""
    forms = dict.fromkeys(w.strip() for w in (entry.title, *entry.variants) if w.strip())
    return tuple(sorted(forms, key=lambda w: (-len(w), w)))


def tip(entry: GlossaryEntry) -> str:
    """The explanation as plain text, marked when it is the editors' reading rather than a source's."""
    return entry.explanation.strip() + (EDITORIAL_TIP if "explanation" in entry.editorial else "")


def _form_pattern(word: str) -> str:
    """A word as a pattern: exact, except that a word written in lower case may start a sentence."""
    first, rest = word[0], re.escape(word[1:])
    if first.islower() and first.upper() != first:
        return f"[{re.escape(first)}{re.escape(first.upper())}]{rest}"
    return re.escape(word)


def word_pattern(forms: list[str]) -> re.Pattern[str]:
    """Whole words only: not part of a longer word (a hyphen does end a word: "pdg-trajecten" uses "pdg")."""
    ordered = sorted(dict.fromkeys(forms), key=lambda w: (-len(w), w))
    return re.compile(r"(?<![\w&#])(?:" + "|".join(_form_pattern(w) for w in ordered) + r")(?!\w)")


# Elements whose text is never marked: links and headings (a link in a link, a heading's id), code, forms,
# embedded things, and the page's own account of its sources (site/templates/_account.md.j2).
SKIP = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style",
                  "svg", "math", "textarea", "select", "option", "button", "label", "summary", "abbr", "dfn",
                  "template", "noscript", "iframe", "object", "title", "head", "nav", "form"})
SKIP_CLASSES = ("kb-verantwoording", "kb-term", "kb-sources")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})
# A comment, or a tag with its attributes (a quoted value may hold ">").
_TAG = re.compile(r"<!--.*?-->|<[!?][^>]*>|</?([A-Za-z][A-Za-z0-9:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S)


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

    def mark(self, html: str, page_path: str) -> str:
        """``html`` (a page's content) with each word's first use in running text explained; links from
        ``page_path`` (the page's source path, e.g. ``instrumenten/x.md``)."""
        if self.pattern is None or not self.pattern.search(html):
            return html
        done: set[str] = set()
        out: list[str] = []
        skipping: list[list[Any]] = []  # [tag name, depth] of the element being skipped
        position = 0
        for match in _TAG.finditer(html):
            if not skipping:
                out.append(self._text(html[position:match.start()], page_path, done))
            else:
                out.append(html[position:match.start()])
            out.append(match.group(0))
            position = match.end()
            name = (match.group(1) or "").lower()
            if not name or name in VOID or match.group(0).endswith("/>"):
                continue
            closing = match.group(0).startswith("</")
            if skipping:
                if name == skipping[-1][0]:
                    skipping[-1][1] += -1 if closing else 1
                    if skipping[-1][1] == 0:
                        skipping.pop()
            elif not closing and (name in SKIP or any(c in match.group(0) for c in SKIP_CLASSES)):
                skipping.append([name, 1])
        out.append(self._text(html[position:], page_path, done) if not skipping else html[position:])
        return "".join(out)

    def _text(self, segment: str, page_path: str, done: set[str]) -> str:
        """One run of text between tags, its words explained where they are used first."""
        assert self.pattern is not None
        if not segment or segment.isspace():
            return segment

        def explain(match: re.Match[str]) -> str:
            word = self.by_form.get(match.group(0))
            if word is None or word.id in done:
                return match.group(0)
            done.add(word.id)
            return term_html(word, match.group(0), views.url(page_path, f"{PATH}#{word.id}"))

        return self.pattern.sub(explain, segment)


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
