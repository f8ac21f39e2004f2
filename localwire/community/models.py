"""Readers: a profile beside Django's user, what they follow or mute, and their API tokens.

Everything here belongs to one user and goes with them: every foreign key to the user is
``on_delete=CASCADE``, and ``actions.delete_account`` is the one place that deletes a reader.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Profile(models.Model):
    class Role(models.TextChoices):
        READER = "reader", "Reader"
        MODERATOR = "moderator", "Moderator"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(max_length=60, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.READER)
    # The home city as a GeoNames id, with what pages show copied beside it so no page loads the gazetteer.
    home_geonameid = models.PositiveIntegerField(null=True, blank=True)
    home_name = models.CharField(max_length=200, blank=True)
    home_region = models.CharField(max_length=200, blank=True)
    home_country = models.CharField(max_length=2, blank=True)
    home_lat = models.FloatField(null=True, blank=True)
    home_lon = models.FloatField(null=True, blank=True)

    def __str__(self) -> str:
        return self.display_name or self.user.get_username()

    @property
    def name(self) -> str:
        return self.display_name or self.user.get_username()

    @property
    def is_moderator(self) -> bool:
        """Moderators review comments; operators (Django staff) may do everything moderators may."""
        return self.role == self.Role.MODERATOR or self.user.is_staff

    @property
    def home_label(self) -> str:
        return ", ".join(part for part in (self.home_name, self.home_region, self.home_country) if part)


class Follow(models.Model):
    """A reader following (or, with ``muted``, muting) one channel or one publisher.

    Publishers are not channels in Localwire, so a row points at exactly one of the two. Following
    and muting the same thing at once makes no sense, so it is one row with a flag: muting a
    followed channel turns its row into a mute. Reads a ranking needs are one index each:
    a reader's rows by ``(user, muted)``, a publisher's followers by ``(publisher, muted)``.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    channel = models.ForeignKey("channels.Channel", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="follows")
    publisher = models.ForeignKey("sources.Publisher", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="follows")
    muted = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(channel__isnull=False, publisher__isnull=True)
                           | Q(channel__isnull=True, publisher__isnull=False)),
                name="follow_one_target",
            ),
            models.UniqueConstraint(fields=["user", "channel"], condition=Q(channel__isnull=False),
                                    name="follow_channel_once"),
            models.UniqueConstraint(fields=["user", "publisher"], condition=Q(publisher__isnull=False),
                                    name="follow_publisher_once"),
        ]
        indexes = [
            models.Index(fields=["user", "muted"], name="follow_user_muted"),
            models.Index(fields=["publisher", "muted"], name="follow_publisher_muted"),
            models.Index(fields=["channel", "muted"], name="follow_channel_muted"),
        ]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {'mutes' if self.muted else 'follows'} {self.target}"

    @property
    def target(self):
        return self.channel if self.channel_id else self.publisher


TOKEN_PREFIX = "lw_"


def hash_token(raw: str) -> str:
    """Tokens are 256 random bits, so a plain SHA-256 is enough: there is nothing to guess."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for /api/v1; only its hash is kept, the token itself is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)  # the first characters, so a reader can tell tokens apart
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name[:80], token_hash=hash_token(raw), hint=raw[:10])
        return token, raw


class Ban(models.Model):
    """A reader barred from commenting, until a time or (``until`` empty) until a moderator lifts it.

    One row per reader, beside the profile rather than on it, so a ban carries its own reason and
    moderator without widening the profile every page loads.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_ban")
    reason = models.CharField(max_length=500)
    until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user} banned: {self.reason}"

    def active(self, now=None) -> bool:
        return self.until is None or self.until > (now or timezone.now())


class Comment(models.Model):
    """A reader's plain-text comment under an article, or a reply to one (one level deep).

    Only ``published`` comments are public. ``held`` ones wait for a moderator and are shown to
    their author and to moderators; ``hidden`` ones a moderator took down; ``deleted`` ones their
    author removed (the row stays so replies keep their place, the text is blanked).
    """

    MAX_LENGTH = 4000

    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        HELD = "held", "Awaiting review"
        HIDDEN = "hidden", "Hidden by a moderator"
        DELETED = "deleted", "Deleted by its author"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="comments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(max_length=MAX_LENGTH)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PUBLISHED)
    hold_reasons = models.JSONField(default=list, blank=True)
    score = models.FloatField(default=0)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status"),
            models.Index(fields=["user", "created_at"], name="comment_user_created"),
            models.Index(fields=["status", "created_at"], name="comment_status_created"),
        ]
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"comment {self.pk} by {self.user} on article {self.article_id}"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


class CommentReport(models.Model):
    """A reader flagging a comment; one per reader and comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_reports")
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="report_once")]


class ModerationAction(models.Model):
    """The append-only log of what moderators (and the automatic rules) did, by whom and why.

    ``moderator`` is empty for the site's own rules (a comment held by its score or by reports).
    Rows outlive the comment and the people: foreign keys are SET_NULL and the names are copied.
    """

    class Kind(models.TextChoices):
        HOLD = "hold", "Held for review"
        APPROVE = "approve", "Approved"
        HIDE = "hide", "Hidden"
        BAN = "ban", "Banned"
        UNBAN = "unban", "Ban lifted"

    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="moderation_actions")
    moderator_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=10, choices=Kind.choices)
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="moderation_actions")
    target_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="moderation_received")
    target_name = models.CharField(max_length=150, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.moderator_name or 'site'} {self.action} {self.target_name}: {self.reason}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("the moderation log is append-only")
        super().save(*args, **kwargs)


class ArticleRead(models.Model):
    """A reader opened an article, first at ``first_read_at``: For you's reading history.

    Rows are written only by ``reading.flush_reads`` from what the article page noted in the cache,
    so reading a page never waits on a database write. One row per reader and article: a second
    visit changes nothing, which keeps the table as small as the history it describes.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="article_reads")
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="reads")
    first_read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "article"], name="article_read_once")]
        indexes = [models.Index(fields=["user", "-first_read_at"], name="article_read_recent")]
        ordering = ["-first_read_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} read article {self.article_id} at {self.first_read_at}"


class StoredPool(models.Model):
    """For you's candidate pool as it was last built (``pool_store.py``): one row, rebuilt by whoever
    changes the articles, so a page reads it instead of gathering 500 articles with their links."""

    built_at = models.DateTimeField()
    candidates = models.BinaryField()  # zlib-compressed JSON, one list per candidate

    def __str__(self) -> str:
        return f"For you pool built at {self.built_at}"
