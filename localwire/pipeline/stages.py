"""The ingest pipeline, stage by stage, in the order it runs.

    fetch_feed → parse_feed → (one document per new entry) → fetch_page → extract → normalise → store
    then, for each stored article, the steps in ``flow.py`` (syndicate → story → search index),
    and over stored articles in batches: understand (see ``reanalyze.py``)

Each stage is a plain function over the plain documents in ``localwire/document.py``
and a ``Context`` of outside tools (the guarded fetcher, the robots cache).
None touches the database: ``runner.py`` stores what they return, so the same
functions run in the in-process worker and on Celery workers.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import datetime, timezone

from localwire.articles.extract import extract as extract_page
from localwire.articles.extract import plain_text, sanitize_html
from localwire.document import ArticleDoc, Extracted, FeedJob, FeedResult, FeedStatus, PageFetch
from localwire.sources.context import Context
from localwire.sources.errors import FetchError
from localwire.sources.parse import FEED_ACCEPT, FeedError, parse_feed as parse_feed_bytes
from localwire.sources.titles import entry_title

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
HTML_TYPES = ("text/html", "application/xhtml+xml", "")


# --- feed stages ---------------------------------------------------------


def fetch_feed(job: FeedJob, ctx: Context) -> FeedResult:
    """Conditional GET of the feed; a 304 carries no body and changes nothing."""
    try:
        response = ctx.fetcher.get(
            job.url, etag=job.etag or None, last_modified=job.last_modified or None,
            accept=FEED_ACCEPT,
        )
    except FetchError as exc:
        return FeedResult(job, status=FeedStatus.ERROR, error=str(exc))
    if response.not_modified:
        return FeedResult(job, status=FeedStatus.NOT_MODIFIED, etag=job.etag,
                          last_modified=job.last_modified)
    if response.status >= 400:
        return FeedResult(job, status=FeedStatus.ERROR, retry_after=response.retry_after,
                          error=f"HTTP {response.status} from {response.final_url}")
    return FeedResult(
        job, body=response.body, content_type=response.headers.get("content-type", ""),
        etag=response.etag or "", last_modified=response.last_modified or "",
    )


def parse_feed(result: FeedResult, ctx: Context) -> FeedResult:
    if result.status != FeedStatus.OK:
        return result
    try:
        parsed = parse_feed_bytes(result.body, result.job.url, result.content_type)
    except FeedError as exc:
        return replace(result, status=FeedStatus.ERROR, error=str(exc), body=b"")
    return replace(result, parsed=parsed, body=b"")


FEED_STAGES = (fetch_feed, parse_feed)


# --- article stages ------------------------------------------------------


def fetch_page(doc: ArticleDoc, ctx: Context) -> ArticleDoc:
    """Fetch the article page unless the runner already has its bytes.

    A page that cannot be had (robots, errors, non-HTML) is not fatal: the
    feed's own content is used instead by ``extract``.
    """
    if doc.page is None:
        url = doc.entry.url
        if ctx.robots is not None and not ctx.robots.allowed(url):
            return replace(doc, page_error="robots.txt disallows this page")
        try:
            response = ctx.fetcher.get(url, accept=PAGE_ACCEPT)
        except FetchError as exc:
            return replace(doc, page_error=str(exc))
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        doc = replace(doc, page=PageFetch(url=url, final_url=response.final_url, status=response.status,
                                          content_type=content_type, body=response.body))
    # The same checks whether the page was just fetched or saved before a crash.
    if doc.page.status >= 400:
        return replace(doc, page_error=f"HTTP {doc.page.status}")
    if doc.page.content_type not in HTML_TYPES:
        return replace(doc, page_error=f"not an HTML page ({doc.page.content_type})")
    return doc


def extract(doc: ArticleDoc, ctx: Context) -> ArticleDoc:
    usable = doc.page is not None and not doc.page_error
    if usable:
        extracted = extract_page(doc.page.body, doc.page.final_url, agencies=doc.agencies,
                                 feed_entry=doc.entry)
    else:
        extracted = _from_feed(doc)
    return replace(doc, extracted=extracted, from_feed_only=not usable)


def _from_feed(doc: ArticleDoc) -> Extracted:
    """The feed's own content, shaped like an extraction, when the page is out of reach."""
    entry = doc.entry
    content = entry.content_html or entry.summary
    # Run the extractor over a minimal page so bylines, trailers and sanitising
    # follow exactly the same rules as a fetched page.
    page = f"<html><head><title></title></head><body><article>{content}</article></body></html>"
    return extract_page(page.encode(), entry.url, agencies=doc.agencies, feed_entry=entry)


_WS = re.compile(r"\s+")


def normalise(doc: ArticleDoc, ctx: Context) -> ArticleDoc:
    """Fill gaps from the feed, sanitise again, and compute hash and word count.

    Authors need no fallback here: the extractor already ran the feed's author
    names through the same byline rules (a feed's "author" is often the agency).
    """
    ex = doc.extracted
    entry = doc.entry
    assert ex is not None, "normalise runs after extract"
    title = entry_title(ex.title, entry)
    published = ex.published_at or entry.published_at or datetime.now(timezone.utc)
    if published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    summary = _WS.sub(" ", ex.summary or plain_text(entry.summary)).strip()[:1000]
    text = ex.text.strip()
    ex = replace(
        ex, title=title[:500], published_at=published,
        canonical_url=ex.canonical_url or ex.url or entry.url,
        html=sanitize_html(ex.html), summary=summary, text=text,
        images=[img for img in ex.images if img.src.startswith(("http://", "https://"))],
    )
    words = len(text.split())
    digest = hashlib.sha256(_WS.sub(" ", text.lower()).encode()).hexdigest()
    return replace(doc, extracted=ex, word_count=words, content_hash=digest)


# Understanding is not here: it runs over stored articles in batches (``reanalyze.py``), where
# spaCy reads many texts at once and a slow model never holds up fetching.
ARTICLE_STAGES = (fetch_page, extract, normalise)


def run_article_stages(doc: ArticleDoc, ctx: Context, checkpoint=None) -> ArticleDoc:
    """Run every article stage; ``checkpoint(stage, doc)`` lets the runner persist between them."""
    for stage in ARTICLE_STAGES:
        doc = stage(doc, ctx)
        if checkpoint is not None:
            checkpoint(stage, doc)
    return doc


def run_feed_stages(job: FeedJob, ctx: Context) -> FeedResult:
    first, *rest = FEED_STAGES
    result = first(job, ctx)
    for stage in rest:
        result = stage(result, ctx)
    return result
