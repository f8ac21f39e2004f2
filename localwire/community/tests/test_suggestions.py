""""You may also like" on the article page leaves out what the reader already follows or muted."""

import pytest
from django.test import Client

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
