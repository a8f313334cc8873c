"""Prepared, display-ready views of records: labels, links, rendered text, notes, citations.

Everything a template shows is computed here (relative links, sorting, which
fields are editorial), so templates only format.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from generator.data import text
from generator.data.index import KnowledgeBase, relation

UPSTREAM = "Kennisbank"
from generator.data.model import Citation, Count, Item, Link, Meeting, Note, Record, Term
from generator.data.schema import KIND_BY_NAME as KIND_BY_NAME
from generator.data.schema import RELATIONS_FROM, RELATIONS_TO, Kind, Relation, editor_fields

from .labels import FIELD_LABELS as FIELD_LABELS  # re-exported: views is where the templates' words are asked for
from .labels import NOTE_LABELS as NOTE_LABELS
from .labels import field_label as field_label
from .labels import notes_line as notes_line
from .labels import HIDDEN, NOTE_CLASSES
from . import names
from .names import display_title as display_title

ON_ONE_PAGE = ("glossary_entry",)  # kinds whose records are anchors on one page, <url_dir>.md (site/glossary.py)


def record_path(kind: str, rid: str) -> str:
    folder = KIND_BY_NAME[kind].url_dir
    return f"{folder}.md#{rid}" if kind in ON_ONE_PAGE else f"{folder}/{rid}.md"


def index_path(kind: str) -> str:
    return f"{KIND_BY_NAME[kind].url_dir}/index.md"


def rel(from_path: str, to_path: str) -> str:
    """A relative Markdown link from one page source path to another (both normalised, below the docs folder).

    The same as ``posixpath.relpath(to_path, dirname(from_path))`` without its absolute-path
    normalisation, which cost more than the rest of a link: a site has a few links per record and page.
    """
    start = from_path.split("/")[:-1]
    target = to_path.split("/")
    common = 0
    while common < len(start) and common < len(target) - 1 and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])


def page_url(path: str) -> str:
    """Where MkDocs publishes a page source (directory URLs), relative to the site root or to where ``path``
    is relative to: ``a/b.md`` → ``a/b/``; ``a/index.md`` and ``a/README.md`` → ``a/``; ``index.md`` → ``""``.
    A file that is not a page keeps its path."""
    if not path.endswith(".md"):
        return path
    head, _, last = path[:-3].rpartition("/")
    if last == "index" or last.lower() == "readme":
        return f"{head}/" if head else ""
    return f"{path[:-3]}/"


def url(from_path: str, to_path: str) -> str:
    """The address of ``to_path`` (a page source or a file, with an optional #anchor) relative to the page that
    ``from_path`` becomes: what MkDocs makes of :func:`rel`'s Markdown link, for links written as HTML.
    """
    target, hash_, anchor = to_path.partition("#")
    if target == from_path:
        return "./" + hash_ + anchor
    return _address(from_path, rel(from_path, target)) + hash_ + anchor


def _address(from_path: str, href: str) -> str:
    """:func:`url` from the Markdown link ``href`` (no anchor) that :func:`rel` gave for another page."""
    address = page_url(href)
    return ("../" + address if _deeper(from_path) else address) or "./"


@functools.lru_cache(maxsize=256)
def _deeper(path: str) -> bool:
    """Whether MkDocs publishes the page one folder deeper than its source: ``a/b.md`` as ``a/b/``, unlike
    ``a/index.md`` as ``a/`` (a page's links are made together, so a small cache keeps each answer)."""
    return page_url(path).count("/") > path.count("/")


@dataclass(slots=True, frozen=True)
class LinkView:
    """A link from one page to another: ``href`` for a Markdown link, ``url`` (the published address, see
    :func:`url`) for a link written as HTML, where MkDocs does not rewrite the address."""

    title: str
    href: str
    summary: str = ""
    extra: str = ""
    url: str = ""
    editorial: bool = False  # the relation behind the link is the editors' choice, not the source's


def link(title: str, from_path: str, to_path: str, summary: str = "", extra: str = "") -> LinkView:
    """A link with both addresses; :func:`rel` made once for both."""
    if "#" in to_path or to_path == from_path:
        return LinkView(title, rel(from_path, to_path), summary, extra, url(from_path, to_path))
    href = rel(from_path, to_path)
    return LinkView(title, href, summary, extra, _address(from_path, href))


# A list of instruments on the page of a role, sector, purpose or other term names at most this many, when
# the finder, filtered on that record, shows them all: a catalogue of 10,000 instruments put thousands on
# one page. The real data has at most 29 in any such list.
LIST_LIMIT = 50


@dataclass(slots=True, frozen=True)
class More:
    """What a shortened list leaves out: it shows ``shown`` of ``total``; ``link`` shows them all."""

    shown: int
    total: int
    link: LinkView

    @property
    def line(self) -> str:
        return f"Hier staan de eerste {self.shown} van {number(self.total)}."


def number(n: int) -> str:
    """A count as Dutch readers write it: 10.000."""
    return f"{n:,}".replace(",", ".")


# Where a whole list of instruments linked to ``record`` through a relation is shown (the finder, filtered on
# the record), given how many there are; None where there is no such place. pages.py passes the finder's.
Elsewhere = Callable[[Relation, Record, int], "LinkView | None"]


def _nowhere(relation: Relation, record: Record, total: int) -> LinkView | None:
    return None


@dataclass(slots=True, frozen=True)
class Group:
    label: str
    links: tuple[LinkView, ...]
    editorial: bool = False  # the whole group is the editors' choice (a forward relation of the page's record)
    more: More | None = None  # the list is shortened: the rest is shown elsewhere

    @property
    def some_editorial(self) -> bool:
        """Some link of the group is an editorial relation: the list says which, with a line under it."""
        return any(link.editorial for link in self.links)


@dataclass(slots=True, frozen=True)
class NoteView:
    label: str
    css: str
    text: Markup
    field: str


@dataclass(slots=True, frozen=True)
class CitationView:
    source: LinkView
    section: str
    page: str


@dataclass(slots=True, frozen=True)
class Fact:
    """One displayed attribute: ``shape`` tells the template how to format ``value``."""

    label: str
    shape: str  # line | text | list | items | counts | links | meetings
    value: Any
    editorial: bool = False
    name: str = ""


@dataclass(slots=True, frozen=True)
class Trait:
    """One line of a record's compact block: a label with a value or with links."""

    label: str
    value: Any
    links: tuple[LinkView, ...]
    editorial: bool


# The sections a record page shows first, in this order; the others follow in the order of the fields.
FIRST = ("description", "links")


@dataclass(slots=True)
class RecordView:
    kind: Kind
    record: Record
    path: str
    title: str
    summary: Markup
    facts: list[Fact] = field(default_factory=list)
    out: list[Group] = field(default_factory=list)
    back: list[Group] = field(default_factory=list)
    notes: list[NoteView] = field(default_factory=list)
    notes_line: str = ""  # "2 hiaten en 1 redactionele keuze": the pointer under the title
    notes_warn: bool = False  # a gap or inconsistency among the notes
    citations: list[CitationView] = field(default_factory=list)
    editorial: frozenset[str] = frozenset()
    origin_label: str = ""
    kind_label: str = ""  # an instrument's kind ("Publicatie"), shown as a label now that its name leaves it out

    @property
    def sections(self) -> list[Fact]:
        """The facts shown as sections of their own, in reading order: the description, how to get it (links),
        then the rest in the order of the fields (what is known of its use, ...)."""
        shown = [f for f in self.facts if f.shape != "line"]
        return sorted(shown, key=lambda f: FIRST.index(f.name) if f.name in FIRST else len(FIRST))

    @property
    def traits(self) -> list[Trait]:
        """The facts of one line and the record's own relations, for one compact block ('Kenmerken')."""
        return ([Trait(g.label, (), g.links, g.editorial) for g in self.out] +
                [Trait(f.label, f.value, (), f.editorial) for f in self.facts if f.shape == "line"])

    @property
    def editorial_labels(self) -> list[str]:
        """The names of the fields that are the editors' choice, in the order of the fields, for the account."""
        names = [f.name for f in editor_fields(type(self.record)) if f.name in self.editorial]
        return [field_label(type(self.record), n) for n in names]

    @property
    def name_changes(self) -> list[str]:
        """How the page's name differs from the source's title (instruments: names.py)."""
        return names.changes(self.record) if self.kind.name == "instrument" else []

    @property
    def helps_editorial(self) -> bool:
        return "helps" in self.editorial

    @property
    def number(self) -> Any:
        return getattr(self.record, "number", "")

    @property
    def overview(self) -> LinkView:
        """The way back to the overview of the record's kind: record pages are not in the navigation."""
        return link(f"Alle {self.kind.plural.lower()}", self.path, index_path(self.kind.name))


def link_to(kb: KnowledgeBase, record: Record, from_path: str, extra: str = "") -> LinkView:
    kind = kb.kind(record)
    summary = text.sentence(getattr(record, "helps", ""), record.summary)
    return link(display_title(kind, record), from_path, record_path(kind, record.id), summary, extra)


def links(kb: KnowledgeBase, records: tuple[Record, ...] | list[Record], from_path: str) -> tuple[LinkView, ...]:
    return tuple(link_to(kb, r, from_path) for r in records)


def shortened(kb: KnowledgeBase, records: tuple[Record, ...], from_path: str,
              elsewhere: Callable[[int], LinkView | None]) -> tuple[tuple[LinkView, ...], More | None]:
    """Links to ``records``; over LIST_LIMIT, only the first of them and where to find them all, if anywhere."""
    if len(records) > LIST_LIMIT:
        whole = elsewhere(len(records))
        if whole is not None:
            return links(kb, records[:LIST_LIMIT], from_path), More(LIST_LIMIT, len(records), whole)
    return links(kb, records, from_path), None


def view(kb: KnowledgeBase, kind_name: str, record: Record, elsewhere: Elsewhere = _nowhere) -> RecordView:
    """Everything a record page shows, prepared. A list of records linking to this one through a relation is
    shortened where ``elsewhere`` has a page with all of them."""
    kind = KIND_BY_NAME[kind_name]
    path = record_path(kind_name, record.id)
    editorial = frozenset(record.editorial)
    v = RecordView(kind, record, path, display_title(kind_name, record), text.render_inline(record.summary),
                   editorial=editorial)
    v.facts = _facts(kb, record, path, editorial)
    for r in RELATIONS_FROM[kind_name]:
        targets = kb.out(record, r)
        if targets:
            v.out.append(Group(r.label, links(kb, targets, path), r.field in editorial))
    for r in RELATIONS_TO[kind_name]:
        sources = kb.back(record, r)
        if sources:
            label = r.back if len(RELATIONS_TO[kind_name]) == 1 else _back_label(r.back, r.from_kind)
            shown, more = shortened(kb, sources, path, functools.partial(elsewhere, r, record))
            # Where the source record's link is the editors' choice, the link says so (zip: shown is a prefix).
            shown = tuple(dataclasses.replace(lk, editorial=True) if r.field in src.editorial else lk
                          for lk, src in zip(shown, sources))
            v.back.append(Group(label, shown, more=more))
    if kind_name == "source":
        citing = [r for r in kb.cited_by.get(record.id, ()) if r is not record]
        if citing:
            v.back.append(Group("Gebruikt als bron voor", links(kb, citing, path)))
    if kind_name == "instrument":
        v.kind_label = ", ".join(t.title for t in kb.out(record, relation("instrument", "type")))
    v.origin_label = record.origin if record.origin not in ("", UPSTREAM) else ""
    # Gaps and inconsistencies first; each group in the order the data gives.
    notes = sorted(record.notes, key=lambda n: NOTE_CLASSES[n.kind] != "warning")
    v.notes = [note_view(n, type(record)) for n in notes]
    v.notes_line = notes_line([n.kind for n in record.notes])
    v.notes_warn = any(NOTE_CLASSES[n.kind] == "warning" for n in record.notes)
    v.citations = [citation_view(kb, c, path) for c in record.cite]
    return v


def _back_label(back: str, from_kind: str) -> str:
    plural = KIND_BY_NAME[from_kind].plural
    return back if back == plural else f"{back} ({plural.lower()})"


def either(names: list[str]) -> str:
    """'a, b of c'."""
    return " of ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def note_view(note: Note, record_type: type) -> NoteView:
    label = field_label(record_type, note.field) if note.field else ""
    return NoteView(NOTE_LABELS[note.kind], NOTE_CLASSES[note.kind], text.render(note.text), label)


def citation_view(kb: KnowledgeBase, citation: Citation, from_path: str) -> CitationView:
    source = kb.get("source", citation.document)
    return CitationView(link_to(kb, source, from_path), citation.section, citation.page)


def _facts(kb: KnowledgeBase, record: Record, path: str, editorial: frozenset[str]) -> list[Fact]:
    facts = []
    for f in editor_fields(type(record)):
        if f.name in HIDDEN or "ref" in f.metadata:
            continue
        value = getattr(record, f.name)
        if value in ("", (), 0, None):
            continue
        label = field_label(type(record), f.name)
        facts.append(Fact(label, _shape(f, value), _prepare(f, value), f.name in editorial, f.name))
    return facts


def _shape(f: dataclasses.Field[Any], value: Any) -> str:
    if isinstance(value, tuple):
        first = value[0]
        return {Item: "items", Count: "counts", Link: "links", Meeting: "meetings"}.get(type(first), "list")
    if f.metadata.get("markdown"):
        return "text"
    return "line"


def _prepare(f: dataclasses.Field[Any], value: Any) -> Any:
    if f.metadata.get("markdown"):
        return text.render(value)
    if isinstance(value, tuple) and value and isinstance(value[0], Item):
        return tuple((item.title, text.render(item.text)) for item in value)
    if isinstance(value, tuple) and value and isinstance(value[0], Meeting):
        return tuple((m.title, text.render(m.text), m.count, m.themes) for m in value)
    return value


def short(record: Record) -> str:
    return (record.short or record.title) if isinstance(record, Term) else record.title


def field_relation_targets(kb: KnowledgeBase, record: Record, kind: str, field_name: str) -> tuple[Record, ...]:
    return kb.out(record, relation(kind, field_name))
