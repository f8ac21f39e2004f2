"""The guarded fetcher against a local server and against every refused address form."""

import gzip
import socket
import threading
import time
import zlib
from datetime import UTC

import httpcore
import pytest

from localwire.sources.http import (
    BlockedURL,
    Fetcher,
    FetchError,
    FetchTimeout,
    GuardedBackend,
    HTTPError,
    Response,
    TooLarge,
    TooManyRedirects,
    check_url,
    parse_allow_private,
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
    "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/", "http://[::127.0.0.1]/",
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "http://[ff02::1]/", "http://240.0.0.1/",
    "http://255.255.255.255/", "http://192.0.0.8/", "http://198.18.0.1/",
    "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.0.0.1/", "http://0x7f000001/", "http://127.1/",
    "http://user@example.com/", "http://example.com@127.0.0.1/", "http://:pw@example.com/",
    "ftp://example.com/feed", "file:///etc/passwd", "gopher://127.0.0.1:70/", "javascript:alert(1)",
    "http:///nohost", "http://:80/", "http://example.com:99999/", "http://example.com:0/",
    "http://[::1/", "not a url",
])
def test_refused_urls_never_connect(url):
    with Fetcher() as fetcher, pytest.raises(BlockedURL):
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
    with Fetcher() as fetcher, pytest.raises(BlockedURL, match="rebind.test"):
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


def test_gzip_sent_without_content_encoding_is_decoded_under_the_same_cap(server):
    """Some servers hand out a pre-compressed file without saying so; a bomb still stops at the cap."""
    feed = b"<rss><channel><title>Gzip Gazette</title></channel></rss>" * 100
    packed = gzip.compress(feed)
    server.route("/feed.xml", lambda r: (200, {"Content-Type": "application/rss+xml"}, packed))
    server.route("/drip.xml", lambda r: (200, {"Content-Type": "application/rss+xml"},
                                         iter([packed[:1], packed[1:5], packed[5:]])))
    server.route("/bomb.xml", lambda r: (200, {"Content-Type": "application/rss+xml"},
                                         gzip.compress(b"\0" * 50_000_000)))
    server.route("/one.txt", ok(b"x"))
    with Fetcher(allow_private=LOCAL, max_bytes=1_000_000) as fetcher:
        assert fetcher.get(server.url("/feed.xml")).body == feed
        assert fetcher.get(server.url("/drip.xml")).body == feed
        assert fetcher.get(server.url("/one.txt")).body == b"x"
        with pytest.raises(TooLarge):
            fetcher.get(server.url("/bomb.xml"))


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
    """One byte a second forever: every read succeeds, only the total deadline stops it."""
    def drip(req):
        def body():
            while True:
                yield b"<"
                time.sleep(1)
        return 200, {"Content-Type": "application/rss+xml"}, body()

    server.route("/drip", drip)
    started = time.monotonic()
    with Fetcher(allow_private=LOCAL, deadline=2) as fetcher:
        with pytest.raises(FetchTimeout, match="2s"):
            fetcher.get(server.url("/drip"))
    assert 1.9 < time.monotonic() - started < 2.6


def test_silence_after_headers_ends_at_the_deadline_not_a_fresh_read_timeout(server):
    """Headers at ~1 s, then nothing: the body read gets the 1 s left, not a new 2 s."""
    def stall(req):
        time.sleep(1)
        def body():
            time.sleep(30)
            yield b"never"
        return 200, {}, body()

    server.route("/stall", stall)
    started = time.monotonic()
    with Fetcher(allow_private=LOCAL, deadline=2) as fetcher:
        with pytest.raises(FetchTimeout):
            fetcher.get(server.url("/stall"))
    assert 1.9 < time.monotonic() - started < 2.6


def test_slow_dns_counts_against_the_deadline(monkeypatch):
    real = socket.getaddrinfo

    def slow(host, *args, **kwargs):
        if host == "slowdns.test":
            time.sleep(3)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    started = time.monotonic()
    with Fetcher(deadline=1) as fetcher, pytest.raises(FetchTimeout):
        fetcher.get("http://slowdns.test/")
    assert time.monotonic() - started < 1.6


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


@pytest.mark.parametrize("host", ["2130706433", "0177.0.0.1", "0x7f.1", "0x7f000001", "127.1", "localhost"])
def test_numeric_spellings_are_refused_after_resolution_too(server, host):
    """check_url refuses these up front; the connect-time check catches them on its own as well."""
    with pytest.raises(BlockedURL, match="loopback"):
        GuardedBackend().connect_tcp(host, server.port, timeout=2)
    with Fetcher() as fetcher, pytest.raises(BlockedURL):
        fetcher.get(f"http://{host}:{server.port}/")
    assert server.requests == []


def fake_dns(monkeypatch, answers):
    """Make getaddrinfo answer ``answers[host]`` (a list of IPs) for invented names."""
    real = socket.getaddrinfo
    calls = []

    def fake(host, port, *args, **kwargs):
        if host in answers:
            calls.append(host)
            return [(socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                     (ip, port) if ":" not in ip else (ip, port, 0, 0)) for ip in answers[host]]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return calls


def test_every_resolved_address_must_be_public(monkeypatch):
    fake_dns(monkeypatch, {"mixed.test": ["93.184.216.34", "127.0.0.1"],
                           "v6.test": ["2606:2800:220:1::1", "::ffff:10.0.0.1"]})
    with Fetcher() as fetcher:
        with pytest.raises(BlockedURL, match="mixed.test resolves to a refused address.*loopback"):
            fetcher.get("http://mixed.test/")
        with pytest.raises(BlockedURL, match="private"):
            fetcher.get("http://v6.test/")


