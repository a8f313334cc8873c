"""Build the site with MkDocs into a temporary folder and swap it in only on success.

A failed build (bad data, a page clash, a strict-mode warning) leaves the
previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


def build_site(config_file: Path, site_dir: Path, *, strict: bool = True) -> str:
    """Build into ``site_dir``; return '' on success or a one-line Dutch error."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        config = load_config(str(config_file), strict=strict, site_dir=str(tmp))
        build(config)
    except (MkDocsException, SystemExit) as err:
        shutil.rmtree(tmp, ignore_errors=True)
        return f"de site is niet gebouwd; de vorige versie blijft staan ({err})."
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _swap(tmp, site_dir)
    return ""


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def quiet_mkdocs_info() -> None:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
