"""Moderators' review of submitted posts: the queue, and publishing or rejecting a post.

Only moderators decide (``community.comments.can_moderate``: the moderator role on the profile, or
staff), only on a post waiting for a decision (``in_review`` or ``held``). Each decision is logged
with who and why and mailed to the contributor (``notify.record``); a rejection needs a reason, the
contributor's only way to learn what to change. A rejected post is kept, never deleted: its author
may edit it and submit it again.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from localwire.community.comments import can_moderate
from localwire.contributors import notify, publish
from localwire.contributors.actions import Conflict, Refused
from localwire.contributors.models import Decision, Post

WAITING = (Post.Status.IN_REVIEW, Post.Status.HELD)
DECISIONS = {"publish": Decision.Action.PUBLISH, "reject": Decision.Action.REJECT}


class NotModerator(PermissionError):
    """Someone who is not a moderator tried to decide on a post."""


def review_queue(status: str = Post.Status.IN_REVIEW):
    """Posts waiting for a decision in one status (``in_review`` or ``held``), longest waiting first."""
    if status not in WAITING:
        raise Refused("The review queue is 'in_review' or 'held'.")
    return (Post.objects.filter(status=status).select_related("contributor", "contributor__user")
            .prefetch_related("images").order_by("submitted_at", "id"))


def decide(post: Post, moderator, decision: str, reason: str = "", *, now: datetime | None = None,
           site_host: str = "") -> Post:
    """Publish or reject a waiting post, logged and mailed. A published post becomes an article
    and goes through the pipeline's steps (``publish.understand``) once the decision is stored."""
    if not can_moderate(moderator):
        raise NotModerator("Only moderators may decide on posts.")
    action = DECISIONS.get(decision)
    if action is None:
        raise Refused("The decision is 'publish' or 'reject'.")
    reason = (reason or "").strip()
    if action == Decision.Action.REJECT and not reason:
        raise Refused("A rejection needs a reason: it is what the contributor reads.")
    now = now or timezone.now()
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("contributor__user").get(pk=post.pk)
        if post.status not in WAITING:
            raise Conflict(f"This post is {post.get_status_display().lower()}; only posts in review or "
                           "held can be decided.")
        article = None
        if action == Decision.Action.PUBLISH:
            article = publish.store_article(post, now, site_host)
            post.status, post.published_at = Post.Status.PUBLISHED, now
        else:
            post.status = Post.Status.REJECTED
        post.save()
        notify.record(post.contributor, action, reason, now, moderator=moderator, post=post,
                      details=f"Your post: '{post.title}'.")
    if article is not None:
        publish.understand(article)
    return post
