"""The shortcuts taken for speed (see bench/) give exactly what the slow, obvious code gives."""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Callable
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from generator.data import load, text, yamlread
from generator.data.problems import Problem
from generator.site import views

# Text made of the characters that matter to Markdown, so the generator hits every construct.
MARKDOWN_TEXT = st.lists(st.sampled_from(list("ab 1.)-*_=+#<>[]()!`~&\\:/\t\r\n") + ["    ", "http://x.nl"]),
                         max_size=24).map("".join)
SEGMENT = st.sampled_from(["instrumenten", "rollen", "a", "b", "samenhang"])
PAGE = st.builds(lambda dirs, name: "/".join([*dirs, name]), st.lists(SEGMENT, max_size=3),
                 st.sampled_from(["index.md", "x.md", "y.md"]))


@settings(max_examples=3000)
@given(MARKDOWN_TEXT)
def test_text_the_quick_check_passes_has_nothing_the_parser_would_refuse(value: str) -> None:
    if not text._maybe_unsafe(value):
        assert list(_full_check(value)) == []


def _full_check(value: str) -> list[tuple[str, str, str]]:
    quick = text._maybe_unsafe
    text._maybe_unsafe = lambda value: True  # the parser always runs
    try:
        return list(text.check(value))
    finally:
        text._maybe_unsafe = quick


# The quick check as one pattern, as it was written first; the three searches must agree with it.
ONE_PATTERN = re.compile(r"[<>#\[\]`~\t\r]| {4}|^ *(?:(?:[-*+]|\d{1,9}[.)]) +)*[-*_=][-*_= ]*$", re.M)


@settings(max_examples=3000)
@given(st.one_of(MARKDOWN_TEXT, st.text(max_size=40)))
def test_the_three_searches_find_what_the_one_pattern_finds(value: str) -> None:
    assert text._maybe_unsafe(value) == bool(ONE_PATTERN.search(value))


# Text around links: pieces of links, images, escapes, code, HTML, entities, titles and line breaks.
LINK_TEXT = st.lists(st.sampled_from([
    "[a](https://x.nl/p)", "[b *c*](javascript:alert)", "[](mailto:a@b.nl)", "[d](http://x.nl/\u00e4)",
    "[e](ftp://y.nl)", "[f](x.nl)", "[g](javascript:\u00e4)", "[h](HTTPS://X.NL)", "[i](x&amp;y.nl)",
    "[j\\](javascript:x)", "[k\rl](javascript:x)", "[m](https://x.nl/\\(n)", "[", "]", "(", ")", "](", "!",
    "\\", "`", "&amp;", "&", "<", ">", "\"t\"",
    "https://x.nl", "a", " ", "\n", "\n\n", "    ", "- ", "1. ", "# ", "*", "_", "~", ":", "\r",
]), max_size=16).map("".join)


@settings(max_examples=3000)
@given(LINK_TEXT)
def test_text_with_only_plain_links_is_checked_as_the_parser_checks_it(value: str) -> None:
    assert list(text.check(value)) == _full_check(value)


def test_the_quick_check_still_sends_unsafe_text_to_the_parser() -> None:
    for unsafe in ("<b>x</b>", "Kop\n---", "1. ***", "# Kop", "> citaat", "[x](javascript:alert(1))",
                   "    code", "```\ncode\n```", "tekst\n="):
        assert list(text.check(unsafe)) != [], unsafe


@given(st.text(max_size=30))
def test_escaping_by_table_is_escaping_by_pattern(value: str) -> None:
    pattern = re.compile("[" + re.escape("".join(text._ENTITIES)) + "]")
    assert text.escape(value) == pattern.sub(lambda m: text._ENTITIES[m.group()], value)


@settings(max_examples=2000)
@given(PAGE, PAGE)
def test_relative_links_are_what_relpath_gives(from_path: str, to_path: str) -> None:
    assert views.rel(from_path, to_path) == posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


