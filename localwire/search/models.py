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
