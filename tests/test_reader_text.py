"""The text a reader reads in the built site (issue #18): no line of a list cut off mid-sentence with "…"."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.data import text

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
    assert len(re.findall(r"</a>(?:<sup[^>]*>\*</sup>)?: [A-Z]", role)) > 10
