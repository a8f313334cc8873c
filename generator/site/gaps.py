"""The page "Witte vlekken": values with no or few instruments, and the gaps the impact analysis named, checked."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from generator.data.index import KnowledgeBase
from generator.data.model import Instrument, Record
from generator.site import svg, views
from generator.site.charts import (Cell, Head, Row, Table, count_by, editorial_count, field_relation, instruments_word,
                                  number_cell, plural, singular, without)

FEW = 2  # 1 up to this many instruments is "weinig"
GAP_FIELDS = ("competencies", "learning_goals", "leadership_themes", "levels", "sectors", "purposes", "roles",
              "themes")
# The impact analysis's own conclusions about gaps (section 3.7), in our words, checked against the data.
SOURCE, SOURCE_SECTION = "impactanalyse-npuls", "3.7 Conclusies ten aanzien van het landschap"
CLAIMS = (("levels", "team", "Het teamniveau is minder vertegenwoordigd dan het individu en de organisatie."),
          ("purposes", "implementatie", "Instrumenten voor de implementatie zijn relatief schaars."))
ETHICS_CLAIM = ("Ethische vragen rond digitalisering, zoals privacy, dataveiligheid en de gevolgen van AI, "
                "krijgen weinig of geen aandacht.")
ETHICS = re.compile(r"\b(ethi\w*|privacy|dataveilig\w*)", re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class Gap:
    """The values of one dimension that have no or few instruments."""

    heading: str
    anchor: str
    none: tuple[views.LinkView, ...]
    few: tuple[views.LinkView, ...]  # ``extra`` holds the count
    values: int
    basis: str = ""  # what the counts rest on: the source or our classification (:func:`basis`)
    rests_on: str = ""  # the same in a word or two, for the summary table

    @property
    def fold_none(self) -> bool:
        return folds(self.none)

    @property
    def fold_few(self) -> bool:
        return folds(self.few)


FOLD_ITEMS, FOLD_CHARS = 3, 160  # a list longer than this stays folded (<details>), so the page stays short


def folds(links: tuple[views.LinkView, ...]) -> bool:
    """Whether a list of values is long enough to fold away behind its count (it opens without JavaScript)."""
    return len(links) > FOLD_ITEMS or sum(len(link.title) for link in links) > FOLD_CHARS


@dataclass(slots=True, frozen=True)
class Finding:
    """A gap the impact analysis named, and what the data says about it."""

    claim: str
    found: str
    verdict: str  # "Ja", "Nee" or "Niet na te gaan"
    caveat: str = ""  # what the verdict rests on, when that is (partly) our own classification
    links: tuple[views.LinkView, ...] = ()
    label: str = "Bevestigd door de gegevens uit de bron"  # what the verdict is: a confirmation only on the source


# What counts rest on, in the summary table (its legend says what they mean).
SOURCE_ONLY, OURS, MIXED = "bron", "eigen indeling", "deels eigen"


def basis(kb: KnowledgeBase, field: str) -> tuple[str, str]:
    """What counts of ``field`` rest on: a word or two for a table ("" with no instrument classified) and a
    sentence that says whether it is the source or the editors' own classification."""
    linked = len(kb.records("instrument")) - without(kb, field)
    chosen = editorial_count(kb, field)
    names = plural(field).lower()
    if not linked:
        return "", ""
    if chosen == linked:
        return OURS, (f"Dit rust op onze eigen indeling: bij alle {linked} ingedeelde instrumenten koos de redactie "
                      f"de {names}, niet de bron.")
    if not chosen:
        return SOURCE_ONLY, f"Dit rust op de bron: de {names} van de {linked} ingedeelde instrumenten staan erin."
    return MIXED, (f"Dit rust deels op onze eigen indeling: bij {chosen} van de {linked} ingedeelde instrumenten "
                   f"koos de redactie de {names}, niet de bron.")


def gaps(kb: KnowledgeBase, path: str) -> list[Gap]:
    """Per dimension: the values with no instruments and those with 1 to FEW, and what that rests on."""
    found = []
    for field in GAP_FIELDS:
        counted = count_by(kb, field)
        none = tuple(_short_link(kb, t, path) for t, n in counted if n == 0)
        few = tuple(_short_link(kb, t, path, f"{n} {instruments_word(n)}") for t, n in counted if 0 < n <= FEW)
        word, sentence = basis(kb, field)
        found.append(Gap(plural(field), "witte-vlek-" + field.replace("_", "-"), none, few, len(counted), sentence,
                         word))
    return found


