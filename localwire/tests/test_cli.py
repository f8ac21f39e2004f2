"""The ``localwire`` command as a user runs it: a separate process with its own LOCALWIRE_HOME."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from localwire.demo.server import DemoServer
from localwire.testing.httpserver import LocalServer

pytestmark = pytest.mark.slow


def run(home, *args, check=True, **kwargs):
    # Ingest is what these tests are about; understanding has its own tests (the demo test runs it too).
    env = {**os.environ, "LOCALWIRE_HOME": str(home), "LOCALWIRE_FETCH_ALLOW_PRIVATE": "127.0.0.1",
           "LOCALWIRE_ANALYZE": "false"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    proc = subprocess.run([sys.executable, "-m", "localwire", *args], env=env, capture_output=True,
                          text=True, timeout=300, **kwargs)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def count(home, table):
    with sqlite3.connect(home / "localwire.sqlite3") as db:
        return db.execute(f"select count(*) from {table}").fetchone()[0]


@pytest.fixture(scope="module")
def publishers():
    with DemoServer(host="127.0.0.1", port=0) as server:
        yield server


def test_opml_import_crawl_and_export(tmp_path, publishers):
    opml = tmp_path / "feeds.opml"
    opml.write_text(publishers.opml())
    out = run(tmp_path, "feeds", "import-opml", str(opml)).stdout
    assert f"imported {len(publishers.feeds())} feeds" in out

    out = run(tmp_path, "crawl", "--once").stdout
    assert out.startswith("crawl:") and "0 failed" in out
    assert count(tmp_path, "articles_article") >= 60

    listed = run(tmp_path, "feeds", "list").stdout
    assert listed.count("\tok\t") == len(publishers.feeds())
    exported = run(tmp_path, "feeds", "export-opml").stdout
    assert all(feed["url"] in exported for feed in publishers.feeds())


def test_feeds_add_discovers_the_feed_of_a_home_page(tmp_path, publishers):
    site = publishers.feeds()[0]["site_url"]
    out = run(tmp_path, "feeds", "add", site, "--publisher", "Discovered News").stdout
    assert "added" in out and "Discovered News" in out
    assert count(tmp_path, "sources_feed") == 1


def test_refused_feed_exits_non_zero_and_crawl_exits_zero_when_feeds_fail(tmp_path):
    refused = run(tmp_path, "feeds", "add", "http://169.254.169.254/feed.xml", "--publisher", "Metadata", check=False)
    assert refused.returncode == 1 and "refused: 169.254.169.254 is a link-local address" in refused.stderr
    assert count(tmp_path, "sources_feed") == 0 and count(tmp_path, "sources_publisher") == 0
    with LocalServer() as server:
        server.route("/feed.xml", lambda req: (503, {"Retry-After": "60"}, b"down for maintenance"))
        added = run(tmp_path, "feeds", "add", server.url("/feed.xml"), "--publisher", "Down").stdout
        assert "not checked: HTTP 503" in added
        out = run(tmp_path, "crawl", "--once").stdout
    assert "1 failed" in out


def test_usage_errors_exit_non_zero(tmp_path):
    assert run(tmp_path, "crawl", check=False).returncode == 2
    assert run(tmp_path, "feeds", "import-opml", str(tmp_path / "missing.opml"), check=False).returncode == 2


def test_kill_9_halfway_then_rerun_loses_nothing_and_duplicates_nothing(tmp_path, publishers):
    opml = tmp_path / "feeds.opml"
    opml.write_text(publishers.opml())
    run(tmp_path, "feeds", "import-opml", str(opml))
    env = {**os.environ, "LOCALWIRE_HOME": str(tmp_path), "LOCALWIRE_FETCH_ALLOW_PRIVATE": "127.0.0.1",
           "LOCALWIRE_WORKERS": "1", "LOCALWIRE_ANALYZE": "false"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen([sys.executable, "-m", "localwire", "crawl", "--once", "--quiet"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            stored = count(tmp_path, "articles_article")
        except sqlite3.OperationalError:
            stored = 0
        if stored >= 5:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the crawl finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < count(tmp_path, "articles_article") < 60

    run(tmp_path, "crawl", "--once")

    with sqlite3.connect(tmp_path / "localwire.sqlite3") as db:
        total, distinct = db.execute(
            "select count(*), count(distinct canonical_url) from articles_article").fetchone()
        pending = db.execute("select count(*) from sources_entry where state='pending'").fetchone()[0]
    assert total == distinct >= 60
    assert pending == 0


def test_extract_prints_json_lines(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        "<html lang='en'><head><title>Bridge reopens</title>"
        "<link rel='canonical' href='https://news.example.org/bridge?utm_source=x'></head><body>"
        "<article><h1>Bridge reopens</h1><p class='byline'>By ANA RUIZ, Meridian Press</p>"
        + "<p>The Main Street bridge reopened on Monday after eight months of repairs.</p>" * 4
        + "<p>Copyright 2026 Meridian Press. All rights reserved.</p></article></body></html>"
    )
    out = run(tmp_path, "extract", "--url", "https://news.example.org/bridge", str(page), str(page)).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 2
    row = rows[0]
    for key in ("file", "url", "canonical_url", "title", "authors", "agency", "published_at",
                "language", "text", "images"):
        assert key in row
    assert row["canonical_url"] == "https://news.example.org/bridge"
    assert "bridge reopened" in row["text"]
    assert "All rights reserved" not in row["text"]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_demo_serves_the_ingested_site_and_stops_on_ctrl_c(tmp_path):
    import urllib.request

    port = _free_port()
    env = {**os.environ, "LOCALWIRE_HOME": str(tmp_path / "demo")}
    for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "LOCALWIRE_FETCH_ALLOW_PRIVATE"):
        env.pop(key, None)
    proc = subprocess.Popen([sys.executable, "-m", "localwire", "demo", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if "demo is ready" in line:
                break
        assert any(f"http://127.0.0.1:{port}/" in line for line in lines), "".join(lines)
        assert any(line.startswith("crawl:") and "0 failed" in line for line in lines), "".join(lines)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            home = response.read().decode()
        assert home.count('class="card"') >= 20
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert proc.returncode in (0, 130)


def test_demo_refuses_to_wipe_a_home_that_is_not_a_demo(tmp_path):
    (tmp_path / "precious.txt").write_text("real data")
    proc = run(tmp_path, "demo", check=False)
    assert proc.returncode != 0 and "not from a demo" in proc.stderr
    assert (tmp_path / "precious.txt").exists()


def test_serve_runs_the_in_process_worker(tmp_path, publishers):
    opml = tmp_path / "feeds.opml"
    opml.write_text(publishers.opml())
    run(tmp_path, "feeds", "import-opml", str(opml))
    env = {**os.environ, "LOCALWIRE_HOME": str(tmp_path), "LOCALWIRE_FETCH_ALLOW_PRIVATE": "127.0.0.1",
           "LOCALWIRE_ANALYZE": "false"}
    for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CELERY_BROKER_URL"):
        env.pop(key, None)
    proc = subprocess.Popen([sys.executable, "-m", "localwire", "serve", "--port", str(_free_port())],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and stored < 60:
            time.sleep(0.5)
            try:
                stored = count(tmp_path, "articles_article")
            except sqlite3.OperationalError:
                pass
        assert stored >= 60, "the worker inside `serve` crawled the feeds by itself"
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads child processes from /proc (Linux)")
def test_serve_with_several_processes_answers_and_stops_them_all(tmp_path):
    import urllib.request

    run(tmp_path, "feeds", "list")  # creates the database
    port = _free_port()
    env = {**os.environ, "LOCALWIRE_HOME": str(tmp_path)}
    for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CELERY_BROKER_URL"):
        env.pop(key, None)
    proc = subprocess.Popen([sys.executable, "-m", "localwire", "serve", "--port", str(port), "--no-worker",
                             "--processes", "3"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert "3 processes" in proc.stdout.readline()
        copies = _children(proc.pid)
        assert len(copies) == 2
        for _ in range(6):  # new connections each time: the kernel spreads them over the copies
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
                assert response.read() == b"ok"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    time.sleep(0.5)
    assert not [pid for pid in copies if Path(f"/proc/{pid}").exists()], "copies outlived the server"
