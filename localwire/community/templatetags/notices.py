"""``messages|placed:"comments"``: the messages meant for one place on a page.

Most messages ("You now follow Housing.", "Profile saved.") show at the top of the page
(``web/base.html``). Those about a comment are added with ``extra_tags="comments"`` and show in
the comment section instead, where the page scrolls to after posting or reporting.
"""

from __future__ import annotations

from django import template

register = template.Library()

PLACES = ("comments",)  # placements other than the top of the page


TOP = "page"  # the top of the page: every message not tagged for one of PLACES


@register.filter
def placed(messages, where: str) -> list:
    """The messages to show at ``where``: one of ``PLACES``, or ``TOP`` for all the others."""
    if not messages:
        return []
    if where == TOP:
        return [m for m in messages if not set(m.extra_tags.split()) & set(PLACES)]
    return [m for m in messages if where in m.extra_tags.split()]
