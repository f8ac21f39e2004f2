"""How each of a publisher's feeds is doing, and what the publisher could change to do better.

Read from the rows the pipeline already keeps: the feed (status, schedule, last error), its entries
(what failed and why; ``last_error`` on a stored entry is why its page could not be read) and the
articles they became (byline, date, length, image credits, ``from_feed_only``). Quality is judged
over the entries of the last ``RECENT_DAYS`` so a weekly paper still has a sample; three queries
serve all of a publisher's feeds together.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Length
from django.utils import timezone

from localwire.articles.models import Image
from localwire.publishers.feed_errors import error_label, plain_error
from localwire.publishers.feed_pauses import portal_paused
from localwire.sources.models import Entry, Feed

RECENT_DAYS = 30  # the window warnings and shares are judged over
WEEK = timedelta(days=7)
SHORT_WORDS = 100  # an article text under this is a summary, not an article
OWN_DATE_SLACK = timedelta(minutes=2)  # a date within this of storing it was the time we found it
ACTIVE, PAUSED, FAILING = "active", "paused", "failing"


@dataclass
class Tally:
    """``count`` of ``total`` had a problem; ``reasons`` say which ones, most common first."""

    count: int = 0
    total: int = 0
    reasons: Counter = field(default_factory=Counter)

    def add(self, problem: bool, reason: str = "") -> None:
        self.total += 1
        if problem:
            self.count += 1
            if reason:
                self.reasons[reason] += 1

    def why(self) -> str:
        return ", ".join(f"{label} ({n})" for label, n in self.reasons.most_common())


@dataclass
class Sample:
    """What the recent entries of one feed came to."""

    stored: int = 0  # entries that became an article
    articles_7d: int = 0
    feed_only: Tally = field(default_factory=Tally)  # pages that could not be read
    failed: Tally = field(default_factory=Tally)  # entries given up on or still retrying
    no_byline: Tally = field(default_factory=Tally)
    no_date: Tally = field(default_factory=Tally)
    short: Tally = field(default_factory=Tally)
    uncredited: Tally = field(default_factory=Tally)  # over images, not articles
    full_text_items: int = 0  # feed-only articles whose feed item carried full content


@dataclass
class FeedHealth:
    id: int
    url: str
    title: str
    status: str  # ACTIVE, PAUSED or FAILING
    paused: bool
    operator_paused: bool  # paused by the site's operators: only they resume it (feed_pauses.py)
    last_fetched_at: datetime | None
    next_fetch_at: datetime | None  # None while paused: it is never fetched
    last_error: str  # in plain words, with what to do; "" when the last fetch went well
    error_count: int
    articles_7d: int
    feed_only_share: float  # of the articles stored recently, the share from feed content only
    warnings: list[str]
    advice: list[str]


def feed_health(publisher, now: datetime | None = None) -> list[FeedHealth]:
    """Every feed of ``publisher``, oldest first, with its numbers and advice."""
    now = now or timezone.now()
    feeds = list(Feed.objects.filter(publisher=publisher).order_by("created_at", "pk"))
    samples = _samples([f.pk for f in feeds], now)
    ours = portal_paused(publisher, [f.pk for f in feeds if not f.enabled])
    return [_health(feed, samples[feed.pk], feed.pk in ours) for feed in feeds]


def one_feed_health(feed: Feed, now: datetime | None = None) -> FeedHealth:
    now = now or timezone.now()
    ours = portal_paused(feed.publisher_id, [feed.pk] if not feed.enabled else [])
    return _health(feed, _samples([feed.pk], now)[feed.pk], feed.pk in ours)


def _samples(feed_ids: list[int], now: datetime) -> dict[int, Sample]:
    samples: dict[int, Sample] = defaultdict(Sample)
    since = now - timedelta(days=RECENT_DAYS)
    rows = (Entry.objects.filter(feed_id__in=feed_ids, created_at__gte=since)
            .annotate(feed_date=KT("data__published_at"), content_len=Length(KT("data__content_html")))
            .values("feed_id", "state", "attempts", "last_error", "article_id", "feed_date", "content_len",
                    "article__from_feed_only", "article__authors", "article__agency", "article__published_at",
                    "article__created_at", "article__word_count"))
    seen: set[tuple[int, int]] = set()
    for row in rows:
        sample = samples[row["feed_id"]]
        if row["article_id"] is None:
            _count_unstored(sample, row)
        elif (row["feed_id"], row["article_id"]) not in seen:
            seen.add((row["feed_id"], row["article_id"]))
            _count_article(sample, row, now)
    _count_images(samples, feed_ids, since)
    return samples


def _count_unstored(sample: Sample, row: dict) -> None:
    if row["state"] == Entry.State.FAILED or (row["state"] == Entry.State.PENDING and row["attempts"]):
        sample.failed.add(True, error_label(row["last_error"]))


def _count_article(sample: Sample, row: dict, now: datetime) -> None:
    sample.stored += 1
    if row["article__created_at"] >= now - WEEK:
        sample.articles_7d += 1
    feed_only = bool(row["article__from_feed_only"])
    sample.feed_only.add(feed_only, error_label(row["last_error"]) if feed_only else "")
    if feed_only and (row["content_len"] or 0) > 0:
        sample.full_text_items += 1
    sample.no_byline.add(not row["article__authors"] and not row["article__agency"])
    found_at = abs(row["article__published_at"] - row["article__created_at"]) <= OWN_DATE_SLACK
    sample.no_date.add(not row["feed_date"] and found_at)
    sample.short.add(row["article__word_count"] < SHORT_WORDS)


def _count_images(samples: dict[int, Sample], feed_ids: list[int], since: datetime) -> None:
    """Images with and without a credit, per feed, over the articles its recent entries stored."""
    rows = (Image.objects.filter(article__entries__feed_id__in=feed_ids, article__entries__created_at__gte=since)
            .values("article__entries__feed_id")
            .annotate(total=Count("id", distinct=True), bare=Count("id", filter=Q(credit=""), distinct=True)))
    for row in rows:
        tally = samples[row["article__entries__feed_id"]].uncredited
        tally.total += row["total"]
        tally.count += row["bare"]


def _health(feed: Feed, sample: Sample, paused_here: bool = False) -> FeedHealth:
    paused = not feed.enabled
    failing = not paused and feed.status == Feed.Status.ERROR
    share = sample.feed_only.count / sample.stored if sample.stored else 0.0
    return FeedHealth(
        id=feed.pk, url=feed.url, title=feed.title, status=PAUSED if paused else FAILING if failing else ACTIVE,
        paused=paused, operator_paused=paused and not paused_here, last_fetched_at=feed.last_fetched_at,
        next_fetch_at=None if paused else feed.next_fetch_at,
        last_error=plain_error(feed.last_error), error_count=feed.error_count, articles_7d=sample.articles_7d,
        feed_only_share=round(share, 3), warnings=warnings_of(sample), advice=advice_for(feed, sample),
    )


def warnings_of(sample: Sample) -> list[str]:
    """Each problem with its numbers, as "3 of 20 pages could not be read: HTTP 403 (2), timed out (1)"."""
    lines = []
    for tally, what in ((sample.feed_only, "article pages could not be read"),
                        (sample.failed, "could not be stored"),
                        (sample.no_byline, "articles carry no byline"),
                        (sample.no_date, "articles carry no date of their own"),
                        (sample.short, f"articles are shorter than {SHORT_WORDS} words"),
                        (sample.uncredited, "images carry no credit")):
        if tally.count:
            counted = f"{tally.count} of {tally.total}" if tally is not sample.failed else _items(tally.count)
            why = tally.why()
            lines.append(f"{counted} {what}" + (f": {why}" if why else ""))
    return lines


def advice_for(feed: Feed, sample: Sample) -> list[str]:
    """Concrete changes, each with the numbers it rests on; the most consequential first."""
    advice = [plain_error(feed.last_error)] if feed.last_error else []  # failing, or read despite a fault
    advice += _page_advice(sample)
    if sample.failed.count:
        advice.append(f"{_items(sample.failed.count)} could not be stored ({sample.failed.why()}). "
                      "Check that each item links to its own article page.")
    advice += _article_advice(sample)
    if feed.enabled and feed.last_fetched_at and not sample.articles_7d and feed.status != Feed.Status.ERROR:
        advice.append("No new articles reached us in the last 7 days. If you published some, check that "
                      "the feed lists them (newest first) and that each item has its own link and id.")
    return advice


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _page_advice(sample: Sample) -> list[str]:
    unread = sample.feed_only
    if not unread.count:
        return []
    numbers = f"{unread.count} of {unread.total} pages could not be read: {unread.why()}"
    fix = _page_fix(unread.reasons.most_common(1)[0][0] if unread.reasons else "")
    if sample.full_text_items < unread.count:
        return [f"Items carry summaries only and {numbers}. {fix}, or put the full text in the feed."]
    return [f"{numbers[0].upper()}{numbers[1:]}; the full text in your feed was used instead. {fix} so "
            "that images, bylines and dates come through too."]


def _page_fix(reason: str) -> str:
    """What to change for the commonest reason pages were not read."""
    if reason in ("HTTP 404", "HTTP 410"):
        return "Make each item link to its article's public address"
    if reason == "timed out" or reason.startswith("HTTP 5"):
        return "Make your article pages answer within a few seconds"
    return f"Let our fetcher (User-Agent “{settings.LOCALWIRE_USER_AGENT}”) read your article pages"


def _article_advice(sample: Sample) -> list[str]:
    advice = []
    if sample.no_byline.count:
        advice.append(f"{sample.no_byline.count} of {sample.no_byline.total} articles carry no byline. Name the "
                      "author on the page (a byline, <meta name=\"author\"> or schema.org author) or in the "
                      "feed item's author.")
    if sample.no_date.count:
        advice.append(f"{sample.no_date.count} of {sample.no_date.total} articles carry no date of their own, "
                      "so they show when we found them. Add <meta property=\"article:published_time\"> or a "
                      "<time datetime> to the page, or a date to each feed item.")
    if sample.short.count:
        advice.append(f"{sample.short.count} of {sample.short.total} articles are shorter than {SHORT_WORDS} "
                      "words. If they are longer on your site, let us read the page or put the full text in "
                      "the feed.")
    if sample.uncredited.count:
        advice.append(f"{sample.uncredited.count} of {sample.uncredited.total} images carry no credit. Name "
                      "the photographer or agency in the caption (\"Photo: …\") or a credit line.")
    return advice
