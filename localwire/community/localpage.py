"""The Local page: news by distance from the reader's home city (profile), or from a city a
visitor picks, by a chip (a city channel with news) or by typing its name.

The pick is remembered for a year in the ``lw_local`` cookie: a city channel's slug, or
``geonames:<id>`` for a town the site has no channel for yet (its news comes from nearby places).
A typed name goes through ``cities.look_up``: one town is taken, several are offered as links,
none is said to be none.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse

from localwire.caching import pages as pagecache
from localwire.channels.models import Channel
from localwire.community.pool import home_of, local_articles
from localwire.nlp import cities

LOCAL_COOKIE = "lw_local"
LOCAL_COOKIE_AGE = 365 * 24 * 3600
GEONAMES = "geonames:"


@pagecache.for_anonymous()
def local(request):
    """News by distance from the reader's home city (profile), or from a city a visitor picks
    (``?place=<city slug>``, ``?city=<a town's name>``), then remembered in a cookie."""
    if request.GET.get("city", "").strip():
        return _find_city(request)
    picked = _picked_home(request)
    profile = getattr(request.user, "profile", None) if request.user.is_authenticated else None
    home = picked or home_of(profile=profile)
    response = _page(request, home, local_articles(request.user, home) if home else [])
    if picked is not None and request.GET.get("place"):
        response.set_cookie(LOCAL_COOKIE, request.GET["place"][:120], max_age=LOCAL_COOKIE_AGE, samesite="Lax",
                            secure=request.is_secure(), httponly=True)
    elif "place" in request.GET:  # "pick another place"
        response.delete_cookie(LOCAL_COOKIE)
    return response


def _page(request, home, articles, match=None):
    slugs = _channel_slugs(match) if match else {}
    return render(request, "community/feed.html", {
        "articles": articles, "feed": "local", "home": home,
        "heading": f"Local: {home.name}" if home else "Local news",
        "cities": [] if home else _cities_with_news(), "match": match,
        "typed": request.GET.get("city", "")[:300],
        "choices": [(c, _local_url(c, slugs)) for c in match.choices] if match else [],
    })


def _find_city(request):
    """A typed town: one → its Local page; several → the page offers them; none → says so."""
    match = cities.look_up(request.GET["city"])
    if match.city is not None:
        return redirect(_local_url(match.city, _channel_slugs(match)))
    return _page(request, None, [], match=match)


def _channel_slugs(match) -> dict[int, str]:
    """City channels of the towns in a look-up, by GeoNames id: a town with a channel is picked by slug."""
    towns = [match.city] if match and match.city else list(match.choices if match else ())
    rows = Channel.objects.filter(kind=Channel.Kind.CITY, code__in=[str(t.geonameid) for t in towns],
                                  lat__isnull=False).values_list("code", "slug")
    return {int(code): slug for code, slug in rows if code.isdigit()}


def _local_url(city, slugs: dict[int, str]) -> str:
    place = slugs.get(city.geonameid) or f"{GEONAMES}{city.geonameid}"
    return f"{reverse('local')}?{urlencode({'place': place})}"


def _picked_home(request):
    """The Home a visitor picked (``?place=`` or the cookie), or None."""
    value = (request.GET["place"] if "place" in request.GET else request.COOKIES.get(LOCAL_COOKIE, ""))[:120]
    if value.startswith(GEONAMES) and value[len(GEONAMES):].isdigit():
        city = cities.by_id(int(value[len(GEONAMES):]))
        return home_of(city=city) if city else None
    channel = Channel.objects.filter(kind=Channel.Kind.CITY, slug=value, lat__isnull=False).first() if value else None
    return home_of(channel=channel) if channel else None


def _cities_with_news(limit: int = 24):
    return (Channel.objects.filter(kind=Channel.Kind.CITY, lat__isnull=False)
            .annotate(n=Count("article_links")).order_by("-n", "name")[:limit])
