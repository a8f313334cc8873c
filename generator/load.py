"""The only reader of data files: YAML safety, then plain data with a location index.

Each file is read as bytes, checked for encoding, tabs and control characters,
composed into a YAML node tree (libyaml when available) and walked once. The
walk refuses anchors, aliases and duplicate keys, converts scalars and records
the line and column of every value by its path, so problems can name their
place without anything being injected into the data.
"""

from __future__ import annotations

import dataclasses
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 64 * 1024 * 1024
# Real records nest about six deep; libyaml's composer recurses in C and crashes the
# process on a few hundred thousand levels, so depth is checked on the event stream first.
MAX_DEPTH = 64
PathKey = tuple[str | int, ...]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u009f\u2028\u2029\ufeff]")


@dataclass(slots=True)
class LoadedFile:
    """One data file as plain data, with the place of every value."""

    name: str  # as shown to editors, e.g. data/instruments.yaml
    data: Any = None
    places: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def place(self, path: PathKey) -> tuple[int, int]:
        """The line and column of ``path``, or of its nearest ancestor that has one."""
        while path not in self.places and path:
            path = path[:-1]
        return self.places.get(path, (0, 0))


class LoadError(Exception):
    """Reading a file stopped; ``problems`` says why (every place at once where that could be found)."""

    def __init__(self, problem: Problem, *more: Problem) -> None:
        super().__init__(problem.message)
        self.problems = [problem, *more]


