"""Figures → medians and ranges, ratios, goals, a printed table and a JSON file."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROWS = ("load", "validate", "index", "plan", "export", "render", "write", "read", "generator", "io_floor",
        "validate_cli", "validate_cli_warm", "build", "build_cpu")
NOISE = 0.05  # seconds: growth ratios of rows faster than this at the smaller size are mostly noise
LABELS = {
    "load": "load (load_file)", "validate": "validate", "index": "index (build_index)", "plan": "plan (pages.plan)",
    "export": "export (export.files)", "render": "render (write.markdown)", "write": "write files",
    "read": "core.read (load+validate+index)", "generator": "generator, load → write", "io_floor": "I/O floor",
    "validate_cli": "kennisbank validate (CLI)", "validate_cli_warm": "kennisbank validate, opnieuw (cache)",
    "build": "mkdocs build (full)",
    "build_cpu": "mkdocs build, CPU-seconden",
}


def summary(values: Sequence[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


def seconds(cell: dict[str, float] | None) -> str:
    if not cell:
        return "–"
    if cell["runs"] == 1:
        return f"{cell['median']:.3f}"
    return f"{cell['median']:.3f} [{cell['min']:.3f}–{cell['max']:.3f}]"


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def median(result: dict[str, Any], size: str, row: str) -> float | None:
    cell = result["sizes"].get(size, {}).get("times", {}).get(row)
    return cell["median"] if cell else None


def ratios(result: dict[str, Any]) -> dict[str, Any]:
    """generator ÷ I/O floor and ÷ full build per size; time(largest) ÷ time(next) for every row."""
    sizes = sorted(result["sizes"], key=int)
    out: dict[str, Any] = {"per_size": {}, "growth": {}}
    for size in sizes:
        out["per_size"][size] = {
            "generator_over_io_floor": ratio(median(result, size, "generator"), median(result, size, "io_floor")),
            "generator_over_build": ratio(median(result, size, "generator"), median(result, size, "build")),
        }
    for small, large in zip(sizes, sizes[1:]):
        key = f"{large}/{small}"
        out["growth"][key] = {"data": int(large) / int(small)}
        for row in ROWS:
            base = median(result, small, row)
            if base is not None and base >= NOISE:
                out["growth"][key][row] = ratio(median(result, large, row), base)
    return out


def goals(result: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(goal, measured, met) for every goal of the benchmark; met is None when not measured."""
    sizes = sorted(result["sizes"], key=int)
    largest = sizes[-1] if sizes else ""
    per = result["ratios"]["per_size"].get(largest, {})
    found: list[tuple[str, str, bool | None]] = []

    def add(goal: str, value: float | None, limit: float, fmt: str = "{:.2f}", why: str = "niet gemeten") -> None:
        found.append((goal, why if value is None else fmt.format(value), None if value is None else value <= limit))

    add(f"generator ≤ 3 × I/O-vloer (N={largest})", per.get("generator_over_io_floor"), 3, "{:.1f}×")
    add(f"generator < 5% van de volle build (N={largest})", per.get("generator_over_build"), 0.05, "{:.1%}")
    for key, growth in result["ratios"]["growth"].items():
        worst = max(((row, g) for row, g in growth.items() if row != "data" and g is not None),
                    key=lambda item: item[1], default=None)
        if worst:
            add(f"lineair: tijd ×{growth['data']:.0f} bij data ×{growth['data']:.0f} ({key}, slechtste: {worst[0]})",
                worst[1], growth["data"], "×{:.1f}")
    add(f"core.read < 1 s (N={largest})", median(result, largest, "read"), 1.0, "{:.2f} s")
    add(f"kennisbank validate < 1 s (N={largest})", median(result, largest, "validate_cli"), 1.0, "{:.2f} s")
    real = result.get("real", {})
    add("echte site: koude mkdocs build ≤ 5 s", (real.get("build") or {}).get("median"), 5.0, "{:.2f} s")
    add("make serve: wijziging zichtbaar ≤ 2 s (echte data)", (real.get("serve") or {}).get("median"), 2.0, "{:.2f} s")
    finder = result.get("finder", {})
    why = "niet gemeten" if not finder else "de vinderpagina heeft (nog) geen filters om aan te klikken"
    add(f"vinder: filter → lijst getekend ≤ 50 ms (N={finder.get('size', largest)})",
        finder.get("max_ms"), 50, "{:.0f} ms (slechtste klik)", why)
    if finder:
        found.append((f"vinder zonder JavaScript bruikbaar (N={finder['size']})",
                      f"{finder['page_bytes'] / 1e6:.2f} MB HTML, {finder['no_js_links']} links zichtbaar", None))
    search = result.get("search", {})
    if search:
        n = max(search, key=int)
        pagefind = search[n].get("pagefind", {})
        add(f"zoeken: eerste toets → eerste resultaten ≤ 0,5 s (N={n})", pagefind.get("seconds"), 0.5, "{:.2f} s")
        add(f"zoeken: bytes van de eerste zoekvraag ≤ 1 MB (N={n})",
            pagefind["bytes_first_query"] / 1e6 if "bytes_first_query" in pagefind else None, 1.0, "{:.2f} MB")
        add(f"zoeken: piekgeheugen indexeren ≤ 500 MB (N={n})", pagefind.get("peak_mb"), 500, "{:.0f} MB")
    return found


