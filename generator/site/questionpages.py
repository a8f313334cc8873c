"""The guide "Waar loop je tegenaan?" (role, sector, then a question: one real page per step) and what question
pages and the pages of roles, sectors, themes and leadership themes show of the questions.

Every step is a page of its own whose address holds the choices so far (``wegwijzer/leraar/mbo/``), so the
guide works without JavaScript, a link or reload restores the state, and the browser's back button goes back
one step. "alle" stands for a step the reader skipped (validate.RESERVED_IDS keeps it free).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.data import questions, text
from generator.data.index import KnowledgeBase, relation
from generator.data.model import Question, Record
from generator.site import finder, landscape, scan, views
from generator.site.base import Family, PageSpec, add_record_extra, register

PATH = "wegwijzer/index.md"
TITLE = "Waar loop je tegenaan?"
ANY = "alle"
PROPOSE = "bijdragen.md#een-instrument-toevoegen-stap-voor-stap"
QUESTIONS = "vragen/index.md"
# Entry kinds the home page lists compactly below the guide: its first step already shows each role as a card.
COMPACT_KINDS = frozenset({"role"})


def step_path(role: str | None = None, sector: str | None = None) -> str:
    """The page of the guide after choosing ``role`` and then ``sector`` (ANY: skipped)."""
    if role is None:
        return PATH
    if sector is None:
        return f"wegwijzer/{role}/index.md"
    return f"wegwijzer/{role}/{sector}/index.md"


def paths(kb: KnowledgeBase) -> tuple[str, ...]:
    """Every page of the guide, in the order :func:`pages` makes them."""
    roles = [ANY] + [r.id for r in kb.records("role")]
    sectors = [ANY] + [s.id for s in kb.records("sector")]
    return (PATH,) + tuple(p for r in roles for p in (step_path(r),) + tuple(step_path(r, s) for s in sectors))


@dataclass(slots=True, frozen=True)
class Choice:
    """A link in a step of the guide: where it goes, and a line under it."""

    link: views.LinkView
    line: str = ""


@dataclass(slots=True, frozen=True)
class QuestionItem:
    """A question in a list: its link and, for the reader's role and sector, where to begin."""

    link: views.LinkView
    begin: tuple[views.LinkView, ...]
    none_line: str
    asked: str = ""  # for which sectors the question was asked, when the list crosses the reader's sector


def _get(kb: KnowledgeBase, kind: str, rid: str) -> Record | None:
    return None if rid == ANY else kb.get(kind, rid)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def question_item(kb: KnowledgeBase, q: Record, path: str, role: Record | None = None,
                  sector: Record | None = None, where: bool = False) -> QuestionItem:
    """A question with where the reader begins; ``where``: with the sectors the question was asked for."""
    link = views.link(q.title, path, views.record_path("question", q.id), text.excerpt(q.summary, 140))
    sectors = [views.short(s) for s in kb.out(q, relation("question", "sectors"))] if where else []
    picks = questions.begin_here(kb, q, role, sector)
    begin = tuple(views.link(views.display_title("instrument", p.instrument), path, views.record_path("instrument", p.instrument.id))
                  for p in picks)
    none_line = ""
    if not picks:
        elsewhere = sector is not None and kb.out(q, relation("question", "instruments"))
        none_line = (f"Geen instrument voor {views.short(sector)} in de bronnen; wel voor andere sectoren."
                     if elsewhere and sector is not None else "Geen instrument in de bronnen; de pagina wijst je verder.")
    asked = f"Gesteld voor {text.and_list(sectors)}." if sectors else ""
    return QuestionItem(link, begin, none_line, asked)


def _why_none(kb: KnowledgeBase, sector: Record | None) -> tuple[Markup, ...]:
    """Why a sector has no questions for a role: the sector's own remarks and gaps, when it has no instruments."""
    if sector is None or kb.back(sector, relation("instrument", "sectors")):
        return ()
    return tuple(text.render(n.text) for n in getattr(sector, "notes", ()) if n.kind in ("remark", "gap"))


