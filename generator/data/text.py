"""The one rule for text from the data: every shown field is plain text or the safe Markdown subset.

This module is where that rule lives (generator/__init__.py points here). A field is one of two:

- plain text (titles, names, ``helps``, list items: every field without ``markdown`` in data/model.py). Shown
  as written: escaped at every sink (:func:`escape` for pages, :func:`html_text` where the theme prints
  HTML: titles, descriptions, search tags), never parsed as Markdown and its entities never decoded, so
  ``&lt;b&gt;`` shows as those six characters. :func:`check_plain` refuses tags, tags written as entities
  (also numeric or nested: ``&amp;lt;``) and Markdown images, so an editor learns before a reader sees it.
- the safe Markdown subset (fields with ``markdown=True``): emphasis, links, lists and inline code,
  parsed by markdown-it-py with HTML off. :func:`check` refuses raw HTML, tags written as entities,
  images, headings and links other than http, https and mailto; :func:`render` escapes every character
  that Python-Markdown (which renders the page around it) would interpret, and renders an image as its
  text and an unsafe link as text even if the check was skipped. Its :func:`plain` text has entities
  decoded, so it is plain text like the first kind and is escaped the same way wherever it goes.

Other sinks hold to the same rule: JSON in a page (site/jsonld.py, script_json), SVG (site/svg.py), links
(site/render.py, the ``url`` filter, and :func:`link_allowed`), messages (data/problems.py, ``visible``), and
the theme runs no inline script (adapters/mkdocs/assets/theme.js), so deploy/nginx/kennisbank.conf can
forbid it. Tests: tests/test_injection.py (every payload in every field of every kind, built into a site)
and tests/test_properties.py (the same as a property).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache, partial
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

SAFE_SCHEMES = ("http", "https", "mailto")
MAX_TEXT = 20_000

_ALLOWED = {
    "paragraph_open", "paragraph_close", "inline", "text", "softbreak", "hardbreak",
    "em_open", "em_close", "strong_open", "strong_close", "link_open", "link_close",
    "code_inline", "bullet_list_open", "bullet_list_close", "ordered_list_open",
    "ordered_list_close", "list_item_open", "list_item_close",
}
_NAMES = {
    "html_block": "HTML", "html_inline": "HTML", "image": "een afbeelding", "heading_open": "een kop",
    "fence": "een codeblok", "code_block": "een ingesprongen codeblok", "blockquote_open": "een citaatblok",
    "hr": "een horizontale lijn", "table_open": "een tabel", "s_open": "doorhalen",
}

# Characters that Python-Markdown or its extensions could read as syntax.
# (The apostrophe stays: it is common in Dutch ("thema's"); attributes are always double-quoted.)
_ENTITIES = {c: f"&#{ord(c)};" for c in "&<>\"*_[]`\\{}|~:^"}
_ENTITY_TABLE = str.maketrans(_ENTITIES)
_ESCAPED = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")  # a character that escape() replaces
# Markup(text) without Markup.__new__'s checks, which are written in Python: text here is already a str.
_markup: Callable[[str], Markup] = partial(str.__new__, Markup)


def escape(value: object) -> Markup:
    """Escape plain text for a Markdown page: no HTML, no Markdown syntax survives.

    Every printed value passes here (millions at 10,000 instruments), so text without any of
    the characters is not translated at all.
    """
    if isinstance(value, Markup):
        return value
    text = str(value)
    return _markup(text.translate(_ENTITY_TABLE) if _ESCAPED.search(text) else text)


def html_text(value: str) -> str:
    """Escape plain text for a place the theme prints as HTML without escaping it.

    MkDocs themes treat page titles, navigation titles and the page description as
    HTML (Material prints them raw, and in <title> un-escapes them once more after
    stripping tags), so these get HTML entities here; tag-like text in them is also
    refused by the validator.
    """
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _accept_all_links(url: str) -> bool:
    return True  # the scheme is checked by check(); rendering only sees checked text


def _render_text(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return str(escape(tokens[idx].content))


def _render_code(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return f"<code>{escape(tokens[idx].content)}</code>"


def _render_image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return str(escape(tokens[idx].content))  # never an <img>: its text, as check() refuses it anyway


def _safe_link(url: str) -> bool:
    return link_allowed(url)  # anything else stays the text it was written as


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.validateLink = _accept_all_links  # type: ignore[method-assign]
    return md


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False})
    md.validateLink = _safe_link  # type: ignore[method-assign]
    md.add_render_rule("text", _render_text)
    md.add_render_rule("code_inline", _render_code)
    md.add_render_rule("image", _render_image)
    return md


def _walk(tokens: Sequence[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")
_IMAGE = re.compile(r"!\[[^\]]*\]\s*[(\[]")  # ![alt](address) or ![alt][label]
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def decoded(value: str, rounds: int = 5) -> str:
    """``value`` with HTML entities decoded until nothing changes (``&amp;lt;`` is ``<`` after two rounds)."""
    for _ in range(rounds):
        if "&" not in value or not _ENTITY.search(value):
            break
        value = html.unescape(value)
    return value


def _entity_tag(value: str) -> tuple[str, str, str] | None:
    """The problem of a tag written as entities (``&lt;img ...&gt;``, ``&#60;script``), or None."""
    if "&" not in value:
        return None
    plain_value = decoded(value)
    tag = _TAG.search(plain_value)
    if tag is None or plain_value == value:
        return None
    shown = " ".join(plain_value[tag.start():tag.start() + 40].split())
    return ("raw-html", f"de tekst bevat HTML, geschreven met entiteiten: '{shown}'.",
            "Schrijf geen tags, ook niet als &lt;, &#60; of &amp;lt;: de tekst wordt altijd als tekst getoond.")


def _too_long(value: str) -> tuple[str, str, str]:
    return ("text-too-long", f"de tekst is {len(value):,} tekens lang; de grens is {MAX_TEXT:,}.".replace(",", "."),
            "Kort de tekst in of verwijs naar de bron.")


def check_plain(value: str) -> list[tuple[str, str, str]]:
    """``(code, message, hint)`` for a plain-text field: too long, or holding an HTML tag.

    Plain text is always escaped on output, but MkDocs themes print page titles as
    HTML and un-escape them in places, so a tag is refused here rather than trusted there.
    A list, not a generator: it is asked of every plain text of every record.
    """
    if len(value) > MAX_TEXT:
        return [_too_long(value)]
    tag = _TAG.search(value)
    if tag:
        return [("raw-html", f"de tekst bevat HTML: '{value[tag.start():tag.start() + 40].strip()}'.",
                 "Dit veld is gewone tekst: laat de HTML weg (ook geen <, gevolgd door een letter).")]
    problems = [p for p in (_entity_tag(value),) if p]
    if "!" in value and _IMAGE.search(value):
        problems.append(_NO_IMAGE)
    return problems


_NO_IMAGE = ("unsafe-markdown", "een afbeelding is in tekstvelden niet toegestaan.",
             "Laat de afbeelding weg; de site toont nooit afbeeldingen uit de gegevens.")


# Text in which these find nothing holds no construct outside the safe subset, so it skips the parser
# (validating 10,000 instruments parsed 40,000 texts): no HTML or autolink (<), quote (>), heading (#),
# link or image ([ ]), code (` ~, a tab or four spaces), line break the parser would normalise (\r), and
# no line that is only -, *, _ or = after any list markers (a rule, or the underline of a heading).
# Three searches, not one pattern with ^ and $ per line: re tries such a pattern at every character.
_SYNTAX_CHARS = re.compile(r"[<>#\[\]`~\t\r]")
_RULE_LINE = re.compile(r"\n *(?:(?:[-*+]|\d{1,9}[.)]) +)*[-*_=][-*_= ]*(?=\n|\Z)")  # searched in "\n" + text


def _maybe_unsafe(value: str) -> bool:
    return bool(_SYNTAX_CHARS.search(value) or "    " in value or _RULE_LINE.search("\n" + value))


# An inline link [text](address) that can be nothing else: no ! or \ before it (an image, an escaped
# bracket), and in its text and address no bracket, code, HTML, escape, entity, title or line break.
_PLAIN_LINK = re.compile(r"(?<![!\\])\[[^\[\]<>`\\\r\n]*\]\(([^\x00-\x20\x7f()<>`\\&]+)\)")


def check(value: str) -> Iterator[tuple[str, str, str]]:
    """Yield ``(code, message, hint)`` for everything in ``value`` outside the safe subset."""
    if len(value) > MAX_TEXT:
        yield _too_long(value)
        return
    entity_tag = _entity_tag(value)
    if entity_tag:
        yield entity_tag
    if not _maybe_unsafe(value):
        return
    addresses = _PLAIN_LINK.findall(value)
    if addresses and not _maybe_unsafe(_PLAIN_LINK.sub("x", value)):
        # Nothing but plain links: the parser would find them and nothing else, with these addresses.
        for address in addresses:
            yield from _check_link(_parser().normalizeLink(address))
        return
    reported: set[str] = set()
    for token in _walk(_parser().parse(value)):
        if token.type in reported or token.type.endswith("_close"):
            continue
        if token.type in _ALLOWED:
            if token.type == "link_open":
                yield from _check_link(str(token.attrGet("href") or ""))
            continue
        what = _NAMES.get(token.type, token.type)
        reported.update(("html_inline", "html_block") if token.type.startswith("html") else (token.type,))
        if token.type.startswith("html"):
            yield ("raw-html", f"de tekst bevat HTML: '{token.content.strip()[:60]}'.",
                   "Gebruik Markdown: *nadruk*, **vet**, [tekst](https://...) of een lijst met '- '.")
        else:
            yield ("unsafe-markdown", f"{what} is in tekstvelden niet toegestaan.",
                   "Toegestaan zijn nadruk, vet, links, lijsten en `code`.")


def _check_link(href: str) -> Iterator[tuple[str, str, str]]:
    problem = url_problem(href)
    if problem:
        yield ("bad-url", f"de link '{href[:80]}' {problem}", "Gebruik een volledig adres met https://.")


def url_problem(url: str) -> str:
    """Why ``url`` is not a safe, complete outward address ('' when it is)."""
    if _SPACE_OR_CONTROL.search(url):
        return "bevat spaties of onzichtbare tekens."
    try:
        parts = urlsplit(url)
    except ValueError:
        return "is geen geldig webadres."
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES:
        found = f"schema '{scheme}:'" if scheme else "geen schema"
        return f"heeft {found}; toegestaan zijn http, https en mailto."
    if scheme == "mailto":
        return "" if "@" in parts.path else "is geen geldig e-mailadres."
    if not parts.netloc or "." not in parts.netloc:
        return "heeft geen geldige domeinnaam."
    return ""


def link_allowed(url: str) -> bool:
    """Whether ``url`` may be a link on the site: http, https or mailto, or a path to one of its own pages."""
    if _SPACE_OR_CONTROL.search(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES if parts.scheme else not parts.netloc


# Whitespace as str.isspace() has it (re's \s is the same test), and C0 and C1 control characters.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


# One line with nothing that Markdown reads as syntax: no emphasis, code, link, HTML, entity, escape or
# control character, and no start of a block (list, quote, heading, rule, indented code). Its Markdown is its
# text, so rendering skips the parser (at 10,000 instruments most texts are like this;
# tests/test_fast_paths.py compares both).
_JUST_TEXT = re.compile(r"(?![-+*>#=|~]|\d{1,9}[.)]|\s)[^\x00-\x1f\\`*_\[\]<>&]*(?<!\s)")


def _just_text(value: str) -> bool:
    return _JUST_TEXT.fullmatch(value) is not None


@lru_cache(maxsize=1 << 14)  # editorial notes repeat the same text on many records
def render(value: str) -> Markup:
    """Render checked Markdown to HTML that Python-Markdown passes through untouched."""
    if not value:
        return Markup("")
    if _just_text(value):
        return _markup(f"<p>{escape(value)}</p>")
    return Markup(_renderer().render(value).strip())


def render_inline(value: str) -> Markup:
    """Render one line of checked Markdown without the surrounding paragraph."""
    if not value:
        return Markup("")
    if _just_text(value):
        return escape(value)
    return Markup(_renderer().renderInline(value).strip())


def plain(value: str) -> str:
    """The text of ``value`` without any Markdown syntax."""
    if not value:
        return ""
    if _just_text(value):
        parts = [value]
    else:
        parts = [t.content for t in _walk(_renderer().parse(value)) if t.type in ("text", "code_inline")]
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


@lru_cache(maxsize=1 << 16)
def excerpt(value: str, limit: int = 160) -> str:
    """A plain-text excerpt of Markdown ``value``, at most ``limit`` characters, cut at a word.

    Cached: every link to a record shows its excerpt, and a record is linked from
    many pages (its terms, contexts, sources), each a full Markdown parse otherwise.
    """
    return cut(plain(value), limit)


def gist(plain_text: str, markdown: str, limit: int = 160) -> str:
    """A record's one line: its plain ``helps`` if it has one, else an excerpt of its Markdown summary."""
    return cut(plain_text, limit) if plain_text else excerpt(markdown, limit)


# The end of a sentence: its mark, then a space and a capital or digit (not "o.a. literatuurstudie").
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý“‘'\"(])")


def sentence(plain_text: str, markdown: str, most: int = 240) -> str:
    """A record's line in a list of links: its plain ``helps``, else its Markdown summary as plain text, up to
    the end of its first sentence, whole (issue #18: no line cut off mid-sentence); cut at a word only past
    ``most`` characters, which a one-sentence summary never reaches."""
    line = " ".join((plain_text or plain(markdown)).split())
    first = _SENTENCE_END.split(line, maxsplit=1)[0]
    return first if len(first) <= most else cut(first, most)


# Words that begin a name where a line may start with one (a programme, an organisation): their capital stays
# after a colon. Words with a capital past their first letter (ICT, MBO, iXpact) keep theirs anyway.
NAME_WORDS = frozenset({"Versnellingsplan", "Npuls", "Kennisnet", "SURF", "Doorpakken", "Digitaal", "Zone",
                        "Onderzoekswerkplaats", "Centre", "Center", "Nederland", "Nederlandse", "Microsoft"})


def after_colon(line: str) -> str:
    """``line`` as it goes on after a colon (Dutch: lower case, unless a name follows)."""
    first = line.split(" ", 1)[0].strip(",.;:!?()")
    if not first or not first[0].isupper() or first in NAME_WORDS or any(c.isupper() for c in first[1:]):
        return line
    return line[0].lower() + line[1:]


def cut(text: str, limit: int = 160) -> str:
    """Plain ``text`` in one line of at most ``limit`` characters, cut at a word (never parsed as Markdown)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return head + "…"


def and_list(items: Sequence[str]) -> str:
    """Items as a Dutch list: 'a', 'a en b', 'a, b en c'."""
    return " en ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)
