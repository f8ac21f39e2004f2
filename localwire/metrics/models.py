"""Stored view counts. Rows are only ever written by ``flush.flush_views``, by atomic increments."""

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
