"""Claiming a profile: the token on the home page or in the well-known file, refusals in words."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from localwire.publishers import claims
from localwire.publishers.access import manages
from localwire.publishers.models import Action, Claim
from localwire.testing.factories import ManagerFactory, PublisherFactory, UserFactory
from localwire.testing.httpserver import LocalServer

HTML = "text/html; charset=utf-8"


def page(head: str = "") -> bytes:
    return (f"<!doctype html><html><head><title>The Valley Ledger</title>{head}</head>"
            "<body><h1>The Valley Ledger</h1><p>News from the valley.</p></body></html>").encode()


def meta(token: str) -> str:
    return f'<meta name="localwire-site-verification" content="{token}">'


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()  # attempt counts live in the cache
    yield
    cache.clear()


@pytest.fixture
def claim(site):
    publisher = PublisherFactory(name="The Valley Ledger", website=site.url("/"))
    return claims.start_claim(UserFactory(), publisher)


def actions(publisher) -> list[str]:
    return list(Action.objects.filter(publisher=publisher).order_by("id").values_list("action", flat=True))


@pytest.mark.django_db
def test_a_claim_is_started_once_per_person_and_publisher(claim):
    again = claims.start_claim(claim.user, claim.publisher)
    assert again.pk == claim.pk and again.token == claim.token
    assert len(claim.token) >= 32
    other = claims.start_claim(UserFactory(), claim.publisher)
    assert other.token != claim.token
    assert actions(claim.publisher) == ["claim.start", "claim.start"]


@pytest.mark.django_db
def test_the_methods_give_the_exact_tag_and_the_file_address(claim, site):
    meta_way, file_way = claims.methods(claim)
    assert meta_way.where == site.url("/") and meta_way.text == meta(claim.token)
    assert file_way.where == site.url("/.well-known/localwire-verification.txt") and file_way.text == claim.token


@pytest.mark.django_db
def test_verified_by_the_meta_tag_on_the_home_page(claim, site):
    site.route("/", lambda req: (200, {"Content-Type": HTML}, page(meta(claim.token))))
    claims.verify_claim(claim)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.VERIFIED and claim.verified_at and claim.attempts == 1
    assert manages(claim.user, claim.publisher)
    assert claim.publisher.managers.get(user=claim.user).via == "claim"
    assert actions(claim.publisher) == ["claim.start", "claim.verify", "manager.add"]
    assert Action.objects.get(action="claim.verify").detail["method"] == "meta"


@pytest.mark.django_db
def test_the_tag_is_read_as_html_whatever_its_spelling(claim, site):
    tag = f"<META content='{claim.token}'\n  NAME='Localwire-Site-Verification' >"
    site.route("/", lambda req: (200, {"Content-Type": HTML}, page(tag)))
    claims.verify_claim(claim)
    assert manages(claim.user, claim.publisher)


@pytest.mark.django_db
def test_a_token_in_a_comment_or_text_does_not_count(claim, site):
    body = page(f"<!-- {meta(claim.token)} -->") + f"<p>{claim.token}</p>".encode()
    site.route("/", lambda req: (200, {"Content-Type": HTML}, body))
    with pytest.raises(claims.ClaimError):
        claims.verify_claim(claim)
    assert not manages(claim.user, claim.publisher)


@pytest.mark.django_db
def test_verified_by_the_well_known_file(claim, site):
    site.route("/", lambda req: (200, {"Content-Type": HTML}, page()))
    site.route("/.well-known/localwire-verification.txt",
               lambda req: (200, {"Content-Type": "text/plain"}, f"\ufeff{claim.token}\r\n".encode()))
    claims.verify_claim(claim)
    assert manages(claim.user, claim.publisher)
    assert Action.objects.get(action="claim.verify").detail["method"] == "file"


@pytest.mark.django_db
def test_the_file_is_looked_for_at_the_origin_of_a_website_with_a_path(site):
    publisher = PublisherFactory(website=site.url("/news/"))
    claim = claims.start_claim(UserFactory(), publisher)
    site.route("/news/", lambda req: (200, {"Content-Type": HTML}, page()))
    site.route("/.well-known/localwire-verification.txt", lambda req: (200, {}, claim.token.encode()))
    claims.verify_claim(claim)
    assert manages(claim.user, publisher)


@pytest.mark.django_db
def test_a_wrong_token_is_refused_saying_so(claim, site):
    site.route("/", lambda req: (200, {"Content-Type": HTML}, page(meta("someone-elses-token"))))
    site.route("/.well-known/localwire-verification.txt", lambda req: (200, {}, b"someone-elses-token"))
    with pytest.raises(claims.ClaimError) as failure:
        claims.verify_claim(claim)
    message = str(failure.value)
    assert "holds a different token" in message and "does not hold this claim's token" in message
    assert not manages(claim.user, claim.publisher)


@pytest.mark.django_db
def test_neither_present_says_what_was_not_found_where(claim, site):
    site.route("/", lambda req: (200, {"Content-Type": HTML}, page()))
    with pytest.raises(claims.ClaimError) as failure:
        claims.verify_claim(claim)
    file_url = site.url("/.well-known/localwire-verification.txt")
    expected = (f'Not verified: no <meta name="localwire-site-verification"> on {site.url("/")} '
                f"and {file_url} answered HTTP 404.")
    assert str(failure.value) == expected
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PENDING and claim.attempts == 1 and claim.last_failure == expected
    assert Action.objects.get(action="claim.fail").detail["reason"] in expected


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_website_at_a_private_address_is_refused(settings, host):
    settings.LOCALWIRE_FETCH_ALLOW_PRIVATE = ""  # as in production: nothing private is fetched
    with LocalServer() as server:
        server.route("/", lambda req: (200, {"Content-Type": HTML}, page(meta(claim.token))))
        publisher = PublisherFactory(website=server.url("/", host=host))
        claim = claims.start_claim(UserFactory(), publisher)
        with pytest.raises(claims.ClaimError) as failure:
            claims.verify_claim(claim)
        assert server.hits("/") == 0
    assert "could not be read (blocked:" in str(failure.value)
    assert "loopback" in str(failure.value)
    assert not manages(claim.user, publisher)


@pytest.mark.django_db
def test_a_publisher_without_a_website_cannot_be_claimed():
    with pytest.raises(claims.ClaimError, match="no website"):
        claims.start_claim(UserFactory(), PublisherFactory(website=""))
    assert not Claim.objects.exists()


@pytest.mark.django_db
def test_a_manager_has_nothing_to_claim():
    manager = ManagerFactory()
    with pytest.raises(claims.AlreadyManager):
        claims.start_claim(manager.user, manager.publisher)


@pytest.mark.django_db
def test_attempts_are_limited_per_hour(claim, site):
    site.route("/", lambda req: (200, {"Content-Type": HTML}, page()))
    for _ in range(claims.ATTEMPTS_PER_HOUR):
        with pytest.raises(claims.ClaimError):
            claims.verify_claim(claim, now=1_000.0)
    hits = site.hits("/")
    with pytest.raises(claims.TooManyAttempts, match="Try again in 60 minutes"):
        claims.verify_claim(claim, now=1_000.0)
    assert site.hits("/") == hits  # refused before anything is fetched
    site.route("/", lambda req: (200, {"Content-Type": HTML}, page(meta(claim.token))))
    claims.verify_claim(claim, now=1_000.0 + 3601)
    assert manages(claim.user, claim.publisher)


@pytest.mark.django_db
def test_a_removed_manager_claims_again_with_a_fresh_token(claim, site):
    site.route("/", lambda req: (200, {"Content-Type": HTML}, page(meta(claim.token))))
    claims.verify_claim(claim)
    old = claim.token
    claim.publisher.managers.all().delete()
    again = claims.start_claim(claim.user, claim.publisher)
    assert again.pk == claim.pk and again.status == Claim.Status.PENDING and again.token != old
