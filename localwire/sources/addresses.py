"""Which addresses Localwire refuses to fetch, and why: the policy, with no network in it.

A URL is refused unless it is http or https, without userinfo, to a port in 1..65535, and
every address it names or resolves to is public (loopback, private, link-local, CGNAT, ULA,
multicast, reserved, and IPv4 hidden inside IPv6 all refused). An operator's allow list
(``LOCALWIRE_FETCH_ALLOW_PRIVATE``) opens a host or network, or only one port of it
(``127.0.0.1:8311``). The transport applies ``check_resolved`` to each DNS answer; the
fetcher applies ``check_url`` to each hop.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from localwire.sources.errors import BlockedURL

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

DEFAULT_PORTS = {"http": 80, "https": 443}

# Special-purpose ranges (RFC 6890 registry) that this Python's ipaddress may still call global.
EXTRA_BLOCKED: tuple[Network, ...] = tuple(ipaddress.ip_network(n) for n in (
    "100.64.0.0/10",   # RFC 6598 carrier-grade NAT
    "192.0.0.0/24",    # RFC 6890 IETF protocol assignments
    "198.18.0.0/15",   # RFC 2544 benchmarking
    "64:ff9b:1::/48",  # RFC 8215 local-use NAT64
    "2001:db8::/32",   # RFC 3849 documentation
))
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052 well-known prefix

# 0177.0.0.1, 0x7f.1, 2130706433, 127.1: inet_aton spellings of an address.
_NUMERIC_HOST = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+))*\.?$", re.IGNORECASE)
_HOST_NAME = re.compile(r"^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$")


@dataclass(frozen=True)
class PortEntry:
    """An allow entry bound to one port (``127.0.0.1:8311``, ``[::1]:8311``, ``feeds.lan:8080``).

    A bare host or network in the list still opens every port, as it always has."""

    target: str | Network
    port: int

    def __str__(self) -> str:
        if isinstance(self.target, str):
            return f"{self.target}:{self.port}"
        text = str(self.target.network_address) if self.target.num_addresses == 1 else str(self.target)
        return f"[{text}]:{self.port}" if self.target.version == 6 else f"{text}:{self.port}"


AllowEntry = str | Network | PortEntry


# --- the operator's allow list ------------------------------------------------------


def parse_allow_private(value: str | None) -> tuple[AllowEntry, ...]:
    """``"127.0.0.1, 10.0.0.0/8, localhost, 127.0.0.1:8311, [::1]:8311"`` → networks, lower-case host
    names, and either of them bound to one port."""
    allowed: list[AllowEntry] = []
    for part in (value or "").split(","):
        part = part.strip()
        if part:
            allowed.append(_parse_allow_entry(part))
    return tuple(allowed)


def _parse_allow_entry(part: str) -> AllowEntry:
    target, port = _split_port(part)
    try:
        parsed: str | Network = ipaddress.ip_network(target, strict=False)
    except ValueError:
        host = target.lower().rstrip(".")
        if not _HOST_NAME.match(host) or _NUMERIC_HOST.match(host):
            raise ValueError(f"{part!r} is neither a host name nor an IP address or CIDR") from None
        parsed = host
    return parsed if port is None else PortEntry(parsed, port)


def _split_port(part: str) -> tuple[str, int | None]:
    """``[v6]:port`` and ``host:port`` apart; a bare IPv6 address (``::1``) keeps its colons."""
    if part.startswith("["):
        inside, bracket, rest = part[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise ValueError(f"{part!r} is not [IPv6 address]:port")
        return inside, _port_of(part, rest[1:]) if rest else None
    if part.count(":") == 1:
        host, _, port = part.partition(":")
        return host, _port_of(part, port)
    return part, None


def _port_of(part: str, text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise ValueError(f"{part!r} has no port between 1 and 65535 after the colon")
    return int(text)


def normalise_allow(allow) -> tuple[AllowEntry, ...]:
    """Accept parsed entries, plain strings or ip objects; always hand back parsed ones."""
    out: list[AllowEntry] = []
    for entry in allow or ():
        if isinstance(entry, str):
            out.extend(parse_allow_private(entry))
        elif isinstance(entry, PortEntry):
            out.append(entry)
        else:
            out.append(ipaddress.ip_network(entry, strict=False))
    return tuple(out)


def _entries_for(port: int, allow: tuple) -> list:
    """The entries that open ``port``: every bare one, and those bound to this very port."""
    return [e.target if isinstance(e, PortEntry) else e for e in allow
            if not isinstance(e, PortEntry) or e.port == port]


def _host_allowed(host: str, port: int, allow: tuple) -> bool:
    return host.lower().rstrip(".") in _entries_for(port, allow)


def _ip_allowed(ip: IPAddress, port: int, allow: tuple) -> bool:
    return any(not isinstance(a, str) and a.version == ip.version and ip in a for a in _entries_for(port, allow))


# --- the addresses themselves ---------------------------------------------------------


def _embedded_ipv4(ip: IPAddress) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address routes to (mapped, 6to4, Teredo, NAT64)."""
    if ip.version != 6:
        return []
    if ip.ipv4_mapped:  # RFC 4291 §2.5.5.2
        return [ip.ipv4_mapped]
    if ip.sixtofour:  # RFC 3056
        return [ip.sixtofour]
    if ip.teredo:  # RFC 4380: (server, client)
        return list(ip.teredo)
    if ip in NAT64:
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    return []


