"""A Python-Markdown extension: the generator's own HTML blocks go to the page as they are, unparsed.

Generated pages write their link lists, facets, notes, sources and JSON-LD as HTML (templates/_macros.md.j2).
Python-Markdown passes such a block through unchanged anyway, but only after two HTML parsers written in
Python have read it: its raw-HTML preprocessor and MkDocs' search for anchor ids. At 10,000 instruments
that reading was most of the build's Markdown time. This preprocessor runs before both and stores each
block in the HTML stash, as the raw-HTML preprocessor would, so the page comes out the same byte for byte
(tests/test_passthrough.py converts every page of the real site both ways).

Only the shapes the generator writes are taken, and only where the parsers would take the same text as
one raw block: at the start of a paragraph, one element followed by a blank line, with no nested ``<div>``
and no ``id``/``name`` attribute (MkDocs collects those as link targets). Anything else, on generated and
hand-written pages alike, is left to the parsers.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# The opening of a generator's block: its own kb-* classes and the notes' admonitions.
GENERATED_DIV = r'<div class="(?:kb-[a-z-]+|admonition [a-z]+ kb-note)"'
_BLOCK = re.compile(
    r"(?:(?<=\n\n)|\A)("
    + GENERATED_DIV + r"(?: data-search-exclude)?>\n.*?\n</div>"
    r'|<p(?: class="kb-[a-z -]+")?>(?:[^<\n]|<(?!/?p[\s>]))*</p>'
    r'|<nav class="kb-crumb" aria-label="[^"\n]*" data-search-exclude>(?:[^<\n]|<(?!/?nav[\s>]))*</nav>'
    r'|<script type="application/ld\+json">(?:[^<\n]|<(?!/script>))*</script>'
    r")\n(?=[ ]*\n)",
    re.S,
)
# The finder's cards, a card per line, in chunks inside the finder's own HTML block (which has ids, so the
# parsers read the rest of it). A placeholder inside a raw block is filled in like one on its own.
_CARDS = re.compile(r'^<div class="kb-chunk"[^>\n]*>\n(?:<div class="kb-card"[^\n]*\n)*</div>$', re.M)
_TARGET = re.compile(r"\sid=|\sname=", re.I)


def _one_element(html: str) -> bool:
    """No link target, and a ``<div>`` block holds no other div: the first ``</div>`` line is its end, and the
    match did not run on past a block the parsers would end earlier (one not followed by a blank line)."""
    if _TARGET.search(html):
        return False
    if not html.startswith("<div"):
        return True
    low = html.lower()
    return low.count("<div") == 1 and low.count("</div") == 1


class _StashGeneratedHtml(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines)
        if "<" not in source:
            return lines
        stash = self.md.htmlStash.store

        def block(match: re.Match[str]) -> str:
            html = match.group(1)
            if not _one_element(html):
                return match.group(0)
            placeholder: str = stash(html + "\n")
            return placeholder + "\n"

        def cards(match: re.Match[str]) -> str:
            html = match.group(0)
            if _TARGET.search(html):
                return html
            placeholder: str = stash(html)
            return placeholder

        if '<div class="kb-chunk"' in source:
            source = _CARDS.sub(cards, source)
        return _BLOCK.sub(block, source).split("\n")


class GeneratedHtml(Extension):
    """Register with ``markdown_extensions`` (the plugin adds it in ``on_config``)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Before MkDocs' anchor search (21) and Python-Markdown's raw-HTML block preprocessor (20), after
        # fenced code (25), so that HTML shown as code in a fence stays code.
        md.preprocessors.register(_StashGeneratedHtml(md), "kennisbank_generated_html", 22)
