"""A campaign's fields as an advertiser sends them (the API's JSON or the form), checked one by one.

Each ``clean_*`` returns model field values or raises ``Refused`` naming the field, so the API
and the pages refuse the same things with the same words. Money goes through
``money.parse_amount``: "12.50" or 12 are taken; a JSON number with a fraction (12.5) is
refused, since a float is not an exact amount.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from localwire.ads.accounts import Refused, plain_text, web_address
from localwire.ads.money import BadAmount, parse_amount

LIMITS = {"headline": 90, "body": 200, "brand": 60, "cta": 30}
WORDS = {"headline": "The headline", "body": "The body", "brand": "The brand", "cta": "The call to action"}
MAX_NAME = 100
CAP_DEFAULT, CAP_MIN, CAP_MAX = 3, 1, 20


def clean_name(value) -> str:
    return plain_text(value, "name", "The campaign's name", MAX_NAME)


def clean_creative(data) -> dict:
    """The ad's words and addresses: plain text, within their lengths."""
    if not isinstance(data, dict):
        raise Refused("The creative must be an object with headline, body, brand, cta and landing_url.",
                      "creative")
    fields = {name: plain_text(data.get(name), f"creative.{name}", WORDS[name], limit, required=name != "body")
              for name, limit in LIMITS.items()}
    fields["landing_url"] = web_address(data.get("landing_url"), "creative.landing_url", "The landing URL")
    fields["image_url"] = web_address(data.get("image_url"), "creative.image_url", "The image URL",
                                      required=False)
    return fields


def _moment(value, field: str, what: str, *, end: bool) -> datetime:
    """An ISO date (local midnight; for an end, the last second of that day) or datetime
    (local time when it names no zone)."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise Refused(f"{what} is required: a date such as 2026-12-24 or a date and time.", field)
    try:
        if len(text) <= 10:
            day = date.fromisoformat(text)
            moment = datetime.combine(day, time.max.replace(microsecond=0) if end else time.min)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise Refused(f"{what} must be a date such as 2026-12-24 or a date and time such as "
                      f"2026-12-24T08:00, not “{text[:40]}”.", field) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def clean_schedule(data, now: datetime | None = None, stored_end: datetime | None = None) -> dict:
    """Start before end, and an end in the future unless it is the one already stored (an
    ended campaign's other fields may still be edited)."""
    if not isinstance(data, dict):
        raise Refused("The schedule must be an object with start and end.", "schedule")
    start = _moment(data.get("start"), "schedule.start", "The start", end=False)
    end = _moment(data.get("end"), "schedule.end", "The end", end=True)
    if end <= start:
        raise Refused("The end must come after the start.", "schedule.end")
    if end <= (now or timezone.now()) and end != stored_end:
        raise Refused("The end must be in the future.", "schedule.end")
    return {"start_at": start, "end_at": end}


def amount(value, field: str, what: str) -> Decimal:
    try:
        return parse_amount(value, what)
    except BadAmount as exc:
        message = str(exc)
        raise Refused(message[0].upper() + message[1:] + ".", field) from None


def clean_budget(data, committed: Decimal = Decimal(0)) -> dict:
    """Total ≥ daily > 0; a total may not go below what is already committed."""
    if not isinstance(data, dict):
        raise Refused("The budget must be an object with total and optionally daily.", "budget")
    total = amount(data.get("total"), "budget.total", "the total budget")
    daily = data.get("daily")
    daily = None if daily in (None, "") else amount(daily, "budget.daily", "the daily budget")
    if daily is not None and daily > total:
        raise Refused("The daily budget cannot be more than the total.", "budget.daily")
    if total < committed:
        raise Refused(f"The total cannot go below {committed.quantize(Decimal('0.01'))}, which this "
                      "campaign has already committed or spent.", "budget.total")
    return {"budget_total": total, "budget_daily": daily}


def floor_cpm() -> Decimal:
    return Decimal(settings.LOCALWIRE_ADS_FLOOR_CPM)


def clean_bid(value) -> Decimal:
    bid = amount(value, "bid_cpm", "the bid per thousand impressions")
    if bid < floor_cpm():
        raise Refused(f"The bid per thousand impressions must be at least {floor_cpm()} "
                      f"{settings.LOCALWIRE_ADS_CURRENCY}.", "bid_cpm")
    return bid


def clean_cap(value) -> int:
    if value is None or value == "":
        return CAP_DEFAULT
    try:
        cap = int(value) if isinstance(value, int | str) and not isinstance(value, bool) else None
    except ValueError:
        cap = None
    if cap is None or not CAP_MIN <= cap <= CAP_MAX:
        raise Refused(f"The frequency cap is a whole number of impressions per reader per day, "
                      f"from {CAP_MIN} to {CAP_MAX}.", "frequency_cap")
    return cap
