"""Analyses become channels: stored idempotently, shown on article and channel pages, served by the API."""

import pytest

from localwire.channels.models import ArticleChannel, Channel
from localwire.channels.store import place_slug
from localwire.channels.tests.stored import store_json
from localwire.nlp.analysis import Analysis, PlaceHit
from localwire.testing.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ANALYSIS = {
    "language": "en", "analyzer_version": "test-1",
    "topics": [{"code": "medtop:03000000", "label": "disaster, accident and emergency incident",
                "channel": "Disasters & Accidents", "score": 0.95},
               {"code": "medtop:20000148", "label": "disaster", "channel": "Natural Disasters", "score": 0.9}],
    "entities": [
        {"text": "Darnell Hayes", "type": "PER", "start": 10, "end": 23, "name": "Darnell Hayes",
         "kind": "person", "slug": "darnell-hayes", "salience": 1.0},
        {"text": "Hayes", "type": "PER", "start": 40, "end": 45, "name": "Darnell Hayes",
         "kind": "person", "slug": "darnell-hayes", "salience": 1.0},
        {"text": "Red Cross", "type": "ORG", "start": 60, "end": 69, "name": "Red Cross",
         "kind": "organisation", "slug": "red-cross", "salience": 0.4},
        {"text": "Monday", "type": "MISC", "start": 80, "end": 86},
    ],
    "places": [
        {"name": "Little Rock", "kind": "city", "country_code": "US", "admin1_code": "AR", "lat": 34.7,
         "lon": -92.3, "geonameid": 4119403, "role": "dateline", "salience": 1.0},
        {"name": "Arkansas", "kind": "region", "country_code": "US", "admin1_code": "AR", "lat": None,
         "lon": None, "geonameid": None, "role": "mentioned", "salience": 0.5},
        {"name": "United States", "kind": "country", "country_code": "US", "admin1_code": "", "lat": None,
         "lon": None, "geonameid": 6252001, "role": "mentioned", "salience": 0.5},
    ],
    "keyphrases": ["EF-3", "Tornado", "Storm Shelters", "Power Outages"],
}


def test_store_is_idempotent_and_links_every_kind():
    article = ArticleFactory()
    store_json(article, ANALYSIS)
    store_json(article, ANALYSIS)
    kinds = sorted(ArticleChannel.objects.filter(article=article).values_list("channel__kind", flat=True))
    assert kinds.count("person") == 1 and kinds.count("tag") == 4 and kinds.count("topic") == 2
    assert {"city", "region", "country", "organisation"} <= set(kinds)
    article.refresh_from_db()
    assert article.keyphrases == ANALYSIS["keyphrases"] and article.analysis_version == "test-1"
    assert Channel.objects.get(kind="city").slug == "little-rock-ar-us"


def test_two_springfields_are_two_channels():
    def springfield(state: str) -> PlaceHit:
        return PlaceHit.from_json({"name": "Springfield", "kind": "city", "admin1_code": state, "country_code": "US",
                                   "role": "mentioned"})

    assert place_slug(springfield("IL")) != place_slug(springfield("MO"))


def test_article_page_shows_the_blocks(client):
    article = ArticleFactory()
    store_json(article, ANALYSIS)
    other = ArticleFactory(publisher=article.publisher)
    store_json(other, {**ANALYSIS, "entities": [], "keyphrases": [],
                           "topics": [{"code": "medtop:17000000", "label": "weather", "channel": "Weather",
                                       "score": 0.8}]})
    html = client.get(article.get_absolute_url()).content.decode()
    for heading in ("Related people", "Related local channels", "In this article", "You may also like"):
        assert heading in html
    assert 'href="/c/person/darnell-hayes/"' in html
    assert html.index("Little Rock") < html.index("United States")
    assert "Disasters &amp; Accidents" in html
    assert 'href="/c/topic/weather/"' in html  # shares places with this article, not shown yet


def test_channel_page_lists_its_articles_and_related_channels(client):
    article = ArticleFactory(title="Tornado damage in Little Rock")
    store_json(article, ANALYSIS)
    html = client.get("/c/city/little-rock-ar-us/").content.decode()
    assert "Tornado damage in Little Rock" in html and "Related channels" in html
    assert client.get("/c/city/nowhere/").status_code == 404


