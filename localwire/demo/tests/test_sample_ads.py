"""The demo's sample ads: made once, aimed at the cities with news, and shown on their articles."""

import pytest

from localwire.ads import decide
from localwire.ads.context import for_article
from localwire.ads.models import Advertiser, Campaign
from localwire.ads.tests.delivery_fixtures import article_about, city, clean_slate, reader_request  # noqa: F401
from localwire.demo.sample_ads import ADVERTISER, seed_sample_ads

pytestmark = pytest.mark.django_db


def test_sample_campaigns_show_on_the_news_of_the_busiest_cities(clean_slate):  # noqa: F811
    springfield = city("Springfield", "springfield-il-us", 39.80, -89.64)
    quiet = city("Quietville", "quietville-us", 40.0, -90.0)
    story = article_about(springfield)
    article_about(springfield)

    assert seed_sample_ads("http://127.0.0.1:9/") == 1
    assert seed_sample_ads("http://127.0.0.1:9/") == 0  # a restarted demo makes no second advertiser
    campaign = Campaign.objects.get(advertiser__name=ADVERTISER)
    assert campaign.channels == ["city/springfield-il-us"] and campaign.status == "approved"
    assert Advertiser.objects.get(name=ADVERTISER).balance > 0
    assert not Advertiser.objects.get(name=ADVERTISER).owner.has_usable_password()

    ad = decide.choose(reader_request(), for_article(story.pk))
    assert ad is not None and ad.reason == "Shown on news about Springfield"
    assert decide.choose(reader_request(address="198.51.100.9"), for_article(article_about(quiet).pk)) is None
