"""Claiming an existing publisher profile: proving control of its website with a token.

The claimant gets a random token and puts it on the publisher's site, either as
``<meta name="localwire-site-verification" content="TOKEN">`` on the home page or as the whole text
of ``/.well-known/localwire-verification.txt`` at the site's origin. ``verify_claim`` reads both
through the guarded fetcher (so a website pointing at a private address is refused after DNS, as
every outside fetch is) and makes the claimant a manager when either holds the token. A failure
says in words what was not found where, is kept on the claim, and is logged; attempts are limited
per person so verification cannot be used to make this site hammer another.
"""

from __future__ import annotations

import hmac
import math
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html
from django.conf import settings
from django.db.models import F
from django.utils import timezone
from lxml.etree import ParserError

from localwire.community import throttle
from localwire.publishers.access import add_manager, manages
from localwire.publishers.audit import log_action
from localwire.publishers.models import Claim, Manager
from localwire.sources.context import make_fetcher
from localwire.sources.errors import FetchError

META_NAME = "localwire-site-verification"
WELL_KNOWN_PATH = "/.well-known/localwire-verification.txt"
ATTEMPTS_PER_HOUR = 10
VERIFY_DEADLINE = 15.0  # seconds per fetch: the claimant waits for the answer
PAGE_MAX_BYTES = 2_000_000
FILE_MAX_BYTES = 4_096


class ClaimError(Exception):
    """A claim that cannot start or verify; the message is shown to the claimant as it is."""


class AlreadyManager(ClaimError):
    """The claimant already manages the publisher: there is nothing to claim."""


class TooManyAttempts(ClaimError):
    def __init__(self, seconds: int):
        self.seconds = seconds
        minutes = max(1, math.ceil(seconds / 60))
        super().__init__(f"Too many verification attempts: {ATTEMPTS_PER_HOUR} an hour. "
                         f"Try again in {minutes} minute{'s' if minutes != 1 else ''}.")


@dataclass(frozen=True)
class Method:
    """One way to prove control: put ``text`` at ``where``."""

    method: str  # "meta" or "file"
    where: str  # the page or file address that is read
    text: str  # what to put there


def origin_of(website: str) -> str:
    parts = urlsplit(website)
    return f"{parts.scheme}://{parts.netloc}"


def _website(publisher) -> str:
    """The publisher's website, or ClaimError when it has none that can be read."""
    website = (publisher.website or "").strip()
    if urlsplit(website).scheme not in ("http", "https") or not urlsplit(website).netloc:
        raise ClaimError(f"{publisher.name} has no website on its profile, so there is nowhere to put a "
                         "verification token. Ask the site's operator to add the website first.")
    return website


def methods(claim: Claim) -> list[Method]:
    website = _website(claim.publisher)
    return [Method("meta", website, f'<meta name="{META_NAME}" content="{claim.token}">'),
            Method("file", origin_of(website) + WELL_KNOWN_PATH, claim.token)]


def start_claim(user, publisher) -> Claim:
    """The person's claim on ``publisher``: the pending one they already have, or a new one."""
    _website(publisher)
    if manages(user, publisher):
        raise AlreadyManager(f"You already manage {publisher.name}.")
    claim, created = Claim.objects.get_or_create(user=user, publisher=publisher,
                                                 defaults={"token": secrets.token_urlsafe(24)})
    if not created and claim.status == Claim.Status.VERIFIED:
        # verified once, since removed from the team: prove control again, with a fresh token
        claim.status, claim.token, claim.verified_at, claim.last_failure = (
            Claim.Status.PENDING, secrets.token_urlsafe(24), None, "")
        claim.save(update_fields=["status", "token", "verified_at", "last_failure"])
        created = True
    if created:
        log_action(publisher, user, "claim.start", claim=claim.pk)
    return claim


