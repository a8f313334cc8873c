"""The knowledge-base model: frozen, typed records, one dataclass per kind.

Every field that points at another record is declared with :func:`ref`, which
carries both Dutch labels of the relation. The schema module derives the JSON
Schemas and the relation registry from these declarations, so a relation is
declared exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

NoteKind = Literal["gap", "inconsistency", "editorial", "remark"]
Verdict = Literal["", "praktisch", "positief", "gemengd", "abstract"]


@dataclass(slots=True, frozen=True, kw_only=True)
class Location:
    """Where a value stands in a data file (1-based line and column)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def ref(
    to: str,
    *,
    label: str,
    back: str,
    many: bool = True,
    required: bool = False,
    doc: str = "",
) -> Any:
    """Declare a field that refers to records of kind ``to``.

    ``label`` heads the list on the referring page, ``back`` heads the list of
    back-links on the referred page.
    """
    meta = {"ref": to, "label": label, "back": back, "many": many, "doc": doc}
    if required:
        return field(metadata=meta)
    return field(default=() if many else "", metadata=meta)


def attr(doc: str = "", *, markdown: bool = False, default: Any = "", required: bool = False) -> Any:
    """Declare a plain field with a Dutch description for editors' tooling."""
    meta = {"doc": doc, "markdown": markdown}
    if required:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


# --- parts of records -------------------------------------------------------


@dataclass(slots=True, frozen=True, kw_only=True)
class Citation:
    """Where in a source document a record's facts come from."""

    document: str = ref("source", label="Bron", back="Gebruikt als bron voor", many=False, required=True,
                        doc="id van het brondocument (zie data/sources.yaml)")
    section: str = attr("Hoofdstuk, paragraaf, tabel of bijlage in het brondocument", required=True)
    page: str = attr("Paginanummer(s) zoals in het brondocument, als bekend")


@dataclass(slots=True, frozen=True, kw_only=True)
class Note:
    """A visible remark on a page: a gap, an inconsistency or an editorial choice."""

    kind: NoteKind = attr("gap (bron zwijgt of is beschadigd), inconsistency (bron spreekt zichzelf tegen), "
                          "editorial (redactionele keuze) of remark (opmerking)", required=True)
    text: str = attr("De opmerking zelf", markdown=True, required=True)
    field: str = attr("Het veld waar de opmerking over gaat, als het over één veld gaat")


@dataclass(slots=True, frozen=True, kw_only=True)
class Link:
    """An outward link; ``listed_as`` keeps the text exactly as the source lists it."""

    url: str = attr("Volledig webadres (http, https of mailto)", required=True)
    label: str = attr("Linktekst; leeg betekent: het adres zelf")
    listed_as: str = attr("Het adres precies zoals de bron het vermeldt")


@dataclass(slots=True, frozen=True, kw_only=True)
class Item:
    """A titled piece of text inside a record (a design requirement, a zone, a step)."""

    title: str = attr("Titel", required=True)
    text: str = attr("Toelichting", markdown=True)


@dataclass(slots=True, frozen=True, kw_only=True)
class Meeting:
    """One step in the structure of a trajectory."""

    title: str = attr("Naam van de bijeenkomst of fase", required=True)
    text: str = attr("Wat er gebeurt", markdown=True)
    count: int = attr("Aantal keer (als de bron het noemt)", default=0)
    themes: tuple[str, ...] = attr("Thema's die aan bod komen", default=())


@dataclass(slots=True, frozen=True, kw_only=True)
class Count:
    """A number as stated in a source, with what it counts."""

    label: str = attr("Wat er geteld is (jaar, sector, groep)", required=True)
    value: str = attr("Het getal precies zoals in de bron (bijv. '12' of '7,8')", required=True)
    year: str = attr("Jaar of periode, als de bron het noemt")
    sector: str = ref("sector", label="Sector", back="Genoemd in cijfers van", many=False)


# --- records ---------------------------------------------------------------


@dataclass(slots=True, frozen=True, kw_only=True)
class Record:
    """Fields every record has."""

    id: str = attr("Vaste id, kleine letters, cijfers en streepjes; wordt het webadres", required=True)
    title: str = attr("Naam of titel, precies zoals in de bron", required=True)
    summary: str = attr("Eén zin in eigen woorden: waar gaat dit over?", markdown=True)
    description: str = attr("Beschrijving in eigen woorden", markdown=True)
    cite: tuple[Citation, ...] = attr("Bronvermelding: document en sectie (minstens één)", required=True)
    notes: tuple[Note, ...] = attr("Zichtbare opmerkingen: hiaten, tegenstrijdigheden, redactionele keuzes",
                                   default=())
    editorial: tuple[str, ...] = attr("Velden waarvan de waarde een redactionele keuze is, niet de bron",
                                      default=())
    # Set by the loader, never by an editor.
    at: Location = field(default=Location(file="", line=0, column=0), metadata={"internal": True})
    origin: str = field(default="", metadata={"internal": True})


