"""A publisher's audience against known views: read through the real article page, flushed, summed."""

from datetime import date, datetime, timedelta, timezone as tz

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from localwire.metrics import counting
from localwire.metrics.views_flush import flush_views
from localwire.publishers.analytics import (
    CHANNEL_FLOOR, MAX_DAYS, RangeError, audience, day_range, followed_channels,
)
from localwire.testing.factories import ArticleFactory, ChannelFactory, FollowFactory, PublisherFactory, UserFactory

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
DAY1 = datetime(2026, 3, 9, 15, 0, tzinfo=tz.utc)
DAY2 = DAY1 + timedelta(days=1)


@pytest.fixture(autouse=True)
def fresh_counting():
    cache.clear()
    counting._salts.clear()
    counting.guard.paused_until = 0.0
    yield
    cache.clear()
    counting._salts.clear()


def _read(client, monkeypatch, moment, article, reader: int, referer: str = "", agent: str = BROWSER):
    """One request of the article page at ``moment`` by reader number ``reader`` (their address)."""
    monkeypatch.setattr(timezone, "now", lambda: moment)
    extra = {"HTTP_REFERER": referer} if referer else {}
    response = client.get(article.get_absolute_url(), HTTP_USER_AGENT=agent, REMOTE_ADDR=f"198.51.100.{reader}", **extra)
    assert response.status_code == 200


def test_views_per_day_per_source_and_top_articles_match_the_reads(client, monkeypatch):
    publisher = PublisherFactory()
    first = ArticleFactory(publisher=publisher, title="Bridge reopens", published_at=DAY1 - timedelta(hours=5))
    second = ArticleFactory(publisher=publisher, title="School board vote", published_at=DAY1 - timedelta(hours=4))
    elsewhere = ArticleFactory(title="Another paper's story")
    _read(client, monkeypatch, DAY1, first, 1, "http://testserver/search?q=bridge")
    _read(client, monkeypatch, DAY1, first, 2, "http://testserver/")
    _read(client, monkeypatch, DAY1, first, 1, "http://testserver/")  # the same reader again: not counted
    _read(client, monkeypatch, DAY1, second, 2, "http://testserver/c/topic/schools/")
    _read(client, monkeypatch, DAY1, first, 3, "http://testserver/", agent="Googlebot/2.1")  # a bot
    _read(client, monkeypatch, DAY1, elsewhere, 1, "http://testserver/")
    assert flush_views(now=DAY1) == 4
    _read(client, monkeypatch, DAY2, first, 1, "https://social.example.com/")
    _read(client, monkeypatch, DAY2, second, 4)
    _read(client, monkeypatch, DAY2, second, 5, "http://testserver/story/12/")
    assert flush_views(now=DAY2) == 3
    monkeypatch.undo()

    data = audience(publisher, DAY1.date() - timedelta(days=1), DAY2.date())
    assert [(d["date"], d["views"]) for d in data["days"]] == [
        (date(2026, 3, 8), 0), (date(2026, 3, 9), 3), (date(2026, 3, 10), 3)]
    assert data["sources"] == {"home": 1, "for_you": 0, "local": 0, "search": 1, "channel": 1, "story": 1,
                               "article": 0, "other": 0, "outside": 2}
    assert [(a["id"], a["title"], a["views"]) for a in data["top_articles"]] == [
        (second.pk, "School board vote", 3), (first.pk, "Bridge reopens", 3)]  # ties: the newer id first
    assert data["top_articles"][0]["url"] == second.get_absolute_url()
    assert data["totals"]["views"] == 6
    only_day2 = audience(publisher, DAY2.date(), DAY2.date())
    assert only_day2["sources"]["outside"] == 2 and only_day2["sources"]["home"] == 0
    assert [a["views"] for a in only_day2["top_articles"]] == [2, 1]


@override_settings(TIME_ZONE="America/Chicago")
def test_posts_are_counted_on_the_publishers_local_day():
    publisher = PublisherFactory()
    for moment in (datetime(2026, 3, 9, 14, 0, tzinfo=tz.utc), datetime(2026, 3, 10, 3, 0, tzinfo=tz.utc),
                   datetime(2026, 3, 10, 16, 0, tzinfo=tz.utc), datetime(2026, 3, 12, 4, 59, tzinfo=tz.utc)):
        ArticleFactory(publisher=publisher, published_at=moment)
    ArticleFactory(published_at=datetime(2026, 3, 10, 16, 0, tzinfo=tz.utc))  # another publisher's
    data = audience(publisher, date(2026, 3, 9), date(2026, 3, 11))
    # 03:00 UTC on the 10th is the evening of the 9th in Chicago; 04:59 UTC on the 12th is the 11th
    assert [(d["date"].day, d["posts"]) for d in data["days"]] == [(9, 2), (10, 1), (11, 1)]
    assert data["totals"]["posts"] == 4


