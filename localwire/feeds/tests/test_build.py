from datetime import timedelta

import pytest
from django.utils import timezone

from localwire.feeds import build
from localwire.testing.factories import ArticleChannelFactory, ArticleFactory, ChannelFactory, ImageFactory

pytestmark = pytest.mark.django_db


def test_home_feed_lists_newest_first_and_folds_copies(syndicated):
    now = timezone.now()
    older = ArticleFactory(title="Library extends hours", published_at=now - timedelta(days=3))
    newer = ArticleFactory(title="School board meets", published_at=now - timedelta(minutes=5))
    original, copies = syndicated(published_at=now - timedelta(hours=1))
    feed = build.home_feed()
    assert [item.title for item in feed.items] == [newer.title, original.title, older.title]
    assert all(copy.get_absolute_url() not in [i.path for i in feed.items] for copy in copies)
    assert feed.link == "/" and feed.updated == newer.published_at


def test_feed_stops_at_the_limit():
    ArticleFactory.create_batch(build.LIMIT + 3)
    assert len(build.home_feed().items) == build.LIMIT


def test_channel_feed_holds_only_its_articles_once_each(syndicated):
    channel = ChannelFactory(name="Transport")
    inside = ArticleFactory(title="Bus routes change")
    ArticleChannelFactory(article=inside, channel=channel)
    ArticleFactory(title="Unrelated bake sale")
    original, copies = syndicated()
    for article in (original, *copies):
        ArticleChannelFactory(article=article, channel=channel)
    feed = build.channel_feed(channel)
    assert sorted(item.title for item in feed.items) == sorted([inside.title, original.title])
    assert feed.link == channel.get_absolute_url()


def test_publisher_feed_keeps_its_own_copy(syndicated):
    original, copies = syndicated()
    feed = build.publisher_feed(copies[0].publisher)
    assert [item.path for item in feed.items] == [copies[0].get_absolute_url()]


def test_item_carries_dates_people_categories_and_proxied_image():
    published = timezone.now() - timedelta(hours=2)
    article = ArticleFactory(authors=["Dana Whitfield", "Omar Haddad"], published_at=published,
                             updated_at=published + timedelta(hours=1), summary="")
    ImageFactory(article=article)
    ArticleChannelFactory(article=article, channel=ChannelFactory(name="Weather"), rank=0)
    ArticleChannelFactory(article=article, channel=ChannelFactory(kind="tag", name="flood barrier"), rank=1)
    ArticleChannelFactory(article=article, channel=ChannelFactory(kind="person", name="Not A Category"), rank=2)
    [item] = build.home_feed().items
    assert item.authors == ("Dana Whitfield", "Omar Haddad")
    assert item.categories == ("Weather", "flood barrier")
    assert item.updated == published + timedelta(hours=1) and item.published == published
    assert item.image_path.startswith("/img/") and item.original_url == article.url
    assert item.summary.startswith("The council approved the plan")  # from the text when no summary


def test_agency_stands_in_for_missing_authors():
    ArticleFactory(authors=[], agency="Meridian Press")
    assert build.home_feed().items[0].authors == ("Meridian Press",)


def test_plain_keeps_words_that_look_like_markup_and_drops_control_characters():
    assert build.plain("Why <br> tags\x0b matter\n  now") == "Why <br> tags matter now"


def test_a_feed_costs_three_queries_however_many_items(django_assert_num_queries):
    for article in ArticleFactory.create_batch(12):
        ImageFactory(article=article)
        ArticleChannelFactory(article=article)
    with django_assert_num_queries(3):  # articles with publishers, their images, their categories
        feed = build.home_feed()
    assert len(feed.items) == 12 and all(item.categories and item.image_path for item in feed.items)
