"""Build the site with MkDocs into a temporary folder and swap it in only on success.

A failed build (bad data, a page clash, a strict-mode warning) leaves the
previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


def build_site(config_file: Path, site_dir: Path, *, strict: bool = True) -> str:
    """Build into ``site_dir``; return '' on success, or the build's warnings and errors and a Dutch last line."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    heard = _Collect()
    logging.getLogger("mkdocs").addHandler(heard)
    try:
        config = load_config(str(config_file), strict=strict, site_dir=str(tmp))
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, SystemExit) as err:
        shutil.rmtree(tmp, ignore_errors=True)
        return "\n".join(heard.lines + [f"de site is niet gebouwd; de vorige versie blijft staan ({_reason(err)})."])
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(heard)
    _swap(tmp, site_dir)
    return ""


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
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def quiet_mkdocs_info() -> None:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
