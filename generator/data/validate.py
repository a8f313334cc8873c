"""Validation: the JSON Schema pass per file, then the rules a schema cannot express.

Every rule is a generator of :class:`Problem`; nothing stops at the first one.
The schema pass interprets the subset of JSON Schema that ``schema.py`` emits
(type, properties, required, additionalProperties, items, enum, pattern, anyOf)
directly, which keeps it fast and lets each message say, in Dutch, what was
found, what is allowed and how to fix it.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any

from generator.data import glossary, questions, text
from generator.data.load import LoadedFile
from generator.data.model import Link, Record
from generator.data.problems import Problem, did_you_mean, near_miss, quote_list
from generator.data.schema import KIND_BY_NAME, MAX_ID_LENGTH, Kind, editor_fields
from generator.data.yamlread import PathKey, path_text

RESERVED_IDS = frozenset({"index", "zoeken", "alle", "assets", "search"})
_TYPE_NAMES = {"object": "een blok met velden", "array": "een lijst", "string": "tekst", "integer": "een geheel getal",
               "boolean": "ja of nee"}


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return f"ja/nee ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"een getal ({value})"
    if isinstance(value, str):
        return f"tekst ('{value[:40]}')"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een blok met velden"
    return "niets (leeg)"


Check = Callable[[Any, PathKey, list[Problem]], None]


def _nothing(value: Any, path: PathKey, out: list[Problem]) -> None:
    """The check of a schema without a type this pass knows: anything goes."""


class SchemaPass:
    """Check one loaded file against its JSON Schema.

    Each schema is turned once into a function that checks a value and appends its problems
    to a list, in the order a walk through the value meets them; the same item schema then
    checks every record of the file.
    """

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self._compiled: dict[int, tuple[Mapping[str, Any], Check]] = {}

    def problem(self, code: str, path: PathKey, message: str, hint: str = "") -> Problem:
        line, column = self.loaded.place(path)
        return Problem(code=code, file=self.loaded.name, line=line, column=column, path=path_text(path),
                       message=message, hint=hint)

    def check(self, schema: Mapping[str, Any], value: Any, path: PathKey) -> list[Problem]:
        """The problems of ``value`` at ``path`` against ``schema``."""
        known = self._compiled.get(id(schema))
        if known is None or known[0] is not schema:
            known = self._compiled[id(schema)] = (schema, self._compile(schema))
        found: list[Problem] = []
        known[1](value, path, found)
        return found

    def _compile(self, schema: Mapping[str, Any]) -> Check:
        if "anyOf" in schema:
            return self._any_of(schema)
        make = {"object": self._object, "array": self._array, "string": self._string,
                "integer": self._integer, "boolean": self._boolean}.get(schema.get("type", ""))
        return make(schema) if make else _nothing

    def _any_of(self, schema: Mapping[str, Any]) -> Check:
        options = [self._compile(s) for s in schema["anyOf"]]

        def check(value: Any, path: PathKey, out: list[Problem]) -> None:
            for option in options:
                trial: list[Problem] = []
                option(value, path, trial)
                if not trial:
                    return
            out.append(self.problem("wrong-type", path, f"deze waarde past niet: {_found(value)}."))
        return check

    def _wrong(self, schema: Mapping[str, Any], value: Any, path: PathKey) -> Problem:
        expected = _TYPE_NAMES[schema["type"]]
        hint = ""
        if schema["type"] == "string" and isinstance(value, int | float | bool):
            hint = f"Zet de waarde tussen aanhalingstekens: '{value}'."
        elif schema["type"] == "array" and not isinstance(value, list | dict):
            hint = "Schrijf een lijst: elke waarde op een eigen regel met '- ' ervoor, of tussen [ ]."
        elif schema["type"] == "object" and isinstance(value, list):
            hint = "Hier hoort een blok met velden ('naam: waarde'), geen lijst met '- '."
        elif schema["type"] == "array" and isinstance(value, dict):
            hint = "Hier hoort een lijst: zet '- ' voor elk item."
        return self.problem("wrong-type", path, f"verwacht {expected}, gevonden {_found(value)}.", hint)

    def _object(self, schema: Mapping[str, Any]) -> Check:
        props: Mapping[str, Any] = schema.get("properties", {})
        required = tuple(schema.get("required", ()))
        closed = schema.get("additionalProperties", True) is False
        checks = {name: self._compile(prop) for name, prop in props.items()}

        def check(value: Any, path: PathKey, out: list[Problem]) -> None:
            if not isinstance(value, dict):
                out.append(self._wrong(schema, value, path))
                return
            for name in required:
                if value.get(name) is None:
                    out.append(self.problem("missing-field", path, f"het verplichte veld '{name}' ontbreekt.",
                               f"Voeg '{name}:' toe ({props[name].get('description', '')}).".replace(" ()", "")))
            for key, item in value.items():
                item_check = checks.get(key)
                if item_check is None:
                    if closed:
                        out.append(self.problem("unknown-key", path + (key,), f"het veld '{key}' bestaat hier niet.",
                                                did_you_mean(key, props) or f"Mogelijke velden: {quote_list(props)}."))
                elif item is not None or key in required:  # an empty optional field is the same as leaving it out
                    item_check(item, path + (key,), out)
        return check

    def _array(self, schema: Mapping[str, Any]) -> Check:
        items = self._compile(schema["items"]) if schema.get("items") else None

        def check(value: Any, path: PathKey, out: list[Problem]) -> None:
            if not isinstance(value, list):
                out.append(self._wrong(schema, value, path))
            elif items is not None:
                for i, item in enumerate(value):
                    items(item, path + (i,), out)
        return check

    def _string(self, schema: Mapping[str, Any]) -> Check:
        allowed = schema.get("enum")
        pattern = re.compile(schema["pattern"]) if "pattern" in schema else None

        def check(value: Any, path: PathKey, out: list[Problem]) -> None:
            if not isinstance(value, str):
                out.append(self._wrong(schema, value, path))
            elif allowed is not None and value not in allowed:
                out.append(self.problem("not-allowed", path, f"'{value}' is geen toegestane waarde.",
                                        f"Kies uit: {quote_list(allowed)}."))
            elif pattern is not None and not pattern.match(value):
                out.append(self.problem("bad-id", path, f"'{value}' is geen geldige id.",
                                        f"Gebruik kleine letters, cijfers en streepjes, bijvoorbeeld '{slugify(value)}'."))
        return check

    def _integer(self, schema: Mapping[str, Any]) -> Check:
        def check(value: Any, path: PathKey, out: list[Problem]) -> None:
            if not isinstance(value, int) or isinstance(value, bool):
                out.append(self._wrong(schema, value, path))
        return check

    def _boolean(self, schema: Mapping[str, Any]) -> Check:
        def check(value: Any, path: PathKey, out: list[Problem]) -> None:
            if not isinstance(value, bool):
                out.append(self._wrong(schema, value, path))
        return check


def slugify(value: str, max_length: int = MAX_ID_LENGTH) -> str:
    """A proposal for an id: lowercase ASCII words joined by hyphens, at most ``max_length`` characters."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_length].rstrip("-") or "nieuw"


