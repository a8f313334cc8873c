"""Latencies a reader and an editor feel, measured in Debian's Chromium through Playwright.

- ``serve_latency``: ``mkdocs serve --dirty`` (as ``make serve`` runs it) on 127.0.0.1, a record page open in Chromium, the record's title
  edited in the YAML; seconds from saving the file until the new title is on the page (livereload).
- ``finder_latency``: the instrument finder of a built site; for each facet checkbox, milliseconds from
  the click until the list has changed and the next frame is painted, timed with performance.now()
  inside the page. Also the page without JavaScript: its size and the instrument links it still shows.

The search's figures are bench/search.py's.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.data import core
from generator.site import views

from .build import VENV_BIN, env

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FINDER_URL = "instrumenten/"
# Facet checkboxes are the finder's; Material's own toggles (menu, search) sit outside the article.
FACETS = ".md-content input[type=checkbox]"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


# --- make serve -------------------------------------------------------------------------------


def _page_to_edit(data: Path) -> tuple[str, str, Path, int]:
    """A record with its own page (an instrument when there is one): url path, title, file, line."""
    kb = core.read([core.DataDir(data)]).kb
    if kb is None:
        raise RuntimeError("de gegevens zijn niet geldig")
    for kind in ("instrument", "programme", "profile", "role"):
        if kb.records(kind):
            record = kb.records(kind)[0]
            url = views.record_path(kind, record.id).removesuffix(".md") + "/"
            return url, record.title, Path(record.at.file), record.at.line
    raise RuntimeError("geen record met een eigen pagina")


def retitle(file: Path, line: int, title: str) -> None:
    """Give the record starting at ``line`` of ``file`` a new title (its own line; continuation lines go)."""
    lines = file.read_text(encoding="utf-8").split("\n")
    i = line - 1
    while not re.match(r"^\s*(- )?title:", lines[i]):
        i += 1
    key = re.match(r"^(\s*(?:- )?)title:", lines[i])
    assert key is not None
    indent = len(key.group(1))
    end = i + 1
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > indent:
        end += 1  # a plain or quoted title folded over more lines
    lines[i:end] = [f"{key.group(1)}title: {json.dumps(title, ensure_ascii=False)}"]
    file.write_text("\n".join(lines), encoding="utf-8")


def _wait_for_http(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("mkdocs serve stopte voordat de site er was")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"mkdocs serve gaf na {timeout:.0f} s geen antwoord")


def serve_latency(project: Path, edits: int = 3, timeout: float = 60) -> list[float]:
    """Seconds from saving an edited title until Chromium shows it, once per edit."""
    url_path, _, file, line = _page_to_edit(project / "data")
    port = free_port()
    log = (project / "serve.log").open("wb")
    serve = subprocess.Popen([str(VENV_BIN / "mkdocs"), "serve", "--dirty", "-f", str(project / "mkdocs.yml"),
                              "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env(), stdout=log, stderr=log)
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for_http(base, serve, timeout=300)
        with chromium() as browser:
            page = browser.new_page()
            page.goto(base + url_path)
            seconds = []
            for k in range(edits):
                title = f"Benchmarktitel {k + 1} {time.time_ns()}"
                retitle(file, line, title)
                start = time.perf_counter()
                _wait_for_text(page, title, timeout)
                seconds.append(time.perf_counter() - start)
            return seconds
    finally:
        serve.terminate()
        try:
            serve.wait(timeout=10)
        except subprocess.TimeoutExpired:
            serve.kill()
        log.close()


def _wait_for_text(page: Any, title: str, timeout: float) -> None:
    """Wait until the page's heading shows ``title``, across the reloads livereload makes."""
    from playwright.sync_api import Error

    deadline = time.perf_counter() + timeout
    check = "t => !!document.querySelector('h1') && document.querySelector('h1').textContent.includes(t)"
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise RuntimeError(f"de nieuwe titel verscheen niet binnen {timeout:.0f} s")
        try:
            page.wait_for_function(check, arg=title, timeout=left * 1000)
            return
        except Error:  # the page reloaded while waiting: wait in the new page
            time.sleep(0.01)


# --- the finder ---------------------------------------------------------------------------------


@contextmanager
def static_server(root: Path) -> Iterator[str]:
    """The built site over HTTP on 127.0.0.1 (a thread of this process)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


_MEASURE = """
async (limit) => {
  const boxes = [...document.querySelectorAll(%s)].slice(0, limit);
  const area = document.querySelector('.md-content');
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const status = () => (document.querySelector('.md-content [role=status], .md-content [aria-live]') || {}).textContent;
  const out = [];
  for (const box of [...boxes, ...boxes]) {  // every facet on, then off again
    let observer;
    const changed = new Promise(r => { observer = new MutationObserver(() => r(true)); });
    observer.observe(area, {subtree: true, childList: true, attributes: true, characterData: true});
    const start = performance.now();
    box.click();
    const seen = await Promise.race([changed, new Promise(r => setTimeout(() => r(false), 2000))]);
    const script = performance.now() - start;
    await frame();
    out.push({label: (box.labels[0] || box).textContent.trim().slice(0, 40), changed: seen,
              script_ms: script, paint_ms: performance.now() - start, status: status()});
    observer.disconnect();
  }
  return out;
}
""" % json.dumps(FACETS)


def finder_latency(site: Path, limit: int = 12) -> dict[str, Any]:
    """Click up to ``limit`` facets of the finder in ``site`` right after the page loads; timings, and the page
    without JavaScript."""
    html = site / FINDER_URL / "index.html"
    result: dict[str, Any] = {"page_bytes": html.stat().st_size if html.exists() else 0}
    with static_server(site) as base, chromium() as browser:
        plain = browser.new_context(java_script_enabled=False).new_page()
        start = time.perf_counter()
        plain.goto(base + FINDER_URL)
        result["no_js_load_s"] = time.perf_counter() - start
        result["no_js_links"] = plain.locator(".md-content article a[href]").count()
        page = browser.new_page()
        start = time.perf_counter()
        page.goto(base + FINDER_URL, wait_until="load")
        result["load_s"] = time.perf_counter() - start
        clicks = page.evaluate(_MEASURE, limit)
    result["facets"] = len(clicks) // 2
    result["clicks"] = clicks
    if clicks:
        paint = [c["paint_ms"] for c in clicks]
        result.update(max_ms=max(paint), median_ms=sorted(paint)[len(paint) // 2],
                      unchanged=sum(1 for c in clicks if not c["changed"]))
    return result