def address_problem(ip: IPAddress) -> str | None:
    """Why an address may not be fetched, or None when it may."""
    embedded = _embedded_ipv4(ip)
    if embedded:
        for inner in embedded:
            problem = address_problem(inner)
            if problem:
                return f"{problem} (inside {ip})"
        return None
    for label, bad in (
        ("an unspecified", ip.is_unspecified), ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local), ("a private", ip.is_private),
        ("a multicast", ip.is_multicast), ("a reserved", ip.is_reserved),
    ):
        if bad:
            return f"{ip} is {label} address"
    if any(ip in net for net in EXTRA_BLOCKED if net.version == ip.version):
        return f"{ip} is a special-purpose address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def check_url(url: str, allow_private=()) -> None:
    """Refuse what can be refused without DNS: scheme, userinfo, port, literal addresses.

    The full check (every resolved address) happens at connect time.
    """
    allow = normalise_allow(allow_private)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BlockedURL(f"blocked: not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise BlockedURL(f"blocked: only http and https URLs are fetched, not {parts.scheme or 'none'!r}")
    if "@" in parts.netloc:
        raise BlockedURL("blocked: URLs with a user name or password are not fetched")
    host = parts.hostname
    if not host:
        raise BlockedURL("blocked: the URL has no host")
    if port is not None and not 1 <= port <= 65535:
        raise BlockedURL(f"blocked: port {port} is out of range")
    _check_literal_host(host, port or DEFAULT_PORTS[parts.scheme], allow)


def _check_literal_host(host: str, port: int, allow: tuple) -> None:
    """A host written as an address is judged now; a name waits for its DNS answer."""
    if _host_allowed(host, port, allow):
        return
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        if _NUMERIC_HOST.match(host):
            # Resolvers turn these into addresses, browsers and parsers disagree on
            # how; no real publisher uses them, so refuse before any DNS.
            raise BlockedURL(f"blocked: {host} is an unusual spelling of an IP address") from None
        return
    if not _ip_allowed(ip, port, allow):
        problem = address_problem(ip)
        if problem:
            raise BlockedURL(f"blocked: {problem}")


def check_resolved(host: str, port: int, ip: IPAddress, allow: tuple) -> None:
    """Refuse one address of a DNS answer, unless the operator opened the host or the address."""
    if _host_allowed(host, port, allow) or _ip_allowed(ip, port, allow):
        return
    problem = address_problem(ip)
    if problem and host.strip("[]") == str(ip):
        raise BlockedURL(f"blocked: {problem}")
    if problem:
        raise BlockedURL(f"blocked: {host} resolves to a refused address ({problem})")
