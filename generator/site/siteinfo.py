"""The site's own information, from the settings in mkdocs.yml: the page "Toegankelijkheid" and the footer links.

An institution that publishes its own copy sets ``contact`` and ``accessibility`` in
the kennisbank plugin's options; this module turns them into prepared links and
text. A setting may be an e-mail address, a web address or a line of text in the
same safe Markdown as the data (:func:`setting_problem` says why one is refused).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.data import text
from generator.data.index import KnowledgeBase
from generator.site import export, glossary, jsonld, views
from generator.site.base import Family, PageSpec, register

PATH = "toegankelijkheid.md"
DEFAULT_NAME = export.DEFAULT_NAME
_EMAIL = re.compile(r"^[^@\s<>()\[\]]+@[^@\s<>()\[\]]+\.[a-zA-Z]{2,}$")


@dataclass(slots=True, frozen=True)
class Reference:
    """A setting as the reader sees it: a link (``href`` set) or a piece of text."""

    text: Markup
    href: str = ""


@dataclass(slots=True, frozen=True)
class FooterLink:
    """A footer link; ``href`` is a page's URL from the site root (the theme makes it relative) or a full address."""

    label: str
    href: str


def _is_address(value: str) -> bool:
    return value.lower().startswith(("http://", "https://", "mailto:"))


def setting_problem(value: str) -> str:
    """Why a ``contact`` or ``accessibility`` setting cannot be shown ('' when it can), in Dutch."""
    value = value.strip()
    if not value or _EMAIL.match(value):
        return ""
    if _is_address(value):
        problem = text.url_problem(value)
        return f"het adres '{value}' {problem}" if problem else ""
    for _, message, hint in text.check(value):
        return f"{message} {hint}"
    return ""


def reference(value: str) -> Reference | None:
    """A setting prepared for display: an e-mail address or web address becomes a link; None when empty."""
    value = value.strip()
    if not value:
        return None
    if _EMAIL.match(value):
        return Reference(text.escape(value), "mailto:" + value)
    if _is_address(value):
        return Reference(text.escape(value.removeprefix("mailto:")), value)
    return Reference(text.render_inline(value))


def footer(site: Mapping[str, Any]) -> list[FooterLink]:
    """The links under every page: the glossary, accessibility, open data, and contact when it is set."""
    links = [FooterLink("Begrippen", views.page_url(glossary.PATH)),
             FooterLink("Toegankelijkheid", views.page_url(PATH)),
             FooterLink("Gegevens hergebruiken", views.page_url(export.PAGE))]
    contact = reference(str(site.get("contact") or ""))
    if contact is not None:
        links.append(FooterLink("Contact", contact.href or views.page_url(PATH)))
    return links


def pages(kb: KnowledgeBase, site: dict[str, Any]) -> list[PageSpec]:
    ctx = {"name": str(site.get("name") or DEFAULT_NAME), "path": PATH,
           "contact": reference(str(site.get("contact") or "")),
           "statement": reference(str(site.get("accessibility") or "")),
           "data": views.rel(PATH, export.PAGE)}
    return [PageSpec(PATH, "toegankelijkheid.md.j2", "Toegankelijkheid", ctx,
                     "Hoe deze site toegankelijk wordt gehouden, en waar je terechtkunt als iets niet werkt.")]


register(Family("siteinfo", (PATH,), lambda kb, site, built: pages(kb, site), rank=60))
