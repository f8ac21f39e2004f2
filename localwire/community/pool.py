"""The candidate pool of a reader's For you and Local pages: recent articles and the reader's follows,
read from the tables in a few queries (For you's from the stored pool, ``pool_store.py``), then
ranked by the plain functions in ``ranking.py``."""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Q
from django.utils import timezone

from localwire.articles.bylines import attach_bylines
from localwire.articles.models import Article
from localwire.caching import pages as pagecache
from localwire.channels.models import PLACE_KINDS, ArticleChannel, Channel
from localwire.community import actions, nearby, pool_store
from localwire.community.models import ArticleRead, Follow
from localwire.community.pool_index import IndexedPool, for_you_indexed, index_pool
from localwire.community.ranking import Candidate, Home, Interests, Spot, local
from localwire.stories.queries import BODY, attach_copies, fold_copies

log = logging.getLogger(__name__)

WINDOW = timedelta(hours=72)  # what a personal feed draws from
POOL = 500  # newest articles considered
READ_WINDOW = timedelta(days=30)  # reading history older than this no longer says what a reader likes
READ_LIMIT = 200  # nor does more of it than this: the recent reads are the ones that matter
AFFINITY_CHANNELS = 30  # channels kept from reading history, most read first


def interests_of(user, now=None, reading: bool = True) -> Interests:
    """Follows and mutes, plus (``reading``) what recent reading says: three queries, however long
    the history. Local leaves reading out: it is a map of what is near, read or not."""
    if not user.is_authenticated:
        return Interests()
    rows = Follow.objects.filter(user=user).select_related("channel", "publisher")
    read, affinity = reading_of(user, now) if reading else (frozenset(), {})
    return Interests(
        followed_channels={f.channel_id: f.channel.name for f in rows if f.channel_id and not f.muted},
        followed_publishers={f.publisher_id: f.publisher.name for f in rows if f.publisher_id and not f.muted},
        muted_channels=frozenset(f.channel_id for f in rows if f.channel_id and f.muted),
        muted_publishers=frozenset(f.publisher_id for f in rows if f.publisher_id and f.muted),
        read=read, affinity=affinity,
    )


def reading_of(user, now=None) -> tuple[frozenset[int], dict[int, float]]:
    """The articles read lately, and for each channel they are filed under the share of those reads
    it appears in. A channel met in a single read is chance, not interest, so it is left out."""
    since = (now or timezone.now()) - READ_WINDOW
    read = list(ArticleRead.objects.filter(user=user, first_read_at__gte=since)
                .order_by("-first_read_at").values_list("article_id", flat=True)[:READ_LIMIT])
    if not read:
        return frozenset(), {}
    seen = Counter(ArticleChannel.objects.filter(article_id__in=read).values_list("channel_id", flat=True))
    top = sorted(((n, cid) for cid, n in seen.items() if n >= 2), key=lambda t: (-t[0], t[1]))[:AFFINITY_CHANNELS]
    return frozenset(read), {cid: n / len(read) for n, cid in top}


def known_channel_ids(request) -> set[int]:
    """Channels the reader follows or muted: never worth suggesting to them again. Read through the
    follow buttons' per-request cache, so the page still reads the reader's follows once."""
    return {target_id for kind, target_id in actions.follow_states(request) if kind == "channel"}


def candidates(now=None) -> list[Candidate]:
    """Recent articles, copies folded, each with its channels, story, outlets and main city."""
    return indexed_pool(now).candidates


def indexed_pool(now=None) -> IndexedPool:
    """The candidates, indexed for ``for_you_indexed``.

    The pool is the same for every reader, so without ``now`` it is the stored one
    (``pool_store.py``), decoded once per process each time it is rebuilt. The pipeline rebuilds it
    when it changes articles (``store_fresh_pool``); a page that finds none, or one older than
    ``LOCALWIRE_FOR_YOU_POOL_SECONDS`` (no worker is running), builds and stores it itself; at 0
    every page builds its own."""
    if now is not None:
        return _build_pool(now)
    return _pool.get(_build_pool)


REBUILD_SECONDS = 10  # a burst of changes (a worker storing an article a second) rebuilds it at most this often
CARDS_SECONDS = 30  # loaded articles are kept at most this long (and no longer than pages are kept)
CARDS_KEPT = 2000  # loaded articles kept per process for the ranked pages, while their pool is current


