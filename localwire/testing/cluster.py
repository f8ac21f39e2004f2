"""The many-machine deployment started on this machine, for the fault harness (``cluster_run.py``).

What runs, each in processes of its own as an operator would start them (deploy/): PostgreSQL in
an EMPTY scratch database made here and dropped after; a Redis server of the harness's own on a
free port (when ``redis-server`` is installed: it is killed and restarted as a fault, which the
shared system Redis must never be), else a database of the test Redis, emptied first; the made-up
publisher (``newsroom.py``); gunicorn with its web processes; Celery workers, each restarted after a
``kill -9`` as systemd's ``Restart=always`` would; and exactly one beat.

Nothing here reads Django's settings: the harness also runs inside the test-suite, whose Django is
configured for its own database, so it speaks to the scratch database with psycopg directly.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ADMIN_POSTGRES_URL = os.environ.get("LOCALWIRE_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
TEST_REDIS_URL = os.environ.get("LOCALWIRE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, seconds: float, what: str, every: float = 0.2):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            value = check()
            if value:
                return value
        except Exception:
            pass
        time.sleep(every)
    raise TimeoutError(f"{what} not ready after {seconds:g}s")


class ScratchPostgres:
    """An empty database on the local server, dropped (with any connection left) on ``drop``."""

    def __init__(self, admin_url: str = ADMIN_POSTGRES_URL):
        self.admin_url = admin_url
        self.name = f"localwire_cluster_{secrets.token_hex(4)}"
        self.url = urlunsplit(urlsplit(admin_url)._replace(path=f"/{self.name}"))

    def create(self) -> ScratchPostgres:
        self._admin(f'CREATE DATABASE "{self.name}"')
        return self

    def drop(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def terminate_backends(self) -> int:
        """Every connection to the scratch database cut, as a server restart would."""
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True, connect_timeout=5) as conn:
            rows = conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE datname = %s AND pid <> pg_backend_pid()", [self.name]).fetchall()
        return len(rows)

    def query(self, sql: str, params=()) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
            return conn.execute(sql, params).fetchall()

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql)


class HarnessRedis:
    """A redis-server of the harness's own (append-only, as deploy/ runs the broker), or a database
    of the test Redis when none is installed; ``restartable`` says which."""

    def __init__(self, workdir: Path):
        self.binary = shutil.which("redis-server")
        self.restartable = self.binary is not None
        self.workdir, self.process = workdir, None
        if self.restartable:
            self.port, self.db = free_port(), 0
            self.base = f"redis://127.0.0.1:{self.port}"
        else:  # never db 0 of a shared server: the test Redis's own database, 14 or above
            parts = urlsplit(TEST_REDIS_URL)
            self.base, self.port = f"redis://{parts.netloc}", parts.port
            self.db = max(14, int(parts.path.strip("/") or 14))

    def url(self, offset: int) -> str:
        """The broker at offset 0, the cache at 1: two databases, as deploy/ sets them."""
        return f"{self.base}/{self.db + offset if self.restartable else self.db}"

    def start(self) -> HarnessRedis:
        if self.restartable:
            self.process = subprocess.Popen(
                [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "yes", "--appendfsync", "everysec", "--dir", str(self.workdir)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        else:
            self._client().flushdb()
        wait_for(lambda: self._client().ping(), 15, "Redis")
        return self

    def kill_and_restart(self, down_seconds: float) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        time.sleep(down_seconds)
        self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        elif not self.restartable:
            self._client().flushdb()

    def _client(self):
        import redis

        return redis.Redis.from_url(self.url(0), socket_connect_timeout=1, socket_timeout=2)


class Service:
    """One command run as a supervisor would: in a session of its own, so ``kill -9`` takes its
    children (Celery's pool, gunicorn's workers) with it, and ``restart`` starts it again."""

    def __init__(self, name: str, command: list[str], env: dict, log: Path):
        self.name, self.command, self.env, self.log = name, command, env, log
        self.process: subprocess.Popen | None = None
        self.kills = 0

    def start(self) -> Service:
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(self.command, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        return self

    def kill9(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self.kills += 1

    def stop(self, grace: float = 20.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(grace)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        except ProcessLookupError:
            pass


class Newsroom(Service):
    """The publisher in its own process; its address is the first line it prints."""

    def __init__(self, articles: int, feeds: int, env: dict, log: Path):
        super().__init__("newsroom", [sys.executable, "-m", "localwire.testing.newsroom", "--articles",
                                      str(articles), "--feeds", str(feeds)], env, log)
        self.base = ""

    def start(self) -> Newsroom:
        self.process = subprocess.Popen(self.command, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        start_new_session=True, text=True)
        self.base = self.process.stdout.readline().strip()
        if not self.base.startswith("http://"):
            raise RuntimeError("the newsroom did not start")
        return self

    def fault(self, kind: str, seconds: float) -> None:
        import urllib.request

        urllib.request.urlopen(f"{self.base}/_fault/{kind}?seconds={seconds}", timeout=5).read()


def deployment_env(home: Path, database_url: str, redis: HarnessRedis, tuning: dict) -> dict:
    """What localwire.env and the role files would say, for this machine."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "LOCALWIRE_", "PYTEST"))}
    env.update(DJANGO_SETTINGS_MODULE="localwire.settings", LOCALWIRE_HOME=str(home), DATABASE_URL=database_url,
               CELERY_BROKER_URL=redis.url(0), CACHE_URL=redis.url(1), SECRET_KEY=secrets.token_urlsafe(40),
               LOCALWIRE_FETCH_ALLOW_PRIVATE="127.0.0.1", LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")
    gazetteer = os.environ.get("LOCALWIRE_GAZETTEER_CACHE")
    if gazetteer:  # the test-suite's built place index, so each worker need not build its own
        env["LOCALWIRE_GAZETTEER_CACHE"] = gazetteer
    env.update({key: str(value) for key, value in tuning.items()})
    return env


def localwire(env: dict, *args: str, timeout: float = 600) -> str:
    done = subprocess.run([sys.executable, "-m", "localwire", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)
    if done.returncode:
        raise RuntimeError(f"localwire {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def web(env: dict, port: int, processes: int, log: Path) -> Service:
    config = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"
    chosen = config if config.exists() else "python:localwire.gunicorn_conf"
    env = {**env, "LOCALWIRE_WEB_BIND": f"127.0.0.1:{port}", "LOCALWIRE_WEB_PROCESSES": str(processes),
           "LOCALWIRE_WEB_THREADS": "4", "LOCALWIRE_DB_STATEMENT_TIMEOUT_MS": "15000"}
    return Service("web", [sys.executable, "-m", "gunicorn", "-c", str(chosen)], env, log)


def worker(env: dict, number: int, log: Path) -> Service:
    """As deploy/systemd/localwire-worker@.service starts one (one process each, on two cores)."""
    return Service(f"worker{number}", [sys.executable, "-m", "celery", "-A", "localwire", "worker",
                                       "--hostname", f"worker{number}@%h", "--concurrency", "1",
                                       "--prefetch-multiplier", "1", "--max-tasks-per-child", "200", "-O", "fair",
                                       "--loglevel", "WARNING"], env, log)


def beat(env: dict, home: Path, log: Path) -> Service:
    return Service("beat", [sys.executable, "-m", "celery", "-A", "localwire", "beat", "--loglevel", "WARNING",
                            "--schedule", str(home / "celerybeat-schedule")], env, log)


def scratch_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="localwire-cluster-"))


def celery_call(env: dict, task: str) -> None:
    subprocess.run([sys.executable, "-m", "celery", "-A", "localwire", "call", task], env=env, check=True,
                   capture_output=True, timeout=120)
