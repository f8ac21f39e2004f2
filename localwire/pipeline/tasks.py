"""Celery tasks: thin wrappers that take ids and call the same runner functions.

Payloads are ids only (JSON), sent after the writes they depend on commit.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from celery import current_app, shared_task
from django.conf import settings
from django.db import transaction

from localwire.articles.signals import articles_changed
from localwire.pipeline import flow, runner
from localwire.pipeline.reanalyze import analyse_stale as understand_stale, reanalyze
from localwire.sources.context import shared_context
from localwire.stories.blocks import sweep_pages

log = logging.getLogger(__name__)


@shared_task(name="localwire.schedule_due_feeds")
def schedule_due_feeds() -> int:
    claimed = 0
    for feed_id in runner.due_feed_ids():
        token = runner.claim_feed(feed_id)
        if token:
            poll_feed.delay(feed_id, token.isoformat())
            claimed += 1
    return claimed


@shared_task(name="localwire.poll_feed")
def poll_feed(feed_id: int, claim: str | None = None) -> dict:
    """``claim`` is the token ``schedule_due_feeds`` won; a poll whose claim lapsed or was replaced
    is a copy (sent again by the broker, or superseded while queued) and does nothing."""
    if claim and not runner.start_claimed_poll(feed_id, datetime.fromisoformat(claim)):
        return {"feed_id": feed_id, "status": "superseded", "new": 0}
    outcome = runner.poll_feed(feed_id, shared_context())
    transaction.on_commit(lambda: [process_entry.delay(eid) for eid in outcome.new_entry_ids])
    return {"feed_id": feed_id, "status": outcome.status, "new": len(outcome.new_entry_ids)}


@shared_task(name="localwire.process_entry")
def process_entry(entry_id: int) -> dict:
    outcome = runner.process_entry(entry_id, shared_context())
    if outcome.stored_new:
        articles_changed.send(sender=process_entry)
    return {"entry_id": entry_id, "status": outcome.status, "article_id": outcome.article_id}


@shared_task(name="localwire.retry_pending_entries")
def retry_pending_entries() -> int:
    """Entries left pending by a lost worker are sent again (processing is idempotent), and the
    flow's recovery sweeps catch articles a worker stored but died before grouping or indexing.

    Only once the entries queue is drained: while entries still wait there, a pending one may just be
    queued, and sending thousands again would double the backlog. Each is sent again at most once per
    ``LOCALWIRE_RETRY_SECONDS``."""
    ids = []
    if not queue_waiting("entries"):
        ids = runner.stalled_entry_ids(timedelta(seconds=settings.LOCALWIRE_RETRY_SECONDS))
        for entry_id in ids:
            process_entry.delay(entry_id)
    flow.recover()
    return len(ids)


def queue_waiting(queue: str) -> int | None:
    """Messages waiting in a broker queue (not the ones workers hold), or None when the broker cannot say."""
    try:
        with current_app.connection_for_read() as connection:
            return connection.default_channel.queue_declare(queue=queue).message_count
    except Exception:
        log.warning("could not read the length of the %s queue", queue, exc_info=True)
        return None


@shared_task(name="localwire.analyse_stale")
def analyse_stale(limit: int = 500) -> int:
    """Beat sends this often; a worker understands up to ``limit`` new or stale articles in batches."""
    analysed = understand_stale(limit=limit)
    if analysed:
        sweep_pages()  # the pages of what was just understood show its chips and related stories
        articles_changed.send(sender=analyse_stale)
    return analysed


def understand_soon(article_id: int) -> None:
    """Understand one article just stored or changed outside a crawl (a published post, a re-fetch),
    as a crawl would: not at all with LOCALWIRE_ANALYZE off, on the Celery workers when there are
    some (after the commit, so a web process never loads the language models), else here and now.
    Never raises: the article stays stale, and the next ``analyse_stale`` understands it."""
    if not settings.LOCALWIRE_ANALYZE:
        return
    try:
        if settings.CELERY_BROKER_URL:
            transaction.on_commit(analyse_stale.delay)
        else:
            reanalyze([article_id])
    except Exception:
        log.exception("understanding article %s failed; analyse_stale retries it", article_id)
