"""Every decision is logged (``Decision``) and mailed to the contributor it concerns.

Logging and mailing sit together so that no decision can be made without both. The mail is sent
after the transaction commits: a decision rolled back is never announced.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from localwire.contributors.models import Contributor, Decision, Post

log = logging.getLogger(__name__)

SUBJECTS = {
    Decision.Action.LABEL: "Your contributor label changed",
    Decision.Action.STRIKE: "A strike under the Content Policy",
    Decision.Action.UPHOLD: "Your appeal was decided: the strike stands",
    Decision.Action.OVERTURN: "Your appeal was decided: the strike is overturned",
    Decision.Action.HOLD: "Your post is held for review",
    Decision.Action.PUBLISH: "Your post is published",
    Decision.Action.REJECT: "Your post was not published",
}


def record(contributor: Contributor, action: str, reason: str, at: datetime, *, moderator=None,
           post: Post | None = None, details: str = "") -> Decision:
    """Log a decision and mail it to the contributor once the surrounding transaction commits."""
    decision = Decision.objects.create(contributor=contributor, post=post, moderator=moderator,
                                       action=action, reason=reason, at=at)
    log.info("contributor %s: %s by %s (post %s)", contributor.slug, action,
             getattr(moderator, "pk", "rules"), getattr(post, "pk", None))
    body = _body(contributor, decision, details)
    email = contributor.user.email
    if email:
        transaction.on_commit(lambda: _send(SUBJECTS[action], body, email))
    return decision


def _body(contributor: Contributor, decision: Decision, details: str) -> str:
    lines = [f"Hello {contributor.name},", "", decision.get_action_display() + "."]
    if details:
        lines += ["", details]
    if decision.reason:
        lines += ["", "Reason given: " + decision.reason]
    lines += ["", "The Editorial Standards and the Content Policy are on the site under /contributors.",
              "Every decision can be appealed by replying through your contributor account."]
    return "\n".join(lines)


def _send(subject: str, body: str, to: str) -> None:
    try:
        send_mail(f"[Localwire] {subject}", body, settings.DEFAULT_FROM_EMAIL, [to])
    except OSError:  # a mail server down must not undo a decision already made and logged
        log.warning("could not mail %s about %r", to, subject, exc_info=True)
