"""Which pages exist, where they go, their place in the navigation and their prepared context."""

from __future__ import annotations
import dataclasses

from typing import Any

from generator.data import text
from generator.data.gcpause import without_gc
from generator.data.index import KnowledgeBase, relation
from generator.data.model import Instrument, Record
from generator.data.schema import KINDS, Kind
# The families of pages below register themselves (base.register) when imported, and history, jsonld and
# landscape add to the record pages (base.add_record_extra).
from generator.site import (editorguide, experiences, export, finder, glossary, history, jsonld, landscape,
                            questionpages, reach, render, report, scan, sections, siteinfo, usecontext, views)
from generator.site.base import RECORD_EXTRAS, NavNode, PageSpec, Plan, families

# The kinds the "Instrumenten" tab names, beside the finder and the classifications; the "Kennis" tab's sections
# are in sections.py. Everything else is reached through links.
INSTRUMENT_KINDS = ("programme", "experience", "theme")
TEMPLATES = {"role": "context", "sector": "context", "purpose": "context"}
# Weight in the search index (1 when absent): the use contexts above the pages that mention them; the
# bibliography's entries, whose titles and text share many words with every query, below. Instruments are
# lifted by their search tags instead (search_tags).
SEARCH_BOOST = {"role": 3, "sector": 3, "purpose": 3, "source": 0.3}


# Kinds whose overview page is built by another module instead of kind_index; and kinds that have no page per
# record (each glossary entry is an anchor on the one page of site/glossary.py: views.record_path).
OWN_INDEX = {"instrument", "glossary_entry"}
NO_RECORD_PAGES = frozenset(views.ON_ONE_PAGE)


def plan(kb: KnowledgeBase, site: dict[str, Any] | None = None) -> Plan:
    """Every page of the site, in a stable order."""
    site = site or {}
    with without_gc():  # a third of the time at 10,000 instruments otherwise (gcpause.py)
        exports = export.files(kb, site)  # the downloads, made once: for the site and for their page
        pages: list[PageSpec] = [home(kb, site)]
        for kind in KINDS:
            if kind.name not in OWN_INDEX:
                pages.append(kind_index(kb, kind))
            if kind.name not in NO_RECORD_PAGES:
                pages.extend(record_page(kb, kind, r, site) for r in kb.records(kind.name))
        for family in families():
            pages.extend(family.build(kb, site, exports))
        return Plan(pages, navigation(kb), exports, sections.parents())


def page_list(kb: KnowledgeBase) -> list[PageSpec]:
    """Every page of :func:`plan`, in the same order, with its path and origin but nothing prepared.

    What a check of page paths needs (``kennisbank validate``: no page may take a hand-written page's
    place), at a small part of the cost of preparing 10,000 pages.
    """
    pages = [PageSpec("index.md", "home.md.j2", "")]
    for kind in KINDS:
        if kind.name not in OWN_INDEX:
            pages.append(PageSpec(views.index_path(kind.name), "kind_index.md.j2", kind.plural, data_file=kind.file))
        if kind.name in NO_RECORD_PAGES:
            continue
        pages.extend(PageSpec(views.record_path(kind.name, r.id), "", r.title, data_file=r.at.file, at=r.at)
                     for r in kb.records(kind.name))
    pages.extend(PageSpec(path, "", "") for family in families() for path in family.paths_for(kb))
    return pages


def home(kb: KnowledgeBase, site: dict[str, Any]) -> PageSpec:
    path = "index.md"
    entry = [(views.KIND_BY_NAME[k], views.links(kb, kb.records(k), path)) for k in usecontext.CONTEXT_KINDS]
    counts = {k.name: len(kb.records(k.name)) for k in KINDS}
    ctx = {"entry": entry, "counts": counts, "site": site, "path": path,
           "finder": views.rel(path, "instrumenten/index.md"), "scan": views.rel(path, "zelfscan/index.md")}
    ctx.update(questionpages.home_extra(kb, path))
    return PageSpec(path, "home.md.j2", site.get("name", "Kennisbank onderwijsinnovatie met ict"), ctx,
                    "Kennis en instrumenten voor professionalisering bij onderwijsinnovatie met ict, "
                    "geordend naar rol, sector en doel.")


