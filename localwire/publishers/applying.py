"""A publisher asking to join, and an operator's decision: the one path the API and the pages share.

``apply`` stores the application first and runs the checks after, outside any transaction: they
fetch for up to ``checks.TOTAL_SECONDS`` and must not hold the database meanwhile. ``decide``
checks the feeds again (they may have changed since), then creates the publisher, its feeds and
its first manager in one transaction, and mails the applicant once it has committed.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone

from localwire.publishers import checks
from localwire.publishers.access import add_manager
from localwire.publishers.audit import log_action
from localwire.publishers.models import Application, Manager
from localwire.sources.checking import FeedCheckError, check_feed
from localwire.sources.context import make_fetcher
from localwire.sources.models import Feed, Publisher
from localwire.sources.publisher_edit import InvalidEdit, clean_home_city

log = logging.getLogger(__name__)

MAX_FEEDS = 10
MAX_PENDING = 3  # applications one person may have waiting at once
MAX_A_DAY = 5  # applications one person may send in a day: each one fetches from outside for seconds
MAX_NAME, MAX_ABOUT, MAX_URL = 200, 5000, 500
MAX_REASON = 2000
RECHECK_EVERY = timedelta(minutes=10)  # how often an applicant may run their checks again
APPROVE, REJECT = "approve", "reject"


class Refused(ValueError):
    """The application breaks a rule; the message says which, for the applicant."""


class Conflict(Refused):
    """It clashes with what is there: too many waiting, or an application already decided."""


def _url(value: str, what: str) -> str:
    url = (value or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise Refused(f"{what} must be an http:// or https:// address, not “{value[:200]}”.") from None
    if len(url) > MAX_URL:
        raise Refused(f"{what} is longer than {MAX_URL} characters.")
    return url


def _feeds(values) -> list[str]:
    urls = list(dict.fromkeys(_url(str(v), "Each feed") for v in (values or []) if str(v).strip()))
    if not 1 <= len(urls) <= MAX_FEEDS:
        raise Refused(f"Give between 1 and {MAX_FEEDS} feed addresses.")
    stored = Feed.objects.filter(url__in=urls).select_related("publisher").first()
    if stored is not None:
        raise Refused(f"The feed {stored.url} is already here, as part of {stored.publisher.name}. If that "
                      f"profile is yours, open it (/publisher/{stored.publisher.slug}/) and choose "
                      "Claim this profile.")
    return urls


def cleaned(name, website, feeds, home_city, about, contact_email) -> dict:
    """The application's fields as stored, or ``Refused`` naming the first that breaks a rule."""
    name = " ".join((name or "").split())
    if not name or len(name) > MAX_NAME:
        raise Refused(f"A name is needed, of at most {MAX_NAME} characters.")
    about = (about or "").replace("\x00", "").strip()
    if len(about) > MAX_ABOUT:
        raise Refused(f"“About” can be at most {MAX_ABOUT:,} characters long.")
    email = (contact_email or "").strip()
    try:
        EmailValidator()(email)
    except ValidationError:
        raise Refused("A contact e-mail address is needed, such as editor@example.org.") from None
    try:
        city = clean_home_city(home_city or "")
    except InvalidEdit as exc:
        raise Refused(f"Home city: {exc}.") from None
    return {"name": name, "website": _url(website, "The website"), "feeds": _feeds(feeds),
            "home_city": city, "about": about, "contact_email": email}


def apply(user, name, website, feeds, home_city="", about="", contact_email="") -> Application:
    """Store an application and run its checks at once; ``Refused`` or ``Conflict`` for a bad one."""
    fields = cleaned(name, website, feeds, home_city, about, contact_email)
    waiting = Application.objects.filter(user=user, status=Application.Status.PENDING).count()
    if waiting >= MAX_PENDING:
        raise Conflict(f"You have {waiting} applications waiting for a decision; "
                       "please wait for one before sending another.")
    if Application.objects.filter(user=user, created_at__gte=timezone.now() - timedelta(days=1)).count() >= MAX_A_DAY:
        raise Conflict(f"You sent {MAX_A_DAY} applications in the last day; please try again tomorrow.")
    application = Application.objects.create(user=user, **fields)
    recheck(application)
    log.info("publisher application %s from user %s: %s", application.pk, user.pk, application.name)
    return application


def may_recheck(application: Application, user, moderator: bool = False) -> bool:
    """Moderators any time a waiting application; its applicant once every ``RECHECK_EVERY``."""
    if application.status != Application.Status.PENDING:
        return False
    if moderator:
        return True
    due = application.checked_at is None or timezone.now() - application.checked_at >= RECHECK_EVERY
    return application.user_id == getattr(user, "pk", None) and due


def recheck(application: Application) -> Application:
    """Run the checks (again) and store what they found; a fault of ours leaves the application
    standing without checks, for a moderator to run them again."""
    try:
        application.checks = checks.run_checks(application.website, application.feeds, application.name)
    except Exception:
        log.exception("the checks of publisher application %s failed", application.pk)
        return application
    application.checked_at = timezone.now()
    application.save(update_fields=["checks", "checked_at"])
    return application


