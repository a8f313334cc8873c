"""The instrument finder: one page listing every instrument, with facets filtered in the browser.

(First version: the full list without filters. The faceted finder replaces it.)
"""

from __future__ import annotations

from typing import Any

from . import views
from .index import KnowledgeBase
from .pages import PageSpec

PATH = "instrumenten/index.md"


def pages(kb: KnowledgeBase, site: dict[str, Any]) -> list[PageSpec]:
    kind = views.KIND_BY_NAME["instrument"]
    items = views.links(kb, kb.records("instrument"), PATH)
    return [PageSpec(PATH, "kind_index.md.j2", "Instrumentenvinder", {"kind": kind, "items": items, "path": PATH},
                     kind.intro, kind.file)]
