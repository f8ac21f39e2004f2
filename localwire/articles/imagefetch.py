"""Fetching and decoding proxied images without letting them hold up the site.

A page's cards can ask for thirty images at once from a host that answers in ninety seconds. So:
- image work (fetch and decode) runs in at most ``LOCALWIRE_IMAGE_FETCHES`` requests at once per
  process; as many again may wait for a slot (no longer than a fetch may take), and any more are
  answered at once with 503 and ``Retry-After`` instead of holding a server thread (``serve`` adds threads for exactly these
  two groups, so pages and ``/healthz`` always have their own);
- a fetch has a short connect deadline and an overall one (``LOCALWIRE_IMAGE_TIMEOUT``) well under a
  page's patience;
- decodes are fewer still (``LOCALWIRE_IMAGE_DECODES``), as each can take a hundred megabytes;
- a failure is remembered for ``LOCALWIRE_IMAGE_RETRY_SECONDS`` in the cache, per image, and per
  host when the host timed out, so a slow host is asked once, not once for every card.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

from localwire.articles.imagedecode import ImageRefused, render_image
from localwire.sources.context import PerProcess, make_fetcher
from localwire.sources.errors import BlockedURL, FetchError, FetchTimeout, TooLarge
from localwire.sources.http import Fetcher

log = logging.getLogger(__name__)

ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.8"
CONNECT_SECONDS = 3.0  # DNS and connect: a host that cannot take a connection in this is down for us
BUSY_RETRY_SECONDS = 5  # the Retry-After of that 503

_lock = threading.Lock()
_gates: dict[int, Gate] = {}
_decoders: dict[int, threading.BoundedSemaphore] = {}


class Gate:
    """At most ``slots`` holders at once; as many again may wait ``wait`` seconds; the rest are turned
    away at once. The waiting line is bounded so that a flood never ties up more threads than
    ``2 * slots``."""

    def __init__(self, slots: int):
        self._admitted = threading.BoundedSemaphore(2 * slots)
        self._running = threading.BoundedSemaphore(slots)

    @contextmanager
    def enter(self, wait: float) -> Iterator[None]:
        if not self._admitted.acquire(blocking=False):
            raise ImageRefused(503, "busy: too many images are being fetched; try again shortly")
        try:
            if not self._running.acquire(timeout=wait):
                raise ImageRefused(503, "busy: too many images are being fetched; try again shortly")
            try:
                yield
            finally:
                self._running.release()
        finally:
            self._admitted.release()


def gate(slots: int) -> Gate:
    """One gate per process for each size: a changed setting gets a gate of its own size."""
    with _lock:
        return _gates.setdefault(slots, Gate(slots))


@contextmanager
def decoding(slots: int, wait: float) -> Iterator[None]:
    """Decodes are fewer than fetches: only those holding a fetch slot get here, and they queue."""
    with _lock:
        semaphore = _decoders.setdefault(slots, threading.BoundedSemaphore(slots))
    if not semaphore.acquire(timeout=wait):
        raise ImageRefused(503, "busy: too many images are being decoded; try again shortly")
    try:
        yield
    finally:
        semaphore.release()


def _image_fetcher() -> Fetcher:
    """Images have their own limits (size, deadline, a short connect) and their own connection pool,
    so a slow image host never takes a crawl's connections, nor the crawl an image's."""
    return make_fetcher(max_bytes=settings.LOCALWIRE_IMAGE_MAX_BYTES, deadline=settings.LOCALWIRE_IMAGE_TIMEOUT,
                        connect_timeout=min(CONNECT_SECONDS, settings.LOCALWIRE_IMAGE_TIMEOUT))


_fetcher = PerProcess(_image_fetcher, Fetcher.close)


def get_fetcher() -> Fetcher:
    return _fetcher.get()


def reset_fetcher() -> None:
    """For tests that change the image settings."""
    _fetcher.reset()


# --- remembered failures -------------------------------------------------------------------------


def _failure_keys(src: str) -> tuple[str, str]:
    parts = urlsplit(src)
    host = f"{(parts.hostname or '').lower()}:{parts.port or parts.scheme}"
    return (f"lw:img:fail:{hashlib.sha256(src.encode()).hexdigest()[:32]}",
            f"lw:img:host:{hashlib.sha256(host.encode()).hexdigest()[:32]}")


def remembered_failure(src: str) -> ImageRefused | None:
    found = list(cache.get_many(_failure_keys(src)).values())
    if not found:
        return None
    status, reason = found[0]
    return ImageRefused(status, f"{reason} (remembered; not asked again yet)")


def remember_failure(src: str, refused: ImageRefused) -> None:
    if refused.status == 503:
        return  # busy is about this server, not the image
    image_key, host_key = _failure_keys(src)
    seconds = settings.LOCALWIRE_IMAGE_RETRY_SECONDS
    log.warning("image %s failed (%s %s); not asked again for %ss%s", src[:300], refused.status, refused,
                seconds, " (nor anything else on its host)" if refused.host_wide else "")
    cache.set(image_key, (refused.status, str(refused)), timeout=seconds)
    if refused.host_wide:
        cache.set(host_key, (refused.status, str(refused)), timeout=seconds)


# --- the work --------------------------------------------------------------------------------------


def fetch_image(src: str) -> bytes:
    try:
        response = get_fetcher().get(src, accept=ACCEPT)
    except BlockedURL:
        raise ImageRefused(403, "refused: the image address is not allowed") from None
    except TooLarge:
        raise ImageRefused(413, "image too large") from None
    except FetchTimeout:
        raise ImageRefused(504, "the image host took too long", host_wide=True) from None
    except FetchError as exc:
        raise ImageRefused(502, f"could not fetch the image: {exc}") from None
    if response.status != 200:
        raise ImageRefused(502, f"the image host answered HTTP {response.status}")
    return response.body


def _raise_if_remembered(src: str) -> None:
    known = remembered_failure(src)
    if known is not None:
        raise known


def fetch_and_render(src: str, width: int) -> tuple[bytes, str]:
    """The image at ``width``, or ImageRefused: at once when it failed lately or the waiting line is
    full. A request waits for a slot no longer than a fetch may take, and looks at the failures again
    once it has one: what timed out while it waited is not asked again."""
    _raise_if_remembered(src)
    wait = settings.LOCALWIRE_IMAGE_TIMEOUT
    with gate(settings.LOCALWIRE_IMAGE_FETCHES).enter(wait):
        _raise_if_remembered(src)
        try:
            data = fetch_image(src)
            with decoding(settings.LOCALWIRE_IMAGE_DECODES, wait):
                return render_image(data, width, settings.LOCALWIRE_IMAGE_MAX_PIXELS)
        except ImageRefused as refused:
            remember_failure(src, refused)  # before the slot is let go: the next in line must see it
            raise
