"""The archive benchmark's database, filled in bulk (not through the pipeline): the first chunk
with bulk_create and the backend's own search write, every later one a copy of it in SQL
(``archive_copy.py``), so a million articles fill in minutes.

Each article is one of the demo corpus's, at its own address, with a realistic spread: 40
publishers with a feed each, one article every ~95 seconds going back three years from now (so
1,000,000 articles cover three years, and a smaller archive the most recent part of them), an
entry it came from, a syndication group (one in ten repeats the article before it), a story of
about five, three channel links (two topics, a city), its search document, and the analyser's
current version (understood). Not filled: the syndication bands (``LshBand``, 42 rows an article)
and the spelling vocabulary; new articles look bands up by an indexed key either way.
Django must be set up before any of these run.
"""

from __future__ import annotations

import random
from dataclasses import asdict
from datetime import timedelta

from archive_copy import copy_chunk, find_base, finish, start

CHUNK = 10_000  # built in Python once, then copied; a divisor of every size measured
SPACING = timedelta(days=3 * 365) / 1_000_000
PUBLISHERS = 40
TOPICS = ["Politics", "Crime", "Weather", "Schools", "Health", "Business", "Sports", "Transport", "Housing",
          "Environment", "Courts", "Elections", "Arts", "Police", "Fire", "Roads", "Water", "Taxes"]
CITIES = [f"Benchville {n}" for n in range(120)]
_state: dict = {}


def _setup():
    """Publishers, feeds and channels, once; the corpus and the clock the articles count back from."""
    from django.utils import timezone
    from django.utils.text import slugify

    from localwire.channels.models import Channel
    from localwire.demo.corpus import load_corpus
    from localwire.sources.models import Feed, Publisher

    if _state:
        return _state
    now = timezone.now()
    publishers = Publisher.objects.bulk_create(
        [Publisher(slug=f"bench-{n}", name=f"Bench Gazette {n}", website=f"https://bench-{n}.example.org/")
         for n in range(PUBLISHERS)])
    feeds = Feed.objects.bulk_create(
        [Feed(publisher=p, url=f"https://{p.slug}.example.org/feed.xml", next_fetch_at=now + timedelta(days=3650))
         for p in publishers])
    Channel.objects.bulk_create([Channel(kind=Channel.Kind.TOPIC, slug=slugify(t), name=t) for t in TOPICS] +
                                [Channel(kind=Channel.Kind.CITY, slug=slugify(c), name=c, country_code="US")
                                 for c in CITIES])
    channels = list(Channel.objects.order_by("pk"))
    _state.update(now=now, corpus=load_corpus().articles, publishers=publishers, feeds=feeds,
                  topics=[c for c in channels if c.kind == Channel.Kind.TOPIC],
                  cities=[c for c in channels if c.kind == Channel.Kind.CITY], rng=random.Random(11))
    return _state


