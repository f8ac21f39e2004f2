"""A second-price auction over the campaigns that fit a slot.

The highest CPM bid wins and pays the next bid plus one cent, never more than its own bid and
never less than the floor (``LOCALWIRE_ADS_FLOOR_CPM``); alone, it pays the floor. Bidding one's
true value is then the best an advertiser can do. Ties go to the campaign this process showed
fewer times today (so equal bids share the slots), then to chance. A bid under the floor never
takes part.

``ranked`` gives every campaign in the order it would win, each priced against the one after
it: when the first cannot pay now (budget, pacing, balance), the second is tried at the price it
would have cleared at had the first not been there.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings

from localwire.ads.money import to_micros

INCREMENT_MICROS = 10_000  # one cent of CPM


@dataclass(frozen=True)
class Priced:
    campaign: object  # an index.Deliverable (anything with id and bid_micros)
    reason: str
    cpm_micros: int  # the clearing CPM

    @property
    def price_micros(self) -> int:
        """What this one impression costs: a thousandth of the clearing CPM."""
        return self.cpm_micros // 1000


def floor_micros() -> int:
    return to_micros(Decimal(str(settings.LOCALWIRE_ADS_FLOOR_CPM)))


def clearing_price(bid_micros: int, next_bid_micros: int | None, floor: int) -> int:
    """The second price: the next bid plus a cent, capped at the winner's bid, at least the floor."""
    if next_bid_micros is None:
        return floor
    return max(floor, min(bid_micros, next_bid_micros + INCREMENT_MICROS))


def order(entries, day: date, floor: int, rng=random) -> list[tuple]:
    """``entries`` are (campaign, reason) pairs: those bidding at least the floor, in winning order."""
    bidders = [(c, reason) for c, reason in entries if c.bid_micros >= floor]
    shown = shown_today(day, [c.id for c, _ in bidders])
    bidders.sort(key=lambda entry: (-entry[0].bid_micros, shown.get(entry[0].id, 0), rng.random()))
    return bidders


def priced(bidders: Iterable[tuple], floor: int) -> Iterator[Priced]:
    """Each bidder of an ordered sequence priced against the one after it; lazy, so a caller that
    leaves some out as it goes (a frequency cap) reads only as far as it needs."""
    following = iter(bidders)
    current = next(following, None)
    while current is not None:
        after = next(following, None)
        campaign, reason = current
        yield Priced(campaign, reason, clearing_price(campaign.bid_micros, after[0].bid_micros if after else None,
                                                      floor))
        current = after


def ranked(entries, day: date, floor: int | None = None, rng=random) -> list[Priced]:
    """Every bidder in winning order, each priced."""
    floor = floor_micros() if floor is None else floor
    return list(priced(order(entries, day, floor, rng), floor))


# How many impressions this process served each campaign today: enough to share ties fairly.
_lock = threading.Lock()
_shown: dict[int, int] = {}
_shown_day: list[date | None] = [None]


def shown_today(day: date, ids) -> dict[int, int]:
    with _lock:
        if _shown_day[0] != day:
            return {}
        return {i: _shown[i] for i in ids if i in _shown}


def note_shown(day: date, campaign_id: int) -> None:
    with _lock:
        if _shown_day[0] != day:
            _shown.clear()
            _shown_day[0] = day
        _shown[campaign_id] = _shown.get(campaign_id, 0) + 1


def forget() -> None:
    with _lock:
        _shown.clear()
        _shown_day[0] = None
