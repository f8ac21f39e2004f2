"""``applying``'s rules that the API and the pages share: limits, cleaning, and approving when the
world changed after the application was sent."""

from __future__ import annotations

import pytest

from localwire.publishers import applying
from localwire.publishers.models import Action, Application
from localwire.publishers.tests import join_site
from localwire.sources.models import Feed
from localwire.testing.factories import FeedFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(site):
    """The made-up publisher of join_site.py, served."""
    site.base = join_site.serve(site)
    return site


def _application(user, site, **changes) -> Application:
    fields = {"name": "Riverbend Ledger", "website": site.base + "/", "feeds": [site.base + "/full.xml"],
              "contact_email": "editor@riverbend.example", **changes}
    return Application.objects.create(user=user, **fields)


def test_fields_are_cleaned_before_they_are_stored():
    fields = applying.cleaned("  Riverbend\n Ledger ", " https://riverbend.example/ ",
                              ["https://riverbend.example/feed", "https://riverbend.example/feed", " "],
                              "", " An independent weekly.\x00 ", " editor@riverbend.example ")
    assert fields == {"name": "Riverbend Ledger", "website": "https://riverbend.example/",
                      "feeds": ["https://riverbend.example/feed"], "home_city": "",
                      "about": "An independent weekly.", "contact_email": "editor@riverbend.example"}


def test_more_than_a_few_a_day_are_refused_before_anything_is_fetched(site):
    user = UserFactory()
    for _ in range(applying.MAX_A_DAY):
        _application(user, site, status=Application.Status.REJECTED)
    with pytest.raises(applying.Conflict, match="try again tomorrow"):
        applying.apply(user, "Riverbend Ledger", site.base + "/", [site.base + "/full.xml"],
                       contact_email="editor@riverbend.example")
    assert site.requests == [] and Application.objects.count() == applying.MAX_A_DAY


def test_checks_can_be_run_again_and_are_stored(site):
    application = _application(UserFactory(), site)
    assert application.checks == {} and application.checked_at is None
    applying.recheck(application)
    application.refresh_from_db()
    assert application.checks["feeds"][0]["ok"] and application.checked_at is not None


def test_a_feed_stored_for_another_publisher_meanwhile_is_left_out_of_the_approval(site):
    application = _application(UserFactory(), site, feeds=[site.base + "/full.xml", site.base + "/summaries.xml"])
    taken = FeedFactory(url=site.base + "/summaries.xml")
    applying.decide(application, ModeratorFactory().user, applying.APPROVE)
    assert list(Feed.objects.filter(publisher=application.publisher).values_list("url", flat=True)) == [
        site.base + "/full.xml"]
    assert Feed.objects.get(url=site.base + "/summaries.xml").publisher == taken.publisher
    detail = Action.objects.get(action="application.approve").detail
    assert detail["feeds"] == [site.base + "/full.xml"]
    assert detail["feeds_not_added"] == [f"{site.base}/summaries.xml (added for another publisher since you applied)"]


def test_two_applications_of_one_name_get_their_own_slugs(site):
    moderator = ModeratorFactory().user
    first = _application(UserFactory(), site, feeds=[site.base + "/full.xml"])
    second = _application(UserFactory(), site, feeds=[site.base + "/summaries.xml"])
    applying.decide(first, moderator, applying.APPROVE)
    applying.decide(second, moderator, applying.APPROVE)
    assert (first.publisher.slug, second.publisher.slug) == ("riverbend-ledger", "riverbend-ledger-2")
