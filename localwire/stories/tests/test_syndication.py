"""Syndication on texts written for these tests: copies are found, different stories are not."""

from datetime import datetime, timezone

from localwire.stories.syndication import Copy, SyndicationIndex, choose_original, containment, shingles

WIRE = (
    "ALMATY, Kazakhstan (MP) — Police detained about 200 people overnight as protests over the price of "
    "liquefied gas spread from the west of the country to its largest city, the Interior Ministry said on "
    "Wednesday. Crowds gathered near the mayor's office and on Republic Square, where officers used stun "
    "grenades to push them back. The ministry said 37 officers were hurt. President Serik Abenov called for "
    "calm and promised to review the price rise, which doubled the cost of fuel for many drivers at the "
    "start of the year. Mobile internet was cut across the city for several hours, residents said."
)
OTHER_STORY = (
    "ASTANA, Kazakhstan (MP) — Kazakhstan's parliament voted on Tuesday to ease limits on grain exports "
    "after a record harvest, sending the bill to the president. The agriculture ministry said farmers had "
    "brought in more wheat than the country's silos could hold, and that exporters would be allowed to "
    "ship an extra two million tonnes through Central Asian rail links before the end of March. "
    "Lawmakers from the farming provinces said the quota had cost growers millions in lost sales."
)


def test_a_copy_with_its_own_headline_intro_and_trailer_joins_the_original():
    index = SyndicationIndex()
    assert index.add("wire", WIRE) == "wire"
    copy = ("From our partners at Meridian Press. " + WIRE +
            "\n\nThis story was provided by a wire service. Follow us for updates.")
    assert index.add("copy", copy) == "wire"
    assert index.add("other", OTHER_STORY) == "other"


def test_a_rewrite_of_the_same_event_is_not_a_copy():
    rewrite = ("Hundreds of people were held by police in Almaty after demonstrations against higher gas "
               "prices reached Kazakhstan's biggest city. Authorities said dozens of officers were injured "
               "and the president asked protesters to go home while the government looked again at prices.")
    index = SyndicationIndex()
    index.add("wire", WIRE)
    assert index.add("rewrite", rewrite) == "rewrite"
    assert containment(shingles(WIRE), shingles(rewrite)) < 0.2


def test_short_texts_are_never_grouped():
    index = SyndicationIndex()
    assert index.add("a", "Police detained about 200 people.") == "a"
    assert index.add("b", "Police detained about 200 people.") == "b"


def test_the_original_is_the_wire_own_copy_else_the_earliest():
    early = datetime(2026, 1, 5, 8, tzinfo=timezone.utc)
    late = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
    members = [Copy("kxrt", early, agency="Meridian Press", publisher="KXRT 7"),
               Copy("mp", late, agency="Meridian Press", publisher="Meridian Press"),
               Copy("blog", late, publisher="Front Range Notes")]
    assert choose_original(members).id == "mp"
    assert choose_original([members[0], members[2]]).id == "kxrt"
