"""A follow asked for before logging in, carried to the log-in or sign-up form and made by its POST.

A visitor's Follow button is a link to the log-in page with ``?follow=kind:slug``. That GET
changes nothing: the page names what will be followed in a checked box inside the log-in (or
sign-up) form, and only a successful POST of that form, which carries Django's CSRF token and
the reader's own password, makes the follow. A link an attacker plants can therefore at most
show a box the reader sees and may untick; it can never follow on its own. Nothing is kept in
the session meanwhile, so pages for visitors stay the same for every visitor (and cacheable).
"""

from __future__ import annotations

from django.contrib import messages
from django.utils.http import urlencode

from localwire.community import actions

FIELD = "follow"  # the query parameter and the form's checkbox
MAX_LENGTH = 200


def encode(kind: str, slug: str) -> str:
    return f"{kind}:{slug}"


def target_of(value: str):
    """The channel or publisher ``kind:slug`` names, or None for anything else."""
    kind, _, slug = (value or "")[:MAX_LENGTH].partition(":")
    if not kind or not slug:
        return None
    try:
        return actions.find_target(kind, slug)
    except actions.UnknownTarget:
        return None


def asked(request):
    """The target the log-in or sign-up page was opened (or posted) for, or None."""
    return target_of(request.POST.get(FIELD) or request.GET.get(FIELD, ""))


def context(request) -> dict:
    """What the log-in and sign-up templates need to show the box and carry it to the other page."""
    target = asked(request)
    if target is None:
        return {"pending": None, "pending_query": ""}
    value = encode(actions.kind_of(target), target.slug)
    return {"pending": target, "pending_value": value, "pending_query": urlencode({FIELD: value})}


def perform(request, user) -> None:
    """After a log-in or sign-up POST: follow what the ticked box names, and say so."""
    if request.method != "POST":
        return
    target = target_of(request.POST.get(FIELD, ""))
    if target is None:
        return
    actions.follow(user, target)
    messages.success(request, f"You now follow {target.name}.")
