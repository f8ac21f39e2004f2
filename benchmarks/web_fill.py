"""The web benchmark's database, filled in bulk (not through the pipeline): the demo corpus's
publishers and articles copied to the size asked for, a few hundred channels linked to them,
readers who follow some of them, the search index, and signed-in sessions for the For you load.
Django must be set up before any of these run; they import the models inside for that reason.
"""

from __future__ import annotations

import itertools
import random
import re
import sys
from datetime import timedelta

POPULARITY = 1.0  # Zipf exponent for article_popular: the n-th newest article is read in proportion to 1/n
SESSIONS = 50  # readers whose session cookies the For you load sends

TOPICS = ["Politics", "Crime", "Weather", "Schools", "Health", "Business", "Sports", "Transport", "Housing",
          "Environment", "Courts", "Elections", "Arts", "Religion", "Science", "Technology", "Agriculture",
          "Energy", "Water", "Taxes", "Police", "Fire", "Tourism", "Labour", "Immigration", "Military",
          "Parks", "Libraries", "Roads", "Food", "Music", "Film", "Theatre", "Media", "Banking", "Retail",
          "Real estate", "Insurance", "Aviation", "Railways", "Shipping", "Fishing", "Mining", "Forestry",
          "Drought", "Floods", "Storms", "Wildfires", "Earthquakes", "Public safety"]
FIRST = ["Ana", "Joseph", "Maria", "David", "Lena", "Samuel", "Grace", "Omar", "Ruth", "Victor", "Nina",
         "Paul", "Clara", "Hector", "Irene", "Jonas"]
LAST = ["Ruiz", "Price", "Morris", "Abenov", "Hale", "Ortega", "Nakamura", "Quinn", "Bell", "Fischer",
        "Santos", "Kowalski", "Reyes", "Lindqvist", "Osei", "Duarte"]


def fill(n_articles: int, n_users: int) -> dict | None:
    """The database, in bulk; returns what the load draws its URLs from."""
    from django.db import connection

    from localwire.articles.models import Article
    from localwire.community.pool import store_fresh_pool
    from localwire.demo.corpus import load_corpus
    from localwire.search.index import reindex_all
    from localwire.sources.models import Publisher

    if Article.objects.exists():
        print("benchmarks/web.py: the database already has articles; give it an empty one", file=sys.stderr)
        return None
    rng = random.Random(5)
    corpus = load_corpus()
    publishers = {slug: Publisher.objects.create(slug=slug, name=p.name, about=p.about, home_city=p.city)
                  for slug, p in corpus.publishers.items()}

    channels = make_channels(corpus, rng)
    by_kind: dict[str, list] = {}
    for c in channels:
        by_kind.setdefault(c.kind, []).append(c)
    article_ids = make_articles(corpus, publishers, n_articles)
    link_articles(article_ids, by_kind, rng)
    story_ids = make_stories(corpus, article_ids)
    store_blocks(rng)
    store_neighbours_of(channels)
    users, follows = make_readers(n_users, channels, list(publishers.values()), rng)
    store_fresh_pool()  # For you's pool, as the crawl tick leaves it once it stored articles

    reindex_all()
    with connection.cursor() as cursor:
        # PostgreSQL: what autovacuum does to the tables soon after a bulk load (statistics, and the
        # visibility map that lets an index answer alone), rather than measuring a load nobody has vacuumed.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    words = sorted({w.lower() for a in corpus.articles for w in re.findall(r"[A-Za-z]{5,}", a.title)})
    # Each article at its own address: /article/<id>/ alone answers with a redirect to it.
    newest = [article.get_absolute_url() for article in Article.objects.order_by("-published_at", "-pk").only("title")]
    weights = list(itertools.accumulate(1 / (n + 1) ** POPULARITY for n in range(len(newest))))
    return {"newest_first": newest, "popular_cdf": [w / weights[-1] for w in weights][:-1],
            "articles": len(article_ids), "channels": len(channels), "users": len(users), "follows": follows,
            "article_paths": sorted(newest), "channel_paths": [f"/c/{c.kind}/{c.slug}/" for c in channels],
            "words": words, "cookies": sessions(users[:SESSIONS]),
            "story_paths": [f"/story/{pk}/" for pk in story_ids]}


