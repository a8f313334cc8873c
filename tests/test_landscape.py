"""The map ("Samenhang"): matrices, counts, gaps and charts computed from the data, and built into the site.

The unit tests use a small knowledge base made here with build_index; the build tests run real
`mkdocs build --strict` builds of the fixture project (with one instrument added) and of the real data.
"""

from __future__ import annotations

import re
from html import unescape
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from generator.data.index import KnowledgeBase, build_index
from generator.data.model import (Citation, Competency, Instrument, LeadershipTheme, LearningGoal, Meeting, Record,
                             SourceDoc, Term, Trajectory)
from generator.data.schema import KIND_BY_NAME
from generator.site import charts, gaps, landscape, pages, svg, write

from .conftest import BuiltSite, run_cli
from .fixture_data import fixture_project

CITE = (Citation(document="impactanalyse-npuls", section="Bijlage 4"),)
SVG = "{http://www.w3.org/2000/svg}"


def term(rid: str, title: str, order: int = 0) -> Term:
    return Term(id=rid, title=title, cite=CITE, order=order)


VOCABULARY: list[tuple[str, Record]] = [
    ("role", term("leraar", "Leraar", 1)), ("role", term("schoolleider", "Schoolleider", 2)),
    ("purpose", term("visie-en-beleid", "Visie en beleid", 1)), ("purpose", term("implementatie", "Implementatie", 2)),
    ("purpose", term("professionalisering", "Professionalisering", 3)),
    ("level", term("individu", "Individu", 1)), ("level", term("team", "Team", 2)),
    ("level", term("organisatie", "Hele organisatie", 3)),
    ("sector", term("po", "Primair onderwijs", 1)), ("sector", term("mbo", "Middelbaar beroepsonderwijs", 2)),
    ("theme", term("leiderschap", "Leiderschap", 1)),
    ("leadership_theme", LeadershipTheme(id="visie", title="Visie en richting", number=1, cite=CITE)),
    ("leadership_theme", LeadershipTheme(id="sturen", title="Sturen en verantwoorden", number=2, cite=CITE)),
    ("learning_goal", LearningGoal(id="leerdoel-1", title="Gesprekken voeren", number=1, area="a", cite=CITE)),
    ("competency", Competency(id="ict-geletterdheid", title="Ict-geletterdheid", area="a", cite=CITE)),
    ("source", SourceDoc(id="impactanalyse-npuls", title="Impactanalyse", cite=CITE)),
]


def tool(rid: str, **fields: Any) -> Instrument:
    return Instrument(id=rid, title=f"Instrument {rid}", helps="Je leert iets.", cite=CITE, **fields)


def kb_with(*instruments: Instrument) -> KnowledgeBase:
    return build_index(VOCABULARY + [("instrument", i) for i in instruments])


def none_and_few(kb: KnowledgeBase, heading: str) -> tuple[list[str], list[tuple[str, str]]]:
    gap = next(g for g in gaps.gaps(kb, landscape.GAPS) if g.heading == heading)
    return [link.title for link in gap.none], [(link.title, link.extra) for link in gap.few]


# --- counts and matrices -------------------------------------------------------


def test_grid_counts_instruments_per_pair_of_values() -> None:
    kb = kb_with(tool("a", roles=("leraar",), purposes=("implementatie", "professionalisering")),
                 tool("b", roles=("leraar", "schoolleider"), purposes=("implementatie",)),
                 tool("c", roles=("schoolleider",)))
    chart = charts.grid(kb, "roles", "purposes", landscape.INDEX)
    assert chart.heading == "Rollen × doelen"
    assert [c.label for c in chart.table.cols] == ["Visie en beleid", "Implementatie", "Professionalisering"]
    assert [(r.head.label, [c.shown for c in r.cells]) for r in chart.table.rows] == [
        ("Leraar", ["0", "2", "1"]), ("Schoolleider", ["0", "1", "0"])]
    assert chart.table.rows[0].head.href == "../rollen/leraar.md"


