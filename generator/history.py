"""'Laatst gewijzigd' per record, from git history: one ``git blame --line-porcelain`` per data file.

A record's lines run from its start (``record.at.line``) to the line before the
next record in the same file. Its date is the latest commit date among those
lines; lines not committed yet do not count. Without git, outside a repository
or for an untracked file there is no date, and the page shows none. In a shallow
clone the oldest commit stands for all history before it, so its lines count as
unknown rather than as changed on that day (CI checks out the full history).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .index import KnowledgeBase
from .model import Record

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
_HEADER = re.compile(rb"^([0-9a-f]{40}) \d+ \d+")
_UNCOMMITTED = b"0" * 40
BLAME_TIMEOUT = 120  # seconds; a data file's blame takes well under one

# The dates of the last knowledge base asked about, kept so each file is blamed once per build.
_cache: tuple[KnowledgeBase, dict[int, date]] | None = None


def dutch_date(day: date) -> str:
    """``date(2026, 11, 23)`` → ``23 november 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def line_dates(path: Path) -> list[date | None] | None:
    """The commit date of each line of ``path`` (None where uncommitted); None if git cannot tell."""
    git = shutil.which("git")
    if git is None or not path.is_file():
        return None
    try:
        done = subprocess.run([git, "-C", str(path.parent), "blame", "--line-porcelain", "--", path.name],
                              capture_output=True, timeout=BLAME_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:  # not a repository, or the file is not tracked
        return None
    shallow = subprocess.run([git, "-C", str(path.parent), "rev-parse", "--is-shallow-repository"],
                             capture_output=True, timeout=BLAME_TIMEOUT, check=False).stdout.strip() == b"true"
    return list(_parse(done.stdout, shallow))


def _parse(porcelain: bytes, shallow: bool = False) -> Iterable[date | None]:
    sha, seconds, offset, boundary = b"", 0, timedelta(0), False
    for line in porcelain.split(b"\n"):
        if line.startswith(b"\t"):
            unknown = sha == _UNCOMMITTED or (shallow and boundary)
            yield None if unknown else datetime.fromtimestamp(seconds, timezone(offset)).date()
        elif line == b"boundary":
            boundary = True
        elif line.startswith(b"committer-time "):
            seconds = int(line.split()[1])
        elif line.startswith(b"committer-tz "):
            tz = line.split()[1].decode()
            sign = -1 if tz.startswith("-") else 1
            offset = sign * timedelta(hours=int(tz[1:3]), minutes=int(tz[3:5]))
        elif header := _HEADER.match(line):
            sha, boundary = header.group(1), False


def last_changed(kb: KnowledgeBase) -> dict[int, date]:
    """The date of each record that has one, by ``id(record)``; each data file is blamed once."""
    global _cache
    if _cache is not None and _cache[0] is kb:
        return _cache[1]
    by_file: dict[str, list[Record]] = defaultdict(list)
    for records in kb.by_kind.values():
        for record in records:
            if record.at.file and record.at.line:
                by_file[record.at.file].append(record)
    dates: dict[int, date] = {}
    for file, in_file in by_file.items():
        lines = line_dates(Path(file))
        if lines:
            dates.update(_record_dates(in_file, lines))
    _cache = (kb, dates)
    return dates


def _record_dates(records: list[Record], lines: list[date | None]) -> dict[int, date]:
    ordered = sorted(records, key=lambda r: r.at.line)
    ends = [r.at.line - 1 for r in ordered[1:]] + [len(lines)]
    found = {}
    for record, end in zip(ordered, ends, strict=True):
        known = [d for d in lines[record.at.line - 1: end] if d is not None]
        if known:
            found[id(record)] = max(known)
    return found


def record_extra(kb: KnowledgeBase, record: Record, path: str) -> dict[str, Any]:
    """Template context for a record page: ``last_changed`` as a Dutch date, or ''."""
    day = last_changed(kb).get(id(record))
    return {"last_changed": dutch_date(day) if day else ""}
