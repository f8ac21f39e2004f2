"""Contributors: local people who publish their own reporting under the Editorial Standards.

The whole schema of the contributor network lives here in one migration, so the work that follows
(writing, review, publication) adds code, not parallel migrations. A contributor is also a
``Channel`` of kind ``contributor``: readers follow it with the follow machinery they already use.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class Contributor(models.Model):
    class Label(models.TextChoices):
        COMMUNITY_VOICE = "community_voice", "Community Voice"
        COMMUNITY_VOICE_PRO = "community_voice_pro", "Community Voice Pro"
        JOURNALIST = "journalist", "Journalist"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended"
        ENDED = "ended", "Ended"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contributor")
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=80)
    bio = models.TextField(blank=True)
    # The home city as community.Profile keeps it: the GeoNames id, with the label and coordinates
    # beside it so no page loads the gazetteer.
    home_label = models.CharField(max_length=200, blank=True)
    home_geonameid = models.PositiveIntegerField(null=True, blank=True)
    home_lat = models.FloatField(null=True, blank=True)
    home_lon = models.FloatField(null=True, blank=True)
    label = models.CharField(max_length=30, choices=Label.choices, default=Label.COMMUNITY_VOICE)
    # As of the last decision; ``strikes.standing`` works out the current one (a suspension ends by itself).
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    suspended_until = models.DateTimeField(null=True, blank=True)
    evidence = models.JSONField(default=list, blank=True)  # links to past work, for a label
    channel = models.OneToOneField("channels.Channel", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="contributor")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("contributor", kwargs={"slug": self.slug})


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        HELD = "held", "Held"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"

    contributor = models.ForeignKey(Contributor, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)  # Markdown, rendered and sanitised when shown
    place_label = models.CharField(max_length=200, blank=True)
    place_geonameid = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    hold_reasons = models.JSONField(default=list, blank=True)  # what the automatic rules found, in words
    article = models.OneToOneField("articles.Article", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="contributor_post")  # set once published
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return self.title


class PostImage(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    stored_name = models.CharField(max_length=200)  # the re-encoded file under the media folder
    caption = models.TextField()
    credit = models.CharField(max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]


class PostRevision(models.Model):
    """A post as it was before an edit made after publication; a correction is shown with its date."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=300)
    body = models.TextField()
    made_at = models.DateTimeField(auto_now_add=True)
    is_correction = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["made_at", "id"]


class Decision(models.Model):
    """The log of every decision about a post or a contributor: who, what and why."""

    class Action(models.TextChoices):
        LABEL = "label", "Label set"
        STRIKE = "strike", "Strike"
        UPHOLD = "uphold", "Appeal upheld"
        OVERTURN = "overturn", "Appeal overturned"
        HOLD = "hold", "Held by the rules"
        PUBLISH = "publish", "Published"
        REJECT = "reject", "Rejected"

    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions")
    contributor = models.ForeignKey(Contributor, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="decisions")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")  # None: the automatic rules
    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]


class Strike(models.Model):
    contributor = models.ForeignKey(Contributor, on_delete=models.CASCADE, related_name="strikes")
    policy = models.CharField(max_length=60)  # the Content Policy section broken, e.g. "copied-work"
    note = models.TextField(blank=True)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="strikes")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()
    overturned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]


class Appeal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        UPHELD = "upheld", "Upheld"
        OVERTURNED = "overturned", "Overturned"

    strike = models.ForeignKey(Strike, on_delete=models.CASCADE, related_name="appeals")
    text = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
