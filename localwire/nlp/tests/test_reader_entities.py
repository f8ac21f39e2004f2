"""What a reader sees of entities: captions read, credits left out, titles off names, one kind per
name, generic organisations told apart by country. Texts are invented for these tests."""

import pytest

from localwire.nlp.analysis import Subject
from localwire.nlp.analyze import ArticleInput, analyze_batch

pytestmark = pytest.mark.slow

UNREST = (
    "ALMATY, Kazakhstan (MP) — Chinese President Xi Jinping called for calm in Kazakhstan on Friday, "
    "and Ursula von der Leyen, the European Commission president, said Europe was watching closely.\n\n"
    "Xi spoke to reporters in Beijing. Von der Leyen said aid could follow.\n\n"
    "Meridian Press writers Jim Heintz in Moscow, Geir Moulson in Berlin, Dasha Litvinova in Tallinn "
    "and Vladimir Isachenkov in Moscow contributed to this report."
)
CAPTIONS = ("Former President Nursultan Nazarbayev, seen in 2019, has not been heard from since Tuesday. "
            "(MP Photo/Dana Whitfield)",)


def _analyse(title, text, **fields):
    [result] = analyze_batch([ArticleInput(title, text, **fields)])
    return result


def _subjects(result) -> dict[str, Subject]:
    return {e.subject.name: e.subject for e in result.entities if e.subject is not None and e.subject.name}


def _organisations(result) -> list[Subject]:
    return [e.subject for e in result.entities if e.subject is not None and e.subject.kind == "organisation"]


def test_a_person_named_only_in_a_caption_is_a_subject_and_the_photo_credit_is_not():
    from localwire.nlp.analyze import full_text

    article = ArticleInput("Kazakhstan urged to stay calm", UNREST, agency="Meridian Press", captions=CAPTIONS)
    [result] = analyze_batch([article])
    subjects = _subjects(result)
    assert "Nursultan Nazarbayev" in subjects and subjects["Nursultan Nazarbayev"].kind == "person"
    assert "Dana Whitfield" not in subjects
    read = full_text(article)
    assert read == UNREST + "\n\n" + CAPTIONS[0]
    assert all(read[e.start:e.end] == e.text for e in result.entities)


def test_everyone_in_a_contributor_line_is_left_out_with_its_places():
    result = _analyse("Kazakhstan urged to stay calm", UNREST, agency="Meridian Press")
    subjects = _subjects(result)
    assert not {"Jim Heintz", "Geir Moulson", "Dasha Litvinova", "Vladimir Isachenkov"} & set(subjects)
    assert not {"Berlin", "Tallinn", "Estonia", "Germany"} & {p.name for p in result.places}


def test_titles_stay_out_of_names_and_become_roles():
    subjects = _subjects(_analyse("Kazakhstan urged to stay calm", UNREST, agency="Meridian Press"))
    assert subjects["Xi Jinping"].role == "President"
    assert subjects["Ursula von der Leyen"].role == "European Commission president"
    assert subjects["Ursula von der Leyen"].kind == "person"
    assert "Chinese" not in subjects and "Von der Leyen" not in subjects  # one person, one kind
    game = _analyse("Bison win on late kick", "FARGO, N.D. — Kicker Luis Alvarado made a 38-yard field goal with "
                    "four seconds left as the Bison won 23-21 on Saturday.\n\nAlvarado said the wind helped.")
    alvarado = _subjects(game)["Luis Alvarado"]
    assert (alvarado.kind, alvarado.role) == ("person", "Kicker")
    assert not any("Alvarado" in o.name for o in _organisations(game))


def test_one_name_one_kind_towns_canyons_and_listed_names():
    flood = _analyse("River crests", "The Red River crested between Fargo and Moorhead on Sunday, officials "
                     "said. Volunteers filled sandbags in both cities.")
    assert not _organisations(flood)
    fire = _analyse("Lefthand fire grows", "BOULDER, Colo. — A grass fire near Lefthand Canyon grew on Tuesday. "
                    "The Lefthand fire has burned 300 acres. Crews from City Water, Light and Power helped, "
                    "and homes on Lefthand Canyon Drive were emptied.")
    organisations = {o.name for o in _organisations(fire)}
    assert organisations == {"City Water, Light and Power"}


