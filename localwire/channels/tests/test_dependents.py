"""Merging and splitting channels carry along whatever the apps above registered, without channels
naming those apps."""

import pytest

from localwire.channels import dependents
from localwire.channels.actions import merge_channels
from localwire.channels.models import ArticleChannel, Channel, ChannelMove
from localwire.channels.successors import settle
from localwire.testing.factories import ChannelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch):
    """A dependent that records what it was asked to carry, registered beside the real ones."""
    seen = []
    recorder = dependents.Dependent(
        merged=lambda source, target: seen.append(("merged", source.slug, target.slug)),
        split=lambda source, targets: seen.append(("split", source.slug, sorted(t.slug for t in targets))))
    monkeypatch.setitem(dependents._dependents, "test.recorder", recorder)
    return seen


def test_a_merge_carries_every_registered_dependent_while_the_source_still_exists(calls, monkeypatch):
    source, target = ChannelFactory(slug="old-name"), ChannelFactory(slug="new-name")
    alive = []
    monkeypatch.setitem(dependents._dependents, "test.alive", dependents.Dependent(
        merged=lambda s, t: alive.append(Channel.objects.filter(pk=s.pk).exists()), split=lambda s, t: None))
    merge_channels(source, target)
    assert calls == [("merged", "old-name", "new-name")]
    assert alive == [True]  # before the source row is deleted, so rows pointing at it can move


def test_merging_a_channel_into_itself_carries_nothing(calls):
    channel = ChannelFactory()
    assert merge_channels(channel, channel) == 0
    assert calls == []


def test_a_split_carries_the_source_to_each_successor(calls):
    source = ChannelFactory(slug="senate")
    east, west = ChannelFactory(slug="senate-kz"), ChannelFactory(slug="us-senate")
    for target in (east, west):
        ChannelMove.objects.create(source=source, target=target, articles=1)
    assert not ArticleChannel.objects.filter(channel=source).exists()
    assert settle({source.pk}) == 1
    assert calls == [("split", "senate", ["senate-kz", "us-senate"])]
