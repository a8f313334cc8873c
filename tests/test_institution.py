"""An institution's own copy from one configuration file and one folder of additions: its name, tagline, logo,
favicon, colours, contact and accessibility statement; its local records merged, checked by the same rules and
labelled; and a site that works under a sub-path, with no absolute link except where the 404 page needs one."""

from __future__ import annotations

import html as htmllib
import posixpath
import re
from pathlib import Path

import pytest

from generator.data import core
from generator.site import views

from .conftest import ROOT, BuiltSite, run_cli
from .fixture_data import fixture_data
from .institution import SUBPATH, Copy, options

pytestmark = pytest.mark.build

LOCAL_INSTRUMENT = "roc-voorbeeld-gesprekskaart-bpv"
# Attributes that make a browser load something (an <a href> is only followed when a reader clicks it).
LOADING = re.compile(r'<(link|script|img|source|iframe)\b[^>]*?\b(href|src)="([^"]*)"')


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def record_url(kind: str, rid: str) -> str:
    return views.record_path(kind, rid).partition("#")[0].removesuffix(".md") + "/"


def text_of(html: str, pattern: str) -> str:
    match = re.search(pattern, html, re.DOTALL)
    assert match, pattern
    return htmllib.unescape(re.sub(r"<[^>]+>", "", " ".join(match.group(1).split()))).strip()


# --- local additions -------------------------------------------------------------------


def test_the_local_instrument_is_merged_and_shows_its_label(institution: Copy) -> None:
    page = read(institution.site, record_url("instrument", LOCAL_INSTRUMENT))
    assert "Aanvulling van: ROC Voorbeeld." in page
    local = institution.kb.get("instrument", LOCAL_INSTRUMENT)
    assert local.origin == "ROC Voorbeeld" and local.at.file.endswith("institution/lokaal/instruments.yaml")
    source = institution.kb.get("source", local.cite[0].document)
    assert "Aanvulling van: ROC Voorbeeld." in read(institution.site, record_url("source", source.id))
    upstream = [r for r in institution.kb.records("instrument") if r.id != LOCAL_INSTRUMENT]
    assert upstream
    for record in upstream:
        assert record.origin == core.UPSTREAM
        assert "Aanvulling van" not in read(institution.site, record_url("instrument", record.id)), record.id
    finder = read(institution.site, "instrumenten/")
    assert f'href="{LOCAL_INSTRUMENT}/"' in finder


@pytest.fixture
def upstream(tmp_path: Path) -> Path:
    return fixture_data(tmp_path / "data")


def local_folder(tmp_path: Path, instruments: str) -> Path:
    folder = tmp_path / "lokaal"
    folder.mkdir()
    (folder / "instruments.yaml").write_text(instruments, encoding="utf-8")
    return folder


BROKEN = """\
instruments:
  - id: eigen-instrument
    title: Eigen instrument
    helps: Je probeert iets uit in je eigen team.
    sectors: [mbo, mbx]
    colour: blauw
    cite:
      - document: impactanalyse
        section: "1"
  - id: tweede-instrument
    title: Zonder hulpregel
    cite:
      - document: verslag-werkgroep
        section: "2"
"""


def test_a_broken_local_file_is_reported_at_its_own_file_and_line(tmp_path: Path, upstream: Path) -> None:
    local = local_folder(tmp_path, BROKEN)
    result = core.read([core.DataDir(upstream), core.DataDir(local, label="ROC Voorbeeld")])
    assert result.kb is None
    name = core.display_name(local / "instruments.yaml")
    assert [(p.file, p.line, p.code, p.path) for p in result.problems] == [
        (name, 5, "unknown-reference", "instruments[0].sectors[1]"),
        (name, 6, "unknown-key", "instruments[0].colour"),
        (name, 10, "missing-field", "instruments[1]"),
        (name, 13, "unknown-reference", "instruments[1].cite[0].document"),
    ]


def test_a_local_yaml_error_names_the_local_file_and_line(tmp_path: Path, upstream: Path) -> None:
    local = local_folder(tmp_path, "instruments:\n  - id: x\n    title: [niet gesloten\n    helps: x\n")
    problems = core.read([core.DataDir(upstream), core.DataDir(local)]).problems
    assert [(p.file, p.line, p.code) for p in problems] == [
        (core.display_name(local / "instruments.yaml"), 4, "yaml-syntax")]


