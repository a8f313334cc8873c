"""The way to an instrument: its addresses (repaired or as the source lists them), a fallback and the last check.

An address is *repaired* when the editors changed what the source lists (``Link.url`` differs from
``https://`` + ``Link.listed_as``); the page then shows the literal address too. Every address gets a way
onward when it fails: the programme's own site and the address in a public web archive, as plain links
(nothing is fetched when the page loads). ``make linkcheck`` writes a dated status file
(:func:`write_status`); the next build shows, per address, when it was checked and whether it answered.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.data.index import KnowledgeBase, relation
from generator.data.text import url_problem
from generator.data.model import Link, Record

ARCHIVE = "https://web.archive.org/web/*/"
# Shown in the block "Naar het instrument", so not among the page's other facts: the addresses, and what the
# instrument is, as far as the sources say (each only when known: no "onbekend").
WHAT = (("resource", "Wat het is"), ("size", "Omvang"), ("year", "Jaar"), ("language", "Taal"))
SHOWN = frozenset({"links", *(name for name, _ in WHAT)})
STATUS_FILE = "linkstatus.json"  # beside mkdocs.yml; the plugin's link_status setting names another
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


@dataclass(slots=True, frozen=True)
class Checked:
    """What ``make linkcheck`` found for one address."""

    date: str  # "7 december 2026"
    ok: bool
    reason: str = ""

    @property
    def line(self) -> str:
        found = "bereikbaar" if self.ok else f"niet bereikbaar ({self.reason})" if self.reason else "niet bereikbaar"
        return f"Gecontroleerd op {self.date}: {found}"


@dataclass(slots=True, frozen=True)
class Way:
    """One address of an instrument as its page shows it."""

    url: str
    label: str
    literal: str  # the address as the source lists it, when the editors repaired it; else ""
    archive: str  # the address in the web archive
    checked: Checked | None


@dataclass(slots=True, frozen=True)
class Site:
    title: str
    url: str


@dataclass(slots=True, frozen=True)
class Reach:
    """Everything the "Naar het instrument" block of an instrument page shows."""

    ways: tuple[Way, ...]
    sites: tuple[Site, ...]  # the programmes' own sites: where to look when an address fails
    what: tuple[tuple[str, str], ...] = ()  # (label, value) of what it is, only what the sources give


def safe(url: str) -> bool:
    """Whether ``url`` may become a link: a complete http(s) address (validation refuses others; a copy built
    from data that was never validated must not get a script link either)."""
    return url.split(":", 1)[0].lower() in ("http", "https") and not url_problem(url)


def is_repaired(link: Link) -> bool:
    """Whether the editors changed the address the source lists (a lost hyphen, ``wpcontent``, ...)."""
    return bool(link.listed_as) and link.url.split("://", 1)[-1] != link.listed_as


def reach(kb: KnowledgeBase, record: Record, status: dict[str, Checked] | None = None) -> Reach | None:
    """The way to ``record`` (an instrument) and onward; None when it has no address."""
    links: tuple[Link, ...] = getattr(record, "links", ())
    what = tuple((label, getattr(record, name)) for name, label in WHAT if getattr(record, name, ""))
    status = status or {}
    ways = tuple(Way(link.url, link.label or link.url, link.listed_as if is_repaired(link) else "",
                     ARCHIVE + link.url, status.get(link.url)) for link in links if safe(link.url))
    if not ways and not what:
        return None
    sites = []
    for programme in kb.out(record, relation("instrument", "programmes")):
        for link in [link for link in getattr(programme, "links", ()) if safe(link.url)][:1]:
            sites.append(Site(programme.title, link.url))
    return Reach(ways, tuple(sites), what)


def record_extra(kb: KnowledgeBase, record: Record, path: str, site: dict[str, Any]) -> dict[str, Any]:
    """The ``reach`` of an instrument page, for its template."""
    return {"reach": reach(kb, record, site.get("link_status"))}


# --- the status file ---------------------------------------------------------------------------------------


def dutch_date(iso: str) -> str:
    day = datetime.date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def write_status(path: Path, results: list[tuple[str, bool, str]], today: datetime.date) -> None:
    """Write what a link check found: the date and, per address, whether it answered and why not."""
    data = {"checked": today.isoformat(),
            "links": {url: {"ok": ok, **({"reason": reason} if reason else {})} for url, ok, reason in results}}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def read_status(path: Path) -> dict[str, Checked]:
    """The last link check's findings per address; empty when there was none. A damaged file raises
    ValueError with a Dutch message naming it."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        date = dutch_date(data["checked"])
        return {str(url): Checked(date, bool(found["ok"]), str(found.get("reason", "")))
                for url, found in data["links"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise ValueError(f"{path}: het bestand met de uitkomst van de linkcontrole is beschadigd ({err}). "
                         "Haal het weg of draai 'make linkcheck' opnieuw.") from None