def verify_claim(claim: Claim, fetcher=None, now: float | None = None) -> Claim:
    """Verify by meta tag or file; on success the claimant manages the publisher. Raises ClaimError."""
    if claim.status == Claim.Status.VERIFIED and manages(claim.user, claim.publisher):
        return claim
    website = _website(claim.publisher)
    wait = throttle.spend(f"publisher-claim:{claim.user_id}", ATTEMPTS_PER_HOUR, 3600, now)
    if wait:
        raise TooManyAttempts(wait)
    Claim.objects.filter(pk=claim.pk).update(attempts=F("attempts") + 1)
    claim.refresh_from_db(fields=["attempts"])
    own = fetcher is None
    fetcher = fetcher or make_fetcher(deadline=min(VERIFY_DEADLINE, settings.LOCALWIRE_FETCH_TIMEOUT))
    try:
        found, misses = _look(claim.token, website, fetcher)
    finally:
        if own:
            fetcher.close()
    if found is None:
        return _failed(claim, " and ".join(misses))
    return _verified(claim, found)


def _look(token: str, website: str, fetcher) -> tuple[str | None, list[str]]:
    """("meta" or "file" when one holds the token, else None; what each place lacked, in words)."""
    meta_miss = _meta_miss(token, website, fetcher)
    if meta_miss is None:
        return "meta", []
    file_url = origin_of(website) + WELL_KNOWN_PATH
    file_miss = _file_miss(token, file_url, fetcher)
    if file_miss is None:
        return "file", []
    return None, [meta_miss, file_miss]


def _fetch(url: str, fetcher, max_bytes: int):
    """(body, None) for a 2xx answer, else (None, why not, in words)."""
    try:
        response = fetcher.get(url, max_bytes=max_bytes)
    except FetchError as exc:
        return None, f"{url} could not be read ({exc})"
    if not 200 <= response.status < 300:
        return None, f"{url} answered HTTP {response.status}"
    return response.body, None


def _meta_miss(token: str, url: str, fetcher) -> str | None:
    body, problem = _fetch(url, fetcher, PAGE_MAX_BYTES)
    if problem:
        return problem
    contents = meta_contents(body)
    if not contents:
        return f'no <meta name="{META_NAME}"> on {url}'
    if any(_same(token, c) for c in contents):
        return None
    return f'the <meta name="{META_NAME}"> on {url} holds a different token'


def meta_contents(body: bytes) -> list[str]:
    """The ``content`` of every verification meta tag in an HTML page, parsed as HTML (not searched)."""
    try:
        root = lxml.html.document_fromstring(body)
    except (ParserError, ValueError):
        return []
    return [(meta.get("content") or "").strip() for meta in root.iter("meta")
            if (meta.get("name") or "").strip().lower() == META_NAME]


def _file_miss(token: str, url: str, fetcher) -> str | None:
    body, problem = _fetch(url, fetcher, FILE_MAX_BYTES)
    if problem:
        return problem
    text = body.decode("utf-8", errors="replace").lstrip("\ufeff").strip()
    if _same(token, text):
        return None
    return f"{url} does not hold this claim's token" if text else f"{url} is empty"


def _same(token: str, found: str) -> bool:
    return hmac.compare_digest(token.encode(), found.encode("utf-8", errors="replace"))


def _failed(claim: Claim, reason: str):
    message = f"Not verified: {reason}."
    claim.last_failure = message
    claim.save(update_fields=["last_failure"])
    log_action(claim.publisher, claim.user, "claim.fail", claim=claim.pk, reason=reason)
    raise ClaimError(message)


def _verified(claim: Claim, method: str) -> Claim:
    claim.status, claim.verified_at, claim.last_failure = Claim.Status.VERIFIED, timezone.now(), ""
    claim.save(update_fields=["status", "verified_at", "last_failure"])
    log_action(claim.publisher, claim.user, "claim.verify", claim=claim.pk, method=method)
    add_manager(claim.publisher, claim.user, via=Manager.Via.CLAIM)
    return claim


def claims_of(user) -> list[Claim]:
    return list(Claim.objects.filter(user=user).select_related("publisher").order_by("-created_at", "-id"))
