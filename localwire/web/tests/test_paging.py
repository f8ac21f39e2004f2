"""Pages that do not exist answer 404 on every paged list; an empty site speaks to readers, not operators."""

import pytest

from localwire.testing.factories import ArticleChannelFactory, ArticleFactory, PublisherFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["999", "2", "abc", "0", "-1", "1.5", "501"])
def test_a_page_that_does_not_exist_is_a_404_on_every_paged_list(client, page):
    article = ArticleChannelFactory().article
    channel = article.channel_links.first().channel
    for url in ("/", f"/publisher/{article.publisher.slug}/", channel.get_absolute_url()):
        response = client.get(url, {"page": page})
        assert response.status_code == 404, (url, page)
        assert "Page not found" in response.content.decode()
        assert "localwire feeds add" not in response.content.decode()


@pytest.mark.parametrize("page", ["", "1"])
def test_page_one_and_no_page_are_the_first_page(client, page):
    article = ArticleFactory(title="Bridge reopens")
    assert "Bridge reopens" in client.get("/", {"page": page}).content.decode()
    assert client.get(f"/publisher/{article.publisher.slug}/", {"page": page}).status_code == 200


def test_search_past_its_last_page_is_a_404(client):
    from localwire.search.index import index_articles

    index_articles([ArticleFactory(title="Levee repairs begin").pk])
    assert client.get("/search", {"q": "levee"}).status_code == 200
    assert client.get("/search", {"q": "levee", "page": "2"}).status_code == 404
    assert client.get("/search", {"q": "levee", "page": "abc"}).status_code == 404
    assert client.get("/search", {"q": "nothing-like-it"}).status_code == 200  # "nothing matches" is page 1


def test_an_empty_site_tells_readers_it_has_no_news_and_only_staff_how_to_add_feeds(client):
    PublisherFactory()
    reader_page = client.get("/").content.decode()
    assert "No news here yet" in reader_page
    assert "localwire feeds add" not in reader_page and "crawl" not in reader_page
    client.force_login(UserFactory(is_staff=True))
    staff_page = client.get("/").content.decode()
    assert "No news here yet" in staff_page and "<code>localwire feeds add URL</code>" in staff_page
