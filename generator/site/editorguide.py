"""The editor guide's generated part: the table of checks, built from problems.CODES and FIXES.

The guide itself is hand-written (content/bijdragen.md) and links here, so the
table can never drift from the codes the validator really reports.
"""

from __future__ import annotations

from typing import Any

from generator.data.index import KnowledgeBase
from generator.data.problems import CODES, FIXES, Problem, format_text
from generator.site import report, views
from generator.site.base import Family, PageSpec, register

PATH = "bijdragen/controles.md"
GUIDE = "bijdragen.md"

# How the table is divided; a code not named here still appears, under the last heading.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Het bestand lezen", ("unreadable-file", "not-utf8", "empty-file", "file-too-large", "tab-indent",
                           "control-character", "yaml-syntax", "yaml-alias", "too-deep", "duplicate-key")),
    ("De vorm van een record", ("wrong-top-level", "unknown-file", "unknown-collection", "unknown-key",
                                "missing-field", "wrong-type", "not-allowed", "bad-id")),
    ("Samenhang tussen records", ("duplicate-id", "unknown-reference", "reserved-id", "unknown-field-name",
                                  "duplicate-number", "no-source", "quote-not-in-source", "no-such-lesson",
                                  "duplicate-front", "long-answer", "explanation-too-long", "bad-glossary-word",
                                  "duplicate-glossary-word")),
    ("Tekst en links", ("text-too-long", "raw-html", "unsafe-markdown", "bad-url")),
    ("De site en de instellingen", ("page-clash", "schema-missing", "scope-unknown")),
)
OTHER = "Overige controles"

EXAMPLE = Problem(code="unknown-reference", file="data/instruments.yaml", line=42, column=17,
                  path="instruments[3].sectors[1]", message="er is geen sector met de id 'hbx'.", hint="Bedoel je 'hbo'?")


def groups() -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Every code with its description and fix, in the groups above."""
    named = {code for _, codes in GROUPS for code in codes}
    rest = tuple(code for code in CODES if code not in named)
    out = []
    for title, codes in GROUPS + ((OTHER, rest),):
        rows = [(code, CODES[code], FIXES.get(code, "")) for code in codes if code in CODES]
        if rows:
            out.append((title, rows))
    return out


def pages(kb: KnowledgeBase, site: dict[str, Any]) -> list[PageSpec]:
    ctx = {"groups": groups(), "count": len(CODES), "example": format_text(EXAMPLE), "path": PATH,
           "guide": views.rel(PATH, GUIDE), "coverage": views.rel(PATH, report.PATH),
           "search_exclude": True}  # the editors' page: not for readers' searches
    return [PageSpec(PATH, "controles.md.j2", "Controles op de gegevens", ctx,
                     "Elke controle van kennisbank validate: wat de melding betekent en wat je eraan doet.")]


register(Family("editorguide", (PATH,), lambda kb, site, built: pages(kb, site), rank=40))
