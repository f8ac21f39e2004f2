"""Counts from several processes add up in the shared totals: the database's rows without Redis,
a Redis hash with it. The processes are real (forked), each counting in its own memory and moving
its counts as the flushing thread would."""

import os
import time
import uuid

import pytest
from django.db import connections
from django.test import override_settings

from localwire import tally
from localwire.metrics import totals
from localwire.metrics.models import CounterTotal
from localwire.metrics.requests import record

REDIS = os.environ.get("LOCALWIRE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def count_in_children(children: int, requests: int) -> None:
    """Fork ``children`` processes that each count ``requests`` requests and a page cache hit,
    move them and exit; fail unless every one exited cleanly."""
    connections.close_all()  # a child must not share the parent's database connection
    pids = []
    for n in range(children):
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                for _ in range(requests):
                    record("article", "GET", 200, 0.02)
                record("other", "GET", 404, 0.3)
                tally.add("page_cache|hit")
                code = 0 if totals.flush() else 2
            finally:
                connections.close_all()
                os._exit(code)
        pids.append(pid)
    for pid in pids:
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0


def assert_added_up(kept: dict, children: int, requests: int) -> None:
    assert kept["requests|article|GET|200"] == children * requests
    assert kept["duration|article|0.025"] == children * requests
    assert kept["duration_sum|article"] == pytest.approx(children * requests * 0.02)
    assert kept["requests|other|GET|404"] == children
    assert kept["page_cache|hit"] == children


@pytest.mark.django_db(transaction=True)
def test_processes_add_up_in_the_database_without_redis(metrics_on):
    count_in_children(children=3, requests=40)
    assert_added_up(totals.read(), children=3, requests=40)
    count_in_children(children=2, requests=5)  # later moves add to the rows, never overwrite them
    assert CounterTotal.objects.get(name="requests|article|GET|200").total == 130


@pytest.mark.django_db
def test_a_move_that_fails_keeps_its_counts_for_the_next(metrics_on):
    with override_settings(CACHES={"default": {  # a Redis nobody listens on
            "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}):
        record("story", "GET", 200, 0.01)
        assert totals.flush() is False
    assert totals.flush() is True  # the database takes them now
    assert CounterTotal.objects.get(name="requests|story|GET|200").total == 1


def test_counts_are_dropped_while_the_metrics_are_off(settings):
    settings.LOCALWIRE_METRICS_TOKEN = ""
    record("story", "GET", 200, 0.01)
    assert totals.flush() is True  # no database touched: this test has none
    assert tally.take() == {}


@pytest.fixture
def redis_totals(metrics_on):
    """The default cache on Redis under a prefix of this test's own, removed afterwards."""
    prefix = f"localwire-test-{uuid.uuid4().hex[:12]}"
    with override_settings(CACHES={"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS,
        "KEY_PREFIX": prefix, "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }}):
        yield
        client = totals.RedisTotals().client
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)


@pytest.mark.redis
def test_processes_add_up_in_redis(redis_totals):
    count_in_children(children=3, requests=40)
    assert totals.uses_redis()
    assert_added_up(totals.read(), children=3, requests=40)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_status_reads_the_totals_from_redis(redis_totals):
    from localwire.metrics.status import collect

    count_in_children(children=2, requests=10)
    status = collect()
    assert status["requests"] == {"total": 22, "2xx": 20, "3xx": 0, "4xx": 2, "5xx": 0}
    assert status["page_cache"] == {"hits": 2, "misses": 0, "hit_rate": 1.0}
    assert status["shared_cache"]["hits"] >= 0  # the Redis server's own count, whatever else used it


@pytest.mark.django_db(transaction=True)
def test_a_forked_process_starts_its_own_flushing_thread(metrics_on, monkeypatch):
    """The parent's thread is not copied by fork: the child must not believe one runs for it."""
    monkeypatch.setattr(totals, "_flushing", True)  # as in a parent that served before forking
    monkeypatch.setattr(totals, "FLUSH_SECONDS", 0.2)
    connections.close_all()
    pid = os.fork()
    if pid == 0:
        try:
            record("local", "GET", 200, 0.01)
            totals.keep_flushing()
            deadline = time.monotonic() + 20
            while tally._counts and time.monotonic() < deadline:  # the thread takes them
                time.sleep(0.05)
            time.sleep(0.5)  # and writes them
        finally:
            os._exit(0)  # no atexit: only the thread can have moved the counts
    os.waitpid(pid, 0)
    assert CounterTotal.objects.get(name="requests|local|GET|200").total == 1


@pytest.mark.redis
def test_the_queue_length_counts_every_priority_of_the_celery_queue(settings):
    from kombu import Connection, Queue

    from localwire.metrics.gauges import queue_depths

    name = f"localwire-test-{uuid.uuid4().hex[:12]}"
    settings.CELERY_BROKER_URL = REDIS
    settings.CELERY_TASK_DEFAULT_QUEUE = name
    with Connection(REDIS) as connection:
        producer = connection.Producer()
        try:
            for priority in (0, 0, 0, 9, 5):
                producer.publish({"n": priority}, routing_key=name, declare=[Queue(name)], priority=priority)
            assert queue_depths() == {name: 5}
        finally:
            client = connection.default_channel.client
            client.delete(*[key for key in client.scan_iter(match=f"*{name}*")])
    assert queue_depths() == {name: 0}
