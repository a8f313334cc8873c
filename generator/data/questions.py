"""Readers' questions: which fit a role and sector, the "Begin hier" rules, and their checks on the data.

"Begin hier" picks at most three of the instruments a question links to, by rules on the data only: fit to
the reader's role and sector, how concrete the instrument is (its aims) and what the case studies of the
impact analysis found about its use (``verdict``). An instrument made for other sectors than the reader's
never fits; a question may end with none, and then its page says so.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.data.index import KnowledgeBase, relation
from generator.data.model import Record
from generator.data.problems import Problem, quote_list

LIMIT = 3
# How concrete an instrument is, by its aims: one that activates or supports you beats one you only read.
CONCRETE = {"activeren": 2, "ondersteunen": 2, "informeren": 0}
# What the case studies found (Instrument.verdict), as a score and as the reader reads it.
VERDICT_SCORE = {"praktisch": 3, "positief": 2, "gemengd": 0, "abstract": -2, "": 0}
VERDICT_LINE = {"praktisch": "de casestudies noemen het praktisch toepasbaar",
                "positief": "de casestudies beoordeelden het positief",
                "gemengd": "de casestudies zijn er gemengd over",
                "abstract": "let op: de casestudies vonden het abstract"}
AIM_LINE = {"activeren": "zet je aan het werk", "ondersteunen": "helpt je bij het werk", "informeren": "om te lezen"}


@dataclass(slots=True, frozen=True)
class Pick:
    """An instrument under "Begin hier", with its score and the one line on why."""

    instrument: Record
    score: int
    why: str


def _ids(kb: KnowledgeBase, record: Record, kind: str, field: str) -> list[str]:
    return [r.id for r in kb.out(record, relation(kind, field))]


def _names(kb: KnowledgeBase, record: Record, field: str) -> list[str]:
    return [getattr(r, "short", "") or r.title for r in kb.out(record, relation("instrument", field))]


def _and(names: list[str]) -> str:
    return " en ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def begin_here(kb: KnowledgeBase, question: Record, role: Record | None = None,
               sector: Record | None = None) -> list[Pick]:
    """At most LIMIT of the question's instruments, best first, for a reader in ``role`` and ``sector``.

    Without a role or sector the question's own roles and sectors stand for the reader's.
    """
    roles = {role.id} if role else set(_ids(kb, question, "question", "roles"))
    sectors = {sector.id} if sector else set(_ids(kb, question, "question", "sectors"))
    order = {rid: n for n, rid in enumerate(getattr(question, "instruments", ()))}
    picks = []
    for instrument in kb.out(question, relation("question", "instruments")):
        own_sectors = set(_ids(kb, instrument, "instrument", "sectors"))
        if sector is not None and own_sectors and sector.id not in own_sectors:
            continue  # made for other sectors: never "begin here" for this reader
        role_fit = bool(roles & set(_ids(kb, instrument, "instrument", "roles")))
        sector_fit = not own_sectors or bool(sectors & own_sectors)
        aims = _ids(kb, instrument, "instrument", "aims")
        verdict = getattr(instrument, "verdict", "")
        score = 2 * role_fit + 2 * sector_fit + max((CONCRETE.get(a, 0) for a in aims), default=0) \
            + VERDICT_SCORE.get(verdict, 0)
        picks.append((-score, order.get(instrument.id, len(order)), Pick(instrument, score, _why(kb, instrument))))
    picks.sort(key=lambda p: (p[0], p[1]))
    return [p for _, _, p in picks[:LIMIT]]


def _why(kb: KnowledgeBase, instrument: Record) -> str:
    """One line: for whom and where, what it does, and what the case studies found."""
    who = _and(_names(kb, instrument, "roles"))
    where = _and(_names(kb, instrument, "sectors"))
    parts = [f"Voor {who}" + (f" in {where}" if where else "") if who else (f"Voor {where}" if where else "")]
    aims = _ids(kb, instrument, "instrument", "aims")
    best = max(aims, key=lambda a: CONCRETE.get(a, 0), default="")
    if best in AIM_LINE:
        parts.append(AIM_LINE[best])
    verdict = getattr(instrument, "verdict", "")
    if verdict in VERDICT_LINE:
        parts.append(VERDICT_LINE[verdict])
    return "; ".join(p for p in parts if p) + "."


def fits(kb: KnowledgeBase, question: Record, role: Record | None, sector: Record | None) -> bool:
    """Whether the question concerns ``role`` and ``sector`` (None: any)."""
    if role is not None and role.id not in _ids(kb, question, "question", "roles"):
        return False
    return sector is None or sector.id in _ids(kb, question, "question", "sectors")


def for_context(kb: KnowledgeBase, role: Record | None, sector: Record | None) -> list[Record]:
    """The questions for a role and sector, the home page's most asked first."""
    found = [q for q in kb.records("question") if fits(kb, q, role, sector)]
    return sorted(found, key=lambda q: (getattr(q, "front", 0) or 999))


