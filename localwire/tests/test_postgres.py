"""The scale path's database: a full crawl by the real CLI into a fresh PostgreSQL database."""

import os
import secrets
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest

from localwire.demo.server import DemoServer

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ADMIN_URL = os.environ.get("LOCALWIRE_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")


@pytest.fixture
def postgres_url():
    psycopg = pytest.importorskip("psycopg")
    name = f"localwire_cli_{secrets.token_hex(4)}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(ADMIN_URL)
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_crawl_into_postgres_twice_without_duplicates(tmp_path, postgres_url):
    import psycopg

    env = {**os.environ, "LOCALWIRE_HOME": str(tmp_path), "DATABASE_URL": postgres_url,
           "LOCALWIRE_FETCH_ALLOW_PRIVATE": "127.0.0.1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def localwire(*args):
        proc = subprocess.run([sys.executable, "-m", "localwire", *args], env=env,
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    with DemoServer(host="127.0.0.1", port=0) as server:
        opml = tmp_path / "feeds.opml"
        opml.write_text(server.opml())
        localwire("feeds", "import-opml", str(opml))
        first = localwire("crawl", "--once")
        localwire("manage", "shell", "-c",
                  "from localwire.sources.models import Feed; Feed.objects.update(next_fetch_at='2000-01-01T00:00Z', etag='', last_modified='')")
        localwire("crawl", "--once")

    assert "0 failed" in first
    with psycopg.connect(postgres_url) as conn:
        total, distinct = conn.execute(
            "select count(*), count(distinct canonical_url) from articles_article").fetchone()
    assert total == distinct >= 60
