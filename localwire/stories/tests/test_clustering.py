"""Online story clustering on texts written for these tests."""

from datetime import datetime, timedelta, timezone

from localwire.stories.clustering import Rule, StoryIndex

IDF = {}  # every word equally rare: the tests do not lean on a trained table

QUAKE = ("A magnitude 6.1 earthquake struck near Qeshm island off southern Iran on Sunday, injuring dozens "
         "and damaging homes in three villages, the Red Crescent said. Rescue teams reached Qeshm by boat.")
QUAKE_OTHER_OUTLET = ("Dozens were hurt when an earthquake of magnitude 6.1 shook Qeshm island in southern Iran, "
                      "damaging homes in several villages; Red Crescent rescue teams arrived by boat on Sunday.")
ELECTION = ("Iran's reformist candidates registered on Monday for parliamentary elections in Tehran, where the "
            "guardian council will vet every name before the vote in March, officials said.")


def test_two_outlets_on_one_event_are_one_story_and_another_event_in_the_same_country_is_not():
    index = StoryIndex(IDF, Rule(default_idf=5.0))
    first = index.add("a", "Earthquake hits Iranian island", QUAKE)
    assert index.add("b", "Quake injures dozens on Qeshm", QUAKE_OTHER_OUTLET) == first
    assert index.add("c", "Reformists register for Iran's election", ELECTION) != first
    assert index.stories[first].members == ["a", "b"]


def test_coverage_far_apart_in_time_starts_a_new_story():
    now = datetime(2026, 11, 1, tzinfo=timezone.utc)
    index = StoryIndex(IDF, Rule(default_idf=5.0))
    first = index.add("a", "Earthquake hits Iranian island", QUAKE, published_at=now)
    later = index.add("b", "Quake injures dozens on Qeshm", QUAKE_OTHER_OUTLET, published_at=now + timedelta(days=60))
    assert later != first


def test_stories_whose_coverage_converges_merge():
    """Two reports just under the bar stay apart until a third, close to both, joins one of them."""
    index = StoryIndex(IDF, Rule(default_idf=5.0, threshold=0.8, merge_threshold=0.75))
    first = index.add("a", "Earthquake hits Iranian island", QUAKE)
    second = index.add("b", "Quake injures dozens on Qeshm", QUAKE_OTHER_OUTLET)
    assert second != first
    index.add("c", "Quake on Qeshm island", QUAKE + " " + QUAKE_OTHER_OUTLET)
    assert len(index.stories) == 1 and index.find("a") == index.find("b") == index.find("c")
    assert sorted(next(iter(index.stories.values())).members) == ["a", "b", "c"]
    assert index.add("d", "Reformists register for Iran's election", ELECTION) != index.find("a")


def test_dense_vectors_join_paraphrased_coverage_that_shares_few_words():
    hurt = "Several villagers on Qeshm island were hurt when a strong tremor shook their homes before dawn."
    injured = "A powerful earthquake on Qeshm island injured residents and damaged houses early in the morning."
    words_only = StoryIndex(IDF, Rule(default_idf=5.0, dense_weight=0.0))
    assert words_only.add("a", "", hurt) != words_only.add("b", "", injured)
    both = StoryIndex(IDF, Rule(default_idf=5.0))
    assert both.add("a", "", hurt) == both.add("b", "", injured)


def test_stories_long_quiet_leave_memory_but_their_articles_keep_their_story():
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    index = StoryIndex(IDF, Rule(default_idf=5.0, dense_weight=0.0))
    old = index.add("old", "Earthquake hits Iranian island", QUAKE, published_at=start)
    for n in range(999):  # one made-up story a day after it, each with its own made-up words
        word = "qz" + "".join("abcdefghij"[int(d)] for d in str(n))
        index.add(n, word, f"{word}x {word}y {word}w", published_at=start + timedelta(days=40 + n))
    assert old not in index.stories and index.find("old") == old
    assert len(index.stories) == 2 * 14 + 1  # two windows of daily stories stay, each day inclusive


TURKEY_QUAKE = ("MALATYA, Turkey — A magnitude 6.1 earthquake struck eastern Turkey early Sunday, killing at "
                "least four people and injuring 90, the disaster agency said. Rescue teams searched collapsed "
                "buildings through the night, and aftershocks sent frightened residents into the streets.")
TURKEY_QUAKE_OTHER_OUTLET = ("A strong earthquake shook eastern Turkey on Sunday, killing four people and injuring "
                             "dozens, officials said. Rescuers searched the rubble of collapsed buildings as "
                             "aftershocks rattled the region.")
IRAN_QUAKE = ("KERMANSHAH, Iran — A strong earthquake struck western Iran on Sunday, killing at least three people "
              "and injuring dozens, the Red Crescent said. Rescue teams searched collapsed buildings, and "
              "aftershocks sent frightened residents into the streets.")
SUNDAY = datetime(2026, 3, 1, 18, tzinfo=timezone.utc)


def test_two_earthquakes_on_one_day_in_two_countries_are_two_stories():
    """Told in the same words, the quakes differ in where they struck: the places clash."""
    from localwire.nlp.topics import topic_model

    index = StoryIndex(topic_model().idf_table())
    turkey = index.add("tr", "Deadly quake hits eastern Turkey", TURKEY_QUAKE, SUNDAY)
    assert index.add("tr2", "Quake kills four in eastern Turkey", TURKEY_QUAKE_OTHER_OUTLET,
                     SUNDAY + timedelta(hours=3)) == turkey
    assert index.add("ir", "Deadly quake hits western Iran", IRAN_QUAKE, SUNDAY + timedelta(hours=5)) != turkey


def test_a_wire_round_up_days_later_joins_the_unrest_it_sums_up():
    """The demo's Almaty reports, Tuesday to Friday, then an agency's round-up and its copy on Monday:
    the round-up names Almaty and days next to the story's, so it continues the story undecayed."""
    import io
    import json

    from localwire.stories.cli import cluster_stream
    from localwire.stories.tests.unrest import coverage, unrest_keys

    out = io.StringIO()
    cluster_stream([json.dumps(row) for row in coverage()], out)
    story = {row["id"]: row["story"] for row in map(json.loads, out.getvalue().splitlines())}
    unrest = story["meridian/almaty-fuel-protests-detained"]
    assert story["wire/kazakh-leader-vows"] == story["paper/kazakh-troops-copy"] == unrest
    assert {story[key] for key in unrest_keys() - {"cascade/kazakhstan-protests-explainer"}} == {unrest}
    assert story["meridian/kazakhstan-grain-export-law"] != unrest  # the same country, another story


def test_the_demo_coverage_forms_the_stories_it_was_written_as():
    """Every demo story, follow-ups included ("power restored" a day after the outage reports,
    the drainage report after the floods), is one story, and no story mixes two. The background
    explainer on the Kazakhstan unrest may stand alone."""
    from collections import defaultdict

    from localwire.demo.corpus import load_corpus
    from localwire.nlp.topics import topic_model

    index = StoryIndex(topic_model().idf_table())
    found, written = defaultdict(set), defaultdict(set)
    for article in sorted(load_corpus().articles, key=lambda a: -a.minutes_ago):
        if article.key == "cascade/kazakhstan-protests-explainer":
            continue
        story = index.add(article.key, article.title, article.text,
                          SUNDAY - timedelta(minutes=article.minutes_ago))
        found[story].add(article.story)
        written[article.story].add(story)
    assert all(len(stories) == 1 for stories in found.values())
    assert all(len(ids) == 1 for ids in written.values())