def test_api_article_detail_and_channel_endpoint(client):
    article = ArticleFactory()
    store_json(article, ANALYSIS)
    data = client.get(f"/api/v1/articles/{article.pk}").json()
    assert data["topics"][0] == {"code": "medtop:03000000", "label": "disaster, accident and emergency incident",
                                 "score": 0.95, "channel": "Disasters & Accidents", "slug": "disasters-accidents"}
    assert {"name": "Darnell Hayes", "kind": "person", "slug": "darnell-hayes", "salience": 1.0,
            "description": "", "country_code": ""} in data["entities"]
    dateline = next(p for p in data["places"] if p["role"] == "dateline")
    assert (dateline["name"], dateline["kind"], dateline["admin1_code"]) == ("Little Rock", "city", "AR")
    assert dateline["geonameid"] == 4119403
    assert data["keyphrases"] == ANALYSIS["keyphrases"] and data["language"] == "en"
    channel = client.get("/api/v1/channels/person/darnell-hayes").json()
    assert channel["name"] == "Darnell Hayes" and [a["id"] for a in channel["articles"]] == [article.pk]
    assert client.get("/api/v1/channels/person/nobody").status_code == 404


@pytest.mark.slow
def test_reanalyze_updates_only_stale_articles():
    from localwire.nlp.analyze import ANALYZER_VERSION
    from localwire.pipeline.reanalyze import reanalyze, stale_article_ids

    stale = ArticleFactory(title="Tornado hits Little Rock", analysis_version="old",
                           text="LITTLE ROCK, Ark. — A tornado destroyed homes on Monday, Fire Chief Darnell "
                                "Hayes said. Rescuers searched collapsed buildings through the night.")
    current = ArticleFactory(analysis_version=ANALYZER_VERSION)
    assert stale_article_ids() == [stale.pk]
    assert reanalyze(stale_article_ids()) == 1
    stale.refresh_from_db()
    assert stale.analysis_version == ANALYZER_VERSION and stale.analyzed_at is not None
    kinds = set(ArticleChannel.objects.filter(article=stale).values_list("channel__kind", flat=True))
    assert {"topic", "city", "person"} <= kinds
    assert not ArticleChannel.objects.filter(article=current).exists()
    assert stale_article_ids() == []


def test_operator_merge_moves_articles_keeps_an_alias_and_redirects(client):
    from localwire.channels.actions import merge_channels
    from localwire.channels.store import channel

    first, second = ArticleFactory(), ArticleFactory()
    store_json(first, {**ANALYSIS, "entities": [{"text": "Sasha Ivanova", "type": "PER", "start": 0, "end": 13,
                                                     "name": "Sasha Ivanova", "kind": "person", "slug": "sasha-ivanova",
                                                     "salience": 0.8}]})
    store_json(second, {**ANALYSIS, "entities": [{"text": "Alexandra Ivanova", "type": "PER", "start": 0, "end": 17,
                                                      "name": "Alexandra Ivanova", "kind": "person",
                                                      "slug": "alexandra-ivanova", "salience": 1.0}]})
    source = Channel.objects.get(kind="person", slug="sasha-ivanova")
    target = Channel.objects.get(kind="person", slug="alexandra-ivanova")

    assert merge_channels(source, target, by="operator") == 1

    assert not Channel.objects.filter(slug="sasha-ivanova").exists()
    assert set(target.article_links.values_list("article_id", flat=True)) == {first.pk, second.pk}
    assert channel("person", "sasha-ivanova", "Sasha Ivanova") == target  # future analyses land on the target
    response = client.get("/c/person/sasha-ivanova/")
    assert response.status_code == 301 and response["Location"] == "/c/person/alexandra-ivanova/"
    assert client.get("/api/v1/channels/person/sasha-ivanova").json()["slug"] == "alexandra-ivanova"


def test_a_lone_surname_joins_the_one_known_person_of_that_name():
    full = {**ANALYSIS, "entities": [{"text": "Serik Abenov", "type": "PER", "start": 0, "end": 12,
                                      "name": "Serik Abenov", "kind": "person", "slug": "serik-abenov",
                                      "salience": 1.0}]}
    lone = {**ANALYSIS, "entities": [{"text": "Abenov", "type": "PER", "start": 0, "end": 6, "name": "Abenov",
                                      "kind": "person", "slug": "abenov", "salience": 1.0}]}
    store_json(ArticleFactory(), full)
    later = ArticleFactory()
    store_json(later, lone)
    assert later.channel_links.filter(channel__slug="serik-abenov").exists()
    assert not Channel.objects.filter(kind="person", slug="abenov").exists()


