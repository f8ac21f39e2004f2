"""The one way Localwire fetches an outside URL.

Feeds, pages, images and robots.txt are hostile input. Every request here:
- is http or https, without userinfo, to a port in range;
- resolves DNS once and refuses the request unless *every* address is global
  (loopback, private, link-local, CGNAT, ULA, multicast, reserved, mapped and
  embedded IPv4 all refused), then connects to the address it checked, so a
  second DNS answer cannot slip in (no rebinding window);
- follows at most ``max_redirects`` redirects by hand, re-checking each;
- has one deadline for the whole exchange, not only per read;
- caps the body *after* decompression, so a gzip bomb stops at the cap.
"""

from __future__ import annotations

import email.utils
import ipaddress
import re
import socket
import threading
import time
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

DEFAULT_USER_AGENT = "Localwire/0.1 (+https://github.com/localwire/localwire)"
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024

# Ranges refused even though some are marked global by the ipaddress module.
EXTRA_BLOCKED: tuple[Network, ...] = tuple(
    ipaddress.ip_network(n)
    for n in ("100.64.0.0/10", "192.0.0.0/24", "198.18.0.0/15", "64:ff9b:1::/48", "2001:db8::/32")
)


class FetchError(Exception):
    """A fetch failed; the message is what Localwire shows on the feed."""


class BlockedURL(FetchError):
    """The URL or the address it resolves to is not one Localwire will fetch."""


class TooLarge(FetchError):
    pass


class FetchTimeout(FetchError):
    pass


class TooManyRedirects(FetchError):
    pass


class HTTPError(FetchError):
    def __init__(self, status: int, retry_after: float | None = None, url: str = ""):
        self.status, self.retry_after = status, retry_after
        super().__init__(f"HTTP {status}" + (f" from {url}" if url else ""))


@dataclass
class Response:
    url: str
    final_url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def retry_after(self) -> float | None:
        return parse_retry_after(self.headers.get("retry-after"))

    def raise_for_status(self) -> None:
        if self.status >= 400:
            raise HTTPError(self.status, self.retry_after, self.final_url)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """RFC 9110 §10.2.3: either delay-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


# --- address policy ------------------------------------------------------


def parse_allow_private(value: str | None) -> tuple[str | Network, ...]:
    """``"127.0.0.1,10.0.0.0/8,intranet.local"`` → networks and lower-case host names."""
    allowed: list[str | Network] = []
    for part in (value or "").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            allowed.append(ipaddress.ip_network(part, strict=False))
            continue
        except ValueError:
            pass
        host = part.lower().rstrip(".")
        if not host.replace("-", "").replace(".", "").isalnum() or host.startswith("."):
            raise ValueError(f"{part!r} is neither a host name nor an IP address or CIDR")
        allowed.append(host)
    return tuple(allowed)


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if ip.version != 6:
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in ipaddress.ip_network("64:ff9b::/96"):  # NAT64
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(ip: IPAddress) -> str | None:
    """Why an address may not be fetched, or None when it may."""
    inner = _embedded_ipv4(ip)
    if inner is not None:
        problem = address_problem(inner)
        return f"{problem} (inside {ip})" if problem else None
    for label, test in (
        ("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local), ("private", ip.is_private),
        ("multicast", ip.is_multicast), ("reserved", ip.is_reserved),
    ):
        if test:
            article = "an" if label[0] in "aeiou" else "a"
            return f"{ip} is {article} {label} address"
    if any(ip in net for net in EXTRA_BLOCKED if net.version == ip.version):
        return f"{ip} is a shared or special-purpose address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def _host_allowed(host: str, allow: tuple) -> bool:
    return host.lower().rstrip(".") in allow


def _ip_allowed(ip: IPAddress, allow: tuple) -> bool:
    return any(isinstance(a, (ipaddress.IPv4Network, ipaddress.IPv6Network))
               and a.version == ip.version and ip in a for a in allow)


_NUMERIC_HOST = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+))*\.?$", re.I)


def check_url(url: str, allow_private: tuple = ()) -> None:
    """Refuse what can be refused without DNS: scheme, userinfo, port, literal addresses."""
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
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        if _NUMERIC_HOST.match(host):
            # 0177.0.0.1, 0x7f.1, 2130706433: spellings of an address that resolvers
            # and browsers disagree on; no real publisher uses them.
            raise BlockedURL(f"blocked: {host} is an unusual spelling of an IP address") from None
        return
    if _host_allowed(host, allow_private) or _ip_allowed(ip, allow_private):
        return
    problem = address_problem(ip)
    if problem:
        raise BlockedURL(f"blocked: {problem}")


def resolve_checked(host: str, port: int, allow_private: tuple) -> list[str]:
    """Resolve once; every address must pass, and the caller connects only to these."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from None
    addresses = []
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not (_host_allowed(host, allow_private) or _ip_allowed(ip, allow_private)):
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


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's socket layer with the SSRF check between DNS and connect."""

    def __init__(self, allow_private: tuple):
        self.allow_private = allow_private
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        last: Exception | None = None
        for address in resolve_checked(host, port, self.allow_private):
            try:
                # The checked address, not the name: TLS still gets the name for SNI
                # because httpcore passes server_hostname to start_tls separately.
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last  # type: ignore[misc]

    def connect_unix_socket(self, *args, **kwargs):
        raise BlockedURL("blocked: unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    def __init__(self, allow_private: tuple, max_connections: int = 100):
        super().__init__(trust_env=False)
        # httpx's transport has no network_backend argument; its pool is rebuilt around ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=max_connections, max_keepalive_connections=20,
            keepalive_expiry=5.0, network_backend=GuardedBackend(allow_private),
        )


