"""The portal's Audience tab (``/portal/<slug>/``) and its CSV files: managers only.

The views read the range from the query string, ask ``analytics.audience`` for the figures and
``charts`` for the pictures, and shape the answer; nothing here counts or computes. Reading figures
changes nothing, so it is not an action for the audit log. A signed-out visitor is sent to sign in;
a signed-in reader who does not manage the publisher gets the portal's 404 (``access``).
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from localwire.metrics.sources import LABELS
from localwire.publishers import audience_csv
from localwire.publishers.access import managed_publisher
from localwire.publishers.analytics import DEFAULT_DAYS, MAX_DAYS, RangeError, audience, audience_table, day_range
from localwire.publishers.charts import Chart, bar_chart, line_chart, share_chart

PRESETS = (7, 30, 90, 365)  # quick ranges the page offers, in days up to today


def _when(day) -> str:
    return f"{day.day} {day:%b %Y}"


def _charts(data: dict) -> dict:
    days = data["days"]
    span = f"{_when(data['since'])} to {_when(data['until'])}"
    points = {series: [(_when(d["date"]), d[series]) for d in days] for series in ("views", "followers", "posts")}
    totals = data["totals"]
    sources = [(LABELS.get(name, name), views) for name, views in data["sources"].items()]
    return {
        "views": bar_chart(Chart("chart-views", "Views per day", f"{totals['views']:,} views from {span}."),
                           points["views"], "views"),
        "followers": line_chart(Chart("chart-followers", "Followers at the end of each day",
                                      f"{totals['followers']:,} followers on {_when(data['until'])}, "
                                      f"{totals['followers_gained']:+,} over the range."),
                                points["followers"], "followers"),
        "posts": bar_chart(Chart("chart-posts", "Articles published per day",
                                 f"{totals['posts']:,} articles published from {span}."), points["posts"], "articles"),
        "sources": share_chart(Chart("chart-sources", "Where views came from",
                                     f"Views from {span} by the page readers came from."), sources, "views"),
    }


def _presets(today) -> list[dict]:
    return [{"days": n, "since": (today - timedelta(days=n - 1)).isoformat(), "until": today.isoformat()}
            for n in PRESETS]


@require_GET
@never_cache
@login_required
def audience_page(request, slug: str):
    publisher = managed_publisher(request.user, slug)
    error = ""
    try:
        since, until = day_range(request.GET.get("since"), request.GET.get("until"))
    except RangeError as exc:
        error = str(exc)
        since, until = day_range(None, None)
    data = audience(publisher, since, until)
    sources = [{"name": name, "label": LABELS.get(name, name), "views": views}
               for name, views in data["sources"].items()]
    return render(request, "publishers/portal_audience.html", {
        "publisher": publisher, "portal_tab": "audience", "data": data, "charts": _charts(data),
        "sources": sources, "error": error, "presets": _presets(timezone.localdate()),
        "max_days": MAX_DAYS, "default_days": DEFAULT_DAYS,
        "range_query": f"since={data['since']}&until={data['until']}",
    }, status=400 if error else 200)


@require_GET
@never_cache
@login_required
def audience_csv_file(request, slug: str):
    """``?table=days`` (the default), ``top``, ``sources`` or ``channels``, over ``?since=&until=``."""
    publisher = managed_publisher(request.user, slug)
    table = request.GET.get("table") or "days"
    if table not in audience_csv.TABLES:
        return HttpResponseBadRequest(f"table must be one of {', '.join(audience_csv.TABLES)}.",
                                      content_type="text/plain; charset=utf-8")
    try:
        since, until = day_range(request.GET.get("since"), request.GET.get("until"))
    except RangeError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    data = audience_table(publisher, since, until, table)
    response = HttpResponse(audience_csv.to_csv(audience_csv.rows(data, table)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{audience_csv.filename(publisher.slug, table, data)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
