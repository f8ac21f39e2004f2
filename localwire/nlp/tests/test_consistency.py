"""The article-wide pass over the model's mentions, on texts written for these tests."""

from localwire.nlp.consistency import harmonise
from localwire.nlp.entities import Entity


def mention(text, form, kind, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(form, start + 1)
    return Entity(form, kind, start, start + len(form))


def test_a_surname_is_the_person_and_missed_mentions_are_found_again():
    text = "Coach Marta Lindqvist praised the defence.\nLindqvist said the team was ready.\nLater Lindqvist left."
    found = harmonise(text, [mention(text, "Marta Lindqvist", "PER"), mention(text, "Lindqvist", "ORG", 1)])
    assert [(e.text, e.type) for e in found] == [
        ("Marta Lindqvist", "PER"), ("Lindqvist", "PER"), ("Lindqvist", "PER")]


def test_one_form_one_type():
    text = "Oakdale beat the visitors. Fans of Oakdale cheered, and Oakdale will host the final."
    found = harmonise(text, [mention(text, "Oakdale", "ORG"), mention(text, "Oakdale", "ORG", 1),
                             mention(text, "Oakdale", "LOC", 2)])
    assert {e.type for e in found} == {"ORG"}


def test_results_and_standings_lines_name_teams():
    text = "Results on Saturday:\nLeeds 2 Chelsea 1\nStandings:\nArsenal 12 8 2 2 24 10 26"
    found = harmonise(text, [mention(text, "Leeds", "LOC"), mention(text, "Chelsea", "LOC")])
    assert {(e.text, e.type) for e in found} == {("Leeds", "ORG"), ("Chelsea", "ORG"), ("Arsenal", "ORG")}


def test_initials_numbers_and_bracketed_countries():
    text = "Top scorers: K. Brennan 40, Ostrava 83.\nTodd Harlan (U.S.) beat Ivo Marek (Czech Republic) 6-3 6-4."
    found = harmonise(text, [mention(text, "Brennan", "PER"), mention(text, "Ostrava 83", "LOC"),
                             mention(text, "Ivo Marek", "ORG")])
    assert {(e.text, e.type) for e in found} >= {
        ("K. Brennan", "PER"), ("Ostrava", "LOC"), ("Todd Harlan", "PER"), ("Ivo Marek", "PER")}


def test_a_name_inside_a_longer_name_is_not_found_again():
    text = "Dana Whitfield spoke. Crews closed Whitfield Avenue overnight."
    found = harmonise(text, [mention(text, "Dana Whitfield", "PER")])
    assert [e.text for e in found] == ["Dana Whitfield"]