@dataclass(slots=True, frozen=True, kw_only=True)
class SourceDoc(Record):
    """A bibliography entry: a source document or a reference one cites."""

    authors: str = attr("Auteurs zoals in de bron")
    year: str = attr("Jaar van verschijnen")
    publisher: str = attr("Uitgever of opdrachtgever")
    licence: str = attr("Licentie zoals de bron die vermeldt")
    links: tuple[Link, ...] = attr("Webadressen", default=())
    seed: str = attr("Bestandsnaam van de tekst in shared/seeds, voor brondocumenten")
    cited_in: tuple[str, ...] = ref("source", label="Geciteerd in", back="Citeert")


@dataclass(slots=True, frozen=True, kw_only=True)
class Term(Record):
    """An entry of a vocabulary: role, sector, purpose, theme, level, ..."""

    short: str = attr("Korte naam voor filters en tabellen (bijv. 'mbo')")
    synonyms: tuple[str, ...] = attr("Andere namen waaronder lezers dit zoeken", default=())
    order: int = attr("Volgorde in lijsten (laag eerst)", default=0)


@dataclass(slots=True, frozen=True, kw_only=True)
class Programme(Record):
    abbreviation: str = attr("Afkorting, zoals in de bron (VP, DP, DB)")
    period: str = attr("Looptijd zoals in de bron")
    organisations: tuple[str, ...] = attr("Betrokken organisaties", default=())
    focus: str = attr("Waar het programma zich op richtte", markdown=True)
    zones: tuple[Item, ...] = attr("Zones, thema's of speerpunten", default=())
    sectors: tuple[str, ...] = ref("sector", label="Sectoren", back="Programma's")
    links: tuple[Link, ...] = attr("Webadressen", default=())


@dataclass(slots=True, frozen=True, kw_only=True)
class Instrument(Record):
    helps: str = attr("Eén regel gewone taal: waar helpt dit instrument je bij?", required=True)
    type: str = ref("instrument_type", label="Soort", back="Instrumenten", many=False)
    programmes: tuple[str, ...] = ref("programme", label="Programma", back="Instrumenten")
    links: tuple[Link, ...] = attr("Link(s) naar het instrument", default=())
    sectors: tuple[str, ...] = ref("sector", label="Sector", back="Instrumenten")
    target_groups: tuple[str, ...] = ref("target_group", label="Doelgroep", back="Instrumenten")
    levels: tuple[str, ...] = ref("level", label="Niveau", back="Instrumenten")
    aims: tuple[str, ...] = ref("aim", label="Doelstelling", back="Instrumenten")
    purposes: tuple[str, ...] = ref("purpose", label="Doel", back="Instrumenten")
    forms: tuple[str, ...] = ref("form", label="Vorm", back="Instrumenten")
    themes: tuple[str, ...] = ref("theme", label="Thema's", back="Instrumenten")
    roles: tuple[str, ...] = ref("role", label="Voor wie", back="Instrumenten")
    competencies: tuple[str, ...] = ref("competency", label="Competenties", back="Instrumenten")
    learning_goals: tuple[str, ...] = ref("learning_goal", label="Leerdoelen", back="Instrumenten")
    leadership_themes: tuple[str, ...] = ref("leadership_theme", label="Leiderschapsthema's",
                                             back="Instrumenten")
    related: tuple[str, ...] = ref("instrument", label="Hangt samen met", back="Genoemd bij")
    resource: str = attr("Wat het is: soort hulpmiddel en onderdelen, zoals de bron het beschrijft (leeg als de bron zwijgt)")
    size: str = attr("Omvang of benodigde tijd, als de bron die noemt")
    year: str = attr("Jaar, als de bron het noemt")
    language: str = attr("Taal, als de bron die noemt")
    findings: str = attr("Wat de impactanalyse vond over bereik en gebruik", markdown=True)
    case_study: str = attr("Wat de casestudie over dit instrument liet zien (leeg als er geen was)",
                           markdown=True)
    verdict: Verdict = attr("Hoe de casestudies van de impactanalyse het gebruik beoordelen: praktisch, positief, "
                            "gemengd of abstract (leeg: de bron oordeelt niet)", default="")


