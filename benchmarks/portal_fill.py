"""The portal benchmark's database, made in bulk (not through the pipeline): one measured publisher
with its articles, feeds, entries, images, channel links, 90 days of counted views by source and its
followers, beside other publishers with the same kinds of rows, so every query filters as on a
shared site. Django must be set up first; the models are imported inside for that reason.
"""

from __future__ import annotations

import random
from datetime import timedelta

SPAN_DAYS = 400  # articles are published over this many days up to now, so a 366-day range is full
VIEW_DAYS = 90  # counted views exist for this many days (the counting is younger than the archive)
OLD_READ_SHARE = 0.15  # of the articles older than VIEW_DAYS, the share still read now and then
FEEDS = 10
OTHERS = 4  # other publishers, together as big as the measured one
STORY_SIZE, COPIES = 20, 2  # a takedown's story's members, and its syndicated copies
WORDS = ("council budget river bridge school library harbour market ferry clinic court election "
         "orchard farm road transit housing water storm fire police museum park festival").split()


def body(rng: random.Random, n: int) -> tuple[str, str, int]:
    """An article's html and text, about 250 words that differ a little from article to article."""
    paragraphs = [" ".join(f"The {rng.choice(WORDS)} {rng.choice(WORDS)} plan for district {n % 97} was "
                           f"discussed by residents and the {rng.choice(WORDS)} board on Tuesday." for _ in range(5))
                  for _ in range(3)]
    return "".join(f"<p>{p}</p>" for p in paragraphs), "\n\n".join(paragraphs), sum(len(p.split()) for p in paragraphs)


