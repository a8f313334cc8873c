"""Plain data and the place of every value from libyaml's event stream, in one pass that refuses what is unsafe.

The pass refuses aliases, merge keys and deep nesting, reports duplicate keys, resolves scalars as PyYAML's
safe loader does and records the line and column of every value by its path (load.py reads the file first).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import yaml

from generator.data.problems import Problem

# Characters that have no place in a data file: control characters, line and paragraph separators, BOMs.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u009f\u2028\u2029\ufeff]")
Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Real records nest about six deep. Depth is checked on every collection as it starts, so
# the reader recurses at most this deep (libyaml's own composer, which recurses in C and
# crashes the process on a few hundred thousand levels, is not used).
MAX_DEPTH = 64
# Values (scalars, lists, blocks) per file: the 10,000-instrument bench file has about 1.2 million. Every value
# costs memory (its place is kept), so a file of millions of tiny values is refused while it is read.
MAX_VALUES = 2_000_000
PathKey = tuple[str | int, ...]


def path_text(path: PathKey) -> str:
    """``('instruments', 3, 'sectors')`` → ``instruments[3].sectors``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class LoadError(Exception):
    """Reading a file stopped; ``problems`` says why (every place at once where that could be found)."""

    def __init__(self, problem: Problem, *more: Problem) -> None:
        super().__init__(problem.message)
        self.problems = [problem, *more]


def finding(code: str, name: str, line: int, column: int, message: str, hint: str = "") -> Problem:
    return Problem(code=code, file=name, line=line, column=column, message=message, hint=hint)


def load_error(code: str, name: str, line: int, column: int, message: str, hint: str = "") -> LoadError:
    """A problem that stops reading the file."""
    return LoadError(finding(code, name, line, column, message, hint))


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
    return load_error("yaml-syntax", name, line, col, f"de YAML klopt hier niet: {text}.",
                    "Controleer inspringing, dubbele punten en aanhalingstekens op of vlak voor deze plek.")


