"""The map ("Samenhang"): how instruments relate to competencies, themes and purposes; gaps; charts.

(First version: an overview page. Matrix, gaps, charts and trajectory diagrams follow.)
"""

from __future__ import annotations

from typing import Any

from .index import KnowledgeBase
from .pages import PageSpec

NAV: list[tuple[str, str]] = [("Overzicht", "samenhang/index.md")]


def pages(kb: KnowledgeBase, site: dict[str, Any]) -> list[PageSpec]:
    return [PageSpec("samenhang/index.md", "samenhang.md.j2", "Samenhang", {"path": "samenhang/index.md"},
                     "Hoe instrumenten, competenties, thema's en doelen met elkaar samenhangen.")]
