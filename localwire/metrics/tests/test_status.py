"""``localwire status``: the same figures as /metrics, for a terminal and as JSON; exit 1 when the
database cannot answer."""

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.utils import timezone

from localwire.articles import pending
from localwire.articles.models import PendingWork
from localwire.metrics import totals
from localwire.metrics.requests import record
from localwire.metrics.status import report
from localwire.sources.models import Feed
from localwire.testing.factories import ArticleFactory, FeedFactory


@pytest.fixture
def some_state(metrics_on):
    polled = timezone.now() - timedelta(minutes=7)
    FeedFactory(status=Feed.Status.OK, last_fetched_at=polled)
    FeedFactory(status=Feed.Status.ERROR, last_fetched_at=polled - timedelta(hours=2))
    articles = ArticleFactory.create_batch(4)
    PendingWork.objects.all().delete()
    pending.mark(PendingWork.Step.ANALYSIS, [a.pk for a in articles[:3]])
    for status in (200, 200, 200, 404, 503):
        record("home", "GET", status, 0.01)
    from localwire import tally

    tally.add("page_cache|hit", 3)
    tally.add("page_cache|miss")
    totals.flush()  # as a web process's flushing thread would
    return polled


@pytest.mark.django_db
def test_json_has_every_figure(some_state):
    text, code = report(as_json=True)
    status = json.loads(text)
    assert code == 0
    assert status["database"] == "ok"
    assert status["feeds"] == {"new": 0, "ok": 1, "not_modified": 0, "error": 1, "disabled": 0}
    assert status["feeds_polled_last_hour"] == 1
    assert status["last_poll"] == some_state.isoformat()
    assert status["entries"] == {"pending": 0, "failed": 0}
    assert status["pending_work"]["analysis"] == 3 and status["pending_work"]["search"] == 0
    assert status["articles"] == 4
    assert status["queue_depth"] is None  # no Redis broker
    assert status["page_cache"] == {"hits": 3, "misses": 1, "hit_rate": 0.75}
    assert status["requests"] == {"total": 5, "2xx": 3, "3xx": 0, "4xx": 1, "5xx": 1}
    assert status["errors"] == []


@pytest.mark.django_db
def test_text_is_a_line_a_figure(some_state):
    text, code = report(as_json=False)
    lines = {line[:13].strip(): line[14:] for line in text.splitlines()}  # a name column, then the figure
    assert code == 0
    assert lines["feeds"].startswith("2: 0 new, 1 ok, 0 not modified, 1 error, 0 disabled; 1 polled in the last hour")
    assert lines["last poll"].endswith("(7 min ago)")
    assert lines["pending work"] == "syndication 0, story 0, search 0, analysis 3, page 0"
    assert lines["articles"] == "4"
    assert lines["page cache"] == "75% hits (3 of 4)"
    assert lines["requests"] == "5 counted, 1 answered 5xx, 1 4xx"


def test_the_command_fails_when_the_database_cannot_be_reached(tmp_path):
    env = {**os.environ, "LOCALWIRE_HOME": str(tmp_path), "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for extra in ([], ["--json"]):
        proc = subprocess.run([sys.executable, "-m", "localwire", "status", *extra], env=env, capture_output=True,
                              text=True, timeout=60)
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["database"] == "unavailable"
    assert json.loads(proc.stdout)["error"]


def test_a_short_metrics_token_stops_the_start(tmp_path):
    env = {**os.environ, "LOCALWIRE_HOME": str(tmp_path), "LOCALWIRE_METRICS_TOKEN": "guessable"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.run([sys.executable, "-m", "localwire", "status"], env=env, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode != 0
    assert "LOCALWIRE_METRICS_TOKEN must be at least 16 characters" in proc.stderr
