"""Other stories sharing an article's names: the "Related stories" a reader may follow from it.

A related article shares a person, a place (city or region) or an organisation with the article
and says which ("Also about Almaty", "Also about Serik Abenov"). Being in one topic ("Disasters") is
no relation, and neither is an organisation alone when the two articles are set in different
countries: "Interior Ministry" in an Almaty protest and in Kenyan floods are two ministries. A
person shared is a relation wherever each article is set: people travel.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db.models import Count, Sum

RELATED_DAYS = 30
RELATED_KINDS = ("person", "organisation", "city", "county", "region")  # specific enough to relate two stories
MIN_SCORE = 0.3  # a channel the article is about, not one it names in passing
NAMED_FIRST = {"person": 0, "city": 1, "county": 2, "region": 3, "organisation": 4}  # which shared channel the reason names


def sharing_channels(article, limit: int) -> list[tuple[int, int | None, str]]:
    """(id, syndication group, reason) of recent articles of other stories sharing the article's most
    specific channels, most shared first."""
    from localwire.channels.models import ArticleChannel

    own = {row[0]: row[1:] for row in ArticleChannel.objects.filter(
        article=article, channel__kind__in=RELATED_KINDS, score__gte=MIN_SCORE)
        .values_list("channel_id", "channel__kind", "channel__name")}
    if not own:
        return []
    since = article.published_at - timedelta(days=RELATED_DAYS)
    ids = list(ArticleChannel.objects.filter(channel_id__in=list(own), article__published_at__gte=since)
               .exclude(article=article).values("article_id").annotate(shared=Count("id"), weight=Sum("score"))
               .order_by("-shared", "-weight").values_list("article_id", flat=True)[:limit * 2])
    shared = defaultdict(list)
    for pk, channel_id in ArticleChannel.objects.filter(article_id__in=ids, channel_id__in=list(own)).values_list(
            "article_id", "channel_id"):
        shared[pk].append(own[channel_id])
    countries = _countries([article.pk, *ids])
    found = []
    for pk, group in _other_stories(article, ids):
        names = sorted(shared[pk], key=lambda kind_name: NAMED_FIRST[kind_name[0]])
        apart = countries[article.pk] and countries[pk] and not countries[article.pk] & countries[pk]
        if names and not (apart and names[0][0] != "person"):
            found.append((pk, group, f"Also about {names[0][1]}"))
    return found[:limit]


def _countries(ids: list[int]) -> dict[int, set[str]]:
    """The countries each article is set in, from its place channels."""
    from localwire.channels.models import PLACE_KINDS, ArticleChannel

    found: dict[int, set[str]] = defaultdict(set)
    for pk, code in ArticleChannel.objects.filter(article_id__in=ids, channel__kind__in=PLACE_KINDS,
                                                  score__gte=MIN_SCORE).values_list("article_id",
                                                                                    "channel__country_code"):
        if code:
            found[pk].add(code)
    return found


def _other_stories(article, ids: list[int]) -> list[tuple[int, int | None]]:
    """(id, group) of the candidates, in order, one per syndication group, none in the article's story."""
    from localwire.articles.models import Article
    from localwire.stories.queries import fold_copies

    story_id = getattr(getattr(article, "story_membership", None), "story_id", None)
    rows = {pk: (group, story) for pk, group, story in fold_copies(Article.objects.filter(pk__in=ids))
            .values_list("pk", "syndication__group_id", "story_membership__story_id")}
    return [(pk, rows[pk][0]) for pk in ids if pk in rows and (story_id is None or rows[pk][1] != story_id)]