def test_the_publishers_own_name_is_never_an_organisation_on_its_articles():
    result = _analyse("Grain bill advances", "The bill now goes to the president, the National Ledger has "
                      "learned. The National Ledger asked the ministry for comment.", publisher="The National Ledger")
    assert "National Ledger" not in _subjects(result)
    assert "National Ledger" not in result.keyphrases


def test_a_generic_organisation_is_told_apart_by_its_country():
    astana = _analyse("Senate approves grain bill", "ASTANA, Kazakhstan (MP) — The Senate approved the grain "
                      "export bill on Monday, and the Interior Ministry said protests were calm.\n\n"
                      "The Senate meets again next week.")
    washington = _analyse("Senate passes spending bill", "WASHINGTON (MP) — The Senate passed the spending bill "
                          "late Friday. Senate leaders said the House would vote next.")
    abroad = _analyse("Kazakh vote", "The Kazakh Senate approved the bill, lawmakers in Washington noted.")
    slugs = {o.slug: o.country for r in (astana, washington, abroad) for o in _organisations(r)}
    assert slugs["senate-kz"] == "KZ" and slugs["interior-ministry-kz"] == "KZ" and slugs["us-senate"] == "US"
    assert "senate" not in slugs
    assert _subjects(abroad)["Senate"].slug == "senate-kz"


def test_a_titled_full_name_is_a_person_and_a_title_is_no_organisation():
    text = ("ALMATY, Kazakhstan (MP) — President Kassym-Jomart Tokayev said on Jan. 7 that order had returned. "
            "Tokayev's speech was praised abroad.\n\n"
            "U.S. Secretary of State Antony Blinken asked why foreign troops had been invited.")
    result = _analyse("Tokayev says order restored", text)
    subjects = _subjects(result)
    assert subjects["Kassym-Jomart Tokayev"].kind == "person"
    assert "Tokayev" not in subjects and "State" not in subjects
    assert "Jackson" not in {p.name for p in result.places}  # "Jan." is a month, not a town


def test_the_name_of_a_fire_is_no_organisation():
    text = ("BOULDER, Colo. — Crews held the Lefthand fire to 300 acres on Thursday, the Boulder County Sheriff's "
            "Office said. The Lefthand fire started near the mouth of a canyon on Tuesday.")
    subjects = _subjects(_analyse("Crews hold the Lefthand fire", text))
    assert "Lefthand" not in subjects and "Boulder County Sheriff's Office" in subjects


def test_a_towns_own_council_and_police_carry_the_towns_name():
    portland = _subjects(_analyse("Council backs permits", "PORTLAND, Ore. — The City Council voted 9-3 on "
                                  "Wednesday to speed up permits. Police said the meeting was calm."))
    springfield = _subjects(_analyse("Council approves library", "SPRINGFIELD, Ill. — The City Council "
                                     "approved the library plan on Tuesday."))
    assert portland["Portland City Council"].slug == "portland-city-council"
    assert springfield["Springfield City Council"].slug == "springfield-city-council"


def test_a_surname_the_model_took_for_a_company_is_the_person_its_appositive_describes():
    text = ("Enterprise software\n\nAt the same time, some large providers expect the economics of software "
            "buying to change.\n\nRamy Okonkwo, Chief Cyber Solutions Officer at Northwind, said boards weigh "
            "resilience more heavily. \"The shift is real,\" Okonkwo said. Okonkwo added that buyers want "
            "shorter contracts.")
    result = _analyse("Buyers want shorter contracts", text)
    subjects = _subjects(result)
    assert subjects["Ramy Okonkwo"].kind == "person" and "Okonkwo" not in subjects
    assert "Okonkwo" not in result.keyphrases
