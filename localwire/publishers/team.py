"""A publisher's team: its managers invite colleagues by e-mail, and any of them may leave or remove another.

Every manager has the same rights; there are no owners. The invitation link carries a random token
and only its hash is stored, so the database alone cannot be used to join a team; the link works
once, for seven days, for whoever is signed in when it is opened (the link is the proof, as with any
invitation sent by e-mail). A team is never left empty from the portal: the last manager cannot
leave or be removed (an operator can, in the admin), so a profile is not orphaned by a slip.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from localwire.community import throttle
from localwire.publishers.access import add_manager, manages
from localwire.publishers.audit import log_action
from localwire.publishers.models import Invite, Manager

log = logging.getLogger(__name__)

INVITE_DAYS = 7
INVITES_PER_HOUR = 20


class TeamError(Exception):
    """A team change that cannot be made; the message says why, to the person who asked."""


def hash_invite(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def managers_of(publisher) -> list[Manager]:
    return list(Manager.objects.filter(publisher=publisher).select_related("user", "added_by")
                .order_by("created_at", "id"))


def pending_invites(publisher) -> list[Invite]:
    return list(Invite.objects.filter(publisher=publisher, accepted_at__isnull=True,
                                      expires_at__gt=timezone.now()).order_by("-created_at"))


def invite(publisher, by, email: str, link: Callable[[str], str]) -> Invite:
    """Invite ``email`` to manage ``publisher``; ``link(token)`` is the absolute accept address mailed.

    A second invitation to the same address replaces the pending one (a resend)."""
    email = (email or "").strip()
    if not email or "@" not in email:
        raise TeamError("Give the e-mail address of the person to invite.")
    if Manager.objects.filter(publisher=publisher, user__email__iexact=email).exists():
        raise TeamError(f"{email} already manages {publisher.name}.")
    wait = throttle.spend(f"publisher-invite:{by.pk}", INVITES_PER_HOUR, 3600)
    if wait:
        raise TeamError(f"Too many invitations: {INVITES_PER_HOUR} an hour. Try again in {wait // 60 + 1} minutes.")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        Invite.objects.filter(publisher=publisher, email__iexact=email, accepted_at__isnull=True).delete()
        row = Invite.objects.create(publisher=publisher, email=email, token_hash=hash_invite(token),
                                    invited_by=by, expires_at=timezone.now() + timedelta(days=INVITE_DAYS))
        log_action(publisher, by, "invite.send", email=email, invite=row.pk)
    transaction.on_commit(lambda: _mail(row, by, link(token)))
    return row


def _mail(row: Invite, by, url: str) -> None:
    name = getattr(by, "username", "A manager")
    body = "\n".join([
        "Hello,", "",
        f"{name} invites you to manage {row.publisher.name} on Localwire: its feeds, profile, articles "
        "and audience figures.", "",
        f"Sign in (or make an account), then open this link within {INVITE_DAYS} days:", url, "",
        "If you did not expect this, ignore this message; nothing changes until the link is opened.",
    ])
    try:
        send_mail(f"[Localwire] Manage {row.publisher.name}", body, settings.DEFAULT_FROM_EMAIL, [row.email])
    except OSError:  # a mail server down must not undo an invitation already made; it can be resent
        log.warning("could not mail the invitation %s to %s", row.pk, row.email, exc_info=True)


def find_invite(token: str) -> Invite:
    """The invitation a link's token stands for, if it can still be accepted; TeamError otherwise."""
    row = Invite.objects.select_related("publisher").filter(token_hash=hash_invite(token or "")).first()
    if row is None:
        raise TeamError("This invitation link is not one we know. Check it was copied whole, "
                        "or ask for a new invitation.")
    if row.accepted_at is not None:
        raise TeamError("This invitation has already been used.")
    if row.expires_at <= timezone.now():
        raise TeamError(f"This invitation expired on {row.expires_at:%Y-%m-%d}. Ask a manager of "
                        f"{row.publisher.name} for a new one.")
    return row


def accept_invite(token: str, user):
    """Make the signed-in ``user`` a manager through the invitation; the publisher, or TeamError."""
    row = find_invite(token)
    now = timezone.now()
    with transaction.atomic():
        taken = Invite.objects.filter(pk=row.pk, accepted_at__isnull=True).update(accepted_at=now, accepted_by=user)
        if not taken:  # someone opened the same link a moment before
            raise TeamError("This invitation has already been used.")
        log_action(row.publisher, user, "invite.accept", email=row.email, invite=row.pk)
        add_manager(row.publisher, user, via=Manager.Via.INVITE, added_by=row.invited_by)
    return row.publisher


def cancel_invite(publisher, by, invite_id: int) -> None:
    deleted, _ = Invite.objects.filter(publisher=publisher, pk=invite_id, accepted_at__isnull=True).delete()
    if not deleted:
        raise TeamError("No pending invitation of this publisher has that number.")
    log_action(publisher, by, "invite.cancel", invite=invite_id)


def remove_manager(publisher, by, username: str) -> None:
    """Take ``username`` off the team (``by`` may be them: leaving). Never the last manager."""
    if not manages(by, publisher):
        raise TeamError("Only the publisher's managers may change its team.")
    with transaction.atomic():
        team = list(Manager.objects.select_for_update(of=("self",)).filter(publisher=publisher).select_related("user"))
        row = next((m for m in team if m.user.username == username), None)
        if row is None:
            raise LookupError(f"{username} does not manage {publisher.name}.")
        if len(team) == 1:
            raise TeamError(f"{username} is the only manager of {publisher.name}; invite someone else "
                            "first, or ask the site's operator to remove the profile's last manager.")
        row.delete()
        log_action(publisher, by, "manager.leave" if row.user_id == by.pk else "manager.remove", user=username)
