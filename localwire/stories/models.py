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
    heaviest terms, ``dense`` the sum of their dense vectors (float32 bytes); ``terms`` index it for
    new articles to find."""

    headline = models.CharField(max_length=500)
    headline_score = models.FloatField(default=0.0)  # how central the headline's article is
    first_seen = models.DateTimeField(db_index=True)
    last_seen = models.DateTimeField(db_index=True)
    article_count = models.PositiveIntegerField(default=0)
    outlet_count = models.PositiveIntegerField(default=0)
    vector = models.JSONField(default=dict)
    dense = models.BinaryField(null=True, blank=True)
    anchors = models.JSONField(default=dict)  # members' days, places and people, counted (``anchors``)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("story", kwargs={"pk": self.pk})


class StoryTerm(models.Model):
    """A story filed under one of its heaviest terms. ``last_seen`` repeats the story's so that the
    look-up reads only live stories' rows from the index, however many stories went quiet before."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=100)
    last_seen = models.DateTimeField(null=True)

    class Meta:
        indexes = [models.Index(fields=["term", "last_seen"])]


class StoryMember(models.Model):
    article = models.OneToOneField("articles.Article", primary_key=True, on_delete=models.CASCADE,
                                   related_name="story_membership")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="members")
    score = models.FloatField(default=1.0)  # similarity when it joined (1 for the first article)


class MergedStory(models.Model):
    """A story merged into another: its old address still leads somewhere."""

    old_id = models.PositiveBigIntegerField(primary_key=True)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")


def current_story(pk: int) -> Story | None:
    """The story with this id, or the one it was merged into (merges can chain)."""
    for _ in range(10):
        story = Story.objects.filter(pk=pk).first()
        if story is not None:
            return story
        merged = MergedStory.objects.filter(old_id=pk).first()
        if merged is None:
            return None
        pk = merged.story_id
    return None


class ArticleBlocks(models.Model):
    """What an article page shows beside the article that is the same for every reader, worked out
    once (``stories.blocks``) instead of on every view: ids and reasons, never titles, so the page
    reads what they point at live and a retitled or taken-down article is right at once."""

    article = models.OneToOneField("articles.Article", primary_key=True, on_delete=models.CASCADE,
                                   related_name="page_blocks")
    data = models.JSONField(default=dict)
    version = models.PositiveSmallIntegerField(default=0)  # blocks.VERSION when built; older ones are rebuilt
    built_at = models.DateTimeField(default=timezone.now)


class StoryBlocks(models.Model):
    """A story page's coverage (ids in time order), people, places and fact timeline, built when the
    story changed; ``article_count`` is the story's when they were built, so a page that sees
    another count knows they are behind."""

    story = models.OneToOneField(Story, primary_key=True, on_delete=models.CASCADE, related_name="page_blocks")
    data = models.JSONField(default=dict)
    version = models.PositiveSmallIntegerField(default=0)
    article_count = models.PositiveIntegerField(default=0)
    built_at = models.DateTimeField(default=timezone.now)
