"""The steps after an article is stored, walked by the runner, and the sweeps that catch up on them."""

from collections import Counter
from dataclasses import replace

import pytest

from localwire.pipeline import flow
from localwire.pipeline.crawl import CrawlReport
from localwire.search.models import SearchDocument
from localwire.stories.models import StoryMember, SyndicatedCopy
from localwire.stories.tests.test_clustering import QUAKE
from localwire.testing.factories import ArticleFactory, StoredArticleFactory

pytestmark = pytest.mark.django_db


def _broken(article):
    raise RuntimeError("band table locked")


def test_a_failed_step_leaves_what_needs_it_to_the_sweep_and_recover_catches_up(monkeypatch, caplog):
    article = StoredArticleFactory(title="Earthquake hits Iranian island", text=QUAKE)
    failing_first = (replace(flow.AFTER_STORE[0], run=_broken), *flow.AFTER_STORE[1:])
    monkeypatch.setattr(flow, "AFTER_STORE", failing_first)

    flow.after_store(article)  # never raises: the article is stored whatever happens here

    assert f"syndication failed for article {article.pk}" in caplog.text
    assert not SyndicatedCopy.objects.filter(article=article).exists()
    assert not StoryMember.objects.filter(article=article).exists()  # a story reads the group: skipped
    assert SearchDocument.objects.filter(article=article).exists()  # the index needs nothing earlier

    monkeypatch.undo()
    flow.recover()
    assert SyndicatedCopy.objects.filter(article=article).exists()
    assert StoryMember.objects.filter(article=article).exists()


def test_a_stored_article_goes_through_every_step_in_order(monkeypatch):
    article = ArticleFactory()
    ran = []
    recording = tuple(replace(step, run=lambda a, name=step.name: ran.append((name, a.pk)))
                      for step in flow.AFTER_STORE)
    monkeypatch.setattr(flow, "AFTER_STORE", recording)
    flow.after_store(article)
    assert ran == [("syndication", article.pk), ("story assignment", article.pk), ("search indexing", article.pk)]


def test_the_crawl_summary_counts_outcomes_by_their_stored_values():
    report = CrawlReport(feeds=Counter({"ok": 2, "not_modified": 1, "error": 1}),
                         entries=Counter({"stored": 3, "feed_only": 1, "duplicate": 2, "failed": 1}), analysed=4)
    assert report.summary() == (
        "crawl: 4 feeds polled (2 ok, 1 not modified, 1 failed); 7 entries processed: 4 articles stored "
        "(1 from feed content only), 2 duplicates, 1 failed; 4 analysed; 0.0s")
