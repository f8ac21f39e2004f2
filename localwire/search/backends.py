"""One search interface over two databases: ``search(query) -> SearchPage``.

The backend is chosen by the connection's vendor. Filters and the folding of syndicated copies
are built once with the ORM and handed to the backend as a subquery, so both databases filter
exactly alike and differ only in how they match and rank text.

Ranking is relevance × recency: the backend's relevance divided by ``1 + age / half-life``, so
an article ``LOCALWIRE_SEARCH_HALF_LIFE_DAYS`` old counts half as much as one from today, a third
at twice that age. The decay is gentle on purpose: a headline match from last week still beats a
passing mention from this morning. Ties fall to the newer article, then the higher id, so pages are stable.

Only the ``RANK_WINDOW`` newest arrivals (highest ids) among the matches the filters allow are
read and ranked: a word common enough to match more than that is a word whose best matches are
mostly recent, and reading every match of "police" (28,000 of 100,000 articles) to sort them by
date made a search's cost grow with the archive (24 ms at 10,000 articles, 160 ms at 100,000 on
SQLite). A query that matches fewer, as a specific one does, has every match ranked, however old.
The count stops at the window as well: ``capped(total)`` says there may be more (the page shows
"2,000 or more results", the API ``total_capped``; no reader pages that deep, ``views.MAX_PAGE``). Arrival order is date
order but for an archive imported later, whose old articles count as new arrivals for this choice
(recency still ranks them down within it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from localwire.articles.models import Article
from localwire.channels.models import PLACE_KINDS, ArticleChannel, Channel
from localwire.search import postgres, sqlite
from localwire.search.query import SearchQuery

BACKENDS = {"sqlite": sqlite, "postgresql": postgres}
RANK_WINDOW = 2000  # newest matches read and ranked, and counted; beyond the deepest page a reader can open


@dataclass(frozen=True)
class Hit:
    article_id: int
    score: float


@dataclass(frozen=True)
class SearchPage:
    hits: list[Hit]  # best first
    total: int  # matches over all pages, counted up to RANK_WINDOW
    message: str = ""  # why nothing was searched (empty or too long a query), for the reader


class SearchUnavailable(RuntimeError):
    """The database is neither SQLite nor PostgreSQL."""


def backend():
    try:
        return BACKENDS[connection.vendor]
    except KeyError:
        raise SearchUnavailable(f"full-text search is not built for {connection.vendor}") from None


def search(query: SearchQuery) -> SearchPage:
    if not query.terms:
        return SearchPage([], 0, query.terms.message)
    rows, total = backend().search(query.terms, allowed, query, settings.LOCALWIRE_SEARCH_HALF_LIFE_DAYS,
                                   RANK_WINDOW)
    return SearchPage([Hit(pk, score) for pk, score in rows], total)


def capped(total: int) -> bool:
    """Whether a count stopped at the window: there are at least this many matches, maybe more."""
    return total >= RANK_WINDOW


def articles_with_phrase(words: tuple[str, ...], limit: int) -> list[int]:
    """Ids of up to ``limit`` indexed articles holding these words in this order, every article
    (syndicated copies too): for rules that look for a passage of a text among stored articles."""
    return backend().phrase_ids(tuple(words), limit) if words else []


def allowed(query: SearchQuery, article: str, fence: str = "") -> tuple[str, list]:
    """SQL and parameters of a condition on the article aliased ``article``: the one its syndication
    group shows (``fold_copies``' column, read from the row the match already joined) and, when any
    filter is set, an EXISTS subquery with a row when the filters allow it, so each match is looked up
    by its id rather than the whole archive listed first. ``fence`` ends that subquery (PostgreSQL's
    ``OFFSET 0``, which keeps it a lookup). With no filter there is no subquery: it was a second
    lookup of the same row for each of up to ``RANK_WINDOW`` matches."""
    shown = f"NOT {article}.folded"
    conditions = [Q(publisher__slug=query.publisher)] if query.publisher else []
    if query.topic:
        conditions.append(Q(pk__in=_linked([Channel.Kind.TOPIC], query.topic)))
    if query.place:
        conditions.append(Q(pk__in=_linked(PLACE_KINDS, query.place)))
    if query.since:
        conditions.append(Q(published_at__gte=query.since))
    if query.until:
        conditions.append(Q(published_at__lt=query.until))
    if not conditions:
        return shown, []
    qs = Article.objects.filter(*conditions, pk=RawSQL(f"{article}.id", ()))
    sql, params = qs.order_by().values("pk").query.sql_with_params()
    return f"{shown} AND EXISTS ({sql}{fence})", list(params)


def _linked(kinds, slug: str):
    """Articles linked to the channel of that slug, or to the one an operator merged that slug into,
    so a bookmarked search keeps working after a merge."""
    channels = Channel.objects.filter(Q(slug=slug) | Q(aliases__slug=slug, aliases__kind__in=kinds), kind__in=kinds)
    return ArticleChannel.objects.filter(channel__in=channels.values("pk")).values("article_id")