def path_text(path: PathKey) -> str:
    """``('instruments', 3, 'sectors')`` → ``instruments[3].sectors``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@contextmanager
def _no_gc() -> Iterator[None]:
    # The cyclic GC runs often while the node tree grows and nearly doubles load time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_file(path: Path, name: str) -> tuple[LoadedFile, list[Problem]]:
    """Read one YAML file; a problem that stops reading is returned, never raised."""
    try:
        return _load(path, name)
    except LoadError as err:
        return LoadedFile(name), err.problems


def _finding(code: str, name: str, line: int, column: int, message: str, hint: str = "") -> Problem:
    return Problem(code=code, file=name, line=line, column=column, message=message, hint=hint)


def _problem(code: str, name: str, line: int, column: int, message: str, hint: str = "") -> LoadError:
    """A problem that stops reading the file."""
    return LoadError(_finding(code, name, line, column, message, hint))


def _load(path: Path, name: str) -> tuple[LoadedFile, list[Problem]]:
    """The file as data, and the problems found in it that still let it be read (duplicate keys, escapes)."""
    raw = _read_bytes(path, name)
    content = _decode(raw, name)
    _check_characters(content, name)
    loaded = LoadedFile(name)
    # One block without the cyclic GC: back on between composing and walking, it scanned the whole
    # node tree (a third of the load time of a large file). The tree is acyclic and goes by refcount.
    with _no_gc():
        node = _compose(content, name)
        walker = _Walker(loaded)
        loaded.data = walker.value(node, ())
        del node
    return loaded, walker.problems


def _compose(content: str, name: str) -> yaml.Node:
    try:
        _check_structure(content, name)
        node = yaml.compose(content, Loader=Loader)
    except yaml.MarkedYAMLError as err:
        raise _syntax_problem(err, name)
    except yaml.YAMLError as err:
        raise _problem("yaml-syntax", name, 0, 0, f"de YAML kan niet gelezen worden: {err}.")
    if node is None:
        raise _problem("empty-file", name, 1, 1, "het bestand bevat geen gegevens.",
                       "Zet er de lijst van dit bestand in met minstens één record eronder (kijk in de "
                       "handleiding 'Bijdragen' hoe zo'n record eruitziet), of verwijder het bestand.")
    return node


# libyaml's wording of the common mistakes, in Dutch; anything else is quoted as it is.
_SYNTAX: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "hier staat 'naam: waarde' waar dat niet kan; controleer de inspringing, "
     "of zet een tekst met ': ' erin tussen aanhalingstekens"),
    ("did not find expected key", "hier verwacht YAML een veldnaam op dezelfde inspringing als de velden erboven"),
    ("did not find expected '-' indicator", "hier verwacht YAML een volgend lijstitem met '- ' op dezelfde "
     "inspringing"),
    ("did not find expected ',' or ']'", "een lijst tussen [ en ] wordt niet goed afgesloten"),
    ("did not find expected ',' or '}'", "een blok tussen { en } wordt niet goed afgesloten"),
    ("could not find expected ':'", "hier ontbreekt de dubbele punt na een veldnaam"),
    ("found unknown escape character", "een onbekende escape met \\ tussen dubbele aanhalingstekens"),
    ("found unexpected end of stream", "hier begint een tekst, lijst of blok dat niet wordt afgesloten (het "
     "bestand houdt eerder op); vaak ontbreekt een aanhalingsteken of haakje"),
    ("but found another document", "het bestand bevat meer dan één document (een regel '---')"),
    ("found character that cannot start any token", "dit teken mag hier niet aan het begin staan (zoals @ of `); "
     "zet de tekst tussen aanhalingstekens"),
)


def _syntax_problem(err: yaml.MarkedYAMLError, name: str) -> LoadError:
    """A YAML syntax error in Dutch, placed where the editor should look first."""
    problem = str(err.problem or err)
    text = next((dutch for english, dutch in _SYNTAX if english in problem), f"YAML meldt '{problem}'")
    mark, context = err.problem_mark or err.context_mark, err.context_mark
    if context is not None and mark is not None and "end of stream" in problem:
        mark = context  # an unclosed quote or bracket: its start is where to look
    elif context is not None and mark is not None and context.line != mark.line:
        text += f" (dit hoort bij wat op regel {context.line + 1} begint)"
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    return _problem("yaml-syntax", name, line, col, f"de YAML klopt hier niet: {text}.",
                    "Controleer inspringing, dubbele punten en aanhalingstekens op of vlak voor deze plek.")


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _problem("file-too-large", name, 0, 0,
                           f"het bestand is {size // 1_000_000} MB; de grens is {MAX_FILE_BYTES // 1_000_000} MB.",
                           "Splits de gegevens of verwijder de te grote waarde.")
        return path.read_bytes()
    except OSError as err:
        raise _problem("unreadable-file", name, 0, 0, f"het bestand kan niet gelezen worden ({err.strerror}).")


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise _problem("not-utf8", name, line, column,
                       f"byte 0x{raw[err.start]:02x} is geen geldige UTF-8.",
                       "Sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan als' → codering UTF-8).")


def _check_characters(content: str, name: str) -> None:
    """Refuse tabs in indentation and control characters: every line that has one, at once."""
    found: list[Problem] = []
    for number, line in enumerate(content.split("\n"), start=1):
        if line.startswith("\t") or line.lstrip(" ").startswith("\t"):
            found.append(_finding("tab-indent", name, number, line.index("\t") + 1,
                                  "deze regel springt in met een tab.", "Vervang de tab door spaties."))
        bad = _CONTROL.search(line)
        if bad:
            found.append(_finding("control-character", name, number, bad.start() + 1,
                                  f"onzichtbaar stuurteken U+{ord(bad.group()):04X} in de tekst.",
                                  "Verwijder het teken; het komt vaak mee bij kopiëren uit een pdf."))
    if found:
        raise LoadError(*found)


def _check_structure(content: str, name: str) -> None:
    """Refuse aliases and deep nesting before anything is composed (billion laughs, stack depth)."""
    depth = 0
    for event in yaml.parse(content, Loader=Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _at(event)
                raise _problem("too-deep", name, line, column,
                               f"de gegevens zijn hier meer dan {MAX_DEPTH} lagen diep genest.",
                               "Een record heeft hooguit een paar lagen: velden, lijsten en blokken daarin.")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            line, column = _at(event)
            raise _problem("yaml-alias", name, line, column,
                           "ankers en verwijzingen (&naam, *naam) zijn niet toegestaan.", "Schrijf de waarde gewoon uit.")


def _at(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


class _Walker:
    """Turn a node tree into plain data, recording places and refusing what is unsafe."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self.seen: set[int] = set()
        self.problems: list[Problem] = []  # found on the way; reading goes on (the first value is kept)

    def value(self, node: yaml.Node, path: PathKey) -> Any:
        if id(node) in self.seen:
            raise self._error(node, "yaml-alias", "ankers en verwijzingen (&naam, *naam) zijn niet toegestaan.",
                              "Schrijf de waarde gewoon uit.")
        self.seen.add(id(node))
        mark = node.start_mark
        self.loaded.places[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, path + (i,)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.style == '"':
            self._check_escapes(node)
        return _scalar(node)

    def _check_escapes(self, node: yaml.Node) -> None:
        # Escapes such as "\a" or "\u2028" in double quotes make control characters the raw text does not show.
        bad = _CONTROL.search(node.value)
        if bad:
            self.problems.append(self._found(node, "control-character",
                                 f"onzichtbaar stuurteken U+{ord(bad.group()):04X} in de tekst (als escape tussen "
                                 "dubbele aanhalingstekens).", "Verwijder de escape; schrijf gewone tekens."))

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._error(key_node, "yaml-alias", "samenvoegen met '<<' is niet toegestaan.",
                                  "Schrijf de velden gewoon uit.")
            key = str(_scalar(key_node)) if isinstance(key_node, yaml.ScalarNode) else "?"
            if key in result:
                first = self.loaded.places.get(path + (key,), (0, 0))[0]
                problem = self._found(key_node, "duplicate-key",
                                      f"de sleutel '{key}' staat twee keer in hetzelfde blok (eerst op regel {first}).",
                                      "Verwijder of hernoem een van de twee; YAML zou de eerste stilzwijgend "
                                      "negeren. Tot dan telt hier de eerste.")
                self.problems.append(dataclasses.replace(problem, path=path_text(path + (key,))))
                continue
            result[key] = self.value(value_node, path + (key,))
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            self.loaded.places[path + (key,)] = (line, col)
        return result

    def _found(self, node: yaml.Node, code: str, message: str, hint: str) -> Problem:
        mark = node.start_mark
        return _finding(code, self.loaded.name, mark.line + 1, mark.column + 1, message, hint)

    def _error(self, node: yaml.Node, code: str, message: str, hint: str) -> LoadError:
        return LoadError(self._found(node, code, message, hint))


_BOOL = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _scalar(node: yaml.Node) -> Any:
    value: str = node.value
    tag = node.tag
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _BOOL.get(value.lower(), value)  # an explicit '!!bool x' stays text for the validator
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value
