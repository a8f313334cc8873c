"""The MkDocs adapter: maps MkDocs events onto load → validate → index → plan → render."""

from __future__ import annotations

import functools
import logging
import subprocess
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_theme_dir

from generator.data import core
from generator.data.load import leads_outside, repository
from generator.data.problems import count_errors, format_text
from generator.data.scope import Scope
from generator.data.text import url_problem
from generator.site import glossary, outdir, pages, reach, siteinfo, write
from generator.site.base import NavNode, Plan
from generator.adapters.mkdocs import preview
from generator.adapters.mkdocs.passthrough import GeneratedHtml
from generator.adapters.pagefind import searchindex

log = logging.getLogger("mkdocs.plugins.kennisbank")
ASSETS = Path(__file__).parent / "assets"
TEMPLATES = Path(__file__).parents[2] / "site" / "templates"  # watched by `mkdocs serve`
OVERRIDES = Path(__file__).parent / "overrides"  # theme templates: footer links, a Dutch 404 page
ASSET_DIR = "assets/kennisbank"


class ScopeConfig(base.Config):  # type: ignore[no-untyped-call]
    sectors = c.ListOfItems(c.Type(str), default=[])
    roles = c.ListOfItems(c.Type(str), default=[])
    programmes = c.ListOfItems(c.Type(str), default=[])


class ShownText(c.Type[str]):
    """A setting readers see: an e-mail address, a web address or a line of the data's safe Markdown."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        problem = siteinfo.setting_problem(text)
        if problem:
            raise base.ValidationError(problem)
        return text


class IssuesUrl(c.Type[str]):
    """Where "Deel je ervaring" and "Stel een instrument voor" open a new issue (site/experiences.py)."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        address = super().run_validation(value)
        if address and (url_problem(address) or not address.startswith("https://")
                        or not address.rstrip("/").endswith("/issues/new")):
            raise base.ValidationError(
                f"'{address}' is geen adres voor een nieuw issue. Gebruik bijvoorbeeld "
                "https://github.com/EIGENAAR/REPOSITORY/issues/new of https://gitlab.com/GROEP/PROJECT/-/issues/new.")
        return address.rstrip("/")


class KennisbankConfig(base.Config):  # type: ignore[no-untyped-call]
    data_dir = c.Type(str, default="data")
    extra_data = c.ListOfItems(c.Type(str), default=[])
    local_label = c.Type(str, default="")
    edit_base_url = c.Type(str, default="")
    tagline = c.Type(str, default="Kennis en instrumenten voor professionalisering bij onderwijsinnovatie met ict, "
                     "geordend naar wie je bent, waar je werkt en wat je wilt bereiken.")
    contact = ShownText()
    accessibility = ShownText()
    scope = c.SubConfig(ScopeConfig)
    link_status = c.Type(str, default=reach.STATUS_FILE)
    issues_url = IssuesUrl()
    search_index = c.Type(bool, default=True)  # false: no Pagefind index (bench/search.py: the old search's build)


