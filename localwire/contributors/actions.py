"""Every write to the contributor network goes through one function here, which also logs the
decision and mails the contributor (``notify.record``) where a moderator decided something."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from localwire.channels.models import Channel
from localwire.contributors import notify, strikes
from localwire.contributors.models import Appeal, Contributor, Decision, Post, Strike
from localwire.contributors.standing import standing_of
from localwire.nlp.cities import City

log = logging.getLogger(__name__)

MAX_NAME, MAX_BIO, MAX_EVIDENCE = 80, 2000, 10


class Refused(ValueError):
    """The request breaks a rule; the message says which, in the contributor's words."""


class Conflict(Refused):
    """The request clashes with what is already there (a second application, a decided appeal)."""


@dataclass(frozen=True)
class Application:
    name: str
    bio: str
    city: City
    evidence: tuple[str, ...] = ()


def _checked(application: Application) -> Application:
    name, bio = " ".join(application.name.split()), application.bio.strip()
    if not name or len(name) > MAX_NAME:
        raise Refused(f"A name is needed, of at most {MAX_NAME} characters.")
    if len(bio) > MAX_BIO:
        raise Refused(f"A bio can be at most {MAX_BIO:,} characters long.")
    links = tuple(link.strip() for link in application.evidence if link.strip())
    if len(links) > MAX_EVIDENCE or any(not link.startswith(("https://", "http://")) for link in links):
        raise Refused(f"Evidence is up to {MAX_EVIDENCE} links to past work, each starting with https://.")
    return Application(name, bio, application.city, links)


def _free_slug(name: str) -> str:
    """A slug no contributor and no contributor channel has: 'ana-ruiz', then 'ana-ruiz-2', …"""
    base = slugify(name)[:70] or "contributor"
    taken = set(Contributor.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= set(Channel.objects.filter(kind=Channel.Kind.CONTRIBUTOR, slug__startswith=base)
                 .values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def apply(user, application: Application) -> Contributor:
    """Make a reader a contributor (a Community Voice) with a channel readers can follow.
    A reader applies once: a second application raises ``Conflict``."""
    application = _checked(application)
    if Contributor.objects.filter(user=user).exists():
        raise Conflict("You are already a contributor.")
    city = application.city
    try:
        with transaction.atomic():
            slug = _free_slug(application.name)
            channel = Channel.objects.create(kind=Channel.Kind.CONTRIBUTOR, slug=slug, name=application.name,
                                             description=application.bio[:500])
            contributor = Contributor.objects.create(
                user=user, slug=slug, name=application.name, bio=application.bio, channel=channel,
                home_label=city.label, home_geonameid=city.geonameid, home_lat=city.lat, home_lon=city.lon,
                evidence=list(application.evidence))
    except IntegrityError:  # the same reader applied twice at once, or two took one slug
        raise Conflict("You are already a contributor, or the name was just taken; try again.") from None
    log.info("user %s became contributor %s", user.pk, slug)
    return contributor


def label_of(text: str) -> str:
    """A label as its value, from the value or the name a moderator typed ('Journalist')."""
    wanted = text.strip().lower()
    for value, name in Contributor.Label.choices:
        if wanted in (value, name.lower()):
            return value
    raise Refused("A label is one of: " + ", ".join(f"{v} ({n})" for v, n in Contributor.Label.choices) + ".")


def set_label(contributor: Contributor, label: str, moderator, now: datetime, reason: str = "") -> Contributor:
    value = label_of(label)
    with transaction.atomic():
        contributor.label = value
        contributor.save(update_fields=["label"])
        notify.record(contributor, Decision.Action.LABEL, reason, now, moderator=moderator,
                      details=f"Your label is now {contributor.get_label_display()}.")
    return contributor


def _store_standing(contributor: Contributor, now: datetime) -> strikes.Standing:
    """Work the standing out from the strikes and keep it on the row, for lists and the admin."""
    current = standing_of(contributor, now)
    contributor.status, contributor.suspended_until = current.status, current.suspended_until
    contributor.save(update_fields=["status", "suspended_until"])
    return current


def _consequence(current: strikes.Standing) -> str:
    if current.status == strikes.ENDED:
        return "This is your third active strike: your publishing on this site has ended."
    if current.status == strikes.SUSPENDED:
        return f"This is your second active strike: you are suspended until {current.suspended_until:%Y-%m-%d %H:%M} UTC."
    if current.strikes_active == strikes.WARNING:
        return "This is a warning: a second active strike suspends you for 7 days."
    return f"You have {current.strikes_active} active strikes."


def add_strike(contributor: Contributor, policy: str, note: str, moderator, now: datetime,
               post: Post | None = None) -> strikes.Standing:
    policy = policy.strip()
    if not policy or len(policy) > 60:
        raise Refused("A strike names the Content Policy section broken, in at most 60 characters.")
    if post is not None and post.contributor_id != contributor.pk:
        raise Refused("That post is not this contributor's.")
    with transaction.atomic():
        Strike.objects.create(contributor=contributor, policy=policy, note=note, post=post, by=moderator, at=now)
        current = _store_standing(contributor, now)
        notify.record(contributor, Decision.Action.STRIKE, note, now, moderator=moderator, post=post,
                      details=f"Policy: {policy}. {_consequence(current)}")
    return current


def appeal(contributor: Contributor, strike_id: int, text: str) -> Appeal:
    """A contributor appeals one of their own strikes, once."""
    text = text.strip()
    if not text or len(text) > MAX_BIO:
        raise Refused(f"Say why the strike was wrong, in at most {MAX_BIO:,} characters.")
    strike = Strike.objects.filter(pk=strike_id, contributor=contributor).first()
    if strike is None:
        raise LookupError(f"You have no strike {strike_id}.")
    if strike.overturned_at or strike.appeals.exists():
        raise Conflict("This strike has already been appealed.")
    return Appeal.objects.create(strike=strike, text=text)


def decide_appeal(appeal_row: Appeal, decision: str, reason: str, moderator, now: datetime) -> strikes.Standing:
    """Uphold or overturn an open appeal; an overturned strike stops counting at once."""
    if decision not in ("uphold", "overturn"):
        raise Refused("A decision is 'uphold' or 'overturn'.")
    if appeal_row.status != Appeal.Status.OPEN:
        raise Conflict("This appeal has already been decided.")
    contributor = appeal_row.strike.contributor
    overturn = decision == "overturn"
    with transaction.atomic():
        appeal_row.status = Appeal.Status.OVERTURNED if overturn else Appeal.Status.UPHELD
        appeal_row.decided_by, appeal_row.decided_at, appeal_row.reason = moderator, now, reason
        appeal_row.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        if overturn:
            Strike.objects.filter(pk=appeal_row.strike_id).update(overturned_at=now)
        current = _store_standing(contributor, now)
        action = Decision.Action.OVERTURN if overturn else Decision.Action.UPHOLD
        notify.record(contributor, action, reason, now, moderator=moderator,
                      details=f"Strike {appeal_row.strike_id} ({appeal_row.strike.policy}). {_consequence(current)}")
    return current
