"""The address policy: every refused URL and address form, and the operator's allow list."""

import socket

import pytest

from localwire.sources.addresses import check_url, parse_allow_private
from localwire.sources.errors import BlockedURL
from localwire.sources.http import Fetcher
from localwire.sources.tests.serving import LOCAL, ok
from localwire.testing.httpserver import LocalServer


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


@pytest.mark.parametrize("value", ["nonsense!", "10.0.0.0/33x", "a b"])
def test_allow_private_rejects_junk(value):
    with pytest.raises(ValueError):
        parse_allow_private(value)


def test_allow_private_parses_hosts_and_networks():
    parsed = parse_allow_private(" 127.0.0.1 , 10.0.0.0/8,, Intranet.Local ")
    assert [str(p) for p in parsed] == ["127.0.0.1/32", "10.0.0.0/8", "intranet.local"]


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
