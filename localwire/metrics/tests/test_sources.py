"""Where counted views come from: the Referer read into a few names, counted with the view, flushed beside it."""

from datetime import datetime, timezone as tz

import pytest
from django.core.cache import cache, caches
from django.test import RequestFactory, override_settings
from django.utils import timezone

from localwire.metrics import views_flush as flushing
from localwire.metrics.counting import count_view, source_key
from localwire.metrics.models import ArticleViewDay, ArticleViewSource
from localwire.metrics.sources import SOURCES, classify, own_hosts, source_of
from localwire.metrics.tests.conftest import BROWSER
from localwire.metrics.views_flush import flush_views
from localwire.testing.factories import ArticleFactory

NOON = datetime(2026, 3, 10, 12, 0, tzinfo=tz.utc)
OURS = ("news.example.org", ".localwire.test")


@pytest.mark.parametrize("referer, source", [
    ("https://news.example.org/", "home"),
    ("https://news.example.org/?page=3", "home"),
    ("https://news.example.org/for-you", "for_you"),
    ("https://news.example.org/for-you?page=2", "for_you"),
    ("https://news.example.org/local", "local"),
    ("https://news.example.org/search?q=bridge+vote", "search"),
    ("https://news.example.org/c/topic/transport/", "channel"),
    ("https://news.example.org/publisher/river-courier/", "channel"),
    ("https://news.example.org/contributor/ana-diaz/", "channel"),
    ("https://news.example.org/story/41/", "story"),
    ("https://news.example.org/article/7/council-votes/", "article"),
    ("https://news.example.org/account/following", "other"),
    ("https://news.example.org/localities", "other"),  # a section matches only itself and below
    ("http://NEWS.example.org:8000/local", "local"),  # host case and port do not matter
    ("https://www.localwire.test/search", "search"),  # a ".domain" entry covers its subdomains
    ("https://localwire.test/story/2/", "story"),
    ("https://elsewhere.example.com/", "outside"),
    ("https://news.example.org.evil.example/search", "outside"),
    ("https://evil-localwire.test/search", "outside"),
    ("android-app://com.example.reader/", "outside"),
    ("", "outside"),
    ("not a url", "outside"),
    ("http://[::1/search", "outside"),  # malformed
])
def test_a_referer_is_read_into_one_source(referer, source):
    assert classify(referer, OURS) == source
    assert source in SOURCES


@override_settings(ALLOWED_HOSTS=["*", ".example.net", "[::1]"])
def test_own_hosts_are_the_request_host_and_every_named_allowed_host_but_the_wildcard():
    request = RequestFactory().get("/", HTTP_HOST="Reader.Example.Net:8443")
    assert own_hosts(request) == ("reader.example.net", ".example.net", "::1")
    request = RequestFactory().get("/", HTTP_HOST="[::1]:8000", HTTP_REFERER="http://[::1]:8000/for-you")
    assert source_of(request) == "for_you"
    request = RequestFactory().get("/", HTTP_HOST="reader.example.net", HTTP_REFERER="https://other.example/c/x/y/")
    assert source_of(request) == "outside"  # "*" lets any host in; it does not make every site ours


def _read(client, article, referer, address, agent=BROWSER):
    extra = {"HTTP_REFERER": referer} if referer else {}
    response = client.get(article.get_absolute_url(), HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **extra)
    assert response.status_code == 200


def _by_source(article) -> dict[str, int]:
    return dict(ArticleViewSource.objects.filter(article=article).values_list("source", "views"))


@pytest.mark.django_db
def test_views_through_the_article_page_are_flushed_by_source(client):
    article = ArticleFactory()
    _read(client, article, "http://testserver/search?q=council", "192.0.2.1")
    _read(client, article, "http://testserver/search?q=bridge", "192.0.2.2")
    _read(client, article, "http://testserver/", "192.0.2.3")
    _read(client, article, "https://social.example.com/", "192.0.2.4")
    _read(client, article, "", "192.0.2.5")
    assert flush_views() == 5
    assert _by_source(article) == {"search": 2, "home": 1, "outside": 2}
    assert ArticleViewDay.objects.get(article=article).views == 5
    assert ArticleViewSource.objects.get(article=article, source="home").day == timezone.localdate()


@pytest.mark.django_db
def test_a_page_served_from_the_page_cache_is_counted_by_source_too(client, settings):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60
    caches["pages"].clear()
    article = ArticleFactory()
    _read(client, article, "http://testserver/search?q=x", "192.0.2.21")  # rendered, then kept
    _read(client, article, "http://testserver/local", "192.0.2.22")  # served from the kept page
    caches["pages"].clear()
    assert flush_views() == 2
    assert _by_source(article) == {"search": 1, "local": 1}


@pytest.mark.django_db
def test_a_view_is_filed_under_one_source_once_a_day(client):
    article = ArticleFactory()
    _read(client, article, "http://testserver/local", "192.0.2.9")
    _read(client, article, "http://testserver/search?q=x", "192.0.2.9")  # the same reader again
    _read(client, article, "http://testserver/story/3/", "192.0.2.9")
    assert flush_views() == 1
    assert _by_source(article) == {"local": 1}


@pytest.mark.django_db
def test_a_bots_view_counts_nowhere(client):
    article = ArticleFactory()
    _read(client, article, "http://testserver/search?q=x", "192.0.2.7", agent="Mozilla/5.0 (compatible; Googlebot/2.1)")
    _read(client, article, "http://testserver/", "192.0.2.8", agent="")
    assert flush_views() == 0
    assert not ArticleViewSource.objects.exists() and not ArticleViewDay.objects.exists()
    assert cache.get(source_key(timezone.localdate(), article.pk, "search")) is None


@pytest.mark.django_db
def test_later_views_add_to_the_same_rows_and_a_second_flush_adds_nothing():
    article = ArticleFactory()
    for n in range(3):
        count_view(article.pk, f"reader-{n}", NOON, "channel")
    assert flush_views(now=NOON) == 3
    assert flush_views(now=NOON) == 0
    count_view(article.pk, "reader-9", NOON, "channel")
    count_view(article.pk, "reader-10", NOON, "story")
    assert flush_views(now=NOON) == 2
    assert _by_source(article) == {"channel": 4, "story": 1}
    assert cache.get(source_key(NOON.date(), article.pk, "channel")) == 0


@pytest.mark.django_db
def test_a_failed_write_gives_the_sources_back_too(monkeypatch):
    article = ArticleFactory()
    count_view(article.pk, "reader-1", NOON, "search")
    count_view(article.pk, "reader-2", NOON, "home")

    def fail(day, claims):
        raise RuntimeError("database went away")

    monkeypatch.setattr(flushing, "write_sources", fail)
    with pytest.raises(RuntimeError):
        flush_views(now=NOON)
    monkeypatch.undo()
    assert not ArticleViewDay.objects.exists()  # the views' write was rolled back with it
    assert flush_views(now=NOON) == 2
    assert _by_source(article) == {"search": 1, "home": 1}


@pytest.mark.django_db
def test_sources_of_a_deleted_article_are_dropped():
    kept, gone = ArticleFactory(), ArticleFactory()
    count_view(kept.pk, "reader", NOON, "search")
    count_view(gone.pk, "reader", NOON, "search")
    gone.delete()
    assert flush_views(now=NOON) == 1
    assert list(ArticleViewSource.objects.values_list("article_id", "views")) == [(kept.pk, 1)]
