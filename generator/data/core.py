"""Read data folders into a knowledge base: load → validate → index, all problems gathered."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.data import schema
from generator.data.gcpause import without_gc
from generator.data.index import KnowledgeBase, build_index
from generator.data.load import LoadedFile, load_file
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
    problems: list[Problem] = []
    schemas = _load_schemas(schema_dir or dirs[0].path / schema.SCHEMA_DIR, problems)
    placed: list[Placed] = []
    files: list[LoadedFile] = []
    for data_dir in dirs:
        problems += _unknown_files(data_dir.path)
        for file_name in DATA_FILES:
            path = data_dir.path / file_name
            if not path.exists():
                continue
            loaded, load_problems = load_file(path, display_name(path))
            problems += load_problems
            files.append(loaded)
            if loaded.data is not None:  # read, perhaps with problems that let it be read: check the rest too
                placed += _check_file(loaded, file_name, schemas.get(file_name), data_dir.label, problems)
    problems += cross_record_rules(placed)
    known: dict[str, set[str]] = {}
    for item in placed:
        known.setdefault(item.kind.name, set()).add(item.record.id)
    problems += check_scope(scope, known, scope_source)
    problems = sort_problems(problems)
    if count_errors(problems):
        return ReadResult(None, problems, files)
    records = apply_scope([(item.kind.name, item.record) for item in placed], scope)
    return ReadResult(build_index(records), problems, files)


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


def _load_schemas(schema_dir: Path, problems: list[Problem]) -> dict[str, dict[str, Any]]:
    """The JSON Schemas the validator applies, as committed beside the data."""
    found = {}
    for file_name in DATA_FILES:
        path = schema.schema_path(schema_dir.parent, file_name)
        try:
            found[file_name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            problems.append(Problem(code="schema-missing", file=display_name(path),
                                    message="het JSON Schema ontbreekt of is onleesbaar.",
                                    hint="Maak het opnieuw met 'kennisbank schema'."))
            found[file_name] = schema.file_schema(file_name)
    return found


def _check_file(loaded: LoadedFile, file_name: str, file_schema: dict[str, Any] | None, label: str,
                problems: list[Problem]) -> list[Placed]:
    kinds = [k for k in KINDS if k.file == file_name]
    top = list(check_top_level(loaded, kinds))
    problems += top
    if top or file_schema is None:
        return []
    sp = SchemaPass(loaded)
    placed = []
    by_collection = {k.collection: k for k in kinds}
    for collection, items in loaded.data.items():
        kind = by_collection[collection]
        item_schema = file_schema["properties"][collection]["items"]
        for i, data in enumerate(items or ()):
            path = (collection, i)
            found = sp.check(item_schema, data, path)
            problems += found
            usable = _usable_part(data, found, item_schema)
            if usable is not None:
                clean, faulty = usable
                placed.append(Placed(_record(kind, clean, loaded, path, label), loaded, path, kind, faulty))
    return placed


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
