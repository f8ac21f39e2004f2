"""A takedown reaches every surface at once, keeps its record, and the pipeline never stores it again."""

import re

import pytest
from django.core.cache import caches
from django.urls import reverse

from localwire.articles.models import Article, RawPage, TakenDown
from localwire.channels.models import Channel
from localwire.pipeline import runner
from localwire.publishers.models import Action
from localwire.publishers.takedown import TakedownRefused, take_down
from localwire.stories.assign import after_member_left
from localwire.stories.syndicated import after_copy_left
from localwire.search.models import SearchTerm
from localwire.sources.models import Entry
from localwire.stories.models import Story, StoryMember, SyndicationGroup
from localwire.testing.factories import (
    ArticleChannelFactory, ArticleFactory, ChannelFactory, FeedFactory, ManagerFactory, PublisherFactory, syndicated,
)
from localwire.testing.httpserver import LocalServer
from localwire.publishers.tests.ledger_site import LIBRARY_TITLE, QUARRY_TITLE, LedgerSite, crawl, stored

pytestmark = pytest.mark.django_db
QUARRY = re.compile(r"quarry[ -]blast", re.IGNORECASE)  # its title, or its address's slug


@pytest.fixture
def ledger(pipeline_context):
    """The Millbrook Ledger's two articles, crawled from its site on 127.0.0.1 (kept running), both
    linked to a topic channel; the site, feed, manager and context ride along."""
    with LocalServer() as server:
        site = LedgerSite(server)
        publisher = PublisherFactory(name="Millbrook Ledger", slug="millbrook-ledger")
        feed = FeedFactory(publisher=publisher, url=server.url("/feed.xml"))
        outcomes = crawl(feed, pipeline_context)
        assert [o.status for o in outcomes] == [runner.EntryResult.STORED] * 2
        topic = ChannelFactory(kind=Channel.Kind.TOPIC, slug="millbrook-news", name="Millbrook news")
        for article in Article.objects.all():
            ArticleChannelFactory(article=article, channel=topic)
        yield dict(site=site, feed=feed, publisher=publisher, manager=ManagerFactory(publisher=publisher),
                   ctx=pipeline_context, topic=topic)


def surfaces(ledger, article) -> dict[str, str]:
    """Every public address an article can show on, with the identifying word's query for search."""
    story_id = StoryMember.objects.filter(article=article).values_list("story_id", flat=True).first()
    slug = ledger["publisher"].slug
    addresses = {
        "home": "/", "publisher": reverse("publisher", kwargs={"slug": slug}),
        "channel": ledger["topic"].get_absolute_url(),
        "rss": "/feed.rss", "atom": "/feed.atom", "publisher rss": f"/publisher/{slug}/feed.rss",
        "channel atom": f"/c/topic/{ledger['topic'].slug}/feed.atom",
        "sitemap": "/sitemap-articles.xml", "news sitemap": "/sitemap-news.xml",
        "search": "/search?q=quarry", "api search": "/api/v1/search?q=quarry",
        "api list": "/api/v1/articles", "api channel": f"/api/v1/channels/topic/{ledger['topic'].slug}",
    }
    if story_id:
        addresses["story"] = f"/story/{story_id}/"
        addresses["api story"] = f"/api/v1/stories/{story_id}"
    return addresses


def test_a_takedown_reaches_every_surface_at_once(client, settings, ledger):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60  # kept pages must be retired too
    caches["pages"].clear()
    quarry = stored(QUARRY_TITLE)
    assert StoryMember.objects.filter(article=quarry).exists()
    addresses = surfaces(ledger, quarry)
    for name, address in addresses.items():  # each shows it now (and keeps the anonymous page)
        assert QUARRY.search(client.get(address).content.decode()), name
    article_page, pk = quarry.get_absolute_url(), quarry.pk
    assert client.get(article_page).status_code == 200

    take_down(quarry, ledger["manager"].user, "The school asked us to remove a pupil's name.")

    for name, address in addresses.items():
        response = client.get(address)
        assert response.status_code in (200, 404), name
        assert not QUARRY.search(response.content.decode()), name
    assert LIBRARY_TITLE in client.get("/").content.decode()
    gone = client.get(article_page)
    assert gone.status_code == 410
    body = gone.content.decode()
    assert "Millbrook Ledger" in body and "took this article down" in body
    assert "Quarry" not in body and "Hollins" not in body
    assert client.get(f"/article/{pk}/").status_code == 410
    api = client.get(f"/api/v1/articles/{pk}")
    assert api.status_code == 410 and "took this article down" in api.json()["detail"]
    assert client.get("/article/999999/").status_code == 404


