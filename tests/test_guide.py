"""The editor guide: hand-written in content/, with a generated table of every check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.data.problems import CODES, FIXES
from generator.site import editorguide as guide

from .conftest import ROOT, run_cli
from .fixture_data import fixture_project


def test_every_code_has_a_fix_and_appears_in_exactly_one_group() -> None:
    assert FIXES.keys() == CODES.keys()
    listed = [code for _, rows in guide.groups() for code, _, _ in rows]
    assert sorted(listed) == sorted(CODES)
    assert all(fix and fix[0].isupper() and fix.endswith(".") for fix in FIXES.values())


@pytest.mark.build
def test_the_guide_links_to_a_built_table_of_all_checks(tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "project")
    result = run_cli("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    assert result.code == 0, result.err
    guide_html = (project / "site" / "bijdragen" / "index.html").read_text(encoding="utf-8")
    assert 'href="controles/"' in guide_html and 'href="dekking/"' in guide_html
    table = (project / "site" / "bijdragen" / "controles" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>\s*<td><code>([a-z0-9-]+)</code></td>", table)
    assert rows == [code for _, group in guide.groups() for code, _, _ in group]
    assert "data/instruments.yaml:42:17: instruments[3].sectors[1]:" in re.sub(r"&#(\d+);",
                                                                               lambda m: chr(int(m[1])), table)
    assert (ROOT / "content" / "bijdragen.md").is_file()
    assert not (ROOT / "content" / "bijdragen").exists()  # the generated part is never written into content/
