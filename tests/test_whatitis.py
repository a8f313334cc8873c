"""What an instrument is, where the sources say it, and nothing where they are silent; practice examples link
to instruments and their overview can be narrowed down by sector and role without JavaScript."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.data.index import KnowledgeBase
from generator.site import views
from tests.conftest import BuiltSite

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def page(root: Path, kind: str, rid: str) -> str:
    path = root / views.page_url(views.record_path(kind, rid)) / "index.html"
    return html.unescape(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("rid", "field", "words", "source"), [
    ("integrale-bewegingssensor", "resource", ("handreiking", "digitale tool", "gesprekskaarten", "praatplaat"),
     "bestaat uit diverse onderdelen, waaronder een handreiking, een digitale tool, gesprekskaarten en een praatplaat"),
    ("proeftuin-digitale-peerfeedback", "size", ("Vier bijeenkomsten",), "Tijdens een reeks van vier bijeenkomsten"),
    ("proeftuin-open-leermaterialen", "size", ("Zes begeleidende sessies",), "werkopdrachten, zes begeleidende sessies en een placemat"),
    ("kwaliteitsradar-onderwijskundig-ict-professional", "resource", ("vragenlijst", "visuele totaalgrafiek"),
     "ontstaat er een visuele totaalgrafiek"),
])
def test_what_it_is_comes_from_the_source(real_kb: KnowledgeBase, rid: str, field: str, words: tuple[str, ...],
                                          source: str) -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    [seed] = SEEDS.glob("004_*.txt")
    assert source in seed.read_text(encoding="utf-8")
    value = getattr(real_kb.get("instrument", rid), field).lower()
    assert all(w.lower() in value for w in words), (rid, value)


def test_what_it_is_shows_only_where_known(built_site: BuiltSite) -> None:
    shown = silent = 0
    for record in built_site.kb.records("instrument"):
        text = page(built_site.root, "instrument", record.id)
        assert "onbekend" not in text.lower(), record.id
        for field, label in (("resource", "Wat het is"), ("size", "Omvang"), ("year", "Jaar"), ("language", "Taal")):
            value = getattr(record, field)
            if value:
                assert f"<strong>{label}</strong>" in text and value in text, (record.id, field)
                shown += 1
            else:
                assert f"<strong>{label}</strong>" not in text, (record.id, field)
                silent += 1
    assert shown >= 20 and silent >= 20


def test_every_practice_example_links_to_an_instrument(built_site: BuiltSite) -> None:
    kb = built_site.kb
    examples = kb.records("example")
    assert examples
    for e in examples:
        assert e.instruments and "instruments" in e.editorial, e.id
        text = page(built_site.root, "example", e.id)
        for rid in e.instruments:
            assert f'/{views.KIND_BY_NAME["instrument"].url_dir}/{rid}/"' in text, e.id
        for product in e.products:  # the product the source gives, on the page
            assert product in text, e.id


def test_the_examples_overview_narrows_down_by_sector_and_role_without_javascript(built_site: BuiltSite) -> None:
    kb = built_site.kb
    text = html.unescape((built_site.root / "voorbeelden" / "index.html").read_text(encoding="utf-8"))
    choices = text[text.index('class="kb-choices"'):text.index("</nav>", text.index('class="kb-choices"'))]
    for kind, field in (("sector", "sectors"), ("role", "roles")):
        for term in kb.records(kind):
            having = [e for e in kb.records("example") if term.id in getattr(e, field)]
            anchor = f"{kind}-{term.id}"
            if not having:
                assert f'href="#{anchor}"' not in choices
                continue
            assert f'href="#{anchor}">{views.short(term)}</a> ({len(having)})' in choices
            section = text[text.index(f'id="{anchor}"'):]
            section = section[:section.index("</ul>")]
            assert sorted(re.findall(r'<a href="\.\./voorbeelden/([^/"]+)/"|<a href="([^/"]+)/"', section)) != []
            for e in having:
                assert f"{e.id}/" in section, (anchor, e.id)
