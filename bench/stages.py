"""One timed pass of the generator over a data folder, stage by stage, and the I/O floor beside it.

Run as ``python -m bench.stages DATA OUT`` it prints the timings as JSON; the benchmark starts it in a
fresh process for every run, so each pass is cold the way a build is (templates compiled, caches empty).

The stages are the generator's own functions, called as the MkDocs plugin calls them:
``core.read`` (load → validate → index, with the time spent in ``load_file`` and ``build_index``
measured inside it, so validation is the rest), ``pages.plan``, ``export.files``, ``write.markdown``
for every page (render) and writing the files (write). The I/O floor writes the same bytes to the same
paths, and reads the same data files, without anything else.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from generator.data import core
from generator.site import pages, write

STAGES = ("load", "validate", "index", "plan", "export", "render", "write")


class Clock:
    """Wall-clock seconds per stage, with time spent inside wrapped functions counted apart."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    @contextmanager
    def counting(self, module: Any, attribute: str, name: str) -> Iterator[None]:
        """Count the time spent in ``module.attribute`` as stage ``name`` (the function itself runs unchanged)."""
        function: Callable[..., Any] = getattr(module, attribute)

        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return function(*args, **kwargs)

        setattr(module, attribute, timed)
        try:
            yield
        finally:
            setattr(module, attribute, function)


def _export() -> Any:
    """The export module (open data files), if this version of the generator has one."""
    try:
        from generator.site import export
    except ImportError:
        return None
    return export if hasattr(export, "files") else None


def generate(data: Path, out: Path) -> dict[str, Any]:
    """Run the generator from ``data`` to Markdown files in ``out``; the seconds of every stage."""
    clock = Clock()
    export = _export()
    start = time.perf_counter()
    with clock.stage("read"), clock.counting(core, "load_file", "load"), clock.counting(core, "build_index", "index"):
        result = core.read([core.DataDir(data)])
    if result.kb is None:
        raise SystemExit("\n".join(str(p) for p in result.problems[:20]))
    # export.files runs inside pages.plan (its page shows the files' sizes): count it as export wherever it runs.
    with clock.counting(export, "files", "export") if export else nullcontext(), clock.stage("plan"):
        plan = pages.plan(result.kb)
        exports = getattr(plan, "exports", None)  # older generators: not in the plan
        if exports is None:
            exports = export.files(result.kb, {}) if export else {}
    with clock.stage("render"):
        render_all = getattr(write, "markdown_pages", None)  # older generators: page by page
        rendered = render_all(plan.pages) if render_all else [write.markdown(spec) for spec in plan.pages]
        texts = [(spec.path, text.encode("utf-8")) for spec, text in zip(plan.pages, rendered)]
    with clock.stage("write"):
        written = write_files(out, texts + list(exports.items()))
    total = time.perf_counter() - start
    s = clock.seconds
    s["validate"] = s["read"] - s["load"] - s["index"]
    s["plan"] -= s.get("export", 0.0)
    records = sum(len(v) for v in result.kb.by_kind.values())
    return {"stages": {name: s.get(name, 0.0) for name in STAGES}, "read": s["read"], "generator": total,
            "pages": len(plan.pages), "records": records, "bytes": written,
            "largest_page": max(len(t) for _, t in texts)}


def write_files(out: Path, files: list[tuple[str, bytes]]) -> int:
    """Write ``files`` below ``out``, creating folders; the number of bytes written."""
    made: set[Path] = set()
    total = 0
    for path, content in files:
        target = out / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(content)
        total += len(content)
    return total


def io_floor(data: Path, out: Path, files: list[tuple[str, bytes]]) -> float:
    """Seconds to read the data files and write ``files`` below ``out``: no parsing, no templating."""
    start = time.perf_counter()
    for path in sorted(data.glob("*.yaml")):
        path.read_bytes()
    write_files(out, files)
    return time.perf_counter() - start


def collect(out: Path) -> list[tuple[str, bytes]]:
    return [(p.relative_to(out).as_posix(), p.read_bytes()) for p in sorted(out.rglob("*")) if p.is_file()]


def main(argv: list[str]) -> None:
    data, out = Path(argv[0]), Path(argv[1])
    # Written data still waiting for the disk is flushed before each timed part, so that no part pays for
    # the writes of the part before it (the generator's 270 MB at 10,000 instruments, then the floor's).
    # Writing that much still meets the kernel's limit on unwritten data now and then: the floor at 10,000
    # ranges from about 0.7 to 4.9 s between runs (bench/results/), whatever the generator does.
    os.sync()
    figures = generate(data, out / "generated")
    files = collect(out / "generated")
    os.sync()
    figures["io_floor"] = io_floor(data, out / "floor", files)
    shutil.rmtree(out)
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