def table(result: dict[str, Any]) -> str:
    sizes = sorted(result["sizes"], key=int)
    head = ["seconden: mediaan [min–max]"] + [f"N={int(s):,}".replace(",", ".") for s in sizes]
    rows = [[LABELS[row]] + [seconds(result["sizes"][s].get("times", {}).get(row)) for s in sizes] for row in ROWS]
    rows.append(["pagina's (generator)"] + [str(result["sizes"][s].get("pages", "–")) for s in sizes])
    for key, label, scale, fmt in (("peak_mb", "piekgeheugen build (MB)", 1, "{:.0f}"),
                                   ("site_bytes", "site (MB)", 1e-6, "{:.1f}"),
                                   ("search_index_bytes", "zoekindex (MB)", 1e-6, "{:.1f}"),
                                   ("finder_bytes", "vinderpagina HTML (kB)", 1e-3, "{:.0f}"),
                                   ("largest_markdown", "grootste pagina Markdown (kB)", 1e-3, "{:.0f}")):
        rows.append([label] + [fmt.format(result["sizes"][s][key] * scale) if result["sizes"][s].get(key) is not None
                               else "–" for s in sizes])
    for s in sizes:
        per = result["ratios"]["per_size"][s]
        rows.append([f"N={s}: generator ÷ I/O-vloer, ÷ build"] + [""] * len(sizes))
        rows[-1][1] = _x(per["generator_over_io_floor"]) + ", " + _pct(per["generator_over_build"])
    for key, growth in result["ratios"]["growth"].items():
        rows.append([f"groei {key} (data ×{growth['data']:.0f})"] + [""] * len(sizes))
        rows[-1][1] = ", ".join(f"{row} {_x(g)}" for row, g in growth.items() if row != "data" and g is not None)
    return _grid([head] + rows)


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}×"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _grid(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows if i < len(r) and len(r[i]) < 60) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows)


def goal_lines(result: dict[str, Any]) -> str:
    mark = {True: "gehaald", False: "NIET gehaald", None: "–"}
    return "\n".join(f"  {mark[met]:<13} {goal}: {value}" for goal, value, met in result["goals"])


def save(result: dict[str, Any], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"bench-{result['started'].replace(':', '').replace('-', '')}.json"
    text = json.dumps(result, ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8")
    (folder / "latest.json").write_text(text + "\n", encoding="utf-8")
    return path
