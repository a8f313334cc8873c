"""The self-scan's pages: their items are the profile's learning goals, competencies or tasks, as the data has them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.data import core
from generator.data.index import KnowledgeBase
from generator.site import pages, render, scan, views

from .conftest import BuiltSite


def _kb(data: Path) -> KnowledgeBase:
    result = core.read([core.DataDir(data)])
    assert result.kb is not None, [str(p) for p in result.problems]
    return result.kb


def _page_data(site: BuiltSite, profile: str) -> dict:
    html = (site.root / "zelfscan" / profile / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="kb-scan-data">(.*?)</script>', html, re.S)
    assert found, f"zelfscan/{profile}: no data for the script"
    return json.loads(found.group(1))


def _keys(s: scan.Scan) -> list[list[str]]:
    return [[i.key for i in a.items] for a in s.areas]


def test_the_verbinder_scan_has_the_eleven_learning_goals_under_their_areas(real_kb: KnowledgeBase) -> None:
    verbinder = scan.scan(real_kb, real_kb.get("profile", "verbinder"))
    areas = [a for a in real_kb.records("competence_area") if a.profile == "verbinder"]
    goals = real_kb.records("learning_goal")
    expected = {a.id: [g.id for g in sorted(goals, key=lambda g: g.number) if g.area == a.id] for a in areas}
    assert {a.key: [i.key for i in a.items] for a in verbinder.areas} == expected
    assert [i.key for a in verbinder.areas for i in a.items] == [f"leerdoel-{n}" for n in range(1, 12)]
    first = verbinder.areas[0].items[0]
    goal = real_kb.get("learning_goal", "leerdoel-1")
    assert first.label == f"Leerdoel 1: {goal.title.rstrip('.')}"  # the profile's own wording, whole
    assert verbinder.noun == "leerdoelen" and verbinder.count == 11
    # Each learning goal brings the questions (data/questions.yaml) that name it.
    for item in (i for a in verbinder.areas for i in a.items):
        asking = sorted(q.title for q in real_kb.records("question") if item.key in q.learning_goals)
        assert sorted(link.title for link in item.questions) == asking


def test_the_leadership_scan_has_the_competencies_under_their_domains(real_kb: KnowledgeBase) -> None:
    leader = scan.scan(real_kb, real_kb.get("profile", "leidinggevende"))
    competencies = real_kb.records("competency")
    for area in leader.areas:
        in_data = {c.id for c in competencies if c.area == area.key}
        assert {i.key for i in area.items} == in_data
        assert area.title == real_kb.get("competence_area", area.key).title
    assert sum(len(a.items) for a in leader.areas) == len(
        [c for c in competencies if real_kb.get("competence_area", c.area).profile == "leidinggevende"])
    assert leader.noun == "competenties"


def test_profiles_with_tasks_only_scan_their_tasks(real_kb: KnowledgeBase) -> None:
    for pid in ("procesbegeleider", "onderzoeker"):
        profile = real_kb.get("profile", pid)
        s = scan.scan(real_kb, profile)
        assert [i.label for a in s.areas for i in a.items] == list(profile.tasks)
        assert s.noun == "taken"


def test_a_profile_without_items_says_so_and_offers_what_exists(built_site: BuiltSite) -> None:
    kb = built_site.kb
    empty = [p for p in kb.records("profile") if not scan.has_items(kb, p)]
    assert empty, "the real data has a profile without items (the teacher framework)"
    for profile in empty:
        html = (built_site.root / "zelfscan" / profile.id / "index.html").read_text(encoding="utf-8")
        assert "is er geen zelfscan" in html
        assert 'id="kb-scan"' not in html and "zelfscan.js" not in html
        assert f'href="../../profielen/{profile.id}/"' in html


def test_the_built_page_is_a_checklist_of_the_items_with_links_and_data_for_the_script(built_site: BuiltSite) -> None:
    kb = built_site.kb
    for profile in kb.records("profile"):
        if not scan.has_items(kb, profile):
            continue
        s = scan.scan(kb, profile)
        html = (built_site.root / "zelfscan" / profile.id / "index.html").read_text(encoding="utf-8")
        # A fieldset with a legend and the five answers per item: what is printed without JavaScript.
        assert html.count('<fieldset class="kb-scan-item"') == s.count
        assert html.count("<legend>") == s.count
        for item in (i for a in s.areas for i in a.items):
            assert len(re.findall(rf'<input type="radio" name="{re.escape(item.key)}" value=', html)) == len(scan.SCALE)
            if item.page:
                target = item.page.url
                assert f'<a href="{target}">' in html
                assert (built_site.root / "zelfscan" / profile.id / target / "index.html").resolve().is_file()
        data = _page_data(built_site, profile.id)
        assert [[i["key"] for i in a["items"]] for a in data["areas"]] == _keys(s)
        assert [s_["label"] for s_ in data["scale"]] == [label for _, label, _ in scan.SCALE]
        assert data["onward"]["trajectories"], f"{profile.id}: a trajectory works on this profile"


def test_the_items_follow_the_data_when_it_changes(data_copy: Path) -> None:
    path = data_copy / "competencies.yaml"
    source = path.read_text(encoding="utf-8")
    # A twelfth learning goal in the verbinder's first area, a reworded one, and one task fewer.
    source = source.replace(
        "learning_goals:\n",
        "learning_goals:\n  - id: leerdoel-12\n    number: 12\n    area: verbinder-vragen-verhelderen\n"
        "    title: \"Een nieuw leerdoel over vragen & < 5 > aannames.\"\n    cite:\n"
        "      - document: ixpact-trajecten\n        section: Bijlage 1\n", 1)
    source = source.replace("impliciete aannames en veronderstellingen", "verborgen aannames", 1)
    source = source.replace("      - Het groepsproces begeleiden\n", "", 1)
    path.write_text(source, encoding="utf-8")
    kb = _kb(data_copy)
    verbinder = scan.scan(kb, kb.get("profile", "verbinder"))
    assert _keys(verbinder)[0] == ["leerdoel-1", "leerdoel-2", "leerdoel-12"]
    labels = [i.label for i in verbinder.areas[0].items]
    assert "verborgen aannames" in labels[1] and "impliciete" not in labels[1]
    proces = scan.scan(kb, kb.get("profile", "procesbegeleider"))
    assert "Het groepsproces begeleiden" not in [i.label for i in proces.areas[0].items]
    assert proces.count == len(kb.get("profile", "procesbegeleider").tasks)
    # The data for the script keeps the text as text: nothing in it can end the script element.
    encoded = str(scan.data(verbinder))
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert json.loads(encoded)["areas"][0]["items"][2]["label"] == "Leerdoel 12: Een nieuw leerdoel over vragen & < 5 > aannames"
    # The page escapes it too.
    spec = next(p for p in scan.pages(kb, {}) if p.path == scan.scan_path("verbinder"))
    markdown = render.render(spec.template, {**spec.context, "page_title": spec.title, "page_description": ""})
    assert "< 5 >" not in markdown and "&#60; 5 &#62;" in markdown


def test_the_scan_pages_are_reachable_from_home_and_the_role_pages(built_site: BuiltSite) -> None:
    root = built_site.root
    assert 'href="zelfscan/"' in (root / "index.html").read_text(encoding="utf-8")
    kb = built_site.kb
    for role in kb.records("role"):
        profiles = [p for p in kb.records("profile") if role.id in p.roles and scan.has_items(kb, p)]
        html = (root / "rollen" / role.id / "index.html").read_text(encoding="utf-8") if (
            root / "rollen" / role.id / "index.html").exists() else ""
        url = views.record_path("role", role.id).removesuffix(".md")
        html = (root / url / "index.html").read_text(encoding="utf-8")
        for p in profiles:
            assert f'href="../../zelfscan/{p.id}/"' in html, f"{role.id} links to the scan of {p.id}"
            guide = (root / "wegwijzer" / role.id / "index.html").read_text(encoding="utf-8")
            assert f'href="../../zelfscan/{p.id}/"' in guide, f"the guide's step for {role.id} links to {p.id}"
        if not profiles:
            assert "zelfscan/" not in html
    overview = (root / "zelfscan" / "index.html").read_text(encoding="utf-8")
    for p in kb.records("profile"):
        assert f'href="{p.id}/"' in overview


def test_every_scan_page_is_in_the_page_list(real_kb: KnowledgeBase) -> None:
    listed = {p.path for p in pages.page_list(real_kb)}
    assert {scan.PATH} | {scan.scan_path(p.id) for p in real_kb.records("profile")} <= listed
