"""The example institution's copy on a real web server: Debian's nginx with deploy/nginx/kennisbank.conf serves it
under /kennisbank/ on 127.0.0.1, and a reader uses it in Chromium. Every page, the search, the finder and every
asset load from the sub-path (no 404, nothing from another host, nothing the security policy blocks); the local
instrument shows with its label; the server answers with the right redirects, 404 page and caching headers."""

from __future__ import annotations

import http.client
import os
import pwd
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response, expect

from generator.data.schema import KIND_BY_NAME
from generator.site import export

from ..conftest import ROOT
from ..institution import SUBPATH, Copy
from .fixtures import DESKTOP, foreign_requests, record_url, screenshot
from .test_accessibility import axe_violations, describe
from .test_reader import search

pytestmark = pytest.mark.browser

NGINX = "/usr/sbin/nginx"
SITE_CONF = ROOT / "deploy" / "nginx" / "kennisbank.conf"
ROOT_LINE = "root /var/www;"  # the one line the test changes in the tested configuration
LOCAL_INSTRUMENT = "roc-voorbeeld-gesprekskaart-bpv"
# The smallest nginx.conf around the site's configuration; every path nginx writes to is in the run folder.
MAIN_CONF = """\
daemon off;
{user}pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {run}/access.log;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        include {run}/kennisbank.conf;
    }}
}}
"""