@settings(max_examples=2000)
@given(PAGE, st.one_of(PAGE, PAGE.map(lambda p: p[:-3] + ".json")), st.sampled_from(["", "#over-de-bron"]))
def test_links_written_as_html_go_where_mkdocs_sends_markdown_links(from_path: str, to_path: str,
                                                                    anchor: str) -> None:
    """views.url is the address MkDocs gives a Markdown link (directory URLs), for link lists written as HTML."""
    def published(path: str) -> File:
        return File(path, "docs", "site", use_directory_urls=True)

    expected = get_relative_url(published(to_path).url, published(from_path).url)
    if to_path == from_path:
        expected = "./"
    assert views.url(from_path, to_path + anchor) == expected + anchor


@settings(max_examples=3000)
@given(st.one_of(MARKDOWN_TEXT, st.text(max_size=40)))
def test_text_without_markdown_syntax_renders_as_the_parser_renders_it(value: str) -> None:
    if value and text._just_text(value):
        renderer = text._renderer()
        assert text.render(value) == renderer.render(value).strip()
        assert text.render_inline(value) == renderer.renderInline(value).strip()
        words = [t.content for t in text._walk(renderer.parse(value)) if t.type in ("text", "code_inline")]
        assert text.plain(value) == re.sub(r"\s+", " ", " ".join(words)).strip()


def test_markdown_syntax_still_goes_to_the_parser() -> None:
    for value in ("*nadruk*", "1. een", "2) twee", "- lijst", "+ lijst", "> citaat", "# kop", "a & b", "a_b",
                  "[x](https://x.nl)", "`code`", "a\\*b", " ingesprongen", "regel\nregel", "<https://x.nl>"):
        assert not text._just_text(value), value


# --- the one-pass YAML reader ----------------------------------------------------------------------
# yamlread.py reads libyaml's events once. The obvious code parses the stream for aliases and depth,
# composes a node tree and walks it; both must give the same data, places and problems, in the same order.

YAML_PIECES = st.sampled_from([
    "a", "b", "a: ", "b: ", "- ", "  ", "\n", "&x ", "&y ", "*x", "!!int ", "!!str ", "! ", "!!bool ", "!!null ",
    "!!float ", "!!merge ", "!foo ", "<<: ", "? ", ": ", "[", "]", "{", "}", ", ", '"\\a"', '"x"', "'y'", "1", "0x1F",
    "017", "1_000", "1.5", ".inf", "1e3", "true", "Yes", "off", "null", "~", "2001-01-01", "=", "---\n", "...\n",
    "|\n  t\n", ">\n  u\n", "#c\n", "1:30", "-1", "+2", "0b11", '"\\u2028"', "[[[[[[[[[[[[[[[[", "]]]]]]]]]]]]]]]]",
])
YAML_TEXT = st.one_of(st.lists(YAML_PIECES, max_size=40).map("".join),
                      st.text(alphabet="-:[]{}&*!|>'\"#%@`?,.\\ \n\tabc01\u00e9<~", max_size=120))


def _reference_read(content: str, name: str) -> tuple[Any, dict[Any, tuple[int, int]], list[Problem]]:
    """Parse the whole stream for aliases and depth, then compose a node tree and walk it."""
    try:
        depth = 0
        for event in yaml.parse(content, Loader=yamlread.Loader):
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
            if depth > yamlread.MAX_DEPTH or isinstance(event, yaml.AliasEvent):
                code = "yaml-alias" if isinstance(event, yaml.AliasEvent) else "too-deep"
                raise yamlread.LoadError(_problem_at(event.start_mark, code, name))
        node = yaml.compose(content, Loader=yamlread.Loader)
    except yaml.MarkedYAMLError as err:
        raise yamlread._syntax_problem(err, name)
    if node is None:
        raise yamlread.LoadError(Problem(code="empty-file", file=name, line=1, column=1, message=""))
    places: dict[Any, tuple[int, int]] = {}
    problems: list[Problem] = []
    return _reference_walk(node, (), places, problems, name), places, problems


