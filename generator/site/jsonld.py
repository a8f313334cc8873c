"""Schema.org JSON-LD for instrument pages: a LearningResource that search engines and catalogues can read.

Only what the sources give: a field the record marks editorial (an editors' classification, such as sectors,
roles or themes) is left out, since JSON-LD has no way to say that a value is an editorial choice.

Pure: from the knowledge base and the page path to a dict, and to the text of a
``<script type="application/ld+json">`` block. Every URL in it is relative to the
page (JSON-LD resolves it against the page's own address), so the block is right
under any public URL or sub-path without knowing either.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from generator.data import text
from generator.data.index import KnowledgeBase, relation
from generator.data.model import Record
from generator.site import views
from generator.site.base import add_record_extra

LANGUAGE = "nl"
CONTENT_LICENCE = "CC BY-SA 4.0"
CONTENT_LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"


def learning_resource(kb: KnowledgeBase, record: Record, path: str) -> dict[str, Any]:
    """The instrument as a schema.org LearningResource, with URLs relative to its page at ``path``."""
    editorial = set(record.editorial)

    def titles(field_name: str) -> list[str]:
        if field_name in editorial:  # an editorial classification is not exported as a plain fact
            return []
        return [r.title for r in kb.out(record, relation("instrument", field_name))]

    def linked(field_name: str, kind: str) -> list[dict[str, str]]:
        if field_name in editorial:
            return []
        return [{"@type": "CreativeWork", "name": r.title, "url": views.url(path, views.record_path(kind, r.id))}
                for r in kb.out(record, relation("instrument", field_name))]

    helps = "" if "helps" in editorial else getattr(record, "helps", "")
    name = views.display_title("instrument", record)  # the reader's name, as the page says it (names.py)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "name": name,
        "alternateName": record.title if record.title != name else "",  # the source's title, word for word
        "description": text.gist(helps, record.summary, text.MAX_TEXT),
        "url": views.url(path, path),
        "inLanguage": LANGUAGE,
        "educationalLevel": titles("sectors"),
        "audience": [{"@type": "EducationalAudience", "educationalRole": t}
                     for t in titles("target_groups") + titles("roles")],
        "keywords": titles("themes"),
        "learningResourceType": titles("type"),
        "isPartOf": linked("programmes", "programme"),
        "license": CONTENT_LICENCE_URL,
        "sameAs": [] if "links" in editorial else [link.url for link in getattr(record, "links", ())],
    }
    return {key: value for key, value in data.items() if value not in ("", [])}


def script_json(data: dict[str, Any]) -> Markup:
    """JSON that is safe inside a ``<script>`` element: no ``</``, ``<!--`` or ``]]>`` can end it early."""
    encoded = json.dumps(data, ensure_ascii=False)
    encoded = encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(encoded)


def record_extra(kb: KnowledgeBase, record: Record, path: str) -> dict[str, Any]:
    """The JSON-LD of an instrument page, for its template (a base.add_record_extra hook)."""
    return {"jsonld": script_json(learning_resource(kb, record, path))}


# Instrument pages carry schema.org JSON-LD.
add_record_extra("instrument", record_extra)
