"""The fact timeline on sentences written for these tests."""

from datetime import datetime, timedelta, timezone

from localwire.stories.timeline import build_timeline, extract_facts, number_value

MONDAY = datetime(2026, 3, 2, 22, tzinfo=timezone.utc)


def test_counts_are_read_as_written_and_as_numbers():
    facts = extract_facts(
        "A tornado killed at least three people and injured 40 on Monday. Police detained about 200 "
        "protesters. Fifty-two people have been hurt, the chief said. Evacuation orders now cover more "
        "than 5,000 residents. The 2026 budget passed.")
    assert [(f.quantity, f.value, f.text) for f in facts] == [
        ("killed", 3, "at least three"), ("injured", 40, "40"), ("detained", 200, "about 200"),
        ("injured", 52, "fifty-two"), ("evacuated", 5000, "more than 5,000")]
    assert number_value("1,200") == 1200 and number_value("ninety-nine") == 99


def test_only_numerals_and_exact_number_words_are_figures():
    facts = extract_facts(
        "Dozens of people were killed in the clashes, the ministry said. At least 26 people were killed "
        "in Almaty alone. Scores were hurt and hundreds were detained overnight. The death toll rose to 164 "
        "on Sunday. Twelve people were injured in the stampede. Police arrested a dozen protesters.")
    assert [(f.quantity, f.value, f.text) for f in facts] == [
        ("killed", 26, "at least 26"), ("killed", 164, "164"), ("injured", 12, "twelve")]
    assert number_value("dozens") is None and number_value("hundreds") is None


def test_a_timeline_orders_each_count_by_date_and_never_mixes_them():
    coverage = [
        ("update", MONDAY + timedelta(days=2), "The death toll from the tornado that struck on Monday climbed "
                                               "to seven. Fifty-two people have been injured."),
        ("first", MONDAY, "A tornado killed three people and injured 40 late Monday."),
        ("repeat", MONDAY + timedelta(days=3), "The tornado killed seven people, officials said."),
    ]
    timeline = build_timeline(coverage)
    assert [(p.value, p.article_id) for p in timeline["killed"]] == [(3, "first"), (7, "update")]
    assert [(p.value, p.article_id) for p in timeline["injured"]] == [(40, "first"), (52, "update")]
    assert set(timeline) == {"killed", "injured"}
