"""What a page says about itself: JSON-LD, meta tags, <time>, language, figures and captions.

Read from the original tree before trafilatura runs, because its cleaning prunes
exactly the parts (head, figures, bylines) this module looks at.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from dateutil import parser as dateparser
from htmldate import find_date
from trafilatura.metadata import extract_title

from localwire.articles.extract.byline_elements import byline_texts
from localwire.articles.extract.bylines import normalise_byline
from localwire.articles.extract.patterns import (
    ARTICLE_TYPES, AUTHOR_LABELS, AUTHOR_META, CANONICAL_XPATH, FIGCAPTION_XPATH, FIGURE_XPATH,
    IMAGE_SRC_ATTRIBUTES, JSON_LD_XPATH, JUNK_IMAGE, LANGUAGE_TAG, META_XPATH, MODIFIED_META,
    NEXT_PARAGRAPH_XPATH, PREVIOUS_PARAGRAPH_XPATH, PUBLISHED_META, PUBLISHED_TIME_XPATH, SECTION_META,
)
from localwire.articles.extract.thresholds import (
    ANCHOR_CHARS, JSON_LD_DEPTH, MAX_FIGURES, MIN_IMAGE_SIDE, TWITTER_LABELS,
)


@dataclass
class Figure:
    """A picture on the original page and the paragraphs around it, to put it back in the story."""

    src: str
    caption: str = ""
    next_anchor: str = ""  # normalised start of the paragraph after it
    previous_anchor: str = ""  # ... and before it, for pictures that close a story


@dataclass
class PageMeta:
    title: str = ""
    canonical: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    byline_texts: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)  # organisation authors: a wire, or the outlet
    published: datetime | None = None
    modified: datetime | None = None
    language: str = ""
    description: str = ""
    site_name: str = ""
    lead_image: str = ""
    captions: dict[str, str] = field(default_factory=dict)  # image src (as written) → figcaption
    figures: list[Figure] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # the outlet's desk for it: article:section, articleSection


def read_metadata(tree, url: str = "") -> PageMeta:
    meta = PageMeta()
    tags = _meta_tags(tree)
    ld = list(_json_ld_articles(tree))
    meta.canonical = declared_urls(tree, tags)
    meta.title = _first(extract_title(tree), *(_str(a.get("headline")) for a in ld), tags.get("og:title"))
    meta.description = _first(tags.get("description"), tags.get("og:description"))
    meta.site_name = _first(tags.get("og:site_name"), *(_org_name(a.get("publisher")) for a in ld))
    meta.lead_image = _first(tags.get("og:image"), tags.get("twitter:image"))
    meta.sections = [tags[k] for k in SECTION_META if tags.get(k)]
    meta.sections += [s for a in ld for s in _listed(a.get("articleSection")) if isinstance(s, str)]
    for article in ld:
        meta.authors += [n for n in _people(article.get("author")) if n not in meta.authors]
        meta.organisations += _people(article.get("author"), organisations=True)
    if not meta.authors:
        meta.authors = [tags[k] for k in AUTHOR_META if tags.get(k) and "://" not in tags[k]][:1]
        meta.authors = meta.authors or _labelled_author(tags)
    if not any(normalise_byline(a, single_names=True).authors for a in meta.authors):
        # Byline elements only when the page declared no author, or only a handle ("kffnirmitap"):
        # the search walks the whole tree, and structured names are the better source anyway.
        meta.byline_texts = byline_texts(tree, url)
    meta.published = _first_date([d for a in ld for d in _listed(a.get("datePublished"))]
                                 + [tags.get(k) for k in PUBLISHED_META]
                                 + PUBLISHED_TIME_XPATH(tree)[:3])
    if meta.published is None:
        # htmldate's quick pass (URL, headers, visible dates), only when the page declared none.
        found = find_date(tree, url=url or None, extensive_search=False, original_date=True,
                          outputformat="%Y-%m-%d")
        meta.published = parse_date(found) if found else None
    meta.modified = _first_date([d for a in ld for d in _listed(a.get("dateModified"))]
                                + [tags.get(k) for k in MODIFIED_META])
    meta.language = _language(tree, tags)
    meta.figures = _figures(tree)
    meta.captions = {f.src: f.caption for f in meta.figures if f.caption}
    if not meta.lead_image and meta.captions:
        # No og:image: a captioned <figure> is an editorial photo, unlike logos and ads.
        meta.lead_image = next(iter(meta.captions))
    return meta


def declared_urls(tree, tags: dict[str, str] | None = None) -> list[str]:
    """The addresses a page gives for itself, as written: rel=canonical first, then og:url."""
    tags = _meta_tags(tree) if tags is None else tags
    return list(CANONICAL_XPATH(tree)) + ([tags["og:url"]] if tags.get("og:url") else [])


def _meta_tags(tree) -> dict[str, str]:
    tags: dict[str, str] = {}
    for el in META_XPATH(tree):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").strip().lower()
        if key and key not in tags and (el.get("content") or "").strip():  # an empty one may come first
            tags[key] = (el.get("content") or "").strip()
    return tags


def _json_ld_articles(tree):
    for script in JSON_LD_XPATH(tree):
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        yield from _walk_ld(data, 0)


def _walk_ld(node, depth: int):
    if depth > JSON_LD_DEPTH:
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


def _labelled_author(tags: dict[str, str]) -> list[str]:
    """The writer a page names in its link-preview labels: twitter:label1 "Written by", twitter:data1."""
    for number in range(1, TWITTER_LABELS + 1):
        if tags.get(f"twitter:label{number}", "").lower().rstrip(":") in AUTHOR_LABELS:
            return [tags[f"twitter:data{number}"]] if tags.get(f"twitter:data{number}") else []
    return []


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


def _people(value, organisations: bool = False) -> list[str]:
    """Names of the people in a JSON-LD author value (or, asked for, of the organisations)."""
    names = []
    for item in _listed(value):
        is_organisation = isinstance(item, dict) and "Organization" in str(item.get("@type", ""))
        if is_organisation != organisations:
            continue
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and "://" not in name:
            names.append(name.strip())
    return names


def _org_name(value) -> str:
    return _str(value.get("name")) if isinstance(value, dict) else ""


def parse_date(value) -> datetime | None:
    """ISO first (fast, exact), then dateutil; naive times are taken as UTC."""
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
    match = LANGUAGE_TAG.match(raw or "")
    return match.group(1).lower() if match else ""


def _figures(tree) -> list[Figure]:
    """Editorial pictures in page order, each with the paragraphs it sits between.

    trafilatura runs without its image option (which changes what text it keeps);
    pictures are put back by finding these anchor paragraphs in its output.
    """
    figures: list[Figure] = []
    seen: set = set()
    for img in FIGURE_XPATH(tree)[:MAX_FIGURES]:
        node = next(img.iterancestors("figure"), img)  # the figure carries caption and position
        if node in seen or _too_small(img):
            continue
        src = next((img.get(a).strip() for a in IMAGE_SRC_ATTRIBUTES
                    if img.get(a) and not img.get(a).strip().startswith("data:")), "")
        if not src or JUNK_IMAGE.search(src) or any(f.src == src for f in figures):
            continue
        seen.add(node)
        caption = " ".join(FIGCAPTION_XPATH(node).split()) if node.tag == "figure" else ""
        figures.append(Figure(src, caption, _anchor(NEXT_PARAGRAPH_XPATH(node)),
                              _anchor(PREVIOUS_PARAGRAPH_XPATH(node))))
    return figures


def _too_small(img) -> bool:
    for attr in ("width", "height"):
        match = re.match(r"\s*(\d+)", img.get(attr) or "")
        if match and int(match.group(1)) < MIN_IMAGE_SIDE:
            return True
    return False


def _anchor(found) -> str:
    return anchor_key(found[0].text_content()[: 2 * ANCHOR_CHARS]) if found else ""


def anchor_key(text: str) -> str:
    """The part of a paragraph that identifies it both on the page and in trafilatura's output."""
    return re.sub(r"[\W_]+", " ", text or "").strip().lower()[:ANCHOR_CHARS]


def _first(*values) -> str:
    for value in values:
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


def _str(value) -> str:
    return value if isinstance(value, str) else ""
