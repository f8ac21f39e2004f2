"""A contributor's post in every list names the contributor and their label where a publisher's
article names its publisher, set on the whole page in one query."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from localwire.community.pool import ranked_articles
from localwire.contributors.queries import attach_contributors
from localwire.contributors.tests.published import house_publisher, published_post
from localwire.search.index import index_articles
from localwire.stories.models import Story, StoryMember
from localwire.testing.factories import ArticleChannelFactory, ArticleFactory, ContributorFactory

LABEL = "Contributor · Community Voice"


@pytest.fixture
def ana():
    return ContributorFactory(name="Ana Ruiz", slug="ana-ruiz")


@pytest.mark.django_db
def test_the_home_page_card_names_the_contributor_and_label(client, ana):
    published_post(ana, title="Bridge vote splits the council")
    ArticleFactory(title="Library hours extended", publisher__name="Daily Gazette")
    page = client.get("/").content.decode()
    assert '<a class="meta__publisher meta__contributor" href="/contributor/ana-ruiz/">Ana Ruiz</a>' in page
    assert f'<span class="meta__label">{LABEL}</span>' in page
    assert '>Daily Gazette</a>' in page  # a publisher's article keeps its publisher
    assert page.count(LABEL) == 1


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_a_list_attaches_contributors_in_one_query_whatever_the_number(client, ana, settings):
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    publisher = house_publisher()
    published_post(ana, publisher=publisher)
    one = _queries(client, "/")
    for _ in range(3):
        published_post(ContributorFactory(), publisher=publisher)
    assert _queries(client, "/") == one


@pytest.mark.django_db
def test_a_publishers_article_has_no_contributor(ana):
    post, plain = published_post(ana), ArticleFactory()
    attach_contributors([post, plain])
    assert plain.contributor_ref is None
    assert (post.contributor_ref.slug, post.contributor_ref.name, post.contributor_ref.label_name) == (
        "ana-ruiz", "Ana Ruiz", "Community Voice")


@pytest.fixture
def results_kept(settings):
    from django.core.cache import caches

    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.mark.django_db
def test_only_the_house_publishers_articles_are_looked_up_and_its_first_post_shows_at_once(ana, results_kept):
    from localwire.contributors import publish

    plain = ArticleFactory()
    attach_contributors([plain])  # no house publisher yet: that is kept
    with CaptureQueriesContext(connection) as captured:
        attach_contributors([plain])
    assert len(captured) == 0 and plain.contributor_ref is None
    post = published_post(ana, publisher=publish.house_publisher())
    with CaptureQueriesContext(connection) as captured:
        attach_contributors([post, plain])
    assert post.contributor_ref.name == "Ana Ruiz" and plain.contributor_ref is None
    assert len(captured) == 2  # the house publisher's id, once, and the posts


@pytest.mark.django_db
def test_a_channel_a_story_and_the_house_publisher_name_the_contributor(client, ana):
    ana.label = "journalist"
    ana.save()
    article = published_post(ana)
    topic = ArticleChannelFactory(article=article).channel
    story = Story.objects.create(headline=article.title, first_seen=article.published_at,
                                 last_seen=article.published_at, article_count=1, outlet_count=1)
    StoryMember.objects.create(story=story, article=article)
    for path in (topic.get_absolute_url(), f"/story/{story.pk}/", f"/publisher/{article.publisher.slug}/"):
        assert "Ana Ruiz · Contributor · Journalist" in client.get(path).content.decode().replace(
            '</a> <span class="meta__label">', " · "), path


@pytest.mark.django_db
def test_search_results_name_the_contributor(client, ana):
    article = published_post(ana, title="Floodgate repairs finished at the marina")
    index_articles([article.pk])
    page = client.get("/search", {"q": "floodgate marina"}).content.decode()
    assert 'href="/contributor/ana-ruiz/">Ana Ruiz</a>' in page and LABEL in page


@pytest.mark.django_db
def test_for_you_and_local_lists_carry_the_contributor(ana):
    article = published_post(ana)
    [ranked] = ranked_articles([SimpleNamespace(article_id=article.pk, reasons=["Near you"])])
    assert ranked.contributor_ref.name == "Ana Ruiz" and ranked.reasons == ["Near you"]