def decide(application: Application, moderator, decision: str, reason: str = "") -> Application:
    """Approve (publisher, feeds, manager) or reject (a reason is needed); ``Conflict`` when decided."""
    reason = (reason or "").strip()
    if decision not in (APPROVE, REJECT):
        raise Refused("The decision is “approve” or “reject”.")
    if decision == REJECT and not reason:
        raise Refused("Say why the application is rejected: the applicant reads it.")
    if len(reason) > MAX_REASON:
        raise Refused(f"A reason can be at most {MAX_REASON:,} characters long.")
    if application.status != Application.Status.PENDING:
        raise Conflict(f"This application was already {application.status}.")
    if decision == REJECT:
        return _reject(application, moderator, reason)
    return _approve(application, moderator, reason, _checked_feeds(application.feeds))


def _checked_feeds(urls: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """The feeds to store as ``(url, title)`` and, in words, those that no longer check out."""
    good, bad = [], []
    with make_fetcher(deadline=checks.PER_FETCH_SECONDS) as fetcher:
        budget = checks.BudgetFetcher(fetcher, checks.TOTAL_SECONDS, checks.PER_FETCH_SECONDS)
        for url in urls:
            try:
                found = check_feed(url, budget)  # a timeout is stored with a warning, as the CLI does
            except FeedCheckError as exc:
                bad.append(f"{url} ({exc.kind}: {exc})")
                continue
            if found.url not in [u for u, _ in good]:
                good.append((found.url, found.title))
    return good, bad


def _settle(application: Application, status: str, moderator, reason: str, publisher=None) -> None:
    """Mark it decided, once: a second moderator deciding at the same moment gets ``Conflict``."""
    now = timezone.now()
    done = Application.objects.filter(pk=application.pk, status=Application.Status.PENDING).update(
        status=status, decided_by=moderator, decided_at=now, reason=reason, publisher=publisher)
    if not done:
        raise Conflict("This application was decided by someone else a moment ago.")
    application.status, application.decided_by, application.decided_at = status, moderator, now
    application.reason, application.publisher = reason, publisher


def _reject(application: Application, moderator, reason: str) -> Application:
    with transaction.atomic():
        _settle(application, Application.Status.REJECTED, moderator, reason)
        log_action(None, moderator, "application.reject", application=application.pk, name=application.name,
                   reason=reason)
        _mail_later(application, "Your application to publish here was not accepted",
                    [f"We read your application for {application.name} and did not accept it.",
                     "", "Reason given: " + reason, "",
                     "You can apply again once what the reason names is put right."])
    return application


def _approve(application: Application, moderator, reason: str, feeds) -> Application:
    good, bad = feeds
    with transaction.atomic():
        publisher = Publisher.objects.create(
            name=application.name, slug=Publisher.unique_slug(application.name), website=application.website,
            home_city=application.home_city, about=application.about)
        _settle(application, Application.Status.APPROVED, moderator, reason, publisher)
        added = []
        for url, title in good:
            if Feed.objects.filter(url=url).exists():
                bad.append(f"{url} (added for another publisher since you applied)")
                continue
            Feed.objects.create(publisher=publisher, url=url, title=title[:300])
            added.append(url)
        add_manager(publisher, application.user, via=Manager.Via.APPLICATION, added_by=moderator)
        log_action(publisher, moderator, "application.approve", application=application.pk,
                   feeds=added, feeds_not_added=bad, reason=reason)
        _mail_later(application, f"{publisher.name} is now published here", _approved_lines(publisher, bad, reason))
    return application


def _approved_lines(publisher: Publisher, bad: list[str], reason: str) -> list[str]:
    lines = [f"Your application for {publisher.name} is approved. Its articles appear as its feeds are read.",
             "", f"Profile: /publisher/{publisher.slug}/", f"Your portal: /portal/{publisher.slug}/"]
    if bad:
        lines += ["", "These feeds could not be added; add them again from the portal once they work:"]
        lines += [f"- {item}" for item in bad]
    if reason:
        lines += ["", "Note from the operator: " + reason]
    return lines


def _mail_later(application: Application, subject: str, lines: list[str]) -> None:
    """Mail the applicant once the decision has committed: a rolled-back one is never announced."""
    body = "\n".join(["Hello,", "", *lines])
    to = application.contact_email or application.user.email
    if to:
        transaction.on_commit(lambda: _send(subject, body, to))


def _send(subject: str, body: str, to: str) -> None:
    try:
        send_mail(f"[Localwire] {subject}", body, settings.DEFAULT_FROM_EMAIL, [to])
    except OSError:  # a mail server down must not undo a decision already made and logged
        log.warning("could not mail %s about %r", to, subject, exc_info=True)
