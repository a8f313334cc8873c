"""Dutch beyond stemming for the search index: compound words split by the site's own vocabulary, and synonyms.

Pagefind stems Dutch words but finds a compound only by its whole or its first part ("docent" finds
"docentprofessionalisering", "professionalisering" does not). It does index the parts of a word joined by an
underscore. At index time (searchindex.py) every word of the pages is counted; a word that is two or more of
those words written together ("docentprofessionalisering", "learninganalytics") is handed to Pagefind with an
underscore between its parts. The search box takes the underscores out of what it shows (kennisbank-search.js).

Synonyms are an editorial list of words readers use for a page's names ("hogeschool" for hbo): a page whose
search names hold the first word of a group is found by the others too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Editorial: words readers use for a page's name, not taken from the sources. A page whose search names (its
# title, short name and synonyms) hold the first word of a group also gets the others as search names.
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


def mark_compounds(text: str, splits: dict[str, list[str]]) -> str:
    """``text`` with an underscore between the parts of each compound word of ``splits`` (case kept)."""
    if not splits:
        return text

    def mark(match: re.Match[str]) -> str:
        word = match.group(0)
        parts = splits.get(word.lower())
        if not parts:
            return word
        out, at = [], 0
        for part in parts:
            out.append(word[at:at + len(part)])
            at += len(part)
        return "_".join(out)

    return WORD.sub(mark, text)


def with_synonyms(names: list[str]) -> list[str]:
    """``names`` and, for each synonym group whose first word is among their words, the group's other words."""
    have = {w.lower() for name in names for w in WORD.findall(name)} | {n.lower() for n in names}
    extra = [w for group in SYNONYMS if group[0] in have for w in group[1:] if w not in have]
    return names + list(dict.fromkeys(extra))
