"""The fetcher: redirects re-checked, validators, headers, per-host slots, responses, no state kept."""

import threading
import time
from datetime import UTC

import pytest

from localwire.sources.addresses import parse_allow_private
from localwire.sources.errors import BlockedURL, FetchTimeout, HTTPError, TooManyRedirects
from localwire.sources.http import Fetcher, Response, parse_retry_after
from localwire.sources.tests.serving import LOCAL, ok


def test_redirect_to_a_refused_address_is_rechecked(server):
    server.route("/start", lambda r: (302, {"Location": server.url("/inside")}, b""))
    server.route("/inside", ok(b"secret"))
    with Fetcher(allow_private=parse_allow_private("localhost")) as fetcher:
        with pytest.raises(BlockedURL):
            fetcher.get(f"http://localhost:{server.port}/start")
    assert server.hits("/inside") == 0


def test_relative_redirects_are_followed_and_limited(server):
    for n in range(8):
        server.route(f"/r{n}", lambda r, n=n: (301, {"Location": f"/r{n + 1}"}, b""))
    server.route("/r3", lambda r: (302, {"Location": "/done"}, b""))
    server.route("/done", ok(b"done"))
    with Fetcher(allow_private=LOCAL) as fetcher:
        response = fetcher.get(server.url("/r0"))
        assert response.body == b"done" and response.final_url.endswith("/done")
        for n in range(8):
            server.route(f"/r{n}", lambda r, n=n: (301, {"Location": f"/r{n + 1}"}, b""))
        with pytest.raises(TooManyRedirects):
            fetcher.get(server.url("/r0"))


