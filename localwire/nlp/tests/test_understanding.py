"""People, places, tags and the analyze command on small texts written for these tests."""

import json
import subprocess
import sys

import pytest

from localwire.nlp.analyze import ArticleInput, analyze_batch
from localwire.nlp.keyphrases import keyphrases
from localwire.nlp.credits import not_subjects
from localwire.nlp.people import canonical_entities, split_title, title_before
from localwire.nlp.entities import Entity
from localwire.nlp.resolve import resolve_city

STORY = (
    "ALMATY, Kazakhstan (MP) — President Serik Abenov declared an overnight curfew in Almaty on Wednesday "
    "as protests over fuel prices spread, the Interior Ministry said.\n\n"
    "Abenov said the curfew would last two weeks. Protesters gathered again near the mayor's office.\n\n"
    "Police said 600 people had been detained. Dasha Litvinova of Meridian Press contributed to this report.\n\n"
    "(MP Photo/Vladimir Tretyakov)"
)


def test_titles_become_roles():
    assert split_title("President Serik Abenov") == ("Serik Abenov", "President")
    assert split_title("Serik Abenov") == ("Serik Abenov", "")
    text = "the fire chief said. Fire Chief Ann Lee added"
    assert title_before(text, text.index("Ann")) == "Fire Chief"


def test_surnames_merge_and_roles_come_from_context():
    start = STORY.index("Serik")
    again = STORY.index("Abenov said")
    mentions = [Entity("Serik Abenov", "PER", start, start + 12), Entity("Abenov", "PER", again, again + 6)]
    people = canonical_entities(STORY, "Kazakhstan declares curfew", mentions)
    assert [(p.name, p.role, len(p.mentions)) for p in people] == [("Serik Abenov", "President", 2)]


def test_contributors_credits_agency_and_bylines_are_not_subjects():
    excluded = not_subjects(STORY, ["Mark O'Neil"], publisher="Cascade Public Radio", agency="Meridian Press")
    assert {"dasha litvinova", "vladimir tretyakov", "mark o'neil", "meridian press",
            "cascade public radio"} <= excluded


def test_keyphrases_refuse_junk_and_fragments():
    phrases = ["curfew", "curfew", "military alliance", "military alliance", "Ap", "Ap", "Tuesday", "Tuesday",
               "he", "he", "Abenov", "Abenov", "fuel prices", "fuel prices", "2024", "2024"]
    text = ("ALMATY (AP) — Serik Abenov declared a curfew on Tuesday as fuel prices rose and a military alliance "
            "sent troops, the Interior Ministry said.\n\nHe said in 2024 that the curfew, the fuel prices and "
            "the military alliance were on Abenov's mind on Tuesday.")
    tags = keyphrases("Kazakhstan declares curfew", phrases, ["Interior Ministry"], {"curfew": 7.5},
                      excluded={"ap", "meridian press"}, names=["Serik Abenov"], text=text)
    assert {"Interior Ministry", "Curfew", "Military Alliance", "Fuel Prices"} <= set(tags)
    lowered = {t.lower() for t in tags}
    assert not lowered & {"ap", "tuesday", "he", "abenov", "2024"}


@pytest.mark.slow
def test_analyze_understands_an_article_end_to_end():
    [result] = analyze_batch([ArticleInput("Kazakhstan declares curfew in Almaty", STORY,
                                           authors=("Mark O'Neil",), agency="Meridian Press")])
    assert result.language == "en"
    assert result.dateline.city == "Almaty" and result.dateline.agency == "MP"
    places = {(p.name, p.kind, p.role) for p in result.places}
    assert ("Almaty", "city", "dateline") in places and ("Kazakhstan", "country", "mentioned") in places
    names = {e.subject.name for e in result.entities if e.subject is not None}
    assert "Serik Abenov" in names
    assert "Dasha Litvinova" not in names and "Vladimir Tretyakov" not in names
    assert all(STORY[e.start:e.end] == e.text for e in result.entities)
    assert result.topics and 0 < result.topics[0].score <= 1
    assert "Curfew" in result.keyphrases and len(result.keyphrases) <= 8  # a short story: fewer, no junk
    assert not any("Tretyakov" in tag for tag in result.keyphrases)
    assert not any("abenov" in tag.lower() for tag in result.keyphrases)  # people are not tags


@pytest.mark.slow
def test_analyze_command_keeps_order_echoes_ids_and_skips_other_languages(tmp_path):
    source = tmp_path / "articles.jsonl"
    source.write_text(
        json.dumps({"id": 7, "title": "Curfew in Almaty", "text": STORY}) + "\n"
        + json.dumps({"id": "fr-1", "title": "Budget", "text": "Le conseil municipal a approuvé le budget "
                      "mardi après un long débat sur les routes et les écoles de la ville."}) + "\n"
    )
    out = subprocess.run([sys.executable, "-m", "localwire", "analyze", str(source)], capture_output=True,
                         text=True, timeout=300, env={**__import__("os").environ, "LOCALWIRE_HOME": str(tmp_path)})
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in rows] == [7, "fr-1"]
    assert rows[1]["language"] == "fr" and rows[1]["entities"] == [] and "not analysed" in rows[1]["note"]


