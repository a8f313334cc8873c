"""The benchmark's own parts work: its synthetic data is valid, and a stage-timing pass runs (no timings asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import stages, synth
from generator.data import core, load
from generator.data.model import Instrument

from .conftest import DATA
from .fixture_data import fixture_data


def _read(data: Path) -> core.ReadResult:
    return core.read([core.DataDir(data)])


def test_synthetic_instruments_from_the_fixture_data_are_valid(tmp_path: Path) -> None:
    made = synth.make_data(fixture_data(tmp_path / "fixture"), tmp_path / "data", 20)
    result = _read(made.data)
    assert [str(p) for p in result.problems if p.severity == "error"] == []
    assert result.kb is not None
    instruments = result.kb.records("instrument")
    assert len(instruments) == 20
    assert "plausibele verdelingen" in made.origin  # two fixture instruments are too few to learn from
    assert all(isinstance(i, Instrument) and i.sectors and i.roles and i.purposes and i.cite for i in instruments)


def test_synthetic_instruments_beside_the_real_data_are_valid(tmp_path: Path) -> None:
    if _read(DATA).kb is None:
        pytest.skip("de echte gegevens zijn op dit moment zelf ongeldig (redacteuren zijn bezig)")
    made = synth.make_data(DATA, tmp_path / "data", 20)
    result = _read(made.data)
    assert [str(p) for p in result.problems if p.severity == "error"] == []
    assert result.kb is not None
    assert len(result.kb.records("instrument")) == 20
    real = _read(DATA).kb
    assert real is not None
    for kind in ("profile", "learning_goal", "theme", "source"):  # the real records, copied
        assert [(r.id, r.title) for r in result.kb.records(kind)] == [(r.id, r.title) for r in real.records(kind)]


def test_the_same_size_gives_the_same_data(tmp_path: Path) -> None:
    source = fixture_data(tmp_path / "fixture")
    first = synth.make_data(source, tmp_path / "a", 20)
    second = synth.make_data(source, tmp_path / "b", 20)
    assert (first.data / "instruments.yaml").read_bytes() == (second.data / "instruments.yaml").read_bytes()


def test_a_stage_pass_times_every_stage_and_writes_every_page(tmp_path: Path) -> None:
    made = synth.make_data(fixture_data(tmp_path / "fixture"), tmp_path / "data", 20)
    figures = stages.generate(made.data, tmp_path / "out")
    assert set(figures["stages"]) == set(stages.STAGES)
    assert all(seconds >= 0 for seconds in figures["stages"].values())
    written = stages.collect(tmp_path / "out")
    assert figures["pages"] <= len(written)
    assert "instrumenten/index.md" in {path for path, _ in written}
    assert stages.io_floor(made.data, tmp_path / "floor", written) > 0
    assert stages.collect(tmp_path / "floor") == written
    assert core.load_file is load.load_file  # type: ignore[attr-defined]  # the timing wrappers are gone
