"""Which instruments fit best: the rules of the finder's "Meest passend", written so the guide's "Begin hier" can use them.

An instrument ranks higher the more concrete it is (something to work with before something to read), when a
case study of the impact analysis tried it out, and the more it is aimed at few roles. Ties go by name. Every
rule reads the data; ``why`` says in one line which rules an instrument meets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.data.index import KnowledgeBase, relation
from generator.data.model import Record

# Forms and aims that give a reader something to work with, not only to read (impact analysis, 3.3 and 3.4).
HANDS_ON_FORMS = frozenset({"toolkit", "los-instrument", "interactief"})
HANDS_ON_AIMS = frozenset({"ondersteunen", "activeren"})
SHORT_FORMS = frozenset({"kort-overzicht"})


def _ids(kb: KnowledgeBase, instrument: Record, field: str) -> set[str]:
    return {r.id for r in kb.out(instrument, relation("instrument", field))}


def concreteness(kb: KnowledgeBase, instrument: Record) -> int:
    """0: something to work with; 1: a short overview; 2: something to read."""
    if _ids(kb, instrument, "forms") & HANDS_ON_FORMS or _ids(kb, instrument, "aims") & HANDS_ON_AIMS:
        return 0
    return 1 if _ids(kb, instrument, "forms") & SHORT_FORMS else 2


def tried(instrument: Record) -> bool:
    """Whether a case study of the impact analysis looked at this instrument in use."""
    return bool(str(getattr(instrument, "case_study", "") or "").strip())


def key(kb: KnowledgeBase, instrument: Record, name: Callable[[Record], str]) -> tuple[int, int, int, str]:
    """The sort key of "Meest passend": lower first."""
    roles = len(kb.out(instrument, relation("instrument", "roles"))) or 99
    return (concreteness(kb, instrument), 0 if tried(instrument) else 1, roles, name(instrument).casefold())


def ranked(kb: KnowledgeBase, instruments: Iterable[Record], name: Callable[[Record], str]) -> list[Record]:
    """``instruments`` best fit first."""
    return sorted(instruments, key=lambda i: key(kb, i, name))


def why(kb: KnowledgeBase, instrument: Record) -> str:
    """One line on why an instrument ranks where it does, in Dutch."""
    parts = [("je kunt er direct mee aan de slag", "een kort overzicht", "om te lezen")[concreteness(kb, instrument)]]
    if tried(instrument):
        parts.append("in een casestudie van de impactanalyse gebruikt")
    return ", ".join(parts).capitalize() + "."
