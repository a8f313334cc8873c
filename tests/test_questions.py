"""Readers' questions: the records, their checks, the "Begin hier" rules, and the guide's pages in a real build."""

from __future__ import annotations

import posixpath
import re
from collections import deque
from pathlib import Path

import pytest

from generator.data import core, questions
from generator.data.index import KnowledgeBase, relation
from generator.data.schema import RELATIONS_FROM

from .conftest import BuiltSite

LINK_FIELDS = [r.field for r in RELATIONS_FROM["question"]]


def test_there_are_25_to_40_questions_and_every_role_and_sector_has_some(real_kb: KnowledgeBase) -> None:
    found = real_kb.records("question")
    assert 25 <= len(found) <= 40
    for kind, field in (("role", "roles"), ("sector", "sectors")):
        for term in real_kb.records(kind):
            assert real_kb.back(term, relation("question", field)), f"geen vraag voor {kind} {term.id}"


def test_every_question_cites_a_source_and_marks_its_links_as_editorial(real_kb: KnowledgeBase) -> None:
    seeds = {s.id for s in real_kb.records("source") if getattr(s, "seed", "")}
    for q in real_kb.records("question"):
        assert q.cite and all(c.document in seeds and c.section for c in q.cite), q.id
        linked = [f for f in LINK_FIELDS if getattr(q, f)]
        assert linked, q.id
        assert set(linked) <= set(q.editorial), (q.id, set(linked) - set(q.editorial))
        assert q.answer


def test_a_quoted_question_is_the_leadership_themes_own_words(real_kb: KnowledgeBase) -> None:
    quoted = [q for q in real_kb.records("question") if q.quote]
    assert len(quoted) >= 10
    for q in quoted:
        themes = real_kb.out(q, relation("question", "leadership_themes"))
        assert any(q.quote in t.questions for t in themes), q.id


def test_six_to_eight_questions_stand_on_the_home_page_in_order(real_kb: KnowledgeBase) -> None:
    asked = questions.most_asked(real_kb)
    assert 6 <= len(asked) <= 8
    assert [q.front for q in asked] == sorted({q.front for q in asked})


# --- "Begin hier" ---------------------------------------------------------------------------------------------


def test_a_role_with_many_instruments_gets_at_most_three_that_fit_it_best_first(real_kb: KnowledgeBase) -> None:
    leraar = real_kb.get("role", "leraar")
    assert len(real_kb.back(leraar, relation("instrument", "roles"))) > 10  # a role with many instruments
    q = real_kb.get("question", "formatief-toetsen-met-ict")
    assert len(q.instruments) == 4
    picks = questions.begin_here(real_kb, q, role=leraar)
    assert len(picks) == questions.LIMIT
    assert [p.score for p in picks] == sorted((p.score for p in picks), reverse=True)
    assert all("leraar" in p.instrument.roles for p in picks)
    assert all(p.why.startswith("Voor ") and p.why.endswith(".") for p in picks)


def test_what_the_case_studies_found_decides_between_otherwise_equal_instruments(real_kb: KnowledgeBase) -> None:
    q = real_kb.get("question", "learning-analytics-gebruiken")
    picks = questions.begin_here(real_kb, q)
    assert [p.instrument.id for p in picks] == ["proeftuin-learning-analytics", "placemat-learning-analytics"]
    assert "abstract" in picks[1].why
    blended = questions.begin_here(real_kb, real_kb.get("question", "blended-onderwijs-in-het-team"))
    assert blended[0].instrument.id == "toolkit-blend-je-onderwijs"
    assert "praktisch" in blended[0].why


def test_a_sector_with_no_instruments_gets_none_for_any_question(real_kb: KnowledgeBase) -> None:
    po = real_kb.get("sector", "po")
    assert not real_kb.back(po, relation("instrument", "sectors"))  # a sector with none
    for q in real_kb.records("question"):
        assert questions.begin_here(real_kb, q, sector=po) == [], q.id


def test_an_instrument_for_other_sectors_is_never_where_an_mbo_reader_begins(real_kb: KnowledgeBase) -> None:
    mbo = real_kb.get("sector", "mbo")
    q = real_kb.get("question", "studenten-actiever-betrekken")
    assert questions.begin_here(real_kb, q)  # for hbo and wo there are instruments
    assert questions.begin_here(real_kb, q, sector=mbo) == []


def test_a_question_with_no_instrument_has_none_and_says_so(real_kb: KnowledgeBase) -> None:
    q = real_kb.get("question", "werkdruk-verlagen")
    assert not q.instruments
    assert questions.begin_here(real_kb, q) == []
    assert "geen instrument" in q.no_instrument


