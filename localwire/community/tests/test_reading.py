"""Reading history: noted in the cache by the article page, flushed into rows, used by For you,
shown on the account page and in the API, cleared by the reader and gone with their account."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from localwire.caching.journal import incr_or_create
from localwire.community import actions, reading
from localwire.community import tasks as reading_tasks
from localwire.community.models import ApiToken, ArticleRead
from localwire.community.pool import interests_of
from localwire.metrics import counting
from localwire.testing.factories import (
    ArticleChannelFactory, ArticleFactory, ChannelFactory, PublisherFactory, UserFactory,
)

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture(autouse=True)
def counting_open():
    """Recording not paused, and the guard's log throttle reset so other tests still see its warning."""
    counting.guard.paused_until = counting.guard._logged_at = 0.0
    yield
    counting.guard.paused_until = counting.guard._logged_at = 0.0


def _article(title, hours=2, channel=None):
    article = ArticleFactory(title=title, published_at=timezone.now() - timedelta(hours=hours),
                             publisher=PublisherFactory())
    if channel is not None:
        ArticleChannelFactory(article=article, channel=channel)
    return article


def _reader():
    user = UserFactory()
    client = Client(HTTP_USER_AGENT=BROWSER)
    client.force_login(user)
    client.user = user
    return client


def _open(client, *articles):
    for article in articles:
        assert client.get(article.get_absolute_url()).status_code == 200
    reading.flush_reads()


def _read_ids(user):
    return set(ArticleRead.objects.filter(user=user).values_list("article_id", flat=True))


def test_opening_an_article_records_one_read_without_a_database_write():
    reader, article = _reader(), _article("Tram line approved")
    with CaptureQueriesContext(connection) as queries:
        reader.get(article.get_absolute_url())
    assert not [q for q in queries.captured_queries if "articleread" in q["sql"].lower()]
    assert not _read_ids(reader.user)  # nothing until the flusher runs
    reader.get(article.get_absolute_url())  # the same day again: noted once
    assert reading.flush_reads() == 1
    assert _read_ids(reader.user) == {article.pk}
    assert reading.flush_reads() == 0  # the cursor moved on: nothing is written twice


def test_a_read_article_leaves_for_you():
    reader = _reader()
    read = _article("Read already", hours=1)
    _article("Not read yet", hours=2)
    _open(reader, read)
    titles = [item["title"] for item in reader.get("/api/v1/me/for-you").json()]
    assert "Not read yet" in titles and "Read already" not in titles


def test_reading_about_a_channel_gives_a_reason_for_another_of_its_articles():
    trams = ChannelFactory(name="Tramways")
    once = ChannelFactory(name="Seen once")
    reader = _reader()
    read = [_article(f"Tram story {n}", hours=n + 3, channel=trams) for n in range(3)]
    ArticleChannelFactory(article=read[0], channel=once)
    fresh = _article("New tram depot opens", hours=1, channel=trams)
    _open(reader, *read)
    interests = interests_of(reader.user)
    assert interests.read == {a.pk for a in read}
    assert interests.affinity == {trams.pk: 1.0}  # a channel met in one read only is not an interest
    items = {item["title"]: item["reasons"] for item in reader.get("/api/v1/me/for-you").json()}
    assert items["New tram depot opens"][0] == "You read about Tramways"
    assert fresh.pk not in interests.read


def test_interests_take_three_queries_however_long_the_history():
    user, trams = UserFactory(), ChannelFactory()
    for n in range(40):
        ArticleRead.objects.create(user=user, article=_article(f"Story {n}", channel=trams))
    with CaptureQueriesContext(connection) as queries:
        interests = interests_of(user)
    assert len(queries.captured_queries) == 3 and len(interests.read) == 40


def test_old_reads_no_longer_count():
    user, old = UserFactory(), _article("Old story")
    ArticleRead.objects.create(user=user, article=old, first_read_at=timezone.now() - timedelta(days=31))
    assert interests_of(user).read == frozenset()


