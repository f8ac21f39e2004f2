"""Keeping the search index in step with the articles: plain functions the pipeline calls.

``index_articles`` runs right after an article is stored and after its analysis is stored, and
clears the articles' ``search`` marks with the documents it writes; ``index_pending`` (run at the
end of every crawl) indexes the articles still marked: whatever a crash or a failure left out, and,
once after ``DOCUMENT_VERSION`` changes, what an older version wrote; ``reindex_all`` is
``localwire reindex-search``.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from localwire.articles import pending
from localwire.articles.models import Article
from localwire.articles.pending import Step, mark_new_version, owed
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
        read_at = timezone.now()
        documents = build_documents(ids[start:start + BATCH])
        with transaction.atomic():
            first = {d.article_id for d in documents} if recount else _first_time(documents)
            backend().write(documents, timezone.now())
            vocabulary.note(documents, first)
            pending.done(Step.SEARCH, ids[start:start + BATCH], read_at)  # with the documents: a crash keeps both
        done += len(documents)
    return done


def _first_time(documents) -> set[int]:
    """Articles whose words are not counted yet: never indexed, or indexed before the vocabulary."""
    counted = SearchDocument.objects.filter(article_id__in=[d.article_id for d in documents],
                                            version__gte=VOCABULARY_SINCE).values_list("article_id", flat=True)
    return {d.article_id for d in documents} - set(counted)


def index_quietly(article_ids) -> None:
    """For the pipeline: a search index failure is logged and the articles marked as owing their
    documents, so ``index_pending`` retries them; callers that must survive a crash mark first."""
    try:
        index_articles(article_ids)
    except Exception:
        log.exception("search indexing failed for articles %s; the next crawl retries", list(article_ids)[:20])
        try:
            pending.mark(Step.SEARCH, article_ids)
        except Exception:
            log.exception("the search marks could not be written either")


def pending_ids(limit: int | None = None) -> list[int]:
    """Articles owed a search document, latest first; the first call after ``DOCUMENT_VERSION``
    changes marks those an older version wrote (or none did) first."""
    stale = Q(search_document__isnull=True) | Q(search_document__version__lt=DOCUMENT_VERSION)
    mark_new_version(Step.SEARCH, str(DOCUMENT_VERSION),
                     Article.objects.filter(stale))
    return owed(Step.SEARCH, limit, newest_first=True)


def index_pending(limit: int = 5000) -> int:
    """Articles owed a search document (see ``pending_ids``). Logs a failure rather than raise it,
    as it runs at the end of a crawl whose work is already stored; an article whose document
    cannot be written keeps its mark and waits longer before each new try."""
    ids = []
    try:
        ids = pending_ids(limit)
        return index_articles(ids)
    except Exception:
        log.exception("search indexing of pending articles failed; trying them one by one")
    written = 0
    for pk in ids:
        try:
            written += index_articles([pk])
        except Exception:
            log.exception("search indexing failed for article %s; it is tried again later", pk)
            pending.failed(Step.SEARCH, [pk])
    return written


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
