"""What a page is about and where, the only things an ad is chosen by.

A ``PageContext`` holds the page's channels (``kind/slug`` keys, as campaigns target them), the
places it is about with their coordinates, and the Local city the reader chose — the one thing
about the person that may be used, because they chose it to see local news. Nothing else about
the reader (follows, history, address) ever enters it.

An article's channels change only when it is re-analysed, so each article's part is kept in this
process for ``KEEP_SECONDS`` (a small LRU): a page served from the cache costs no query here.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from localwire.channels.models import ArticleChannel, Channel
from localwire.nlp import cities
from localwire.nlp.gazetteer import gazetteer

KEEP_SECONDS = 60.0
KEEP_ENTRIES = 4096
PLACE_POINT_KINDS = (Channel.Kind.CITY, Channel.Kind.COUNTY)  # places small enough to measure from

Place = tuple[str, float, float]  # (name, lat, lon)


@dataclass(frozen=True)
class PageContext:
    placement: str
    channel_keys: frozenset[str] = frozenset()
    channel_names: dict = field(default_factory=dict, compare=False, hash=False)  # key → name
    places: tuple[Place, ...] = ()
    local: Place | None = None  # the Local city the reader chose, if any


@dataclass(frozen=True)
class Part:
    """One article's or channel's share of a page's context."""

    names: dict  # channel key → name
    places: tuple[Place, ...]


EMPTY = Part({}, ())


class Kept:
    """A tiny thread-safe LRU whose entries expire: enough to keep a query off most requests."""

    def __init__(self, seconds: float = KEEP_SECONDS, entries: int = KEEP_ENTRIES):
        self.seconds, self.entries = seconds, entries
        self._lock = threading.Lock()
        self._items: OrderedDict = OrderedDict()

    def get_many(self, keys) -> dict:
        now = time.monotonic()
        found = {}
        with self._lock:
            for key in keys:
                item = self._items.get(key)
                if item is not None and item[0] > now:
                    self._items.move_to_end(key)
                    found[key] = item[1]
        return found

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = (time.monotonic() + self.seconds, value)
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_articles = Kept()
_channels = Kept()


def _part_of(rows) -> Part:
    names, places = {}, []
    for kind, slug, name, lat, lon in rows:
        names[f"{kind}/{slug}"] = name
        if kind in PLACE_POINT_KINDS and lat is not None and lon is not None:
            places.append((name, lat, lon))
    return Part(names, tuple(places))


def article_parts(ids) -> dict[int, Part]:
    """Each article's channels and places; the ones not kept are read in one query."""
    ids = [int(i) for i in dict.fromkeys(ids)]
    found = _articles.get_many(ids)
    missing = [i for i in ids if i not in found]
    if missing:
        rows: dict[int, list] = {i: [] for i in missing}
        for article_id, *row in ArticleChannel.objects.filter(article_id__in=missing).values_list(
                "article_id", "channel__kind", "channel__slug", "channel__name", "channel__lat", "channel__lon"):
            rows[article_id].append(row)
        for article_id, article_rows in rows.items():
            found[article_id] = _part_of(article_rows)
            _articles.put(article_id, found[article_id])
    return found


def channel_part(channel_id: int) -> Part:
    """A channel page's own channel (and its point when it is a town or county)."""
    found = _channels.get_many([channel_id])
    if channel_id in found:
        return found[channel_id]
    row = Channel.objects.filter(pk=channel_id).values_list("kind", "slug", "name", "lat", "lon").first()
    part = _part_of([row]) if row else EMPTY
    _channels.put(channel_id, part)
    return part


def page_context(placement: str, parts, local: Place | None = None) -> PageContext:
    """The union of the parts on a page (an article, a channel, the cards around a slot)."""
    names: dict = {}
    places: dict = {}
    for part in parts:
        names.update(part.names)
        for place in part.places:
            places.setdefault(place[0], place)
    return PageContext(placement, frozenset(names), names, tuple(places.values()), local)


def for_article(article_id: int, local: Place | None = None) -> PageContext:
    return page_context("article", article_parts([article_id]).values(), local)


def for_articles(placement: str, ids, local: Place | None = None) -> PageContext:
    return page_context(placement, article_parts(ids).values(), local)


def for_channel(channel_id: int, local: Place | None = None) -> PageContext:
    return page_context("channel", [channel_part(channel_id)], local)


def forget() -> None:
    """Drop what this process keeps (tests; after a re-analysis nothing needs it: it expires)."""
    _articles.clear()
    _channels.clear()
    _picked.clear()


# --- the reader's Local city ------------------------------------------------------------------

_picked = Kept()
LOCAL_COOKIE = "lw_local"  # community.localpage.LOCAL_COOKIE; read here, never set
GEONAMES = "geonames:"


def local_city(request, placement: str = "", user=None) -> Place | None:
    """The Local city this reader chose: on the Local page the one it shows (``?place=``), else the
    ``lw_local`` cookie's pick, else a signed-in reader's home city in their profile."""
    value = request.GET.get("place") if placement == "local" and "place" in request.GET else None
    if value is None:
        value = request.COOKIES.get(LOCAL_COOKIE, "")
    if value:
        return picked_place(value[:120], may_load=placement == "local")
    user = user if user is not None else getattr(request, "user", None)
    profile = getattr(user, "profile", None) if user is not None and user.is_authenticated else None
    if profile is not None and profile.home_lat is not None and profile.home_lon is not None:
        return (profile.home_name, profile.home_lat, profile.home_lon)
    return None


def picked_place(value: str, may_load: bool = True) -> Place | None:
    """A pick as the Local page stores it: a city channel's slug or ``geonames:<id>``. A town
    known only to the gazetteer is looked up only where the gazetteer is loaded or may be
    (the Local page loads it anyway): loading it takes seconds no other page's ad slot may cost."""
    found = _picked.get_many([value])
    if value in found:
        return found[value]
    place = None
    if value.startswith(GEONAMES) and value[len(GEONAMES):].isdigit():
        if not may_load and not gazetteer.is_loaded():
            return None
        city = cities.by_id(int(value[len(GEONAMES):]))
        place = (city.name, city.lat, city.lon) if city and city.lat is not None else None
    else:
        row = Channel.objects.filter(kind=Channel.Kind.CITY, slug=value, lat__isnull=False).values_list(
            "name", "lat", "lon").first()
        place = tuple(row) if row else None
    _picked.put(value, place)
    return place