def test_the_record_keeps_what_it_was_who_and_why(ledger):
    quarry = stored(QUARRY_TITLE)
    user = ledger["manager"].user
    raw_page, pk = quarry.raw_page_id, quarry.pk
    take_down(quarry, user, "  Legal request from the school.  ")
    record = TakenDown.objects.get()
    assert (record.title, record.by, record.by_name, record.reason) == (
        QUARRY_TITLE, user, user.username, "Legal request from the school.")
    assert record.article_id == pk and record.publisher == ledger["publisher"]
    assert "Hollins quarry" in record.text and record.canonical_url == quarry.canonical_url
    action = Action.objects.get(action="article.takedown")
    assert action.user == user and action.detail["reason"] == "Legal request from the school."
    assert action.detail["article_id"] == pk
    assert not Article.objects.filter(pk=pk).exists()
    assert raw_page and not RawPage.objects.filter(pk=raw_page).exists()  # its bytes cannot bring it back
    assert Entry.objects.get(url=ledger["site"].url("quarry")).article is None


def test_a_reason_is_required(ledger):
    quarry = stored(QUARRY_TITLE)
    with pytest.raises(TakedownRefused):
        take_down(quarry, ledger["manager"].user, "   ")
    assert Article.objects.filter(pk=quarry.pk).exists() and not TakenDown.objects.exists()


def test_polling_again_never_brings_it_back(ledger):
    take_down(stored(QUARRY_TITLE), ledger["manager"].user, "Retracted.")
    feed, ctx, site = ledger["feed"], ledger["ctx"], ledger["site"]
    feed.etag = feed.last_modified = ""
    feed.save()
    assert crawl(feed, ctx) == []  # the same items: known entries, nothing new
    site.guid_suffix = "-v2"  # the publisher's feed gives its items new ids: new entries, same pages
    outcomes = crawl(feed, ctx)
    assert [o.status for o in outcomes] == [runner.EntryResult.TAKEN_DOWN, runner.EntryResult.DUPLICATE]
    refused = Entry.objects.get(pk=outcomes[0].entry_id)
    assert refused.state == Entry.State.DONE and refused.article is None and "took" in refused.last_error
    # Another feed linking the page by another address: refused once the page names its canonical URL.
    site.guid_suffix, site.link_suffix = "-v3", "?utm_source=wire"
    other_feed = FeedFactory(publisher=PublisherFactory(), url=site.server.url("/feed.xml?copy"))
    assert [o.status for o in crawl(other_feed, ctx)][0] == runner.EntryResult.TAKEN_DOWN
    assert not Article.objects.filter(title=QUARRY_TITLE).exists()


def test_its_words_leave_the_spelling_vocabulary(ledger):
    assert SearchTerm.objects.filter(word="hollins").exists()
    take_down(stored(QUARRY_TITLE), ledger["manager"].user, "Retracted.")
    assert not SearchTerm.objects.filter(word="hollins").exists()
    assert SearchTerm.objects.filter(word="library").exists()


def _story_of(*articles, headline: str) -> Story:
    first = min(a.published_at for a in articles)
    story = Story.objects.create(headline=headline, first_seen=first, last_seen=first,
                                 article_count=len(articles), outlet_count=len(articles))
    for n, article in enumerate(articles):
        StoryMember.objects.create(article=article, story=story, score=1.0 - n / 10)
    return story


def test_a_story_loses_the_article_from_its_counts_dates_and_headline():
    lead, other, third = ArticleFactory(title="Bridge closes for repairs"), ArticleFactory(), ArticleFactory()
    story = _story_of(lead, other, third, headline="Bridge closes for repairs")
    lonely = _story_of(ArticleFactory(title="Alone"), headline="Alone")
    take_down(lead, None, "Wrong bridge.")
    take_down(Article.objects.get(title="Alone"), None, "Duplicate.")
    story.refresh_from_db()
    assert (story.article_count, story.outlet_count, story.headline) == (2, 2, other.title)
    assert story.first_seen == min(other.published_at, third.published_at)
    assert not Story.objects.filter(pk=lonely.pk).exists()
    after_member_left(lonely.pk)  # already gone: nothing to do


def test_a_syndication_group_names_a_new_original():
    wire = ArticleFactory(title="Wire story")
    copy = ArticleFactory(title="Wire story, reprinted")
    group = syndicated(wire, copy)
    assert Article.objects.get(pk=copy.pk).folded
    take_down(wire, None, "Agency withdrew it.")
    group.refresh_from_db()
    assert group.original_id == copy.pk
    assert not Article.objects.get(pk=copy.pk).folded  # listed on its own again
    take_down(copy, None, "Agency withdrew it.")
    assert not SyndicationGroup.objects.filter(pk=group.pk).exists()
    after_copy_left(group.pk)


def test_an_article_deleted_any_other_way_leaves_its_story_and_group_right():
    """The admin's delete, or a publisher removed with its articles: no takedown record, but the
    story is recounted and the copy left behind is listed again, not folded under nothing."""
    wire = ArticleFactory(title="Wire story")
    copy = ArticleFactory(title="Wire story, reprinted")
    group = syndicated(wire, copy)
    story = _story_of(wire, copy, headline="Wire story")
    wire.delete()
    group.refresh_from_db()
    story.refresh_from_db()
    assert group.original_id == copy.pk and not Article.objects.get(pk=copy.pk).folded
    assert (story.article_count, story.headline) == (1, copy.title)

    copy.publisher.delete()
    assert not SyndicationGroup.objects.filter(pk=group.pk).exists()
    assert not Story.objects.filter(pk=story.pk).exists()