def test_followers_at_the_end_of_each_day_mutes_left_out():
    publisher = PublisherFactory()
    at = [datetime(2026, 3, 1, 9, tzinfo=tz.utc), datetime(2026, 3, 9, 8, tzinfo=tz.utc),
          datetime(2026, 3, 9, 22, tzinfo=tz.utc), datetime(2026, 3, 11, 12, tzinfo=tz.utc)]
    for moment in at:
        FollowFactory(publisher=publisher, channel=None, created_at=moment)
    FollowFactory(publisher=publisher, channel=None, muted=True, created_at=at[1])
    FollowFactory(publisher=PublisherFactory(), channel=None, created_at=at[1])
    gone = FollowFactory(publisher=publisher, channel=None, created_at=at[1])
    gone.delete()  # unfollowing deletes the row: the reader is in no day's count
    data = audience(publisher, date(2026, 3, 8), date(2026, 3, 11))
    assert [d["followers"] for d in data["days"]] == [1, 3, 3, 4]
    assert (data["totals"]["followers"], data["totals"]["followers_gained"]) == (4, 3)


def test_channels_its_followers_follow_leave_out_those_fewer_than_three_follow():
    publisher = PublisherFactory()
    followers = [UserFactory() for _ in range(5)]
    for user in followers:
        FollowFactory(user=user, publisher=publisher, channel=None)
    muted_reader = UserFactory()
    FollowFactory(user=muted_reader, publisher=publisher, channel=None, muted=True)
    rivers, schools, trains, weather = (ChannelFactory(name=n) for n in ("Rivers", "Schools", "Trains", "Weather"))
    for user in followers[:4]:
        FollowFactory(user=user, channel=rivers)
    for user in followers[:3]:
        FollowFactory(user=user, channel=schools)
    for user in followers[:2] + [muted_reader, UserFactory(), UserFactory()]:
        FollowFactory(user=user, channel=trains)  # five readers, but only two of the publisher's followers
    for user in followers[:2]:
        FollowFactory(user=user, channel=weather)
    FollowFactory(user=followers[2], channel=weather, muted=True)  # a mute is not a follow
    assert CHANNEL_FLOOR == 3
    assert [(c["name"], c["readers"], c["url"]) for c in followed_channels(publisher)] == [
        ("Rivers", 4, rivers.get_absolute_url()), ("Schools", 3, schools.get_absolute_url())]
    assert followed_channels(PublisherFactory()) == []


def test_every_day_of_the_range_is_there_with_zeros_in_few_queries(django_assert_max_num_queries):
    publisher = PublisherFactory()
    with django_assert_max_num_queries(9):
        data = audience(publisher, date(2025, 3, 11), date(2026, 3, 11))
    assert len(data["days"]) == 366 and data["days"][0]["date"] == date(2025, 3, 11)
    assert all(d["views"] == d["posts"] == d["followers"] == 0 for d in data["days"])
    assert data["top_articles"] == [] and data["channels"] == [] and set(data["sources"].values()) == {0}


def test_the_range_defaults_to_the_last_thirty_days_and_refuses_bad_ones():
    today = date(2026, 3, 11)
    assert day_range(None, None, today) == (date(2026, 2, 10), today)
    assert day_range("2026-03-01", "", today) == (date(2026, 3, 1), today)
    assert day_range(None, "2026-01-31", today) == (date(2026, 1, 2), date(2026, 1, 31))
    assert day_range("2025-03-11", "2026-03-11") == (date(2025, 3, 11), date(2026, 3, 11))  # 366 days
    for since, until in (("2026-03-12", "2026-03-11"), ("yesterday", None), ("2026-02-30", None),
                         ("2025-03-10", "2026-03-11"), (None, "0001-01-01"), ("9999-12-31", "9999-12-31")):
        with pytest.raises(RangeError):
            day_range(since, until, today)
    assert MAX_DAYS == 366
