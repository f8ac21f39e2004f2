"""The operator's view of advertising money over a range of local days: per day, per advertiser, in all.

Three different sums, because they answer different questions:

- ``revenue``: what delivered ads cost, as counted (``CampaignDay.spend``) — money earned;
- ``charged``: how much of that is already settled into the ledger (``CampaignDay.charged``);
  the gap is counted spend that the next settlement moves out of the advertisers' balances;
- ``credited``: prepaid money operators added in the range (credit ledger entries by their local
  day) — money received, which is not yet revenue.

Each sum is one grouped query; an advertiser is listed when anything of theirs moved in the range.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from localwire.ads.models import ZERO, Advertiser, CampaignDay, LedgerEntry
from localwire.ads.money import exact
from localwire.ads.reports import ctr, days_between
from localwire.publishers.analytics import day_range

MONEY_FIELDS = ("revenue", "charged", "credited")


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _delivered(since: date, until: date, group: str) -> dict:
    """Impressions, clicks, revenue and charged money grouped by ``day`` or advertiser."""
    rows = (CampaignDay.objects.filter(day__range=(since, until)).values(group)
            .annotate(impressions=Sum("impressions"), clicks=Sum("clicks"), revenue=Sum("spend"),
                      charged=Sum("charged")))
    return {row[group]: row for row in rows}


def _credits(since: date, until: date, group: str) -> dict:
    """Credit entries added from ``since`` to ``until`` (local days), summed by day or advertiser."""
    entries = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.CREDIT, created_at__gte=_start_of(since),
                                         created_at__lt=_start_of(until + timedelta(days=1)))
    if group == "day":  # the entry's own ``day`` field is the day a spend charges, not when it was added
        group = "local_day"
        entries = entries.annotate(local_day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
    rows = entries.order_by().values(group).annotate(credited=Sum("amount")).values_list(group, "credited")
    return dict(rows)


def _figures(row: dict | None, credited) -> dict:
    row = row or {}
    impressions, clicks = row.get("impressions") or 0, row.get("clicks") or 0
    return {"impressions": impressions, "clicks": clicks, "ctr": ctr(clicks, impressions),
            "revenue": exact(row.get("revenue")), "charged": exact(row.get("charged")),
            "credited": exact(credited)}


def _advertisers(since: date, until: date) -> list[dict]:
    delivered = _delivered(since, until, "campaign__advertiser_id")
    credits = _credits(since, until, "advertiser_id")
    ids = set(delivered) | set(credits)
    rows = []
    for advertiser in Advertiser.objects.filter(pk__in=ids).only("name", "balance", "status"):
        figures = _figures(delivered.get(advertiser.pk), credits.get(advertiser.pk))
        rows.append({"id": advertiser.pk, "name": advertiser.name, "status": advertiser.status,
                     "balance": exact(advertiser.balance), **figures})
    rows.sort(key=lambda row: (-row["revenue"], row["name"].lower(), row["id"]))
    return rows


def revenue(since: date, until: date) -> dict:
    """``{"since", "until", "days": [{date, revenue, charged, credited, impressions, clicks, ctr}],
    "advertisers": [{id, name, status, balance, revenue, charged, credited, impressions, clicks, ctr}],
    "totals": {revenue, charged, credited, impressions, clicks, ctr}}``, every day of the range listed
    (zeros too), advertisers by revenue, most first. Raises ``RangeError`` for a bad range."""
    day_range(since, until)  # raises RangeError for a backwards or too long range
    delivered = _delivered(since, until, "day")
    credits = _credits(since, until, "day")
    days = [{"date": day, **_figures(delivered.get(day), credits.get(day))} for day in days_between(since, until)]
    impressions = sum(d["impressions"] for d in days)
    clicks = sum(d["clicks"] for d in days)
    totals = {name: exact(sum((d[name] for d in days), ZERO)) for name in MONEY_FIELDS}
    totals.update(impressions=impressions, clicks=clicks, ctr=ctr(clicks, impressions))
    return {"since": since, "until": until, "days": days, "advertisers": _advertisers(since, until),
            "totals": totals}
