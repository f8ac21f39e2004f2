"""A short post lifting paragraphs of a long article is held, though the bands do not find it."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from localwire.articles.markdown import read_markdown
from localwire.contributors.holds import copied_text, holds_for
from localwire.contributors.passages import MAX_RUNS, RUN_WORDS, distinctive_runs, passage_candidates
from localwire.contributors.tests.test_holds import OWN
from localwire.search.index import index_articles
from localwire.stories.syndicated import band_candidates, syndicate
from localwire.stories.syndication import band_keys, shingles, signature
from localwire.testing.factories import ArticleFactory, PublisherFactory

SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "bel", "dri", "nu", "sag", "te", "wim", "por", "ul", "fen"]


def feature_paragraphs(seed: int = 13, paragraphs: int = 20, words: int = 60) -> list[str]:
    """A 1,200-word feature of made-up words: every passage is its own, as in a real article."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(2000)]
    return [" ".join(rng.choices(vocabulary, k=words)).capitalize() + "." for _ in range(paragraphs)]


FEATURE = feature_paragraphs()
MINE = OWN + [OWN[0].replace("Willow Court", "Elm Row").replace("spring", "autumn")]


@pytest.fixture
def feature(db):
    """Stored as the pipeline stores an article: syndicated (its bands) and indexed for search."""
    article = ArticleFactory(publisher=PublisherFactory(name="Valley Weekly"), title="The long winter",
                             text="\n\n".join(FEATURE))
    syndicate(article)
    index_articles([article.pk])
    ArticleFactory(text="\n\n".join(feature_paragraphs(seed=14)))  # another article, never the answer
    return article


def short_post() -> str:
    """Three paragraphs of the feature (180 words) among about 120 words of one's own."""
    return "\n\n".join([MINE[0], FEATURE[4], FEATURE[11], MINE[1], FEATURE[17], MINE[2]])


def check_held(article) -> None:
    body = short_post()
    found = shingles(read_markdown(body).text)
    assert article.pk not in band_candidates(band_keys(signature(found)))  # the bands miss it...
    assert passage_candidates(read_markdown(body).text)[0] == article.pk  # ...its passages do not
    hit = copied_text(body)
    assert hit is not None and hit.article_id == article.pk and 0.5 <= hit.share < 0.8
    [hold] = holds_for("Winter notes", body, 1)
    assert hold.code == "copied" and "'The long winter' by Valley Weekly" in hold.message


def test_a_short_post_lifting_three_paragraphs_of_a_long_article_is_held_naming_it(feature):
    check_held(feature)


@pytest.mark.postgres
def test_the_same_on_postgresql(feature):
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass (LOCALWIRE_TEST_DATABASE=postgres)")
    check_held(feature)


def test_a_post_quoting_one_paragraph_is_not_held(feature):
    body = "\n\n".join([MINE[0], FEATURE[4], MINE[1], MINE[2]])
    assert feature.pk in passage_candidates(read_markdown(body).text)  # looked at...
    assert copied_text(body) is None  # ...but most of the post is the author's own


def test_own_articles_are_not_passage_candidates(feature):
    assert passage_candidates(read_markdown(short_post()).text, exclude=[feature.pk]) == []
    assert copied_text(short_post(), own_articles=[feature.pk]) is None


def test_runs_are_few_spread_over_the_text_and_inside_one_line():
    text = "\n".join(FEATURE[:16])
    runs = distinctive_runs(text)
    assert len(runs) == MAX_RUNS and all(len(run) == RUN_WORDS for run in runs)
    lines = [para.lower().rstrip(".") for para in FEATURE[:16]]
    where = [next(i for i, line in enumerate(lines) if " ".join(run) in line) for run in runs]
    assert [i // 2 for i in where] == list(range(MAX_RUNS))  # one from each eighth, whole in one paragraph
    assert distinctive_runs("too short to hold a run\nof eight words") == []


def test_the_most_distinctive_run_skips_stop_words():
    text = "and the of to in it is on " + "tremendous landslide closed highway " * 2
    [run] = distinctive_runs(text, count=1)
    assert run[0] not in ("and", "the") and "landslide" in run
