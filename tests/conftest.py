"""Shared fixtures: the repository, copies of its data, and the CLI as a function."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests pin what holds, not how fast: on a loaded machine (CI, parallel work) a per-example deadline
# fails them at random. Speed is measured by `make bench`.
settings.register_profile("kennisbank", deadline=None)
settings.load_profile("kennisbank")

from generator.data import core
from generator.data.index import KnowledgeBase
from generator.adapters.cli import cli

# The browser fixtures (site_url, browser, context, page, requests_seen) and the example institution's copy
# (institution) for every test module.
pytest_plugins = ("tests.browser.fixtures", "tests.institution")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Reads of large files are kept in a cache folder of the tests' own, not the user's (see generator/data/cache.py)."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*argv: str) -> CliResult:
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(list(argv), out, err)
    return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture
def kennisbank() -> Callable[..., CliResult]:
    return run_cli


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the real data folder, safe to break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def real_kb() -> KnowledgeBase:
    result = core.read([core.DataDir(DATA)])
    assert result.kb is not None, [str(p) for p in result.problems]
    return result.kb


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's site sources (mkdocs.yml, content/, data/) to build in isolation."""
    target = tmp_path / "project"
    target.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copytree(DATA, target / "data")
    return target


@dataclass(frozen=True)
class BuiltSite:
    """The project's site built from a snapshot of its sources, and the knowledge base behind it."""

    root: Path
    kb: KnowledgeBase


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real site, built once per session with `kennisbank build` (strict) into a temporary folder."""
    project = tmp_path_factory.mktemp("site-project")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(DATA, project / "data")
    result = run_cli("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    assert result.code == 0, result.err
    kb = core.read([core.DataDir(project / "data")]).kb
    assert kb is not None
    return BuiltSite(project / "site", kb)
