"""A feed's health and advice, counted from entries and articles made with factories."""

from __future__ import annotations

from datetime import timedelta

import factory
import pytest
from django.utils import timezone

from localwire.publishers.feed_errors import error_label, plain_error
from localwire.publishers.feed_health import FAILING, PAUSED, feed_health
from localwire.sources.models import Entry, Feed
from localwire.testing import factories
from localwire.testing.factories import ArticleFactory, FeedFactory, ImageFactory, PublisherFactory

pytestmark = pytest.mark.django_db


class EntryFactory(factories.EntryFactory):
    data = factory.LazyFunction(lambda: {"published_at": "2026-12-01T09:00:00+00:00", "content_html": ""})
    state = Entry.State.DONE


def stored(feed, *, page_error="", data=None, entry_at=None, **article):
    """An entry of ``feed`` that became an article; ``page_error`` makes it feed-only."""
    if page_error:
        article.setdefault("from_feed_only", True)
    made = ArticleFactory(publisher=feed.publisher, word_count=article.pop("word_count", 400), **article)
    extra = {"data": data} if data is not None else {}
    return EntryFactory(feed=feed, article=made, last_error=page_error,
                        created_at=entry_at or timezone.now(), **extra)


def only(publisher):
    [health] = feed_health(publisher)
    return health


def test_unread_pages_are_counted_by_reason_into_the_advice():
    feed = FeedFactory(last_fetched_at=timezone.now(), status=Feed.Status.OK)
    for _ in range(17):
        stored(feed)
    stored(feed, page_error="HTTP 403")
    stored(feed, page_error="HTTP 403")
    stored(feed, page_error="timed out after 10s fetching https://news.example.org/x")
    health = only(feed.publisher)
    assert health.feed_only_share == 0.15
    assert "3 of 20 article pages could not be read: HTTP 403 (2), timed out (1)" in health.warnings
    assert health.advice[0].startswith("Items carry summaries only and 3 of 20 pages could not be read: "
                                       "HTTP 403 (2), timed out (1). Let our fetcher (User-Agent")
    assert health.advice[0].endswith("or put the full text in the feed.")


def test_the_fix_follows_the_commonest_reason():
    feed = FeedFactory()
    stored(feed, page_error="HTTP 404")
    stored(feed, page_error="HTTP 404")
    stored(feed, page_error="HTTP 403")
    assert only(feed.publisher).advice[0] == (
        "Items carry summaries only and 3 of 3 pages could not be read: HTTP 404 (2), HTTP 403 (1). "
        "Make each item link to its article's public address, or put the full text in the feed.")


def test_full_text_in_the_feed_changes_the_advice():
    feed = FeedFactory()
    stored(feed)
    stored(feed, page_error="HTTP 403", data={"content_html": "<p>" + "word " * 300 + "</p>"})
    advice = only(feed.publisher).advice
    assert advice[0].startswith("1 of 2 pages could not be read: HTTP 403 (1); the full text in your feed was used")


def test_bylines_dates_length_and_credits_are_counted():
    feed = FeedFactory()
    now = timezone.now()
    with_image = stored(feed).article
    ImageFactory(article=with_image, credit="")
    ImageFactory(article=with_image)
    stored(feed, authors=[], agency="")  # no byline
    stored(feed, authors=[], agency="Wire Service")  # an agency is a byline
    stored(feed, data={"content_html": ""}, published_at=now, created_at=now)  # the time we found it
    stored(feed, word_count=42)
    health = only(feed.publisher)
    assert "1 of 5 articles carry no byline" in health.warnings
    assert "1 of 5 articles carry no date of their own" in health.warnings
    assert "1 of 5 articles are shorter than 100 words" in health.warnings
    assert "1 of 2 images carry no credit" in health.warnings
    assert any(line.startswith("1 of 2 images carry no credit. Name the photographer") for line in health.advice)


def test_articles_of_the_last_seven_days_and_failed_entries():
    feed = FeedFactory()
    old = timezone.now() - timedelta(days=10)
    stored(feed, created_at=old, entry_at=old)
    stored(feed)
    stored(feed)
    EntryFactory(feed=feed, state=Entry.State.FAILED, attempts=3, last_error="HTTP 404")
    EntryFactory(feed=feed, state=Entry.State.PENDING, attempts=0)  # not tried yet: no problem
    health = only(feed.publisher)
    assert health.articles_7d == 2
    assert "1 item could not be stored: HTTP 404 (1)" in health.warnings


def test_a_failing_feed_says_what_happened_in_plain_words():
    feed = FeedFactory(status=Feed.Status.ERROR, error_count=3, last_fetched_at=timezone.now(),
                       last_error="HTTP 404 from https://valley.example.org/rss")
    health = only(feed.publisher)
    assert health.status == FAILING
    assert health.last_error.startswith("Your server answered “not found” (HTTP 404)")
    assert health.advice[0] == health.last_error


def test_a_paused_feed_has_no_next_fetch():
    feed = FeedFactory(enabled=False, status=Feed.Status.ERROR, last_error="HTTP 500 from x")
    health = only(feed.publisher)
    assert (health.status, health.paused, health.next_fetch_at) == (PAUSED, True, None)


def test_a_quiet_feed_is_told_no_articles_arrived():
    feed = FeedFactory(status=Feed.Status.OK, last_fetched_at=timezone.now())
    assert only(feed.publisher).advice[-1].startswith("No new articles reached us in the last 7 days")


def test_all_feeds_take_the_same_few_queries(django_assert_num_queries):
    publisher = PublisherFactory()
    for _ in range(3):
        feed = FeedFactory(publisher=publisher)
        stored(feed)
        stored(feed, page_error="HTTP 403")
    other = FeedFactory()
    stored(other)
    with django_assert_num_queries(3):
        healths = feed_health(publisher)
    assert len(healths) == 3 and all(h.feed_only_share == 0.5 for h in healths)


@pytest.mark.parametrize("raw, label, words", [
    ("HTTP 403 from https://x.example/feed", "HTTP 403", "refused our fetcher"),
    ("HTTP 503 from https://x.example/feed", "HTTP 503", "try again later"),
    ("timed out after 10s fetching https://x.example/feed", "timed out", "within 10 seconds"),
    ("blocked: x.example resolves to a refused address (10.0.0.7 is a private address)", "refused address",
     "never fetch"),
    ("blocked: only http and https URLs are fetched, not 'ftp'", "refused address", "not 'ftp'"),
    ("cannot resolve x.example: Name or service not known", "unknown host", "DNS"),
    ("warning: mismatched tag (line 3), read as far as it goes", "malformed feed", "mismatched tag"),
    ("broken feed: not well-formed (line 1); no item could be read", "malformed feed", "feed validator"),
    ("robots.txt disallows this page", "robots.txt", "Allow our User-Agent"),
    ("not an HTML page (application/pdf)", "not a web page", "HTML page"),
    ("could not fetch https://x.example/: Connection refused", "no connection", "could not connect"),
    ("something nobody foresaw", "other error", "something nobody foresaw"),
])
def test_errors_read_as_plain_words(raw, label, words):
    assert error_label(raw) == label
    assert words in plain_error(raw)
