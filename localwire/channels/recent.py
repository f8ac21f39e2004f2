"""The newest channel links: the site's, the window channel sizes are counted in, and each
channel's own, read through the index ``channel_link_newest``, so a count or a sample costs the
same at 10,000 articles and at 1,000,000 and says what a channel is now, not over all time."""

from __future__ import annotations

from django.db.models import Q

from localwire.caching.results import cached_result
from localwire.channels.models import ArticleChannel

RECENT_LINKS = 20_000
FLOOR_KEPT_SECONDS = 60  # a few minutes of new links move the floor by little


def recent_floor() -> int:
    """The oldest article id among the site's newest ``RECENT_LINKS`` channel links."""
    return cached_result("lw:channels:recent-floor", FLOOR_KEPT_SECONDS, _floor)


def _floor() -> int:
    floor = (ArticleChannel.objects.order_by("-article_id").values_list("article_id", flat=True)
             [RECENT_LINKS - 1:RECENT_LINKS])
    return next(iter(floor), 0)


def newest_links(channel_ids, per_channel: int, but_article: int | None = None) -> Q:
    """A filter on channel links: each channel's newest ``per_channel``, ``but_article``'s left out
    before counting, whatever the size of the channel's archive."""
    newest = Q(pk__in=[])
    for channel_id in channel_ids:
        links = ArticleChannel.objects.filter(channel_id=channel_id)
        if but_article is not None:
            links = links.exclude(article_id=but_article)
        newest |= Q(pk__in=links.order_by("-article_id").values("pk")[:per_channel])
    return newest
