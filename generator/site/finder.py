"""The instrument finder: one page listing every instrument, with facets filtered in the browser.

Everything is prepared here. Each card shows an instrument's "waar helpt dit je bij?" line, its
name and its characteristics as readable text, so the page without JavaScript is the full list.
For the browser every facet value gets a bitset of the instruments that have it (bit ``i`` is the
``i``-th card): finder.js combines them with typed arrays, which stays fast at 10,000 instruments.
With JavaScript the list shows the first ``PAGE`` matches and a button "Toon meer" for the next.

The cards are raw HTML in the page's Markdown, one per line in blocks of ``CHUNK``; passthrough.py hands
those blocks to the page unparsed (Python-Markdown's HTML parsers took about 6 s for them at 10,000).
The page stays out of the search index (front matter in finder.md.j2): every instrument is found on
its own page, and indexing the list would add megabytes to the index every reader downloads.
"""

from __future__ import annotations

import base64
import dataclasses
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.data import fit, text
from generator.data.index import KnowledgeBase, relation
from generator.data.model import Record
from generator.data.schema import Relation
from generator.site import jsonld, usecontext, views
from generator.site.finderwords import FACETS, FacetSpec, card_label, reader_name, value_label
from generator.site.base import Family, PageSpec, register
from generator.site.views import number

PATH = "instrumenten/index.md"
SCRIPT = "assets/kennisbank/finder.js"  # plugin.ASSET_DIR: the plugin copies generator/adapters/mkdocs/assets/ there
TITLE = "Instrumentenvinder"
# Cards per block of the page without JavaScript. A block, not a card, skips its rendering while out of
# view: with 10,000 cards each skipping on its own, Chromium spent 80-140 ms a frame on one changed card
# (it re-checks every card's place in the viewport and lays them all out); with blocks of 64, 16-22 ms.
CHUNK = 64
# Matches the list shows with JavaScript before "Toon meer", and how many more each press adds. finder.js
# keeps only these cards in the page, so a change costs about the same at 10,000 instruments as at 100.
# At 10,000, a page of 200 cost a change some 4 ms more main-thread time than 100; 50 cost no less.
PAGE = 100
# The three facts a card shows (instrument fields, with their legend on the card); the rest is on its page.
CARD_FACTS: tuple[tuple[str, str], ...] = (("roles", "Voor"), ("sectors", "Sector"), ("forms", "Vorm"))


@dataclass(slots=True, frozen=True)
class FacetValue:
    """One checkbox: the record id (the value in the URL), its label and how many instruments have it."""

    id: str
    label: str
    count: int
    explain: str = ""  # the value's own one-line summary, as its tooltip

    @property
    def shown(self) -> str:
        return f"({number(self.count)})"


@dataclass(slots=True, frozen=True)
class Facet:
    param: str
    legend: str
    values: tuple[FacetValue, ...]
    explain: str = ""  # one line under the legend (and its tooltip)
    first: bool = True  # shown before "Meer filters"
    none: tuple[views.LinkView, ...] = ()  # values without instruments, linked to their pages, which say why


@dataclass(slots=True, frozen=True)
class Trait:
    """A characteristic as a card prints it: 'Sector: mbo, hbo'."""

    label: str
    values: str


@dataclass(slots=True, frozen=True)
class Card:
    title: str  # the reader's name
    href: str  # the page's URL relative to the finder (the HTML goes past MkDocs' link rewriting)
    helps: Markup
    traits: tuple[Trait, ...]
    also: str = ""  # other words the text filter finds it by: its synonyms, when the data has them


@dataclass(slots=True, frozen=True)
class FinderView:
    total: int
    status: str  # the live region's text before any filter: "47 instrumenten gevonden"
    facets: tuple[Facet, ...]
    cards: tuple[Card, ...]
    data: Markup  # JSON for finder.js: {"size": n, "page": PAGE, "bits": {param: {value id: base64 bitset}}}
    script: str  # finder.js, relative to the finder page

    @property
    def total_shown(self) -> str:
        return number(self.total)

    @property
    def more(self) -> bool:
        """Whether some facets wait behind "Meer filters"."""
        return any(not f.first for f in self.facets)

    @property
    def chunks(self) -> tuple[tuple[Card, ...], ...]:
        return tuple(self.cards[i:i + CHUNK] for i in range(0, len(self.cards), CHUNK))


