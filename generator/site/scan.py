"""The self-scan (zelfscan): a page per competency profile, its items read from the data, scored in the browser.

A profile's items are what the data lists under it: the learning goals or competencies under each of its
competence areas, or, for a profile without those, its tasks. A profile with none of them gets a page that
says so and links to what there is. Each scan page is a form of fieldsets, one per item, written here, so
without JavaScript it is a checklist to print, with links to the items' pages. zelfscan.js turns it into a
step-by-step scan, keeps the answers in the browser's local storage and draws the result and the team view
from the JSON written beside the form (every text in it is read with textContent, never as markup).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.data import text
from generator.data.index import KnowledgeBase, relation
from generator.data.model import Record
from generator.site import finder, jsonld, svg, views
from generator.site.base import Family, PageSpec, register

FOLDER = "zelfscan"
PATH = f"{FOLDER}/index.md"
SCRIPT = "assets/kennisbank/zelfscan.js"  # plugin.ASSET_DIR: the plugin copies generator/adapters/mkdocs/assets/ there
TITLE = "Zelfscan"
# The scale is the knowledge base's own (no source gives one): value in the answers file, label, and how
# many points it counts for in the result (None: not counted).
SCALE: tuple[tuple[str, str, int | None], ...] = (
    ("0", "nog niet", 0), ("1", "ik ben op weg", 1), ("2", "lukt me meestal", 2),
    ("3", "kan ik anderen leren", 3), ("?", "weet ik niet", None),
)
TASKS = "Taken"  # the heading of a profile's tasks when they are its items
# Item kinds under a competence area, in the order a scan lists them.
ITEM_KINDS = ("learning_goal", "competency")


@dataclass(slots=True, frozen=True)
class Item:
    """One thing to score: its key in the answers, the profile's wording, a hint, its page and instruments."""

    key: str
    label: str
    short: str  # the label in a table: "Leerdoel 3", the competency's title, or the task cut short
    more: str  # the text of the link to the item's page
    hint: Markup
    page: views.LinkView | None
    instruments: tuple[views.LinkView, ...]
    questions: tuple[views.LinkView, ...] = ()  # the questions (data/questions.yaml) that link to it


@dataclass(slots=True, frozen=True)
class Area:
    key: str
    title: str
    page: views.LinkView | None
    items: tuple[Item, ...]


@dataclass(slots=True, frozen=True)
class Scan:
    """A profile's scan page, prepared; ``areas`` is empty for a profile without items."""

    profile: Record
    path: str
    title: str
    areas: tuple[Area, ...]
    profile_page: views.LinkView
    trajectories: tuple[views.LinkView, ...]
    modules: tuple[views.LinkView, ...]
    examples: tuple[views.LinkView, ...]
    roles: tuple[views.LinkView, ...]
    parts: tuple[views.LinkView, ...]  # a profile without items: its competence areas, as far as they exist
    finder: views.LinkView | None  # the instrument finder on the profile's roles
    noun: str  # what the items are: "leerdoelen", "competenties" or "taken"
    gaps: tuple[Markup, ...]  # the profile's notes on gaps in the source, for a profile without items

    @property
    def count(self) -> int:
        return sum(len(a.items) for a in self.areas)


def scan_path(profile_id: str) -> str:
    return f"{FOLDER}/{profile_id}.md"


def _back(kb: KnowledgeBase, record: Record, kind: str, field: str) -> tuple[Record, ...]:
    return kb.back(record, relation(kind, field))


def _in_source_order(records: tuple[Record, ...]) -> tuple[Record, ...]:
    """Records as the profile lists them: by their number where they have one, else as the data file does
    (the data keeps the source's order; the knowledge base sorts by title)."""
    def key(r: Record) -> tuple[int, str, int]:
        number = getattr(r, "number", 0)
        return (number if isinstance(number, int) else 0, r.at.file, r.at.line)
    return tuple(sorted(records, key=key))


def item_records(kb: KnowledgeBase, profile: Record) -> list[tuple[Record, tuple[Record, ...]]]:
    """The profile's competence areas that have items, each with its learning goals or competencies, in the
    source's order (areas by their first item's number, or by their place in the data)."""
    out = []
    for area in _in_source_order(_back(kb, profile, "competence_area", "profile")):
        items = _in_source_order(tuple(r for kind in ITEM_KINDS for r in _back(kb, area, kind, "area")))
        if items:
            out.append((area, items))
    return sorted(out, key=lambda pair: getattr(pair[1][0], "number", 0) or 0)


def _item(kb: KnowledgeBase, record: Record, path: str) -> Item:
    kind = kb.kind(record)
    hint = text.render_inline(record.summary) if kind == "competency" and record.summary else Markup("")
    field = "learning_goals" if kind == "learning_goal" else "competencies"
    instruments = views.links(kb, _back(kb, record, "instrument", field)[:views.LIST_LIMIT], path)
    number = getattr(record, "number", "")
    more = f"Over leerdoel {number}" if kind == "learning_goal" else f"Over de competentie {record.title}"
    short = f"Leerdoel {number}" if kind == "learning_goal" else record.title
    asked = _back(kb, record, "question", "learning_goals") if kind == "learning_goal" else ()
    # The statement to rate is the whole learning goal, not its short title (a learning goal's page shows both).
    label = f"Leerdoel {number}: {record.title.rstrip('.')}" if kind == "learning_goal" else views.display_title(kind, record)
    return Item(record.id, label, short, more, hint, views.link_to(kb, record, path),
                instruments, views.links(kb, asked, path))


