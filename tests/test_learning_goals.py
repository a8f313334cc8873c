"""Learning goals under a short title (issue #18): the whole goal as the source words it stays the page's first
paragraph, the short title is marked as the editors' (the source numbers the goals but names none), and each page
links to the trajectory that works on it, or says that the source does not tell."""

from __future__ import annotations

import html
import re

import pytest

from generator.data.index import KnowledgeBase
from generator.site import charts, views

from .conftest import BuiltSite

# Our own Dutch for the source's English word in a short title (issue #18: stakeholders -> belanghebbenden).
DUTCH_FOR = {"belanghebbenden": "stakeholders"}


def _words(s: str) -> list[str]:
    return [w for w in re.findall(r"\w+", s.lower()) if len(w) >= 4]


def test_every_learning_goal_has_a_short_title_in_the_words_of_the_goal(real_kb: KnowledgeBase) -> None:
    goals = real_kb.records("learning_goal")
    assert len(goals) == 11  # the verbinder's eleven (ixpact-trajecten, Bijlage 1)
    for goal in goals:
        assert goal.short and len(goal.short) <= charts.LABEL_CHARS, goal.id
        whole = set(_words(goal.title))
        words = _words(goal.short)
        found = [w for w in words if w in whole or DUTCH_FOR.get(w) in whole]
        assert len(found) >= 0.6 * len(words), (goal.id, goal.short)  # faithful: mostly the goal's own words
        # The source names no goal: the short title is the editors', and a note says so.
        assert "short" in goal.editorial, goal.id
        assert any(n.kind == "editorial" and n.field == "short" for n in goal.notes), goal.id
        assert views.display_title("learning_goal", goal) == f"Leerdoel {goal.number}: {goal.short}"
        assert charts.short_label(goal) == goal.short


def test_every_learning_goal_names_its_trajectory_or_says_the_source_does_not(real_kb: KnowledgeBase) -> None:
    for goal in real_kb.records("learning_goal"):
        linked = real_kb.out(goal, views.relation("learning_goal", "trajectories"))
        gap = [n for n in goal.notes if n.kind == "gap" and n.field == "trajectories"]
        assert linked or gap, goal.id
        if linked:  # ixpact-trajecten, Hoofdstuk 2, Inhoud: the trajectory is tailored to the verbinder's goals
            assert [t.id for t in linked] == ["traject-verbinders"]
            assert any("Hoofdstuk 2 (verbinders), Inhoud" in c.section for c in goal.cite), goal.id


def _text(fragment: str) -> str:
    """The words a reader reads, without the glossary's explanations of a word (shown on hover)."""
    fragment = re.sub(r'<span class="kb-term__tip".*?</span>', "", fragment, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


@pytest.mark.build
def test_a_learning_goal_page_shows_the_short_title_the_whole_goal_and_its_trajectory(built_site: BuiltSite) -> None:
    for goal in built_site.kb.records("learning_goal"):
        page = (built_site.root / "leerdoelen" / goal.id / "index.html").read_text(encoding="utf-8")
        article = page[page.index("<h1"):]
        h1 = article[:article.index("</h1>")]
        assert _text(h1) == f"Leerdoel {goal.number}: {goal.short}*"
        assert 'class="kb-ed"' in h1  # the editors' title, marked
        # The first paragraph after the way back is the whole goal, word for word.
        first = re.search(r'</nav>\s*<p[^>]*>(.*?)</p>', article, re.S)
        assert first and _text(first.group(1)) == goal.title, goal.id
        assert 'href="../../trajecten/traject-verbinders/"' in article, goal.id
    trajectory = (built_site.root / "trajecten" / "traject-verbinders" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="../../leerdoelen/{g.id}/"' in trajectory for g in built_site.kb.records("learning_goal"))
