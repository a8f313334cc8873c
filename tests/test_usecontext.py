"""Use-context pages: what a role, sector or purpose page gathers, and what it derives (and says it derives)."""

from __future__ import annotations

import re
from typing import Any

from generator.data.index import KnowledgeBase, build_index
from generator.data.model import Citation, Competency, Instrument, LeadershipTheme, Programme, Record, SourceDoc, Term
from generator.data.schema import KIND_BY_NAME, RELATIONS
from generator.site import finder, pages, usecontext, views, write

CITE = (Citation(document="impactanalyse-npuls", section="Bijlage 4"),)


def term(rid: str, title: str, order: int = 0) -> Term:
    return Term(id=rid, title=title, cite=CITE, order=order)


VOCABULARY: list[tuple[str, Record]] = [
    ("role", term("leraar", "Leraar", 1)),
    ("purpose", term("implementatie", "Implementatie", 1)), ("purpose", term("visie", "Visie en beleid", 2)),
    ("leadership_theme", LeadershipTheme(id="sturen", title="Sturen en verantwoorden", number=2, cite=CITE,
                                         questions=("Hoe stuur ik?",))),
    ("leadership_theme", LeadershipTheme(id="richting", title="Visie en richting", number=1, cite=CITE)),
    ("competency", Competency(id="ict-geletterdheid", title="Ict-geletterdheid", area="a", cite=CITE)),
    ("programme", Programme(id="vp", title="Versnellingsplan", cite=CITE)),
    ("source", SourceDoc(id="impactanalyse-npuls", title="Impactanalyse", cite=CITE)),
]


def tool(rid: str, **fields: Any) -> Instrument:
    return Instrument(id=rid, title=f"Instrument {rid}", helps="Je leert iets.", cite=CITE, **fields)


def kb_with(*instruments: Instrument) -> KnowledgeBase:
    return build_index(VOCABULARY + [("instrument", i) for i in instruments])


def page_of(kb: KnowledgeBase, kind: str, rid: str) -> str:
    return write.markdown(pages.record_page(kb, KIND_BY_NAME[kind], kb.get(kind, rid)))


KB = kb_with(tool("a", purposes=("implementatie",), leadership_themes=("sturen", "richting"), programmes=("vp",)),
             tool("b", purposes=("implementatie",), leadership_themes=("sturen",), editorial=("leadership_themes",)),
             tool("c", purposes=("implementatie", "visie"), roles=("leraar",), editorial=("purposes",)),
             tool("d", purposes=("visie",), leadership_themes=("richting",)))


def test_a_purpose_reaches_leadership_themes_and_programmes_through_its_instruments() -> None:
    s = usecontext.slice_for(KB, "purpose", KB.get("purpose", "implementatie"))
    derived = {d.field: ([(r.id, n) for r, n in d.records], d.linked, d.editorial) for d in s.derived}
    assert derived == {
        "leadership_themes": ([("richting", 1), ("sturen", 2)], 2, 1),  # in the themes' own order; b is editorial
        "competencies": ([], 0, 0),
        "learning_goals": ([], 0, 0),
        "programmes": ([("vp", 1)], 1, 0),
    }
    assert usecontext.slice_for(KB, "role", KB.get("role", "leraar")).derived == []  # roles have their own


def test_an_editorial_link_to_the_purpose_makes_the_derived_link_editorial() -> None:
    kb = kb_with(tool("c", purposes=("visie",), leadership_themes=("sturen",), editorial=("purposes",)))
    (themes, *_) = usecontext.slice_for(kb, "purpose", kb.get("purpose", "visie")).derived
    assert (themes.linked, themes.editorial) == (1, 1)


