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
