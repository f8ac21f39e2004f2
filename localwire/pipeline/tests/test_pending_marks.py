"""The sweeps read marks, not the archive: what they cost, the analyser's and the search
document's versions marking once, and the backfill an upgraded site gets."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from localwire.articles import pending
from localwire.articles.models import Article, PendingVersion, PendingWork
from localwire.pipeline import flow, reanalyze
from localwire.search import index
from localwire.search.models import SearchDocument
from localwire.testing.factories import ArticleFactory, StoredArticleFactory

pytestmark = pytest.mark.django_db
Step = PendingWork.Step


def _tick_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        flow.recover()
    return len(queries)


def test_a_tick_with_nothing_owed_costs_the_same_whatever_the_archive_holds():
    index.pending_ids()  # the search document's version is marked once, on the first sweep
    ArticleFactory.create_batch(3)
    small = _tick_queries()
    ArticleFactory.create_batch(40)
    assert _tick_queries() == small <= 6


def test_stored_articles_are_owed_every_step_and_the_sweeps_clear_what_they_did():
    article = StoredArticleFactory()
    assert set(PendingWork.objects.values_list("step", flat=True)) == set(pending.STORED)
    flow.recover()
    assert set(PendingWork.objects.values_list("step", flat=True)) == {Step.ANALYSIS}  # the pages sweep ran last in recover()
    assert SearchDocument.objects.filter(article=article).exists()


def test_a_new_search_document_version_marks_the_outdated_once(monkeypatch):
    article = ArticleFactory(title="Lantern festival returns")
    assert index.index_pending() == 1  # first sweep: the version is recorded, the unindexed marked
    SearchDocument.objects.filter(article=article).update(version=index.DOCUMENT_VERSION - 1)
    assert index.index_pending() == 0  # no mark, no archive-wide look: nothing to do

    monkeypatch.setattr(index, "DOCUMENT_VERSION", index.DOCUMENT_VERSION + 1)
    assert index.pending_ids() == [article.pk]
    assert PendingVersion.objects.get(step=Step.SEARCH).version == str(index.DOCUMENT_VERSION)
    assert index.pending_ids() == [article.pk]  # still owed until written, but not marked twice
    assert PendingWork.objects.filter(step=Step.SEARCH).count() == 1


def test_understanding_reads_its_marks_newest_first_and_skips_what_another_worker_holds(monkeypatch):
    from localwire.nlp.analyze import ANALYZER_VERSION

    old, new, held = (StoredArticleFactory(analysis_version=ANALYZER_VERSION) for _ in range(3))
    Article.objects.filter(pk=old.pk).update(published_at=new.published_at.replace(year=2000))
    PendingWork.objects.filter(article=old).update(since=old.published_at.replace(year=2000))
    reanalyze.claim_for_analysis([held.pk])
    assert reanalyze.owed_analysis() == [new.pk, old.pk]

    monkeypatch.setattr(reanalyze, "_analyse", lambda inputs: [None for _ in inputs])
    assert reanalyze.reanalyze(reanalyze.owed_analysis()) == 2
    failed = PendingWork.objects.get(article=new, step=Step.ANALYSIS)  # kept, tried later
    assert failed.attempts == 1 and reanalyze.owed_analysis() == []


def test_the_backfill_marks_what_an_upgraded_site_lacks_once():
    grouped, bare = ArticleFactory(), ArticleFactory(analysis_version="lw-understand-1")
    from localwire.stories.syndicated import syndicate

    syndicate(grouped)
    for app, name, function in [("articles", "0008_mark_pending_analysis", "mark_never_understood"),
                                ("stories", "0006_mark_pending_syndication_and_story", "mark_ungrouped"),
                                ("search", "0003_mark_pending_search", "mark_unindexed")]:
        backfill = getattr(importlib.import_module(f"localwire.{app}.migrations.{name}"), function)
        editor = SimpleNamespace(connection=connection)  # all a backfill reads of its schema editor
        backfill(apps, editor)
        backfill(apps, editor)  # run twice, marked once

    owed = set(PendingWork.objects.values_list("article_id", "step"))
    assert owed == {(grouped.pk, Step.ANALYSIS), (grouped.pk, Step.STORY), (grouped.pk, Step.SEARCH),
                    (bare.pk, Step.SYNDICATION), (bare.pk, Step.STORY), (bare.pk, Step.SEARCH)}


def test_a_misdated_article_is_owed_now_not_when_its_date_comes():
    from datetime import timedelta

    from django.utils import timezone

    article = ArticleFactory(published_at=timezone.now() + timedelta(days=30))
    assert index.pending_ids() == [article.pk]


def test_a_change_marked_while_a_step_runs_stays_owed(monkeypatch):
    """The page sweep reads an article; its story changes meanwhile and marks the page again: the
    sweep's ``done`` must leave that mark, or the page would keep blocks built before the change."""
    from localwire.stories import blocks

    article = StoredArticleFactory()
    pending.done(pending.Step.PAGE, [article.pk])
    pending.mark(pending.Step.PAGE, [article.pk])
    built = blocks.store_article_blocks

    def build_then_change(item):
        built(item)
        pending.mark(pending.Step.PAGE, [item.pk])  # another worker's story change, mid-sweep

    monkeypatch.setattr(blocks, "store_article_blocks", build_then_change)
    blocks.sweep_pages()
    assert pending.owed_among(pending.Step.PAGE, [article.pk]) == {article.pk}
    monkeypatch.setattr(blocks, "store_article_blocks", built)
    blocks.sweep_pages()
    assert pending.owed_among(pending.Step.PAGE, [article.pk]) == set()
