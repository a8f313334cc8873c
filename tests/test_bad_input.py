"""Bad input: one folder per case in tests/cases/bad-input, each refused cleanly by validate and build.

A case holds ``data/`` (broken data files laid over the fixture data), optionally
``content/`` (hand-written pages laid over content/), and ``expected.yaml`` with
the exact problems as ``file:line:column code path``. For every case
``kennisbank validate`` exits 1 with exactly those problems, and a real
``kennisbank build`` fails and leaves the previous site/, content/ and data/
byte for byte as they were.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import run_cli
from .fixture_data import fixture_project, snapshot

CASES_DIR = Path(__file__).parent / "cases" / "bad-input"
CASES = sorted(p for p in CASES_DIR.iterdir() if p.is_dir())


def spec_of(case: Path) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    return spec


def case_project(case: Path, root: Path) -> Path:
    """The fixture project with the case's files laid over it."""
    project = fixture_project(root / "project")
    shutil.copytree(case / "data", project / "data", dirs_exist_ok=True)
    if (case / "content").is_dir():
        shutil.copytree(case / "content", project / "content", dirs_exist_ok=True)
    expand = spec_of(case).get("expand")
    if expand:  # a value too large to commit, made here
        target = project / "data" / expand["file"]
        filler = ("tekst " * (expand["bytes"] // 6 + 1))[: expand["bytes"]].strip()
        target.write_text(target.read_text(encoding="utf-8").replace(expand["marker"], filler), encoding="utf-8")
    return project


def place(problem: dict[str, Any]) -> str:
    return f"{Path(problem['file']).name}:{problem['line']}:{problem['column']} {problem['code']} " \
           f"{problem['path']}".rstrip()


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built from the intact fixture project, to be kept by every failed build."""
    project = fixture_project(tmp_path_factory.mktemp("previous") / "project")
    result = run_cli("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    assert result.code == 0, result.err
    return project / "site"


def test_every_case_folder_is_complete() -> None:
    assert len(CASES) >= 15
    for case in CASES:
        spec = spec_of(case)
        assert spec["description"] and spec["problems"], case.name
        assert list((case / "data").glob("*.yaml")), case.name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_reports_exactly_the_expected_problems(case: Path, tmp_path: Path) -> None:
    data = case_project(case, tmp_path) / "data"
    as_json = run_cli("validate", "--data", str(data), "--format", "json")
    assert as_json.code == 1, as_json.out + as_json.err
    problems = json.loads(as_json.out)["problems"]
    assert [place(p) for p in problems] == spec_of(case)["problems"]
    # A file that cannot be taken in leaves the references to its records unchecked: one warning says so.
    assert all(p["message"] and p["hint"] and
               p["severity"] == ("warning" if p["code"] == "unchecked-references" else "error") for p in problems)

    as_text = run_cli("validate", "--data", str(data))
    assert as_text.code == 1 and as_text.err == ""
    lines = as_text.out.splitlines()
    errors = [p for p in problems if p["severity"] == "error"]
    assert lines[-1].startswith(f"{len(errors)} fout(en)"), lines[-1]
    for line, problem in zip(lines, problems, strict=False):
        where = f":{problem['line']}:{problem['column']}" if problem["line"] else ""  # 0: the file as a whole
        assert re.match(rf"^\S+{where}: ", line), line
        assert line.endswith(f" [{problem['code']}]"), line


@pytest.mark.build
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_build_fails_and_keeps_the_previous_site_and_every_hand_written_file(
        case: Path, tmp_path: Path, previous_site: Path) -> None:
    project = case_project(case, tmp_path)
    site = project / "site"
    shutil.copytree(previous_site, site)
    before = {name: snapshot(project / name) for name in ("site", "content", "data")}

    result = run_cli("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(site))

    assert result.code == 1
    assert result.err.splitlines()[-1] == ("kennisbank: de site is niet gebouwd; de vorige versie blijft staan "
                                           "(zie de fout hierboven).")
    assert {name: snapshot(project / name) for name in ("site", "content", "data")} == before
    assert sorted(p.name for p in project.iterdir()) == ["content", "data", "mkdocs.yml", "site"]
    told = [line.rsplit(" [", 1)[-1].rstrip("]") for line in result.err.splitlines() if line.endswith("]")]
    assert told == [line.split()[1] for line in spec_of(case)["problems"]]
