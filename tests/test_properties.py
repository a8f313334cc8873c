"""Property-based tests: whatever the data files hold, reading them ends in a model or in clean Problems.

Random YAML text, random YAML structures, and mutations of the real data files
(keys deleted, types swapped, random strings in fields, lines cut or garbled)
go through the loader and the validator. The only allowed outcomes are a
knowledge base, or a sorted list of Problems with known codes and places,
never an exception. And the text rule (generator/data/text.py): a payload in any shown field of any kind,
read with the validator's text checks off, never becomes markup on any page.
Example counts stay modest so the suite stays fast.
"""

from __future__ import annotations

import dataclasses
import functools
import html as htmllib
import shutil
import typing
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.adapters.mkdocs.passthrough import GeneratedHtml
from generator.data import core, text
from generator.data.load import load_file
from generator.data.problems import CODES, Problem, format_text, sort_problems
from generator.data.schema import DATA_FILES, KINDS, Kind, editor_fields
from generator.site import pages, write

from .conftest import DATA
from .fixture_data import fixture_data
from .test_passthrough import convert

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

REAL_FILES = [name for name in DATA_FILES if (DATA / name).is_file()]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
structures = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                           st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                          max_leaves=25)


def assert_clean(problems: list[Problem]) -> None:
    # core.read sorts the problems, then adds its summaries: the count over a file's cap ("en nog …") and the
    # references left unchecked. Those come last, after the problems they sum up.
    def summary(p: Problem) -> bool:
        return p.line == 0 and (p.code == "unchecked-references" or p.message.startswith("en nog "))
    head = [p for p in problems if not summary(p)]
    assert problems[:len(head)] == sort_problems(head)
    for problem in problems:
        assert problem.code in CODES and problem.message, problem
        assert problem.line >= 0 and problem.column >= 0


def assert_outcome(result: core.ReadResult) -> None:
    """A knowledge base without errors, or no knowledge base and at least one error."""
    assert_clean(result.problems)
    errors = [p for p in result.problems if p.severity == "error"]
    assert (result.kb is None) == bool(errors)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    target = tmp_path_factory.mktemp("properties") / "data"
    shutil.copytree(DATA, target)
    yield target


def read_with(data_dir: Path, name: str, content: bytes) -> core.ReadResult:
    """Read the data folder with ``name`` replaced by ``content``, then put the original back."""
    path = data_dir / name
    original = (DATA / name).read_bytes() if (DATA / name).is_file() else None
    path.write_bytes(content)
    try:
        return core.read([core.DataDir(data_dir)])
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


YAML_CHARS = "-:[]{}&*!|>'\"#%@`?,.\\ \n\tabc01\u00e9\u2028"


@FAST
@given(text=st.one_of(st.text(max_size=300), st.text(alphabet=YAML_CHARS, max_size=300)))
def test_any_text_loads_or_gives_clean_problems(tmp_path: Path, text: str) -> None:
    path = tmp_path / "instruments.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    loaded, problems = load_file(path, "data/instruments.yaml")
    assert_clean(problems)
    # Data comes only with nothing wrong, or with problems that still let the file be read.
    assert loaded.data is None or {p.code for p in problems} <= {"duplicate-key", "control-character"}