def check_top_level(loaded: LoadedFile, kinds: Iterable[Kind]) -> Iterator[Problem]:
    """A data file is a mapping from collection names to lists."""
    allowed = {k.collection: k for k in kinds}
    sp = SchemaPass(loaded)
    if not isinstance(loaded.data, dict):
        yield sp.problem("wrong-top-level", (), f"het bestand begint met {_found(loaded.data)}.",
                         f"Begin met een naam en een dubbele punt, bijvoorbeeld '{next(iter(allowed))}:', "
                         "met daaronder de records als lijst.")
        return
    for key, value in loaded.data.items():
        if key not in allowed:
            yield sp.problem("unknown-collection", (key,), f"'{key}' hoort niet in dit bestand.",
                             did_you_mean(key, allowed) or f"Dit bestand kent: {quote_list(allowed)}.")
        elif value is not None and not isinstance(value, list):
            yield sp.problem("wrong-top-level", (key,), f"onder '{key}' staat {_found(value)}.",
                             "Zet de records eronder als lijst: elk record begint met '- id: ...'.")


# --- rules across records --------------------------------------------------------


@dataclasses.dataclass(slots=True)
class Placed:
    """A built record with the file it came from and its path there."""

    record: Record
    loaded: LoadedFile
    path: PathKey
    kind: Kind
    faulty: frozenset[str] = frozenset()  # fields the schema pass refused; emptied, not checked again

    def problem(self, code: str, sub: PathKey, message: str, hint: str = "") -> Problem:
        line, column = self.loaded.place(self.path + sub)
        return Problem(code=code, file=self.loaded.name, line=line, column=column,
                       path=path_text(self.path + sub), message=message, hint=hint)


