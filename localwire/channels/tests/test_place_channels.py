"""Place channels: readable slugs whose old forms redirect, and a story's places being what it is about."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from localwire.channels.models import ArticleChannel, Channel
from localwire.channels.tests.stored import store_json
from localwire.testing.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ALMATY = {"name": "Almaty", "kind": "city", "country_code": "KZ", "admin1_code": "02", "lat": 43.25,
          "lon": 76.91, "geonameid": 1526384, "role": "dateline", "salience": 1.0, "slug": "almaty-kz",
          "description": "City in Kazakhstan", "start": 0, "end": 6, "mentions": [[0, 6]]}


def _analysis(*places):
    return {"language": "en", "analyzer_version": "test-1", "topics": [], "entities": [],
            "places": list(places), "keyphrases": []}


def test_a_place_channel_under_its_old_numeric_slug_moves_to_the_readable_one(client):
    from localwire.community.models import Follow

    old = Channel.objects.create(kind="city", slug="almaty-02-kz", name="Almaty", country_code="KZ")
    earlier = ArticleFactory()
    ArticleChannel.objects.create(article=earlier, channel=old, relation="dateline", score=1.0)
    reader = get_user_model().objects.create_user("reader", password="pw-for-tests-only")
    Follow.objects.create(user=reader, channel=old)
    store_json(ArticleFactory(), _analysis(ALMATY))
    almaty = Channel.objects.get(kind="city", slug="almaty-kz")
    assert not Channel.objects.filter(slug="almaty-02-kz").exists()
    assert set(almaty.article_links.values_list("article_id", flat=True)) >= {earlier.pk}
    assert Follow.objects.get(user=reader).channel == almaty  # the follow moved with the channel
    response = client.get("/c/city/almaty-02-kz/")
    assert response.status_code == 301 and response["Location"] == "/c/city/almaty-kz/"


def test_a_new_place_channel_keeps_its_old_address_too(client):
    store_json(ArticleFactory(), _analysis(ALMATY))
    response = client.get("/c/city/almaty-02-kz/")
    assert response.status_code == 301 and response["Location"] == "/c/city/almaty-kz/"


def test_counties_and_continents_are_channels(client):
    county = {**ALMATY, "name": "Boone County", "kind": "county", "country_code": "US", "admin1_code": "KY",
              "slug": "boone-county-ky-us", "role": "mentioned"}
    europe = {**ALMATY, "name": "Europe", "kind": "continent", "country_code": "", "admin1_code": "",
              "slug": "europe", "role": "mentioned", "geonameid": 6255148}
    store_json(ArticleFactory(), _analysis(county, europe))
    assert client.get("/c/county/boone-county-ky-us/").status_code == 200
    assert client.get("/c/continent/europe/").status_code == 200


@pytest.mark.slow
def test_a_spending_bill_story_is_not_set_where_one_paragraph_sends_aid():
    """The demo's Congress story: one article says the bill funds aid for the tornado 'in Little Rock,
    Ark., and by wildfires in Colorado'. The story is in Washington, not in Arkansas or Colorado."""
    from localwire.demo.corpus import load_corpus
    from localwire.channels.store import store_analysis
    from localwire.nlp.analyze import ArticleInput, analyze_batch
    from localwire.stories.models import Story, StoryMember
    from localwire.stories.queries import story_channels
    from localwire.channels.models import PLACE_KINDS

    corpus = load_corpus()
    demo = [a for a in corpus.articles if a.story == "washington-spending-bill"]
    inputs = [ArticleInput(a.title, a.text) for a in demo]
    now = timezone.now()
    story = Story.objects.create(headline=demo[0].title, article_count=len(demo), outlet_count=1,
                                 first_seen=now, last_seen=now)
    for analysis in analyze_batch(inputs):
        article = ArticleFactory()
        store_analysis(article, analysis)
        StoryMember.objects.create(story=story, article=article)
    named = {c.name for c in story_channels(story, PLACE_KINDS)}
    assert "Washington" in named
    assert not named & {"Arkansas", "Colorado", "Little Rock"}
