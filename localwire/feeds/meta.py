"""What an article page tells link previews and search engines: Open Graph tags and schema.org
``NewsArticle`` JSON-LD. Plain functions over an article and an ``absolute`` URL maker; the template
tags in ``templatetags/feeds.py`` print them."""

from __future__ import annotations

import json

from django.conf import settings
from django.urls import reverse

from localwire.articles.imageproxy import image_url
from localwire.feeds.build import IMAGE_WIDTH, plain

DESCRIPTION_CHARS = 300

# Inside <script> the HTML parser ends the element at "</script" whatever JSON thinks, so the three
# characters that can start markup are written as JSON escapes, which parse back to the same text.
_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                0x2028: "\\u2028", 0x2029: "\\u2029"}


def script_json(value) -> str:
    """JSON that can sit inside an HTML <script> element without ever closing it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def _image(article) -> str:
    images = list(article.images.all())
    src = images[0].source_url if images else ""
    return image_url(src, IMAGE_WIDTH) if src.startswith(("http://", "https://")) else ""


def _description(article) -> str:
    text = plain(article.summary) or plain(article.text)
    return text if len(text) <= DESCRIPTION_CHARS else text[:DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _authors(article) -> list[str]:
    return [plain(a) for a in article.authors or [] if plain(a)]


def open_graph(article, absolute, section: str = "", tags=()) -> list[tuple[str, str]]:
    """(property, content) pairs, in the order Open Graph lists them; values are plain, not yet escaped."""
    pairs = [("og:type", "article"), ("og:site_name", settings.SITE_NAME), ("og:title", plain(article.title)),
             ("og:description", _description(article)), ("og:url", absolute(article.get_absolute_url()))]
    image = _image(article)
    if image:
        pairs.append(("og:image", absolute(image)))
    pairs.append(("article:published_time", article.published_at.isoformat()))
    if article.updated_at:
        pairs.append(("article:modified_time", max(article.updated_at, article.published_at).isoformat()))
    pairs += [("article:author", name) for name in _authors(article)]
    if section:
        pairs.append(("article:section", plain(section)))
    pairs += [("article:tag", plain(tag)) for tag in tags]
    return pairs


def news_article(article, absolute, section: str = "", keywords=()) -> dict:
    """schema.org NewsArticle for the page: the outlet that published it is the publisher."""
    page = absolute(article.get_absolute_url())
    publisher = article.publisher
    authors = [{"@type": "Person", "name": name} for name in _authors(article)]
    if not authors and plain(article.agency):
        authors = [{"@type": "Organization", "name": plain(article.agency)}]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": plain(article.title),
        "description": _description(article),
        "url": page,
        "mainEntityOfPage": {"@type": "WebPage", "@id": page},
        "isBasedOn": article.url,
        "datePublished": article.published_at.isoformat(),
        "dateModified": max(article.updated_at or article.published_at, article.published_at).isoformat(),
        "author": authors or [{"@type": "Organization", "name": plain(publisher.name)}],
        "publisher": {"@type": "Organization", "name": plain(publisher.name),
                      "url": publisher.website or absolute(reverse("publisher", kwargs={"slug": publisher.slug}))},
    }
    image = _image(article)
    if image:
        data["image"] = [absolute(image)]
    if section:
        data["articleSection"] = plain(section)
    words = [plain(k) for k in keywords if plain(k)]
    if words:
        data["keywords"] = words
    if article.language:
        data["inLanguage"] = article.language
    return data
