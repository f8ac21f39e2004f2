"""Loopback-only networking for the test suite, so a test that reaches outside fails loudly.

``LoopbackOnly`` wraps ``socket.socket.connect``/``connect_ex`` and ``socket.getaddrinfo``/
``gethostbyname`` in this process. A connection to a loopback address (127.0.0.0/8, ::1, and
the unspecified 0.0.0.0 / ::, which dial this machine), a Unix socket, or any family other than
IPv4/IPv6 goes through; a connection anywhere else raises ``OutboundNetworkBlocked``. A name
lookup resolves only local names ("localhost") and address literals; a name under a reserved
top-level domain (``.test``, ``.invalid``, ``.example``, RFC 6761) is answered "no such name"
without asking a resolver, as a real one would; any other name is refused like a connection.

The error is deliberately not an ``OSError``: code that treats network errors as "unreachable"
must not quietly swallow it. Every refusal is also recorded in ``attempts``, which the test
suite's conftest checks after each test, so one swallowed by a broad ``except`` still fails.

It works in-process only (each pytest-xdist worker installs its own); a subprocess a test starts
(the CLI tests) is not covered.
"""

from __future__ import annotations

import ipaddress
import socket

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
RESERVED_SUFFIXES = (".test", ".invalid", ".example")


class OutboundNetworkBlocked(RuntimeError):
    """A test tried to reach a host outside this machine."""


def _is_local_ip(host: str) -> bool | None:
    """True for a loopback or unspecified address, False for any other, None if not an address."""
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback or ip.is_unspecified


def is_local_address(family: int, address) -> bool:
    """Whether a ``connect`` to ``address`` stays on this machine."""
    if family not in (socket.AF_INET, socket.AF_INET6):
        return True  # Unix sockets, netlink, …
    host = str(address[0]).lower()
    return host in LOCAL_NAMES or bool(_is_local_ip(host))


def _is_address_literal(name: str) -> bool:
    """An address a resolver reads without asking anyone, old IPv4 spellings ("127.1", "0x7f.1",
    "2130706433") included."""
    if _is_local_ip(name) is not None:
        return True
    try:
        socket.inet_aton(name)
    except OSError:
        return False
    return True


class LoopbackOnly:
    """Install once per process; ``uninstall`` puts the real functions back."""

    def __init__(self) -> None:
        self.attempts: list[str] = []
        self._real: dict[str, object] = {}

    def take_attempts(self) -> list[str]:
        """The refusals recorded since the last call (and forget them)."""
        taken, self.attempts[:] = list(self.attempts), []
        return taken

    def _refuse(self, what: str) -> OutboundNetworkBlocked:
        message = (f"{what}: the test suite allows loopback only (127.0.0.0/8, ::1, Unix sockets); "
                   "serve what the test needs with localwire.testing.httpserver.LocalServer")
        self.attempts.append(message)
        return OutboundNetworkBlocked(message)

    def _check_name(self, host) -> None:
        if host is None:
            return
        name = (host.decode() if isinstance(host, bytes) else str(host)).lower().rstrip(".")
        if name in LOCAL_NAMES or _is_address_literal(name):
            return  # an address literal needs no resolver; connect checks where it leads
        if name.endswith(RESERVED_SUFFIXES) or name in {s[1:] for s in RESERVED_SUFFIXES}:
            raise socket.gaierror(socket.EAI_NONAME, f"{name} is a reserved name and never resolves")
        raise self._refuse(f"name lookup of {name!r}")

    def install(self) -> None:
        if self._real:
            return
        real = self._real = {"connect": socket.socket.connect, "connect_ex": socket.socket.connect_ex,
                             "getaddrinfo": socket.getaddrinfo, "gethostbyname": socket.gethostbyname}
        guard = self

        def connect(sock, address):
            if not is_local_address(sock.family, address):
                raise guard._refuse(f"connection to {address!r}")
            return real["connect"](sock, address)

        def connect_ex(sock, address):
            if not is_local_address(sock.family, address):
                raise guard._refuse(f"connection to {address!r}")
            return real["connect_ex"](sock, address)

        def getaddrinfo(host, *args, **kwargs):
            guard._check_name(host)
            return real["getaddrinfo"](host, *args, **kwargs)

        def gethostbyname(host):
            guard._check_name(host)
            return real["gethostbyname"](host)

        socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
        socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname

    def uninstall(self) -> None:
        if not self._real:
            return
        socket.socket.connect, socket.socket.connect_ex = self._real["connect"], self._real["connect_ex"]
        socket.getaddrinfo, socket.gethostbyname = self._real["getaddrinfo"], self._real["gethostbyname"]
        self._real = {}


GUARD = LoopbackOnly()
