"""Operator actions on channels: merging two names of one thing."""

from __future__ import annotations

import logging

from django.db import transaction

from localwire.articles import pending
from localwire.channels.dependents import carry_merge
from localwire.channels.models import ArticleChannel, Channel, ChannelAlias

log = logging.getLogger(__name__)


def merge_channels(source: Channel, target: Channel, by: str = "") -> int:
    """Move every article of ``source`` to ``target``, keep ``source``'s slug as an alias, delete it.

    Returns the number of articles moved. Later analyses that produce the old
    slug land on the target, and the old page redirects there.
    """
    if source.pk == target.pk:
        return 0
    with transaction.atomic():
        moved = 0
        links = list(ArticleChannel.objects.filter(channel=source).select_for_update())
        pending.mark(pending.Step.PAGE, [link.article_id for link in links])  # their pages' chips name the target
        for link in links:
            existing = ArticleChannel.objects.filter(article_id=link.article_id, channel=target).first()
            if existing is None:
                link.channel = target
                link.save(update_fields=["channel"])
                moved += 1
            else:
                if link.score > existing.score:
                    existing.score = link.score
                    existing.save(update_fields=["score"])
                link.delete()
        ChannelAlias.objects.filter(channel=source).update(channel=target)
        carry_merge(source, target)  # e.g. readers who followed the old name keep following
        ChannelAlias.objects.update_or_create(kind=source.kind, slug=source.slug, defaults={"channel": target})
        source.delete()
    log.info("channels merged by %s: %s/%s into %s/%s (%s articles moved)",
             by or "system", source.kind, source.slug, target.kind, target.slug, moved)
    return moved
