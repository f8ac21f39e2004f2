"""How the guarded fetcher talks to a server: a pinned connection, one deadline, a capped body.

- DNS is resolved once, each address is put to the address policy (``addresses.check_resolved``),
  and the connection dials the address that was checked, so a second DNS answer cannot slip in
  (no rebinding window); TLS still names the host, for SNI and the certificate check.
- One deadline covers the whole exchange (DNS, connect, TLS, every read and write), not only a
  per-read timeout that a drip-feeding server can reset. The fetcher opens it with ``deadline``.
- The body is capped *after* decompression, so a gzip bomb stops at the cap.

No Django here, and no policy of its own beyond the limits it is given.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import httpcore
import httpx

from localwire.sources.addresses import check_resolved, normalise_allow
from localwire.sources.errors import BlockedURL, FetchError, TooLarge

CHUNK = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"

_local = threading.local()  # .end: monotonic deadline of the fetch running on this thread


# --- the deadline ---------------------------------------------------------------------


@contextmanager
def deadline(end: float) -> Iterator[None]:
    """Every socket operation on this thread, until the block ends, stops at ``end``."""
    _local.end = end
    try:
        yield
    finally:
        _local.end = None


def seconds_left(end: float) -> float:
    """Time left before ``end``; at or past it the exchange is over (an httpx timeout)."""
    left = end - time.monotonic()
    if left <= 0:
        raise httpx.ReadTimeout("deadline reached")
    return left


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


# --- the pinned connection ---------------------------------------------------------------


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
    allow = normalise_allow(allow_private)
    addresses: list[str] = []
    for info in _getaddrinfo(host, port, timeout):
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        check_resolved(host, port, ip, allow)
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
        self.allow_private = normalise_allow(allow_private)
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


# --- the capped body ----------------------------------------------------------------------


def read_capped_body(response: httpx.Response, headers: dict[str, str], limit: int, end: float) -> bytes:
    """The decoded body, refused as soon as it (or what the server declares) is over ``limit``."""
    encoding = headers.get("content-encoding", "")
    # Compressed input can exceed its output only by framing; allow a little.
    raw_limit = limit if not encoding else limit + limit // 100 + 1024
    declared = headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > raw_limit:
        raise TooLarge(f"too large: {int(declared):,} bytes declared, the limit is {limit:,}")
    decoder = BodyDecoder(encoding, limit)
    received = 0
    for chunk in response.iter_raw(CHUNK):
        received += len(chunk)
        if received > raw_limit:
            raise TooLarge(f"too large: the body is over {limit:,} bytes")
        decoder.feed(chunk)
        seconds_left(end)
    return decoder.finish()


class BodyDecoder:
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
