"""Template tags: a page's feed links, and the article page's Open Graph tags and JSON-LD."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from localwire.feeds import meta
from localwire.feeds.links import feed_paths
from localwire.feeds.render import FORMATS

register = template.Library()


@register.simple_tag
def feed_alternates(target=None, name: str = ""):
    """<link rel="alternate"> for each format, so browsers and feed readers find the feeds."""
    title = f"{settings.SITE_NAME}: {name}" if name else settings.SITE_NAME
    return format_html_join("\n  ", '<link rel="alternate" type="{}" title="{}" href="{}">',
                            ((FORMATS[fmt].content_type.split(";")[0], f"{title} ({FORMATS[fmt].label})", path)
                             for fmt, path in feed_paths(target).items()))


@register.inclusion_tag("feeds/_subscribe.html")
def feed_subscribe(target=None):
    """The visible "RSS" link, with Atom and JSON Feed beside it."""
    paths = feed_paths(target)
    return {"rss": paths["rss"], "others": [(FORMATS[fmt].label, paths[fmt]) for fmt in ("atom", "json")]}


@register.simple_tag(takes_context=True)
def article_meta(context, article, blocks=None):
    """Open Graph tags and a NewsArticle JSON-LD script for an article page's head."""
    absolute = context["request"].build_absolute_uri
    blocks = blocks or {}
    topic = blocks.get("topic")
    section = topic.name if topic else ""
    tags = [channel.name for channel in blocks.get("tags", [])]
    keywords = ([section] if section else []) + tags
    og = format_html_join("\n  ", '<meta property="{}" content="{}">',
                          meta.open_graph(article, absolute, section, tags))
    ld = meta.script_json(meta.news_article(article, absolute, section, keywords))
    return format_html('{}\n  <script type="application/ld+json">{}</script>', og, mark_safe(ld))
