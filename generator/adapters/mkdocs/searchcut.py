"""What the theme's search plugin reads of a page: its HTML without the generator's blocks it skips anyway.

Material's search plugin reads every page's HTML with Python's ``html.parser``, also the blocks marked
``data-search-exclude``, only to leave their text out of the index. The generator writes its link lists,
steps, sources, notes and coverage tables as such blocks (templates/_macros.md.j2 and others); at 10,000
instruments they held three quarters of the tags the plugin read. The MkDocs plugin hands the search
plugin each page without them and gives the page its whole HTML back once the search plugin is done
(plugin.py, ``on_page_context``).

Only the generator's own shapes are cut, after the page's ``<h1>``: a ``<div class="kb-…" data-search-exclude>``,
a note's admonition (``kb-note``) or the crumb's ``<nav>``, holding no other ``div`` (``nav``), heading,
script, style, ``pre`` or comment. Their contents are the templates' balanced lists and paragraphs, so the
parser would skip exactly that element; anything else is left to the search plugin. The plugin cuts only
when no other plugin or hook handles ``on_page_context``. tests/test_searchcut.py builds the real site and a
synthetic one with and without the cut and compares every file, the search index included.
"""

from __future__ import annotations

import re

from generator.adapters.mkdocs.passthrough import GENERATED_DIV

# What the search plugin removes from a page once it has read it (material/plugins/search/plugin.py,
# on_page_context): attributes "data-search-…" with a value. The whole page gets the same.
SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")

_INSIDE = r"[^<]*(?:<(?!/?{tag}[\s>]|h[1-6][\s>]|script|style|pre|!)[^<]*)*"
_SKIPPED = re.compile(
    GENERATED_DIV + " data-search-exclude>" + _INSIDE.format(tag="div") + r"</div>"
    r'|<nav class="kb-crumb" aria-label="[^"<>]*" data-search-exclude>' + _INSIDE.format(tag="nav") + r"</nav>",
    re.I,
)


def for_search(html: str) -> str:
    """``html`` without the generator's blocks that the search plugin skips."""
    start = html.find("<h1")
    if start == -1 or "data-search-exclude>" not in html:
        return html
    return html[:start] + _SKIPPED.sub("", html[start:])