def test_a_long_row_name_of_a_count_grid_is_shortened_with_the_whole_name_as_tooltip() -> None:
    sentence = "Door gesprekken, waarin de perspectieven van verschillende stakeholders worden betrokken, bepalen wat er leeft"
    goal = LearningGoal(id="leerdoel-2", title=sentence, number=2, area="a", cite=CITE)
    kb = build_index(VOCABULARY + [("learning_goal", goal),
                                   ("instrument", tool("a", learning_goals=("leerdoel-2",), purposes=("visie-en-beleid",)))])
    heads = [r.head for r in charts.grid(kb, "learning_goals", "purposes", landscape.INDEX).table.rows]
    assert heads[0] == charts.Head("Leerdoel 1: Gesprekken voeren", "../leerdoelen/leerdoel-1.md")
    assert heads[1].label.startswith("Leerdoel 2: Door gesprekken") and heads[1].label.endswith("…")
    assert len(heads[1].label) <= charts.ROW_CHARS and heads[1].full == f"Leerdoel 2: {sentence}"


def test_matrix_marks_links_and_editorial_links_and_counts_every_instrument() -> None:
    kb = kb_with(tool("a", leadership_themes=("visie",)),
                 tool("b", leadership_themes=("visie", "sturen"), editorial=("leadership_themes",)),
                 tool("c", purposes=("implementatie",)))
    m = charts.matrix(kb, "leadership_themes", landscape.INDEX)
    assert m.table is not None
    assert (m.linked, m.shown, m.editorial) == (2, 2, 1)
    rows = [(r.head.label, [(c.shown, c.spoken) for c in r.cells]) for r in m.table.rows]
    assert rows == [("Instrument a", [("✓", "ja"), ("", "")]),
                    ("Instrument b", [("✓*", "ja, redactionele indeling"), ("✓*", "ja, redactionele indeling")])]
    assert m.table.foot is not None and [c.shown for c in m.table.foot.cells] == ["2", "1"]


def test_matrix_without_any_linked_instrument_has_no_table() -> None:
    m = charts.matrix(kb_with(tool("a", roles=("leraar",))), "learning_goals", landscape.INDEX)
    assert m.table is None and m.linked == 0


def test_matrix_rows_stop_at_the_cap_but_the_counts_cover_all_instruments() -> None:
    n = charts.MAX_ROWS + 7
    kb = kb_with(*[tool(f"{i:04d}", purposes=("implementatie",)) for i in range(n)])
    m = charts.matrix(kb, "purposes", landscape.INDEX)
    assert m.table is not None and m.table.foot is not None
    assert (m.linked, m.shown, len(m.table.rows)) == (n, charts.MAX_ROWS, charts.MAX_ROWS)
    assert [c.shown for c in m.table.foot.cells] == ["0", str(n), "0"]


def test_matrix_draws_its_marks_as_dots_and_rings_beside_the_table() -> None:
    kb = kb_with(tool("a", leadership_themes=("visie",)),
                 tool("b", leadership_themes=("visie", "sturen"), editorial=("leadership_themes",)))
    m = charts.matrix(kb, "leadership_themes", landscape.INDEX)
    root = ET.fromstring(str(m.picture))
    assert root.get("id") == "kb-matrix-leadership-themes" and root.get("role") == "group"  # it holds links
    assert root.get("aria-label") == ("Instrumenten × leiderschapsthema's: een stip waar een instrument bij een "
                                      "leiderschapsthema hoort")
    assert "tabel onder de figuur" in (root.findtext(f"{SVG}desc") or "")
    marks = [(c.get("class"), c.findtext(f"{SVG}title")) for c in root.iter(f"{SVG}circle") if c.find(f"{SVG}title")
             is not None]
    assert marks == [("kb-dot", "Instrument a – Visie en richting"),
                     ("kb-ring", "Instrument b – Visie en richting: redactionele indeling"),
                     ("kb-ring", "Instrument b – Sturen en verantwoorden: redactionele indeling")]
    # each dot leads to its instrument, each total to the finder on its column
    links = [(a.get("href"), a.get("aria-label")) for a in root.iter(f"{SVG}a")]
    assert links == [("../instrumenten/a/", "Instrument a – Visie en richting"),
                     ("../instrumenten/b/", "Instrument b – Visie en richting: redactionele indeling"),
                     ("../instrumenten/b/", "Instrument b – Sturen en verantwoorden: redactionele indeling"),
                     ("../instrumenten/?leiderschap=visie", "Visie en richting: 2 instrumenten"),
                     ("../instrumenten/?leiderschap=sturen", "Sturen en verantwoorden: 1 instrument")]
    assert m.lead == "De meeste ingedeelde instrumenten zijn er voor Visie en richting (2)."


