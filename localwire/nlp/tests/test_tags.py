""""In this article": what readers saw as junk tags, on small stories written for these tests.

Each keyphrases() call gives the noun runs as the tagger finds them (with repeats) and the text
they came from; the rules read both.
"""

import pytest

from localwire.nlp.keyphrases import keyphrases
from localwire.nlp.named_tags import whole_name
from localwire.nlp.tag_article import Named
from localwire.nlp.tagwords import is_call_sign, names_a_subject, noun_kind, singular

PROTEST = (
    "ALMATY, Kazakhstan (MP) — Police detained dozens of people on Tuesday as protests over fuel prices "
    "reached the city, the Interior Ministry said.\n\n"
    "Some gathered outside the mayor's office for a second night.\n\n"
    "Officers used stun grenades to push back crowds, witnesses said, and the ministry blamed armed "
    "criminals for looting two shops.\n\n"
    "The government said it would cap the cost of gas for six months."
)
PROTEST_RUNS = ["people", "protests", "fuel prices", "prices", "city", "office", "night", "officers",
                "stun grenades", "grenades", "back crowds", "crowds", "witnesses", "ministry", "armed criminals",
                "criminals", "shops", "government", "cost", "gas", "months"]



def lowered_tags(*args, **kwargs) -> set[str]:
    """The keyphrases, lower-cased, so a test can ask which are there regardless of case."""
    return {tag.lower() for tag in keyphrases(*args, **kwargs)}


def test_a_phrase_used_once_deep_in_the_story_is_no_tag():
    lowered = lowered_tags("Fuel prices spark protests in Almaty", PROTEST_RUNS, [Named("Interior Ministry", uses=1)],
                           {}, text=PROTEST, names=["Almaty", "Kazakhstan"])
    assert "fuel prices" in lowered and "interior ministry" in lowered
    assert not lowered & {"stun grenades", "back crowds", "armed criminals", "criminals", "grenades"}


FIRE = (
    "BOULDER, Colo. — Rain let crews get the upper hand on the canyon fire on Saturday, and most "
    "evacuation orders were lifted at noon.\n\n"
    "About 300 people still cannot go home because a water line need repairs. The evacuation orders that "
    "remain cover two roads.\n\n"
    "Residents were asked to stay indoors while smoke lingered. Nobody was hurt, and nobody was "
    "allowed past the roadblock. Those who had to go out should stay indoors after dark."
)


def test_verb_fragments_and_words_that_are_not_nouns_are_no_tags():
    runs = ["rain", "crews", "upper hand", "hand", "canyon fire", "fire", "evacuation orders", "orders", "people",
            "line need repairs", "repairs", "evacuation orders", "orders", "roads", "residents", "indoors", "smoke", "nobody", "roadblock", "indoors", "dark"]
    lowered = lowered_tags("Rain helps crews hold the canyon fire", runs, [], {}, text=FIRE)
    assert "evacuation orders" in lowered and "rain" in lowered
    assert not lowered & {"line need repairs", "need repairs", "indoors", "nobody", "upper hand"}


GAME = (
    "LITTLE ROCK, Ark. — Central High will need another big night from its quarterback on Friday.\n\n"
    "He has thrown for 2,800 yards this season and ran for 300 yards more. KXRT 7 will stream the "
    "game live, and KXRT 7 News will carry the post-game show.\n\n"
    "Volunteers stacked debris at the curb after the storm; the curb outside the stadium is still closed."
)


def test_lone_common_nouns_call_signs_and_the_publisher_are_no_tags():
    runs = ["night", "quarterback", "yards", "season", "yards", "KXRT", "game", "KXRT", "show", "volunteers",
            "debris", "curb", "storm", "curb", "stadium", "semifinal", "semifinal"]
    lowered = lowered_tags("Central High yards and curb: semifinal preview", runs, [Named("KXRT", uses=2)], {},
                           text=GAME, excluded={"kxrt 7 news"}, publisher="KXRT 7 News")
    assert not lowered & {"yards", "curb", "kxrt", "volunteers", "quarterback"}


def test_a_call_sign_is_no_tag_even_when_another_station_is_named():
    text = "A managing editor at WCCO-TV said the driver fled. WCCO-TV showed the scene."
    tags = keyphrases("Driver flees crash", ["editor", "driver", "scene"], [Named("WCCO-TV", uses=2)], {}, text=text)
    assert "WCCO-TV" not in tags
    assert is_call_sign("KXRT", "KXRT 7 will stream it") and not is_call_sign("WHO", "WHO said on Monday")


def test_the_publishers_own_name_without_its_article_is_no_tag():
    text = ("Springfield's council met on Monday.\n\nHave a news tip? The National Ledger welcomes them. "
            "The National Ledger is read in every county.")
    tags = keyphrases("Council meets", ["council", "tip"], [Named("National Ledger", uses=2)], {}, text=text,
                      excluded={"the national ledger"}, publisher="The National Ledger")
    assert "National Ledger" not in tags


