"""Stories in the database: each stored article joins the story it covers, or starts one.

The same rule as ``clustering.StoryIndex`` (``clustering.RULE``), with the index in tables so any
worker can assign: candidates are the recent stories filed under the article's heaviest terms
(``StoryTerm``), scored by the mixed TF-IDF and dense cosine with their summed vectors and a decay
with the time between. A syndicated copy joins its original's story without being counted twice.

Two workers can start two stories for one event at the same instant, each unaware of the other's
uncommitted row; a story just started therefore looks once more, after its commit, for another
started moments before that its article would have joined, and the two merge. Stories whose
coverage has converged merge the same way, at the stricter story-to-story threshold.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min

from localwire.articles import pending
from localwire.articles.models import Article
from localwire.articles.pending import Step, owed_among
from localwire.nlp import embedding
from localwire.stories.anchors import Anchors, add_counts, read_anchors
from localwire.stories.catchup import catch_up
from localwire.stories.clustering import RULE, add_vectors, heaviest, similarity, unit_vector, vectorise
from localwire.stories.models import MergedStory, Story, StoryMember, StoryTerm, current_story

RACE_WINDOW = timedelta(minutes=5)  # stories started this close together may be one event seen twice
log = logging.getLogger(__name__)


@dataclass
class Choice:
    """What an article's search found: the story to join (or none: start one) and its vectors."""

    unit: dict
    dense: object
    anchors: Anchors
    story: Story | None
    score: float
    others: list  # the other candidates, already read: the only stories a join could bring closer


def assign_story(article: Article) -> Story:
    """Idempotent: an article already in a story stays there."""
    existing = StoryMember.objects.filter(article=article).select_related("story").first()
    if existing is not None:
        return existing.story
    copy_of = _story_of_group_mate(article)
    if copy_of is not None:
        try:
            return _join(copy_of.pk, article, None, 1.0)
        except IntegrityError as error:
            return _placed_meanwhile(article, error)
    return settle(article, choose(article))


def choose(article: Article) -> Choice:
    """Reads only; between this and ``settle`` another worker may have started the same story."""
    unit = vectorise(article.title, article.text, _idf(), RULE.default_idf, RULE.name_weight)
    dense = embedding.embed(article.title, article.text)
    anchors = read_anchors(article.title, article.text, article.published_at, with_people=RULE.who_penalty < 1)
    candidates = _candidates(unit, article.published_at)
    best, score = _best(candidates, unit, dense, anchors, article.published_at, RULE.threshold)
    return Choice(unit, dense, anchors, best, score, [c for c in candidates if c is not best])


def settle(article: Article, choice: Choice) -> Story:
    """Join or start, then look once more for a twin started meanwhile, or a story converged with it."""
    try:
        if choice.story is not None:
            story = _join(choice.story.pk, article, choice, choice.score)
        else:
            story = _start(article, choice)
    except IntegrityError as error:
        return _placed_meanwhile(article, error)
    if choice.story is not None:
        if not _merge_converged(story, choice.others):
            return story
    else:
        recent = _candidates(choice.unit, article.published_at, exclude=story.pk,
                             started_after=story.created_at - RACE_WINDOW)
        twin, _ = _best(recent, choice.unit, choice.dense, choice.anchors, article.published_at, RULE.threshold)
        if twin is None:
            return story
        _merge(twin.pk, story.pk)
    return StoryMember.objects.select_related("story").get(article=article).story


def _placed_meanwhile(article: Article, error: IntegrityError) -> Story:
    """Another worker put the article in a story after this one looked (a sweep and the worker that
    stored it, both on one article): its placement stands, and this one's join or start rolled back."""
    existing = StoryMember.objects.filter(article=article).select_related("story").first()
    if existing is None:
        raise error  # not the membership's uniqueness: not this race
    log.info("article %s was placed in story %s by another worker meanwhile", article.pk, existing.story_id)
    return existing.story


def _idf() -> dict[str, float]:
    from localwire.nlp.topics import topic_model

    return topic_model().idf_table()


def _best(candidates: list[Story], unit: dict, dense, anchors: Anchors, when, threshold: float):
    best, best_score = None, threshold
    for story in candidates:
        score = RULE.score(unit, dense, story.vector, embedding.from_bytes(story.dense), when, story.last_seen,
                           anchors=anchors, story_anchors=story.anchors, floor=best_score)
        if score >= best_score:
            best, best_score = story, score
    return best, best_score


def _story_of_group_mate(article: Article) -> Story | None:
    membership = getattr(article, "syndication", None)
    if membership is None:
        return None
    mate = (StoryMember.objects.filter(article__syndication__group_id=membership.group_id)
            .exclude(article=article).select_related("story").first())
    return mate.story if mate is not None else None


def _candidates(unit: dict, when, exclude=None, started_after=None) -> list[Story]:
    """Recent stories sharing the most heavy terms with the article."""
    terms = StoryTerm.objects.filter(term__in=heaviest(unit), last_seen__gte=when - RULE.window,
                                     story__first_seen__lte=when + RULE.window)
    if exclude is not None:
        terms = terms.exclude(story_id=exclude)
    if started_after is not None:
        terms = terms.filter(story__created_at__gte=started_after)
    ids = [row["story_id"] for row in terms.values("story_id").annotate(shared=Count("id"))
           .order_by("-shared", "-story_id")[:RULE.max_candidates]]
    return list(Story.objects.filter(pk__in=ids).only("vector", "dense", "anchors", "last_seen"))


