"""The Audience tab and its CSV files: managers only, charts inline within the site's CSP, CSV that runs nothing."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from localwire.metrics import counting
from localwire.metrics.counting import count_view
from localwire.metrics.views_flush import flush_views
from localwire.publishers.audience_csv import neutralise
from localwire.testing.factories import ArticleFactory, ManagerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counting():
    """No "seen today" marks or pending counts left by another test (article ids are reused)."""
    cache.clear()
    counting.guard.paused_until = 0.0
    yield
    cache.clear()


@pytest.fixture
def managed():
    """A manager signed in nowhere yet, their publisher and one article of it with two views today."""
    manager = ManagerFactory()
    article = ArticleFactory(publisher=manager.publisher, title="=HYPERLINK(\"http://x.example\") <b>bold</b>",
                             published_at=timezone.now() - timedelta(hours=1))
    now = timezone.now()
    count_view(article.pk, "reader-a", now, "search")
    count_view(article.pk, "reader-b", now, "outside")
    flush_views(now=now)
    return manager


def _page(publisher):
    return f"/portal/{publisher.slug}/"


def test_signed_out_visitors_are_sent_to_sign_in_and_other_readers_find_nothing(client, managed):
    publisher = managed.publisher
    for path in (_page(publisher), _page(publisher) + "audience.csv"):
        response = client.get(path)
        assert response.status_code == 302 and "next=" in response["Location"]
    client.force_login(UserFactory())
    assert client.get(_page(publisher)).status_code == 404
    assert client.get(_page(publisher) + "audience.csv?table=top").status_code == 404
    other = ManagerFactory()  # managing another publisher gives no way into this one
    client.force_login(other.user)
    assert client.get(_page(publisher)).status_code == 404


def test_the_manager_sees_totals_charts_with_tables_and_top_articles(client, managed):
    client.force_login(managed.user)
    response = client.get(_page(managed.publisher))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 4 and html.count("<details>") == 4
    assert 'aria-current="page">Audience' in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold</b>" not in html
    assert "<script" not in html.split("</main>")[0].split("<main")[-1]
    assert " style=" not in html and 'href="http' not in html.split("<main")[-1].split("</main>")[0]
    assert "Content-Security-Policy" in response or "Content-Security-Policy-Report-Only" in response
    assert "no-store" in response["Cache-Control"]
    for svg in html.split("<svg")[1:]:
        ET.fromstring("<svg" + svg.split("</svg>")[0] + "</svg>")
    views = response.context["data"]
    assert views["totals"]["views"] == 2 and views["sources"]["search"] == 1


def test_a_bad_range_says_so_and_shows_the_default_one(client, managed):
    client.force_login(managed.user)
    response = client.get(_page(managed.publisher), {"since": "2024-01-01", "until": "2026-01-01"})
    assert response.status_code == 400
    assert "at most 366 days" in response.content.decode()
    assert len(response.context["data"]["days"]) == 30


def test_csv_of_days_is_an_attachment_with_every_day(client, managed):
    client.force_login(managed.user)
    today = timezone.localdate()
    since = today - timedelta(days=2)
    response = client.get(_page(managed.publisher) + "audience.csv", {"since": since.isoformat(), "until": today.isoformat()})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        f'attachment; filename="{managed.publisher.slug}-audience-{since}-{today}.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["date", "views", "followers", "posts"]
    assert rows[1:] == [[str(since), "0", "0", "0"], [str(since + timedelta(days=1)), "0", "0", "0"],
                        [str(today), "2", "0", "1"]]


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(client, managed):
    client.force_login(managed.user)
    response = client.get(_page(managed.publisher) + "audience.csv", {"table": "top"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["article_id", "title", "views", "url"]
    assert rows[1][1] == "'=HYPERLINK(\"http://x.example\") <b>bold</b>" and rows[1][2] == "2"
    assert [neutralise(v) for v in ("+1", "-2", "@SUM(A1)", "\tx", "plain", 5, -5)] == [
        "'+1", "'-2", "'@SUM(A1)", "'\tx", "plain", 5, -5]


def test_csv_of_sources_and_channels_and_an_unknown_table(client, managed):
    client.force_login(managed.user)
    base = _page(managed.publisher) + "audience.csv"
    sources = list(csv.reader(io.StringIO(client.get(base, {"table": "sources"}).content.decode())))
    assert sources[0] == ["source", "label", "views"]
    assert ["search", "Search", "1"] in sources and ["outside", "Outside", "1"] in sources
    channels = client.get(base, {"table": "channels"})
    assert channels.content.decode().splitlines() == ["channel,name,readers,url"]
    assert client.get(base, {"table": "secrets"}).status_code == 400
    assert client.get(base, {"since": "soon"}).status_code == 400
