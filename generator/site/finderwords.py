"""The finder's words: facets and their values in a reader's words, each facet with a one-line explanation.

The catalogue's own names stay on the record pages and in the exports; the finder says what a value means to
someone choosing ("Met je team", not "Team"; "Zet aan tot actie", not "Activeren", which a teacher takes for
activerende didactiek). A value without a reader's word here shows its own name; roles show their title, the
name every other page uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.data.model import Record, Term
from generator.site import names


@dataclass(slots=True, frozen=True)
class FacetSpec:
    """One facet: URL parameter, instrument field, legend, one line on what it means, shown before "Meer filters"."""

    param: str
    field: str
    legend: str
    explain: str
    first: bool = False
    every: bool = False  # list every value of the vocabulary, those without instruments too (with 0)
    back: str = ""  # a kind whose ``field`` names instruments (questions: "instruments"), for a facet over it


# The order a reader meets them: the five readers choose by first, the rest behind "Meer filters".
FACETS: tuple[FacetSpec, ...] = (
    FacetSpec("rol", "roles", "Je rol", "Wat je doet in het onderwijs: lesgeven, leidinggeven, ondersteunen, "
              "beleid maken of onderzoeken.", first=True),
    FacetSpec("sector", "sectors", "Sector", "Waar je werkt: van basisschool (po) tot universiteit (wo).",
              first=True, every=True),
    FacetSpec("thema", "themes", "Onderwerp", "Waar het instrument over gaat, zoals blended learning of AI.",
              first=True),
    FacetSpec("vorm", "forms", "Vorm", "Wat je krijgt: iets om te lezen of iets om mee aan de slag te gaan.",
              first=True),
    FacetSpec("niveau", "levels", "Met wie", "Of je het alleen gebruikt, met je team of met de hele organisatie.",
              first=True),
    FacetSpec("doel", "purposes", "Doel", "Waar je aan werkt: visie en beleid, invoeren, professionaliseren of "
              "monitoren."),
    FacetSpec("doelstelling", "aims", "Wat het instrument doet", "Of het je vooral kennis geeft, helpt bij een "
              "taak of aanzet tot actie en gesprek."),
    FacetSpec("doelgroep", "target_groups", "Geschreven voor", "Voor wie de makers het schreven: wie beleid "
              "maakt en leiding geeft, of wie het in de praktijk uitvoert."),
    FacetSpec("soort", "type", "Soort, zoals de bron het noemt", "Hoe de impactanalyse voor Npuls het "
              "instrument noemt: publicatie, product, project en meer."),
    FacetSpec("programma", "programmes", "Programma", "Het landelijke programma dat het instrument maakte."),
    FacetSpec("leiderschap", "leadership_themes", "Leiderschapsthema", "Een thema van leidinggeven aan onderwijs "
              "met ict, uit de notitie over leiderschap van iXperium."),
    FacetSpec("competentie", "competencies", "Competentie", "Wat je moet kunnen, volgens de competentieprofielen."),
    FacetSpec("leerdoel", "learning_goals", "Leerdoel", "Wat je leert, volgens de leerdoelen bij de "
              "competentieprofielen."),
    FacetSpec("vraag", "instruments", "Vraag", "Een vraag uit de wegwijzer. Meest passend zet dan voorop wat daar "
              "onder ‘Begin hier’ staat.", back="question"),
)

# Values in a reader's words, by instrument field and record id. Source wording where it is plain enough:
# the forms from the impact analysis, section 3.4 ("toolkits (vaak meerdere instrumenten met een
# handleiding)", "losse tools met een korte instructie"); the target groups from their own summaries.
VALUES: dict[str, dict[str, str]] = {
    "levels": {"individu": "Alleen, voor jezelf", "team": "Met je team", "organisatie": "Met de hele organisatie"},
    "aims": {"informeren": "Geeft kennis over een onderwerp", "ondersteunen": "Helpt bij een taak",
             "activeren": "Zet aan tot actie, gesprek of reflectie"},
    "target_groups": {"beleidsmakers": "Beleidsmakers en leidinggevenden",
                      "uitvoerenden": "Docenten en andere uitvoerenden"},
    "forms": {"synthese": "Samenvatting van kennis", "lang-artikel": "Langer artikel",
              "kort-overzicht": "Kort overzicht, vaak met een plaatje",
              "toolkit": "Toolkit: hulpmiddelen met een handleiding", "los-instrument": "Losse tool met korte uitleg",
              "interactief": "Interactief: om mee te werken"},
}


def spec(param: str) -> FacetSpec:
    return next(f for f in FACETS if f.param == param)


def value_label(field: str, record: Record) -> str:
    """A value as the finder names it."""
    word = VALUES.get(field, {}).get(record.id)
    if word:
        return word
    if field == "sectors" and isinstance(record, Term) and record.short and record.short != record.title:
        return f"{record.title} ({record.short})"
    if field == "roles":
        return record.title
    if field == "learning_goals":  # its number and short title, as everywhere (the whole goal is on its page)
        return names.display_title("learning_goal", record)
    return (record.short or record.title) if isinstance(record, Term) else record.title


def card_label(field: str, record: Record) -> str:
    """A value as a card names it: a sector by its short name ("mbo"), every other value as the facet does."""
    if field == "sectors" and isinstance(record, Term) and record.short:
        return record.short
    return value_label(field, record)


def reader_name(instrument: Record, kind_title: str = "") -> str:
    """An instrument's name for readers, the same as on its page (site/names.py); ``kind_title`` is not needed."""
    return names.reader_name(instrument)
