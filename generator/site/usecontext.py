"""Use-context slices: what matters to a role, a sector or a purpose, and where to start.

A slice gathers, from the index, the records a reader in that context needs,
and derives a suggested order of work from the data (aim and level of the
instruments, profiles, trajectories, examples), never from hand-typed lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from generator.data.index import KnowledgeBase, relation, sort_key
from generator.data.model import Instrument, Record

CONTEXT_KINDS = ("role", "sector", "purpose")
# The field of an instrument (and of other kinds) that places it in each context.
FIELD = {"role": "roles", "sector": "sectors", "purpose": "purposes"}
# How instruments on a context page are grouped: by purpose, or for a purpose page by role.
GROUP_BY = {"role": "purpose", "sector": "purpose", "purpose": "role"}
# What a context reaches only through its instruments (the data links no profile, trajectory or example to a
# purpose): these fields of the instruments that serve it, shown as derived, never as the source's relation.
DERIVED = {"purpose": ("leadership_themes", "competencies", "learning_goals", "programmes")}
# How a context page names its own record ("de instrumenten voor dit doel").
THIS = {"role": "deze rol", "sector": "deze sector", "purpose": "dit doel"}


@dataclass(slots=True)
class Step:
    """One step of 'waar begin je?'."""

    title: str
    why: str
    records: list[Record] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class Derived:
    """What a context's instruments link to through ``field``: each record with how many of them link to it."""

    field: str
    records: tuple[tuple[Record, int], ...]
    linked: int  # the context's instruments with at least one value in ``field``
    editorial: int  # of those, how many have this field or their link to the context as an editorial choice


@dataclass(slots=True)
class Slice:
    kind: str
    record: Record
    instruments: tuple[Record, ...] = ()
    groups: list[tuple[Record | None, tuple[Record, ...]]] = field(default_factory=list)
    profiles: tuple[Record, ...] = ()
    learning_goals: tuple[Record, ...] = ()
    leadership_themes: tuple[Record, ...] = ()
    trajectories: tuple[Record, ...] = ()
    examples: tuple[Record, ...] = ()
    programmes: tuple[Record, ...] = ()
    steps: list[Step] = field(default_factory=list)
    derived: list[Derived] = field(default_factory=list)
    editorial: int = 0  # instruments placed in this context, or in their group, by an editorial choice


def _back(kb: KnowledgeBase, record: Record, from_kind: str, field_name: str) -> tuple[Record, ...]:
    try:
        rel = relation(from_kind, field_name)
    except KeyError:
        return ()
    return kb.back(record, rel)


def slice_for(kb: KnowledgeBase, kind: str, record: Record) -> Slice:
    fname = FIELD[kind]
    s = Slice(kind, record)
    s.instruments = _back(kb, record, "instrument", fname)
    s.groups = _group(kb, s.instruments, GROUP_BY[kind])
    s.editorial = sum(1 for i in s.instruments if {fname, FIELD[GROUP_BY[kind]]} & set(i.editorial))
    s.profiles = _back(kb, record, "profile", fname)
    s.trajectories = _back(kb, record, "trajectory", fname)
    s.examples = _back(kb, record, "example", fname)
    s.programmes = _back(kb, record, "programme", fname)
    s.learning_goals = _unique(g for p in s.profiles for a in _back(kb, p, "competence_area", "profile")
                               for g in _back(kb, a, "learning_goal", "area"))
    s.leadership_themes = _unique(t for p in s.profiles for t in _back(kb, p, "leadership_theme", "profile"))
    s.steps = _steps(kb, s)
    s.derived = [_derived(kb, s.instruments, fname, f) for f in DERIVED.get(kind, ())]
    return s


def _derived(kb: KnowledgeBase, instruments: tuple[Record, ...], context_field: str, field_name: str) -> Derived:
    rel = relation("instrument", field_name)
    found: dict[int, Record] = {}
    times: dict[int, int] = {}
    linked = editorial = 0
    for i in instruments:
        targets = kb.out(i, rel)
        if not targets:
            continue
        linked += 1
        editorial += bool({context_field, field_name} & set(i.editorial))
        for t in targets:
            found[id(t)] = t
            times[id(t)] = times.get(id(t), 0) + 1
    records = tuple((r, times[id(r)]) for r in sorted(found.values(), key=sort_key))
    return Derived(field_name, records, linked, editorial)


def _unique(records: Iterable[Record]) -> tuple[Record, ...]:
    return tuple(sorted({id(r): r for r in records}.values(), key=sort_key))


def _group(kb: KnowledgeBase, instruments: tuple[Record, ...], by: str) -> list[tuple[Record | None, tuple[Record, ...]]]:
    rel = relation("instrument", FIELD[by])
    # One pass over the instruments (a scan of all instruments per term compared records by value).
    members: dict[int, list[Record]] = {id(term): [] for term in kb.records(by)}
    rest: list[Record] = []
    for i in instruments:
        terms = kb.out(i, rel)
        for term in terms:
            members[id(term)].append(i)
        if not terms:
            rest.append(i)
    groups: list[tuple[Record | None, tuple[Record, ...]]] = [
        (term, tuple(members[id(term)])) for term in kb.records(by) if members[id(term)]]
    if rest:
        groups.append((None, tuple(rest)))
    return groups


def _has(kb: KnowledgeBase, record: Record, field_name: str, ids: set[str]) -> bool:
    return any(t.id in ids for t in kb.out(record, relation("instrument", field_name)))


_STEPS: tuple[tuple[str, str, Callable[[KnowledgeBase, Record], bool]], ...] = (
    ("Oriënteer je", "Instrumenten die vooral informeren en die je alleen kunt lezen.",
     lambda kb, i: _has(kb, i, "aims", {"informeren"}) and not _has(kb, i, "levels", {"team", "organisatie"})),
    ("Ga zelf aan de slag", "Instrumenten die je ondersteunen bij je eigen werk.",
     lambda kb, i: _has(kb, i, "levels", {"individu"}) or not kb.out(i, relation("instrument", "levels"))),
    ("Samen met je team", "Instrumenten om met je team mee te werken.",
     lambda kb, i: _has(kb, i, "levels", {"team"})),
    ("Met de hele organisatie", "Instrumenten om de organisatie in beweging te brengen.",
     lambda kb, i: _has(kb, i, "levels", {"organisatie"})),
    ("Verder", "Instrumenten zonder niveau in de gegevens.", lambda kb, i: True),
)


def _steps(kb: KnowledgeBase, s: Slice) -> list[Step]:
    steps: list[Step] = []
    if s.profiles:
        what = "Het competentieprofiel en de leerdoelen." if s.learning_goals else "Het competentieprofiel."
        steps.append(Step("Weet wat er van je gevraagd wordt", what, list(s.profiles)))
    remaining: list[Record] = [i for i in s.instruments if isinstance(i, Instrument)]
    for title, why, test in _STEPS:
        # Split in one pass: 'i not in taken' compared every pair of records by value, quadratic in instruments.
        taken: list[Record] = []
        rest: list[Record] = []
        for i in remaining:
            (taken if test(kb, i) else rest).append(i)
        remaining = rest
        if taken:
            steps.append(Step(title, why, taken))
    if s.trajectories:
        steps.append(Step("Leer met anderen", "Professionaliseringstrajecten waarin je dit samen leert.",
                          list(s.trajectories)))
    if s.examples:
        steps.append(Step("Kijk hoe anderen het deden", "Praktijkvoorbeelden van scholen en instellingen.",
                          list(s.examples)))
    return steps
