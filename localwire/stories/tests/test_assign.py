"""Stories in the database: articles join the story they cover; pages and the API show it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from localwire.nlp import embedding
from localwire.articles.pending import Step, done
from localwire.stories.assign import assign_pending, assign_story, choose, settle
from localwire.stories.models import MergedStory, Story, StoryMember, StoryTerm
from localwire.stories.syndicated import syndicate
from localwire.stories.tests.test_clustering import ELECTION, QUAKE, QUAKE_OTHER_OUTLET
from localwire.testing.factories import ArticleFactory, PublisherFactory, StoredArticleFactory

pytestmark = pytest.mark.django_db


def _article(publisher, title, text, hours_ago):
    return ArticleFactory(publisher=publisher, title=title, text=text,
                          published_at=timezone.now() - timedelta(hours=hours_ago))


def test_coverage_of_one_event_is_one_story_with_its_outlets(client):
    wire, paper = PublisherFactory(name="Meridian Press"), PublisherFactory(name="Gulf Ledger")
    first = _article(wire, "Earthquake hits Iranian island", QUAKE, 5)
    second = _article(paper, "Quake injures dozens on Qeshm", QUAKE_OTHER_OUTLET + " By evening the Red Crescent "
                      "said 31 people had been injured.", 3)
    copy = _article(paper, "Island quake: what we know", "Our wire partner reports. " + QUAKE, 2)
    election = _article(paper, "Reformists register for Iran's election", ELECTION, 1)
    for article in (first, second, copy, election):
        syndicate(article)
    story = assign_story(first)
    assert assign_story(second) == story and assign_story(copy) == story
    assert assign_story(election) != story
    assert assign_story(first) == story  # idempotent
    story.refresh_from_db()
    assert (story.article_count, story.outlet_count) == (3, 2)
    assert story.first_seen == first.published_at and story.last_seen == copy.published_at

    page = client.get(story.get_absolute_url()).content.decode()
    assert "Full coverage" in page and "Quake injures dozens on Qeshm" in page
    figures = page.split("How the figures moved")[1].split("</dl>")[0]
    assert "31" in figures and "dozens" not in figures  # "dozens" is no figure: never 24
    assert page.count("Island quake: what we know") == 0 and "via Gulf Ledger" in page  # the copy folds
    article_page = client.get(second.get_absolute_url()).content.decode()
    assert "More coverage of this story" in article_page and "Earthquake hits Iranian island" in article_page
    own_copy_page = client.get(copy.get_absolute_url()).content.decode()
    coverage = own_copy_page.split("More coverage of this story")[1].split("</section>")[0]
    assert "Earthquake hits Iranian island" not in coverage  # its own original is not "more coverage"

    api = client.get(f"/api/v1/stories/{story.pk}").json()
    assert api["article_count"] == 3 and {o["name"] for o in api["outlets"]} == {"Meridian Press", "Gulf Ledger"}
    assert [a["id"] for a in api["articles"]] == [first.pk, second.pk]
    assert api["syndication_groups"][0]["copies"][0]["id"] == copy.pk
    assert [(p["quantity"], p["value"], p["article_id"]) for p in api["timeline"]] == [("injured", 31, second.pk)]
    assert client.get(f"/api/v1/articles/{second.pk}").json()["story_id"] == story.pk
    assert [s["id"] for s in client.get("/api/v1/stories").json()["items"]] == [election.story_membership.story_id,
                                                                              story.pk]


def test_articles_left_outside_stories_are_picked_up():
    first = StoredArticleFactory(title="Earthquake hits Iranian island", text=QUAKE)
    second = StoredArticleFactory(title="Quake injures dozens on Qeshm", text=QUAKE_OTHER_OUTLET)
    done(Step.SYNDICATION, [first.pk, second.pk])  # grouped, or never to be: a story does not wait
    assert assign_pending() == 2 and assign_pending() == 0
    assert first.story_membership.story_id == second.story_membership.story_id


def test_top_stories_rank_outlets_recency_and_pace(client):
    from localwire.stories.models import Story, StoryMember
    from localwire.stories.queries import top_stories

    now = timezone.now()

    def story(headline, outlets, hours_ago, articles):
        item = Story.objects.create(headline=headline, first_seen=now - timedelta(hours=hours_ago + 1),
                                    last_seen=now - timedelta(hours=hours_ago), outlet_count=outlets,
                                    article_count=articles)
        for _ in range(articles):
            StoryMember.objects.create(story=item, article=ArticleFactory(
                published_at=now - timedelta(hours=hours_ago)))
        return item

    wide_but_old = story("Covered widely yesterday", 6, 30, 6)
    busy = story("Arriving fast now", 3, 1, 5)
    steady = story("Two outlets this morning", 2, 2, 2)
    single = story("One outlet only", 1, 0, 3)
    stale = story("Last week", 9, 24 * 7, 9)
    assert top_stories(now) == [busy, steady, wide_but_old]
    assert single not in top_stories(now) and stale not in top_stories(now)
    assert "Top stories" in client.get("/").content.decode()


def test_related_lists_same_story_then_shared_people_then_local_never_a_copy_twice(client):
    from localwire.channels.models import ArticleChannel, Channel
    from localwire.stories.related import related_articles

    wire, paper = PublisherFactory(name="Meridian Press"), PublisherFactory(name="Gulf Ledger")
    quake = _article(wire, "Earthquake hits Iranian island", QUAKE, 9)
    other_outlet = _article(paper, "Quake injures dozens on Qeshm", QUAKE_OTHER_OUTLET, 8)
    copy = _article(paper, "Island quake: what we know", "Our wire partner reports. " + QUAKE, 7)
    governor = _article(paper, "Governor visits Qeshm shelters", ELECTION.replace("Tehran", "Bandar Abbas"), 2)
    for article in (quake, other_outlet, copy, governor):
        syndicate(article)
        assign_story(article)
    person = Channel.objects.create(kind="person", slug="reza-kamali", name="Reza Kamali")
    for article in (quake, governor):
        ArticleChannel.objects.create(article=article, channel=person, relation="subject", score=1.0)
    older_local = _article(wire, "Markets close higher", "Shares rose on Monday in quiet trading.", 30)

    related = [(a.pk, reason) for a, reason in related_articles(quake)]
    assert related[0] == (other_outlet.pk, "same story")
    assert (governor.pk, "Also about Reza Kamali") in related and (older_local.pk, "local") in related
    assert copy.pk not in [pk for pk, _ in related]  # a copy of this very article is no news
    detail = client.get(f"/api/v1/articles/{quake.pk}").json()["related"]
    assert [(r["id"], r["reason"]) for r in detail] == related
    page = client.get(quake.get_absolute_url()).content.decode()
    assert "Related stories" in page and "Governor visits Qeshm shelters" in page
    assert "Also about Reza Kamali" in page.split("Related stories")[1]


def test_related_stories_share_a_name_and_say_which_never_a_generic_one_across_countries(client):
    """An Almaty protest and Kenyan floods both name an "Interior Ministry" and are both news of the
    day: no relation. Another Almaty story, or one naming the same president, is."""
    from localwire.channels.models import ArticleChannel, Channel
    from localwire.stories.related import related_articles

    wire, paper = PublisherFactory(name="Meridian Press"), PublisherFactory(name="Gulf Ledger")
    from localwire.demo.corpus import load_corpus

    demo = load_corpus().by_key("meridian/almaty-fuel-protests-detained")
    protest = _article(wire, demo.title, demo.text, 9)
    floods = _article(paper, "Floods displace thousands in Nairobi",
                      "NAIROBI, Kenya — Floods forced 4,000 people from their homes, the Interior Ministry said.", 8)
    metro = _article(paper, "Almaty metro reopens after signal repairs",
                     "ALMATY, Kazakhstan — The city's metro reopened on Monday after engineers replaced signalling "
                     "cables at two stations, the transport department said. Trains will run every six minutes at "
                     "rush hour, and fares stay unchanged until spring.", 7)
    speech = _article(paper, "Abenov names a new cabinet",
                      "President Serik Abenov named a new cabinet on Wednesday, keeping the finance minister.", 6)
    for article in (protest, floods, metro, speech):
        assign_story(article)

    def link(kind, name, country, *articles):
        channel = Channel.objects.create(kind=kind, slug=name.lower().replace(" ", "-"), name=name,
                                         country_code=country)
        for article in articles:
            ArticleChannel.objects.create(article=article, channel=channel, relation="mentioned", score=0.8)

    link("organisation", "Interior Ministry", "", protest, floods)
    link("city", "Almaty", "KZ", protest, metro)
    link("country", "Kazakhstan", "KZ", protest, metro)
    link("city", "Nairobi", "KE", floods)
    link("person", "Serik Abenov", "", protest, speech)

    related = dict((a.pk, reason) for a, reason in related_articles(protest))
    assert related[metro.pk] == "Also about Almaty" and related[speech.pk] == "Also about Serik Abenov"
    assert floods.pk not in related
    api = client.get(f"/api/v1/articles/{protest.pk}").json()["related"]
    assert {(r["id"], r["reason"]) for r in api} == set(related.items())
    page = client.get(protest.get_absolute_url()).content.decode().split("Related stories")[1]
    assert "Also about Almaty" in page and "Floods displace thousands in Nairobi" not in page


def test_two_workers_starting_the_same_story_at_once_end_in_one(client):
    """Both searches run before either start commits, as on two workers; each then settles."""
    wire, paper = PublisherFactory(name="Meridian Press"), PublisherFactory(name="Gulf Ledger")
    first = _article(wire, "Earthquake hits Iranian island", QUAKE, 2)
    second = _article(paper, "Quake injures dozens on Qeshm", QUAKE_OTHER_OUTLET, 2)
    first_choice, second_choice = choose(first), choose(second)
    assert first_choice.story is None and second_choice.story is None
    started = settle(first, first_choice)
    assert settle(second, second_choice) == started
    assert Story.objects.count() == 1
    started.refresh_from_db()
    assert (started.article_count, started.outlet_count) == (2, 2)
    assert sorted(started.members.values_list("article_id", flat=True)) == [first.pk, second.pk]
    assert embedding.from_bytes(started.dense).shape == (embedding.dimensions(),)
    assert StoryTerm.objects.filter(story=started).exists()
    gone = MergedStory.objects.get(story=started).old_id  # the second worker's story, merged away
    assert client.get(f"/story/{gone}/").headers["Location"] == started.get_absolute_url()
    api = client.get(f"/api/v1/stories/{gone}")
    assert api.status_code == 301 and api.headers["Location"] == f"/api/v1/stories/{started.pk}"
    assert client.get(f"/story/{gone + 1000}/").status_code == 404


def test_two_workers_placing_one_article_at_once_leave_it_in_one_story():
    """A sweep and the worker that stored the article both chose before either placed it: the
    second to settle finds it placed, keeps that placement and leaves no story of its own."""
    wire, paper = PublisherFactory(name="Meridian Press"), PublisherFactory(name="Gulf Ledger")
    first = _article(wire, "Earthquake hits Iranian island", QUAKE, 2)
    placed = assign_story(first)
    second = _article(paper, "Quake injures dozens on Qeshm", QUAKE_OTHER_OUTLET, 2)
    sweep_choice, worker_choice = choose(second), choose(second)
    assert settle(second, worker_choice) == placed
    assert settle(second, sweep_choice) == placed
    lone = _article(paper, "Reformists register for Iran's election", ELECTION, 2)
    lone_choice = choose(lone)
    started = settle(lone, lone_choice)
    assert settle(lone, lone_choice) == started  # a start that lost the race rolls back its story
    assert Story.objects.count() == 2 and StoryMember.objects.filter(article=second).count() == 1
    placed.refresh_from_db()
    assert placed.article_count == 2


def test_stories_started_far_apart_are_not_taken_for_twins():
    paper = PublisherFactory()
    quake = _article(paper, "Earthquake hits Iranian island", QUAKE, 2)
    election = _article(paper, "Reformists register for Iran's election", ELECTION, 2)
    quake_choice, election_choice = choose(quake), choose(election)
    assert settle(quake, quake_choice) != settle(election, election_choice)


def test_a_wire_round_up_days_later_joins_the_unrest_it_sums_up_in_the_tables():
    """The demo's Almaty reports as they arrive, then an agency's round-up and a paper's copy of it:
    all one story, the grain law from the same country another (through ``assign_story``)."""
    from datetime import datetime

    from localwire.stories.tests.unrest import coverage, unrest_keys

    publishers, articles = {}, {}
    for row in coverage():
        outlet = row["id"].split("/")[0]
        publisher = publishers.setdefault(outlet, PublisherFactory(name=outlet.title()))
        article = ArticleFactory(publisher=publisher, title=row["title"], text=row["text"],
                                 published_at=datetime.fromisoformat(row["published_at"]))
        syndicate(article)
        assign_story(article)
        articles[row["id"]] = article

    def story(key):
        return StoryMember.objects.get(article=articles[key]).story_id

    unrest = story("meridian/almaty-fuel-protests-detained")
    assert story("wire/kazakh-leader-vows") == story("paper/kazakh-troops-copy") == unrest
    assert {story(key) for key in unrest_keys() - {"cascade/kazakhstan-protests-explainer"}} == {unrest}
    assert story("meridian/kazakhstan-grain-export-law") != unrest
    assert Story.objects.get(pk=unrest).anchors["aKZ"] >= 5


def test_two_earthquakes_on_one_day_in_two_countries_are_two_stories_in_the_tables():
    from localwire.stories.tests.test_clustering import IRAN_QUAKE, SUNDAY, TURKEY_QUAKE, TURKEY_QUAKE_OTHER_OUTLET

    wire, paper = PublisherFactory(name="Meridian Press"), PublisherFactory(name="Gulf Ledger")
    turkey = ArticleFactory(publisher=wire, title="Deadly quake hits eastern Turkey", text=TURKEY_QUAKE,
                            published_at=SUNDAY)
    again = ArticleFactory(publisher=paper, title="Quake kills four in eastern Turkey", text=TURKEY_QUAKE_OTHER_OUTLET,
                           published_at=SUNDAY + timedelta(hours=3))
    iran = ArticleFactory(publisher=paper, title="Deadly quake hits western Iran", text=IRAN_QUAKE,
                          published_at=SUNDAY + timedelta(hours=5))
    assert assign_story(turkey) == assign_story(again) != assign_story(iran)
