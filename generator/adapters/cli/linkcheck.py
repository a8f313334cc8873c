"""Check the built site's links to other sites online and report the dead ones (``make linkcheck``).

Opt-in and never failing: a dead link elsewhere is news for the editors, not a broken build, so the exit
code is 0 whatever is found. Time is bounded: a timeout per request, a limit on parallel requests and
a deadline for the whole run. Run as ``python -m generator.adapters.cli.linkcheck site``; with ``--status FILE``
it also writes the date and what each address did (site/reach.py), which the next build shows beside each
instrument's address.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import sys
import urllib.error
import urllib.request
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TextIO
from urllib.parse import urldefrag, urlsplit

from generator.site import reach

USER_AGENT = "kennisbank-linkcheck/1"
EXIT_OK, EXIT_USAGE = 0, 2
# Servers that refuse HEAD often answer GET; retry those codes with GET before calling a link dead.
RETRY_WITH_GET = {403, 404, 405, 429, 501}


@dataclass(slots=True, frozen=True)
class Result:
    url: str
    ok: bool
    reason: str = ""  # why the link is dead, in Dutch
    checked: bool = True  # False: the run's deadline came first


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value and urlsplit(value).scheme in ("http", "https"):
                self.urls.append(urldefrag(value).url)


def external_links(site_dir: Path) -> dict[str, list[str]]:
    """Every http(s) link in the site, with the pages (paths below the site) that contain it, sorted."""
    found: dict[str, list[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        name = page.relative_to(site_dir).as_posix()
        for url in dict.fromkeys(parser.urls):
            found.setdefault(url, []).append(name)
    return dict(sorted(found.items()))


def _status(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        return err.code


def check(url: str, timeout: float) -> Result:
    """Whether one URL answers (after redirects) with a success status."""
    try:
        status = _status(url, "HEAD", timeout)
        if status in RETRY_WITH_GET:
            status = _status(url, "GET", timeout)
    except urllib.error.URLError as err:
        return Result(url, False, f"onbereikbaar ({err.reason})")
    except (OSError, http.client.HTTPException, ValueError) as err:
        return Result(url, False, f"onbereikbaar ({err or type(err).__name__})")
    if status >= 400:
        return Result(url, False, f"HTTP-status {status}")
    return Result(url, True)


def check_all(urls: Sequence[str], *, timeout: float, workers: int, deadline: float) -> list[Result]:
    """Check URLs in parallel; those not done before the deadline are reported as unchecked."""
    pool = ThreadPoolExecutor(max_workers=workers)
    futures: dict[Future[Result], str] = {pool.submit(check, url, timeout): url for url in urls}
    done, _ = wait(futures, timeout=deadline)
    pool.shutdown(wait=False, cancel_futures=True)
    results = {futures[f]: f.result() for f in done}
    return [results.get(url, Result(url, False, f"niet gecontroleerd: de tijd ({deadline:g} s) was op", False))
            for url in urls]


def format_report(results: Sequence[Result], pages: dict[str, list[str]]) -> str:
    dead = [r for r in results if not r.ok]
    lines = [f"{len(results)} externe link(s) gecontroleerd, {len(dead)} werken niet."]
    for r in dead:
        where = pages.get(r.url, [])
        shown = ", ".join(where[:3]) + (f" en nog {len(where) - 3}" if len(where) > 3 else "")
        lines.append(f"- {r.url}: {r.reason}; staat op {shown}")
    return "\n".join(lines)


def run(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    """Check the site's external links; report dead ones; return 0 unless the call itself is wrong."""
    parser = argparse.ArgumentParser(prog="python -m generator.adapters.cli.linkcheck",
                                     description="Controleer online de links naar andere sites.")
    parser.add_argument("site", type=Path, help="de gebouwde site (standaard: site)", nargs="?", default=Path("site"))
    parser.add_argument("--timeout", type=float, default=10.0, help="seconden per verzoek (standaard 10)")
    parser.add_argument("--workers", type=int, default=8, help="verzoeken tegelijk (standaard 8)")
    parser.add_argument("--max-time", type=float, default=120.0, help="seconden voor alles samen (standaard 120)")
    parser.add_argument("--status", type=Path, metavar="BESTAND",
                        help="schrijf de datum en de uitkomst per adres hierheen (de volgende bouw toont ze)")
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exit_:  # --help, or a wrong option (argparse has printed why)
        return int(exit_.code or 0)
    if not args.site.is_dir():
        print(f"linkcheck: de map '{args.site}' bestaat niet; bouw eerst de site (make site).", file=stderr)
        return EXIT_USAGE
    pages = external_links(args.site)
    results = check_all(list(pages), timeout=args.timeout, workers=max(1, args.workers), deadline=args.max_time)
    print(format_report(results, pages), file=stdout)
    if args.status:
        found = [(r.url, r.ok, r.reason) for r in results if r.checked]
        reach.write_status(args.status, found, datetime.date.today())
        print(f"Uitkomst per adres geschreven naar {args.status}; de volgende bouw toont die.", file=stdout)
    return EXIT_OK


def main() -> None:
    sys.exit(run(sys.argv[1:], sys.stdout, sys.stderr))


if __name__ == "__main__":
    main()
