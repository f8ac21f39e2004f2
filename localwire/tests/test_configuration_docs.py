"""docs/configuration.md against the code: every variable Localwire reads is documented, once, and
every documented variable is still read (issue 11, item 7: LOCALWIRE_COUNT_VIEWS was listed twice)."""

import re
from collections import Counter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
DOC = PACKAGE.parent / "docs" / "configuration.md"
# Set by the environment for Python or the test runner, not settings of Localwire's.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE", "PYTEST_XDIST_WORKER", "HF_HUB_OFFLINE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
READ = re.compile(r'(?:env_\w+|os\.environ\.get|os\.environ\.setdefault|os\.getenv)\(\s*"([A-Z][A-Z0-9_]+)"'
                  r'|os\.environ\[\s*"([A-Z][A-Z0-9_]+)"\s*\]')


def documented() -> Counter:
    """The variables named in the first column of the page's tables."""
    names = Counter()
    for line in DOC.read_text().splitlines():
        if line.startswith("| `"):
            names.update(re.findall(r"`([A-Z][A-Z0-9_]+)`", line.split("|")[1]))
    return names


def read_by_the_code() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" not in path.parts:
            found.update(a or b for a, b in READ.findall(path.read_text()))
    return found - NOT_SETTINGS


def test_every_variable_is_documented_once():
    twice = sorted(name for name, count in documented().items() if count > 1)
    assert twice == []


def test_every_variable_the_code_reads_is_documented():
    assert sorted(read_by_the_code() - set(documented())) == []


def test_every_documented_variable_is_still_read():
    source = "\n".join(path.read_text() for path in PACKAGE.rglob("*.py"))
    assert sorted(name for name in documented() if f'"{name}"' not in source) == []
