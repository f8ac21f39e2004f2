"""Ad slots are filled per request, after any page cache.

Anonymous pages are kept whole for a while (``caching/pages.py``); an ad baked into a kept page
would be shown to every visitor and counted once. So a page's template only leaves a *marker* where
an ad may go — an HTML comment naming the placement and what the page around it is about:

    <!--lw-ad article a=123-->            after an article's body
    <!--lw-ad channel w=li c=45-->        between a channel's cards (``w=li``: wrap it as a card)
    <!--lw-ad home w=li ids=1,2,3-->      between cards: the articles around the slot

``AdSlotsMiddleware`` sits after the page cache (the cache is a view decorator, so the middleware
sees kept pages and fresh ones alike), finds the markers in an HTML response, decides each slot
and puts the ad there, or nothing. No marker ever reaches a reader: with ads off, for bots and
link previews, or when a slot has no ad, the marker is simply taken out. The middleware sets no
cookie and no header, so a page stays as shareable as it was.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from localwire.ads import context as page_context
from localwire.ads import decide
from localwire.ads.creative import PLACEMENTS
from localwire.metrics.visitors import counts

log = logging.getLogger(__name__)

START = b"<!--lw-ad "
END = b"-->"
MARKER = re.compile(rb"<!--lw-ad ([a-z-]+)((?: [a-z]+=[0-9a-z,]*)*)-->")
MAX_IDS = 12
MAX_SLOTS = 6  # a page asking for more gets its first six filled


@dataclass(frozen=True)
class Slot:
    placement: str
    wrap: str = ""  # "li" between cards
    article: int | None = None
    channel: int | None = None
    ids: tuple[int, ...] = ()


def marker(slot: Slot) -> str:
    """The comment a template leaves for ``slot``; only digits, commas and known words in it."""
    if slot.placement not in PLACEMENTS:
        raise ValueError(f"unknown ad placement {slot.placement!r}")
    parts = [slot.placement]
    if slot.wrap:
        parts.append(f"w={slot.wrap}")
    if slot.article is not None:
        parts.append(f"a={int(slot.article)}")
    if slot.channel is not None:
        parts.append(f"c={int(slot.channel)}")
    if slot.ids:
        parts.append("ids=" + ",".join(str(int(i)) for i in slot.ids[:MAX_IDS]))
    return f"<!--lw-ad {' '.join(parts)}-->"


def parse(match: re.Match) -> Slot | None:
    placement = match.group(1).decode()
    if placement not in PLACEMENTS:
        return None
    fields = dict(part.split(b"=", 1) for part in match.group(2).split())
    try:
        ids = tuple(int(i) for i in fields.get(b"ids", b"").split(b",") if i)[:MAX_IDS]
        article = int(fields[b"a"]) if fields.get(b"a") else None
        channel = int(fields[b"c"]) if fields.get(b"c") else None
    except ValueError:
        return None
    wrap = "li" if fields.get(b"w") == b"li" else ""
    return Slot(placement, wrap, article, channel, ids)


def slot_context(request, slot: Slot) -> page_context.PageContext:
    local = page_context.local_city(request, slot.placement)
    if slot.article is not None:
        return page_context.for_article(slot.article, local)
    if slot.channel is not None:
        return page_context.for_channel(slot.channel, local)
    return page_context.for_articles(slot.placement, slot.ids, local)


def render_ad(ad, wrap: str = "") -> bytes:
    """The ad's markup; what it shows does not depend on its price, so each is rendered once."""
    return _rendered(replace(ad, price_micros=0), wrap)


@lru_cache(maxsize=1024)
def _rendered(ad, wrap: str) -> bytes:
    html = render_to_string("ads/_ad.html", {"ad": ad})
    if wrap == "li":
        html = f'<li class="cards__ad">{html}</li>'
    return html.encode()


def fill(request, content: bytes) -> bytes:
    """The page with each marker replaced by its ad, or by nothing."""
    serve = settings.LOCALWIRE_ADS and counts(request)
    now = timezone.now()
    taken: list[int] = []
    filled = [0]

    def fill_slot(match: re.Match) -> bytes:
        if not serve or filled[0] >= MAX_SLOTS:
            return b""
        filled[0] += 1
        slot = parse(match)
        if slot is None:
            return b""
        try:
            ad = decide.choose(request, slot_context(request, slot), now, taken=taken)
        except Exception:  # an ad must never break the page around it
            log.exception("could not fill an ad slot")
            return b""
        if ad is None:
            return b""
        taken.append(ad.campaign_id)
        return render_ad(ad, slot.wrap)

    content = MARKER.sub(fill_slot, content)
    if START in content:  # anything that looked like a marker but was not one: out
        content = re.sub(rb"<!--lw-ad .*?-->", b"", content, flags=re.S)
    return content


class AdSlotsMiddleware:
    """Fills the ad slots of HTML pages; list it last in MIDDLEWARE so it runs on the view's
    response first (before Content-Length is set) with ``request.user`` known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "streaming", False) or "text/html" not in response.get("Content-Type", ""):
            return response
        content = response.content
        if content.find(START) < 0:
            return response
        response.content = fill(request, content)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
