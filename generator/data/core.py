"""Read data folders into a knowledge base: load → validate → index, all problems gathered."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.data import schema
from generator.data.gcpause import without_gc
from generator.data.index import KnowledgeBase, build_index
from generator.data.load import LoadedFile, load_file, read_bytes, repository
from generator.data.yamlread import LoadError
from generator.data.model import Location, Record
from generator.data.problems import Problem, count_errors, sort_problems
from generator.data.records import build_record
from generator.data.schema import DATA_FILES, KINDS, Kind
from generator.data.scope import Scope
from generator.data.scope import apply as apply_scope
from generator.data.scope import check as check_scope
from generator.data.validate import Placed, SchemaPass, check_top_level, cross_record_rules

UPSTREAM = "Kennisbank"


@dataclass(slots=True, frozen=True)
class DataDir:
    """A folder of data files; ``label`` is shown on records that come from it."""

    path: Path
    label: str = UPSTREAM


@dataclass(slots=True)
class ReadResult:
    kb: KnowledgeBase | None
    problems: list[Problem] = field(default_factory=list)
    files: list[LoadedFile] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.kb is not None


def display_name(path: Path) -> str:
    """A path as editors know it: relative to the working folder when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read(dirs: Sequence[DataDir], schema_dir: Path | None = None, scope: Scope = Scope(),
         scope_source: str = "mkdocs.yml") -> ReadResult:
    """Load, validate and index every data file in ``dirs`` (the first is upstream), within ``scope``."""
    with without_gc():  # every stage keeps what it makes: scanning it again and again was a fifth of the time
        return _read(dirs, schema_dir, scope, scope_source)


def _read(dirs: Sequence[DataDir], schema_dir: Path | None, scope: Scope, scope_source: str) -> ReadResult:
    found = _Capped()
    schemas = _load_schemas(schema_dir or dirs[0].path / schema.SCHEMA_DIR, found)
    placed: list[Placed] = []
    files: list[LoadedFile] = []
    unread: dict[str, list[str]] = {}  # data file → the files of that name that could not be read (shown names)
    for data_dir in dirs:
        found.extend(_unknown_files(data_dir.path))
        root = repository(data_dir.path) or data_dir.path.resolve().parent
        for file_name in DATA_FILES:
            path = data_dir.path / file_name
            if not os.path.lexists(path):
                if data_dir is dirs[0] and data_dir.path.is_dir():  # an institution's own folder may leave it out
                    found.add(_missing(path, file_name))
                    unread.setdefault(file_name, []).append(display_name(path))
                continue
            loaded, load_problems = load_file(path, display_name(path), root)
            found.extend(load_problems)
            files.append(loaded)
            checked: list[Placed] | None = None
            if loaded.data is not None:  # read, perhaps with problems that let it be read: check the rest too
                checked = _check_file(loaded, file_name, schemas.get(file_name), data_dir.label, found)
            # A record that could not be taken in (not a block, no valid id) cannot be referred to either.
            if checked is None or getattr(checked, "incomplete", False):
                unread.setdefault(file_name, []).append(loaded.name)
            placed += checked or ()
    skipped: dict[str, int] = {}
    found.extend(cross_record_rules(placed, {k.name for k in KINDS if k.file in unread}, skipped))
    known: dict[str, set[str]] = {}
    for item in placed:
        known.setdefault(item.kind.name, set()).add(item.record.id)
    found.extend(check_scope(scope, known, scope_source))
    problems = sort_problems(found.problems) + found.summaries() + _unchecked(skipped, unread)
    if count_errors(problems):
        return ReadResult(None, problems, files)
    records = apply_scope([(item.kind.name, item.record) for item in placed], scope)
    return ReadResult(build_index(records), problems, files)


MAX_PER_FILE = 50  # problems of one kind (code) shown per file; the rest are counted in one line


