"""The only reader of data files: YAML safety, then plain data with a location index.

Each file is read as bytes, checked for encoding, tabs and control characters,
and read in one pass over libyaml's event stream (no node tree: yamlread.py),
so problems can name their place without anything being injected into the data.
What a large file that read without problems read into is kept (see cache.py),
so reading it again unchanged skips all of this.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.data import cache, yamlread
from generator.data.gcpause import without_gc
from generator.data.problems import Problem
from generator.data.yamlread import CONTROL, Loader, LoadError, PathKey, Reader, finding, load_error

MAX_FILE_BYTES = 64 * 1024 * 1024
# What a kept read (see cache.py) depends on besides the file's bytes: the reader's code, PyYAML, Python.
_CODE = Path(__file__).read_bytes() + Path(yamlread.__file__).read_bytes()
_VERSION = b"|".join((hashlib.sha256(_CODE).digest(), yaml.__version__.encode(), Loader.__name__.encode(),
                      sys.version.encode()))


@dataclass(slots=True)
class LoadedFile:
    """One data file as plain data, with the place of every value."""

    name: str  # as shown to editors, e.g. data/instruments.yaml
    data: Any = None
    places: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def place(self, path: PathKey) -> tuple[int, int]:
        """The line and column of ``path``, or of its nearest ancestor that has one."""
        while path not in self.places and path:
            path = path[:-1]
        return self.places.get(path, (0, 0))


def load_file(path: Path, name: str, root: Path | None = None) -> tuple[LoadedFile, list[Problem]]:
    """Read one YAML file (from inside ``root``, when given); a problem that stops reading is returned, never
    raised."""
    try:
        return _load(path, name, root)
    except LoadError as err:
        return LoadedFile(name), err.problems
    except MemoryError:
        return LoadedFile(name), [finding("file-too-large", name, 0, 0, "het bestand is te groot om te lezen (het "
                                          "geheugen is op).", "Splits de gegevens over kleinere bestanden.")]


def _load(path: Path, name: str, root: Path | None) -> tuple[LoadedFile, list[Problem]]:
    """The file as data, and the problems found in it that still let it be read (duplicate keys, escapes)."""
    raw = read_bytes(path, name, root)
    with without_gc():  # nearly half the load time of a large file otherwise
        kept = cache.fetch(raw, _VERSION)
        if kept is not None:
            return LoadedFile(name, *kept), []
        content = _decode(raw, name)
        _check_characters(content, name)
        reader = Reader(name)
        data = reader.read(content)
        if not reader.problems:  # only a file without problems is kept: it is then only data and places
            cache.keep(raw, _VERSION, (data, reader.places))
    return LoadedFile(name, data, reader.places), reader.problems


def read_bytes(path: Path, name: str, root: Path | None = None) -> bytes:
    """The file's bytes: a regular file inside ``root`` (symlinks that lead out are refused, not read), at most
    MAX_FILE_BYTES of them, counted as read (a size the system reports is not trusted); else LoadError."""
    try:
        real = path.resolve(strict=True)
        if root is not None and leads_outside(real, root):
            raise load_error("outside-repository", name, 0, 0,
                             "dit bestand is een verwijzing (symlink) naar een bestand buiten het project; de "
                             "kennisbank leest het niet.", "Zet het bestand zelf in de gegevensmap.")
        # O_NONBLOCK: opening a named pipe does not wait for a writer; what is not a regular file is refused.
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise load_error("unreadable-file", name, 0, 0, "dit is geen gewoon bestand (maar bijvoorbeeld een "
                                 "map, apparaat of pipe); de kennisbank leest het niet.")
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise load_error("unreadable-file", name, 0, 0, f"het bestand kan niet gelezen worden ({err.strerror}).")
    if len(raw) > MAX_FILE_BYTES:
        raise load_error("file-too-large", name, 0, 0,
                         f"het bestand is groter dan {MAX_FILE_BYTES // 1_000_000} MB, de grens.",
                         "Splits de gegevens of verwijder de te grote waarde.")
    return raw


def leads_outside(path: Path, root: Path) -> bool:
    """Whether ``path``, its symlinks followed, is somewhere else than inside ``root`` (a resolved folder)."""
    real = path.resolve()
    return real != root and root not in real.parents


def repository(start: Path) -> Path | None:
    """The nearest folder from ``start`` upwards that holds ``.git`` (resolved), or None."""
    start = start.resolve()
    return next((folder for folder in (start, *start.parents) if (folder / ".git").exists()), None)


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise load_error("not-utf8", name, line, column,
                       f"byte 0x{raw[err.start]:02x} is geen geldige UTF-8.",
                       "Sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan als' → codering UTF-8).")


_TAB_INDENT = re.compile(r"^ *\t", re.M)


def _check_characters(content: str, name: str) -> None:
    """Refuse tabs in indentation and control characters: every line that has one, at once."""
    if not ("\t" in content and _TAB_INDENT.search(content)) and not CONTROL.search(content):
        return  # a search over the whole text is quick; the lines are only gone through to name them
    found: list[Problem] = []
    for number, line in enumerate(content.split("\n"), start=1):
        if line.startswith("\t") or line.lstrip(" ").startswith("\t"):
            found.append(finding("tab-indent", name, number, line.index("\t") + 1,
                                  "deze regel springt in met een tab.", "Vervang de tab door spaties."))
        bad = CONTROL.search(line)
        if bad:
            found.append(finding("control-character", name, number, bad.start() + 1,
                                  f"onzichtbaar stuurteken U+{ord(bad.group()):04X} in de tekst.",
                                  "Verwijder het teken; het komt vaak mee bij kopiëren uit een pdf."))
    if found:
        raise LoadError(*found)
