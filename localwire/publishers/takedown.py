"""A publisher taking one of its articles down: gone from every surface at once, kept for the record.

The article row is deleted rather than hidden, so no page, list, feed, sitemap, search or API
endpoint can forget a filter and show it again: everything that hangs off it by a cascade (images,
channel links, story membership, syndication, search entry, views, comments) goes with it. A
``TakenDown`` record keeps what it was, who took it down and why, for the audit log, and the
pipeline refuses to store its canonical URL again (``pipeline/runner.py``).

What does not cascade is mended, each by the package that owns it: a story's counts, dates and
headline and a syndication group's original by ``stories.departures``, as for any deleted article;
the search vocabulary's counts (``search.vocabulary``: else "Did you mean" could still offer a word
only that article held); and here the raw page kept for re-extraction and the caches of pages and
profiles.
"""

from __future__ import annotations

from django.db import transaction

from localwire.articles.models import Article, RawPage, TakenDown
from localwire.caching import pages as pagecache
from localwire.metrics.publishers import forget_profile
from localwire.publishers.audit import log_action
from localwire.search import vocabulary
from localwire.search.documents import build_documents
from localwire.sources.models import Entry

ENTRY_NOTE = "taken down by its publisher; never stored again"


class TakedownRefused(ValueError):
    """The takedown was not done; the message says why, for the manager."""


def take_down(article: Article, user, reason: str) -> TakenDown:
    """Delete ``article`` everywhere, keep its record with ``user`` and ``reason``, and log it."""
    reason = (reason or "").strip()
    if not reason:
        raise TakedownRefused("Say why the article is taken down; the reason is kept in the audit log.")
    publisher = article.publisher
    with transaction.atomic():
        record = _record(article, user, reason)
        _forget_words(article.pk)
        Entry.objects.filter(article=article).update(last_error=ENTRY_NOTE)
        raw_page_id = article.raw_page_id
        article.delete()
        _drop_raw_page(raw_page_id)
        log_action(publisher, user, "article.takedown", article_id=record.article_id,
                   title=record.title, url=record.canonical_url, reason=reason)
    _retire_caches(publisher.pk)
    return record


def _record(article: Article, user, reason: str) -> TakenDown:
    record, _ = TakenDown.objects.update_or_create(
        canonical_url=article.canonical_url,
        defaults=dict(article_id=article.pk, publisher=article.publisher, url=article.url,
                      title=article.title, authors=article.authors, published_at=article.published_at,
                      text=article.text, reason=reason, by=user if getattr(user, "pk", None) else None,
                      by_name=getattr(user, "username", "") or ""),
    )
    return record


def _forget_words(article_id: int) -> None:
    documents = build_documents([article_id])
    if documents:
        vocabulary.forget(documents[0])


def _drop_raw_page(raw_page_id: int | None) -> None:
    """The kept bytes of the page would let a re-extraction bring the text back; no other article uses them."""
    if raw_page_id and not Article.objects.filter(raw_page_id=raw_page_id).exists():
        RawPage.objects.filter(pk=raw_page_id).delete()


def _retire_caches(publisher_id: int) -> None:
    pagecache.changed()
    forget_profile(publisher_id)  # the "posts" count of its profile and its card
