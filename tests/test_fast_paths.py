"""The shortcuts taken for speed (see bench/) give exactly what the slow, obvious code gives."""

from __future__ import annotations

import posixpath
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import text, views

# Text made of the characters that matter to Markdown, so the generator hits every construct.
MARKDOWN_TEXT = st.lists(st.sampled_from(list("ab 1.)-*_=+#<>[]()!`~&\\:/\t\r\n") + ["    ", "http://x.nl"]),
                         max_size=24).map("".join)
SEGMENT = st.sampled_from(["instrumenten", "rollen", "a", "b", "samenhang"])
PAGE = st.builds(lambda dirs, name: "/".join([*dirs, name]), st.lists(SEGMENT, max_size=3),
                 st.sampled_from(["index.md", "x.md", "y.md"]))


@settings(max_examples=3000)
@given(MARKDOWN_TEXT)
def test_text_the_quick_check_passes_has_nothing_the_parser_would_refuse(value: str) -> None:
    if text._MAYBE_UNSAFE.search(value) is None:
        assert list(_full_check(value)) == []


def _full_check(value: str) -> list[tuple[str, str, str]]:
    quick = text._MAYBE_UNSAFE
    text._MAYBE_UNSAFE = re.compile("")  # matches everything: the parser always runs
    try:
        return list(text.check(value))
    finally:
        text._MAYBE_UNSAFE = quick


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
