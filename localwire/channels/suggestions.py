""""You may also like": channels near the article's own people, places, organisations and topics.

Seeds are the article's channels. Its people, organisations, groups and places are the pivots:
each pivot's newest articles are read on their own (``PER_PIVOT``), so a channel with thousands
of articles does not crowd out the others, and a channel found beside a pivot there is one of
its neighbours. A neighbour must stand beside two pivots when the article has two or more, so
one shared generic name ("Interior Ministry" in a Kenyan and a Kazakh story) does not bring the
other country's story in. Topics are pivots only for an article with nothing more specific: the
channels beside "Politics" are the site's most frequent, not this story's. What the article has but the page does not show yet (a second
topic, an organisation) comes first; neighbours follow, ranked by how often they stand beside
the pivots, damped by their own size.
"""

from __future__ import annotations

import math
from collections import defaultdict

from django.db.models import Count

from localwire.channels.models import ArticleChannel, Channel
from localwire.channels.recent import newest_links, recent_floor

PER_PIVOT = 20  # newest articles read for each pivot
MAX_PIVOTS = 8  # the article's strongest links; more add cost, not sense
CANDIDATES = 40  # the nearest neighbours, re-ranked by their size
PIVOT_KINDS = (Channel.Kind.PERSON, Channel.Kind.ORGANISATION, Channel.Kind.GROUP, Channel.Kind.CITY,
               Channel.Kind.COUNTY, Channel.Kind.REGION, Channel.Kind.COUNTRY)
# A country is one pivot among others, weaker: half the world's news shares "United States".
PIVOT_WEIGHT = {Channel.Kind.COUNTRY: 0.5}


def also_like_ids(article_id: int, links: list, shown: set[int], limit: int) -> list[int]:
    """Channel ids for the article whose channel ``links`` (ArticleChannel rows with their channel)
    are given; ``shown`` channels are on the page already."""
    own_ids = {link.channel_id for link in links}
    pivots = ([link.channel for link in links if link.channel.kind in PIVOT_KINDS]
              or [link.channel for link in links if link.channel.kind == Channel.Kind.TOPIC])[:MAX_PIVOTS]
    unshown = [link.channel_id for link in links if link.channel_id not in shown
               and link.channel.kind != Channel.Kind.TAG]
    if not pivots:
        return unshown[:limit]
    samples = _samples([p.pk for p in pivots], article_id)
    rates = _rates(samples, exclude=own_ids | shown)
    weights = {p.pk: PIVOT_WEIGHT.get(p.kind, 1.0) for p in pivots}
    needed = min(2, len(samples))
    near = {c: sum(rate * weights[p] for p, rate in by_pivot.items())
            for c, by_pivot in rates.items() if len(by_pivot) >= needed}
    best = sorted(near, key=lambda c: (-near[c], c))[:CANDIDATES]
    sizes = _sizes(best)
    ranked = sorted(best, key=lambda c: (-near[c] / math.sqrt(sizes.get(c) or 1), c))
    return (unshown + ranked)[:limit]


def _samples(pivot_ids: list[int], article_id: int) -> dict[int, list[int]]:
    """Each pivot's newest articles other than this one, read in one query: each pivot's own
    newest few by the channel's index, so a pivot with a large archive costs no more than a small one."""
    rows = (ArticleChannel.objects.filter(newest_links(pivot_ids, PER_PIVOT, but_article=article_id))
            .order_by("channel_id", "-article_id").values_list("channel_id", "article_id"))
    samples: dict[int, list[int]] = defaultdict(list)
    for channel_id, found in rows:
        samples[channel_id].append(found)
    return samples


def _rates(samples: dict[int, list[int]], exclude: set[int]) -> dict[int, dict[int, float]]:
    """For each channel beside a pivot: the share of that pivot's sampled articles it is on."""
    pivots_of: dict[int, list[int]] = defaultdict(list)
    for pivot, articles in samples.items():
        for found in articles:
            pivots_of[found].append(pivot)
    rates: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    rows = (ArticleChannel.objects.filter(article_id__in=list(pivots_of)).exclude(channel_id__in=exclude)
            .exclude(channel__kind=Channel.Kind.TAG).values_list("article_id", "channel_id"))
    for found, channel_id in rows:
        for pivot in pivots_of[found]:
            rates[channel_id][pivot] += 1 / len(samples[pivot])
    return rates


def _sizes(channel_ids: list[int]) -> dict[int, int]:
    """Counted among the site's newest links, as related channels are: a cost that does not grow
    with the archive (all of sixty channels' links took 14 ms at 100,000 articles on SQLite)."""
    return dict(ArticleChannel.objects.filter(channel_id__in=channel_ids, article_id__gte=recent_floor())
                .values_list("channel_id").annotate(n=Count("id")).order_by())