class _Pool:
    def __init__(self):
        self.lock = threading.Lock()
        self.kept: IndexedPool | None = None  # the stored pool, decoded and indexed
        self.cards: tuple[object, float, dict[int, Article]] = (None, 0.0, {})  # (what they go with, since, by id)

    def get(self, build) -> IndexedPool:
        seconds = settings.LOCALWIRE_FOR_YOU_POOL_SECONDS
        if not seconds:
            return build(timezone.now())
        stored = pool_store.built_at()
        kept = self.kept
        if kept is not None and stored == kept.built_at and not _too_old(stored, seconds):
            return kept
        with self.lock:  # readers arriving together wait for one load or build instead of each making their own
            stored = pool_store.built_at()
            if self.kept is not None and stored == self.kept.built_at and not _too_old(stored, seconds):
                return self.kept
            loaded = None if stored is None or _too_old(stored, seconds) else pool_store.load()
            if loaded is None:
                self.kept = build(timezone.now())
                _store(self.kept)
            else:
                self.kept = index_pool(loaded[1], loaded[0])
            return self.kept

    def cards_now(self) -> dict[int, Article] | None:
        """The loaded articles kept with the current pool, while pages are kept at all: what a card
        shows changes with the articles, which moves the page cache's version or the pool."""
        seconds = min(CARDS_SECONDS, settings.LOCALWIRE_PAGE_CACHE_SECONDS)
        if not seconds or self.kept is None:
            return None
        key = (self.kept, pagecache.version_now())
        owner, since, cards = self.cards
        if owner != key or time.monotonic() - since > seconds or len(cards) > CARDS_KEPT:
            self.cards = (key, time.monotonic(), {})
        return self.cards[2]


def _too_old(built_at: datetime, seconds: int) -> bool:
    return timezone.now() - built_at > timedelta(seconds=seconds)


_pool = _Pool()


def _store(pool: IndexedPool) -> None:
    """A page that built the pool stores it for the others; one that cannot (SQLite busy with a
    crawl's writes) still shows it, and the next page tries again."""
    try:
        pool_store.save(pool.candidates, pool.built_at)
    except DatabaseError:
        log.warning("could not store the For you pool this page built", exc_info=True)


def store_fresh_pool(**_) -> None:
    """``articles_changed``'s receiver: whoever stored or understood articles rebuilds the stored
    pool, unless it was built in the last ``REBUILD_SECONDS``. Never raises: the pages' own check
    rebuilds a pool this missed once it is older than ``LOCALWIRE_FOR_YOU_POOL_SECONDS``."""
    if not settings.LOCALWIRE_FOR_YOU_POOL_SECONDS:
        return
    try:
        stored = pool_store.built_at()
        if stored is None or _too_old(stored, REBUILD_SECONDS):
            built = _build_pool(timezone.now())
            pool_store.save(built.candidates, built.built_at)
    except Exception:
        log.exception("could not store a fresh For you pool")


def _build_pool(now) -> IndexedPool:
    return index_pool(_with_links(fold_copies(Article.objects.filter(published_at__gte=now - WINDOW)), POOL), now)


def _with_links(articles, limit: int) -> list[Candidate]:
    """Candidates for the newest ``limit`` articles of a query, in two queries of plain values."""
    rows = list(articles.order_by("-published_at", "-pk").values_list(
        "pk", "publisher_id", "publisher__name", "published_at", "story_membership__story_id",
        "story_membership__story__outlet_count")[:limit])
    links: dict[int, list] = {}
    for row in (ArticleChannel.objects.filter(article_id__in=[r[0] for r in rows])
                .order_by("article_id", "rank")
                .values("article_id", "channel_id", "channel__name", "channel__kind", "channel__lat",
                        "channel__lon", "channel__country_code", "channel__admin1_code")):
        links.setdefault(row["article_id"], []).append(row)
    return [_candidate(row, links.get(row[0], [])) for row in rows]


def _candidate(row: tuple, links: list[dict]) -> Candidate:
    article_id, publisher_id, publisher_name, published_at, story_id, outlets = row
    city = next((r for r in links if r["channel__kind"] == Channel.Kind.CITY and r["channel__lat"] is not None), None)
    return Candidate(
        article_id, publisher_id, publisher_name, published_at,
        tuple((r["channel_id"], r["channel__name"]) for r in links),
        story_id, outlets if story_id else 1,
        lat=city["channel__lat"] if city else None, lon=city["channel__lon"] if city else None,
        place_name=city["channel__name"] if city else "",
        region=f'{city["channel__country_code"]}.{city["channel__admin1_code"]}' if city else "",
        places=tuple(_spot(r) for r in links if r["channel__kind"] in PLACE_KINDS),
    )