def most_asked(kb: KnowledgeBase) -> list[Record]:
    """The questions with a place on the home page, in that order."""
    return sorted((q for q in kb.records("question") if getattr(q, "front", 0)), key=lambda q: int(getattr(q, "front")))


def lesson(kb: KnowledgeBase, question: Record) -> tuple[Record, str] | None:
    """The trajectory lesson a question points at: (trajectory, the lesson's text)."""
    number = getattr(question, "lesson", 0)
    trajectories = getattr(question, "trajectories", ())
    if not number or not trajectories or ("trajectory", trajectories[0]) not in kb.by_key:
        return None
    trajectory = kb.get("trajectory", trajectories[0])
    lessons = getattr(trajectory, "lessons", ())
    return (trajectory, lessons[number - 1]) if number <= len(lessons) else None


def quoted(kb: KnowledgeBase) -> dict[str, Record]:
    """Each leadership theme's question, as the source words it, to the question page that takes it up."""
    return {getattr(q, "quote"): q for q in kb.records("question") if getattr(q, "quote", "")}


def rules(placed: list[Any], ids: Mapping[str, Mapping[str, Any]]) -> Iterator[Problem]:
    """A question's quote stands among its leadership themes' questions; its lesson exists; front places differ."""
    fronts: dict[int, Any] = {}  # front place -> the placed question that took it
    for item in placed:
        if item.kind.name != "question":
            continue
        q: Any = item.record
        themes = [ids["leadership_theme"][t].record for t in q.leadership_themes if t in ids.get("leadership_theme", {})]
        if q.quote and themes and not any(q.quote in getattr(t, "questions", ()) for t in themes):
            yield item.problem("quote-not-in-source", ("quote",), "dit citaat staat niet letterlijk bij de vragen van "
                               f"{quote_list([t.id for t in themes])}.",
                               "Kopieer de vraag precies zoals hij bij het leiderschapsthema staat, of laat 'quote' weg.")
        if q.lesson:
            first = ids.get("trajectory", {}).get(q.trajectories[0]) if q.trajectories else None
            count = len(getattr(first.record, "lessons", ())) if first else 0
            if q.lesson < 1 or q.lesson > count:
                yield item.problem("no-such-lesson", ("lesson",), f"les {q.lesson} bestaat niet"
                                   + (f": '{first.record.id}' heeft {count} geleerde lessen." if first else
                                      ": er is geen traject gekoppeld."),
                                   "Kies het nummer van een les van het eerste traject onder 'trajectories', of laat "
                                   "'lesson' weg.")
        if q.front:
            if q.front in fronts:
                yield item.problem("duplicate-front", ("front",), f"plaats {q.front} op de voorpagina heeft "
                                   f"'{fronts[q.front].record.id}' al.", "Geef elke vraag een eigen plaats.")
            else:
                fronts[q.front] = item
