"""The only part of the pipeline that writes: runs the stages and stores what they return.

Every write is idempotent: entries are unique per (feed, entry id), raw pages
per URL and articles per canonical URL, so re-running after a crash at any
point (even kill -9) neither duplicates nor loses anything already fetched.
A stored article then goes through the steps ``flow.py`` declares. The leases
that let several workers understand articles side by side (``reanalyze.py``)
are written here too.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from localwire.articles import pending
from localwire.articles.extract import EXTRACTOR_VERSION
from localwire.articles.models import Article, Image, RawPage, TakenDown
from localwire.document import ArticleDoc, FeedJob, FeedStatus, PageFetch
from localwire.pipeline import serialise
from localwire.pipeline.flow import after_store
from localwire.pipeline.stages import fetch_page, run_article_stages, run_feed_stages
from localwire.sources.context import Context
from localwire.sources.models import Entry, Feed, Publisher
from localwire.sources.schedule import backoff_delay, next_after_success

log = logging.getLogger(__name__)

ANALYSIS_LEASE = timedelta(minutes=10)
MAX_ENTRY_ATTEMPTS = 3


class EntryResult(StrEnum):
    """What processing one entry came to. The values are the ones crawl reports count and tasks return."""

    STORED = "stored"
    FEED_ONLY = "feed_only"  # stored from the feed's own content: the page was out of reach
    DUPLICATE = "duplicate"  # its canonical URL was stored already
    SKIPPED = "skipped"  # not pending any more: another worker took it to the end
    FAILED = "failed"  # this attempt failed; the entry stays pending until its last attempt
    TAKEN_DOWN = "taken_down"  # its publisher took the article down: done, never stored again


@dataclass
class PollOutcome:
    """What polling one feed came to; the new entries are the ones a Celery task sends on."""

    feed_id: int
    status: FeedStatus
    new_entry_ids: list[int] = field(default_factory=list)
    error: str = ""


@dataclass
class EntryOutcome:
    """What processing one entry came to, and the article it was stored as (if any)."""

    entry_id: int
    status: EntryResult
    article_id: int | None = None
    error: str = ""

    @property
    def stored_new(self) -> bool:
        """A new article was stored (from its page or from the feed)."""
        return self.status in (EntryResult.STORED, EntryResult.FEED_ONLY)


# --- feeds ------------------------------------------------------------------


def due_feed_ids(now: datetime | None = None, limit: int = 500) -> list[int]:
    now = now or timezone.now()
    return list(
        Feed.objects.filter(enabled=True, next_fetch_at__lte=now)
        .order_by("next_fetch_at").values_list("pk", flat=True)[:limit]
    )


def claim_lease() -> timedelta:
    """How long a claimed feed waits for its poll: a poll lost with a killed worker or a restarted
    broker is sent again once it lapses."""
    return timedelta(seconds=settings.LOCALWIRE_FEED_CLAIM_SECONDS)


def claim_feed(feed_id: int, now: datetime | None = None) -> datetime | None:
    """Push the feed's next fetch time out by a lease; only one worker wins the update. The lease's
    end is the claim's token, which a queued poll carries (``start_claimed_poll``)."""
    now = now or timezone.now()
    until = now + claim_lease()
    won = Feed.objects.filter(pk=feed_id, enabled=True, next_fetch_at__lte=now).update(next_fetch_at=until)
    return until if won else None


def start_claimed_poll(feed_id: int, token: datetime, now: datetime | None = None) -> bool:
    """A queued poll runs only while its claim is still the feed's, and renews it for the poll itself.

    A poll the broker hands out again after its worker was lost, or one a later claim replaced while
    it waited in the queue, finds another token and does nothing: a feed is never polled twice at once.
    """
    now = now or timezone.now()
    return bool(Feed.objects.filter(pk=feed_id, next_fetch_at=token).update(next_fetch_at=now + claim_lease()))


