"""Rendering: safe Markdown subset, escaping of every value, excerpts, and the page templates."""

from __future__ import annotations

import re

import markdown
import pytest

from generator.data import text
from generator.data.schema import KINDS, editor_fields
from generator.site import views
from generator.site.pages import plan
from generator.site.write import markdown as page_markdown


def python_markdown(source: str) -> str:
    return markdown.markdown(source, extensions=["md_in_html", "attr_list", "tables"])


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "[x](javascript:alert(1))", "*a* _b_ `c`",
                                   "{: onclick=alert(1) }", "a | b", "<img src=x onerror=alert(1)>"])
def test_escaped_values_stay_text_in_python_markdown(value: str) -> None:
    html = python_markdown(f"Titel: {text.escape(value)}")
    assert re.findall(r"<(\w+)", html) == ["p"], html
    assert "<em>" not in html and "<code>" not in html


def test_rendered_markdown_keeps_emphasis_links_and_lists() -> None:
    html = str(text.render("Een *test* met [link](https://example.org/a_b_c)\n\n- een\n- twee"))
    assert "<em>test</em>" in html and 'href="https://example.org/a_b_c"' in html and "<li>een</li>" in html
    assert python_markdown(html).count('href="https://example.org/a_b_c"') == 1


def test_checks_refuse_what_is_outside_the_subset() -> None:
    codes = [code for code, *_ in text.check("# Kop\n\n<b>vet</b>\n\n![x](https://a.nl/x.png) [y](ftp://a.nl)")]
    assert codes == ["unsafe-markdown", "raw-html", "unsafe-markdown", "bad-url"]


def test_excerpt_is_plain_text_cut_at_a_word() -> None:
    assert text.excerpt("Een **vette** tekst met [een link](https://a.nl) erin", 25) == "Een vette tekst met een…"
    assert text.excerpt("kort") == "kort"


def test_every_page_renders_and_record_pages_name_their_source(real_kb) -> None:  # type: ignore[no-untyped-def]
    pages = plan(real_kb).pages
    assert len({p.path for p in pages}) == len(pages), "two pages share a path"
    for spec in pages:
        md = page_markdown(spec)
        assert md.startswith("---\n")
        if "v" in spec.context:
            assert "kb-sources" in md, spec.path


def test_context_pages_do_not_repeat_their_sections_under_verbonden_met(real_kb) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for spec in plan(real_kb).pages:
        if "slice" not in spec.context:
            continue
        md = page_markdown(spec)
        sections, _, connected = md.partition("## Verbonden met")
        for target in re.findall(r'href="([^"#]+)"', connected):
            assert f'href="{target}"' not in sections, f"{spec.path}: {target} is listed twice"
            checked += 1
    assert checked > 10


def test_notes_and_facts_name_their_field_in_dutch(real_kb) -> None:  # type: ignore[no-untyped-def]
    """A note on ``programmes`` is headed "(Programma)", never with the identifier an editor types."""
    seen = 0
    for kind in KINDS:
        identifiers = {f.name for f in editor_fields(kind.cls)}
        for record in real_kb.records(kind.name):
            v = views.view(real_kb, kind.name, record)
            shown = [n.field for n in v.notes if n.field] + [f.label for f in v.facts]
            assert not identifiers & set(shown), (kind.name, record.id, sorted(identifiers & set(shown)))
            seen += len(shown)
    assert seen > 500


def test_the_page_list_names_every_page_of_the_plan_in_order(real_kb) -> None:  # type: ignore[no-untyped-def]
    """validate checks page paths on the cheap list; it must be the plan's pages, not an approximation."""
    from generator.site import pages
    assert [(p.path, p.at) for p in pages.page_list(real_kb)] == [(p.path, p.at) for p in plan(real_kb).pages]


@pytest.mark.parametrize(("path", "address"), [("index.md", ""), ("a.md", "a/"), ("a/index.md", "a/"),
                                               ("a/README.md", "a/"), ("a/b.md", "a/b/"), ("a/b.png", "a/b.png")])
def test_pages_are_compared_by_where_mkdocs_publishes_them(path: str, address: str) -> None:
    from generator.site.views import page_url
    assert page_url(path) == address


@pytest.mark.parametrize(("kinds", "line"), [
    (["gap"], "1 hiaat"),
    (["editorial", "gap", "remark", "gap"], "2 hiaten, 1 redactionele keuze en 1 opmerking"),
    (["inconsistency", "inconsistency", "editorial", "editorial"], "2 tegenstrijdigheden en 2 redactionele keuzes"),
    ([], ""),
])
def test_the_notes_of_a_record_are_counted_gaps_first(kinds: list[str], line: str) -> None:
    assert views.notes_line(kinds) == line