def test_every_cell_with_instruments_links_to_the_finder_filtered_on_both_values() -> None:
    kb = kb_with(tool("a", roles=("leraar",), purposes=("implementatie",)),
                 tool("b", roles=("leraar", "schoolleider"), purposes=("implementatie",)))
    chart = charts.grid(kb, "roles", "purposes", "samenhang/rollen.md")
    root = ET.fromstring(str(chart.picture))
    links = [(a.get("href"), a.get("aria-label")) for a in root.iter(f"{SVG}a")]
    assert links == [("../../instrumenten/?rol=leraar&doel=implementatie", "Leraar en Implementatie: 2 instrumenten"),
                     ("../../instrumenten/?rol=schoolleider&doel=implementatie",
                      "Schoolleider en Implementatie: 1 instrument")]
    assert chart.lead == ("De meeste instrumenten zijn er voor Leraar bij Implementatie (2); 4 van de 6 combinaties "
                          "hebben er geen.")


def test_every_bar_links_to_the_finder_and_the_chart_opens_with_a_sentence_from_the_data() -> None:
    kb = kb_with(tool("a", sectors=("mbo",)), tool("b", sectors=("mbo",)))
    chart = charts.chart(kb, "sectors", "samenhang/landschap.md")
    root = ET.fromstring(str(chart.picture))
    assert [(a.get("href"), a.get("aria-label")) for a in root.iter(f"{SVG}a")] == [
        ("../../instrumenten/?sector=mbo", "Middelbaar beroepsonderwijs: 2 instrumenten")]  # po has none: no link
    assert chart.lead == "Voor Primair onderwijs zijn er geen instrumenten; de meeste zijn er voor Middelbaar " \
                         "beroepsonderwijs (2)."


def test_rows_carry_short_names_not_numbers() -> None:
    goal = LearningGoal(id="leerdoel-9", title="Je kunt met collega's een gedeelde visie op leren met ict uitwerken "
                        "en die vertalen naar de les", number=9, area="a", cite=CITE)
    assert charts.short_label(goal) == svg.shorten(goal.title, charts.LABEL_CHARS)
    assert not charts.short_label(goal).startswith("Leerdoel")
    role = Term(id="schoolleider", title="School- of teamleider", short="leidinggevende", cite=CITE)
    assert charts.short_label(role, "roles") == "School- of teamleider"  # the name every page uses


def test_matrix_of_more_instruments_than_a_picture_can_hold_is_a_table_only() -> None:
    def matrix(n: int) -> charts.Matrix:
        return charts.matrix(kb_with(*[tool(f"{i:04d}", purposes=("implementatie",)) for i in range(n)]),
                                "purposes", landscape.INDEX)

    assert matrix(charts.PICTURE_ROWS).picture and not matrix(charts.PICTURE_ROWS + 1).picture
    many = kb_with(*[tool(f"{i:04d}", purposes=("implementatie",)) for i in range(charts.PICTURE_ROWS + 1)])
    view = next(spec for spec in landscape.pages(many, {}) if spec.path == "samenhang/doelen.md")
    page = write.markdown(view)
    assert f"Met meer dan {charts.PICTURE_ROWS} instrumenten zou een figuur te lang worden" in page
    assert 'id="kb-matrix-purposes"' not in page


def test_the_map_page_does_not_grow_with_the_number_of_instruments() -> None:
    def size(n: int) -> int:
        kb = kb_with(*[tool(f"{i:05d}", roles=("leraar",), purposes=("implementatie",), leadership_themes=("visie",))
                       for i in range(n)])
        return sum(len(write.markdown(spec)) for spec in landscape.pages(kb, {}))

    assert size(4 * charts.MAX_ROWS) < 1.01 * size(2 * charts.MAX_ROWS)


# --- gaps ----------------------------------------------------------------------


def test_values_without_instruments_are_gaps_and_one_or_two_are_few() -> None:
    kb = kb_with(tool("a", levels=("individu",)), tool("b", levels=("individu", "team")),
                 tool("c", levels=("individu",)))
    assert none_and_few(kb, "Niveaus") == (["Hele organisatie"], [("Team", "1 instrument")])
    assert none_and_few(kb, "Leerdoelen") == (["Leerdoel 1: Gesprekken voeren"], [])


def test_adding_an_instrument_for_a_gap_removes_it_from_the_gaps() -> None:
    before = kb_with(tool("a", competencies=("ict-geletterdheid",)))
    assert none_and_few(before, "Leiderschapsthema's")[0] == ["Visie en richting", "Sturen en verantwoorden"]
    after = kb_with(tool("a", competencies=("ict-geletterdheid",)), tool("b", leadership_themes=("sturen",)))
    assert none_and_few(after, "Leiderschapsthema's") == (["Visie en richting"], [("Sturen en verantwoorden",
                                                                                   "1 instrument")])
    more = kb_with(*[tool(x, leadership_themes=("sturen",)) for x in "abc"])
    assert none_and_few(more, "Leiderschapsthema's") == (["Visie en richting"], [])


