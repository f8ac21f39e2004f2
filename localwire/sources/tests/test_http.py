"""The guarded fetcher against a local server and against every refused address form."""

import gzip
import socket
import threading
import time

import pytest

from localwire.sources.http import (
    BlockedURL, Fetcher, FetchError, FetchTimeout, TooLarge, TooManyRedirects, parse_allow_private,
    parse_retry_after,
)
from localwire.testing.httpserver import LocalServer

LOCAL = parse_allow_private("127.0.0.1")


@pytest.fixture
def server():
    with LocalServer() as srv:
        yield srv


def ok(body=b"hello", **headers):
    return lambda req: (200, {"Content-Type": "text/plain", **headers}, body)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://127.9.9.9/", "http://[::1]/", "http://localhost/",
    "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/",
    "http://100.64.0.1/", "http://[fc00::1]/", "http://[fd12:3456::1]/",
    "http://0.0.0.0/", "http://[::]/", "http://224.0.0.1/",
    "http://[::ffff:127.0.0.1]/", "http://[::ffff:169.254.169.254]/",
    "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/",
    "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.0.0.1/", "http://0x7f000001/", "http://127.1/",
    "http://user@example.com/", "http://example.com@127.0.0.1/", "http://:pw@example.com/",
    "ftp://example.com/feed", "file:///etc/passwd", "gopher://127.0.0.1:70/", "javascript:alert(1)",
    "http:///nohost", "http://example.com:99999/",
])
def test_refused_urls_never_connect(url):
    with Fetcher() as fetcher:
        with pytest.raises(BlockedURL):
            fetcher.get(url, deadline=3)


def test_loopback_is_reachable_only_when_allowed(server):
    server.route("/", ok())
    with Fetcher() as closed, Fetcher(allow_private=LOCAL) as opened:
        with pytest.raises(BlockedURL):
            closed.get(server.url("/"))
        assert opened.get(server.url("/")).body == b"hello"
    assert server.hits("/") == 1


def test_hostname_allow_entry_does_not_open_other_names(server):
    server.route("/", ok())
    with Fetcher(allow_private=parse_allow_private("localhost")) as fetcher:
        assert fetcher.get(f"http://localhost:{server.port}/").status == 200
        with pytest.raises(BlockedURL):
            fetcher.get(server.url("/"))


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


def test_dns_answer_is_checked_and_the_connection_pinned(server, monkeypatch):
    """A name resolving to loopback is refused; when allowed, the checked address is what is dialled."""
    server.route("/", ok(b"pinned"))
    real = socket.getaddrinfo
    calls = []

    def fake(host, *args, **kwargs):
        if host == "rebind.test":
            calls.append(host)
            return real("127.0.0.1", *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with Fetcher() as fetcher:
        with pytest.raises(BlockedURL, match="rebind.test"):
            fetcher.get(f"http://rebind.test:{server.port}/")
    with Fetcher(allow_private=parse_allow_private("127.0.0.0/8")) as fetcher:
        assert fetcher.get(f"http://rebind.test:{server.port}/").body == b"pinned"
    # One resolution per connection: the address checked is the address used.
    assert calls == ["rebind.test", "rebind.test"]
    assert server.requests[-1].headers["host"] == f"rebind.test:{server.port}"


def test_gzip_bomb_stops_at_the_cap(server):
    bomb = gzip.compress(b"\0" * 50_000_000)
    assert len(bomb) < 100_000
    server.route("/bomb", lambda r: (200, {"Content-Encoding": "gzip"}, bomb))
    with Fetcher(allow_private=LOCAL, max_bytes=1_000_000) as fetcher:
        with pytest.raises(TooLarge):
            fetcher.get(server.url("/bomb"))


def test_gzip_under_the_cap_is_decoded(server):
    server.route("/gz", lambda r: (200, {"Content-Encoding": "gzip"}, gzip.compress(b"feed" * 1000)))
    with Fetcher(allow_private=LOCAL) as fetcher:
        assert fetcher.get(server.url("/gz")).body == b"feed" * 1000


def test_declared_oversize_and_streamed_oversize_are_refused(server):
    server.route("/big", ok(b"x" * 200_000))
    server.route("/endless", lambda r: (200, {}, (b"x" * 65536 for _ in range(1000))))
    with Fetcher(allow_private=LOCAL, max_bytes=100_000) as fetcher:
        with pytest.raises(TooLarge, match="declared"):
            fetcher.get(server.url("/big"))
        with pytest.raises(TooLarge):
            fetcher.get(server.url("/endless"))


def test_unknown_content_encoding_is_an_error(server):
    server.route("/br", lambda r: (200, {"Content-Encoding": "br"}, b"\x0b\x02\x80"))
    with Fetcher(allow_private=LOCAL) as fetcher:
        with pytest.raises(FetchError, match="Content-Encoding"):
            fetcher.get(server.url("/br"))


def test_slow_drip_hits_the_total_deadline(server):
    def drip(req):
        def body():
            for _ in range(100):
                yield b"<"
                time.sleep(0.25)
        return 200, {"Content-Type": "application/rss+xml"}, body()

    server.route("/drip", drip)
    started = time.monotonic()
    with Fetcher(allow_private=LOCAL, deadline=1.5) as fetcher:
        with pytest.raises(FetchTimeout):
            fetcher.get(server.url("/drip"))
    assert time.monotonic() - started < 4


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
    from datetime import datetime, timezone

    now = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)
    assert parse_retry_after("Tue, 24 Nov 2026 10:05:00 GMT", now) == 300.0
    assert parse_retry_after("junk", now) is None
    assert parse_retry_after(None) is None


def test_per_host_cap_serialises_requests_to_one_host(server):
    def slow(req):
        time.sleep(0.5)
        return 200, {}, b"ok"

    server.route("/slow", slow)
    with Fetcher(allow_private=LOCAL, per_host=1) as fetcher:
        started = time.monotonic()
        threads = [threading.Thread(target=fetcher.get, args=(server.url("/slow"),)) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert time.monotonic() - started >= 1.4


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


def test_connection_refused_is_a_readable_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Fetcher(allow_private=LOCAL) as fetcher:
        with pytest.raises(FetchError, match="could not fetch"):
            fetcher.get(f"http://127.0.0.1:{port}/")


@pytest.mark.parametrize("value", ["nonsense!", "10.0.0.0/33x", "a b"])
def test_allow_private_rejects_junk(value):
    with pytest.raises(ValueError):
        parse_allow_private(value)


def test_allow_private_parses_hosts_and_networks():
    parsed = parse_allow_private(" 127.0.0.1 , 10.0.0.0/8,, Intranet.Local ")
    assert [str(p) for p in parsed] == ["127.0.0.1/32", "10.0.0.0/8", "intranet.local"]
