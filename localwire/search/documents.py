"""What is searched for each article, built in one place for both databases.

Three fields, weighted in that order by the backends: the title; the names around the article
(publisher, agency, authors and every channel analysis linked it to: topics, people,
organisations, places, tags); and the body (summary and text).
"""

from __future__ import annotations

from dataclasses import dataclass

from localwire.articles.models import Article
from localwire.channels.models import ArticleChannel

# Bump when what goes into a document changes: ``index_pending`` then rewrites every older one.
DOCUMENT_VERSION = 2
# The first version whose writing counted an article's words in the vocabulary (``vocabulary.py``):
# articles indexed by an older one are counted when ``index_pending`` writes them again.
VOCABULARY_SINCE = 2


@dataclass(frozen=True)
class Document:
    article_id: int
    title: str
    names: str
    body: str


def build_documents(article_ids) -> list[Document]:
    """Documents for the given articles that still exist, in two queries."""
    articles = (Article.objects.filter(pk__in=list(article_ids)).select_related("publisher")
                .only("pk", "title", "summary", "text", "agency", "authors", "publisher__name"))
    channel_names: dict[int, list[str]] = {}
    links = (ArticleChannel.objects.filter(article_id__in=list(article_ids))
             .order_by("article_id", "rank").values_list("article_id", "channel__name"))
    for article_id, name in links:
        channel_names.setdefault(article_id, []).append(name)
    return [_document(a, channel_names.get(a.pk, [])) for a in articles.order_by("pk")]


def _document(article: Article, channels: list[str]) -> Document:
    names = [article.publisher.name, article.agency, *(article.authors or []), *channels]
    unique = dict.fromkeys(n.strip() for n in names if n and n.strip())
    body = article.text if article.summary and article.summary in article.text else \
        "\n".join(filter(None, [article.summary, article.text]))
    return Document(article.pk, article.title, " · ".join(unique), body)
