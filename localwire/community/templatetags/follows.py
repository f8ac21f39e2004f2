"""``{% follow_button target %}`` and ``{% mute_button target %}`` for channels and publishers.

Each renders a small POST form that works without JavaScript; ``community/follow.js`` sends it
with fetch instead and swaps the button. The reader's follows are read once per request.

A button is a toggle (``aria-pressed``) whose accessible name stays "Follow X" / "Mute X"; what it
shows follows the state: "Follow", then "Following" ("Unfollow" under the pointer or the focus
ring), and "Mute", "Muted", "Unmute". A visitor gets a link to log in that carries the follow
(``?follow=kind:slug``), performed by the log-in or sign-up POST (see ``pending``).
"""

from __future__ import annotations

from django import template

from localwire.community import actions
from localwire.sources.models import Publisher

register = template.Library()

WORDS = {
    "follow": {"off": "Follow", "on": "Following", "undo": "Unfollow"},
    "mute": {"off": "Mute", "on": "Muted", "undo": "Unmute"},
}


def _button(context, target, mute: bool, compact: bool = False) -> dict:
    request = context.get("request")
    if request is None or target is None:
        return {"target": None}
    key = ("publisher", target.pk) if isinstance(target, Publisher) else ("channel", target.pk)
    state = actions.follow_states(request).get(key)
    on = (state is True) if mute else (state is False)
    verb = "mute" if mute else "follow"
    words = WORDS[verb]
    return {
        "target": target, "kind": actions.kind_of(target), "user": request.user,
        "next": request.get_full_path(), "on": on, "mute": mute, "compact": compact,
        "verb": verb, "action": f"un{verb}" if on else verb, "words": words,
        "label": f"{words['off']} {target.name}", "undo_label": f"{words['undo']} {target.name}",
    }


@register.inclusion_tag("community/_follow_button.html", takes_context=True)
def follow_button(context, target, compact=False):
    return _button(context, target, mute=False, compact=compact)


@register.inclusion_tag("community/_follow_button.html", takes_context=True)
def mute_button(context, target):
    return _button(context, target, mute=True)