def fill(n_articles: int, n_followers: int, stories: int, rng: random.Random) -> dict:
    """Everything the measurements read; returns the ids and objects they need."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from localwire.metrics.models import PublisherViews
    from localwire.publishers.models import Manager
    from localwire.sources.models import Publisher

    now = timezone.now()
    channels = make_channels()
    publisher = Publisher.objects.create(slug="bench-courier", name="Bench Courier", kind="newspaper",
                                         home_city="Benchville", about="A daily paper, made up for the benchmark.")
    others = [Publisher.objects.create(slug=f"other-{n}", name=f"Other Gazette {n}") for n in range(OTHERS)]
    totals = {}
    for who, count in [(publisher, n_articles)] + [(p, max(1, n_articles // OTHERS)) for p in others]:
        feeds = make_feeds(who, FEEDS if who is publisher else 1, now)
        ids = make_articles(who, count, feeds, now, rng)
        link_channels(ids, channels, rng)
        totals[who.pk] = make_views(ids, now, rng)
    PublisherViews.objects.bulk_create([PublisherViews(publisher_id=pk, views=v) for pk, v in totals.items()])
    make_follows(n_followers, publisher, others, channels, now, rng)
    manager = get_user_model().objects.create_user("bench-manager", "manager@bench.example.org", "not-secret")
    Manager.objects.create(publisher=publisher, user=manager, via=Manager.Via.OPERATOR)
    victims = make_stories(publisher, others, stories)
    return {"publisher": publisher, "manager": manager, "victims": victims, "channels": len(channels)}


def make_channels() -> list:
    from localwire.channels.models import Channel

    rows = [Channel(kind=Channel.Kind.TOPIC, slug=f"topic-{n}", name=f"Topic {n}") for n in range(50)]
    rows += [Channel(kind=Channel.Kind.CITY, slug=f"city-{n}", name=f"Benchville {n}", country_code="US")
             for n in range(150)]
    rows += [Channel(kind=Channel.Kind.PERSON, slug=f"person-{n}", name=f"Ana Person{n}") for n in range(100)]
    Channel.objects.bulk_create(rows, batch_size=500)
    return list(Channel.objects.all())


def make_feeds(publisher, count: int, now) -> list:
    from localwire.sources.models import Feed

    Feed.objects.bulk_create([Feed(publisher=publisher, url=f"https://{publisher.slug}.example.org/feed-{n}.xml",
                                   title=f"{publisher.name} feed {n}", status=Feed.Status.OK,
                                   last_fetched_at=now - timedelta(minutes=7), next_fetch_at=now + timedelta(minutes=8))
                              for n in range(count)])
    return list(Feed.objects.filter(publisher=publisher).order_by("pk"))


def make_articles(publisher, count: int, feeds: list, now, rng: random.Random) -> list[tuple[int, object]]:
    """``count`` articles over SPAN_DAYS, each with an entry in one of ``feeds`` and most with an
    image; a few entries failed. Returns (id, published_at), newest first."""
    from localwire.articles.models import Article, Image
    from localwire.sources.models import Entry

    rows, span = [], SPAN_DAYS * 86400
    for n in range(count):
        html, text, words = body(rng, n)
        published = now - timedelta(seconds=span * n / count + 600)
        url = f"https://{publisher.slug}.example.org/news/{n}"
        rows.append(Article(canonical_url=url, url=url, publisher=publisher, title=f"{publisher.name} reports {n}: "
                            f"{rng.choice(WORDS)} {rng.choice(WORDS)} plan", summary=text[:200], text=text, html=html,
                            language="en", word_count=words if n % 17 else 60, authors=[] if n % 11 == 0 else
                            ["Ana Reporter"], published_at=published, created_at=published + timedelta(minutes=4),
                            content_hash=f"{publisher.pk:08x}{n:056x}", extractor_version="bench",
                            from_feed_only=n % 13 == 0))
    Article.objects.bulk_create(rows, batch_size=1000)
    stored = list(Article.objects.filter(publisher=publisher).order_by("-published_at")
                  .values_list("pk", "published_at", "created_at", "url"))
    Image.objects.bulk_create([Image(article_id=pk, source_url=f"{url}.jpg", caption="A picture.",
                                     credit="" if n % 5 == 0 else "Photo: Bench staff")
                               for n, (pk, _, _, url) in enumerate(stored) if n % 10 < 7], batch_size=2000)
    entries = [Entry(feed=feeds[n % len(feeds)], entry_id=url, url=url, state=Entry.State.DONE, attempts=1,
                     article_id=pk, created_at=created, last_error="HTTP 403" if n % 13 == 0 else "",
                     data={"url": url, "published_at": published.isoformat(),
                           "content_html": "<p>Full.</p>" if n % 3 else ""})
               for n, (pk, published, created, url) in enumerate(stored)]
    entries += [Entry(feed=feeds[n % len(feeds)], entry_id=f"failed-{n}", state=Entry.State.FAILED, attempts=5,
                      url=f"https://{publisher.slug}.example.org/x/{n}", last_error="HTTP 404",
                      created_at=now - timedelta(hours=n))
                for n in range(count // 50)]
    Entry.objects.bulk_create(entries, batch_size=1000)
    return [(pk, published) for pk, published, _, _ in stored]


def link_channels(articles: list, channels: list, rng: random.Random) -> None:
    """A topic, a dateline city and a person for each article."""
    from localwire.channels.models import ArticleChannel

    by_kind: dict[str, list] = {}
    for c in channels:
        by_kind.setdefault(c.kind, []).append(c)
    ArticleChannel.objects.bulk_create([
        ArticleChannel(article_id=pk, channel=rng.choice(by_kind[kind]), relation=relation, score=0.5, rank=rank)
        for pk, _ in articles
        for rank, (kind, relation) in enumerate((("topic", "topic"), ("city", "dateline"), ("person", "mentioned")))
    ], batch_size=2000)


def make_views(articles: list, now, rng: random.Random) -> int:
    """Counted views over the last VIEW_DAYS local days: an article is read most the day it comes out
    and less for a week or two after; an older one now and then. Each day's views split by source."""
    from django.utils import timezone

    from localwire.metrics.models import ArticleViewDay, ArticleViewSource
    from localwire.metrics.sources import SOURCES

    today = timezone.localdate(now)
    first = today - timedelta(days=VIEW_DAYS - 1)
    days, sources, total = [], [], 0
    for pk, published in articles:
        out = timezone.localdate(published)
        if out >= first:
            read_on = [out + timedelta(days=k) for k in range(rng.randint(1, 14)) if out + timedelta(days=k) <= today]
        elif rng.random() < OLD_READ_SHARE:
            read_on = sorted({first + timedelta(days=rng.randrange(VIEW_DAYS)) for _ in range(rng.randint(1, 5))})
        else:
            continue
        peak = int(rng.paretovariate(1.2) * 40)
        for k, day in enumerate(read_on):
            views = max(1, peak >> k) if out >= first else rng.randint(1, 6)
            days.append(ArticleViewDay(article_id=pk, day=day, views=views))
            total += views
            for source, share in zip(rng.sample(SOURCES, 3), (0.6, 0.3, 0.1)):
                if int(views * share):
                    sources.append(ArticleViewSource(article_id=pk, day=day, source=source, views=int(views * share)))
    ArticleViewDay.objects.bulk_create(days, batch_size=2000)
    ArticleViewSource.objects.bulk_create(sources, batch_size=2000)
    return total


