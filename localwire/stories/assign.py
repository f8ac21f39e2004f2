"""Stories in the database: each stored article joins the story it covers, or starts one.

The same single-pass rule as ``clustering.StoryIndex``, with the index in tables so any worker
can assign: candidates are the recent stories filed under the article's heaviest terms
(``StoryTerm``), scored by cosine with their summed vector and a decay with the time between.
A syndicated copy joins its original's story without being counted twice in the vector.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import timedelta

from django.db import transaction

from localwire.articles.models import Article
from localwire.stories.clustering import CANDIDATE_TERMS, StoryIndex, decay, heaviest, similarity, vectorise
from localwire.stories.models import Story, StoryMember, StoryTerm

STORY_WINDOW = timedelta(days=14)  # stories quiet for longer than this are not joined any more
VECTOR_TERMS = 200  # a story's vector keeps its heaviest terms only
MAX_CANDIDATES = 200
DEFAULTS = StoryIndex(idf={})  # threshold and name weight, shared with the in-memory index
log = logging.getLogger(__name__)


def assign_story(article: Article) -> Story:
    """Idempotent: an article already in a story stays there."""
    existing = StoryMember.objects.filter(article=article).select_related("story").first()
    if existing is not None:
        return existing.story
    copy_of = _story_of_group_mate(article)
    if copy_of is not None:
        return _join(copy_of.pk, article, None, 1.0)
    unit = vectorise(article.title, article.text, _idf(), DEFAULTS.default_idf, DEFAULTS.name_weight)
    best, best_score = None, DEFAULTS.threshold
    for story in _candidates(article, unit):
        score = similarity(unit, story.vector) * decay(article.published_at, story.last_seen)
        if score >= best_score:
            best, best_score = story, score
    if best is None:
        return _start(article, unit)
    return _join(best.pk, article, unit, best_score)


def _idf() -> dict[str, float]:
    from localwire.nlp.topics import topic_model

    return topic_model().idf_table()


def _story_of_group_mate(article: Article) -> Story | None:
    membership = getattr(article, "syndication", None)
    if membership is None:
        return None
    mate = (StoryMember.objects.filter(article__syndication__group_id=membership.group_id)
            .exclude(article=article).select_related("story").first())
    return mate.story if mate is not None else None


def _candidates(article: Article, unit: dict):
    when = article.published_at
    ids = (StoryTerm.objects.filter(term__in=heaviest(unit), story__last_seen__gte=when - STORY_WINDOW,
                                    story__first_seen__lte=when + STORY_WINDOW)
           .values_list("story_id", flat=True).distinct()[:MAX_CANDIDATES])
    return Story.objects.filter(pk__in=list(ids))


def _start(article: Article, unit: dict) -> Story:
    with transaction.atomic():
        story = Story.objects.create(headline=article.title[:500], headline_score=1.0,
                                     first_seen=article.published_at, last_seen=article.published_at,
                                     article_count=1, outlet_count=1, vector=_cut(unit))
        StoryMember.objects.create(article=article, story=story, score=1.0)
        _file(story)
    return story


def _join(story_id: int, article: Article, unit: dict | None, score: float) -> Story:
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story_id)
        StoryMember.objects.create(article=article, story=story, score=round(score, 3))
        if unit is not None:
            vector = Counter(story.vector)
            vector.update(unit)
            story.vector = _cut(vector)
            centrality = similarity(unit, story.vector)
            if centrality > story.headline_score * 0.95:  # the most central article names the story
                story.headline, story.headline_score = article.title[:500], centrality
            _file(story)
        story.first_seen = min(story.first_seen, article.published_at)
        story.last_seen = max(story.last_seen, article.published_at)
        story.article_count = story.members.count()
        story.outlet_count = story.members.values("article__publisher").distinct().count()
        story.save()
    return story


def _cut(vector: dict) -> dict:
    return {t: round(vector[t], 5) for t in heaviest(vector, VECTOR_TERMS)}


def _file(story: Story) -> None:
    StoryTerm.objects.filter(story=story).delete()
    StoryTerm.objects.bulk_create(StoryTerm(story=story, term=t[:100]) for t in heaviest(story.vector, CANDIDATE_TERMS))


def assign_pending(limit: int = 2000) -> int:
    """Articles stored but in no story yet (a crash, or stored before stories existed), oldest first."""
    done = 0
    for article in (Article.objects.filter(story_membership__isnull=True).select_related("syndication")
                    .order_by("published_at", "pk")[:limit]):
        try:
            assign_story(article)
        except Exception:  # one bad article must not stop the rest
            log.exception("story assignment failed for article %s", article.pk)
        done += 1
    return done