def poll_feed(feed_id: int, ctx: Context) -> PollOutcome:
    feed = Feed.objects.get(pk=feed_id)
    if not feed.enabled:
        # Paused after it was claimed or queued (or named by id): a paused feed is never fetched.
        return PollOutcome(feed.pk, FeedStatus.PAUSED)
    started = time.monotonic()
    result = run_feed_stages(
        FeedJob(feed.pk, feed.url, feed.etag, feed.last_modified), ctx
    )
    now = timezone.now()
    interval = settings.LOCALWIRE_POLL_INTERVAL
    if result.status == FeedStatus.ERROR:
        errors = feed.error_count + 1
        Feed.objects.filter(pk=feed.pk).update(
            status=Feed.Status.ERROR, error_count=errors, last_error=result.error[:2000],
            last_fetched_at=now,
            next_fetch_at=now + backoff_delay(errors, interval, result.retry_after),
        )
        log.warning("feed=%s poll failed (%s errors): %s", feed.pk, errors, result.error)
        return PollOutcome(feed.pk, FeedStatus.ERROR, error=result.error)
    if result.status == FeedStatus.NOT_MODIFIED:
        # A 304 writes nothing but the schedule.
        Feed.objects.filter(pk=feed.pk).update(
            status=Feed.Status.NOT_MODIFIED, error_count=0, last_error="",
            last_fetched_at=now, next_fetch_at=next_after_success(now, interval),
        )
        return PollOutcome(feed.pk, FeedStatus.NOT_MODIFIED)
    new_ids = _store_entries(feed, result, now, interval)
    log.info("feed=%s polled: %s new entries in %.0f ms", feed.pk, len(new_ids),
             (time.monotonic() - started) * 1000)
    return PollOutcome(feed.pk, FeedStatus.OK, new_entry_ids=new_ids)


def _store_entries(feed: Feed, result, now: datetime, interval: float) -> list[int]:
    """Entries and the feed's new validators commit together: no entry is lost between them."""
    parsed = result.parsed
    with transaction.atomic():
        known = set(
            Entry.objects.filter(feed=feed, entry_id__in=[e.entry_id[:1000] for e in parsed.entries])
            .values_list("entry_id", flat=True)
        )
        fresh, seen = [], set()
        for item in parsed.entries:
            key = item.entry_id[:1000]
            if key in known or key in seen or not item.url.startswith(("http://", "https://")):
                continue
            seen.add(key)
            fresh.append(Entry(feed=feed, entry_id=key, url=item.url[:2000],
                               data=serialise.to_json(asdict(item))))
        Entry.objects.bulk_create(fresh, ignore_conflicts=True)
        Feed.objects.filter(pk=feed.pk).update(
            status=Feed.Status.OK, error_count=0, last_error=parsed.warning[:2000], format=parsed.format,
            title=(parsed.title or feed.title)[:300], etag=result.etag[:500],
            last_modified=result.last_modified[:100], last_fetched_at=now,
            next_fetch_at=next_after_success(now, interval),
        )
    return list(
        Entry.objects.filter(feed=feed, entry_id__in=list(seen), state=Entry.State.PENDING)
        .values_list("pk", flat=True)
    )


# --- entries ----------------------------------------------------------------


def pending_entry_ids(limit: int = 10_000) -> list[int]:
    return list(
        Entry.objects.filter(state=Entry.State.PENDING)
        .order_by("created_at", "pk").values_list("pk", flat=True)[:limit]
    )


def stalled_entry_ids(idle: timedelta, limit: int = 2000, now: datetime | None = None) -> list[int]:
    """Pending entries nothing touched for ``idle``, stamped as touched now: each is handed out again
    at most once per ``idle``, however often the sweep that re-sends them runs."""
    now = now or timezone.now()
    ids = list(
        Entry.objects.filter(state=Entry.State.PENDING, updated_at__lt=now - idle)
        .order_by("updated_at", "pk").values_list("pk", flat=True)[:limit]
    )
    Entry.objects.filter(pk__in=ids, state=Entry.State.PENDING).update(updated_at=now)
    return ids


def agency_names() -> list[str]:
    return list(Publisher.objects.filter(kind=Publisher.Kind.AGENCY).values_list("name", flat=True))


