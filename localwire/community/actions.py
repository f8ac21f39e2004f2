"""Every write a reader makes to their follows and account goes through one function here."""

from __future__ import annotations

import logging
from itertools import groupby

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from localwire.channels.models import Channel
from localwire.channels.queries import channel_or_alias
from localwire.community import leaving, reading
from localwire.community.models import ApiToken, ArticleRead, Follow, Profile
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
    must be deleted here, or by an app above registered in ``leaving`` (contributors). Reads noted
    in the cache and not yet flushed are dropped too (the flusher skips users that no longer exist;
    the mark makes that hold for a reused id as well). Returns what was deleted, by model.
    """
    with transaction.atomic():
        user_id = user.pk
        counts = leaving.before_delete(user)
        _, deleted = user.delete()
        for model, n in deleted.items():
            counts[model] = counts.get(model, 0) + n
    reading.forget_pending(user_id)
    log.info("user %s deleted their account: %s", user_id, counts)
    return counts


# --- accounts an operator makes -----------------------------------------------------------------

OPERATOR = "operator"
ROLES = (*Profile.Role.values, OPERATOR)


class AccountRefused(ValueError):
    """An account or token that cannot be made as asked; the message says why, in one line."""


def create_account(name: str, email: str = "", role: str = Profile.Role.READER, password: str | None = None):
    """A new user with their profile. A moderator's profile says so; an operator is Django staff and
    superuser too (the admin, and everything moderators may). Without a password the account has an
    unusable one: its owner sets one through the password reset, which needs the e-mail address."""
    user_model = get_user_model()
    name, email = user_model.normalize_username(name.strip()), user_model.objects.normalize_email(email.strip())
    _check_new_account(user_model, name, email, role)
    user = user_model(username=name, email=email, is_staff=role == OPERATOR, is_superuser=role == OPERATOR)
    if password is None:
        user.set_unusable_password()
    else:
        _check_password(password, user)
        user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            Profile.objects.create(user=user, role=Profile.Role.READER if role == Profile.Role.READER
                                   else Profile.Role.MODERATOR)
    except IntegrityError:  # the same name made by someone else since the check
        raise AccountRefused(f"a user called {name!r} already exists") from None
    log.info("user %s (%s) created with role %s", user.pk, name, role)
    return user


def _check_new_account(user_model, name: str, email: str, role: str) -> None:
    """The sign-up form's rules: a valid user name and e-mail address, each not taken in any case."""
    if role not in ROLES:
        raise AccountRefused(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    field = user_model._meta.get_field(user_model.USERNAME_FIELD)
    try:
        field.clean(name, None)
        if email:
            validate_email(email)
    except ValidationError as exc:
        raise AccountRefused(" ".join(exc.messages)) from None
    if user_model.objects.filter(username__iexact=name).exists():
        raise AccountRefused(f"a user called {name!r} already exists")
    if email and user_model.objects.filter(email__iexact=email).exists():
        raise AccountRefused(f"another account already uses {email}")


def _check_password(password: str, user) -> None:
    if not password:
        raise AccountRefused("the password is empty")
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountRefused(" ".join(exc.messages)) from None


def issue_token(name: str, label: str):
    """A new API token for the user called ``name``; the token itself is returned once, only its hash kept."""
    label = label.strip()
    if not label or len(label) > ApiToken._meta.get_field("name").max_length:
        raise AccountRefused("the label must be 1 to 80 characters")
    user = get_user_model().objects.filter(username=name).first()
    if user is None:
        raise AccountRefused(f"no user called {name!r}")
    if not user.is_active:
        raise AccountRefused(f"{name!r} is deactivated")
    row, raw = ApiToken.issue(user, label)
    log.info("user %s was issued API token %s (%s) by an operator", user.pk, row.pk, label)
    return raw
