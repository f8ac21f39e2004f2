"""A newer analyser renames, splits or retypes channels; readers of the old pages are sent on."""

import pytest

from localwire.channels.models import ArticleChannel, Channel
from localwire.channels.tests.stored import store_json
from localwire.channels.successors import settle
from localwire.community.models import Follow
from localwire.testing.factories import ArticleFactory, FollowFactory, UserFactory

pytestmark = pytest.mark.django_db


def _city(slug_admin: str) -> dict:
    return {"language": "en", "analyzer_version": "test", "topics": [], "entities": [], "keyphrases": [],
            "places": [{"name": "Almaty", "kind": "city", "country_code": "KZ", "admin1_code": slug_admin,
                        "lat": 43.25, "lon": 76.92, "geonameid": 1526384, "role": "dateline", "salience": 1.0}]}


def _organisation(name: str, slug: str) -> dict:
    return {"language": "en", "analyzer_version": "test", "topics": [], "places": [], "keyphrases": [],
            "entities": [{"text": name, "type": "ORG", "start": 0, "end": len(name), "name": name,
                          "kind": "organisation", "slug": slug, "salience": 1.0}]}


def _reanalyse(pairs) -> None:
    """As the runner does: store each article's new analysis, then settle what the batch left."""
    left = set()
    for article, analysis in pairs:
        left |= store_json(article, analysis)
    settle(left)


def test_a_renamed_channel_redirects_and_keeps_its_followers(client):
    article = ArticleFactory()
    store_json(article, _city("02"))
    old = Channel.objects.get(kind="city")
    reader = UserFactory()
    FollowFactory(user=reader, channel=old)
    new_analysis = _city("02")
    new_analysis["places"][0]["admin1_code"] = ""  # a slug without the numeric region code
    _reanalyse([(article, new_analysis)])

    new = Channel.objects.get(kind="city")
    assert new.slug == "almaty-kz" and not Channel.objects.filter(slug=old.slug).exists()
    page = client.get(f"/c/city/{old.slug}/")
    assert page.status_code == 301 and page["Location"].endswith("/c/city/almaty-kz/")
    assert client.get(f"/api/v1/channels/city/{old.slug}").json()["slug"] == "almaty-kz"
    assert Follow.objects.get(user=reader).channel == new


def test_a_split_channel_lists_what_it_became_and_followers_follow_each(client):
    kazakh, american = ArticleFactory(), ArticleFactory()
    for article in (kazakh, american):
        store_json(article, _organisation("Senate", "senate"))
    old = Channel.objects.get(slug="senate")
    reader = UserFactory()
    FollowFactory(user=reader, channel=old)
    _reanalyse([(kazakh, _organisation("Senate", "senate-kz")),
                (american, _organisation("US Senate", "us-senate"))])

    page = client.get("/c/organisation/senate/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "/c/organisation/senate-kz/" in body and "/c/organisation/us-senate/" in body
    api = client.get("/api/v1/channels/organisation/senate").json()
    assert {c["slug"] for c in api["successors"]} == {"senate-kz", "us-senate"}
    assert set(Follow.objects.filter(user=reader).values_list("channel__slug", flat=True)) == {"senate-kz", "us-senate"}


def test_a_channel_still_in_use_is_left_alone(client):
    first, second = ArticleFactory(), ArticleFactory()
    for article in (first, second):
        store_json(article, _organisation("Senate", "senate"))
    _reanalyse([(first, _organisation("US Senate", "us-senate"))])  # the second still says "Senate"

    assert ArticleChannel.objects.filter(channel__slug="senate").count() == 1
    page = client.get("/c/organisation/senate/")
    assert page.status_code == 200 and "is now" not in page.content.decode()


def test_unrelated_names_are_not_successors():
    article = ArticleFactory()
    store_json(article, _organisation("Lefthand", "lefthand"))
    _reanalyse([(article, _organisation("Boulder County Sheriff's Office", "boulder-county-sheriffs-office"))])
    assert Channel.objects.get(slug="lefthand").moves_out.count() == 0
