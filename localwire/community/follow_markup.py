"""The follow and mute buttons' markup, built in Python once for both template engines: a page shows
a dozen of them, and a Django template rendered per button cost more than the rest of the chip
list. The words and states are described in ``templatetags/follows.py``."""

from __future__ import annotations

from urllib.parse import quote

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from localwire.community import actions
from localwire.sources.models import Publisher

WORDS = {
    "follow": {"off": "Follow", "on": "Following", "undo": "Unfollow"},
    "mute": {"off": "Mute", "on": "Muted", "undo": "Unmute"},
}
COMPACT_FACE = mark_safe('<span class="when-off">+</span><span class="when-on">✓</span><span class="when-undo">✕</span>')


def button_html(request, target, mute: bool = False, compact: bool = False) -> SafeString:
    """A signed-in reader's toggle form, a visitor's log-in link that carries the follow, or nothing
    (no target, no request, or a mute button for a visitor)."""
    if request is None or target is None:
        return mark_safe("")
    kind, next_path = actions.kind_of(target), request.get_full_path()
    if request.user.is_authenticated:
        return _toggle_form(request, target, kind, next_path, mute, compact)
    if mute:
        return mark_safe("")
    return _login_link(target, kind, next_path, compact)


def _toggle_form(request, target, kind: str, next_path: str, mute: bool, compact: bool) -> SafeString:
    key = ("publisher", target.pk) if isinstance(target, Publisher) else ("channel", target.pk)
    state = actions.follow_states(request).get(key)
    on = (state is True) if mute else (state is False)
    verb = "mute" if mute else "follow"
    words = WORDS[verb]
    label, undo_label = f"{words['off']} {target.name}", f"{words['undo']} {target.name}"
    face = COMPACT_FACE if compact else format_html(
        '<span class="when-off">{}</span><span class="when-on">{}</span><span class="when-undo">{}</span>',
        words["off"], words["on"], words["undo"])
    classes = "follow__button" + (" follow__button--mute" if mute else "") + (" follow__button--compact" if compact else "")
    return format_html(
        '<form class="follow" method="post" action="{}" data-follow="{}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">\n'
        '<input type="hidden" name="kind" value="{}"><input type="hidden" name="slug" value="{}">'
        '<input type="hidden" name="action" value="{}"><input type="hidden" name="next" value="{}">\n'
        '<button type="submit" class="{}" aria-pressed="{}" aria-label="{}" title="{}" data-label="{}" '
        'data-undo-label="{}">{}</button>\n</form>',
        reverse("follow"), verb, get_token(request), kind, target.slug, f"un{verb}" if on else verb, next_path,
        classes, "true" if on else "false", label, undo_label if on else label, label, undo_label, face)


def _login_link(target, kind: str, next_path: str, compact: bool) -> SafeString:
    href = format_html("{}?next={}&amp;follow={}:{}", reverse("login"), quote(next_path, safe="/"),
                       quote(kind, safe="/"), quote(target.slug, safe="/"))
    title = f"Log in to follow {target.name}"
    if compact:
        return format_html('<a class="follow__button follow__login follow__button--compact" href="{}" title="{}" '
                           'aria-label="{}">+</a>', href, title, title)
    return format_html('<a class="follow__button follow__login" href="{}" title="{}">Follow</a>', href, title)
