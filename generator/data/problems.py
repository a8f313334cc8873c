"""Problems found in the data: one record, a closed list of codes, two formatters."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# The closed list of codes, each with the Dutch description the editor guide shows.
CODES: dict[str, str] = {
    "unreadable-file": "Het bestand kan niet gelezen worden (bestaat niet, is een map, of geen toegang).",
    "missing-file": "Een gegevensbestand ontbreekt in de gegevensmap; elk bestand is verplicht.",
    "outside-repository": "Een bestand is een verwijzing (symlink) naar een plek buiten het project.",
    "unchecked-references": "Verwijzingen die niet gecontroleerd zijn, omdat het bestand waar ze heen wijzen niet "
                            "gelezen kon worden.",
    "not-utf8": "Het bestand is niet in UTF-8 opgeslagen.",
    "empty-file": "Het bestand is leeg.",
    "file-too-large": "Het bestand is groter dan de toegestane omvang.",
    "tab-indent": "Een regel springt in met een tab; YAML staat alleen spaties toe.",
    "control-character": "De tekst bevat een onzichtbaar stuurteken.",
    "yaml-syntax": "De YAML-opbouw klopt niet (haakjes, aanhalingstekens, inspringing).",
    "yaml-alias": "Ankers en verwijzingen (&naam en *naam) zijn niet toegestaan.",
    "too-deep": "De gegevens zijn te diep genest (lijsten in lijsten in lijsten).",
    "duplicate-key": "Dezelfde sleutel staat twee keer in één blok.",
    "wrong-top-level": "Het bestand moet beginnen met lijsten onder bekende namen, zoals 'instruments:'.",
    "unknown-file": "Een bestand in de gegevensmap dat de kennisbank niet kent.",
    "unknown-collection": "Een lijst met een naam die in dit bestand niet bestaat.",
    "unknown-key": "Een veld dat voor dit soort gegeven niet bestaat.",
    "missing-field": "Een verplicht veld ontbreekt.",
    "wrong-type": "De waarde heeft het verkeerde soort (tekst, getal, lijst, blok).",
    "not-allowed": "De waarde staat niet in de lijst van toegestane waarden.",
    "bad-id": "Een id mag alleen kleine letters, cijfers en streepjes bevatten.",
    "duplicate-id": "Twee gegevens van hetzelfde soort hebben dezelfde id.",
    "unknown-reference": "Een verwijzing naar een id die niet bestaat.",
    "reserved-id": "Deze id is gereserveerd voor een overzichtspagina.",
    "text-too-long": "Een tekstveld is langer dan toegestaan.",
    "raw-html": "HTML in een tekstveld is niet toegestaan; gebruik Markdown.",
    "unsafe-markdown": "Deze Markdown-opmaak is in tekstvelden niet toegestaan.",
    "bad-url": "Een webadres is onvolledig of gebruikt een niet-toegestaan schema.",
    "unknown-field-name": "Een veldnaam in 'editorial' of bij een opmerking bestaat niet.",
    "duplicate-number": "Twee gegevens binnen dezelfde groep hebben hetzelfde nummer.",
    "quote-not-in-source": "Het citaat van een vraag staat niet letterlijk bij het gekoppelde leiderschapsthema.",
    "no-such-lesson": "Een vraag wijst naar een geleerde les die het traject niet heeft.",
    "duplicate-front": "Twee vragen hebben dezelfde plaats op de voorpagina.",
    "long-answer": "Het korte antwoord op een vraag heeft meer dan drie zinnen.",
    "explanation-too-long": "De uitleg van een begrip is te lang voor een toelichting bij het woord.",
    "bad-glossary-word": "Een woord van een begrip is te kort of heeft geen letter.",
    "duplicate-glossary-word": "Twee begrippen hebben hetzelfde woord.",
    "page-clash": "Een gegenereerde pagina zou een handgeschreven pagina overschrijven.",
    "schema-missing": "Het JSON Schema van een gegevensbestand ontbreekt of is verouderd.",
    "no-source": "Een gegeven zonder bronvermelding.",
    "scope-unknown": "De afbakening in de configuratie noemt een id die niet bestaat.",
}

# What an editor does about each code; the editor guide's table of checks shows it beside CODES.
FIXES: dict[str, str] = {
    "unreadable-file": "Controleer de naam en de map; een gegevensbestand is een gewoon bestand in data/.",
    "missing-file": "Zet het bestand terug (bijvoorbeeld met 'git checkout -- data/'), of maak het met de lijst "
                    "van dit bestand erin, zoals 'examples: []'.",
    "outside-repository": "Zet het bestand zelf in de map in plaats van een verwijzing ernaar.",
    "unchecked-references": "Maak eerst het genoemde bestand weer leesbaar; daarna worden deze verwijzingen "
                            "gecontroleerd.",
    "not-utf8": "Sla het bestand op met codering UTF-8 ('Opslaan als' in je editor).",
    "empty-file": "Zet er minstens één lijst met een record in, of verwijder het bestand.",
    "file-too-large": "Splits de gegevens of haal de te grote waarde weg.",
    "tab-indent": "Vervang de tab door spaties (twee per niveau).",
    "control-character": "Verwijder het teken; het komt vaak mee bij kopiëren uit een pdf.",
    "yaml-syntax": "Kijk op en vlak vóór de genoemde regel naar inspringing, dubbele punten en aanhalingstekens.",
    "yaml-alias": "Schrijf de waarde gewoon uit in plaats van &naam en *naam.",
    "too-deep": "Een record heeft velden, lijsten en hooguit een blok daarin; haal de extra lagen weg.",
    "duplicate-key": "Verwijder of hernoem een van de twee; anders telt er stilzwijgend maar één.",
    "wrong-top-level": "Begin het bestand met de naam van een lijst (bijvoorbeeld 'instruments:') met de records "
                       "eronder, elk beginnend met '- id:'.",
    "unknown-file": "Hernoem het bestand naar een bekend gegevensbestand of haal het uit data/.",
    "unknown-collection": "Gebruik een lijstnaam die dit bestand kent; de melding noemt de bedoelde naam.",
    "unknown-key": "Verbeter de veldnaam (de melding stelt er een voor) of haal het veld weg.",
    "missing-field": "Voeg het veld toe; de melding zegt wat erin hoort.",
    "wrong-type": "Schrijf de waarde in de gevraagde vorm: tekst, getal, lijst ('- ' per item) of blok.",
    "not-allowed": "Kies een van de waarden die de melding noemt.",
    "bad-id": "Gebruik alleen kleine letters, cijfers en streepjes, zoals 'digitale-geletterdheid'.",
    "duplicate-id": "Kies een andere id; ids zijn uniek per soort gegeven en worden het webadres.",
    "unknown-reference": "Verbeter de id (de melding noemt de dichtstbijzijnde) of voeg het gegeven eerst toe.",
    "reserved-id": "Kies een andere id; deze naam gebruikt de site zelf.",
    "text-too-long": "Kort de tekst in en verwijs voor details naar de bron.",
    "raw-html": "Gebruik Markdown in plaats van HTML: *nadruk*, **vet**, [tekst](https://...) of een lijst.",
    "unsafe-markdown": "Gebruik alleen nadruk, vet, links, lijsten en `code`; geen koppen, tabellen of afbeeldingen.",
    "bad-url": "Schrijf een volledig adres dat begint met https://, http:// of mailto:.",
    "unknown-field-name": "Gebruik de naam van een veld dat het record heeft (zie de melding).",
    "duplicate-number": "Controleer de nummering in de bron en verbeter het nummer.",
    "quote-not-in-source": "Kopieer de vraag precies zoals hij bij het leiderschapsthema staat, of laat 'quote' weg.",
    "no-such-lesson": "Tel de lessen van het eerste traject onder 'trajectories' en kies er een, of laat 'lesson' weg.",
    "duplicate-front": "Geef elke vraag op de voorpagina een eigen nummer.",
    "long-answer": "Houd 'answer' bij twee of drie zinnen; zet de rest onder 'details'.",
    "explanation-too-long": "Houd de uitleg bij één of twee zinnen (hoogstens 300 tekens); meer hoort in 'description'.",
    "bad-glossary-word": "Schrijf het woord zoals lezers het op de pagina's tegenkomen.",
    "duplicate-glossary-word": "Geef elk woord aan één begrip; haal het bij het andere weg.",
    "page-clash": "Kies een andere id, of hernoem de handgeschreven pagina in content/.",
    "schema-missing": "Maak de schema's opnieuw met 'kennisbank schema' en neem ze op in je wijziging.",
    "no-source": "Voeg onder 'cite:' het brondocument en de sectie toe.",
    "scope-unknown": "Verbeter de id in de afbakening in mkdocs.yml.",
}


@dataclass(slots=True, frozen=True, kw_only=True)
class Problem:
    """One finding, with its place in the data."""

    code: str
    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    path: str = ""
    hint: str = ""
    severity: Severity = "error"

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}")
        for name in ("message", "file", "path", "hint"):
            value = getattr(self, name)
            if _INVISIBLE.search(value):
                object.__setattr__(self, name, visible(value))

    @property
    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        return (self.file, self.line, self.column, self.path, self.code, self.message)


# Characters that would break a message's line or change how a terminal or CI page shows it: C0 and C1 control
# characters (newline, tab, escape), line and paragraph separators, and the marks that reorder text (bidi).
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """``text`` with every character of ``_INVISIBLE`` written as an escape (``\\n``, ``\\x1b``, ``\\u202e``):
    a message from the data is always one line that shows what is there."""
    return _INVISIBLE.sub(lambda m: _NAMED.get(m.group()) or
                          (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"), text)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Order by file, line and column, so output never depends on input order."""
    return sorted(set(problems), key=lambda p: p.sort_key)