def test_the_guide_narrows_the_questions_by_role_and_sector(real_kb: KnowledgeBase) -> None:
    role, sector = real_kb.get("role", "schoolleider"), real_kb.get("sector", "hbo")
    found = questions.for_context(real_kb, role, sector)
    assert 0 < len(found) < len(real_kb.records("question"))
    assert all(questions.fits(real_kb, q, role, sector) for q in found)
    assert "blended-onderwijs-in-het-team" in [q.id for q in found]


# --- checks on the data ---------------------------------------------------------------------------------------


def _edit(data: Path, old: str, new: str) -> None:
    path = data / "questions.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "code", "words"), [
    ("quote: Hoe kan ik hen stimuleren om te experimenteren?", "quote: Hoe stimuleer ik experimenteren?",
     "quote-not-in-source", "staat niet letterlijk"),
    ("    lesson: 4\n", "    lesson: 9\n", "no-such-lesson", "les 9 bestaat niet"),
    ("    front: 8\n", "    front: 7\n", "duplicate-front", "plaats 7 op de voorpagina"),
    ("voor professionalisering.\n    no_instrument:", "voor professionalisering. Meer weten? Lees verder.\n    no_instrument:",
     "long-answer", "het antwoord heeft 5 zinnen"),
])
def test_a_wrong_question_gets_a_dutch_message_with_file_line_and_field(data_copy: Path, old: str, new: str,
                                                                         code: str, words: str) -> None:
    _edit(data_copy, old, new)
    result = core.read([core.DataDir(data_copy)])
    found = [p for p in result.problems if p.code == code]
    assert len(found) == 1, [str(p) for p in result.problems]
    assert found[0].file.endswith("questions.yaml") and found[0].line > 0
    assert words in found[0].message


def test_a_question_without_a_source_is_refused(data_copy: Path) -> None:
    path = data_copy / "questions.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: werkdruk-verlagen")
    cite = text.index("    cite:", start)
    end = text.index("    editorial:", cite)
    path.write_text(text[:cite] + text[end:], encoding="utf-8")
    result = core.read([core.DataDir(data_copy)])
    assert any(p.code in ("missing-field", "no-source") and "questions.yaml" in p.file for p in result.problems)


# --- the built site: reachable from the home page without JavaScript -------------------------------------------


_ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)
_HREF = re.compile(r'<a [^>]*href="([^"#?]*)[^"]*"')


