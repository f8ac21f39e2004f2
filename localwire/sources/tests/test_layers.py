"""sources sits below articles and the pipeline: none of its modules may import them."""

import ast
from pathlib import Path

import localwire.sources

# The plain documents sources fills are the one thing it takes from the pipeline (they are moving
# to the bottom layer, ``localwire/document.py``).
ALLOWED = {"localwire.pipeline.document"}
ABOVE = ("localwire.articles", "localwire.pipeline")


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_sources_module_imports_articles_or_the_pipeline():
    root = Path(localwire.sources.__file__).parent
    offending = {
        f"{path.relative_to(root)} imports {name}"
        for path in root.rglob("*.py") if "tests" not in path.parts and "migrations" not in path.parts
        for name in imports_of(path)
        if name.startswith(ABOVE) and name not in ALLOWED
    }
    assert offending == set()
