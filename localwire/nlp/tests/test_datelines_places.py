"""Datelines, the geocoder's rules and language identification, on small texts written for these tests."""

import pytest

from localwire.nlp.datelines import parse_dateline
from localwire.nlp.language import detect_language
from localwire.nlp.resolve import resolve_city


@pytest.mark.parametrize("text, city, region, date, agency", [
    ("MOSCOW (AP) — Russia said on Monday", "Moscow", "", "", "AP"),
    ("LITTLE ROCK, Ark. – A tornado struck", "Little Rock", "Ark.", "", ""),
    ("WASHINGTON, Jan 9 (Reuters) - The Senate voted", "Washington", "", "Jan 9", "Reuters"),
    ("NUR-SULTAN, Jan 10 (Reuters) - Kazakh officials", "Nur-Sultan", "", "Jan 10", "Reuters"),
    ("ALMATY, Kazakhstan, Jan. 9 (MP) - Protesters", "Almaty", "Kazakhstan", "Jan. 9", "MP"),
    ("ST. LOUIS (AP) — Fans lined up", "St. Louis", "", "", "AP"),
    ("WASHINGTON — The House passed", "Washington", "", "", ""),
])
def test_dateline_forms(text, city, region, date, agency):
    dateline = parse_dateline(text)
    assert (dateline.city, dateline.region, dateline.date, dateline.agency) == (city, region, date, agency)
    assert text[dateline.end:][0].isupper()


@pytest.mark.parametrize("text", ["The council met — again — on Tuesday.", "U.S. officials — said", "", "A — B",
                                  "CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY ."])
def test_ordinary_sentences_are_not_datelines(text):
    assert parse_dateline(text) is None


@pytest.fixture(scope="module")
def places():
    from localwire.nlp.gazetteer import gazetteer

    return gazetteer()


@pytest.mark.slow
def test_bare_washington_dateline_is_the_capital(places):
    place = resolve_city(places, "Washington", dateline=True)
    assert (place.country_code, place.admin1_code) == ("US", "DC")


@pytest.mark.slow
def test_state_qualifier_picks_the_springfield(places):
    assert resolve_city(places, "Springfield", "Ill.").admin1_code == "IL"
    assert resolve_city(places, "Springfield", "Mass.").admin1_code == "MA"
    assert resolve_city(places, "Little Rock", "Ark.").admin1_code == "AR"


@pytest.mark.slow
def test_other_places_in_the_article_and_home_area_rank_candidates(places):
    ohio = places.us_state("Ohio")
    assert resolve_city(places, "Springfield", context=[ohio]).admin1_code == "OH"
    boston = resolve_city(places, "Boston", "Mass.")
    assert resolve_city(places, "Springfield", home=boston).admin1_code == "MA"


@pytest.mark.slow
@pytest.mark.parametrize("old, current, country", [("Nur-Sultan", "Astana", "KZ"), ("Kiev", "Kyiv", "UA"),
                                                   ("Peking", "Beijing", "CN")])
def test_renamed_cities(places, old, current, country):
    place = resolve_city(places, old)
    assert (place.name, place.country_code) == (current, country)


@pytest.mark.slow
def test_country_and_ap_state_names(places):
    assert places.country("Kazakhstan").country_code == "KZ"
    assert places.country("U.S.").country_code == "US"
    assert places.us_state("Calif.").admin1_code == "CA"
    assert places.us_state("Ark.").name == "Arkansas"


def test_language_identification():
    assert detect_language("The council approved the budget on Tuesday after a long debate about roads.").code == "en"
    assert detect_language("Le conseil municipal a approuvé le budget mardi après un long débat sur les routes.").code == "fr"
    assert detect_language("Too short", declared="de-DE").code == "de"


def test_truecasing_keeps_offsets_and_acronyms():
    from localwire.nlp.entities import truecase

    line = "STORM HITS U.S. TOWN, NBA GAME OFF"
    fixed = truecase(line)
    assert len(fixed) == len(line)
    assert fixed == "Storm Hits U.S. Town, NBA Game Off"


def test_dateline_city_is_an_entity_with_offsets_into_the_original_text():
    from localwire.nlp.entities import find_entities

    text = "LITTLE ROCK, Ark. (AP) — Fire Chief Darnell Hayes said crews worked all night."
    entities = find_entities(text)
    first = entities[0]
    assert (first.text, first.type, first.start, first.end) == ("LITTLE ROCK", "LOC", 0, 11)
    assert any(e.type == "PER" and e.text == "Darnell Hayes" for e in entities)
    assert all(text[e.start:e.end] == e.text for e in entities)


@pytest.mark.parametrize("title, text, code", [
    ("Tornado kills 3 in Little Rock", "A tornado tore through homes overnight. Rescuers searched collapsed "
     "buildings and the death toll rose as emergency crews worked.", "medtop:03000000"),
    ("Central High wins semifinal", "The quarterback threw two touchdowns as the team beat its rival to reach "
     "the championship game. The coach praised the players.", "medtop:15000000"),
    ("Council race goes to ranked-choice count", "Voters chose three council members in each district. "
     "Election officials said turnout was high and the campaign was close.", "medtop:11000000"),
])
def test_topic_model_puts_the_right_topic_first(title, text, code):
    from localwire.nlp.topics import topic_model

    topics = topic_model().classify(title, text)
    assert topics[0].code == code
    assert all(0.0 <= t.score <= 1.0 for t in topics)


def test_topic_model_refuses_an_unknown_format(tmp_path):
    import numpy as np

    from localwire.nlp.topics import TopicModel

    path = tmp_path / "future.npz"
    np.savez(path, format_version=np.array(99))
    with pytest.raises(ValueError, match="format 99"):
        TopicModel(path)


def test_georgia_is_the_state_in_an_american_story_and_ind_is_indiana(places):
    from localwire.nlp.entities import Entity
    from localwire.nlp.places import article_places

    text = "ATLANTA (MP) — Storms moved from Georgia into South Carolina, and a family from Muncie, Ind., waited."
    mentions = [Entity(name, "LOC", text.index(name), text.index(name) + len(name))
                for name in ("Georgia", "South Carolina", "Muncie", "Ind.")]
    from localwire.nlp.datelines import parse_dateline

    found = {(p.place.name, p.place.kind) for p in article_places(text, "", mentions, parse_dateline(text), places)}
    assert ("Georgia", "region") in found and ("Georgia", "country") not in found
    assert ("Muncie", "city") in found and ("Indiana", "region") in found and ("India", "country") not in found


@pytest.mark.slow
def test_section_labels_and_date_lines_in_a_wire_story():
    from localwire.nlp.datelines import parse_dateline
    from localwire.nlp.entities import read_batch

    text = ("TENNIS - HARLAN WINS IN OSTRAVA\nOSTRAVA 2026-08-30\nAmerican Todd Harlan beat Ivo Marek 6-3 6-4 "
            "on Sunday to win the title. Harlan, 24, said the crowd had helped him through the second set.")
    assert parse_dateline(text) is None  # a section label over a headline, not a dateline
    [reading] = read_batch([text])
    found = {(e.text, e.type) for e in reading.entities}
    assert ("OSTRAVA", "LOC") in found and ("OSTRAVA", "ORG") not in found  # "CITY date" lines are datelines
    assert not any(e.text.upper() == "TENNIS" for e in reading.entities)
