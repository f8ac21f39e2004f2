"""Read-side helpers for channel blocks and pages."""

from __future__ import annotations

from django.db.models import Count

from localwire.channels.models import ArticleChannel, Channel

PLACE_KINDS = (Channel.Kind.CITY, Channel.Kind.REGION, Channel.Kind.COUNTRY)
ENTITY_KINDS = (Channel.Kind.PERSON, Channel.Kind.ORGANISATION, Channel.Kind.GROUP)


def article_blocks(article) -> dict:
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
        "also_like": related_channels(pivots, exclude=shown, limit=6),
    }


def related_channels(channel_ids: list[int], exclude: set[int] = frozenset(), limit: int = 8) -> list[Channel]:
    """Channels that most often share articles with these ones."""
    if not channel_ids:
        return []
    articles = ArticleChannel.objects.filter(channel_id__in=channel_ids).values("article_id")
    rows = (ArticleChannel.objects.filter(article_id__in=articles)
            .exclude(channel_id__in=[*channel_ids, *exclude])
            .exclude(channel__kind=Channel.Kind.TAG)
            .values("channel_id").annotate(n=Count("id")).order_by("-n")[:limit])
    by_id = Channel.objects.in_bulk([row["channel_id"] for row in rows])
    return [by_id[row["channel_id"]] for row in rows if row["channel_id"] in by_id]