@dataclass(slots=True, frozen=True, kw_only=True)
class Profile(Record):
    roles: tuple[str, ...] = ref("role", label="Rollen", back="Competentieprofielen")
    sectors: tuple[str, ...] = ref("sector", label="Sectoren", back="Competentieprofielen")
    tasks: tuple[str, ...] = attr("Taken", default=())
    traits: tuple[str, ...] = attr("Verwachte eigenschappen", default=())
    training_themes: tuple[str, ...] = attr("Thema's van de scholing", default=())
    time_investment: str = attr("Tijdsinvestering zoals in de bron")
    certification: str = attr("Certificering zoals in de bron")


@dataclass(slots=True, frozen=True, kw_only=True)
class CompetenceArea(Record):
    number: str = attr("Nummer of letter zoals in de bron")
    profile: str = ref("profile", label="Profiel", back="Competentiegebieden", many=False, required=True)


@dataclass(slots=True, frozen=True, kw_only=True)
class Competency(Record):
    number: str = attr("Nummer zoals in de bron")
    area: str = ref("competence_area", label="Competentiegebied", back="Competenties", many=False,
                    required=True)
    indicators: tuple[str, ...] = attr("Gedragsindicatoren of onderdelen", default=())


@dataclass(slots=True, frozen=True, kw_only=True)
class LearningGoal(Record):
    number: int = attr("Nummer zoals in de bron", required=True)
    area: str = ref("competence_area", label="Competentiegebied", back="Leerdoelen", many=False,
                    required=True)
    short: str = attr("Korte titel in eigen woorden voor koppen, lijsten en grafieken; het hele leerdoel blijft "
                      "de titel")
    trajectories: tuple[str, ...] = ref("trajectory", label="Traject", back="Leerdoelen",
                                        doc="Trajecten die volgens de bron aan dit leerdoel werken")


@dataclass(slots=True, frozen=True, kw_only=True)
class LeadershipTheme(Record):
    number: int = attr("Volgnummer van het kernthema", default=0)
    profile: str = ref("profile", label="Profiel", back="Leiderschapsthema's", many=False)
    questions: tuple[str, ...] = attr("Voorbeeldvragen uit de bron", default=())
    learning_goal_numbers: tuple[int, ...] = attr("Leerdoelnummers precies zoals de bron ze noemt", default=())
    learning_goals: tuple[str, ...] = ref("learning_goal", label="Leerdoelen", back="Leiderschapsthema's")


@dataclass(slots=True, frozen=True, kw_only=True)
class Subtheme(Record):
    themes: tuple[str, ...] = ref("leadership_theme", label="Kernthema's", back="Subthema's")


@dataclass(slots=True, frozen=True, kw_only=True)
class Trajectory(Record):
    period: str = attr("Looptijd zoals in de bron")
    profiles: tuple[str, ...] = ref("profile", label="Profiel", back="Professionaliseringstrajecten")
    roles: tuple[str, ...] = ref("role", label="Voor wie", back="Professionaliseringstrajecten")
    sectors: tuple[str, ...] = ref("sector", label="Sectoren", back="Professionaliseringstrajecten")
    aim: str = attr("Doel van het traject", markdown=True)
    requirements: tuple[Item, ...] = attr("Ontwerpeisen", default=())
    structure: tuple[Meeting, ...] = attr("Opbouw: bijeenkomsten en fasen, in volgorde", default=())
    participants: tuple[Count, ...] = attr("Deelnemers per jaar en sector, getallen zoals in de bron", default=())
    satisfaction: tuple[Count, ...] = attr("Tevredenheidsscores zoals in de bron", default=())
    results: tuple[str, ...] = attr("Opbrengsten", default=())
    lessons: tuple[str, ...] = attr("Geleerde lessen", default=())


@dataclass(slots=True, frozen=True, kw_only=True)
class Example(Record):
    setting: str = attr("School, instelling of werkplaats")
    sectors: tuple[str, ...] = ref("sector", label="Sector", back="Praktijkvoorbeelden")
    themes: tuple[str, ...] = ref("theme", label="Thema's", back="Praktijkvoorbeelden")
    roles: tuple[str, ...] = ref("role", label="Rollen", back="Praktijkvoorbeelden")
    goal: str = attr("Doel", markdown=True)
    intervention: str = attr("Interventie", markdown=True)
    products: tuple[str, ...] = attr("Producten", default=())
    concepts: tuple[str, ...] = ref("concept", label="Organisatiemodellen", back="Praktijkvoorbeelden")
    instruments: tuple[str, ...] = ref("instrument", label="Instrumenten", back="Praktijkvoorbeelden",
                                       doc="Instrumenten waar dit voorbeeld bij past (meestal een redactionele koppeling)")


ConceptCategory = Literal["coordinatiemodel", "proces", "rol"]


