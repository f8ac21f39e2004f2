"""Times without a UTC offset in API queries are read in a stated zone, never compared naive with
the stored aware times (issue 11, item 7: the base64 cursor ``MjAyNi0xMi0wMXwx``)."""

import base64
import warnings
from datetime import datetime, timezone

import pytest

from localwire.testing.factories import ArticleFactory, PublisherFactory

pytestmark = pytest.mark.django_db
UTC = timezone.utc


def quietly(client, url: str):
    """The response, with a naive-datetime RuntimeWarning turned into a failure."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        return client.get(url)


def test_a_cursor_without_an_offset_is_read_as_utc(client):
    assert base64.b64decode("MjAyNi0xMi0wMXwx") == b"2026-12-01|1"  # a day, no time, no offset
    publisher = PublisherFactory()
    before = ArticleFactory(publisher=publisher, published_at=datetime(2026, 11, 30, 23, 30, tzinfo=UTC))
    ArticleFactory(publisher=publisher, published_at=datetime(2026, 12, 1, 0, 30, tzinfo=UTC))
    response = quietly(client, "/api/v1/articles?cursor=MjAyNi0xMi0wMXwx")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [before.pk]


@pytest.mark.parametrize("path", ["/api/v1/articles", "/api/v1/stories"])
def test_since_without_an_offset_is_read_in_the_sites_time_zone(client, settings, path):
    settings.TIME_ZONE = "UTC"
    ArticleFactory(published_at=datetime(2026, 12, 1, 0, 30, tzinfo=UTC))
    response = quietly(client, f"{path}?since=2026-12-01T00:00:00")
    assert response.status_code == 200
    if path.endswith("articles"):
        assert len(response.json()["items"]) == 1