def kind_index(kb: KnowledgeBase, kind: Kind) -> PageSpec:
    path = views.index_path(kind.name)
    items = views.links(kb, kb.records(kind.name), path)
    ctx = {"kind": kind, "items": items, "path": path, "choices": _choices(kb, kind, path),
           "up": sections.up_link(kind.name, path)}
    return PageSpec(path, "kind_index.md.j2", kind.plural, ctx, kind.intro, kind.file)


# Overviews a reader can narrow down without JavaScript: per field, a list per value, reached by a link.
CHOICES = {"example": (("sectors", "sector", "Per sector"), ("roles", "role", "Per rol"))}


def _choices(kb: KnowledgeBase, kind: Kind, path: str) -> list[tuple[str, list[tuple[str, str, tuple[Any, ...]]]]]:
    """For the overview of ``kind``: per field in CHOICES, each value (anchor, name, links) that records have."""
    found = []
    for field_name, term_kind, heading in CHOICES.get(kind.name, ()):
        groups = []
        for term in kb.records(term_kind):
            having = [r for r in kb.records(kind.name) if term.id in getattr(r, field_name)]
            if having:
                groups.append((f"{term_kind}-{term.id}", views.short(term), views.links(kb, having, path)))
        if groups:
            found.append((heading, groups))
    return found


def record_page(kb: KnowledgeBase, kind: Kind, record: Any, site: dict[str, Any] | None = None) -> PageSpec:
    path = views.record_path(kind.name, record.id)
    v = views.view(kb, kind.name, record, finder.all_linked(path))
    ctx: dict[str, Any] = {"v": v, "path": v.path, "search_boost": SEARCH_BOOST.get(kind.name, 0)}
    template = TEMPLATES.get(kind.name, kind.template or kind.name)
    if not render.template_exists(f"{template}.md.j2"):
        template = "record"
    if template == "context":
        ctx["slice"] = slice_view(kb, kind.name, record, v.path)
        v.back = _not_shown(v.back, ctx["slice"])
    ctx["search_tags"] = search_tags(kb, kind.name, record)
    for extra in RECORD_EXTRAS.get(kind.name, ()):
        ctx.update(extra(kb, record, v.path))
    if kind.name == "instrument":  # its addresses in a block of their own, with a way onward (reach.py)
        ctx.update(reach.record_extra(kb, record, v.path, site or {}))
        v.facts = [f for f in v.facts if f.name not in reach.SHOWN]
        ctx.update(experiences.record_extra(kb, record, v.path, site or {}))  # shown in full, not as links
        v.back = [g for g in v.back if g.label != views.KIND_BY_NAME["experience"].plural]
    description = text.gist(getattr(record, "helps", ""), record.summary or record.description, 160)
    return PageSpec(v.path, f"{template}.md.j2", v.title, ctx, description, record.at.file, record.at)


def search_names(record: Any) -> list[str]:
    """Every name of a role, sector or purpose: its title, short name and synonyms, each once."""
    names = (record.title, getattr(record, "short", ""), *getattr(record, "synonyms", ()))
    return list(dict.fromkeys(n for n in names if n))


def search_tags(kb: KnowledgeBase, kind: str, record: Any) -> list[str]:
    """The words that should find this page first; Material's search weighs them as a title (mkdocs.yml).

    A role, sector or purpose: its names (:func:`search_names`), so "schoolleider", "hbo" or "Center for
    Teaching and Learning" finds the role or sector page, each as :func:`tag_words` keeps it. An instrument: its
    name, what it helps you do and its themes, so it comes before the pages that mention it. Other pages have
    none.
    """
    if kind == "instrument":
        themes = kb.out(record, relation("instrument", "themes"))
        return [record.title, text.cut(record.helps, 1000), *(t.title for t in themes)]
    if kind not in TEMPLATES:
        return []
    names = search_names(record)
    return [tag_words(name, several=i > 0) for i, name in enumerate(names)]