def _at(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAP, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQ, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


class _Stop(Exception):
    """A problem that stops reading, told once the rest of the stream has been checked."""

    def __init__(self, error: LoadError) -> None:
        super().__init__(error)
        self.error = error


class Reader:
    """Plain data from libyaml's event stream in one pass, recording places and refusing what is unsafe.

    What is refused, and in which order, is what parsing the whole stream first (aliases, depth,
    syntax), then composing a node tree (a second document, a duplicate anchor), then walking it
    (merge keys) would give: a refusal of a later stage waits until the whole stream is checked.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.places: dict[PathKey, tuple[int, int]] = {}
        self.problems: list[Problem] = []  # found on the way; reading goes on (the first value is kept)
        self.depth = 0
        self.values = 0  # scalars, lists and blocks read so far (at most MAX_VALUES)
        self.anchors: dict[str, Any] = {}  # anchor → the mark where it is set
        self.root: Any = None  # the mark where the document's value starts
        self.later: LoadError | None = None  # the first refusal of the composing stage
        self.plain: dict[str, tuple[str, Any]] = {}  # plain scalar → (tag, value): keys and terms repeat
        self._get: Any = None
        self._resolve: Any = None

    def read(self, content: str) -> Any:
        parser = Loader(content)
        self._get, self._resolve = parser.get_event, parser.resolve
        try:
            return self._stream()
        except yaml.MarkedYAMLError as err:
            raise _syntax_problem(err, self.name)
        except yaml.YAMLError as err:
            raise load_error("yaml-syntax", self.name, 0, 0, f"de YAML kan niet gelezen worden: {err}.")
        finally:
            parser.dispose()

    def _stream(self) -> Any:
        self._get()  # the stream starts
        if isinstance(self._get(), yaml.StreamEndEvent):
            raise load_error("empty-file", self.name, 1, 1, "het bestand bevat geen gegevens.",
                           "Zet er de lijst van dit bestand in met minstens één record eronder (kijk in de "
                           "handleiding 'Bijdragen' hoe zo'n record eruitziet), of verwijder het bestand.")
        event = self._next()  # the first document has started: this is its root
        self.root = event.start_mark
        try:
            data = self._value(event, ())
        except _Stop as stop:
            self._drain()
            raise self.later or stop.error
        self.places[()] = _at(event)
        self._drain()
        if self.later:
            raise self.later
        return data

    def _drain(self) -> None:
        """Read to the end of the stream, checking what is left; a second document is refused."""
        event: Any
        while (event := self._next()).__class__ is not yaml.StreamEndEvent:
            if event.__class__ is yaml.DocumentStartEvent:
                mark: Any = event.start_mark
                self._refuse_later(yaml.composer.ComposerError(
                    "expected a single document in the stream", self.root, "but found another document", mark))

    def _next(self) -> Any:
        """The next event; deep nesting and aliases are refused at once, before anything else."""
        event = self._get()
        kind = event.__class__
        if kind is _SCALAR:
            self.values += 1
            if self.values > MAX_VALUES:
                self._too_many(event)
            if event.anchor is not None:
                self._anchor(event)
        elif kind is _MAP or kind is _SEQ:
            self.values += 1
            self.depth += 1
            if self.values > MAX_VALUES:
                self._too_many(event)
            if self.depth > MAX_DEPTH:
                line, column = _at(event)
                raise load_error("too-deep", self.name, line, column,
                               f"de gegevens zijn hier meer dan {MAX_DEPTH} lagen diep genest.",
                               "Een record heeft hooguit een paar lagen: velden, lijsten en blokken daarin.")
            if event.anchor is not None:
                self._anchor(event)
        elif kind is _MAP_END or kind is _SEQ_END:
            self.depth -= 1
        elif kind is _ALIAS:
            line, column = _at(event)
            raise load_error("yaml-alias", self.name, line, column,
                           "ankers en verwijzingen (&naam, *naam) zijn niet toegestaan.", "Schrijf de waarde gewoon uit.")
        return event

    def _too_many(self, event: Any) -> None:
        line, column = _at(event)
        limit = f"{MAX_VALUES:,}".replace(",", ".")
        raise load_error("file-too-large", self.name, line, column,
                         f"het bestand bevat meer dan {limit} waarden; hier is het lezen gestopt.",
                         "Splits de gegevens over kleinere bestanden, of kijk of hier iets per ongeluk herhaald is.")

    def _anchor(self, event: Any) -> None:
        first = self.anchors.setdefault(event.anchor, event.start_mark)
        if first is not event.start_mark:
            self._refuse_later(yaml.composer.ComposerError(
                "found duplicate anchor; first occurrence", first, "second occurrence", event.start_mark))

    def _refuse_later(self, error: yaml.MarkedYAMLError) -> None:
        self.later = self.later or _syntax_problem(error, self.name)

    def _value(self, event: Any, path: PathKey) -> Any:
        """The value that begins with ``event``, the places of its parts recorded under ``path``."""
        kind = type(event)
        if kind is _SCALAR:
            if event.style == '"':
                self._check_escapes(event)
            return self._scalar(event)[1]
        if kind is _MAP:
            return self._mapping(path)
        items: list[Any] = []
        places = self.places
        while (event := self._next()).__class__ is not _SEQ_END:
            sub = path + (len(items),)
            items.append(self._value(event, sub))
            places[sub] = _at(event)
        return items

    def _mapping(self, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        places = self.places
        while (key_event := self._next()).__class__ is not _MAP_END:
            key, tag = self._key(key_event)
            if tag == _MERGE:
                raise _Stop(self._error(key_event, "yaml-alias", "samenvoegen met '<<' is niet toegestaan.",
                                        "Schrijf de velden gewoon uit."))
            event = self._next()
            sub = path + (key,)
            if key in result:
                self._duplicate(key_event, key, sub)
                self._skip(event)
                continue
            result[key] = self._value(event, sub)
            places[sub] = _at(key_event)
        return result

    def _key(self, event: Any) -> tuple[str, str | None]:
        """A key as text, and its tag; a key that is a list or block is read past, as '?'."""
        if event.__class__ is _SCALAR:
            tag, value = self._scalar(event)
            return str(value), tag
        self._skip(event)
        return "?", event.tag

    def _skip(self, event: Any) -> None:
        """Read past the value that begins with ``event`` (still checked for depth, aliases and anchors)."""
        if event.__class__ is not _SCALAR:
            outside = self.depth - 1
            while self.depth > outside:
                self._next()

    def _duplicate(self, event: Any, key: str, path: PathKey) -> None:
        first = self.places.get(path, (0, 0))[0]
        problem = self._found(event, "duplicate-key",
                              f"de sleutel '{key}' staat twee keer in hetzelfde blok (eerst op regel {first}).",
                              "Verwijder of hernoem een van de twee; YAML zou de eerste stilzwijgend "
                              "negeren. Tot dan telt hier de eerste.")
        self.problems.append(dataclasses.replace(problem, path=path_text(path)))

    def _scalar(self, event: Any) -> tuple[str, Any]:
        """The tag PyYAML's resolver gives a scalar, and its value as plain data."""
        tag, text = event.tag, event.value
        if tag is not None and tag != "!":
            return tag, _convert(tag, text)
        if not event.implicit[0]:
            return _STR, text
        known = self.plain.get(text)
        if known is None:
            tag = self._resolve(yaml.ScalarNode, text, (True, False))
            known = self.plain[text] = (tag, _convert(tag, text))
        return known

    def _check_escapes(self, event: Any) -> None:
        # Escapes such as "\a" or "\u2028" in double quotes make control characters the raw text does not show.
        bad = CONTROL.search(event.value)
        if bad:
            self.problems.append(self._found(event, "control-character",
                                 f"onzichtbaar stuurteken U+{ord(bad.group()):04X} in de tekst (als escape tussen "
                                 "dubbele aanhalingstekens).", "Verwijder de escape; schrijf gewone tekens."))

    def _found(self, event: Any, code: str, message: str, hint: str) -> Problem:
        line, column = _at(event)
        return finding(code, self.name, line, column, message, hint)

    def _error(self, event: Any, code: str, message: str, hint: str) -> LoadError:
        return LoadError(self._found(event, code, message, hint))


_BOOL = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _convert(tag: str, value: str) -> Any:
    """A scalar with its resolved tag as plain data: null, bool, int and float, the rest as text."""
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
