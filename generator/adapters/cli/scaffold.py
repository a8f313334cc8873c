"""Scaffolding: add a new record to the right data file, leaving every other byte of it as it was.

``kennisbank new <kind>`` gathers the required fields (from ``--set`` or by
asking), proposes an id, and splices the record in after the last record of
its collection. The record is serialised with ruamel.yaml's round-trip dumper
(in the file's own indentation, YAML 1.1 quoting, so 'yes' stays text); its
place is found from the composed node tree. The rest of the file — comments,
order, quoting, blank lines — is never re-serialised, so it stays byte for byte
the same. The changed data is validated with the normal validator before
anything is written.
"""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.data import core, schema
from generator.data.load import load_file
from generator.data.problems import Problem, did_you_mean, quote_list
from generator.data.schema import MAX_ID_LENGTH, Kind
from generator.data.validate import slugify
from generator.data.yamlread import Loader
from generator.site import pages, write

Values = dict[str, Any]
LAST = ("cite", "notes", "editorial")  # written after the other fields, as the data files do


class ScaffoldError(Exception):
    """A request that cannot become a record; the message is Dutch and complete."""


@dataclass(slots=True, frozen=True)
class Question:
    """One required value: ``name`` is a field or ``field.subfield``."""

    name: str
    label: str
    choices: tuple[str, ...] = ()


@dataclass(slots=True, frozen=True)
class Addition:
    """A record ready to be added: the file's new text and where the record stands in it."""

    kind: Kind
    path: Path
    record: Values
    old_text: str
    new_text: str
    first_line: int  # 1-based, inclusive
    last_line: int


def _props(kind: Kind) -> tuple[dict[str, Any], list[str]]:
    item = schema.object_schema(kind.cls)
    return item["properties"], item["required"]


def questions(kind: Kind) -> list[Question]:
    """The values a new record of ``kind`` needs, in the order they are asked."""
    props, required = _props(kind)
    asked = []
    for name in ["title"] + sorted((n for n in required if n not in ("id", "title")), key=lambda n: n in LAST):
        prop = props[name]
        sub = prop.get("items", {})
        if prop.get("type") == "array" and sub.get("type") == "object":
            asked += [Question(f"{name}.{s}", sub["properties"][s].get("description", s),
                               tuple(sub["properties"][s].get("enum", ()))) for s in sub["required"]]
        else:
            asked.append(Question(name, prop.get("description") or _ref_label(kind, name),
                                  tuple(prop.get("enum", ()))))
    return asked


def _ref_label(kind: Kind, name: str) -> str:
    meta = next(f.metadata for f in schema.editor_fields(kind.cls) if f.name == name)
    target = schema.KIND_BY_NAME.get(meta.get("ref", ""))
    return f"id van een {target.singular.lower()} ({target.file})" if target else name


def missing(kind: Kind, values: Values) -> list[Question]:
    """The questions ``values`` does not answer yet."""
    return [q for q in questions(kind) if _answer(values, q.name) in (None, "", [])]


def _answer(values: Values, name: str) -> Any:
    field, _, sub = name.partition(".")
    value = values.get(field)
    if sub:
        return value[-1].get(sub) if isinstance(value, list) and value else None
    return value


def assign(kind: Kind, values: Values, name: str, raw: str) -> None:
    """Set ``name`` (``field`` or ``field.subfield``) from the text ``raw``, as the schema types it."""
    props, _ = _props(kind)
    field, _, sub = name.partition(".")
    if field not in props:
        raise ScaffoldError(f"'{field}' is geen veld van een {kind.singular.lower()}. "
                            + (did_you_mean(field, props) or f"Velden: {quote_list(props)}."))
    prop = props[field]
    item = prop.get("items", {})
    if prop.get("type") == "array" and item.get("type") == "object":
        if sub not in item["properties"]:
            raise ScaffoldError(f"geef bij '{field}' een onderdeel op, zoals '{field}.{next(iter(item['properties']))}"
                                f"=...'; onderdelen: {quote_list(item['properties'])}.")
        entries = values.setdefault(field, [])
        if not entries or sub in entries[-1]:
            entries.append({})  # setting a part again starts the next entry
        entries[-1][sub] = _typed(item["properties"][sub], raw, name)
    elif sub:
        raise ScaffoldError(f"'{field}' heeft geen onderdelen; schrijf '{field}=waarde'.")
    elif prop.get("type") == "array":
        parts = [p.strip() for p in raw.split(",")] if "pattern" in item else [raw]
        values.setdefault(field, []).extend(_typed(item, p, name) for p in parts if p)
    else:
        values[field] = _typed(prop, raw, name)