def make_channels(corpus, rng) -> list:
    """Topics, cities (the corpus's own first, then made-up ones) and people, stored."""
    from django.utils.text import slugify

    from localwire.channels.models import Channel, surname_of

    channels = [Channel(kind=Channel.Kind.TOPIC, slug=slugify(name), name=name) for name in TOPICS]
    cities = sorted({a.city for a in corpus.articles if a.city})
    cities += [f"Benchville {n}" for n in range(150 - len(cities))]
    for n, name in enumerate(cities):
        channels.append(Channel(kind=Channel.Kind.CITY, slug=slugify(name) or f"city-{n}", name=name,
                                country_code="US", admin1_code=f"{n % 50:02d}",
                                lat=30 + rng.random() * 15, lon=-120 + rng.random() * 45))
    people = [f"{first} {last}" for first in FIRST for last in LAST][:200]
    channels += [Channel(kind=Channel.Kind.PERSON, slug=slugify(name), name=name, surname=surname_of(name))
                 for name in people]
    Channel.objects.bulk_create(channels, batch_size=500)
    return list(Channel.objects.all())


def make_articles(corpus, publishers: dict, n_articles: int) -> list[int]:
    """The corpus over and over, newest first, spread over five days; their ids in order."""
    from django.utils import timezone
    from django.utils.html import escape

    from localwire.articles.models import Article

    now, rows, span = timezone.now(), [], timedelta(days=5).total_seconds()
    for n in range(n_articles):
        a = corpus.articles[n % len(corpus.articles)]
        url = f"https://bench.example.org/{n}/{a.slug}"
        html = "".join(f"<p>{escape(p)}</p>" for p in a.paragraphs)
        rows.append(Article(canonical_url=url, url=url, publisher=publishers[a.publisher], title=a.title,
                            summary=a.dek, text="\n\n".join(a.paragraphs), html=html, language="en",
                            word_count=sum(len(p.split()) for p in a.paragraphs), authors=a.authors,
                            published_at=now - timedelta(seconds=span * n / n_articles),
                            content_hash=f"{n:064x}", extractor_version="bench"))
    Article.objects.bulk_create(rows, batch_size=1000)
    return list(Article.objects.order_by("pk").values_list("pk", flat=True))


def link_articles(article_ids: list[int], by_kind: dict, rng) -> None:
    """Two topics, a dateline city and a person for every article."""
    from localwire.channels.models import ArticleChannel

    links = []
    for pk in article_ids:
        picks = [(rng.choice(by_kind["topic"]), "topic"), (rng.choice(by_kind["city"]), "dateline"),
                 (rng.choice(by_kind["person"]), "mentioned"), (rng.choice(by_kind["topic"]), "topic")]
        seen = set()
        for rank, (c, relation) in enumerate(picks):
            if c.pk not in seen:
                seen.add(c.pk)
                links.append(ArticleChannel(article_id=pk, channel_id=c.pk, relation=relation,
                                            score=round(rng.random(), 3), rank=rank))
    ArticleChannel.objects.bulk_create(links, batch_size=2000)