def cross_record_rules(placed: list[Placed], unread: Collection[str] = (),
                       skipped: dict[str, int] | None = None) -> Iterator[Problem]:
    """The rules across records. A reference to a kind in ``unread`` (its file could not be read) that finds no
    record is not a problem of its own: it is counted in ``skipped``, per kind."""
    ids: dict[str, dict[str, Placed]] = defaultdict(dict)
    yield from _unique_ids(placed, ids)
    refs = _References(ids, frozenset(unread), skipped if skipped is not None else {})
    for item in placed:
        yield from _record_rules(item, refs)
    yield from _unique_numbers(placed)
    yield from questions.rules(placed, ids)
    yield from glossary.rules(placed)


@dataclasses.dataclass(slots=True)
class _References:
    """The records by kind and id, and the kinds whose unknown references are counted instead of reported."""

    ids: Mapping[str, Mapping[str, Placed]]
    unread: frozenset[str]
    skipped: dict[str, int]


def _unique_ids(placed: list[Placed], ids: dict[str, dict[str, Placed]]) -> Iterator[Problem]:
    for item in placed:
        rid = item.record.id
        if "id" in item.faulty:
            continue
        if len(rid) > MAX_ID_LENGTH:
            yield item.problem("bad-id", ("id",), f"de id is {len(rid)} tekens lang; de grens is {MAX_ID_LENGTH}.",
                               f"Kies een kortere id, bijvoorbeeld '{slugify(rid)}'.")
        first = ids[item.kind.name].get(rid)
        if first is not None:
            yield item.problem("duplicate-id", ("id",), f"de id '{rid}' bestaat al ({first.loaded.name} regel "
                               f"{first.record.at.line}).", "Kies een andere id; een id moet uniek zijn per soort.")
        else:
            ids[item.kind.name][rid] = item
        if rid in RESERVED_IDS:
            yield item.problem("reserved-id", ("id",), f"de id '{rid}' is gereserveerd.",
                               f"Kies een andere id, bijvoorbeeld '{rid}-1'.")


def _record_rules(item: Placed, refs: _References) -> Iterator[Problem]:
    record = item.record
    if not record.cite and "cite" not in item.faulty:
        yield item.problem("no-source", ("cite",), "dit record noemt geen bron.",
                           "Voeg onder 'cite:' het document en de sectie toe waar de feiten vandaan komen.")
    yield from _walk_values(item, record, (), refs)
    names = {f.name for f in editor_fields(type(record))}
    for i, name in enumerate(record.editorial):
        if name not in names:
            yield item.problem("unknown-field-name", ("editorial", i), f"'{name}' is geen veld van dit record.",
                               did_you_mean(name, names) or f"Mogelijke velden: {quote_list(sorted(names))}.")
    for i, note in enumerate(record.notes):
        if note.field and note.field not in names:
            yield item.problem("unknown-field-name", ("notes", i, "field"), f"'{note.field}' is geen veld van dit "
                               "record.", did_you_mean(note.field, names) or "Laat 'field' weg of kies een bestaand veld.")