def test_adjectives_of_a_people_fragments_and_cut_names_are_not_tags():
    text = ("ASTANA, Kazakhstan — Kazakh farmers cheered as the Senate passed the grain bill. "
            "Kazakh wheat is cheaper than Russian grain, Eli Lilly said, and Lilly will sell it.\n\n"
            "City Water, Light and Power said the Lefthand fire spared its lines. City Water, Light and "
            "Power crews worked near the Lefthand fire.")
    named = [Named("Kazakh", "group", 2), Named("Russian", "group", 1), Named("Senate", uses=1),
             Named("Eli Lilly", uses=1), Named("Lilly", uses=1), Named("City Water", uses=2), Named("Lefthand", uses=2)]
    tags = keyphrases("Senate passes grain bill", ["farmers", "grain bill", "wheat", "grain", "lines", "fire"],
                      named, {}, text=text)
    assert "Senate" in tags and "Eli Lilly" in tags and "City Water, Light and Power" in tags
    assert not {"Kazakh", "Russian", "Lilly", "City Water", "Lefthand"} & set(tags)


def test_a_name_made_whole_keeps_two_names_apart():
    text = "Drugs made by Eli Lilly and Novo Nordisk cost less. Eli Lilly and Novo Nordisk declined to comment."
    assert whole_name("Eli Lilly", text, ["Novo Nordisk"]) == "Eli Lilly"
    assert whole_name("Wildlife Service", "the Fish and Wildlife Service said", []) == "Fish and Wildlife Service"


def test_a_subject_in_the_headline_and_the_story_is_a_tag_but_a_role_is_not():
    text = ("LITTLE ROCK, Ark. — A tornado tore through the south side on Monday, and volunteers arrived by "
            "morning.\n\nThe tornado destroyed 40 homes. Volunteers handed out water.")
    tags = keyphrases("Tornado hits Little Rock; volunteers arrive", ["tornado", "side", "volunteers", "homes",
                                                                      "tornado", "volunteers", "water"], [], {}, text=text)
    assert tags == ["Tornado"]


def test_the_word_table_tells_roles_things_and_subjects_apart():
    assert noun_kind("farmers") == "person" and noun_kind("curb") == "thing" and noun_kind("indoors") == "notnoun"
    assert names_a_subject("tornado") and names_a_subject("curfew") and names_a_subject("wheat")
    assert not names_a_subject("yards") and not names_a_subject("inspectors") and not names_a_subject("coverage")
    assert singular("bakeries") == "bakery" and singular("mice") == "mouse"


def test_at_most_eight_and_no_tag_twice_in_another_number():
    crops = ("wheat", "barley", "oat", "rye", "corn", "soy", "rice", "millet", "sorghum", "flax")
    text = " ".join(f"The {w} tariff and the {w} tariff again." for w in crops) + " A bakery. Two bakeries."
    runs = [f"{w} tariff" for w in crops] * 2 + ["bakery", "bakeries", "bakeries"]
    tags = keyphrases("Grain tariffs hit bakeries", runs, [], {}, text=text)
    assert len(tags) == 8 and len({t.lower() for t in tags} & {"bakery", "bakeries"}) <= 1


@pytest.mark.slow
def test_analyze_gives_no_junk_tags_for_a_station_story():
    from localwire.nlp.analyze import ArticleInput, analyze_batch

    [result] = analyze_batch([ArticleInput("Tornado cleanup draws volunteers in Little Rock", (
        "LITTLE ROCK, Ark. — Hundreds of volunteers fanned out across southwest Little Rock on Saturday to help "
        "families whose homes were damaged by Monday's tornado.\n\n"
        "Students hauled branches to the curb, and the Red Cross said 90 people were still in shelters. "
        "Residents should stack debris at the curb and stay indoors during the storm watch.\n\n"
        "KXRT 7 will carry the mayor's briefing live. Nobody was hurt during the cleanup."),
        publisher="KXRT 7 News")])
    lowered = {t.lower() for t in result.keyphrases}
    assert "tornado" in lowered and "red cross" in lowered
    assert not lowered & {"curb", "indoors", "nobody", "kxrt", "volunteers", "students"}


def test_a_name_only_written_before_an_event_noun_names_the_event():
    text = ("ESTES PARK, Colo. — The Fawn fire grew overnight.\n\nCrews said the Fawn fire had crossed "
            "Fawn Creek Road, and the fire was 5% contained.")
    tags = keyphrases("Fawn fire grows", ["fire", "crews", "fire", "fire"], [Named("Fawn", uses=3)], {}, text=text)
    assert tags[0] == "Fawn Fire" and "Fawn" not in tags and "Fire" not in tags
