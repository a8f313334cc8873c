"""Records per kind, against the counts established by reading the sources.

Where each number comes from (seed files in ../shared/seeds):
- learning goals: 11, numbered 1-11 in 000, Bijlage 1 (the eleven learning goals of the verbinder).
- leadership themes: 4 core themes, 000 ch. 4 "Inhoud" and the Bijlage 2 table.
- subthemes: 21 distinct entries in the third column of the 000 Bijlage 2 table.
- profiles: 5: leader (002 §3), verbinder (000 ch. 2, Bijlage 1), process facilitator and researcher
  (000 Bijlage 3), teacher framework named in 004 (Bijlage 4, "raamwerk docentcompetenties").
- competence areas: 10: 3 domains in 002 §3, 3 headings in 000 Bijlage 1, 4 dimensions in 004 Bijlage 4.
- competencies: 7 distinct rows in the 002 §3 table (8 rows, one repeated; the text says nine).
- trajectories: 3, the three trajectories listed in the introduction of 000.
- source documents: 5 seeds, plus 29 references cited by them: 26 from the list in 002 "6. Referenties"
  (all entries of that list; 18 were added after an audit of the list) and 3 known only from in-text
  citations in 000 (Van der Neut et al. 2020 and 2021, Hulsen et al. 2021).
- instruments: 47 rows in the four tables of 004 Bijlage 4 "Overzicht instrumenten" (13 + 14 + 16 + 4);
  the report itself says 48 were analysed, recorded as a visible inconsistency.
- programmes: 4 (Versnellingsplan, Doorpakken op Digitalisering, Digitaal Bekwaam, Npuls; 004).
- roles 7, sectors 5, purposes 4: the use contexts the site is organised by.
"""

from __future__ import annotations

import pytest

from generator.data.index import KnowledgeBase

EXPECTED = {
    "learning_goal": 11, "leadership_theme": 4, "subtheme": 21, "profile": 5, "competence_area": 10,
    "competency": 7, "trajectory": 3, "source": 34, "role": 7, "sector": 5, "purpose": 4,
}
PENDING = {"instrument": 47, "programme": 4}


@pytest.mark.parametrize(("kind", "count"), sorted(EXPECTED.items()))
def test_record_count_matches_the_sources(real_kb: KnowledgeBase, kind: str, count: int) -> None:
    assert len(real_kb.records(kind)) == count


@pytest.mark.parametrize(("kind", "count"), sorted(PENDING.items()))
def test_instrument_appendix_is_complete(real_kb: KnowledgeBase, kind: str, count: int) -> None:
    assert len(real_kb.records(kind)) == count


def test_learning_goals_are_numbered_one_to_eleven(real_kb: KnowledgeBase) -> None:
    assert sorted(g.number for g in real_kb.records("learning_goal")) == list(range(1, 12))  # type: ignore[attr-defined]