@FAST
@given(raw=st.binary(max_size=200))
def test_any_bytes_load_or_give_clean_problems(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "instruments.yaml"
    path.write_bytes(raw)
    _, problems = load_file(path, "data/instruments.yaml")
    assert_clean(problems)


@SLOW
@given(value=structures, collection=st.sampled_from(["instruments", "roles", "sources", "x"]))
def test_any_structure_in_a_data_file_validates_cleanly(data_dir: Path, value: Any, collection: str) -> None:
    content = yaml.safe_dump({collection: value}, allow_unicode=True).encode()
    assert_outcome(read_with(data_dir, "instruments.yaml", content))


# --- mutations of the real data files -----------------------------------------------------


def records_of(data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, dict):
        return []
    return [r for items in data.values() if isinstance(items, list) for r in items if isinstance(r, dict)]


MUTATIONS = ("delete", "swap", "string", "duplicate", "nest")


def mutate(data: Any, draw: st.DrawFn) -> None:
    """Change one field of one record in place."""
    records = records_of(data)
    if not records:
        return
    record = draw(st.sampled_from(records))
    if not record:
        return
    key = draw(st.sampled_from(sorted(record)))
    how = draw(st.sampled_from(MUTATIONS))
    if how == "delete":
        del record[key]
    elif how == "swap":
        record[key] = draw(st.one_of(scalars, st.lists(scalars, max_size=2), st.dictionaries(st.text(max_size=5),
                                                                                           scalars, max_size=2)))
    elif how == "string":
        record[key] = draw(st.text(max_size=40))
    elif how == "duplicate":
        record[draw(st.text(min_size=1, max_size=10))] = record[key]
    else:
        record[key] = [record[key]]


@SLOW
@given(data=st.data())
def test_mutated_real_files_validate_cleanly(data_dir: Path, data: st.DataObject) -> None:
    if not REAL_FILES:
        pytest.skip("no data files yet")
    name = data.draw(st.sampled_from(REAL_FILES))
    loaded, problems = load_file(DATA / name, name)
    if problems:
        pytest.skip(f"{name} does not load right now")
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        mutate(loaded.data, data.draw)
    content = yaml.safe_dump(loaded.data, allow_unicode=True, sort_keys=False).encode()
    assert_outcome(read_with(data_dir, name, content))


@SLOW
@given(data=st.data())
def test_garbled_lines_of_real_files_validate_cleanly(data_dir: Path, data: st.DataObject) -> None:
    if not REAL_FILES:
        pytest.skip("no data files yet")
    name = data.draw(st.sampled_from(REAL_FILES))
    lines = (DATA / name).read_text(encoding="utf-8").splitlines(keepends=True)
    at = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
    how = data.draw(st.sampled_from(("cut", "insert", "indent", "dedent", "repeat")))
    if how == "cut":
        del lines[at]
    elif how == "insert":
        column = data.draw(st.integers(min_value=0, max_value=len(lines[at])))
        lines[at] = lines[at][:column] + data.draw(st.text(min_size=1, max_size=8)) + lines[at][column:]
    elif how == "indent":
        lines[at] = "  " + lines[at]
    elif how == "dedent":
        lines[at] = lines[at].lstrip(" ")
    else:
        lines.insert(at, lines[at])
    assert_outcome(read_with(data_dir, name, "".join(lines).encode("utf-8", "surrogatepass")))


# --- the text rule: no payload in any shown field of any kind becomes markup (issue 15) ------------------------

MARK = "kbxss"
# Entities, numeric and nested encodings, script addresses, SVG, attribute breaks and template syntax.
PAYLOADS = [
    f"<img src=x onerror=alert('{MARK}')>", f"&lt;img src=x onerror=alert('{MARK}')&gt;",
    f"&#60;script&#62;alert('{MARK}')&#60;/script&#62;", f"&#x3C;svg onload=alert('{MARK}')&#x3E;",
    f"&amp;lt;iframe srcdoc={MARK}&amp;gt;", f"&amp;amp;lt;b onclick=x&amp;amp;gt;{MARK}",
    f"javascript:alert('{MARK}')", f"[{MARK}](javascript:alert(1))", f"[{MARK}](data:text/html;base64,PHNjcmlwdD4=)",
    f"![{MARK}](https://other.example/p.png)", f"<svg><script>alert('{MARK}')</script></svg>",
    f"\"><svg onload=alert('{MARK}')>", f"{MARK}\" onmouseover=\"alert(1)", f"{MARK}' autofocus onfocus='alert(1)",
    f"</title><script>alert('{MARK}')</script>", f"{{{{ 7*7 }}}}{MARK}", f"{{% if 1 %}}{MARK}{{% endif %}}",
    f"{MARK}{{: onclick=alert(1) }}", f"<!-- {MARK} -->", f"<![CDATA[{MARK}]]>", f"]]></script>{MARK}",
]
NOISE = "<>\"'&;#/=:!()[]{}`*_~\\ \nx"
SKIP_FIELDS = {"id", "editorial", "field", "seed", "order"}  # not shown as text: ids, field names, order numbers
SAFE_SUBSET = "*nadruk* **vet** `code` [link](https://www.voorbeeld.nl/)\n\n- een\n- twee\n\n1. drie"


def _types(cls: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def shown_fields(cls: type[Any], prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], bool]]:
    """Every text field of a record class and its parts, as a path ("*": an item of a list), and whether it is
    Markdown. References, literals and numbers are not text; nor are SKIP_FIELDS."""
    types = _types(cls)
    for f in editor_fields(cls):
        if "ref" in f.metadata or f.name in SKIP_FIELDS:
            continue
        tp, path = types[f.name], prefix + (f.name,)
        if typing.get_origin(tp) is tuple:
            tp, path = typing.get_args(tp)[0], path + ("*",)
        if tp is str:
            yield path, bool(f.metadata.get("markdown"))
        elif dataclasses.is_dataclass(tp):
            yield from shown_fields(tp, path)  # type: ignore[arg-type]


