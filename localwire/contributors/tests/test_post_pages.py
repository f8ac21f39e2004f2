"""A published post's own page, its author's profile and channel addresses, the site navigation."""

from __future__ import annotations

from datetime import datetime, timezone as dt_timezone

import pytest

from localwire.contributors.models import PostRevision
from localwire.contributors.tests.published import house_publisher, published_post
from localwire.contributors.views import PAGE_SIZE
from localwire.testing.factories import ArticleFactory, ContributorFactory, UserFactory


@pytest.fixture
def ana():
    return ContributorFactory(name="Ana Ruiz", slug="ana-ruiz", label="community_voice_pro")


def _page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_article_page_names_the_contributor_with_a_link_and_label(client, ana):
    page = _page(client, published_post(ana))
    assert '<a class="kicker__contributor" href="/contributor/ana-ruiz/">Ana Ruiz</a>' in page
    assert "Contributor · Community Voice Pro" in page
    assert "Read the original at" not in page  # the original is this page
    assert "follow=contributor:ana-ruiz" in page  # the follow button is the contributor's, not the house's


@pytest.mark.django_db
def test_corrections_show_with_their_date_and_note_and_edits_do_not(client, ana):
    article = published_post(ana)
    post = article.contributor_post
    PostRevision.objects.create(post=post, title=post.title, body="typo", note="Fixed a typo.")
    correction = PostRevision.objects.create(post=post, title=post.title, body="old", is_correction=True,
                                             note="The vote was five to two, not six to one.")
    PostRevision.objects.filter(pk=correction.pk).update(made_at=datetime(2026, 11, 4, 9, tzinfo=dt_timezone.utc))
    page = _page(client, article)
    assert '<h2 id="corrections-title">Correction</h2>' in page
    assert '4 November 2026</time>: The vote was five to two, not six to one.' in page
    assert "Fixed a typo." not in page


@pytest.mark.django_db
def test_a_publishers_article_page_is_unchanged(client):
    page = _page(client, ArticleFactory(publisher__name="Daily Gazette", publisher__slug="daily-gazette"))
    assert '<p class="kicker"><a href="/publisher/daily-gazette/">Daily Gazette</a>' in page
    assert "Read the original at Daily Gazette" in page and "corrections-title" not in page


@pytest.mark.django_db
def test_the_profile_lists_published_posts_a_page_at_a_time(client, ana):
    publisher = house_publisher()
    for _ in range(PAGE_SIZE + 1):
        published_post(ana, publisher=publisher)
    first = client.get("/contributor/ana-ruiz/").content.decode()
    assert first.count('<li class="card">') == PAGE_SIZE and 'rel="next" href="?page=2"' in first
    second = client.get("/contributor/ana-ruiz/?page=2").content.decode()
    assert second.count('<li class="card">') == 1 and "Contributor · Community Voice Pro" in second
    assert client.get("/contributor/ana-ruiz/?page=3").status_code == 404


@pytest.mark.django_db
def test_the_contributor_channel_page_moves_to_the_profile(client, ana):
    response = client.get("/c/contributor/ana-ruiz/?page=2")
    assert response.status_code == 301 and response["Location"] == "/contributor/ana-ruiz/?page=2"


@pytest.mark.django_db
def test_the_contributor_channel_feed_carries_their_posts(client, ana):
    published_post(ana, title="Bridge vote splits the council")
    response = client.get("/c/contributor/ana-ruiz/feed.rss")
    assert response.status_code == 200 and "Bridge vote splits the council" in response.content.decode()


@pytest.mark.django_db
def test_the_navigation_leads_to_contributors_and_write_for_a_contributor(client, ana):
    page = client.get("/contributors").content.decode()
    assert '<a href="/contributors" aria-current="page">Contributors</a>' in page and 'href="/write"' not in page
    client.force_login(UserFactory())
    assert 'href="/write"' not in client.get("/").content.decode()
    client.force_login(ana.user)
    assert '<a href="/write">Write</a>' in client.get("/").content.decode()


@pytest.mark.django_db
def test_more_from_under_a_post_is_the_contributors_own(client, ana):
    publisher = house_publisher()
    article = published_post(ana, publisher=publisher)
    published_post(ana, publisher=publisher, title="Ferry timetable changes in spring")
    published_post(ContributorFactory(), publisher=publisher, title="A report by someone else")
    page = _page(client, article)
    assert '<h2 id="more-title">More from Ana Ruiz</h2>' in page
    assert "Ferry timetable changes in spring" in page and "A report by someone else" not in page