def grow(size: int) -> None:
    """Add older articles until the archive holds ``size``, a chunk at a time; then ANALYZE. The
    first chunk is built here, in Python; the others are copies of it made in SQL (``archive_copy``),
    a hundred times faster."""
    from django.db import connection

    from localwire.articles.models import Article

    state = _setup()
    have = Article.objects.count()
    start()
    try:
        while have < size:
            n = min(CHUNK, size - have)
            base = find_base(CHUNK)
            if base is None:
                _chunk(state, have, n)
            else:
                copy_chunk(base, have, n, SPACING // timedelta(microseconds=1))
            have += n
    finally:
        finish()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _chunk(state: dict, first: int, n: int) -> None:
    from django.db import transaction

    with transaction.atomic():
        ids = _articles(state, first, n)
        _entries(state, ids)
        _syndication(ids)
        _stories(state, ids)
        _links(state, ids)
        _search(ids)


def _articles(state: dict, first: int, n: int) -> list[int]:
    from localwire.articles.models import Article
    from localwire.nlp.analyze import ANALYZER_VERSION

    corpus, publishers = state["corpus"], state["publishers"]
    rows = []
    for k in range(first, first + n):
        a = corpus[k % len(corpus)]
        text = "\n\n".join(a.paragraphs[:3])
        url = f"https://{publishers[k % PUBLISHERS].slug}.example.org/{k}/{a.slug}"
        rows.append(Article(canonical_url=url, url=url, publisher=publishers[k % PUBLISHERS], title=a.title,
                            summary=a.dek, text=text, html="".join(f"<p>{p}</p>" for p in a.paragraphs[:3]),
                            language="en", word_count=len(text.split()), authors=a.authors,
                            published_at=state["now"] - SPACING * k, content_hash=f"{k:064x}",
                            extractor_version="bench", analysis_version=ANALYZER_VERSION))
    Article.objects.bulk_create(rows, batch_size=2000)
    return list(Article.objects.order_by("-pk").values_list("pk", flat=True)[:n])[::-1]


def _entries(state: dict, ids: list[int]) -> None:
    from localwire.articles.models import Article
    from localwire.sources.models import Entry

    feeds = {f.publisher_id: f for f in state["feeds"]}
    rows = [Entry(feed=feeds[publisher_id], entry_id=url, url=url, state=Entry.State.DONE, article_id=pk,
                  attempts=1)
            for pk, publisher_id, url in Article.objects.filter(pk__in=ids).values_list("pk", "publisher_id", "url")]
    Entry.objects.bulk_create(rows, batch_size=2000)


def _syndication(ids: list[int]) -> None:
    from localwire.articles.models import Article
    from localwire.stories.models import SyndicatedCopy, SyndicationGroup

    groups, copies = [], []
    for n, pk in enumerate(ids):
        if n % 10 == 9:  # a copy of the article before it
            continue
        groups.append(SyndicationGroup(original_id=pk))
    made = iter(SyndicationGroup.objects.bulk_create(groups, batch_size=2000))
    group = None
    for n, pk in enumerate(ids):
        if n % 10 != 9:
            group = next(made)
        copies.append(SyndicatedCopy(article_id=pk, group=group, containment=1.0 if n % 10 != 9 else 0.97))
    SyndicatedCopy.objects.bulk_create(copies, batch_size=2000)
    Article.objects.filter(pk__in=[pk for n, pk in enumerate(ids) if n % 10 == 9]).update(folded=True)


def _stories(state: dict, ids: list[int]) -> None:
    from localwire.articles.models import Article
    from localwire.stories.models import Story, StoryMember, StoryTerm

    dated = dict(Article.objects.filter(pk__in=ids).values_list("pk", "published_at"))
    titles = dict(Article.objects.filter(pk__in=ids[::5]).values_list("pk", "title"))
    stories = [Story(headline=titles[ids[s]][:500], headline_score=1.0, first_seen=dated[ids[min(s + 4, len(ids) - 1)]],
                     last_seen=dated[ids[s]], article_count=len(ids[s:s + 5]), outlet_count=len(ids[s:s + 5]),
                     vector={w: 0.3 for w in titles[ids[s]].lower().split()[:3]})
               for s in range(0, len(ids), 5)]
    stories = Story.objects.bulk_create(stories, batch_size=2000)
    StoryMember.objects.bulk_create([StoryMember(article_id=pk, story=stories[n // 5], score=0.8)
                                     for n, pk in enumerate(ids)], batch_size=2000)
    StoryTerm.objects.bulk_create([StoryTerm(story=s, term=w[:100], last_seen=s.last_seen)
                                   for s in stories for w in s.vector], batch_size=2000)


def _links(state: dict, ids: list[int]) -> None:
    from localwire.channels.models import ArticleChannel

    rng, topics, cities = state["rng"], state["topics"], state["cities"]
    rows = []
    for pk in ids:
        first, second = rng.sample(topics, 2)
        for rank, (channel, relation) in enumerate([(first, "topic"), (rng.choice(cities), "dateline"),
                                                    (second, "topic")]):
            rows.append(ArticleChannel(article_id=pk, channel=channel, relation=relation,
                                       score=round(rng.random(), 3), rank=rank))
    ArticleChannel.objects.bulk_create(rows, batch_size=3000)


def _search(ids: list[int]) -> None:
    """The search rows the app's own indexing writes: its documents, through the backend's write."""
    from django.utils import timezone

    from localwire.search.backends import backend
    from localwire.search.documents import build_documents

    for start_at in range(0, len(ids), 2000):
        backend().write(build_documents(ids[start_at:start_at + 2000]), timezone.now())


def new_entries(n: int, salt: str) -> list[int]:
    """``n`` new entries whose pages were fetched already (a raw page each): a tick takes them
    through the stages with no network."""
    from django.utils import timezone

    from localwire.articles.models import RawPage
    from localwire.document import FeedEntry
    from localwire.pipeline import serialise
    from localwire.sources.models import Entry

    state = _setup()
    made = []
    for k in range(n):
        a = state["rng"].choice(state["corpus"])
        feed = state["feeds"][k % PUBLISHERS]
        url = f"https://{feed.publisher.slug}.example.org/new/{salt}/{k}/{a.slug}"
        paragraphs = "".join(f"<p>{p}</p>" for p in a.paragraphs)
        body = (f"<html><head><title>{a.title}</title></head><body><article><h1>{a.title}</h1>"
                f"{paragraphs}</article></body></html>").encode()
        RawPage.objects.create(url=url, final_url=url, status=200, content_type="text/html",
                               body=RawPage.compress(body))
        item = FeedEntry(entry_id=url, url=url, title=a.title, summary=a.dek, authors=list(a.authors),
                         published_at=timezone.now())
        made.append(Entry.objects.create(feed=feed, entry_id=url, url=url,
                                         data=serialise.to_json(asdict(item))).pk)
    return made