class KennisbankPlugin(BasePlugin[KennisbankConfig]):  # type: ignore[no-untyped-call]
    """Generate the knowledge-base pages from the YAML data on every build."""

    def __init__(self) -> None:
        self.plan: Plan | None = None
        self.data_files: dict[str, str] = {}
        self.footer: list[siteinfo.FooterLink] = []
        self.nav_parents: dict[str, str] = {}  # overrides/partials/kennisbank-per-folder.html
        self.glossary: glossary.Marker | None = None  # explains each glossary word's first use on a generated page
        self.preview: preview.Preview | None = None  # `mkdocs serve --dirty`: rebuild only changed pages

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also makes MkDocs keep this plugin, for every later build in the same process
        # (the rebuilds of `mkdocs serve`, but also builds from tests): a preview must not outlive its serve.
        if command == "serve" and dirty:
            if self.preview is None:
                self.preview = preview.Preview()
                logging.getLogger("mkdocs.commands.build").addFilter(_expected_dirty_warning)
        else:
            self.on_shutdown()

    def on_shutdown(self) -> None:
        if self.preview is not None:
            self.preview.close()
            self.preview = None
            logging.getLogger("mkdocs.commands.build").removeFilter(_expected_dirty_warning)

    def _dir(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path or ".").parent / value).resolve()

    def sources(self, config: MkDocsConfig) -> tuple[list[core.DataDir], Scope, str]:
        """The data folders, the scope and where the scope is set: what ``core.read`` needs (also for
        ``kennisbank validate --config``)."""
        dirs = [core.DataDir(self._dir(config, self.config.data_dir))]
        label = self.config.local_label
        dirs += [core.DataDir(self._dir(config, d), label=label or Path(d).name) for d in self.config.extra_data]
        scope = Scope(**{k: tuple(v) for k, v in self.config.scope.items()})
        return dirs, scope, f"{config.config_file_path}: plugins.kennisbank"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("use_directory_urls: false wordt niet ondersteund: de gegevensbestanden en de "
                              "JSON-LD op de pagina's gebruiken adressen als instrumenten/naam/. Haal de regel weg.")
        dirs, scope, scope_source = self.sources(config)
        result = core.read(dirs, scope=scope, scope_source=scope_source)
        for problem in result.problems:
            (log.error if problem.severity == "error" else log.warning)(format_text(problem))
        if result.kb is None:
            raise PluginError(f"{count_errors(result.problems)} fout(en) in de gegevens; de vorige site blijft "
                              "staan. Los de fouten hierboven op en bouw opnieuw.")
        try:  # what the last `make linkcheck` found, shown per address (reach.py)
            link_status = reach.read_status(self._dir(config, self.config.link_status))
        except ValueError as err:
            raise PluginError(str(err)) from None
        site = {"name": config.site_name, "tagline": self.config.tagline, "contact": self.config.contact,
                "accessibility": self.config.accessibility, "scope": scope, "url": config.site_url or "",
                "link_status": link_status, "issues_url": self.config.issues_url}
        self.plan = pages.plan(result.kb, site)
        self.footer = siteinfo.footer(site)
        self.nav_parents = dict(self.plan.nav_parents)
        self.glossary = glossary.Marker(result.kb)
        if str(OVERRIDES) not in config.theme.dirs:  # after the site's own custom_dir, before the theme
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
        config.nav = [n.as_mkdocs() for n in self.plan.nav] + list(config.nav or [])
        if not any(isinstance(e, GeneratedHtml) for e in config.markdown_extensions):
            config.markdown_extensions.append(GeneratedHtml())  # generated HTML blocks skip the HTML parsers
        config.extra_css = [f"{ASSET_DIR}/kennisbank.css", f"{ASSET_DIR}/questions.css",
                            f"{ASSET_DIR}/kennisbank-search.css", *config.extra_css]
        config.extra_javascript = [f"{ASSET_DIR}/kennisbank.js", f"{ASSET_DIR}/kennisbank-search.js",
                                   *config.extra_javascript]
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
        root = repository(Path(config.docs_dir)) or Path(config.config_file_path or config.docs_dir).resolve().parent
        docs = Path(config.docs_dir)
        outside = sorted(outdir.shown(f.src_uri) for f in files if f.src_dir and Path(f.src_dir) == docs
                         and f.abs_src_path and leads_outside(Path(f.abs_src_path), root))
        if outside:  # a symlink in content/ to a file elsewhere: not read, not published
            raise PluginError(f"{len(outside)} bestand(en) in {core.display_name(Path(config.docs_dir))} verwijzen "
                              f"(symlink) naar een plek buiten het project: {', '.join(outside[:5])}. De kennisbank "
                              "publiceert ze niet; zet de bestanden zelf in de map.")
        in_nav = {n.path for n in _walk_nav(self.plan.nav)}
        # This build's pages only: MkDocs keeps the plugin across the rebuilds of `mkdocs serve` (on_startup).
        self.data_files = {spec.path: spec.data_file for spec in self.plan.pages}
        for spec, markdown in zip(self.plan.pages, write.markdown_pages(self.plan.pages)):
            level = InclusionLevel.UNDEFINED if spec.path in in_nav else InclusionLevel.NOT_IN_NAV
            if self.preview is not None:
                source = self.preview.source(spec.path, markdown)
                files.append(File.generated(config, spec.path, abs_src_path=source, inclusion=level))
            else:
                files.append(File.generated(config, spec.path, content=markdown, inclusion=level))
        for asset in sorted(ASSETS.iterdir()):
            files.append(File.generated(config, f"{ASSET_DIR}/{asset.name}", abs_src_path=str(asset)))
        for path, content in self.plan.exports.items():
            files.append(File.generated(config, path, content=content))
        if self.preview is not None:
            self._begin_preview(self.preview, files, config)
        self.plan = None  # the pages are MkDocs' files now: the prepared views need not live through the build
        return files

    def _begin_preview(self, state: preview.Preview, files: Files, config: MkDocsConfig) -> None:
        assert self.plan is not None
        config_text = Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else ""
        themes = [OVERRIDES] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
        words = self.glossary.fingerprint if self.glossary else ""  # every page may explain a glossary word
        signature = preview.signature(sorted(f.src_uri for f in files), repr(self.plan.nav), config_text, words,
                                      dirs=themes)
        if state.begin(signature, Path(config.site_dir)):
            log.info("Voorbeeld: alle pagina's worden opnieuw gebouwd.")

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.globals["kennisbank_footer"] = self.footer
        env.globals["kennisbank_nav_parents"] = self.nav_parents
        env.globals["kennisbank_parts"] = {}  # overrides/partials/kennisbank-per-folder.html, main.html: this build
        # "material/partials/nav.html": the theme's own template, where an override takes its name
        theme = jinja2.FileSystemLoader(get_theme_dir(config.theme.name or "material"))
        assert env.loader is not None
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"material": theme})])
        if self.preview is not None:
            env.bytecode_cache = self.preview.templates
        if self.preview is not None and not self.preview.full:
            for file in files.documentation_pages():  # pages left as they were: titles for the navigation
                if file.page is not None and file.page.markdown is None:
                    file.page.read_source(config)
        return env

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """On a generated page (not the glossary's own), the first use of each glossary word explained."""
        path = page.file.src_uri
        if self.glossary is None or path not in self.data_files or path in glossary.UNMARKED:
            return html
        return self.glossary.mark(html, path)

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        data_file = self.data_files.get(page.file.src_uri)
        if data_file and self.config.edit_base_url:
            fallback = Path(config.config_file_path or ".").parent
            page.edit_url = self.config.edit_base_url.rstrip("/") + "/" + _in_repository(data_file, fallback)
        if self.preview is not None:
            self.preview.rebuilt.add(page.url)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The search index, over the whole site as it now is (also after a dirty build of the preview)."""
        if not self.config.search_index:
            return
        try:
            stats = searchindex.index_site(Path(config.site_dir))
        except RuntimeError as err:
            raise PluginError(str(err)) from err
        log.info(f"Zoekindex: {stats.pages} pagina's in {stats.seconds:.1f} s.")

    def on_build_error(self, *, error: Exception) -> None:
        if self.preview is not None:
            self.preview.forget()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self._dir(config, self.config.data_dir)))
        for extra in self.config.extra_data:
            server.watch(str(self._dir(config, extra)))
        server.watch(str(TEMPLATES))
        server.watch(str(OVERRIDES))
        server.watch(str(ASSETS))
        return server


def _in_repository(data_file: str, fallback: Path) -> str:
    """``data_file`` (as problems show it: relative to the working folder, or absolute) as a path from the
    root of its git repository, or else from ``fallback`` (the configuration's folder): what an edit
    address on a code host ends in, wherever the build was started."""
    file = Path(data_file).resolve()
    root = _repository_root(file.parent) or fallback.resolve()
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.name


@functools.lru_cache(maxsize=None)
def _repository_root(folder: Path) -> Path | None:
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True,
                              text=True, check=False)
    except OSError:
        return None
    return Path(done.stdout.strip()).resolve() if done.returncode == 0 and done.stdout.strip() else None


def _expected_dirty_warning(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning that a dirty build may be inaccurate: the preview makes it accurate (preview.py),
    and in strict mode the warning would stop the build."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _walk_nav(nodes: list[NavNode]) -> list[NavNode]:
    out = []
    for node in nodes:
        out.append(node)
        out.extend(_walk_nav(node.children))
    return out
