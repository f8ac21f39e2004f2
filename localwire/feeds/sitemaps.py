"""Sitemaps for search engines: an index over four sections, a Google News sitemap, and robots.txt.

The sections are Django's own sitemaps (paginated, ``?p=2`` and on); each reads only the columns it
prints and answers its newest date with one aggregate, not by walking every row.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, Max, OuterRef
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from localwire.articles.models import Article
from localwire.channels.models import ArticleChannel, Channel
from localwire.feeds.build import plain, site_language
from localwire.sources.models import Publisher
from localwire.stories.models import Story
from localwire.stories.queries import fold_copies

SITEMAP_LIMIT = 10_000  # URLs a section page lists (the protocol allows 50,000; smaller pages build faster)
NEWS_DAYS = 2  # Google News reads articles of the last two days only
NEWS_LIMIT = 1_000  # and at most this many URLs a news sitemap
MAX_AGE = 3600


class ArticleSitemap(Sitemap):
    limit = SITEMAP_LIMIT

    def items(self):
        return Article.objects.only("id", "title", "published_at", "updated_at").order_by("id")

    def lastmod(self, article):
        return max(article.published_at, article.updated_at or article.published_at)

    def get_latest_lastmod(self):
        dates = Article.objects.aggregate(published=Max("published_at"), updated=Max("updated_at"))
        return max((d for d in dates.values() if d is not None), default=None)


class ChannelSitemap(Sitemap):
    limit = SITEMAP_LIMIT

    def items(self):
        # Only channels with an article: an empty channel page is not worth a crawler's visit.
        return (Channel.objects.filter(Exists(ArticleChannel.objects.filter(channel=OuterRef("pk"))))
                .only("id", "kind", "slug").order_by("id"))


class PublisherSitemap(Sitemap):
    limit = SITEMAP_LIMIT

    def items(self):
        return Publisher.objects.annotate(latest=Max("articles__published_at")).only("id", "slug").order_by("id")

    def location(self, publisher):
        return reverse("publisher", kwargs={"slug": publisher.slug})

    def lastmod(self, publisher):
        return publisher.latest

    def get_latest_lastmod(self):
        return Article.objects.aggregate(latest=Max("published_at"))["latest"]


class StorySitemap(Sitemap):
    limit = SITEMAP_LIMIT

    def items(self):
        return Story.objects.only("id", "last_seen").order_by("id")

    def lastmod(self, story):
        return story.last_seen

    def get_latest_lastmod(self):
        return Story.objects.aggregate(latest=Max("last_seen"))["latest"]


SECTIONS = {"articles": ArticleSitemap, "channels": ChannelSitemap, "publishers": PublisherSitemap,
            "stories": StorySitemap}


@require_safe
@cache_control(public=True, max_age=MAX_AGE)
def index(request):
    return sitemap_views.index(request, SECTIONS, sitemap_url_name="sitemap_section")


@require_safe
@cache_control(public=True, max_age=MAX_AGE)
def section(request, section: str):
    return sitemap_views.sitemap(request, SECTIONS, section=section)


def news_language(code: str) -> str:
    """The ISO 639 code Google News asks for; it keeps zh-cn and zh-tw whole and no other region."""
    code = (code or "").strip().lower().replace("_", "-")
    if code in ("zh-cn", "zh-tw"):
        return code
    return code.split("-")[0] or site_language()


def news_articles(now=None) -> list[Article]:
    """Articles of the last two days, newest first, one entry per syndication group."""
    since = (now or timezone.now()) - timedelta(days=NEWS_DAYS)
    return list(fold_copies(Article.objects.filter(published_at__gte=since))
                .only("id", "title", "published_at", "language").order_by("-published_at", "-id")[:NEWS_LIMIT])


@require_safe
@cache_control(public=True, max_age=300)
def news(request):
    entries = [{"url": request.build_absolute_uri(a.get_absolute_url()), "title": plain(a.title),
                "published": a.published_at, "language": news_language(a.language)} for a in news_articles()]
    response = render(request, "feeds/news_sitemap.xml", {"entries": entries, "publication": settings.SITE_NAME},
                      content_type="application/xml; charset=utf-8")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


@require_safe
@cache_control(public=True, max_age=MAX_AGE)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", "Disallow: /search", "",
             f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
             f"Sitemap: {request.build_absolute_uri(reverse('sitemap_news'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
