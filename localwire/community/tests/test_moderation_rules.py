"""The scoring rules and the renderer, as plain functions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from localwire.community import moderation

OLD = timedelta(days=30)


def test_calm_text_is_published():
    verdict = moderation.score("The new bus route helps my street a lot.", account_age=OLD)
    assert verdict.score == 0 and not verdict.hold and verdict.reasons == []


def test_more_than_two_links_hold():
    two = "See https://a.example.org and https://b.example.org"
    assert not moderation.score(two, account_age=OLD).hold
    three = two + " and http://c.example.org/x"
    verdict = moderation.score(three, account_age=OLD)
    assert verdict.hold and verdict.reasons == ["3 links"]


def test_one_link_from_a_new_account_holds():
    text = "Minutes are at https://council.example.org/minutes"
    assert moderation.score(text, account_age=timedelta(hours=3)).hold
    assert not moderation.score(text, account_age=timedelta(days=2)).hold


@pytest.mark.parametrize("text", ["What a MORON the mayor is", "you should kill yourself", "Idiots, all of them."])
def test_abusive_words_hold(text):
    verdict = moderation.score(text, account_age=OLD)
    assert verdict.hold and verdict.reasons[0].startswith("abusive words")


def test_abusive_words_match_whole_words_only():
    assert not moderation.score("Scunthorpe and the idiotypic antibody study", account_age=OLD).hold


def test_shouting_and_repeats_hold_only_together():
    shouting = "THE COUNCIL NEVER LISTENS TO US"
    assert moderation.score(shouting, account_age=OLD).reasons == ["mostly capital letters"]
    assert not moderation.score(shouting, account_age=OLD).hold
    both = moderation.score(shouting + "!!!!!!!!", account_age=OLD)
    assert both.hold and "a character repeated many times" in both.reasons
    assert not moderation.score("OK", account_age=OLD).reasons  # too short to be shouting


def test_normalise_ignores_case_and_spacing():
    assert moderation.normalise("  Hello   World\n") == moderation.normalise("hello world")


@pytest.mark.parametrize("text, forbidden", [
    ("<script>alert(1)</script>", "<script"),
    ('"><img src=x onerror=alert(1)>', "<img"),
    ("javascript:alert(document.cookie)", "href"),
    ("<a href=\"javascript:alert(1)\">click</a>", "<a href=\"javascript"),
    ("<iframe src=//evil.example></iframe>", "<iframe"),
])
def test_markup_comes_out_inert(text, forbidden):
    html = moderation.render(text)
    assert forbidden not in html
    assert "&lt;" in html or "href" not in html


def test_links_get_rel_and_stop_at_quotes():
    html = moderation.render('Look: https://x.example.org/a?b=1&c=2" onmouseover="alert(1)')
    assert '<a href="https://x.example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">' in html
    assert 'onmouseover="' not in html and "&quot; onmouseover=&quot;alert(1)" in html


def test_only_http_links_are_linked_and_trailing_stop_is_left_out():
    html = moderation.render("ftp://files.example.org and see https://example.org/page.")
    assert html.count("<a ") == 1
    assert 'href="https://example.org/page"' in html and "</a>.</p>" in html


def test_paragraphs_and_line_breaks():
    html = moderation.render("First line\nsecond line\n\n\nNew paragraph")
    assert html == "<p>First line<br>second line</p><p>New paragraph</p>"
