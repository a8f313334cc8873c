"""The Dutch words a reader sees for the fields of a record and for the notes about its source."""

from __future__ import annotations

from generator.data.schema import editor_fields
from generator.data.text import and_list

FIELD_LABELS: dict[str, str] = {
    "helps": "Waar helpt dit je bij?", "description": "Beschrijving", "findings": "Bereik en gebruik",
    "case_study": "Uit de casestudie", "period": "Looptijd", "abbreviation": "Afkorting",
    "explanation": "Uitleg", "variants": "Ook geschreven als",
    "organisations": "Betrokken organisaties", "focus": "Focus", "zones": "Zones, thema's en speerpunten",
    "tasks": "Taken", "traits": "Verwachte eigenschappen", "training_themes": "Thema's van de scholing",
    "time_investment": "Tijdsinvestering", "certification": "Certificering", "number": "Nummer",
    "indicators": "Onderdelen", "questions": "Vragen die aan bod kunnen komen",
    "learning_goal_numbers": "Leerdoelnummers volgens de bron", "aim": "Doel",
    "requirements": "Ontwerpeisen", "structure": "Opbouw", "participants": "Deelnemers",
    "satisfaction": "Tevredenheid", "results": "Opbrengsten", "lessons": "Geleerde lessen",
    "setting": "School of instelling", "goal": "Doel", "intervention": "Interventie", "products": "Producten",
    "category": "Categorie", "authors": "Auteurs", "year": "Jaar", "publisher": "Uitgever",
    "licence": "Licentie", "links": "Links", "seed": "Tekstbestand", "short": "Korte naam",
    "synonyms": "Ook bekend als", "title": "Titel", "summary": "Samenvatting", "type": "Soort",
    "cite": "Bronvermelding", "verdict": "Oordeel in de casestudies", "answer": "Kort antwoord",
    "quote": "In de woorden van de bron", "front": "Plaats op de voorpagina", "no_instrument": "Geen instrument",
    "details": "Meer uit de bronnen",
    "lesson": "Geleerde les",
    "situation": "Situatie", "worked": "Wat werkte", "not_worked": "Wat niet werkte", "resource": "Wat het is",
    "size": "Omvang", "language": "Taal",
}
NOTE_LABELS = {"gap": "Hiaat in de bron", "inconsistency": "De bron spreekt zichzelf tegen",
               "editorial": "Redactionele keuze", "remark": "Opmerking"}
NOTE_CLASSES = {"gap": "warning", "inconsistency": "warning", "editorial": "info", "remark": "note"}
# How the line under a record's title counts its notes (singular, plural), in this order: gaps first.
NOTE_COUNTS = {"gap": ("hiaat", "hiaten"), "inconsistency": ("tegenstrijdigheid", "tegenstrijdigheden"),
               "editorial": ("redactionele keuze", "redactionele keuzes"), "remark": ("opmerking", "opmerkingen")}
# Not listed as facts: shown elsewhere on the page (helps: in the instrument page's own box) or internal.
HIDDEN = {"id", "title", "summary", "cite", "notes", "editorial", "order", "short", "number", "helps", "seed"}


def field_label(record_type: type, name: str) -> str:
    """The Dutch name of a field as a reader sees it: FIELD_LABELS, else a relation's own label.

    Notes and the coverage report name fields of every kind, relations included ("programmes" → "Programma").
    """
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    for f in editor_fields(record_type):
        if f.name == name and "label" in f.metadata:
            return str(f.metadata["label"])
    return name


def notes_line(kinds: list[str]) -> str:
    """What a record's notes are, counted: '2 hiaten, 1 tegenstrijdigheid en 1 opmerking'."""
    parts = []
    for kind, (one, many) in NOTE_COUNTS.items():
        n = kinds.count(kind)
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    return and_list(parts)
