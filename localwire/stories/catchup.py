"""Catching up on stored articles a step after storing never reached.

A crash between storing an article and grouping it (or putting it in a story), a step that failed,
or an article stored before the step existed: each step's ``*_pending`` finds those articles and
hands them here. Oldest first, so an original is grouped before the copies that repeat it and a
story starts from its first report.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db.models import QuerySet

from localwire.articles.models import Article

log = logging.getLogger(__name__)


def catch_up(articles: QuerySet[Article], step: Callable[[Article], object], what: str, limit: int) -> int:
    """Run ``step`` on up to ``limit`` of ``articles``, oldest first; returns how many were tried.

    One bad article is logged and passed over, so it cannot stop the rest."""
    done = 0
    for article in articles.order_by("published_at", "pk")[:limit]:
        try:
            step(article)
        except Exception:
            log.exception("%s failed for article %s", what, article.pk)
        done += 1
    return done
