"""'Laatst gewijzigd' per record, from git history: one ``git blame --incremental`` per data file.

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
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from generator.data.index import KnowledgeBase
from generator.data.model import Record
from generator.data.schema import KINDS
from generator.site.base import add_record_extra

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
_GROUP = re.compile(rb"^([0-9a-f]{40}) \d+ (\d+) (\d+)$")  # sha, line in the source, line now, lines
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
        # --incremental names each run of lines once (and a commit's details once); --line-porcelain
        # repeated the details and the text for every line: 94 MB for 10,000 instruments, seconds to parse.
        done = subprocess.run([git, "-C", str(path.parent), "blame", "--incremental", "--", path.name],
                              capture_output=True, timeout=BLAME_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:  # not a repository, or the file is not tracked
        return None
    shallow = subprocess.run([git, "-C", str(path.parent), "rev-parse", "--is-shallow-repository"],
                             capture_output=True, timeout=BLAME_TIMEOUT, check=False).stdout.strip() == b"true"
    return _parse(done.stdout, shallow)


def _parse(incremental: bytes, shallow: bool = False) -> list[date | None]:
    """The date of each line from ``git blame --incremental`` output (None where unknown)."""
    commits: dict[bytes, list[Any]] = {}  # sha -> [committer seconds, offset, boundary]
    runs: list[tuple[bytes, int, int]] = []  # sha, first line (1-based), number of lines
    info: list[Any] = []
    for line in incremental.split(b"\n"):
        if group := _GROUP.match(line):
            sha = group.group(1)
            runs.append((sha, int(group.group(2)), int(group.group(3))))
            info = commits.setdefault(sha, [0, timedelta(0), False])
        elif line == b"boundary":
            info[2] = True
        elif line.startswith(b"committer-time "):
            info[0] = int(line.split()[1])
        elif line.startswith(b"committer-tz "):
            tz = line.split()[1].decode()
            sign = -1 if tz.startswith("-") else 1
            info[1] = sign * timedelta(hours=int(tz[1:3]), minutes=int(tz[3:5]))
    days = {sha: None if sha == _UNCOMMITTED or (shallow and boundary)
            else datetime.fromtimestamp(seconds, timezone(offset)).date()
            for sha, (seconds, offset, boundary) in commits.items()}
    dates: list[date | None] = [None] * max((first + count - 1 for _, first, count in runs), default=0)
    for sha, first, count in runs:
        dates[first - 1: first - 1 + count] = [days[sha]] * count
    return dates


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


# Every record page shows when its lines last changed in git.
for _kind in KINDS:
    add_record_extra(_kind.name, record_extra)
