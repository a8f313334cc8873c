"""The kennisbank command: exit codes and what it prints."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from .conftest import run_cli


def test_validate_on_the_real_data_exits_zero() -> None:
    result = run_cli("validate")
    assert result.code == 0, result.out
    assert result.out.startswith("Geen fouten")


def test_a_broken_copy_exits_one_and_names_file_and_line(data_copy: Path) -> None:
    contexts = data_copy / "contexts.yaml"
    contexts.write_text(contexts.read_text(encoding="utf-8").replace("  - id: verbinder\n", "  - id: verbinder\n"
                                                                      "    titel: Verbinder\n", 1), encoding="utf-8")
    result = run_cli("validate", "--data", str(data_copy))
    assert result.code == 1
    line = next(n for n, text in enumerate(contexts.read_text(encoding="utf-8").splitlines(), 1) if "titel:" in text)
    assert f"contexts.yaml:{line}:5: roles[1].titel: het veld 'titel' bestaat hier niet. Bedoel je 'title'?" \
        " [unknown-key]" in result.out


def test_json_output_carries_the_same_findings(data_copy: Path) -> None:
    (data_copy / "contexts.yaml").write_text("roles: {}\n", encoding="utf-8")
    result = run_cli("validate", "--data", str(data_copy), "--format", "json")
    findings = json.loads(result.out)
    assert result.code == 1
    assert {"code": "wrong-top-level", "line": 1, "column": 1, "path": "roles"}.items() <= next(
        p for p in findings["problems"] if p["file"].endswith("contexts.yaml")).items()


def test_wrong_usage_exits_two() -> None:
    assert run_cli("validate", "--format", "xml").code == 2
    assert run_cli().code == 2
    assert run_cli("onbekend").code == 2


def test_generate_writes_markdown_for_every_page(tmp_path: Path) -> None:
    result = run_cli("generate", "--out", str(tmp_path / "out"))
    assert result.code == 0, result.err
    assert (tmp_path / "out" / "index.md").is_file()
    assert (tmp_path / "out" / "rollen" / "verbinder.md").is_file()


def test_generate_again_replaces_its_own_files_and_removes_the_pages_of_records_that_are_gone(
        data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("generate", "--data", str(data_copy), "--out", str(out)).code == 0
    (out / "eigen.md").write_text("# Van een ander\n", encoding="utf-8")  # a page added since stays
    examples = data_copy / "examples.yaml"
    data = yaml.safe_load(examples.read_text(encoding="utf-8"))
    removed, kept = "het-telraam", "de-bongerd"
    for other in data_copy.glob("*.yaml"):  # the records that point at it let go first, so the data stay valid
        if other != examples:
            text = other.read_text(encoding="utf-8")
            other.write_text(re.sub(rf",\s*{removed}\b|\b{removed},\s*", "", text), encoding="utf-8")
    gone = out / "voorbeelden" / f"{removed}.md"
    assert gone.is_file()
    data["examples"] = [e for e in data["examples"] if e["id"] != removed]
    examples.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    result = run_cli("generate", "--data", str(data_copy), "--out", str(out))
    assert result.code == 0, result.err
    assert not gone.exists()
    assert (out / "eigen.md").read_text(encoding="utf-8") == "# Van een ander\n"
    assert (out / "voorbeelden" / f"{kept}.md").is_file()


def test_generate_writes_nothing_over_files_it_did_not_make(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "rollen").mkdir(parents=True)
    (out / "rollen" / "verbinder.md").write_text("# Met de hand\n", encoding="utf-8")
    result = run_cli("generate", "--out", str(out))
    assert result.code == 2
    assert "rollen/verbinder.md" in result.err and "niets geschreven" in result.err
    assert [p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()] == ["rollen/verbinder.md"]


def test_generate_never_writes_into_the_hand_written_pages_beside_the_data(data_copy: Path) -> None:
    content = data_copy.parent / "content"
    content.mkdir()
    (content / "over.md").write_text("# Over ons\n", encoding="utf-8")
    result = run_cli("generate", "--data", str(data_copy), "--out", str(content / "sub"))
    assert result.code == 2 and "content/" in result.err
    assert [p.name for p in content.rglob("*")] == ["over.md"]


def test_report_counts_records_per_kind() -> None:
    result = run_cli("report")
    assert result.code == 0
    assert "Rollen: 7 records" in result.out
