"""The generator's HTML blocks skip Python-Markdown's HTML parsers, and every page comes out as it would without."""

from __future__ import annotations

import markdown
import pytest

from generator.data.index import KnowledgeBase
from generator.site import pages, write
from generator.adapters.mkdocs.passthrough import GeneratedHtml, _StashGeneratedHtml

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]  # as in mkdocs.yml


def convert(source: str, *extensions: object) -> str:
    html: str = markdown.Markdown(extensions=[*EXTENSIONS, *extensions]).convert(source)
    return html


def body(page: str) -> str:
    return page.split("---\n", 2)[2] if page.startswith("---\n") else page


def left_for_the_parsers(source: str) -> str:
    """What the preprocessor hands on to the HTML parsers."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    return "\n".join(_StashGeneratedHtml(md).run(source.split("\n")))


@pytest.fixture(scope="module")
def real_pages(real_kb: KnowledgeBase) -> dict[str, str]:
    plan = pages.plan(real_kb)
    return {spec.path: body(write.markdown(spec)) for spec in plan.pages}


def test_every_page_of_the_real_site_converts_as_it_would_without_the_extension(real_pages: dict[str, str]) -> None:
    differ = [path for path, source in real_pages.items() if convert(source, GeneratedHtml()) != convert(source)]
    assert differ == []
    assert len(real_pages) > 200


def test_the_link_lists_facts_and_json_ld_of_an_instrument_skip_the_parsers(
        real_pages: dict[str, str]) -> None:
    """(The notes and sources are inside the collapsed Verantwoording, one block that the parsers read.)"""
    page = real_pages["instrumenten/kwaliteitsradar-onderwijskundig-ict-professional.md"]
    for block in ('<div class="kb-facts">', '<div class="kb-links"', '<script type="application/ld+json">'):
        assert block in page
        assert block not in left_for_the_parsers(page)


@pytest.mark.parametrize("path, block", [("rollen/leraar.md", '<div class="kb-steps"'),
                                         ("bijdragen/dekking.md", '<div class="kb-flags"')])
def test_the_steps_of_a_role_page_and_the_coverage_tables_skip_the_parsers(real_pages: dict[str, str], path: str,
                                                                          block: str) -> None:
    page = real_pages[path]
    assert block in page
    assert block not in left_for_the_parsers(page)


@pytest.mark.parametrize("source", [
    # Markdown inside: md_in_html must read it
    'Tekst.\n\n<div class="kb-links" markdown>\n\n- [a](a.md)\n\n</div>\n\nMeer.\n',
    # an id is a link target MkDocs must see
    'Tekst.\n\n<div class="kb-links">\n<p id="hier">a</p>\n</div>\n\nMeer.\n',
    # a nested div: the first </div> line is not the block's end
    'Tekst.\n\n<div class="kb-links">\n<div>\n<p>a</p>\n</div>\n<p>b</p>\n</div>\n\nMeer.\n',
    # no blank line after: the parsers read on into the next line
    'Tekst.\n\n<div class="kb-links">\n<p>a</p>\n</div>\nMeer.\n',
    # not at the start of a paragraph
    'Tekst.\n<div class="kb-links">\n<p>a</p>\n</div>\n\nMeer.\n',
    # another class
    'Tekst.\n\n<div class="eigen">\n<p>a</p>\n</div>\n\nMeer.\n',
    # a block without a blank line after it, and a later one with: not one match over both
    'Tekst.\n\n<div class="kb-links">\n<p>a</p>\n</div>\n*Meer*.\n\n</div>\n\nEinde.\n',
    # two paragraphs on one line with Markdown between them
    'Tekst.\n\n<p>a</p> *b* <p>c</p>\n\nMeer.\n',
    '<nav class="kb-crumb" aria-label="x" data-search-exclude><a href="a/">a</a></nav> *b* </nav>\n\nMeer.\n',
])
def test_html_in_any_other_shape_is_left_to_the_parsers(source: str) -> None:
    assert left_for_the_parsers(source) == source
    assert convert(source, GeneratedHtml()) == convert(source)


def test_the_plugin_adds_the_extension_once(real_pages: dict[str, str]) -> None:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.adapters.mkdocs.plugin import KennisbankPlugin

    config = MkDocsConfig(config_file_path="mkdocs.yml")
    config.load_file(open("mkdocs.yml", encoding="utf-8"))
    config.validate()
    plugin = config.plugins["kennisbank"]
    assert isinstance(plugin, KennisbankPlugin)
    for _ in range(2):
        config = plugin.on_config(config)
    assert sum(isinstance(e, GeneratedHtml) for e in config.markdown_extensions) == 1
