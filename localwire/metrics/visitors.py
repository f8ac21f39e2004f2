"""Who is reading, and whether the request counts as a reader at all — decided in Python, no I/O.

A visitor is a logged-in user's id, or else a keyed hash of address and User-Agent under a salt
that changes every day. The raw address is never stored anywhere; the hash lives only in the cache.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from django.conf import settings

# Words that crawlers, link-preview fetchers, monitors and scripted clients put in their User-Agent.
# "bot" also covers Googlebot, bingbot, DuckDuckBot, YandexBot, Applebot, Twitterbot, GPTBot...
BOT_WORDS = (
    "bot", "crawl", "spider", "slurp", "scrape", "preview", "fetcher", "headless", "phantomjs",
    "lighthouse", "pagespeed", "pingdom", "uptime", "monitor", "facebookexternalhit", "embedly",
    "whatsapp", "telegram", "discord", "skype", "curl", "wget", "python-requests", "python-urllib",
    "httpx", "aiohttp", "go-http-client", "java/", "okhttp", "libwww", "http_request", "node-fetch",
    "axios", "postman", "feed", "rss", "archive", "validator", "scanner",
)


@lru_cache(maxsize=4096)  # a site sees the same few hundred User-Agents over and over
def is_bot(user_agent: str) -> bool:
    """An empty User-Agent is a script; anything naming itself as one of the above is a machine."""
    agent = user_agent.lower()
    return not agent.strip() or any(word in agent for word in BOT_WORDS)


def is_prefetch(request) -> bool:
    """Browsers' speculative loads (link prefetch, prerender) are not a person reading."""
    meta = request.META  # read directly: building request.headers costs more than the whole check
    purpose = f"{meta.get('HTTP_SEC_PURPOSE', '')} {meta.get('HTTP_PURPOSE', '')} {meta.get('HTTP_X_MOZ', '')}"
    return "prefetch" in purpose.lower()


def counts(request) -> bool:
    return request.method == "GET" and not is_prefetch(request) and not is_bot(
        request.META.get("HTTP_USER_AGENT", ""))


def client_address(request) -> str:
    """REMOTE_ADDR, or with ``LOCALWIRE_PROXY_HOPS`` proxies in front, the address the outermost
    trusted proxy saw (X-Forwarded-For is appended to by each proxy, so count from the right)."""
    hops = settings.LOCALWIRE_PROXY_HOPS
    if hops:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(chain) >= hops:
            return chain[-hops]
    return request.META.get("REMOTE_ADDR", "")


def visitor_id(request, salt: bytes) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    seen = f"{client_address(request)}\n{request.META.get('HTTP_USER_AGENT', '')}".encode()
    return "h" + hashlib.blake2b(seen, key=salt[:64], digest_size=12).hexdigest()
