"""Fixtures shared across apps: the demo publishers on 127.0.0.1 and service probes."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from localwire.testing.browser import CHROMIUM, CHROMIUM_ARGS, retrying_screenshots
from localwire.testing.network import GUARD

SHARED_DATA = Path(
    os.environ.get("LOCALWIRE_SHARED_DATA", Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
).resolve()


def _reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=1):
            return True
    except OSError:
        return False


# Fixtures through which a test reaches the Django database (pytest-django refuses it to any other test).
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback",
                     "live_server", "admin_user", "admin_client", "django_user_model"}


def pytest_addoption(parser):
    parser.addoption(
        "--db-only", action="store_true",
        help="run only the tests that reach a database (Django's, or the postgres/redis-marked ones); "
             "the PostgreSQL pass uses it, as the rest cannot behave differently there")


def _reaches_a_database(item) -> bool:
    if any(item.get_closest_marker(name) for name in ("django_db", "postgres", "redis")):
        return True
    return not DATABASE_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group markers added here
def pytest_collection_modifyitems(config, items):
    """Skip tests whose outside service is absent, each with the reason; with --db-only, deselect
    the tests that cannot reach a database."""
    if config.getoption("--db-only"):
        kept = [item for item in items if _reaches_a_database(item)]
        config.hook.pytest_deselected(items=[item for item in items if not _reaches_a_database(item)])
        items[:] = kept
    postgres = os.environ.get("LOCALWIRE_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
    redis = os.environ.get("LOCALWIRE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    probes = {
        "postgres": (lambda: _reachable(postgres), f"PostgreSQL not reachable at {postgres}"),
        "redis": (lambda: _reachable(redis), f"Redis not reachable at {redis}"),
        "browser": (lambda: Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
        "shared_data": (lambda: SHARED_DATA.is_dir(), f"no shared data sets at {SHARED_DATA}"),
    }
    answers: dict[str, bool] = {}
    for item in items:
        for marker, (probe, reason) in probes.items():
            if marker in item.keywords:
                if marker not in answers:
                    answers[marker] = probe()
                if not answers[marker]:
                    item.add_marker(pytest.mark.skip(reason=reason))
        if item.get_closest_marker("redis") and config.pluginmanager.hasplugin("xdist"):
            # One Redis database for the whole run (test_celery empties it): under pytest-xdist
            # (--dist loadgroup) these tests share one worker, one after another.
            item.add_marker(pytest.mark.xdist_group("redis"))


@pytest.fixture(scope="session", autouse=True)
def loopback_only():
    """No test reaches outside this machine: connections and name lookups are loopback only
    (see ``localwire.testing.network``); each pytest-xdist worker installs it in its own process."""
    GUARD.install()
    yield GUARD
    GUARD.uninstall()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test whose outside connection was refused even if the code under test swallowed the
    error (a broad ``except`` turning it into "unreachable")."""
    GUARD.take_attempts()
    result = yield
    refused = GUARD.take_attempts()
    if refused:
        pytest.fail("reached outside loopback:\n" + "\n".join(refused), pytrace=False)
    return result


@pytest.fixture(scope="session")
def demo_server():
    """The demo corpus served as real feeds and pages on 127.0.0.1."""
    from localwire.demo.server import DemoServer

    with DemoServer(host="127.0.0.1", port=0) as server:
        yield server


@pytest.fixture
def pipeline_context(settings):
    """A fresh stage context whose fetcher lets 127.0.0.1 through, as the tests' servers live there."""
    from localwire.sources.context import build_context, reset_shared_context

    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = "127.0.0.1,localhost"
    settings.LOCALWIRE_FETCH_TIMEOUT = 10.0
    reset_shared_context()
    ctx = build_context()
    yield ctx
    ctx.fetcher.close()
    reset_shared_context()


@pytest.fixture
def site(settings):
    """A website on 127.0.0.1 that the guarded fetcher may reach, as a publisher's own site in a test
    (route its pages with ``site.route``); a test module may override it to serve more."""
    from localwire.testing.httpserver import LocalServer

    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = "127.0.0.1"
    with LocalServer() as server:
        yield server


@pytest.fixture
def browser_page(monkeypatch):
    """A Chromium page at desktop size; `page.set_viewport_size(PHONE)` for a phone."""
    playwright = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still synchronous, which Django would otherwise refuse.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = retrying_screenshots(browser.new_page(viewport={"width": 1280, "height": 900}))
        yield page
        browser.close()
