"""Fetching a stored article's page again after its publisher corrected it.

The same stages a crawl runs (``stages.py``: fetch_page → extract → normalise), from the feed
entry the article came from (``Entry.data``) or, for an article without one, from its own address,
always fetching afresh through the guarded fetcher. Unlike a crawl, a page that cannot be read
is not replaced by the feed's summary: the point is the corrected page, so the article stays as it
was and the caller is told why.

The stored article takes the page's new title, text, HTML, images, bylines and dates; its
canonical URL stays (it is the article's identity, and what a takedown record names). It is
marked as owing understanding, its search document and its page again (``articles.pending``,
in the storing transaction), re-indexed for search at once, and pages kept for anonymous readers
are retired. Syndication and story membership stay: a
correction changes what an article says, not which event it covers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from localwire.articles import pending
from localwire.articles.models import Article, Image, RawPage
from localwire.articles.pending import Step
from localwire.articles.signals import articles_changed
from localwire.document import ArticleDoc, FeedEntry
from localwire.pipeline import serialise, tasks
from localwire.pipeline.runner import agency_names, extracted_fields, image_rows
from localwire.pipeline.stages import extract, fetch_page, normalise
from localwire.search.index import index_quietly
from localwire.sources.context import Context, shared_context
from localwire.stories.models import Story

DEFAULT_NOTE = "The publisher corrected this article."


class RefetchFailed(RuntimeError):
    """The page could not be read again; the article is unchanged. The message says why, in words."""


@dataclass(frozen=True)
class Refetched:
    article_id: int
    changed: bool  # the page said something other than what was stored
    corrected_at: datetime | None


def refetch(article: Article, note: str = "", ctx: Context | None = None) -> Refetched:
    """Run the article stages over the page again and store what changed (see the module's notes)."""
    ctx = ctx or shared_context()
    doc = ArticleDoc(entry=_feed_entry(article), publisher=article.publisher.name, agencies=agency_names())
    doc = fetch_page(doc, ctx)
    if doc.page_error:
        raise RefetchFailed(f"The page at {doc.entry.url} could not be read: {doc.page_error}.")
    doc = normalise(extract(doc, ctx), ctx)
    if not doc.extracted.text:
        raise RefetchFailed(f"The page at {doc.entry.url} was read but held no article text.")
    changed = _differs(article, doc)
    if changed:
        _store(article, doc, (note or "").strip()[:300] or DEFAULT_NOTE)
        index_quietly([article.pk])
        tasks.understand_soon(article.pk)
        articles_changed.send(sender=refetch)
    return Refetched(article.pk, changed, article.corrected_at)


def _feed_entry(article: Article) -> FeedEntry:
    """The entry the article was stored from; without one (a feed since removed), its own address,
    dated as stored so ``normalise`` never dates it "now"."""
    entry = article.entries.order_by("-pk").first()
    if entry is not None and entry.data:
        return serialise.feed_entry_from_json(entry.data)
    return FeedEntry(entry_id=article.url, url=article.url, title=article.title,
                     authors=list(article.authors), published_at=article.published_at)


def _differs(article: Article, doc: ArticleDoc) -> bool:
    ex = doc.extracted
    stored_images = list(article.images.order_by("position", "id").values_list("source_url", "caption", "credit"))
    new_images = [(i.src[:2000], i.caption, i.credit[:300]) for i in ex.images]
    return (doc.content_hash != article.content_hash or ex.title != article.title or ex.html != article.html
            or list(ex.authors) != list(article.authors) or new_images != stored_images)


def _store(article: Article, doc: ArticleDoc, note: str) -> None:
    ex = doc.extracted
    page = doc.page
    with transaction.atomic():
        raw, _ = RawPage.objects.update_or_create(
            url=page.url[:2000], defaults=dict(final_url=page.final_url[:2000], status=page.status,
                                               content_type=page.content_type[:200],
                                               body=RawPage.compress(page.body), fetched_at=timezone.now()))
        old_title = article.title
        fields = extracted_fields(doc)
        for name in ("published_at", "updated_at", "language"):  # what the page no longer says stays
            fields[name] = fields[name] or getattr(article, name)
        for name, value in fields.items():
            setattr(article, name, value)
        article.raw_page = raw
        article.analysis_version = ""  # stale: understood again, as any article a newer analyser has not read
        for step in (Step.ANALYSIS, Step.SEARCH, Step.PAGE):  # owed with the change that makes them due
            pending.mark(step, [article.pk])
        article.corrected_at, article.correction_note = timezone.now(), note
        article.save()
        article.images.all().delete()
        Image.objects.bulk_create(image_rows(article, ex.images))
        if old_title != article.title:  # a story named after the wrong headline takes the corrected one
            Story.objects.filter(members__article=article, headline=old_title).update(headline=article.title[:500])
