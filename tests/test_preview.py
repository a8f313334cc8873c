"""The live preview (`make serve`, i.e. `mkdocs serve --dirty`): an edit rebuilds only the pages that show it,
and the preview is still exactly the site a full build makes."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .fixture_data import search_pages

SERVE_URL = "http://127.0.0.1:8000/"
MKDOCS = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "mkdocs"
INSTRUMENTS = "data/instruments.yaml"
FIRST = "theoretische-inzichten-leiderschap"  # the first instrument of the real data


@pytest.fixture
def project(project_copy: Path) -> Path:
    # `mkdocs serve` sets the site address to its own; a full build must use the same one to be comparable.
    config = project_copy / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_name:.*$", rf"\g<0>\nsite_url: {SERVE_URL}", config.read_text()))
    return project_copy


@pytest.fixture
def preview_build(project: Path) -> Iterator[Callable[[], Path]]:
    """One build of the preview, as `mkdocs serve --dirty` makes it after every change."""
    site = project / "preview"
    configs = []

    def rebuild() -> Path:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)  # only the first call starts the preview
        configs.append(config)
        build(config, serve_url=SERVE_URL, dirty=True)
        return site

    yield rebuild
    if configs:
        configs[-1].plugins.on_shutdown()


def edit(project: Path, old: str, new: str) -> None:
    path = project / INSTRUMENTS
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first_instrument(project: Path) -> str:
    """The YAML of the first instrument, from its '- id:' line up to the next record's."""
    text = (project / INSTRUMENTS).read_text(encoding="utf-8")
    start = text.index(f"- id: {FIRST}\n")
    return text[start:text.index("\n- id: ", start) + 1]


def pages_written(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def search_docs(site: Path) -> list[str]:
    """What the search index holds of each page, in the order of their addresses."""
    return [json.dumps(page, sort_keys=True, ensure_ascii=False) for _, page in sorted(search_pages(site).items())]


def test_an_edited_title_rebuilds_only_the_pages_that_show_it(project: Path, preview_build: Callable[[], Path]) -> None:
    site = preview_build()
    before = pages_written(site)
    old_title = re.search(r"\n  title: (.+)\n", first_instrument(project)).group(1)  # type: ignore[union-attr]
    edit(project, f"title: {old_title}\n", "title: Een titel die alleen de redactie kent\n")

    preview_build()
    after = pages_written(site)
    rebuilt = {page for page in after if after[page] != before.get(page)}
    assert f"instrumenten/{FIRST}/index.html" in rebuilt
    assert "instrumenten/index.html" in rebuilt  # the finder lists every title
    assert "over/index.html" not in rebuilt
    assert len(rebuilt) < len(after) / 5, sorted(rebuilt)
    page = (site / f"instrumenten/{FIRST}/index.html").read_text(encoding="utf-8")
    assert "Een titel die alleen de redactie kent" in page
    docs = search_docs(site)
    assert any("Een titel die alleen de redactie kent" in d for d in docs)
    assert not any(old_title in d for d in docs)


def test_after_edits_the_preview_is_the_site_a_full_build_makes(project: Path,
                                                                preview_build: Callable[[], Path]) -> None:
    preview_build()
    edit(project, "  helps: Je leest hoe leidinggevenden", "  helps: Je leest in het kort hoe leidinggevenden")
    preview_build()
    record = first_instrument(project)
    # A record added and removed again: pages come and go, and none is left behind.
    copy = record.replace(f"- id: {FIRST}\n", "- id: een-kopie-voor-de-test\n", 1)
    copy = re.sub(r"\n  title: .+\n", "\n  title: Een kopie voor de test\n", copy, count=1)
    edit(project, record, record + copy)
    site = preview_build()
    assert (site / "instrumenten/een-kopie-voor-de-test/index.html").is_file()
    edit(project, record + copy, record)
    site = preview_build()
    assert not (site / "instrumenten/een-kopie-voor-de-test").exists()
    edit(project, "Je leest in het kort hoe", "Je leest voortaan hoe")
    site = preview_build()

    full = project / "full"
    subprocess.run([str(MKDOCS), "build", "--quiet", "--config-file", str(project / "mkdocs.yml"),
                    "--site-dir", str(full)], check=True, cwd=project)
    made = {p.relative_to(full).as_posix() for p in full.rglob("*") if p.is_file()}
    shown = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert shown == made
    assert [f for f in sorted(made) if (site / f).read_bytes() != (full / f).read_bytes()] == []
    assert search_docs(site) == search_docs(full)


def test_an_edited_glossary_explanation_reaches_every_page_that_explains_the_word(
        project: Path, preview_build: Callable[[], Path]) -> None:
    """A page's marks (site/glossary.py) depend on the glossary, not only on the page's own Markdown."""
    site = preview_build()
    marked = [p for p in site.rglob("*.html") if 'id="kb-term-npuls"' in p.read_text(encoding="utf-8")]
    assert len(marked) >= 3
    path = project / "data" / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    old = "Npuls gaf opdracht voor de impactanalyse van de instrumenten."
    assert old in text
    path.write_text(text.replace(old, "Een uitleg die alleen de redactie kent."), encoding="utf-8")
    site = preview_build()
    for page in marked:
        assert "Een uitleg die alleen de redactie kent." in page.read_text(encoding="utf-8"), page
