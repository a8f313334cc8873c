"""A small, complete and stable data set for tests that must not depend on the real data.

Editors fill ``data/`` while these tests run; the bad-input, injection and
scaffolding tests build on ``tests/fixtures/data`` instead, with JSON Schemas
written from the model at test time.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from generator.data import schema

from .conftest import ROOT

FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "data"


def fixture_data(target: Path) -> Path:
    """Copy the fixture data to ``target`` (a folder that does not exist yet) with current schemas."""
    shutil.copytree(FIXTURE_DATA, target)
    schema.write_schemas(target)
    return target


def fixture_project(target: Path) -> Path:
    """A buildable project: the real mkdocs.yml and content/, with the fixture data."""
    target.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "content", target / "content")
    fixture_data(target / "data")
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def search_pages(site: Path, bundle: str = "") -> dict[str, dict[str, Any]]:
    """Every page in one bundle of the site's Pagefind index (generator/adapters/pagefind/searchindex.py; a
    small site has one, ""): its URL and what Pagefind keeps of it (``content``, ``meta``, ``anchors``: the
    headings it shows as sections)."""
    import gzip
    import json

    pages = {}
    for path in (site / "pagefind" / bundle / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{"):])
        pages[fragment["url"]] = fragment
    return pages


def index_in_bundles(built: Path, target: Path, bundles: int, monkeypatch: Any) -> Any:
    """A copy of the built site in ``target``, its search index made again as if the site were ``bundles`` times
    the size of one bundle (searchindex.BUNDLE_TEXT); the indexing's Stats."""
    from generator.adapters.pagefind import searchindex

    shutil.copytree(built, target)
    chars = sum(len(searchindex.page_text(r)) for _, r in searchindex._pages(target))
    monkeypatch.setattr(searchindex, "BUNDLE_TEXT", chars // bundles + 1)
    return searchindex.index_site(target)
