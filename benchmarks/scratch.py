"""A throw-away Localwire for a benchmark: a fresh home and database, Django set up and migrated.

Benchmarks that fill a database of their own start here, so each measures on an empty site and
never on the operator's; ``database_url`` names an EMPTY scratch PostgreSQL database instead of
the fresh SQLite file.
"""

from __future__ import annotations

import os
import tempfile


def scratch_django(database_url: str = "", **environment: str) -> str:
    """Set up Django on a new LOCALWIRE_HOME (returned), with ``environment`` added to os.environ."""
    home = tempfile.mkdtemp(prefix="localwire-bench-")
    os.environ.update(LOCALWIRE_HOME=home, LOG_LEVEL="WARNING", DJANGO_SETTINGS_MODULE="localwire.settings",
                      **environment)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    from localwire.boot import setup_django

    setup_django()
    return home