def _links(site: Path, url: str) -> list[str]:
    """The pages the content of the page at ``url`` links to (not the theme's navigation)."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    article = _ARTICLE.search(html)
    assert article, url
    out = []
    for href in _HREF.findall(article.group(1)):
        if not href or "://" in href or href.startswith("mailto:"):
            continue
        target = posixpath.normpath(posixpath.join(url or ".", href))
        target = "" if target == "." else target.strip("/") + "/"
        if (site / target / "index.html").is_file():
            out.append(target)
    return out


def clicks_from_home(site: Path, depth: int) -> dict[str, int]:
    seen = {"": 0}
    todo = deque([""])
    while todo:
        url = todo.popleft()
        if seen[url] == depth:
            continue
        for target in _links(site, url):
            if target not in seen:
                seen[target] = seen[url] + 1
                todo.append(target)
    return seen


@pytest.mark.build
def test_every_question_page_is_at_most_three_clicks_from_the_home_page(built_site: BuiltSite) -> None:
    reached = clicks_from_home(built_site.root, 3)
    for q in built_site.kb.records("question"):
        assert f"vragen/{q.id}/" in reached, q.id


@pytest.mark.build
@pytest.mark.parametrize(("steps", "says"), [
    (["wegwijzer/leraar/", "wegwijzer/leraar/mbo/", "vragen/studenten-actiever-betrekken/"],
     ["Toolkit Blend je onderwijs", "Voor leraar en docentondersteuner in hbo en wo", "mbo"]),
    (["wegwijzer/schoolleider/", "wegwijzer/schoolleider/hbo/", "vragen/blended-onderwijs-in-het-team/"],
     ["Begin hier", "Toolkit Blend je onderwijs", "praktisch"]),
    (["wegwijzer/beleidsmaker/", "wegwijzer/beleidsmaker/alle/", "vragen/privacy-ethiek-en-ai/"],
     ["Voor privacy en ethiek noemen de bronnen geen instrument", "Proeftuin AI in het hoger onderwijs",
      "Voor po, vo en mbo noemen de bronnen bij deze vraag geen instrument", "Witte vlekken",
      "Een instrument voorstellen"]),
    (["wegwijzer/beleidsmaker/", "wegwijzer/beleidsmaker/alle/", "vragen/monitoring-en-portfolio/"],
     ["noemen geen instrument", "Witte vlekken", "Een instrument voorstellen"]),
])
def test_the_three_tasks_take_three_clicks_without_javascript(built_site: BuiltSite, steps: list[str],
                                                              says: list[str]) -> None:
    url = ""
    for step in steps:
        assert step in _links(built_site.root, url), f"geen link van /{url} naar /{step}"
        url = step
    html = (built_site.root / url / "index.html").read_text(encoding="utf-8")
    article = _ARTICLE.search(html)
    assert article
    plain = re.sub(r"<[^>]+>", "", article.group(1))
    for words in says:
        assert words in plain, (url, words)


@pytest.mark.build
def test_a_leadership_themes_questions_link_to_their_question_pages(built_site: BuiltSite) -> None:
    assert "vragen/team-meekrijgen/" in _links(built_site.root, "leiderschapsthemas/motiveren-en-professionaliseren/")
    assert "vragen/team-meekrijgen/" in _links(built_site.root, "rollen/schoolleider/")


def test_a_role_page_shows_its_first_questions_with_where_to_begin_and_folds_the_others(built_site: BuiltSite) -> None:
    from generator.site.questionpages import QUESTIONS_SHOWN

    kb = built_site.kb
    folded = 0
    for role in kb.records("role"):
        html = (built_site.root / "rollen" / role.id / "index.html").read_text(encoding="utf-8")
        asked = kb.back(role, relation("question", "roles"))
        if not asked:
            continue
        block = html[html.index('<div class="kb-questions"'):]
        block = block[:block.index("</div>")]
        assert block.count('class="kb-begin-line"') == min(len(asked), QUESTIONS_SHOWN), role.id
        for q in asked:  # every question still one click away
            assert f'href="../../vragen/{q.id}/"' in block, (role.id, q.id)
        if len(asked) > QUESTIONS_SHOWN:
            folded += 1
            assert f"<summary>Nog {len(asked) - QUESTIONS_SHOWN} vragen</summary>" in block
    assert folded, "geen rol met meer vragen dan er open staan"


def _plain(site: Path, url: str) -> str:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    article = _ARTICLE.search(html)
    assert article, url
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", article.group(1)))


@pytest.mark.build
def test_a_guide_step_without_questions_says_why_and_lists_the_roles_questions_from_other_sectors(
        built_site: BuiltSite) -> None:
    kb, checked = built_site.kb, 0
    for role in kb.records("role"):
        for sector in kb.records("sector"):
            if questions.for_context(kb, role, sector) or not questions.for_context(kb, role, None):
                continue
            url = f"wegwijzer/{role.id}/{sector.id}/"
            links = _links(built_site.root, url)
            for q in questions.for_context(kb, role, None):  # no dead end: each one click away
                assert f"vragen/{q.id}/" in links, (url, q.id)
            plain = _plain(built_site.root, url)
            assert "Gesteld voor" in plain, url
            if not kb.back(sector, relation("instrument", "sectors")):  # the sector's own remark says why
                remark = next(n.text for n in sector.notes if n.kind == "remark")
                assert re.sub(r"\s+", " ", remark).split(",")[-1].strip() in plain, url
            checked += 1
    assert checked, "de gegevens hebben een rol en sector zonder vragen"


@pytest.mark.build
def test_a_question_page_says_where_a_reader_of_each_sector_begins_when_that_differs(built_site: BuiltSite) -> None:
    kb, shown = built_site.kb, 0
    for q in kb.records("question"):
        general = [p.instrument.id for p in questions.begin_here(kb, q)]
        plain = _plain(built_site.root, f"vragen/{q.id}/")
        for sector in kb.out(q, relation("question", "sectors")):
            own = questions.begin_here(kb, q, None, sector)
            line = f"In het {sector.short}:"
            if own and [p.instrument.id for p in own] != general:
                assert line in plain, (q.id, sector.id)
                shown += 1
            else:
                assert line not in plain, (q.id, sector.id)
    assert shown, "geen vraag waar een sector ergens anders begint"


@pytest.mark.build
def test_no_page_counts_one_in_the_plural(built_site: BuiltSite) -> None:
    plural_one = re.compile(r"\b(?:[Aa]lle|De) 1 (?:instrumenten|instrument\b|hieronder|in de|hierboven)|\balle 1 hierboven")
    for page in built_site.root.rglob("index.html"):
        url = str(page.parent.relative_to(built_site.root))
        text = _plain(built_site.root, "" if url == "." else url)
        assert not plural_one.search(text), (url, plural_one.search(text))


@pytest.mark.build
def test_the_home_page_shows_the_roles_once_as_cards_and_once_as_a_short_list_to_their_pages(
        built_site: BuiltSite) -> None:
    html = (built_site.root / "index.html").read_text(encoding="utf-8")
    article = _ARTICLE.search(html)
    assert article
    compact = re.search(r'<nav aria-label="Alles over een rol" class="kb-compact-list">(.*?)</nav>', article.group(1), re.S)
    assert compact, "de korte lijst 'Alles over een rol' ontbreekt"
    links = _links(built_site.root, "")
    for role in built_site.kb.records("role"):
        assert f"wegwijzer/{role.id}/" in links, role.id  # the guide's first step, as a card
        assert f'href="rollen/{role.id}/">{role.title}</a>' in compact.group(1), role.id
        assert article.group(1).count(str(role.summary)[:40]) == 0, f"{role.id}: beschrijving staat dubbel"


@pytest.mark.build
def test_a_question_only_partly_covered_names_its_instruments_and_says_what_has_none(built_site: BuiltSite) -> None:
    kb, partly = built_site.kb, 0
    for q in kb.records("question"):
        if not (questions.begin_here(kb, q) and getattr(q, "no_instrument")):
            continue
        plain = _plain(built_site.root, f"vragen/{q.id}/")
        html = (built_site.root / "vragen" / q.id / "index.html").read_text(encoding="utf-8")
        assert re.sub(r"\s+", " ", q.no_instrument).split(":")[0] in plain, q.id
        assert 'href="../../samenhang/witte-vlekken/"' in html and 'href="../../bijdragen/#' in html, q.id
        partly += 1
    assert partly, "geen vraag met instrumenten die ook zegt waarvoor er geen is"


@pytest.mark.build
def test_a_question_page_names_every_sector_its_instruments_are_not_for(built_site: BuiltSite) -> None:
    kb, outside = built_site.kb, 0
    for q in kb.records("question"):
        own = [{s.id for s in kb.out(i, relation("instrument", "sectors"))} for i in kb.out(q, relation("question", "instruments"))]
        if not questions.begin_here(kb, q) or not all(own):
            continue
        missing = [s for s in kb.records("sector") if not any(s.id in o for o in own)]
        plain = _plain(built_site.root, f"vragen/{q.id}/")
        if missing:
            names = [str(s.short) for s in missing]
            said = " en ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
            assert f"Voor {said} noemen de bronnen bij deze vraag geen instrument" in plain, q.id
            asked = {s.id for s in kb.out(q, relation("question", "sectors"))}
            outside += any(s.id not in asked for s in missing)
    assert outside, "geen vraag die een sector noemt waarvoor ze niet gesteld is"


@pytest.mark.build
def test_a_guide_step_with_questions_also_leads_to_the_roles_questions_in_all_sectors(built_site: BuiltSite) -> None:
    assert "wegwijzer/leraar/alle/" in _links(built_site.root, "wegwijzer/leraar/po/")


@pytest.mark.parametrize(("text", "count"), [
    ("Een. Twee. Drie.", 3),
    ("Zie o.a. leerplatformen en bijv. apps. Dat is één zin meer.", 2),  # an abbreviation does not end a sentence
    ("Tabel 2.1 noemt het. \"Wat levert het op?\" Zo vraagt een docent", 3),  # a quote and a last one without stop
    ("", 0),
])
def test_sentences_are_counted_as_a_reader_sees_them(text: str, count: int) -> None:
    assert questions.sentences(text) == count


@pytest.mark.build
def test_a_question_page_puts_the_short_answer_first_and_the_rest_under_meer_uit_de_bronnen(
        built_site: BuiltSite) -> None:
    kb, detailed = built_site.kb, 0
    for q in kb.records("question"):
        assert questions.sentences(q.answer) <= questions.ANSWER_SENTENCES, q.id
        page = (built_site.root / "vragen" / q.id / "index.html").read_text(encoding="utf-8")
        article = _ARTICLE.search(page)
        assert article
        html = article.group(1)
        if q.details:
            detailed += 1
            assert html.index('class="kb-answer"') < html.index("Begin hier") < html.index("Meer uit de bronnen"), q.id
        else:
            assert "Meer uit de bronnen" not in html, q.id
    assert detailed, "geen vraag met meer uit de bronnen"
