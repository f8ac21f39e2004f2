"""Whether a contributor may submit a post now: the one check the submit endpoint makes."""

from __future__ import annotations

from datetime import datetime, timezone

from localwire.contributors import strikes
from localwire.contributors.models import Contributor
from localwire.contributors.standing import standing_of


def may_submit(contributor: Contributor, now: datetime) -> tuple[bool, str, datetime | None]:
    """(allowed, the reason when not, the end date of a suspension), worked out from the strikes
    that count at ``now``, so a suspension ends by itself without anyone writing to the database."""
    current = standing_of(contributor, now)
    if current.status == strikes.ENDED:
        return False, ("Your publishing on this site has ended after three strikes under the Content "
                       "Policy. You may appeal a strike you believe was wrong."), None
    if current.status == strikes.SUSPENDED:
        until = current.suspended_until
        return False, (f"You are suspended after two strikes under the Content Policy until "
                       f"{until.astimezone(timezone.utc):%d %B %Y, %H:%M} UTC."), until
    return True, "", None
