"""Who may use a publisher's portal: its managers, and nobody else (operators use the admin).

Every portal page and ``/api/v1/me/publishers/{slug}…`` endpoint starts with ``managed_publisher``;
to anyone who is not a manager a publisher's portal does not exist (404, not 403), so the portal
does not tell strangers which profiles have managers.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import Http404

from localwire.publishers.audit import log_action
from localwire.publishers.models import Manager
from localwire.sources.models import Publisher


def manages(user, publisher) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Manager.objects.filter(user=user, publisher=publisher).exists()


def managed_publisher(user, slug: str) -> Publisher:
    """The publisher with this slug if ``user`` manages it; Http404 otherwise."""
    if getattr(user, "is_authenticated", False):
        publisher = Publisher.objects.filter(slug=slug, managers__user=user).first()
        if publisher is not None:
            return publisher
    raise Http404("No publisher of yours has that address.")


def publishers_of(user) -> list[Publisher]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Publisher.objects.filter(managers__user=user).order_by("name"))


def add_manager(publisher, user, via: str, added_by=None) -> bool:
    """Make ``user`` a manager (logged); False when they already were one."""
    try:
        with transaction.atomic():
            Manager.objects.create(publisher=publisher, user=user, via=via, added_by=added_by)
    except IntegrityError:
        return False
    log_action(publisher, added_by or user, "manager.add", user=user.username, via=via)
    return True