class _Capped:
    """Problems, at most MAX_PER_FILE of one code per file; the others only counted (and not kept)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.counts: dict[tuple[str, str], int] = {}
        self.first_over: dict[tuple[str, str], Problem] = {}

    def add(self, problem: Problem) -> None:
        key = (problem.file, problem.code)
        count = self.counts[key] = self.counts.get(key, 0) + 1
        if count <= MAX_PER_FILE:
            self.problems.append(problem)
        elif count == MAX_PER_FILE + 1:
            self.first_over[key] = problem

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def __iadd__(self, problems: Iterable[Problem]) -> _Capped:
        self.extend(problems)
        return self

    def summaries(self) -> list[Problem]:
        """One problem per file and code that had more than MAX_PER_FILE, counting the rest."""
        out = []
        for (file, code), first in sorted(self.first_over.items()):
            more = f"{self.counts[(file, code)] - MAX_PER_FILE:,}".replace(",", ".")
            out.append(Problem(code=code, file=file, severity=first.severity,
                               message=f"en nog {more} meldingen van dezelfde soort in dit bestand (de eerste "
                               f"{MAX_PER_FILE} staan hierboven).",
                               hint="Los eerst de getoonde op; vaak hebben ze dezelfde oorzaak."))
        return out


def _missing(path: Path, file_name: str) -> Problem:
    collections = ", ".join(f"'{k.collection}:'" for k in KINDS if k.file == file_name)
    return Problem(code="missing-file", file=display_name(path),
                   message=f"het gegevensbestand '{file_name}' ontbreekt; zonder dit bestand zouden de records "
                   "ervan en hun pagina's stilzwijgend verdwijnen.",
                   hint=f"Zet het bestand terug, of maak het met alleen {collections} erin als het leeg moet zijn.")


def _unchecked(skipped: dict[str, int], unread: dict[str, list[str]]) -> list[Problem]:
    """One line per kind whose file could not be read: how many references to it were not checked."""
    out = []
    for kind in KINDS:
        count = skipped.get(kind.name, 0)
        if not count:
            continue
        where = unread[kind.file]
        number = f"{count:,}".replace(",", ".")
        out.append(Problem(code="unchecked-references", file=where[0], severity="warning",
                           message=f"{number} verwijzing(en) naar {kind.plural.lower()} zijn niet gecontroleerd, "
                           f"omdat {' en '.join(where)} ontbreekt of niet (helemaal) gelezen kon worden.",
                           hint="Maak eerst dat bestand weer in orde; de verwijzingen worden daarna gecontroleerd."))
    return out


def _unknown_files(path: Path) -> list[Problem]:
    if not path.is_dir():
        return [Problem(code="unreadable-file", file=display_name(path), message="deze gegevensmap bestaat niet.",
                        hint="Geef met --data een bestaande map op.")]
    return [
        Problem(code="unknown-file", file=display_name(p), message=f"'{p.name}' is geen bekend gegevensbestand.",
                hint=f"Bekende bestanden: {', '.join(DATA_FILES)}.")
        for p in sorted(path.glob("*.y*ml"))
        if p.name not in DATA_FILES
    ]


def _load_schemas(schema_dir: Path, problems: _Capped) -> dict[str, dict[str, Any]]:
    """The JSON Schemas the validator applies, as committed beside the data."""
    found = {}
    root = repository(schema_dir.parent) or schema_dir.parent.resolve().parent
    for file_name in DATA_FILES:
        path = schema.schema_path(schema_dir.parent, file_name)
        try:  # read as data files are: a regular file inside the project, within the size cap (no FIFO hangs)
            found[file_name] = json.loads(read_bytes(path, display_name(path), root).decode("utf-8"))
        except (LoadError, ValueError):
            problems.add(Problem(code="schema-missing", file=display_name(path),
                                    message="het JSON Schema ontbreekt of is onleesbaar.",
                                    hint="Maak het opnieuw met 'kennisbank schema'."))
            found[file_name] = schema.file_schema(file_name)
    return found


def _check_file(loaded: LoadedFile, file_name: str, file_schema: dict[str, Any] | None, label: str,
                problems: _Capped) -> list[Placed] | None:
    """The file's records, checked against its schema; None when the file as a whole is not a list of records.
    The list is ``incomplete`` when a record could not be taken in whole (not a block, or without a valid id)."""
    kinds = [k for k in KINDS if k.file == file_name]
    top = list(check_top_level(loaded, kinds))
    problems += top
    if top or file_schema is None:
        return None
    sp = SchemaPass(loaded)
    placed = _Records()
    by_collection = {k.collection: k for k in kinds}
    for collection, items in loaded.data.items():
        kind = by_collection[collection]
        item_schema = file_schema["properties"][collection]["items"]
        for i, data in enumerate(items or ()):
            path = (collection, i)
            found = sp.check(item_schema, data, path)
            problems += found
            usable = _usable_part(data, found, item_schema)
            if usable is None or "id" in usable[1]:
                placed.incomplete = True
            if usable is not None:
                clean, faulty = usable
                placed.append(Placed(_record(kind, clean, loaded, path, label), loaded, path, kind, faulty))
    return placed


class _Records(list[Placed]):
    """The records of one file, and whether any record of the file is missing from them."""

    incomplete = False


def _usable_part(data: Any, found: list[Problem], item_schema: dict[str, Any]
                 ) -> tuple[dict[str, Any], frozenset[str]] | None:
    """The record with its faulty fields emptied, and their names; None if it is no record at all.

    A record with a missing or broken field still takes part in the rules across
    records (its references and links are checked, others may refer to its id),
    so one run reports every problem and one fault does not cascade.
    """
    if not isinstance(data, dict):
        return None
    props = item_schema["properties"]
    bad = {name for name in item_schema["required"] if data.get(name) is None}
    bad.update(problem.path.split("]", 1)[-1].lstrip(".").split(".")[0].split("[")[0] for problem in found)
    clean = {k: v for k, v in data.items() if k in props and k not in bad}
    for name in item_schema["required"]:
        clean.setdefault(name, _EMPTY.get(props[name].get("type", ""), ""))
    return clean, frozenset(bad & set(props))


_EMPTY: dict[str, Any] = {"string": "", "array": [], "integer": 0, "boolean": False}


def _record(kind: Kind, data: dict[str, Any], loaded: LoadedFile, path: tuple[str, int], label: str) -> Record:
    clean = {k: v for k, v in data.items() if v is not None}
    line, column = loaded.place(path)
    return build_record(kind.cls, clean, Location(file=loaded.name, line=line, column=column), label)
