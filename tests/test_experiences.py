"""Experiences: records from the impact analysis's cases shown under "Ervaringen" on instrument pages, the links
to share one (GitHub issue form or GitLab template, the instrument filled in, the address a setting), and the
issue forms themselves, checked for valid syntax and the keys GitHub requires."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator.data.index import KnowledgeBase
from generator.site import experiences, views
from tests.conftest import ROOT, BuiltSite, run_cli

from .test_glossary import unmarked

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
FORMS = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
GITLAB = sorted((ROOT / ".gitlab" / "issue_templates").glob("*.md"))
# What GitHub accepts in an issue form's body (docs: "Syntax for GitHub's form schema").
FIELD_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def instrument_page(root: Path, rid: str) -> str:
    path = root / views.page_url(views.record_path("instrument", rid)) / "index.html"
    return html.unescape(path.read_text(encoding="utf-8"))


def test_the_cases_give_experiences_with_their_source(real_kb: KnowledgeBase) -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    [seed] = SEEDS.glob("004_*.txt")
    text = seed.read_text(encoding="utf-8")
    found = real_kb.records("experience")
    assert len(found) >= 10
    with_experience = {i for e in found for i in e.instruments}
    assert len(with_experience) >= 9
    for e in found:
        assert e.cite and all(c.document == "impactanalyse-npuls" for c in e.cite), e.id
        assert e.verdict in ("positief", "gemengd", "negatief"), e.id
        assert e.worked or e.not_worked, e.id
        assert "verdict" in e.editorial and "roles" in e.editorial, e.id  # the editors' reading, marked
        for c in e.cite:  # every section cited exists in the source
            number = c.section.split()[0]
            assert number in ("Bijlage", "4.1", "4.2", "4.3", "4.4", "4.5", "2.2"), c.section
        for rid in e.instruments:
            name = real_kb.get("instrument", rid).title
            words = [w for w in re.findall(r"\w+", name) if len(w) > 6 and w not in ("Product", "Publicatie")]
            assert any(w.lower() in text.lower() for w in words), (e.id, name)


def test_instrument_pages_show_experiences_and_the_share_links(built_site: BuiltSite) -> None:
    kb = built_site.kb
    for record in kb.records("instrument"):
        page = instrument_page(built_site.root, record.id)
        section = page[page.index('id="ervaringen"'):]
        section = unmarked(section[:section.index('class="kb-share"') + 600])  # without the glossary's marks
        found = experiences.for_instrument(kb, record, views.record_path("instrument", record.id))
        for e in found:
            assert e.link.title in section and e.situation in section, record.id
        if not found:
            assert "zeggen de bronnen nog niets" in section
        # No issue address in the project's own configuration: both links lead to the Bijdragen page.
        assert 'href="../../bijdragen/#ervaring-delen">Deel je ervaring</a>' in section, record.id
        assert 'href="../../bijdragen/#instrument-voorstellen">Stel een instrument voor</a>' in section
    bijdragen = html.unescape((built_site.root / "bijdragen" / "index.html").read_text(encoding="utf-8"))
    for anchor in ("ervaring-delen", "instrument-voorstellen", "van-issue-naar-record"):
        assert f'id="{anchor}"' in bijdragen
    raamwerk = instrument_page(built_site.root, "raamwerk-docentcompetenties-ict")
    assert "Het Raamwerk als basis voor het professionaliseringsaanbod" in raamwerk
    assert "Wat werkte:" in raamwerk and "Wat niet werkte:" in raamwerk


def test_an_institution_points_the_links_to_its_own_repository(project_copy: Path) -> None:
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - kennisbank:\n", "  - kennisbank:\n      issues_url: https://gitlab.example.org/school/kennisbank/-/issues/new\n", 1),
        encoding="utf-8")
    result = run_cli("build", "--config", str(config), "--site-dir", str(project_copy / "site"))
    assert result.code == 0, result.err
    page = instrument_page(project_copy / "site", "toolwiel")
    share = re.search(r'<a href="([^"]+)">Deel je ervaring</a>', page)
    assert share is not None
    address = urlsplit(share.group(1))
    assert (address.netloc, address.path) == ("gitlab.example.org", "/school/kennisbank/-/issues/new")
    assert parse_qs(address.query) == {"issuable_template": ["Ervaring delen"], "issue[title]": ["Ervaring: Product Toolwiel"]}
    assert "(een formulier op GitLab)" in page


def test_a_wrong_issue_address_is_refused_in_dutch(project_copy: Path) -> None:
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - kennisbank:\n", "  - kennisbank:\n      issues_url: javascript:alert(1)\n", 1), encoding="utf-8")
    result = run_cli("build", "--config", str(config), "--site-dir", str(project_copy / "site"))
    assert result.code != 0
    assert "is geen adres voor een nieuw issue" in result.err and "Traceback" not in result.err


def test_on_github_the_form_opens_with_the_instrument_filled_in(real_kb: KnowledgeBase) -> None:
    record = real_kb.get("instrument", "toolwiel")
    share = experiences.share(record, views.record_path("instrument", record.id),
                              {"issues_url": "https://github.com/school/kennisbank/issues/new"})
    query = parse_qs(urlsplit(share.experience).query)
    assert query == {"template": ["ervaring-delen.yml"], "title": ["Ervaring: Product Toolwiel"],
                     "instrument": ["Product Toolwiel (toolwiel)"]}
    assert parse_qs(urlsplit(share.proposal).query)["template"] == ["instrument-voorstellen.yml"]
    # The forms the links name exist, and the prefilled field is one of the form's own ids.
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / experiences.EXPERIENCE_FORM).read_text(encoding="utf-8"))
    assert "instrument" in {f.get("id") for f in form["body"]}
    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / experiences.PROPOSAL_FORM).is_file()
    for name in (experiences.EXPERIENCE_TEMPLATE, experiences.PROPOSAL_TEMPLATE):
        assert (ROOT / ".gitlab" / "issue_templates" / f"{name}.md").is_file()


@pytest.mark.parametrize("path", FORMS, ids=[p.name for p in FORMS])
def test_github_issue_forms_are_valid(path: Path) -> None:
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(form, dict)
    assert {"name", "description", "body"} <= set(form), path.name  # GitHub requires these top-level keys
    assert isinstance(form["name"], str) and isinstance(form["description"], str) and form["name"].strip()
    assert isinstance(form["body"], list) and form["body"]
    ids = [f["id"] for f in form["body"] if "id" in f]
    assert len(ids) == len(set(ids)), path.name  # ids are unique
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    assert any(f["type"] != "markdown" for f in form["body"])  # at least one field a person fills in
    for f in form["body"]:
        assert f["type"] in FIELD_TYPES, (path.name, f)
        attributes = f["attributes"]
        if f["type"] == "markdown":
            assert attributes["value"].strip() and "validations" not in f and "id" not in f
            continue
        assert attributes["label"].strip(), (path.name, f)
        if f["type"] in ("dropdown", "checkboxes"):
            options = attributes["options"]
            labels = [o["label"] if isinstance(o, dict) else o for o in options]
            assert labels and len(labels) == len(set(labels)), (path.name, f["id"])
        if "validations" in f:
            assert set(f["validations"]) <= {"required"}
    for key in ("title", "labels"):
        if key in form:
            assert isinstance(form[key], str if key == "title" else list)


@pytest.mark.parametrize("path", GITLAB, ids=[p.name for p in GITLAB])
def test_gitlab_issue_templates_ask_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    headings = re.findall(r"^### (.+)$", text, re.M)
    github = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / (
        experiences.EXPERIENCE_FORM if path.stem == experiences.EXPERIENCE_TEMPLATE else experiences.PROPOSAL_FORM)
    ).read_text(encoding="utf-8"))
    labels = [f["attributes"]["label"] for f in github["body"] if f["type"] not in ("markdown",)]
    assert labels and all(any(h.startswith(label.split(" (")[0][:12]) for h in headings) for label in labels), \
        (path.name, headings, labels)
    assert re.search(r"^/label ~[a-z-]+$", text, re.M)
