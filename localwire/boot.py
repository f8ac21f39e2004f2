"""Start Django for a command, a script or the demo: settings, then the schema brought up to date.

Every entry point (the CLI, the demo, the benchmarks) boots through here, so none has to import
another entry point to start, and a configuration or database problem reads the same everywhere.
"""

from __future__ import annotations

import os


def setup_django(migrate: bool = True) -> None:
    """Configure Django and bring the database schema up to date, quietly."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localwire.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    from localwire.env import ConfigError

    try:
        django.setup()
    except (ConfigError, ImproperlyConfigured) as exc:
        raise SystemExit(f"localwire: configuration error: {exc}") from None
    if migrate:
        migrate_if_needed()


def migrate_if_needed() -> None:
    """Exits with one line when the database cannot be reached or opened."""
    from django.db import OperationalError

    try:
        _migrate()
    except OperationalError as exc:  # unreachable server, wrong password, unreadable file
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SystemExit(f"localwire: cannot use the database: {first_line}") from None


def _migrate() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)