def test_an_article_the_models_choke_on_is_marked_not_fatal(monkeypatch):
    from localwire.nlp import analyze
    from localwire.pipeline.reanalyze import reanalyze

    good, bad = ArticleFactory(title="Council meets"), ArticleFactory(title="POISON")

    def fake_batch(items):
        if any(i.title == "POISON" for i in items):
            raise RuntimeError("model crashed")
        return [Analysis(language="en", analyzer_version=analyze.ANALYZER_VERSION, keyphrases=("Council",))
                for _ in items]

    monkeypatch.setattr(analyze, "analyze_batch", fake_batch)
    assert reanalyze([good.pk, bad.pk]) == 2
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.keyphrases == ["Council"] and good.analysis_note == ""
    assert "failed" in bad.analysis_note and bad.analysis_version == analyze.ANALYZER_VERSION


def test_two_workers_never_claim_the_same_article_for_analysis():
    from datetime import timedelta

    from django.utils import timezone

    from localwire.pipeline.reanalyze import stale_article_ids
    from localwire.pipeline.runner import ANALYSIS_LEASE, claim_for_analysis

    articles = [ArticleFactory(analysis_version="old") for _ in range(3)]
    ids = [a.pk for a in articles]
    first = claim_for_analysis(ids[:2])
    second = claim_for_analysis(ids)
    assert sorted(first) == sorted(ids[:2]) and second == [ids[2]]
    assert stale_article_ids() == []  # all three are held by someone
    later = timezone.now() + ANALYSIS_LEASE + timedelta(seconds=1)
    assert sorted(claim_for_analysis(ids, now=later)) == sorted(ids)  # a dead worker's lease runs out


@pytest.mark.slow
def test_reanalyze_skips_articles_another_worker_holds():
    from localwire.nlp.analyze import ANALYZER_VERSION
    from localwire.pipeline.reanalyze import reanalyze
    from localwire.pipeline.runner import claim_for_analysis

    held, free = ArticleFactory(analysis_version="old"), ArticleFactory(analysis_version="old")
    claim_for_analysis([held.pk])
    assert reanalyze([held.pk, free.pk]) == 1
    held.refresh_from_db()
    free.refresh_from_db()
    assert held.analysis_version == "old" and free.analysis_version == ANALYZER_VERSION
    assert free.analysis_claimed_until is None  # released once stored


def test_a_surname_seen_first_joins_the_full_name_when_it_arrives():
    lone = {**ANALYSIS, "entities": [{"text": "Abenov", "type": "PER", "start": 0, "end": 6, "name": "Abenov",
                                      "kind": "person", "slug": "abenov", "role": "President", "salience": 1.0}]}
    full = {**ANALYSIS, "entities": [{"text": "Serik Abenov", "type": "PER", "start": 0, "end": 12,
                                      "name": "Serik Abenov", "kind": "person", "slug": "serik-abenov",
                                      "role": "President", "salience": 1.0}]}
    early, later = ArticleFactory(), ArticleFactory()
    store_json(early, lone)
    store_json(later, full)
    person = Channel.objects.get(kind="person", slug="serik-abenov")
    assert set(person.article_links.values_list("article_id", flat=True)) == {early.pk, later.pk}
    assert person.description == "President"
    assert not Channel.objects.filter(kind="person", slug="abenov").exists()


def test_an_abbreviation_spelled_out_once_names_the_same_organisation_later():
    spelled = {**ANALYSIS, "entities": [
        {"text": "Federal Emergency Management Agency", "type": "ORG", "start": 0, "end": 35,
         "name": "Federal Emergency Management Agency", "kind": "organisation",
         "slug": "federal-emergency-management-agency", "aliases": ["FEMA"], "salience": 1.0}]}
    short = {**ANALYSIS, "entities": [{"text": "FEMA", "type": "ORG", "start": 0, "end": 4, "name": "FEMA",
                                       "kind": "organisation", "slug": "fema", "salience": 1.0}]}
    first, second = ArticleFactory(), ArticleFactory()
    store_json(first, spelled)
    store_json(second, short)
    agency = Channel.objects.get(kind="organisation", slug="federal-emergency-management-agency")
    assert set(agency.article_links.values_list("article_id", flat=True)) == {first.pk, second.pk}
    assert not Channel.objects.filter(kind="organisation", slug="fema").exists()


