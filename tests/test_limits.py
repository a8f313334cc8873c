"""Limits before work, required files, symlinks (issue 15, cases 4, 6 and 7).

The slow or dangerous inputs run `kennisbank validate` in a child process with a time and memory limit, so
a regression fails the test instead of hanging or exhausting the machine.
"""

from __future__ import annotations

import os
import resource
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.data import core, load

from .conftest import ROOT, run_cli

KENNISBANK = (sys.executable, "-c", "from generator.adapters.cli.cli import main; main()")

MEMORY_LIMIT = 3 * 1024**3  # address space of the child; the bounded reader needs far less


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def validate_child(data: Path, timeout: float = 240) -> tuple[int, list[str], float, int]:
    """Exit code, output lines, seconds and peak memory (kB) of `kennisbank validate --data data` in a child."""
    start = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run([*KENNISBANK, "validate", "--data",
                           str(data)], cwd=data.parent, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=_limited, env={**os.environ, "PYTHONPATH": str(ROOT)})
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    lines = (proc.stdout + proc.stderr).splitlines()
    return proc.returncode, lines, time.monotonic() - start, peak


# --- case 4: limits --------------------------------------------------------------------------------------


def test_ten_megabytes_of_tiny_values_end_quickly_with_a_few_lines(data_copy: Path) -> None:
    (data_copy / "instruments.yaml").write_text("instruments: [" + "a," * 5_000_000 + "a]\n", encoding="utf-8")
    code, lines, seconds, peak_kb = validate_child(data_copy)
    assert code == 1, lines[-5:]
    assert len(lines) <= 12, lines[:15]
    assert any("meer dan 2.000.000 waarden" in line and "[file-too-large]" in line for line in lines), lines
    assert peak_kb < 1_500_000, f"{peak_kb} kB"
    assert seconds < 200


def test_many_problems_of_one_kind_are_counted_in_one_line(data_copy: Path) -> None:
    (data_copy / "instruments.yaml").write_text("instruments:\n" + "  - a\n" * 5_032, encoding="utf-8")
    result = run_cli("validate", "--data", str(data_copy))
    assert result.code == 1
    wrong = [line for line in result.out.splitlines() if "instruments.yaml" in line and "[wrong-type]" in line]
    assert len(wrong) == 51, len(wrong)
    assert "en nog 4.982 meldingen van dezelfde soort" in wrong[-1]
    assert len(result.out.splitlines()) < 80


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_data_file_that_is_no_regular_file_is_refused_without_hanging(data_copy: Path, kind: str) -> None:
    path = data_copy / "examples.yaml"
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    else:
        try:
            os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # the same device as /dev/zero
        except PermissionError:
            pytest.skip("making a device file needs root")
    code, lines, _, _ = validate_child(data_copy, timeout=120)
    assert code == 2, lines
    assert any("examples.yaml" in line and "geen gewoon bestand" in line for line in lines), lines


def test_the_size_cap_counts_the_bytes_read(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_FILE_BYTES", 1_000)
    loaded, problems = load.load_file(data_copy / "sources.yaml", "data/sources.yaml")
    assert loaded.data is None and [p.code for p in problems] == ["file-too-large"]
    assert "groter dan" in problems[0].message


# --- case 7: symlinks that lead out of the project -------------------------------------------------------


def test_a_data_file_linked_to_dev_zero_is_refused(data_copy: Path) -> None:
    (data_copy / "examples.yaml").unlink()
    (data_copy / "examples.yaml").symlink_to("/dev/zero")
    code, lines, seconds, _ = validate_child(data_copy, timeout=120)
    assert code == 1, lines
    assert any("examples.yaml" in line and "[outside-repository]" in line for line in lines), lines


def test_a_data_file_linked_out_of_the_project_is_not_read_nor_echoed(
        data_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elders")
    (elsewhere / "geheim.yaml").write_text("geheimwachtwoord123:\n  - x\n", encoding="utf-8")
    (data_copy / "sources.yaml").unlink()
    (data_copy / "sources.yaml").symlink_to(elsewhere / "geheim.yaml")
    result = run_cli("validate", "--data", str(data_copy))
    assert result.code == 1
    assert "geheimwachtwoord123" not in result.out + result.err
    assert "data/sources.yaml: dit bestand is een verwijzing (symlink)" in result.out
    # A link that stays inside the project is fine.
    (data_copy / "sources.yaml").unlink()
    shutil.copy(ROOT / "data" / "sources.yaml", data_copy.parent / "bronnen.yaml")
    (data_copy / "sources.yaml").symlink_to(data_copy.parent / "bronnen.yaml")
    assert run_cli("validate", "--data", str(data_copy)).code == 0


def test_a_page_linked_out_of_the_project_is_not_published(project_copy: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "geheim.md").write_text("# Geheim\n\ngeheimwachtwoord123\n", encoding="utf-8")
    (project_copy / "content" / "geheim.md").symlink_to(elsewhere / "geheim.md")
    site = project_copy / "site"
    result = run_cli("build", "--config", str(project_copy / "mkdocs.yml"), "--site-dir", str(site))
    assert result.code == 1
    assert "geheim.md" in result.err and "buiten het project" in result.err
    assert "geheimwachtwoord123" not in result.out + result.err
    assert not site.exists()


# --- case 6: every file of the main data folder is required ----------------------------------------------


def test_a_missing_data_file_is_an_error_that_names_it(data_copy: Path) -> None:
    (data_copy / "examples.yaml").unlink()
    result = run_cli("validate", "--data", str(data_copy))
    assert result.code == 1
    assert any(line.startswith(f"{core.display_name(data_copy / 'examples.yaml')}: het gegevensbestand "
                               "'examples.yaml' ontbreekt") and line.endswith("[missing-file]")
               for line in result.out.splitlines()), result.out
    assert "Geen fouten" not in result.out


def test_an_institution_folder_may_leave_files_out(data_copy: Path, tmp_path: Path) -> None:
    local = tmp_path / "lokaal"
    local.mkdir()
    for name in ("instruments.yaml", "sources.yaml"):  # and no other file
        shutil.copy(ROOT / "tests" / "fixtures" / "institution" / "lokaal" / name, local)
    result = run_cli("validate", "--data", str(data_copy), "--extra", str(local))
    assert result.code == 0, result.out


@pytest.mark.parametrize("how", ["missing", "not-utf8"])
def test_the_follow_on_errors_of_an_unreadable_file_are_one_line(data_copy: Path, how: str) -> None:
    sources = data_copy / "sources.yaml"
    if how == "missing":
        sources.unlink()
    else:
        sources.write_bytes(b"# caf\xe9 (Latin-1)\n" + sources.read_bytes())
    result = run_cli("validate", "--data", str(data_copy))
    assert result.code == 1
    lines = result.out.splitlines()
    assert len(lines) <= 4, lines[:10]
    assert any("sources.yaml" in line and ("[missing-file]" in line or "[not-utf8]" in line) for line in lines)
    summary = [line for line in lines if line.endswith("[unchecked-references]")]
    assert len(summary) == 1 and "naar bronnen zijn niet gecontroleerd" in summary[0], lines


def test_a_schema_file_that_is_a_pipe_does_not_hang_validate(data_copy: Path) -> None:
    schema_file = data_copy / "schema" / "sources.schema.json"
    schema_file.unlink()
    os.mkfifo(schema_file)
    code, lines, _, _ = validate_child(data_copy, timeout=120)
    assert code == 1, lines
    assert any("sources.schema.json" in line and "[schema-missing]" in line for line in lines), lines
