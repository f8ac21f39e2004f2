"""A reader's private For you feed: ``/feed/for-you/<user id>/<token>.rss`` (also ``.atom``, ``.json``).

The token is an HMAC of the user's id and password hash under the site's secret, so nothing is
stored, anyone holding the address can read the feed (that is what a feed reader needs), and
changing the password gives a new address and retires the old one.

The feed is the reader's For you page (``pool.for_you_articles``) made with the public feeds'
building blocks (``feeds.build`` for the items, ``feeds.views.respond`` for validators and bytes):
the community app owns whose feed it is, the feeds app how any feed is written.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.views.decorators.http import require_safe

from localwire.community.pool import for_you_articles
from localwire.feeds import build
from localwire.feeds.render import FORMATS
from localwire.feeds.views import respond

SALT = "localwire.feeds.for-you"  # part of every address already given out: changing it retires them all


def token_for(user) -> str:
    return salted_hmac(SALT, f"{user.pk}:{user.password}", algorithm="sha256").hexdigest()[:40]


def user_for(user_id: int, token: str):
    """The active reader the address belongs to, or None."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not constant_time_compare(token_for(user), token):
        return None
    return user


def for_you_paths(user) -> dict[str, str]:
    """{"rss": path, "atom": path, "json": path} of the reader's own feed."""
    return {fmt: reverse("for_you_feed", kwargs={"user_id": user.pk, "token": token_for(user), "fmt": fmt})
            for fmt in FORMATS}


def for_you_feed_of(user) -> build.Feed:
    """A reader's For you page as a feed, in its ranked order (not by date)."""
    articles = for_you_articles(user, limit=build.LIMIT)
    categories = build.categories_of(articles)
    return build.Feed(key=f"for-you/{user.pk}", title=f"For you · {settings.SITE_NAME}", link=reverse("for_you"),
                      description="Ranked from what you follow and mute, and how widely each story is covered.",
                      items=[build.item_of(a, categories.get(a.pk, ())) for a in articles],
                      language=build.site_language())


@require_safe
def for_you_feed(request, user_id: int, token: str, fmt: str):
    """A reader's private feed; a wrong or retired token is simply not found."""
    user = user_for(user_id, token)
    if user is None:
        raise Http404("No such feed.")
    return respond(request, for_you_feed_of(user), fmt, private=True)
