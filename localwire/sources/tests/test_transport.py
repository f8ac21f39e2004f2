"""The transport: the pinned connection, the one deadline, the capped and decoded body."""

import gzip
import socket
import time
import zlib

import httpcore
import pytest

from localwire.sources.addresses import parse_allow_private
from localwire.sources.errors import BlockedURL, FetchError, FetchTimeout, TooLarge
from localwire.sources.http import Fetcher
from localwire.sources.tests.serving import LOCAL, ok
from localwire.sources.transport import GuardedBackend


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


@pytest.mark.parametrize("host", ["2130706433", "0177.0.0.1", "0x7f.1", "0x7f000001", "127.1", "localhost"])
def test_numeric_spellings_are_refused_after_resolution_too(server, host):
    """check_url refuses these up front; the connect-time check catches them on its own as well."""
    with pytest.raises(BlockedURL, match="loopback"):
        GuardedBackend().connect_tcp(host, server.port, timeout=2)
    with Fetcher() as fetcher, pytest.raises(BlockedURL):
        fetcher.get(f"http://{host}:{server.port}/")
    assert server.requests == []


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


def test_connection_refused_is_a_readable_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Fetcher(allow_private=LOCAL) as fetcher:
        with pytest.raises(FetchError, match="could not fetch"):
            fetcher.get(f"http://127.0.0.1:{port}/")


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


def test_streamed_gzip_bomb_without_content_length(server):
    bomb = gzip.compress(b"\0" * 10_000_000)
    assert len(bomb) < 20_000
    server.route("/bomb", lambda r: (200, {"Content-Encoding": "gzip"}, iter([bomb[:5000], bomb[5000:]])))
    with Fetcher(allow_private=LOCAL, max_bytes=100_000) as fetcher:
        with pytest.raises(TooLarge, match="100,000"):
            fetcher.get(server.url("/bomb"))
        assert len(fetcher.get(server.url("/bomb"), max_bytes=10_000_000).body) == 10_000_000


def test_unknown_content_encoding_is_an_error(server):
    server.route("/br", lambda r: (200, {"Content-Encoding": "br"}, b"\x0b\x02\x80"))
    with Fetcher(allow_private=LOCAL) as fetcher:
        with pytest.raises(FetchError, match="Content-Encoding"):
            fetcher.get(server.url("/br"))


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
