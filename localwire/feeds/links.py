"""Where a page's feeds live: the home page, a channel or a publisher → one path per format."""

from __future__ import annotations

from django.urls import reverse

from localwire.channels.models import Channel
from localwire.feeds.render import FORMATS
from localwire.sources.models import Publisher


def feed_paths(target=None) -> dict[str, str]:
    """{"rss": path, "atom": path, "json": path} for the home page (None), a Channel or a Publisher."""
    if target is None:
        return {fmt: reverse("home_feed", kwargs={"fmt": fmt}) for fmt in FORMATS}
    if isinstance(target, Channel):
        return {fmt: reverse("channel_feed", kwargs={"kind": target.kind, "slug": target.slug, "fmt": fmt})
                for fmt in FORMATS}
    if isinstance(target, Publisher):
        return {fmt: reverse("publisher_feed", kwargs={"slug": target.slug, "fmt": fmt}) for fmt in FORMATS}
    raise TypeError(f"no feed for {type(target).__name__}")