def test_before_any_instrument_every_value_is_a_gap_and_the_pages_still_render() -> None:
    kb = kb_with()
    rendered = [write.markdown(spec) for spec in landscape.pages(kb, {})]
    assert none_and_few(kb, "Rollen") == (["Leraar", "Schoolleider"], [])
    assert ("Nog geen enkel instrument is gekoppeld aan competenties, leerdoelen, leiderschapsthema's, doelen of "
            "rollen" in rendered[0])


def test_named_gaps_of_the_impact_analysis_are_checked_against_the_data() -> None:
    kb = kb_with(tool("a", levels=("individu",), purposes=("implementatie",)),
                 tool("b", levels=("organisatie", "team"), purposes=("professionalisering",)),
                 tool("c", levels=("individu", "organisatie"), editorial=("levels",),
                      description="Over privacy van leerlingen."))
    team, implementation, ethics = gaps.findings(kb, landscape.GAPS)
    assert team.verdict == "Ja"  # 1 instrument against an average of 2 for the other levels
    assert team.found == ("Team: 1 van de 3 instrumenten. De andere niveaus: Individu 2, Hele organisatie 2 "
                          "(gemiddeld 2).")
    assert "bij 1 van de 3 ingedeelde instrumenten" in team.caveat
    assert team.label == "Volgens de gegevens, deels onze eigen indeling"
    assert implementation.verdict == "Nee"  # 1 against an average of 0,5
    assert implementation.label == "Bevestigd door de gegevens uit de bron" and not implementation.caveat
    assert ethics.verdict == "Ja" and [link.title for link in ethics.links] == ["Instrument c"]
    assert "geen bevestiging door de bron" in ethics.label and "onze eigen beschrijvingen" in ethics.caveat


def test_a_confirmation_that_rests_only_on_our_classification_says_so() -> None:
    kb = kb_with(tool("a", levels=("individu",), editorial=("levels",)),
                 tool("b", levels=("organisatie",), editorial=("levels",)),
                 tool("c", levels=("individu", "organisatie", "team"), editorial=("levels",)))
    team = gaps.findings(kb, landscape.GAPS)[0]
    assert team.verdict == "Ja"
    assert team.label == "Volgens onze eigen indeling (geen bevestiging door de bron)"
    assert team.caveat.startswith("Dit rust op onze eigen indeling: bij alle 3 ingedeelde instrumenten")
    levels = next(g for g in gaps.gaps(kb, landscape.GAPS) if g.heading == "Niveaus")
    assert levels.rests_on == gaps.OURS and levels.basis == team.caveat
    purposes = next(g for g in gaps.gaps(kb, landscape.GAPS) if g.heading == "Doelen")
    assert purposes.rests_on == "" and purposes.basis == ""  # nothing classified, nothing to rest on


def test_a_named_gap_on_a_value_the_data_lacks_cannot_be_checked() -> None:
    kb = build_index([("level", term("individu", "Individu")), ("instrument", tool("a", levels=("individu",)))])
    assert gaps.findings(kb, landscape.GAPS)[0].verdict == "Niet na te gaan"


# --- the landscape and trajectories -----------------------------------------------


def test_chart_counts_per_value_and_says_how_many_have_none() -> None:
    kb = kb_with(tool("a", sectors=("mbo",)), tool("b", sectors=("mbo", "po")), tool("c"), tool("d", sectors=("mbo",)))
    chart = charts.chart(kb, "sectors", landscape.LANDSCAPE)
    assert [(r.head.label, [c.shown for c in r.cells]) for r in chart.table.rows] == [
        ("Primair onderwijs", ["1"]), ("Middelbaar beroepsonderwijs", ["3"])]
    assert chart.note == "1 instrument zonder sector."
    assert ET.fromstring(str(chart.picture)).get("aria-label") == "Aantal instrumenten per sector"


