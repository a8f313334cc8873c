"""Build the site with MkDocs into a temporary folder and swap it in only on success.

A failed build (bad data, a page clash, a strict-mode warning) leaves the
previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.site import outdir


class Interrupted(BaseException):
    """The build was stopped by a signal (SIGTERM, SIGHUP); its temporary folder has been removed."""


def build_site(config_file: Path, site_dir: Path, *, strict: bool = True) -> str:
    """Build into ``site_dir``; return '' on success, or the build's warnings and errors and a Dutch last line.

    Raises ``outdir.Refused`` before anything is written when ``site_dir`` may not be replaced, and
    ``OSError`` (the temporary folder removed) when the disk refuses a write.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    heard = _Collect()
    logging.getLogger("mkdocs").addHandler(heard)
    tmp: Path | None = None
    try:
        with _signals_interrupt():
            # A folder of its own, for now: MkDocs' check of site_dir against docs_dir would speak English.
            config = load_config(str(config_file), strict=strict,
                                 site_dir=str(config_file.resolve().parent / ".site-pending"))
            site_dir = _allowed(config, site_dir)
            site_dir.parent.mkdir(parents=True, exist_ok=True)
            for stale in outdir.stale_builds(site_dir.parent):  # left by a build that was killed (kill -9)
                shutil.rmtree(stale, ignore_errors=True)
            tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
            outdir.mark_site(tmp)
            config.site_dir = str(tmp)
            config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
            outdir.mark_site(tmp)
            _swap(tmp, site_dir)
            tmp = None
            outdir.mark_site(site_dir, building=False)
    except (MkDocsException, SystemExit) as err:
        return "\n".join(heard.lines + [f"de site is niet gebouwd; de vorige versie blijft staan ({_reason(err)})."])
    finally:
        logging.getLogger("mkdocs").removeHandler(heard)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return ""


def _allowed(config: Any, site_dir: Path) -> Path:
    """``site_dir`` resolved, if a build may replace it (see outdir.check)."""
    project = Path(config.config_file_path).resolve().parent
    sources = [(Path(config.docs_dir), "de map met handgeschreven pagina's")]
    plugin = config.plugins.get("kennisbank")
    if plugin is not None:
        sources += [(d.path, "een gegevensmap") for d in plugin.sources(config)[0]]
    return outdir.check(site_dir, roots=[project, outdir.project_root(project), Path.cwd()], sources=sources,
                        own=outdir.is_built_site, what="'kennisbank build'", option="--site-dir")


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Interrupted` (so the temporary folder is removed) while building."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise Interrupted(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class _Collect(logging.Handler):
    """The build's warnings and errors (the problems in the data among them), to show with the failure."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _reason(err: BaseException) -> str:
    """MkDocs' closing words in Dutch."""
    text = str(err)
    if text == "Aborted with a BuildError!":
        return "zie de fout hierboven"
    if re.fullmatch(r"Aborted with (a|\d+) configuration errors?!", text):
        return "een instelling in de configuratie klopt niet; zie de melding hierboven"
    strict = re.fullmatch(r"Aborted with (\d+) warnings in strict mode!", text)
    if strict:
        return f"{strict.group(1)} waarschuwing(en) hierboven; bij een strenge bouw is elke waarschuwing een fout"
    return text


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` in the place of ``target``; the previous site goes into a folder of this build's own first."""
    if not target.exists():
        new.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=target.parent))
    target.rename(old / target.name)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def quiet_mkdocs_info() -> None:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
