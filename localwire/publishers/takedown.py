"""A publisher taking one of its articles down: gone from every surface at once, kept for the record.

The article row is deleted rather than hidden, so no page, list, feed, sitemap, search or API
endpoint can forget a filter and show it again: everything that hangs off it by a cascade (images,
channel links, story membership, syndication, search entry, views, comments) goes with it. A
``TakenDown`` record keeps what it was, who took it down and why, for the audit log, and the
pipeline refuses to store its canonical URL again (``pipeline/runner.py``).

What does not cascade is mended here: a story's counts, dates and headline, a syndication group's
original, the raw page kept for re-extraction, the search vocabulary's counts (else "Did you mean"
could still offer a word only that article held), and the caches that keep pages and profiles.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Max, Min

from localwire.articles.models import Article, RawPage, TakenDown
from localwire.caching import pages as pagecache
from localwire.metrics.publishers import forget_profile
from localwire.publishers.audit import log_action
from localwire.search.documents import build_documents
from localwire.search.models import SearchTerm
from localwire.search.vocabulary import fold, words_of
from localwire.sources.models import Entry
from localwire.stories.models import Story, StoryMember, SyndicatedCopy, SyndicationGroup
from localwire.stories.syndication import Copy, choose_original

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
        story_ids = list(StoryMember.objects.filter(article=article).values_list("story_id", flat=True))
        group_ids = list(SyndicatedCopy.objects.filter(article=article).values_list("group_id", flat=True))
        _forget_words(article.pk)
        Entry.objects.filter(article=article).update(last_error=ENTRY_NOTE)
        raw_page_id = article.raw_page_id
        article.delete()
        _drop_raw_page(raw_page_id)
        for story_id in story_ids:
            mend_story(story_id)
        for group_id in group_ids:
            mend_group(group_id)
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


def mend_story(story_id: int) -> None:
    """After a member left: recount, re-date and, if the headline was its title, re-head the story;
    a story left with no member is deleted (its page answers 404)."""
    story = Story.objects.filter(pk=story_id).first()
    if story is None:
        return
    members = Article.objects.filter(story_membership__story=story)
    if not members.exists():
        story.delete()
        return
    dates = members.aggregate(first=Min("published_at"), last=Max("published_at"))
    story.first_seen, story.last_seen = dates["first"], dates["last"]
    story.article_count = members.count()
    story.outlet_count = members.values("publisher").distinct().count()
    if not members.filter(title=story.headline).exists():
        lead = members.order_by("-story_membership__score", "published_at", "pk").first()
        story.headline = lead.title[:500]
    story.save(update_fields=["first_seen", "last_seen", "article_count", "outlet_count", "headline"])
    story.terms.update(last_seen=story.last_seen)


def mend_group(group_id: int) -> None:
    """After a copy left: name the group's original again (the one lists show), or delete an empty group."""
    rows = list(Article.objects.filter(syndication__group_id=group_id)
                .values_list("pk", "published_at", "agency", "publisher__name"))
    if not rows:
        SyndicationGroup.objects.filter(pk=group_id).delete()
        return
    chosen = choose_original([Copy(*row) for row in rows])
    SyndicationGroup.objects.filter(pk=group_id).update(original_id=chosen.id)


def _forget_words(article_id: int) -> None:
    """Take the article's words off the vocabulary's counts; a word no article holds any more goes."""
    documents = build_documents([article_id])
    if not documents:
        return
    doc = documents[0]
    folded = {fold(w) for w in words_of(doc.title) | words_of(doc.names) | words_of(doc.body)}
    SearchTerm.objects.filter(word__in=folded, documents__gt=0).update(documents=F("documents") - 1)
    SearchTerm.objects.filter(word__in=folded, documents__lte=0).delete()


def _drop_raw_page(raw_page_id: int | None) -> None:
    """The kept bytes of the page would let a re-extraction bring the text back; no other article uses them."""
    if raw_page_id and not Article.objects.filter(raw_page_id=raw_page_id).exists():
        RawPage.objects.filter(pk=raw_page_id).delete()


def _retire_caches(publisher_id: int) -> None:
    pagecache.changed()
    forget_profile(publisher_id)  # the "posts" count of its profile and its card