def _typed(prop: dict[str, Any], raw: str, name: str) -> Any:
    if prop.get("type") == "integer":
        try:
            return int(raw)
        except ValueError:
            raise ScaffoldError(f"'{name}' moet een geheel getal zijn, niet '{raw}'.") from None
    return raw


def parse_assignments(kind: Kind, items: Iterable[str]) -> Values:
    """``--set veld=waarde`` arguments as values."""
    values: Values = {}
    for item in items:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            raise ScaffoldError(f"'{item}' is geen toewijzing; schrijf --set veld=waarde, bijvoorbeeld "
                                "--set title=\"Mijn instrument\".")
        assign(kind, values, name.strip(), raw.strip())
    return values


def taken_ids(path: Path, kind: Kind) -> set[str]:
    loaded, _ = load_file(path, path.name) if path.is_file() else (None, [])
    data = loaded.data if loaded is not None else None
    items = data.get(kind.collection) if isinstance(data, dict) else None
    return {str(r.get("id")) for r in items or () if isinstance(r, dict)}


def propose_id(title: str, taken: set[str]) -> str:
    """``slugify(title)``, with -2, -3, ... until it is not taken."""
    base = slugify(title)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{slugify(base, MAX_ID_LENGTH - len(str(n)) - 1)}-{n}"  # the number fits within the limit
    return candidate


def record(kind: Kind, values: Values) -> Values:
    """The record as written: id and title first, then the fields in model order, citations last."""
    order = [f.name for f in schema.editor_fields(kind.cls)]
    names = sorted(values, key=lambda n: (n not in ("id", "title"), n in LAST, order.index(n)))
    return {n: values[n] for n in names}


# --- placing the record in the file --------------------------------------------------------


def plan_addition(data_dir: Path, kind: Kind, values: Values) -> Addition:
    """The data file of ``kind`` with the new record spliced in (nothing written yet)."""
    path = data_dir / kind.file
    rec = record(kind, values)
    if not path.is_file():
        header = f"# yaml-language-server: $schema={schema.SCHEMA_DIR}/{Path(kind.file).stem}.schema.json\n"
        old = ""
        before, after, dash, offset = header + f"{kind.collection}:\n", "", 2, 2
    else:
        old = path.read_bytes().decode("utf-8")  # as it is: read_text would turn CRLF line ends into LF
        before, after, dash, offset = _split(old, path, kind)
    newline = "\r\n" if "\r\n" in old else "\n"
    snippet = _dump(rec, dash, offset).replace("\n", newline)
    if before and not before.endswith("\n"):
        before += newline
    first = before.count("\n") + 1
    return Addition(kind, path, rec, old, before + snippet + after, first, first + snippet.count("\n") - 1)


def _split(text: str, path: Path, kind: Kind) -> tuple[str, str, int, int]:
    """The text before and after the new record's place, the column of its '-', and how far the file indents
    a list under a field of a record (``cite:`` then ``- document``: 0 or 2)."""
    loaded, problems = load_file(path, str(path))
    if problems:
        raise ScaffoldError(f"{path} bevat al een fout; los die eerst op ({problems[0].message})")
    root = yaml.compose(text, Loader=Loader)
    if not isinstance(root, yaml.MappingNode):
        raise ScaffoldError(f"{path} begint niet met lijsten onder een naam; controleer het met 'kennisbank validate'.")
    lines = text.splitlines(keepends=True)
    for key, value in root.value:
        if key.value != kind.collection:
            continue
        if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
            end = _last_line(value.value[-1], lines)
            return "".join(lines[: end + 1]), "".join(lines[end + 1:]), value.start_mark.column, _offset(value)
        if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null":
            end = key.start_mark.line
            return "".join(lines[: end + 1]), "".join(lines[end + 1:]), key.start_mark.column + 2, 2
        raise ScaffoldError(f"de lijst '{kind.collection}' in {path} staat tussen [ ]; schrijf elk record op eigen "
                            "regels met '- ' ervoor en probeer het opnieuw.")
    prefix = text if text.endswith("\n") or not text else text + "\n"
    return prefix + f"{kind.collection}:\n", "", 2, 2


