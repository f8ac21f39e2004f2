"""may_submit: what the submit endpoint will ask, with time travel through a suspension and expiry."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from localwire.contributors import actions
from localwire.contributors.access import may_submit
from localwire.contributors.models import Contributor
from localwire.testing.factories import ContributorFactory, ProfileFactory

T0 = datetime(2026, 3, 1, 9, tzinfo=timezone.utc)
DAY = timedelta(days=1)


@pytest.fixture
def moderator():
    return ProfileFactory(role="moderator").user


@pytest.mark.django_db
def test_a_new_contributor_and_a_warned_one_may_submit(moderator):
    contributor = ContributorFactory()
    assert may_submit(contributor, T0) == (True, "", None)
    actions.add_strike(contributor, "spam", "", moderator, T0)
    assert may_submit(contributor, T0 + DAY) == (True, "", None)


@pytest.mark.django_db
def test_a_suspension_refuses_until_its_end_and_then_lifts_by_itself(moderator):
    contributor = ContributorFactory()
    actions.add_strike(contributor, "spam", "", moderator, T0)
    standing = actions.add_strike(contributor, "fabrication", "", moderator, T0 + 2 * DAY)
    assert standing.suspended_until == T0 + 9 * DAY
    allowed, reason, until = may_submit(contributor, T0 + 3 * DAY)
    assert (allowed, until) == (False, T0 + 9 * DAY)
    assert "suspended" in reason and "10 March 2026" in reason
    assert may_submit(contributor, T0 + 9 * DAY) == (True, "", None)
    contributor.refresh_from_db()
    assert contributor.status == Contributor.Status.SUSPENDED  # the stored status is as of the last decision


@pytest.mark.django_db
def test_the_third_strike_ends_and_expiry_does_not_lift_it(moderator):
    contributor = ContributorFactory()
    for day in (0, 20, 40):
        actions.add_strike(contributor, "spam", "", moderator, T0 + day * DAY)
    for later in (41, 400):
        allowed, reason, until = may_submit(contributor, T0 + later * DAY)
        assert (allowed, until) == (False, None) and "ended" in reason


@pytest.mark.django_db
def test_strikes_spread_wider_than_good_standing_never_suspend(moderator):
    contributor = ContributorFactory()
    first = actions.add_strike(contributor, "spam", "", moderator, T0)
    second = actions.add_strike(contributor, "spam", "", moderator, T0 + 95 * DAY)
    assert (first.strikes_active, second.strikes_active, second.status) == (1, 1, "active")
    assert may_submit(contributor, T0 + 96 * DAY)[0] is True