def _start(article: Article, choice: Choice) -> Story:
    with transaction.atomic():
        story = Story.objects.create(headline=article.title[:500], headline_score=1.0,
                                     first_seen=article.published_at, last_seen=article.published_at,
                                     article_count=1, outlet_count=1, vector=add_vectors({}, choice.unit),
                                     dense=embedding.to_bytes(choice.dense), anchors=choice.anchors.as_counts())
        StoryMember.objects.create(article=article, story=story, score=1.0)
        _file(story)
        pending.mark(pending.Step.PAGE, [article.pk])  # the sweep rebuilds the story's blocks with its own
    return story


def _join(story_id: int, article: Article, choice: Choice | None, score: float) -> Story:
    """``choice`` None: a syndicated copy, which joins without weighing twice."""
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=current_story(story_id).pk)  # merged meanwhile?
        new_outlet = not story.members.filter(article__publisher_id=article.publisher_id).exists()
        StoryMember.objects.create(article=article, story=story, score=round(score, 3))
        pending.mark(pending.Step.PAGE, [article.pk])  # and its story's coverage, which every member's page shows
        filed = heaviest(story.vector)
        if choice is not None:
            story.vector = add_vectors(story.vector, choice.unit)
            story.dense = _dense_sum(story.dense, choice.dense)
            story.anchors = add_counts(story.anchors, choice.anchors.as_counts())
            centrality = similarity(choice.unit, story.vector)
            if centrality > story.headline_score * 0.95:  # the most central article names the story
                story.headline, story.headline_score = article.title[:500], centrality
        story.first_seen = min(story.first_seen, article.published_at)
        seen, story.last_seen = story.last_seen, max(story.last_seen, article.published_at)
        if choice is not None and heaviest(story.vector) != filed:
            _file(story)
        elif story.last_seen != seen:
            StoryTerm.objects.filter(story=story).update(last_seen=story.last_seen)
        story.article_count += 1
        story.outlet_count += new_outlet
        story.save()
    return story


def _merge_converged(story: Story, others: list[Story]) -> bool:
    unit = unit_vector(story.vector)
    summed = embedding.from_bytes(story.dense)
    dense = summed / (float((summed @ summed) ** 0.5) or 1.0) if summed is not None else None
    other, _ = _best(others, unit, dense, Anchors.of_story(story.anchors), story.last_seen, RULE.merge_threshold)
    if other is not None:
        _merge(other.pk, story.pk)
    return other is not None


def _merge(keep_id: int, gone_id: int) -> None:
    """The younger story's articles move into the older one; a story already merged away is skipped."""
    keep_id, gone_id = min(keep_id, gone_id), max(keep_id, gone_id)
    with transaction.atomic():
        rows = {s.pk: s for s in Story.objects.select_for_update().filter(pk__in=[keep_id, gone_id]).order_by("pk")}
        keep, gone = rows.get(keep_id), rows.get(gone_id)
        if keep is None or gone is None:
            return
        StoryMember.objects.filter(story=gone).update(story=keep)
        pending.mark(pending.Step.PAGE, StoryMember.objects.filter(story=keep).values_list("article_id", flat=True)[:1])
        keep.vector = add_vectors(keep.vector, gone.vector)
        keep.dense = _dense_sum(keep.dense, embedding.from_bytes(gone.dense))
        keep.anchors = add_counts(keep.anchors, gone.anchors)
        if gone.headline_score > keep.headline_score:
            keep.headline, keep.headline_score = gone.headline, gone.headline_score
        keep.first_seen, keep.last_seen = min(keep.first_seen, gone.first_seen), max(keep.last_seen, gone.last_seen)
        MergedStory.objects.filter(story=gone).update(story=keep)
        gone.delete()
        MergedStory.objects.create(old_id=gone_id, story=keep)
        _count(keep)
        keep.save()
        _file(keep)
    log.info("story %s merged into story %s", gone_id, keep_id)


def _dense_sum(stored: bytes | None, dense):
    current = embedding.from_bytes(stored)
    if dense is None:
        return stored
    return embedding.to_bytes(dense if current is None else current + dense)


def after_member_left(story_id: int) -> None:
    """A member article was deleted (its publisher took it down): recount and re-date the story and,
    if the headline was that article's title, re-head it; a story left with no member is deleted."""
    story = Story.objects.filter(pk=story_id).first()
    if story is None:
        return
    members = Article.objects.filter(story_membership__story=story)
    if not members.exists():
        story.delete()
        return
    dates = members.aggregate(first=Min("published_at"), last=Max("published_at"))
    story.first_seen, story.last_seen = dates["first"], dates["last"]
    _count(story)
    if not members.filter(title=story.headline).exists():
        story.headline = members.order_by("-story_membership__score", "published_at", "pk").first().title[:500]
    story.save(update_fields=["first_seen", "last_seen", "article_count", "outlet_count", "headline"])
    story.terms.update(last_seen=story.last_seen)


def _count(story: Story) -> None:
    story.article_count = story.members.count()
    story.outlet_count = story.members.values("article__publisher").distinct().count()


def _file(story: Story) -> None:
    StoryTerm.objects.filter(story=story).delete()
    StoryTerm.objects.bulk_create(StoryTerm(story=story, term=t[:100], last_seen=story.last_seen)
                                  for t in heaviest(story.vector))


WAIT_FOR_SYNDICATION = 3  # failed tries of an article's syndication before its story goes ahead without it


def assign_pending(limit: int = 2000) -> int:
    """Articles stored but in no story yet (a crash, a failure, or stored before stories existed):
    the ones marked as owing a story. A copy joins its original's story, so an article still owed
    its syndication waits for it, unless that has failed a few times: then it is placed by its words."""
    def still_syndicating(ids):
        return owed_among(Step.SYNDICATION, ids, tried_under=WAIT_FOR_SYNDICATION)

    articles = Article.objects.select_related("syndication")
    return catch_up(Step.STORY, assign_story, limit, articles, skip=still_syndicating)
