"""Which instruments fit a reader best: the one rule set behind the guide's "Begin hier" and the finder's "Meest passend".

An instrument scores 2 when it is made for one of the reader's roles, 2 when it is made for one of the reader's
sectors (or names no sector), up to 2 for how concrete it is (its aims: one that activates or supports you beats
one you only read) and -2 to 3 for what the case studies of the impact analysis found about its use
(``Instrument.verdict``), and 2 more when an experience with it (data/experiences.yaml) was positive in one of the
reader's sectors (in any sector when the reader gave none; an experience without sectors counts for every one).
Higher scores first; equal scores keep the order of the question the reader asked (its editorial list of
instruments), then go by name. Every rule reads the data only.

The guide ranks a question's instruments for a role and sector; without them the question's own roles and
sectors stand for the reader's (:func:`context`). The finder ranks every instrument with the same :func:`key`:
its cards stand in the order for no context, and finder.js applies the same score to the cards when the reader
chooses a question (finder.py hands it each card's :func:`base` and each question's context).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from generator.data.index import KnowledgeBase, relation
from generator.data.model import Record
from generator.data.text import and_list

ROLE_FIT = 2
SECTOR_FIT = 2
# How concrete an instrument is, by its aims: one that activates or supports you beats one you only read.
CONCRETE = {"activeren": 2, "ondersteunen": 2, "informeren": 0}
# What the case studies found (Instrument.verdict), as a score and as the reader reads it.
VERDICT_SCORE = {"praktisch": 3, "positief": 2, "gemengd": 0, "abstract": -2, "": 0}
VERDICT_LINE = {"praktisch": "de casestudies noemen het praktisch toepasbaar",
                "positief": "de casestudies beoordeelden het positief",
                "gemengd": "de casestudies zijn er gemengd over",
                "abstract": "let op: de casestudies vonden het abstract"}
# A positive experience (Experience.verdict) in the reader's sector.
EXPERIENCE_FIT = 2
GOOD = "positief"
AIM_LINE = {"activeren": "zet je aan het werk", "ondersteunen": "helpt je bij het werk", "informeren": "om te lezen"}


@dataclass(slots=True, frozen=True)
class Context:
    """What the reader told: roles, sectors (ids; empty: not told) and the question's order of instruments."""

    roles: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    position: Mapping[str, int] | None = None  # instrument id -> its place in the question's list


def ids(kb: KnowledgeBase, record: Record, kind: str, field: str) -> list[str]:
    return [r.id for r in kb.out(record, relation(kind, field))]


def context(kb: KnowledgeBase, question: Record | None = None, roles: Collection[str] = (),
            sectors: Collection[str] = ()) -> Context:
    """The reader's context; with a question, its own roles and sectors stand for those the reader did not give."""
    if question is None:
        return Context(frozenset(roles), frozenset(sectors))
    return Context(frozenset(roles or ids(kb, question, "question", "roles")),
                   frozenset(sectors or ids(kb, question, "question", "sectors")),
                   {rid: n for n, rid in enumerate(getattr(question, "instruments", ()))})


def concreteness(kb: KnowledgeBase, instrument: Record) -> int:
    """2 for an instrument that activates or supports you, 0 for one to read."""
    return max((CONCRETE.get(a, 0) for a in ids(kb, instrument, "instrument", "aims")), default=0)


def base(kb: KnowledgeBase, instrument: Record) -> int:
    """The part of the score that does not depend on the reader: concreteness and the case studies' verdict."""
    return concreteness(kb, instrument) + VERDICT_SCORE.get(getattr(instrument, "verdict", ""), 0)


def good_sectors(kb: KnowledgeBase, instrument: Record) -> list[frozenset[str]]:
    """Per positive experience with the instrument, its sectors (empty: every sector)."""
    return [frozenset(ids(kb, e, "experience", "sectors"))
            for e in kb.back(instrument, relation("experience", "instruments")) if getattr(e, "verdict", "") == GOOD]


def good_in(kb: KnowledgeBase, instrument: Record, sectors: Collection[str]) -> bool:
    """Whether an experience with the instrument was positive in one of ``sectors`` (in any, when none given)."""
    return any(not s or not sectors or s & set(sectors) for s in good_sectors(kb, instrument))


def score(kb: KnowledgeBase, instrument: Record, ctx: Context) -> int:
    """The whole score for a reader in ``ctx``: higher fits better."""
    own_sectors = set(ids(kb, instrument, "instrument", "sectors"))
    role_fit = bool(ctx.roles & set(ids(kb, instrument, "instrument", "roles")))
    sector_fit = not own_sectors or bool(ctx.sectors & own_sectors)
    return (ROLE_FIT * role_fit + SECTOR_FIT * sector_fit + base(kb, instrument)
            + EXPERIENCE_FIT * good_in(kb, instrument, ctx.sectors))


def elsewhere(kb: KnowledgeBase, instrument: Record, sectors: Collection[str]) -> bool:
    """Whether the instrument is made only for other sectors than the reader's: never where they begin."""
    own = set(ids(kb, instrument, "instrument", "sectors"))
    return bool(sectors) and bool(own) and not own & set(sectors)


def key(kb: KnowledgeBase, instrument: Record, ctx: Context, name: Callable[[Record], str]) -> tuple[int, int, str]:
    """The sort key: lower first."""
    place = (ctx.position or {}).get(instrument.id, len(ctx.position or ()))
    return (-score(kb, instrument, ctx), place, name(instrument).casefold())


def ranked(kb: KnowledgeBase, instruments: Iterable[Record], ctx: Context,
           name: Callable[[Record], str] = lambda r: r.title) -> list[Record]:
    """``instruments`` best fit first."""
    return sorted(instruments, key=lambda i: key(kb, i, ctx, name))


def _in_sentence(name: str) -> str:
    """A name inside a sentence: its first letter lower case, unless it starts an abbreviation (CTL, ICTO)."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _names(kb: KnowledgeBase, record: Record, field: str) -> list[str]:
    return [_in_sentence(getattr(r, "short", "") or r.title) for r in kb.out(record, relation("instrument", field))]


def why(kb: KnowledgeBase, instrument: Record, sectors: Collection[str] = ()) -> str:
    """One line: for whom and where, what it does, and what the case studies found (for a reader in ``sectors``)."""
    who = and_list(_names(kb, instrument, "roles"))
    where = and_list(_names(kb, instrument, "sectors"))
    parts = [f"Voor {who}" + (f" in {where}" if where else "") if who else (f"Voor {where}" if where else "")]
    aims = ids(kb, instrument, "instrument", "aims")
    best = max(aims, key=lambda a: CONCRETE.get(a, 0), default="")
    if best in AIM_LINE:
        parts.append(AIM_LINE[best])
    verdict = getattr(instrument, "verdict", "")
    if verdict in VERDICT_LINE:
        parts.append(VERDICT_LINE[verdict])
    if good_in(kb, instrument, sectors) and (sectors or verdict not in ("praktisch", "positief")):
        parts.append("in een casestudie positief ervaren" + (" in jouw sector" if sectors else ""))
    return "; ".join(p for p in parts if p) + "."
