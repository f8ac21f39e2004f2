"""The house's layers hold: no import circle, and no import from a lower package to a higher one.

The order below is the picture in docs/architecture.md. A package may import itself and anything
lower; the walk reads every import in the source, including those inside functions, because an
import deferred into a function to dodge a circle is still a circle.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Lowest first. "base" is the project's own root modules and the packages every layer may lean on.
LAYERS = (
    "base", "nlp", "sources", "articles", "channels", "stories", "search", "pipeline",
    "metrics", "feeds", "community", "contributors", "publishers", "ads", "web", "api", "serving", "demo", "top",
)
BASE_PACKAGES = {"caching"}
SERVING_MODULES = {"urls", "wsgi", "serve"}  # the site as a whole, and the embedded server that runs it
TOP_MODULES = {"cli", "celery", "__main__", "conftest", "testing"}


def layer_of(module: str) -> str:
    """'localwire.stories.assign' → 'stories'; root modules are base, the entry points top."""
    parts = module.split(".")
    if len(parts) == 1:
        return "top"  # localwire/__init__.py starts the Celery app, as Celery's Django set-up asks
    head = parts[1]
    if head in TOP_MODULES:
        return "top"
    if head in SERVING_MODULES:
        return "serving"
    if head in LAYERS:
        return head
    if head in BASE_PACKAGES or (ROOT / f"{head}.py").exists():
        return "base"
    raise AssertionError(f"{module} belongs to no layer: add its package to LAYERS in {__file__}")


def source_modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT.parent)
        if "migrations" in relative.parts or "tests" in relative.parts:
            continue
        name = ".".join(relative.with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def imported_names(module: str, path: Path, modules=()) -> set[str]:
    """The absolute names the file's import statements bring in.

    ``from localwire.web import views`` names the module ``localwire.web.views`` when that is one
    of ``modules``, and the package ``localwire.web`` only when it takes a name defined there.
    """
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                names.add(submodule if submodule in modules else base)
    return names


def import_graph() -> dict[str, set[str]]:
    modules = source_modules()
    graph = defaultdict(set)
    for module, path in modules.items():
        names = imported_names(module, path, modules)
        graph[module] = {name for name in names if name in modules and name != module}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iteratively)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_import_circle():
    found = circles(import_graph())
    assert not found, "import circles:\n" + "\n".join(" ↔ ".join(group) for group in found)


def test_no_import_runs_upwards():
    rank = {name: position for position, name in enumerate(LAYERS)}
    upward = sorted(
        f"{module} ({layer_of(module)}) imports {target} ({layer_of(target)})"
        for module, targets in import_graph().items()
        for target in targets
        if rank[layer_of(target)] > rank[layer_of(module)]
    )
    assert not upward, "imports against the layers:\n" + "\n".join(upward)


def test_the_walk_sees_circles_and_deferred_imports():
    graph = {"localwire.a": {"localwire.b"}, "localwire.b": {"localwire.c"}, "localwire.c": {"localwire.a"},
             "localwire.d": set()}
    assert circles(graph) == [["localwire.a", "localwire.b", "localwire.c"]]
    names = imported_names("localwire.web.views", ROOT / "web" / "views.py")
    assert any(name.startswith("localwire.") for name in names)


@pytest.mark.parametrize("module, layer", [
    ("localwire.env", "base"), ("localwire", "top"), ("localwire.caching.pages", "base"), ("localwire.nlp.analyze", "nlp"),
    ("localwire.cli", "top"), ("localwire.serve", "serving"), ("localwire.testing.factories", "top"), ("localwire.api.me", "api"),
])
def test_layer_of(module, layer):
    assert layer_of(module) == layer