def test_trajectory_page_gets_a_diagram_of_its_steps_without_building_the_site_first() -> None:
    trajectory = Trajectory(id="traject", title="Traject", cite=CITE, structure=(
        Meeting(title="Intake"), Meeting(title="Bijeenkomsten", count=8, themes=("Visie", "Sturen"))))
    kb = build_index([("trajectory", trajectory), ("source", SourceDoc(id="impactanalyse-npuls", title="Bron",
                                                                        cite=CITE))])
    spec = pages.record_page(kb, KIND_BY_NAME["trajectory"], trajectory)
    assert spec.template == "trajectory.md.j2" and spec.context["steps"] == 2
    root = ET.fromstring(str(spec.context["diagram"]))
    assert root.get("id") == "kb-opbouw" and len(root.findall("{http://www.w3.org/2000/svg}circle")) == 2
    assert str(spec.context["diagram"]) in write.markdown(spec)


def test_navigation_lists_exactly_the_pages_the_map_makes() -> None:
    made = [spec.path for spec in landscape.pages(kb_with(tool("a")), {})]
    assert [path for _, path in landscape.NAV] == made
    section = next(n for n in pages.navigation(kb_with()) if n.title == "Samenhang")
    assert [c.path for c in section.children] == made


# --- real builds -----------------------------------------------------------------

