"""Re-run understanding where the analyser's version changed (or for everything asked for).

Several workers may run this at once (Celery beat on many machines, or a CLI
run beside the worker): each batch is claimed with a lease first, so an
article is analysed by one of them; a lease left by a dead worker runs out.
The leases are the runner's to write (``runner.claim_for_analysis``); this
module decides what to understand and in what batches.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import connections
from django.db.models import Q
from django.utils import timezone

from localwire.articles import pending
from localwire.articles.models import Article
from localwire.articles.pending import Step
from localwire.channels.queries import inferred_home
from localwire.channels.store import store_analysis
from localwire.channels.successors import settle
from localwire.nlp.analysis import Analysis
from localwire.pipeline.runner import (
    analysis_unclaimed, claim_for_analysis, mark_analysis_failed, release_analysis,
)
from localwire.search.index import index_quietly

BATCH = 32
log = logging.getLogger(__name__)


def stale_article_ids(since: datetime | None = None, everything: bool = False) -> list[int]:
    """What ``localwire reanalyze`` reads: the whole archive compared with the analyser's version
    (or everything), for an operator who asks; the pipeline reads the marks instead."""
    from localwire.nlp.analyze import ANALYZER_VERSION

    qs = Article.objects.all() if everything else Article.objects.exclude(analysis_version=ANALYZER_VERSION)
    qs = qs.filter(analysis_unclaimed(timezone.now()))
    if since is not None:
        qs = qs.filter(published_at__gte=since)
    return list(qs.order_by("-published_at").values_list("pk", flat=True))


def owed_analysis(limit: int | None = None) -> list[int]:
    """Articles marked as owing understanding that no worker holds, newest first. The first call
    after ANALYZER_VERSION changes marks every article an older analyser read (once)."""
    from localwire.nlp.analyze import ANALYZER_VERSION

    stale = Article.objects.exclude(analysis_version=ANALYZER_VERSION)
    pending.mark_new_version(Step.ANALYSIS, ANALYZER_VERSION, stale)
    unclaimed = Q(article__analysis_claimed_until__isnull=True) | Q(article__analysis_claimed_until__lt=timezone.now())
    return pending.owed(Step.ANALYSIS, limit, unclaimed, newest_first=True)


def reanalyze(ids: list[int], progress=None) -> int:
    """Understand the given articles, skipping those another worker holds; returns how many were done."""
    from localwire.nlp.analyze import ArticleInput

    done, homes = 0, {}
    for start in range(0, len(ids), BATCH):
        read_at = timezone.now()
        claimed = claim_for_analysis(ids[start:start + BATCH])
        articles = list(Article.objects.filter(pk__in=claimed).select_related("publisher")
                        .prefetch_related("images"))
        inputs = [ArticleInput(title=a.title, text=a.text, url=a.url, publisher=a.publisher.name,
                               authors=tuple(a.authors), agency=a.agency, language=a.language,
                               home=_home(a.publisher, homes),
                               captions=tuple(i.caption for i in a.images.all() if i.caption))
                  for a in articles]
        left: set[int] = set()
        understood, failed = [], []
        # New names to search and new chips on the page: owed before they change, so a crash between
        # the two costs a repeat; the index clears its marks as it writes.
        pending.mark(Step.SEARCH, claimed)
        pending.mark(Step.PAGE, claimed)
        for article, analysis in zip(articles, _analyse(inputs)):
            if analysis is None:
                _mark_failed(article)
                failed.append(article.pk)
            else:
                left |= store_analysis(article, analysis)
                understood.append(article.pk)
        settle(left)  # channels this batch emptied redirect to what they became
        index_quietly([a.pk for a in articles])  # the new entity, place and topic names become searchable
        pending.done(Step.ANALYSIS, understood, read_at)
        pending.failed(Step.ANALYSIS, failed)  # tried again later, after a longer wait each time
        release_analysis(claimed)
        done += len(articles)
        if progress:
            progress("articles", min(start + BATCH, len(ids)), len(ids))
    return done


def _home(publisher, homes: dict) -> str:
    """The operator's home city for the publisher, else the one its stored articles point to."""
    if publisher.pk not in homes:
        found = "" if publisher.home_city else inferred_home(publisher.pk)
        homes[publisher.pk] = publisher.home_city or (f"geonames:{found.code}" if found and found.code.isdigit() else "")
    return homes[publisher.pk]


def _analyse(inputs) -> list[Analysis | None]:
    """A batch at once; if a model fails on it, article by article so one bad text costs only itself."""
    from localwire.nlp.analyze import analyze_batch

    try:
        return analyze_batch(inputs)
    except Exception:
        log.exception("analysis of a batch failed; retrying article by article")
    results = []
    for item in inputs:
        try:
            results.append(analyze_batch([item])[0])
        except Exception:
            log.exception("analysis failed for %s", item.url)
            results.append(None)
    return results


def _mark_failed(article) -> None:
    from localwire.nlp.analyze import ANALYZER_VERSION

    mark_analysis_failed(article.pk, ANALYZER_VERSION)


def analyse_stale(progress=None, limit: int | None = None) -> int:
    """Understand the articles owed it (``owed_analysis``, up to ``limit``): new ones, and once after
    the analyser changes every older one; the batch step of the flow, run by a crawl tick and by
    its own Celery beat."""
    try:
        return reanalyze(owed_analysis(limit), progress=progress)
    finally:
        connections.close_all()
