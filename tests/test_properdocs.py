"""The site builds the same with ProperDocs 1.6.7, the maintained fork of MkDocs 1.6, as with MkDocs.

MkDocs 1.6 is no longer maintained and Material for MkDocs announces its end of life on 2027-05-05 (README.md,
"The theme's end of life"). ProperDocs reads the same mkdocs.yml and runs the same plugins and theme; every
file of its build, the search index included, must be the one MkDocs makes, but for the generator tag in the
pages' head.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BuiltSite

pytestmark = pytest.mark.build

PROPERDOCS = Path(sys.executable).parent / "properdocs"
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file() and not p.name.startswith(".kennisbank")):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)  # the sitemap's archive holds its build time
        out[path.relative_to(site).as_posix()] = GENERATOR_TAG.sub(b"", data)
    return out


def test_properdocs_builds_the_same_site_as_mkdocs(built_site: BuiltSite, tmp_path: Path) -> None:
    assert PROPERDOCS.exists(), "properdocs ontbreekt; installeer de vastgezette versies (make setup)"
    project = built_site.root.parent
    site = tmp_path / "properdocs-site"
    done = subprocess.run([str(PROPERDOCS), "build", "--strict", "--config-file", str(project / "mkdocs.yml"),
                           "--site-dir", str(site)], cwd=project, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert b"properdocs" in (site / "index.html").read_bytes().lower()  # the other builder did build it
    mkdocs, properdocs = _files(built_site.root), _files(site)
    assert sorted(mkdocs.keys() ^ properdocs.keys()) == []
    assert [p for p in mkdocs if mkdocs[p] != properdocs[p]] == []
    assert "pagefind/pagefind.js" in properdocs