# Around a word in a name, but no part of it: "(CTL," is the word CTL, "School-" the word School.
_WORD_EDGES = "()[]{},.;:!?'\"‘’“”-"


def tag_words(name: str, several: bool) -> str:
    """``name`` as a search tag: its words without the brackets, commas and hyphens around them, and for a
    synonym of ``several`` words without its short lower-case words.

    Material's search scores each word of a query, as the start of a word, against each word of the tags.
    "(CTL," in a title and the synonym "CTL" are then one word, not two rare ones; "for" and "and" in "Center
    for Teaching and Learning" would make the page match "formatief" or "analytics". Both matter beyond their
    own query: Material turns a query word that ends in a hyphen ("School- of teamleider") into a wildcard for
    any word, which favours the page with the most different tag words (tests/browser/test_reader.py).
    """
    words = [w.strip(_WORD_EDGES) for w in name.split()]
    if several and len(words) > 1:
        words = [w for w in words if len(w) > 3 or not w.islower()]
    return " ".join(w for w in words if w)


def _not_shown(groups: list[views.Group], slice_: dict[str, Any]) -> list[views.Group]:
    """The back-link groups a context page still needs: those its own sections do not already list (the
    instruments: in full, or through the finder where a group is shortened)."""
    shown = {link.href for key in ("profiles", "learning_goals", "trajectories", "examples", "programmes")
             for link in slice_[key]}
    shown |= slice_["instrument_hrefs"]
    shown |= {link.href for link, _ in slice_["leadership_themes"]}
    return [g for g in groups if not all(link.href in shown for link in g.links)]


def slice_view(kb: KnowledgeBase, kind: str, record: Any, path: str) -> dict[str, Any]:
    s = usecontext.slice_for(kb, kind, record)
    def link(records: tuple[Record, ...] | list[Record]) -> tuple[views.LinkView, ...]:
        return views.links(kb, records, path)

    whole = finder.context_link(kind, record, path)  # the finder filtered on this role, sector or purpose

    def group(term: Record | None, members: tuple[Record, ...]) -> tuple[str, tuple[views.LinkView, ...],
                                                                          views.More | None]:
        def in_finder(total: int) -> views.LinkView:
            if term is None:  # "Overig": the finder cannot choose "no purpose"
                return whole
            return finder.all_of(total, path, (finder.context_choice(kind, record),
                                               finder.context_choice(usecontext.GROUP_BY[kind], term)))
        shown, more = views.shortened(kb, members, path, in_finder)
        return (term.title if term else "Overig"), shown, more

    def step(s_: usecontext.Step) -> tuple[str, str, tuple[views.LinkView, ...], views.More | None]:
        # At most STEP_ITEMS, each with its own line; the rest one link away: the finder, filtered on the context
        # (it cannot make a step's choice, an aim without some levels), or the page's own list of them below.
        records = tuple(s_.records)
        shown = tuple(dataclasses.replace(views.link_to(kb, r, path), summary=_line(r)) for r in records[:STEP_ITEMS])
        if len(records) <= STEP_ITEMS:
            return s_.title, s_.why, shown, None
        if all(isinstance(r, Instrument) for r in records):
            rest = whole
        else:
            anchor = "#" + BELOW[kb.kind(records[0])]
            rest = views.LinkView(f"Alle {len(records)} hieronder", anchor, url=anchor)
        return s_.title, s_.why, shown, views.More(STEP_ITEMS, len(records), rest)

    # Each instrument once on the page: those the steps name stay out of the groups, and each of the others
    # stands in its first group only.
    seen = {id(r) for st in s.steps for r in st.records[:STEP_ITEMS] if isinstance(r, Instrument)}
    groups = []
    for term, members in s.groups:
        rest_of = tuple(m for m in members if id(m) not in seen)
        seen |= {id(m) for m in rest_of}
        if rest_of:
            groups.append(group(term, rest_of))

    return {
        "groups": groups, "in_groups": sum(len(g[1]) + (g[2].total - g[2].shown if g[2] else 0) for g in groups),
        "instrument_hrefs": {views.rel(path, views.record_path("instrument", i.id)) for i in s.instruments},
        "group_by": views.KIND_BY_NAME[usecontext.GROUP_BY[kind]].singular.lower(),
        "count": len(s.instruments), "editorial": s.editorial,
        "profiles": link(s.profiles), "learning_goals": link(s.learning_goals),
        "leadership_themes": [(views.link_to(kb, t, path), getattr(t, "questions", ())) for t in s.leadership_themes],
        "trajectories": link(s.trajectories), "examples": link(s.examples), "programmes": link(s.programmes),
        "steps": [step(st) for st in s.steps],
        "derived": [derived_view(kb, d, len(s.instruments), path) for d in s.derived],
        "derived_names": views.either([views.KIND_BY_NAME[relation("instrument", d.field).to_kind].plural.lower()
                                       for d in s.derived]),
        "this": usecontext.THIS[kind], "kind": views.KIND_BY_NAME[kind].singular.lower(),
        "finder": whole,
        "scans": scan.scan_for_role(kb, record, path) if kind == "role" else (),
    }


