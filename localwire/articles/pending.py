"""Marks of work owed to stored articles (``PendingWork``), so each sweep reads what is owed
instead of anti-joining the whole archive.

The contract every step keeps: ``mark`` in the same transaction as the change that makes the
step due; ``done`` only after the step's own writes have committed. Between the two a crash
costs a repeat, never a miss."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from localwire.articles.models import PendingWork

Step = PendingWork.Step
CHUNK = 500  # ids per statement: well under SQLite's variable limit


def mark(step: str, article_ids: Iterable[int]) -> None:
    """Owe ``step`` to these articles; an article already owed it keeps its place in the queue."""
    now = timezone.now()
    rows = [PendingWork(article_id=pk, step=step, since=now) for pk in dict.fromkeys(article_ids)]
    PendingWork.objects.bulk_create(rows, batch_size=CHUNK, ignore_conflicts=True)


def owed(step: str, limit: int) -> list[int]:
    """Up to ``limit`` article ids owed ``step``, longest waiting first."""
    qs = PendingWork.objects.filter(step=step).order_by("since", "article_id")
    return list(qs.values_list("article_id", flat=True)[:limit])


def done(step: str, article_ids: Iterable[int]) -> None:
    ids = list(article_ids)
    for start in range(0, len(ids), CHUNK):
        PendingWork.objects.filter(step=step, article_id__in=ids[start:start + CHUNK]).delete()


def count(step: str) -> int:
    return PendingWork.objects.filter(step=step).count()
