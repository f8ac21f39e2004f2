"""Work a lost worker or a restarted broker dropped is handed out again, and copies of it do nothing:
a feed's claim is a token its queued poll must still hold, and a stalled entry is re-sent once per
interval, only when the entries queue has drained."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from localwire.pipeline import runner
from localwire.sources.models import Entry, Feed
from localwire.testing.factories import EntryFactory, FeedFactory

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("LOCALWIRE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def due_feed():
    return FeedFactory(next_fetch_at=timezone.now() - timedelta(seconds=1))


def test_only_one_claim_wins_and_it_lapses_after_the_lease(settings):
    settings.LOCALWIRE_FEED_CLAIM_SECONDS = 45
    feed, now = due_feed(), timezone.now()
    token = runner.claim_feed(feed.pk, now)
    assert token == now + timedelta(seconds=45)
    assert runner.claim_feed(feed.pk, now + timedelta(seconds=44)) is None
    assert runner.claim_feed(feed.pk, now + timedelta(seconds=46)) is not None  # the poll was lost


def test_a_poll_runs_only_while_its_claim_is_the_feeds():
    feed, now = due_feed(), timezone.now()
    first = runner.claim_feed(feed.pk, now)
    later = runner.claim_feed(feed.pk, first + timedelta(seconds=1))  # the first poll was lost in the queue
    assert not runner.start_claimed_poll(feed.pk, first)  # its copy, handed out late, does nothing
    assert runner.start_claimed_poll(feed.pk, later)
    assert not runner.start_claimed_poll(feed.pk, later)  # nor does the broker's second copy of it


def test_starting_a_poll_renews_its_lease(settings):
    settings.LOCALWIRE_FEED_CLAIM_SECONDS = 60
    feed, now = due_feed(), timezone.now()
    token = runner.claim_feed(feed.pk, now)
    assert runner.start_claimed_poll(feed.pk, token, now + timedelta(seconds=50))
    assert Feed.objects.get(pk=feed.pk).next_fetch_at == now + timedelta(seconds=110)


def test_a_paused_feed_is_not_claimed():
    feed = FeedFactory(enabled=False, next_fetch_at=timezone.now() - timedelta(seconds=1))
    assert runner.claim_feed(feed.pk) is None


def stalled(minutes: int, **fields) -> Entry:
    entry = EntryFactory(**fields)
    Entry.objects.filter(pk=entry.pk).update(updated_at=timezone.now() - timedelta(minutes=minutes))
    return entry


def test_stalled_entries_are_handed_out_once_per_interval():
    old, fresh = stalled(10), stalled(1)
    stalled(10, state=Entry.State.DONE)
    idle = timedelta(minutes=5)
    assert runner.stalled_entry_ids(idle) == [old.pk]
    assert runner.stalled_entry_ids(idle) == []  # stamped: not again until it sits idle once more
    later = timezone.now() + timedelta(minutes=6)
    assert sorted(runner.stalled_entry_ids(idle, now=later)) == sorted([old.pk, fresh.pk])


@pytest.fixture
def broker(settings):
    """The Celery app on the test Redis, with no worker: what is sent stays in the queues to count."""
    redis = pytest.importorskip("redis")
    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"needs Redis at {REDIS_URL} (LOCALWIRE_TEST_REDIS_URL)")
    from localwire.celery import app

    previous = app.conf.broker_url
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    settings.LOCALWIRE_RETRY_SECONDS = 60
    client.flushdb()
    yield client
    client.flushdb()
    app.conf.update(broker_url=previous)


@pytest.mark.redis
def test_the_retry_sweep_waits_for_the_entries_queue_to_drain(broker):
    from localwire.pipeline.tasks import process_entry, queue_waiting, retry_pending_entries

    lost = stalled(5)
    process_entry.delay(stalled(5).pk)  # another one still waits in the queue
    assert queue_waiting("entries") == 1
    assert retry_pending_entries() == 0
    broker.delete("entries")  # drained
    assert retry_pending_entries() == 2
    assert queue_waiting("entries") == 2
    assert Entry.objects.get(pk=lost.pk).updated_at > timezone.now() - timedelta(seconds=30)
