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

from localwire.articles.models import Article
from localwire.channels.models import PLACE_KINDS, ArticleChannel
from localwire.channels.recent import newest_links
from localwire.caching.results import cached_result
from localwire.stories.queries import BODY, fold_copies, group_of, more_coverage

RELATED_DAYS = 30
LINKS_READ = 1_000  # of each shared channel's newest links, so the cost does not grow with the archive
RELATED_KINDS = ("person", "organisation", "city", "county", "region")  # specific enough to relate two stories
MIN_SCORE = 0.3  # a channel the article is about, not one it names in passing
NAMED_FIRST = {"person": 0, "city": 1, "county": 2, "region": 3, "organisation": 4}  # which shared channel the reason names
RELATED_KEPT_SECONDS = 300  # other stories sharing an article's names change slowly (caching/results.py)
SAME_STORY, LOCAL = "same story", "local"  # the other reasons name the shared channel: "Also about Almaty"


def related_articles(article, limit: int = 8) -> list[tuple[Article, str]]:
    """(article, reason) for the article page and API, best first, one entry per syndication group,
    each article carrying ``topic_label``:
    other outlets' coverage of the same story ("same story"), then other stories sharing its people,
    organisations and places ("Also about Serik Abenov": ``sharing_channels``), then the
    publisher's own latest ("local").

    Candidates are weighed as (id, group) pairs; only the chosen few are loaded as articles."""
    chosen: dict[int, str] = {}
    groups = {group_of(article)}

    def take(candidates):
        for pk, group, reason in candidates:
            if len(chosen) >= limit or pk == article.pk or pk in chosen or (group is not None and group in groups):
                continue
            groups.add(group)
            chosen[pk] = reason

    take((pk, group, SAME_STORY) for pk, group in more_coverage(article, limit))
    take(cached_result(f"lw:stories:related:{article.pk}:{limit}", RELATED_KEPT_SECONDS,
                       lambda: sharing_channels(article, limit * 4)))
    take((pk, group, LOCAL) for pk, group in Article.objects.filter(publisher_id=article.publisher_id)
         .exclude(pk=article.pk).order_by("-published_at", "-pk").values_list("pk", "syndication__group_id")[:limit])
    loaded = (Article.objects.filter(pk__in=list(chosen)).select_related("publisher", "syndication")
              .defer(*BODY).in_bulk())
    labels = topic_labels(loaded.values())
    related = []
    for pk, reason in chosen.items():
        if pk in loaded:
            loaded[pk].topic_label = labels.get(pk, "")
            loaded[pk].related_reason = reason
            related.append((loaded[pk], reason))
    return related


def other_stories(article, limit: int = 8) -> list[tuple[int, int | None, str]]:
    """(id, syndication group, reason) of the "Related stories" an article page keeps
    (``stories.blocks``): other stories sharing its names, one entry per group, never its own."""
    groups, found = {group_of(article)}, []
    for pk, group, reason in sharing_channels(article, limit * 4):
        if group is not None and group in groups:
            continue
        groups.add(group)
        found.append((pk, group, reason))
    return found[:limit]


def topic_labels(articles) -> dict[int, str]:
    """Each article's best topic channel name, in one query."""
    return topic_labels_of([a.pk for a in articles])


def topic_labels_of(ids: list[int]) -> dict[int, str]:
    labels: dict[int, str] = {}
    for link in (ArticleChannel.objects.filter(article__in=ids, relation="topic")
                 .select_related("channel").order_by("article_id", "-score", "rank")):
        labels.setdefault(link.article_id, link.channel.name)
    return labels


def sharing_channels(article, limit: int) -> list[tuple[int, int | None, str]]:
    """(id, syndication group, reason) of recent articles of other stories sharing the article's most
    specific channels, most shared first."""
    own = {row[0]: row[1:] for row in ArticleChannel.objects.filter(
        article=article, channel__kind__in=RELATED_KINDS, score__gte=MIN_SCORE)
        .values_list("channel_id", "channel__kind", "channel__name")}
    if not own:
        return []
    since = article.published_at - timedelta(days=RELATED_DAYS)
    newest = newest_links(own, LINKS_READ)  # a city's whole archive is no candidate
    ids = list(ArticleChannel.objects.filter(newest, article__published_at__gte=since)
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
    found: dict[int, set[str]] = defaultdict(set)
    for pk, code in ArticleChannel.objects.filter(article_id__in=ids, channel__kind__in=PLACE_KINDS,
                                                  score__gte=MIN_SCORE).values_list("article_id",
                                                                                    "channel__country_code"):
        if code:
            found[pk].add(code)
    return found


def _other_stories(article, ids: list[int]) -> list[tuple[int, int | None]]:
    """(id, group) of the candidates, in order, one per syndication group, none in the article's story."""
    story_id = getattr(getattr(article, "story_membership", None), "story_id", None)
    rows = {pk: (group, story) for pk, group, story in fold_copies(Article.objects.filter(pk__in=ids))
            .values_list("pk", "syndication__group_id", "story_membership__story_id")}
    return [(pk, rows[pk][0]) for pk in ids if pk in rows and (story_id is None or rows[pk][1] != story_id)]
