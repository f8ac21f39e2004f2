"""Marks of work owed to stored articles (``PendingWork``), so each sweep reads what is owed
instead of anti-joining the whole archive.

The contract every step keeps: ``mark`` in the same transaction as the change that makes the
step due; ``done`` only after the step's own writes have committed. Between the two a crash
costs a repeat, never a miss. A mark made again while a step runs is stamped anew (``marked_at``),
and ``done(…, read_at=…)`` leaves it: the step read the article before that change, so it is owed
once more. A step that fails keeps its mark (``failed``): it is tried again
later, each time after a longer wait, so one article that always fails costs a try now and then
instead of one every tick, and is never dropped (a fixed bug then finishes it).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.db import connections, transaction
from django.db.models import DateTimeField, Q, QuerySet, Value
from django.db.models.functions import Least
from django.utils import timezone

from localwire.articles.models import PendingVersion, PendingWork

Step = PendingWork.Step
CHUNK = 500  # ids per statement: well under SQLite's variable limit
# Every step a newly stored article owes: the runner and a published post mark these with the row.
STORED = (Step.SYNDICATION, Step.STORY, Step.SEARCH, Step.ANALYSIS, Step.PAGE)
FIRST_RETRY = timedelta(minutes=1)  # doubled after each failure...
LAST_RETRY = timedelta(hours=6)  # ...up to this


def mark(step: str, article_ids: Iterable[int]) -> None:
    """Owe ``step`` to these articles; an article already owed it keeps its place in the queue and
    is stamped as marked now, so a step that read it earlier does not clear the new change."""
    now = timezone.now()
    rows = [PendingWork(article_id=pk, step=step, since=now, marked_at=now) for pk in dict.fromkeys(article_ids)]
    PendingWork.objects.bulk_create(rows, batch_size=CHUNK, update_conflicts=True,
                                    unique_fields=["step", "article"], update_fields=["marked_at"])


def mark_stored(article_id: int) -> None:
    """Every step a newly stored article owes, in one statement; call it in the storing transaction."""
    now = timezone.now()
    rows = [PendingWork(article_id=article_id, step=step, since=now, marked_at=now) for step in STORED]
    PendingWork.objects.bulk_create(rows, ignore_conflicts=True)


def mark_where(step: str, articles: QuerySet) -> int:
    """Owe ``step`` to every article of ``articles``, in one INSERT … SELECT on the database, each
    placed in the queue by its publication time (never later than now, should a feed misdate one).
    For the few whole-archive passes: a new analyser, a new kind of search document. Returns how
    many marks were new."""
    now = Value(timezone.now(), output_field=DateTimeField())
    rows = articles.annotate(queued=Least("published_at", now)).values_list("pk", "queued")
    sql, params = rows.query.sql_with_params()
    connection = connections[rows.db]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in ("article_id", "since", "step", "attempts", "marked_at"))
    # "WHERE true": SQLite reads "ON CONFLICT" after a bare FROM as part of a join without it.
    statement = (f"INSERT INTO {quote(PendingWork._meta.db_table)} ({columns}) "
                 f"SELECT q.*, %s, 0, %s FROM ({sql}) q WHERE true ON CONFLICT DO NOTHING")
    with connection.cursor() as cursor:
        cursor.execute(statement, (step, connection.ops.adapt_datetimefield_value(now.value), *params))
        return max(cursor.rowcount, 0)


def owed(step: str, limit: int | None, articles: Q | None = None, newest_first: bool = False) -> list[int]:
    """Up to ``limit`` ids of articles owed ``step`` and due now, longest waiting first (or, with
    ``newest_first``, latest first: readers look at new articles before old ones). ``articles``
    narrows them by the article's own columns, e.g. ``Q(article__…)``."""
    qs = PendingWork.objects.filter(step=step, since__lte=timezone.now())
    if articles is not None:
        qs = qs.filter(articles)
    qs = qs.order_by("-since", "-article_id") if newest_first else qs.order_by("since", "article_id")
    ids = qs.values_list("article_id", flat=True)
    return list(ids[:limit] if limit is not None else ids)


def owed_among(step: str, article_ids: Iterable[int], tried_under: int | None = None) -> set[int]:
    """Which of these articles still owe ``step`` (failed fewer than ``tried_under`` times, if given)."""
    ids, found = list(article_ids), set()
    for start in range(0, len(ids), CHUNK):
        qs = PendingWork.objects.filter(step=step, article_id__in=ids[start:start + CHUNK])
        if tried_under is not None:
            qs = qs.filter(attempts__lt=tried_under)
        found.update(qs.values_list("article_id", flat=True))
    return found


def done(step: str, article_ids: Iterable[int], read_at=None) -> None:
    """The step is done for these articles. ``read_at``: when the step began reading them; a mark
    made again after it stays owed."""
    ids = list(article_ids)
    for start in range(0, len(ids), CHUNK):
        marks = PendingWork.objects.filter(step=step, article_id__in=ids[start:start + CHUNK])
        if read_at is not None:
            marks = marks.filter(marked_at__lte=read_at)
        marks.delete()


def failed(step: str, article_ids: Iterable[int]) -> None:
    """The step failed for these articles: they keep the mark, and wait longer before each new try."""
    now = timezone.now()
    with transaction.atomic():
        for work in PendingWork.objects.filter(step=step, article_id__in=list(article_ids)):
            work.attempts = min(work.attempts + 1, 1000)
            work.since = now + retry_after(work.attempts)
            work.save(update_fields=["attempts", "since"])


def retry_after(attempts: int) -> timedelta:
    return min(FIRST_RETRY * 2 ** min(attempts - 1, 20), LAST_RETRY)


def count(step: str) -> int:
    return PendingWork.objects.filter(step=step).count()


def mark_new_version(step: str, version: str, stale: QuerySet) -> int:
    """The first time a sweep runs with a new ``version`` of its code, owe ``step`` to the ``stale``
    articles (see ``mark_where``), and remember the version so it happens once. Costs one
    small read on every other sweep. Returns how many articles were marked."""
    if PendingVersion.objects.filter(step=step, version=version).exists():
        return 0
    with transaction.atomic():
        marked = mark_where(step, stale)
        PendingVersion.objects.update_or_create(step=step, defaults={"version": version,
                                                                     "marked_at": timezone.now()})
    return marked
