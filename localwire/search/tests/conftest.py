from datetime import timedelta

import pytest
from django.utils import timezone

from localwire.search.index import index_articles
from localwire.testing.factories import ArticleFactory


@pytest.fixture
def indexed():
    """Make an article (factory keyword arguments) and index it, as the pipeline would."""
    def make(**fields):
        article = ArticleFactory(**fields)
        index_articles([article.pk])
        return article
    return make


@pytest.fixture
def filler(indexed):
    """Unrelated articles, so that a searched word is rare in the corpus, as in real use (bm25's
    idf is clamped to nearly nothing when a word is in half the documents)."""
    topics = ["Library hours extended", "School board meets", "Farmers market returns", "Bus route changes",
              "Museum adds wing", "Park benches repaired", "Choir wins contest", "Bakery turns fifty"]
    now = timezone.now()
    return [indexed(title=t, summary="", text=f"{t}. Residents welcomed the news.",
                    published_at=now - timedelta(days=n)) for n, t in enumerate(topics)]