def test_visitors_bots_and_a_switched_off_setting_record_nothing(settings):
    article = _article("Quiet news")
    Client(HTTP_USER_AGENT=BROWSER).get(article.get_absolute_url())  # a visitor
    bot = _reader()
    bot.get(article.get_absolute_url(), HTTP_USER_AGENT="Googlebot/2.1")
    settings.LOCALWIRE_READING_HISTORY = False
    reader = _reader()
    reader.get(article.get_absolute_url())
    assert reading.flush_reads() == 0 and not ArticleRead.objects.exists()


def test_a_cache_failure_does_not_break_the_page(monkeypatch):
    reader, article = _reader(), _article("Still readable")

    def broken(*args, **kwargs):
        raise ConnectionError("cache went away")

    monkeypatch.setattr(reading, "note_read", broken)
    assert reader.get(article.get_absolute_url()).status_code == 200
    assert not counting.guard.open()  # recording pauses for a while


def test_the_account_page_lists_and_clears_the_history():
    reader = _reader()
    article = _article("Library reopens")
    _open(reader, article)
    page = reader.get(reverse("account")).content.decode()
    assert "Reading history" in page and "Library reopens" in page and article.get_absolute_url() in page
    assert reader.get(reverse("clear_history")).status_code == 405  # a POST, with its CSRF token
    reader.post(reverse("clear_history"))
    assert not _read_ids(reader.user)
    assert "Library reopens" not in reader.get(reverse("account")).content.decode()


def test_clearing_also_drops_reads_not_yet_flushed():
    reader, article = _reader(), _article("Pending read")
    reader.get(article.get_absolute_url())  # noted, not flushed
    actions.clear_history(reader.user)
    reading.flush_reads()
    assert not _read_ids(reader.user)


def test_the_api_lists_and_clears_the_history(client):
    user = UserFactory()
    article = _article("Bridge closes for repairs")
    ArticleRead.objects.create(user=user, article=article)
    _, raw = ApiToken.issue(user, "tests")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/me/history").status_code == 401
    listed = api.get("/api/v1/me/history").json()
    assert [(r["article_id"], r["title"], r["url"]) for r in listed] == [
        (article.pk, "Bridge closes for repairs", article.get_absolute_url())]
    assert api.delete("/api/v1/me/history").status_code == 204
    assert api.get("/api/v1/me/history").json() == []
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"get", "delete"} <= set(paths["/api/v1/me/history"])


def test_the_export_includes_the_history_and_deleting_the_account_removes_it():
    reader = _reader()
    article = _article("Festival dates set")
    _open(reader, article)
    doc = json.loads(reader.get(reverse("follows_json")).content)
    assert [r["title"] for r in doc["reading_history"]] == ["Festival dates set"]
    assert reader.get("/api/v1/me/follows/export").json()["reading_history"][0]["article_id"] == article.pk
    user_id = reader.user.pk
    reader.get(_article("Read just before leaving").get_absolute_url())  # pending in the cache
    actions.delete_account(reader.user)
    reading.flush_reads()
    assert not ArticleRead.objects.filter(user_id=user_id).exists()


def test_the_flusher_keeps_a_slot_still_being_written_for_next_time():
    user, first, second = UserFactory(), _article("First"), _article("Second")
    now = timezone.now()
    reading.note_read(user.pk, first.pk, now)
    day = timezone.localdate(now)
    slot, _ = incr_or_create(reading.READS.seq_key(day))  # a writer between incr and set
    assert reading.flush_reads(now) == 1
    cache.set(reading.READS.slot_key(day, slot), f"{user.pk}:{second.pk}:{int(now.timestamp())}")
    assert reading.flush_reads(now) == 1
    assert _read_ids(user) == {first.pk, second.pk}


def test_the_celery_task_writes_the_reads_as_the_serve_flusher_does():
    user, article = UserFactory(), _article("Noted for beat")
    reading.note_read(user.pk, article.pk, timezone.now())
    assert reading_tasks.flush_reads() == 1  # called in-process, as a worker would
    assert _read_ids(user) == {article.pk}
