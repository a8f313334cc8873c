"""The ``kennisbank`` command: validate, generate, schema, report, new.

``main()`` only wires the process to :func:`run`, which takes its arguments and
streams, so every command is testable without a subprocess.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from generator.data import core, schema
from generator.data.index import KnowledgeBase
from generator.data.problems import Problem, count_errors, format_json, format_text, sort_problems
from generator.adapters.cli import arguments

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def run(argv: Sequence[str], stdout: TextIO, stderr: TextIO, stdin: TextIO | None = None) -> int:
    """Run one command; return the exit code. ``stdin`` answers the questions of ``new``."""
    try:
        args = arguments.parser().parse_args(list(argv))
    except arguments.UsageError as err:
        print(f"kennisbank: {err}", file=stderr)
        print("Gebruik: kennisbank validate | new SOORT | build | generate --out MAP | report | schema  "
              "(zie kennisbank --help)", file=stderr)
        return EXIT_USAGE
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    if args.command is None:
        print("kennisbank: geef een opdracht, bijvoorbeeld 'kennisbank validate'.", file=stderr)
        return EXIT_USAGE
    if args.command == "new":
        return _new(args, stdout, stderr, stdin if stdin is not None else sys.stdin)
    return int(_COMMANDS[args.command](args, stdout, stderr))


def _read_or_report(args: argparse.Namespace, stderr: TextIO) -> KnowledgeBase | None:
    """The knowledge base of the data in ``args``; None, with every problem printed, when it has errors."""
    result = core.read(_dirs(args))
    if result.kb is None:
        for problem in result.problems:
            print(format_text(problem), file=stderr)
    return result.kb


def _dirs(args: argparse.Namespace) -> list[core.DataDir]:
    return [core.DataDir(args.data)] + [core.DataDir(p, label=p.name) for p in args.extra]


def _missing_dirs(args: argparse.Namespace, stderr: TextIO) -> bool:
    """Report a data or content folder that does not exist (a usage error, exit 2)."""
    for folder in (args.data, *getattr(args, "extra", ())):
        if not folder.is_dir():
            print(f"kennisbank: de gegevensmap '{folder}' bestaat niet; geef met --data (of --extra) een "
                  "bestaande map op.", file=stderr)
            return True
    if getattr(args, "content", None) is not None and not args.content.is_dir():
        print(f"kennisbank: de map '{args.content}' met handgeschreven pagina's bestaat niet.", file=stderr)
        return True
    return False


def _validate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    if args.config is not None:
        site = _site_sources(args, stderr)
        if site is None:
            return EXIT_USAGE
        dirs, scope, scope_source, content = site
        result = core.read(dirs, scope=scope, scope_source=scope_source)
    else:
        if _missing_dirs(args, stderr):
            return EXIT_USAGE
        result = core.read(_dirs(args))
        content = args.content if args.content is not None else args.data.parent / "content"
    problems = result.problems
    if result.kb is not None and content.is_dir():
        problems = sort_problems(problems + _page_clashes(result.kb, content))
    errors = count_errors(problems)
    if args.format == "json":
        print(format_json(problems), file=stdout)
    else:
        for problem in problems:
            print(format_text(problem), file=stdout)
        if errors:
            print(f"{errors} fout(en) gevonden.", file=stdout)
        else:
            assert result.kb is not None
            total = sum(len(v) for v in result.kb.by_kind.values())
            print(f"Geen fouten: {total} records in orde.", file=stdout)
    if any(p.code == "unreadable-file" for p in problems):
        return EXIT_USAGE
    return EXIT_DATA if errors else EXIT_OK


def _site_sources(args: argparse.Namespace, stderr: TextIO) -> tuple[list[core.DataDir], Any, str, Path] | None:
    """Data folders, scope, where the scope is set, and the hand-written pages, as the site's build takes them
    from ``args.config``; None, with the reason printed, when that cannot be read."""
    if args.extra or args.content is not None or args.data != Path("data"):
        print("kennisbank: --config neemt de mappen uit de configuratie; laat --data, --extra en --content weg.",
              file=stderr)
        return None
    if not args.config.is_file():
        print(f"kennisbank: de configuratie '{args.config}' bestaat niet.", file=stderr)
        return None
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(args.config))
    except (MkDocsException, SystemExit) as err:
        print(f"kennisbank: de configuratie '{args.config}' kan niet gelezen worden ({err}).", file=stderr)
        return None
    plugin = config.plugins.get("kennisbank")
    if plugin is None:
        print(f"kennisbank: '{args.config}' gebruikt de plugin kennisbank niet (plugins: - kennisbank).", file=stderr)
        return None
    dirs, scope, scope_source = plugin.sources(config)
    missing = next((d.path for d in dirs if not d.path.is_dir()), None)
    if missing is not None:
        print(f"kennisbank: de gegevensmap '{missing}' uit '{args.config}' bestaat niet.", file=stderr)
        return None
    return dirs, scope, scope_source, Path(config.docs_dir)


def _page_clashes(kb: KnowledgeBase, content: Path) -> list[Problem]:
    """Generated pages that would take the place of a hand-written page in ``content``."""
    from generator.site import pages, write

    return write.clashes(pages.page_list(kb), write.handwritten_pages(content), core.display_name(content))


def _generate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from generator.site import outdir, pages, write

    project = args.data.resolve().parent
    try:
        out = outdir.check(args.out, roots=[project, outdir.project_root(project), Path.cwd()],
                           sources=[(args.data.parent / "content", "content/"), (Path("content"), "content/"),
                                    *((d, "een gegevensmap") for d in (args.data, *args.extra))],
                           own=lambda folder: (folder / write.MANIFEST).is_file(), what="'kennisbank generate'",
                           option="--out")
    except outdir.Refused as err:
        print(f"kennisbank: {err}", file=stderr)
        return EXIT_USAGE
    kb = _read_or_report(args, stderr)
    if kb is None:
        return EXIT_DATA
    plan = pages.plan(kb)
    try:
        written = write.write_pages(plan, out)  # the pages, and the downloads "Gegevens hergebruiken" links
    except write.ForeignFiles as err:
        shown = ", ".join(err.paths[:5]) + (f" en {len(err.paths) - 5} meer" if len(err.paths) > 5 else "")
        print(f"kennisbank: in {outdir.shown(args.out)} staan al bestanden die niet door 'kennisbank generate' "
              f"gemaakt zijn: {shown}. Er is niets geschreven; kies een lege map met --out, of verplaats die "
              "bestanden.", file=stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"kennisbank: {_os_error(err, args.out)} Wat al geschreven is, staat in de lijst "
              f"{write.MANIFEST} in die map; een volgende 'kennisbank generate' vervangt het.", file=stderr)
        return EXIT_USAGE
    print(f"{written} bestanden geschreven naar {outdir.shown(args.out)}.", file=stdout)
    return EXIT_OK


def _os_error(err: OSError, folder: Path) -> str:
    """What the system refused while writing into ``folder``, in Dutch."""
    from generator.site import outdir

    reasons = {errno.ENOSPC: "de schijf is vol", errno.EDQUOT: "de schijfruimte (quota) is op",
               errno.EACCES: "geen toestemming", errno.EPERM: "geen toestemming",
               errno.EROFS: "de schijf is alleen-lezen", errno.ENAMETOOLONG: "een bestandsnaam is te lang",
               errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
               errno.EEXIST: "er staat al een bestand met die naam"}
    reason = reasons.get(err.errno or 0, err.strerror or "onbekende fout")
    names = [Path(os.fsdecode(n)) for n in (err.filename2, err.filename) if n]
    inside = [n for n in names if n.resolve() == folder.resolve() or folder.resolve() in n.resolve().parents]
    where = f" ({outdir.shown(inside[0])})" if inside else ""  # a file of the theme's own is no help
    return f"schrijven in '{outdir.shown(folder)}' is mislukt: {reason}{where}."


def _schema(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    for path in schema.write_schemas(args.data):
        print(f"geschreven: {path}", file=stdout)
    return EXIT_OK


def _report(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from generator.site import report

    kb = _read_or_report(args, stderr)
    if kb is None:
        return EXIT_DATA
    print(report.format_text(report.coverage(kb)), file=stdout)
    return EXIT_OK


def _build(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from generator.site import outdir
    from generator.adapters.mkdocs import sitebuild

    if not args.config.is_file():
        print(f"kennisbank: het configuratiebestand '{outdir.shown(args.config)}' bestaat niet.", file=stderr)
        return EXIT_USAGE
    try:
        error = sitebuild.build_site(args.config, args.site_dir)
    except outdir.Refused as err:
        print(f"kennisbank: {err}", file=stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"kennisbank: {_os_error(err, args.site_dir)} De site is niet gebouwd; de vorige versie blijft "
              "staan en er is geen tijdelijke map achtergebleven.", file=stderr)
        return EXIT_USAGE
    except (KeyboardInterrupt, sitebuild.Interrupted):
        print("kennisbank: de bouw is onderbroken; de vorige versie van de site blijft staan en er is geen "
              "tijdelijke map achtergebleven.", file=stderr)
        return 130
    if error:
        *heard, last = error.split("\n")
        for line in heard:
            print(line, file=stderr)
        print(f"kennisbank: {last}", file=stderr)
        return EXIT_DATA
    print(f"Site gebouwd in {outdir.shown(args.site_dir)}/.", file=stdout)
    return EXIT_OK


def _new(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, stdin: TextIO) -> int:
    from generator.adapters.cli import scaffold
    from generator.data.problems import did_you_mean
    from generator.data.validate import slugify

    kind = schema.KIND_BY_NAME.get(args.kind)
    if kind is None:
        names = [k.name for k in schema.KINDS]
        print(f"kennisbank: '{args.kind}' is geen soort record. {did_you_mean(args.kind, names)} "
              f"Soorten: {', '.join(names)}.".replace("  ", " "), file=stderr)
        return EXIT_USAGE
    if _missing_dirs(args, stderr):
        return EXIT_USAGE
    ask = _Asker(stdin, stdout)
    try:
        values = scaffold.parse_assignments(kind, args.assignments)
        todo = scaffold.missing(kind, values)
        if todo and args.yes:
            raise scaffold.ScaffoldError("met --yes moeten alle verplichte velden met --set komen; er ontbreken: "
                                         f"{', '.join(q.name for q in todo)}.")
        for question in todo:
            ask.until_valid(question, lambda raw: scaffold.assign(kind, values, question.name, raw))
        if "id" not in values:
            proposal = scaffold.propose_id(values["title"], scaffold.taken_ids(args.data / kind.file, kind))
            if proposal != (own := slugify(values["title"])):
                print(f"Let op: de id '{own}' bestaat al in "
                      f"{core.display_name(args.data / kind.file)}. Staat dit record er misschien al in? Het nieuwe "
                      f"krijgt de id '{proposal}'.", file=stderr)
            values["id"] = proposal if args.yes else (ask.line(f"Id [{proposal}]: ") or proposal)
        addition = scaffold.plan_addition(args.data, kind, values)
    except scaffold.ScaffoldError as err:
        print(f"kennisbank: {err}", file=stderr)
        return EXIT_USAGE
    problems = scaffold.new_problems(args.data, addition, args.data.parent / "content")
    if problems:
        for problem in problems:
            print(format_text(problem), file=stderr)
        print(f"kennisbank: het record is niet toegevoegd: het zou {len(problems)} fout(en) geven. Verbeter de "
              "waarden en probeer het opnieuw; er is niets gewijzigd.", file=stderr)
        return EXIT_DATA
    shown = core.display_name(addition.path)
    if not args.yes:
        print(f"\nNieuw record voor {shown}:\n\n{scaffold.inserted_text(addition)}", file=stdout)
        if ask.line(f"Toevoegen aan {shown}? [J/n]: ").lower() not in ("", "j", "ja", "y", "yes"):
            print("Niets gewijzigd.", file=stdout)
            return EXIT_DATA
    scaffold.write_addition(addition)
    print(f"Toegevoegd aan {shown} (regels {addition.first_line}-{addition.last_line}): {kind.singular.lower()} "
          f"'{values['id']}'. Controleer met 'kennisbank validate' en bekijk het met 'make serve'.", file=stdout)
    return EXIT_OK


class _Asker:
    """Questions on ``stdout``, answers from ``stdin``; no more input is a usage error."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin, self.stdout = stdin, stdout

    def line(self, prompt: str) -> str:
        print(prompt, end="", file=self.stdout, flush=True)
        answer = self.stdin.readline()
        if not answer:
            from generator.adapters.cli.scaffold import ScaffoldError

            raise ScaffoldError("geen invoer meer; geef de velden met --set veld=waarde (en --yes om niets te vragen).")
        return answer.strip()

    def until_valid(self, question: Any, accept: Callable[[str], None]) -> None:
        """Ask ``question`` until ``accept`` takes the answer without a ScaffoldError."""
        from generator.adapters.cli.scaffold import ScaffoldError

        choices = f" Kies uit: {', '.join(question.choices)}." if question.choices else ""
        while True:
            end = "" if question.label.endswith(("?", ".", "!")) else "."
            answer = self.line(f"{question.name}: {question.label}{end}{choices}\n> ")
            try:
                if answer:
                    accept(answer)
                    return
            except ScaffoldError as err:
                print(f"  {err}", file=self.stdout)


_COMMANDS = {"validate": _validate, "generate": _generate, "build": _build, "report": _report, "schema": _schema}


def main() -> None:
    sys.exit(run(sys.argv[1:], sys.stdout, sys.stderr))
