"""Re-fetching after a correction: the stored article takes the page's new words, says it was
corrected, is understood and searched afresh; a page that cannot be read changes nothing."""

import pytest

from localwire.articles.models import Article
from localwire.pipeline.reanalyze import stale_article_ids
from localwire.pipeline.refetch import DEFAULT_NOTE, RefetchFailed, refetch
from localwire.publishers.article_actions import refetch_article
from localwire.publishers.models import Action
from localwire.publishers.tests.ledger_site import QUARRY_BODY, QUARRY_TITLE, LedgerSite, crawl, page_html, stored
from localwire.search.backends import search
from localwire.search.query import SearchQuery, parse_terms
from localwire.sources.context import reset_shared_context
from localwire.stories.models import Story
from localwire.testing.factories import ArticleFactory, FeedFactory, ManagerFactory, PublisherFactory
from localwire.testing.httpserver import LocalServer

pytestmark = pytest.mark.django_db

CORRECTED_TITLE = "Quarry blast cracks Millbrook school wall"
CORRECTED_BODY = QUARRY_BODY.replace("Pellworth primary school", "Ashgrove primary school")


@pytest.fixture
def site(pipeline_context, settings):
    settings.LOCALWIRE_ANALYZE = False  # marked for understanding; no language models loaded here
    with LocalServer() as server:
        site = LedgerSite(server)
        publisher = PublisherFactory(name="Millbrook Ledger")
        crawl(FeedFactory(publisher=publisher, url=server.url("/feed.xml")), pipeline_context)
        site.publisher, site.ctx = publisher, pipeline_context
        yield site


def found(words: str) -> list[int]:
    return [hit.article_id for hit in search(SearchQuery(parse_terms(words))).hits]


def test_a_corrected_page_updates_the_article_and_its_page_says_so(client, site):
    article = stored(QUARRY_TITLE)
    Article.objects.filter(pk=article.pk).update(analysis_version="analyser-1")
    assert found("pellworth") == [article.pk] and found("ashgrove") == []
    site.pages["quarry"] = page_html(CORRECTED_TITLE, CORRECTED_BODY, site.url("quarry"))
    done = refetch(article, note="An earlier version named the wrong school.", ctx=site.ctx)
    article.refresh_from_db()
    assert done.changed and done.corrected_at == article.corrected_at is not None
    assert article.title == CORRECTED_TITLE and "Ashgrove" in article.text and "Ashgrove" in article.html
    assert "Pellworth" not in article.text and article.canonical_url == site.url("quarry")
    assert article.correction_note == "An earlier version named the wrong school."
    assert article.analysis_version == "" and article.pk in stale_article_ids()  # understood again
    assert found("ashgrove") == [article.pk] and found("pellworth") == []
    body = client.get(article.get_absolute_url()).content.decode()
    assert "Corrected" in body and "An earlier version named the wrong school." in body
    assert CORRECTED_TITLE in body


def test_a_story_named_after_the_old_headline_takes_the_corrected_one(site):
    article = stored(QUARRY_TITLE)
    story = Story.objects.filter(members__article=article).first()
    assert story is not None
    Story.objects.filter(pk=story.pk).update(headline=QUARRY_TITLE)
    site.pages["quarry"] = page_html(CORRECTED_TITLE, CORRECTED_BODY, site.url("quarry"))
    refetch(article, ctx=site.ctx)
    story.refresh_from_db()
    assert story.headline == CORRECTED_TITLE


def test_an_unchanged_page_changes_nothing(site):
    article = stored(QUARRY_TITLE)
    done = refetch(article, ctx=site.ctx)
    article.refresh_from_db()
    assert not done.changed and done.corrected_at is None and article.corrected_at is None


@pytest.mark.parametrize("served, reason", [((404, "gone"), "HTTP 404"), ((500, "oops"), "HTTP 500")])
def test_an_unreadable_page_leaves_the_article_as_it_was_and_says_why(site, served, reason):
    article = stored(QUARRY_TITLE)
    before = Article.objects.filter(pk=article.pk).values().get()
    site.pages["quarry"] = served
    with pytest.raises(RefetchFailed) as refused:
        refetch(article, ctx=site.ctx)
    assert reason in str(refused.value) and site.url("quarry") in str(refused.value)
    assert Article.objects.filter(pk=article.pk).values().get() == before


def test_a_private_address_is_refused_by_the_guarded_fetcher(site, settings):
    article = stored(QUARRY_TITLE)
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = ""
    reset_shared_context()
    site.pages["quarry"] = page_html(CORRECTED_TITLE, CORRECTED_BODY, site.url("quarry"))
    with pytest.raises(RefetchFailed):
        refetch(article)  # the shared context, built from the settings as a web process builds it
    reset_shared_context()
    article.refresh_from_db()
    assert article.title == QUARRY_TITLE and site.server.hits("/news/quarry") == 1  # the crawl's fetch only


def test_an_article_without_a_feed_entry_is_fetched_from_its_own_address(site):
    article = ArticleFactory(publisher=site.publisher, url=site.url("library"), canonical_url=site.url("library") + "#x",
                             title="Old library headline", text="Old text.")
    done = refetch(article, ctx=site.ctx)
    article.refresh_from_db()
    assert done.changed and article.title == "Library extends weekend hours" and "Sundays" in article.text
    assert article.correction_note == DEFAULT_NOTE and article.canonical_url.endswith("#x")


def test_the_manager_action_is_logged_both_ways(site):
    manager = ManagerFactory(publisher=site.publisher)
    article = stored(QUARRY_TITLE)
    site.pages["quarry"] = page_html(CORRECTED_TITLE, CORRECTED_BODY, site.url("quarry"))
    refetch_article(site.publisher, article.pk, manager.user, "Wrong school named.")
    site.pages["quarry"] = (503, "down")
    with pytest.raises(RefetchFailed):
        refetch_article(site.publisher, article.pk, manager.user)
    logged = list(Action.objects.filter(user=manager.user).order_by("pk").values_list("action", flat=True))
    assert logged == ["article.refetch", "article.refetch_failed"]