@pytest.mark.slow
def test_places_in_running_text_follow_ap_style_and_context():
    from localwire.nlp.gazetteer import gazetteer
    from localwire.nlp.places import article_places

    text = ("Officials in Washington said aid would reach Springfield, Ill., by Friday. "
            "Crews from Springfield worked with the Illinois National Guard.")
    mentions = [Entity("Washington", "LOC", 13, 23), Entity("Springfield", "LOC", 45, 56),
                Entity("Springfield", "LOC", 86, 97), Entity("Illinois", "LOC", 114, 122)]
    found = {(p.place.name, p.place.admin1_code) for p in article_places(text, "", mentions, None, gazetteer())}
    assert ("Washington", "DC") in found
    assert ("Springfield", "IL") in found and ("Springfield", "MO") not in found


def _mentions(text, spans):
    return [Entity(name, kind, text.index(name), text.index(name) + len(name)) for name, kind in spans]


@pytest.mark.slow
def test_places_streets_demonyms_and_stray_words_are_not_people_or_organisations():
    from localwire.nlp.gazetteer import gazetteer

    places = gazetteer()
    text = ("Farmers in Nur-Sultan cheered. Turnout at the rally on Nelson Road was high, and Kazakh "
            "officials said Minister Aigerim Sadykova would speak. Sadykova, 52, said little.")
    mentions = _mentions(text, [("Nur-Sultan", "PER"), ("Turnout", "PER"), ("Nelson Road", "PER"),
                                ("Kazakh", "ORG"), ("Aigerim Sadykova", "PER")])
    found = canonical_entities(text, "Grain vote", mentions, place_name=places.is_place_name,
                               demonym=places.is_demonym)
    assert {(e.name, e.kind) for e in found} == {("Aigerim Sadykova", "person"), ("Kazakh", "group")}
    assert places.is_demonym("Ukrainian") and not places.is_demonym("Central")


def test_a_lone_word_without_a_title_or_first_name_is_dropped():
    text = "Coach Ray Holloway praised Banks. Holloway said the Tigers were ready."
    mentions = _mentions(text, [("Ray Holloway", "PER"), ("Banks", "PER"), ("Tigers", "ORG")])
    names = {e.name for e in canonical_entities(text, "Semifinal preview", mentions)}
    assert names == {"Ray Holloway", "Tigers"}


def test_generic_words_and_hyphen_tails_are_not_tags():
    text = ("Officials finished the ranked-choice count before the runoff. The city council members met as the "
            "city waited, and council members saw a sudden rise in turnout for the runoff.")
    phrases = ["city", "city", "officials", "officials", "count", "count", "choice count", "choice count",
               "council members", "council members", "sudden rise", "sudden rise", "runoff", "runoff"]
    tags = keyphrases("Council count ends in a runoff", phrases, [], {"city": 5.1, "officials": 5.0, "runoff": 8.0},
                      text=text, names=["Nur-Sultan"])
    assert "Runoff" in tags
    assert not {t.lower() for t in tags} & {"city", "officials", "choice count", "sudden rise", "council members"}


@pytest.mark.slow
def test_a_small_foreign_town_needs_its_country_in_the_story():
    [result] = analyze_batch([ArticleInput(
        "Kyiv repairs its grid",
        "KYIV, Ukraine (MP) — Engineers worked through the night to restore power in Kyiv. "
        "Trains on the Metro ran on a reduced timetable, the power company said.")])
    assert {p.name for p in result.places} == {"Kyiv", "Ukraine"}


def test_an_abbreviation_joins_its_spelled_out_name():
    text = ("The Federal Emergency Management Agency sent teams. FEMA said aid would follow, "
            "and the Red Cross opened a shelter.")
    mentions = _mentions(text, [("Federal Emergency Management Agency", "ORG"), ("FEMA", "ORG"),
                                ("Red Cross", "ORG")])
    found = {e.name: e for e in canonical_entities(text, "Aid arrives", mentions)}
    assert set(found) == {"Federal Emergency Management Agency", "Red Cross"}
    agency = found["Federal Emergency Management Agency"]
    assert agency.aliases == ["FEMA"] and len(agency.mentions) == 2


@pytest.mark.slow
def test_place_descriptions_name_the_state_and_country():
    from localwire.nlp.gazetteer import gazetteer
    from localwire.nlp.places import describe

    places = gazetteer()
    little_rock = resolve_city(places, "Little Rock", "Ark.")
    assert describe(little_rock, places) == "City in Arkansas, United States"
    assert describe(resolve_city(places, "Almaty"), places) == "City in Kazakhstan"


@pytest.mark.slow
def test_the_publishers_home_decides_a_bare_springfield():
    text = "The Springfield school board voted on Tuesday to keep the library open on weekends."
    found = {}
    for home in ("Springfield, Ill.", "Springfield, Mo."):
        [result] = analyze_batch([ArticleInput("Board keeps library open", text, home=home)])
        found[home] = {p.admin1_code for p in result.places if p.name == "Springfield"}
    assert found == {"Springfield, Ill.": {"IL"}, "Springfield, Mo.": {"MO"}}


def test_a_home_is_inferred_only_from_a_city_most_articles_share():
    from localwire.nlp.gazetteer import Place
    from localwire.nlp.places import infer_home

    alexandria = Place("Alexandria", "city", "US", "LA", 31.3, -92.4, 45000, 4314550)
    paris = Place("Paris", "city", "FR", "11", 48.9, 2.3, 2100000, 2988507)
    articles = [[alexandria], [alexandria, paris], [alexandria], [paris], [], []]
    assert infer_home(articles) == alexandria
    assert infer_home(articles[:2]) is None  # two articles are not a pattern yet
    assert infer_home([[paris]] * 3 + [[]] * 20) is None  # one story among many is not home
