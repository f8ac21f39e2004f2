"""Catching up on stored articles a step after storing never reached.

A crash between storing an article and grouping it (or putting it in a story), a step that failed,
or an article stored before the step existed: each leaves the step's mark (``articles.pending``),
and the step's ``*_pending`` hands the marked articles here. Oldest first, so an original is
grouped before the copies that repeat it and a story starts from its first report. The marks are
the only thing read, so a sweep costs the work owed, not the size of the archive.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db.models import QuerySet
from django.utils import timezone

from localwire.articles import pending
from localwire.articles.models import Article

log = logging.getLogger(__name__)


def catch_up(step: str, run: Callable[[Article], object], limit: int, articles: QuerySet[Article] | None = None,
             skip: Callable[[list[int]], Iterable[int]] | None = None) -> int:
    """Run ``run`` on up to ``limit`` articles owed ``step``, oldest first; returns how many were tried.

    ``articles`` loads them (with what ``run`` reads); ``skip`` names those to leave owed for now.
    A success clears the mark; a failure is logged and keeps it, to be tried later (``pending.failed``),
    so one bad article cannot stop the rest."""
    read_at = timezone.now()
    ids = pending.owed(step, limit)
    if skip is not None and ids:
        waiting = set(skip(ids))
        ids = [pk for pk in ids if pk not in waiting]
    loaded = (articles if articles is not None else Article.objects.all()).in_bulk(ids)
    pending.done(step, [pk for pk in ids if pk not in loaded])  # deleted meanwhile: owed nothing
    tried = 0
    for pk in ids:
        if pk not in loaded:
            continue
        tried += 1
        try:
            run(loaded[pk])
        except Exception:
            log.exception("%s failed for article %s; it is tried again later", step, pk)
            pending.failed(step, [pk])
            continue
        pending.done(step, [pk], read_at)
    return tried