# Per class: each editor field's name, the kind it refers to (None if it refers to none) and whether it
# holds Markdown; read from the field declarations once, not for every value of every record.
_FIELD_RULES: dict[type[Any], tuple[tuple[str, str | None, bool], ...]] = {}


def _field_rules(cls: type[Any]) -> tuple[tuple[str, str | None, bool], ...]:
    rules = _FIELD_RULES.get(cls)
    if rules is None:
        rules = _FIELD_RULES[cls] = tuple((f.name, f.metadata["ref"] if "ref" in f.metadata else None,
                                           bool(f.metadata.get("markdown"))) for f in editor_fields(cls))
    return rules


def _walk_values(item: Placed, obj: Any, path: PathKey, refs: _References) -> Iterator[Problem]:
    """Check references, Markdown and URLs in a record and its nested parts."""
    for name, to, markdown in _FIELD_RULES.get(type(obj)) or _field_rules(type(obj)):
        value = getattr(obj, name)
        sub = path + (name,)
        if to is not None:
            known = refs.ids.get(to, {})
            many = isinstance(value, tuple)
            for i, target in enumerate(value if many else ((value,) if value else ())):
                if target in known:
                    continue
                if to in refs.unread:
                    refs.skipped[to] = refs.skipped.get(to, 0) + 1
                else:
                    yield _unknown_reference(item, sub + (i,) if many else sub, to, target, known)
        elif markdown:
            for code, message, hint in text.check(value):
                yield item.problem(code, sub, message, hint)
        elif isinstance(value, str):
            for code, message, hint in text.check_plain(value):
                yield item.problem(code, sub, message, hint)
        elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            for i, part in enumerate(value):
                yield from _walk_values(item, part, sub + (i,), refs)
        elif isinstance(value, tuple):
            for i, part in enumerate(value):
                for code, message, hint in text.check_plain(part) if isinstance(part, str) else ():
                    yield item.problem(code, sub + (i,), message, hint)
    if isinstance(obj, Link):
        problem = text.url_problem(obj.url)
        if problem:
            yield item.problem("bad-url", path + ("url",), f"'{obj.url[:80]}' {problem}", _url_hint(obj.url))


def _url_hint(url: str) -> str:
    if "://" not in url and re.match(r"^[\w-]+(\.[\w-]+)+(/\S*)?$", url):
        return f"Bedoel je 'https://{url}'?"
    return "Gebruik een volledig adres, bijvoorbeeld https://www.voorbeeld.nl/pagina."


def _unknown_reference(item: Placed, where: PathKey, to: str, target: str, known: Mapping[str, Placed]) -> Problem:
    close = near_miss(target, known)
    kind = KIND_BY_NAME[to]
    hint = (f"Bedoel je {quote_list(close)}?" if close
            else f"Bestaande ids: {quote_list(sorted(known))}." if known else f"Er zijn nog geen {kind.plural.lower()}.")
    return item.problem("unknown-reference", where, f"er is geen {kind.singular.lower()} met de id '{target}'.", hint)


def _unique_numbers(placed: list[Placed]) -> Iterator[Problem]:
    seen: dict[tuple[str, str, int], Placed] = {}
    for item in placed:
        number = getattr(item.record, "number", None)
        if not isinstance(number, int) or not number:
            continue
        group = str(getattr(item.record, "area", "") or getattr(item.record, "profile", ""))
        key = (item.kind.name, group, number)
        if key in seen:
            yield item.problem("duplicate-number", ("number",), f"nummer {number} komt al voor bij "
                               f"'{seen[key].record.id}'.", "Controleer de nummering in de bron.")
        else:
            seen[key] = item