@dataclass(slots=True, frozen=True, kw_only=True)
class Concept(Record):
    """An element of the MBO organisation models: coordination model, process or role."""

    category: ConceptCategory = attr("coordinatiemodel, proces of rol", required=True)
    sectors: tuple[str, ...] = ref("sector", label="Sector", back="Organisatiemodellen")
    roles: tuple[str, ...] = ref("role", label="Rollen", back="Organisatiemodellen")
    related: tuple[str, ...] = ref("concept", label="Hangt samen met", back="Genoemd bij")


@dataclass(slots=True, frozen=True, kw_only=True)
class Question(Record):
    """A reader's question (vraagstuk), phrased as a reader would ask it, with where the sources name the need.

    The links to roles, sectors and to what helps are editorial choices; the answer is our own summary of
    what the cited sections say.
    """

    answer: str = attr("Kort antwoord in eigen woorden (twee of drie zinnen): wat zeggen de bronnen hierover?",
                       markdown=True, required=True)
    details: str = attr("Meer uit de bronnen: wat ze verder over de vraag zeggen, onder 'Begin hier'", markdown=True)
    quote: str = attr("De vraag precies zoals de bron hem stelt, als de bron hem als vraag noemt")
    synonyms: tuple[str, ...] = attr("Andere woorden waarmee lezers dit zoeken", default=())
    front: int = attr("Plaats op de voorpagina bij de meest gestelde vragen (1 = eerst, 0 = niet)", default=0)
    no_instrument: str = attr("Als geen instrument uit de bronnen helpt: één zin die dat eerlijk zegt",
                              markdown=True)
    lesson: int = attr("Welke geleerde les van het eerste gekoppelde traject hierbij past (1 = de eerste)",
                       default=0)
    roles: tuple[str, ...] = ref("role", label="Voor wie", back="Vragen")
    sectors: tuple[str, ...] = ref("sector", label="Sector", back="Vragen")
    themes: tuple[str, ...] = ref("theme", label="Thema's", back="Vragen")
    instruments: tuple[str, ...] = ref("instrument", label="Instrumenten die helpen", back="Helpt bij de vragen")
    examples: tuple[str, ...] = ref("example", label="Praktijkvoorbeelden", back="Vragen")
    trajectories: tuple[str, ...] = ref("trajectory", label="Professionaliseringstrajecten", back="Vragen")
    learning_goals: tuple[str, ...] = ref("learning_goal", label="Leerdoelen", back="Vragen")
    leadership_themes: tuple[str, ...] = ref("leadership_theme", label="Leiderschapsthema's", back="Vragen")


@dataclass(slots=True, frozen=True, kw_only=True)
class Experience(Record):
    """What is known of an instrument's use: who, where, what worked and what did not, with the source."""

    instruments: tuple[str, ...] = ref("instrument", label="Over", back="Ervaringen", required=True,
                                       doc="Het instrument of de instrumenten waarover de ervaring gaat")
    roles: tuple[str, ...] = ref("role", label="Rol", back="Ervaringen")
    sectors: tuple[str, ...] = ref("sector", label="Sector", back="Ervaringen")
    situation: str = attr("Waar en hoe het instrument werd gebruikt: case, instelling, gelegenheid")
    verdict: str = attr("Kort oordeel: positief, gemengd of negatief (meestal een samenvatting door de redactie)")
    worked: str = attr("Wat werkte", markdown=True)
    not_worked: str = attr("Wat niet werkte", markdown=True)


@dataclass(slots=True, frozen=True, kw_only=True)
class GlossaryEntry(Record):
    """A word a reader meets on the pages (jargon, an abbreviation), explained in plain Dutch, with its source.

    ``title`` is the word as readers meet it; the pages explain its first use in place (site/glossary.py).
    """

    explanation: str = attr("Korte uitleg in gewone taal (één of twee zinnen, hoogstens 300 tekens); staat ook "
                            "als toelichting bij het woord op de pagina's", required=True)
    variants: tuple[str, ...] = attr("Andere vormen waarin lezers het woord tegenkomen (afkorting, voluit, "
                                     "meervoud); alleen hele woorden worden herkend", default=())
    roles: tuple[str, ...] = ref("role", label="Meer hierover", back="Begrippen")
    target_groups: tuple[str, ...] = ref("target_group", label="Meer hierover", back="Begrippen")
    concepts: tuple[str, ...] = ref("concept", label="Meer hierover", back="Begrippen")
    examples: tuple[str, ...] = ref("example", label="Meer hierover", back="Begrippen")
    programmes: tuple[str, ...] = ref("programme", label="Meer hierover", back="Begrippen")
