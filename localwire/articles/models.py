"""Articles, their images, and the raw pages they were extracted from."""

from __future__ import annotations

import zlib

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone

from localwire.articles.slugs import title_slug


class RawPage(models.Model):
    """The bytes a page answered with, compressed, so a better extractor can re-run later."""

    url = models.URLField(max_length=2000, unique=True)
    final_url = models.URLField(max_length=2000)
    status = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=200, blank=True)
    body = models.BinaryField()  # zlib-compressed
    fetched_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.url

    @staticmethod
    def compress(data: bytes) -> bytes:
        return zlib.compress(data, 6)

    def content(self) -> bytes:
        return zlib.decompress(bytes(self.body))


class Article(models.Model):
    canonical_url = models.URLField(max_length=2000, unique=True)
    url = models.URLField(max_length=2000)
    publisher = models.ForeignKey(
        "sources.Publisher", on_delete=models.CASCADE, related_name="articles"
    )
    title = models.CharField(max_length=500)
    authors = models.JSONField(default=list, blank=True)
    agency = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=20, blank=True)
    summary = models.TextField(blank=True)
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)  # sanitised with nh3 before it is stored
    word_count = models.PositiveIntegerField(default=0)
    content_hash = models.CharField(max_length=64, db_index=True)
    extractor_version = models.CharField(max_length=100)
    from_feed_only = models.BooleanField(default=False)
    keyphrases = models.JSONField(default=list, blank=True)  # "In this article", best first
    analysis_version = models.CharField(max_length=100, blank=True)
    analyzed_at = models.DateTimeField(null=True, blank=True)
    analysis_note = models.CharField(max_length=300, blank=True)
    # A worker's lease on understanding this article, so two workers never analyse it at once.
    analysis_claimed_until = models.DateTimeField(null=True, blank=True)
    raw_page = models.ForeignKey(RawPage, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    corrected_at = models.DateTimeField(null=True, blank=True)  # re-fetched after the publisher corrected it
    correction_note = models.CharField(max_length=300, blank=True)
    # A syndicated copy shown under its group's original, not on its own (stories.syndicated keeps it
    # so): lists filter on this column and walk the index below, where a test per row through the
    # syndication tables left the planner guessing and PostgreSQL sorting the whole archive.
    folded = models.BooleanField(default=False)

    # Not columns: lists set them on the rows they show (stories.queries.attach_copies, the personal
    # feeds, articles.bylines); the defaults let a card (web/templatetags/cards.py) read them from any row.
    copies: tuple = ()
    reasons: tuple = ()
    contributor_ref = None  # a contributor's post: who wrote it (contributors.queries.ContributorRef)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["publisher", "-published_at"]),
                   models.Index(fields=["-published_at", "-id"], condition=models.Q(folded=False),
                                name="article_listed_newest")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("article", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        return title_slug(self.title)

    @property
    def lead_image(self):
        images = list(self.images.all())
        return images[0] if images else None


class PendingWork(models.Model):
    """A step still owed to a stored article, one row per article and step.

    Written in the same transaction as whatever makes the step due (storing the article, a new
    analysis, a story that changed) and deleted only after the step has committed, so a crash in
    between leaves the row and the next sweep does the step again (every step is idempotent). A
    sweep reads these rows, never the whole archive: its cost follows the work owed, not the
    number of articles kept. ``articles.pending`` is the only module that writes them."""

    class Step(models.TextChoices):
        SYNDICATION = "syndication"
        STORY = "story"
        SEARCH = "search"
        ANALYSIS = "analysis"
        PAGE = "page"  # the article page's stored blocks (related stories, chips) are to be rebuilt

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pending_work")
    step = models.CharField(max_length=20, choices=Step.choices)
    # Its place in the queue: when the step fell due, or after a failure when it is next tried
    # (later each time), so one bad article neither blocks the queue nor is retried every tick.
    since = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)  # sweeps that tried the step and failed
    # The latest change that made it owed; the database's clock when a bulk INSERT … SELECT marks.
    marked_at = models.DateTimeField(db_default=Now())

    class Meta:
        constraints = [models.UniqueConstraint(fields=["step", "article"], name="pending_work_once_per_step")]
        indexes = [models.Index(fields=["step", "since"], name="pending_work_oldest_first")]

    def __str__(self) -> str:
        return f"{self.step} for article {self.article_id}"


class PendingVersion(models.Model):
    """The version of the code doing a step (the analyser, the search document) whose stale
    articles were last marked: a new version marks every article an older one did, once, on the
    first sweep that sees it, instead of every sweep comparing versions across the archive."""

    step = models.CharField(max_length=20, primary_key=True, choices=PendingWork.Step.choices)
    version = models.CharField(max_length=200)
    marked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.step} marked for {self.version}"


class Image(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    source_url = models.URLField(max_length=2000)
    caption = models.TextField(blank=True)
    credit = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["article", "position", "id"]

    def __str__(self) -> str:
        return self.source_url


class TakenDown(models.Model):
    """An article its publisher took down: the row is gone from every surface, this record stays.

    The pipeline refuses to store ``canonical_url`` again, so a later poll of the same feed (or
    another feed carrying the same page) cannot bring it back.
    """

    article_id = models.PositiveBigIntegerField()  # the id it had, for the audit log
    publisher = models.ForeignKey("sources.Publisher", null=True, on_delete=models.SET_NULL, related_name="+")
    canonical_url = models.URLField(max_length=2000, unique=True)
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=500)
    authors = models.JSONField(default=list, blank=True)
    published_at = models.DateTimeField()
    text = models.TextField(blank=True)
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=150)
    taken_down_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-taken_down_at"]
        verbose_name_plural = "taken down articles"

    def __str__(self) -> str:
        return self.title
