"""The one way Localwire fetches an outside URL.

Feeds, pages, images and robots.txt are hostile input, so every request here:
- is http or https, without userinfo, to a port in 1..65535;
- resolves DNS once and refuses the request unless *every* address is public
  (loopback, private, link-local, CGNAT, ULA, multicast, reserved, mapped and
  embedded IPv4 all refused), then dials the address it checked, so a second
  DNS answer cannot slip in (no rebinding window); an operator's allow list
  opens a host or network, or only one port of it (``127.0.0.1:8311``);
- follows at most ``max_redirects`` redirects by hand, re-checking each hop;
- has one deadline for the whole exchange (slot wait, DNS, connect, TLS,
  every read), not only a per-read timeout that a drip-feeding server can reset;
- caps the body *after* decompression, so a gzip bomb stops at the cap;
- keeps no cookies and reads no proxy settings: a shared fetcher is stateless.

No Django here: the pipeline, the image proxy and the CLI all share it.
"""

from __future__ import annotations

import email.utils
import ipaddress
import re
import socket
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

DEFAULT_USER_AGENT = "Localwire/0.1 (+https://github.com/localwire/localwire)"
DEFAULT_PORTS = {"http": 80, "https": 443}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}  # RFC 9110 §15.4; we only GET, so 301-303 stay GET
CHUNK = 64 * 1024

# Special-purpose ranges (RFC 6890 registry) that this Python's ipaddress may still call global.
EXTRA_BLOCKED: tuple[Network, ...] = tuple(ipaddress.ip_network(n) for n in (
    "100.64.0.0/10",   # RFC 6598 carrier-grade NAT
    "192.0.0.0/24",    # RFC 6890 IETF protocol assignments
    "198.18.0.0/15",   # RFC 2544 benchmarking
    "64:ff9b:1::/48",  # RFC 8215 local-use NAT64
    "2001:db8::/32",   # RFC 3849 documentation
))
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052 well-known prefix


class FetchError(Exception):
    """A fetch failed; the message is what Localwire shows on the feed."""


class BlockedURL(FetchError):
    """The URL, or an address it resolves to, is not one Localwire will fetch."""


class TooLarge(FetchError):
    """The (decoded) body is over the cap."""


class FetchTimeout(FetchError):
    """The whole exchange overran its deadline."""


class TooManyRedirects(FetchError):
    pass


class HTTPError(FetchError):
    """For callers that want an error status as an exception (``raise_for_status``)."""

    def __init__(self, status: int, retry_after: float | None = None, url: str = ""):
        self.status, self.retry_after, self.url = status, retry_after, url
        super().__init__(f"HTTP {status}" + (f" from {url}" if url else ""))


@dataclass
class Response:
    """Any final status comes back as a Response; the caller decides what an error means."""

    url: str
    final_url: str = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)  # lower-case keys
    body: bytes = b""  # decoded
    elapsed: float = 0.0
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float | None = None
    not_modified: bool = False

    def __post_init__(self):
        self.final_url = self.final_url or self.url
        self.etag = self.etag or self.headers.get("etag")
        self.last_modified = self.last_modified or self.headers.get("last-modified")
        if self.retry_after is None:
            self.retry_after = parse_retry_after(self.headers.get("retry-after"))
        self.not_modified = self.not_modified or self.status == 304

    def raise_for_status(self) -> None:
        if self.status >= 400:
            raise HTTPError(self.status, self.retry_after, self.final_url)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait: RFC 9110 §10.2.3 allows delay-seconds or an HTTP-date."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


# --- address policy ------------------------------------------------------

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


def _normalise_allow(allow) -> tuple[AllowEntry, ...]:
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


def _entries_for(port: int, allow: tuple) -> list:
    """The entries that open ``port``: every bare one, and those bound to this very port."""
    return [e.target if isinstance(e, PortEntry) else e for e in allow
            if not isinstance(e, PortEntry) or e.port == port]


def _host_allowed(host: str, port: int, allow: tuple) -> bool:
    return host.lower().rstrip(".") in _entries_for(port, allow)


def _ip_allowed(ip: IPAddress, port: int, allow: tuple) -> bool:
    return any(not isinstance(a, str) and a.version == ip.version and ip in a for a in _entries_for(port, allow))


def check_url(url: str, allow_private=()) -> None:
    """Refuse what can be refused without DNS: scheme, userinfo, port, literal addresses.

    The full check (every resolved address) happens at connect time.
    """
    allow = _normalise_allow(allow_private)
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
    port = port or DEFAULT_PORTS[parts.scheme]
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


# --- the guarded socket layer ---------------------------------------------

_local = threading.local()  # .end: monotonic deadline of the fetch running on this thread


def _time_left(timeout: float | None, what: str) -> float | None:
    """Shrink an httpcore per-operation timeout so it never runs past the fetch deadline."""
    end = getattr(_local, "end", None)
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        exc = httpcore.ConnectTimeout if what == "connect" else httpcore.ReadTimeout
        raise exc(f"deadline reached during {what}")
    return left if timeout is None else min(timeout, left)


