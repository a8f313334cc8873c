"""Timed subprocesses: a full ``mkdocs build`` (time, peak memory, site and search-index size) and the CLI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
TIME = Path("/usr/bin/time")
FINDER_PAGE = "instrumenten/index.html"
SEARCH_INDEX = "pagefind"  # the search index (generator/adapters/pagefind/searchindex.py): a folder of parts


@dataclass(frozen=True)
class Build:
    seconds: float
    cpu_seconds: float
    peak_mb: float
    site_bytes: int
    site_files: int
    search_index_bytes: int
    finder_bytes: int
    largest_page: tuple[str, int]


def env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def _timed(argv: list[str], cwd: Path) -> tuple[float, float, float, str]:
    """Run ``argv``; wall seconds, CPU seconds, peak resident MB and its output (it must succeed)."""
    wrapped = [str(TIME), "-f", "BENCH %e %U %S %M", *argv] if TIME.exists() else argv
    start = time.perf_counter()
    done = subprocess.run(wrapped, cwd=cwd, env=env(), capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    found = re.search(r"^BENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+)$", done.stderr, re.M)
    if not found:
        return wall, 0.0, 0.0, done.stdout + done.stderr
    cpu = float(found.group(2)) + float(found.group(3))
    return wall, cpu, int(found.group(4)) / 1024, done.stdout + done.stderr


def forget_reads() -> None:
    """Empty the cache of read data files (generator/data/cache.py): the next read parses, as after a change."""
    from generator.data import cache

    shutil.rmtree(cache.folder(), ignore_errors=True)


def mkdocs_build(project: Path, site: Path) -> Build:
    """A cold ``mkdocs build`` of ``project`` into ``site`` (removed first, no data read kept), as ``make site``
    runs it after a change to the data."""
    shutil.rmtree(site, ignore_errors=True)
    forget_reads()
    os.sync()  # earlier writes are flushed first, not paid for by this build (bench/stages.py says why)
    wall, cpu, peak, _ = _timed([str(VENV_BIN / "mkdocs"), "build", "-q", "-f", str(project / "mkdocs.yml"),
                                 "-d", str(site)], project)
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [(p.relative_to(site).as_posix(), p.stat().st_size) for p in files if p.suffix == ".html"]
    index = sum(p.stat().st_size for p in (site / SEARCH_INDEX).rglob("*") if p.is_file())
    return Build(wall, cpu, peak, sum(p.stat().st_size for p in files), len(files), index,
                 _size(site / FINDER_PAGE), max(pages, key=lambda item: item[1]))


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def validate_cli(project: Path) -> float:
    """Wall seconds of ``kennisbank validate`` in ``project``, as an editor runs it (imports included)."""
    wall, _, _, output = _timed([str(VENV_BIN / "kennisbank"), "validate"], project)
    if "Geen fouten" not in output:
        raise RuntimeError(f"kennisbank validate found problems:\n{output[-3000:]}")
    return wall


def stage_pass(data: Path, scratch: Path) -> dict[str, float]:
    """One generator pass (bench.stages) in a fresh process; its figures."""
    import json

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-m", "bench.stages", str(data), str(scratch)], cwd=root, env=env(),
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench.stages failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))
