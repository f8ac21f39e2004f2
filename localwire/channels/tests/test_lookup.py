"""One lookup of a channel by kind and slug, following the alias a merge left behind."""

import pytest

from localwire.channels.models import ChannelAlias
from localwire.channels.queries import channel_or_alias
from localwire.testing.factories import ChannelFactory

pytestmark = pytest.mark.django_db


def test_a_channel_is_found_by_its_own_name_and_not_marked_as_an_alias():
    channel = ChannelFactory(kind="topic", slug="politics", name="Politics")
    assert channel_or_alias("topic", "politics") == (channel, False)


def test_a_merged_name_leads_to_the_channel_it_joined():
    target = ChannelFactory(kind="person", slug="jane-doe", name="Jane Doe")
    ChannelAlias.objects.create(kind="person", slug="j-doe", channel=target)
    assert channel_or_alias("person", "j-doe") == (target, True)


def test_the_kind_is_part_of_the_name():
    target = ChannelFactory(kind="person", slug="jane-doe", name="Jane Doe")
    ChannelAlias.objects.create(kind="person", slug="j-doe", channel=target)
    assert channel_or_alias("topic", "jane-doe") == (None, False)
    assert channel_or_alias("topic", "j-doe") == (None, False)


def test_an_unknown_name_is_nothing():
    assert channel_or_alias("city", "atlantis") == (None, False)


def test_every_surface_answers_an_unknown_name_with_not_found(client):
    ChannelFactory(kind="topic", slug="politics", name="Politics")
    for path in ("/c/topic/nothing-here/", "/c/topic/nothing-here/feed.rss", "/api/v1/channels/topic/nothing-here",
                 "/c/person/politics/"):
        assert client.get(path).status_code == 404, path


def test_every_surface_sends_a_merged_name_on_to_its_channel(client):
    target = ChannelFactory(kind="person", slug="jane-doe", name="Jane Doe")
    ChannelAlias.objects.create(kind="person", slug="j-doe", channel=target)
    page = client.get("/c/person/j-doe/")
    feed = client.get("/c/person/j-doe/feed.atom")
    assert (page.status_code, page["Location"]) == (301, "/c/person/jane-doe/")
    assert (feed.status_code, feed["Location"]) == (301, "/c/person/jane-doe/feed.atom")
    assert client.get("/api/v1/channels/person/j-doe").json()["slug"] == "jane-doe"
