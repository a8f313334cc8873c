"""Dutch beyond stemming for the search index: compound words split by the site's own vocabulary, and synonyms.

Pagefind stems Dutch words but finds a compound only by its whole or its first part ("docent" finds
"docentprofessionalisering", "professionalisering" does not). A word written with hyphens it indexes whole and
by each part. At index time (searchindex.py) every word of the pages is counted; each word of a page that is two
or more of those words written together ("docentprofessionalisering", "learninganalytics") is given to Pagefind
once more, at the end of the page, with hyphens between its parts ("docent-professionalisering"). The page's
own text is left as it is.

Synonyms are an editorial list of words readers use for a page's names ("hogeschool" for hbo): a page whose
search names hold the first word of a group as a whole name is found by the others too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Editorial: words readers use for a page's name, not taken from the sources. A page whose search names (its
# title, short name and synonyms) have the first word of a group as a whole name also gets the others.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("hbo", "hogeschool", "hogescholen"),
    ("mbo", "beroepsonderwijs"),
    ("wo", "universiteit", "universiteiten"),
    ("po", "basisschool", "basisonderwijs"),
    ("vo", "middelbare school", "voortgezet onderwijs"),
    ("team", "teamniveau", "teams"),
    ("individu", "individueel"),
    ("organisatie", "organisatieniveau"),
)

WORD = re.compile(r"[^\W\d_]+")
MIN_PART = 4  # shorter parts ("ict", "op") would split far too many words by chance
MIN_COMPOUND = 9  # "teamniveau", "leerdoelen": shorter words are rarely two of the site's words
LINKS = ("", "s", "e", "en")  # a Dutch compound's linking letters: beleid-s-plan, les-sen-reeks


def vocabulary(texts: Iterable[str]) -> set[str]:
    """The distinct lower-case words of ``texts``."""
    words: set[str] = set()
    for text in texts:
        words.update(w.lower() for w in WORD.findall(text))
    return words


def _split(word: str, parts: set[str], depth: int = 0) -> list[str] | None:
    """``word`` as two or more words of ``parts`` (the last one the longest possible), or None."""
    if depth > 3:
        return None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if tail not in parts:
            continue
        for link in LINKS:
            if link and not head.endswith(link):
                continue
            first = head[: len(head) - len(link)] if link else head
            if len(first) < MIN_PART:
                continue
            if first in parts:
                return [head, tail]
            inner = _split(first, parts, depth + 1) if len(first) >= MIN_COMPOUND else None
            if inner:
                return inner[:-1] + [inner[-1] + link, tail]
    return None


def compounds(words: set[str]) -> dict[str, list[str]]:
    """Each word of ``words`` that is two or more other words of it written together, with those parts."""
    parts = {w for w in words if len(w) >= MIN_PART}
    found = {}
    for word in words:
        if len(word) >= MIN_COMPOUND:
            split = _split(word, parts - {word})
            if split:
                found[word] = split
    return found


def split_compounds(text: str, splits: dict[str, list[str]]) -> list[str]:
    """Each compound word of ``splits`` in ``text``, once, with a hyphen between its parts ("docent-professionalisering")."""
    found = {w.lower() for w in WORD.findall(text)} & splits.keys()
    return ["-".join(splits[w]) for w in sorted(found)]


def with_synonyms(names: list[str]) -> list[str]:
    """``names`` and, for each synonym group whose first word is one of them, the group's other words."""
    have = {normal(n) for n in names}
    extra = [w for group in SYNONYMS if group[0] in have for w in group[1:] if w not in have]
    return names + list(dict.fromkeys(extra))


def normal(name: str) -> str:
    """``name`` as the search box compares a query with it: lower case, its words only, one space between, and
    of several words without the short lower-case ones ("Center for Teaching and Learning" is "center teaching
    learning", as generator/site/pages.py's tag_words keeps it). The same in kennisbank-search.js (``normal``)."""
    words = WORD.findall(name)
    kept = [w for w in words if len(w) > 3 or not w.islower()] if len(words) > 1 else words
    return " ".join(w.lower() for w in kept or words)
