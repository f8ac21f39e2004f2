from datetime import timedelta

import pytest
from django.utils import timezone

from localwire.channels.models import ChannelNeighbours
from localwire.channels.neighbours import channel_neighbours, refresh_stale_neighbours, stored_neighbour_ids
from localwire.testing.factories import ArticleChannelFactory, ArticleFactory, ChannelFactory

pytestmark = pytest.mark.django_db


def _together(*channels, times: int = 1) -> None:
    for _ in range(times):
        article = ArticleFactory()
        for channel in channels:
            ArticleChannelFactory(article=article, channel=channel)


def _age(channel, hours: float) -> None:
    ChannelNeighbours.objects.filter(channel=channel).update(computed_at=timezone.now() - timedelta(hours=hours))


def test_the_first_view_stores_them_and_later_views_read_what_was_stored():
    ministry, police, court = (ChannelFactory(name=n) for n in ("Ministry of Energy", "City Police", "High Court"))
    _together(ministry, police, times=2)
    assert stored_neighbour_ids(ministry.pk) == [police.pk]
    _together(ministry, court, times=3)
    assert stored_neighbour_ids(ministry.pk) == [police.pk]  # not counted again per view
    assert ChannelNeighbours.objects.get(channel=ministry).ids == [police.pk]


def test_the_tick_recounts_only_rows_older_than_an_hour_stalest_first():
    ministry, police, court, harbour = (ChannelFactory(name=n) for n in ("Ministry", "Police", "Court", "Harbour"))
    _together(ministry, police, times=2)
    _together(harbour, police)
    stored_neighbour_ids(ministry.pk), stored_neighbour_ids(harbour.pk)
    _together(ministry, court, times=3)
    _together(harbour, court, times=3)
    _age(ministry, 0.5)
    assert refresh_stale_neighbours() == 0
    _age(ministry, 3)
    _age(harbour, 2)
    assert refresh_stale_neighbours(limit=1) == 1  # the stalest: the ministry's
    assert ChannelNeighbours.objects.get(channel=ministry).ids == [court.pk, police.pk]
    assert ChannelNeighbours.objects.get(channel=harbour).ids == [police.pk]
    assert refresh_stale_neighbours() == 1 and ChannelNeighbours.objects.get(channel=harbour).ids[0] == court.pk


def test_a_deleted_neighbour_leaves_the_page_and_a_deleted_channel_its_row():
    ministry, police, court = (ChannelFactory(name=n) for n in ("Ministry", "Police", "Court"))
    _together(ministry, police, court, times=2)
    assert {c.pk for c in channel_neighbours(ministry)} == {police.pk, court.pk}
    court.delete()
    assert [c.pk for c in channel_neighbours(ministry)] == [police.pk]
    assert ChannelNeighbours.objects.filter(channel_id=ministry.pk).exists()
    ministry.delete()
    assert not ChannelNeighbours.objects.exists()
