"""The navigation's sections: which kinds each shows, their overview pages, and where pages outside it belong."""

from __future__ import annotations

from typing import Any

from generator.data.index import KnowledgeBase
from generator.site import views
from generator.site.base import Family, PageSpec, register


class Section:
    """A group of kinds with one overview page: the navigation names the page and, under it, the kinds."""

    def __init__(self, title: str, folder: str, intro: str, kinds: tuple[str, ...], values: bool = False) -> None:
        self.title, self.path, self.intro, self.kinds = title, f"{folder}/index.md", intro, kinds
        self.values = values  # the overview lists each kind's records too (short vocabularies)


# The "Kennis" tab in sections a reader recognises (issue #18).
KNOWLEDGE = (
    Section("Competenties en leerdoelen", "competenties-en-leerdoelen",
            "Wat iemand in een rol moet kennen en kunnen: de competentieprofielen, hun gebieden en competenties, "
            "en de leerdoelen.", ("profile", "competence_area", "competency", "learning_goal")),
    Section("Leiderschap", "leiderschap", "Leidinggeven aan onderwijsinnovatie met ict: de kernthema's en hun "
            "subthema's.", ("leadership_theme", "subtheme")),
    Section("Trajecten en voorbeelden", "trajecten-en-voorbeelden",
            "Hoe professionalisering in de praktijk is aangepakt: trajecten, praktijkvoorbeelden en hoe scholen "
            "het organiseren.", ("trajectory", "example", "concept")),
)
# The vocabularies that classify instruments: out of the navigation, on one overview page that it names; their
# own pages mark that page as where the reader is (parents).
CLASSIFICATIONS = Section(
    "Indelingen van instrumenten", "indelingen",
    "Instrumenten zijn ingedeeld naar soort, vorm, doelstelling, doelgroep en niveau. Elke waarde heeft een eigen "
    "pagina met de instrumenten die erbij horen.", ("instrument_type", "form", "aim", "target_group", "level"),
    values=True)
CLASSIFICATIONS_NAV = "Indelingen"  # its name in the navigation, under "Instrumenten"
SECTIONS = (*KNOWLEDGE, CLASSIFICATIONS)


def parents() -> dict[str, str]:
    """Folders outside the navigation without an overview in it, by address: the address of the page in the
    navigation that stands for them (overrides/partials/kennisbank-per-folder.html)."""
    parent = CLASSIFICATIONS.path.removesuffix("index.md")
    return {views.index_path(k).removesuffix("index.md"): parent for k in CLASSIFICATIONS.kinds}


def up_link(kind: str, from_path: str) -> views.LinkView | None:
    """From the overview of a classification, the way back to the page of them all; None for other kinds."""
    return views.link(CLASSIFICATIONS.title, from_path, CLASSIFICATIONS.path) if kind in CLASSIFICATIONS.kinds \
        else None


def page(kb: KnowledgeBase, section: Section) -> PageSpec:
    path = section.path
    groups = []
    for name in section.kinds:
        kind = views.KIND_BY_NAME[name]
        records = kb.records(name)
        groups.append((kind, views.link(f"Alle {kind.plural.lower()} ({len(records)})", path, views.index_path(name)),
                       views.links(kb, records, path) if section.values else ()))
    # A section of the "Kennis" tab is navigation (its lists are links): out of the search index, where its name
    # would come before the pages it leads to ("Leiderschap": the theme of that name and its instruments).
    ctx: dict[str, Any] = {"section": section, "groups": groups, "path": path,
                           "finder": views.link("instrumentenvinder", path, "instrumenten/index.md")
                           if section is CLASSIFICATIONS else None, "search_exclude": section in KNOWLEDGE}
    return PageSpec(path, "sectie.md.j2", section.title, ctx, section.intro)


def pages(kb: KnowledgeBase) -> list[PageSpec]:
    return [page(kb, s) for s in SECTIONS]


register(Family("sections", tuple(s.path for s in SECTIONS), lambda kb, site, built: pages(kb), rank=5))
