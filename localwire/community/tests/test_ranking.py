"""For you and Local as plain functions: what is excluded, what comes first, and why."""

from datetime import datetime, timedelta, timezone

from localwire.community.ranking import Candidate, Home, Interests, distance_km, for_you, local

NOW = datetime(2026, 11, 25, 12, tzinfo=timezone.utc)
ALMATY, SPORT, COUNCIL = (1, "Almaty"), (2, "Sport"), (3, "City Council")


def _item(article_id, publisher_id=10, hours=1, channels=(), story=None, outlets=1, **place):
    return Candidate(article_id, publisher_id, f"Publisher {publisher_id}", NOW - timedelta(hours=hours),
                     tuple(channels), story, outlets, **place)


def _ids(picks):
    return [p.article_id for p in picks]


def test_a_muted_publisher_or_channel_never_appears_and_read_articles_drop_out():
    items = [_item(1, publisher_id=10), _item(2, publisher_id=11, channels=[SPORT]), _item(3, publisher_id=12),
             _item(4, publisher_id=12)]
    interests = Interests(muted_publishers=frozenset({10}), muted_channels=frozenset({2}), read=frozenset({4}))
    assert _ids(for_you(items, interests, NOW)) == [3]
    assert sorted(_ids(for_you(items, Interests(), NOW))) == [1, 2, 3, 4]


def test_follows_come_first_and_say_so():
    items = [_item(1, hours=1), _item(2, hours=3, channels=[ALMATY]), _item(3, publisher_id=11, hours=2)]
    interests = Interests(followed_channels={1: "Almaty"}, followed_publishers={11: "Steppe Daily"})
    picks = for_you(items, interests, NOW)
    assert _ids(picks) == [2, 3, 1]
    assert picks[0].reasons == ["You follow Almaty"]
    assert picks[1].reasons == ["You follow Publisher 11"]
    assert picks[2].reasons == ["Recent news"]


def test_a_widely_covered_story_rises_and_appears_once():
    items = [_item(1, story=7, outlets=9), _item(2, publisher_id=11, story=7, outlets=9), _item(3, publisher_id=12)]
    picks = for_you(items, Interests(), NOW)
    assert _ids(picks) == [2, 3]  # one entry for story 7, ahead of the lone article
    assert "Covered by 9 outlets" in picks[0].reasons


def test_reading_history_nudges_but_a_follow_outranks_it():
    items = [_item(1, channels=[SPORT]), _item(2, publisher_id=11, channels=[COUNCIL]), _item(3, publisher_id=12)]
    interests = Interests(followed_channels={3: "City Council"}, affinity={2: 0.9})
    picks = for_you(items, interests, NOW)
    assert _ids(picks) == [2, 1, 3]
    assert picks[1].reasons == ["You read about Sport"]


def test_one_publisher_cannot_fill_the_page():
    items = [_item(n, publisher_id=10, hours=0) for n in range(1, 7)] + [_item(9, publisher_id=11, hours=5)]
    picks = for_you(items, Interests(followed_publishers={10: "Big Outlet"}), NOW, per_publisher=3)
    publishers = [10 if p.article_id < 9 else 11 for p in picks]
    assert publishers[:4].count(10) == 3 and 11 in publishers[:4]
    assert len(picks) == 7  # the rest wait, they are not dropped


HOME = Home("Little Rock", 34.7465, -92.2896, "US.AR", "Arkansas")


def test_local_is_the_city_then_nearest_first_then_the_rest_of_the_state_and_country():
    items = [
        _item(1, hours=1, lat=34.7465, lon=-92.2896, place_name="Little Rock", region="US.AR"),
        _item(2, hours=0, lat=34.7998, lon=-92.2357, place_name="North Little Rock", region="US.AR"),  # ~8 km
        _item(3, hours=0, lat=35.0887, lon=-92.4421, place_name="Conway", region="US.AR"),  # ~40 km
        _item(4, hours=0, lat=36.0626, lon=-94.1574, place_name="Fayetteville", region="US.AR"),  # ~230 km
        _item(5, hours=0, lat=35.1495, lon=-90.0490, place_name="Memphis", region="US.TN"),  # other state
        _item(6, hours=2, lat=34.75, lon=-92.29, place_name="Little Rock", region="US.AR", story=1),
        _item(7, hours=3, lat=34.75, lon=-92.29, place_name="Little Rock", region="US.AR", story=1),
    ]
    picks = local(items, HOME, Interests(), radius_km=80, ring_km=20)
    assert _ids(picks) == [1, 6, 2, 3, 4, 5]
    assert [p.reasons for p in picks] == [["In Little Rock"], ["In Little Rock"], ["8 km from Little Rock"],
                                          ["41 km from Little Rock"], ["In Arkansas"], ["In US"]]


def test_distance_is_great_circle():
    assert round(distance_km(0, 0, 0, 1)) == 111
    assert distance_km(34.7465, -92.2896, 34.7465, -92.2896) == 0


def test_local_looks_further_back_for_the_city_than_for_the_country():
    items = [
        _item(1, hours=24 * 200, lat=34.7465, lon=-92.2896, place_name="Little Rock", region="US.AR"),
        _item(2, hours=24 * 100, lat=35.0887, lon=-92.4421, place_name="Conway", region="US.AR"),  # past 60 days
        _item(3, hours=24 * 10, lat=36.0626, lon=-94.1574, place_name="Fayetteville", region="US.AR"),
        _item(4, hours=24 * 20, lat=36.06, lon=-94.15, place_name="Springdale", region="US.AR"),  # past 14 days
        _item(5, hours=24 * 2, lat=29.76, lon=-95.37, place_name="Houston", region="US.TX"),
        _item(6, hours=24 * 4, lat=29.76, lon=-95.37, place_name="Houston", region="US.TX"),  # past 3 days
    ]
    picks = local(items, HOME, Interests(), radius_km=80, now=NOW)
    assert _ids(picks) == [1, 3, 5]
    assert local(items, HOME, Interests(), radius_km=80)[-1].article_id == 6  # without a clock, no age limit


def test_for_you_favours_the_home_city_and_says_so():
    items = [_item(1, publisher_id=10, lat=34.75, lon=-92.29, place_name="Little Rock", region="US.AR"),
             _item(2, publisher_id=11, lat=29.76, lon=-95.37, place_name="Houston", region="US.TX")]
    assert _ids(for_you(items, Interests(), NOW)) == [2, 1]  # equal: the newer id first
    picks = for_you(items, Interests(), NOW, home=HOME)
    assert _ids(picks) == [1, 2] and picks[0].reasons == ["Near Little Rock"]
    followed = for_you(items, Interests(followed_publishers={11: "Gulf Daily"}), NOW, home=HOME)
    assert _ids(followed) == [2, 1]  # a follow still outweighs being near home
