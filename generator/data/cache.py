"""What large data files read into, kept by their bytes: a file unchanged since it was last read is not
parsed again.

Reading the YAML is most of the time of validating a large data file (libyaml itself is quick; making
Python objects of its events is not), and a site build reads the very files that `kennisbank validate`
read just before. What a file read into is kept with marshal (plain dicts, lists, text and numbers load
back in a fifth of the time) in the user's cache folder (``$XDG_CACHE_HOME/kennisbank``, else
``~/.cache/kennisbank``), never in the project, under the SHA-256 of the file's bytes and of the
reader's version: a changed byte or a changed reader reads the file anew. The few most recently used
entries are kept. The cache is a shortcut only: when it cannot be read or written, nothing else changes.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

MIN_BYTES = 1_000_000  # smaller files read in well under a tenth of a second: no entry for them
KEEP = 4  # entries kept; a 10,000-instrument file takes about 50 MB


def folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kennisbank"


def _entry(raw: bytes, version: bytes) -> tuple[Path, bytes]:
    digest = hashlib.sha256(version + b"\0" + raw).digest()
    return folder() / f"{digest.hex()}.marshal", digest


def fetch(raw: bytes, version: bytes) -> Any:
    """What a file holding ``raw`` read into with reader ``version``; None if that is not kept."""
    if len(raw) < MIN_BYTES:
        return None
    try:
        path, digest = _entry(raw, version)
        kept = marshal.loads(path.read_bytes())
        os.utime(path)  # used: removed last
    except (OSError, RuntimeError, ValueError, EOFError, TypeError):
        return None
    return kept[1] if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == digest else None


def keep(raw: bytes, version: bytes, value: Any) -> None:
    """Keep what a file holding ``raw`` read into (plain data only); nothing happens if that fails."""
    if len(raw) < MIN_BYTES:
        return
    try:
        path, digest = _entry(raw, version)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except (OSError, RuntimeError):
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps((digest, value)))
        os.replace(temporary, path)  # whole or not at all, also with two runs at once
        _prune(path.parent)
    except (OSError, ValueError):
        Path(temporary).unlink(missing_ok=True)


def _prune(where: Path) -> None:
    """Remove all but the KEEP most recently used entries."""
    entries = sorted(where.glob("*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
