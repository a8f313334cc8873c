"""The glossary (issue #18): data/glossary.yaml checked like every kind, the Begrippen page, and each word's first
use on a generated page explained in place (generator/site/glossary.py)."""

from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.data import core
from generator.data.index import build_index
from generator.data.model import Citation, GlossaryEntry
from generator.site import glossary

from .conftest import BuiltSite

# --- the data ----------------------------------------------------------------------------------------------------


def _edit(data: Path, old: str, new: str) -> int:
    """Replace ``old`` once in data/glossary.yaml; the number of the first line that changed."""
    path = data / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    same = 0
    while old.split("\n")[same] == new.split("\n")[same]:
        same += 1
    return text[:text.index(old)].count("\n") + 1 + same


LONG = "Een uitleg die veel te lang is. " * 12


@pytest.mark.parametrize(("old", "new", "code", "field", "words"), [
    ("      De mensen die het werk in het onderwijs zelf doen",
     "      " + LONG + "De mensen die het werk in het onderwijs zelf doen",
     "explanation-too-long", "explanation", "de grens is 300"),
    ("    title: vraagarticulatie\n", "    title: vraagarticulatie\n    variants: [CTL]\n", "duplicate-glossary-word",
     "variants[0]", "hoort al bij het begrip 'ctl'"),
    ("    variants: [uitvoerende]", "    variants: ['-']", "bad-glossary-word", "variants[0]", "geen woord"),
    ("    roles: [verbinder]", "    roles: [verbindr]", "unknown-reference", "roles[0]", "geen rol met de id"),
    ("    explanation: >-\n      Kennis en inzichten", "    uitleg: >-\n      Kennis en inzichten", "unknown-key",
     "uitleg", "uitleg"),
])
def test_a_wrong_entry_gets_a_dutch_message_with_file_line_and_field(data_copy: Path, old: str, new: str, code: str,
                                                                     field: str, words: str) -> None:
    line = _edit(data_copy, old, new)
    result = core.read([core.DataDir(data_copy)])
    found = [p for p in result.problems if p.code == code]
    assert len(found) == 1, [str(p) for p in result.problems]
    problem = found[0]
    assert problem.file.endswith("glossary.yaml")
    assert problem.line in (line - 1, line), (problem.line, line)  # the field's line (a block value: its key's)
    assert problem.path.endswith(field), problem.path
    assert words in problem.message, problem.message
    assert result.kb is None or code == "unknown-key"


def test_an_entry_without_an_explanation_or_source_is_refused(data_copy: Path) -> None:
    path = data_copy / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: kennisbenutting")
    end = text.index("  - id: vraagarticulatie")
    path.write_text(text[:start] + "  - id: kennisbenutting\n    title: kennisbenutting\n" + text[end:],
                    encoding="utf-8")
    result = core.read([core.DataDir(data_copy)])
    missing = [p for p in result.problems if p.code in ("missing-field", "no-source")]
    assert all(p.file.endswith("glossary.yaml") and p.line > 0 for p in missing)
    for field in ("explanation", "cite"):
        assert any(f"'{field}' ontbreekt" in p.message for p in missing), [str(p) for p in result.problems]
    assert all("Traceback" not in str(p) for p in result.problems)


def test_the_real_glossary_is_valid_and_marks_its_editorial_explanations(real_kb: object) -> None:
    entries = real_kb.records(glossary.KIND)  # type: ignore[attr-defined]
    assert len(entries) >= 20
    for word in ("uitvoerenden", "tertiair proces", "OWP", "CvB", "pdg", "iXperium", "designteam", "verbinder",
                 "CTL", "micro-meso-macro", "evidence-informed"):
        assert any(word == e.title for e in entries), word
    for entry in entries:
        assert entry.cite, entry.id
        if "explanation" in entry.editorial:  # the editors' reading says so, in a note on the same field
            assert any(n.kind == "editorial" and n.field == "explanation" for n in entry.notes), entry.id


# --- marking a page ----------------------------------------------------------------------------------------------


def _marker(*entries: tuple[str, str, tuple[str, ...], str], editorial: bool = False) -> glossary.Marker:
    cite = (Citation(document="impactanalyse-npuls", section="1"),)
    records = [("glossary_entry", GlossaryEntry(id=rid, title=title, variants=variants, explanation=explanation,
                                                cite=cite, editorial=("explanation",) if editorial else ()))
               for rid, title, variants, explanation in entries]
    return glossary.Marker(build_index(records))


