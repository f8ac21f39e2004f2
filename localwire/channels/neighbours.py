"""A channel page's related channels, stored with the channel rather than counted per view.

The first view of a channel works them out and stores them; after that the page reads one row
(kept in the results cache in front of it), and the crawl tick re-counts the stalest rows older
than an hour, a bounded number a tick. Before, the count was only kept in each process's cache for
an hour, so every process paid it again for every channel: most of a channel page's slow answers.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from localwire.caching.results import cached_result
from localwire.channels.models import Channel, ChannelNeighbours
from localwire.channels.queries import KEPT_SECONDS, channels_in_order, related_channel_ids

SHOWN = 8
REFRESH_AFTER = timedelta(hours=1)
REFRESHED_PER_TICK = 30


def channel_neighbours(channel: Channel) -> list[Channel]:
    """The related channels a channel page shows; the process keeps its copy of the stored row a few
    minutes, so a re-count shows soon after the tick makes it."""
    return channels_in_order(cached_result(f"lw:channels:neighbours:{channel.pk}", KEPT_SECONDS,
                                           lambda: stored_neighbour_ids(channel.pk)))


def stored_neighbour_ids(channel_id: int) -> list[int]:
    stored = ChannelNeighbours.objects.filter(channel_id=channel_id).values_list("ids", flat=True).first()
    return stored if stored is not None else store_neighbours(channel_id)


def store_neighbours(channel_id: int) -> list[int]:
    """Count them now and store them (two processes storing one channel at once: the later wins)."""
    ids = related_channel_ids([channel_id], limit=SHOWN)
    row = ChannelNeighbours(channel_id=channel_id, ids=ids, computed_at=timezone.now())
    ChannelNeighbours.objects.bulk_create([row], update_conflicts=True, unique_fields=["channel"],
                                          update_fields=["ids", "computed_at"])
    return ids


def refresh_stale_neighbours(limit: int = REFRESHED_PER_TICK) -> int:
    """Re-count the stalest stored rows older than ``REFRESH_AFTER``; how many it re-counted."""
    stale = list(ChannelNeighbours.objects.filter(computed_at__lt=timezone.now() - REFRESH_AFTER)
                 .order_by("computed_at").values_list("channel_id", flat=True)[:limit])
    for channel_id in stale:
        store_neighbours(channel_id)
    return len(stale)