def _reference_walk(node: yaml.Node, path: tuple[Any, ...], places: dict[Any, tuple[int, int]],
                    problems: list[Problem], name: str) -> Any:
    places[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.SequenceNode):
        return [_reference_walk(item, path + (i,), places, problems, name) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.ScalarNode):
        if node.style == '"' and yamlread.CONTROL.search(node.value):
            problems.append(_problem_at(node.start_mark, "control-character", name))
        return yamlread._convert(node.tag, node.value)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise yamlread.LoadError(_problem_at(key_node.start_mark, "yaml-alias", name))
        key = str(yamlread._convert(key_node.tag, key_node.value)) if isinstance(key_node, yaml.ScalarNode) else "?"
        if key in result:
            problem = _problem_at(key_node.start_mark, "duplicate-key", name, f"regel {places[path + (key,)][0]}")
            problems.append(dataclasses.replace(problem, path=yamlread.path_text(path + (key,))))
            continue
        result[key] = _reference_walk(value_node, path + (key,), places, problems, name)
        places[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    return result


def _problem_at(mark: Any, code: str, name: str, message: str = "") -> Problem:
    return Problem(code=code, file=name, line=mark.line + 1, column=mark.column + 1, message=message)


def _outcome(read: Callable[[], tuple[Any, Any, list[Problem]]]) -> tuple[Any, ...]:
    """What a reader gives, its problems told by code, place and the lines their messages name."""
    try:
        data, places, problems = read()
    except yamlread.LoadError as err:
        data, places, problems = None, None, err.problems
    told = [(p.code, p.line, p.column, p.path, p.message if p.code == "yaml-syntax" else re.findall(r"regel \d+", p.message))
            for p in problems]
    return data, places, told


@settings(max_examples=1500, deadline=None)
@given(YAML_TEXT)
def test_the_one_pass_reader_reads_what_compose_and_walk_read(content: str) -> None:
    def one_pass() -> tuple[Any, Any, list[Problem]]:
        reader = yamlread.Reader("x.yaml")
        data = reader.read(content)
        return data, reader.places, reader.problems

    assert _outcome(one_pass) == _outcome(lambda: _reference_read(content, "x.yaml"))


def test_the_one_pass_reader_refuses_in_the_order_of_the_stages() -> None:
    """A refusal while composing or walking waits for one found further on by parsing the whole stream."""
    cases = {
        "a: &x 1\nb: &x 2\n": ["yaml-syntax"],  # a duplicate anchor: the composer refuses it
        "<<: {a: 1}\nb: &q 1\nc: &q 2\n": ["yaml-syntax"],  # the composer's refusal before the walk's
        "<<: {a: 1}\nb: [\n": ["yaml-syntax"],  # a syntax error further on comes first
        "a: 1\n---\nb: *c\n": ["yaml-alias"],  # an alias in the second document before the second document
        "a: 1\na: " + "[" * 70 + "]" * 70 + "\n": ["too-deep"],  # also under a key that is read past
        "? " + "[" * 70 + "]" * 70 + "\n: 1\n": ["too-deep"],
        "? !!merge [a]\n: 1\n": ["yaml-alias"],
        "x: \"\\a\"\nx: \"\\b\"\n": ["control-character", "duplicate-key"],  # the skipped value is not checked
    }
    for content, codes in cases.items():
        outcome = _outcome(lambda: _reference_read(content, "x.yaml"))
        assert [told[0] for told in outcome[2]] == codes, content
        reader = yamlread.Reader("x.yaml")
        assert _outcome(lambda: (reader.read(content), reader.places, reader.problems)) == outcome, content


def test_one_search_finds_what_isspace_and_the_control_ranges_find() -> None:
    for c in map(chr, range(0x110000)):
        slow = c.isspace() or ord(c) < 32 or 127 <= ord(c) < 160
        assert bool(text._SPACE_OR_CONTROL.search(c)) == slow, hex(ord(c))