def _step1(kb: KnowledgeBase) -> PageSpec:
    path = PATH
    choices = [Choice(views.link(r.title, path, step_path(r.id)),
                      _count(len(questions.for_context(kb, r, None)), "vraag", "vragen")) for r in kb.records("role")]
    skip = views.link("Sla over: alle rollen", path, step_path(ANY))
    ctx = {"step": 1, "path": path, "choices": choices, "skip": skip, "title": TITLE,
           "all_questions": views.link("Alle vragen op een rij", path, QUESTIONS)}
    return PageSpec(path, "wegwijzer.md.j2", TITLE, ctx, "Kies je rol en je sector en vind de vraag die bij je past, "
                    "met waar je begint.", "questions.yaml")


def _step2(kb: KnowledgeBase, rid: str) -> PageSpec:
    path = step_path(rid)
    role = _get(kb, "role", rid)
    choices = [Choice(views.link(s.title, path, step_path(rid, s.id)),
                      _count(len(questions.for_context(kb, role, s)), "vraag", "vragen")) for s in kb.records("sector")]
    skip = views.link("Sla over: alle sectoren", path, step_path(rid, ANY))
    ctx = {"step": 2, "path": path, "choices": choices, "skip": skip, "title": TITLE, "role": role,
           "scans": scan.scan_for_role(kb, role, path) if role else (),
           "back": views.link("Andere rol kiezen", path, PATH)}
    who = role.title if role else "alle rollen"
    return PageSpec(path, "wegwijzer.md.j2", f"{TITLE} {who}", ctx, f"Kies je sector ({who}).", "questions.yaml")


def _step3(kb: KnowledgeBase, rid: str, sid: str) -> PageSpec:
    path = step_path(rid, sid)
    role, sector = _get(kb, "role", rid), _get(kb, "sector", sid)
    found = questions.for_context(kb, role, sector)
    items = [question_item(kb, q, path, role, sector) for q in found]
    nearby = [question_item(kb, q, path, role, None, where=True)
              for q in (questions.for_context(kb, role, None) if not found and role and sector else ())]
    wider = []
    if not found:
        if sector is not None and not nearby:
            wider.append(views.link(f"Vragen voor {role.title.lower() if role else 'alle rollen'} in alle sectoren",
                                    path, step_path(rid, ANY)))
        if role is not None:
            wider.append(views.link(f"Vragen voor alle rollen in {views.short(sector) if sector else 'alle sectoren'}",
                                    path, step_path(ANY, sid)))
    here = [r for r in (role, sector) if r is not None]
    ctx = {"nearby": nearby, "why_none": _why_none(kb, sector) if not found else (), "in_finder": _in_finder(kb, path, role, sector), "step": 3, "path": path, "items": items, "title": TITLE, "role": role, "sector": sector,
           "scans": scan.scan_for_role(kb, role, path) if role else (),
           "wider": wider, "here": [views.link_to(kb, r, path) for r in here],
           "back_role": views.link("Andere rol", path, PATH),
           "back_sector": views.link("Andere sector", path, step_path(rid)),
           "all_sectors": views.link(f"de vragen voor {role.title.lower()} in alle sectoren", path, step_path(rid, ANY))
           if role and sector and found else None,
           "all_questions": views.link("Alle vragen op een rij", path, QUESTIONS)}
    who = " in ".join([role.title if role else "alle rollen", sector.title if sector else "alle sectoren"])
    return PageSpec(path, "wegwijzer.md.j2", f"{TITLE} {who}", ctx, f"Vragen voor {who.lower()}.", "questions.yaml")


