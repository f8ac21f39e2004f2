"""What each outgoing feed holds, as plain data: a title, a page, and its newest articles.

Every database read for a feed happens here; ``render.py`` only turns a ``Feed`` into bytes. A new
feed (a story) is one more function that picks a queryset and calls ``feed_of``; a reader's private
For you feed is built from these blocks in ``community/private_feed.py``. Paths are site-relative;
the view makes them absolute from the request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse

from localwire.articles.imageproxy import image_url
from localwire.articles.models import Article, Image
from localwire.channels.models import ArticleChannel, Channel
from localwire.sources.titles import UNTITLED
from localwire.stories.queries import fold_copies

LIMIT = 50
CATEGORY_KINDS = (Channel.Kind.TOPIC, Channel.Kind.TAG)
SUMMARY_WORDS = 60
IMAGE_WIDTH = 1024

# XML 1.0 cannot carry these at all, and Django's XML writer refuses them rather than drop them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Item:
    path: str  # this site's article page, with the title's slug: the item's link
    title: str
    published: datetime
    updated: datetime
    summary: str  # plain text
    authors: tuple[str, ...]
    publisher: str
    original_url: str  # the publisher's own page
    categories: tuple[str, ...] = ()
    image_path: str = ""  # the signed image proxy's path, or ""
    language: str = ""
    id_path: str = ""  # the page without the slug (it redirects): an id that a corrected title never changes


@dataclass(frozen=True)
class Feed:
    key: str  # names the feed in validators: "home", "channel/topic/politics", …
    title: str
    link: str  # the page the feed mirrors
    description: str
    items: list[Item] = field(default_factory=list)
    language: str = ""

    @property
    def updated(self) -> datetime | None:
        return max((item.updated for item in self.items), default=None)


def plain(value: str) -> str:
    """A stored title, name or summary made fit for every format: one-line spacing, no control characters.

    These fields are plain text (the pages escape them, they never render them), so nothing here reads
    them as markup: a headline about "<br> tags" keeps its words, and each format escapes on output."""
    return _SPACE.sub(" ", _CONTROL.sub("", value or "")).strip()


def _summary(article: Article) -> str:
    text = plain(article.summary)
    if text:
        return text
    words = plain(article.text).split(" ")
    return " ".join(words[:SUMMARY_WORDS]) + (" …" if len(words) > SUMMARY_WORDS else "")


def site_language() -> str:
    return settings.LANGUAGE_CODE.split("-")[0]


def articles_for_feed(queryset, limit: int = LIMIT) -> list[Article]:
    """The newest ``limit`` articles of a queryset, with what an item needs loaded in three queries."""
    return list(queryset.select_related("publisher")
                .prefetch_related(Prefetch("images", queryset=Image.objects.order_by("position", "id")))
                .defer("html", "raw_page")
                .order_by("-published_at", "-id")[:limit])


def categories_of(articles) -> dict[int, tuple[str, ...]]:
    """Each article's topics then tags, best first, in one query."""
    found: dict[int, list[str]] = {}
    for link in (ArticleChannel.objects.filter(article__in=[a.pk for a in articles],
                                               channel__kind__in=CATEGORY_KINDS)
                 .select_related("channel").order_by("article_id", "rank", "-score")):
        names = found.setdefault(link.article_id, [])
        if link.channel.name not in names:
            names.append(link.channel.name)
    return {pk: tuple(plain(n) for n in names) for pk, names in found.items()}


def item_of(article: Article, categories: tuple[str, ...] = ()) -> Item:
    images = list(article.images.all())
    src = images[0].source_url if images else ""
    published = article.published_at
    updated = max(published, article.updated_at) if article.updated_at else published
    return Item(
        path=article.get_absolute_url(), title=plain(article.title) or UNTITLED,
        published=published, updated=updated, summary=_summary(article),
        authors=tuple(plain(a) for a in article.authors or [] if plain(a)) or
        ((plain(article.agency),) if plain(article.agency) else ()),
        publisher=plain(article.publisher.name), original_url=article.url, categories=categories,
        image_path=image_url(src, IMAGE_WIDTH) if src.startswith(("http://", "https://")) else "",
        language=article.language or "", id_path=reverse("article", kwargs={"pk": article.pk}),
    )


def feed_of(key: str, title: str, link: str, description: str, queryset, limit: int = LIMIT) -> Feed:
    articles = articles_for_feed(queryset, limit)
    categories = categories_of(articles)
    return Feed(key=key, title=plain(title), link=link, description=plain(description),
                items=[item_of(a, categories.get(a.pk, ())) for a in articles], language=site_language())


# --- The feeds --------------------------------------------------------------------------------------


def home_feed() -> Feed:
    """What the home page lists: every article, one entry per syndication group."""
    return feed_of("home", f"{settings.SITE_NAME}: latest news", reverse("home"),
                   f"The latest local news collected by {settings.SITE_NAME}.", fold_copies(Article.objects.all()))


def channel_feed(channel: Channel) -> Feed:
    """What the channel page lists."""
    articles = fold_copies(Article.objects.filter(channel_links__channel=channel)).distinct()
    return feed_of(f"channel/{channel.kind}/{channel.slug}", f"{channel.name} · {settings.SITE_NAME}",
                   channel.get_absolute_url(), channel.description or f"Latest news about {channel.name}.",
                   articles)


def publisher_feed(publisher) -> Feed:
    """Everything this publisher published, its syndicated copies included, as on its page."""
    return feed_of(f"publisher/{publisher.slug}", f"{publisher.name} · {settings.SITE_NAME}",
                   reverse("publisher", kwargs={"slug": publisher.slug}),
                   publisher.about or f"Latest from {publisher.name}.", publisher.articles.all())
