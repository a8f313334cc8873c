"""One rule set for "Begin hier" and "Meest passend" (generator/data/fit.py): the guide and the finder rank alike.

The finder's side is read from what its page embeds (the bitsets, the A–Z permutation and ``fit``), ranked the
way finder.js ranks (``finder_order`` below says each step); tests/browser/test_finder.py checks finder.js
itself against the same expectation in Chromium.
"""

from __future__ import annotations

import json
from typing import Any

from generator.data import fit, questions
from generator.data.index import KnowledgeBase, relation
from generator.data.model import Record
from generator.site import finder, names

from .test_finder import Selection, decode, matches


def page_data(kb: KnowledgeBase) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(str(finder.finder_view(kb).data))
    return data


def finder_order(kb: KnowledgeBase, selection: Selection) -> list[str]:
    """The ids of the instruments the finder lists for ``selection``, in its "Meest passend" order, from its data."""
    data = page_data(kb)
    size, bits, score = data["size"], data["bits"], data["fit"]
    ids = [i.id for i in finder.ordered(kb)]  # card k is the k-th instrument
    sets = {p: {v: decode(b, size) for v, b in values.items()} for p, values in bits.items()}
    found = set(range(size))
    for param, chosen in selection.items():
        if chosen:
            found &= set().union(*(sets[param].get(v, set()) for v in chosen))
    asked = [score["questions"][q] for q in selection.get("vraag", ()) if q in score["questions"]]
    if not asked and not selection.get("sector"):
        return [ids[k] for k in sorted(found)]  # the cards' own order

    def wanted(param: str, key: str) -> set[str]:
        return set(selection.get(param) or {v for q in asked for v in q[key]})

    def fitting(param: str, key: str) -> list[set[int]]:
        return [cards for v, cards in sets[param].items() if v in wanted(param, key)]

    roles, sectors = fitting("rol", "roles"), fitting("sector", "sectors")
    reader_sectors = wanted("sector", "sectors")
    any_sector = set().union(*sets["sector"].values())
    place: dict[int, int] = {k: 0 for k in range(size)} if not asked else {}
    for q in asked:
        for n, k in enumerate(q["cards"]):
            place[k] = min(n, place.get(k, n))
    position_az = {k: n for n, k in enumerate(data["az"])}

    def good(k: int) -> bool:
        sectors_of = score["good"].get(str(k))
        return sectors_of is not None and (not sectors_of or not reader_sectors or bool(reader_sectors & set(sectors_of)))

    def key(k: int) -> tuple[int, int, int]:
        total = score["base"][k] + score["role"] * any(k in s for s in roles) \
            + score["sector"] * (any(k in s for s in sectors) or k not in any_sector) + score["experience"] * good(k)
        return (-total, place[k], position_az[k])
    return [ids[k] for k in sorted((k for k in place if k in found), key=key)]


def guide_order(kb: KnowledgeBase, question: Record, role: Record | None, sector: Record | None) -> list[str]:
    """The guide's whole ranking of a question's instruments for a role and sector ("Begin hier" is its top 3)."""
    ctx = fit.context(kb, question, [role.id] if role else (), [sector.id] if sector else ())
    candidates = [i for i in kb.out(question, relation("question", "instruments"))
                  if not (sector is not None and fit.elsewhere(kb, i, (sector.id,)))]
    return [i.id for i in fit.ranked(kb, candidates, ctx, names.reader_name)]


def contexts(kb: KnowledgeBase) -> list[tuple[Record, Record | None, Record | None]]:
    """Every question with instruments, for no role or sector, each role, each sector, and each pair."""
    out: list[tuple[Record, Record | None, Record | None]] = []
    for q in kb.records("question"):
        if getattr(q, "instruments"):
            out += [(q, r, s) for r in (None, *kb.records("role")) for s in (None, *kb.records("sector"))]
    return out


def test_the_finder_ranks_a_questions_instruments_as_the_guide_does_for_every_role_and_sector(
        real_kb: KnowledgeBase) -> None:
    compared = 0
    for q, role, sector in contexts(real_kb):
        selection = {"vraag": {q.id}, "rol": {role.id} if role else set(), "sector": {sector.id} if sector else set()}
        shown = finder_order(real_kb, selection)
        assert sorted(shown) == sorted(i.id for i in matches(real_kb, selection)), "het filter blijft hetzelfde"
        guide = guide_order(real_kb, q, role, sector)
        assert shown == [i for i in guide if i in shown], (q.id, role and role.id, sector and sector.id)
        picks = [p.instrument.id for p in questions.begin_here(real_kb, q, role, sector)]
        assert picks == guide[:questions.LIMIT]
        # what "Begin hier" shows and the finder lists too comes first in the finder, in the same order
        assert shown[:len([p for p in picks if p in shown])] == [p for p in picks if p in shown]
        compared += len(shown) > 1
    assert compared > 50, "genoeg gevallen met een volgorde om te vergelijken"


def test_a_question_page_opens_the_finder_with_begin_hier_first_in_the_same_order(real_kb: KnowledgeBase) -> None:
    for q in real_kb.records("question"):
        picks = [p.instrument.id for p in questions.begin_here(real_kb, q)]
        shown = finder_order(real_kb, {"vraag": {q.id}})
        assert shown[:len(picks)] == picks, q.id
        assert sorted(shown) == sorted(getattr(q, "instruments")), q.id


