"""Pending marks survive crashes: a process killed between a step's commit and the clearing of its
mark leaves the mark, and the next sweep finishes the work exactly once. The crash is real: a
forked process ends itself with ``os._exit`` (no cleanup, no rollback, as ``kill -9``) the moment
the database is asked to clear a mark, which is after the step's own writes committed."""

import multiprocessing
import os

import pytest
from django.db import DatabaseError, connection, connections

from localwire.articles.models import Article, PendingWork
from localwire.demo.run import setup_publishers
from localwire.pipeline import flow, runner
from localwire.search.models import SearchDocument
from localwire.sources.models import Entry, Feed
from localwire.stories.models import LshBand, StoryMember, SyndicatedCopy, SyndicationGroup
from localwire.stories.tests.test_clustering import QUAKE, QUAKE_OTHER_OUTLET
from localwire.testing.factories import StoredArticleFactory

KILLED = 86
MARKS = PendingWork._meta.db_table


def _die_when_a_mark_is_cleared(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith("DELETE") and MARKS in sql:
        os._exit(KILLED)
    return execute(sql, params, many, context)


def _in_a_process_that_dies_mid_step(target, *args) -> None:
    def child():
        from localwire.sources.context import build_context

        with connection.execute_wrapper(_die_when_a_mark_is_cleared):
            target(*args, build_context()) if target is runner.process_entry else target(*args)
        os._exit(0)

    connections.close_all()  # the child opens its own connection; the parent's is not shared
    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join(120)
    assert process.exitcode == KILLED, "the process was to die before clearing a mark"


def _owed(article_id) -> set[str]:
    return set(PendingWork.objects.filter(article_id=article_id).values_list("step", flat=True))


def _finished_once(article) -> None:
    assert SyndicatedCopy.objects.filter(article=article).count() == 1
    assert LshBand.objects.filter(article=article).values("band").distinct().count() == \
        LshBand.objects.filter(article=article).count()  # its bands written once, not once per try
    assert StoryMember.objects.filter(article=article).count() == 1
    assert SearchDocument.objects.filter(article=article).count() == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_after_storing_leaves_marks_the_next_sweep_finishes_once(demo_server):
    setup_publishers(demo_server)
    from localwire.sources.context import build_context

    feed = Feed.objects.order_by("pk").first()
    entry_id = runner.poll_feed(feed.pk, build_context()).new_entry_ids[0]

    _in_a_process_that_dies_mid_step(runner.process_entry, entry_id)

    article = Entry.objects.get(pk=entry_id).article
    assert article is not None  # stored, and committed with its marks
    assert SyndicatedCopy.objects.filter(article=article).exists()  # the first step committed...
    assert _owed(article.pk) == {"syndication", "story", "search", "analysis", "page"}  # ...its mark did not clear
    assert not StoryMember.objects.filter(article=article).exists()

    flow.recover()
    _finished_once(article)
    assert _owed(article.pk) == {"analysis"}  # owed to the batch understanding; the sweep built the page too
    assert [step.sweep() for step in flow.AFTER_STORE] == [0, 0, 0]  # nothing left to repeat
    assert Article.objects.filter(canonical_url=article.canonical_url).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_sweep_killed_midway_is_finished_by_the_next_exactly_once():
    first = StoredArticleFactory(title="Earthquake hits Iranian island", text=QUAKE)
    second = StoredArticleFactory(title="Quake injures dozens on Qeshm", text=QUAKE_OTHER_OUTLET)

    _in_a_process_that_dies_mid_step(flow.recover)

    assert SyndicatedCopy.objects.count() == 1  # one article grouped, then the process died
    assert PendingWork.objects.filter(step="syndication").count() == 2

    flow.recover()
    for article in (first, second):
        _finished_once(article)
    assert SyndicationGroup.objects.count() == SyndicatedCopy.objects.values("group").distinct().count()
    assert not PendingWork.objects.filter(step__in=["syndication", "story", "search"]).exists()


def _fail_once_on(verb: str, table: str):
    """The first such statement fails as a full disk would; the ones after it run."""
    failed = []

    def wrapper(execute, sql, params, many, context):
        if not failed and sql.lstrip().upper().startswith(verb) and f'"{table}"' in sql:
            failed.append(sql)
            raise DatabaseError("disk I/O error")
        return execute(sql, params, many, context)
    return wrapper


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("failing", [("INSERT", MARKS), ("UPDATE", Entry._meta.db_table)])
def test_an_article_and_its_marks_are_stored_together_or_not_at_all(demo_server, pipeline_context, failing):
    setup_publishers(demo_server)
    feed = Feed.objects.order_by("pk").first()
    entry_id = runner.poll_feed(feed.pk, pipeline_context).new_entry_ids[0]

    with connection.execute_wrapper(_fail_once_on(*failing)):
        outcome = runner.process_entry(entry_id, pipeline_context)

    assert outcome.status == "failed"
    assert not Article.objects.exists() and not PendingWork.objects.exists()
    assert Entry.objects.get(pk=entry_id).state == Entry.State.PENDING  # tried again by the next tick
    assert runner.process_entry(entry_id, pipeline_context).stored_new
    assert _owed(Entry.objects.get(pk=entry_id).article_id) == {"analysis", "page"}  # the rest ran at once
