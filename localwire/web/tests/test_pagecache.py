from datetime import timedelta

import pytest
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import timezone

from localwire.articles.signals import articles_changed
from localwire.caching import pages as pagecache
from localwire.metrics.counting import pending_key
from localwire.testing.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60
    cache.clear()
    caches["pages"].clear()
    yield
    cache.clear()
    caches["pages"].clear()


def _recent(**fields):
    return ArticleFactory(published_at=timezone.now() - timedelta(minutes=30), **fields)


def test_an_anonymous_page_is_served_again_from_the_cache(client):
    _recent(title="Bridge reopens after repairs")
    first = client.get("/")
    again = client.get("/")
    assert "X-Localwire-Cache" not in first
    assert again["X-Localwire-Cache"] == "hit"
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


def test_a_signed_in_reader_always_gets_a_fresh_page(client):
    _recent(title="Bridge reopens after repairs")
    client.get("/")  # kept for anonymous visitors
    client.force_login(UserFactory(username="marta"))
    response = client.get("/")
    assert "X-Localwire-Cache" not in response
    assert "marta" in response.content.decode()


def test_new_articles_retire_kept_pages(client):
    _recent(title="Bridge reopens after repairs")
    client.get("/")
    _recent(title="Library extends its opening hours")
    assert "Library extends" not in client.get("/").content.decode()  # still the kept page
    articles_changed.send(sender=None)
    assert "Library extends" in client.get("/").content.decode()


def test_a_new_comment_retires_the_article_page(client):
    article = _recent()
    client.get(article.get_absolute_url())
    CommentFactory(article=article, body="The detour signs were confusing all week.")
    assert "detour signs" in client.get(article.get_absolute_url()).content.decode()


def test_a_comment_held_after_reports_leaves_the_kept_page(client, settings):
    from localwire.community import comments, moderation

    article = _recent()
    comment = CommentFactory(article=article, body="Buy cheap watches at my shop today")
    assert "cheap watches" in client.get(article.get_absolute_url()).content.decode()
    for _ in range(moderation.REPORTS_TO_HOLD):
        comments.report(UserFactory(), comment, "spam")
    assert "cheap watches" not in client.get(article.get_absolute_url()).content.decode()


def test_a_kept_article_page_still_counts_each_reader(client):
    article = _recent()
    day = timezone.localtime().date()
    for address in ("203.0.113.7", "203.0.113.8", "203.0.113.9"):
        client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=address)
    assert client.get(article.get_absolute_url())["X-Localwire-Cache"] == "hit"
    assert cache.get(pending_key(day, article.pk)) == 3


def test_the_local_city_cookie_keeps_pages_apart(client):
    client.cookies["lw_local"] = "little-rock"
    client.get("/search?q=bridge")
    client.cookies["lw_local"] = "almaty"
    assert "X-Localwire-Cache" not in client.get("/search?q=bridge")
    assert client.get("/search?q=bridge")["X-Localwire-Cache"] == "hit"


def test_a_page_with_a_form_token_or_a_cookie_is_never_kept():
    rf = RequestFactory()

    @pagecache.for_anonymous()
    def with_token(request):
        return HttpResponse(f"<input name=csrfmiddlewaretoken value={get_token(request)}>")

    @pagecache.for_anonymous()
    def with_cookie(request):
        response = HttpResponse("hello")
        response.set_cookie("picked", "1")
        return response

    for view in (with_token, with_cookie):
        view(rf.get("/"))
        assert "X-Localwire-Cache" not in view(rf.get("/"))


def test_nothing_is_kept_when_switched_off(client, settings):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Localwire-Cache" not in client.get("/")


def test_a_channels_neighbours_are_kept_for_signed_in_readers_too(client):
    from localwire.channels.neighbours import channel_neighbours
    from localwire.testing.factories import ArticleChannelFactory, ChannelFactory

    ministry, police = ChannelFactory(name="Ministry of Energy"), ChannelFactory(name="City Police")
    for _ in range(2):
        article = _recent()
        ArticleChannelFactory(article=article, channel=ministry)
        ArticleChannelFactory(article=article, channel=police)
    assert channel_neighbours(ministry) == [police]
    ArticleChannelFactory(article=_recent(), channel=ministry)  # no new neighbour; the kept list is used
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert channel_neighbours(ministry) == [police]
    assert len(captured) == 1  # the channels themselves, not the co-occurrence counts
