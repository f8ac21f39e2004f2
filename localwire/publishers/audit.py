"""The portal's audit log: every action a manager (or an operator deciding for one) takes."""

from __future__ import annotations

from localwire.publishers.models import Action


def log_action(publisher, user, action: str, /, **detail) -> Action:
    """Record ``action`` (a dotted name such as ``feed.pause``) with JSON-ready ``detail``."""
    return Action.objects.create(
        publisher=publisher, publisher_name=publisher.name if publisher else "",
        user=user if getattr(user, "is_authenticated", False) else None,
        username=getattr(user, "username", "") or "", action=action, detail=detail,
    )


def recent_actions(publisher, limit: int = 50) -> list[Action]:
    return list(Action.objects.filter(publisher=publisher)[:limit])