def _in_finder(kb: KnowledgeBase, path: str, role: Record | None, sector: Record | None) -> views.LinkView | None:
    """The finder with the same role and sector chosen (its "Meest passend" follows the same rules as "Begin
    hier"), when it finds something for them."""
    chosen = [(kind, field, r) for kind, field, r in (("role", "roles", role), ("sector", "sectors", sector)) if r]
    found = [i for i in kb.records("instrument") if all(r in kb.out(i, relation("instrument", field))
                                                         for _, field, r in chosen)]
    if not chosen or not found:
        return None
    who = " in ".join(views.short(r) if kind == "sector" else r.title.lower() for kind, _, r in chosen)
    return finder.filtered(f"{'Het instrument' if len(found) == 1 else f'Alle {len(found)} instrumenten'} voor {who} "
                           "in de instrumentenvinder", path, tuple(finder.context_choice(k, r) for k, _, r in chosen))


def pages(kb: KnowledgeBase, site: dict[str, Any]) -> list[PageSpec]:
    out = [_step1(kb)]
    for rid in [ANY] + [r.id for r in kb.records("role")]:
        out.append(_step2(kb, rid))
        out.extend(_step3(kb, rid, sid) for sid in [ANY] + [s.id for s in kb.records("sector")])
    return out


# --- what record pages show of the questions ------------------------------------------------------------


def question_extra(kb: KnowledgeBase, record: Record, path: str) -> dict[str, Any]:
    """A question page: answer first, "Begin hier", a practice example or a trajectory's lesson, and onward."""
    assert isinstance(record, Question)
    picks = questions.begin_here(kb, record)
    begin = [(views.link_to(kb, p.instrument, path), p.why) for p in picks]
    shown = {p.instrument.id for p in picks}
    rest = [views.link_to(kb, i, path) for i in kb.out(record, relation("question", "instruments")) if i.id not in shown]
    examples = [views.link_to(kb, e, path) for e in kb.out(record, relation("question", "examples"))]
    # Every sector none of the question's instruments is made for (an instrument without sectors is for all),
    # also those the question was not asked for: a po reader who lands here learns there is nothing for po.
    made_for = [{s.id for s in kb.out(i, relation("instrument", "sectors"))}
                for i in kb.out(record, relation("question", "instruments"))]
    uncovered = [] if not all(made_for) else [views.short(s) for s in kb.records("sector")
                                               if not any(s.id in m for m in made_for)]
    by_sector = []  # where a reader of one of the question's sectors begins, when it differs from the above
    for sector in kb.out(record, relation("question", "sectors")):
        own = questions.begin_here(kb, record, None, sector)
        if own and [p.instrument.id for p in own] != [p.instrument.id for p in picks]:
            by_sector.append((views.short(sector), [views.link_to(kb, p.instrument, path) for p in own]))
    found = questions.lesson(kb, record)
    lesson = (views.link_to(kb, found[0], path), found[1]) if found else None
    related = {name: [views.link_to(kb, r, path) for r in kb.out(record, relation("question", name))]
               for name in ("leadership_themes", "trajectories", "learning_goals", "themes")}
    return {
        "answer": text.render(record.answer), "quote": record.quote, "begin": begin, "rest": rest,
        "no_instrument": text.render(record.no_instrument) if record.no_instrument else Markup(""),
        "details": text.render(record.details) if record.details else Markup(""),
        "examples": examples, "lesson": lesson, "related": related, "by_sector": by_sector,
        "uncovered": text.and_list(uncovered),
        "gaps": views.link("Witte vlekken: waar nog geen instrumenten voor zijn", path, landscape.GAPS),
        "propose": views.link("Een instrument voorstellen", path, PROPOSE),
        "guide": views.link(TITLE, path, PATH),
        "in_finder": finder.filtered("Alle instrumenten bij deze vraag in de instrumentenvinder", path,
                                     (("vraag", record.id),)) if picks else None,
        "search_tags": [record.title, *record.synonyms] + ([record.quote] if record.quote else []),
        "search_boost": 3,
    }


# On a role, sector or theme page: the first questions with where to begin, the others folded away (names only).
QUESTIONS_SHOWN = 5