def _getaddrinfo(host: str, port: int, timeout: float | None) -> list:
    """getaddrinfo has no timeout of its own; run it aside so a slow resolver meets the deadline."""
    box: dict = {}

    def run():
        try:
            box["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except Exception as exc:  # handed back to the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=run, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise httpcore.ConnectTimeout(f"DNS lookup for {host} took too long")
    if "error" in box:
        raise FetchError(f"cannot resolve {host}: {box['error']}")
    return box["infos"]


def resolve_checked(host: str, port: int, allow_private=(), timeout: float | None = None) -> list[str]:
    """Resolve once; every address must pass, and the caller dials only these."""
    allow = _normalise_allow(allow_private)
    addresses: list[str] = []
    for info in _getaddrinfo(host, port, timeout):
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not (_host_allowed(host, port, allow) or _ip_allowed(ip, port, allow)):
            problem = address_problem(ip)
            if problem and host.strip("[]") == str(ip):
                raise BlockedURL(f"blocked: {problem}")
            if problem:
                raise BlockedURL(f"blocked: {host} resolves to a refused address ({problem})")
        if str(ip) not in addresses:
            addresses.append(str(ip))
    if not addresses:
        raise FetchError(f"cannot resolve {host}: no addresses")
    return addresses


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write honours the fetch deadline."""

    def __init__(self, inner: httpcore.NetworkStream):
        self._inner = inner

    def read(self, max_bytes, timeout=None):
        return self._inner.read(max_bytes, _time_left(timeout, "read"))

    def write(self, buffer, timeout=None):
        self._inner.write(buffer, _time_left(timeout, "write"))

    def close(self):
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        # server_hostname is the URL's name, so SNI and certificate checks use it, not the IP.
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname,
                                                     _time_left(timeout, "connect")))

    def get_extra_info(self, info):
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's socket layer with the SSRF check between DNS and connect."""

    def __init__(self, allow_private=()):
        self.allow_private = _normalise_allow(allow_private)
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        last: Exception | None = None
        for address in resolve_checked(host, port, self.allow_private, _time_left(timeout, "connect")):
            try:
                # Dial the checked address itself: no second lookup, no rebinding window.
                stream = self._inner.connect_tcp(address, port, _time_left(timeout, "connect"),
                                                 local_address, socket_options)
                return _DeadlineStream(stream)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last  # type: ignore[misc]

    def connect_unix_socket(self, *args, **kwargs):
        raise BlockedURL("blocked: unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport, but its connection pool dials through ``GuardedBackend``."""

    def __init__(self, allow_private=(), max_connections: int = 100):
        super().__init__(trust_env=False)
        # HTTPTransport takes no network_backend, so the pool it built is replaced
        # (it has no connections yet). Relies on httpx keeping it in ``_pool``.
        self._pool.close()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=max_connections, max_keepalive_connections=20, keepalive_expiry=5.0,
            network_backend=GuardedBackend(allow_private),
        )


# --- body decoding -----------------------------------------------------------

GZIP_MAGIC = b"\x1f\x8b"


class _Decoder:
    """Content-Encoding decoding (RFC 9110 §8.4.1) with a hard cap on the output.

    Some servers send gzip bytes without saying so (a pre-compressed ``feed.xml.gz`` served as
    ``feed.xml``); a body without a Content-Encoding that starts with the gzip magic is decoded
    too, under the same cap, so such a feed reads and a gzip bomb still stops at the limit.
    """

    def __init__(self, encoding: str, limit: int):
        encoding = encoding.strip().lower()
        self._raw_fallback = False
        self._sniff = encoding in ("", "identity")
        self._head = b""
        if encoding in ("", "identity"):
            self._z = None
        elif encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":  # meant to be zlib-wrapped (RFC 9110 §8.4.1.2); some send it raw
            self._z = zlib.decompressobj()
            self._raw_fallback = True
        else:
            raise FetchError(f"unsupported Content-Encoding {encoding!r}")
        self.limit, self.size, self.parts = limit, 0, []

    def feed(self, data: bytes) -> None:
        if self._sniff:
            data = self._sniffed(data)
        if self._z is None:
            return self._take(data)
        try:
            while data and not self._z.eof:
                # max_length bounds each step: a bomb never expands past limit + 1 byte.
                self._take(self._z.decompress(data, self.limit - self.size + 1))
                data = self._z.unconsumed_tail
        except zlib.error as exc:
            if self._raw_fallback and self.size == 0:
                self._z, self._raw_fallback = zlib.decompressobj(-zlib.MAX_WBITS), False
                return self.feed(data)
            raise FetchError(f"the compressed body is corrupt ({exc})") from None
        self._raw_fallback = False

    def _sniffed(self, data: bytes) -> bytes:
        """Hold bytes back until two are in, then switch to gzip if they are its magic number."""
        data, self._head = self._head + data, b""
        if len(data) < len(GZIP_MAGIC):
            self._head = data
            return b""
        self._sniff = False
        if data.startswith(GZIP_MAGIC):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        return data

    def finish(self) -> bytes:
        if self._head:  # a one-byte body never reached the sniffing threshold
            self._take(self._head)
            self._head = b""
        if self._z is not None and not self._z.eof:
            try:
                self._take(self._z.flush())
            except zlib.error as exc:
                raise FetchError(f"the compressed body is corrupt ({exc})") from None
        return b"".join(self.parts)

    def _take(self, out: bytes) -> None:
        self.size += len(out)
        if self.size > self.limit:
            raise TooLarge(f"too large: the body is over {self.limit:,} bytes")
        self.parts.append(out)


# --- the fetcher ----------------------------------------------------------------

class Fetcher:
    """Thread-safe; share one per process (it holds the connection pool)."""

    def __init__(self, allow_private=(), user_agent: str = DEFAULT_USER_AGENT,
                 max_bytes: int = 10_000_000, deadline: float = 30.0, max_redirects: int = 5,
                 per_host: int = 4, connect_timeout: float | None = None):
        self.allow_private = _normalise_allow(allow_private)
        self.user_agent, self.max_bytes, self.deadline = user_agent, max_bytes, deadline
        self.connect_timeout = connect_timeout  # DNS and connect of each hop, inside the deadline
        self.max_redirects, self.per_host = max_redirects, per_host
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._slots_lock = threading.Lock()
        self._client = httpx.Client(
            transport=GuardedTransport(self.allow_private), follow_redirects=False,
            trust_env=False, headers={"User-Agent": user_agent},
        )
        # Stateless: one site's cookies must never reach another request.
        self._client.cookies.jar.set_policy(DefaultCookiePolicy(allowed_domains=[]))

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            accept: str | None = None, max_bytes: int | None = None,
            deadline: float | None = None) -> Response:
        started = time.monotonic()
        budget = deadline or self.deadline
        end = started + budget
        limit = max_bytes or self.max_bytes
        headers = {"Accept": accept or "*/*", "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag  # RFC 9110 §13.1.2
        if last_modified:
            headers["If-Modified-Since"] = last_modified  # RFC 9110 §13.1.3
        current = url
        for _hop in range(self.max_redirects + 1):
            check_url(current, self.allow_private)
            status, resp_headers, body = self._one(current, headers, end, budget, limit)
            location = resp_headers.get("location", "").strip()
            if status in REDIRECT_STATUSES and location:
                try:
                    current = urljoin(current, location)  # relative Location: RFC 9110 §10.2.2
                except ValueError:
                    raise BlockedURL(f"blocked: bad redirect Location {location[:200]!r}") from None
                continue
            return Response(url=url, final_url=current, status=status, headers=resp_headers,
                            body=body, elapsed=time.monotonic() - started)
        raise TooManyRedirects(f"too many redirects: more than {self.max_redirects} from {url}")

    def _one(self, url: str, headers: dict, end: float, budget: float, limit: int):
        host = (urlsplit(url).hostname or "").lower()
        with self._slots_lock:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))
        if not slot.acquire(timeout=max(0.0, end - time.monotonic())):
            raise FetchTimeout(f"timed out after {budget:g}s waiting for a free connection to {host}")
        _local.end = end
        try:
            return self._exchange(url, headers, end, limit)
        except httpx.TimeoutException:
            raise FetchTimeout(f"timed out after {budget:g}s fetching {url}") from None
        finally:
            _local.end = None
            slot.release()

    def _exchange(self, url: str, headers: dict, end: float, limit: int):
        try:
            left = _seconds_left(end)
            timeout = httpx.Timeout(left, connect=min(left, self.connect_timeout or left))
            with self._client.stream("GET", url, headers=headers, timeout=timeout) as response:
                resp_headers = {k.lower(): v for k, v in response.headers.items()}
                status = response.status_code
                if status in REDIRECT_STATUSES or status == 304:
                    return status, resp_headers, b""
                encoding = resp_headers.get("content-encoding", "")
                # Compressed input can exceed its output only by framing; allow a little.
                raw_limit = limit if not encoding else limit + limit // 100 + 1024
                declared = resp_headers.get("content-length", "").strip()
                if declared.isdigit() and int(declared) > raw_limit:
                    raise TooLarge(f"too large: {int(declared):,} bytes declared, the limit is {limit:,}")
                decoder = _Decoder(encoding, limit)
                received = 0
                for chunk in response.iter_raw(CHUNK):
                    received += len(chunk)
                    if received > raw_limit:
                        raise TooLarge(f"too large: the body is over {limit:,} bytes")
                    decoder.feed(chunk)
                    _seconds_left(end)
                return status, resp_headers, decoder.finish()
        except httpx.InvalidURL as exc:
            raise BlockedURL(f"blocked: not a valid URL ({exc})") from None
        except httpx.TimeoutException:
            raise
        except httpx.HTTPError as exc:
            cause = exc.__cause__ or exc.__context__
            if isinstance(cause, FetchError):
                raise cause from None
            raise FetchError(f"could not fetch {url}: {exc or type(exc).__name__}") from None


def _seconds_left(end: float) -> float:
    left = end - time.monotonic()
    if left <= 0:
        raise httpx.ReadTimeout("deadline reached")
    return left
