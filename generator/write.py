"""Render planned pages to Markdown and write them to a folder, never over hand-written pages."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import render
from .pages import PageSpec, Plan
from .problems import Problem

SEARCH_BOOST = {"context.md.j2": 3}


def markdown(spec: PageSpec) -> str:
    """The Markdown of one page."""
    context = dict(spec.context)
    context.update(page_title=spec.title, page_description=spec.description,
                   search_boost=SEARCH_BOOST.get(spec.template, 0))
    return render.render(spec.template, context)


def clashes(pages: Iterable[PageSpec], handwritten: set[str]) -> list[Problem]:
    """A problem for every generated page that would take the place of a hand-written one."""
    return [
        Problem(code="page-clash", file=f"content/{spec.path}", message=f"de pagina '{spec.path}' wordt gemaakt "
                f"uit {spec.data_file or 'de gegevens'} en bestaat ook als handgeschreven pagina.",
                hint="Hernoem of verplaats de handgeschreven pagina, of kies een andere id; de handgeschreven "
                "pagina wordt nooit overschreven.")
        for spec in pages
        if spec.path in handwritten
    ]


def handwritten_pages(content_dir: Path) -> set[str]:
    if not content_dir.is_dir():
        return set()
    return {p.relative_to(content_dir).as_posix() for p in content_dir.rglob("*") if p.is_file()}


def write_pages(plan: Plan, out: Path) -> int:
    """Write every page of ``plan`` below ``out``; return how many were written."""
    for spec in plan.pages:
        target = out / spec.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown(spec), encoding="utf-8")
    return len(plan.pages)
