"""The log-in throttle and the comment budget under parallel requests: the limit holds exactly.

Wrong passwords are fired at the real log-in page of a live server from many threads at once, over
HTTP, on the default in-process cache and (marked ``redis``) on Redis."""

from __future__ import annotations

import os
import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from localwire.community import throttle
from localwire.testing.factories import UserFactory

REDIS = os.environ.get("LOCALWIRE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
GUESSES = 30
LIMIT = 5
WRONG = "Please enter a correct username and password"
REFUSED = "Too many failed log-ins"


@pytest.fixture
def redis_cache():
    """The site's cache on Redis, under a prefix of this test's own, removed afterwards."""
    prefix = f"localwire-test-{uuid.uuid4().hex[:12]}"
    with override_settings(CACHES={"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS, "KEY_PREFIX": prefix,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }}):
        yield cache
        client = cache._cache.get_client(write=True)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)


def _guess_in_parallel(base_url: str, username: str) -> list[str]:
    """GUESSES wrong passwords at once, released together by a barrier; the answers' texts."""
    with httpx.Client(base_url=base_url, timeout=30) as first:
        first.get("/account/login")
        csrf = first.cookies["csrftoken"]
    barrier = threading.Barrier(GUESSES)

    def guess(n: int) -> str:
        with httpx.Client(base_url=base_url, timeout=30, cookies={"csrftoken": csrf}) as client:
            client.get("/healthz")  # connected before the barrier (kept alive), so the posts land together
            barrier.wait()
            response = client.post("/account/login", data={
                "username": username, "password": f"wrong-guess-{n:04}", "csrfmiddlewaretoken": csrf})
            assert response.status_code == 200
            return response.text

    with ThreadPoolExecutor(max_workers=GUESSES) as pool:
        return list(pool.map(guess, range(GUESSES)))


def _assert_limit_held(answers: list[str]) -> None:
    """Never more passwords checked than the limit; a burst counted on two keys (username, address)
    may check a few fewer, as an attempt refused on one key gives back what it took on the other."""
    checked = sum(WRONG in re.sub(r"\s+", " ", a) for a in answers)
    refused = sum(REFUSED in a for a in answers)
    assert 1 <= checked <= LIMIT and checked + refused == GUESSES


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_check_no_more_than_the_limit(live_server, settings):
    settings.LOCALWIRE_LOGIN_MAX_FAILURES = LIMIT
    cache.clear()
    user = UserFactory()
    _assert_limit_held(_guess_in_parallel(live_server.url, user.username))


@pytest.mark.slow
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_check_no_more_than_the_limit_on_redis(live_server, settings, redis_cache):
    settings.LOCALWIRE_LOGIN_MAX_FAILURES = LIMIT
    user = UserFactory()
    _assert_limit_held(_guess_in_parallel(live_server.url, user.username))
    assert throttle.retry_after(user.username, "") > 0  # the count is in Redis, where every process sees it


def _spend_in_parallel(key: str, limit: int) -> list[int]:
    barrier = threading.Barrier(GUESSES)

    def one(_):
        barrier.wait()
        return throttle.spend(key, limit, 600)

    with ThreadPoolExecutor(max_workers=GUESSES) as pool:
        return list(pool.map(one, range(GUESSES)))


def test_parallel_comments_spend_exactly_the_budget():
    cache.clear()
    waits = _spend_in_parallel("comment:user:race", LIMIT)
    assert waits.count(0) == LIMIT and all(w > 0 for w in waits if w)


@pytest.mark.redis
def test_parallel_comments_spend_exactly_the_budget_on_redis(redis_cache):
    waits = _spend_in_parallel("comment:user:race", LIMIT)
    assert waits.count(0) == LIMIT


def test_a_successful_log_in_gives_back_only_its_own_count_on_the_address(settings):
    cache.clear()
    settings.LOCALWIRE_LOGIN_MAX_FAILURES = 3
    now = 1_000_000.0
    throttle.record_failure("ana", "10.0.0.1", now=now)
    throttle.record_failure("bob", "10.0.0.1", now=now + 1)
    assert throttle.attempt("ana", "10.0.0.1", now=now + 2) == 0
    throttle.succeeded("ana", "10.0.0.1", now=now + 2)
    assert throttle.attempt("bob", "10.0.0.1", now=now + 3) == 0  # the address's third failure
    assert throttle.retry_after("carol", "10.0.0.1", now=now + 4) == 896
    assert throttle.retry_after("ana", "10.0.0.9", now=now + 4) == 0  # ana's failures were forgiven


@pytest.mark.django_db
def test_password_reset_mails_one_address_no_more_than_the_limit(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LOCALWIRE_PASSWORD_RESET_LIMIT = 3
    cache.clear()
    UserFactory(email="ana@example.org")
    UserFactory(email="bob@example.org")
    for _ in range(6):
        assert client.post(reverse("password_reset"), {"email": "Ana@example.org"}).status_code == 302
    client.post(reverse("password_reset"), {"email": "bob@example.org"})
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org"] * 3 + ["bob@example.org"]
