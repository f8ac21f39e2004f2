"""Read side of syndication and stories: lists show one entry per group, pages name the other
copies, a story's coverage, channels, timeline and the top stories. "Related stories" (other
stories sharing an article's names) are in ``related.py``, which reads these."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from localwire.articles.models import Article
from localwire.channels.models import PLACE_KINDS, ArticleChannel, Channel
from localwire.stories.models import Story
from localwire.stories.timeline import build_timeline

BODY = ("text", "html")  # what lists never show: deferred, so a list row stays small


def fold_copies(queryset):
    """One entry per syndication group: the original, or an article no group has claimed.

    A column syndication keeps (``Article.folded``), not a test through the syndication tables:
    PostgreSQL could not estimate that test, and sorted the whole archive for the home page
    (1.4 s at 100,000 articles) instead of reading the newest rows of an index."""
    return queryset.filter(folded=False)


def other_copies(articles) -> dict[int, list[Article]]:
    """Each article's fellow copies (oldest first), for a page of articles, in one query."""
    groups = {a.pk: a.syndication.group_id for a in articles if group_of(a)}
    by_group: dict[int, list[Article]] = {}
    for member in (Article.objects.filter(syndication__group_id__in=set(groups.values()))
                   .select_related("publisher", "syndication").defer(*BODY).order_by("published_at", "pk")):
        by_group.setdefault(member.syndication.group_id, []).append(member)
    return {pk: [m for m in by_group.get(group, []) if m.pk != pk] for pk, group in groups.items()}


def attach_copies(articles) -> list[Article]:
    """Sets ``article.copies`` (the other copies) on each article of a page, and returns the page."""
    articles = list(articles)
    copies = other_copies(articles)
    for article in articles:
        article.copies = copies.get(article.pk, [])
    return articles


def group_of(article: Article) -> int | None:
    syndication = getattr(article, "syndication", None)  # a missing one-to-one raises AttributeError
    return syndication.group_id if syndication is not None else None


def story_coverage(story) -> list[Article]:
    """Every outlet's coverage in time order, syndicated copies folded under their original."""
    articles = (fold_copies(Article.objects.filter(story_membership__story=story))
                .select_related("publisher", "syndication").order_by("published_at", "pk"))
    return attach_copies(articles)


STORY_PLACE_SALIENCE = 0.5  # a place one of its articles names in passing (a paragraph's aside) is below


def story_channels(story, kinds, limit: int = 8):
    """The channels most of a story's articles share (its key people, places). A place counts
    where it is an article's dateline or one of its main places, not where one paragraph names it
    (a spending-bill story's aid "for the tornado in Little Rock, Ark." is not set in Arkansas)."""
    # One filter() call, so the count below reads the same links the condition kept.
    links = Q(article_links__article__story_membership__story=story)
    if set(kinds) & set(PLACE_KINDS):
        links &= (~Q(kind__in=PLACE_KINDS) | Q(article_links__relation=ArticleChannel.Relation.DATELINE)
                  | Q(article_links__score__gte=STORY_PLACE_SALIENCE))
    return list(Channel.objects.filter(links, kind__in=kinds)
                .annotate(n=Count("article_links__article", distinct=True)).order_by("-n", "name")[:limit])


def more_coverage(article, limit: int = 5) -> list[tuple[int, int | None]]:
    """(id, syndication group) of other outlets' coverage of this article's story, newest first,
    never a copy of this article."""
    membership = getattr(article, "story_membership", None)
    if membership is None:
        return []
    others = fold_copies(Article.objects.filter(story_membership__story_id=membership.story_id)).exclude(pk=article.pk)
    group = group_of(article)
    if group is not None:
        others = others.exclude(syndication__group_id=group)
    return list(others.order_by("-published_at", "-pk").values_list("pk", "syndication__group_id")[:limit])


def story_timeline(articles) -> list[tuple[str, list]]:
    """The story's fact timeline from its coverage (copies folded, so a wire figure counts once)."""
    lines = build_timeline([(a.pk, a.published_at, a.text) for a in articles])
    return sorted(lines.items(), key=lambda item: -len(item[1]))


TOP_WINDOW_HOURS = 48  # a story counts for "Top stories" while it has coverage this recent
TOP_HALF_LIFE_HOURS = 12.0
VELOCITY_HOURS = 6


def top_stories(now=None, limit: int = 5):
    """Stories more than one outlet covers, ranked by outlets, recency and how fast coverage is
    arriving now: outlets × half-life decay on the latest article, plus the articles of the last
    six hours."""
    now = now or timezone.now()
    recent = now - timedelta(hours=VELOCITY_HOURS)
    candidates = (Story.objects.filter(last_seen__gte=now - timedelta(hours=TOP_WINDOW_HOURS), outlet_count__gte=2)
                  .annotate(fresh=Count("members", filter=Q(members__article__published_at__gte=recent)))[:200])

    def score(story) -> float:
        age_hours = max((now - story.last_seen).total_seconds() / 3600, 0.0)
        return story.outlet_count * 0.5 ** (age_hours / TOP_HALF_LIFE_HOURS) + story.fresh

    return sorted(candidates, key=lambda s: (-score(s), -s.pk))[:limit]
