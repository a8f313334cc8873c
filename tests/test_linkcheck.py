"""`make linkcheck`: external links checked over real HTTP (a local server), dead ones reported, exit 0."""

from __future__ import annotations

import http.server
import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.adapters.cli import linkcheck


class _Server(http.server.BaseHTTPRequestHandler):
    """/ok answers, /weg is gone, /traag is too slow, /geen-head refuses HEAD but answers GET."""

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, *, head: bool) -> None:
        if self.path == "/traag":
            time.sleep(1.5)
        code = {"/ok": 200, "/traag": 200, "/weg": 404, "/geen-head": 405 if head else 200}.get(self.path, 404)
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def other_site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_dead_links_are_reported_with_their_pages_and_exit_0(tmp_path: Path, other_site: str) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        f'<a href="{other_site}/ok">ok</a> <a href="{other_site}/weg#deel">weg</a> <a href="../a/">intern</a> '
        f'<a href="mailto:redactie@example.org">mail</a> <a href="{other_site}/geen-head">geen HEAD</a>',
        encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(
        f'<a href="{other_site}/weg">weg</a> <a href="{other_site}/traag">traag</a>', encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = linkcheck.run([str(tmp_path), "--timeout", "0.5", "--workers", "2"], out, err)
    assert code == 0
    assert out.getvalue().splitlines() == [
        "4 externe link(s) gecontroleerd, 2 werken niet.",
        f"- {other_site}/traag: onbereikbaar (timed out); staat op a/index.html",
        f"- {other_site}/weg: HTTP-status 404; staat op a/index.html, index.html",
    ]


def test_a_run_stops_at_its_deadline(tmp_path: Path, other_site: str) -> None:
    (tmp_path / "index.html").write_text(f'<a href="{other_site}/traag">traag</a>', encoding="utf-8")
    out = io.StringIO()
    started = time.monotonic()
    assert linkcheck.run([str(tmp_path), "--timeout", "5", "--max-time", "0.3"], out, io.StringIO()) == 0
    assert time.monotonic() - started < 1.4
    assert "niet gecontroleerd: de tijd (0.3 s) was op" in out.getvalue()


def test_a_missing_site_folder_is_a_usage_error(tmp_path: Path) -> None:
    err = io.StringIO()
    assert linkcheck.run([str(tmp_path / "site")], io.StringIO(), err) == 2
    assert "bouw eerst de site" in err.getvalue()
