"""The advertiser's campaign dashboards and summary, and the operator's revenue page, with their CSV files.

The views read the range from the query string, ask ``reports`` and ``revenue`` for the figures and
``publishers.charts`` for the pictures (server-drawn SVG, each with a table of the same figures
beside it), and shape the answer; nothing here counts or computes money.

Who may look: a campaign's dashboard and CSV belong to the advertiser account's owner — anyone else
signed in gets a 404, as if it did not exist, and a signed-out visitor is sent to sign in. Revenue is
for the site's operators (``is_staff``); anyone else signed in gets the site's plain 403, as the
moderation pages do.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_DOWN

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from localwire.ads import report_csv
from localwire.ads.models import ZERO
from localwire.ads.money import CENT, shown
from localwire.ads.reports import (DEFAULT_DAYS, MAX_DAYS, RangeError, advertiser_summary, budget_left,
                                   campaign_range, campaign_report, delivery_status, own_advertiser,
                                   owned_campaign)
from localwire.ads.revenue import revenue
from localwire.publishers.analytics import day_range
from localwire.publishers.charts import Chart, bar_chart

PRESETS = (7, 30, 90, 365)  # quick ranges each page offers, in days up to today


def _operator(request) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


def _when(day) -> str:
    return f"{day.day} {day:%b %Y}"


def _cents(amount):
    """Money for a chart or table cell: down to the cent, as ``money.shown`` rounds spend."""
    return amount.quantize(CENT, rounding=ROUND_DOWN)


def _percent(share: float) -> str:
    return f"{share * 100:.2f} %"


def _series(days: list[dict], name: str, money: bool = False) -> list[tuple]:
    """(day, figure) pairs for one chart and its table; money down to the cent, counts as they are."""
    return [(d["date"], _cents(d[name]) if money else d[name]) for d in days]


def _bars(ident: str, title: str, summary: str, points: list[tuple], unit: str):
    return bar_chart(Chart(ident, title, summary), [(_when(day), value) for day, value in points], unit)


def _presets(today) -> list[dict]:
    return [{"days": n, "since": (today - timedelta(days=n - 1)).isoformat(), "until": today.isoformat()}
            for n in PRESETS]


def _range_context(since, until, error: str) -> dict:
    return {"since": since, "until": until, "error": error, "presets": _presets(timezone.localdate()),
            "max_days": MAX_DAYS, "default_days": DEFAULT_DAYS,
            "range_query": f"since={since.isoformat()}&until={until.isoformat()}",
            "currency": settings.LOCALWIRE_ADS_CURRENCY}


def _csv_response(rows: list[list], name: str) -> HttpResponse:
    response = HttpResponse(report_csv.to_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _bad_range(exc: RangeError) -> HttpResponse:
    return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")


def _campaign_charts(report: dict, currency: str) -> list[dict]:
    span = f"{_when(report['since'])} to {_when(report['until'])}"
    totals, days = report["totals"], report["days"]
    sections = [
        ("impressions", "Impressions", "Impressions per day", f"{totals['impressions']:,} impressions from {span}.",
         "impressions", False),
        ("clicks", "Clicks", "Clicks per day", f"{totals['clicks']:,} clicks from {span}.", "clicks", False),
        ("spend", "Spend", f"Spend per day ({currency})", f"{shown(totals['spend'])} spent from {span}.",
         currency, True),
    ]
    charts = []
    for name, heading, title, summary, unit, money in sections:
        points = _series(days, name, money)
        charts.append({"id": f"chart-{name}", "heading": heading, "caption": title, "unit": unit, "rows": points,
                       "svg": _bars(f"chart-{name}", title, summary, points, unit)})
    return charts


@require_GET
@never_cache
@login_required
def campaign_report_page(request, campaign_id: int):
    """The dashboard: the range form, totals, budget left, delivery status and three charts."""
    campaign = owned_campaign(request.user, campaign_id)
    error = ""
    try:
        since, until = campaign_range(campaign, request.GET.get("since"), request.GET.get("until"))
    except RangeError as exc:
        error = str(exc)
        since, until = campaign_range(campaign, None, None)
    report = campaign_report(campaign, since, until)
    left = budget_left(campaign)
    currency = settings.LOCALWIRE_ADS_CURRENCY
    advertiser = campaign.advertiser
    return render(request, "ads/report.html", {
        **_range_context(since, until, error), "campaign": campaign, "report": report, "left": left,
        "status": delivery_status(campaign), "charts": _campaign_charts(report, currency),
        "ctr": _percent(report["totals"]["ctr"]), "spend": shown(report["totals"]["spend"]),
        "budget_total": shown(campaign.budget_total), "total_left": shown(left["total"]),
        "budget_daily": shown(campaign.budget_daily) if campaign.budget_daily is not None else "",
        "daily_left": shown(left["daily"]) if left["daily"] is not None else "",
        "balance_free": shown(max(advertiser.balance - advertiser.held, ZERO)),
    }, status=400 if error else 200)


@require_GET
@never_cache
@login_required
def campaign_report_csv(request, campaign_id: int):
    """date, impressions, clicks, spend for every day of ``?since=&until=`` (the dashboard's default)."""
    campaign = owned_campaign(request.user, campaign_id)
    try:
        since, until = campaign_range(campaign, request.GET.get("since"), request.GET.get("until"))
    except RangeError as exc:
        return _bad_range(exc)
    report = campaign_report(campaign, since, until)
    return _csv_response(report_csv.campaign_rows(report),
                         report_csv.filename(f"campaign-{campaign.pk}", report))


def _summary_range(request) -> tuple:
    try:
        since, until = day_range(request.GET.get("since"), request.GET.get("until"))
        return since, until, ""
    except RangeError as exc:
        since, until = day_range(None, None)
        return since, until, str(exc)


@require_GET
@never_cache
@login_required
def advertiser_reports_page(request):
    """All of my campaigns side by side over one range, each linking to its dashboard."""
    advertiser = own_advertiser(request.user)
    since, until, error = _summary_range(request)
    summary = advertiser_summary(advertiser, since, until)
    for row in summary["campaigns"]:
        row["ctr_shown"], row["spend_shown"] = _percent(row["ctr"]), shown(row["spend"])
    return render(request, "ads/reports.html", {
        **_range_context(since, until, error), "advertiser": advertiser, "summary": summary,
        "ctr": _percent(summary["totals"]["ctr"]), "spend": shown(summary["totals"]["spend"]),
    }, status=400 if error else 200)


@require_GET
@never_cache
@login_required
def advertiser_reports_csv(request):
    advertiser = own_advertiser(request.user)
    try:
        since, until = day_range(request.GET.get("since"), request.GET.get("until"))
    except RangeError as exc:
        return _bad_range(exc)
    summary = advertiser_summary(advertiser, since, until)
    return _csv_response(report_csv.summary_rows(summary), report_csv.filename("campaigns", summary))


def _revenue_charts(data: dict, currency: str) -> list[dict]:
    span = f"{_when(data['since'])} to {_when(data['until'])}"
    totals, days = data["totals"], data["days"]
    revenue_points = _series(days, "revenue", money=True)
    impression_points = _series(days, "impressions")
    return [
        {"id": "chart-revenue", "heading": "Revenue", "caption": f"Revenue per day ({currency})", "unit": currency,
         "rows": revenue_points, "svg": _bars("chart-revenue", f"Revenue per day ({currency})",
                                              f"{shown(totals['revenue'])} of ads delivered from {span}.",
                                              revenue_points, currency)},
        {"id": "chart-impressions", "heading": "Impressions", "caption": "Impressions per day",
         "unit": "impressions", "rows": impression_points,
         "svg": _bars("chart-impressions", "Impressions per day", f"{totals['impressions']:,} impressions from {span}.",
                      impression_points, "impressions")},
    ]


@require_GET
@never_cache
@login_required
def revenue_page(request):
    """Revenue, settled charges and credits added, per day and per advertiser: operators only."""
    _operator(request)
    since, until, error = _summary_range(request)
    data = revenue(since, until)
    currency = settings.LOCALWIRE_ADS_CURRENCY
    for row in data["advertisers"]:
        row["shown"] = {name: shown(row[name]) for name in ("revenue", "charged", "credited", "balance")}
    for day in data["days"]:
        day["shown"] = {name: _cents(day[name]) for name in ("revenue", "charged", "credited")}
    return render(request, "ads/revenue.html", {
        **_range_context(since, until, error), "data": data, "charts": _revenue_charts(data, currency),
        "totals_shown": {name: shown(data["totals"][name]) for name in ("revenue", "charged", "credited")},
    }, status=400 if error else 200)


@require_GET
@never_cache
@login_required
def revenue_csv(request):
    """``?table=days`` (the default) or ``advertisers``, over ``?since=&until=``: operators only."""
    _operator(request)
    table = request.GET.get("table") or "days"
    if table not in report_csv.REVENUE_TABLES:
        return HttpResponseBadRequest(f"table must be one of {', '.join(report_csv.REVENUE_TABLES)}.",
                                      content_type="text/plain; charset=utf-8")
    try:
        since, until = day_range(request.GET.get("since"), request.GET.get("until"))
    except RangeError as exc:
        return _bad_range(exc)
    data = revenue(since, until)
    name = "ads-revenue" if table == "days" else "ads-revenue-advertisers"
    return _csv_response(report_csv.revenue_rows(data, table), report_csv.filename(name, data))
