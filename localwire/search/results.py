"""A page of search results as the web page and the API show it: articles in ranked order, each
with its score, its syndicated copies and a snippet."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.db.models import Prefetch

from localwire.articles.bylines import attach_bylines
from localwire.articles.models import Article, Image
from localwire.search.backends import capped, search
from localwire.search.query import SearchQuery
from localwire.search.snippets import Piece, snippet
from localwire.search.spelling import suggest
from localwire.stories.queries import attach_copies


@dataclass
class Result:
    article: Article  # with ``copies`` set, as on the home page
    score: float
    snippet: list[Piece]


@dataclass
class Results:
    items: list[Result]
    total: int
    message: str = ""
    did_you_mean: str | None = None  # the query with its typos corrected, in the reader's capitals
    corrected: bool = False  # the items are for ``did_you_mean``, as the query itself found nothing

    @property
    def capped(self) -> bool:
        """``total`` is where counting stopped: at least that many match (``backends.RANK_WINDOW``)."""
        return capped(self.total)


def find(query: SearchQuery, typed: str = "", correct: bool = True) -> Results:
    """The page of results for the query; ``typed`` is the query as the reader wrote it, for the
    capitals of a suggestion. When the query finds nothing and its correction finds something,
    the correction's results come instead, unless ``correct`` is off ("search instead for …")."""
    page = search(query)
    suggestion = suggest(query.terms, typed) if query.terms else None
    if suggestion and not page.total:
        corrected = replace(query, terms=suggestion.terms)
        page = search(corrected)
        if not page.total:
            return Results([], 0, page.message)  # a suggestion that finds nothing helps no one
        if correct:
            return _results(corrected, page, suggestion.text, True)
        return Results([], 0, did_you_mean=suggestion.text)
    return _results(query, page, suggestion.text if suggestion else None, False)


def _results(query: SearchQuery, page, did_you_mean: str | None, corrected: bool) -> Results:
    if not page.hits:
        return Results([], page.total, page.message, did_you_mean, corrected)
    ids = [hit.article_id for hit in page.hits]
    loaded = {a.pk: a for a in (Article.objects.filter(pk__in=ids).select_related("publisher", "syndication")
                                .prefetch_related(Prefetch("images", queryset=Image.objects.order_by("position", "id")))
                                .defer("html"))}
    # An article deleted between the two queries is simply left out.
    articles = attach_bylines(attach_copies([loaded[pk] for pk in ids if pk in loaded]))
    words = query.terms.highlight_words()
    scores = {hit.article_id: hit.score for hit in page.hits}
    items = [Result(a, scores[a.pk], snippet(a.text or a.summary, words)) for a in articles]
    return Results(items, page.total, did_you_mean=did_you_mean, corrected=corrected)
