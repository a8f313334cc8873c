"""`kennisbank validate`: every problem at once, in Dutch, with a hint; exit codes 0, 1 and 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli
from .fixture_data import fixture_data

BROKEN = """\
instruments:
  - id: toolkit-blended-leren
    titel: Toolkit blended leren
    helps: 12
    sectors: [mbo, hbx]
    aims: informeren
    links: [{url: www.voorbeeld.nl/toolkit}]
    cite: [{document: impactanalys, section: Bijlage 4}]
  - id: toolkit-blended-leren
    title: Nog een toolkit
    helps: Je leert iets.
    cite: [{document: impactanalyse, section: Bijlage 4}]
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return fixture_data(tmp_path / "data")


def test_every_problem_is_reported_at_once_with_place_message_hint_and_code(data: Path) -> None:
    (data / "instruments.yaml").write_text(BROKEN, encoding="utf-8")
    (data / "examples.yaml").write_text((data / "examples.yaml").read_text(encoding="utf-8").replace(
        "category: coordinatiemodel", "category: coördinatiemodel"), encoding="utf-8")
    result = run_cli("validate", "--data", str(data))
    assert result.code == 1
    f, e = str(data / "instruments.yaml"), str(data / "examples.yaml")
    assert result.out.splitlines() == [
        f"{e}:17:5: concepts[0].category: 'coördinatiemodel' is geen toegestane waarde. Kies uit: "
        "'coordinatiemodel', 'proces', 'rol'. [not-allowed]",
        f"{f}:2:5: instruments[0]: het verplichte veld 'title' ontbreekt. Voeg 'title:' toe (Naam of titel, "
        "precies zoals in de bron). [missing-field]",
        f"{f}:3:5: instruments[0].titel: het veld 'titel' bestaat hier niet. Bedoel je 'title'? [unknown-key]",
        f"{f}:4:5: instruments[0].helps: verwacht tekst, gevonden een getal (12). Zet de waarde tussen "
        "aanhalingstekens: '12'. [wrong-type]",
        f"{f}:5:20: instruments[0].sectors[1]: er is geen sector met de id 'hbx'. Bestaande ids: 'mbo', 'po'. "
        "[unknown-reference]",
        f"{f}:6:5: instruments[0].aims: verwacht een lijst, gevonden tekst ('informeren'). Schrijf een lijst: "
        "elke waarde op een eigen regel met '- ' ervoor, of tussen [ ]. [wrong-type]",
        f"{f}:7:14: instruments[0].links[0].url: 'www.voorbeeld.nl/toolkit' heeft geen schema; toegestaan zijn "
        "http, https en mailto. Bedoel je 'https://www.voorbeeld.nl/toolkit'? [bad-url]",
        f"{f}:8:13: instruments[0].cite[0].document: er is geen bron met de id 'impactanalys'. Bedoel je "
        "'impactanalyse'? [unknown-reference]",
        f"{f}:9:5: instruments[1].id: de id 'toolkit-blended-leren' bestaat al ({f} regel 2). Kies een andere "
        "id; een id moet uniek zijn per soort. [duplicate-id]",
        "9 fout(en) gevonden.",
    ]


def test_json_gives_the_same_findings(data: Path) -> None:
    (data / "instruments.yaml").write_text(BROKEN, encoding="utf-8")
    text = run_cli("validate", "--data", str(data)).out.splitlines()[:-1]
    as_json = run_cli("validate", "--data", str(data), "--format", "json")
    found = json.loads(as_json.out)
    assert as_json.code == 1 and found["errors"] == len(text) == 8
    assert [f"{p['file']}:{p['line']}:{p['column']}: {p['path']}: {p['message']} {p['hint']} [{p['code']}]"
            for p in found["problems"]] == text


def test_clean_data_exits_zero(data: Path) -> None:
    result = run_cli("validate", "--data", str(data))
    assert (result.code, result.out) == (0, "Geen fouten: 28 records in orde.\n")  # two of them glossary entries


@pytest.mark.parametrize("args", [["--data", "bestaat-niet"], ["--extra", "bestaat-niet"],
                                  ["--content", "bestaat-niet"]])
def test_a_missing_folder_is_a_usage_error(data: Path, args: list[str]) -> None:
    result = run_cli("validate", "--data", str(data), *args)
    assert result.code == 2
    assert "'bestaat-niet'" in result.err and "bestaat niet" in result.err and result.out == ""


def test_an_unreadable_data_file_exits_two(data: Path) -> None:
    (data / "instruments.yaml").unlink()
    (data / "instruments.yaml").mkdir()
    result = run_cli("validate", "--data", str(data))
    assert result.code == 2
    assert "instruments.yaml: het bestand kan niet gelezen worden" in result.out
    # One error; the fixture's experience names an instrument, so one line says its reference is unchecked.
    assert result.out.rstrip().endswith("[unchecked-references]\n1 fout(en) gevonden.")


def test_a_duplicate_key_does_not_hide_the_other_problems_of_its_file(data_copy: Path) -> None:
    path = data_copy / "instruments.yaml"
    text = path.read_text(encoding="utf-8")
    first = "- id: theoretische-inzichten-leiderschap\n"
    assert first in text
    path.write_text(text.replace(first, first + "  titel: Dubbel\n  type: product\n", 1), encoding="utf-8")
    result = run_cli("validate", "--data", str(data_copy), "--format", "json")
    assert result.code == 1
    found = {(p["code"], p["path"]) for p in json.loads(result.out)["problems"]}
    assert ("duplicate-key", "instruments[0].type") in found
    assert ("unknown-key", "instruments[0].titel") in found


def test_validate_with_a_config_checks_the_additions_and_the_scope_that_the_build_uses(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tests/fixtures/institution/lokaal", tmp_path / "lokaal")
    local = tmp_path / "lokaal" / "instruments.yaml"
    local.write_text(local.read_text(encoding="utf-8").replace("sectors: [mbo]", "sectors: [mbx]"), encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'content'}\nplugins:\n  - search\n"
                      f"  - kennisbank:\n      data_dir: {ROOT / 'data'}\n      extra_data: [lokaal]\n"
                      "      scope:\n        sectors: [mbo, hbx]\n", encoding="utf-8")

    result = run_cli("validate", "--config", str(config), "--format", "json")

    assert result.code == 1
    found = {(p["code"], p["file"], p["line"]) for p in json.loads(result.out)["problems"]}
    assert ("unknown-reference", str(local), 10) in found  # the local addition, at its line
    assert ("scope-unknown", f"{config}: plugins.kennisbank", 0) in found
    assert run_cli("validate", "--data", str(ROOT / "data")).code == 0  # without the config neither is seen


def test_validate_with_a_config_takes_no_folders_of_its_own() -> None:
    result = run_cli("validate", "--config", str(ROOT / "mkdocs.yml"), "--extra", str(ROOT / "data"))
    assert result.code == 2
    assert "--config" in result.err
    missing = run_cli("validate", "--config", "bestaat-niet.yml")
    assert missing.code == 2 and "bestaat niet" in missing.err
