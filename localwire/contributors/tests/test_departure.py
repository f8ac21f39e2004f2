"""A contributor who deletes their account: published posts stay under "a former contributor",
the channel and its follows go, and so does everything else of theirs."""

from __future__ import annotations

import pytest

from localwire.articles.models import Article
from localwire.channels.models import Channel
from localwire.community import actions, leaving
from localwire.community.models import Follow
from localwire.contributors.departure import FORMER_CONTRIBUTOR
from localwire.contributors.models import Contributor, Post
from localwire.contributors.tests.published import published_post
from localwire.search.index import index_articles
from localwire.testing.factories import (
    ArticleFactory, ContributorFactory, ContributorPostFactory, FollowFactory, UserFactory,
)


@pytest.mark.django_db
def test_published_posts_stay_under_a_former_contributor_and_the_channel_goes(client):
    ana = ContributorFactory(name="Ana Ruiz", slug="ana-ruiz")
    article = published_post(ana, title="Bridge vote splits the council")
    ContributorPostFactory(contributor=ana)  # a draft
    FollowFactory(channel=ana.channel)
    channel_id = ana.channel_id

    counts = actions.delete_account(ana.user)

    assert not Contributor.objects.exists() and not Post.objects.exists()
    assert not Channel.objects.filter(pk=channel_id).exists() and not Follow.objects.exists()
    assert counts["contributors.published_kept"] == 1 and counts["community.Follow"] == 1
    kept = Article.objects.get(pk=article.pk)
    assert kept.authors == [FORMER_CONTRIBUTOR]
    page = client.get(kept.get_absolute_url()).content.decode()
    assert "Bridge vote splits the council" in page and "By a former contributor" in page
    assert "Ana Ruiz" not in page
    assert client.get("/contributor/ana-ruiz/").status_code == 404
    assert client.get(f"/api/v1/articles/{kept.pk}").json()["contributor"] is None


@pytest.mark.django_db
def test_another_contributors_posts_are_left_alone():
    ana, ben = ContributorFactory(), ContributorFactory(name="Ben Ode")
    bens = published_post(ben)
    actions.delete_account(ana.user)
    assert Article.objects.get(pk=bens.pk).authors == ["Ben Ode"] and ben.channel.pk is not None
    assert Channel.objects.filter(pk=ben.channel_id).exists()


@pytest.mark.django_db
def test_a_reader_who_never_contributed_leaves_articles_untouched():
    reader, article = UserFactory(), ArticleFactory()
    actions.delete_account(reader)
    assert Article.objects.get(pk=article.pk).authors == article.authors


def test_the_contributors_app_registers_into_community_leaving():
    assert "contributors" in leaving._leaving


@pytest.mark.django_db
def test_before_delete_adds_up_what_each_app_reports(monkeypatch):
    monkeypatch.setattr(leaving, "_leaving", {})
    leaving.register("one", lambda user: {"x": 1})
    leaving.register("two", lambda user: {"x": 2, "y": 1})
    assert leaving.before_delete(UserFactory()) == {"x": 3, "y": 1}


@pytest.mark.django_db
def test_search_no_longer_finds_the_post_by_the_name(client, django_capture_on_commit_callbacks):
    ana = ContributorFactory(name="Ana Quillfeather")
    article = published_post(ana, title="Floodgate repairs finished at the marina")
    index_articles([article.pk])
    assert "Floodgate repairs" in client.get("/search", {"q": "Quillfeather"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        actions.delete_account(ana.user)
    assert "Floodgate repairs" not in client.get("/search", {"q": "Quillfeather"}).content.decode()
    assert "Floodgate repairs" in client.get("/search", {"q": "floodgate marina"}).content.decode()
