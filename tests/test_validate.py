"""Validation, pinned by golden case files in tests/cases/validate (one YAML per case)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
import yaml

from generator.data import core
from generator.data.problems import CODES, Problem, format_text, sort_problems
from generator.data.schema import DATA_FILES, KINDS

from .conftest import DATA

CASES = sorted((Path(__file__).parent / "cases" / "validate").glob("*.yaml"))


def problem_line(problem: Problem, root: Path) -> str:
    file = Path(problem.file).name
    place = f"{file}:{problem.line}:{problem.column}" if problem.line else file
    return " ".join(part for part in (place, problem.code, problem.path) if part)


def run_case(case: Path, tmp_path: Path) -> tuple[list[str], list[str]]:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    data = tmp_path / "data"
    data.mkdir()
    shutil.copytree(DATA / "schema", data / "schema")
    for name in ("sources.yaml", "contexts.yaml"):
        shutil.copy(DATA / name, data / name)
    for name, content in spec["files"].items():
        (data / name).write_text(content, encoding="utf-8")
    for file_name in DATA_FILES:  # every data file is required: the others are there, without records
        if not (data / file_name).exists():
            (data / file_name).write_text("".join(f"{k.collection}: []\n" for k in KINDS if k.file == file_name),
                                          encoding="utf-8")
    result = core.read([core.DataDir(data)])
    return [problem_line(p, data) for p in result.problems], spec["problems"]


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_case(case: Path, tmp_path: Path) -> None:
    found, expected = run_case(case, tmp_path)
    assert found == expected


def test_every_problem_has_a_dutch_description_and_message_ends_in_its_code() -> None:
    assert all(desc and desc[0].isupper() for desc in CODES.values())
    text = format_text(Problem(code="duplicate-id", file="data/x.yaml", line=3, column=5, path="a[0].id",
                               message="de id 'a' bestaat al.", hint="Kies een andere id."))
    assert text == "data/x.yaml:3:5: a[0].id: de id 'a' bestaat al. Kies een andere id. [duplicate-id]"


def test_problem_order_does_not_depend_on_input_order() -> None:
    problems = [Problem(code="unknown-key", file=f, line=line, column=c, message="m")
                for f in ("b.yaml", "a.yaml") for line in (9, 2) for c in (7, 1)]
    shuffled = problems[:]
    random.Random(4).shuffle(shuffled)
    assert sort_problems(shuffled) == sort_problems(problems)
    assert [(p.file, p.line, p.column) for p in sort_problems(problems)][:2] == [("a.yaml", 2, 1), ("a.yaml", 2, 7)]


def test_the_real_data_is_valid() -> None:
    result = core.read([core.DataDir(DATA)])
    assert [format_text(p) for p in result.problems] == []


def test_a_suggestion_is_made_only_for_a_near_miss() -> None:
    from generator.data.problems import did_you_mean
    assert did_you_mean("hbx", ["po", "vo", "mbo", "hbo", "wo"]) == "Bedoel je 'hbo'?"
    assert did_you_mean("sumary", ["summary", "title"]) == "Bedoel je 'summary'?"
    assert did_you_mean("bogus", ["focus", "summary", "title"]) == ""
