"""Which pages exist, where they go, their place in the navigation and their prepared context."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from collections.abc import Callable

from . import history, jsonld, render, text, usecontext, views
from .gcpause import without_gc
from .index import KnowledgeBase, relation
from .model import Instrument, Location, Record
from .schema import KINDS, Kind

# Kinds grouped as the navigation shows them; everything else is reached through links.
NAV_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Kennis", ("profile", "competence_area", "competency", "learning_goal", "leadership_theme", "subtheme",
                "trajectory", "example", "concept")),
    ("Instrumenten", ("programme", "theme", "target_group", "level", "aim", "form", "instrument_type")),
)
TEMPLATES = {"role": "context", "sector": "context", "purpose": "context"}
# Weight in the search index (1 when absent): the use contexts above the pages that mention them; the
# bibliography's entries, whose titles and text share many words with every query, below. Instruments are
# lifted by their search tags instead (search_tags).
SEARCH_BOOST = {"role": 3, "sector": 3, "purpose": 3, "source": 0.3}


@dataclass(slots=True, frozen=True)
class PageSpec:
    """One generated page: its path under the docs folder, template and context."""

    path: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    description: str = ""
    data_file: str = ""  # the YAML file the page is built from, for the edit link
    at: Location | None = None  # the record a record page is built from, for messages


@dataclass(slots=True)
class NavNode:
    title: str
    path: str = ""
    children: list[NavNode] = field(default_factory=list)

    def as_mkdocs(self) -> Any:
        if self.children:
            return {text.html_text(self.title): [c.as_mkdocs() for c in self.children]}
        return {text.html_text(self.title): self.path}  # the theme prints nav titles as HTML


@dataclass(slots=True)
class Plan:
    pages: list[PageSpec]
    nav: list[NavNode]
    exports: dict[str, bytes] = field(default_factory=dict)  # download files by path (export.py)


# Extra context for record pages, by kind: (kb, record, page path) -> values the template may use.
RecordExtra = Callable[[KnowledgeBase, Record, str], dict[str, Any]]
# Every record page shows when its lines last changed in git (history.py).
RECORD_EXTRAS: dict[str, list[RecordExtra]] = {k.name: [history.record_extra] for k in KINDS}
# Instrument pages carry schema.org JSON-LD (jsonld.py).
RECORD_EXTRAS["instrument"].append(jsonld.record_extra)


def _trajectory_diagram(kb: KnowledgeBase, record: Record, path: str) -> dict[str, Any]:
    from . import landscape  # imported here: landscape builds pages, so it imports this module

    return landscape.trajectory_extra(kb, record, path)


# Trajectory pages show their structure as a diagram (landscape.py).
RECORD_EXTRAS["trajectory"].append(_trajectory_diagram)
# Kinds whose overview page is built by another module instead of kind_index.
OWN_INDEX = {"instrument"}


Builder = Callable[[KnowledgeBase, dict[str, Any]], list[PageSpec]]
Paths = tuple[str, ...] | Callable[[KnowledgeBase], tuple[str, ...]]


def _page_builders(exports: dict[str, bytes] | None = None) -> list[tuple[Paths, Builder]]:
    """The modules that build pages of their own, each with the paths of the pages it builds (or a function
    of the knowledge base that gives them).

    ``exports`` are the download files, when already made: their page shows their sizes.
    """
    from . import export, finder, guide, landscape, report, scan, siteinfo

    return [((finder.PATH,), finder.pages), (scan.page_paths, scan.pages), ((landscape.INDEX, landscape.GAPS, landscape.LANDSCAPE), landscape.pages),
            ((report.PATH,), report.pages), ((guide.PATH,), guide.pages),
            ((export.PAGE,), functools.partial(export.pages, built=exports)), ((siteinfo.PATH,), siteinfo.pages)]


def plan(kb: KnowledgeBase, site: dict[str, Any] | None = None) -> Plan:
    """Every page of the site, in a stable order."""
    from . import export

    site = site or {}
    with without_gc():  # a third of the time at 10,000 instruments otherwise (gcpause.py)
        exports = export.files(kb, site)  # the downloads, made once: for the site and for their page
        builders = _page_builders(exports)  # imported first: their modules register RECORD_EXTRAS
        pages: list[PageSpec] = [home(kb, site)]
        for kind in KINDS:
            if kind.name not in OWN_INDEX:
                pages.append(kind_index(kb, kind))
            pages.extend(record_page(kb, kind, r) for r in kb.records(kind.name))
        for _, builder in builders:
            pages.extend(builder(kb, site))
        return Plan(pages, navigation(kb), exports)


def page_list(kb: KnowledgeBase) -> list[PageSpec]:
    """Every page of :func:`plan`, in the same order, with its path and origin but nothing prepared.

    What a check of page paths needs (``kennisbank validate``: no page may take a hand-written page's
    place), at a small part of the cost of preparing 10,000 pages.
    """
    pages = [PageSpec("index.md", "home.md.j2", "")]
    for kind in KINDS:
        if kind.name not in OWN_INDEX:
            pages.append(PageSpec(views.index_path(kind.name), "kind_index.md.j2", kind.plural, data_file=kind.file))
        pages.extend(PageSpec(views.record_path(kind.name, r.id), "", r.title, data_file=r.at.file, at=r.at)
                     for r in kb.records(kind.name))
    pages.extend(PageSpec(path, "", "") for paths, _ in _page_builders()
                 for path in (paths(kb) if callable(paths) else paths))
    return pages


def home(kb: KnowledgeBase, site: dict[str, Any]) -> PageSpec:
    path = "index.md"
    entry = [(views.KIND_BY_NAME[k], views.links(kb, kb.records(k), path)) for k in usecontext.CONTEXT_KINDS]
    counts = {k.name: len(kb.records(k.name)) for k in KINDS}
    ctx = {"entry": entry, "counts": counts, "site": site, "path": path,
           "finder": views.rel(path, "instrumenten/index.md"), "scan": views.rel(path, "zelfscan/index.md")}
    return PageSpec(path, "home.md.j2", site.get("name", "Kennisbank onderwijsinnovatie met ict"), ctx,
                    "Kennis en instrumenten voor professionalisering bij onderwijsinnovatie met ict, "
                    "geordend naar rol, sector en doel.")


def kind_index(kb: KnowledgeBase, kind: Kind) -> PageSpec:
    path = views.index_path(kind.name)
    items = views.links(kb, kb.records(kind.name), path)
    ctx = {"kind": kind, "items": items, "path": path}
    return PageSpec(path, "kind_index.md.j2", kind.plural, ctx, kind.intro, kind.file)


def record_page(kb: KnowledgeBase, kind: Kind, record: Any) -> PageSpec:
    from . import finder  # imported here: finder builds pages, so it imports this module

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
    from . import finder, scan  # imported here: they build pages, so they import this module

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
        # The finder cannot make a step's choice (an aim without some levels): the link shows the context's all.
        records = tuple(s_.records)
        use_finder = all(isinstance(r, Instrument) for r in records)
        shown, more = views.shortened(kb, records, path, lambda total: whole if use_finder else None)
        return s_.title, s_.why, shown, more

    return {
        "groups": [group(g, members) for g, members in s.groups],
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


def derived_view(kb: KnowledgeBase, d: usecontext.Derived, total: int, path: str) -> dict[str, Any]:
    """One list of 'via de instrumenten': each record with how many of the ``total`` instruments link to it."""
    kind = views.KIND_BY_NAME[relation("instrument", d.field).to_kind]
    # Without each record's summary: a list of names and counts reads at a glance; the pages have the rest.
    links = [views.link(views.display_title(kind.name, r), path, views.record_path(kind.name, r.id),
                        extra=f"bij {n} van de {total} instrumenten") for r, n in d.records]
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
                       [NavNode(views.KIND_BY_NAME[k].plural, views.index_path(k)) for k in NAV_SECTIONS[1][1]]))
    from . import scan

    nav.append(NavNode("Kennis", children=[NavNode(views.KIND_BY_NAME[k].plural, views.index_path(k))
                                          for k in NAV_SECTIONS[0][1]] + [NavNode(scan.TITLE, scan.PATH)]))
    from . import landscape

    nav.append(NavNode("Samenhang", children=[NavNode(title, path) for title, path in landscape.NAV]))
    return nav
