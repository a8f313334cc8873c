"""The live preview (`make serve`): after an edit, rebuild only the pages whose Markdown changed.

`mkdocs serve --dirty` builds a page only when its source file is newer than its
output. Generated pages normally have no source file, so every edit rebuilt the
whole site (about 4 s on the real data). In the preview each generated page is
written to a file of its own, and only when its Markdown changed, so an edited
title rebuilds the twenty-odd pages that show it.

A dirty build alone is not accurate, and this module makes it so:

- anything that every page shows (the navigation, the list of pages, the site
  configuration, the theme overrides) goes into a signature; when it changes,
  the output folder is emptied and everything is built again;
- pages that are not rebuilt still need their title for the navigation of the
  pages that are (``keep_titles``);
- the search index is made anew over the whole site after every build
  (searchindex.py, from the plugin's ``on_post_build``).

The theme's templates are compiled once per preview, not once per build (``TemplateCache``).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

@dataclass
class Preview:
    """What the previous build of this preview left: page sources and signature."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="kennisbank-preview-")))
    markdown: dict[str, str] = field(default_factory=dict)  # page path → Markdown written to its file
    signature: str = ""
    full: bool = True  # whether this build rebuilds every page
    rebuilt: set[str] = field(default_factory=set)  # URLs of the pages built this time
    templates: TemplateCache = field(default_factory=lambda: TemplateCache())

    def source(self, path: str, markdown: str) -> str:
        """The file that holds ``path``'s Markdown; rewritten (and so rebuilt) only when it changed."""
        target = self.root / path
        if self.markdown.get(path) != markdown or not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
            self.markdown[path] = markdown
        return str(target)

    def begin(self, signature: str, site_dir: Path) -> bool:
        """Start a build; True (and an emptied ``site_dir``) when everything must be built again."""
        self.full = signature != self.signature
        self.signature = signature
        self.rebuilt = set()
        if self.full:
            for child in site_dir.iterdir() if site_dir.is_dir() else ():
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        return self.full

    def forget(self) -> None:
        """A build failed half-way: build everything next time."""
        self.signature = ""

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory between builds; Jinja recompiles a template whose source changed."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def signature(*parts: Iterable[str] | str, dirs: Iterable[Path] = ()) -> str:
    """A digest of what every page shows, and of the files (by name, size and time) under ``dirs``."""
    digest = hashlib.sha256()
    for part in parts:
        for item in [part] if isinstance(part, str) else part:
            digest.update(item.encode("utf-8") + b"\0")
    for folder in dirs:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()
