"""Property-based tests: whatever the data files hold, reading them ends in a model or in clean Problems.

Random YAML text, random YAML structures, and mutations of the real data files
(keys deleted, types swapped, random strings in fields, lines cut or garbled)
go through the loader and the validator. The only allowed outcomes are a
knowledge base, or a sorted list of Problems with known codes and places,
never an exception. Example counts stay modest so the suite stays fast.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.data import core
from generator.data.load import load_file
from generator.data.problems import CODES, Problem, sort_problems
from generator.data.schema import DATA_FILES

from .conftest import DATA

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

REAL_FILES = [name for name in DATA_FILES if (DATA / name).is_file()]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
structures = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                           st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                          max_leaves=25)


def assert_clean(problems: list[Problem]) -> None:
    assert problems == sort_problems(problems)
    for problem in problems:
        assert problem.code in CODES and problem.message, problem
        assert problem.line >= 0 and problem.column >= 0


def assert_outcome(result: core.ReadResult) -> None:
    """A knowledge base without errors, or no knowledge base and at least one error."""
    assert_clean(result.problems)
    errors = [p for p in result.problems if p.severity == "error"]
    assert (result.kb is None) == bool(errors)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    target = tmp_path_factory.mktemp("properties") / "data"
    shutil.copytree(DATA, target)
    yield target


def read_with(data_dir: Path, name: str, content: bytes) -> core.ReadResult:
    """Read the data folder with ``name`` replaced by ``content``, then put the original back."""
    path = data_dir / name
    original = (DATA / name).read_bytes() if (DATA / name).is_file() else None
    path.write_bytes(content)
    try:
        return core.read([core.DataDir(data_dir)])
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


YAML_CHARS = "-:[]{}&*!|>'\"#%@`?,.\\ \n\tabc01\u00e9\u2028"


@FAST
@given(text=st.one_of(st.text(max_size=300), st.text(alphabet=YAML_CHARS, max_size=300)))
def test_any_text_loads_or_gives_clean_problems(tmp_path: Path, text: str) -> None:
    path = tmp_path / "instruments.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    loaded, problems = load_file(path, "data/instruments.yaml")
    assert_clean(problems)
    # Data comes only with nothing wrong, or with problems that still let the file be read.
    assert loaded.data is None or {p.code for p in problems} <= {"duplicate-key", "control-character"}


@FAST
@given(raw=st.binary(max_size=200))
def test_any_bytes_load_or_give_clean_problems(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "instruments.yaml"
    path.write_bytes(raw)
    _, problems = load_file(path, "data/instruments.yaml")
    assert_clean(problems)


@SLOW
@given(value=structures, collection=st.sampled_from(["instruments", "roles", "sources", "x"]))
def test_any_structure_in_a_data_file_validates_cleanly(data_dir: Path, value: Any, collection: str) -> None:
    content = yaml.safe_dump({collection: value}, allow_unicode=True).encode()
    assert_outcome(read_with(data_dir, "instruments.yaml", content))


# --- mutations of the real data files -----------------------------------------------------


def records_of(data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, dict):
        return []
    return [r for items in data.values() if isinstance(items, list) for r in items if isinstance(r, dict)]


MUTATIONS = ("delete", "swap", "string", "duplicate", "nest")


def mutate(data: Any, draw: st.DrawFn) -> None:
    """Change one field of one record in place."""
    records = records_of(data)
    if not records:
        return
    record = draw(st.sampled_from(records))
    if not record:
        return
    key = draw(st.sampled_from(sorted(record)))
    how = draw(st.sampled_from(MUTATIONS))
    if how == "delete":
        del record[key]
    elif how == "swap":
        record[key] = draw(st.one_of(scalars, st.lists(scalars, max_size=2), st.dictionaries(st.text(max_size=5),
                                                                                           scalars, max_size=2)))
    elif how == "string":
        record[key] = draw(st.text(max_size=40))
    elif how == "duplicate":
        record[draw(st.text(min_size=1, max_size=10))] = record[key]
    else:
        record[key] = [record[key]]


@SLOW
@given(data=st.data())
def test_mutated_real_files_validate_cleanly(data_dir: Path, data: st.DataObject) -> None:
    if not REAL_FILES:
        pytest.skip("no data files yet")
    name = data.draw(st.sampled_from(REAL_FILES))
    loaded, problems = load_file(DATA / name, name)
    if problems:
        pytest.skip(f"{name} does not load right now")
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        mutate(loaded.data, data.draw)
    content = yaml.safe_dump(loaded.data, allow_unicode=True, sort_keys=False).encode()
    assert_outcome(read_with(data_dir, name, content))


@SLOW
@given(data=st.data())
def test_garbled_lines_of_real_files_validate_cleanly(data_dir: Path, data: st.DataObject) -> None:
    if not REAL_FILES:
        pytest.skip("no data files yet")
    name = data.draw(st.sampled_from(REAL_FILES))
    lines = (DATA / name).read_text(encoding="utf-8").splitlines(keepends=True)
    at = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
    how = data.draw(st.sampled_from(("cut", "insert", "indent", "dedent", "repeat")))
    if how == "cut":
        del lines[at]
    elif how == "insert":
        column = data.draw(st.integers(min_value=0, max_value=len(lines[at])))
        lines[at] = lines[at][:column] + data.draw(st.text(min_size=1, max_size=8)) + lines[at][column:]
    elif how == "indent":
        lines[at] = "  " + lines[at]
    elif how == "dedent":
        lines[at] = lines[at].lstrip(" ")
    else:
        lines.insert(at, lines[at])
    assert_outcome(read_with(data_dir, name, "".join(lines).encode("utf-8", "surrogatepass")))