def _short_link(kb: KnowledgeBase, record: Record, path: str, extra: str = "") -> views.LinkView:
    link = views.link_to(kb, record, path)
    return dataclasses.replace(link, title=svg.shorten(link.title, 100), summary="", extra=extra)



def findings(kb: KnowledgeBase, path: str) -> list[Finding]:
    """The impact analysis's named gaps, each checked against the data."""
    return [_compare(kb, field, rid, claim) for field, rid, claim in CLAIMS] + [_ethics(kb, path)]


def _compare(kb: KnowledgeBase, field: str, rid: str, claim: str) -> Finding:
    """A value is underrepresented when fewer instruments have it than the other values have on average."""
    counted = count_by(kb, field)
    mine = [n for value, n in counted if value.id == rid]
    others = [(value, n) for value, n in counted if value.id != rid]
    if not mine:
        return Finding(claim, f"De gegevens hebben geen {singular(field)} '{rid}'.", "Niet na te gaan")
    if not others:
        return Finding(claim, f"De gegevens hebben geen andere {plural(field).lower()} om mee te vergelijken.",
                       "Niet na te gaan")
    average = sum(n for _, n in others) / len(others)
    name = next(v.title for v, _ in counted if v.id == rid)
    found = (f"{name}: {mine[0]} van de {len(kb.records('instrument'))} instrumenten. De andere "
             f"{plural(field).lower()}: " + ", ".join(f"{v.title} {n}" for v, n in others) +
             f" (gemiddeld {_decimal(average)}).")
    word, sentence = basis(kb, field)
    labels = {OURS: "Volgens onze eigen indeling (geen bevestiging door de bron)",
              MIXED: "Volgens de gegevens, deels onze eigen indeling"}
    label = labels.get(word, "Bevestigd door de gegevens uit de bron")
    return Finding(claim, found, "Ja" if mine[0] < average else "Nee", sentence if word != SOURCE_ONLY else "",
                   label=label)


def _ethics(kb: KnowledgeBase, path: str) -> Finding:
    hits = [i for i in kb.records("instrument") if _mentions_ethics(kb, i)]
    total = len(kb.records("instrument"))
    found = (f"{len(hits)} van de {total} instrumenten noemen ethiek, privacy of dataveiligheid in hun titel, "
             "beschrijving of thema's" + (":" if hits else "."))
    return Finding(ETHICS_CLAIM, found, "Ja" if len(hits) <= FEW else "Nee",
                   "Dit rust op een zoektocht naar woorden in onze eigen beschrijvingen en thema-indeling, niet op "
                   "een telling in de bron.", views.links(kb, hits, path),
                   "Volgens onze eigen beschrijvingen (geen bevestiging door de bron)")


def _mentions_ethics(kb: KnowledgeBase, instrument: Record) -> bool:
    assert isinstance(instrument, Instrument)
    texts = [instrument.title, instrument.summary, instrument.description, instrument.helps]
    texts += [t.title for f in ("themes", "leadership_themes") for t in kb.out(instrument, field_relation(f))]
    return any(ETHICS.search(t) for t in texts)


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def gaps_context(kb: KnowledgeBase, path: str) -> dict[str, Any]:
    found = gaps(kb, path)
    summary = Table("Witte vlekken per soort", "Soort",
                    (Head("Totaal"), Head("Geen"), Head("Weinig"), Head("Rust op")),
                    tuple(Row(Head(g.heading, "#" + g.anchor),
                              (number_cell(g.values), number_cell(len(g.none)), number_cell(len(g.few)),
                               Cell(g.rests_on or "–"))) for g in found))
    source = kb.by_key.get(("source", SOURCE))
    return {"path": path, "total": len(kb.records("instrument")), "few": FEW, "gaps": found, "summary": summary,
            "findings": findings(kb, path), "section": SOURCE_SECTION,
            "source": views.link_to(kb, source, path) if source else None}