class _Decoder:
    """Content-Encoding decoding with a hard cap on output (RFC 9110 §8.4)."""

    def __init__(self, encoding: str, limit: int):
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._z = None
        elif encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj()
        else:
            raise FetchError(f"unsupported Content-Encoding {encoding!r}")
        self.limit = limit
        self.size = 0
        self.parts: list[bytes] = []

    def feed(self, data: bytes) -> None:
        if self._z is None:
            self._take(data)
            return
        while data:
            # max_length bounds each step, so a bomb never expands past limit + 1 byte.
            out = self._z.decompress(data, self.limit - self.size + 1)
            self._take(out)
            data = self._z.unconsumed_tail
            if self._z.eof:
                break

    def _take(self, out: bytes) -> None:
        self.size += len(out)
        if self.size > self.limit:
            raise TooLarge(f"too large: the body is over {self.limit:,} bytes")
        self.parts.append(out)

    def body(self) -> bytes:
        return b"".join(self.parts)


class Fetcher:
    """Thread-safe; share one per process."""

    def __init__(self, *, allow_private: tuple = (), user_agent: str = DEFAULT_USER_AGENT,
                 max_bytes: int = 10_000_000, deadline: float = 30.0, max_redirects: int = 5,
                 per_host: int = 4):
        self.allow_private = tuple(allow_private)
        self.user_agent = user_agent
        self.max_bytes = max_bytes
        self.deadline = deadline
        self.max_redirects = max_redirects
        self.per_host = per_host
        self._slots: dict[str, threading.BoundedSemaphore] = defaultdict(
            lambda: threading.BoundedSemaphore(per_host))
        self._slots_lock = threading.Lock()
        self._client = httpx.Client(
            transport=GuardedTransport(self.allow_private), follow_redirects=False,
            trust_env=False, headers={"User-Agent": user_agent},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: str | None = None, max_bytes: int | None = None,
            deadline: float | None = None) -> Response:
        started = time.monotonic()
        end = started + (deadline or self.deadline)
        limit = max_bytes or self.max_bytes
        headers = {"Accept": accept or "*/*", "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self.max_redirects + 1):
            check_url(current, self.allow_private)
            status, resp_headers, body = self._one(current, headers, end, limit)
            if status in REDIRECT_STATUSES and resp_headers.get("location"):
                current = urljoin(current, resp_headers["location"].strip())
                continue
            return Response(url=url, final_url=current, status=status, headers=resp_headers,
                            body=body, elapsed=time.monotonic() - started)
        raise TooManyRedirects(f"too many redirects: more than {self.max_redirects} from {url}")

    def _slot(self, url: str) -> threading.BoundedSemaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._slots_lock:
            return self._slots[host]

    def _one(self, url: str, headers: dict, end: float, limit: int):
        slot = self._slot(url)
        if not slot.acquire(timeout=max(0.0, end - time.monotonic())):
            raise FetchTimeout(f"timed out waiting for a connection slot to {urlsplit(url).hostname}")
        try:
            return self._exchange(url, headers, end, limit)
        finally:
            slot.release()

    def _exchange(self, url: str, headers: dict, end: float, limit: int):
        remaining = _remaining(end, url)
        timeout = httpx.Timeout(remaining)
        try:
            with self._client.stream("GET", url, headers=headers, timeout=timeout) as response:
                resp_headers = {k.lower(): v for k, v in response.headers.items()}
                if response.status_code in REDIRECT_STATUSES or response.status_code == 304:
                    return response.status_code, resp_headers, b""
                declared = resp_headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit and not resp_headers.get("content-encoding"):
                    raise TooLarge(f"too large: {int(declared):,} bytes declared, the limit is {limit:,}")
                decoder = _Decoder(resp_headers.get("content-encoding", ""), limit)
                stream = response.stream
                for chunk in stream:
                    decoder.feed(chunk)
                    _remaining(end, url)
                return response.status_code, resp_headers, decoder.body()
        except httpx.InvalidURL as exc:
            raise BlockedURL(f"blocked: not a valid URL ({exc})") from None
        except httpx.TimeoutException:
            raise FetchTimeout(f"timed out after {self.deadline:.0f}s fetching {url}") from None
        except httpx.HTTPError as exc:
            cause = exc.__cause__ or exc.__context__
            if isinstance(cause, FetchError):
                raise cause from None
            raise FetchError(f"could not fetch {url}: {exc or type(exc).__name__}") from None


def _remaining(end: float, url: str) -> float:
    left = end - time.monotonic()
    if left <= 0:
        raise FetchTimeout(f"timed out: the whole request to {url} took too long")
    return left