def test_places_get_descriptions():
    store_json(ArticleFactory(), {**ANALYSIS, "places": [
        {"name": "Little Rock", "kind": "city", "country_code": "US", "admin1_code": "AR", "lat": 34.7,
         "lon": -92.3, "geonameid": 4119403, "role": "dateline", "salience": 1.0,
         "description": "City in Arkansas, United States"}]})
    assert Channel.objects.get(kind="city").description == "City in Arkansas, United States"


def test_related_channels_prefer_the_specific_over_the_ubiquitous():
    from localwire.channels.queries import related_channels

    def link(article, ch, relation=ArticleChannel.Relation.SUBJECT):
        ArticleChannel.objects.create(article=article, channel=ch, relation=relation, score=1.0)

    abenov = Channel.objects.create(kind="person", slug="serik-abenov", name="Serik Abenov")
    ministry = Channel.objects.create(kind="organisation", slug="interior-ministry", name="Interior Ministry")
    politics = Channel.objects.create(kind="topic", slug="politics", name="Politics")
    story = [ArticleFactory() for _ in range(3)]
    for article in story:
        link(article, abenov)
        link(article, politics, ArticleChannel.Relation.TOPIC)
    for article in story[:2]:
        link(article, ministry)
    for _ in range(30):  # politics is on everything else too
        link(ArticleFactory(), politics, ArticleChannel.Relation.TOPIC)
    assert related_channels([abenov.pk]) == [ministry, politics]


def test_a_publisher_without_a_home_city_gets_the_city_its_articles_share():
    from localwire.channels.queries import inferred_home
    from localwire.testing.factories import PublisherFactory

    publisher = PublisherFactory(home_city="")
    town = Channel.objects.create(kind="city", slug="alexandria-la-us", name="Alexandria", code="4314550")
    articles = [ArticleFactory(publisher=publisher) for _ in range(4)]
    assert inferred_home(publisher.pk) is None
    for article in articles[:3]:
        ArticleChannel.objects.create(article=article, channel=town, relation="mentioned", score=1.0)
    ArticleChannel.objects.create(article=articles[3], channel=Channel.objects.create(
        kind="topic", slug="crime", name="Crime"), relation="topic", score=1.0)
    assert inferred_home(publisher.pk) == town


def test_a_tag_never_shares_a_name_or_slug_with_an_entity_of_the_same_analysis():
    senate = {"text": "Senate", "type": "ORG", "start": 4, "end": 10, "name": "Senate", "kind": "organisation",
              "slug": "senate-kz", "salience": 1.0, "country": "KZ"}
    ledger = {"text": "Grain Board", "type": "ORG", "start": 20, "end": 31, "name": "Grain Board",
              "kind": "organisation", "slug": "grain-board", "salience": 0.5}
    kazakhstan = {"name": "Kazakhstan", "kind": "country", "country_code": "KZ", "admin1_code": "", "lat": 48.0,
                  "lon": 68.0, "geonameid": 1522867, "role": "mentioned", "salience": 0.5}
    article = ArticleFactory()
    store_json(article, {**ANALYSIS, "entities": [senate, ledger], "places": [kazakhstan],
                             "keyphrases": ["Senate", "Grain Board", "Export Quotas", "Wheat"]})
    tags = set(ArticleChannel.objects.filter(article=article, channel__kind="tag").values_list("channel__slug", flat=True))
    assert tags == {"export-quotas", "wheat"}
    organisation = Channel.objects.get(kind="organisation", slug="senate-kz")
    assert organisation.country_code == "KZ" and organisation.description == "Kazakhstan"  # which Senate it is
    assert not Channel.objects.filter(slug__in=["senate", "grain-board"], kind="tag").exists()


@pytest.mark.slow
def test_reanalyze_reads_the_stored_images_captions():
    from localwire.pipeline.reanalyze import reanalyze
    from localwire.testing.factories import ImageFactory

    article = ArticleFactory(title="Harbour reopens", analysis_version="old",
                             text="GDANSK, Poland — The harbour reopened to ferries on Monday after repairs.")
    ImageFactory(article=article, caption="Harbour master Zofia Wrzesniewska watches the first ferry leave.",
                 credit="(MP Photo/Dana Whitfield)")
    assert reanalyze([article.pk]) == 1
    people = set(ArticleChannel.objects.filter(article=article, channel__kind="person")
                 .values_list("channel__name", flat=True))
    assert people == {"Zofia Wrzesniewska"}