BODY_TEMPLATES = {"instrument.md.j2", "record.md.j2", "trajectory.md.j2", "context.md.j2"}


def test_a_record_page_shows_its_content_first_and_its_account_at_the_end(real_kb) -> None:  # type: ignore[no-untyped-def]
    """Under the title one quiet line, without counts, links to the Verantwoording: a collapsed <details> at the end
    that holds the sources and every note, gaps and inconsistencies first, and names every editorial field; the
    facts and the description come before it, and no editorial badge or note stands above it."""
    checked = set()
    for spec in plan(real_kb).pages:
        v = spec.context.get("v")
        if v is None:
            continue
        md = page_markdown(spec)
        body, _, end = md.partition('<details class="kb-verantwoording" data-search-exclude>')
        assert end and 'id="verantwoording"' in end, spec.path
        assert '<p class="kb-about" data-search-exclude><a href="#verantwoording">Over deze gegevens</a></p>' in body
        assert "admonition" not in body and "hiaat" not in body.lower() and "redactioneel" not in body, spec.path
        titles = re.findall(r'<p class="admonition-title">([^<(]+)', end)
        first = [n for n in v.record.notes if n.kind in ("gap", "inconsistency")]
        then = [n for n in v.record.notes if n.kind not in ("gap", "inconsistency")]
        assert [t.strip() for t in titles] == [views.NOTE_LABELS[n.kind] for n in first + then], spec.path
        # every fact, and the description, is above the account (where the page shows them as the body does)
        for fact in v.facts if spec.template in BODY_TEMPLATES else ():
            assert f"<dt data-search-exclude>{fact.label}" in body or f"## {fact.label}" in body, (spec.path, fact.label)
        for label in v.editorial_labels:
            assert label in end.partition("Door de redactie gekozen")[2].partition("</p>")[0], (spec.path, label)
        checked.add(spec.template)
    assert {"instrument.md.j2", "record.md.j2", "trajectory.md.j2", "context.md.j2"} <= checked


@pytest.mark.parametrize(("name", "several", "tag"), [
    ("Docentondersteuner (CTL, i-coach, ICTO-coach)", False, "Docentondersteuner CTL i-coach ICTO-coach"),
    ("School- of teamleider", False, "School of teamleider"),  # the title keeps every word
    ("Center for Teaching and Learning", True, "Center Teaching Learning"),
    ("College van Bestuur", True, "College Bestuur"),
    ("HR", True, "HR"), ("i-coach", True, "i-coach"),
])
def test_a_name_becomes_a_search_tag_of_its_own_words(name: str, several: bool, tag: str) -> None:
    from generator.site.pages import tag_words
    assert tag_words(name, several) == tag


def test_every_name_of_a_role_is_a_search_tag_multi_word_synonyms_too(real_kb) -> None:  # type: ignore[no-untyped-def]
    from generator.site.pages import search_names, search_tags
    role = real_kb.get("role", "docentondersteuner")
    assert "Center for Teaching and Learning" in search_names(role)
    tags = search_tags(real_kb, "role", role)
    assert "Center Teaching Learning" in tags and "CTL" in tags and "docentondersteuner" in tags
    assert len(tags) == len(search_names(role))


def test_the_coverage_page_lists_each_gap_and_inconsistency_with_a_link_to_its_record(real_kb) -> None:  # type: ignore[no-untyped-def]
    spec = next(p for p in plan(real_kb).pages if p.path == "bijdragen/dekking.md")
    html = python_markdown(page_markdown(spec).split("---\n", 2)[2])
    rows = re.findall(r'<tr>\n<td><a href="([^"]+)">[^<]+</a></td>\n<td>([^<]+)</td>\n<td>([^<]*)</td>\n</tr>', html)
    expected = [(views.url("bijdragen/dekking.md", views.record_path(real_kb.kind(r), r.id)), views.NOTE_LABELS[n.kind],
                 views.field_label(type(r), n.field))
                for kind in KINDS for r in real_kb.records(kind.name) for n in r.notes
                if n.kind in ("gap", "inconsistency")]
    assert rows == expected and len(rows) > 50
    assert html.count('<div class="kb-flags" data-search-exclude>') == len({k for k in KINDS for r in real_kb.records(k.name)
                                                                           if any(n.kind in ("gap", "inconsistency")
                                                                                  for n in r.notes)})
