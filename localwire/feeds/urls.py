"""Feed, sitemap and robots.txt addresses (a public contract: extend, never rename; see docs/feeds.md).

A reader's private For you feed is the community app's (``community/private_feed.py``); its address,
``feed/for-you/…``, is listed beside these in ``localwire/urls.py`` and uses the format converter
registered here."""

from django.urls import path, register_converter

from localwire.feeds import sitemaps, views


class FormatConverter:
    regex = "rss|atom|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "feedformat")

urlpatterns = [
    path("feed.<feedformat:fmt>", views.home_feed, name="home_feed"),
    path("c/<str:kind>/<slug:slug>/feed.<feedformat:fmt>", views.channel_feed, name="channel_feed"),
    path("publisher/<slug:slug>/feed.<feedformat:fmt>", views.publisher_feed, name="publisher_feed"),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-news.xml", sitemaps.news, name="sitemap_news"),  # before the sections, which would match it
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
]
