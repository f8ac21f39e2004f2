"""Every write a reader makes to their follows and account goes through one function here."""

from __future__ import annotations

import logging
from itertools import groupby

from django.db import IntegrityError, transaction

from localwire.channels.models import Channel
from localwire.channels.queries import channel_or_alias
from localwire.community import reading
from localwire.community.models import ArticleRead, Follow, Profile
from localwire.sources.models import Publisher

log = logging.getLogger(__name__)

PUBLISHER = "publisher"
KINDS = (PUBLISHER, *Channel.Kind.values)


class UnknownTarget(LookupError):
    """No channel or publisher answers to this kind and slug."""


def find_target(kind: str, slug: str) -> Channel | Publisher:
    """The publisher or channel a kind and slug name, following merged channel slugs."""
    if kind == PUBLISHER:
        found = Publisher.objects.filter(slug=slug).first()
    elif kind in Channel.Kind.values:
        found, _ = channel_or_alias(kind, slug)
    else:
        found = None
    if found is None:
        raise UnknownTarget(f"no {kind} called {slug!r}")
    return found


def kind_of(target) -> str:
    return PUBLISHER if isinstance(target, Publisher) else target.kind


KIND_ORDER = {kind: n for n, kind in enumerate(KINDS)}
KIND_LABELS = {PUBLISHER: "Publishers", "topic": "Topics", "person": "People",
               "organisation": "Organisations", "group": "Groups", "city": "Cities", "county": "Counties",
               "region": "States and regions", "country": "Countries", "continent": "Continents", "tag": "Tags",
               "contributor": "Contributors"}


def group_by_kind(rows) -> list[tuple[str, str, list[Follow]]]:
    """Follow rows as (kind, label, rows) groups in the site's order of kinds, by name inside each;
    a kind with no rows has no group. The Following page and the OPML export share it."""
    rows = sorted(rows, key=lambda r: (KIND_ORDER.get(kind_of(r.target), 99), r.target.name.lower()))
    return [(kind, KIND_LABELS.get(kind, kind), list(items)) for kind, items in groupby(rows, key=lambda r: kind_of(r.target))]


def _lookup(target) -> dict:
    return {"publisher": target} if isinstance(target, Publisher) else {"channel": target}


def _set(user, target, muted: bool) -> Follow:
    lookup = _lookup(target)
    try:
        with transaction.atomic():
            row, created = Follow.objects.get_or_create(user=user, **lookup, defaults={"muted": muted})
    except IntegrityError:  # two clicks raced; the other one made the row
        row, created = Follow.objects.get(user=user, **lookup), False
    if not created and row.muted != muted:
        row.muted = muted
        row.save(update_fields=["muted"])
    log.info("user %s %s %s/%s", user.pk, "muted" if muted else "followed", kind_of(target),
             getattr(target, "slug", ""))
    return row


def follow(user, target) -> Follow:
    """Follow a channel or publisher; following a muted one lifts the mute."""
    return _set(user, target, muted=False)


def mute(user, target) -> Follow:
    """Mute a channel or publisher; muting a followed one stops following it."""
    return _set(user, target, muted=True)


def unfollow(user, target) -> bool:
    return Follow.objects.filter(user=user, muted=False, **_lookup(target)).delete()[0] > 0


def unmute(user, target) -> bool:
    return Follow.objects.filter(user=user, muted=True, **_lookup(target)).delete()[0] > 0


def state_of(user, target) -> str:
    """'following', 'muted' or '' for this reader and target."""
    row = Follow.objects.filter(user=user, **_lookup(target)).values_list("muted", flat=True).first()
    return "" if row is None else ("muted" if row else "following")


def follow_states(request) -> dict[tuple[str, int], bool]:
    """{("channel" | "publisher", id): muted} for the request's reader, one query per request however
    many follow buttons and suggestions the page has."""
    cached = getattr(request, "_localwire_follows", None)
    if cached is None:
        cached = {}
        if request.user.is_authenticated:
            for channel_id, publisher_id, muted in Follow.objects.filter(user=request.user).values_list(
                    "channel_id", "publisher_id", "muted"):
                cached[("channel", channel_id) if channel_id else ("publisher", publisher_id)] = muted
        request._localwire_follows = cached
    return cached


def move_follows(source: Channel, target: Channel) -> int:
    """When an operator merges ``source`` into ``target``, its followers follow (or mute) the target.

    A reader with a row for both keeps the target's. Called inside the merge's transaction.
    Returns the number of rows moved.
    """
    already = Follow.objects.filter(channel=target).values("user_id")
    Follow.objects.filter(channel=source, user_id__in=already).delete()
    return Follow.objects.filter(channel=source).update(channel=target)


def spread_follows(source: Channel, targets: list[Channel]) -> int:
    """When re-analysis splits ``source`` (one 'Senate' becomes 'Senate (Kazakhstan)' and 'US Senate'),
    its followers follow, and its muters mute, each part. Returns the number of readers moved."""
    rows = list(Follow.objects.filter(channel=source))
    with transaction.atomic():
        for row in rows:
            for target in targets:
                Follow.objects.get_or_create(user_id=row.user_id, channel=target, defaults={"muted": row.muted})
        Follow.objects.filter(channel=source).delete()
    return len(rows)


def profile_of(user) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


HOME_FIELDS = ["home_geonameid", "home_name", "home_region", "home_country", "home_lat", "home_lon"]


def set_home(profile: Profile, city, save: bool = True) -> Profile:
    """Set (or with None, clear) a reader's home city: a ``places.City``, copied whole beside its
    GeoNames id so pages that show it never load the gazetteer."""
    profile.home_geonameid = city.geonameid if city else None
    profile.home_name = city.name if city else ""
    profile.home_region = city.region if city else ""
    profile.home_country = city.country if city else ""
    profile.home_lat = city.lat if city else None
    profile.home_lon = city.lon if city else None
    if save:
        profile.save(update_fields=HOME_FIELDS if profile.pk else None)
    return profile


def clear_history(user) -> int:
    """Forget which articles the reader opened: the stored rows, and the notes not yet flushed."""
    deleted = ArticleRead.objects.filter(user=user).delete()[0]
    reading.forget_pending(user.pk)
    log.info("user %s cleared their reading history (%d reads)", user.pk, deleted)
    return deleted


def delete_account(user) -> dict:
    """Delete a reader and everything of theirs: profile, follows, mutes, API tokens, comments,
    reading history.

    They all hang off the user with ``on_delete=CASCADE``; so must anything added later, or it
    must be deleted here. Reads noted in the cache and not yet flushed are dropped too (the flusher
    skips users that no longer exist; the mark makes that hold for a reused id as well).
    Returns what was deleted, by model.
    """
    with transaction.atomic():
        user_id = user.pk
        _, counts = user.delete()
    reading.forget_pending(user_id)
    log.info("user %s deleted their account: %s", user_id, counts)
    return counts
