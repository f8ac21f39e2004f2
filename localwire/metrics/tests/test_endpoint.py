"""/metrics: off without a token, 401 without the right one, and a valid exposition with it whose
figures are the stored state's and the requests' as they happened."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.utils import timezone

from localwire.articles import pending
from localwire.articles.models import PendingWork
from localwire.metrics.tests.conftest import TOKEN
from localwire.metrics.tests.exposition import label_values, parse, value
from localwire.sources.models import Entry, Feed
from localwire.testing.factories import ArticleFactory, EntryFactory, FeedFactory

pytestmark = pytest.mark.django_db



def scrape(client, token=TOKEN):
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content
    return parse(response.content.decode())


def test_without_a_token_setting_the_endpoint_is_not_there(client, settings):
    settings.LOCALWIRE_METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer anything-at-all-0123").status_code == 404
    assert client.get("/metrics").status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong-token-wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x",
                                    f"Bearer {TOKEN[:-1]}", "Bearer "])
def test_a_missing_or_wrong_token_is_told_to_authenticate(client, metrics_on, header):
    response = client.get("/metrics", **({"HTTP_AUTHORIZATION": header} if header else {}))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"localwire_" not in response.content


def test_the_right_token_gets_an_exposition_no_cache_keeps(client, metrics_on):
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"bearer {TOKEN}")  # the scheme is not case-sensitive
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    families = parse(response.content.decode())
    assert families["localwire_database_up"]["type"] == "gauge"
    assert value(families, "localwire_database_up") == 1
    assert value(families, "localwire_articles") == 0
    assert "localwire_celery_queue_length" not in families  # no Redis broker, no queue figure


def test_figures_are_read_from_the_stored_state(client, metrics_on):
    now = timezone.now()
    FeedFactory(status=Feed.Status.OK, last_fetched_at=now - timedelta(minutes=10))
    FeedFactory(status=Feed.Status.OK, last_fetched_at=now - timedelta(minutes=5))
    failing = FeedFactory(status=Feed.Status.ERROR, last_fetched_at=now - timedelta(hours=3))
    FeedFactory()  # never fetched
    EntryFactory.create_batch(2, feed=failing)
    EntryFactory(feed=failing, state=Entry.State.FAILED)
    EntryFactory(feed=failing, state=Entry.State.DONE)
    articles = ArticleFactory.create_batch(3)
    PendingWork.objects.all().delete()
    pending.mark(PendingWork.Step.SEARCH, [a.pk for a in articles])
    pending.mark(PendingWork.Step.STORY, [articles[0].pk])

    families = scrape(client)
    assert value(families, "localwire_feeds", status="ok") == 2
    assert value(families, "localwire_feeds", status="error") == 1
    assert value(families, "localwire_feeds", status="new") == 1
    assert value(families, "localwire_feeds", status="disabled") == 0
    assert value(families, "localwire_feeds_polled_last_hour") == 2
    assert value(families, "localwire_feed_last_poll_timestamp_seconds") == pytest.approx(
        (now - timedelta(minutes=5)).timestamp(), abs=0.01)
    assert value(families, "localwire_entries", state="pending") == 2
    assert value(families, "localwire_entries", state="failed") == 1
    assert value(families, "localwire_pending_work", step="search") == 3
    assert value(families, "localwire_pending_work", step="story") == 1
    assert value(families, "localwire_pending_work", step="analysis") == 0
    assert value(families, "localwire_articles") == 3


def test_requests_are_counted_by_the_pattern_name_never_the_path(client, metrics_on):
    article = ArticleFactory()
    assert client.get(article.get_absolute_url()).status_code == 200
    for _ in range(3):
        client.get("/healthz")
    client.post("/healthz")
    for n in range(30):  # junk addresses: one label between them all
        assert client.get(f"/no-such-page-{n}/").status_code == 404
    client.get("/static/no-such-file.css")
    client.get(f"/article/{article.pk}/")  # the old link, sent on with a redirect

    families = scrape(client)
    requests = "localwire_http_requests_total"
    assert value(families, requests, page="article", method="GET", status="200") == 1
    assert value(families, requests, page="article", method="GET", status="301") == 1
    assert value(families, requests, page="healthz", method="GET", status="200") == 3
    assert value(families, requests, page="healthz", method="POST", status="200") == 1
    assert value(families, requests, page="other", method="GET", status="404") == 30
    assert value(families, requests, page="static", method="GET", status="404") == 1
    assert label_values(families, requests, "page") == {"article", "healthz", "other", "static"}

    latency = "localwire_http_request_duration_seconds"
    assert value(families, f"{latency}_count", page="healthz") == 4
    assert value(families, f"{latency}_bucket", page="other", le="+Inf") == 30
    assert 0 < value(families, f"{latency}_sum", page="article") < 60
    assert len(label_values(families, f"{latency}_bucket", "le")) == 12

    again = scrape(client)  # the first scrape was counted once it was answered
    assert value(again, requests, page="metrics", method="GET", status="200") == 1


def test_the_page_cache_hits_and_misses_are_counted(client, metrics_on, settings):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60
    caches["pages"].clear()
    for _ in range(3):
        assert client.get("/").status_code == 200
    families = scrape(client)
    assert value(families, "localwire_page_cache_lookups_total", result="miss") == 1
    assert value(families, "localwire_page_cache_lookups_total", result="hit") == 2
    caches["pages"].clear()


def test_the_request_clock_is_the_first_middleware():
    assert django_settings.MIDDLEWARE[0] == "localwire.metrics.requests.RequestMetricsMiddleware"


def test_nothing_is_counted_while_the_metrics_are_off(client, settings):
    from localwire import tally

    settings.LOCALWIRE_METRICS_TOKEN = ""
    tally.take()
    client.get("/healthz")
    assert not [name for name in tally.take() if name.startswith("requests|")]
