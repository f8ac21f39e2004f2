"""What a publisher's profile shows besides its articles: counts and its most-covered channels.

Followers are community's (``Follow``), which builds on metrics; so metrics holds a plug-in point
instead of importing it: ``community/apps.py`` registers the function that counts them with
``count_followers_with`` when the app is ready. Until one is registered, every count is 0.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from django.core.cache import cache
from django.db.models import Count

from localwire.articles.models import Article
from localwire.channels.models import PLACE_KINDS, ArticleChannel, Channel
from localwire.metrics.models import PublisherViews

log = logging.getLogger(__name__)

PROFILE_SECONDS = 60  # how stale a profile's counts and channel lists may be
TOP_CHANNELS = 5

# Publisher ids in, {publisher id: followers} out (ids without followers may be left out).
FollowerCounter = Callable[[list[int]], dict[int, int]]
_follower_counter: list[FollowerCounter] = []  # the one registered, if any


def count_followers_with(counter: FollowerCounter) -> None:
    """Make ``counter`` the one way followers are counted (registering again replaces it)."""
    _follower_counter[:] = [counter]


def follower_counts(publishers) -> dict[int, int]:
    """Followers of each publisher, by publisher id. The profile page, ``GET /api/v1/publishers``,
    ``/publishers/{slug}`` and ``/publishers/{slug}/stats`` all read followers from here and
    nowhere else."""
    ids = [p.pk for p in publishers]
    counts = _follower_counter[0](ids) if _follower_counter else {}
    return {pk: counts.get(pk, 0) for pk in ids}


def follower_count(publisher) -> int:
    return follower_counts([publisher])[publisher.pk]


@dataclass(frozen=True)
class PublisherStats:
    followers: int
    posts: int  # articles stored from this publisher
    views: int  # counted article page views, as of the last flush


def publisher_stats(publisher) -> PublisherStats:
    views = PublisherViews.objects.filter(publisher=publisher).values_list("views", flat=True).first()
    return PublisherStats(followers=follower_count(publisher),
                          posts=Article.objects.filter(publisher=publisher).count(), views=views or 0)


def top_channels(publisher, kinds, limit: int = TOP_CHANNELS) -> list[Channel]:
    """The channels of these kinds with the most of the publisher's articles, most first."""
    counted = list(ArticleChannel.objects.filter(article__publisher=publisher, channel__kind__in=kinds)
                   .values_list("channel_id").annotate(n=Count("id")).order_by("-n", "channel_id")[:limit])
    by_id = Channel.objects.in_bulk([cid for cid, _ in counted])
    return [by_id[cid] for cid, _ in counted if cid in by_id]


def _kept(key: str, build: Callable[[], object]):
    """``build()``, kept in the cache for PROFILE_SECONDS; built afresh when the cache is away."""
    try:
        value = cache.get(key)
    except Exception:
        log.warning("profile cache unavailable", exc_info=True)
        value = None
    if value is None:
        value = build()
        try:
            cache.set(key, value, timeout=PROFILE_SECONDS)
        except Exception:
            log.warning("profile cache unavailable", exc_info=True)
    return value


def profile_summary(publisher) -> dict:
    """Counts and most-covered topics and places, cached for a minute: seven queries when cold, none warm."""
    return _kept(f"lw:profile:{publisher.pk}", lambda: {
        "stats": publisher_stats(publisher),
        "topics": top_channels(publisher, [Channel.Kind.TOPIC]),
        "places": top_channels(publisher, PLACE_KINDS)})


def card_stats(publisher) -> PublisherStats:
    """The counts alone, for the card beside each article: three queries when cold, none warm (the
    card shows no channel lists, which are most of a profile summary's cost)."""
    return _kept(f"lw:stats:{publisher.pk}", lambda: publisher_stats(publisher))


def forget_profile(publisher_id: int) -> None:
    """Drop the kept counts of a publisher whose articles just changed (a takedown)."""
    try:
        cache.delete_many([f"lw:profile:{publisher_id}", f"lw:stats:{publisher_id}"])
    except Exception:
        log.warning("profile cache unavailable", exc_info=True)
