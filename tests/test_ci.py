"""The CI files: the same make targets as .ci/run, and validate findings as annotations."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import ROOT, run_cli
from .fixture_data import fixture_data

SCRIPT = ROOT / "scripts" / "ci-annotations.py"


def findings(tmp_path: Path) -> Path:
    """`kennisbank validate --format json` of data with two broken links, saved as CI saves it."""
    data = fixture_data(tmp_path / "data")
    shutil.copy(ROOT / "tests" / "cases" / "bad-input" / "unsafe-url" / "data" / "instruments.yaml", data)
    result = run_cli("validate", "--data", str(data), "--format", "json")
    assert result.code == 1
    saved = tmp_path / "validate.json"
    saved.write_text(result.out, encoding="utf-8")
    return saved


def annotate(target: str, saved: Path) -> str:
    done = subprocess.run([sys.executable, str(SCRIPT), target, str(saved)], capture_output=True, text=True,
                          check=True)
    return done.stdout


def test_github_gets_one_error_annotation_per_problem_at_its_line(tmp_path: Path) -> None:
    saved = findings(tmp_path)
    problems = json.loads(saved.read_text(encoding="utf-8"))["problems"]
    lines = annotate("github", saved).splitlines()
    assert len(lines) == len(problems) == 6
    pattern = re.compile(r"^::error file=([^,]+),line=(\d+),col=(\d+),title=kennisbank ([a-z-]+)::(.+)$")
    parsed = [pattern.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m[2], m[3], m[4]) for m in parsed if m] == [(str(p["line"]), str(p["column"]), p["code"])
                                                         for p in problems]
    assert lines[1].endswith("::instruments[0].links[0].url: 'javascript:alert(document.cookie)' heeft schema "
                             "'javascript:'; toegestaan zijn http, https en mailto. Gebruik een volledig adres, "
                             "bijvoorbeeld https://www.voorbeeld.nl/pagina.")


def test_gitlab_gets_a_code_quality_report(tmp_path: Path) -> None:
    report = json.loads(annotate("gitlab", findings(tmp_path)))
    assert len(report) == 6 and len({r["fingerprint"] for r in report}) == 6
    assert {r["check_name"] for r in report} == {"bad-url"}
    assert report[1]["location"]["lines"] == {"begin": 7} and report[1]["severity"] == "major"


def test_github_and_gitlab_run_validate_and_the_make_targets_of_ci_run() -> None:
    targets = re.findall(r"^make (\w+)", (ROOT / ".ci" / "run").read_text(encoding="utf-8"), re.MULTILINE)
    github = yaml.safe_load((ROOT / ".github" / "workflows" / "kennisbank.yml").read_text(encoding="utf-8"))
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    github_runs = "\n".join(step.get("run", "") for job in github["jobs"].values() for step in job.get("steps", []))
    gitlab_runs = "\n".join(line for job in gitlab.values() if isinstance(job, dict)
                            for line in job.get("script", []))
    for runs in (github_runs, gitlab_runs):
        for target in [*targets, "site"]:
            assert re.search(rf"^make {target}$", runs, re.MULTILINE), target
        assert "scripts/ci-annotations.py" in runs
        # validate reads the site's configuration, so an institution's additions and scope are checked too
        validates = re.findall(r"kennisbank validate (.*)", runs)
        assert validates and all('--config "${KENNISBANK_CONFIG:-mkdocs.yml}"' in v for v in validates), validates
        assert any("--format json" in v for v in validates)
    assert True in github and "pull_request" in github[True]  # PyYAML reads the key 'on' as true
    assert {"merge_request_event"} <= {r["if"].split("== ")[-1].strip('"') for r in gitlab["workflow"]["rules"]}


# Issue 15, case 9: a value with a line break, an escape character and a bidi mark, each where a message quotes it.
BREAKING = {"roles": ["leraar\nschool"], "sectors": ["mbo\x1b[31m"], "purposes": ["\u202eoorbeeld"]}
INVISIBLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def breaking_findings(tmp_path: Path) -> tuple[str, Path]:
    """`kennisbank validate` as text and as saved JSON, for data whose values would break a message's line."""
    data = fixture_data(tmp_path / "data")
    instruments = data / "instruments.yaml"
    loaded = yaml.safe_load(instruments.read_text(encoding="utf-8"))
    loaded["instruments"][0].update(BREAKING)
    instruments.write_text(yaml.safe_dump(loaded, allow_unicode=False, sort_keys=False), encoding="utf-8")
    as_text = run_cli("validate", "--data", str(data))
    as_json = run_cli("validate", "--data", str(data), "--format", "json")
    assert as_text.code == as_json.code == 1, as_text.err
    saved = tmp_path / "validate.json"
    saved.write_text(as_json.out, encoding="utf-8")
    return as_text.out, saved


def test_messages_never_carry_a_line_break_or_control_character_from_the_data(tmp_path: Path) -> None:
    out, saved = breaking_findings(tmp_path)
    problems = json.loads(saved.read_text(encoding="utf-8"))["problems"]
    assert len(problems) == 4, problems  # three unknown references, and the escape character itself
    lines = [line for line in out.splitlines() if line.startswith(str(tmp_path))]
    assert len(lines) == len(problems) and not INVISIBLE.search(out), out
    assert "'leraar\\nschool'" in out and "'mbo\\x1b[31m'" in out and "'\\u202eoorbeeld'" in out
    for target in ("github", "gitlab"):
        annotations = annotate(target, saved)
        assert not INVISIBLE.search(annotations) and "%0A" not in annotations, annotations
    github = annotate("github", saved).splitlines()
    assert len(github) == 4 and all(line.startswith("::error file=") for line in github), github
    assert any("'leraar\\nschool'" in line for line in github)