def test_tls_uses_the_name_for_sni_while_dialling_the_checked_ip(monkeypatch):
    fake_dns(monkeypatch, {"news.test": ["93.184.216.34"]})
    seen = {}

    class FakeStream(httpcore.NetworkStream):
        def start_tls(self, ssl_context, server_hostname=None, timeout=None):
            seen["sni"] = server_hostname
            raise httpcore.ConnectError("no TLS in tests")

        def close(self):
            pass

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        seen["dialled"] = (host, port)
        return FakeStream()

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    with Fetcher() as fetcher, pytest.raises(FetchError, match="no TLS in tests"):
        fetcher.get("https://news.test/feed")
    assert seen == {"dialled": ("93.184.216.34", 443), "sni": "news.test"}


def test_check_url_needs_no_dns(monkeypatch):
    def no_dns(*args, **kwargs):
        raise AssertionError("check_url must not resolve")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    check_url("https://example.com/feed.xml")
    check_url("http://10.1.2.3/", allow_private=parse_allow_private("10.0.0.0/8"))
    check_url("http://localhost:8000/", allow_private=("localhost",))
    for url in ("http://10.1.2.3/", "http://[::1]/", "ftp://example.com/", "http://a@example.com/"):
        with pytest.raises(BlockedURL, match="^blocked: "):
            check_url(url)
    with pytest.raises(BlockedURL, match="169.254.169.254 is a link-local address"):
        check_url("http://169.254.169.254/latest/meta-data/")


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


def test_deflate_zlib_and_raw_and_corrupt_gzip(server):
    payload = b"<rss>" + b"x" * 5000 + b"</rss>"
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    server.route("/zlib", lambda r: (200, {"Content-Encoding": "deflate"}, zlib.compress(payload)))
    server.route("/raw", lambda r: (200, {"Content-Encoding": "deflate"}, raw.compress(payload) + raw.flush()))
    server.route("/bad", lambda r: (200, {"Content-Encoding": "gzip"}, b"\x1f\x8bnot really gzip"))
    with Fetcher(allow_private=LOCAL) as fetcher:
        assert fetcher.get(server.url("/zlib")).body == payload
        assert fetcher.get(server.url("/raw")).body == payload
        with pytest.raises(FetchError, match="corrupt"):
            fetcher.get(server.url("/bad"))


def test_streamed_gzip_bomb_without_content_length(server):
    bomb = gzip.compress(b"\0" * 10_000_000)
    assert len(bomb) < 20_000
    server.route("/bomb", lambda r: (200, {"Content-Encoding": "gzip"}, iter([bomb[:5000], bomb[5000:]])))
    with Fetcher(allow_private=LOCAL, max_bytes=100_000) as fetcher:
        with pytest.raises(TooLarge, match="100,000"):
            fetcher.get(server.url("/bomb"))
        assert len(fetcher.get(server.url("/bomb"), max_bytes=10_000_000).body) == 10_000_000


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


def test_allow_private_accepts_plain_strings():
    with Fetcher(allow_private=("127.0.0.0/8", "localhost")) as fetcher:
        assert fetcher.allow_private == parse_allow_private("127.0.0.0/8,localhost")
    with pytest.raises(ValueError):
        parse_allow_private("2130706433")


def test_allow_private_parses_entries_bound_to_a_port():
    parsed = parse_allow_private("127.0.0.1:8311, [::1]:8312, Feeds.Lan:8080, 10.0.0.0/8:81, ::1, [fd00::1]")
    assert [str(p) for p in parsed] == ["127.0.0.1:8311", "[::1]:8312", "feeds.lan:8080", "10.0.0.0/8:81",
                                        "::1/128", "fd00::1/128"]
    for junk in ("127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:x", "[::1", "[::1]8311", "localhost:"):
        with pytest.raises(ValueError):
            parse_allow_private(junk)


def test_allow_entry_with_a_port_opens_only_that_port():
    """Two servers on 127.0.0.1: only the allowed port is reached, by address or by name, and a
    redirect from it to the other port is refused after the hop."""
    with LocalServer() as allowed, LocalServer() as other:
        allowed.route("/", ok(b"allowed"))
        allowed.route("/hop", lambda r: (302, {"Location": other.url("/")}, b""))
        allowed.route("/hop-by-name", lambda r: (302, {"Location": other.url("/", host="localhost")}, b""))
        other.route("/", ok(b"other"))
        entries = f"127.0.0.1:{allowed.port},localhost:{allowed.port}"
        with Fetcher(allow_private=parse_allow_private(entries)) as fetcher:
            assert fetcher.get(allowed.url("/")).body == b"allowed"
            assert fetcher.get(allowed.url("/", host="localhost")).body == b"allowed"
            for refused in (other.url("/"), other.url("/", host="localhost"), allowed.url("/hop"),
                            allowed.url("/hop-by-name")):
                with pytest.raises(BlockedURL):
                    fetcher.get(refused)
        assert other.hits("/") == 0
        with Fetcher(allow_private=parse_allow_private("127.0.0.1")) as fetcher:  # a bare host: every port
            assert fetcher.get(allowed.url("/hop")).body == b"other"


def test_check_url_honours_the_port_and_the_scheme_default():
    allow = parse_allow_private("10.1.2.3:8080, 10.9.9.9:80, intranet.lan:443")
    check_url("http://10.1.2.3:8080/", allow_private=allow)
    check_url("http://10.9.9.9/", allow_private=allow)
    for url in ("http://10.1.2.3/", "http://10.1.2.3:8081/", "https://10.9.9.9/"):
        with pytest.raises(BlockedURL):
            check_url(url, allow_private=allow)
