"""Reader names of records, and of instruments in particular: the source's title without its kind in front and with text-extraction damage repaired.

The source (Bijlage 4 of the impact analysis) puts "Product", "Publicatie" or "Project" before most titles, and its
text extraction glued or split words ("evidenceinformed", "Bewegings-sensor") or kept English title case. A reader's
name leaves the kind out (the page shows it as a label) and repairs those words. Each repair is an editorial choice:
the record keeps the literal title, which the page's Verantwoording and the exports show.
"""

from __future__ import annotations

from generator.data.model import Record

PREFIXES = ("Product", "Publicatie", "Project")
# Damage by the text extraction or English title case, and its repair; applied wherever it occurs in a title.
REPAIRS: tuple[tuple[str, str], ...] = (
    ("evidenceinformed", "evidence-informed"), ("ictbekwaamheid", "ict-bekwaamheid"),
    ("pdgtrajecten", "pdg-trajecten"), ("Bewegings-sensor", "Bewegingssensor"),
    ("Sleutelopgaven Voor", "Sleutelopgaven voor"), ("docent-professionalisering", "docentprofessionalisering"),
    ("Docent-professionalisering", "docentprofessionalisering"), ("onderwijs-innovatie", "onderwijsinnovatie"),
    ("(Digitaal) Formatief Toetsen", "(digitaal) formatief toetsen"), ("Digitale Peerfeedback", "digitale peerfeedback"),
    ("Online Didactiek", "online didactiek"), ("Plan van Aanpak 2020 Docentprofessionalisering",
                                               "Plan van aanpak 2020 docentprofessionalisering"),
    ("van Onderwijsinnovatie met ICT", "van onderwijsinnovatie met ICT"),
    ("Onderwijskundig ICT professional", "onderwijskundig ICT-professional"),
)


def _without_prefix(record: Record) -> tuple[str, str]:
    """The title without the source's kind in front (one of PREFIXES, or the instrument's own kind: "Onderzoek"),
    and that kind ('' when there is none)."""
    title = record.title
    own = getattr(record, "type", "")
    for prefix in (*PREFIXES, own.capitalize()) if isinstance(own, str) and own else PREFIXES:
        if title.startswith(prefix + " ") and len(title) > len(prefix) + 3:
            rest = title[len(prefix) + 1:].lstrip()
            return rest[:1].upper() + rest[1:], prefix
    return title, ""


def reader_name(record: Record) -> str:
    """What readers call an instrument: its own ``name`` when the data has one, else the repaired title."""
    own = getattr(record, "name", "")
    if isinstance(own, str) and own.strip():
        return own
    name, _ = _without_prefix(record)
    for damaged, repaired in REPAIRS:
        name = name.replace(damaged, repaired)
    return name


def changes(record: Record) -> list[str]:
    """What :func:`reader_name` changed in the source's title, in Dutch, for the page's Verantwoording."""
    _, prefix = _without_prefix(record)
    done = [f"het woord '{prefix}' vooraan weggelaten (de soort staat boven de titel)"] if prefix else []
    done += [f"'{damaged}' wordt '{repaired}'" for damaged, repaired in REPAIRS if damaged in record.title]
    return done


def display_title(kind: str, record: Record) -> str:
    """A record's name on pages and in links: an instrument's reader name (above); a learning goal with its
    number and its short title, or else its sentence without the full stop (a list item goes on with ': ' and
    its summary)."""
    if kind == "instrument":
        return reader_name(record)
    number = getattr(record, "number", "")
    if kind == "learning_goal" and number:
        return f"Leerdoel {number}: {getattr(record, 'short', '') or record.title.rstrip('.')}"
    return record.title
