"""The way to each instrument: repaired addresses only where the source shows the damage, a fallback on every
page, and `make linkcheck`'s dated status shown by the next build (checked over real HTTP, a local server)."""

from __future__ import annotations

import datetime
import html
import io
import re
from pathlib import Path

import pytest

from generator.adapters.cli import linkcheck
from generator.data import core
from generator.data.index import KnowledgeBase
from generator.site import reach, views
from tests.conftest import BuiltSite, run_cli
from tests.test_linkcheck import other_site  # noqa: F401  (the local HTTP server fixture)

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seed_addresses() -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    return " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def page(root: Path, rid: str) -> str:
    """The page's HTML with its character references read (the build writes ':' in text as '&#58;')."""
    path = root / views.page_url(views.record_path("instrument", rid)) / "index.html"
    return html.unescape(path.read_text(encoding="utf-8"))


def test_a_repair_only_where_the_source_shows_the_damage(real_kb: KnowledgeBase) -> None:
    """Each repaired address differs from the literal one by a fragment the sources give intact elsewhere,
    on the same site: WordPress's wp-content, or the same path."""
    seeds = seed_addresses()
    repaired = 0
    for record in real_kb.records("instrument"):
        for link in record.links:
            literal = "https://" + link.listed_as
            assert link.listed_as and link.listed_as in seeds, (record.id, link.listed_as)  # the source's own text
            if not reach.is_repaired(link):
                assert link.url == literal
                continue
            repaired += 1
            host = link.listed_as.split("/", 1)[0]
            new = [part for part in link.url.removeprefix("https://").split("/") if part not in literal.split("/")]
            assert len(new) == 1, (record.id, new)  # one part of the path changed
            assert f"/{new[0]}/" in seeds or f"/{new[0]}" in seeds, (record.id, new)
            assert any(host in m for m in re.findall(rf"\S*/{re.escape(new[0])}\S*", seeds)), (record.id, host)
            assert any(n.kind == "editorial" and n.field == "links" and "hersteld" in n.text for n in record.notes)
    assert repaired == 10  # eight wpcontent, the placemat's proeftuin-learning-analytics, DB's programme path


def test_every_instrument_page_has_its_addresses_and_a_way_onward(built_site: BuiltSite) -> None:
    kb = built_site.kb
    for record in kb.records("instrument"):
        text = page(built_site.root, record.id)
        if not record.links:
            assert 'id="naar-het-instrument"' not in text
            continue
        block = text[text.index('id="naar-het-instrument"'):]
        block = block[:block.index("</div>")]
        for link in record.links:
            assert f'href="{link.url}"' in block, record.id
            assert f'href="{reach.ARCHIVE}{link.url}"' in block, record.id
            if reach.is_repaired(link):
                assert f"in de bron staat <code>{link.listed_as}</code>" in block, record.id
        for programme in record.programmes:
            site = kb.get("programme", programme).links[0].url
            assert f'href="{site}"' in block, record.id
        assert "Werkt een link niet?" in block


def test_linkcheck_writes_a_dated_status_the_next_build_shows(project_copy: Path, other_site: str) -> None:  # noqa: F811
    data = project_copy / "data" / "instruments.yaml"
    text = data.read_text(encoding="utf-8")
    for rid, target in (("toolwiel", "ok"), ("placemat-online-didactiek", "weg")):
        start = text.index(f"- id: {rid}\n")
        url = re.compile(r"  - url: (\S+)\n").search(text, start)
        assert url is not None
        text = text[:url.start(1)] + f"{other_site}/{target}" + text[url.end(1):]
    data.write_text(text, encoding="utf-8")
    site = project_copy / "site"
    build = ("build", "--config", str(project_copy / "mkdocs.yml"), "--site-dir", str(site))
    assert run_cli(*build).code == 0
    out = io.StringIO()
    status = project_copy / "linkstatus.json"
    assert linkcheck.run([str(site), "--status", str(status), "--timeout", "2", "--max-time", "60"], out, io.StringIO()) == 0
    assert f"{other_site}/weg: HTTP-status 404" in out.getvalue()
    found = reach.read_status(status)
    today = reach.dutch_date(datetime.date.today().isoformat())
    assert found[f"{other_site}/ok"] == reach.Checked(today, True)
    assert found[f"{other_site}/weg"] == reach.Checked(today, False, "HTTP-status 404")
    result = run_cli(*build)
    assert result.code == 0, result.err
    assert f"Gecontroleerd op {today}: bereikbaar." in page(site, "toolwiel")
    assert f"Gecontroleerd op {today}: niet bereikbaar (HTTP-status 404)." in page(site, "placemat-online-didactiek")
    kb = core.read([core.DataDir(project_copy / "data")]).kb
    assert kb is not None  # an address the check never saw shows no line
    toolwiel = kb.get("instrument", "toolwiel")
    shown = reach.reach(kb, toolwiel, {"https://elders.example.org/": reach.Checked(today, True)})
    assert shown is not None and [w.checked for w in shown.ways] == [None]


def test_a_damaged_status_file_stops_the_build_with_a_dutch_message(project_copy: Path) -> None:
    (project_copy / "linkstatus.json").write_text('{"checked": "gisteren", "links": {}}', encoding="utf-8")
    result = run_cli("build", "--config", str(project_copy / "mkdocs.yml"), "--site-dir", str(project_copy / "site"))
    assert result.code != 0
    assert "linkstatus.json: het bestand met de uitkomst van de linkcontrole is beschadigd" in result.err
    assert "Traceback" not in result.err


def test_unchecked_addresses_are_left_out_of_the_status(tmp_path: Path, other_site: str) -> None:  # noqa: F811
    (tmp_path / "index.html").write_text(f'<a href="{other_site}/traag">traag</a>', encoding="utf-8")
    status = tmp_path / "status.json"
    linkcheck.run([str(tmp_path), "--timeout", "5", "--max-time", "0.3", "--status", str(status)],
                  io.StringIO(), io.StringIO())
    assert reach.read_status(status) == {}
