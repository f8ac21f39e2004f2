"""Publishers, their feeds, and the entries those feeds announced.

Scheduling is data: each feed carries its own next fetch time, error count
and conditional-GET validators, so any worker can pick up any due feed.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.text import slugify


class Publisher(models.Model):
    class Kind(models.TextChoices):
        TV = "tv", "TV station"
        RADIO = "radio", "Radio station"
        AGENCY = "agency", "Wire agency"
        PAPER = "paper", "Newspaper"
        WEEKLY = "weekly", "Local weekly"
        MAGAZINE = "magazine", "Magazine"
        ONLINE = "online", "Online news site"
        BROADCASTER = "broadcaster", "Public broadcaster"
        BLOG = "blog", "Blog"
        OTHER = "other", "Other"

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(max_length=500, blank=True)
    about = models.TextField(blank=True)
    home_city = models.CharField(max_length=200, blank=True)
    logo = models.CharField(max_length=200, blank=True)  # an uploaded, re-encoded file's name (articles.uploads)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def unique_slug(cls, name: str) -> str:
        base = slugify(name)[:90] or "publisher"
        slug, n = base, 2
        while cls.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class Feed(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "Not fetched yet"
        OK = "ok", "OK"
        NOT_MODIFIED = "not_modified", "Not modified"
        ERROR = "error", "Error"
        DISABLED = "disabled", "Disabled"

    publisher = models.ForeignKey(Publisher, on_delete=models.CASCADE, related_name="feeds")
    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    format = models.CharField(max_length=20, blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    next_fetch_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["publisher__name", "url"]

    def __str__(self) -> str:
        return self.title or self.url


class Entry(models.Model):
    """An item a feed announced: the durable to-do list between feed and article.

    Written in the same transaction as the feed's new validators, so a crash
    after parsing loses nothing, and (feed, entry_id) keeps re-polls idempotent.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Stored"
        FAILED = "failed", "Failed"

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="entries")
    entry_id = models.CharField(max_length=1000)
    url = models.URLField(max_length=2000)
    data = models.JSONField(default=dict)  # the FeedEntry as the feed gave it
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="entries"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feed", "entry_id"], name="entry_unique_per_feed"),
        ]
        indexes = [models.Index(fields=["state", "created_at"])]
        verbose_name_plural = "entries"

    def __str__(self) -> str:
        return self.url
