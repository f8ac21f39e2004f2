"""Syndication in the database: an article joins the group of the stored copy it repeats.

The signature's bands are rows (``LshBand``), so any worker on any machine finds candidates with
one indexed query; the candidates' texts are then compared exactly (``syndication.containment``).
"""

from __future__ import annotations

import logging
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Count, Q

from localwire.articles.models import Article
from localwire.stories.models import LshBand, SyndicatedCopy, SyndicationGroup
from localwire.stories.syndication import (
    MIN_CONTAINMENT, MIN_SHINGLES, Copy, band_keys, choose_original, containment, shingles, signature,
)

MAX_CANDIDATES = 50  # the most band-sharing stored articles compared exactly
log = logging.getLogger(__name__)


def syndicate(article: Article) -> SyndicationGroup:
    """Put a stored article in its syndication group (a new one if it repeats nothing). Idempotent."""
    existing = SyndicatedCopy.objects.filter(article=article).select_related("group").first()
    if existing is not None:
        return existing.group
    found = shingles(article.text)
    # Too short a text cannot be told from a coincidence: it stands alone and is never a candidate.
    keys = band_keys(signature(found)) if len(found) >= MIN_SHINGLES else []
    match, score = _best_match(article, found, keys) if keys else (None, 1.0)
    with transaction.atomic():
        group = match.syndication.group if match is not None else SyndicationGroup.objects.create()
        SyndicatedCopy.objects.create(article=article, group=group, containment=round(score, 3))
        LshBand.objects.bulk_create(LshBand(article=article, band=b, key=k) for b, k in keys)
        _name_original(group)
    return group


def _best_match(article: Article, found: set[str], keys) -> tuple[Article | None, float]:
    bands = reduce(or_, (Q(band=b, key=k) for b, k in keys))
    ids = [row["article_id"] for row in LshBand.objects.filter(bands).exclude(article=article)
           .values("article_id").annotate(n=Count("id")).order_by("-n")[:MAX_CANDIDATES]]
    best, best_score = None, 0.0
    for other in Article.objects.filter(pk__in=ids, syndication__isnull=False).select_related("syndication__group"):
        score = containment(found, shingles(other.text))
        if score > best_score:
            best, best_score = other, score
    return (best, best_score) if best_score >= MIN_CONTAINMENT else (None, 1.0)


def _name_original(group: SyndicationGroup) -> None:
    members = list(Article.objects.filter(syndication__group=group).select_related("publisher"))
    chosen = choose_original([Copy(a.pk, a.published_at, a.agency, a.publisher.name) for a in members])
    if group.original_id != chosen.id:
        SyndicationGroup.objects.filter(pk=group.pk).update(original_id=chosen.id)
        group.original_id = chosen.id


def syndicate_pending(limit: int = 2000) -> int:
    """Articles stored but never grouped (a crash between the two steps, or stored before this
    existed); oldest first, so originals are grouped before their copies."""
    done = 0
    for article in Article.objects.filter(syndication__isnull=True).order_by("published_at", "pk")[:limit]:
        try:
            syndicate(article)
        except Exception:  # one bad article must not stop the rest
            log.exception("syndication failed for article %s", article.pk)
        done += 1
    return done
