"""The benchmark (`make bench`): the generator's stages, the full build and the browser, at several sizes.

For each size N (default 100, 1,000 and 10,000 instruments) a copy of the project gets synthetic but
realistic data (bench/synth.py) and is measured ``--runs`` times, each run in fresh processes and, but
for the second validate, with no data file read kept:

- every generator stage, the whole generator and the I/O floor (bench/stages.py);
- ``kennisbank validate`` as an editor runs it, after a change to the data and once more without one
  (large data files are then read from the cache, generator/data/cache.py);
- a cold ``mkdocs build``: time, peak memory, size of the site and of its search index.

Then the real site (a copy of this repository's data): its cold ``mkdocs build`` and, with ``mkdocs
serve`` and Chromium, how long an edited title takes to show; and the instrument finder of the
largest synthetic site in Chromium, clicked right after the page loads, and the time its search takes to
show the first results once the reader turns to it. The table and the goals are printed; every figure goes
to bench/results/ as JSON. Nothing is asserted: the numbers are reported against the goals.

    .venv/bin/python bench/run.py                 # 100, 1.000, 10.000; 3 runs
    .venv/bin/python bench/run.py --quick         # 100 and 1.000 only
    .venv/bin/python bench/run.py --sizes 100,2000 --runs 5 --no-browser
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from bench import browser, build, report, search, synth  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="numbers of instruments, comma-separated")
    parser.add_argument("--quick", action="store_true", help="only 100 and 1.000 instruments")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median and range)")
    parser.add_argument("--build-runs-large", type=int, default=1,
                        help="full builds at the largest size when it is over 5.000 instruments (a few minutes each)")
    parser.add_argument("--no-browser", action="store_true", help="leave out make serve and the finder")
    parser.add_argument("--no-real", action="store_true", help="leave out the real site")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument("--search-only", action="store_true",
                        help="only the search figures (Pagefind and the former search) at each size: one build each")
    args = parser.parse_args(argv)
    args.sizes = [100, 1000] if args.quick else [int(s) for s in args.sizes.split(",")]
    return args


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def attempt(result: dict[str, Any], key: str, measure: Callable[[], Any]) -> Any:
    """Run one measurement; a failure is recorded and reported, the rest goes on."""
    try:
        return measure()
    except Exception as err:  # noqa: BLE001 - reported in the results, never hidden
        result.setdefault("failures", {})[key] = f"{type(err).__name__}: {err}"[:2000]
        say(f"  mislukt: {key}: {type(err).__name__}: {str(err)[:300]}")
        return None


def measure_size(n: int, work: Path, runs: int, build_runs: int, result: dict[str, Any]) -> Path | None:
    """Every measurement at one size; the folder of the last built site."""
    project = work / f"n{n}"
    made = synth.make_project(project, n)
    figures: dict[str, list[float]] = {}
    entry: dict[str, Any] = {"instruments": n, "data_bytes": made.bytes, "distributions": made.origin}
    for run in range(runs):
        say(f"N={n}: generator, run {run + 1}/{runs}")
        build.forget_reads()  # every figure but validate_cli_warm is of data read as after a change
        one = attempt(result, f"stages-{n}", lambda: build.stage_pass(project / "data", work / "scratch"))
        if one:
            for name, value in {**one["stages"], "read": one["read"], "generator": one["generator"],
                                "io_floor": one["io_floor"]}.items():
                figures.setdefault(name, []).append(value)
            entry.update(pages=one["pages"], records=one["records"], markdown_bytes=one["bytes"],
                         largest_markdown=one["largest_page"])
        build.forget_reads()
        cli = attempt(result, f"validate-{n}", lambda: build.validate_cli(project))
        if cli is not None:
            figures.setdefault("validate_cli", []).append(cli)
        warm = attempt(result, f"validate-warm-{n}", lambda: build.validate_cli(project))  # the same data again
        if warm is not None:
            figures.setdefault("validate_cli_warm", []).append(warm)
    site = work / f"site{n}"
    for run in range(build_runs):
        say(f"N={n}: mkdocs build, run {run + 1}/{build_runs}")
        built = attempt(result, f"build-{n}", lambda: build.mkdocs_build(project, site))
        if built:
            figures.setdefault("build", []).append(built.seconds)
            figures.setdefault("build_cpu", []).append(built.cpu_seconds)
            entry.update({k: v for k, v in asdict(built).items() if k not in ("seconds", "cpu_seconds")})
    entry["times"] = {name: report.summary(values) for name, values in figures.items()}
    result["sizes"][str(n)] = entry
    return site if (site / "index.html").exists() else None


def measure_real(work: Path, runs: int, browser_too: bool, result: dict[str, Any]) -> None:
    project = work / "real"
    synth.make_project(project, None)
    real: dict[str, Any] = {}
    times = []
    for run in range(runs):
        say(f"echte site: mkdocs build, run {run + 1}/{runs}")
        built = attempt(result, "build-real", lambda: build.mkdocs_build(project, work / "site-real"))
        if built:
            times.append(built.seconds)
            real.update({k: v for k, v in asdict(built).items() if k not in ("seconds", "cpu_seconds")})
    if times:
        real["build"] = report.summary(times)
    if browser_too:
        say("echte site: make serve, titel wijzigen tot hij in Chromium staat")
        latencies = attempt(result, "serve-real", lambda: browser.serve_latency(project, edits=runs))
        if latencies:
            real["serve"] = report.summary(latencies)
    result["real"] = real


def measure_search_only(n: int, work: Path, result: dict[str, Any]) -> Path | None:
    """One build at size ``n`` and its search figures (``--search-only``)."""
    project = work / f"n{n}"
    synth.make_project(project, n)
    site = work / f"site{n}"
    say(f"N={n}: mkdocs build")
    built = attempt(result, f"build-{n}", lambda: build.mkdocs_build(project, site))
    if not built:
        return None
    result["sizes"][str(n)] = {"instruments": n, **asdict(built)}
    figures = attempt(result, f"search-{n}", lambda: search.measure(project, site, work, say))
    if figures:
        result.setdefault("search", {})[str(n)] = figures
        say(f"  {json.dumps(figures)}")
    return site


def main(argv: list[str]) -> int:
    args = arguments(argv)
    started = time.strftime("%Y-%m-%dT%H:%M:%S")
    clock = time.perf_counter()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kennisbank-bench-"))
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # kept reads (generator/data/cache.py): the bench's own
    result: dict[str, Any] = {
        "started": started, "command": " ".join([Path(sys.executable).name, "bench/run.py", *argv]),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_before": os.getloadavg()},
        "sizes": {},
    }
    say(f"werkmap {work}; belasting van de machine vooraf {os.getloadavg()[0]:.1f}")
    site = None
    try:
        for n in args.sizes:
            large = n > 5000
            if args.search_only:
                site = measure_search_only(n, work, result) or site
                continue
            site = measure_size(n, work, args.runs, args.build_runs_large if large else args.runs, result) or site
            if site is not None and site.name == f"site{n}" and not args.no_browser:
                figures = attempt(result, f"search-{n}", lambda: search.measure(work / f"n{n}", site, work, say))
                if figures:
                    result.setdefault("search", {})[str(n)] = figures
        if args.search_only:
            args.no_real = args.no_browser = True
        if not args.no_real:
            measure_real(work, args.runs, not args.no_browser, result)
        if site is not None and not args.no_browser:
            say(f"vinder in Chromium ({site.name})")
            finder = attempt(result, "finder", lambda: browser.finder_latency(site))
            if finder:
                result["finder"] = {"size": site.name.removeprefix("site"), **finder}
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    result["machine"]["load_after"] = os.getloadavg()
    result["seconds"] = time.perf_counter() - clock
    result["ratios"] = report.ratios(result)
    result["goals"] = report.goals(result)
    saved = report.save(result, RESULTS)
    print()
    print(f"Kennisbank-benchmark, {started}: {result['command']}")
    print(f"Machine: {os.cpu_count()} cpu's, Python {platform.python_version()}; belasting vooraf/achteraf "
          f"{result['machine']['load_before'][0]:.1f}/{result['machine']['load_after'][0]:.1f}")
    print()
    print(report.table(result))
    print()
    print("\n".join(search.lines(result)))
    print()
    print("Doelen:")
    print(report.goal_lines(result))
    for key, failure in result.get("failures", {}).items():
        print(f"  mislukt: {key}: {failure.splitlines()[0]}")
    print()
    print(f"Duur {result['seconds'] / 60:.1f} min; cijfers in {saved.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