def make_stories(corpus, article_ids: list[int]) -> list[int]:
    """Each pass over the corpus covers its events once more: the copies of one corpus story made in
    one pass are one story (two to ten articles from several outlets), as assignment would leave them."""
    from localwire.articles.models import Article
    from localwire.stories.models import Story, StoryMember

    members: dict[tuple[int, str], list[int]] = {}
    for n, pk in enumerate(article_ids):
        key = corpus.articles[n % len(corpus.articles)].story
        if key:
            members.setdefault((n // len(corpus.articles), key), []).append(pk)
    rows = {a.pk: a for a in Article.objects.filter(pk__in=article_ids).only("title", "published_at", "publisher_id")}
    stories = []
    for ids in members.values():
        dates = [rows[pk].published_at for pk in ids]
        stories.append(Story(headline=rows[ids[0]].title[:500], headline_score=1.0, first_seen=min(dates),
                             last_seen=max(dates), article_count=len(ids),
                             outlet_count=len({rows[pk].publisher_id for pk in ids})))
    Story.objects.bulk_create(stories, batch_size=1000)
    made = list(Story.objects.order_by("pk").values_list("pk", flat=True))
    StoryMember.objects.bulk_create([StoryMember(article_id=pk, story_id=story_id)
                                     for story_id, ids in zip(made, members.values()) for pk in ids],
                                    batch_size=2000)
    return made


def store_neighbours_of(channels: list) -> None:
    """Each channel's related channels, as its first view or the crawl tick leaves them."""
    from localwire.channels.neighbours import store_neighbours

    for channel in channels:
        store_neighbours(channel.pk)


def store_blocks(rng) -> None:
    """Every article's and story's stored page blocks, as the sweeps leave them, in bulk: chips by the
    page's own rule (``chip_links``) over links read at once; related stories (articles sharing a person
    or city, most shared first), "You may also like" (channels beside the article's) and a story's
    people and places by simpler rules of the same size; a story's timeline by ``story_timeline``."""
    from collections import Counter, defaultdict

    from localwire.channels.models import ArticleChannel
    from localwire.channels.queries import chip_links
    from localwire.stories.blocks import VERSION, store_rows
    from localwire.stories.models import ArticleBlocks, StoryMember

    links = defaultdict(list)
    for link in ArticleChannel.objects.select_related("channel").order_by("article_id", "rank"):
        links[link.article_id].append(link)
    by_channel = defaultdict(list)
    for pk in sorted(links, reverse=True):
        for link in links[pk]:
            by_channel[link.channel_id].append(pk)
    story_of = dict(StoryMember.objects.values_list("article_id", "story_id"))
    label = {pk: next((l.channel.name for l in own if l.relation == "topic"), "") for pk, own in links.items()}
    rows = []
    for pk, own in links.items():
        chips = chip_links(own, [])
        shown = {l.channel_id for group in chips.values() for l in group}
        named = {l.channel_id: l.channel.name for l in own if l.channel.kind in ("person", "city")}
        shared = Counter(other for cid in named for other in by_channel[cid][:60]
                         if other != pk and story_of.get(other) != story_of.get(pk))
        related = [[other, None, f"Also about {rng.choice(list(named.values()))}", label.get(other, "")]
                   for other, _ in shared.most_common(8)]
        beside = Counter(l.channel_id for other, _ in shared.most_common(20) for l in links[other]
                         if l.channel_id not in shown)
        rows.append(ArticleBlocks(article_id=pk, version=VERSION, data={
            "topic": chips["topics"][0].channel_id if chips["topics"] else None,
            **{name: [l.channel_id for l in chips[name]] for name in ("people", "places", "tags")},
            "also_like": [cid for cid, _ in beside.most_common(18)], "related": related}))
    store_rows(ArticleBlocks, rows, "article")
    _store_story_blocks(links, label)


def _store_story_blocks(links: dict, label: dict) -> None:
    from collections import Counter

    from django.db.models import F

    from localwire.articles.models import Article
    from localwire.stories.blocks import VERSION, store_rows
    from localwire.stories.models import Story, StoryBlocks
    from localwire.stories.timeline import build_timeline

    members, timelines = {}, {}
    for article in Article.objects.filter(story_membership__isnull=False).only("published_at", "text").annotate(
            story=F("story_membership__story_id")).order_by("published_at", "pk"):
        members.setdefault(article.story, []).append(article)
    rows = []
    for story in Story.objects.only("article_count"):
        articles = members.get(story.pk, [])
        people = Counter(l.channel_id for a in articles for l in links[a.pk] if l.channel.kind == "person")
        places = Counter(l.channel_id for a in articles for l in links[a.pk] if l.channel.kind == "city")
        texts = tuple(a.text for a in articles)  # each pass repeats the corpus: its timeline, by position
        if texts not in timelines:
            lines = build_timeline([(n, a.published_at, text) for n, (a, text) in enumerate(zip(articles, texts))])
            timelines[texts] = sorted(lines.items(), key=lambda item: -len(item[1]))
        timeline = [[q, [{"article_id": articles[p.article_id].pk, "text": p.text, "sentence": p.sentence}
                         for p in points]] for q, points in timelines[texts]]
        rows.append(StoryBlocks(story_id=story.pk, version=VERSION, article_count=story.article_count, data={
            "coverage": [[a.pk, None, label.get(a.pk, "")] for a in articles], "timeline": timeline,
            "people": [cid for cid, _ in people.most_common(8)], "places": [cid for cid, _ in places.most_common(8)]}))
    store_rows(StoryBlocks, rows, "story", ["article_count"])


def make_readers(n_users: int, channels: list, publisher_list: list, rng) -> tuple[list, int]:
    """Readers with one password hash for all, a profile each and a few follows each."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from localwire.community.models import Follow, Profile

    User = get_user_model()
    password = make_password("bench-password-not-secret")
    User.objects.bulk_create([User(username=f"reader{n}", email=f"reader{n}@bench.example.org",
                                   password=password) for n in range(n_users)], batch_size=1000)
    users = list(User.objects.order_by("pk"))
    Profile.objects.bulk_create([Profile(user=u, display_name=u.username) for u in users], batch_size=1000)
    follows = []
    for u in users:
        for c in rng.sample(channels, 5):
            follows.append(Follow(user=u, channel=c))
        follows.append(Follow(user=u, publisher=rng.choice(publisher_list)))
    Follow.objects.bulk_create(follows, batch_size=2000)
    return users, len(follows)


def sessions(users) -> list[str]:
    """Signed-in sessions made straight in the session store, as a log-in would leave them."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    cookies = []
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={store.session_key}")
    return cookies
