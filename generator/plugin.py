"""The MkDocs adapter: maps MkDocs events onto load → validate → index → plan → render."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import core, pages, write
from .problems import count_errors, format_text
from .scope import Scope

log = logging.getLogger("mkdocs.plugins.kennisbank")
ASSETS = Path(__file__).parent / "assets"
TEMPLATES = Path(__file__).parent / "templates"
ASSET_DIR = "assets/kennisbank"


class ScopeConfig(base.Config):  # type: ignore[no-untyped-call]
    sectors = c.ListOfItems(c.Type(str), default=[])
    roles = c.ListOfItems(c.Type(str), default=[])
    programmes = c.ListOfItems(c.Type(str), default=[])


class KennisbankConfig(base.Config):  # type: ignore[no-untyped-call]
    data_dir = c.Type(str, default="data")
    extra_data = c.ListOfItems(c.Type(str), default=[])
    local_label = c.Type(str, default="")
    edit_base_url = c.Type(str, default="")
    tagline = c.Type(str, default="")
    contact = c.Type(str, default="")
    accessibility = c.Type(str, default="")
    scope = c.SubConfig(ScopeConfig)


class KennisbankPlugin(BasePlugin[KennisbankConfig]):  # type: ignore[no-untyped-call]
    """Generate the knowledge-base pages from the YAML data on every build."""

    def __init__(self) -> None:
        self.plan: pages.Plan | None = None
        self.data_files: dict[str, str] = {}

    def _dir(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path or ".").parent / value).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        dirs = [core.DataDir(self._dir(config, self.config.data_dir))]
        label = self.config.local_label
        dirs += [core.DataDir(self._dir(config, d), label=label or Path(d).name) for d in self.config.extra_data]
        scope = Scope(**{k: tuple(v) for k, v in self.config.scope.items()})
        result = core.read(dirs, scope=scope, scope_source=f"{config.config_file_path}: plugins.kennisbank")
        for problem in result.problems:
            (log.error if problem.severity == "error" else log.warning)(format_text(problem))
        if result.kb is None:
            raise PluginError(f"{count_errors(result.problems)} fout(en) in de gegevens; de vorige site blijft "
                              "staan. Los de fouten hierboven op en bouw opnieuw.")
        site = {"name": config.site_name, "tagline": self.config.tagline, "contact": self.config.contact,
                "accessibility": self.config.accessibility, "scope": scope}
        self.plan = pages.plan(result.kb, site)
        config.nav = [n.as_mkdocs() for n in self.plan.nav] + list(config.nav or [])
        config.extra_css = [f"{ASSET_DIR}/kennisbank.css", *config.extra_css]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.plan is not None
        handwritten = {f.src_uri for f in files if not f.generated_by}
        clashes = write.clashes(self.plan.pages, handwritten)
        if clashes:
            for problem in clashes:
                log.error(format_text(problem))
            raise PluginError(f"{len(clashes)} gegenereerde pagina('s) botsen met handgeschreven pagina's; "
                              "er is niets overschreven.")
        in_nav = {n.path for n in _walk_nav(self.plan.nav)}
        for spec in self.plan.pages:
            level = InclusionLevel.UNDEFINED if spec.path in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, spec.path, content=write.markdown(spec), inclusion=level))
            self.data_files[spec.path] = spec.data_file
        for asset in sorted(ASSETS.iterdir()):
            files.append(File.generated(config, f"{ASSET_DIR}/{asset.name}", abs_src_path=str(asset)))
        return files

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        data_file = self.data_files.get(page.file.src_uri)
        if data_file and self.config.edit_base_url:
            page.edit_url = self.config.edit_base_url.rstrip("/") + "/" + data_file
        return context

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self._dir(config, self.config.data_dir)))
        for extra in self.config.extra_data:
            server.watch(str(self._dir(config, extra)))
        server.watch(str(TEMPLATES))
        server.watch(str(ASSETS))
        return server


def _walk_nav(nodes: list[pages.NavNode]) -> list[pages.NavNode]:
    out = []
    for node in nodes:
        out.append(node)
        out.extend(_walk_nav(node.children))
    return out
