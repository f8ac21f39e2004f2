"""Read-side helpers for channel blocks and pages."""

from __future__ import annotations

import math

from django.db.models import Count

from localwire.channels.models import PLACE_KINDS, ArticleChannel, Channel, ChannelAlias
from localwire.channels.recent import recent_floor
from localwire.channels.suggestions import also_like_ids
from localwire.caching.results import cached_result

CANDIDATES = 60  # most co-occurring channels considered before re-ranking by specificity
RECENT_ARTICLES = 400  # co-occurrence is read from this many of the channels' newest articles
KEPT_SECONDS = 300  # related channels change slowly; see localwire/caching/results.py


def channel_or_alias(kind: str, slug: str) -> tuple[Channel | None, bool]:
    """The channel a kind and slug name, and whether the name was an alias: a channel merged into
    another keeps its old address, which readers follow to the channel it joined (the pages and
    feeds redirect so the address they keep is the new one). (None, False) when neither exists."""
    found = Channel.objects.filter(kind=kind, slug=slug).first()
    if found is not None:
        return found, False
    alias = ChannelAlias.objects.select_related("channel").filter(kind=kind, slug=slug).first()
    return (alias.channel, True) if alias is not None else (None, False)


def article_blocks(article, known: set[int] = frozenset()) -> dict:
    """The channel blocks of an article page; ``known`` are channels the reader already follows or
    muted, which "You may also like" leaves out (suggesting them again tells the reader nothing)."""
    links = list(ArticleChannel.objects.filter(article=article).select_related("channel").order_by("rank"))
    chips = chip_links(links, article.keyphrases or [])
    shown = {link.channel_id for group in chips.values() for link in group}
    return {
        "topic": chips["topics"][0].channel if chips["topics"] else None,
        **{name: [link.channel for link in chips[name]] for name in ("people", "places", "tags")},
        "also_like": _also_like(article.pk, links, shown, set(known), limit=6),
    }


def article_block_ids(article, also_like: int) -> dict:
    """The same blocks as channel ids, for storing with the article (``stories.blocks``): "You may
    also like" holds ``also_like`` of them, room for a reader's follows and mutes to be taken out."""
    links = list(ArticleChannel.objects.filter(article=article).select_related("channel").order_by("rank"))
    chips = chip_links(links, article.keyphrases or [])
    shown = {link.channel_id for group in chips.values() for link in group}
    return {
        "topic": chips["topics"][0].channel_id if chips["topics"] else None,
        **{name: [link.channel_id for link in chips[name]] for name in ("people", "places", "tags")},
        "also_like": also_like_ids(article.pk, links, shown, limit=also_like),
    }


def chip_links(links: list, keyphrases: list[str]) -> dict[str, list]:
    """The article's links (with their channels, in rank order) each chip block shows."""
    people = [link for link in links if link.channel.kind == Channel.Kind.PERSON and link.score >= 0.3][:5]
    places = sorted((link for link in links if link.channel.kind in PLACE_KINDS),
                    key=lambda link: (link.relation != ArticleChannel.Relation.DATELINE, -link.score))[:6]
    return {"topics": [link for link in links if link.channel.kind == Channel.Kind.TOPIC],
            "people": people, "places": places, "tags": _in_this_article(links, keyphrases)}


def _in_this_article(links: list, keyphrases: list[str]) -> list:
    """The tags, in the analysis's order; a tag that names one of the article's organisations or
    groups is that channel, not a tag of the same name."""
    order = {phrase.lower(): i for i, phrase in enumerate(keyphrases)}
    named = [link for link in links if link.channel.kind in (Channel.Kind.ORGANISATION, Channel.Kind.GROUP)
             and link.channel.name.lower() in order]
    own = {link.channel.name.lower() for link in named}  # an analysis stored before this rule has both
    tags = [link for link in links if link.channel.kind == Channel.Kind.TAG and link.channel.name.lower() not in own]
    return sorted([*tags, *named], key=lambda link: order.get(link.channel.name.lower(), len(order)))


def _also_like(article_id: int, links: list, shown: set[int], known: set[int], limit: int) -> list[Channel]:
    """From the article's own people, places and topics and their neighbours
    (``suggestions.also_like_ids``); kept per article a few minutes with room to spare, then the
    reader's follows and mutes are taken out of it."""
    ids = cached_result(f"lw:channels:also-like:{article_id}:{limit}", KEPT_SECONDS,
                        lambda: also_like_ids(article_id, links, shown, limit=limit * 3))
    return _channels([cid for cid in ids if cid not in known][:limit])


def related_channels(channel_ids: list[int], exclude: set[int] = frozenset(), limit: int = 8) -> list[Channel]:
    """The channels of ``related_channel_ids``."""
    return _channels(related_channel_ids(channel_ids, exclude, limit))


def related_channel_ids(channel_ids: list[int], exclude: set[int] = frozenset(), limit: int = 8) -> list[int]:
    """Channels that share articles with these ones more than their size alone explains.

    Shared articles are divided by the square root of the channel's own article count, so a
    channel on every story ("Politics", "United States") does not crowd out the specific ones.
    Only the newest articles are read, and sizes are counted among the site's newest links: what
    goes with a channel now, at a cost that does not grow with the archive (counting every link of
    sixty channels took 126 ms at 100,000 articles on PostgreSQL).
    """
    if not channel_ids:
        return []
    articles = (ArticleChannel.objects.filter(channel_id__in=channel_ids).order_by("-article_id")
                .values("article_id")[:RECENT_ARTICLES])
    shared = dict(ArticleChannel.objects.filter(article_id__in=articles)
                  .exclude(channel_id__in=[*channel_ids, *exclude])
                  .exclude(channel__kind=Channel.Kind.TAG)
                  .values_list("channel_id").annotate(n=Count("id")).order_by("-n")[:CANDIDATES])
    sizes = dict(ArticleChannel.objects.filter(channel_id__in=list(shared), article_id__gte=recent_floor())
                 .values_list("channel_id").annotate(n=Count("id")).order_by())
    return sorted(shared, key=lambda cid: (-shared[cid] / math.sqrt(sizes.get(cid) or 1), cid))[:limit]


def channels_in_order(ids: list[int]) -> list[Channel]:
    """The channels of these ids that still exist, in the order given."""
    return _channels(ids)


def _channels(ids: list[int]) -> list[Channel]:
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
