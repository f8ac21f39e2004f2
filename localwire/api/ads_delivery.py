"""``/api/v1/ads`` (ads for an app's slots) and ``/api/v1/me/ad-hides`` (a reader's hidden ads).

``GET /ads`` needs no sign-in: an app asks for the ads of what it shows, by placement and the
page's subject, exactly as the site's own slots are chosen (``ads.decide``). A bearer token or the
site's session makes it leave out what that reader hid. Each ad returned is an impression counted
and paid for, so an app asks when it shows the slot, not ahead. Clients the site counts as bots
(``metrics.visitors``) get no ads.
"""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema, Status
from ninja.errors import HttpError

from localwire.ads import context as page_context
from localwire.ads import hiding
from localwire.ads.creative import PLACEMENTS
from localwire.ads.decide import choose_many
from localwire.api.auth import READER, BearerToken
from localwire.api.schemas import ErrorOut
from localwire.channels.models import Channel

router = Router(auth=READER, tags=["advertising"])
MAX_ADS = 3
MAX_IDS = 30


class AdOut(Schema):
    id: int  # the campaign
    headline: str
    body: str
    brand: str
    cta: str
    image_url: str  # absolute, through this site's image proxy; "" without an image
    click_url: str  # absolute and signed: open it on a tap, never the advertiser's page directly
    label: str  # "Sponsored": show it with the advertiser's name
    reason: str  # "Shown on news about Little Rock"
    advertiser: str
    why_url: str  # absolute: the "Why this ad?" page


class AdsOut(Schema):
    ads: list[AdOut]


class HideIn(Schema):
    campaign: int | None = None
    advertiser: int | None = None


class HideOut(Schema):
    id: int
    campaign: int | None
    advertiser: int | None
    description: str  # 'The ad "Fresh bread" from Corner Bakery', 'Every ad from Corner Bakery'
    created_at: datetime


class HidesOut(Schema):
    hides: list[HideOut]


@router.get("/ads", auth=None, response={200: AdsOut, 400: ErrorOut, 404: ErrorOut})
def ads(request, placement: str, article_id: int | None = None, channel: str = "", article_ids: str = "",
        place: str = "", count: int = 1):
    """Ads for ``placement`` (home, article, channel, for-you, local): ``article_id`` for an
    article, ``channel=kind/slug`` for a channel, ``article_ids=1,2,3`` (the articles around the
    slot) for the lists, ``place`` (a Local pick: city slug or geonames:ID) for local; ``count``
    slots, 1 to 3."""
    if placement not in PLACEMENTS:
        raise HttpError(400, f"placement must be one of: {', '.join(PLACEMENTS)}.")
    if not 1 <= count <= MAX_ADS:
        raise HttpError(400, f"count must be 1 to {MAX_ADS}.")
    request.auth = _reader(request)
    context = _context(request, placement, article_id, channel, article_ids, place)
    return {"ads": [_ad_out(request, ad) for ad in choose_many(request, context, count)]}


def _reader(request):
    """A bearer token's reader or the session's; None for anyone else (the operation's auth is off)."""
    user = BearerToken()(request)
    if user is None and request.user.is_authenticated:
        user = request.user
    return user


def _context(request, placement: str, article_id, channel: str, article_ids: str, place: str):
    if place:
        local = page_context.picked_place(place[:120], may_load=placement == "local")
    else:
        local = page_context.local_city(request, placement, user=request.auth)
    if placement == "article":
        if article_id is None:
            raise HttpError(400, "placement=article needs article_id.")
        return page_context.for_article(article_id, local)
    if placement == "channel":
        kind, _, slug = channel.partition("/")
        found = Channel.objects.filter(kind=kind, slug=slug).values_list("pk", flat=True).first() if slug else None
        if found is None:
            raise HttpError(404 if slug else 400, "No such channel." if slug else "placement=channel needs "
                                                                             "channel=kind/slug.")
        return page_context.for_channel(found, local)
    try:
        ids = [int(part) for part in article_ids.split(",") if part.strip()][:MAX_IDS]
    except ValueError:
        raise HttpError(400, "article_ids is a list of article ids: 1,2,3.") from None
    return page_context.for_articles(placement, ids, local)


def _ad_out(request, ad) -> dict:
    absolute = request.build_absolute_uri
    return {"id": ad.campaign_id, "headline": ad.headline, "body": ad.body, "brand": ad.brand, "cta": ad.cta,
            "image_url": absolute(ad.image_url) if ad.image_url else "", "click_url": absolute(ad.click_url),
            "label": ad.label, "reason": ad.reason, "advertiser": ad.advertiser, "why_url": absolute(ad.why_url)}


@router.get("/me/ad-hides", response={200: HidesOut})
def list_hides(request):
    return {"hides": [_hide_out(row) for row in hiding.hides_of(request.auth)]}


@router.post("/me/ad-hides", response={200: HideOut, 201: HideOut, 400: ErrorOut, 404: ErrorOut})
def add_hide(request, data: HideIn):
    """Hide one campaign (``campaign``) or every ad of an advertiser (``advertiser``); 201 when new,
    200 when it was hidden already."""
    if (data.campaign is None) == (data.advertiser is None):
        raise HttpError(400, "Send either campaign or advertiser.")
    try:
        row, created = hiding.hide(request.auth, campaign_id=data.campaign, advertiser_id=data.advertiser)
    except hiding.NothingToHide as exc:
        raise HttpError(404, str(exc)) from None
    row = next(r for r in hiding.hides_of(request.auth) if r.pk == row.pk)
    return Status(201 if created else 200, _hide_out(row))


@router.delete("/me/ad-hides/{hide_id}", response={204: None, 404: ErrorOut})
def delete_hide(request, hide_id: int):
    if not hiding.show_again(request.auth, hide_id):
        raise HttpError(404, "No such hidden ad.")
    return Status(204, None)


def _hide_out(row) -> dict:
    return {"id": row.pk, "campaign": row.campaign_id, "advertiser": row.advertiser_id,
            "description": hiding.described(row), "created_at": row.created_at}
