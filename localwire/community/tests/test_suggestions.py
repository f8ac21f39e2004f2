""""You may also like" on the article page leaves out what the reader already follows or muted."""

import pytest
from django.test import Client

from localwire.channels.models import Channel
from localwire.testing.factories import (
    ArticleChannelFactory, ArticleFactory, ChannelFactory, FollowFactory, UserFactory,
)

pytestmark = pytest.mark.django_db


def test_you_may_also_like_skips_followed_and_muted_channels():
    council = ChannelFactory(name="City Council")
    followed, muted, fresh = (ChannelFactory(name=n) for n in ("Transit", "Horoscopes", "Housing"))
    article = ArticleFactory()
    ArticleChannelFactory(article=article, channel=council)
    for other in (followed, muted, fresh):  # each shares an article with the council
        neighbour = ArticleFactory()
        ArticleChannelFactory(article=neighbour, channel=council)
        ArticleChannelFactory(article=neighbour, channel=other)
    visitor_page = Client().get(article.get_absolute_url()).content.decode()
    liked = visitor_page[visitor_page.index("You may also like"):]
    assert all(name in liked for name in ("Transit", "Horoscopes", "Housing"))

    reader = UserFactory()
    FollowFactory(user=reader, channel=followed)
    FollowFactory(user=reader, channel=muted, muted=True)
    client = Client()
    client.force_login(reader)
    page = client.get(article.get_absolute_url()).content.decode()
    liked = page[page.index("You may also like"):]
    assert "Housing" in liked and "Transit" not in liked and "Horoscopes" not in liked


def _link(article, channel, relation="subject", score=1.0):
    ArticleChannelFactory(article=article, channel=channel, relation=relation, score=score)


def test_you_may_also_like_comes_from_the_story_not_from_the_busiest_channels(django_assert_max_num_queries):
    """An Almaty protest article: Kazakhstan-related channels, never a Kenyan flood channel that is
    merely frequent and shares only a topic and a generically named ministry with it."""
    from localwire.channels.queries import article_blocks

    kind = Channel.Kind
    almaty, astana, nairobi = (ChannelFactory(kind=kind.CITY, name=n) for n in ("Almaty", "Astana", "Nairobi"))
    kazakhstan, kenya = (ChannelFactory(kind=kind.COUNTRY, name=n) for n in ("Kazakhstan", "Kenya"))
    abenov, sadykova = (ChannelFactory(kind=kind.PERSON, name=n) for n in ("Serik Abenov", "Aigerim Sadykova"))
    ministry = ChannelFactory(kind=kind.ORGANISATION, name="Interior Ministry")
    red_cross = ChannelFactory(kind=kind.ORGANISATION, name="Kenya Red Cross")
    politics = ChannelFactory(kind=kind.TOPIC, name="Politics")
    for i in range(30):  # the busiest story on the site
        flood = ArticleFactory()
        for channel in (nairobi, kenya, red_cross, politics, *([ministry] if i % 3 == 0 else [])):
            _link(flood, channel)
    for _ in range(3):  # earlier reports of the same unrest
        report = ArticleFactory()
        for channel in (almaty, kazakhstan, astana, abenov, sadykova, politics):
            _link(report, channel)
    article = ArticleFactory(title="Police detain protesters in Almaty")
    _link(article, almaty, "dateline")
    _link(article, abenov)
    _link(article, ministry, score=0.2)
    _link(article, politics, "topic")

    with django_assert_max_num_queries(6):
        liked = {c.name for c in article_blocks(article)["also_like"]}
    assert {"Kazakhstan", "Astana", "Aigerim Sadykova"} <= liked
    assert not liked & {"Nairobi", "Kenya", "Kenya Red Cross"}


def test_suggestions_read_each_pivots_newest_articles_and_sizes_among_the_newest_links(monkeypatch):
    """Two bounds that keep building an article's blocks as cheap at a million articles as at ten
    thousand: a pivot's old articles are not read, and a neighbour big only long ago is not damped."""
    from localwire.channels import recent, suggestions

    kind = Channel.Kind
    city, mayor = ChannelFactory(kind=kind.CITY, name="Riverton"), ChannelFactory(kind=kind.PERSON, name="Ada Moss")
    once_busy, old_only, current = (ChannelFactory(kind=kind.ORGANISATION, name=n)
                                    for n in ("Harbour Board", "Old Tram Company", "Water Board"))
    for _ in range(4):  # long ago: the Harbour Board on many articles, none beside the pivots
        _link(ArticleFactory(), once_busy)
    early = ArticleFactory()  # the pivots' oldest article, the only one naming the tram company
    for channel in (city, mayor, old_only):
        _link(early, channel)
    for _ in range(2):  # lately: both boards beside both pivots, equally often
        recent_article = ArticleFactory()
        for channel in (city, mayor, once_busy, current):
            _link(recent_article, channel)
    article = ArticleFactory()
    for channel in (city, mayor):
        _link(article, channel)
    links = list(article.channel_links.select_related("channel"))

    monkeypatch.setattr(suggestions, "PER_PIVOT", 2)
    monkeypatch.setattr(recent, "RECENT_LINKS", 8)  # the two lately articles' links, and the article's own
    liked = suggestions.also_like_ids(article.pk, links, shown={city.pk, mayor.pk}, limit=5)
    assert old_only.pk not in liked
    assert liked == [once_busy.pk, current.pk]  # equal now: the lower id first, not damped by its past

    monkeypatch.setattr(recent, "RECENT_LINKS", 1000)  # every link: the Harbour Board's past counts against it
    assert suggestions.also_like_ids(article.pk, links, shown={city.pk, mayor.pk}, limit=5) == [current.pk, once_busy.pk]
