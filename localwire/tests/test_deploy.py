"""deploy/ against the code: the env example names every variable, the web server's settings come
from the environment, the Compose file has the layout docs/operations.md describes, and PostgreSQL
gets the timeouts the role files set."""

import importlib
import re
from pathlib import Path

import pytest

from localwire.tests.test_configuration_docs import documented

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def env_example_names() -> set[str]:
    return set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", (DEPLOY / "localwire.env.example").read_text(), re.M))


def test_the_env_example_names_every_documented_variable_but_the_tests_own():
    tests_only = {name for name in documented() if name.startswith("LOCALWIRE_TEST") or name in
                  {"LOCALWIRE_SHARED_DATA", "LOCALWIRE_CHROMIUM", "LOCALWIRE_ARTIFACTS"}}
    assert sorted(set(documented()) - tests_only - env_example_names()) == []
    assert sorted(env_example_names() - set(documented())) == []


def test_gunicorn_takes_its_settings_from_the_environment(monkeypatch):
    from localwire import gunicorn_conf

    monkeypatch.setenv("LOCALWIRE_WEB_BIND", "0.0.0.0:9000")
    monkeypatch.setenv("LOCALWIRE_WEB_PROCESSES", "3")
    monkeypatch.setenv("LOCALWIRE_WEB_MAX_REQUESTS", "500")
    conf = importlib.reload(gunicorn_conf)
    assert (conf.bind, conf.workers, conf.max_requests, conf.max_requests_jitter) == (["0.0.0.0:9000"], 3, 500, 50)
    assert conf.wsgi_app == "localwire.wsgi:application" and conf.worker_class == "gthread"
    monkeypatch.undo()
    monkeypatch.delenv("LOCALWIRE_WEB_MAX_REQUESTS", raising=False)
    assert importlib.reload(gunicorn_conf).max_requests == 0  # retiring a threaded worker resets connections
    monkeypatch.undo()


def test_postgres_connections_get_the_role_files_timeouts_and_a_page_cost_for_ssd(monkeypatch):
    from localwire import settings

    monkeypatch.setenv("DATABASE_URL", "postgres://localwire:secret@db.internal:5432/localwire")
    monkeypatch.setenv("LOCALWIRE_DB_STATEMENT_TIMEOUT_MS", "15000")
    config = settings._database()
    assert config["CONN_HEALTH_CHECKS"] is True and config["CONN_MAX_AGE"] == 60
    assert config["OPTIONS"]["connect_timeout"] == 5
    assert config["OPTIONS"]["options"] == "-c statement_timeout=15000 -c random_page_cost=1.1"
    monkeypatch.delenv("LOCALWIRE_DB_STATEMENT_TIMEOUT_MS")
    assert settings._database()["OPTIONS"]["options"] == "-c random_page_cost=1.1"
    monkeypatch.setenv("LOCALWIRE_DB_RANDOM_PAGE_COST", "0")  # the server's own setting
    assert "options" not in settings._database()["OPTIONS"]


def test_sqlite_connections_are_kept_between_requests_too(monkeypatch):
    from localwire import settings

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("LOCALWIRE_DB_CONN_MAX_AGE", raising=False)
    assert settings._database()["CONN_MAX_AGE"] == 60
    monkeypatch.setenv("LOCALWIRE_DB_CONN_MAX_AGE", "0")
    assert settings._database()["CONN_MAX_AGE"] == 0


def test_the_visibility_timeout_must_outlast_the_hard_time_limit(tmp_path):
    import subprocess
    import sys

    env = {"LOCALWIRE_TASK_TIME_LIMIT": "900", "LOCALWIRE_TASK_VISIBILITY_TIMEOUT": "600",
           "DJANGO_SETTINGS_MODULE": "localwire.settings", "PATH": "/usr/bin:/bin", "LOCALWIRE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", "import localwire.settings"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode != 0 and "LOCALWIRE_TASK_VISIBILITY_TIMEOUT must be at least 901" in done.stderr


def test_compose_runs_two_web_two_workers_and_one_beat():
    yaml = pytest.importorskip("yaml")
    services = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]
    commands = {name: " ".join(service.get("command", [])) for name, service in services.items()}
    assert sum("gunicorn" in c for c in commands.values()) == 2
    assert sum("worker" in c and "celery" in c for c in commands.values()) == 2
    assert sum(" beat" in c for c in commands.values()) == 1
    assert {"postgres", "redis", "migrate"} <= set(services)


def test_the_systemd_units_start_what_the_checkout_holds():
    units = {path.name: path.read_text() for path in (DEPLOY / "systemd").glob("*.service")}
    assert {"localwire-web.service", "localwire-worker@.service", "localwire-beat.service"} <= set(units)
    assert "deploy/gunicorn.conf.py" in units["localwire-web.service"]
    assert "--max-tasks-per-child" in units["localwire-worker@.service"]