def test_conditional_get_sends_validators_and_returns_304(server):
    def conditional(req):
        if req.headers.get("if-none-match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"ETag": '"v1"', "Last-Modified": "Tue, 24 Nov 2026 10:00:00 GMT"}, b"<rss/>"

    server.route("/feed", conditional)
    with Fetcher(allow_private=LOCAL) as fetcher:
        first = fetcher.get(server.url("/feed"))
        assert first.etag == '"v1"' and first.last_modified.startswith("Tue")
        second = fetcher.get(server.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.body == b""
    assert server.requests[-1].headers["if-modified-since"] == first.last_modified


def test_user_agent_and_accept_encoding_are_sent(server):
    server.route("/", ok())
    with Fetcher(allow_private=LOCAL, user_agent="Localwire-test/1 (+https://example.org)") as fetcher:
        fetcher.get(server.url("/"), accept="application/rss+xml")
    headers = server.requests[-1].headers
    assert headers["user-agent"] == "Localwire-test/1 (+https://example.org)"
    assert headers["accept"] == "application/rss+xml"
    assert headers["accept-encoding"] == "gzip, deflate"


def test_error_statuses_are_returned_with_retry_after(server):
    server.route("/busy", lambda r: (429, {"Retry-After": "120"}, b"slow down"))
    with Fetcher(allow_private=LOCAL) as fetcher:
        response = fetcher.get(server.url("/busy"))
    assert response.status == 429 and response.retry_after == 120.0


def test_retry_after_http_date():
    from datetime import datetime

    now = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    assert parse_retry_after("Tue, 24 Nov 2026 10:05:00 GMT", now) == 300.0
    assert parse_retry_after("junk", now) is None
    assert parse_retry_after(None) is None


def test_per_host_cap_serialises_requests_to_one_host(server):
    def slow(req):
        time.sleep(0.5)
        return 200, {}, b"ok"

    server.route("/slow", slow)

    def two_at_once(per_host):
        with Fetcher(allow_private=LOCAL, per_host=per_host) as fetcher:
            started = time.monotonic()
            threads = [threading.Thread(target=fetcher.get, args=(server.url("/slow"),)) for _ in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return time.monotonic() - started

    assert two_at_once(per_host=1) >= 0.95
    assert two_at_once(per_host=2) < 0.9


def test_waiting_for_a_slot_counts_against_the_deadline(server):
    server.route("/slow", lambda r: (time.sleep(1.2), (200, {}, b"ok"))[1])
    with Fetcher(allow_private=LOCAL, per_host=1) as fetcher:
        first = threading.Thread(target=fetcher.get, args=(server.url("/slow"),))
        first.start()
        time.sleep(0.1)
        started = time.monotonic()
        with pytest.raises(FetchTimeout, match="waiting for a free connection"):
            fetcher.get(server.url("/slow"), deadline=0.5)
        assert time.monotonic() - started < 0.8
        first.join()


def test_shared_fetcher_is_thread_safe(server):
    server.route("/n", ok(b"n"))
    results = []
    with Fetcher(allow_private=LOCAL, per_host=4) as fetcher:
        def work():
            for _ in range(10):
                results.append(fetcher.get(server.url("/n")).body)
        threads = [threading.Thread(target=work) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert results == [b"n"] * 60


def test_redirect_to_other_schemes_and_userinfo_is_refused(server):
    server.route("/file", lambda r: (302, {"Location": "file:///etc/passwd"}, b""))
    server.route("/user", lambda r: (302, {"Location": "http://good.example@127.0.0.1/"}, b""))
    server.route("/meta", lambda r: (307, {"Location": "http://169.254.169.254/latest/"}, b""))
    with Fetcher(allow_private=LOCAL) as fetcher:
        for path in ("/file", "/user", "/meta"):
            with pytest.raises(BlockedURL):
                fetcher.get(server.url(path))


def test_redirect_chain_within_the_limit_and_303(server):
    server.route("/a", lambda r: (303, {"Location": server.url("/b", host="localhost")}, b""))
    server.route("/b", lambda r: (308, {"Location": "/c?x=1"}, b""))
    server.route("/c", ok(b"end"))
    allow = parse_allow_private("localhost")
    with Fetcher(allow_private=allow, max_redirects=2) as fetcher:
        response = fetcher.get(server.url("/a", host="localhost"))
    assert response.status == 200 and response.body == b"end"
    assert response.url.endswith("/a") and response.final_url == server.url("/c?x=1", host="localhost")
    assert [r.method for r in server.requests] == ["GET", "GET", "GET"]
    with Fetcher(allow_private=allow, max_redirects=1) as fetcher:
        with pytest.raises(TooManyRedirects):
            fetcher.get(server.url("/a", host="localhost"))


def test_304_response_and_response_helpers():
    response = Response(url="http://example.com/", status=304, body=b"", not_modified=True)
    assert response.not_modified and response.final_url == "http://example.com/"
    busy = Response(url="u", status=503, headers={"retry-after": "Tue, 24 Nov 2099 10:05:00 GMT"})
    assert busy.retry_after > 10 ** 9
    with pytest.raises(HTTPError) as caught:
        Response(url="u", status=429, headers={"retry-after": "30"}).raise_for_status()
    assert caught.value.status == 429 and caught.value.retry_after == 30.0
    Response(url="u", status=200).raise_for_status()


def test_retry_after_seconds():
    assert parse_retry_after(" 7 ") == 7.0
    assert parse_retry_after("-5") is None
    assert parse_retry_after("") is None


def test_no_cookies_are_kept_between_requests(server):
    server.route("/set", lambda r: (200, {"Set-Cookie": "session=secret; Path=/"}, b"ok"))
    server.route("/next", ok())
    with Fetcher(allow_private=LOCAL) as fetcher:
        fetcher.get(server.url("/set"))
        fetcher.get(server.url("/next"))
    assert "cookie" not in server.requests[-1].headers


def test_proxy_environment_is_ignored(server, monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    server.route("/", ok(b"direct"))
    with Fetcher(allow_private=LOCAL) as fetcher:
        assert fetcher.get(server.url("/")).body == b"direct"


def test_default_accept_and_user_agent(server):
    server.route("/", ok())
    with Fetcher(allow_private=LOCAL) as fetcher:
        fetcher.get(server.url("/"))
    headers = server.requests[-1].headers
    assert headers["accept"] == "*/*" and headers["user-agent"].startswith("Localwire/")
