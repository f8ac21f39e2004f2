from datetime import datetime, timezone as tz

import pytest

from localwire.ads.flush import flush_ads
from localwire.ads.tasks import flush_ads as ads_task
from localwire.celery import FLUSHERS
from localwire.community.reading import flush_reads
from localwire.community.tasks import flush_reads as reads_task
from localwire.env import ConfigError
from localwire.metrics.counting import count_view
from localwire.metrics.flush_thread import flush_once, start_flusher
from localwire.metrics.models import PublisherViews
from localwire.metrics.tasks import flush_views as flush_task
from localwire.metrics.views_flush import flush_views
from localwire.serve import flushers
from localwire.settings import _cache
from localwire.testing.factories import ArticleFactory

NOW = datetime.now(tz.utc)


@pytest.mark.django_db(transaction=True)
def test_the_serve_flusher_writes_what_is_pending_when_it_stops():
    article = ArticleFactory()
    count_view(article.pk, "reader", NOW)
    start_flusher(flushers(), every_seconds=3600)()  # started, then stopped at once: the parting flush
    assert PublisherViews.objects.get(publisher=article.publisher).views == 1


@pytest.mark.django_db  # flush_once closes stale connections, which reaches one an earlier test opened
def test_a_failing_flusher_is_logged_and_the_next_one_still_runs(caplog):
    ran = []

    def broken():
        raise ConnectionError("cache went away")

    flush_once([("view counts", broken), ("reading history", lambda: ran.append("reads"))])
    assert ran == ["reads"]
    assert "flushing view counts failed" in caplog.text


def test_serve_and_beat_flush_the_same_kinds_of_notes():
    assert dict(flushers()) == {"view counts": flush_views, "ad counts": flush_ads, "reading history": flush_reads}
    assert sorted(FLUSHERS.values()) == sorted([flush_task.name, ads_task.name, reads_task.name])


@pytest.mark.django_db
def test_the_celery_task_runs_the_same_flush():
    article = ArticleFactory()
    count_view(article.pk, "reader", NOW)
    count_view(article.pk, "another", NOW)
    assert flush_task() == 2  # called in-process, as a worker would


def test_beat_sends_the_flush_every_minute():
    from localwire.celery import app

    entry = app.conf.beat_schedule["flush-view-counts"]
    assert entry == {"task": "localwire.flush_views", "schedule": 60.0}


@pytest.mark.parametrize("url, backend", [
    ("", "django.core.cache.backends.locmem.LocMemCache"),
    ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
    ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
])
def test_cache_url_picks_the_backend(monkeypatch, url, backend):
    monkeypatch.setenv("CACHE_URL", url)
    config = _cache()
    assert config["BACKEND"] == backend
    if url.startswith("redis"):
        assert config["LOCATION"] == url and config["OPTIONS"]["socket_timeout"] <= 1


def test_an_unknown_cache_url_stops_start_up(monkeypatch):
    monkeypatch.setenv("CACHE_URL", "memcached://127.0.0.1:11211")
    with pytest.raises(ConfigError, match="CACHE_URL"):
        _cache()


@pytest.mark.parametrize("url", ["", "redis://127.0.0.1:6379/1"])
def test_kept_pages_live_apart_from_the_counts(monkeypatch, url):
    from localwire.settings import _page_cache

    monkeypatch.setenv("CACHE_URL", url)
    default = _cache()
    pages = _page_cache(default)
    assert pages["BACKEND"] == default["BACKEND"]
    if url:  # one Redis, pages under their own prefix
        assert pages["LOCATION"] == url and pages["KEY_PREFIX"] == "pages"
    else:  # a cache of their own in each process, with its own bound
        assert pages["LOCATION"] != default["LOCATION"]
        assert pages["OPTIONS"]["MAX_ENTRIES"] < default["OPTIONS"]["MAX_ENTRIES"]
