"""The fault harness's invariants on a small corpus (issue 16, "How it is checked"): the deployment
of deploy/ run for real on this machine (gunicorn, two Celery workers, beat, PostgreSQL, Redis),
with the publisher failing, a worker kill -9'd, Redis restarted and PostgreSQL's connections cut,
and afterwards nothing lost, nothing twice, nothing stuck, and no reader shown a 500."""

import shutil

import pytest

# About two minutes on two cores, alone or beside the rest of the suite; skipped without PostgreSQL
# and Redis (the markers), or without gunicorn. ``make test-cluster`` runs it on its own.
pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]


def test_a_small_ingest_survives_every_fault_with_nothing_lost():
    pytest.importorskip("gunicorn", reason="the deployment's web server: pip install 'localwire[deploy]'")
    pytest.importorskip("psycopg")
    from localwire.testing.cluster_run import Plan, reader_5xx, run

    outcome = run(Plan(articles=60, feeds=6, fault_every=4, timeout=600, readers=2, retry_seconds=15))
    counts, views = outcome.counts, outcome.views
    ran = [fault["name"] for fault in outcome.faults]
    assert {"publisher_500s", "publisher_timeouts", "worker_kill9", "postgres_backends_terminated"} <= set(ran)
    assert counts["stored"] == counts["rows"] == 60, counts
    assert counts["duplicates"] == 0
    assert counts["understood"] == 60, counts
    assert counts["stuck"] == 0, counts["states"]
    assert reader_5xx(outcome.samples) == 0
    assert any(sample.status == 200 for sample in outcome.samples)
    assert 0 <= views["lost"] <= views["lost_allowed"], views
    assert outcome.summary()["reader_5xx"] == 0
    shutil.rmtree(views["logs"])  # the services' logs stay only when a check failed, to read why