CTL = ("ctl", "CTL", ("Center for Teaching and Learning",), "Center for Teaching and Learning.")
PDG = ("pdg", "pdg", (), "Pedagogisch-didactisch getuigschrift.")
UITVOERENDEN = ("uitvoerenden", "uitvoerenden", ("uitvoerende",), "Wie het werk zelf doet.")
TERM = re.compile(r'<span class="kb-term"><a class="kb-term__word" href="[^"]*" aria-describedby="kb-term-[a-z0-9-]+">'
                  r'(.*?)</a><span class="kb-term__tip" role="tooltip" id="kb-term-[a-z0-9-]+" data-pagefind-ignore>'
                  r'[^<]*</span></span>')


def unmarked(html: str) -> str:
    """The page as it was before marking: each mark replaced by the word it wraps."""
    return TERM.sub(lambda m: m.group(1), html)


def test_only_the_first_use_on_a_page_is_explained() -> None:
    page = "<p>Het CTL en nog eens het CTL.</p>\n<p>Een Center for Teaching and Learning, een CTL.</p>"
    marked = _marker(CTL).mark(page, "instrumenten/x.md")
    assert marked.count('class="kb-term"') == 1
    assert marked.startswith('<p>Het <span class="kb-term"><a class="kb-term__word" href="../../begrippen/#ctl" '
                             'aria-describedby="kb-term-ctl">CTL</a>')
    assert unmarked(marked) == page  # nothing else changed, byte for byte


def test_each_word_is_explained_once_and_whole_words_only() -> None:
    marker = _marker(CTL, PDG, UITVOERENDEN)
    page = ("<p>CTLs, xCTL en pdgx tellen niet; UITVOERENDEN ook niet.</p>"
            "<p>Uitvoerenden in een pdg-traject bij het CTL; uitvoerende, pdg.</p>")
    marked = marker.mark(page, "rollen/leraar.md")
    words = [m.group(1) for m in TERM.finditer(marked)]
    assert words == ["Uitvoerenden", "pdg", "CTL"]  # a sentence's capital is the word; a hyphen ends a word
    assert unmarked(marked) == page


def test_never_inside_tags_links_headings_code_svg_the_verantwoording_the_readers_choice_or_a_card() -> None:
    page = ('<h1 id="ctl">CTL</h1>\n<h2 id="over-het-ctl">Over het CTL</h2>\n'
            '<p title="CTL" data-x="a > CTL">Zie <a href="https://example.org/?q=CTL">het CTL</a>, '
            '<code>CTL</code>, <img alt="CTL"> en <abbr title="CTL">CTL</abbr>.</p>\n'
            '<meta name="kb-search-names" content="CTL">\n<!-- CTL -->\n'
            '<svg><title>CTL</title><text>CTL</text><a href="#"><text>CTL</text></a></svg>\n'
            '<details class="kb-verantwoording"><summary>Verantwoording</summary><p>CTL</p>'
            '<details><summary>Meer</summary><p>CTL</p></details><p>CTL</p></details>\n'
            '<p class="kb-chosen" data-search-exclude>Jouw keuze: <strong>CTL</strong></p>\n'
            '<div class="kb-cards kb-cards-questions"><ul><li><a href="#">Vraag</a><span>Begin hier: CTL</span></li>'
            '</ul></div>\n'
            '<p>Hier staat het CTL wel in de lopende tekst.</p>')
    marked = _marker(CTL).mark(page, "instrumenten/x.md")
    assert marked.count('class="kb-term"') == 1
    assert marked.endswith('<p>Hier staat het <span class="kb-term"><a class="kb-term__word" '
                           'href="../../begrippen/#ctl" aria-describedby="kb-term-ctl">CTL</a>'
                           '<span class="kb-term__tip" role="tooltip" id="kb-term-ctl" data-pagefind-ignore>'
                           'Center for Teaching and Learning.</span></span> wel in de lopende tekst.</p>')
    assert unmarked(marked) == page


