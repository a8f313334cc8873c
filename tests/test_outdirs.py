"""Output folders (issue 15, case 2): `build --site-dir` and `generate --out` never empty or fill a folder
that is not theirs, and leave no temporary folder behind, also when stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.site import outdir

from .conftest import ROOT, run_cli

KENNISBANK = (sys.executable, "-c", "from generator.adapters.cli.cli import main; main()")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(project: Path, site: Path | str) -> tuple[int, str]:
    result = run_cli("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(site))
    return result.code, result.err


@pytest.mark.parametrize("which", ["content", "data", "project", "home", "around-home"])
def test_build_refuses_the_project_its_sources_and_the_home_folder(
        project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str) -> None:
    home = tmp_path / "thuis"
    (home / "documenten").mkdir(parents=True)
    (home / "documenten" / "brief.txt").write_text("van mij\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    target = {"content": project_copy / "content", "data": project_copy / "data", "project": project_copy,
              "home": home, "around-home": tmp_path}[which]
    before = _tree(target)
    code, err = _build(project_copy, target)
    assert code == 2, err
    assert err.startswith("kennisbank: ") and "Traceback" not in err
    assert ("is je thuismap" in err or "bevat je thuismap" in err or "projectmap" in err or "valt samen met" in err)
    assert _tree(target) == before
    assert not list(target.parent.glob(".site-*")) and not list(target.glob(".site-*"))


def test_build_refuses_the_root_folder_without_a_traceback_or_a_leftover(project_copy: Path) -> None:
    before = {p.name for p in Path("/").iterdir()}
    code, err = _build(project_copy, "/")
    assert code == 2 and "hoofdmap van het systeem" in err, err
    assert {p.name for p in Path("/").iterdir()} == before


def test_build_refuses_a_folder_with_files_it_did_not_make(project_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "publiek"
    target.mkdir()
    (target / "belangrijk.txt").write_text("niet weggooien\n", encoding="utf-8")
    code, err = _build(project_copy, target)
    assert code == 2 and "niet leeg" in err and "niet eerder door 'kennisbank build' gemaakt" in err, err
    assert _tree(target) == {"belangrijk.txt": b"niet weggooien\n"}
    assert not list(tmp_path.glob(".site-*"))


def test_build_replaces_its_own_site_also_one_built_before_the_mark_existed(project_copy: Path) -> None:
    site = project_copy / "site"
    code, err = _build(project_copy, site)
    assert code == 0, err
    assert (site / outdir.SITE_MARK).is_file()
    first = (site / outdir.SITE_MARK).read_bytes()
    assert b"pid" not in first  # a finished site names no process: two builds of the same sources are the same
    # A site from before the mark: recognised by MkDocs' home page beside this generator's data download.
    (site / outdir.SITE_MARK).unlink()
    (site / "oud.html").write_text("van de vorige bouw\n", encoding="utf-8")
    code, err = _build(project_copy, site)
    assert code == 0, err
    assert not (site / "oud.html").exists() and (site / outdir.SITE_MARK).read_bytes() == first
    assert not [p.name for p in project_copy.iterdir() if p.name.startswith(".site")]


def test_an_empty_or_new_folder_is_fine_and_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "leeg").mkdir()
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    kwargs = dict(roots=[], sources=[], own=lambda _: False, what="'kennisbank build'", option="--site-dir")
    assert outdir.check(tmp_path / "leeg", **kwargs) == (tmp_path / "leeg").resolve()  # type: ignore[arg-type]
    assert outdir.check(tmp_path / "nieuw" / "site", **kwargs)  # type: ignore[arg-type]
    with pytest.raises(outdir.Refused, match="is een bestand, geen map"):
        outdir.check(tmp_path / "bestand", **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("which", ["data", "content", "project", "home", "root"])
def test_generate_refuses_the_project_its_sources_home_and_root(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str) -> None:
    home = tmp_path / "thuis"
    home.mkdir()
    (home / "notities.md").write_text("# Mijn notities\n", encoding="utf-8")
    (data_copy.parent / "content").mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    target = {"data": data_copy, "content": data_copy.parent / "content", "project": data_copy.parent,
              "home": home, "root": Path("/")}[which]
    before = _tree(home), _tree(data_copy), {p.name for p in Path("/").iterdir()}
    result = run_cli("generate", "--data", str(data_copy), "--out", str(target))
    assert result.code == 2, result.err
    assert "Traceback" not in result.err and result.err.startswith("kennisbank: ")
    assert (_tree(home), _tree(data_copy), {p.name for p in Path("/").iterdir()}) == before


def test_generate_refuses_a_folder_with_files_it_did_not_make_but_keeps_filling_its_own(tmp_path: Path) -> None:
    foreign = tmp_path / "ander"
    foreign.mkdir()
    (foreign / "eigen.md").write_text("# Van een ander\n", encoding="utf-8")
    result = run_cli("generate", "--out", str(foreign))
    assert result.code == 2 and "niet leeg" in result.err, result.err
    assert _tree(foreign) == {"eigen.md": b"# Van een ander\n"}

    own = tmp_path / "uit"
    assert run_cli("generate", "--out", str(own)).code == 0
    assert run_cli("generate", "--out", str(own)).code == 0


def test_a_stopped_build_leaves_no_temporary_folder(project_copy: Path) -> None:
    """SIGTERM in the middle of a build (as a CI runner or `timeout` sends it): the temporary folder goes."""
    site = project_copy / "site"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen([*KENNISBANK, "build", "--config", str(project_copy / "mkdocs.yml"),
                             "--site-dir", str(site)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not list(project_copy.glob(".site-*/*")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before it could be stopped"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert "onderbroken" in err, err
    assert not [p.name for p in project_copy.iterdir() if p.name.startswith(".site")]
    assert not site.exists()


def test_temporary_build_folders_are_ignored_by_git() -> None:
    ignored = subprocess.run(["git", "check-ignore", "--no-index", ".site-abc123/index.html",
                              ".site-old-xyz/site/index.html"], cwd=ROOT, capture_output=True, text=True)
    assert ignored.stdout.split() == [".site-abc123/index.html", ".site-old-xyz/site/index.html"]


def test_only_the_marked_temporary_folders_of_dead_builds_count_as_left_over(tmp_path: Path) -> None:
    """What `kill -9` leaves is removed by the next build: our mark with a process that is gone, nothing else."""
    gone = subprocess.Popen(["true"])
    gone.wait()
    for name, pid in (("dood", gone.pid), ("levend", os.getpid())):
        (tmp_path / f".site-{name}").mkdir()
        (tmp_path / f".site-{name}" / outdir.SITE_MARK).write_text(f"pid {pid}\n", encoding="utf-8")
    (tmp_path / ".site-vreemd").mkdir()  # not ours: no mark
    (tmp_path / ".site-vreemd" / "index.html").write_text("x", encoding="utf-8")
    assert outdir.stale_builds(tmp_path) == [tmp_path / ".site-dood"]
