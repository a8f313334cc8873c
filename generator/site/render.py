"""The Jinja environment and page rendering. Templates format; they decide nothing."""

from __future__ import annotations

from functools import lru_cache
import json
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from generator.data import text


def _finalize(value: Any) -> Any:
    # Every value printed by a template is escaped for Markdown and HTML unless it is
    # already Markup (rendered text, prepared links, macro output): safe by default.
    # Autoescape stays on so macros return Markup and are not escaped twice.
    if value is None:
        return ""
    return text.escape(value)


def _join(values: Any, separator: str = "") -> Markup:
    """``join`` that escapes each item for Markdown too (Jinja's own escapes only HTML)."""
    return Markup(text.escape(separator)).join(text.escape(v) for v in values)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.site", "templates"),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = text.render
    env.filters["md_inline"] = text.render_inline
    env.filters["join"] = _join
    env.filters["json"] = lambda v: Markup(json.dumps(v, ensure_ascii=False))
    env.filters["url"] = _url
    env.filters["after_colon"] = text.after_colon
    return env


def _url(value: str) -> Markup:
    """A validated outward URL made safe as a Markdown link destination; one that the text rule does not allow
    (text.link_allowed: the validator refuses it) links to the page itself."""
    if not text.link_allowed(value):
        return Markup("#")
    return Markup(quote(value, safe="/:?#&=%@+,;~!$*.-_"))


def template_exists(name: str) -> bool:
    return name in _template_names()


@lru_cache(maxsize=1)
def _template_names() -> frozenset[str]:
    return frozenset(environment().list_templates())


def render(template: str, context: dict[str, Any]) -> str:
    return environment().get_template(template).render(**context)