def _offset(records: yaml.SequenceNode) -> int:
    """How far the records indent a block list under its field: as the last record that has one does (the
    record an editor would copy), else 2."""
    for item in reversed(records.value):
        for key, value in item.value if isinstance(item, yaml.MappingNode) else ():
            if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
                return max(0, int(value.start_mark.column) - int(key.start_mark.column))
    return 2


def _last_line(node: yaml.Node, lines: list[str]) -> int:
    """The 0-based line on which ``node``'s content ends (trailing blank lines and comments excluded)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark
    line = end.line - 1 if end.column == 0 else end.line
    while line > node.start_mark.line and not lines[line].strip():
        line -= 1
    return line


def _dump(rec: Values, dash: int, offset: int = 2) -> str:
    """The record as a YAML list item whose '-' stands in column ``dash`` (0-based), with a list under one of
    its fields ``offset`` columns further in than the field's name."""
    dumper = YAML(typ="rt")
    dumper.indent(mapping=2, sequence=offset + 2, offset=offset)
    dumper.width = 4096
    dumper.version = (1, 1)  # quote what YAML 1.1 (our loader) would read as true/false/null/number
    out = io.StringIO()
    dumper.dump(CommentedSeq([_commented(rec)]), out)
    body = out.getvalue().split("---\n", 1)[1]
    return "".join(" " * dash + line[offset:] for line in body.splitlines(keepends=True))


def _commented(value: Any) -> Any:
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _commented(item)
        return mapping
    if isinstance(value, list):
        seq = CommentedSeq([_commented(v) for v in value])
        if all(isinstance(v, str | int) for v in value):
            seq.fa.set_flow_style()  # short lists of ids or words on one line, as in the data files
        return seq
    return value


# --- checking and writing ------------------------------------------------------------------


def new_problems(data_dir: Path, addition: Addition, content: Path | None = None) -> list[Problem]:
    """The errors the addition would bring, found by the normal validator on a copy of the data."""
    with tempfile.TemporaryDirectory(prefix="kennisbank-new-") as tmp:
        copy = Path(tmp) / "data"
        # symlinks=True: a link out of the project stays a link (and is refused), its target is not copied in.
        shutil.copytree(data_dir, copy, symlinks=True, ignore=shutil.ignore_patterns(".*"))
        before = _problems(copy, content)
        (copy / addition.path.name).write_text(addition.new_text, encoding="utf-8")
        after = _problems(copy, content)
        shown = core.display_name(addition.path)
        # Existing records keep their paths (the new one comes last in its list); lines may shift.
        known = Counter(_key(p) for p in before)
        fresh = []
        for problem in after:
            if known[_key(problem)]:
                known[_key(problem)] -= 1
            elif problem.severity == "error":
                named = Path(problem.file).name == addition.path.name
                fresh.append(dataclasses.replace(problem, file=shown) if named else problem)
        return fresh


def _key(problem: Problem) -> tuple[str, str, str]:
    return (problem.code, Path(problem.file).name, problem.path)


def _problems(data_dir: Path, content: Path | None) -> list[Problem]:
    result = core.read([core.DataDir(data_dir)])
    if result.kb is None or content is None or not content.is_dir():
        return result.problems
    return result.problems + write.clashes(pages.plan(result.kb).pages, write.handwritten_pages(content))


def write_addition(addition: Addition) -> None:
    """Replace the data file atomically, so an interrupted write leaves the old file."""
    addition.path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{addition.path.name}.", dir=addition.path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(addition.new_text)
        if addition.path.exists():
            shutil.copymode(addition.path, tmp)
        os.replace(tmp, addition.path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def inserted_text(addition: Addition) -> str:
    lines = addition.new_text.splitlines(keepends=True)
    return "".join(lines[addition.first_line - 1: addition.last_line])
