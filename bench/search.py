"""Search figures at one size: the site's search (Pagefind) and, as the baseline, the theme's former search (lunr).

- Pagefind: the indexer alone on the built site (``python -m generator.adapters.pagefind.searchindex``: wall
  time, peak memory of the indexer and of Pagefind's process), the size of ``pagefind/`` on disk.
- Baseline: the same project built with Material's search plugin and the theme's own header (a configuration
  beside mkdocs.yml that turns the plugin on and Pagefind off): build time, peak memory, ``search_index.json``.
- In Chromium, for each: the page loaded (network idle), then "/" and the query typed (20 ms a key); seconds from
  that first key until the first result shows, and the bytes the browser fetched in that time. The baseline
  fetches its whole index when the page loads; that is reported apart (``index_bytes_at_load``).
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from . import browser
from .build import VENV_BIN, _size, _timed, forget_reads

QUERY = "instrumenten"
BASELINE_CONFIG = "mkdocs-oude-zoek.yml"
ENGINES = {  # search box, first result
    "pagefind": ("input.kb-search__input", ".kb-search__result"),
    "lunr": ("input.md-search__input", ".md-search-result__item"),
}


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def pagefind_index(site: Path) -> dict[str, Any]:
    """The indexer alone on a built site: seconds, peak memory (MB, the larger of the indexer and Pagefind) and
    the index's size."""
    wall, _, peak, output = _timed([sys.executable, "-m", "generator.adapters.pagefind.searchindex", str(site)],
                                   Path(__file__).resolve().parent.parent)
    stats = json.loads(next(line for line in output.splitlines() if line.startswith("{")))
    return {"seconds_index": wall, "peak_mb": peak, "pagefind_peak_mb": stats["pagefind_peak_bytes"] / 2**20,
            "index_bytes": folder_bytes(site / "pagefind"), "pages": stats["pages"], "compounds": stats["compounds"]}


def baseline_build(project: Path, site: Path) -> dict[str, Any]:
    """The project built with the theme's former search: Material's search plugin on, its header, no Pagefind."""
    import material

    theme = project / "oude-zoek" / "partials"
    theme.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(material.__file__).parent / "templates" / "partials" / "header.html", theme / "header.html")
    (project / BASELINE_CONFIG).write_text(
        "INHERIT: mkdocs.yml\ntheme:\n  custom_dir: oude-zoek\nplugins:\n"
        "  - search:\n      lang: nl\n      fields:\n        tags: {boost: 1000}\n"
        "  - kennisbank:\n      data_dir: data\n      search_index: false\n", encoding="utf-8")
    shutil.rmtree(site, ignore_errors=True)
    forget_reads()
    wall, _, peak, _ = _timed([str(VENV_BIN / "mkdocs"), "build", "-q", "-f", str(project / BASELINE_CONFIG),
                               "-d", str(site)], project)
    return {"build_seconds": wall, "build_peak_mb": peak, "index_bytes": _size(site / "search" / "search_index.json")}


def first_results(site: Path, engine: str, timeout: float = 180) -> dict[str, Any]:
    """Seconds from the first key to the first result, and bytes fetched meanwhile, on the home page of ``site``."""
    box, result = ENGINES[engine]
    with browser.static_server(site) as base, browser.chromium() as chromium:
        page = chromium.new_page()
        fetched: list[tuple[float, str, int]] = []

        def finished(request: Any) -> None:
            try:
                size = request.sizes()["responseBodySize"]
            except Exception:  # noqa: BLE001 - a request without a body
                size = 0
            fetched.append((time.perf_counter(), request.url, size))

        page.on("requestfinished", finished)
        page.goto(base, wait_until="networkidle")
        loaded = sum(size for _, url, size in fetched if url.endswith("search_index.json"))
        start = time.perf_counter()
        page.keyboard.press("/")
        page.locator(box).press_sequentially(QUERY, delay=20)
        page.locator(result).first.wait_for(timeout=timeout * 1000)
        seconds = time.perf_counter() - start
        page.wait_for_timeout(300)  # requests still finishing for the results on screen
        during = [(t, size) for t, _, size in fetched if t >= start]
        return {"seconds": seconds, "bytes_first_query": sum(size for _, size in during), "requests": len(during),
                "index_bytes_at_load": loaded}


def measure(project: Path, site: Path, work: Path, say: Any) -> dict[str, Any]:
    """Every search figure of one size: ``site`` is the project's build with Pagefind."""
    out: dict[str, Any] = {}
    say(f"  zoeken: Pagefind-index apart ({site.name})")
    out["pagefind"] = pagefind_index(site)
    say("  zoeken: Pagefind in Chromium")
    out["pagefind"].update(first_results(site, "pagefind"))
    old = work / f"{site.name}-oude-zoek"
    say("  zoeken: bouw met de oude zoekfunctie (lunr)")
    out["lunr"] = baseline_build(project, old)
    say("  zoeken: oude zoekfunctie in Chromium")
    out["lunr"].update(first_results(old, "lunr"))
    shutil.rmtree(old, ignore_errors=True)
    return out


def lines(result: dict[str, Any]) -> list[str]:
    """The search figures as table lines, one per size and engine. Pagefind's index time and peak memory are the
    indexer's alone; the baseline's index is made inside the build, so its line shows the whole build's."""
    rows = ["zoeken    instrumenten  1e toets→1e resultaat  bytes 1e vraag      index op schijf  indexeren         piek"]
    for n, entry in sorted(result.get("search", {}).items(), key=lambda item: int(item[0])):
        for engine in ("pagefind", "lunr"):
            e = entry.get(engine)
            if not e or "seconds" not in e:
                continue
            if engine == "pagefind":
                made, peak = f"{e['seconds_index']:.1f} s", f"{e['peak_mb']:.0f} MB"
            else:
                made, peak = f"(bouw {e['build_seconds']:.0f} s)", f"(bouw {e['build_peak_mb']:.0f} MB)"
            loaded = f" +{e['index_bytes_at_load'] / 1e6:.1f} MB bij laden" if e.get("index_bytes_at_load") else ""
            rows.append(f"{engine:9} {int(n):>12}  {e['seconds']:>19.2f} s  {e['bytes_first_query'] / 1e3:>7.0f} kB{loaded:<20}"
                        f"  {e['index_bytes'] / 1e6:>11.1f} MB  {made:>14}  {peak:>14}")
    return rows
