"""The example institution's copy (tests/fixtures/institution/), built once per session.

Registered for every test module by tests/conftest.py. The site is built the way
a web server serves it under the sub-path: into ``www/kennisbank/``, so a link that
climbs out of the sub-path or starts at the server root shows up as broken when
the tests resolve links against ``www/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.data import core
from generator.data.index import KnowledgeBase
from generator.data.scope import Scope

from .conftest import ROOT, run_cli

INSTITUTION = ROOT / "tests" / "fixtures" / "institution"
CONFIG = INSTITUTION / "mkdocs.yml"
SUBPATH = "kennisbank"


def options(config: Path = CONFIG) -> dict[str, Any]:
    """The kennisbank plugin's options as written in a configuration file."""
    plugins = yaml.safe_load(config.read_text(encoding="utf-8"))["plugins"]
    entry = next(p for p in plugins if isinstance(p, dict) and "kennisbank" in p)
    return dict(entry["kennisbank"])


def data_dirs(config: Path = CONFIG) -> list[core.DataDir]:
    """The data folders the plugin reads for ``config``: upstream first, then the local additions."""
    opts = options(config)
    here = config.parent
    label = opts.get("local_label", "")
    return [core.DataDir((here / opts["data_dir"]).resolve())] + [
        core.DataDir((here / d).resolve(), label=label or Path(d).name) for d in opts.get("extra_data", [])]


def scope(config: Path = CONFIG) -> Scope:
    return Scope(**{k: tuple(v) for k, v in options(config).get("scope", {}).items()})


@dataclass(frozen=True)
class Copy:
    """A built copy: ``www`` is the web server's root, ``site`` the sub-path folder in it."""

    www: Path
    site: Path
    kb: KnowledgeBase  # what the copy publishes (its scope applied)
    everything: KnowledgeBase  # the same data without the scope
    config: Path


def build_copy(config: Path, www: Path) -> Copy:
    site = www / SUBPATH
    result = run_cli("build", "--config", str(config), "--site-dir", str(site))
    assert result.code == 0, result.err
    kb = core.read(data_dirs(config), scope=scope(config)).kb
    everything = core.read(data_dirs(config)).kb
    assert kb is not None and everything is not None
    return Copy(www, site, kb, everything, config)


@pytest.fixture(scope="session")
def institution(tmp_path_factory: pytest.TempPathFactory) -> Copy:
    """ROC Voorbeeld's copy: upstream content and data, mbo only, one local instrument, its own look."""
    return build_copy(CONFIG, tmp_path_factory.mktemp("institution") / "www")
