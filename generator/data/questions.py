"""Readers' questions: which fit a role and sector, the "Begin hier" rules, and their checks on the data.

"Begin hier" picks at most three of the instruments a question links to, by the rules in fit.py (the finder's
"Meest passend" uses the same): fit to the reader's role and sector, how concrete the instrument is (its aims),
what the case studies of the impact analysis found about its use (``verdict``) and whether an experience with it
was positive in the reader's sector (data/experiences.yaml). An instrument made for other sectors than the
reader's never fits; a question may end with none, and then its page says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.data import fit
from generator.data.index import KnowledgeBase, relation
from generator.data.model import Record
from generator.data.problems import Problem, quote_list

LIMIT = 3
ANSWER_SENTENCES = 3  # the short answer a reader reads first; more goes under ``details``
# The end of a sentence: . ? or ! before a space and a capital (or a quote), or at the end of the text. An
# abbreviation inside a sentence ("o.a. leerplatformen") is followed by a small letter and does not count.
_SENTENCE_END = re.compile(r"[.?!](?:[\"”’')\]]*)(?:\s+(?=[A-Z\"“‘'(À-Ý])|\s*$)")


def sentences(text: str) -> int:
    """How many sentences ``text`` has (a last one without its full stop counts too)."""
    ends = list(_SENTENCE_END.finditer(text.strip()))
    return len(ends) + (bool(text.strip()) and (not ends or ends[-1].end() < len(text.strip())))


@dataclass(slots=True, frozen=True)
class Pick:
    """An instrument under "Begin hier", with its score and the one line on why."""

    instrument: Record
    score: int
    why: str


def _ids(kb: KnowledgeBase, record: Record, kind: str, field: str) -> list[str]:
    return [r.id for r in kb.out(record, relation(kind, field))]


def begin_here(kb: KnowledgeBase, question: Record, role: Record | None = None,
               sector: Record | None = None) -> list[Pick]:
    """At most LIMIT of the question's instruments, best first (fit.py), for a reader in ``role`` and ``sector``.

    Without a role or sector the question's own roles and sectors stand for the reader's.
    """
    ctx = fit.context(kb, question, [role.id] if role else (), [sector.id] if sector else ())
    candidates = [i for i in kb.out(question, relation("question", "instruments"))
                  if not (sector is not None and fit.elsewhere(kb, i, (sector.id,)))]
    told = [sector.id] if sector else []
    return [Pick(i, fit.score(kb, i, ctx), fit.why(kb, i, told)) for i in fit.ranked(kb, candidates, ctx)[:LIMIT]]


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
        if (count := sentences(q.answer)) > ANSWER_SENTENCES:
            yield item.problem("long-answer", ("answer",), f"het antwoord heeft {count} zinnen; een "
                               f"lezer wil eerst het korte antwoord (hoogstens {ANSWER_SENTENCES}).",
                               "Houd 'answer' bij twee of drie zinnen; zet de rest onder 'details'.")
        if q.front:
            if q.front in fronts:
                yield item.problem("duplicate-front", ("front",), f"plaats {q.front} op de voorpagina heeft "
                                   f"'{fronts[q.front].record.id}' al.", "Geef elke vraag een eigen plaats.")
            else:
                fronts[q.front] = item
