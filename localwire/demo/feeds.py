"""The demo publishers' feeds in RSS 2.0, Atom 1.0 and JSON Feed 1.1."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from html import escape

from localwire.demo.records import Article, Publisher


@dataclass
class Item:
    article: Article
    url: str
    guid: str
    published: datetime
    image_url: str
    content_html: str  # only for articles the feed carries in full


def _authors(item: Item) -> list[str]:
    if item.article.authors:
        return item.article.authors
    return [item.article.agency] if item.article.agency else []


def _rss_item(item: Item) -> str:
    a = item.article
    extra = ""
    if item.content_html:
        extra += f"<content:encoded><![CDATA[{item.content_html}]]></content:encoded>"
    if item.image_url:
        extra += f'<enclosure url="{item.image_url}" type="image/jpeg" length="0"/>'
    authors = ", ".join(_authors(item))
    creator = f"<dc:creator>{escape(authors)}</dc:creator>" if authors else ""
    return (f"<item><title>{escape(a.title)}</title><link>{item.url}</link>"
            f'<guid isPermaLink="false">{escape(item.guid)}</guid><pubDate>{format_datetime(item.published)}</pubDate>'
            f"{creator}<description>{escape(a.dek)}</description>{extra}</item>")


def rss(publisher: Publisher, site: str, self_url: str, items: list[Item]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        f"<title>{escape(publisher.name)}</title><link>{site}</link>"
        f'<atom:link href="{self_url}" rel="self" type="application/rss+xml"/>'
        f"<description>{escape(publisher.about)}</description><language>en-us</language>"
        + "".join(map(_rss_item, items)) + "</channel></rss>\n"
    )


def _atom_entry(item: Item) -> str:
    a = item.article
    authors = "".join(f"<author><name>{escape(n)}</name></author>" for n in _authors(item))
    content = f'<content type="html">{escape(item.content_html)}</content>' if item.content_html else ""
    image = f'<link rel="enclosure" type="image/jpeg" href="{item.image_url}"/>' if item.image_url else ""
    published = item.published.isoformat()
    return (f"<entry><title>{escape(a.title)}</title><id>{escape(item.guid)}</id>"
            f'<link rel="alternate" type="text/html" href="{item.url}"/>{image}'
            f"<published>{published}</published><updated>{published}</updated>"
            f"{authors}<summary>{escape(a.dek)}</summary>{content}</entry>")


def atom(publisher: Publisher, site: str, self_url: str, items: list[Item]) -> str:
    updated = max((i.published for i in items), default=None)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(publisher.name)}</title><subtitle>{escape(publisher.about)}</subtitle>"
        f'<link rel="alternate" href="{site}"/><link rel="self" href="{self_url}"/>'
        f"<id>{site}</id><updated>{(updated.isoformat() if updated else '')}</updated>"
        + "".join(map(_atom_entry, items)) + "</feed>\n"
    )


def json_feed(publisher: Publisher, site: str, self_url: str, items: list[Item]) -> str:
    feed = {
        "version": "https://jsonfeed.org/version/1.1", "title": publisher.name, "home_page_url": site,
        "feed_url": self_url, "description": publisher.about, "language": "en", "items": [],
    }
    for item in items:
        a = item.article
        entry = {"id": item.guid, "url": item.url, "title": a.title, "summary": a.dek,
                 "date_published": item.published.isoformat(),
                 "authors": [{"name": n} for n in _authors(item)]}
        if item.content_html:
            entry["content_html"] = item.content_html
        else:
            entry["content_text"] = a.dek
        if item.image_url:
            entry["image"] = item.image_url
        feed["items"].append(entry)
    return json.dumps(feed, indent=1) + "\n"


FORMATS = {
    "rss20": ("feed.xml", "application/rss+xml; charset=utf-8", rss),
    "atom10": ("atom.xml", "application/atom+xml; charset=utf-8", atom),
    "json11": ("feed.json", "application/feed+json; charset=utf-8", json_feed),
}
