"""A page of search results as the web page and the API show it: articles in ranked order, each
with its score, its syndicated copies and a snippet."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from localwire.articles.models import Article, Image
from localwire.search.backends import search
from localwire.search.query import SearchQuery
from localwire.search.snippets import Piece, snippet
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


def find(query: SearchQuery) -> Results:
    page = search(query)
    if not page.hits:
        return Results([], page.total, page.message)
    ids = [hit.article_id for hit in page.hits]
    loaded = {a.pk: a for a in (Article.objects.filter(pk__in=ids).select_related("publisher", "syndication")
                                .prefetch_related(Prefetch("images", queryset=Image.objects.order_by("position", "id")))
                                .defer("html"))}
    # An article deleted between the two queries is simply left out.
    articles = attach_copies([loaded[pk] for pk in ids if pk in loaded])
    words = query.terms.highlight_words()
    scores = {hit.article_id: hit.score for hit in page.hits}
    items = [Result(a, scores[a.pk], snippet(a.text or a.summary, words)) for a in articles]
    return Results(items, page.total)
