"""Which articles are in the search index, and from which version of the document.

The searchable text itself lives where each database searches best (see ``backends.py``):
an FTS5 table on SQLite, a ``tsvector`` column added to this table on PostgreSQL. This row is
what both share, so "what is not indexed yet" is one ORM query on either database, and a
database flush or an article's deletion takes its index entry with it.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class SearchDocument(models.Model):
    article = models.OneToOneField("articles.Article", primary_key=True, on_delete=models.CASCADE,
                                   related_name="search_document")
    version = models.PositiveSmallIntegerField(default=0)  # documents.DOCUMENT_VERSION that wrote it
    indexed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"search document of article {self.article_id} (v{self.version})"


class SearchTerm(models.Model):
    """A word of the indexed articles, for correcting a reader's typos (``spelling.py``).

    One table on both databases: FTS5's and PostgreSQL's own term lists hold stems ("littl"), which
    cannot be offered to a reader, and counting the articles of each term there reads the whole
    index. Kept by ``vocabulary.py`` as articles are indexed.
    """

    word = models.CharField(max_length=40, primary_key=True)  # lower case, accents removed: the lookup key
    spelling = models.CharField(max_length=40)  # as articles write it, lower case: "zürich"
    documents = models.PositiveIntegerField(default=0)  # articles holding it, counted when first indexed
    named = models.BooleanField(default=False)  # in a name: a place, person, topic, publisher or author
    bucket = models.CharField(max_length=3, db_index=True)  # first letter and length, "k10": where typos are looked up

    def __str__(self) -> str:
        return f"{self.spelling} ({self.documents})"