def format_text(problem: Problem) -> str:
    """``data/instruments.yaml:42:7: instruments[3].sectors: ... [code]``."""
    place = problem.file
    if problem.line:
        place += f":{problem.line}:{problem.column}"
    parts = [place] if place else []
    if problem.path:
        parts.append(problem.path)
    text = ": ".join(parts + [problem.message])
    if problem.hint:
        text += f" {problem.hint}"
    return f"{text} [{problem.code}]"


def format_json(problems: Sequence[Problem]) -> str:
    return json.dumps(
        {"problems": [asdict(p) for p in problems], "errors": count_errors(problems)},
        ensure_ascii=False,
        indent=2,
    )


def count_errors(problems: Iterable[Problem]) -> int:
    return sum(1 for p in problems if p.severity == "error")


def near_miss(value: str, options: Iterable[str], n: int = 3) -> list[str]:
    """The options closest to ``value``, best first."""
    # 0.65: "hbx" still suggests "hbo" (0.67), "bogus" no longer suggests "focus" (0.6).
    return difflib.get_close_matches(value, list(options), n=n, cutoff=0.65)


def did_you_mean(value: str, options: Iterable[str]) -> str:
    close = near_miss(value, options, n=1)
    return f"Bedoel je '{close[0]}'?" if close else ""


def quote_list(values: Iterable[str], limit: int = 12) -> str:
    items = [f"'{v}'" for v in values]
    if len(items) > limit:
        items = items[:limit] + [f"en {len(items) - limit} meer"]
    return ", ".join(items)