def listed_extra(kind: str, field: str) -> Any:
    """For the page of a role, sector or theme: its questions, listed near the top."""
    def extra(kb: KnowledgeBase, record: Record, path: str) -> dict[str, Any]:
        found = kb.back(record, relation("question", field))
        role = record if kind == "role" else None
        sector = record if kind == "sector" else None
        ordered = sorted(found, key=lambda q: getattr(q, "front", 0) or 999)
        return {"questions_here": [question_item(kb, q, path, role, sector) for q in ordered],
                "questions_shown": QUESTIONS_SHOWN,
                "guide_here": views.link(TITLE, path, step_path(record.id) if kind == "role" else
                                         step_path(ANY, record.id) if kind == "sector" else PATH)}
    return extra


def quoted_extra(kb: KnowledgeBase, record: Record, path: str) -> dict[str, Any]:
    """Where leadership themes' questions are shown: each question the source asks, to its question page."""
    return {"quoted": {quote: views.link(q.title, path, views.record_path("question", q.id))
                       for quote, q in questions.quoted(kb).items()}}


add_record_extra("question", question_extra)
for _kind, _field in (("role", "roles"), ("sector", "sectors"), ("theme", "themes")):
    add_record_extra(_kind, listed_extra(_kind, _field))
for _kind in ("leadership_theme", "role", "sector", "purpose"):
    add_record_extra(_kind, quoted_extra)
register(Family("questions", paths, lambda kb, site, built: pages(kb, site), rank=12))


# --- the home page's front door -----------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Card:
    """A large target on the home page: one link, and a plain line under it (no second link inside)."""

    link: views.LinkView
    line: str


def _what_else(kb: KnowledgeBase, kind: str, record: Record) -> str:
    """For an entry point without instruments: that it has none, and what its page does have."""
    field = {"role": "roles", "sector": "sectors", "purpose": "purposes"}[kind]
    if kb.back(record, relation("instrument", field)):
        return ""
    have = []
    for from_kind, one, many in (("question", "vraag", "vragen"), ("trajectory", "traject", "trajecten"),
                                 ("profile", "competentieprofiel", "competentieprofielen"),
                                 ("example", "praktijkvoorbeeld", "praktijkvoorbeelden")):
        try:
            n = len(kb.back(record, relation(from_kind, field)))
        except KeyError:
            continue
        if n:
            have.append(_count(n, one, many))
    listed = text.and_list(have)
    rest = f"; wel {listed}" if have else ""
    whom = {"role": "deze rol", "sector": "deze sector", "purpose": "dit doel"}[kind]
    return f"Nog geen instrumenten voor {whom} in de bronnen{rest}."


def home_extra(kb: KnowledgeBase, path: str) -> dict[str, Any]:
    """The front door: the guide's first step, the most asked questions, instruments the sources call practical."""
    roles = [Card(views.link(r.title, path, step_path(r.id)), _what_else(kb, "role", r) or
                  _count(len(questions.for_context(kb, r, None)), "vraag", "vragen")) for r in kb.records("role")]
    asked = []
    for q in questions.most_asked(kb):
        picks = questions.begin_here(kb, q)
        line = (f"Begin hier: {views.display_title('instrument', picks[0].instrument)}" if picks else "Geen instrument in de bronnen; wel een weg verder.")
        asked.append(Card(views.link(q.title, path, views.record_path("question", q.id)), line))
    practical = [Card(views.link(views.display_title("instrument", i), path, views.record_path("instrument", i.id)), getattr(i, "helps"))
                 for i in kb.records("instrument") if getattr(i, "verdict", "") == "praktisch"][:3]
    notes = {views.rel(path, views.record_path(kind, r.id)): _what_else(kb, kind, r)
             for kind in ("role", "sector", "purpose") for r in kb.records(kind)}
    return {"guide_roles": roles, "guide": views.link(TITLE, path, PATH),
            "guide_skip": views.link("Sla over: alle rollen", path, step_path(ANY)), "asked": asked,
            "practical": practical, "entry_notes": notes, "compact_kinds": COMPACT_KINDS, "questions": views.link("Alle vragen", path, QUESTIONS),
            "search_action": views.url(path, QUESTIONS)}
