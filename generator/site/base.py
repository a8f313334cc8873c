"""The shapes every page family shares (a page, the navigation, the plan) and the registry the families join."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.data import text
from generator.data.index import KnowledgeBase
from generator.data.model import Location, Record
from generator.data.schema import KINDS


@dataclass(slots=True, frozen=True)
class PageSpec:
    """One generated page: its path under the docs folder, template and context."""

    path: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    description: str = ""
    data_file: str = ""  # the YAML file the page is built from, for the edit link
    at: Location | None = None  # the record a record page is built from, for messages


@dataclass(slots=True)
class NavNode:
    title: str
    path: str = ""
    children: list[NavNode] = field(default_factory=list)

    def as_mkdocs(self) -> Any:
        if self.children:
            return {text.html_text(self.title): [c.as_mkdocs() for c in self.children]}
        return {text.html_text(self.title): self.path}  # the theme prints nav titles as HTML


@dataclass(slots=True)
class Plan:
    pages: list[PageSpec]
    nav: list[NavNode]
    exports: dict[str, bytes] = field(default_factory=dict)  # download files by path (export.py)
    # Folders outside the navigation -> the address of the page in it that is marked for their pages (sections.py).
    nav_parents: dict[str, str] = field(default_factory=dict)


# A family's pages: (kb, site settings, the download files when already made) -> its pages.
Builder = Callable[[KnowledgeBase, dict[str, Any], Mapping[str, bytes] | None], list[PageSpec]]


@dataclass(slots=True, frozen=True)
class Family:
    """A kind of page built by a module of its own: the paths it takes and how it builds them.

    ``rank`` orders the families in the plan (lower first), so the order does not depend on import order.
    """

    name: str
    paths: tuple[str, ...] | Callable[[KnowledgeBase], tuple[str, ...]]  # fixed, or a function of the data
    build: Builder
    rank: int

    def paths_for(self, kb: KnowledgeBase) -> tuple[str, ...]:
        """The paths of this family's pages for ``kb``, without building them."""
        return self.paths(kb) if callable(self.paths) else self.paths


_FAMILIES: dict[str, Family] = {}


def register(family: Family) -> None:
    """Add a family of pages to the site; each family module calls this once, when it is imported."""
    _FAMILIES[family.name] = family


def families() -> list[Family]:
    """Every registered family, in rank order."""
    return sorted(_FAMILIES.values(), key=lambda f: f.rank)


# Extra context for record pages, by kind: (kb, record, page path) -> values the template may use.
RecordExtra = Callable[[KnowledgeBase, Record, str], dict[str, Any]]
RECORD_EXTRAS: dict[str, list[RecordExtra]] = {k.name: [] for k in KINDS}


def add_record_extra(kind: str, extra: RecordExtra) -> None:
    """Let ``extra`` add to the context of every record page of ``kind`` (history, JSON-LD, diagrams)."""
    RECORD_EXTRAS[kind].append(extra)
