"""The site's newest channel links: the window channel sizes are counted in, so a count costs the
same at 10,000 articles and at 1,000,000 and says how big a channel is now, not over all time."""

from __future__ import annotations

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
