"""Faithfulness to the sources: own words, exact names, every record cited to a real section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.data import text
from generator.data.index import KnowledgeBase
from generator.data.schema import KINDS, editor_fields

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
RUN = 10  # this many consecutive words in common with a source counts as a copied sentence


def words(value: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ0-9]+", value.lower())


@pytest.fixture(scope="module")
def source_runs() -> set[tuple[str, ...]]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    runs: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        # Join words split over lines by the PDF extraction ("ontwik-\nkeling").
        w = words(re.sub(r"-\n\s*", "", seed.read_text(encoding="utf-8")))
        runs.update(tuple(w[i:i + RUN]) for i in range(len(w) - RUN + 1))
    return runs


def prose_fields(kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    """(where, field, text) for every Markdown text field: descriptions written in our own words."""
    found = []
    for kind in KINDS:
        fields = [f.name for f in editor_fields(kind.cls) if f.metadata.get("markdown")]
        for record in kb.records(kind.name):
            for name in fields:
                found.append((f"{kind.name}/{record.id}", name, text.plain(getattr(record, name))))
    return found


def quoted_facts(kb: KnowledgeBase) -> set[tuple[str, ...]]:
    """Word runs of names and facts that are carried over exactly (titles, listed items), which prose may cite."""
    runs: set[tuple[str, ...]] = set()
    for kind in KINDS:
        for record in kb.records(kind.name):
            values = [record.title] + [v for f in editor_fields(kind.cls) if not f.metadata.get("markdown")
                                       for v in _strings(getattr(record, f.name))]
            for value in values:
                w = words(value)
                runs.update(tuple(w[i:i + RUN]) for i in range(len(w) - RUN + 1))
    return runs


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return [s for v in value for s in _strings(v)]
    return []


def test_descriptions_are_written_in_our_own_words(real_kb: KnowledgeBase, source_runs: set[tuple[str, ...]]) -> None:
    copied = []
    allowed = quoted_facts(real_kb)
    for where, name, value in prose_fields(real_kb):
        w = words(value)
        hits = [" ".join(w[i:i + RUN]) for i in range(len(w) - RUN + 1)
                if tuple(w[i:i + RUN]) in source_runs and tuple(w[i:i + RUN]) not in allowed]
        if hits:
            copied.append(f"{where}.{name}: '{hits[0]}'")
    assert copied == []


def test_every_record_cites_a_source_document_and_section(real_kb: KnowledgeBase) -> None:
    for kind, records in real_kb.by_kind.items():
        for record in records:
            assert record.cite, f"{kind}/{record.id}"
            assert all(c.section.strip() for c in record.cite), f"{kind}/{record.id}"


def test_the_five_source_documents_point_at_their_seed_files(real_kb: KnowledgeBase) -> None:
    seeds = sorted(s.seed for s in real_kb.records("source") if s.seed)  # type: ignore[attr-defined]
    assert seeds == sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else len(seeds) == 5