def _spot(link: dict) -> Spot:
    town = link["channel__kind"] in (Channel.Kind.CITY, Channel.Kind.COUNTY)
    country, admin1 = link["channel__country_code"], link["channel__admin1_code"]
    return Spot(link["channel__name"], link["channel__lat"] if town else None, link["channel__lon"] if town else None,
                f"{country}.{admin1}" if country and admin1 else "", country)


def home_of(profile=None, channel: Channel | None = None, city=None) -> Home | None:
    """A reader's home from their profile, a city channel a visitor picked, or a gazetteer town
    (``places.City``) a visitor picked that has no channel yet."""
    if channel is not None and channel.lat is not None:
        return _home(channel.name, channel.lat, channel.lon, channel.country_code, channel.admin1_code)
    if city is not None and city.lat is not None:
        return _home(city.name, city.lat, city.lon, city.country, city.admin1, city.region)
    if profile is None or profile.home_lat is None:
        return None
    own = Channel.objects.filter(kind=Channel.Kind.CITY, code=str(profile.home_geonameid or "")).first()
    if own is not None and own.admin1_code:
        admin1 = own.admin1_code
    else:
        region = Channel.objects.filter(kind=Channel.Kind.REGION, country_code=profile.home_country,
                                        name=profile.home_region).first()
        admin1 = region.admin1_code if region else ""
    return _home(profile.home_name, profile.home_lat, profile.home_lon, profile.home_country, admin1,
                 profile.home_region)


def _home(name: str, lat: float, lon: float, country: str, admin1: str, region_name: str = "") -> Home:
    """A Home with the names of its state and country as this site's channels give them."""
    kinds = Q(kind=Channel.Kind.COUNTRY) | (Q(kind=Channel.Kind.REGION, admin1_code=admin1) if admin1 else Q(pk=None))
    names = dict(Channel.objects.filter(kinds, country_code=country).values_list("kind", "name")) if country else {}
    return Home(name, lat, lon, f"{country}.{admin1}" if country and admin1 else "",
                names.get(Channel.Kind.REGION) or region_name, names.get(Channel.Kind.COUNTRY) or country,
                country=country)


def ranked_articles(picks) -> list[Article]:
    """The articles of the picks, in order, each carrying ``reasons`` and its folded copies.

    Loaded articles are kept per process until the articles change (``_Pool.cards_now``), so a page
    reads only those no earlier page showed; each page gets its own shallow copies to hang its
    reasons on."""
    kept = _pool.cards_now()
    kept = {} if kept is None else kept
    missing = [p.article_id for p in picks if p.article_id not in kept]
    if missing:
        loaded = (Article.objects.filter(pk__in=missing).select_related("publisher", "syndication")
                  .prefetch_related("images").defer(*BODY))
        kept.update((a.pk, a) for a in attach_bylines(attach_copies(loaded)))
    articles = []
    for pick in picks:
        article = kept.get(pick.article_id)
        if article is not None:
            article = copy.copy(article)
            article.reasons = pick.reasons
            articles.append(article)
    return articles


def for_you_articles(user, now=None, limit: int = 30) -> list[Article]:
    """Ranked from the reader's follows, reading and home city (their profile's)."""
    pool = indexed_pool(now)  # the shared pool unless a time is given
    now = now or max(timezone.now(), pool.built_at)  # a pool stored by a machine whose clock runs ahead
    home = home_of(profile=getattr(user, "profile", None)) if user.is_authenticated else None
    return ranked_articles(for_you_indexed(pool, interests_of(user, now), now, limit=limit, home=home))


def local_articles(user, home: Home, now=None, limit: int = 30) -> list[Article]:
    """Read tier by tier around the home (``nearby``) until twice a page is in hand (mutes and
    one-per-story take some away), then ranked."""
    now = now or timezone.now()
    ids = nearby.article_ids(home, now, enough=2 * limit)
    pool = _with_links(Article.objects.filter(pk__in=ids), len(ids))
    return ranked_articles(local(pool, home, interests_of(user, reading=False), limit=limit, now=now))
