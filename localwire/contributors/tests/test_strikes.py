"""The strike rules as plain data: warning, suspension, ending, expiry after good standing, overturns."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from localwire.contributors.strikes import ACTIVE, ENDED, SUSPENDED, StrikeFact, current_streak, standing

T0 = datetime(2026, 1, 1, 12, tzinfo=timezone.utc)
DAY = timedelta(days=1)


def at(*days: float) -> list[StrikeFact]:
    return [StrikeFact(T0 + d * DAY) for d in days]


def test_no_strikes_is_good_standing():
    assert standing([], T0) == standing([], T0 + 1000 * DAY)
    assert standing([], T0).strikes_active == 0 and standing([], T0).status == ACTIVE


def test_first_strike_is_a_warning_until_ninety_days_later():
    now = standing(at(0), T0 + DAY)
    assert (now.strikes_active, now.status, now.warned) == (1, ACTIVE, True)
    assert now.clears_at == T0 + 90 * DAY
    assert standing(at(0), T0 + 90 * DAY - timedelta(seconds=1)).strikes_active == 1
    assert standing(at(0), T0 + 90 * DAY).strikes_active == 0


def test_second_strike_suspends_seven_days_from_itself():
    facts = at(0, 10)
    during = standing(facts, T0 + 12 * DAY)
    assert (during.strikes_active, during.status, during.suspended_until) == (2, SUSPENDED, T0 + 17 * DAY)
    after = standing(facts, T0 + 17 * DAY)
    assert (after.status, after.strikes_active, after.suspended_until) == (ACTIVE, 2, None)


def test_good_standing_after_a_suspension_counts_from_its_end():
    facts = at(0, 10)  # suspended until day 17: good standing runs from day 17, not day 10
    assert standing(facts, T0 + 106 * DAY).strikes_active == 2
    assert standing(facts, T0 + 107 * DAY).strikes_active == 0


def test_a_strike_after_expiry_is_a_first_warning_again():
    facts = at(0, 100)
    now = standing(facts, T0 + 101 * DAY)
    assert (now.strikes_active, now.status) == (1, ACTIVE)
    assert current_streak(facts, T0 + 101 * DAY) == [T0 + 100 * DAY]


def test_a_strike_inside_the_window_extends_it():
    facts = at(0, 80)  # the second comes before the first expired: both count, and it suspends
    assert standing(facts, T0 + 81 * DAY).status == SUSPENDED
    assert standing(facts, T0 + 120 * DAY).strikes_active == 2


def test_third_active_strike_ends_publishing_for_good():
    facts = at(0, 10, 30)
    assert standing(facts, T0 + 31 * DAY).status == ENDED
    assert standing(facts, T0 + 1000 * DAY) == standing(facts, T0 + 31 * DAY)


def test_three_strikes_spread_beyond_the_window_do_not_end():
    facts = at(0, 100, 200)  # each expired before the next
    assert standing(facts, T0 + 201 * DAY).status == ACTIVE
    assert standing(facts, T0 + 201 * DAY).strikes_active == 1


def test_an_overturned_strike_stops_counting():
    facts = [StrikeFact(T0), StrikeFact(T0 + 10 * DAY, overturned=True), StrikeFact(T0 + 30 * DAY)]
    now = standing(facts, T0 + 31 * DAY)
    assert (now.strikes_active, now.status, now.suspended_until) == (2, SUSPENDED, T0 + 37 * DAY)


def test_strikes_in_the_future_do_not_count_yet():
    assert standing(at(5), T0).strikes_active == 0