def status(n: int) -> str:
    """What the live region says for ``n`` matches (finder.js says the same)."""
    if n == 0:
        return "Geen instrumenten gevonden"
    return f"{number(n)} {'instrument' if n == 1 else 'instrumenten'} gevonden"


def _targets(kb: KnowledgeBase, instrument: Record, field: str) -> tuple[Record, ...]:
    return kb.out(instrument, relation("instrument", field))


def _bitset(indices: list[int], size: int) -> str:
    """Base64 of a little-endian bit array over ``size`` instruments, padded to whole 32-bit words."""
    bits = bytearray(-(-size // 32) * 4)
    for i in indices:
        bits[i >> 3] |= 1 << (i & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


def values_of(kb: KnowledgeBase, instrument: Record, spec: FacetSpec) -> tuple[Record, ...]:
    """The records an instrument has in a facet: those it names, or for ``spec.back`` those that name it."""
    if spec.back:
        return tuple(kb.back(instrument, relation(spec.back, spec.field)))
    return _targets(kb, instrument, spec.field)


def _facet(kb: KnowledgeBase, instruments: list[Record], spec: FacetSpec) -> tuple[Facet, dict[str, str]]:
    """A facet over the values at least one instrument has (every value for ``spec.every``), in vocabulary
    order, and their bitsets."""
    members: dict[str, list[int]] = {}
    for i, instrument in enumerate(instruments):
        for target in values_of(kb, instrument, spec):
            members.setdefault(target.id, []).append(i)
    vocabulary = kb.records(spec.back or relation("instrument", spec.field).to_kind)
    shown = [r for r in vocabulary if spec.every or r.id in members]
    values = tuple(FacetValue(r.id, value_label(spec.field, r), len(members.get(r.id, ())),
                              text.plain(r.summary) if r.summary else "") for r in shown)
    bits = {v.id: _bitset(members.get(v.id, []), len(instruments)) for v in values}
    none = tuple(views.link_to(kb, r, PATH) for r in shown if r.id not in members) if members else ()
    return Facet(spec.param, spec.legend, values, spec.explain, spec.first, none), bits


def _name(kb: KnowledgeBase, instrument: Record) -> str:
    kinds = _targets(kb, instrument, "type")
    return reader_name(instrument, kinds[0].title if kinds else "")


def _card(kb: KnowledgeBase, instrument: Record) -> Card:
    traits = []
    for field, legend in CARD_FACTS:
        targets = _targets(kb, instrument, field)
        if targets:
            traits.append(Trait(legend, ", ".join(card_label(field, t) for t in targets)))
    href = views.url(PATH, views.record_path("instrument", instrument.id))
    also = " ".join(getattr(instrument, "synonyms", ()) or ())
    return Card(_name(kb, instrument), href, text.escape(getattr(instrument, "helps", "")), tuple(traits), also)


def ordered(kb: KnowledgeBase) -> list[Record]:
    """The instruments in the finder's order, "Meest passend" for a reader who chose nothing yet (data/fit.py, the
    guide's "Begin hier" rules), the order of its cards and bitsets."""
    return fit.ranked(kb, kb.records("instrument"), fit.Context(), lambda i: _name(kb, i))


def finder_view(kb: KnowledgeBase) -> FinderView:
    """The finder, prepared: facets with counts and bitsets, and a card per instrument, best fit first."""
    instruments = ordered(kb)
    facets: list[Facet] = []
    bits: dict[str, dict[str, str]] = {}
    for spec in FACETS:
        facet, facet_bits = _facet(kb, instruments, spec)
        if facet.values:
            facets.append(facet)
            bits[spec.param] = facet_bits
    cards = tuple(_card(kb, i) for i in instruments)
    az = sorted(range(len(cards)), key=lambda k: cards[k].title.casefold())
    data = jsonld.script_json({"size": len(instruments), "page": PAGE, "bits": bits, "az": az,
                               "fit": fit_data(kb, instruments)})
    return FinderView(len(instruments), status(len(instruments)), tuple(facets), cards, data,
                      views.rel(PATH, SCRIPT))


def fit_data(kb: KnowledgeBase, instruments: list[Record]) -> dict[str, Any]:
    """What finder.js needs to rank as data/fit.py does when a question is chosen: each card's score without a
    reader, the weights of role, sector and experience fit, per card with a positive experience its sectors
    (empty: every sector), and per question its roles, sectors and instruments (card numbers, in the question's
    order)."""
    card = {i.id: k for k, i in enumerate(instruments)}
    asked = {q.id: {"roles": fit.ids(kb, q, "question", "roles"), "sectors": fit.ids(kb, q, "question", "sectors"),
                    "cards": [card[i] for i in getattr(q, "instruments", ()) if i in card]}
             for q in kb.records("question")}
    good = {k: fit.good_sectors(kb, i) for k, i in enumerate(instruments)}
    return {"role": fit.ROLE_FIT, "sector": fit.SECTOR_FIT, "experience": fit.EXPERIENCE_FIT,
            "base": [fit.base(kb, i) for i in instruments],
            "good": {str(k): [] if not all(s) else sorted(set().union(*s)) for k, s in good.items() if s},
            "questions": {qid: q for qid, q in asked.items() if q["cards"]}}


def pages(kb: KnowledgeBase, site: dict[str, Any]) -> list[PageSpec]:
    kind = views.KIND_BY_NAME["instrument"]
    context = {"finder": finder_view(kb), "intro": kind.intro, "title": TITLE, "list_notes": list_notes(kb)}
    return [PageSpec(PATH, "finder.md.j2", TITLE, context,
                     "Zoek en filter alle instrumenten op rol, sector, doel, thema en meer.", kind.file)]


def list_notes(kb: KnowledgeBase) -> list[views.NoteView]:
    """What the source of the list says against itself or leaves out: the gaps and inconsistencies noted on each
    source document that at least half of the instruments cite (the real data: the impact analysis's 47 rows
    against its claim of 48)."""
    instruments = kb.records("instrument")
    notes = []
    for source in kb.records("source"):
        citing = sum(1 for r in kb.cited_by.get(source.id, ()) if kb.kind(r) == "instrument")
        if instruments and citing * 2 >= len(instruments):
            notes += [views.note_view(n, type(source)) for n in source.notes if n.kind in ("gap", "inconsistency")]
    return notes


def filtered(title: str, from_path: str, choices: tuple[tuple[str, str], ...]) -> views.LinkView:
    """A link to the finder with ``choices`` (URL parameter, record id) already made.

    A Markdown link keeps its query, ``../instrumenten/index.md?rol=leraar``: MkDocs rewrites only the path.
    """
    link = views.link(title, from_path, PATH)
    query = "?" + "&".join(f"{param}={rid}" for param, rid in choices)
    return dataclasses.replace(link, href=link.href + query, url=link.url + query)


def param(field: str) -> str | None:
    """The URL parameter of the facet on an instrument's ``field``; None if the finder has none."""
    return next((f.param for f in FACETS if f.field == field and not f.back), None)


def context_choice(kind: str, record: Record) -> tuple[str, str]:
    """The finder's choice of a role, sector or purpose (each has a facet): URL parameter and id."""
    choice = param(usecontext.FIELD[kind])
    assert choice is not None, kind
    return choice, record.id


def context_link(kind: str, record: Record, from_path: str) -> views.LinkView:
    """The link from a role, sector or purpose page to the finder, filtered on that record."""
    return filtered(f"Alle instrumenten voor {usecontext.THIS[kind]} in de instrumentenvinder", from_path,
                    (context_choice(kind, record),))


def all_of(total: int, from_path: str, choices: tuple[tuple[str, str], ...]) -> views.LinkView:
    """The link under a shortened list (views.More): the finder with ``choices``, showing all ``total``."""
    return filtered(f"{'Het' if total == 1 else 'Alle ' + number(total)} in de instrumentenvinder", from_path, choices)


def all_linked(from_path: str) -> views.Elsewhere:
    """For views.view: the finder showing every instrument that links to a record through a relation."""
    def finder_for(rel: Relation, record: Record, total: int) -> views.LinkView | None:
        choice = param(rel.field) if rel.from_kind == "instrument" else None
        return None if choice is None else all_of(total, from_path, ((choice, record.id),))
    return finder_for


register(Family("finder", (PATH,), lambda kb, site, built: pages(kb, site), rank=10))