@dataclass(frozen=True)
class Server:
    url: str  # http://127.0.0.1:PORT/kennisbank/
    port: int
    run: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_listening(port: int, process: subprocess.Popen[bytes], run: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx stopte meteen:\n{(run / 'error.log').read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail("nginx luisterde na 10 seconden nog niet")


@pytest.fixture(scope="module")
def nginx(institution: Copy, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Debian's nginx as a child process (not a daemon) with its own pid, logs and temp folders in tmp."""
    if not Path(NGINX).is_file():
        pytest.fail(f"{NGINX} ontbreekt; installeer het Debian-pakket nginx-light (make system).")
    run = tmp_path_factory.mktemp("nginx")
    site_conf = SITE_CONF.read_text(encoding="utf-8")
    assert site_conf.count(ROOT_LINE) == 1
    (run / "kennisbank.conf").write_text(site_conf.replace(ROOT_LINE, f"root {institution.www};"), encoding="utf-8")
    port = free_port()
    # As root, nginx would run its workers as 'nobody', who cannot read the test's private folders.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    conf = run / "nginx.conf"
    conf.write_text(MAIN_CONF.format(run=run, port=port, user=user), encoding="utf-8")
    command = [NGINX, "-p", f"{run}/", "-c", str(conf), "-e", str(run / "error.log")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_listening(port, process, run)
        yield Server(f"http://127.0.0.1:{port}/{SUBPATH}/", port, run)
    finally:
        process.terminate()  # SIGTERM: nginx's fast shutdown
        process.wait(timeout=10)
    errors = [line for line in (run / "error.log").read_text(errors="replace").splitlines()
              if "[emerg]" in line or "[alert]" in line or "[crit]" in line]
    assert not errors, "\n".join(errors)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def get(server: Server, path: str) -> Answer:
    """One plain HTTP request, redirects not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


# --- the server --------------------------------------------------------------------------


def test_nginx_redirects_to_the_sub_path_with_relative_locations(nginx: Server) -> None:
    for path, location in ((f"/{SUBPATH}", f"/{SUBPATH}/"), (f"/{SUBPATH}/rollen", f"/{SUBPATH}/rollen/")):
        answer = get(nginx, path)
        assert (answer.status, answer.headers["location"]) == (301, location), path


def test_nginx_answers_an_unknown_address_with_the_sites_404_page(nginx: Server) -> None:
    answer = get(nginx, f"/{SUBPATH}/bestaat/niet/")
    assert answer.status == 404
    assert "<h1>Pagina niet gevonden</h1>" in answer.body.decode("utf-8")
    assert answer.headers["content-type"] == "text/html; charset=utf-8"


def test_nginx_caches_hashed_theme_files_for_a_year_and_checks_everything_else(nginx: Server,
                                                                              institution: Copy) -> None:
    [bundle] = (institution.site / "assets" / "javascripts").glob("bundle.*.min.js")
    hashed = get(nginx, f"/{SUBPATH}/assets/javascripts/{bundle.name}")
    assert hashed.status == 200 and hashed.headers["cache-control"] == "public, max-age=31536000, immutable"
    for path in ("", "pagefind/pagefind.js", "pagefind/pagefind-entry.json", "assets/kennisbank/kennisbank.css",
                 export.INSTRUMENTS_JSON):
        answer = get(nginx, f"/{SUBPATH}/{path}")
        assert (answer.status, answer.headers["cache-control"]) == (200, "no-cache"), path
        assert answer.headers["x-content-type-options"] == "nosniff"
        policy = answer.headers["content-security-policy"]
        assert "default-src 'self'" in policy
        # The search (Pagefind) runs WebAssembly: allowed, and no other code made from text ('unsafe-eval').
        assert "'wasm-unsafe-eval'" in policy and "'unsafe-eval'" not in policy.replace("'wasm-unsafe-eval'", "")


def policy(header: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as its directives and their values."""
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {d[0]: d[1:] for d in directives}


def test_nginx_allows_no_inline_script_no_framing_and_no_devices(nginx: Server, institution: Copy) -> None:
    """Issue 15, case 8: a policy that protects even if a page held markup from the data."""
    [bundle] = (institution.site / "assets" / "javascripts").glob("bundle.*.min.js")
    for path in ("", "rollen/", "assets/kennisbank/theme.js", f"assets/javascripts/{bundle.name}", "bestaat/niet/"):
        answer = get(nginx, f"/{SUBPATH}/{path}")
        csp = policy(answer.headers["content-security-policy"])
        assert csp["script-src"] == ["'self'", "'wasm-unsafe-eval'"], path  # no 'unsafe-inline', no 'unsafe-eval'
        assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"], path
        assert answer.headers["x-frame-options"] == "DENY", path
        assert "camera=()" in answer.headers["permissions-policy"], path


def test_nginx_never_serves_a_dotfile(nginx: Server, institution: Copy) -> None:
    """Issue 15, case 8: .git, .env and any other name starting with a dot stay on the server."""
    secrets = {".env": "GEHEIM=1\n", ".git/config": "[core]\n", "rollen/.htpasswd": "a:b\n"}
    try:
        for name, content in secrets.items():
            (institution.site / name).parent.mkdir(parents=True, exist_ok=True)
            (institution.site / name).write_text(content, encoding="utf-8")
        for name, content in secrets.items():
            answer = get(nginx, f"/{SUBPATH}/{name}")
            assert answer.status == 404 and content.encode() not in answer.body, name
            assert "<h1>Pagina niet gevonden</h1>" in answer.body.decode("utf-8")
        assert get(nginx, f"/{SUBPATH}/.git/").status == 404
    finally:
        for name in secrets:
            (institution.site / name).unlink(missing_ok=True)
        (institution.site / ".git").rmdir()


def test_nginx_serves_the_spreadsheet_as_utf8_csv(nginx: Server, institution: Copy) -> None:
    answer = get(nginx, f"/{SUBPATH}/{export.INSTRUMENTS_CSV}")
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.body == (institution.site / export.INSTRUMENTS_CSV).read_bytes()


# --- a reader in Chromium ----------------------------------------------------------------


@pytest.fixture
def failures(context: BrowserContext) -> list[str]:
    """Every response of 400 or more, and every request the browser refused (security policy, errors)."""
    found: list[str] = []

    def on_response(response: Response) -> None:
        if response.status >= 400:
            found.append(f"{response.status} {response.url}")

    context.on("response", on_response)
    # A request that the next page's navigation cancels (net::ERR_ABORTED: the theme's search worker, still
    # loading on a busy machine when the test goes on) is no failure of the server or the policy; a refused one
    # (net::ERR_BLOCKED_BY_CSP and the like) is, and so is every other.
    context.on("requestfailed", lambda request: None if request.failure == "net::ERR_ABORTED"
               else found.append(f"mislukt: {request.url} ({request.failure})"))
    return found


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


@pytest.fixture
def console_messages(page: Page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    return messages


def test_a_reader_uses_the_copy_under_the_sub_path(nginx: Server, institution: Copy, page: Page,
                                                   requests_seen: list[str], failures: list[str],
                                                   console_errors: list[str], console_messages: list[str]) -> None:
    local_url = record_url("instrument", LOCAL_INSTRUMENT)
    home = page.goto(nginx.url, wait_until="networkidle")
    assert home is not None and home.status == 200
    assert page.locator("article h1").inner_text().strip() == "Kennisbank ict in het onderwijs van ROC Voorbeeld"
    assert page.evaluate("document.querySelector('.md-header .md-logo img').naturalWidth") > 0
    assert page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-primary-fg-color').trim()") \
        == "#00695c"  # the copy's own house colour (instelling/kleuren.css)
    screenshot(page, "institution-home", full_page=False)

    # The theme's own scripts ran from their file (generator/adapters/mkdocs/assets/theme.js), with no inline script allowed.
    assert page.evaluate("typeof __md_get") == "function"
    sector = institution.kb.records("sector")[0].id
    page.goto(nginx.url + f"instrumenten/?sector={sector}", wait_until="networkidle")  # the finder, filtered
    expect(page.locator(".kb-finder-active")).to_have_text(" (1 gekozen)")  # finder.js ran
    page.get_by_role("link", name="Gesprekskaart digitale vaardigheden in de bpv").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == nginx.url + local_url
    page.locator("summary", has_text="Verantwoording").click()  # the account of the sources is collapsed (#18)
    assert page.get_by_text("Aanvulling van: ROC Voorbeeld.").is_visible()
    screenshot(page, "institution-local-instrument")

    results = search(page, "gesprekskaart")
    assert urlsplit(nginx.url).path + local_url in results

    for path in ("sectoren/mbo/", "toegankelijkheid/", "gegevens/", "zelf-hosten/",
                 record_url("programme", institution.kb.records("programme")[0].id),
                 KIND_BY_NAME["role"].url_dir + "/"):
        answer = page.goto(nginx.url + path, wait_until="networkidle")
        assert answer is not None and answer.status == 200, path
    favicon = page.locator("link[rel=icon]").get_attribute("href") or ""
    assert page.request.get(urljoin(page.url, favicon)).status == 200

    missing = page.goto(nginx.url + "bestaat/niet/", wait_until="networkidle")
    assert missing is not None and missing.status == 404
    assert page.locator("article h1").inner_text().strip() == "Pagina niet gevonden"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") \
        == "rgb(0, 105, 92)"  # its styles loaded from /kennisbank/ too
    failures.remove(f"404 {nginx.url}bestaat/niet/")

    assert not failures, "\n".join(failures)
    assert not foreign_requests(requests_seen, nginx.url), "\n".join(foreign_requests(requests_seen, nginx.url))
    assert any(u.endswith(f"/{SUBPATH}/pagefind/pagefind.js") for u in requests_seen)
    assert any(u.endswith(".pagefind") and f"/{SUBPATH}/pagefind/" in u for u in requests_seen)  # its WebAssembly
    # The one "Failed to load resource" message is the 404 page itself, checked above; nothing else, and no
    # message about the security policy or the permissions policy at all.
    assert [e for e in console_errors if "404" not in e] == [], console_errors
    assert not [m for m in console_messages if "Security Policy" in m or "Refused" in m or "Permissions-Policy" in m
                ], console_messages


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_copys_own_pages_and_colours_meet_wcag_21_aa(nginx: Server, browser: Browser, scheme: str) -> None:
    # axe is put into the page as an inline script by this test, which the shipped policy rightly refuses; the
    # policy itself is what the reader walk above tests, so here the browser sets it aside.
    context = browser.new_context(locale="nl-NL", viewport=DESKTOP, color_scheme=scheme, reduced_motion="reduce",
                                  bypass_csp=True)
    found = []
    try:
        page = context.new_page()
        for path in ("", "toegankelijkheid/", "gegevens/", "zelf-hosten/", record_url("instrument", LOCAL_INSTRUMENT),
                     "bestaat/niet/"):
            page.goto(nginx.url + path)
            violations = axe_violations(page)
            if violations:
                found.append(f"{nginx.url}{path} ({scheme}):\n{describe(violations)}")
    finally:
        context.close()
    assert not found, "\n".join(found)
