"""An article deleted any way at all (the admin, a publisher removed with its articles, a
takedown) leaves its story and its syndication group right: the story recounted and re-headed or
deleted, the group's original named again so its copies are not left folded under nothing.

They follow any deletion of a membership or a copy row that an article's deletion started, in
the same transaction. A story or group deleted on its own (emptied, merged) takes its rows with it
and needs nothing.
"""

from __future__ import annotations

from django.db.models.signals import post_delete

from localwire.stories.assign import after_member_left
from localwire.stories.models import Story, StoryMember, SyndicatedCopy, SyndicationGroup
from localwire.stories.syndicated import after_copy_left


def install() -> None:
    post_delete.connect(_member_left, sender=StoryMember, dispatch_uid="stories-member-left", weak=False)
    post_delete.connect(_copy_left, sender=SyndicatedCopy, dispatch_uid="stories-copy-left", weak=False)


def _started_by_its_whole(origin, whole) -> bool:
    return isinstance(origin, whole) or getattr(origin, "model", None) is whole


def _member_left(instance, origin=None, **_):
    if not _started_by_its_whole(origin, Story):
        after_member_left(instance.story_id)


def _copy_left(instance, origin=None, **_):
    if not _started_by_its_whole(origin, SyndicationGroup):
        after_copy_left(instance.group_id)