def test_a_broken_local_file_stops_the_build_and_keeps_the_published_site(tmp_path: Path, upstream: Path) -> None:
    local = local_folder(tmp_path, BROKEN.replace("mbx", "mbo").replace("    colour: blauw\n", "")
                         .replace("verslag-werkgroep", "handleiding").replace("    title: Zonder hulpregel\n",
                                                                             "    title: Met\n    helps: Ja.\n"))
    config = copy_config(tmp_path, upstream, "extra_data: [lokaal]")
    site = tmp_path / "site"
    assert run_cli("build", "--config", str(config), "--site-dir", str(site)).code == 0
    published = (site / "instrumenten" / "eigen-instrument" / "index.html").read_bytes()
    (local / "instruments.yaml").write_text(BROKEN, encoding="utf-8")
    result = run_cli("build", "--config", str(config), "--site-dir", str(site))
    assert result.code == 1
    assert f"{core.display_name(local / 'instruments.yaml')}:5:" in result.err
    assert "[unknown-reference]" in result.err and "[missing-field]" in result.err
    assert (site / "instrumenten" / "eigen-instrument" / "index.html").read_bytes() == published


def test_an_id_in_both_upstream_and_local_data_is_a_duplicate(tmp_path: Path, upstream: Path) -> None:
    local = local_folder(tmp_path, "instruments:\n  - id: toolkit-blended-leren\n    title: Onze toolkit\n"
                                   "    helps: Je ontwerpt een cursus.\n    cite:\n      - document: impactanalyse\n"
                                   "        section: '1'\n")
    problems = core.read([core.DataDir(upstream), core.DataDir(local, label="ROC Voorbeeld")]).problems
    assert [(p.file, p.line, p.code) for p in problems] == [
        (core.display_name(local / "instruments.yaml"), 2, "duplicate-id")]
    assert core.display_name(upstream / "instruments.yaml") in problems[0].message


def copy_config(folder: Path, data: Path, *plugin_lines: str, site: str = "") -> Path:
    """A copy's configuration on the upstream one, with ``data`` and the given plugin options."""
    config = folder / "mkdocs.yml"
    extra = "".join(f"      {line}\n" for line in plugin_lines)
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'content'}\n{site}"
                      f"plugins:\n  - kennisbank:\n      data_dir: {data}\n{extra}",
                      encoding="utf-8")
    return config


def test_without_local_label_the_folder_name_is_the_label_and_text_settings_show_as_text(
        tmp_path: Path, upstream: Path) -> None:
    local_folder(tmp_path, "instruments:\n  - id: eigen-instrument\n    title: Eigen instrument\n"
                           "    helps: Je probeert iets uit.\n    cite:\n      - document: impactanalyse\n"
                           "        section: '1'\n")
    config = copy_config(tmp_path, upstream, "extra_data: [lokaal]",
                         "contact: 'de servicedesk, telefoon 030 123 45 67'",
                         "accessibility: 'Deze site voldoet *gedeeltelijk*; zie [de verklaring](https://example.org/v).'")
    result = run_cli("build", "--config", str(config), "--site-dir", str(tmp_path / "site"))
    assert result.code == 0, result.err
    site = tmp_path / "site"
    assert "Aanvulling van: lokaal." in read(site, "instrumenten/eigen-instrument/")
    page = read(site, "toegankelijkheid/")
    assert text_of(page, r'<h2 id="contact">Contact</h2>\s*<p>(.*?)</p>').endswith(
        "Neem contact op: de servicedesk, telefoon 030 123 45 67.")
    assert '<p>Deze site voldoet <em>gedeeltelijk</em>; zie <a href="https://example.org/v">de verklaring</a>.</p>' \
        in page
    assert footer_links(read(site, "")) == [("Begrippen", "begrippen/"), ("Toegankelijkheid", "toegankelijkheid/"),
                                            ("Gegevens hergebruiken", "gegevens/"), ("Contact", "toegankelijkheid/")]


@pytest.mark.parametrize("line, refusal", [
    ("contact: '<b>redactie</b>'", "option 'contact': de tekst bevat HTML"),
    ("accessibility: '[verklaring](javascript:alert(1))'", "option 'accessibility': de link 'javascript:alert(1)'"),
    ("accessibility: 'https://verklaring'", "option 'accessibility': het adres 'https://verklaring' heeft geen geldige"),
])
def test_a_contact_or_accessibility_setting_readers_cannot_use_is_refused(
        tmp_path: Path, upstream: Path, line: str, refusal: str) -> None:
    result = run_cli("build", "--config", str(copy_config(tmp_path, upstream, line)), "--site-dir",
                     str(tmp_path / "site"))
    assert result.code == 1
    assert refusal in result.err
    assert "een instelling in de configuratie klopt niet" in result.err


def test_pages_without_directory_urls_are_refused_with_a_reason(tmp_path: Path, upstream: Path) -> None:
    config = copy_config(tmp_path, upstream, site="use_directory_urls: false\n")
    result = run_cli("build", "--config", str(config), "--site-dir", str(tmp_path / "site"))
    assert result.code == 1
    assert "use_directory_urls: false wordt niet ondersteund" in result.err


# --- the copy's own look and information ------------------------------------------------------


