"""Where, when and who, read from leads written for these tests, and when two events clash."""

from datetime import date, datetime, timezone

from localwire.stories.anchors import Anchors, add_counts, clashes, continues, read_anchors, through

FRIDAY_EVENING = datetime(2026, 1, 9, 19, tzinfo=timezone.utc)


def _day(year, month, day):
    return date(year, month, day).toordinal()


def test_days_are_read_as_written_and_weekdays_against_the_published_date():
    anchors = read_anchors("Mill fire", "The mill burned on Wednesday. An inquiry opens Dec. 14, its owner said.",
                           FRIDAY_EVENING)
    assert anchors.days == {_day(2026, 1, 7), _day(2025, 12, 14)}  # December, read in January, is last year's
    dated = read_anchors("Fight night", "Updated: July 7, 2012\nThe champion won on Saturday in six rounds.")
    assert dated.days == {_day(2012, 7, 7)} and not dated.weekdays  # the dated line dates the weekday
    assert read_anchors("Fight night", "The champion won on Saturday.").weekdays == {5}  # nothing to date it


def test_places_are_the_dateline_named_countries_and_cities_with_their_state():
    assert {"KZ"} <= read_anchors("", "ALMATY, Kazakhstan (MP) — Crowds gathered on Tuesday.").areas
    assert read_anchors("", "A fire gutted a church in Wasilla, Alaska, on Friday night.").areas == {"US", "US-AK"}
    # a surname is no town, a time zone no country, a title-case headline no place
    assert not read_anchors("Obama Reverses Bush Rule On Species Protection",
                            "Updated 8:41 p.m. EST. The Bush administration rule was reversed.").areas


def test_people_are_named_three_times_titles_left_out():
    anchors = read_anchors("", "President Serik Abenov spoke on Friday. Crowds filled Republic Square, and "
                               "Abenov left. Former President Kairat Omarov was not seen. Abenov did not "
                               "mention Omarov.")
    assert anchors.people == {"abenov"}  # Omarov named twice; a square is no person
    assert dict(anchors.mentions) == {"abenov": 3} and anchors.as_counts()["pabenov"] == 3


def test_a_capitalised_run_is_a_person_only_after_a_given_name_or_a_title():
    text = ("The American Pie actress Tara Reid entered a clinic, Us Weekly said. Reid thanked fans. A friend "
            "said Reid was well. Us Weekly quoted the friend, and Us Weekly ran a photo from American Pie.")
    assert read_anchors("", text).people == {"reid"}  # not "pie", not "weekly"


MANNHEIM = ("Wladimir Klitschko stopped Hasim Rahman in the seventh round in Mannheim, Germany, on Saturday. "
            "Rahman, a former champion, never landed a clean punch, and Klitschko kept his belts.")
BERN = ("Wladimir Klitschko stopped Tony Thompson in the sixth round in Bern, Switzerland, on Saturday night. "
        "Thompson was down twice before the referee stepped in, and Klitschko kept his belts.")


def test_two_fights_of_one_boxer_clash_by_place_and_opponent():
    story = read_anchors("Klitschko stops Rahman", MANNHEIM).as_counts()
    other_fight = read_anchors("Klitschko stops Thompson", BERN)
    assert clashes(other_fight, story) == ["place", "who"]
    assert clashes(read_anchors("Klitschko retains titles", MANNHEIM.replace("seventh", "7th")), story) == []


def test_a_story_is_what_most_of_its_reports_say_and_its_days_move_on():
    tuesday = Anchors(days=frozenset({_day(2026, 1, 6)}), areas=frozenset({"KZ"}), cities=frozenset({1526384}))
    story = add_counts(tuesday.as_counts(), tuesday.as_counts())
    story = add_counts(story, Anchors(areas=frozenset({"RU"})).as_counts())  # one report filed from Moscow
    friday = Anchors(days=frozenset({_day(2026, 1, 9)}), areas=frozenset({"KZ"}), cities=frozenset({1526384}))
    assert clashes(friday, story) == [] and continues(friday, story)
    story = add_counts(story, friday.as_counts())
    monday = Anchors(days=frozenset({_day(2026, 1, 12)}), cities=frozenset({1526384}))
    assert clashes(monday, story) == [] and continues(monday, story)
    a_month_later = Anchors(days=frozenset({_day(2026, 2, 9)}), areas=frozenset({"KZ"}))
    assert clashes(a_month_later, story) == ["date"] and not continues(a_month_later, story)
    assert clashes(Anchors(areas=frozenset({"KE"})), story) == ["place"]


STRIKE = ("Dock workers walked off the job in Portsmouth on Monday. Union leader Maria Lopez said the strike "
          "would last a week. Lopez said talks had failed, and Lopez called for calm.")
STRIKE_WITNESS = ("Ships queued outside Portsmouth as dock workers struck on Tuesday. Crane driver Peter Hale "
                  "said Hale's crew backed Maria Lopez. Hale said pay had not risen in years. Lopez spoke to "
                  "the crowd, Hale said.")
OTHER_STRIKE = ("Dock workers walked off the job in Portsmouth on Monday. Union leader Aidan Cole said the "
                "strike would last a week. Cole said talks had failed, and Cole called for calm.")


def test_people_clash_only_when_most_of_each_side_is_strange_to_the_other():
    story = read_anchors("Dockers strike", STRIKE).as_counts()
    # a witness the story never named, but its union leader named: the same strike
    assert "who" not in clashes(read_anchors("Port jammed", STRIKE_WITNESS), story)
    # another union leader, the story's never named: another strike told in the same words
    assert "who" in clashes(read_anchors("Dockers strike", OTHER_STRIKE), story)
    # a person the story names often, if never as a protagonist, is no stranger
    assert "who" not in clashes(read_anchors("Dockers strike", OTHER_STRIKE), story, {"cole": 0.2})


def test_a_story_still_being_written_takes_the_day_of_its_latest_report():
    """The outage began on the 8th; reports ran to the 13th; power came back on the 14th."""
    outage = Anchors(days=frozenset({_day(2026, 2, 8)}), areas=frozenset({"UA"}), cities=frozenset({702550}))
    story = add_counts(outage.as_counts(), outage.as_counts())
    restored = Anchors(days=frozenset({_day(2026, 2, 14)}), areas=frozenset({"UA"}), cities=frozenset({702550}))
    assert clashes(restored, story) == ["date"]  # six days after the fire, taken alone
    friday = datetime(2026, 2, 13, 17, tzinfo=timezone.utc)
    assert clashes(restored, through(story, friday)) == [] and continues(restored, through(story, friday))
    assert through(story, None) == story

