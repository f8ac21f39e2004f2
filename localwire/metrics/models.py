"""Stored counts: view counts, written only by ``views_flush.flush_views`` by atomic increments, and
the request metrics' running totals (``CounterTotal``)."""

from __future__ import annotations

from django.db import models


class ArticleViewDay(models.Model):
    """Counted views of one article on one local day (the day of the view, not of the flush)."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="view_days")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="article_view_day_once")]
        indexes = [models.Index(fields=["day", "-views"])]

    def __str__(self) -> str:
        return f"article {self.article_id} on {self.day}: {self.views}"


class ArticleViewSource(models.Model):
    """Counted views of one article on one local day by where the reader came from (home, search, …).

    Only the page the reader followed a link from is read, never who they are; see metrics/sources.py.
    """

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="view_sources")
    day = models.DateField()
    source = models.CharField(max_length=20)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "day", "source"], name="article_view_source_once")]

    def __str__(self) -> str:
        return f"article {self.article_id} on {self.day} from {self.source}: {self.views}"


class PublisherViews(models.Model):
    """All counted views of a publisher's articles, kept beside the daily rows so a profile reads one row."""

    publisher = models.OneToOneField("sources.Publisher", on_delete=models.CASCADE, primary_key=True,
                                     related_name="view_total")
    views = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.publisher_id}: {self.views}"


class CounterTotal(models.Model):
    """One running total of what the web processes counted (requests by page, page cache hits), when
    no Redis is there to keep them; written only by ``totals.DatabaseTotals``, by adding."""

    name = models.CharField(max_length=200, unique=True)
    total = models.FloatField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.total:g}"