ALL_FIELDS = [(kind, path, markdown) for kind in KINDS for path, markdown in shown_fields(kind.cls)]


def minimal(cls: type[Any], ids: dict[str, list[str]]) -> dict[str, Any]:
    """The smallest valid part of class ``cls``: its required fields, references to existing records."""
    types, item = _types(cls), {}
    for f in editor_fields(cls):
        if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING:
            continue
        tp = types[f.name]
        if "ref" in f.metadata:
            target = ids[f.metadata["ref"]][0]
            item[f.name] = [target] if f.metadata.get("many") else target
        elif typing.get_origin(tp) is typing.Literal:
            item[f.name] = typing.get_args(tp)[0]
        elif typing.get_origin(tp) is tuple:
            part = typing.get_args(tp)[0]
            item[f.name] = [minimal(part, ids) if dataclasses.is_dataclass(part) else harmless(f.name)]
        elif dataclasses.is_dataclass(tp):
            item[f.name] = minimal(tp, ids)  # type: ignore[arg-type]
        elif tp in (int, bool):
            item[f.name] = tp()
        else:
            item[f.name] = harmless(f.name)
    return item


def first_record(content: dict[str, Any], kind: Kind, ids: dict[str, list[str]]) -> dict[str, Any]:
    """The first record of ``kind`` in a data file's content; a minimal one is added when it has none."""
    records = content.get(kind.collection) or [{**minimal(kind.cls, ids), "id": f"kb-{kind.name.replace('_', '-')}"}]
    content[kind.collection] = records
    return records[0]  # type: ignore[no-any-return]


# Plain text long enough to be shortened where pages shorten names (a chart's row or column, whose header then
# carries the whole name as its title): the pages' markup with short and with long names is the allowed set.
LONG = "Tekst die lang genoeg is om in een grafiek ingekort te worden tot een korte naam"


def harmless(name: str, markdown: bool = False, plain: str = "Tekst") -> str:
    return "https://www.voorbeeld.nl/" if name == "url" else SAFE_SUBSET if markdown else plain


def put(record: dict[str, Any], cls: type[Any], path: tuple[str, ...], value: str, ids: dict[str, list[str]]) -> None:
    """Set the field at ``path`` of ``record`` to ``value``, making the part or list it is in when missing."""
    name, rest = path[0], path[1:]
    tp = _types(cls)[name]
    if not rest:
        record[name] = value
    elif rest == ("*",):
        record[name] = [value]
    else:
        part_cls = typing.get_args(tp)[0] if typing.get_origin(tp) is tuple else tp
        if rest[0] == "*":
            items = record.get(name) or [minimal(part_cls, ids)]
            record[name] = items
            put(items[0], part_cls, rest[1:], value, ids)
        else:
            record[name] = record.get(name) or minimal(part_cls, ids)
            put(record[name], part_cls, rest, value, ids)


