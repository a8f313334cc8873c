"""The package shows the pipeline: data, site and adapters import one way only, and each module says what it is."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# The stages in pipeline order; a module may import its own stage and the ones before it, never a later one.
STAGES = ("data", "site", "adapters")
# Only the adapters know the site engine: moving to another engine touches adapters/ alone.
ENGINE_PACKAGES = ("mkdocs", "material", "markdown", "pymdownx")
MAX_LINES = 375  # "about 350": a module longer than this does more than one job


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> set[str]:
    """Every module of ``generator`` that ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the importing module's package
                package = module_name(path).split(".")
                package = package if path.name == "__init__.py" else package[:-1]
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES)
    return found


def engine_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names & set(ENGINE_PACKAGES)


GRAPH = {name: {m for m in imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def stage(name: str) -> int | None:
    parts = name.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


def test_the_import_graph_is_read_from_the_code() -> None:
    # The test below is only as good as this graph: a known edge of each kind must be in it.
    assert "generator.data.index" in GRAPH["generator.site.views"]
    assert "generator.site.base" in GRAPH["generator.site.finder"]
    assert "generator.adapters.mkdocs.sitebuild" in GRAPH["generator.adapters.cli.cli"]  # inside a function


def test_no_module_imports_a_later_stage() -> None:
    upward = [f"{a} → {b}" for a, targets in GRAPH.items() for b in targets
              if stage(a) is not None and stage(b) is not None and stage(b) > stage(a)]  # type: ignore[operator]
    assert upward == []


def test_the_imports_have_no_circle() -> None:
    done: set[str] = set()
    on_path: list[str] = []

    def visit(name: str) -> list[str] | None:
        if name in on_path:
            return on_path[on_path.index(name):] + [name]
        if name in done:
            return None
        on_path.append(name)
        for target in sorted(GRAPH[name]):
            circle = visit(target)
            if circle:
                return circle
        on_path.pop()
        done.add(name)
        return None

    circles = [c for c in (visit(n) for n in sorted(GRAPH)) if c]
    assert circles == [], " → ".join(circles[0])


def test_only_the_adapters_import_the_site_engine() -> None:
    outside = {name: sorted(engine_imports(path)) for name, path in MODULES.items()
               if not name.startswith("generator.adapters") and engine_imports(path)}
    assert outside == {}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_opens_with_one_sentence_on_what_it_is(name: str) -> None:
    doc = ast.get_docstring(ast.parse(MODULES[name].read_text(encoding="utf-8")))
    assert doc, f"{name} has no docstring"
    assert doc.split("\n\n")[0].rstrip().endswith((".", ")")), f"{name}: the first paragraph is not a sentence"


def test_every_folder_is_a_package_that_says_what_it_is_for() -> None:
    folders = {p.parent for p in PACKAGE.rglob("*.py")} | {p for p in PACKAGE.rglob("*") if p.is_dir()
                                                            and any(p.glob("*.py"))}
    assert sorted(str(f.relative_to(PACKAGE)) for f in folders if not (f / "__init__.py").is_file()) == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_about_350_lines(name: str) -> None:
    assert len(MODULES[name].read_text(encoding="utf-8").splitlines()) <= MAX_LINES
