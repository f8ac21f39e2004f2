"""Syndication in the database: an article joins the group of the stored copy it repeats.

The signature's bands are rows (``LshBand``), so any worker on any machine finds candidates with
one indexed query; the candidates' texts are then compared exactly (``syndication.containment``).

Copies of one wire story often arrive together, and two workers storing them at once may each look
before the other's bands are written: both would found a group. So an article that matched nothing
looks once more while holding the founding lock (``founding_lock``), among the candidates written
since, and only then founds a group: foundings happen one at a time, as if articles came in turn.
"""

from __future__ import annotations

from collections import Counter

from django.db import connection, transaction

from localwire.articles.models import Article
from localwire.articles.pending import Step
from localwire.stories.catchup import catch_up
from localwire.stories.models import LshBand, SyndicatedCopy, SyndicationGroup
from localwire.stories.syndication import (
    MIN_CONTAINMENT, MIN_SHINGLES, Copy, band_keys, choose_original, containment, shingles, signature,
)

MAX_CANDIDATES = 50  # the most band-sharing stored articles compared exactly
CLEAR_COPY = 0.95  # containment at which the search stops


def syndicate(article: Article) -> SyndicationGroup:
    """Put a stored article in its syndication group (a new one if it repeats nothing). Idempotent."""
    existing = SyndicatedCopy.objects.filter(article=article).select_related("group").first()
    if existing is not None:
        return existing.group
    found = shingles(article.text)
    # Too short a text cannot be told from a coincidence: it stands alone and is never a candidate.
    keys = band_keys(signature(found)) if len(found) >= MIN_SHINGLES else []
    seen = band_candidates(keys, exclude=[article.pk]) if keys else []
    match, score = _best_match(found, seen)
    with transaction.atomic():
        if keys and match is None:  # about to found a group: look again, one founder at a time
            founding_lock()
            match, score = _best_match(found, band_candidates(keys, exclude=[article.pk, *seen]))
        group = match.syndication.group if match is not None else SyndicationGroup.objects.create()
        SyndicatedCopy.objects.create(article=article, group=group, containment=round(score, 3))
        LshBand.objects.bulk_create(LshBand(article=article, band=b, key=k) for b, k in keys)
        _name_original(group)
    return group


FOUNDING_LOCK = 0x4C57_5359  # PostgreSQL advisory lock key ("LWSY")


def founding_lock() -> None:
    """Held until the transaction ends. On PostgreSQL an advisory lock, so workers on every machine
    found groups in turn; on SQLite the IMMEDIATE transaction holds the database's write lock already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FOUNDING_LOCK])


def band_candidates(keys, *, exclude=(), limit: int = MAX_CANDIDATES) -> list[int]:
    """Ids of stored articles sharing a band with ``keys``, most shared bands first.

    Public because other rules ask the same question of a text that is not an article (a
    contributor's post): they must find candidates exactly as syndication does.
    """
    # One IN list over the indexed keys (an OR of 42 band/key pairs costs more to build than to run);
    # a key is a hash of three values, so checking its band again in Python is exact and cheap.
    wanted = set(keys)
    shared: Counter = Counter()
    rows = LshBand.objects.filter(key__in=[k for _, k in keys])
    if exclude:
        rows = rows.exclude(article_id__in=list(exclude))
    for article_id, band, key in rows.values_list("article_id", "band", "key"):
        if (band, key) in wanted:
            shared[article_id] += 1
    return [article_id for article_id, _ in shared.most_common(limit)]


def _best_match(found: set[str], ids: list[int]) -> tuple[Article | None, float]:
    """The candidate (of ``ids``, most shared bands first) whose text ``found`` repeats most, if enough."""
    best, best_score = None, 0.0
    by_id = Article.objects.filter(pk__in=ids, syndication__isnull=False).select_related("syndication__group").in_bulk()
    for other in (by_id[i] for i in ids if i in by_id):
        score = containment(found, shingles(other.text))
        if score > best_score:
            best, best_score = other, score
        if best_score >= CLEAR_COPY:
            break  # a near-exact copy; the rest cannot change the group
    return (best, best_score) if best_score >= MIN_CONTAINMENT else (None, 1.0)


def after_copy_left(group_id: int) -> None:
    """A copy was deleted (its publisher took it down): name the group's original again, or delete
    the group when no copy is left."""
    group = SyndicationGroup.objects.filter(pk=group_id).first()
    if group is None:
        return
    if not Article.objects.filter(syndication__group=group).exists():
        group.delete()
        return
    _name_original(group)


def _name_original(group: SyndicationGroup) -> None:
    members = Article.objects.filter(syndication__group=group).values_list("pk", "published_at", "agency",
                                                                            "publisher__name")
    chosen = choose_original([Copy(*row) for row in members])
    if group.original_id != chosen.id:
        SyndicationGroup.objects.filter(pk=group.pk).update(original_id=chosen.id)
        group.original_id = chosen.id
    # Every copy but the original is listed under it; a group is a handful of rows.
    Article.objects.filter(syndication__group=group).exclude(pk=chosen.id).exclude(folded=True).update(folded=True)
    Article.objects.filter(pk=chosen.id, folded=True).update(folded=False)


def syndicate_pending(limit: int = 2000) -> int:
    """Articles stored but not grouped yet (a crash between the two steps, a failure, or stored
    before this existed): the ones marked as owing syndication."""
    return catch_up(Step.SYNDICATION, syndicate, limit)