def test_the_purpose_page_says_what_it_derives_how_and_what_is_editorial() -> None:
    md = page_of(KB, "purpose", "implementatie")
    section = md[md.index("## Via de instrumenten voor dit doel"):md.index('<details class="kb-verantwoording"')]
    account = md[md.index('<details class="kb-verantwoording"'):]
    assert ("De gegevens koppelen geen leiderschapsthema's, competenties, leerdoelen of programma's rechtstreeks "
            "aan dit doel.") in " ".join(section.split())
    headings = re.findall(r"^### (.+)$", section, flags=re.M)
    assert [h.split(" <sup")[0] for h in headings] == ["Leiderschapsthema's", "Competenties", "Leerdoelen",
                                                      "Programma's"]
    assert 'class="kb-ed"' in headings[0] and 'class="kb-ed"' not in headings[3]
    assert "Keuze van de redactie, niet letterlijk uit de bron" in section  # the line under the marked list
    assert "Leiderschapsthema's: bij 1 van de 2 instrumenten is de koppeling, of hun doel, een keuze" in account
    assert ('<li><a href="../../leiderschapsthemas/sturen/">Sturen en verantwoorden</a> (bij 2 van de 3 instrumenten)'
            "</li>") in section
    assert ('<li><a href="../../leiderschapsthemas/richting/">Visie en richting</a> (bij 1 van de 3 instrumenten)'
            "</li>") in section
    assert "Geen van de 3 instrumenten voor dit doel is gekoppeld aan een competentie." in section
    assert "<summary>Vragen die bij deze leiderschapsthema's aan bod kunnen komen (1)</summary>" in section
    assert "**Sturen en verantwoorden**\n\n- Hoe stuur ik?" in section


def test_role_and_sector_pages_have_no_derived_section() -> None:
    assert "Via de instrumenten" not in page_of(KB, "role", "leraar")


def test_what_a_purpose_derives_has_no_relation_of_its_own_to_purposes() -> None:
    """The page says the data links these kinds to no purpose directly; a new relation would make that untrue."""
    for kind, fields in usecontext.DERIVED.items():
        for field in fields:
            other = next(r.to_kind for r in RELATIONS if r.from_kind == "instrument" and r.field == field)
            direct = [r for r in RELATIONS if {r.from_kind, r.to_kind} == {other, kind}]
            assert direct == [], (kind, field, direct)


def test_a_context_page_marks_its_instrument_list_editorial_when_the_placing_is() -> None:
    kb = kb_with(tool("a", purposes=("implementatie",), roles=("leraar",)),
                 tool("b", purposes=("implementatie",), roles=("leraar",), editorial=("roles",)),
                 tool("c", purposes=("visie",), roles=("leraar",), editorial=("purposes",)))
    role = page_of(kb, "role", "leraar")
    assert re.search(r"^## Instrumenten \(3\) <sup class=\"kb-ed\"", role, flags=re.M)
    # the role page groups by purpose: an editorial purpose counts as well as an editorial role
    assert "Bij 2 van de 3 instrumenten is de indeling naar rol of doel een keuze van de redactie" in role
    purpose = page_of(kb, "purpose", "implementatie")  # grouped by role: only b's role is editorial
    assert "Bij 1 van de 2 instrumenten is de indeling naar doel of rol een keuze van de redactie" in purpose
    every = kb_with(*[tool(x, purposes=("implementatie",), editorial=("purposes",)) for x in "ab"])
    assert "Bij alle 2 instrumenten is de indeling naar doel of rol" in page_of(every, "purpose", "implementatie")
    plain = page_of(kb_with(tool("a", purposes=("implementatie",))), "purpose", "implementatie")
    instruments = plain[plain.index("## Instrumenten"):]
    assert "## Instrumenten (1)\n" in plain and "Bij " not in instruments and 'class="kb-ed"' not in instruments


def test_where_to_start_says_it_is_the_editors_own_order() -> None:
    """Marked as the editors' choice where it stands; the Verantwoording says how it came about."""
    md = page_of(KB, "purpose", "implementatie")
    steps = md[md.index("## Waar begin je?"):md.index("## Instrumenten")]
    assert steps.startswith('## Waar begin je? <sup class="kb-ed"') and "Keuze van de redactie" in steps
    account = md[md.index('<details class="kb-verantwoording"'):]
    assert "'Waar begin je?' is een volgorde die de redactie voorstelt, niet de bron" in account


