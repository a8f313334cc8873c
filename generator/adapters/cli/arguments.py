"""The ``kennisbank`` command's arguments: its subcommands and options, and argparse's messages in Dutch."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from generator.data import schema


# argparse's own words (Python 3.11), in Dutch.
_DUTCH: tuple[tuple[str, str], ...] = (
    ("the following arguments are required: ", "dit ontbreekt nog: "),
    ("unrecognized arguments: ", "onbekende argumenten: "),
    ("invalid choice: ", "ongeldige keuze: "),
    ("(choose from ", "(kies uit "),
    ("expected one argument", "verwacht één waarde"),
    ("ignored explicit argument ", "overbodige waarde "),
    ("argument ", "bij "),
)


def dutch(message: str) -> str:
    for english, translated in _DUTCH:
        message = message.replace(english, translated)
    return message


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Dutch, in its help and its errors, and raises instead of exiting."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="toon deze hulp en stop")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", "gebruik: ", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage: ", "gebruik: ", 1)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(dutch(message))


class UsageError(Exception):
    pass


def parser() -> _Parser:
    parser = _Parser(prog="kennisbank", description="Kennisbank onderwijsinnovatie met ict: gegevens controleren "
                     "en pagina's maken.")
    sub = parser.add_subparsers(dest="command", metavar="opdracht", parser_class=_Parser)
    validate = sub.add_parser("validate", help="controleer de gegevens en meld elk probleem")
    _data_args(validate)
    validate.add_argument("--config", type=Path, default=None, metavar="BESTAND",
                          help="neem gegevensmappen, aanvullingen, afbakening en handgeschreven pagina's uit deze "
                          "MkDocs-configuratie, zoals de bouw ze gebruikt (in plaats van --data, --extra en --content)")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="uitvoer als tekst of JSON")
    validate.add_argument("--content", type=Path, default=None, metavar="MAP",
                          help="map met handgeschreven pagina's, voor de controle op botsingen "
                          "(standaard: content/ naast de gegevensmap)")
    generate = sub.add_parser("generate", help="schrijf de gegenereerde Markdown naar een map")
    _data_args(generate)
    generate.add_argument("--out", required=True, type=Path, metavar="MAP", help="map voor de Markdown-bestanden")
    report_cmd = sub.add_parser("report", help="toon per soort de aantallen, lege velden, hiaten en redactionele keuzes")
    _data_args(report_cmd)
    build_cmd = sub.add_parser("build", help="bouw de site met MkDocs (streng) en vervang site/ alleen bij succes")
    build_cmd.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="BESTAND", help="MkDocs-configuratie")
    build_cmd.add_argument("--site-dir", type=Path, default=Path("site"), metavar="MAP", help="doelmap (standaard: site/)")
    schema_cmd = sub.add_parser("schema", help="schrijf de JSON Schemas van de gegevensbestanden opnieuw")
    schema_cmd.add_argument("--data", type=Path, default=Path("data"), metavar="MAP", help="gegevensmap (standaard: data/)")
    new = sub.add_parser("new", help="voeg een nieuw record toe aan het juiste gegevensbestand")
    new.add_argument("kind", metavar="soort", help=f"soort record: {', '.join(k.name for k in schema.KINDS)}")
    new.add_argument("--data", type=Path, default=Path("data"), metavar="MAP", help="gegevensmap (standaard: data/)")
    new.add_argument("--set", dest="assignments", action="append", default=[], metavar="VELD=WAARDE",
                     help="een veld invullen, bijvoorbeeld --set title=\"Mijn instrument\" of --set "
                     "cite.document=impactanalyse-npuls (mag vaker; herhaal voor meer lijstitems)")
    new.add_argument("--yes", action="store_true",
                     help="niets vragen: velden alleen via --set, de voorgestelde id, en direct toevoegen")
    return parser


def _data_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("data"), metavar="MAP", help="gegevensmap (standaard: data/)")
    parser.add_argument("--extra", type=Path, action="append", default=[], metavar="MAP",
                        help="extra map met eigen aanvullingen (mag vaker)")
