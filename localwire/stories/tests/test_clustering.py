"""Online story clustering on texts written for these tests."""

from datetime import datetime, timedelta, timezone

from localwire.stories.clustering import StoryIndex

IDF = {}  # every word equally rare: the tests do not lean on a trained table

QUAKE = ("A magnitude 6.1 earthquake struck near Qeshm island off southern Iran on Sunday, injuring dozens "
         "and damaging homes in three villages, the Red Crescent said. Rescue teams reached Qeshm by boat.")
QUAKE_OTHER_OUTLET = ("Dozens were hurt when an earthquake of magnitude 6.1 shook Qeshm island in southern Iran, "
                      "damaging homes in several villages; Red Crescent rescue teams arrived by boat on Sunday.")
ELECTION = ("Iran's reformist candidates registered on Monday for parliamentary elections in Tehran, where the "
            "guardian council will vet every name before the vote in March, officials said.")


def test_two_outlets_on_one_event_are_one_story_and_another_event_in_the_same_country_is_not():
    index = StoryIndex(IDF, default_idf=5.0)
    first = index.add("a", "Earthquake hits Iranian island", QUAKE)
    assert index.add("b", "Quake injures dozens on Qeshm", QUAKE_OTHER_OUTLET) == first
    assert index.add("c", "Reformists register for Iran's election", ELECTION) != first
    assert index.stories[first].members == ["a", "b"]


def test_coverage_far_apart_in_time_starts_a_new_story():
    now = datetime(2026, 11, 1, tzinfo=timezone.utc)
    index = StoryIndex(IDF, default_idf=5.0)
    first = index.add("a", "Earthquake hits Iranian island", QUAKE, published_at=now)
    later = index.add("b", "Quake injures dozens on Qeshm", QUAKE_OTHER_OUTLET, published_at=now + timedelta(days=60))
    assert later != first
