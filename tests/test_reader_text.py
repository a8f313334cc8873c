"""The text a reader reads in the built site (issue #18): no line of a list cut off mid-sentence with "…"."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.data import text
from generator.site import views

from .conftest import BuiltSite


def article_text(page: Path) -> str:
    """The article of a built page as HTML, without the glossary's hover explanations."""
    source = page.read_text(encoding="utf-8")
    start = source.find("<article")
    if start < 0:
        return ""
    article = source[start:source.index("</article>", start)]
    return re.sub(r'<span class="kb-term__tip".*?</span>', "", article, flags=re.S)


def words(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def pages(site: BuiltSite) -> list[Path]:
    return sorted(p for p in site.root.rglob("*.html") if "pagefind" not in p.parts)


def test_a_list_line_is_the_first_sentence_whole() -> None:
    two = "Je leest hoe teams o.a. literatuurstudie doen. Daarna volgt meer."
    assert text.sentence("", two) == "Je leest hoe teams o.a. literatuurstudie doen."
    long_one = "Een zin " + "met heel veel woorden " * 8 + "die eindigt."
    assert len(long_one) > 140 and text.sentence("", long_one) == long_one  # whole, past the old 140
    assert text.sentence("Waar het je bij helpt, in één regel.", "Samenvatting.") == \
        "Waar het je bij helpt, in één regel."
    endless = "woord " * 100
    assert text.sentence("", endless).endswith("…") and len(text.sentence("", endless)) <= 240


@pytest.mark.build
def test_no_list_item_is_cut_off_with_an_ellipsis(built_site: BuiltSite) -> None:
    cut = [(str(p.relative_to(built_site.root)), words(li)[:120]) for p in pages(built_site)
           for li in re.findall(r"<li[^>]*>(.*?)</li>", article_text(p), re.S) if "…" in words(li)]
    assert cut == []
    # The lines are there: a role page lists records with their line after the name.
    role = article_text(built_site.root / "rollen" / "leraar" / "index.html")
    assert len(re.findall(r"</a>(?:<sup[^>]*>\*</sup>)?: [a-zA-Z]", role)) > 10


# English where Dutch has a word (issue #18), in our own text; the source's own words keep theirs.
ENGLISH = re.compile(r"\b(stakeholders?|commitment|self-assessment|job ?shadowing|position paper)\b", re.I)


def literal_texts(site: BuiltSite) -> list[str]:
    """What the pages quote or name as the source has it: learning goals, the source's questions, titles of
    documents and instruments (also as the reader's name), and the source's words the glossary explains."""
    kb = site.kb
    found = [g.title for g in kb.records("learning_goal")]
    found += [q for t in kb.records("leadership_theme") for q in t.questions]
    found += [q.quote for q in kb.records("question") if q.quote]
    found += [s.title for s in kb.records("source")]
    found += [name for i in kb.records("instrument") for name in (i.title, views.display_title("instrument", i))]
    found += [w for e in kb.records("glossary_entry") for w in (e.title, *getattr(e, "variants", ()))]
    found += [s for r in kb.by_key.values() for s in getattr(r, "synonyms", ())]
    return sorted({" ".join(t.split()) for t in found if t}, key=len, reverse=True)


@pytest.mark.build
def test_our_own_text_says_it_in_dutch(built_site: BuiltSite) -> None:
    literal = literal_texts(built_site)
    english = []
    for page in pages(built_site):
        article = re.sub(r"<(script|svg|style)\b.*?</\1>", "", article_text(page), flags=re.S)
        shown = words(article)
        for quoted in literal:
            shown = shown.replace(quoted, " ")
        english += [(str(page.relative_to(built_site.root)), shown[max(0, m.start() - 60):m.end() + 20])
                    for m in ENGLISH.finditer(shown)]
    assert english == []


@pytest.mark.build
def test_a_line_after_a_colon_goes_on_in_lower_case_unless_a_name_follows(built_site: BuiltSite) -> None:
    """In lists of links ("name: line"), in the steps of a role page ("Leer met anderen: ...") and in a question's
    lessons; what follows other labels (a field's name, "Bron:", "Begin hier:") is a name or the source's words."""
    capital = []
    for page in pages(built_site):
        article = article_text(page)
        # A link in a list and its line; a step's title and why; a lesson's trajectory and the lesson.
        for found in re.finditer(r"(?:<li><a [^>]*>[^<]*</a>(?:<sup[^>]*>\*</sup>)?|<li><strong>[^<]*</strong>|"
                                 r"</a></strong>): ([^<\s]+)", article):
            word = html.unescape(found.group(1))
            if word[0].isupper() and text.after_colon(word) != word:
                capital.append((str(page.relative_to(built_site.root)), article[found.start():found.end() + 40]))
    assert capital == []
    assert text.after_colon("Je leest hoe") == "je leest hoe"
    assert text.after_colon("Versnellingsplan over ict") == "Versnellingsplan over ict"  # a name
    assert text.after_colon("ICT-bekwaamheid in het mbo") == "ICT-bekwaamheid in het mbo"
