"""Render planned pages to Markdown and write them to a folder, never over hand-written pages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.data import text
from generator.data.gcpause import without_gc
from generator.data.problems import Problem
from generator.site import render, views
from generator.site.base import PageSpec, Plan


def markdown(spec: PageSpec) -> str:
    """The Markdown of one page."""
    context = dict(spec.context)
    # The theme prints title and description as HTML: give it text that stays text.
    # The home page has no title of its own: the theme then shows the site name once in <title>.
    title = "" if spec.path == "index.md" else text.html_text(spec.title)
    # The theme's search shows the tags as HTML too.
    context.update(page_title=title, page_description=text.html_text(spec.description),
                   search_boost=context.get("search_boost", 0),
                   search_tags=[text.html_text(tag) for tag in context.get("search_tags", ())])
    return render.render(spec.template, context)


def markdown_pages(specs: Sequence[PageSpec]) -> list[str]:
    """The Markdown of every page, in order, rendered with Python's cyclic GC held back (gcpause.py):
    at 10,000 instruments it took a third of rendering, scanning what the pages before had left."""
    with without_gc():
        return [markdown(spec) for spec in specs]


def clashes(pages: Iterable[PageSpec], handwritten: set[str], content: str = "content") -> list[Problem]:
    """A problem for every generated page that would take the place of a hand-written one: the same file,
    or another file that MkDocs would publish at the same address (``a.md`` beside ``a/index.md``).

    A record page's problem stands at the record (where an editor's change made
    it); any other page's at the hand-written file.
    """
    by_address = {views.page_url(h): h for h in sorted(handwritten)}
    return [_clash(spec, content, by_address[views.page_url(spec.path)]) for spec in pages
            if views.page_url(spec.path) in by_address]


def _clash(spec: PageSpec, content: str, handwritten: str) -> Problem:
    page = f"{content.rstrip('/')}/{handwritten}"
    where = "" if handwritten == spec.path else f" op hetzelfde adres ('{views.page_url(spec.path) or '/'}')"
    if spec.at is not None:
        return Problem(code="page-clash", file=spec.at.file, line=spec.at.line, column=spec.at.column,
                       message=f"de pagina van dit record ('{spec.path}') zou de handgeschreven pagina "
                       f"'{page}'{where} vervangen.",
                       hint="Kies een andere id of hernoem de handgeschreven pagina; de handgeschreven pagina "
                       "wordt nooit overschreven.")
    return Problem(code="page-clash", file=page, message=f"de pagina '{spec.path}' wordt gemaakt uit "
                   f"{spec.data_file or 'de gegevens'} en komt{where or ' op dezelfde plek'} als deze "
                   "handgeschreven pagina.",
                   hint="Hernoem of verplaats de handgeschreven pagina; die wordt nooit overschreven.")


def handwritten_pages(content_dir: Path) -> set[str]:
    if not content_dir.is_dir():
        return set()
    return {p.relative_to(content_dir).as_posix() for p in content_dir.rglob("*") if p.is_file()}


# Beside the pages `kennisbank generate` writes: which files it wrote last time, so that it replaces only its own
# files and removes the pages of records that are gone, in a folder that may hold other files too.
MANIFEST = ".kennisbank-gegenereerd"


class ForeignFiles(Exception):
    """Files in the way that an earlier ``write_pages`` did not write; nothing has been written."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(", ".join(paths))
        self.paths = paths


def write_pages(plan: Plan, out: Path) -> int:
    """Write every page and download of ``plan`` below ``out``, and remove what the previous run wrote that
    the plan no longer has; return how many files were written.

    Raises ``ForeignFiles``, before writing anything, when a file to write is there but not from a previous run.
    """
    files = {spec.path: spec for spec in plan.pages}
    previous = _manifest(out)
    foreign = sorted(p for p in [*files, *plan.exports] if p not in previous and (out / p).exists())
    if foreign:
        raise ForeignFiles(foreign)
    planned = sorted([*files, *plan.exports])
    out.mkdir(parents=True, exist_ok=True)
    # Listed before writing: a run that stops half-way (a full disk) leaves a folder the next run knows as its own.
    _write_manifest(out, sorted(previous.union(planned)))
    for spec, text in zip(plan.pages, markdown_pages(plan.pages)):
        _write(out / spec.path, text.encode("utf-8"))
    for path, data in plan.exports.items():
        _write(out / path, data)
    for gone in sorted(previous - set(files) - set(plan.exports)):
        (out / gone).unlink(missing_ok=True)
    _write_manifest(out, planned)
    return len(files) + len(plan.exports)


def _write_manifest(out: Path, paths: list[str]) -> None:
    (out / MANIFEST).write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _manifest(out: Path) -> set[str]:
    path = out / MANIFEST
    if not path.is_file():
        return set()
    # Only relative paths inside ``out``: the list is a file in the folder, and could have been edited.
    return {line for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("/") and ".." not in line.split("/")}
