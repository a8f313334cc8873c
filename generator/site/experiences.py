"""What instrument pages show of experiences: each experience with an instrument, and the links to share one.

Experiences are records of their own (``data/experiences.yaml``); an instrument page shows them in full under
"Ervaringen", with "Deel je ervaring" and "Stel een instrument voor". Those open a new issue from the
repository's issue form (GitHub: ``.github/ISSUE_TEMPLATE/``, with the instrument filled in) or issue
template (GitLab: ``.gitlab/issue_templates/``) at the address in the plugin's ``issues_url`` setting, so an
institution's copy points them to its own repository. Without that setting they lead to the Bijdragen page,
which says how to share by e-mail or otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from generator.data import text
from generator.data.index import KnowledgeBase, relation
from generator.data.model import Experience, Record
from generator.site import views

EXPERIENCE_FORM = "ervaring-delen.yml"  # .github/ISSUE_TEMPLATE/
PROPOSAL_FORM = "instrument-voorstellen.yml"
EXPERIENCE_TEMPLATE = "Ervaring delen"  # .gitlab/issue_templates/<name>.md
PROPOSAL_TEMPLATE = "Instrument voorstellen"
GUIDE = "bijdragen.md"  # the hand-written page that explains both ways, and the editors' path


@dataclass(slots=True, frozen=True)
class ExperienceView:
    link: views.LinkView
    verdict: str
    who: str  # "Beleidsmaker, Docentondersteuner"
    sectors: str
    situation: str
    worked: Markup
    not_worked: Markup
    editorial: frozenset[str]
    sources: tuple[tuple[views.LinkView, str], ...]  # per source document: its link and the sections, joined


@dataclass(slots=True, frozen=True)
class Share:
    experience: str  # the address of "Deel je ervaring"
    proposal: str  # the address of "Stel een instrument voor"
    where: str  # "GitHub", "GitLab" or "" (the Bijdragen page)


def for_instrument(kb: KnowledgeBase, record: Record, path: str) -> list[ExperienceView]:
    """Every experience with ``record``, in the order of the data."""
    found = kb.back(record, relation("experience", "instruments"))
    return [_view(kb, e, path) for e in found if isinstance(e, Experience)]


def _view(kb: KnowledgeBase, e: Experience, path: str) -> ExperienceView:
    def titles(field: str) -> str:
        return ", ".join(views.short(r) for r in kb.out(e, relation("experience", field)))

    return ExperienceView(views.link_to(kb, e, path), e.verdict, titles("roles"), titles("sectors"), e.situation,
                          text.render_inline(e.worked), text.render_inline(e.not_worked), frozenset(e.editorial),
                          _sources(kb, e, path))


def _sources(kb: KnowledgeBase, e: Experience, path: str) -> tuple[tuple[views.LinkView, str], ...]:
    """The citations grouped per document, so a long title is named once: (link, "4.1 ...; 4.2 ...")."""
    sections: dict[str, list[str]] = {}
    for c in e.cite:
        sections.setdefault(c.document, []).append(c.section)
    return tuple((views.link_to(kb, kb.get("source", doc), path), "; ".join(found)) for doc, found in sections.items())


def issue_address(base: str, form: str, template: str, title: str, instrument: str = "") -> str:
    """A new issue at ``base`` (the repository's new-issue address) from the named form or template, with the
    title and, on GitHub, the instrument field filled in."""
    if "/-/issues/new" in base:  # GitLab: a template by name; its fields cannot be filled from the address
        return f"{base}?issuable_template={quote(template)}&issue%5Btitle%5D={quote(title)}"
    query = f"?template={quote(form)}&title={quote(title)}"
    return base + query + (f"&instrument={quote(instrument)}" if instrument else "")


def share(record: Record, path: str, site: dict[str, Any]) -> Share:
    base = str(site.get("issues_url") or "")
    if not base:
        return Share(views.url(path, f"{GUIDE}#ervaring-delen"), views.url(path, f"{GUIDE}#instrument-voorstellen"), "")
    named = f"{record.title} ({record.id})"
    return Share(issue_address(base, EXPERIENCE_FORM, EXPERIENCE_TEMPLATE, f"Ervaring: {record.title}", named),
                 issue_address(base, PROPOSAL_FORM, PROPOSAL_TEMPLATE, "Voorstel: "),
                 "GitLab" if "/-/issues/new" in base else "GitHub")


def record_extra(kb: KnowledgeBase, record: Record, path: str, site: dict[str, Any]) -> dict[str, Any]:
    """The experiences and share links of an instrument page, for its template."""
    return {"experiences": for_instrument(kb, record, path), "share": share(record, path, site)}
