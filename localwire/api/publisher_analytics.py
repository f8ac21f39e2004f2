"""``/api/v1/me/publishers/{slug}/analytics``: a managed publisher's audience, as the portal shows it.

Only the publisher's managers get an answer; to anyone else it is a 404, as the portal is
(``publishers.access``). The figures are ``publishers.analytics.audience``'s, shaped here.
"""

from __future__ import annotations

from datetime import date

from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from localwire.api.auth import READER
from localwire.api.schemas import ErrorOut
from localwire.publishers.access import managed_publisher
from localwire.publishers.analytics import RangeError, audience, day_range

router = Router(auth=READER, tags=["publishers"])


class DayOut(Schema):
    date: date
    views: int  # counted article page views that local day
    followers: int  # followers at the end of that day (readers who unfollowed since are in no day)
    posts: int  # articles published that local day


class TopArticleOut(Schema):
    id: int
    title: str
    views: int
    url: str  # the article's page on this site


class ChannelReadersOut(Schema):
    channel: str  # "<kind>/<slug>", as /api/v1/channels/{kind}/{slug} takes it
    kind: str
    name: str
    url: str
    readers: int  # how many of the publisher's followers follow it (never fewer than 3)


class TotalsOut(Schema):
    views: int
    posts: int
    followers: int  # at the end of the range
    followers_gained: int  # over the range, net of none: unfollows leave no trace


class AnalyticsOut(Schema):
    since: date
    until: date
    days: list[DayOut]  # every day of the range, oldest first, zeros included
    top_articles: list[TopArticleOut]  # the ten most viewed in the range
    sources: dict[str, int]  # views by where readers came from: home, for_you, local, search, channel, …
    channels: list[ChannelReadersOut]
    totals: TotalsOut


@router.get("/me/publishers/{slug}/analytics", response={200: AnalyticsOut, 400: ErrorOut, 404: ErrorOut})
def analytics(request, slug: str, since: str | None = None, until: str | None = None):
    """Views, followers and posts per local day from `since` to `until` (YYYY-MM-DD, both included;
    the last 30 days by default, at most 366), the top articles, views by source and the channels
    the publisher's followers follow most. 400 for a bad or too long range; 404 unless you manage it."""
    try:
        publisher = managed_publisher(request.auth, slug)
    except Http404 as exc:
        raise HttpError(404, str(exc)) from None
    try:
        first, last = day_range(since, until)
    except RangeError as exc:
        raise HttpError(400, str(exc)) from None
    return audience(publisher, first, last)
