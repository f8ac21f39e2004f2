"""The typed analysis and its JSON form: lossless both ways, and the JSON keeps its old shape."""

import dataclasses
import json

import pytest

from localwire.nlp.analysis import Analysis, EntityHit, PlaceHit
from localwire.nlp.analyze import ANALYZER_VERSION, ArticleInput, analyze_batch
from localwire.nlp.spans import Offsets

STORY = (
    "ALMATY, Kazakhstan (MP) — President Serik Abenov declared a curfew in Almaty on Tuesday after "
    "protests over fuel prices spread from Zhanaozen. The Interior Ministry said police in Almaty "
    "detained 40 people, and Abenov said the curfew would last a week.\n\n"
    "Dasha Litvinova in Moscow contributed to this report."
)
TOP_KEYS = ["language", "dateline", "topics", "entities", "places", "keyphrases", "analyzer_version"]
SUBJECT_KEYS = ["text", "type", "start", "end", "name", "kind", "slug", "role", "salience", "aliases", "country"]
PLACE_KEYS = ["name", "kind", "country_code", "admin1_code", "lat", "lon", "geonameid", "role", "salience",
              "description", "slug", "start", "end", "mentions"]


@pytest.mark.slow
def test_a_real_analysis_survives_json_both_ways_in_its_old_shape():
    [analysis] = analyze_batch([ArticleInput("Curfew declared in Almaty", STORY, agency="Meridian Press",
                                             captions=("Police in Almaty on Tuesday. Photo: Dana Whitfield",))])
    row = json.loads(json.dumps(analysis.to_json()))
    again = Analysis.from_json(row)
    assert again == analysis and again.to_json() == row
    assert list(row) == TOP_KEYS and analysis.analyzer_version == ANALYZER_VERSION
    assert list(row["dateline"]) == ["city", "region", "date", "agency"] and analysis.dateline.city == "Almaty"
    subjects = [e for e in analysis.entities if e.subject is not None]
    others = [e for e in analysis.entities if e.subject is None]
    assert subjects and others  # both kinds of mention row occur, so both round-trip above
    assert list(subjects[0].to_json()) == SUBJECT_KEYS and list(others[0].to_json()) == SUBJECT_KEYS[:4]
    almaty = next(p for p in analysis.places if p.name == "Almaty")
    assert list(almaty.to_json()) == PLACE_KEYS and len(almaty.mentions) >= 2
    assert all(isinstance(m, Offsets) for m in almaty.mentions)
    assert list(row["topics"][0]) == ["code", "label", "channel", "score"]


def test_an_article_in_another_language_carries_its_note_and_nothing_else():
    [analysis] = analyze_batch([ArticleInput("Budget", "Le conseil municipal a approuvé le budget mardi après un "
                                             "long débat sur les routes et les écoles de la ville.")])
    row = analysis.to_json()
    assert row["language"] == "fr" and row["note"].startswith("not analysed: language fr")
    assert list(row) == [*TOP_KEYS, "note"] and row["entities"] == [] and row["dateline"] is None
    assert Analysis.from_json(row) == analysis


def test_from_json_fills_what_an_older_or_hand_written_analysis_leaves_out():
    analysis = Analysis.from_json({
        "entities": [{"text": "Senate", "type": "ORG", "start": 4, "end": 10, "name": "Senate",
                      "kind": "organisation", "slug": "senate"}, {"text": "Monday", "type": "MISC", "start": 20, "end": 26}],
        "places": [{"name": "Almaty", "kind": "city", "role": "dateline", "geonameid": 0}],
    })
    senate, monday = analysis.entities
    assert senate.subject.slug == "senate" and senate.subject.aliases == () and senate.subject.salience == 0.0
    assert monday.subject is None and monday.to_json() == {"text": "Monday", "type": "MISC", "start": 20, "end": 26}
    almaty = analysis.places[0]
    assert almaty == PlaceHit("Almaty", "city", "", "", None, None, None, "dateline")
    assert (analysis.language, analysis.analyzer_version, analysis.keyphrases, analysis.note) == ("", "", (), "")


def test_an_analysis_cannot_be_changed_after_it_is_made():
    hit = EntityHit("Senate", "ORG", 0, 6)
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.start = 3