EXTRA = """
  - id: gespreksplaat-sturen
    title: Gespreksplaat sturen & "verantwoorden"
    helps: Je bespreekt met je team hoe je stuurt op ict.
    roles: [schoolleider]
    purposes: [professionalisering]
    levels: [team]
    leadership_themes: [sturen]
    learning_goals: [leerdoel-1]
    editorial: [leadership_themes]
    cite:
      - document: impactanalyse
        section: Bijlage 4
"""


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, with an instrument linked to a leadership theme and a learning goal, built strictly."""
    project = fixture_project(tmp_path_factory.mktemp("samenhang") / "project")
    instruments = project / "data" / "instruments.yaml"
    instruments.write_text(instruments.read_text(encoding="utf-8") + EXTRA, encoding="utf-8")
    result = run_cli("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    assert result.code == 0, result.err
    return project / "site"


def page(site: Path, url: str) -> str:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(s) for s in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]


def ids(html: str) -> list[str]:
    return re.findall(r'\bid="([^"]+)"', html)


@pytest.mark.build
def test_built_map_has_heatmaps_and_tables_with_headers_and_resolved_links(fixture_site: Path) -> None:
    overview = page(fixture_site, "samenhang")
    assert not svgs(overview)  # the overview leads to a page per view
    for view in landscape.VIEWS:
        assert f'href="{view.path.removesuffix(".md").removeprefix("samenhang/")}/"' in overview, view.path
    html = "".join(page(fixture_site, v.path.removesuffix(".md")) for v in landscape.VIEWS)
    pictures = svgs(html)
    assert [p.get("id") for p in pictures] == ["kb-kaart-roles-purposes", "kb-kaart-roles-leadership-themes",
                                               "kb-kaart-leadership-themes-purposes", "kb-matrix-leadership-themes",
                                               "kb-kaart-learning-goals-purposes", "kb-matrix-learning-goals",
                                               "kb-matrix-purposes"]
    assert all(p.get("role") in ("img", "group") and p.get("aria-label") for p in pictures)
    # each dot matrix stands above its table, which says the same for screen readers
    for ident, caption in (("kb-matrix-purposes", "Instrumenten × doelen"),):
        figure = html[html.index(f'id="{ident}"'):]
        assert figure.index("</figure>") < figure.index(f'aria-label="{caption}"')
    assert '<th scope="row"><a href="../../rollen/schoolleider/">Schoolleider</a></th>' in html
    assert '<th class="kb-mark" scope="col"><a href="../../leiderschapsthemas/sturen/">' in html
    assert ('<span aria-hidden="true">✓*</span><span class="kb-sr">ja, redactionele indeling</span>'
            in html.replace("&#42;", "*"))
    for v in landscape.VIEWS:
        one = page(fixture_site, v.path.removesuffix(".md"))
        assert len(ids(one)) == len(set(ids(one))), v.path
        assert "Kaart:" not in one and "Plaatje:" not in one


@pytest.mark.build
def test_built_gaps_page_shows_the_threshold_and_the_computed_gaps(fixture_site: Path) -> None:
    html = page(fixture_site, "samenhang/witte-vlekken")
    assert "<strong>Weinig</strong> = 1 tot en met 2 instrumenten" in html
    assert 'id="witte-vlek-competencies"' in html and 'href="#witte-vlek-competencies"' in html
    assert '<a href="../../competenties/visie-ontwikkelen/">Visie ontwikkelen</a>' in html  # no instrument yet
    assert "De gegevens hebben geen andere niveaus om mee te vergelijken." in html  # the fixture has only 'team'
    assert len(ids(html)) == len(set(ids(html)))


@pytest.mark.build
def test_built_landscape_has_a_chart_and_a_table_per_dimension(fixture_site: Path) -> None:
    html = page(fixture_site, "samenhang/landschap")
    pictures = svgs(html)
    assert [p.get("id") for p in pictures] == [f"kb-landschap-{f.replace('_', '-')}" for f in landscape.CHART_FIELDS]
    assert html.count("<table") == len(pictures)
    assert len(ids(html)) == len(set(ids(html)))


@pytest.mark.build
def test_built_trajectory_page_has_its_diagram_and_the_list(fixture_site: Path) -> None:
    html = page(fixture_site, "trajecten/traject-leidinggevenden")
    (diagram,) = svgs(html)
    assert diagram.get("id") == "kb-opbouw"
    assert "Startbijeenkomst" in "".join(diagram.itertext()) and "<ol>" in html


@pytest.mark.build
def test_real_site_has_the_map_pages_with_pictures_and_tables(built_site: BuiltSite) -> None:
    for url in [v.path.removesuffix(".md") for v in landscape.VIEWS] + ["samenhang/witte-vlekken",
                                                                        "samenhang/landschap"]:
        html = page(built_site.root, url)
        assert "<table" in html and len(ids(html)) == len(set(ids(html))), url
    assert svgs(page(built_site.root, "samenhang/landschap"))
    for trajectory in built_site.kb.records("trajectory"):
        assert isinstance(trajectory, Trajectory)
        pictures = svgs(page(built_site.root, f"trajecten/{trajectory.id}"))
        circles = [len(p.findall("{http://www.w3.org/2000/svg}circle")) for p in pictures]
        assert circles == ([len(trajectory.structure)] if trajectory.structure else []), trajectory.id



@pytest.mark.build
def test_real_gaps_page_says_what_each_statement_rests_on(built_site: BuiltSite) -> None:
    html = unescape(page(built_site.root, "samenhang/witte-vlekken"))
    kb = built_site.kb
    for field in gaps.GAP_FIELDS:
        word, sentence = gaps.basis(kb, field)
        if sentence:
            assert sentence in html, field
    levels = gaps.basis(kb, "levels")[0]
    if levels == gaps.OURS:  # the real data: every level is the editors' own classification
        team = html.split("Het teamniveau")[1][:600]
        assert "Bevestigd door de gegevens uit de bron: <strong>Ja</strong>" not in team
        assert "Volgens onze eigen indeling (geen bevestiging door de bron)" in html



# --- in the browser: contrast of the drawings in both palettes, and screenshots --------------------------

SAMENHANG = {"samenhang-kaart": "samenhang/", "samenhang-witte-vlekken": "samenhang/witte-vlekken/",
             "samenhang-landschap": "samenhang/landschap/",
             **{f"samenhang-{v.path[10:-3]}": v.path.removesuffix(".md") + "/" for v in landscape.VIEWS}}
# Per drawing element: its colours as the browser computes them, and the colour of what lies beneath.
COLOURS_JS = """() => {
  const style = e => getComputedStyle(e);
  const page = style(document.body).backgroundColor;
  const out = [];
  for (const svg of document.querySelectorAll('svg.kb-chart')) {
    const under = new Map();  // text x,y -> the shape it stands on
    for (const shape of svg.querySelectorAll('rect, circle')) {
      const s = style(shape);
      out.push({what: 'shape', id: svg.id, fill: s.fill, opacity: s.fillOpacity, under: page});
      const b = shape.getBBox();
      under.set(shape, [b.x, b.y, b.x + b.width, b.y + b.height, s.fill, s.fillOpacity]);
    }
    for (const text of svg.querySelectorAll('text')) {
      const b = text.getBBox(), cx = b.x + b.width / 2, cy = b.y + b.height / 2;
      let fill = null, opacity = '1';
      for (const [x0, y0, x1, y1, f, o] of under.values()) {
        if (cx > x0 && cx < x1 && cy > y0 && cy < y1 && f !== 'none') { fill = f; opacity = o; }
      }
      out.push({what: 'text', id: svg.id, text: text.textContent, fill: style(text).fill, page: page,
                shape: fill, shapeOpacity: opacity});
    }
  }
  return out;
}"""


def rgba(css: str) -> tuple[float, float, float, float]:
    parts = [float(p) for p in re.findall(r"[\d.]+", css)]
    return parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0


def over(top: str, alpha: float, bottom: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b, a = rgba(top)
    a *= alpha
    return r * a + bottom[0] * (1 - a), g * a + bottom[1] * (1 - a), b * a + bottom[2] * (1 - a)


def contrast(one: tuple[float, float, float], two: tuple[float, float, float]) -> float:
    def luminance(c: tuple[float, float, float]) -> float:
        lin = [(v / 255) / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_drawings_meet_wcag_contrast_in_both_palettes(browser: Any, built_site: BuiltSite, site_url: str,
                                                      scheme: str) -> None:
    """Text 4.5:1 against what it stands on (WCAG 1.4.3), bars and dots 3:1 against the page (1.4.11)."""
    trajectory = next((t for t in built_site.kb.records("trajectory") if isinstance(t, Trajectory) and t.structure),
                      None)
    urls = list(SAMENHANG.values()) + ([f"trajecten/{trajectory.id}/"] if trajectory else [])
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    failures, checked = [], 0
    try:
        page_ = context.new_page()
        for url in urls:
            page_.goto(site_url + url)
            for item in page_.evaluate(COLOURS_JS):
                bg = rgba(item.get("page") or item["under"])[:3]
                if item["what"] == "shape":
                    if item["fill"] != "none" and float(item["opacity"]) == 1:
                        ratio, need = contrast(over(item["fill"], 1, bg), bg), 3.0
                    else:
                        continue  # shaded cells carry their number as text; the text is checked
                else:
                    ground = over(item["shape"], float(item["shapeOpacity"]), bg) if item["shape"] else bg
                    ratio, need = contrast(over(item["fill"], 1, ground), ground), 4.5
                checked += 1
                if ratio < need:
                    failures.append(f"{url} #{item['id']} {item['what']} {item.get('text', '')!r}: {ratio:.2f}:1")
    finally:
        context.close()
    assert checked > 0
    assert not failures, f"te weinig contrast ({scheme}):\n" + "\n".join(failures[:20])


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_map_pages_fit_the_screen_and_are_photographed(browser: Any, site_url: str, width: int) -> None:
    """No page-wide horizontal scroll (wide tables and heatmaps scroll in their own box); screenshots for people."""
    from .browser.fixtures import screenshot

    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 844})
    try:
        page_ = context.new_page()
        for name, url in SAMENHANG.items():
            page_.goto(site_url + url)
            widths = page_.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert widths[0] <= widths[1], f"{url}: {widths[0]}px breed op {widths[1]}px"
            # a drawing wider than the screen scrolls in its figure, which the keyboard can then reach (2.1.1)
            figures = page_.evaluate("""[...document.querySelectorAll('.kb-figure')].map(f => [
                f.scrollWidth > f.clientWidth + 1, f.tabIndex, f.getAttribute('aria-label')])""")
            assert all(tab == 0 and label.startswith("Figuur: ") for scrolls, tab, label in figures if scrolls), figures
            assert all(tab == -1 for scrolls, tab, _ in figures if not scrolls), figures
            screenshot(page_, f"{name}-{'telefoon' if width < 500 else 'desktop'}")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("scheme", "width"), [("light", 1280), ("dark", 1280), ("light", 390), ("dark", 390)])
def test_gaps_and_landscape_pages_meet_wcag_21_aa(browser: Any, site_url: str, scheme: str, width: int) -> None:
    """The map itself is in tests/browser/test_accessibility.py's page types; these are its two sister pages,
    checked with every folded list and table open."""
    from .browser.test_accessibility import axe_violations, describe

    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 800 if width > 400 else 844},
                                  color_scheme=scheme, reduced_motion="reduce", is_mobile=width < 400)
    found = {}
    try:
        page_ = context.new_page()
        for url in (SAMENHANG["samenhang-witte-vlekken"], SAMENHANG["samenhang-landschap"]):
            page_.goto(site_url + url)
            page_.evaluate("document.querySelectorAll('.md-content details').forEach(d => { d.open = true; })")
            found[url] = axe_violations(page_)
    finally:
        context.close()
    assert not any(found.values()), "\n".join(f"{url} ({scheme}):\n{describe(v)}" for url, v in found.items() if v)


# --- clickable, uncut, distinguishable, short ------------------------------------------------------------

# Every label's box (getBBox, through its transform) in the drawing's own coordinates, when it leaves them.
CUT_JS = """() => [...document.querySelectorAll('svg.kb-chart')].flatMap(svg => {
  const vb = svg.viewBox.baseVal, root = svg.getCTM().inverse();
  return [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox(), m = root.multiply(t.getCTM());
    const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
    const xs = corners.map(p => p.x), ys = corners.map(p => p.y);
    return {id: svg.id, text: t.textContent, x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs),
            y1: Math.max(...ys), width: vb.width, height: vb.height};
  }).filter(r => r.x0 < 0 || r.y0 < 0 || r.x1 > r.width || r.y1 > r.height);
})"""
MAP_PAGES = [url for name, url in SAMENHANG.items() if name != "samenhang-witte-vlekken"]


@pytest.mark.browser
def test_no_label_of_a_chart_is_cut_off(browser: Any, site_url: str) -> None:
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    cut, seen = [], 0
    try:
        page_ = context.new_page()
        for url in MAP_PAGES:
            page_.goto(site_url + url)
            seen += page_.locator("svg.kb-chart text").count()
            cut += [f"{url} #{r['id']}: {r['text']!r}" for r in page_.evaluate(CUT_JS)]
    finally:
        context.close()
    assert seen > 100
    assert not cut, "afgesneden labels:\n" + "\n".join(cut)


@pytest.mark.browser
def test_each_map_page_is_at_most_about_six_phone_screens(browser: Any, site_url: str) -> None:
    """Witte vlekken too (8.1 screens before its long lists folded; 5.7 after, measured 2026-12-07)."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844}, is_mobile=True)
    heights = {}
    try:
        page_ = context.new_page()
        for url in SAMENHANG.values():
            page_.goto(site_url + url)
            heights[url] = page_.evaluate("document.documentElement.scrollHeight") / 844
    finally:
        context.close()
    assert max(heights.values()) <= 6.3, heights


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_step_of_a_heatmap_scale_stands_out_from_its_neighbours(browser: Any, site_url: str,
                                                                        scheme: str) -> None:
    """Measured: none, low, middle and high count each differ from the next by at least 1.3:1."""
    context = browser.new_context(locale="nl-NL", color_scheme=scheme)
    try:
        page_ = context.new_page()
        page_.goto(site_url + "samenhang/rollen/")
        found = page_.evaluate("""() => {
          const out = {page: getComputedStyle(document.body).backgroundColor};
          for (const k of [1, 2, 3]) {
            const cell = document.querySelector('svg.kb-heatmap rect.kb-shade' + k);
            if (cell) out[k] = [getComputedStyle(cell).fill, getComputedStyle(cell).fillOpacity];
          }
          return out;
        }""")
    finally:
        context.close()
    page_colour = rgba(found["page"])[:3]
    steps = [page_colour] + [over(found[k][0], float(found[k][1]), page_colour) for k in ("1", "2", "3")]
    ratios = [contrast(a, b) for a, b in zip(steps, steps[1:])]
    assert min(ratios) >= 1.3, f"{scheme}: {[round(r, 2) for r in ratios]}"


