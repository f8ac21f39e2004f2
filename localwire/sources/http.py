"""The one way Localwire fetches an outside URL: the ``Fetcher``.

Feeds, pages, images and robots.txt are hostile input, so every request here:
- passes the address policy (``addresses.py``) before each hop, and again for every address
  DNS gives, through the pinned connection of ``transport.py``;
- follows at most ``max_redirects`` redirects by hand, re-checking each hop;
- has one deadline for the whole exchange, slot wait included, and a cap on the decoded body
  (both enforced by ``transport.py``);
- keeps no cookies and reads no proxy settings: a shared fetcher is stateless.

No Django here: the pipeline, the image proxy and the CLI all share it; ``context.py`` builds
it from settings.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urljoin, urlsplit

import httpx

from localwire.sources.addresses import check_url, normalise_allow
from localwire.sources.errors import BlockedURL, FetchError, FetchTimeout, HTTPError, TooManyRedirects
from localwire.sources.hostcap import LocalSlots
from localwire.sources.transport import GuardedTransport, deadline, read_capped_body, seconds_left

DEFAULT_USER_AGENT = "Localwire/0.1 (+https://github.com/localwire/localwire)"
REDIRECT_STATUSES = {301, 302, 303, 307, 308}  # RFC 9110 §15.4; we only GET, so 301-303 stay GET


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


class Fetcher:
    """Thread-safe; share one per process (it holds the connection pool)."""

    def __init__(self, allow_private=(), user_agent: str = DEFAULT_USER_AGENT,
                 max_bytes: int = 10_000_000, deadline: float = 30.0, max_redirects: int = 5,
                 per_host: int = 4, connect_timeout: float | None = None, slots=None):
        """``slots`` caps fetches per host (``hostcap.py``): shared through Redis when given one,
        else ``per_host`` at once in this process."""
        self.allow_private = normalise_allow(allow_private)
        self.user_agent, self.max_bytes, self.deadline = user_agent, max_bytes, deadline
        self.connect_timeout = connect_timeout  # DNS and connect of each hop, inside the deadline
        self.max_redirects, self.per_host = max_redirects, per_host
        self.slots = slots or LocalSlots(per_host)
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
                current = _redirect_target(current, location)
                continue
            return Response(url=url, final_url=current, status=status, headers=resp_headers,
                            body=body, elapsed=time.monotonic() - started)
        raise TooManyRedirects(f"too many redirects: more than {self.max_redirects} from {url}")

    def _one(self, url: str, headers: dict, end: float, budget: float, limit: int):
        """One hop, within this host's share of connections and the fetch's deadline."""
        host = (urlsplit(url).hostname or "").lower()
        left = end - time.monotonic()
        slot = self.slots.acquire(host, timeout=left, lease=left)
        if slot is None:
            raise FetchTimeout(f"timed out after {budget:g}s waiting for a free connection to {host}")
        try:
            with deadline(end):
                return self._exchange(url, headers, end, limit)
        except httpx.TimeoutException:
            raise FetchTimeout(f"timed out after {budget:g}s fetching {url}") from None
        finally:
            self.slots.release(host, slot)

    def _exchange(self, url: str, headers: dict, end: float, limit: int):
        try:
            left = seconds_left(end)
            timeout = httpx.Timeout(left, connect=min(left, self.connect_timeout or left))
            with self._client.stream("GET", url, headers=headers, timeout=timeout) as response:
                resp_headers = {k.lower(): v for k, v in response.headers.items()}
                status = response.status_code
                if status in REDIRECT_STATUSES or status == 304:
                    return status, resp_headers, b""
                return status, resp_headers, read_capped_body(response, resp_headers, limit, end)
        except httpx.InvalidURL as exc:
            raise BlockedURL(f"blocked: not a valid URL ({exc})") from None
        except httpx.TimeoutException:
            raise
        except httpx.HTTPError as exc:
            cause = exc.__cause__ or exc.__context__
            if isinstance(cause, FetchError):
                raise cause from None
            raise FetchError(f"could not fetch {url}: {exc or type(exc).__name__}") from None


def _redirect_target(current: str, location: str) -> str:
    """Where a redirect points; a relative Location is read against the hop (RFC 9110 §10.2.2)."""
    try:
        return urljoin(current, location)
    except ValueError:
        raise BlockedURL(f"blocked: bad redirect Location {location[:200]!r}") from None
