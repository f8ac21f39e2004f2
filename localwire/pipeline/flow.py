"""The whole flow after the stages, in order, declared once.

    fetch_feed → parse_feed → fetch_page → extract → normalise   (``stages.py``: plain functions)
    → store the article                                          (``runner.py``: the only writer)
    → syndicate → story → search index                           (``AFTER_STORE`` below, per article)
    → understand, in batches over stored articles                (``reanalyze.analyse_stale``)

The runner walks ``AFTER_STORE`` for each article it has just stored (``after_store``). A crawl
tick (``crawl.py``) and the Celery beat (``tasks.py``) both run ``recover``: every step's sweep,
in the same order, for the articles still marked as owing it (``articles.pending``). Understanding is not a
step here: it reads many texts at once and is claimed batch by batch, so it runs after the sweeps
in a crawl tick and on its own beat in Celery; it also writes through the runner, which walks this
module, so naming it here would make a circle.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from localwire.articles import pending
from localwire.articles.models import Article
from localwire.articles.pending import Step as PendingStep
from localwire.channels.neighbours import refresh_stale_neighbours
from localwire.search.index import index_articles, index_pending
from localwire.stories.assign import assign_pending, assign_story
from localwire.stories.blocks import sweep_pages
from localwire.stories.syndicated import syndicate, syndicate_pending

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    """One step after an article is stored.

    Storing an article marks every step as owed (``articles.pending``, in the storing transaction).
    ``run`` does the step for one article the moment it is stored, and its mark is cleared once it
    has committed; ``sweep`` does it for the marked articles, oldest first, clears the marks of
    those it finished and says how many it tried. A step that reads what an earlier one wrote (a
    story joins the story of its syndicated original) ``needs_earlier``: when an earlier step
    failed for the article it is left to the sweeps, which run in order."""

    name: str
    mark: str  # its ``PendingWork.Step``
    run: Callable[[Article], object]
    sweep: Callable[[], int]
    needs_earlier: bool = False


def index_article(article: Article) -> None:
    """Searchable as soon as it is stored (``index_articles`` clears the mark with the document)."""
    index_articles([article.pk])


AFTER_STORE = (
    Step("syndication", PendingStep.SYNDICATION, syndicate, syndicate_pending),
    Step("story assignment", PendingStep.STORY, assign_story, assign_pending, needs_earlier=True),
    Step("search indexing", PendingStep.SEARCH, index_article, index_pending),
)


def after_store(article: Article) -> None:
    """Every step for a newly stored article. A failure is logged, never raised: the article is
    stored whatever happens here, and its mark stays for the next sweep."""
    failed = False
    for step in AFTER_STORE:
        if failed and step.needs_earlier:
            continue
        try:
            read_at = timezone.now()  # an earlier step may mark this one again: that mark is read here
            step.run(article)
            pending.done(step.mark, [article.pk], read_at)
        except Exception:
            failed = True
            log.exception("%s failed for article %s; the next sweep retries it", step.name, article.pk)


def recover() -> None:
    """What a crawl tick and the Celery beat both run: each step's sweep, in the flow's order, so
    originals are grouped before stories read the groups. Each reads only the marks it owes, so a
    tick with nothing owed costs a few indexed reads however large the archive."""
    for step in AFTER_STORE:
        step.sweep()
    sweep_pages()  # last: the pages' blocks read the groups and stories the steps above wrote
    refresh_stale_neighbours()  # a bounded few channels' related channels, each at most hourly