def process_entry(entry_id: int, ctx: Context, agencies: list[str] | None = None) -> EntryOutcome:
    entry = Entry.objects.select_related("feed__publisher").get(pk=entry_id)
    if entry.state != Entry.State.PENDING:
        return EntryOutcome(entry.pk, EntryResult.SKIPPED, entry.article_id)
    if _taken_down(entry.url):  # known before fetching: the page is not fetched again
        return _refuse_taken_down(entry)
    publisher = entry.feed.publisher
    doc = ArticleDoc(
        entry=serialise.feed_entry_from_json(entry.data), publisher=publisher.name,
        agencies=agencies if agencies is not None else agency_names(),
        page=_saved_page(entry.url),
    )
    try:
        doc = run_article_stages(doc, ctx, checkpoint=_keep_raw_page)
        return _store_article(entry, publisher, doc)
    except Exception as exc:  # a bug in a stage must not stop the worker
        log.exception("entry=%s failed", entry.pk)
        attempts = entry.attempts + 1
        state = Entry.State.FAILED if attempts >= MAX_ENTRY_ATTEMPTS else Entry.State.PENDING
        Entry.objects.filter(pk=entry.pk).update(
            attempts=attempts, state=state, last_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        return EntryOutcome(entry.pk, EntryResult.FAILED, error=str(exc))


def _saved_page(url: str) -> PageFetch | None:
    """A page fetched before a crash is reused, never fetched twice."""
    raw = RawPage.objects.filter(url=url[:2000]).first()
    if raw is None:
        return None
    return PageFetch(raw.url, raw.final_url, raw.status, raw.content_type, raw.content())


def _keep_raw_page(stage, doc: ArticleDoc) -> None:
    page = doc.page
    if stage is not fetch_page or page is None or not page.body:
        return
    RawPage.objects.get_or_create(
        url=page.url[:2000],
        defaults=dict(final_url=page.final_url[:2000], status=page.status,
                      content_type=page.content_type[:200], body=RawPage.compress(page.body)),
    )


def extracted_fields(doc: ArticleDoc) -> dict:
    """An article's columns as the extraction of ``doc`` gives them: what storing and re-fetching write."""
    ex = doc.extracted
    return dict(title=ex.title, authors=list(ex.authors), agency=ex.agency[:200], published_at=ex.published_at,
                updated_at=ex.updated_at, language=ex.language[:20], summary=ex.summary, text=ex.text,
                html=ex.html, word_count=doc.word_count, content_hash=doc.content_hash,
                extractor_version=EXTRACTOR_VERSION, from_feed_only=doc.from_feed_only)


def image_rows(article: Article, images) -> list[Image]:
    return [Image(article=article, source_url=img.src[:2000], caption=img.caption, credit=img.credit[:300],
                  position=img.position) for img in images]


def _store_article(entry: Entry, publisher: Publisher, doc: ArticleDoc) -> EntryOutcome:
    ex = doc.extracted
    fields = dict(extracted_fields(doc), url=ex.url[:2000] or entry.url, publisher=publisher,
                  raw_page=RawPage.objects.filter(url=entry.url[:2000]).first())
    canonical = ex.canonical_url[:2000]
    if _taken_down(canonical):
        return _refuse_taken_down(entry)
    for attempt in range(2):
        try:
            with transaction.atomic():
                article, created = Article.objects.get_or_create(
                    canonical_url=canonical, defaults=fields
                )
                if created:
                    Image.objects.bulk_create(image_rows(article, ex.images))
                    pending.mark_stored(article.pk)  # with the row: a crash after it costs a repeat, never a miss
                Entry.objects.filter(pk=entry.pk).update(
                    state=Entry.State.DONE, article=article, last_error=doc.page_error[:2000],
                    attempts=entry.attempts + 1,
                )
            break
        except IntegrityError:
            # Another worker stored the same canonical URL between our read and write.
            if attempt:
                raise
    if not created:
        return EntryOutcome(entry.pk, EntryResult.DUPLICATE, article.pk)
    after_store(article)
    return EntryOutcome(entry.pk, EntryResult.FEED_ONLY if doc.from_feed_only else EntryResult.STORED, article.pk)


TAKEN_DOWN_NOTE = "its publisher took this article down; it is not stored again"


def _taken_down(url: str) -> bool:
    url = url[:2000]
    return TakenDown.objects.filter(Q(canonical_url=url) | Q(url=url)).exists()


def _refuse_taken_down(entry: Entry) -> EntryOutcome:
    Entry.objects.filter(pk=entry.pk).update(state=Entry.State.DONE, article=None, last_error=TAKEN_DOWN_NOTE,
                                             attempts=entry.attempts + 1)
    log.info("entry=%s not stored: its article was taken down", entry.pk)
    return EntryOutcome(entry.pk, EntryResult.TAKEN_DOWN)


# --- understanding: leases, so several workers can share the articles ------------------


def analysis_unclaimed(now: datetime) -> Q:
    """Articles no worker holds: never claimed, or claimed by one whose lease ran out."""
    return Q(analysis_claimed_until__isnull=True) | Q(analysis_claimed_until__lt=now)


def claim_for_analysis(ids: list[int], now: datetime | None = None) -> list[int]:
    """The ids this worker won; each conditional update is taken by one worker only."""
    now = now or timezone.now()
    won = []
    with transaction.atomic():
        for pk in ids:
            if Article.objects.filter(analysis_unclaimed(now), pk=pk).update(
                    analysis_claimed_until=now + timedelta(seconds=settings.LOCALWIRE_ANALYSIS_LEASE_SECONDS)):
                won.append(pk)
    return won


def mark_analysis_failed(article_id: int, version: str) -> None:
    """Stamped with the analyser's current version so it is not retried on every crawl; --all retries it."""
    Article.objects.filter(pk=article_id).update(
        analysis_version=version, analysis_note="analysis failed; see the worker log")


def release_analysis(ids: list[int]) -> None:
    """The batch is done: its articles are free for the next change of analyser."""
    Article.objects.filter(pk__in=ids).update(analysis_claimed_until=None)
