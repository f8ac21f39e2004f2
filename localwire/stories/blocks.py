"""Stored page blocks: what an article or story page shows beside its text that is the same for
every reader, worked out once when it changes instead of on every view.

An article's blocks (``ArticleBlocks``) are its chips (topic, people, places, "In this article"),
"You may also like" and its "Related stories" with their reasons; a story's (``StoryBlocks``) are
its coverage in time order, key people, places and fact timeline. The article page takes "More
coverage of this story" from its story's blocks, so a story that grows rebuilds one row, not one
per member.

Blocks hold ids (and reasons and topic labels), never titles or addresses: the page reads what
they point at in one bulk query, so a retitled article shows its new title and a taken-down or
merged-away one drops out at once. What can be stale is only the choice: which stories are
related, which channels go with these ones. That lasts until the article is marked again
(``Step.PAGE``: stored, understood again, a channel merged) and the next sweep runs, a crawl tick
at most; choices that drift with the archive as a whole are what a reader would not miss.

``sweep_pages`` rebuilds what is owed; a page whose blocks are missing (a bulk-filled archive)
builds them on its first view, once, and a story page whose story has another count than its
blocks were built for does the same.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from localwire.articles import pending
from localwire.articles.models import Article
from localwire.channels.models import PLACE_KINDS, Channel
from localwire.channels.queries import article_block_ids
from localwire.stories.models import ArticleBlocks, Story, StoryBlocks
from localwire.stories.queries import BODY, group_of, story_channels, story_coverage, story_timeline
from localwire.stories.related import other_stories, topic_labels_of

VERSION = 1  # raise when what blocks hold changes: older rows are rebuilt when next read
RELATED_KEPT = 8  # "Related stories": the page shows what coverage leaves of its eight places
ALSO_LIKE_KEPT = 18  # three times the six shown, so a reader's follows and mutes leave enough
log = logging.getLogger(__name__)


def article_blocks_data(article: Article) -> dict:
    """The blocks of one article, as plain data (``article`` with its syndication and story
    membership at hand)."""
    related = other_stories(article, RELATED_KEPT)
    labels = topic_labels_of([pk for pk, _, _ in related])
    return {**article_block_ids(article, also_like=ALSO_LIKE_KEPT),
            "related": [[pk, group, reason, labels.get(pk, "")] for pk, group, reason in related]}


def story_blocks_data(story: Story) -> dict:
    articles = story_coverage(story)
    labels = topic_labels_of([a.pk for a in articles])
    timeline = [[quantity, [{"article_id": p.article_id, "text": p.text, "sentence": p.sentence} for p in points]]
                for quantity, points in story_timeline(articles)]
    return {"coverage": [[a.pk, group_of(a), labels.get(a.pk, "")] for a in articles], "timeline": timeline,
            "people": [c.pk for c in story_channels(story, [Channel.Kind.PERSON])],
            "places": [c.pk for c in story_channels(story, PLACE_KINDS)]}


def store_article_blocks(article: Article) -> dict:
    data = article_blocks_data(article)
    store_rows(ArticleBlocks, [ArticleBlocks(article_id=article.pk, data=data, version=VERSION)], "article")
    return data


def store_story_blocks(story: Story) -> StoryBlocks:
    row = StoryBlocks(story_id=story.pk, data=story_blocks_data(story), version=VERSION,
                      article_count=story.article_count)
    store_rows(StoryBlocks, [row], "story", ["article_count"])
    return row


def store_rows(model, rows: list, key: str, more: tuple | list = ()) -> None:
    """Insert or replace blocks (``key`` names what they belong to): two builds of one page at once
    both write the same thing."""
    now = timezone.now()
    for row in rows:
        row.built_at = now
    try:
        with transaction.atomic():  # a savepoint: a failure here leaves a view's own transaction usable
            model.objects.bulk_create(rows, batch_size=500, update_conflicts=True, unique_fields=[key],
                                      update_fields=["data", "version", "built_at", *more])
    except IntegrityError:  # the page's article or story went away meanwhile: nothing to show
        log.info("blocks for a %s deleted meanwhile were not kept", key)


def article_page_blocks(article: Article) -> dict:
    """The article's stored blocks, or built and stored now (the first view of an article no
    sweep has reached). ``article.page_blocks`` may be select_related by the caller."""
    stored = getattr(article, "page_blocks", None)
    if stored is not None and stored.version == VERSION:
        return stored.data
    return store_article_blocks(article)


def story_page_blocks(story: Story, current: bool = True) -> dict:
    """The story's stored blocks; built now when there are none, and, when ``current``, when the
    story has grown or shrunk since (an article page may show slightly older coverage instead)."""
    stored = getattr(story, "page_blocks", None)
    if stored is None or stored.version != VERSION or (current and stored.article_count != story.article_count):
        stored = store_story_blocks(story)
    return stored.data


def sweep_pages(limit: int = 200) -> int:
    """Rebuild the blocks owed (``Step.PAGE``), oldest first, and the blocks of their stories;
    returns how many articles it tried. One that fails stays owed for the next sweep."""
    read_at = timezone.now()
    ids = pending.owed(pending.Step.PAGE, limit)
    if not ids:
        return 0
    articles = (Article.objects.filter(pk__in=ids).select_related("syndication", "story_membership__story")
                .defer(*BODY))
    built, stories = [], {}
    for article in articles:
        try:
            store_article_blocks(article)
        except Exception:
            log.exception("page blocks failed for article %s; the next sweep retries it", article.pk)
            continue
        built.append(article.pk)
        membership = getattr(article, "story_membership", None)
        if membership is not None:
            stories[membership.story_id] = membership.story
    for story in stories.values():
        try:
            store_story_blocks(story)
        except Exception:
            log.exception("page blocks failed for story %s", story.pk)
    with transaction.atomic():
        pending.done(pending.Step.PAGE, built, read_at)
    return len(ids)