class Markup(HTMLParser):
    """(tag, attribute) pairs, attribute values, the text of running scripts, and the text a reader sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pairs: set[tuple[str, str]] = set()
        self.attributes: list[tuple[str, str]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pairs.add((tag, ""))
        self.pairs.update((tag, name) for name, _ in attrs)
        self.attributes += [(name, value or "") for name, value in attrs]
        self._script = tag == "script" and dict(attrs).get("type") not in ("application/json", "application/ld+json")

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._script else self.text).append(data)


def page_markup(kb: Any) -> dict[str, Markup]:
    """Every page of ``kb`` as the site shows it: the Markdown converted as MkDocs does (tests/test_passthrough.py),
    and the title, description and search names as the theme prints them, as HTML."""
    out = {}
    for spec in pages.plan(kb).pages:
        source = write.markdown(spec)
        front, body = source[4:].split("\n---\n", 1) if source.startswith("---\n") else ("", source)
        meta = yaml.safe_load(front) or {}
        theme = (f"<title>{meta.get('title', '')}</title><meta content=\"{meta.get('description', '')}\">"
                 + "".join(f"<span>{tag}</span>" for tag in meta.get("tags", ())))
        parser = Markup()
        parser.feed(theme + convert(body, GeneratedHtml()))
        out[spec.path] = parser
    return out


@pytest.fixture(scope="module")
def text_rule_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]], set[tuple[str, str]]]:
    """The fixture data, its ids per kind, and every (tag, attribute) its pages have when every shown field of
    every kind is filled with harmless text (plain fields) or every construct of the safe subset (Markdown)."""
    target = fixture_data(tmp_path_factory.mktemp("text-rule") / "data")
    kb = core.read([core.DataDir(target)]).kb
    assert kb is not None
    ids = {kind.name: [r.id for r in kb.records(kind.name)] for kind in KINDS}
    allowed: set[tuple[str, str]] = set()
    for parser in page_markup(kb).values():
        allowed |= parser.pairs
    for plain in ("Tekst", LONG):
        full = fixture_data(tmp_path_factory.mktemp("text-rule-full") / "data")
        files = {kind.file: yaml.safe_load((full / kind.file).read_text(encoding="utf-8")) or {} for kind in KINDS}
        for kind, path, markdown in ALL_FIELDS:
            put(first_record(files[kind.file], kind, ids), kind.cls, path, harmless(path[-1], markdown, plain), ids)
        for name, content in files.items():
            (full / name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
        filled = core.read([core.DataDir(full)])
        assert filled.kb is not None, [format_text(p) for p in filled.problems]
        for parser in page_markup(filled.kb).values():
            allowed |= parser.pairs
    return target, ids, allowed


payloads = st.one_of(
    st.sampled_from(PAYLOADS),
    st.builds(lambda p, n: functools.reduce(lambda s, _: htmllib.escape(s), range(n), p),
              st.sampled_from(PAYLOADS), st.integers(1, 3)),  # nested encodings
    st.builds(lambda a, p, b: a + p + b, st.text(NOISE, max_size=8), st.sampled_from(PAYLOADS),
              st.text(NOISE, max_size=8)),
    st.text(NOISE, max_size=30).map(lambda t: MARK + t),
)


def field(kind: str, *path: str) -> tuple[Kind, tuple[str, ...], bool]:
    return next(f for f in ALL_FIELDS if f[0].name == kind and f[1] == path)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=payloads, where=st.sampled_from(ALL_FIELDS))
# The cases of issue 15 as found: script from the search tags (1), an image from another host (3).
@example(payload="&lt;img src=x onerror=alert(document.domain)&gt; Zoekproef", where=field("instrument", "helps"))
@example(payload=f"<img src=x onerror=alert('{MARK}')>", where=field("instrument", "title"))
@example(payload="![x](https://other.example/p.png)", where=field("instrument", "helps"))
@example(payload="![x](https://other.example/p.png)", where=field("role", "summary"))
def test_no_payload_in_any_shown_field_becomes_markup(
        text_rule_data: tuple[Path, dict[str, list[str]], set[tuple[str, str]]], payload: str,
        where: tuple[Kind, tuple[str, ...], bool]) -> None:
    """The pages hold to the text rule by themselves: the validator's text and address checks are off."""
    data, ids, allowed = text_rule_data
    kind, path, _ = where
    source = data / kind.file
    original = source.read_text(encoding="utf-8")
    content = yaml.safe_load(original) or {}
    put(first_record(content, kind, ids), kind.cls, path, payload, ids)
    source.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(text, "check", lambda value: iter(()))
            patch.setattr(text, "check_plain", lambda value: [])
            patch.setattr(text, "url_problem", lambda url: "")
            result = core.read([core.DataDir(data)])
    finally:
        source.write_text(original, encoding="utf-8")
    assert result.kb is not None, [format_text(p) for p in result.problems]
    for page, parser in page_markup(result.kb).items():
        assert parser.pairs <= allowed, (page, sorted(parser.pairs - allowed))
        assert not [n for n, _ in parser.attributes if n.startswith("on")], page
        assert not [(n, v) for n, v in parser.attributes if n in ("href", "src", "action", "formaction")
                    and v.strip().lower().startswith(("javascript:", "vbscript:", "data:"))], page
        assert not [v for n, v in parser.attributes if n in ("src", "srcset") and "//" in v], page
        assert not [s for s in parser.scripts if MARK in s or "alert" in s], page
        assert "49" + MARK not in "".join(parser.text), page  # template syntax is never run


def test_the_property_covers_every_kind_and_every_shown_field() -> None:
    kinds = {kind.name for kind, _, _ in ALL_FIELDS}
    assert kinds == {kind.name for kind in KINDS}
    paths = {(kind.name, path) for kind, path, _ in ALL_FIELDS}
    for expected in [("instrument", ("helps",)), ("instrument", ("links", "*", "label")), ("role", ("synonyms", "*")),
                     ("trajectory", ("structure", "*", "title")), ("source", ("cite", "*", "section")),
                     ("instrument", ("notes", "*", "text"))]:
        assert expected in paths