def test_with_a_role_or_sector_but_no_question_the_finder_lists_in_the_guides_order(real_kb: KnowledgeBase) -> None:
    for role in (None, *real_kb.records("role")):
        for sector in (None, *real_kb.records("sector")):
            selection = {"rol": {role.id} if role else set(), "sector": {sector.id} if sector else set()}
            found = {i.id for i in matches(real_kb, selection)}
            ctx = fit.context(real_kb, None, [role.id] if role else (), [sector.id] if sector else ())
            guide = [i.id for i in fit.ranked(real_kb, [real_kb.get("instrument", i) for i in found], ctx,
                                              names.reader_name)]
            assert finder_order(real_kb, selection) == guide, (role and role.id, sector and sector.id)


def test_an_instrument_with_a_positive_experience_in_the_readers_sector_comes_first(real_kb: KnowledgeBase) -> None:
    # Toolkit Blend je onderwijs and Proeftuin Blended onderwijs answer the same question and are both for
    # hbo and wo; only the toolkit has a positive experience (case 3, mbo/hbo/wo), the proeftuin a mixed one.
    q = real_kb.get("question", "blended-onderwijs-in-het-team")
    toolkit = real_kb.get("instrument", "toolkit-blend-je-onderwijs")
    proeftuin = real_kb.get("instrument", "proeftuin-blended-onderwijs")
    hbo = fit.context(real_kb, q, (), ["hbo"])
    assert fit.good_in(real_kb, toolkit, ["hbo"]) and not fit.good_in(real_kb, proeftuin, ["hbo"])
    assert fit.score(real_kb, toolkit, hbo) - fit.score(real_kb, proeftuin, hbo) >= fit.EXPERIENCE_FIT
    # the bonus belongs to the experience: without it, the toolkit scores exactly EXPERIENCE_FIT less
    bare = fit.Context(frozenset(), frozenset({"po"}))
    assert not fit.good_in(real_kb, toolkit, ["po"])
    assert fit.score(real_kb, toolkit, fit.Context(frozenset(), frozenset({"hbo"}))) \
        - fit.score(real_kb, toolkit, bare) == fit.SECTOR_FIT + fit.EXPERIENCE_FIT
    picks = questions.begin_here(real_kb, q, None, real_kb.get("sector", "hbo"))
    assert picks[0].instrument is toolkit and "positief ervaren in jouw sector" in picks[0].why


def test_the_finder_with_a_sector_puts_positive_experiences_in_it_first(real_kb: KnowledgeBase) -> None:
    good = {e_i.id for e in real_kb.records("experience") if getattr(e, "verdict") == "positief"
            for e_i in real_kb.out(e, relation("experience", "instruments"))
            if "wo" in {s.id for s in real_kb.out(e, relation("experience", "sectors"))}}
    assert good, "de gegevens hebben positieve ervaringen in het wo"
    shown = finder_order(real_kb, {"sector": {"wo"}})
    cards = [i.id for i in finder.ordered(real_kb) if i.id in set(shown)]
    assert shown != cards, "een gekozen sector verandert de volgorde"
    # among instruments with the same score without experiences, those with a good one in wo stand first
    ctx = fit.Context(frozenset(), frozenset({"wo"}))
    for a, b in zip(shown, shown[1:]):
        ia, ib = real_kb.get("instrument", a), real_kb.get("instrument", b)
        if fit.score(real_kb, ia, ctx) - fit.EXPERIENCE_FIT * (a in good) == \
                fit.score(real_kb, ib, ctx) - fit.EXPERIENCE_FIT * (b in good):
            assert (a in good) >= (b in good), (a, b)


def test_a_question_stands_in_for_the_role_the_reader_did_not_give(real_kb: KnowledgeBase) -> None:
    q = real_kb.get("question", "formatief-toetsen-met-ict")
    ctx = fit.context(real_kb, q)
    assert ctx.roles == {r.id for r in real_kb.out(q, relation("question", "roles"))}
    leraar = fit.context(real_kb, q, ["leraar"])
    assert leraar.roles == {"leraar"} and leraar.sectors == ctx.sectors
    assert list(leraar.position or {}) == list(getattr(q, "instruments"))


def test_the_guides_last_step_links_the_finder_with_the_same_role_and_sector(real_kb: KnowledgeBase) -> None:
    from generator.site import questionpages

    linked = 0
    for spec in questionpages.pages(real_kb, {}):
        if spec.context["step"] != 3 or not spec.context["items"]:
            continue
        role, sector = spec.context["role"], spec.context["sector"]
        link = spec.context["in_finder"]
        selection = {"rol": {role.id} if role else set(), "sector": {sector.id} if sector else set()}
        found = matches(real_kb, selection)
        if (role is None and sector is None) or not found:
            assert link is None, spec.path
            continue
        query = "&".join(([f"rol={role.id}"] if role else []) + ([f"sector={sector.id}"] if sector else []))
        assert link.url.endswith("instrumenten/?" + query), link.url
        assert link.title.startswith("Het instrument" if len(found) == 1 else f"Alle {len(found)} instrumenten"), \
            link.title
        linked += 1
    assert linked > 10
