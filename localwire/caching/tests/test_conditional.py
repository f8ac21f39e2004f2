"""Conditional GET and Cache-Control on the pages: 304 for a matching validator, never for a reader
with a session, no ad filled or counted for a 304, and headers a shared cache can trust."""

from __future__ import annotations

from datetime import datetime, timezone as tz

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import timezone
from django.utils.http import http_date

from localwire.ads import counting
from localwire.ads.tests.delivery_fixtures import BROWSER, article_about, clean_slate, funded, topic
from localwire.caching import pages
from localwire.search.index import index_articles
from localwire.testing.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_slate")]
__all__ = ["clean_slate"]


@pytest.fixture(autouse=True)
def kept_a_minute(settings):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60


def _get(path, client=None, **headers):
    return (client or Client()).get(path, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7", **headers)


def _indexed(title: str):
    index_articles([ArticleFactory(title=title).pk])


def _impressions(campaign) -> int:
    return cache.get(counting.pending_key("impressions", timezone.localdate(), campaign.pk)) or 0


def test_an_anonymous_page_answers_304_to_its_etag_and_200_to_another():
    _indexed("Harbour ferry returns")
    first = _get("/search?q=ferry")
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('W/"') and b"Harbour ferry returns" in first.content
    assert first["Cache-Control"] == "public, max-age=60"  # the search page has no ad slot
    assert "Cookie" in first["Vary"]

    again = _get("/search?q=ferry", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["Cache-Control"] == "public, max-age=60" and "Cookie" in again["Vary"]

    other = _get("/search?q=ferry", HTTP_IF_NONE_MATCH='W/"0123456789abcdef01234567"')
    assert other.status_code == 200 and b"Harbour ferry returns" in other.content and other["ETag"] == etag


def test_the_etag_changes_with_the_page():
    _indexed("Harbour ferry returns")
    etag = _get("/search?q=ferry")["ETag"]
    pages.changed()
    _indexed("Second ferry added")
    changed = _get("/search?q=ferry", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag and b"Second ferry added" in changed.content


def test_without_a_page_cache_the_page_still_answers_304(settings):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 0
    _indexed("Harbour ferry returns")
    first = _get("/search?q=ferry")
    assert first["Cache-Control"] == "public, max-age=0"
    assert _get("/search?q=ferry", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_signed_in_reader_gets_a_private_page_and_never_a_304():
    client = Client()
    client.force_login(UserFactory())
    _indexed("Harbour ferry returns")
    anonymous_etag = _get("/search?q=ferry")["ETag"]
    for path in ("/search?q=ferry", "/for-you"):
        response = _get(path, client=client, HTTP_IF_NONE_MATCH=anonymous_etag)
        assert response.status_code == 200 and response.content
        assert response["Cache-Control"] == "private, no-cache"
        assert not response.has_header("ETag") and "Cookie" in response["Vary"]
    assert _get("/account/", client=client)["Cache-Control"] == "private, no-store"


def test_a_page_with_ads_is_private_and_its_304_fills_and_counts_no_ad():
    campaign = funded(headline="Fresh bread every morning")
    path = article_about(topic()).get_absolute_url()
    first = _get(path)
    assert b"Fresh bread every morning" in first.content and _impressions(campaign) == 1
    assert first["Cache-Control"] == "private, max-age=60"  # a CDN must not give this visitor's ad to all
    second = _get(path)  # kept: the same ETag, another ad drawn and counted
    assert second["X-Localwire-Cache"] == "hit" and second["ETag"] == first["ETag"]
    assert _impressions(campaign) == 2

    revalidated = _get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304 and revalidated.content == b""
    assert _impressions(campaign) == 2


def test_with_ads_off_a_page_with_slots_is_public(settings):
    settings.LOCALWIRE_ADS = False
    funded()
    assert _get(article_about(topic()).get_absolute_url())["Cache-Control"] == "public, max-age=60"


def _dated_view(request):
    response = HttpResponse("<p>the council minutes</p>", content_type="text/html")
    response["Last-Modified"] = http_date(datetime(2026, 12, 1, 9, 0, tzinfo=tz.utc).timestamp())
    return response


@pytest.mark.parametrize("since,status", [("Tue, 01 Dec 2026 09:00:00 GMT", 304), ("Wed, 02 Dec 2026 09:00:00 GMT", 304),
                                          ("Mon, 30 Nov 2026 09:00:00 GMT", 200)])
def test_a_page_with_a_last_modified_answers_if_modified_since(since, status):
    view = pages.for_anonymous()(_dated_view)
    response = view(RequestFactory().get("/minutes", HTTP_IF_MODIFIED_SINCE=since))
    assert response.status_code == status
    assert response.has_header("Last-Modified") and (status == 200) == bool(response.content)