def footer_links(html: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav class="kb-footer-links"[^>]*>(.*?)</nav>', html, re.DOTALL)
    assert nav, "geen links in de voettekst"
    return [(htmllib.unescape(label), href) for href, label in re.findall(r'<a href="([^"]*)">([^<]*)</a>', nav[1])]


def test_the_copy_shows_its_own_name_tagline_logo_favicon_and_colours(institution: Copy) -> None:
    opts = options()
    home = read(institution.site, "")
    name = "Kennisbank ict in het onderwijs van ROC Voorbeeld"
    assert text_of(home, r"<title>(.*?)</title>").startswith(name)
    assert text_of(home, r"<h1[^>]*>(.*?)</h1>") == name
    assert text_of(home, r'<p class="kb-summary">(.*?)</p>') == opts["tagline"]
    assert re.search(r'<img src="instelling/logo.svg" alt="">', home)
    assert '<link rel="icon" href="instelling/favicon.svg">' in home
    assert (institution.site / "instelling" / "logo.svg").is_file()
    assert (institution.site / "instelling" / "favicon.svg").is_file()
    assert 'data-md-color-primary="custom"' in home and "indigo" not in home
    assert '<link rel="stylesheet" href="instelling/kleuren.css">' in home
    assert "--md-primary-fg-color: #00695c;" in (institution.site / "instelling" / "kleuren.css").read_text()


def test_upstream_keeps_its_defaults(built_site: BuiltSite) -> None:
    home = read(built_site.root, "")
    assert text_of(home, r'<p class="kb-summary">(.*?)</p>').startswith("Kennis en instrumenten voor professional")
    assert '<img src="assets/logo.svg" alt="">' in home and '<link rel="icon" href="assets/favicon.svg">' in home
    assert (built_site.root / "assets" / "logo.svg").is_file()
    assert 'data-md-color-primary="indigo"' in home
    assert footer_links(home) == [("Begrippen", "begrippen/"), ("Toegankelijkheid", "toegankelijkheid/"),
                                  ("Gegevens hergebruiken", "gegevens/")]
    page = read(built_site.root, "toegankelijkheid/")
    assert 'id="contact"' not in page and 'id="toegankelijkheidsverklaring"' not in page


def test_every_page_links_accessibility_data_and_contact_in_its_footer(institution: Copy) -> None:
    pages = sorted(institution.site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        if page.name == "404.html":
            continue
        here = page.parent.relative_to(institution.site).as_posix()
        links = footer_links(page.read_text(encoding="utf-8"))
        assert [(label, posixpath.normpath(posixpath.join(here, href)) if ":" not in href else href)
                for label, href in links] == [("Begrippen", "begrippen"), ("Toegankelijkheid", "toegankelijkheid"),
                                              ("Gegevens hergebruiken", "gegevens"),
                                              ("Contact", "mailto:kennisbank@example.org")], page


def test_the_accessibility_page_names_the_statement_and_the_contact(institution: Copy) -> None:
    page = read(institution.site, "toegankelijkheid/")
    assert text_of(page, r"<h1[^>]*>(.*?)</h1>") == "Toegankelijkheid"
    assert '<a href="https://www.toegankelijkheidsverklaring.nl/register/">toegankelijkheidsverklaring</a>' in page
    assert '<a href="mailto:kennisbank@example.org">kennisbank@example.org</a>' in page


# --- a sub-path ------------------------------------------------------------------------


def test_nothing_is_loaded_from_an_absolute_address_except_by_the_404_page(institution: Copy) -> None:
    for page in sorted(institution.site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for tag, _, url in LOADING.findall(html):
            if tag == "link" and re.search(rf'<link rel="canonical" href="{re.escape(url)}"', html):
                assert url.startswith("https://example.org/kennisbank/")  # names the page; nothing is loaded
                continue
            absolute = url.startswith(("/", "http:", "https:"))
            if page.name == "404.html":
                assert url.startswith(f"/{SUBPATH}/") or url.startswith("data:"), (page, url)
            else:
                assert not absolute, (page, url)
        for href in re.findall(r'<a\b[^>]*?\bhref="(/[^"]*)"', html):
            assert page.name == "404.html" and href.startswith(f"/{SUBPATH}/"), (page, href)
    for css in institution.site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            assert url.startswith("data:") or not url.startswith(("/", "http:", "https:", "//")), (css, url)


def test_the_404_page_is_dutch_and_loads_everything_from_the_sub_path(institution: Copy) -> None:
    page = (institution.site / "404.html").read_text(encoding="utf-8")
    assert text_of(page, r"<h1[^>]*>(.*?)</h1>") == "Pagina niet gevonden"
    loaded = [url for _, _, url in LOADING.findall(page)]
    assert loaded and all(u.startswith(f"/{SUBPATH}/") for u in loaded)
    assert f'href="/{SUBPATH}/."' in page  # the start page
