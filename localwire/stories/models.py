"""Syndication groups: copies of one wire story across publishers, shown once."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class SyndicationGroup(models.Model):
    original = models.ForeignKey("articles.Article", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"syndication group {self.pk}"


class SyndicatedCopy(models.Model):
    """An article's place in its group; every article with enough text has one, alone or not."""

    article = models.OneToOneField("articles.Article", primary_key=True, on_delete=models.CASCADE,
                                   related_name="syndication")
    group = models.ForeignKey(SyndicationGroup, on_delete=models.CASCADE, related_name="copies")
    containment = models.FloatField(default=1.0)  # share of the shorter text found in its match


class LshBand(models.Model):
    """One band of an article's MinHash signature: articles sharing a (band, key) are candidates."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    band = models.PositiveSmallIntegerField()
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["band", "key"])]