@pytest.mark.browser
def test_a_bar_followed_by_keyboard_opens_the_finder_with_its_count(browser: Any, built_site: BuiltSite,
                                                                    site_url: str) -> None:
    from .browser.test_finder import names
    from .test_finder import matches

    kb = built_site.kb
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    try:
        page_ = context.new_page()
        page_.goto(site_url + "samenhang/landschap/")
        bar = page_.locator("#kb-landschap-sectors a").first
        label = bar.get_attribute("aria-label") or ""
        name, count = label.rsplit(": ", 1)
        sector = next(s for s in kb.records("sector") if charts.short_label(s, "sectors") == name)
        expected = matches(kb, {"sector": {sector.id}})
        assert count == svg.instruments(len(expected))
        bar.focus()
        page_.keyboard.press("Enter")
        page_.wait_for_url(f"**/instrumenten/?sector={sector.id}")
        status = page_.locator(".md-content [role=status]")
        assert status.text_content() == f"{len(expected)} instrumenten gevonden"
        shown = page_.locator("#kb-finder-list .kb-card h2 a").all_text_contents()
        assert shown == names(kb, expected)[:len(shown)]
        page_.goto(site_url + "samenhang/rollen/")  # and a heatmap cell, by click
        cell = page_.locator("#kb-kaart-roles-purposes a").first
        label = cell.get_attribute("aria-label") or ""
        cell.click()
        page_.wait_for_url("**/instrumenten/?rol=*")
        assert label.endswith(": " + (page_.locator(".md-content [role=status]").text_content() or "")
                              .replace(" gevonden", ""))
    finally:
        context.close()
