"""Plain data that travels between pipeline stages.

It sits at the bottom of the house because the layers below the pipeline make
these shapes too: feed parsing (``sources``) returns a ``ParsedFeed`` and the
extractor (``articles``) an ``Extracted``. Stages take and return these objects
and never touch the database; only the runner (``localwire.pipeline.runner``)
persists them. Everything here is JSON-serialisable through
``dataclasses.asdict`` (datetimes as ISO strings via ``to_json``), so the same
payloads can cross a Celery queue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class FeedStatus(StrEnum):
    """How polling a feed ended. The values are the ones crawl reports count and tasks return."""

    OK = "ok"
    NOT_MODIFIED = "not_modified"
    ERROR = "error"
    PAUSED = "paused"  # only the runner says this: the feed was paused after it was claimed


@dataclass
class FeedEntry:
    """One item of a feed, as the publisher described it."""

    entry_id: str  # guid / atom:id / JSON Feed id; falls back to the link
    url: str
    title: str = ""
    summary: str = ""  # HTML or text as found in the feed (sanitised later)
    content_html: str = ""  # full content when the feed carries it
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    updated_at: datetime | None = None
    image_url: str = ""


@dataclass
class ParsedFeed:
    """A feed after parsing, whatever its format."""

    format: str  # "rss20", "rss10", "rss09x", "atom10", "atom03", "json10", "json11"
    title: str = ""
    site_url: str = ""
    description: str = ""
    entries: list[FeedEntry] = field(default_factory=list)
    warning: str = ""  # a fault the feed was read despite (kept as the feed's last error)


@dataclass
class ImageRef:
    """An image the extractor found in an article, in reading order."""

    src: str  # absolute URL of the original image
    caption: str = ""
    credit: str = ""
    position: int = 0  # index of the block (paragraph) it precedes in the text


@dataclass
class Extracted:
    """What the extractor made of one article page."""

    url: str
    canonical_url: str = ""
    title: str = ""
    authors: list[str] = field(default_factory=list)
    agency: str = ""
    published_at: datetime | None = None
    updated_at: datetime | None = None
    language: str = ""
    summary: str = ""
    text: str = ""  # plain text, paragraphs separated by a blank line
    html: str = ""  # sanitised HTML of the body, images in place
    images: list[ImageRef] = field(default_factory=list)
    site_name: str = ""


@dataclass
class FeedJob:
    """What the feed stages need to know about one feed."""

    feed_id: int
    url: str
    etag: str = ""
    last_modified: str = ""


@dataclass
class FeedResult:
    """The outcome of fetching and parsing one feed."""

    job: FeedJob
    status: FeedStatus = FeedStatus.OK  # OK, NOT_MODIFIED or ERROR
    parsed: ParsedFeed | None = None
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    retry_after: float | None = None
    error: str = ""


@dataclass
class PageFetch:
    """An article page as the publisher's server answered."""

    url: str
    final_url: str
    status: int
    content_type: str = ""
    body: bytes = b""


@dataclass
class ArticleDoc:
    """One article on its way from a feed entry to a stored row."""

    entry: FeedEntry
    publisher: str = ""
    agencies: list[str] = field(default_factory=list)
    page: PageFetch | None = None
    page_error: str = ""
    extracted: Extracted | None = None
    content_hash: str = ""
    word_count: int = 0
    from_feed_only: bool = False
