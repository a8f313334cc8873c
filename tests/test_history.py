"""'Laatst gewijzigd' from git history, in a temporary git repository of its own."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.data import core
from generator.data.index import KnowledgeBase
from generator.site import history, pages, write

from .fixture_data import fixture_data

pytestmark = pytest.mark.skipif(not history.shutil.which("git"), reason="git is not installed")


def git(repo: Path, *args: str, when: str = "2026-11-23T10:00:00+01:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Redactie",
           "GIT_AUTHOR_EMAIL": "redactie@voorbeeld.nl", "GIT_COMMITTER_NAME": "Redactie",
           "GIT_COMMITTER_EMAIL": "redactie@voorbeeld.nl"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Fixture data committed on 23 November 2026, then one role changed on 5 January 2027.

    examples.yaml is left untracked.
    """
    repo = tmp_path / "repo"
    data = fixture_data(repo / "data")
    git(repo, "init", "-q")
    git(repo, "add", "--", *[f"data/{p.name}" for p in data.glob("*.yaml") if p.name != "examples.yaml"])
    git(repo, "add", "data/schema")
    git(repo, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "Eerste gegevens")
    contexts = data / "contexts.yaml"
    contexts.write_text(contexts.read_text(encoding="utf-8").replace(
        "summary: Je geeft leiding aan een school of team.", "summary: Je geeft leiding aan een school."),
        encoding="utf-8")
    git(repo, "-c", "commit.gpgsign=false", "commit", "-q", "-am", "Schoolleider", when="2027-01-05T23:30:00-05:00")
    return data


def read(data: Path) -> KnowledgeBase:
    kb = core.read([core.DataDir(data)]).kb
    assert kb is not None
    return kb


def changed(kb: KnowledgeBase, kind: str, rid: str) -> str:
    return str(history.record_extra(kb, kb.get(kind, rid), "")["last_changed"])


def test_each_record_gets_the_latest_commit_date_of_its_own_lines(repo: Path) -> None:
    kb = read(repo)
    assert changed(kb, "role", "schoolleider") == "5 januari 2027"  # in the committer's own time zone
    assert changed(kb, "role", "leraar") == "23 november 2026"  # the record just above the changed one
    assert changed(kb, "sector", "po") == "23 november 2026"  # the record just below it
    assert changed(kb, "instrument", "placemat-leiderschap") == "23 november 2026"


def test_uncommitted_lines_do_not_count_and_untracked_files_show_nothing(repo: Path) -> None:
    contexts = repo / "contexts.yaml"
    contexts.write_text(contexts.read_text(encoding="utf-8").replace("synonyms: [docent, leerkracht]",
                                                                     "synonyms: [docent, leerkracht, juf]"),
                        encoding="utf-8")
    kb = read(repo)
    assert changed(kb, "role", "leraar") == "23 november 2026"
    assert changed(kb, "example", "basisschool-de-linde") == ""
    assert changed(kb, "concept", "regiemodel") == ""


def test_without_git_or_outside_a_repository_nothing_is_shown(repo: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    outside = read(fixture_data(tmp_path / "elsewhere"))
    assert changed(outside, "role", "leraar") == ""
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    assert changed(read(repo), "role", "schoolleider") == ""


def test_git_blame_runs_once_per_data_file(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    trace = tmp_path / "git-trace.log"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    kb = read(repo)
    for records in kb.by_kind.values():
        for record in records:
            history.record_extra(kb, record, "")
    blamed = [line.rsplit(" -- ", 1)[-1] for line in trace.read_text().splitlines() if "git blame" in line]
    files_with_records = {Path(r.at.file).name for records in kb.by_kind.values() for r in records}
    assert sorted(blamed) == sorted(files_with_records)


def test_record_pages_show_the_date_in_the_sources_footer(repo: Path) -> None:
    kb = read(repo)
    by_path = {spec.path: write.markdown(spec) for spec in pages.plan(kb).pages}
    assert "Laatst gewijzigd: 5 januari 2027" in by_path["rollen/schoolleider.md"].split('class="kb-sources"')[1]
    assert "Laatst gewijzigd: 23 november 2026" in by_path["instrumenten/toolkit-blended-leren.md"]
    assert "Laatst gewijzigd" not in by_path["voorbeelden/basisschool-de-linde.md"]


def test_dutch_dates() -> None:
    assert [history.dutch_date(history.date(2026, m, 1)) for m in (1, 3, 12)] == [
        "1 januari 2026", "1 maart 2026", "1 december 2026"]


def test_in_a_shallow_clone_lines_of_the_cut_off_commit_have_no_date(repo: Path, tmp_path: Path) -> None:
    contexts = repo / "contexts.yaml"
    contexts.write_text(contexts.read_text(encoding="utf-8").replace("title: Primair onderwijs,", "title: Po,"),
                        encoding="utf-8")
    git(repo.parent, "-c", "commit.gpgsign=false", "commit", "-q", "-am", "Po", when="2027-02-01T12:00:00+01:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.parent}", str(clone)], check=True,
                   capture_output=True)
    (clone / "data" / "examples.yaml").write_bytes((repo / "examples.yaml").read_bytes())
    kb = read(clone / "data")
    assert changed(kb, "sector", "po") == "1 februari 2027"  # changed in the newest commit
    assert changed(kb, "role", "schoolleider") == ""  # the cut-off commit stands for all before it: unknown
    assert changed(kb, "role", "leraar") == ""
