"""The index follows the articles: on storing, on analysis, after a crash, and on demand."""

import os
import sqlite3
import subprocess
import sys

import pytest

from localwire.articles.models import Article
from localwire.demo.run import setup_publishers
from localwire.nlp.analysis import Analysis
from localwire.pipeline import runner
from localwire.search.backends import search
from localwire.search.documents import DOCUMENT_VERSION
from localwire.search.index import index_articles, index_pending, pending_ids, reindex_all
from localwire.search.models import SearchDocument
from localwire.search.query import SearchQuery, parse_terms
from localwire.sources.models import Entry, Feed
from localwire.testing.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def ids(text: str) -> list[int]:
    return [hit.article_id for hit in search(SearchQuery(parse_terms(text))).hits]


def test_an_article_is_searchable_as_soon_as_the_runner_stores_it(demo_server, pipeline_context):
    setup_publishers(demo_server)
    feed = Feed.objects.order_by("pk").first()
    outcome = runner.poll_feed(feed.pk, pipeline_context)
    entry = Entry.objects.get(pk=outcome.new_entry_ids[0])
    stored = runner.process_entry(entry.pk, pipeline_context)
    article = Article.objects.get(pk=stored.article_id)
    assert SearchDocument.objects.get(article=article).version == DOCUMENT_VERSION
    longest = max(parse_terms(article.title).words, key=len)
    assert article.pk in ids(longest)


def test_analysis_makes_its_names_searchable(monkeypatch):
    from localwire.pipeline import reanalyze

    article = ArticleFactory(title="Budget vote delayed", text="The vote was pushed to next week.")
    index_articles([article.pk])
    assert ids("abenov") == []
    analysis = Analysis.from_json({
        "analyzer_version": "test", "keyphrases": ["budget vote"], "topics": [],
        "entities": [{"text": "Serik Abenov", "type": "PER", "start": 0, "end": 12, "kind": "person",
                      "slug": "serik-abenov", "name": "Serik Abenov", "salience": 0.9}],
        "places": [{"kind": "city", "name": "Almaty", "country_code": "KZ", "admin1_code": "02",
                    "role": "dateline", "salience": 1.0}]})
    monkeypatch.setattr(reanalyze, "_analyse", lambda inputs: [analysis for _ in inputs])
    assert reanalyze.reanalyze([article.pk]) == 1
    assert ids("abenov") == ids("almaty") == [article.pk]


def test_pending_covers_the_unindexed_and_the_outdated():
    missing = ArticleFactory(title="Lantern festival returns")
    outdated = ArticleFactory(title="Lantern makers busy")
    index_articles([outdated.pk])
    SearchDocument.objects.filter(article=outdated).update(version=DOCUMENT_VERSION - 1)
    assert set(pending_ids()) == {missing.pk, outdated.pk}
    assert index_pending() == 2
    assert pending_ids() == []
    assert set(ids("lantern")) == {missing.pk, outdated.pk}


def test_reindexing_picks_up_edits_and_is_idempotent():
    article = ArticleFactory(title="Old headline", text="Nothing to see.")
    index_articles([article.pk])
    Article.objects.filter(pk=article.pk).update(title="Corrected headline about the quarry")
    assert ids("quarry") == []
    assert reindex_all() == 1
    assert reindex_all() == 1
    assert ids("quarry") == [article.pk] and ids("old") == []
    assert SearchDocument.objects.count() == 1


def test_a_failing_index_never_loses_a_stored_article(demo_server, pipeline_context, monkeypatch):
    from localwire.search import index

    def broken(*args, **kwargs):
        raise RuntimeError("index down")

    monkeypatch.setattr(index, "build_documents", broken)
    setup_publishers(demo_server)
    feed = Feed.objects.order_by("pk").first()
    entry_id = runner.poll_feed(feed.pk, pipeline_context).new_entry_ids[0]
    outcome = runner.process_entry(entry_id, pipeline_context)
    assert outcome.status in ("stored", "feed_only")
    assert not SearchDocument.objects.exists()
    monkeypatch.undo()
    assert index_pending() == 1


@pytest.mark.slow
def test_a_crawl_by_the_cli_ends_searchable_and_reindex_search_rebuilds(tmp_path, demo_server):
    """The demo crawls with ``crawl_once`` like ``localwire crawl --once``: what it stores is indexed."""
    env = {**os.environ, "LOCALWIRE_HOME": str(tmp_path), "LOCALWIRE_FETCH_ALLOW_PRIVATE": "127.0.0.1",
           "LOCALWIRE_ANALYZE": "false"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)

    def localwire(*args):
        proc = subprocess.run([sys.executable, "-m", "localwire", *args], env=env, capture_output=True,
                              text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    opml = tmp_path / "feeds.opml"
    opml.write_text(demo_server.opml())
    localwire("feeds", "import-opml", str(opml))
    localwire("crawl", "--once", "--quiet")
    database = tmp_path / "localwire.sqlite3"
    with sqlite3.connect(database) as db:
        articles = db.execute("SELECT COUNT(*) FROM articles_article").fetchone()[0]
        assert db.execute("SELECT COUNT(*) FROM search_fts").fetchone()[0] == articles >= 60
        db.execute("DELETE FROM search_fts")
    assert localwire("reindex-search", "--quiet").strip() == f"reindex-search: {articles} articles indexed"
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH '\"tornado\"'").fetchone()[0] > 0
