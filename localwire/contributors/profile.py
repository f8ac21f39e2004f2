"""What a contributor's profile shows besides their posts: followers, posts and views, counted the
way a publisher's are (``metrics/publishers.py``), over the contributor's channel and published posts."""

from __future__ import annotations

from django.db.models import Prefetch, Sum

from localwire.articles.models import Article, Image
from localwire.community.models import Follow
from localwire.contributors.models import Contributor, Post
from localwire.metrics.models import ArticleViewDay
from localwire.metrics.publishers import PublisherStats


def published_articles(contributor: Contributor):
    """The articles the contributor's published posts became, newest first."""
    return (Article.objects.filter(contributor_post__contributor=contributor,
                                   contributor_post__status=Post.Status.PUBLISHED)
            .select_related("publisher").defer("text", "html").order_by("-published_at", "-id")
            .prefetch_related(Prefetch("images", queryset=Image.objects.order_by("position", "id"))))


def followers_of(contributor: Contributor) -> int:
    if contributor.channel_id is None:
        return 0
    return Follow.objects.filter(channel_id=contributor.channel_id, muted=False).count()


def contributor_stats(contributor: Contributor) -> PublisherStats:
    """Followers, published posts and counted views of them (as of the last flush)."""
    posts = Post.objects.filter(contributor=contributor, status=Post.Status.PUBLISHED)
    views = ArticleViewDay.objects.filter(article__contributor_post__in=posts).aggregate(n=Sum("views"))["n"]
    return PublisherStats(followers=followers_of(contributor), posts=posts.count(), views=views or 0)
