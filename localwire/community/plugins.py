"""What community plugs into the layers below it, which build without knowing it is there.

``community/apps.py`` calls ``install()`` once the app registry is ready:

- metrics counts a publisher's followers through ``followers_by_publisher`` (``Follow`` is ours);
- a channel merged into another, or split into several, takes its follows and mutes along
  (``actions.move_follows``, ``actions.spread_follows``);
- a comment saved or deleted, or a moderation step logged, retires the kept anonymous pages,
  since community is what knows when its comments change;
- articles stored or understood (``articles_changed``) rebuild For you's stored pool
  (``pool.store_fresh_pool``).
"""

from __future__ import annotations

from django.db.models import Count
from django.db.models.signals import post_delete, post_save

from localwire.articles.signals import articles_changed
from localwire.caching import pages as pagecache
from localwire.channels import dependents
from localwire.community.actions import move_follows, spread_follows
from localwire.community.models import Comment, Follow, ModerationAction
from localwire.community.pool import store_fresh_pool
from localwire.metrics.publishers import count_followers_with


def followers_by_publisher(publisher_ids: list[int]) -> dict[int, int]:
    """One grouped count over the ``(publisher, muted)`` index; a publisher without any is left out."""
    return dict(Follow.objects.filter(publisher_id__in=publisher_ids, muted=False).values("publisher_id")
                .annotate(n=Count("id")).values_list("publisher_id", "n"))


def retire_pages(**_) -> None:
    pagecache.changed()


def install() -> None:
    count_followers_with(followers_by_publisher)
    dependents.register("community.follows", dependents.Dependent(merged=move_follows, split=spread_follows))
    for name, signal in (("saved", post_save), ("deleted", post_delete)):  # posted, edited, hidden, removed
        signal.connect(retire_pages, sender=Comment, dispatch_uid=f"pagecache-comment-{name}", weak=False)
    # Every moderation step is logged, including those that change comments by a bulk update
    # (held after enough reports), so a new log row retires pages too.
    post_save.connect(retire_pages, sender=ModerationAction, dispatch_uid="pagecache-moderation", weak=False)
    articles_changed.connect(store_fresh_pool, dispatch_uid="community-stored-pool", weak=False)