# How many items each step of 'Waar begin je?' names (issue #18), and where the page lists all of a kind's.
STEP_ITEMS = 3
BELOW = {"profile": "competentieprofiel", "trajectory": "professionaliseringstrajecten",
         "example": "praktijkvoorbeelden"}


def _line(record: Record) -> str:
    """One line on why: what an instrument helps you do, or a record's summary, whole."""
    return text.plain(getattr(record, "helps", "") or record.summary)


def _share(n: int, total: int) -> str:
    """'bij 2 van de 3 instrumenten', 'bij alle 3 instrumenten', 'bij het enige instrument'."""
    if total == 1:
        return "bij het enige instrument"
    return f"bij alle {total} instrumenten" if n == total else f"bij {n} van de {total} instrumenten"


def derived_view(kb: KnowledgeBase, d: usecontext.Derived, total: int, path: str) -> dict[str, Any]:
    """One list of 'via de instrumenten': each record with how many of the ``total`` instruments link to it."""
    kind = views.KIND_BY_NAME[relation("instrument", d.field).to_kind]
    # Without each record's summary: a list of names and counts reads at a glance; the pages have the rest.
    links = [views.link(views.display_title(kind.name, r), path, views.record_path(kind.name, r.id),
                        extra=_share(n, total)) for r, n in d.records]
    questions = [(link, getattr(r, "questions")) for link, (r, _) in zip(links, d.records)
                 if getattr(r, "questions", ())]
    return {"heading": kind.plural, "singular": kind.singular.lower(), "links": links, "questions": questions,
            "question_count": sum(len(q) for _, q in questions), "editorial": d.editorial, "linked": d.linked}


def navigation(kb: KnowledgeBase) -> list[NavNode]:
    nav = [NavNode("Start", "index.md")]
    for kind_name in usecontext.CONTEXT_KINDS:
        kind = views.KIND_BY_NAME[kind_name]
        node = NavNode(kind.plural, children=[NavNode("Overzicht", views.index_path(kind_name))])
        node.children += [NavNode(r.title, views.record_path(kind_name, r.id)) for r in kb.records(kind_name)]
        nav.append(node)
    nav.append(NavNode("Instrumenten", children=[NavNode("Instrumentenvinder", "instrumenten/index.md")] +
                       [NavNode(views.KIND_BY_NAME[k].plural, views.index_path(k)) for k in INSTRUMENT_KINDS] +
                       [NavNode(sections.CLASSIFICATIONS_NAV, sections.CLASSIFICATIONS.path)]))
    # Each section's overview first: the theme makes it the section's own page (navigation.indexes).
    knowledge = [NavNode(s.title, children=[NavNode("Overzicht", s.path)] +
                         [NavNode(views.KIND_BY_NAME[k].plural, views.index_path(k)) for k in s.kinds])
                 for s in sections.KNOWLEDGE]
    knowledge[0].children.append(NavNode(scan.TITLE, scan.PATH))  # the self-scan asks about the profiles' competencies
    nav.append(NavNode("Kennis", children=knowledge))
    nav.append(NavNode("Samenhang", children=[NavNode(title, path) for title, path in landscape.NAV]))
    return nav
