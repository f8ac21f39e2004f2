"""``{% follow_button target %}`` and ``{% mute_button target %}`` for channels and publishers.

Each renders a small POST form that works without JavaScript; ``community/follow.js`` sends it
with fetch instead and swaps the button. The reader's follows are read once per request.

A button is a toggle (``aria-pressed``) whose accessible name stays "Follow X" / "Mute X"; what it
shows follows the state: "Follow", then "Following" ("Unfollow" under the pointer or the focus
ring), and "Mute", "Muted", "Unmute". A visitor gets a link to log in that carries the follow
(``?follow=kind:slug``), performed by the log-in or sign-up POST (see ``pending``). The markup is
built in ``follow_markup``, which the Jinja2 pages call too.
"""

from __future__ import annotations

from django import template

from localwire.community.follow_markup import button_html

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_button(context, target, compact=False):
    return button_html(context.get("request"), target, mute=False, compact=compact)


@register.simple_tag(takes_context=True)
def mute_button(context, target):
    return button_html(context.get("request"), target, mute=True)
