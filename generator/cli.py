"""The ``kennisbank`` command: validate, generate, schema, report, new.

``main()`` only wires the process to :func:`run`, which takes its arguments and
streams, so every command is testable without a subprocess.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import core, schema
from .problems import count_errors, format_json, format_text

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports in Dutch and raises instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


class UsageError(Exception):
    pass


def _parser() -> _Parser:
    parser = _Parser(prog="kennisbank", description="Kennisbank onderwijsinnovatie met ict: gegevens controleren "
                     "en pagina's maken.", add_help=True)
    sub = parser.add_subparsers(dest="command", metavar="opdracht", parser_class=_Parser)
    validate = sub.add_parser("validate", help="controleer de gegevens en meld elk probleem")
    _data_args(validate)
    validate.add_argument("--format", choices=("text", "json"), default="text", help="uitvoer als tekst of JSON")
    generate = sub.add_parser("generate", help="schrijf de gegenereerde Markdown naar een map")
    _data_args(generate)
    generate.add_argument("--out", required=True, type=Path, help="map voor de Markdown-bestanden")
    report_cmd = sub.add_parser("report", help="toon per soort de aantallen, lege velden, hiaten en redactionele keuzes")
    _data_args(report_cmd)
    build_cmd = sub.add_parser("build", help="bouw de site met MkDocs (streng) en vervang site/ alleen bij succes")
    build_cmd.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs-configuratie")
    build_cmd.add_argument("--site-dir", type=Path, default=Path("site"), help="doelmap (standaard: site/)")
    schema_cmd = sub.add_parser("schema", help="schrijf de JSON Schemas van de gegevensbestanden opnieuw")
    schema_cmd.add_argument("--data", type=Path, default=Path("data"), help="gegevensmap (standaard: data/)")
    return parser


def _data_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("data"), help="gegevensmap (standaard: data/)")
    parser.add_argument("--extra", type=Path, action="append", default=[],
                        help="extra map met eigen aanvullingen (mag vaker)")


def run(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    """Run one command; return the exit code."""
    try:
        args = _parser().parse_args(list(argv))
    except UsageError as err:
        print(f"kennisbank: {err}", file=stderr)
        print("Gebruik: kennisbank validate | generate --out MAP | schema  (zie kennisbank --help)", file=stderr)
        return EXIT_USAGE
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    if args.command is None:
        print("kennisbank: geef een opdracht, bijvoorbeeld 'kennisbank validate'.", file=stderr)
        return EXIT_USAGE
    return int(_COMMANDS[args.command](args, stdout, stderr))


def _dirs(args: argparse.Namespace) -> list[core.DataDir]:
    return [core.DataDir(args.data)] + [core.DataDir(p, label=p.name) for p in args.extra]


def _validate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    if not args.data.is_dir():
        print(f"kennisbank: de gegevensmap '{args.data}' bestaat niet.", file=stderr)
        return EXIT_USAGE
    result = core.read(_dirs(args))
    if args.format == "json":
        print(format_json(result.problems), file=stdout)
    else:
        for problem in result.problems:
            print(format_text(problem), file=stdout)
        errors = count_errors(result.problems)
        if errors:
            print(f"{errors} fout(en) gevonden.", file=stdout)
        else:
            assert result.kb is not None
            total = sum(len(v) for v in result.kb.by_kind.values())
            print(f"Geen fouten: {total} records in orde.", file=stdout)
    return EXIT_DATA if count_errors(result.problems) else EXIT_OK


def _generate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from . import pages, write

    result = core.read(_dirs(args))
    if result.kb is None:
        for problem in result.problems:
            print(format_text(problem), file=stderr)
        return EXIT_DATA
    plan = pages.plan(result.kb)
    content = Path("content").resolve()
    if args.out.resolve() == content or content in args.out.resolve().parents:
        print("kennisbank: gegenereerde pagina's horen niet in content/ (daar staan de handgeschreven "
              "pagina's); kies een andere map met --out.", file=stderr)
        return EXIT_USAGE
    written = write.write_pages(plan, args.out)
    print(f"{written} pagina's geschreven naar {args.out}.", file=stdout)
    return EXIT_OK


def _schema(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    for path in schema.write_schemas(args.data):
        print(f"geschreven: {path}", file=stdout)
    return EXIT_OK


def _report(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from . import report

    result = core.read(_dirs(args))
    if result.kb is None:
        for problem in result.problems:
            print(format_text(problem), file=stderr)
        return EXIT_DATA
    print(report.format_text(report.coverage(result.kb)), file=stdout)
    return EXIT_OK


def _build(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from . import sitebuild

    if not args.config.is_file():
        print(f"kennisbank: het configuratiebestand '{args.config}' bestaat niet.", file=stderr)
        return EXIT_USAGE
    error = sitebuild.build_site(args.config, args.site_dir)
    if error:
        print(f"kennisbank: {error}", file=stderr)
        return EXIT_DATA
    print(f"Site gebouwd in {args.site_dir}/.", file=stdout)
    return EXIT_OK


_COMMANDS = {"validate": _validate, "generate": _generate, "build": _build, "report": _report, "schema": _schema}


def main() -> None:
    sys.exit(run(sys.argv[1:], sys.stdout, sys.stderr))
