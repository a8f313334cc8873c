"""Output folders: which folder `kennisbank build` or `generate` may fill or replace, and the mark that proves it.

A folder is only ever replaced or written into when it is new, empty, or carries
the mark of an earlier run of the same command; the project's own folders, the
home folder and ``/`` are refused whatever they contain.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

SITE_MARK = ".kennisbank-site"  # written into every site `kennisbank build` makes
_SITE_MARK_TEXT = ("Deze map is gemaakt door 'kennisbank build'. Een volgende bouw mag haar vervangen; "
                   "haal dit bestand weg als dat niet meer mag.\n")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class Refused(Exception):
    """The folder may not be used; the message says why, in Dutch."""


def shown(path: Path | str) -> str:
    """A path for a message: control characters (a newline in a folder name) written as escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(path))


def project_root(start: Path) -> Path:
    """The repository around ``start``: the nearest folder upwards that has ``.git``, else ``start`` itself."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def check(target: Path, *, roots: Iterable[Path], sources: Iterable[tuple[Path, str]],
          own: Callable[[Path], bool], what: str, option: str) -> Path:
    """``target`` resolved, when ``what`` (the command) may fill it; otherwise raise :class:`Refused`.

    ``roots`` (the repository, the working folder; ``/`` and the home folder are always added) may not be
    the target nor inside it; ``sources`` (content/, data/: path and name) may not be the target, inside it
    or around it. A folder that exists must be empty or pass ``own`` (carry the mark of an earlier run).
    """
    resolved = target.resolve()
    name = shown(target)
    if resolved.exists() and not resolved.is_dir():
        raise Refused(f"'{name}' is een bestand, geen map. Kies met {option} een nieuwe of lege map.")
    always = [Path("/"), Path.home()]
    for root in [*always, *roots]:
        root = root.resolve()
        if resolved == root or resolved in root.parents:
            where = ("de hoofdmap van het systeem (/)" if root == Path("/") else
                     "je thuismap" if root == Path.home().resolve() else f"de projectmap '{shown(root)}'")
            relation = "is" if resolved == root else "bevat"
            raise Refused(f"'{name}' {relation} {where}; {what} schrijft daar niet in en verwijdert daar niets. "
                          f"Kies met {option} een eigen map, bijvoorbeeld 'site'.")
    for source, label in sources:
        source = source.resolve()
        if resolved == source or resolved in source.parents or source in resolved.parents:
            raise Refused(f"'{name}' valt samen met {label} ('{shown(source)}'), waar de bronnen van de site "
                          f"staan; {what} schrijft daar niet in. Kies met {option} een map buiten {label}.")
    if resolved.is_dir() and next(resolved.iterdir(), None) is not None and not own(resolved):
        raise Refused(f"de map '{name}' is niet leeg ({_some_files(resolved)}) en is niet eerder door {what} "
                      "gemaakt. Er is niets "
                      f"geschreven of verwijderd; kies met {option} een nieuwe of lege map, of maak deze map "
                      "zelf leeg.")
    return resolved


def _some_files(folder: Path, limit: int = 3) -> str:
    """A few of the files in ``folder``, as 'er staat onder meer a, b in'."""
    found: list[str] = []
    for parent, dirs, files in os.walk(folder):
        dirs.sort()
        found += [shown(Path(parent, f).relative_to(folder).as_posix()) for f in sorted(files)]
        if len(found) >= limit:
            break
    listed = ", ".join(found[:limit]) or "alleen lege mappen"
    return f"er staat onder meer {listed} in" if len(found) > limit else f"er staat {listed} in"


def is_built_site(folder: Path) -> bool:
    """Whether ``folder`` is a site `kennisbank build` made: it has the mark, or (sites built before the mark
    existed) the MkDocs home page beside this generator's own data download."""
    if (folder / SITE_MARK).is_file():
        return True
    home, schema = folder / "index.html", folder / "gegevens" / "instruments.schema.json"
    if not (home.is_file() and schema.is_file()):
        return False
    return (b'<meta name="generator" content="mkdocs-' in _head(home)
            and b'"$id": "instruments.schema.json"' in _head(schema))


def _head(path: Path) -> bytes:
    with path.open("rb") as file:
        return file.read(8192)


def mark_site(folder: Path, building: bool = True) -> None:
    """Mark ``folder`` as made by `kennisbank build`; while ``building``, with the process that is making it.

    A finished site carries no process id, so two builds of the same sources are byte for byte the same
    (tests/compare_builds.py).
    """
    pid = f"pid {os.getpid()}\n" if building else ""
    (folder / SITE_MARK).write_text(_SITE_MARK_TEXT + pid, encoding="utf-8")


def stale_builds(parent: Path) -> list[Path]:
    """Temporary build folders in ``parent`` that carry the mark of a build whose process is gone."""
    found = []
    for folder in parent.glob(".site-*"):
        mark = folder / SITE_MARK
        if folder.is_symlink() or not mark.is_file():
            continue
        pid = re.search(r"^pid (\d+)$", mark.read_text(encoding="utf-8", errors="replace"), re.M)
        if pid and not _alive(int(pid.group(1))):
            found.append(folder)
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
