"""Keeping the search index in step with the articles: plain functions the pipeline calls.

``index_articles`` runs right after an article is stored and after its analysis is stored;
``index_pending`` (run at the end of every crawl) catches whatever a crash or a failure left out,
or what an older ``DOCUMENT_VERSION`` wrote; ``reindex_all`` is ``localwire reindex-search``.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from localwire.articles.models import Article
from localwire.search import vocabulary
from localwire.search.backends import backend
from localwire.search.documents import DOCUMENT_VERSION, VOCABULARY_SINCE, build_documents
from localwire.search.models import SearchDocument

BATCH = 200
log = logging.getLogger(__name__)


def index_articles(article_ids, recount: bool = False) -> int:
    """(Re)write the search entries of these articles and their words in the vocabulary; returns
    how many were written. ``recount`` counts every article's words, as after ``vocabulary.clear``."""
    ids = sorted(set(article_ids))
    done = 0
    for start in range(0, len(ids), BATCH):
        documents = build_documents(ids[start:start + BATCH])
        with transaction.atomic():
            first = {d.article_id for d in documents} if recount else _first_time(documents)
            backend().write(documents, timezone.now())
            vocabulary.note(documents, first)
        done += len(documents)
    return done


def _first_time(documents) -> set[int]:
    """Articles whose words are not counted yet: never indexed, or indexed before the vocabulary."""
    counted = SearchDocument.objects.filter(article_id__in=[d.article_id for d in documents],
                                            version__gte=VOCABULARY_SINCE).values_list("article_id", flat=True)
    return {d.article_id for d in documents} - set(counted)


def index_quietly(article_ids) -> None:
    """For the pipeline: a search index failure is logged, never lost work; ``index_pending`` retries."""
    try:
        index_articles(article_ids)
    except Exception:
        log.exception("search indexing failed for articles %s; the next crawl retries", list(article_ids)[:20])


def pending_ids(limit: int | None = None) -> list[int]:
    stale = Q(search_document__isnull=True) | Q(search_document__version__lt=DOCUMENT_VERSION)
    qs = Article.objects.filter(stale).order_by("pk").values_list("pk", flat=True)
    return list(qs[:limit] if limit else qs)


def index_pending(limit: int = 5000) -> int:
    """Articles not indexed yet, or indexed from an older kind of document. Logs a failure rather
    than raise it, as it runs at the end of a crawl whose work is already stored."""
    try:
        return index_articles(pending_ids(limit))
    except Exception:
        log.exception("search indexing of pending articles failed; the next crawl retries")
        return 0


def reindex_all(progress=None) -> int:
    """Every article again, in id order and in batches, so a large site shows progress; the
    vocabulary is counted afresh, which drops the words of deleted articles."""
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    vocabulary.clear()
    done = 0
    for start in range(0, len(ids), BATCH):
        done += index_articles(ids[start:start + BATCH], recount=True)
        if progress:
            progress("articles", min(start + BATCH, len(ids)), len(ids))
    return done
