"""Rules for the glossary (data/glossary.yaml): short explanations, and each word explained by one entry only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.data.problems import Problem

KIND = "glossary_entry"
MAX_EXPLANATION = 300  # characters: the explanation is also a tooltip on the pages (site/glossary.py)


def rules(placed: list[Any]) -> Iterator[Problem]:
    """An explanation fits in a tooltip; a word (title or variant) has two characters, a letter, and one entry."""
    owner: dict[str, Any] = {}  # a word -> the placed entry that has it ("ROC" and "roc" may both be one's)
    for item in placed:
        if item.kind.name != KIND:
            continue
        entry: Any = item.record
        length = len(entry.explanation.strip())
        if length > MAX_EXPLANATION and "explanation" not in item.faulty:
            yield item.problem("explanation-too-long", ("explanation",), f"de uitleg is {length} tekens lang; "
                               f"de grens is {MAX_EXPLANATION}, want hij verschijnt ook als toelichting bij het woord.",
                               "Houd de uitleg bij één of twee zinnen; wat meer is, hoort in 'description'.")
        forms = [(("title",), entry.title)] + [(("variants", i), v) for i, v in enumerate(entry.variants)]
        for path, word in forms:
            if "title" in item.faulty and path == ("title",):
                continue
            if len(word.strip()) < 2 or not any(c.isalpha() for c in word):
                yield item.problem("bad-glossary-word", path, f"'{word}' is geen woord: het heeft minder dan twee "
                                   "tekens of geen letter.",
                                   "Schrijf het woord zoals lezers het op de pagina's tegenkomen.")
                continue
            first = owner.setdefault(word.strip(), item)
            if first is not item:
                yield item.problem("duplicate-glossary-word", path, f"het woord '{word}' hoort al bij het begrip "
                                   f"'{first.record.id}' ({first.loaded.name} regel {first.record.at.line}).",
                                   "Een woord kan maar één uitleg hebben: haal het bij een van beide weg.")
