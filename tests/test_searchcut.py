"""The search plugin reads pages without the generator's excluded blocks, and every file comes out the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from bench import synth
from generator.adapters.mkdocs import searchcut

from .fixture_data import snapshot


def built(project: Path, site: Path) -> dict[str, bytes]:
    """Every file of a `mkdocs build` of ``project``, run as the command runs it: plugins that MkDocs keeps
    between builds in one process (Material's search plugin, after a test of `mkdocs serve --dirty`) start
    afresh."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return snapshot(site)


@pytest.mark.parametrize("size", [None, 300], ids=["echte gegevens", "300 instrumenten"])
def test_the_site_and_its_search_index_are_the_same_as_without_the_cut(tmp_path: Path, size: int | None,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    synth.make_project(project, size, git=False)
    shortened = []
    cut_for_search = searchcut.for_search
    def counted(html: str) -> str:
        shown = cut_for_search(html)
        shortened.append(len(shown) < len(html))
        return shown
    monkeypatch.setattr(searchcut, "for_search", counted)
    cut = built(project, tmp_path / "cut")
    assert sum(shortened) > 100  # the cut did happen, on most pages
    monkeypatch.setattr(searchcut, "for_search", lambda html: html)
    whole = built(project, tmp_path / "whole")
    assert [path for path in cut.keys() | whole.keys() if cut.get(path) != whole.get(path)] == []
    docs = json.loads(cut["search/search_index.json"])["docs"]
    assert len(docs) > 100


def test_the_generators_excluded_blocks_are_cut_after_the_title() -> None:
    page = ('<h1 id="t">Titel</h1>\n<nav class="kb-crumb" aria-label="Terug" data-search-exclude><p><a href="../">'
            'Alle</a></p></nav>\n<p>Tekst.</p>\n<div class="kb-links" data-search-exclude>\n<ul>\n<li><a href="a/">A</a>'
            '</li>\n</ul>\n</div>\n<div class="admonition warning kb-note" data-search-exclude>\n<p class="admonition'
            '-title">Hiaat</p>\n<p>Zo.</p>\n</div>\n<p>Meer.</p>')
    assert searchcut.for_search(page) == '<h1 id="t">Titel</h1>\n\n<p>Tekst.</p>\n\n\n<p>Meer.</p>'


@pytest.mark.parametrize("block", [
    '<div class="kb-links" data-search-exclude>\n<div>a</div>\n</div>',  # another div inside
    '<div class="kb-links" data-search-exclude>\n<h2 id="x">Kop</h2>\n</div>',  # a heading starts a section
    '<div class="kb-links" data-search-exclude>\n<!-- a -->\n</div>',  # a comment
    '<div class="kb-links" data-search-exclude>\n<script>x</script>\n</div>',  # read in a mode of its own
    '<div class="eigen" data-search-exclude>\n<p>a</p>\n</div>',  # not the generator's
    '<div class="kb-links" data-search-exclude="ja">\n<p>a</p>\n</div>',  # another shape
])
def test_any_other_excluded_block_is_left_to_the_search_plugin(block: str) -> None:
    page = f'<h1 id="t">Titel</h1>\n<p>Tekst.</p>\n{block}\n<p>Meer.</p>'
    assert searchcut.for_search(page) == page


def test_nothing_before_the_title_is_cut() -> None:
    page = '<div class="kb-links" data-search-exclude>\n<p>a</p>\n</div>\n<h1 id="t">Titel</h1>'
    assert searchcut.for_search(page) == page


def test_with_another_handler_of_the_page_context_nothing_is_cut(tmp_path: Path) -> None:
    """A hook (or plugin) that reads or changes a page in on_page_context gets the whole page, and keeps its change."""
    project = tmp_path / "project"
    synth.make_project(project, None, git=False)
    (project / "hook.py").write_text(
        "def on_page_context(context, page, config, nav):\n"
        "    page.content = (page.content or '') + '<p>uit de hook</p>'\n"
        "    return context\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "\nhooks:\n  - hook.py\n", encoding="utf-8")
    site = built(project, tmp_path / "site")
    page = site["rollen/leraar/index.html"].decode("utf-8")
    assert "<p>uit de hook</p>" in page and '<div class="kb-links" data-search-exclude>' in page
