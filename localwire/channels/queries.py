"""Read-side helpers for channel blocks and pages."""

from __future__ import annotations

import math

from django.db.models import Count

from localwire.channels.models import ArticleChannel, Channel

PLACE_KINDS = (Channel.Kind.CITY, Channel.Kind.REGION, Channel.Kind.COUNTRY)
CANDIDATES = 60  # most co-occurring channels considered before re-ranking by specificity
RECENT_ARTICLES = 400  # co-occurrence is read from this many of the channels' newest articles
ENTITY_KINDS = (Channel.Kind.PERSON, Channel.Kind.ORGANISATION, Channel.Kind.GROUP)


def article_blocks(article, known: set[int] = frozenset()) -> dict:
    """The channel blocks of an article page; ``known`` are channels the reader already follows or
    muted, which "You may also like" leaves out (suggesting them again tells the reader nothing)."""
    links = list(ArticleChannel.objects.filter(article=article).select_related("channel").order_by("rank"))
    topics = [link for link in links if link.channel.kind == Channel.Kind.TOPIC]
    people = [link for link in links if link.channel.kind == Channel.Kind.PERSON and link.score >= 0.3][:5]
    places = sorted((link for link in links if link.channel.kind in PLACE_KINDS),
                    key=lambda link: (link.relation != ArticleChannel.Relation.DATELINE, -link.score))[:6]
    tags = [link for link in links if link.channel.kind == Channel.Kind.TAG]
    shown = {link.channel_id for link in [*topics, *people, *places, *tags]}
    # Pivot on what is specific to this story: countries and tags are shared by too much to mean much.
    pivots = [link.channel_id for link in links
              if link.channel.kind not in (Channel.Kind.COUNTRY, Channel.Kind.TAG)]
    return {
        "topic": topics[0].channel if topics else None,
        "people": [link.channel for link in people],
        "places": [link.channel for link in places],
        "tags": [link.channel for link in tags],
        "also_like": related_channels(pivots, exclude=shown | set(known), limit=6),
    }


def related_channels(channel_ids: list[int], exclude: set[int] = frozenset(), limit: int = 8) -> list[Channel]:
    """Channels that share articles with these ones more than their size alone explains.

    Shared articles are divided by the square root of the channel's own article count, so a
    channel on every story ("Politics", "United States") does not crowd out the specific ones.
    Only the newest articles are read: what goes with a channel now, at a cost that does not grow
    with its archive.
    """
    if not channel_ids:
        return []
    articles = (ArticleChannel.objects.filter(channel_id__in=channel_ids).order_by("-article_id")
                .values("article_id")[:RECENT_ARTICLES])
    shared = dict(ArticleChannel.objects.filter(article_id__in=articles)
                  .exclude(channel_id__in=[*channel_ids, *exclude])
                  .exclude(channel__kind=Channel.Kind.TAG)
                  .values_list("channel_id").annotate(n=Count("id")).order_by("-n")[:CANDIDATES])
    sizes = dict(ArticleChannel.objects.filter(channel_id__in=list(shared)).values_list("channel_id")
                 .annotate(n=Count("id")))
    ranked = sorted(shared, key=lambda cid: (-shared[cid] / math.sqrt(sizes.get(cid) or 1), cid))[:limit]
    by_id = Channel.objects.in_bulk(ranked)
    return [by_id[cid] for cid in ranked if cid in by_id]


NEIGHBOURS_SECONDS = 300


def channel_neighbours(channel: Channel, limit: int = 8) -> list[Channel]:
    """``related_channels`` of one channel page, kept a few minutes in the pages cache: the same for
    every reader, slow to work out, and slow to change. Not kept when pages are not
    (``LOCALWIRE_PAGE_CACHE_SECONDS=0``)."""
    from django.conf import settings
    from django.core.cache import caches

    if not settings.LOCALWIRE_PAGE_CACHE_SECONDS:
        return related_channels([channel.pk], limit=limit)
    key = f"lw:channels:neighbours:{channel.pk}:{limit}"
    try:
        ids = caches["pages"].get(key)
    except Exception:  # no cache, no harm: work it out
        ids = None
    if ids is None:
        ids = [c.pk for c in related_channels([channel.pk], limit=limit)]
        try:
            caches["pages"].set(key, ids, timeout=NEIGHBOURS_SECONDS)
        except Exception:
            pass
    by_id = Channel.objects.in_bulk(ids)
    return [by_id[cid] for cid in ids if cid in by_id]


def inferred_home(publisher_id: int, min_articles: int = 3, min_share: float = 0.2) -> Channel | None:
    """The city channel most of a publisher's analysed articles share (see ``nlp.places.infer_home``,
    the same rule over plain data), for publishers whose operator set no home city."""
    links = ArticleChannel.objects.filter(article__publisher_id=publisher_id)
    analysed = links.values("article_id").distinct().count()
    top = (links.filter(channel__kind=Channel.Kind.CITY).values("channel_id")
           .annotate(n=Count("article_id", distinct=True)).order_by("-n", "channel_id").first())
    if not top or top["n"] < min_articles or top["n"] < min_share * analysed:
        return None
    return Channel.objects.filter(pk=top["channel_id"]).first()
