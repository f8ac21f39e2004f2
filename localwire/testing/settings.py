"""Settings for the test-suite: the real settings, with state in a throw-away folder.

The test database is a file (not SQLite's in-memory database) so that the
crawler's worker threads share it through WAL exactly as in production. With
LOCALWIRE_TEST_DATABASE=postgres the suite runs on PostgreSQL instead.
"""

import atexit
import os
import shutil
import tempfile

if "LOCALWIRE_HOME" not in os.environ:  # the run's first process makes the folder; the rest inherit it
    os.environ["LOCALWIRE_HOME"] = tempfile.mkdtemp(prefix="localwire-test-")
    atexit.register(shutil.rmtree, os.environ["LOCALWIRE_HOME"], True)
# Building the gazetteer takes seconds: one built index for the whole run, its workers and the
# `localwire` processes tests start with homes of their own.
os.environ.setdefault("LOCALWIRE_GAZETTEER_CACHE", os.path.join(os.environ["LOCALWIRE_HOME"], "cache"))
if os.environ.get("PYTEST_XDIST_WORKER"):  # under pytest-xdist: a home of each worker's own (gw0, gw1, …)
    os.environ["LOCALWIRE_HOME"] = os.path.join(os.environ["LOCALWIRE_HOME"], os.environ["PYTEST_XDIST_WORKER"])
os.environ.setdefault("LOCALWIRE_FETCH_ALLOW_PRIVATE", "127.0.0.1,localhost")
if os.environ.get("LOCALWIRE_TEST_DATABASE") == "postgres":
    os.environ["DATABASE_URL"] = os.environ.get(
        "LOCALWIRE_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test"
    )

from localwire.settings import *  # noqa: E402,F403
from localwire.settings import DATABASES, LOCALWIRE_HOME  # noqa: E402

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(LOCALWIRE_HOME / "test.sqlite3")}
else:  # one server, several runs at once (CI, a developer, a benchmark): each its own test database
    # (each xdist worker is its own process, and pytest-django adds the worker to the name too: _gw0, _gw1, …)
    DATABASES["default"]["TEST"] = {"NAME": f"test_localwire_{os.getpid()}"}
# Tests see each change at once; the page cache and the stored For you pool have their own tests,
# which switch them on.
LOCALWIRE_PAGE_CACHE_SECONDS = 0
LOCALWIRE_FOR_YOU_POOL_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Persistent connections would outlive the live server's request threads and block dropping the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0
