"""The suite's loopback-only guard: outside addresses and names are refused, loopback works."""

import socket
import urllib.request

import pytest

from localwire.testing.httpserver import LocalServer
from localwire.testing.network import OutboundNetworkBlocked

PUBLIC = ("93.184.216.34", 80)  # refused before any packet leaves


def test_connect_to_a_public_address_is_refused_loudly(loopback_only):
    with socket.socket() as sock:
        sock.settimeout(2)  # were the guard missing, the test must not hang
        with pytest.raises(OutboundNetworkBlocked, match="93.184.216.34.*loopback only"):
            sock.connect(PUBLIC)
        with pytest.raises(OutboundNetworkBlocked):
            sock.connect_ex(PUBLIC)
    assert len(loopback_only.take_attempts()) == 2, "each refusal is recorded"


def test_a_refusal_is_not_an_os_error_that_a_fetcher_would_swallow(loopback_only):
    with pytest.raises(OutboundNetworkBlocked) as caught:
        socket.create_connection(("2606:2800:220:1::1", 80), timeout=2)
    assert not isinstance(caught.value, OSError)
    loopback_only.take_attempts()


def test_public_names_are_not_looked_up(loopback_only):
    with pytest.raises(OutboundNetworkBlocked, match="name lookup of 'example.com'"):
        socket.getaddrinfo("example.com", 80)
    with pytest.raises(OutboundNetworkBlocked):
        socket.gethostbyname("example.com")
    loopback_only.take_attempts()
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("nowhere.invalid", 80)
    assert loopback_only.take_attempts() == [], "a reserved name is 'no such name', not a refusal"


def test_loopback_and_unix_sockets_still_work(tmp_path):
    with LocalServer() as server:
        server.route("/", lambda request: (200, {"Content-Type": "text/plain"}, b"here"))
        assert urllib.request.urlopen(server.url("/"), timeout=5).read() == b"here"
        assert urllib.request.urlopen(f"http://localhost:{server.port}/", timeout=5).read() == b"here"
    path = str(tmp_path / "s.sock")
    with socket.socket(socket.AF_UNIX) as listener, socket.socket(socket.AF_UNIX) as client:
        listener.bind(path)
        listener.listen(1)
        client.connect(path)
        accepted, _ = listener.accept()
        accepted.close()
