"""Read side of syndication: lists show one entry per group, pages name the other copies."""

from __future__ import annotations

from django.db.models import F, Q

from localwire.articles.models import Article


def fold_copies(queryset):
    """One entry per syndication group: the original, or an article no group has claimed."""
    return queryset.filter(Q(syndication__isnull=True) | Q(syndication__group__original__isnull=True)
                           | Q(syndication__group__original_id=F("pk")))


def other_copies(articles) -> dict[int, list[Article]]:
    """Each article's fellow copies (oldest first), for a page of articles, in one query."""
    groups = {a.pk: a.syndication.group_id for a in articles if _group_of(a)}
    found: dict[int, list[Article]] = {pk: [] for pk in groups}
    members = (Article.objects.filter(syndication__group_id__in=set(groups.values()))
               .select_related("publisher", "syndication").order_by("published_at", "pk"))
    for member in members:
        for pk, group in groups.items():
            if member.syndication.group_id == group and member.pk != pk:
                found[pk].append(member)
    return found


def attach_copies(articles) -> list[Article]:
    """Sets ``article.copies`` (the other copies) on each article of a page, and returns the page."""
    articles = list(articles)
    copies = other_copies(articles)
    for article in articles:
        article.copies = copies.get(article.pk, [])
    return articles


def _group_of(article: Article) -> int | None:
    syndication = getattr(article, "syndication", None)  # a missing one-to-one raises AttributeError
    return syndication.group_id if syndication is not None else None
