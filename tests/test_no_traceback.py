"""No tracebacks (issue 15, case 5): ids that fit every page path, `generate --out` at a file or an impossible
place, and a full disk while building or generating, each answered in Dutch."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.data.schema import ID_PATTERN, MAX_ID_LENGTH

from .conftest import ROOT, run_cli

KENNISBANK = (sys.executable, "-c", "from generator.adapters.cli.cli import main; main()")


def test_an_id_longer_than_a_page_path_allows_is_refused(data_copy: Path) -> None:
    path = data_copy / "instruments.yaml"
    text = path.read_text(encoding="utf-8")
    long_id = "-".join(["heel-lang"] * 30)  # 299 characters: too long for a file name with '.md' or '/index.html'
    assert "- id: toolwiel\n" in text
    path.write_text(text.replace("- id: toolwiel\n", f"- id: {long_id}\n", 1), encoding="utf-8")
    result = run_cli("validate", "--data", str(data_copy))
    assert result.code == 1
    line = next(line for line in result.out.splitlines() if "[bad-id]" in line)
    assert re.match(r"data/instruments\.yaml:\d+:\d+: instruments\[\d+\]\.id: de id is 299 tekens lang; de grens is "
                    rf"{MAX_ID_LENGTH}\.", line.replace(str(data_copy.parent) + "/", "")), line


@pytest.mark.parametrize("title", [
    "a" * 79 + " bijna te lang",                    # the 80th character of the slug is a hyphen
    "Een instrument met een titel die veel langer is dan een id mag zijn, want ids worden bestandsnamen en "
    "webadressen van de pagina's",
])
def test_new_proposes_only_ids_its_validator_accepts(data_copy: Path, title: str) -> None:
    for attempt in (1, 2):  # the second time the id is taken: the proposal gets '-2' and still fits
        result = run_cli("new", "instrument", "--data", str(data_copy), "--yes", "--set", f"title={title}",
                         "--set", "cite.document=impactanalyse-npuls", "--set", "cite.section=2",
                         "--set", "helps=Een test.")
        assert result.code == 0, (attempt, result.err)
        made = re.search(r"instrument '([^']+)'", result.out)
        assert made is not None, result.out
        assert len(made.group(1)) <= MAX_ID_LENGTH and re.match(ID_PATTERN, made.group(1)), made.group(1)
    assert run_cli("validate", "--data", str(data_copy)).code == 0


def test_generate_to_a_file_or_an_impossible_place_is_a_usage_error(tmp_path: Path) -> None:
    existing = tmp_path / "bestand.txt"
    existing.write_text("van mij\n", encoding="utf-8")
    result = run_cli("generate", "--out", str(existing))
    assert result.code == 2 and "is een bestand, geen map" in result.err, result.err
    assert existing.read_text(encoding="utf-8") == "van mij\n"

    result = run_cli("generate", "--out", str(existing / "onder"))
    assert result.code == 2, result.err
    assert result.err.startswith("kennisbank: ") and "mislukt" in result.err

    result = run_cli("generate", "--out", "/proc/kennisbank-proef")
    assert result.code == 2 and result.err.startswith("kennisbank: "), result.err


def _in_small_disk(script: str, tmp_path: Path) -> tuple[str, str]:
    """Run ``script`` (sh) with $DISK a fresh 2 MB tmpfs in a private mount namespace; its output and errors."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is needed to mount a small disk")
    disk = tmp_path / "schijf"
    disk.mkdir()
    probe = subprocess.run(["unshare", "--mount", "--map-root-user", "sh", "-c",
                            'mount -t tmpfs -o size=2m tmpfs "$0"', str(disk)], capture_output=True)
    if probe.returncode:
        pytest.skip(f"no mount namespace here: {probe.stderr.decode(errors='replace').strip()}")
    proc = subprocess.run(["unshare", "--mount", "--map-root-user", "sh", "-c",
                           'DISK="$0"; mount -t tmpfs -o size=2m tmpfs "$DISK" || exit 99; ' + script, str(disk)],
                          capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert proc.returncode != 99, proc.stderr
    return proc.stdout, proc.stderr


def test_a_full_disk_during_the_build_is_told_in_dutch_and_leaves_nothing(project_copy: Path, tmp_path: Path) -> None:
    command = " ".join([*(f"'{part}'" for part in KENNISBANK), "build", "--config",
                        f"'{project_copy / 'mkdocs.yml'}'", "--site-dir", '"$DISK/site"'])
    out, err = _in_small_disk(f'{command}; echo "rc=$?"; echo "left:"; ls -A "$DISK"', tmp_path)
    assert out.split() == ["rc=2", "left:"], (out, err)  # no site, no temporary folder
    assert "Traceback" not in err
    assert err.startswith("kennisbank: schrijven in") and "de schijf is vol" in err, err


def test_a_full_disk_during_generate_is_told_and_the_next_run_takes_over(tmp_path: Path) -> None:
    command = " ".join([*(f"'{part}'" for part in KENNISBANK), "generate", "--out", '"$DISK/uit"'])
    out, err = _in_small_disk(f'{command}; echo "rc=$?"; mount -o remount,size=200m "$DISK"; {command}; '
                              'echo "rc=$?"', tmp_path)
    out += err
    assert "Traceback" not in out, out
    first, second = re.findall(r"rc=(\d+)", out)
    assert (first, second) == ("2", "0"), out
    assert "de schijf is vol" in out and "bestanden geschreven naar" in out, out
