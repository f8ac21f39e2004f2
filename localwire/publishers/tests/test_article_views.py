"""The portal's Articles tab: managers only, a takedown only after its confirmation, re-fetch messages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from localwire.articles.models import Article, TakenDown
from localwire.metrics.models import ArticleViewDay
from localwire.publishers.models import Action
from localwire.testing.factories import ArticleFactory, ManagerFactory, PublisherFactory, UserFactory
from localwire.testing.httpserver import LocalServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    manager = ManagerFactory(publisher=PublisherFactory(slug="hill-courier", name="Hill Courier"))
    client.force_login(manager.user)
    return manager


def _url(name: str, **kwargs) -> str:
    return reverse(name, kwargs={"slug": "hill-courier", **kwargs})


def test_the_tab_lists_articles_with_views_and_filters_by_title(client, manager):
    ferry = ArticleFactory(publisher=manager.publisher, title="Ferry fares rise in spring")
    ArticleFactory(publisher=manager.publisher, title="Hill road reopens",
                   published_at=ferry.published_at - timedelta(days=1))
    ArticleFactory(title="Someone else's scoop")
    ArticleViewDay.objects.create(article=ferry, day=date(2026, 12, 1), views=1234)
    body = client.get(_url("portal_articles")).content.decode()
    assert "Ferry fares rise in spring" in body and "Hill road reopens" in body and "1,234" in body
    assert "Someone else" not in body and 'aria-current="page">Articles' in body
    assert body.index("Ferry fares") < body.index("Hill road")  # newest first
    filtered = client.get(_url("portal_articles"), {"q": "ferry"}).content.decode()
    assert "Ferry fares" in filtered and "Hill road reopens" not in filtered


def test_the_tab_is_not_found_for_anyone_but_its_managers(client):
    ArticleFactory(publisher=PublisherFactory(slug="hill-courier"))
    assert client.get(_url("portal_articles")).status_code == 302  # to the log-in page
    client.force_login(UserFactory())
    assert client.get(_url("portal_articles")).status_code == 404
    assert client.post(_url("portal_article_takedown", pk=Article.objects.get().pk),
                       {"reason": "x", "confirmed": "yes"}).status_code == 404
    assert Article.objects.exists()


def test_a_takedown_asks_for_confirmation_first(client, manager):
    article = ArticleFactory(publisher=manager.publisher, title="Mayor's letter leaked")
    asked = client.post(_url("portal_article_takedown", pk=article.pk), {"reason": "Published in error."})
    assert asked.status_code == 200 and "Yes, take it down" in asked.content.decode()
    assert Article.objects.filter(pk=article.pk).exists()
    done = client.post(_url("portal_article_takedown", pk=article.pk),
                       {"reason": "Published in error.", "confirmed": "yes", "back": "q=mayor&evil=1"})
    assert done.status_code == 302 and done["Location"] == _url("portal_articles") + "?q=mayor"
    assert not Article.objects.filter(pk=article.pk).exists()
    assert TakenDown.objects.get().by == manager.user
    listed = client.get(_url("portal_articles")).content.decode()
    assert "Mayor&#x27;s letter leaked" in listed and "Published in error." in listed
    assert Action.objects.filter(action="article.takedown", user=manager.user).count() == 1


def test_a_takedown_without_a_reason_is_refused(client, manager):
    article = ArticleFactory(publisher=manager.publisher)
    response = client.post(_url("portal_article_takedown", pk=article.pk), {"reason": "", "confirmed": "yes"},
                           follow=True)
    assert "Say why" in response.content.decode() and Article.objects.filter(pk=article.pk).exists()


def test_a_refetch_that_fails_says_why(client, manager):
    article = ArticleFactory(publisher=manager.publisher, url="http://127.0.0.1:9/gone")  # nothing listens
    response = client.post(_url("portal_article_refetch", pk=article.pk), follow=True)
    body = response.content.decode()
    assert "Nothing was changed" in body and "could not be read" in body
    assert Action.objects.get().action == "article.refetch_failed"


def test_a_refetch_with_a_note_updates_the_article_and_says_so(client, manager, pipeline_context, settings):
    settings.LOCALWIRE_ANALYZE = False
    page = ("<html><head><title>Hill road reopens on Monday</title></head><body><article>"
            "<h1>Hill road reopens on Monday</h1><p>The hill road reopens on Monday, not Friday as first "
            "reported, after crews finished resurfacing the bends above the quarry.</p>"
            "<p>Buses return to their usual route the same morning.</p></article></body></html>")
    with LocalServer() as server:
        server.route("/road", lambda req: (200, {"Content-Type": "text/html"}, page.encode()))
        article = ArticleFactory(publisher=manager.publisher, url=server.url("/road"), title="Hill road reopens Friday")
        response = client.post(_url("portal_article_refetch", pk=article.pk),
                               {"note": "We gave the wrong day."}, follow=True)
    assert "fetched again and updated" in response.content.decode()
    body = client.get(Article.objects.get(pk=article.pk).get_absolute_url()).content.decode()
    assert "Hill road reopens on Monday" in body and "We gave the wrong day." in body
