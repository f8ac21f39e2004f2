"""What Local reads from the tables: the articles filed under places around a home, tier by tier
(the home city, nearby towns, the rest of the state, the rest of the country), each tier as far
back as ``ranking.MAX_AGE`` allows, and only as many tiers as it takes to fill a page.

For you draws from the newest few hundred articles of the whole site; Local cannot, or a small
city's week-old news would lose to the rest of the world's last hour.
"""

from __future__ import annotations

import math

from django.db.models import Q

from localwire.articles.models import Article
from localwire.channels.models import ArticleChannel, Channel
from localwire.community import ranking
from localwire.community.ranking import CITY, COUNTRY, MAX_AGE, NEARBY, REGION, Home, distance_km
from localwire.stories.queries import fold_copies

PER_TIER = 400  # newest articles read per tier
TOWNS = (Channel.Kind.CITY, Channel.Kind.COUNTY)
PLACES = (*TOWNS, Channel.Kind.REGION, Channel.Kind.COUNTRY)


def article_ids(home: Home, now, enough: int) -> list[int]:
    """Ids of articles to rank for Local, closest tier first, stopping once ``enough`` are read."""
    ids: list[int] = []
    for tier, channels in _tiers(home):
        if len(ids) >= enough:
            break
        ids += _newest_under(channels, now - MAX_AGE[tier], exclude=ids)
    return ids


def _tiers(home: Home):
    """(tier, channel filter) pairs, closest first."""
    city, near = _towns_around(home)
    yield CITY, Q(pk__in=city)
    yield NEARBY, Q(pk__in=near)
    if home.region.partition(".")[2]:
        yield REGION, Q(kind__in=PLACES, country_code=home.country, admin1_code=home.region.partition(".")[2])
    if home.country:
        yield COUNTRY, Q(kind__in=PLACES, country_code=home.country)


def _towns_around(home: Home) -> tuple[list[int], list[int]]:
    """Town and county channels that are the home city, and those within ``NEARBY_KM`` of it
    (a box read by index, then measured)."""
    dlat = ranking.NEARBY_KM / 111.0
    dlon = dlat / max(math.cos(math.radians(home.lat)), 0.05)
    rows = Channel.objects.filter(kind__in=TOWNS, lat__range=(home.lat - dlat, home.lat + dlat),
                                  lon__range=(home.lon - dlon, home.lon + dlon)).values_list("pk", "name", "lat", "lon")
    city, near = [], []
    for pk, name, lat, lon in rows:
        km = distance_km(home.lat, home.lon, lat, lon)
        if km <= ranking.IN_TOWN_KM or (name == home.name and km <= ranking.SAME_TOWN_KM):
            city.append(pk)
        elif km <= ranking.NEARBY_KM:
            near.append(pk)
    return city, near


def _newest_under(channels: Q, since, exclude: list[int]) -> list[int]:
    linked = ArticleChannel.objects.filter(channel__in=Channel.objects.filter(channels)).values("article_id")
    return list(fold_copies(Article.objects.filter(pk__in=linked, published_at__gte=since))
                .exclude(pk__in=exclude).order_by("-published_at", "-pk").values_list("pk", flat=True)[:PER_TIER])