def many(n: int, **fields: Any) -> list[Instrument]:
    return [tool(f"t{k:03d}", **fields) for k in range(n)]


def items(md: str) -> int:
    return md.count("<li><a ")


def test_a_long_list_on_a_context_page_shows_the_first_and_leads_to_the_finder_for_all() -> None:
    """With a catalogue of thousands a role page listed each instrument twice; now each step of 'Waar begin je?'
    names three and leads to the finder, filtered on the role; the groups hold the others, each once, up to
    the limit, and the finder, filtered on the role and the group's purpose, has them all."""
    limit = views.LIST_LIMIT
    kb = kb_with(*many(limit + 10, roles=("leraar",), purposes=("implementatie",), aims=("informeren",)))
    md = page_of(kb, "role", "leraar")
    steps = md[md.index("## Waar begin je?"):md.index("## Instrumenten")]
    group = md[md.index("### Implementatie"):]
    assert items(steps) == pages.STEP_ITEMS and items(group[:group.index("</div>")]) == limit
    assert (f'<p class="kb-more">Hier staan de eerste 3 van {limit + 10}. <a href="../../instrumenten/?rol=leraar">'
            "Alle instrumenten voor deze rol in de instrumentenvinder</a></p>") in steps
    assert (f'<p class="kb-more">Hier staan de eerste {limit} van {limit + 7}. '
            f'<a href="../../instrumenten/?rol=leraar&#38;doel=implementatie">Alle {limit + 7} in de '
            "instrumentenvinder</a></p>") in group
    assert "## Verbonden met" not in md  # the instruments left out of the lists do not come back there


def test_a_role_page_names_each_instrument_once() -> None:
    kb = kb_with(*many(8, roles=("leraar",), purposes=("implementatie", "visie"), aims=("informeren",)))
    md = page_of(kb, "role", "leraar")
    body = md[:md.index('<details class="kb-verantwoording"')]
    for k in range(8):
        assert body.count(f'instrumenten/t{k:03d}/"') == 1, k
    assert "De 5 instrumenten die niet bij 'Waar begin je?' staan, per doel; elk staat hier één keer." in md


def test_a_list_up_to_the_limit_is_shown_whole() -> None:
    kb = kb_with(*many(views.LIST_LIMIT + pages.STEP_ITEMS, roles=("leraar",), purposes=("implementatie",)))
    md = page_of(kb, "role", "leraar")
    assert items(md[md.index("### Implementatie"):]) == views.LIST_LIMIT
    assert "kb-more" not in md[md.index("### Implementatie"):]


def test_a_term_page_shortens_only_the_lists_the_finder_can_show_whole() -> None:
    limit = views.LIST_LIMIT
    kb = kb_with(*many(limit + 1, programmes=("vp",), leadership_themes=("sturen",)))
    programme = page_of(kb, "programme", "vp")
    assert items(programme) == limit
    assert (f'Hier staan de eerste {limit} van {limit + 1}. <a href="../../instrumenten/?programma=vp">'
            f"Alle {limit + 1} in de instrumentenvinder</a>") in programme
    (count,) = [v.count for f in finder.finder_view(kb).facets if f.param == "programma" for v in f.values
                if v.id == "vp"]
    assert count == limit + 1  # the finder, so filtered, shows every one the list left out
    assert finder.param("related") is None  # the finder cannot show "the instruments that name this one"
    named = kb_with(tool("doel"), *(tool(f"n{k:03d}", related=("doel",)) for k in range(limit + 1)))
    target = page_of(named, "instrument", "doel")
    assert all(f'href="../n{k:03d}/"' in target for k in range(limit + 1)) and "kb-more" not in target
