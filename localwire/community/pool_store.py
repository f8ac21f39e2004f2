"""For you's candidate pool, stored in one row.

The pool (``pool.py``: the newest 500 articles of the last three days with their channels, story and
places) is the same for every reader, and gathering it was most of a For you page's cost. So it is
built when the articles change, by whoever changed them, and kept in the database with the time it
was built; a web process reads that time on each page and decodes the candidates again only when it
moved. Stored as compressed JSON, not pickled: the row is data, never code.
"""

from __future__ import annotations

import json
import logging
import zlib
from datetime import datetime

from django.db import IntegrityError, transaction

from localwire.community.models import StoredPool
from localwire.community.ranking import Candidate, Spot

log = logging.getLogger(__name__)

ROW = 1  # the one row


def built_at() -> datetime | None:
    """When the stored pool was built; None when there is none yet."""
    return StoredPool.objects.filter(pk=ROW).values_list("built_at", flat=True).first()


def load() -> tuple[datetime, list[Candidate]] | None:
    """The stored pool, or None when there is none or it cannot be read (it is then built again)."""
    row = StoredPool.objects.filter(pk=ROW).first()
    if row is None:
        return None
    try:
        return row.built_at, [_candidate(item) for item in json.loads(zlib.decompress(row.candidates))]
    except (zlib.error, ValueError, TypeError, IndexError):
        log.warning("the stored For you pool could not be read; it is built again", exc_info=True)
        return None


def save(candidates: list[Candidate], when: datetime) -> None:
    """Replaces the stored pool. Two builders at once (two workers) are harmless: the last one wins."""
    data = zlib.compress(json.dumps([_row(c) for c in candidates], separators=(",", ":")).encode(), 3)
    if StoredPool.objects.filter(pk=ROW).update(built_at=when, candidates=data):
        return
    try:
        with transaction.atomic():
            StoredPool.objects.create(pk=ROW, built_at=when, candidates=data)
    except IntegrityError:  # another builder created the row first
        StoredPool.objects.filter(pk=ROW).update(built_at=when, candidates=data)


def _row(c: Candidate) -> list:
    return [c.article_id, c.publisher_id, c.publisher_name, c.published_at.isoformat(),
            [list(pair) for pair in c.channels], c.story_id, c.outlets, c.lat, c.lon, c.place_name, c.region,
            [[s.name, s.lat, s.lon, s.region, s.country] for s in c.places]]


def _candidate(row: list) -> Candidate:
    (article_id, publisher_id, publisher_name, published_at, channels, story_id, outlets, lat, lon,
     place_name, region, places) = row
    return Candidate(article_id, publisher_id, publisher_name, datetime.fromisoformat(published_at),
                     tuple((cid, name) for cid, name in channels), story_id, outlets, lat=lat, lon=lon,
                     place_name=place_name, region=region, places=tuple(Spot(*spot) for spot in places))
