"""The loader: plain data with places, and a clean problem for everything unsafe."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.data import cache
from generator.data.load import load_file


def load(tmp_path: Path, content: str | bytes) -> tuple[object, list[str], object]:
    path = tmp_path / "instruments.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    loaded, problems = load_file(path, "data/instruments.yaml")
    return loaded.data, [p.code for p in problems], loaded


def test_values_keep_their_line_and_column(tmp_path: Path) -> None:
    data, codes, loaded = load(tmp_path, "instruments:\n  - id: a\n    sectors: [mbo, hbo]\n")
    assert codes == []
    assert data == {"instruments": [{"id": "a", "sectors": ["mbo", "hbo"]}]}
    assert loaded.place(("instruments", 0, "sectors")) == (3, 5)  # type: ignore[attr-defined]
    assert loaded.place(("instruments", 0, "sectors", 1)) == (3, 20)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("", "empty-file"),
        ("# alleen commentaar\n", "empty-file"),
        ("instruments:\n\t- id: a\n", "tab-indent"),
        (b"instruments:\n  - id: caf\xe9\n", "not-utf8"),
        ("instruments: [\n", "yaml-syntax"),
        ("a: &x [1]\nb: *x\n", "yaml-alias"),
        ("a: 1\na: 2\n", "duplicate-key"),
        ("a: &x {k: 1}\nb:\n  <<: *x\n", "yaml-alias"),
        ("instruments:\n  - id: a\x07\n", "control-character"),
    ],
)
def test_unsafe_input_gives_one_clean_problem(tmp_path: Path, content: str | bytes, code: str) -> None:
    data, codes, _ = load(tmp_path, content)
    assert codes == [code]
    # A duplicate key leaves a readable file (the first value counts), so the rest of it is still checked.
    assert data == ({"a": 1} if code == "duplicate-key" else None)


def test_every_tab_and_every_duplicate_key_is_reported_at_once(tmp_path: Path) -> None:
    _, codes, _ = load(tmp_path, "instruments:\n\t- id: a\n\t  title: b\n")
    assert codes == ["tab-indent", "tab-indent"]
    data, codes, _ = load(tmp_path, "a: 1\na: 2\nb: 1\nb: 2\n")
    assert codes == ["duplicate-key", "duplicate-key"] and data == {"a": 1, "b": 1}


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 30)]
    _, codes, _ = load(tmp_path, "\n".join(lines) + "\n")
    assert codes == ["yaml-alias"]


def test_problems_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "instruments.yaml"
    path.write_text("instruments:\n  - id: a\n    title: b\n    title: c\n")
    _, problems = load_file(path, "data/instruments.yaml")
    assert [(p.code, p.line) for p in problems] == [("duplicate-key", 4)]


def test_a_large_file_read_again_unchanged_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MIN_BYTES", 0)  # every file counts as large
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "instruments.yaml"
    path.write_text("instruments:\n  - id: a\n    sectors: [mbo, 1.5, true, null]\n")
    first, problems = load_file(path, "data/instruments.yaml")
    assert problems == [] and len(list((tmp_path / "cache" / "kennisbank").iterdir())) == 1
    again, problems = load_file(path, "elders/instruments.yaml")
    assert problems == [] and (again.data, again.places) == (first.data, first.places)
    assert again.name == "elders/instruments.yaml"  # the name is the reader's, never the cache's
    path.write_text("instruments:\n  - id: b\n")  # one changed byte: read anew
    assert load_file(path, "data/instruments.yaml")[0].data == {"instruments": [{"id": "b"}]}


def test_the_cache_is_only_a_shortcut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert load(tmp_path, "a: 1\na: 2\n")[1] == ["duplicate-key"]
    assert not (tmp_path / "cache").exists()  # read with a problem: not kept, so it is told every time
    assert load(tmp_path, "a: 1\n")[0] == {"a": 1}
    (entry,) = (tmp_path / "cache" / "kennisbank").iterdir()
    entry.write_bytes(entry.read_bytes()[:-3])  # a damaged entry is passed by
    assert load(tmp_path, "a: 1\n")[0] == {"a": 1}
    entry.write_bytes(b"\x00garbage")
    assert load(tmp_path, "a: 1\n")[0] == {"a": 1}
    for i in range(cache.KEEP + 2):
        assert load(tmp_path, f"a: {i}\n")[0] == {"a": i}
    assert len(list((tmp_path / "cache" / "kennisbank").iterdir())) == cache.KEEP
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "instruments.yaml"))  # a file: no folder there
    assert load(tmp_path, "a: 2\n")[0] == {"a": 2}


def test_small_files_are_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    load(tmp_path, "instruments:\n  - id: a\n")
    assert not (tmp_path / "cache").exists()
