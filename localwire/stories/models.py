"""Stories and syndication groups: coverage of one event across outlets, and copies of one wire story."""

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
        indexes = [models.Index(fields=["band", "key"]), models.Index(fields=["key"])]


class Story(models.Model):
    """Coverage of one event. ``vector`` is the sum of its articles' TF-IDF unit vectors, cut to its
    heaviest terms; ``terms`` index it for new articles to find."""

    headline = models.CharField(max_length=500)
    headline_score = models.FloatField(default=0.0)  # how central the headline's article is
    first_seen = models.DateTimeField(db_index=True)
    last_seen = models.DateTimeField(db_index=True)
    article_count = models.PositiveIntegerField(default=0)
    outlet_count = models.PositiveIntegerField(default=0)
    vector = models.JSONField(default=dict)

    class Meta:
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("story", kwargs={"pk": self.pk})


class StoryTerm(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=100, db_index=True)


class StoryMember(models.Model):
    article = models.OneToOneField("articles.Article", primary_key=True, on_delete=models.CASCADE,
                                   related_name="story_membership")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="members")
    score = models.FloatField(default=1.0)  # similarity when it joined (1 for the first article)
