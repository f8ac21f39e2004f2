"""``/search?q=…``: the search page. Filters are GET parameters, so every result page has a URL."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, F
from django.http import Http404
from django.shortcuts import render

from localwire.caching import pages as pagecache
from localwire.caching.results import cached_result
from localwire.channels.models import PLACE_KINDS, ArticleChannel, Channel
from localwire.channels.recent import recent_floor
from localwire.paging import page_number
from localwire.search.query import MAX_QUERY_CHARS, DateError, SearchQuery, Terms, date_bounds, parse_terms
from localwire.search.results import Results, find
from localwire.sources.models import Publisher

PAGE_SIZE = 20
MAX_PAGE = 50  # a thousand results is as deep as anyone reads; deeper offsets only cost the database
PLACE_CHOICES = 40
FILTERS = ("publisher", "topic", "place", "since", "until")


@pagecache.for_anonymous()
def search(request):
    # The query is parsed whole, so a long one is told it is too long rather than quietly cut.
    params = {"q": request.GET.get("q", "").strip(),
              **{name: request.GET.get(name, "").strip()[:MAX_QUERY_CHARS] for name in FILTERS}}
    params["verbatim"] = "1" if request.GET.get("verbatim") else ""  # the query as typed, not corrected
    searched = "q" in request.GET
    terms = parse_terms(params["q"]) if searched else Terms()
    number = page_number(request.GET.get("page"), MAX_PAGE)
    try:
        since, until = date_bounds(params["since"], params["until"])
    except DateError as exc:
        results = Results([], 0, str(exc))
    else:
        query = SearchQuery(terms, publisher=params["publisher"], topic=params["topic"], place=params["place"],
                            since=since, until=until, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
        results = find(query, typed=params["q"], correct=not params["verbatim"]) if searched else Results([], 0)
    if number > 1 and not results.items and not results.message:  # past the last page, as on every list
        raise Http404("No such page.")
    return render(request, "search/search.html", {
        "params": params, "searched": searched, "results": results,
        "understood": results.did_you_mean if results.corrected else terms.display(),
        "spelling": _spelling_links(params, results),
        "pager": _pager(params, number, results.total), "max_chars": MAX_QUERY_CHARS, **_choices(params),
    })


def _spelling_links(params: dict, results: Results) -> dict:
    """Links to search the suggestion, and the query as typed, both with the same filters."""
    if not results.did_you_mean:
        return {}
    filters = {k: v for k, v in params.items() if v and k not in ("q", "verbatim")}
    return {"suggestion": "?" + urlencode({"q": results.did_you_mean, **filters}),
            "as_typed": "?" + urlencode({"q": params["q"], **filters, "verbatim": "1"})}


def _pager(params: dict, number: int, total: int) -> dict:
    pages = min(max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1), MAX_PAGE)
    kept = urlencode({k: v for k, v in params.items() if v})

    def link(n: int) -> str:
        return f"?{kept}&page={n}" if kept else f"?page={n}"

    return {"number": number, "pages": pages,
            "previous": link(number - 1) if number > 1 else "",
            "next": link(number + 1) if number < pages else ""}


CHOICES_SECONDS = 300


def _choices(params: dict) -> dict:
    """The options of the filter menus: every publisher and topic, the places with most recent articles.
    The same for every search, so they are kept (with the pages' switch and version) and only a
    place picked from outside them is read each time."""
    kept = cached_result(f"lw:search:choices:{pagecache.version_now()}", CHOICES_SECONDS, _menus)
    places = kept["places"]
    if params["place"] and params["place"] not in {p["slug"] for p in places}:
        places = sorted([*places, *Channel.objects.filter(kind__in=PLACE_KINDS, slug=params["place"]).values("slug", "name")],
                        key=lambda p: p["name"])
    return {**kept, "places": places}


def _menus() -> dict:
    # Counted among the site's newest links: every link was 123 ms at 100,000 articles on PostgreSQL.
    places = (ArticleChannel.objects.filter(article_id__gte=recent_floor(), channel__kind__in=PLACE_KINDS)
              .values(slug=F("channel__slug"), name=F("channel__name")).annotate(n=Count("id"))
              .order_by("-n", "name").values("slug", "name")[:PLACE_CHOICES])
    return {
        "publishers": list(Publisher.objects.order_by("name").values("slug", "name")),
        "topics": list(Channel.objects.filter(kind=Channel.Kind.TOPIC).order_by("name").values("slug", "name")),
        "places": sorted(places, key=lambda p: p["name"]),
    }
