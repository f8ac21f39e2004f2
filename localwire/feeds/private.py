"""Addresses of a reader's own feed: ``/feed/for-you/<user id>/<token>.rss``.

The token is an HMAC of the user's id and password hash under the site's secret, so nothing is
stored, anyone holding the address can read the feed (that is what a feed reader needs), and
changing the password gives a new address and retires the old one.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "localwire.feeds.for-you"


def token_for(user) -> str:
    return salted_hmac(SALT, f"{user.pk}:{user.password}", algorithm="sha256").hexdigest()[:40]


def user_for(user_id: int, token: str):
    """The active reader the address belongs to, or None."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not constant_time_compare(token_for(user), token):
        return None
    return user


def for_you_paths(user) -> dict[str, str]:
    return {fmt: reverse("for_you_feed", kwargs={"user_id": user.pk, "token": token_for(user), "fmt": fmt})
            for fmt in ("rss", "atom", "json")}
