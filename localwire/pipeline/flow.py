"""The whole flow after the stages, in order, declared once.

    fetch_feed → parse_feed → fetch_page → extract → normalise   (``stages.py``: plain functions)
    → store the article                                          (``runner.py``: the only writer)
    → syndicate → story → search index                           (``AFTER_STORE`` below, per article)
    → understand, in batches over stored articles                (``reanalyze.analyse_stale``)

The runner walks ``AFTER_STORE`` for each article it has just stored (``after_store``). A crawl
tick (``crawl.py``) and the Celery beat (``tasks.py``) both run ``recover``: every step's sweep,
in the same order, for the articles a crash or a failure left without it. Understanding is not a
step here: it reads many texts at once and is claimed batch by batch, so it runs after the sweeps
in a crawl tick and on its own beat in Celery; it also writes through the runner, which walks this
module, so naming it here would make a circle.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from localwire.articles.models import Article
from localwire.search.index import index_articles, index_pending
from localwire.stories.assign import assign_pending, assign_story
from localwire.stories.syndicated import syndicate, syndicate_pending

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    """One step after an article is stored.

    ``run`` does it for one article the moment it is stored; ``sweep`` does it for every stored
    article still without it, oldest first, and says how many it tried. A step that reads what an
    earlier one wrote (a story joins the story of its syndicated original) ``needs_earlier``: when
    an earlier step failed for the article it is left to the sweeps, which run in order."""

    name: str
    run: Callable[[Article], object]
    sweep: Callable[[], int]
    needs_earlier: bool = False


def index_article(article: Article) -> None:
    """Searchable as soon as it is stored."""
    index_articles([article.pk])


AFTER_STORE = (
    Step("syndication", syndicate, syndicate_pending),
    Step("story assignment", assign_story, assign_pending, needs_earlier=True),
    Step("search indexing", index_article, index_pending),
)


def after_store(article: Article) -> None:
    """Every step for a newly stored article. A failure is logged, never raised: the article is
    stored whatever happens here, and the next sweep does what was missed."""
    failed = False
    for step in AFTER_STORE:
        if failed and step.needs_earlier:
            continue
        try:
            step.run(article)
        except Exception:
            failed = True
            log.exception("%s failed for article %s; the next sweep retries it", step.name, article.pk)


def recover() -> None:
    """What a crawl tick and the Celery beat both run: each step's sweep, in the flow's order, so
    originals are grouped before stories read the groups."""
    for step in AFTER_STORE:
        step.sweep()
