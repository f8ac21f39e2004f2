"""What a manager does to their publisher's feeds: add one (checked first), pause and resume.

A feed is checked as every way in checks it (``sources.checking.check_feed`` through the guarded
fetcher): a refused, broken or not-a-feed address is never stored, and the reason goes back to the
manager. An address another publisher already uses is refused without naming that publisher, so the
portal cannot be used to learn who carries what. Every change is logged in the portal's audit log.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import Http404

from localwire.community import throttle
from localwire.publishers.audit import log_action
from localwire.publishers.feed_pauses import paused_by_operator
from localwire.sources.actions import set_paused
from localwire.sources.checking import FeedCheckError, check_feed
from localwire.sources.context import make_fetcher
from localwire.sources.models import Feed


ADD_LIMIT, ADD_WINDOW = 20, 3600  # addresses checked per manager per hour: each check fetches from outside


class FeedRefused(ValueError):
    """The address is not stored; the message says why in words for the manager."""


class TooManyChecks(FeedRefused):
    """Over the hour's budget of checks; ``retry_after`` in seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"You have checked {ADD_LIMIT} feed addresses in the last hour; try again in "
                         f"{max(1, retry_after // 60)} minutes.")
        self.retry_after = retry_after


def add_feed(publisher, user, url: str, fetcher=None) -> tuple[Feed, str]:
    """Check ``url`` and store the feed it leads to; returns the feed and the check's warning ("" if none)."""
    url = (url or "").strip()
    if not url:
        raise FeedRefused("Give the address of your feed.")
    _refuse_taken(publisher, url)
    wait = throttle.spend(f"feed-check:{getattr(user, 'pk', '')}", ADD_LIMIT, ADD_WINDOW)
    if wait:
        raise TooManyChecks(wait)
    own = fetcher is None
    fetcher = fetcher or make_fetcher()
    try:
        checked = check_feed(url, fetcher)
    except FeedCheckError as exc:
        log_action(publisher, user, "feed.add_refused", url=url, kind=exc.kind, reason=str(exc))
        raise FeedRefused(f"{exc.kind.capitalize()}: {exc}") from None
    finally:
        if own:
            fetcher.close()
    _refuse_taken(publisher, checked.url)  # a page may have led to a feed already stored
    try:
        with transaction.atomic():
            feed = Feed.objects.create(publisher=publisher, url=checked.url, title=checked.title[:300])
    except IntegrityError:
        raise FeedRefused("This feed was added a moment ago.") from None
    log_action(publisher, user, "feed.add", feed_id=feed.pk, url=feed.url, warning=checked.warning)
    return feed, checked.warning


def _refuse_taken(publisher, url: str) -> None:
    existing = Feed.objects.filter(url=url).only("publisher_id").first()
    if existing is None:
        return
    if existing.publisher_id == publisher.pk:
        raise FeedRefused("This feed is already one of yours.")
    raise FeedRefused("This feed is already carried under another publisher. If it is yours, write to the "
                      "site's operators.")


def own_feed(publisher, feed_id: int) -> Feed:
    """One of ``publisher``'s feeds; Http404 for any other, so ids of others' feeds say nothing."""
    feed = Feed.objects.filter(pk=feed_id, publisher=publisher).first()
    if feed is None:
        raise Http404("No feed of yours has that id.")
    return feed


class OperatorPaused(FeedRefused):
    """The feed was stopped outside the portal; only an operator resumes it."""


def pause_feed(publisher, user, feed_id: int, paused: bool) -> Feed:
    """Pause (never fetched) or resume (fetched on the next crawl); logged only when it changed.
    A feed an operator stopped is not resumed here (``OperatorPaused``)."""
    feed = own_feed(publisher, feed_id)
    if not paused and paused_by_operator(publisher, feed):
        log_action(publisher, user, "feed.resume_refused", feed_id=feed.pk, url=feed.url)
        raise OperatorPaused("This site's operators paused this feed, so only they can resume it; "
                             "write to them to ask why and to have it resumed.")
    if set_paused(feed, paused):
        log_action(publisher, user, "feed.pause" if paused else "feed.resume", feed_id=feed.pk, url=feed.url)
        feed.refresh_from_db()
    return feed