def make_follows(n_followers: int, publisher, others: list, channels: list, now, rng: random.Random) -> None:
    """``n_followers`` readers follow the publisher (since any day of SPAN_DAYS) and five channels each;
    as many again follow another publisher and channels only."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from localwire.community.models import Follow, Profile

    User = get_user_model()
    password = make_password("bench-password-not-secret")
    User.objects.bulk_create([User(username=f"reader{n}", email=f"reader{n}@bench.example.org", password=password)
                              for n in range(2 * n_followers)], batch_size=1000)
    users = list(User.objects.filter(username__startswith="reader").order_by("pk"))
    Profile.objects.bulk_create([Profile(user=u, display_name=u.username) for u in users], batch_size=1000)
    follows = []
    for n, user in enumerate(users):
        since = now - timedelta(seconds=rng.randrange(SPAN_DAYS * 86400))
        follows.append(Follow(user=user, publisher=publisher if n < n_followers else rng.choice(others),
                              created_at=since))
        follows += [Follow(user=user, channel=c, created_at=since) for c in rng.sample(channels, 5)]
    Follow.objects.bulk_create(follows, batch_size=2000)


def make_stories(publisher, others: list, stories: int) -> list[int]:
    """``stories`` stories of STORY_SIZE of the publisher's recent articles each, headed by the first,
    which also leads a syndication group with COPIES copies from other publishers; returns the
    leads' ids, the articles the takedowns remove."""
    from localwire.articles.models import Article
    from localwire.search.index import index_articles
    from localwire.stories.models import Story, StoryMember, StoryTerm, SyndicatedCopy, SyndicationGroup

    mine = list(Article.objects.filter(publisher=publisher).order_by("-published_at")
                .values_list("pk", "title", "published_at")[:stories * STORY_SIZE])
    copies = list(Article.objects.filter(publisher__in=others).order_by("-published_at")
                  .values_list("pk", flat=True)[:stories * COPIES])
    victims = []
    for s in range(stories):
        members = mine[s * STORY_SIZE:(s + 1) * STORY_SIZE]
        lead = members[0]
        story = Story.objects.create(headline=lead[1], first_seen=min(m[2] for m in members),
                                     last_seen=max(m[2] for m in members), article_count=len(members),
                                     outlet_count=1)
        StoryMember.objects.bulk_create([StoryMember(article_id=m[0], story=story, score=1.0 - k / 100)
                                         for k, m in enumerate(members)])
        StoryTerm.objects.bulk_create([StoryTerm(story=story, term=w, last_seen=story.last_seen) for w in WORDS[:5]])
        group = SyndicationGroup.objects.create(original_id=lead[0])
        SyndicatedCopy.objects.bulk_create([SyndicatedCopy(article_id=pk, group=group)
                                            for pk in [lead[0], *copies[s * COPIES:(s + 1) * COPIES]]])
        Article.objects.filter(pk__in=copies[s * COPIES:(s + 1) * COPIES]).update(folded=True)
        victims.append(lead[0])
    index_articles([m[0] for m in mine] + copies)  # the search entries a takedown takes out
    return victims
