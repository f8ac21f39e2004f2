"""Who paused a feed: the portal or the site's operators.

Both set ``Feed.enabled``; the audit log tells them apart. A paused feed whose last pause or resume
logged by the portal is a pause was paused from the portal, and the portal may resume it; any other
paused feed was stopped by an operator (``localwire feeds pause``, the admin), and only they resume it.
"""

from __future__ import annotations

from localwire.publishers.models import Action

PAUSE, RESUME = "feed.pause", "feed.resume"


def portal_paused(publisher, feed_ids) -> set[int]:
    """The feeds among ``feed_ids`` whose last pause or resume from the portal is a pause; no query
    when there are none to ask about. ``publisher`` may be the row or its id."""
    wanted, last = set(feed_ids), {}
    if not wanted:
        return set()
    rows = Action.objects.filter(publisher=publisher, action__in=(PAUSE, RESUME)).values_list("action", "detail")
    for action, detail in rows:  # newest first
        feed_id = (detail or {}).get("feed_id")
        if feed_id in wanted and feed_id not in last:
            last[feed_id] = action
    return {feed_id for feed_id, action in last.items() if action == PAUSE}


def paused_by_operator(publisher, feed) -> bool:
    return not feed.enabled and feed.pk not in portal_paused(publisher, [feed.pk])