def test_text_from_the_data_never_becomes_markup_in_a_mark() -> None:
    payload = '<script>alert(1)</script>" onmouseover="alert(2)\' <img src=x onerror=alert(3)> &amp; {{x}}'
    marker = _marker(("ctl", "CTL", ("<b>CTL</b>", 'CT"L'), payload), editorial=True)
    marked = marker.mark('<p>Het CTL, CT&quot;L en &lt;b&gt;CTL&lt;/b&gt;.</p>', "a.md")

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[tuple[str, tuple[str, ...]]] = []
            self.text = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))

        def handle_data(self, data: str) -> None:
            self.text += data

    parser = Tags()
    parser.feed(marked)
    assert parser.tags == [("p", ()), ("span", ("class",)), ("a", ("aria-describedby", "class", "href")),
                           ("span", ("class", "data-pagefind-ignore", "id", "role"))]
    assert payload + glossary.EDITORIAL_TIP in parser.text  # shown as the text it is, marked as the editors'
    assert "<script>" not in marked and "<img" not in marked


def test_a_page_without_glossary_words_is_returned_as_it_is() -> None:
    page = "<p>Niets om uit te leggen.</p>"
    assert _marker(CTL).mark(page, "index.md") is page
    assert glossary.Marker(build_index([])).mark(page, "index.md") is page


# --- the built site ----------------------------------------------------------------------------------------------


def _article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def test_the_begrippen_page_lists_every_word_with_its_explanation_and_source(built_site: BuiltSite) -> None:
    page = _article((built_site.root / "begrippen" / "index.html").read_text(encoding="utf-8"))
    entries = built_site.kb.records(glossary.KIND)
    ids = re.findall(r'<dt id="([a-z0-9-]+)">', page)
    assert sorted(ids) == sorted(e.id for e in entries)
    titles = [built_site.kb.get(glossary.KIND, i).title.casefold() for i in ids]
    assert titles == sorted(titles)  # alphabetical
    for entry in entries:
        start = page.index(f'<dt id="{entry.id}">')
        block = page[start:page.index("</dd>", start)]
        shown = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", block)).split())
        assert " ".join(entry.explanation.split()) in shown, entry.id
        for citation in entry.cite:
            assert f'href="../bronnen/{citation.document}/"' in block, (entry.id, citation.document)
            assert citation.section in shown, (entry.id, citation.section)
        if "explanation" in entry.editorial:
            assert 'class="kb-ed"' in block, entry.id
    assert 'class="kb-term"' not in page  # the page's own words are not marked


def test_the_begrippen_page_is_in_the_navigation_and_every_footer(built_site: BuiltSite) -> None:
    about = (built_site.root / "over" / "index.html").read_text(encoding="utf-8")  # the section "Over", opened
    nav = about[about.index('data-md-type="navigation"'):about.index('data-md-type="toc"')]
    assert 'href="../begrippen/"' in nav
    home = (built_site.root / "index.html").read_text(encoding="utf-8")
    footer = home[home.index("<footer"):]
    assert 'href="begrippen/"' in footer and ">Begrippen<" in footer


class _Marks(HTMLParser):
    """Each mark on a page, with the elements it stands in."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.marks: list[tuple[str, list[tuple[str, str]]]] = []  # (the tip's id, the elements around the mark)
        self.tips: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("class") == "kb-term__word":
            self.marks.append((values.get("aria-describedby") or "", list(self.stack)))
        if tag == "span" and values.get("role") == "tooltip":
            self.tips[values.get("id") or ""] = ""
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area"):
            self.stack.append((tag, values.get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass


FORBIDDEN = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "svg", "button", "label", "summary", "nav"}


def test_on_every_page_each_word_is_explained_at_most_once_and_never_inside_links_or_headings(
        built_site: BuiltSite) -> None:
    marked_pages = 0
    for path in sorted(built_site.root.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "kb-term__word" not in html:
            continue
        marked_pages += 1
        parser = _Marks()
        parser.feed(html)
        ids = [tip for tip, _ in parser.marks]
        assert len(ids) == len(set(ids)), (path, ids)  # once per page
        assert set(ids) <= set(parser.tips), path  # each describes itself with its own tooltip
        for tip, around in parser.marks:
            assert not FORBIDDEN & {tag for tag, _ in around}, (path, tip, around)
            assert not any("kb-verantwoording" in cls for _, cls in around), (path, tip)
            assert any(tag == "article" for tag, _ in around), (path, tip)  # in the page's content, not its frame
    assert marked_pages > 100
    assert "kb-term__word" not in (built_site.root / "instrumenten" / "index.html").read_text(encoding="utf-8")