def scan(kb: KnowledgeBase, profile: Record) -> Scan:
    path = scan_path(profile.id)
    areas = [Area(area.id, area.title, views.link_to(kb, area, path), tuple(_item(kb, r, path) for r in items))
             for area, items in item_records(kb, profile)]
    tasks = getattr(profile, "tasks", ())
    if not areas and tasks:
        areas = [Area("taken", TASKS, None, tuple(
            Item(f"taak-{i}", task, f"Taak {i}: {svg.shorten(task, 50)}", "", Markup(""), None, ())
            for i, task in enumerate(tasks, start=1)))]
    trajectories = _back(kb, profile, "trajectory", "profiles")
    roles = kb.out(profile, relation("profile", "roles"))
    examples = tuple(dict.fromkeys(e for role in roles for e in _back(kb, role, "example", "roles")))
    parts = () if areas else views.links(kb, _back(kb, profile, "competence_area", "profile"), path)
    gaps = () if areas else tuple(text.render(n.text) for n in profile.notes if n.kind == "gap")
    return Scan(profile, path, f"{TITLE}: {profile.title}", tuple(areas), views.link_to(kb, profile, path),
                views.links(kb, trajectories, path),
                views.links(kb, _back(kb, profile, "leadership_theme", "profile"), path),
                views.links(kb, examples, path), views.links(kb, roles, path), parts,
                _finder(roles, path), _noun(kb, areas), gaps)


def _noun(kb: KnowledgeBase, areas: list[Area]) -> str:
    keys = {i.key for a in areas for i in a.items}
    kinds = {kb.kind(r) for kind in ITEM_KINDS for r in kb.records(kind) if r.id in keys}
    if kinds == {"learning_goal"}:
        return "leerdoelen"
    if kinds == {"competency"}:
        return "competenties"
    return "taken" if areas and areas[0].title == TASKS else "onderdelen"


def _finder(roles: tuple[Record, ...], path: str) -> views.LinkView | None:
    if not roles:
        return None
    names = [r.title.lower() for r in roles]
    which = f"de rol {names[0]}" if len(names) == 1 else f"de rollen {', '.join(names[:-1])} en {names[-1]}"
    return finder.filtered(f"Instrumenten voor {which} in de instrumentenvinder", path,
                           tuple(("rol", r.id) for r in roles))


def scans(kb: KnowledgeBase) -> list[Scan]:
    return [scan(kb, p) for p in kb.records("profile")]


def has_items(kb: KnowledgeBase, profile: Record) -> bool:
    return bool(getattr(profile, "tasks", ()) or item_records(kb, profile))


def scan_for_role(kb: KnowledgeBase, role: Record, from_path: str) -> tuple[views.LinkView, ...]:
    """Links to the scans of the profiles for ``role`` that have items (for the role's page)."""
    profiles = _back(kb, role, "profile", "roles")
    return tuple(views.link(f"{TITLE}: {p.title}", from_path, scan_path(p.id)) for p in profiles
                 if has_items(kb, p))


def _link(link: views.LinkView | None) -> dict[str, str] | None:
    return None if link is None else {"title": link.title, "href": link.url}


def data(s: Scan) -> Markup:
    """What zelfscan.js needs, as JSON safe inside a ``<script type="application/json">``."""
    return jsonld.script_json({
        "profile": s.profile.id, "title": s.profile.title,
        "scale": [{"value": v, "label": label, "points": p} for v, label, p in SCALE],
        "areas": [{"key": a.key, "title": a.title, "items": [
            {"key": i.key, "label": i.label, "short": i.short,
             "page": i.page and {"title": i.more, "href": i.page.url},
             "instruments": [_link(x) for x in i.instruments], "questions": [_link(x) for x in i.questions]}
            for i in a.items]} for a in s.areas],
        "onward": {"trajectories": [_link(x) for x in s.trajectories], "modules": [_link(x) for x in s.modules],
                   "examples": [_link(x) for x in s.examples[:2]], "profile": _link(s.profile_page),
                   "finder": _link(s.finder)},
    })


def pages(kb: KnowledgeBase, site: dict[str, Any]) -> list[PageSpec]:
    all_scans = scans(kb)
    out = [PageSpec(PATH, "zelfscan_index.md.j2", TITLE, {
        "path": PATH, "scans": [(views.link(s.title, PATH, s.path), s) for s in all_scans],
        "scale": SCALE}, "Zelfscans per competentieprofiel: waar sta je, en wat helpt je verder?",
        "competencies.yaml")]
    for s in all_scans:
        context = {"scan": s, "path": s.path, "scale": SCALE, "data": data(s) if s.areas else None,
                   "script": views.url(s.path, SCRIPT), "overview": views.link(TITLE, s.path, PATH)}
        out.append(PageSpec(s.path, "zelfscan.md.j2", s.title, context,
                            text.excerpt(f"Zelfscan bij het profiel {s.profile.title}: waar sta je, en wat "
                                         "helpt je verder?", 160), "competencies.yaml"))
    return out


def page_paths(kb: KnowledgeBase) -> tuple[str, ...]:
    return (PATH, *(scan_path(p.id) for p in kb.records("profile")))


register(Family("scan", page_paths, lambda kb, site, built: pages(kb, site), rank=15))
