"""The publisher side: who may manage a publisher, how they got there, and what they did.

A publisher (``sources.Publisher``) gets managers three ways: an operator approves its
application, a claimant proves control of its website, or a manager invites a colleague. Every
portal action is an ``Action`` row, kept when the person or the publisher is gone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Manager(models.Model):
    class Via(models.TextChoices):
        APPLICATION = "application", "Approved application"
        CLAIM = "claim", "Verified claim"
        INVITE = "invite", "Invitation"
        OPERATOR = "operator", "Added by an operator"

    publisher = models.ForeignKey("sources.Publisher", on_delete=models.CASCADE, related_name="managers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="managed_publishers")
    via = models.CharField(max_length=20, choices=Via.choices)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["publisher", "user"], name="manager_once")]
        ordering = ["publisher__name", "created_at"]

    def __str__(self) -> str:
        return f"{self.user} manages {self.publisher}"


class Application(models.Model):
    """Someone asking for a publisher to be added, with what the automatic checks found."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="publisher_applications")
    name = models.CharField(max_length=200)
    website = models.URLField(max_length=500)
    feeds = models.JSONField(default=list)  # the feed addresses asked for
    home_city = models.CharField(max_length=200, blank=True)
    about = models.TextField(blank=True)
    contact_email = models.EmailField()
    checks = models.JSONField(default=dict, blank=True)  # publishers.checks' findings, as shown to both sides
    checked_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(blank=True)  # the operator's, given with the decision
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    publisher = models.ForeignKey("sources.Publisher", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="applications")  # set on approval
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"


class Claim(models.Model):
    """Someone saying an existing profile is theirs; verified by a token put on the publisher's site."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        VERIFIED = "verified", "Verified"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="publisher_claims")
    publisher = models.ForeignKey("sources.Publisher", on_delete=models.CASCADE, related_name="claims")
    token = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_failure = models.TextField(blank=True)  # what the last verification did not find, in words
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "publisher"], name="claim_once_per_person")]

    def __str__(self) -> str:
        return f"{self.user} claims {self.publisher} ({self.status})"


class Invite(models.Model):
    """A manager asking a colleague, by e-mail address, to manage the publisher too."""

    publisher = models.ForeignKey("sources.Publisher", on_delete=models.CASCADE, related_name="invites")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)  # the link carries the token; only its hash is kept
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.email} to {self.publisher}"


class Action(models.Model):
    """One portal action: who did what to which publisher, kept after either is gone."""

    publisher = models.ForeignKey("sources.Publisher", null=True, on_delete=models.SET_NULL,
                                  related_name="portal_actions")
    publisher_name = models.CharField(max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=40)  # e.g. "feed.pause", "article.takedown"
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["publisher", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.username} {self.action} {self.publisher_name}"
