"""Each place where a page misled a reader about what the sources say (issue 21), pinned to the seed text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.data.index import KnowledgeBase
from generator.site import finder, jsonld, views

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))


def section(text: str, start: str, end: str) -> str:
    """The text of one section of a seed: from its heading to the next (the headings stand on their own line)."""
    begin = text.index(f" {start} ", text.index("In het Nederlandse onderwijs wordt al jarenlang"))
    return text[begin:text.index(f" {end} ", begin)]


def notes(record: object, kind: str | None = None) -> list[str]:
    return [n.text for n in record.notes if kind is None or n.kind == kind]  # type: ignore[attr-defined]


SAYS_NOT_DESCRIBED = re.compile(r"beschrijft (hem|het|haar|ze|dit instrument|deze \w+)? ?niet|maar beschrijft", re.I)


@pytest.mark.parametrize(("rid", "name", "where"), [
    ("bewegingsscan-leren-lesgeven-ict", "Bewegingsscan Leren en Lesgeven met ICT", ("3.2", "3.7")),
    ("toolwiel", "Toolwiel", ("3.7",)),
    ("proeftuin-ai-hoger-onderwijs", "Proeftuin AI in het Hoger Onderwijs", ("3.6",)),
    ("placemat-formatief-toetsen", "Placemat Formatief Toetsen", ("3.6",)),
    ("placemat-digitale-peerfeedback", "Placemat Digitale Peerfeedback", ("3.7",)),
])
def test_no_note_says_the_source_is_silent_where_it_describes_the_instrument(
        real_kb: KnowledgeBase, rid: str, name: str, where: tuple[str, ...]) -> None:
    text = seed("004")
    bounds = {"3.2": ("3.2 Doelgroep", "3.3 Het doel"), "3.6": ("3.6 Thema's", "3.7 Conclusies"),
              "3.7": ("3.7 Conclusies", "4 Bekendheid, gebruik")}
    for number in where:  # the source does describe it there
        assert name in section(text, *bounds[number])
    record = real_kb.get("instrument", rid)
    for note in notes(record):
        assert not SAYS_NOT_DESCRIBED.search(note), (rid, note)
    assert not SAYS_NOT_DESCRIBED.search(record.description)
    for number in where:  # the page says where
        assert any(c.section.startswith(number) for c in record.cite), (rid, number)
        assert f"aragraaf {number}" in record.description or f"aragraaf {number}" in " ".join(notes(record))


def test_the_toolwiel_is_a_digitaal_bekwaam_tool_by_the_source_not_by_the_editors(real_kb: KnowledgeBase) -> None:
    assert "Digitaal Bekwaam legde de nadruk op het versterken van digitale vaardigheden, met tools zoals het Toolwiel" \
        in seed("004")
    record = real_kb.get("instrument", "toolwiel")
    assert record.programmes == ("digitaal-bekwaam",) and "programmes" not in record.editorial


def test_evidence_informed_instruments_come_from_the_zone_the_source_gives(real_kb: KnowledgeBase) -> None:
    assert "Voor VP zijn instrumenten behorend bij de ‘Zone Faciliteren en Professionaliseren van docenten’" in seed("004")
    record = real_kb.get("instrument", "instrumenten-evidence-informed")
    assert "zone Evidence-informed" not in record.description
    assert "zone Faciliteren en professionaliseren van docenten" in record.description


def test_003_has_the_title_of_its_running_header(real_kb: KnowledgeBase) -> None:
    header = "Het inrichten van de onderwijsorganisatie voor gepersonaliseerd leren met ict"
    assert f"{header} iXPERIUM" in seed("003")
    record = real_kb.get("source", "mbo-organiseren-gpl")
    assert record.title == header and "title" not in record.editorial
    assert not [n for n in record.notes if n.kind == "gap" and n.field == "title"]


def test_goede_voorbeelden_are_six_practice_examples_not_six_teachers(real_kb: KnowledgeBase) -> None:
    assert "verzamelt en presenteert zes praktijkvoorbeelden" in seed("004")
    record = real_kb.get("instrument", "goede-voorbeelden-onderwijsinnovatie-ict")
    assert "zes docenten" not in record.helps and "zes praktijkvoorbeelden" in record.helps


def test_the_researcher_grew_within_their_own_institution(real_kb: KnowledgeBase) -> None:
    assert "doorgegroeid in een leidende onderzoeksrol binnen de eigen instelling" in seed("000")
    results = " ".join(" ".join(t.results) for t in real_kb.records("trajectory"))
    assert "onderzoeksrol in een mbo-instelling" not in results
    assert "onderzoeksrol binnen de eigen instelling" in results


def test_the_kwaliteitsradar_gives_a_visual_total_graph(real_kb: KnowledgeBase) -> None:
    assert "visuele totaalgrafiek" in seed("004") and "radargrafiek" not in seed("004")
    record = real_kb.get("instrument", "kwaliteitsradar-onderwijskundig-ict-professional")
    assert "radargrafiek" not in record.summary and "visuele totaalgrafiek" in record.summary


def test_competency_pages_say_the_theme_mapping_is_the_editors(real_kb: KnowledgeBase) -> None:
    """The theme records mark the competency-to-theme mapping editorial; the competency pages said it as fact."""
    for record in real_kb.records("competency"):
        if "kernthema" in record.description:
            assert "komt deze competentie terug" not in record.description, record.id
            assert "redactie" in record.description, record.id


def test_relations_between_instruments_are_marked_editorial(real_kb: KnowledgeBase) -> None:
    related = [r for r in real_kb.records("instrument") if r.related]
    assert len(related) >= 20
    for record in related:
        assert "related" in record.editorial, record.id
        assert any(n.kind == "editorial" and n.field == "related" for n in record.notes), record.id


def test_search_names_no_source_uses_are_marked_editorial(real_kb: KnowledgeBase) -> None:
    def stems(value: str) -> str:  # "Centers for Teaching" (004 §1) names the same as "Center for Teaching"
        return " ".join(re.sub(r"(es|s)$", "", w) for w in re.findall(r"[\w-]+", value.lower()))

    text = stems(" ".join(seed(p) for p in ("000", "001", "002", "003", "004")))
    checked = 0
    for kind in ("role", "sector", "purpose"):
        for record in real_kb.records(kind):
            foreign = [s for s in record.synonyms if f" {stems(s)} " not in f" {text} "]
            if foreign:
                checked += 1
                assert "synonyms" in record.editorial, (record.id, foreign)
                note = " ".join(n.text for n in record.notes if n.field == "synonyms")
                assert all(f"'{s}'" in note for s in foreign), (record.id, foreign)
    assert checked >= 1


@pytest.mark.parametrize(("rid", "words"), [
    ("placemat-learning-analytics", ("praktische tool", "abstract")),
    ("handreiking-visie-ict-bekwaamheid", ("Bijlage 1", "versnellingsplan en aanpalende programma's")),
    ("overzicht-randvoorwaarden-professionalisering", ("Bijlage 1", "versnellingsplan en aanpalende programma's")),
    ("onderzoek-docentprofessionalisering", ("2021", "2023-2027")),
    ("plaat-landelijke-initiatieven", ("2021", "2023-2027")),
])
def test_contradictions_in_the_source_are_shown(real_kb: KnowledgeBase, rid: str, words: tuple[str, ...]) -> None:
    text = seed("004")
    assert "abstracte instrumenten, zoals de Placemat Learning Analytics" in text
    assert "De Placemat Learning Analytics** is een praktische tool" in text or \
        "De **Placemat Learning Analytics** is een praktische tool" in text
    assert "Vanuit het versnellingsplan en aanpalende programma's zijn de instrumenten 'Handreiking" in text
    record = real_kb.get("instrument", rid)
    shown = " ".join(notes(record, "inconsistency"))
    assert all(w in shown for w in words), (rid, shown)


def test_the_versnellingsplan_zone_dataondersteund_onderwijs_is_noted(real_kb: KnowledgeBase) -> None:
    text = seed("004")
    assert "dataondersteund onderwijs" in section(text, "1.1 Programma's", "1.2 Onderzoeksvragen")
    assert "dataondersteund" not in text[text.index("zeven thematische ‘zones’"):text.index("Daarnaast waren er werkgroepen")]
    record = real_kb.get("programme", "versnellingsplan")
    assert any("dataondersteund onderwijs" in n for n in notes(record, "inconsistency"))


def test_the_impact_analysis_page_notes_47_of_48_the_missing_3_5_and_table_2_1(real_kb: KnowledgeBase) -> None:
    text = seed("004")
    assert "| 3.5 Soort professionaliseringsactiviteit | 27 |" in text
    assert " 3.4 Vorm en type instrument " in text and " 3.5 Soort professionaliseringsactiviteit In" not in text
    assert "Proeftuinen voor professionalisering |" in text  # Tabel 2.1, case 4
    shown = " ".join(notes(real_kb.get("source", "impactanalyse-npuls")))
    assert "48" in shown and "47" in shown
    assert "3.5" in shown and "Proeftuinen voor professionalisering" in shown


def test_the_instruments_overview_shows_the_count_note(real_kb: KnowledgeBase) -> None:
    shown = " ".join(str(n.text) for n in finder.list_notes(real_kb))
    assert "48" in shown and "47 rijen" in shown


def test_json_ld_leaves_out_editorial_classifications(real_kb: KnowledgeBase) -> None:
    record = real_kb.get("instrument", "placemat-learning-analytics")
    assert {"sectors", "themes", "roles", "target_groups", "links"} <= set(record.editorial)
    path = views.record_path("instrument", record.id)
    data = jsonld.learning_resource(real_kb, record, path)
    assert not {"educationalLevel", "keywords", "audience", "sameAs"} & set(data)
    # the name a reader sees on the page, the source's exact title beside it; the type is the source's (Product)
    assert data["name"] == views.display_title("instrument", record) and data["alternateName"] == record.title
    assert data["learningResourceType"]
