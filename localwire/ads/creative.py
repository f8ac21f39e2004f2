"""An ad as a reader gets it: the one shape the page slots, the preview and ``/api/v1/ads`` share."""

from __future__ import annotations

from dataclasses import dataclass

PLACEMENTS = ("home", "article", "channel", "for-you", "local")
LABEL = "Sponsored"


@dataclass(frozen=True)
class ServedAd:
    """Every text is the advertiser's plain text: templates escape it, JSON carries it as text.

    ``image_url`` is already an image-proxy address (never the advertiser's own host), and
    ``click_url`` the signed ``/ad/c/<signed>`` address, never the landing page itself.
    """

    campaign_id: int
    advertiser_id: int
    advertiser: str  # the account's name, shown beside "Sponsored"
    headline: str
    body: str
    brand: str
    cta: str
    image_url: str
    click_url: str
    reason: str  # "Shown on news about Little Rock"
    why_url: str
    label: str = LABEL
    price_micros: int = 0  # what this impression cost (0 in a preview)
