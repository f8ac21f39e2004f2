"""Follow, unfollow, mute and unmute from pages (forms and fetch), the following page, the buttons."""

from __future__ import annotations

import pytest
from django.urls import reverse

from localwire.channels.models import Channel, ChannelAlias
from localwire.community import actions
from localwire.community.models import Follow
from localwire.testing.clients import csrf_checking_client
from localwire.testing.factories import (
    ArticleChannelFactory, ArticleFactory, ChannelFactory, FollowFactory, PublisherFactory, UserFactory,
)

JSON = {"HTTP_ACCEPT": "application/json"}


def _post(client, target_kind, slug, action, **extra):
    return client.post(reverse("follow"), {"kind": target_kind, "slug": slug, "action": action,
                                           "next": extra.pop("next", "")}, **extra)


@pytest.mark.django_db
def test_follow_and_unfollow_with_a_plain_form_redirect_back(client):
    user = UserFactory()
    channel = ChannelFactory(kind=Channel.Kind.PERSON, slug="ana-ruiz")
    client.force_login(user)
    response = _post(client, "person", "ana-ruiz", "follow", next="/c/person/ana-ruiz/?page=2")
    assert response.status_code == 302 and response["Location"] == "/c/person/ana-ruiz/?page=2"
    assert Follow.objects.filter(user=user, channel=channel, muted=False).exists()
    response = _post(client, "person", "ana-ruiz", "unfollow", next="https://elsewhere.example/")
    assert response["Location"] == channel.get_absolute_url()  # a foreign next is ignored
    assert not Follow.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_follow_by_fetch_answers_with_the_new_state(client):
    user = UserFactory()
    publisher = PublisherFactory(slug="river-gazette")
    client.force_login(user)
    data = _post(client, "publisher", "river-gazette", "follow", **JSON).json()
    assert data == {"kind": "publisher", "slug": "river-gazette", "name": publisher.name,
                    "following": True, "muted": False}
    data = _post(client, "publisher", "river-gazette", "mute", **JSON).json()
    assert data["following"] is False and data["muted"] is True
    assert Follow.objects.get(user=user, publisher=publisher).muted is True  # one row, now a mute
    data = _post(client, "publisher", "river-gazette", "unmute", **JSON).json()
    assert data["muted"] is False and not Follow.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_follow_posts_without_a_csrf_token_are_refused():
    user = UserFactory()
    ChannelFactory(slug="housing")
    client = csrf_checking_client(user)
    response = _post(client, "topic", "housing", "follow", **JSON)
    assert response.status_code == 403
    assert not Follow.objects.exists()
    page = client.get(reverse("channel", kwargs={"kind": "topic", "slug": "housing"}))
    token = page.cookies["csrftoken"].value
    response = _post(client, "topic", "housing", "follow", HTTP_X_CSRFTOKEN=token, **JSON)
    assert response.status_code == 200 and Follow.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_anonymous_follow_leads_to_log_in_and_back(client):
    ChannelFactory(slug="housing")
    response = _post(client, "topic", "housing", "follow", next="/c/topic/housing/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login?next=/c/topic/housing/&follow=topic:housing"
    response = _post(client, "topic", "housing", "follow", next="/c/topic/housing/?page=2&x=1")
    assert response["Location"] == "/account/login?next=/c/topic/housing/%3Fpage%3D2%26x%3D1&follow=topic:housing"
    response = _post(client, "topic", "housing", "mute", next="/c/topic/housing/")
    assert response["Location"] == "/account/login?next=/c/topic/housing/"  # only follows are carried
    assert _post(client, "topic", "housing", "follow", **JSON).status_code == 401
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_unknown_targets_and_actions_are_refused(client):
    client.force_login(UserFactory())
    ChannelFactory(slug="housing")
    assert _post(client, "topic", "nowhere", "follow").status_code == 400
    assert _post(client, "topic", "housing", "delete-everything").status_code == 400
    assert _post(client, "spaceship", "housing", "follow", **JSON).status_code == 400


@pytest.mark.django_db
def test_following_a_merged_slug_follows_the_channel_it_became(client):
    user = UserFactory()
    target = ChannelFactory(kind=Channel.Kind.PERSON, slug="serik-abenov")
    ChannelAlias.objects.create(kind="person", slug="s-abenov", channel=target)
    client.force_login(user)
    _post(client, "person", "s-abenov", "follow")
    assert Follow.objects.get(user=user).channel == target


@pytest.mark.django_db
def test_following_twice_keeps_one_row():
    user = UserFactory()
    channel = ChannelFactory()
    actions.follow(user, channel)
    actions.follow(user, channel)
    assert Follow.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_channel_and_publisher_pages_show_pressed_buttons_for_what_the_reader_follows(client):
    user = UserFactory()
    channel = ChannelFactory(kind=Channel.Kind.CITY, slug="little-rock", name="Little Rock")
    publisher = PublisherFactory(slug="river-gazette")
    FollowFactory(user=user, channel=channel)
    FollowFactory(user=user, channel=None, publisher=publisher, muted=True)
    client.force_login(user)
    body = client.get(channel.get_absolute_url()).content.decode()
    assert 'data-follow="follow"' in body and 'data-follow="mute"' in body
    assert 'name="action" value="unfollow"' in body and 'aria-pressed="true"' in body
    body = client.get(reverse("publisher", kwargs={"slug": "river-gazette"})).content.decode()
    assert 'name="action" value="unmute"' in body and 'name="action" value="follow"' in body


@pytest.mark.django_db
def test_article_page_offers_follow_buttons_for_its_publisher_and_channels(client, django_assert_max_num_queries):
    user = UserFactory()
    article = ArticleFactory()
    person = ChannelFactory(kind=Channel.Kind.PERSON, slug="ana-ruiz", name="Ana Ruiz")
    ArticleChannelFactory(article=article, channel=person, relation="subject", score=0.9)
    topic = ChannelFactory(kind=Channel.Kind.TOPIC, slug="housing", name="Housing")
    ArticleChannelFactory(article=article, channel=topic)
    client.force_login(user)
    body = client.get(article.get_absolute_url()).content.decode()
    for kind, slug in (("publisher", article.publisher.slug), ("person", "ana-ruiz"), ("topic", "housing")):
        assert f'name="kind" value="{kind}"><input type="hidden" name="slug" value="{slug}"' in body
    # The reader's follows are read once, however many buttons the page has.
    with django_assert_max_num_queries(40) as queries:
        client.get(article.get_absolute_url())
    assert sum("community_follow" in q["sql"] for q in queries.captured_queries) == 1


@pytest.mark.django_db
def test_anonymous_readers_see_log_in_links_instead_of_forms(client):
    channel = ChannelFactory(slug="housing")
    body = client.get(channel.get_absolute_url()).content.decode()
    assert "data-follow" not in body
    assert 'href="/account/login?next=/c/topic/housing/&amp;follow=topic:housing"' in body


@pytest.mark.django_db
def test_following_page_groups_follows_and_mutes_by_kind(client):
    user = UserFactory()
    FollowFactory(user=user, channel=ChannelFactory(kind=Channel.Kind.PERSON, name="Ana Ruiz"))
    FollowFactory(user=user, channel=None, publisher=PublisherFactory(name="River Gazette"))
    FollowFactory(user=user, channel=ChannelFactory(kind=Channel.Kind.TAG, name="Flooding"), muted=True)
    FollowFactory(channel=ChannelFactory(name="Someone else's"))
    client.force_login(user)
    body = client.get(reverse("following")).content.decode()
    follows, mutes = body.split("What you muted")
    assert "People" in follows and "Ana Ruiz" in follows and "Publishers" in follows and "River Gazette" in follows
    assert "Flooding" in mutes and "Tags" in mutes and "Flooding" not in follows
    assert "Someone else" not in body
    assert 'value="unmute"' in mutes


@pytest.mark.django_db
def test_a_publishers_follower_count_is_one_indexed_query(django_assert_num_queries):
    publisher = PublisherFactory()
    for user in UserFactory.create_batch(3):
        actions.follow(user, publisher)
    actions.mute(UserFactory(), publisher)
    with django_assert_num_queries(1):
        assert Follow.objects.filter(publisher=publisher, muted=False).count() == 3


@pytest.mark.django_db
def test_merging_channels_keeps_their_followers():
    from localwire.channels.actions import merge_channels

    source = ChannelFactory(kind=Channel.Kind.PERSON, slug="s-abenov")
    target = ChannelFactory(kind=Channel.Kind.PERSON, slug="serik-abenov")
    only_source, both, muter = UserFactory(), UserFactory(), UserFactory()
    actions.follow(only_source, source)
    actions.follow(both, source)
    actions.follow(both, target)
    actions.mute(muter, source)
    merge_channels(source, target)
    assert {(f.user, f.muted) for f in Follow.objects.filter(channel=target)} == {
        (only_source, False), (both, False), (muter, True)}
    assert Follow.objects.count() == 3
