"""What a page says about itself: JSON-LD, meta tags, <time>, language, figures and captions."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from dateutil import parser as dateparser
from htmldate import find_date
from trafilatura.metadata import extract_title

ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report|NewsArticle|LiveBlogPosting)$")
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "pubdate",
                  "publishdate", "publish-date", "sailthru.date", "dc.date", "dc.date.issued",
                  "dcterms.created", "date", "parsely-pub-date", "article.published")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
                 "last-modified", "article.updated")
AUTHOR_META = ("author", "article:author", "byl", "sailthru.author", "parsely-author", "dc.creator")


@dataclass
class PageMeta:
    title: str = ""
    canonical: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    byline_texts: list[str] = field(default_factory=list)
    published: datetime | None = None
    modified: datetime | None = None
    language: str = ""
    description: str = ""
    site_name: str = ""
    lead_image: str = ""
    captions: dict[str, str] = field(default_factory=dict)  # image src (as written) → caption


def read_metadata(tree, url: str = "") -> PageMeta:
    """Read before trafilatura runs: its cleaning works on the same tree."""
    meta = PageMeta()
    tags = _meta_tags(tree)
    ld = list(_json_ld_articles(tree))
    meta.canonical = [h for h in tree.xpath("//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href")]
    if tags.get("og:url"):
        meta.canonical.append(tags["og:url"])
    meta.title = _first(extract_title(tree), *(_str(a.get("headline")) for a in ld), tags.get("og:title"))
    meta.description = _first(tags.get("description"), tags.get("og:description"))
    meta.site_name = _first(tags.get("og:site_name"), *(_org_name(a.get("publisher")) for a in ld))
    meta.lead_image = _first(tags.get("og:image"), tags.get("twitter:image"))
    for article in ld:
        meta.authors += [n for n in _people(article.get("author")) if n not in meta.authors]
    if not meta.authors:
        meta.authors = [tags[k] for k in AUTHOR_META if tags.get(k) and "://" not in tags[k]][:1]
    meta.byline_texts = _byline_texts(tree)
    meta.published = _first_date([a.get("datePublished") for a in ld]
                                 + [tags.get(k) for k in PUBLISHED_META]
                                 + tree.xpath("//time[@pubdate]/@datetime | //article//time/@datetime"
                                              " | //time/@datetime")[:3])
    if meta.published is None:
        # htmldate's quick pass (URL, headers, visible dates), only when the page declared none.
        found = find_date(tree, url=url or None, extensive_search=False, original_date=True,
                          outputformat="%Y-%m-%d")
        meta.published = parse_date(found) if found else None
    meta.modified = _first_date([a.get("dateModified") for a in ld] + [tags.get(k) for k in MODIFIED_META])
    meta.language = _language(tree, tags)
    meta.captions = _captions(tree)
    if not meta.lead_image and meta.captions:
        # No og:image: a captioned <figure> is an editorial photo, unlike logos and ads.
        meta.lead_image = next(iter(meta.captions))
    return meta


def _meta_tags(tree) -> dict[str, str]:
    tags: dict[str, str] = {}
    for el in tree.xpath("//meta[@content]"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").strip().lower()
        if key and key not in tags:
            tags[key] = el.get("content", "").strip()
    return tags


def _json_ld_articles(tree):
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        yield from _walk_ld(data, 0)


def _walk_ld(node, depth: int):
    if depth > 5:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk_ld(item, depth + 1)
    elif isinstance(node, dict):
        kinds = node.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and ARTICLE_TYPES.search(k) for k in kinds):
            yield node
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in node:
                yield from _walk_ld(node[key], depth + 1)


def _people(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names = []
    for item in values:
        if isinstance(item, dict) and "Organization" in str(item.get("@type", "")):
            continue  # the outlet, not a writer
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and "://" not in name:
            names.append(name.strip())
    return names


def _org_name(value) -> str:
    return _str(value.get("name")) if isinstance(value, dict) else ""


def _byline_texts(tree) -> list[str]:
    """Text of elements a page marks as its byline, for the byline normaliser."""
    # One pass, two substring tests per element: a union of paths would walk the tree per path.
    found = tree.xpath(
        "//*[@rel='author' or @itemprop='author' or contains(@class, 'byline') or contains(@class, 'author')]"
    )
    texts = []
    for el in found[:6]:
        text = " ".join(el.text_content().split())
        if 2 < len(text) < 200 and text not in texts:
            texts.append(text)
    return texts


def parse_date(value) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = dateparser.parse(value, fuzzy=False)
        except (ValueError, OverflowError, TypeError):
            return None
    if when is None or not 1990 <= when.year <= 2100:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _first_date(values) -> datetime | None:
    for value in values:
        when = parse_date(value)
        if when:
            return when
    return None


def _language(tree, tags: dict[str, str]) -> str:
    raw = _first(tree.get("lang"), tree.get("xml:lang"), tags.get("content-language"),
                 tags.get("og:locale"), tags.get("language"))
    match = re.match(r"^([a-zA-Z]{2,3})\b", raw or "")
    return match.group(1).lower() if match else ""


def _captions(tree) -> dict[str, str]:
    captions = {}
    for figure in tree.xpath("//figure[.//img][.//figcaption]"):
        caption = " ".join(figure.xpath("string(.//figcaption)").split())
        for img in figure.xpath(".//img"):
            for attr in ("src", "data-src", "data-lazy-src", "data-original"):
                if img.get(attr):
                    captions[img.get(attr).strip()] = caption
    return captions


def _first(*values) -> str:
    for value in values:
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


def _str(value) -> str:
    return value if isinstance(value, str) else ""
